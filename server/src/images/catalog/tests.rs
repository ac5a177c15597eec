//! Behaviour tests for the catalog, against the embedded snapshot (2026-08-21).
//!
//! Dates come from endoflife.date as recorded in the snapshot; every test passes a
//! fixed `today` so results do not depend on the clock.

use super::*;

fn day(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("bad date {text}"))
}

/// The day most tests judge on.
fn today() -> Date {
    day("2026-11-28")
}

fn resolve(name: &str, tag: Option<&str>) -> Resolution {
    catalog().resolve(name, tag, today())
}

fn resolve_on(name: &str, tag: &str, on: &str) -> Resolution {
    catalog().resolve(name, Some(tag), day(on))
}

fn language_status(res: &Resolution) -> SupportStatus {
    res.language_support.as_ref().map_or(SupportStatus::Unknown, |s| s.status)
}

fn os_status(res: &Resolution) -> SupportStatus {
    res.os_support.as_ref().map_or(SupportStatus::Unknown, |s| s.status)
}

fn suggestion(res: &Resolution) -> Option<&str> {
    match &res.tag_status {
        TagStatus::Nonexistent { suggestion, .. } => suggestion.as_deref(),
        _ => None,
    }
}

fn os_of(res: &Resolution) -> (OsFamily, Option<&str>, Option<&str>) {
    match &res.os {
        Some(os) => (os.family, os.version.as_deref(), os.codename.as_deref()),
        None => panic!("{}:{} has no OS", res.name, res.tag),
    }
}

/// What a user sees about the base: tag verdict, OS, libc, package manager, shell.
struct Expect {
    name: &'static str,
    tag: Option<&'static str>,
    status: TagStatus,
    version: Option<&'static str>,
    variant: VariantKind,
    os: (OsFamily, Option<&'static str>, Option<&'static str>),
    libc: Libc,
    pm: PackageManager,
    shell: Option<bool>,
}

