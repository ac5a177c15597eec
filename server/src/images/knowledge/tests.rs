use super::*;

/// The images the hovers and rules are expected to know about.
const EXPECTED_IMAGES: &[&str] = &[
    "python",
    "node",
    "golang",
    "rust",
    "eclipse-temurin",
    "amazoncorretto",
    "openjdk",
    "maven",
    "gradle",
    "ruby",
    "php",
    "perl",
    "mcr.microsoft.com/dotnet/aspnet",
    "gcc",
    "nginx",
    "httpd",
    "caddy",
    "traefik",
    "haproxy",
    "postgres",
    "mysql",
    "mariadb",
    "mongo",
    "redis",
    "memcached",
    "rabbitmq",
    "elasticsearch",
    "busybox",
    "alpine",
    "debian",
    "ubuntu",
    "fedora",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "registry.access.redhat.com/ubi9/ubi",
    "gcr.io/distroless/static-debian12",
    "cgr.dev/chainguard/python",
    "scratch",
    "bash",
    "docker",
];

fn size_of(image_name: &str, variant: &str) -> f32 {
    let k = image(image_name).unwrap_or_else(|| panic!("no entry for {image_name}"));
    k.variants
        .iter()
        .find(|v| v.variant == variant)
        .unwrap_or_else(|| panic!("{image_name} has no {variant} variant"))
        .approx_compressed_mb
}

#[test]
fn every_expected_image_has_an_entry_with_content() {
    for name in EXPECTED_IMAGES {
        let k = image(name).unwrap_or_else(|| panic!("no knowledge for {name}"));
        assert!(!k.summary.trim().is_empty(), "{name}: empty summary");
        assert!(!k.typical_use.trim().is_empty(), "{name}: empty typical use");
        assert!(!k.recommended.trim().is_empty(), "{name}: empty recommendation");
        assert!(!k.title.trim().is_empty(), "{name}: empty title");
        if k.name == "scratch" {
            // The empty image has nothing to download; it must say so instead.
            assert!(k.variants.is_empty());
            assert!(k.summary.contains("0 bytes"));
        } else {
            assert!(!k.variants.is_empty(), "{name}: no variant sizes");
        }
    }
}

#[test]
fn sizes_are_positive_and_variants_are_described() {
    for k in all_images() {
        for v in k.variants {
            assert!(
                v.approx_compressed_mb.is_finite() && v.approx_compressed_mb > 0.0,
                "{}:{} has size {}",
                k.name,
                v.example_tag,
                v.approx_compressed_mb
            );
            assert!(!v.variant.is_empty() && !v.example_tag.is_empty() && !v.when.is_empty());
        }
        let mut ids: Vec<_> = k.variants.iter().map(|v| v.variant).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), k.variants.len(), "{}: duplicate variant id", k.name);
    }
}

#[test]
fn python_sizes_match_the_briefs_download_figures() {
    let slim = size_of("python", "slim");
    let alpine = size_of("python", "alpine");
    let full = size_of("python", "default");
    assert!((40.0..=50.0).contains(&slim), "python slim {slim}");
    assert!((20.0..=30.0).contains(&alpine), "python alpine {alpine}");
    // ~0.4 GB compressed; the ~1 GB figure is the unpacked size and must not appear here.
    assert!((350.0..=450.0).contains(&full), "python full {full}");
    let ratio = full / slim;
    assert!((7.0..=12.0).contains(&ratio), "full/slim ratio {ratio}");
    assert!(alpine < slim && slim < full);
}

#[test]
fn os_base_sizes_are_download_scale() {
    assert!(size_of("alpine", "default") <= 5.0);
    assert!(size_of("busybox", "default") < size_of("alpine", "default"));
    assert!(size_of("debian", "slim") < size_of("debian", "default"));
    assert!((25.0..=35.0).contains(&size_of("ubuntu", "noble")));
    assert!(size_of("eclipse-temurin", "jre") < size_of("eclipse-temurin", "jdk"));
    assert!(size_of("nginx", "alpine-slim") < size_of("nginx", "alpine"));
}

#[test]
fn sizes_are_dated() {
    assert_eq!(SIZES_AS_OF, "2026-08");
}

#[test]
fn entry_names_are_unique_and_round_trip() {
    let mut names: Vec<_> = all_images().map(|k| k.name).collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "duplicate image entry");
    for k in all_images() {
        assert_eq!(image(k.name).map(|f| f.name), Some(k.name));
    }
}

