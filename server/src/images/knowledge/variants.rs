//! What each kind of image variant means, independent of the image it belongs to.

use super::VariantKnowledge;

pub(super) static VARIANTS: &[VariantKnowledge] = &[
    VariantKnowledge {
        kind: "default",
        title: "Default (full) variant",
        summary: "The plain version tag, e.g. `python:3.12`: Debian with the buildpack-deps \
                  layers on top, so a C compiler, make, git and many -dev headers come \
                  preinstalled. It is the largest variant by far.",
        pick_when: "For build stages that compile native code, CI jobs and throwaway \
                    experiments. Copy the result into a slim, distroless or scratch stage \
                    instead of shipping this image.",
        tradeoffs: &[
            "Anything that needs a compiler or headers just builds: no apt-get step first",
            "Several hundred MB to download and far more on disk; a slower pull on every deploy",
            "More installed packages means more CVEs reported by scanners, most of them in \
             tools your application never runs",
        ],
        has_shell: Some(true),
        package_manager: Some("apt-get"),
    },
    VariantKnowledge {
        kind: "slim",
        title: "Slim variant",
        summary: "Debian (`-slim`, `-slim-trixie`, `trixie-slim` for Node) with only the \
                  packages the runtime needs. No compiler, no -dev headers, no git. For the \
                  `debian` image itself, `-slim` drops documentation, man pages and locales.",
        pick_when: "The usual production base for Python, Node, Ruby and similar \
                    interpreters: glibc compatibility with a fraction of the default \
                    variant's size.",
        tradeoffs: &[
            "glibc, so prebuilt binaries and manylinux wheels work as on any Linux desktop",
            "Native extensions without a prebuilt wheel need `build-essential` plus the \
             library's -dev package installed first (ideally in a separate build stage)",
            "Still has bash and apt-get, so debugging inside the container is easy",
        ],
        has_shell: Some(true),
        package_manager: Some("apt-get"),
    },
    VariantKnowledge {
        kind: "alpine",
        title: "Alpine variant",
        summary: "Built on Alpine Linux (`-alpine`, `-alpine3.22`): musl libc instead of glibc, \
                  BusyBox tools and the `apk` package manager. The smallest variant with a \
                  shell and a package manager.",
        pick_when: "When image size matters and everything you run is either pure \
                    interpreted code or available as an Alpine package or musl build. \
                    Great for Go and static binaries, riskier for Python with C extensions.",
        tradeoffs: &[
            "Tiny: the base is about 4 MB compressed",
            "musl is not glibc: binaries built for glibc do not run, and Python manylinux \
             wheels do not apply (only musllinux wheels do)",
            "Packages without a musllinux wheel compile from source, which needs build-base \
             and headers, takes long, sometimes fails, and can make the image bigger than \
             the slim one",
            "`/bin/sh` is BusyBox ash: there is no bash unless you `apk add bash`, and some \
             GNU tool flags are missing",
            "musl differs in DNS resolution, locale support and default thread stack size; \
             rare but hard-to-debug differences from glibc",
        ],
        has_shell: Some(true),
        package_manager: Some("apk"),
    },
    VariantKnowledge {
        kind: "debian-suite",
        title: "Debian release tag",
        summary: "A Debian codename in the tag (`-trixie` = Debian 13, `-bookworm` = 12, \
                  `-bullseye` = 11) pins the OS under the language runtime. Without it the \
                  image's maintainers choose, and the default moves to the new Debian \
                  release some time after it comes out.",
        pick_when: "Always, for reproducible builds: the tag says which Debian you get, so \
                    a rebuild never jumps to a new release and new library versions \
                    unannounced. Prefer the newest suite the image offers.",
        tradeoffs: &[
            "Predictable: library versions (OpenSSL, glibc, ICU) stay on one release line",
            "You have to move to the next suite yourself before the old one loses security \
             support",
        ],
        has_shell: Some(true),
        package_manager: Some("apt-get"),
    },
    VariantKnowledge {
        kind: "ubuntu-release",
        title: "Ubuntu release tag",
        summary: "An Ubuntu codename in the tag (`noble` = 24.04 LTS, `jammy` = 22.04 LTS, \
                  `resolute` = 26.04 LTS, `focal` = 20.04 LTS) pins the Ubuntu release \
                  underneath, as Debian codenames do for Debian-based images.",
        pick_when: "When you need Ubuntu's packages or its support window, e.g. for images \
                    built on Ubuntu such as eclipse-temurin or mariadb. Stick to LTS \
                    releases; interim releases get only nine months of updates.",
        tradeoffs: &[
            "LTS releases get five years of free security updates; after that only the paid \
             Ubuntu Pro (ESM) channel continues",
            "The Ubuntu base is somewhat bigger than debian-slim and newer releases have grown",
        ],
        has_shell: Some(true),
        package_manager: Some("apt-get"),
    },
    VariantKnowledge {
        kind: "windowsservercore",
        title: "Windows Server Core variant",
        summary: "A Windows container (`-windowsservercore-ltsc2022`, `…-ltsc2025`) built on \
                  Windows Server Core. It needs a Windows host running Windows containers, \
                  with a kernel version compatible with the tag's LTSC release.",
        pick_when: "Only when the application needs Windows: .NET Framework, Windows-only \
                    native libraries, or a Windows-only toolchain.",
        tradeoffs: &[
            "Gigabytes to download (the Server Core base alone is well over 1 GB compressed)",
            "The default shell is cmd; most images switch `SHELL` to PowerShell. POSIX shell \
             advice (set -e, &&-chains, apt-get) does not apply",
            "Runs on Windows hosts only; the host and image OS versions must be compatible",
        ],
        has_shell: Some(true),
        package_manager: None,
    },
    VariantKnowledge {
        kind: "nanoserver",
        title: "Windows Nano Server variant",
        summary: "A much smaller Windows container base (`-nanoserver-ltsc2022`, …). It has \
                  cmd but no PowerShell and no MSI installer support, and many Win32 APIs are \
                  missing.",
        pick_when: "For Windows-only workloads that are self-contained (Go binaries, \
                    .NET Core apps) and do not need the full Win32 API surface.",
        tradeoffs: &[
            "Far smaller than Server Core, still on the order of 100 MB compressed",
            "No PowerShell: RUN steps use cmd syntax, or you copy tools in from a Server \
             Core build stage",
            "Requires a Windows host with a compatible kernel version",
        ],
        has_shell: Some(true),
        package_manager: None,
    },
    VariantKnowledge {
        kind: "scratch",
        title: "scratch (empty image)",
        summary: "`FROM scratch` starts from nothing: no files, no shell, no libc, no CA \
                  certificates, no /etc/passwd, no time zone data. It is a reserved name, \
                  not an image you pull, and it takes no tag.",
        pick_when: "For fully static binaries (Go with CGO_ENABLED=0, Rust built for musl) \
                    when you want the smallest possible image and nothing else inside it.",
        tradeoffs: &[
            "Zero overhead and nothing for a scanner to flag besides your binary",
            "No shell: RUN cannot be used, and CMD/ENTRYPOINT must use the exec (JSON) form",
            "Copy in what the program needs yourself: CA certificates for TLS, zoneinfo for \
             time zones, a passwd entry or a numeric USER",
            "Nothing to debug with inside the container",
        ],
        has_shell: Some(false),
        package_manager: None,
    },
    VariantKnowledge {
        kind: "distroless",
        title: "Distroless",
        summary: "Google's `gcr.io/distroless/*` images: a Debian-derived runtime without a \
                  shell or package manager. `static` holds CA certificates, tzdata and a \
                  passwd file; `base` adds glibc and OpenSSL; `cc` adds libgcc and libstdc++; \
                  language images add a runtime (python3, java, nodejs).",
        pick_when: "As the final stage of a multi-stage build when you want glibc \
                    compatibility and a minimal attack surface: Go or Rust binaries on \
                    `static`/`cc`, JVM apps on `java`.",
        tradeoffs: &[
            "Very small and hardly anything for an attacker (or a scanner) to use",
            "No shell or package manager: no RUN steps, exec-form CMD/ENTRYPOINT only; \
             install everything in an earlier stage and COPY it across",
            "`:nonroot` tags run as UID 65532; `:debug` tags add a BusyBox shell for \
             troubleshooting and should not be shipped",
            "Only `latest`-style tags per Debian release (`-debian12`, `-debian13`): you do \
             not choose the language runtime's patch version",
        ],
        has_shell: Some(false),
        package_manager: None,
    },
    VariantKnowledge {
        kind: "chainguard",
        title: "Chainguard image (runtime tag)",
        summary: "`cgr.dev/chainguard/*` images built on Wolfi (glibc, apk packages). The \
                  runtime tags (`latest`) contain the application runtime only: no shell, \
                  no apk, and they run as a non-root user.",
        pick_when: "As the final stage when you want a minimal, frequently rebuilt image \
                    with few or no known CVEs and glibc compatibility.",
        tradeoffs: &[
            "Rebuilt continuously with current packages, so scanners usually report little",
            "No shell or package manager in the runtime tag: build in the `-dev` tag and \
             copy the result across",
            "The free tier offers only `latest` and `latest-dev`; pinning a specific version \
             tag requires a subscription, so pin by digest instead",
        ],
        has_shell: Some(false),
        package_manager: None,
    },
    VariantKnowledge {
        kind: "chainguard-dev",
        title: "Chainguard image (-dev tag)",
        summary: "The `-dev` tags of Chainguard images (`latest-dev`) add a shell, `apk` and \
                  build tooling on top of the runtime image.",
        pick_when: "For build stages that feed a Chainguard runtime image, or when you need \
                    to install extra Wolfi packages.",
        tradeoffs: &[
            "Same packages as the runtime tag, so what you build matches what you run",
            "Wolfi packages are not Alpine packages even though both use apk; use Wolfi \
             package names",
        ],
        has_shell: Some(true),
        package_manager: Some("apk"),
    },
    VariantKnowledge {
        kind: "ubi",
        title: "Red Hat UBI (standard)",
        summary: "Red Hat Universal Base Image (`registry.access.redhat.com/ubi9/ubi`): a \
                  freely redistributable subset of RHEL with dnf/yum and the UBI package \
                  repositories.",
        pick_when: "When you deploy on OpenShift or RHEL, need RHEL compatibility or Red \
                    Hat support, or your vendor certifies only RHEL.",
        tradeoffs: &[
            "RHEL's long support window and ABI stability",
            "Only the UBI subset of RHEL packages is available without a subscription",
            "Bigger than the minimal and micro variants",
        ],
        has_shell: Some(true),
        package_manager: Some("dnf"),
    },
    VariantKnowledge {
        kind: "ubi-minimal",
        title: "Minimal RHEL-family image (ubi-minimal, -minimal tags)",
        summary: "A reduced RHEL-family image: `ubi9/ubi-minimal`, and the `-minimal` tags of \
                  Rocky Linux and AlmaLinux. It ships `microdnf` instead of dnf/yum and \
                  fewer preinstalled tools.",
        pick_when: "A RHEL-compatible runtime base that still lets you install packages, \
                    at roughly half the size of the standard image.",
        tradeoffs: &[
            "`microdnf install` works, but dnf plugins, groups and many dnf options do not",
            "Common tools (ps, less, find in some releases) are missing until installed",
        ],
        has_shell: Some(true),
        package_manager: Some("microdnf"),
    },
    VariantKnowledge {
        kind: "ubi-micro",
        title: "Red Hat UBI micro",
        summary: "The smallest UBI (`ubi9/ubi-micro`): a few base packages and no package \
                  manager at all, Red Hat's counterpart to distroless.",
        pick_when: "As a final stage for applications that need only glibc and a few base \
                    libraries, when you must stay within Red Hat's ecosystem.",
        tradeoffs: &[
            "No package manager: install into it from a standard UBI stage with \
             `dnf --installroot`, or copy files in",
            "Very small for a RHEL-family image",
        ],
        has_shell: None,
        package_manager: None,
    },
    VariantKnowledge {
        kind: "jre",
        title: "Java runtime (-jre)",
        summary: "Java images tagged `-jre` contain only the runtime needed to run compiled \
                  applications: no javac, no jlink, no jshell.",
        pick_when: "For the final stage of a Java application: build with the `-jdk` image \
                    (or maven/gradle), then copy the jar into a `-jre` image.",
        tradeoffs: &[
            "Roughly half the size of the JDK image and less to patch",
            "No compiler or diagnostic tools such as jcmd and jmap; use a JDK image or a \
             `jlink`-ed custom runtime if you need them",
        ],
        has_shell: None,
        package_manager: None,
    },
    VariantKnowledge {
        kind: "jdk",
        title: "Java development kit (-jdk)",
        summary: "Java images tagged `-jdk` (the default for most Java images) carry the \
                  full development kit: javac, jlink, jar, jcmd and the rest.",
        pick_when: "For build stages, and at run time only if you need the JDK tools. \
                    `jlink` in a JDK stage can also produce a trimmed runtime for a small \
                    final image.",
        tradeoffs: &[
            "Everything needed to compile, package and diagnose",
            "Much larger than the JRE; shipping it to production adds size and attack surface",
        ],
        has_shell: None,
        package_manager: None,
    },
    VariantKnowledge {
        kind: "chiseled",
        title: "Ubuntu chiseled (.NET)",
        summary: "Microsoft's `-noble-chiseled` / `-resolute-chiseled` .NET images, cut down \
                  from Ubuntu with Canonical's chisel tool: only the files the runtime \
                  needs, no shell, no package manager, non-root by default. `-extra` adds \
                  ICU and tzdata.",
        pick_when: "The final stage of a .NET application that needs neither a shell nor \
                    culture data (or use `-extra` when it does).",
        tradeoffs: &[
            "Small and hardened: nothing to exec into, nothing to apt-get",
            "No ICU by default: globalization runs in invariant mode unless you use `-extra`",
            "No shell: RUN steps and shell-form CMD/ENTRYPOINT do not work",
        ],
        has_shell: Some(false),
        package_manager: None,
    },
];