#[test]
fn resolves_what_official_tags_are() {
    use OsFamily as F;
    let debian13 = (F::Debian, Some("13"), Some("trixie"));
    let cases = [
        Expect {
            name: "python",
            tag: Some("3.12-slim"),
            status: TagStatus::Current,
            version: Some("3.12"),
            variant: VariantKind::Slim,
            os: debian13,
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "python",
            tag: Some("3.12-alpine"),
            status: TagStatus::Current,
            version: Some("3.12"),
            variant: VariantKind::Alpine { version: None },
            os: (F::Alpine, Some("3.24"), None),
            libc: Libc::Musl,
            pm: PackageManager::Apk,
            shell: Some(true),
        },
        Expect {
            name: "python",
            tag: Some("3.12"),
            status: TagStatus::Current,
            version: Some("3.12"),
            variant: VariantKind::Default,
            os: debian13,
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "python",
            tag: Some("latest"),
            status: TagStatus::Current,
            version: Some("3.14.7"),
            variant: VariantKind::Default,
            os: debian13,
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "node",
            tag: Some("lts-alpine"),
            status: TagStatus::Current,
            version: Some("24.19.0"),
            variant: VariantKind::Alpine { version: None },
            os: (F::Alpine, Some("3.24"), None),
            libc: Libc::Musl,
            pm: PackageManager::Apk,
            shell: Some(true),
        },
        Expect {
            name: "node",
            tag: Some("22-bookworm-slim"),
            status: TagStatus::Current,
            version: Some("22"),
            variant: VariantKind::Slim,
            os: (F::Debian, Some("12"), Some("bookworm")),
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "golang",
            tag: Some("1.24-bookworm"),
            status: TagStatus::NotMaintained,
            version: Some("1.24"),
            variant: VariantKind::Debian { suite: "bookworm".into() },
            os: (F::Debian, Some("12"), Some("bookworm")),
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "debian",
            tag: Some("bookworm"),
            status: TagStatus::Current,
            version: Some("12"),
            variant: VariantKind::OsRelease,
            os: (F::Debian, Some("12"), Some("bookworm")),
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "debian",
            tag: Some("bookworm-slim"),
            status: TagStatus::Current,
            version: Some("12"),
            variant: VariantKind::Slim,
            os: (F::Debian, Some("12"), Some("bookworm")),
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "ubuntu",
            tag: Some("noble"),
            status: TagStatus::Current,
            version: Some("24.04"),
            variant: VariantKind::OsRelease,
            os: (F::Ubuntu, Some("24.04"), Some("noble")),
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "ubuntu",
            tag: Some("20.04"),
            status: TagStatus::NotMaintained,
            version: Some("20.04"),
            variant: VariantKind::OsRelease,
            os: (F::Ubuntu, Some("20.04"), Some("focal")),
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "alpine",
            tag: Some("3.18"),
            status: TagStatus::NotMaintained,
            version: Some("3.18"),
            variant: VariantKind::OsRelease,
            os: (F::Alpine, Some("3.18"), None),
            libc: Libc::Musl,
            pm: PackageManager::Apk,
            shell: Some(true),
        },
        Expect {
            name: "eclipse-temurin",
            tag: Some("21-jre-alpine"),
            status: TagStatus::Current,
            version: Some("21"),
            variant: VariantKind::Alpine { version: None },
            os: (F::Alpine, Some("3.24"), None),
            libc: Libc::Musl,
            pm: PackageManager::Apk,
            shell: Some(true),
        },
        Expect {
            name: "eclipse-temurin",
            tag: Some("21-jdk-noble"),
            status: TagStatus::Current,
            version: Some("21"),
            variant: VariantKind::Ubuntu { release: "noble".into() },
            os: (F::Ubuntu, Some("24.04"), Some("noble")),
            libc: Libc::Glibc,
            pm: PackageManager::Apt,
            shell: Some(true),
        },
        Expect {
            name: "golang",
            tag: Some("1.27-windowsservercore-ltsc2022"),
            status: TagStatus::Current,
            version: Some("1.27"),
            variant: VariantKind::WindowsServerCore { ltsc: Some("ltsc2022".into()) },
            os: (F::Windows, Some("ltsc2022"), None),
            libc: Libc::None,
            pm: PackageManager::None,
            shell: Some(true),
        },
        Expect {
            name: "golang",
            tag: Some("1.27-nanoserver-ltsc2025"),
            status: TagStatus::Current,
            version: Some("1.27"),
            variant: VariantKind::NanoServer { ltsc: Some("ltsc2025".into()) },
            os: (F::Windows, Some("ltsc2025"), None),
            libc: Libc::None,
            pm: PackageManager::None,
            shell: Some(true),
        },
    ];
    for case in cases {
        let res = resolve(case.name, case.tag);
        let what = format!("{}:{:?}", case.name, case.tag);
        assert!(res.official && res.known_image, "{what}");
        assert_eq!(res.tag_status, case.status, "{what}");
        assert_eq!(res.version.as_deref(), case.version, "{what}");
        assert_eq!(res.variant.kind, case.variant, "{what}");
        assert_eq!(os_of(&res), case.os, "{what}");
        assert_eq!(res.libc, case.libc, "{what}");
        assert_eq!(res.package_manager, case.pm, "{what}");
        assert_eq!(res.has_shell, case.shell, "{what}");
    }
}

#[test]
fn variant_suffix_is_the_tag_without_version_words() {
    for (name, tag, suffix) in [
        ("python", "3.12.14-slim-trixie", "slim-trixie"),
        ("python", "3.12-alpine3.24", "alpine3.24"),
        ("node", "22-bookworm-slim", "bookworm-slim"),
        ("node", "lts-alpine", "alpine"),
        ("python", "3.12", ""),
        ("eclipse-temurin", "21.0.12_8-jre-alpine-3.24", "jre-alpine-3.24"),
    ] {
        assert_eq!(resolve(name, Some(tag)).variant.suffix, suffix, "{name}:{tag}");
    }
}

#[test]
fn latest_and_no_tag_resolve_to_what_latest_points_at_today() {
    let explicit = resolve("python", Some("latest"));
    let implicit = resolve("python", None);
    assert_eq!(implicit.tag, "latest");
    assert_eq!(implicit.latest_resolves_to.as_deref(), Some("3.14.7-trixie"));
    assert_eq!(explicit.latest_resolves_to, implicit.latest_resolves_to);
    assert!(implicit.buildpack_deps, "python's default variant is the full buildpack-deps image");
    assert!(!resolve("python", Some("3.12-slim")).buildpack_deps);
    // latest of alpine is the newest release, and floats with it.
    assert_eq!(resolve("alpine", None).latest_resolves_to.as_deref(), Some("3.24.1"));
    assert_eq!(resolve("alpine", Some("3")).os_support.map(|s| s.cycle), Some("3.24".to_owned()));
    // A pinned tag does not claim to be latest.
    assert_eq!(resolve("python", Some("3.12-slim")).latest_resolves_to, None);
}