#[test]
fn lookup_accepts_the_usual_reference_forms() {
    for form in [
        "python",
        "PYTHON",
        "library/python",
        "docker.io/library/python",
        "index.docker.io/library/python:3.12",
        "docker.io/python",
        "python:3.12-slim",
        "python:3.12-slim@sha256:0123456789abcdef",
        "public.ecr.aws/docker/library/python:3.12",
        "  python  ",
    ] {
        assert_eq!(image(form).map(|k| k.name), Some("python"), "{form}");
    }
    let family = |r: &str| image(r).map(|k| k.name);
    assert_eq!(family("gcr.io/distroless/static-debian12"), Some("gcr.io/distroless"));
    assert_eq!(family("gcr.io/distroless/java21-debian12:nonroot"), Some("gcr.io/distroless"));
    assert_eq!(family("cgr.dev/chainguard/python"), Some("cgr.dev/chainguard"));
    assert_eq!(family("cgr.dev/chainguard/node:latest-dev"), Some("cgr.dev/chainguard"));
    for dotnet in [
        "mcr.microsoft.com/dotnet/aspnet",
        "mcr.microsoft.com/dotnet/sdk:10.0",
        "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled",
        "mcr.microsoft.com/dotnet/runtime",
    ] {
        assert_eq!(family(dotnet), Some("mcr.microsoft.com/dotnet"), "{dotnet}");
    }
    for ubi in [
        "registry.access.redhat.com/ubi9/ubi-minimal",
        "registry.access.redhat.com/ubi9/ubi",
        "registry.access.redhat.com/ubi9",
        "registry.redhat.io/ubi10/ubi-micro:latest",
        "redhat/ubi9-minimal",
    ] {
        assert_eq!(family(ubi), Some("registry.access.redhat.com/ubi"), "{ubi}");
    }
    assert_eq!(family("rockylinux/rockylinux:9"), Some("rockylinux"));
}

#[test]
fn lookup_rejects_lookalikes() {
    for other in [
        "",
        "   ",
        "pythonx",
        "myorg/python",
        "localhost:5000/python",
        "ghcr.io/someone/node",
        "gcr.io/distrolessfoo",
        "mcr.microsoft.com/dotnet/monitor",
        "registry.access.redhat.com/ubi9/nodejs-20",
        "registry.access.redhat.com/ubiquity",
    ] {
        assert_eq!(image(other).map(|k| k.name), None, "{other}");
    }
}

#[test]
fn variant_kinds_cover_the_tag_words() {
    let kind = |w: &str| variant(w).map(|v| v.kind);
    assert_eq!(kind("slim"), Some("slim"));
    assert_eq!(kind("-slim"), Some("slim"));
    assert_eq!(kind("slim-trixie"), Some("slim"));
    assert_eq!(kind("bookworm-slim"), Some("slim"));
    assert_eq!(kind("full"), Some("default"));
    assert_eq!(kind("alpine"), Some("alpine"));
    assert_eq!(kind("alpine3.22"), Some("alpine"));
    assert_eq!(kind("alpine-3.22"), Some("alpine"));
    assert_eq!(kind("bookworm"), Some("debian-suite"));
    assert_eq!(kind("Trixie"), Some("debian-suite"));
    assert_eq!(kind("noble"), Some("ubuntu-release"));
    assert_eq!(kind("windowsservercore-ltsc2022"), Some("windowsservercore"));
    assert_eq!(kind("nanoserver-ltsc2025"), Some("nanoserver"));
    assert_eq!(kind("scratch"), Some("scratch"));
    assert_eq!(kind("distroless"), Some("distroless"));
    assert_eq!(kind("latest-dev"), Some("chainguard-dev"));
    assert_eq!(kind("ubi9"), Some("ubi"));
    assert_eq!(kind("ubi9-minimal"), Some("ubi-minimal"));
    assert_eq!(kind("minimal"), Some("ubi-minimal"));
    assert_eq!(kind("ubi-micro"), Some("ubi-micro"));
    assert_eq!(kind("jre"), Some("jre"));
    assert_eq!(kind("jdk-alpine"), Some("jdk"));
    assert_eq!(kind("noble-chiseled"), Some("chiseled"));
    for typo in ["slimm", "alpnie", "bookwrom", "alpinefoo", "ubi9-tiny", "", "latest"] {
        let found = if typo.is_empty() { None } else { kind(typo) };
        assert_eq!(found, None, "{typo}");
    }
}