const DEBIAN_SUITES: &[&str] =
    &["trixie", "bookworm", "bullseye", "buster", "stretch", "jessie", "forky", "duke", "sid"];
const UBUNTU_RELEASES: &[&str] = &[
    "resolute", "questing", "plucky", "oracular", "noble", "mantic", "lunar", "kinetic", "jammy", "impish", "hirsute",
    "groovy", "focal", "bionic", "xenial", "trusty",
];

/// Maps a lower-cased kind or tag word onto the id of an entry in [`VARIANTS`].
pub(super) fn kind_id(k: &str) -> Option<&'static str> {
    if k.contains("chiseled") {
        return Some("chiseled");
    }
    let id = match k {
        "" | "default" | "full" => "default",
        "scratch" => "scratch",
        "chainguard" | "wolfi" => "chainguard",
        "chainguard-dev" | "wolfi-dev" | "latest-dev" => "chainguard-dev",
        "minimal" => "ubi-minimal",
        "micro" => "ubi-micro",
        "jre" => "jre",
        "jdk" => "jdk",
        "debian-suite" | "debian" => "debian-suite",
        "ubuntu-release" | "ubuntu" => "ubuntu-release",
        _ if k == "slim" || k.starts_with("slim-") || k.ends_with("-slim") => "slim",
        _ if k.starts_with("alpine") && is_alpine_version(&k["alpine".len()..]) => "alpine",
        _ if DEBIAN_SUITES.contains(&k) => "debian-suite",
        _ if UBUNTU_RELEASES.contains(&k) => "ubuntu-release",
        _ if k.starts_with("windowsservercore") => "windowsservercore",
        _ if k.starts_with("nanoserver") => "nanoserver",
        _ if k == "distroless" || k.starts_with("distroless-") => "distroless",
        _ if k.starts_with("jre-") => "jre",
        _ if k.starts_with("jdk-") => "jdk",
        _ if k.starts_with("ubi") => ubi_kind(&k["ubi".len()..])?,
        _ => return None,
    };
    Some(id)
}

/// `""`, `"3.22"`, `"-3.22"`: what may follow "alpine" in a tag word.
fn is_alpine_version(rest: &str) -> bool {
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// What follows "ubi": `""`, `"9"`, `"-minimal"`, `"9-minimal"`, `"-micro"`, `"10-micro"`.
fn ubi_kind(rest: &str) -> Option<&'static str> {
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    match rest {
        "" => Some("ubi"),
        "-minimal" => Some("ubi-minimal"),
        "-micro" => Some("ubi-micro"),
        _ => None,
    }
}