#[test]
fn aliases_are_tags_of_the_same_build_only() {
    let res = resolve("python", Some("3.12-slim"));
    assert_eq!(res.pinned.as_deref(), Some("3.12.14-slim-trixie"));
    for alias in ["3.12.14-slim-trixie", "3.12-slim-trixie", "3.12.14-slim"] {
        assert!(res.aliases.iter().any(|a| a == alias), "{alias} in {:?}", res.aliases);
    }
    for other in ["3.12-slim", "3.12-slim-bookworm", "3.12", "3.13-slim"] {
        assert!(!res.aliases.iter().any(|a| a == other), "{other} in {:?}", res.aliases);
    }
    assert_eq!(catalog().same_image_tags("python", "3.12-slim"), res.aliases);
    assert_eq!(catalog().pinned_equivalent("python", "3.12-slim").as_deref(), Some("3.12.14-slim-trixie"));
}

#[test]
fn architectures_come_from_the_build() {
    let trixie = resolve("python", Some("3.12-slim-trixie")).architectures;
    let bookworm = resolve("python", Some("3.12-slim-bookworm")).architectures;
    assert!(trixie.iter().any(|a| a == "riscv64"), "{trixie:?}");
    assert!(!bookworm.iter().any(|a| a == "riscv64"), "{bookworm:?}");
    assert!(bookworm.iter().any(|a| a == "arm64v8"));
    let windows = resolve("golang", Some("1.27-windowsservercore-ltsc2022")).architectures;
    assert_eq!(windows, ["windows-amd64"]);
}

#[test]
fn old_versions_are_not_maintained_and_past_end_of_life_not_nonexistent() {
    let res = resolve("python", Some("3.8-slim"));
    assert_eq!(res.tag_status, TagStatus::NotMaintained);
    assert_eq!(language_status(&res), SupportStatus::EndOfLife { since: Some(day("2024-10-07")) });
    assert_eq!(res.variant.kind, VariantKind::Slim);
    assert_eq!(res.os.as_ref().map(|o| o.family), Some(OsFamily::Debian));

    // Tags that existed once, in shapes the catalog no longer uses.
    for (name, tag) in [
        ("python", "3.12-bullseye"),
        ("python", "3.9-slim-buster"),
        ("python", "3.6-onbuild"),
        ("node", "20-alpine3.18"),
        ("node", "iron"),
        ("node", "14"),
        ("debian", "buster"),
        ("debian", "10"),
        ("ubuntu", "focal"),
        ("ubuntu", "18.04"),
        ("alpine", "3.16"),
        ("openjdk", "11-jre-slim"),
        ("openjdk", "8-jdk-alpine"),
        ("golang", "1.20-alpine3.17"),
    ] {
        assert_eq!(resolve(name, Some(tag)).tag_status, TagStatus::NotMaintained, "{name}:{tag}");
    }
    // node:iron is Node.js 20 by its LTS codename.
    let iron = resolve("node", Some("iron"));
    assert_eq!(iron.version.as_deref(), Some("20"));
    assert_eq!(language_status(&iron), SupportStatus::EndOfLife { since: Some(day("2026-04-30")) });
}