#[test]
fn every_variant_kind_is_complete_and_reachable() {
    for v in all_variants() {
        assert_eq!(variant(v.kind).map(|f| f.kind), Some(v.kind));
        assert!(!v.summary.is_empty() && !v.pick_when.is_empty() && !v.tradeoffs.is_empty());
    }
    let shell = |k: &str| variant(k).and_then(|v| v.has_shell);
    assert_eq!(shell("scratch"), Some(false));
    assert_eq!(shell("distroless"), Some(false));
    assert_eq!(shell("chainguard"), Some(false));
    assert_eq!(shell("chainguard-dev"), Some(true));
    assert_eq!(shell("alpine"), Some(true));
    let pm = |k: &str| variant(k).and_then(|v| v.package_manager);
    assert_eq!(pm("alpine"), Some("apk"));
    assert_eq!(pm("slim"), Some("apt-get"));
    assert_eq!(pm("ubi-minimal"), Some("microdnf"));
    assert_eq!(pm("distroless"), None);
    assert_eq!(pm("chiseled"), None);
}

#[test]
fn base_image_env_knows_the_language_variables() {
    let (python, complete) = base_image_env("python:3.12-slim").expect("python env");
    assert!(complete);
    for v in ["PATH", "PYTHON_VERSION", "PYTHON_SHA256", "GPG_KEY", "LANG"] {
        assert!(python.contains(&v), "python lacks {v}");
    }
    assert!(!python.contains(&"NODE_VERSION"));

    let (node, _) = base_image_env("node:24-alpine").expect("node env");
    assert!(node.contains(&"NODE_VERSION") && node.contains(&"YARN_VERSION"));
    let (go, _) = base_image_env("golang").expect("golang env");
    assert!(go.contains(&"GOPATH") && go.contains(&"GOTOOLCHAIN"));
    let (pg, _) = base_image_env("postgres:18").expect("postgres env");
    assert!(pg.contains(&"PGDATA") && pg.contains(&"PG_MAJOR"));
    let (dotnet, _) = base_image_env("mcr.microsoft.com/dotnet/aspnet:10.0").expect("dotnet");
    assert!(dotnet.contains(&"APP_UID") && dotnet.contains(&"ASPNET_VERSION"));

    assert_eq!(base_image_env("alpine:3.24"), Some((&["PATH"][..], true)));
    assert_eq!(base_image_env("debian:trixie-slim"), Some((&["PATH"][..], true)));
    // Built on varying parents: the list is a floor, not the whole truth.
    assert_eq!(base_image_env("maven").map(|(_, c)| c), Some(false));
    assert_eq!(base_image_env("myorg/custom-base"), None);
}

#[test]
fn env_lists_include_path_and_have_no_duplicates() {
    for k in all_images() {
        assert!(k.env.contains(&"PATH"), "{} env lacks PATH", k.name);
        let mut names = k.env.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), k.env.len(), "{}: duplicate env name", k.name);
    }
}

#[test]
fn musl_wheel_list_flags_source_builds_only() {
    let pkg = |r: &str| no_musl_wheel(r).map(|p| p.package);
    assert_eq!(pkg("psycopg2==2.9.9"), Some("psycopg2"));
    assert_eq!(pkg("psycopg2"), Some("psycopg2"));
    assert_eq!(pkg("Python_LDAP>=3.4"), Some("python-ldap"));
    assert_eq!(pkg("python.ldap"), Some("python-ldap"));
    assert_eq!(pkg("uWSGI[ssl]~=2.0"), Some("uwsgi"));
    assert_eq!(pkg("\"mysqlclient<3\""), Some("mysqlclient"));
    assert_eq!(pkg("psycopg2 ; python_version < '3.13'"), Some("psycopg2"));
    assert_eq!(pkg("psycopg2 @ https://example.invalid/p.tar.gz"), Some("psycopg2"));
    assert_eq!(pkg("cx_Oracle"), Some("cx-oracle"));
    assert_eq!(pkg("psycopg[c]"), Some("psycopg-c"));
    assert_eq!(pkg("psycopg[binary,pool]"), None);
    assert_eq!(pkg("psycopg"), None);
    for fine in [
        "psycopg2-binary",
        "psycopg2_binary==2.9.9",
        "numpy",
        "pandas",
        "Pillow",
        "pillow>=10",
        "cryptography",
        "lxml",
        "scipy",
        "grpcio",
        "pyuwsgi",
        "oracledb",
    ] {
        assert_eq!(pkg(fine), None, "{fine} ships musllinux wheels");
    }
    for not_a_requirement in ["", "-r requirements.txt", "--no-cache-dir", "./vendor/pkg", "https://x/y"] {
        assert_eq!(pkg(not_a_requirement), None, "{not_a_requirement}");
    }
}

#[test]
fn musl_wheel_entries_are_consistent() {
    let list = python_packages_without_musl_wheels();
    assert!(list.len() >= 10);
    for p in list {
        assert_eq!(no_musl_wheel(p.package).map(|f| f.package), Some(p.package));
        assert!(!p.note.is_empty());
        if !p.alpine_build_deps.is_empty() {
            assert!(p.alpine_build_deps.contains(&"build-base"), "{}: a source build needs a compiler", p.package);
        }
    }
    let psycopg2 = no_musl_wheel("psycopg2").expect("psycopg2");
    assert!(psycopg2.also_needs_tools_on_slim);
    let pycurl = no_musl_wheel("pycurl").expect("pycurl");
    assert!(!pycurl.also_needs_tools_on_slim, "pycurl has manylinux wheels");
    let torch = no_musl_wheel("torch").expect("torch");
    assert!(torch.alpine_build_deps.is_empty(), "torch cannot be built on Alpine");
}

#[test]
fn package_managers_by_family() {
    assert!(package_managers(OsFamily::Debian).contains(&"apt-get"));
    assert!(package_managers(OsFamily::Ubuntu).contains(&"apt-get"));
    assert_eq!(package_managers(OsFamily::Alpine), &["apk"]);
    assert_eq!(package_managers(OsFamily::Wolfi), &["apk"]);
    assert!(package_managers(OsFamily::Rhel).contains(&"microdnf"));
    assert!(package_managers(OsFamily::Fedora).contains(&"dnf"));
    assert!(package_managers(OsFamily::AmazonLinux).contains(&"yum"));
    assert_eq!(package_managers(OsFamily::OpenSuse)[0], "zypper");
    for none in [OsFamily::Scratch, OsFamily::Distroless, OsFamily::Busybox, OsFamily::Windows] {
        assert!(package_managers(none).is_empty(), "{none:?}");
    }
    assert!(package_managers_for("Rocky").is_some_and(|p| p.contains(&"dnf")));
    assert!(package_managers_for("ubuntu").is_some_and(|p| p.contains(&"apt-get")));
    assert_eq!(package_managers_for("plan9"), None);
}

#[test]
fn os_family_follows_tag_then_image_default() {
    let cases = [
        ("python:3.12-alpine", Some(OsFamily::Alpine)),
        ("python:3.12-alpine3.22", Some(OsFamily::Alpine)),
        ("python:3.12-slim", Some(OsFamily::Debian)),
        ("python:3.12", Some(OsFamily::Debian)),
        ("python:3.12-windowsservercore-ltsc2022", Some(OsFamily::Windows)),
        ("node:24-bookworm-slim", Some(OsFamily::Debian)),
        ("eclipse-temurin:21-jre", Some(OsFamily::Ubuntu)),
        ("eclipse-temurin:21-jre-alpine", Some(OsFamily::Alpine)),
        ("eclipse-temurin:21-jdk-ubi9-minimal", Some(OsFamily::Rhel)),
        ("maven:3-amazoncorretto-21", Some(OsFamily::AmazonLinux)),
        ("maven:3-amazoncorretto-21-debian", Some(OsFamily::Debian)),
        ("mysql:8.4", Some(OsFamily::Rhel)),
        ("almalinux:9-minimal", Some(OsFamily::Rhel)),
        ("caddy:2", Some(OsFamily::Alpine)),
        ("busybox:musl", Some(OsFamily::Busybox)),
        ("scratch", Some(OsFamily::Scratch)),
        ("gcr.io/distroless/static-debian12", Some(OsFamily::Distroless)),
        ("cgr.dev/chainguard/python:latest", Some(OsFamily::Distroless)),
        ("cgr.dev/chainguard/python:latest-dev", Some(OsFamily::Wolfi)),
        ("cgr.dev/chainguard/wolfi-base", Some(OsFamily::Wolfi)),
        ("mcr.microsoft.com/dotnet/aspnet:8.0", Some(OsFamily::Debian)),
        ("mcr.microsoft.com/dotnet/aspnet:10.0", Some(OsFamily::Ubuntu)),
        ("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", Some(OsFamily::Distroless)),
        ("mcr.microsoft.com/dotnet/sdk:10.0-alpine", Some(OsFamily::Alpine)),
        ("mcr.microsoft.com/dotnet/sdk:10.0-azurelinux3.0", Some(OsFamily::AzureLinux)),
        ("registry.access.redhat.com/ubi9/ubi-minimal", Some(OsFamily::Rhel)),
        ("myorg/app:1.2.3", None),
        ("", None),
    ];
    for (reference, expected) in cases {
        assert_eq!(os_family_of(reference), expected, "{reference}");
    }
}