#[test]
fn misspelt_words_and_unreleased_versions_are_nonexistent_with_a_suggestion() {
    for (name, tag, expected) in [
        ("python", "3.12-slimm", "3.12-slim"),
        ("node", "22-alpnie", "22-alpine"),
        ("debian", "bookwrom", "bookworm"),
        ("debian", "bookwrom-slim", "bookworm-slim"),
        ("python", "3.12-slim-bookwrom", "3.12-slim-bookworm"),
        ("python", "3.99", "3.14"),
        ("python", "3.99-slim", "3.14-slim"),
        ("node", "99-alpine", "26-alpine"),
    ] {
        let res = resolve(name, Some(tag));
        assert!(matches!(res.tag_status, TagStatus::Nonexistent { .. }), "{name}:{tag} is {:?}", res.tag_status);
        assert_eq!(suggestion(&res), Some(expected), "{name}:{tag}");
    }
    // The reason names the offending word or version.
    match resolve("python", Some("3.12-slimm")).tag_status {
        TagStatus::Nonexistent { reason, .. } => assert!(reason.contains("slimm"), "{reason}"),
        other => panic!("{other:?}"),
    }
    match resolve("python", Some("3.99")).tag_status {
        TagStatus::Nonexistent { reason, .. } => assert!(reason.contains("3.99"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // A version that never existed has no support dates.
    assert_eq!(resolve("python", Some("3.99")).language_support, None);
}

#[test]
fn words_the_snapshot_cannot_judge_get_no_verdict() {
    // Not close to any word python uses: maybe a tag from long ago, maybe not.
    assert_eq!(resolve("python", Some("3.12-foo")).tag_status, TagStatus::Unknown);
    // A patch release newer than the snapshot's newest may exist by now.
    assert_eq!(resolve("python", Some("3.12.99")).tag_status, TagStatus::Unknown);
    // An older patch release existed.
    assert_eq!(resolve("python", Some("3.12.1-slim")).tag_status, TagStatus::NotMaintained);
    // Images whose catalog has no `latest`.
    assert_eq!(resolve("elasticsearch", None).tag_status, TagStatus::Unknown);
}

#[test]
fn versions_just_beyond_the_snapshot_are_judged_against_today() {
    // 3.16 may have appeared since the snapshot; 3.17 cannot have, three months on.
    assert_eq!(resolve_on("python", "3.16", "2026-11-28").tag_status, TagStatus::Unknown);
    assert!(matches!(resolve_on("python", "3.17", "2026-11-28").tag_status, TagStatus::Nonexistent { .. }));
    // Two years later, 3.17 may well exist.
    assert_eq!(resolve_on("python", "3.17", "2028-09-01").tag_status, TagStatus::Unknown);
    assert!(matches!(resolve_on("python", "3.99", "2028-09-01").tag_status, TagStatus::Nonexistent { .. }));
}

#[test]
fn node_odd_majors_end_early_and_are_never_lts() {
    let res = resolve("node", Some("23"));
    assert_eq!(res.tag_status, TagStatus::NotMaintained);
    let support = res.language_support.unwrap_or_else(|| panic!("node 23 has support dates"));
    assert!(!support.lts);
    assert_eq!(support.status, SupportStatus::EndOfLife { since: Some(day("2025-06-01")) });
    let even = resolve("node", Some("22")).language_support.unwrap_or_else(|| panic!("node 22"));
    assert!(even.lts);
    assert_eq!(even.status, SupportStatus::EndingSoon { date: day("2027-04-30") });
    assert_eq!(language_status(&resolve("node", Some("24"))), SupportStatus::Supported);
    // Node 26 becomes LTS on 2026-10-28.
    let before = resolve_on("node", "26", "2026-09-01").language_support.map(|s| s.lts);
    let after = resolve_on("node", "26", "2026-11-28").language_support.map(|s| s.lts);
    assert_eq!((before, after), (Some(false), Some(true)));
}

#[test]
fn debian_lts_phase_is_extended_support_and_free() {
    let on = |date: &str| os_status(&resolve_on("debian", "bookworm", date));
    assert_eq!(on("2026-01-01"), SupportStatus::Supported);
    assert_eq!(on("2026-01-11"), SupportStatus::EndingSoon { date: day("2026-07-11") });
    let lts = on("2026-11-28");
    assert_eq!(lts, SupportStatus::ExtendedOnly { eol: day("2026-07-11"), eoes: Some(day("2028-06-30")), paid: false });
    assert!(!lts.past_free_support());
    assert_eq!(on("2028-07-01"), SupportStatus::EndOfLife { since: Some(day("2026-07-11")) });
}

#[test]
fn ubuntu_after_standard_support_only_has_paid_esm() {
    let res = resolve("ubuntu", Some("20.04"));
    let status = os_status(&res);
    assert_eq!(
        status,
        SupportStatus::ExtendedOnly { eol: day("2025-05-31"), eoes: Some(day("2030-04-02")), paid: true }
    );
    assert!(status.past_free_support());
    assert_eq!(os_status(&resolve("ubuntu", Some("noble"))), SupportStatus::Supported);
    assert_eq!(os_status(&resolve("ubuntu", Some("focal"))), status);
}

#[test]
fn alpine_minors_have_their_own_dates_and_3_floats() {
    assert_eq!(
        os_status(&resolve("alpine", Some("3.18"))),
        SupportStatus::EndOfLife { since: Some(day("2025-05-09")) }
    );
    assert_eq!(os_status(&resolve("alpine", Some("3.22"))), SupportStatus::EndingSoon { date: day("2027-05-01") });
    assert_eq!(os_status(&resolve_on("alpine", "3.22", "2026-08-01")), SupportStatus::Supported);
    assert_eq!(os_status(&resolve("alpine", Some("3"))), SupportStatus::Supported);
    // For a language image on Alpine, the Alpine minor is the OS clock.
    let res = resolve("python", Some("3.12-alpine3.23"));
    assert_eq!(res.os_support.map(|s| s.cycle), Some("3.23".to_owned()));
}

#[test]
fn language_images_carry_two_clocks() {
    let res = resolve("golang", Some("1.24-bookworm"));
    assert_eq!(language_status(&res), SupportStatus::EndOfLife { since: Some(day("2026-02-10")) });
    assert!(matches!(os_status(&res), SupportStatus::ExtendedOnly { paid: false, .. }));
    assert_eq!(res.worst_support().map(|s| s.product.as_str()), Some("go"));

    // Python 3.14 is fine; the bookworm under it is the problem.
    let res = resolve("python", Some("3.14-bookworm"));
    assert_eq!(language_status(&res), SupportStatus::Supported);
    assert_eq!(res.worst_support().map(|s| s.product.as_str()), Some("debian"));

    // Python 3.12: supported until 2028-10-31, on Debian 13.
    let res = resolve("python", Some("3.12-slim"));
    let language = res.language_support.as_ref().map(|s| (s.cycle.as_str(), s.eol));
    assert_eq!(language, Some(("3.12", Some(day("2028-10-31")))));
    assert_eq!(res.os_support.as_ref().map(|s| s.cycle.as_str()), Some("13"));
}

#[test]
fn deprecated_images_name_their_successors() {
    let res = resolve("openjdk", Some("21"));
    let deprecation = res.deprecated.clone().unwrap_or_else(|| panic!("openjdk is deprecated"));
    for successor in ["eclipse-temurin", "amazoncorretto", "sapmachine"] {
        assert!(deprecation.successors.iter().any(|s| s == successor), "{successor}");
    }
    assert_eq!(res.tag_status, TagStatus::NotMaintained);
    assert!(language_status(&res).is_end_of_life());
    assert_eq!(resolve("python", Some("3.12")).deprecated, None);
    // Removed images keep their name but no tag is maintained.
    let gone = resolve("mongo-express", Some("1.0"));
    assert!(gone.official && gone.deprecated.is_some());
    assert_eq!(gone.tag_status, TagStatus::NotMaintained);
}

#[test]
fn suite_named_tags_of_build_images_know_their_os() {
    let res = resolve("buildpack-deps", Some("bookworm"));
    assert_eq!(os_of(&res), (OsFamily::Debian, Some("12"), Some("bookworm")));
    assert!(matches!(os_status(&res), SupportStatus::ExtendedOnly { paid: false, .. }));
    let res = resolve("buildpack-deps", Some("noble-curl"));
    assert_eq!(os_of(&res), (OsFamily::Ubuntu, Some("24.04"), Some("noble")));
}

#[test]
fn scratch_is_the_empty_reserved_image() {
    let res = resolve("scratch", None);
    assert!(res.reserved && res.official && res.known_image);
    assert_eq!(res.tag_status, TagStatus::Current);
    assert_eq!(res.has_shell, Some(false));
    assert_eq!(res.libc, Libc::None);
    assert_eq!(res.package_manager, PackageManager::None);
    assert_eq!(res.os.map(|o| o.family), Some(OsFamily::None));
    assert!(matches!(resolve("scratch", Some("latest")).tag_status, TagStatus::Nonexistent { .. }));
    assert!(catalog().is_official("scratch"));
}

#[test]
fn distroless_has_a_shell_only_in_debug() {
    let res = resolve("gcr.io/distroless/static-debian12", Some("nonroot"));
    assert!(res.known_image && !res.official);
    assert_eq!(res.tag_status, TagStatus::Unknown);
    assert_eq!(os_of(&res), (OsFamily::Debian, Some("12"), Some("bookworm")));
    assert_eq!((res.libc, res.package_manager, res.has_shell), (Libc::None, PackageManager::None, Some(false)));
    assert!(matches!(os_status(&res), SupportStatus::ExtendedOnly { .. }));

    let debug = resolve("gcr.io/distroless/base-debian12", Some("debug"));
    assert_eq!((debug.libc, debug.package_manager, debug.has_shell), (Libc::Glibc, PackageManager::None, Some(true)));
    let node = resolve("gcr.io/distroless/nodejs22-debian12", None);
    assert_eq!(node.version.as_deref(), Some("22"));
    assert_eq!(node.has_shell, Some(false));
    assert!(node.language_support.is_some());
    let typo = resolve("gcr.io/distroless/static-debian12", Some("nonrot"));
    assert_eq!(suggestion(&typo), Some("nonroot"));
}

#[test]
fn chainguard_dev_tags_have_shell_and_apk() {
    let dev = resolve("cgr.dev/chainguard/python", Some("latest-dev"));
    assert!(dev.known_image);
    assert_eq!(dev.os.as_ref().map(|o| o.family), Some(OsFamily::Wolfi));
    assert_eq!((dev.libc, dev.package_manager, dev.has_shell), (Libc::Glibc, PackageManager::Apk, Some(true)));
    let plain = resolve("cgr.dev/chainguard/python", Some("latest"));
    assert_eq!((plain.libc, plain.package_manager, plain.has_shell), (Libc::Glibc, PackageManager::None, Some(false)));
    assert_eq!(plain.tag_status, TagStatus::Unknown);
}

#[test]
fn dotnet_images_follow_microsoft_tag_patterns() {
    let res = resolve("mcr.microsoft.com/dotnet/aspnet", Some("8.0"));
    assert!(res.known_image && !res.official);
    assert_eq!(res.tag_status, TagStatus::Unknown);
    assert_eq!(os_of(&res), (OsFamily::Debian, Some("12"), Some("bookworm")));
    assert_eq!(res.package_manager, PackageManager::Apt);
    let support = res.language_support.as_ref().map(|s| (s.product.as_str(), s.cycle.as_str(), s.status));
    assert_eq!(support, Some(("dotnet", "8", SupportStatus::EndOfLife { since: Some(day("2026-11-10")) })));
    let before = resolve_on("mcr.microsoft.com/dotnet/aspnet", "8.0", "2026-08-01");
    assert_eq!(language_status(&before), SupportStatus::EndingSoon { date: day("2026-11-10") });

    let chiseled = resolve("mcr.microsoft.com/dotnet/runtime", Some("10.0-noble-chiseled"));
    assert_eq!(os_of(&chiseled), (OsFamily::Ubuntu, Some("24.04"), Some("noble")));
    assert_eq!((chiseled.package_manager, chiseled.has_shell), (PackageManager::None, Some(false)));
    let alpine = resolve("mcr.microsoft.com/dotnet/sdk", Some("9.0-alpine"));
    assert_eq!((alpine.libc, alpine.package_manager), (Libc::Musl, PackageManager::Apk));
    let ten = resolve("mcr.microsoft.com/dotnet/aspnet", Some("10.0"));
    assert_eq!(os_of(&ten).0, OsFamily::Ubuntu);
}

#[test]
fn ubi_flavours_differ_in_package_manager() {
    for (name, pm) in [
        ("registry.access.redhat.com/ubi9/ubi", PackageManager::Dnf),
        ("registry.access.redhat.com/ubi9", PackageManager::Dnf),
        ("registry.access.redhat.com/ubi9/ubi-minimal", PackageManager::Microdnf),
        ("registry.access.redhat.com/ubi9-minimal", PackageManager::Microdnf),
        ("registry.access.redhat.com/ubi9/ubi-micro", PackageManager::None),
        ("registry.access.redhat.com/ubi9-micro", PackageManager::None),
    ] {
        let res = resolve(name, Some("latest"));
        assert!(res.known_image, "{name}");
        assert_eq!(res.package_manager, pm, "{name}");
        assert_eq!(os_of(&res), (OsFamily::RhelLike, Some("9"), None), "{name}");
        assert_eq!(res.libc, Libc::Glibc);
    }
}

#[test]
fn windows_tags_report_windows_and_its_support() {
    let res = resolve("python", Some("3.14-windowsservercore-ltsc2022"));
    assert_eq!(res.variant.kind, VariantKind::WindowsServerCore { ltsc: Some("ltsc2022".into()) });
    assert_eq!(os_of(&res).0, OsFamily::Windows);
    let support = res.os_support.as_ref().map(|s| (s.product.as_str(), s.cycle.as_str()));
    assert_eq!(support, Some(("windows-server-core", "2022")));
    // A tag shared by Linux and Windows builds describes the Linux one.
    assert_eq!(os_of(&resolve("python", Some("3.14"))).0, OsFamily::Debian);
}

#[test]
fn unknown_images_get_no_verdict() {
    for (name, tag) in [("mycorp/app", Some("1.0")), ("bitnami/redis", None), ("ghcr.io/foo/bar", Some("x"))] {
        let res = resolve(name, tag);
        assert!(!res.official && !res.known_image, "{name}");
        assert_eq!(res.tag_status, TagStatus::Unknown);
        assert_eq!((res.libc, res.package_manager, res.has_shell), (Libc::Unknown, PackageManager::Unknown, None));
        assert_eq!(res.os, None);
    }
    assert!(!catalog().is_official("mycorp/app"));
    assert!(catalog().tags("mycorp/app").is_empty());
}

#[test]
fn names_and_snapshot() {
    let cat = catalog();
    assert_eq!(cat.snapshot_date(), day("2026-08-21"));
    let names: Vec<&str> = cat.official_names().collect();
    for name in ["python", "node", "debian", "alpine", "scratch", "eclipse-temurin"] {
        assert!(names.contains(&name), "{name}");
    }
    assert!(!names.contains(&"mongo-express"), "removed images are not offered");
    assert!(cat.is_official("python") && cat.is_official("openjdk"));
    assert!(
        cat.sources().iter().any(|s| s.repository == "docker-library/official-images" && s.license == "Apache-2.0")
    );
}

#[test]
fn tags_lists_every_catalog_tag_with_facts() {
    let tags = catalog().tags("python");
    assert_eq!(tags.len(), 150, "image-facts.json counts 150 python tags");
    let slim = tags.iter().find(|t| t.tag == "3.12-slim").unwrap_or_else(|| panic!("3.12-slim listed"));
    assert_eq!(slim.cycle.as_deref(), Some("3.12"));
    assert_eq!(slim.variant.kind, VariantKind::Slim);
    assert!(!slim.prerelease);
    assert!(tags.iter().find(|t| t.tag == "3.15-rc").is_some_and(|t| t.prerelease));
}

#[test]
fn ranking_puts_supported_slim_first_and_end_of_life_last() {
    let ranked = catalog().ranked_tags("python", today());
    assert_eq!(ranked.len(), 150);
    let first: Vec<&str> = ranked.iter().take(3).map(|r| r.tag.as_str()).collect();
    assert_eq!(first, ["3.14-slim", "3.14-slim-trixie", "3.14-slim-bookworm"]);
    // Each supported version starts with its floating slim tag, newest version first.
    let heads: Vec<&str> = ["3.14-slim", "3.13-slim", "3.12-slim", "3.11-slim"].to_vec();
    let positions: Vec<usize> =
        heads.iter().map(|t| ranked.iter().position(|r| r.tag == *t).unwrap_or(usize::MAX)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Floating before pinned.
    let pos = |tag: &str| ranked.iter().position(|r| r.tag == tag).unwrap_or(usize::MAX);
    assert!(pos("3.12-slim") < pos("3.12.14-slim-trixie"));
    // Pre-releases after supported versions; end of life (3.10 since 2026-10-31) last.
    assert!(pos("3.11-slim") < pos("3.15-rc-slim"));
    let first_eol = ranked.iter().position(|r| r.deprecated).unwrap_or(ranked.len());
    assert!(ranked[first_eol..].iter().all(|r| r.deprecated && r.tag.starts_with("3.10")));
    assert!(ranked[..first_eol].iter().all(|r| !r.tag.starts_with("3.10")));
    // sort_key is the position.
    assert!(ranked.iter().enumerate().all(|(i, r)| r.sort_key as usize == i));
    let detail = &ranked[pos("3.12-slim")].detail;
    assert_eq!(detail, "Python 3.12 · Debian 13 slim · supported until 2028-10-31");
}

#[test]
fn ranking_of_os_images_puts_the_plain_release_first() {
    let ranked = catalog().ranked_tags("debian", today());
    assert_eq!(ranked.first().map(|r| r.tag.as_str()), Some("13"));
    let pos = |tag: &str| ranked.iter().position(|r| r.tag == tag).unwrap_or(usize::MAX);
    assert!(pos("trixie") < pos("bookworm"));
    assert!(pos("bookworm") < pos("sid"));
    // bullseye's LTS ended 2026-08-31.
    assert!(ranked[pos("bullseye")].deprecated);
    assert!(!ranked[pos("bookworm")].deprecated, "bookworm is in LTS, not end of life");
}

#[test]
fn suggest_tag_corrects_words_and_versions() {
    let cat = catalog();
    for (name, bad, expected) in [
        ("python", "3.12-slimm", Some("3.12-slim")),
        ("node", "22-alpnie", Some("22-alpine")),
        ("debian", "bookwrom", Some("bookworm")),
        ("python", "3.12-alpnie3.24", Some("3.12-alpine3.24")),
        ("golang", "1.27-bookwrom", Some("1.27-bookworm")),
        ("python", "3.99-slim", Some("3.14-slim")),
        ("python", "3.12-slim", Some("3.12-slim")),
        ("mycorp/app", "1.0", None),
    ] {
        assert_eq!(cat.suggest_tag(name, bad).as_deref(), expected, "{name}:{bad}");
    }
}

#[test]
fn latest_equivalent_names_a_pinned_tag() {
    let cat = catalog();
    assert_eq!(cat.latest_equivalent("python").as_deref(), Some("3.14.7-trixie"));
    assert_eq!(cat.latest_equivalent("alpine").as_deref(), Some("3.24.1"));
    assert_eq!(cat.latest_equivalent("node").as_deref(), Some("26.7.0-trixie"));
    assert_eq!(cat.latest_equivalent("openjdk"), None, "openjdk has no latest tag");
}

#[test]
fn upgrade_target_keeps_the_variant() {
    let cat = catalog();
    let today = today();
    for (name, tag, expected) in [
        ("python", "3.8-slim", "3.14-slim"),
        ("python", "3.8-slim-buster", "3.14-slim"),
        ("python", "3.8-alpine3.16", "3.14-alpine"),
        ("python", "3.9", "3.14"),
        ("golang", "1.24-bookworm", "1.27-bookworm"),
        ("node", "23", "26"),
        ("alpine", "3.18", "3.24"),
        ("debian", "buster", "trixie"),
        ("debian", "10-slim", "13-slim"),
        ("ubuntu", "20.04", "26.04"),
    ] {
        assert_eq!(cat.newest_supported_same_variant(name, tag, today).as_deref(), Some(expected), "{name}:{tag}");
    }
    // On 2028-09-01 Debian 12 is past its LTS: bookworm variants are no upgrade target.
    assert_eq!(
        cat.newest_supported_same_variant("golang", "1.24-bookworm", day("2028-09-01")).as_deref(),
        Some("1.27")
    );
}

#[test]
fn every_catalog_tag_resolves_as_current_and_nothing_panics() {
    let cat = catalog();
    let today = today();
    for name in cat.official_names().collect::<Vec<_>>() {
        for info in cat.tags(name) {
            let res = cat.resolve(name, Some(&info.tag), today);
            assert_eq!(res.tag_status, TagStatus::Current, "{name}:{}", info.tag);
        }
        let ranked = cat.ranked_tags(name, today);
        assert_eq!(ranked.len(), cat.tags(name).len(), "{name}");
    }
    for weird in [
        "",
        "-",
        "--",
        "3..12",
        "v",
        "vv1",
        "99999999999999999999",
        "a-b-c-d-e-f",
        "é",
        "3.12-",
        "-slim",
        "latest-latest",
        "20260805.x",
    ] {
        for name in [
            "python",
            "debian",
            "node",
            "alpine",
            "mcr.microsoft.com/dotnet/sdk",
            "gcr.io/distroless/static",
            "registry.access.redhat.com/ubi9",
        ] {
            let _ = cat.resolve(name, Some(weird), today);
            let _ = cat.suggest_tag(name, weird);
            let _ = cat.newest_supported_same_variant(name, weird, today);
        }
    }
}
