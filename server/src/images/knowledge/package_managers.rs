//! Which package manager an image's operating system offers, and which operating
//! system an image reference is built on.

use super::normalize_repository;

/// The operating-system family underneath an image, as far as package management goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OsFamily {
    Debian,
    Ubuntu,
    Alpine,
    /// Wolfi (Chainguard `-dev` images, `wolfi-base`).
    Wolfi,
    Fedora,
    /// RHEL and its rebuilds: UBI, Rocky Linux, AlmaLinux, CentOS Stream, Oracle Linux.
    Rhel,
    AmazonLinux,
    /// Azure Linux (formerly CBL-Mariner).
    AzureLinux,
    OpenSuse,
    Arch,
    /// BusyBox: a shell and tools, no package manager.
    Busybox,
    /// No shell and no package manager: distroless, chiseled, Chainguard runtime tags.
    Distroless,
    /// The empty image.
    Scratch,
    /// Windows Server Core / Nano Server containers.
    Windows,
}

impl OsFamily {
    /// The package-manager commands available on this family, most usual first. Empty
    /// when there is none.
    pub fn package_managers(self) -> &'static [&'static str] {
        match self {
            OsFamily::Debian | OsFamily::Ubuntu => &["apt-get", "apt", "dpkg"],
            OsFamily::Alpine | OsFamily::Wolfi => &["apk"],
            OsFamily::Fedora => &["dnf", "yum", "rpm"],
            // microdnf on the -minimal images, dnf/yum on the standard ones.
            OsFamily::Rhel => &["dnf", "yum", "microdnf", "rpm"],
            // dnf on 2023 (yum is an alias there), yum on Amazon Linux 2.
            OsFamily::AmazonLinux => &["dnf", "yum", "rpm"],
            OsFamily::AzureLinux => &["tdnf", "rpm"],
            OsFamily::OpenSuse => &["zypper", "rpm"],
            OsFamily::Arch => &["pacman"],
            OsFamily::Busybox | OsFamily::Distroless | OsFamily::Scratch | OsFamily::Windows => &[],
        }
    }

    /// A display name.
    pub fn name(self) -> &'static str {
        match self {
            OsFamily::Debian => "Debian",
            OsFamily::Ubuntu => "Ubuntu",
            OsFamily::Alpine => "Alpine Linux",
            OsFamily::Wolfi => "Wolfi",
            OsFamily::Fedora => "Fedora",
            OsFamily::Rhel => "RHEL-compatible",
            OsFamily::AmazonLinux => "Amazon Linux",
            OsFamily::AzureLinux => "Azure Linux",
            OsFamily::OpenSuse => "openSUSE / SLE",
            OsFamily::Arch => "Arch Linux",
            OsFamily::Busybox => "BusyBox",
            OsFamily::Distroless => "distroless (no shell, no package manager)",
            OsFamily::Scratch => "scratch (empty)",
            OsFamily::Windows => "Windows",
        }
    }

    /// Parses a distribution name: `debian`, `ubuntu`, `alpine`, `wolfi`, `fedora`,
    /// `rhel`, `centos`, `rocky`, `alma`, `oraclelinux`, `ubi`, `amazonlinux`,
    /// `azurelinux`, `opensuse`, `sles`, `arch`, `busybox`, `distroless`, `scratch`,
    /// `windows` (case-insensitive, a few spellings each).
    pub fn from_name(name: &str) -> Option<OsFamily> {
        let n = name.trim().to_ascii_lowercase();
        let family = match n.as_str() {
            "debian" => OsFamily::Debian,
            "ubuntu" => OsFamily::Ubuntu,
            "alpine" | "alpine linux" | "alpinelinux" => OsFamily::Alpine,
            "wolfi" | "chainguard-dev" => OsFamily::Wolfi,
            "fedora" => OsFamily::Fedora,
            "rhel" | "redhat" | "red hat" | "centos" | "centos-stream" | "rocky" | "rockylinux" | "alma"
            | "almalinux" | "oracle" | "oraclelinux" | "ol" | "ubi" => OsFamily::Rhel,
            "amazonlinux" | "amazon linux" | "amzn" | "al2" | "al2023" => OsFamily::AmazonLinux,
            "azurelinux" | "azure linux" | "mariner" | "cbl-mariner" => OsFamily::AzureLinux,
            "opensuse" | "suse" | "sles" | "sle" | "opensuse-leap" | "opensuse-tumbleweed" => OsFamily::OpenSuse,
            "arch" | "archlinux" => OsFamily::Arch,
            "busybox" => OsFamily::Busybox,
            "distroless" | "chiseled" | "chainguard" => OsFamily::Distroless,
            "scratch" => OsFamily::Scratch,
            "windows" | "windowsservercore" | "nanoserver" => OsFamily::Windows,
            _ => return None,
        };
        Some(family)
    }
}

/// The package managers of an OS family (same as [`OsFamily::package_managers`]).
pub fn package_managers(family: OsFamily) -> &'static [&'static str] {
    family.package_managers()
}

/// The package managers of a distribution given by name (see [`OsFamily::from_name`]).
pub fn package_managers_for(distro: &str) -> Option<&'static [&'static str]> {
    OsFamily::from_name(distro).map(OsFamily::package_managers)
}

/// Best guess at the OS family under an image reference such as `python:3.12-alpine`,
/// `node:24-bookworm-slim`, `eclipse-temurin:21-jre`, `gcr.io/distroless/static`,
/// `cgr.dev/chainguard/python:latest-dev`. Tag words win over the image's default
/// base; `None` when neither says anything.
pub fn os_family_of(reference: &str) -> Option<OsFamily> {
    let repo = normalize_repository(reference);
    let tag = tag_of(reference);

    if repo == "scratch" {
        return Some(OsFamily::Scratch);
    }
    if repo.starts_with("gcr.io/distroless/") {
        return Some(OsFamily::Distroless);
    }
    if repo.starts_with("cgr.dev/") {
        return Some(if repo.ends_with("/wolfi-base") || tag.ends_with("-dev") {
            OsFamily::Wolfi
        } else {
            OsFamily::Distroless
        });
    }
    if let Some(f) = family_from_tag(&tag) {
        return Some(f);
    }
    if repo.starts_with("mcr.microsoft.com/dotnet/") {
        // .NET 8 and 9 default to Debian 12, .NET 10 and later to Ubuntu 24.04.
        let major: u32 = tag.split('.').next().and_then(|m| m.parse().ok()).unwrap_or(u32::MAX);
        return Some(if major < 10 { OsFamily::Debian } else { OsFamily::Ubuntu });
    }
    default_family(&repo)
}

/// The tag of a reference, lower-cased, without digest; empty when there is none.
fn tag_of(reference: &str) -> String {
    let r = reference.trim().to_ascii_lowercase();
    let r = r.split('@').next().unwrap_or("");
    let last_slash = r.rfind('/').map_or(0, |i| i + 1);
    r[last_slash..].split_once(':').map(|(_, t)| t.to_string()).unwrap_or_default()
}

const DEBIAN_WORDS: &[&str] =
    &["debian", "slim", "trixie", "bookworm", "bullseye", "buster", "stretch", "forky", "sid"];
const UBUNTU_WORDS: &[&str] = &[
    "ubuntu",
    "resolute",
    "questing",
    "plucky",
    "oracular",
    "noble",
    "jammy",
    "focal",
    "bionic",
    // JDK vendors whose images are Ubuntu-based (maven/gradle tags name them).
    "temurin",
    "sapmachine",
    "semeru",
];

fn family_from_tag(tag: &str) -> Option<OsFamily> {
    let tokens: Vec<&str> = tag.split('-').collect();
    let any = |pred: &dyn Fn(&str) -> bool| tokens.iter().any(|t| pred(t));
    if any(&|t| t.starts_with("windowsservercore") || t.starts_with("nanoserver")) {
        return Some(OsFamily::Windows);
    }
    if any(&|t| t.starts_with("alpine")) {
        return Some(OsFamily::Alpine);
    }
    if any(&|t| t.contains("chiseled") || t == "distroless") {
        return Some(OsFamily::Distroless);
    }
    if any(&|t| t.starts_with("azurelinux") || t.starts_with("cbl")) {
        return Some(OsFamily::AzureLinux);
    }
    if any(&|t| {
        t.starts_with("ubi") && t[3..].chars().all(|c| c.is_ascii_digit())
            || t == "oracle"
            || t.starts_with("oraclelinux")
            || t == "minimal"
    }) {
        return Some(OsFamily::Rhel);
    }
    if any(&|t| DEBIAN_WORDS.contains(&t)) {
        return Some(OsFamily::Debian);
    }
    if any(&|t| UBUNTU_WORDS.contains(&t)) {
        return Some(OsFamily::Ubuntu);
    }
    if any(&|t| t == "al2023" || t == "al2" || t == "amazoncorretto" || t == "corretto") {
        return Some(OsFamily::AmazonLinux);
    }
    None
}

/// The base an image uses when its tag names none.
fn default_family(repo: &str) -> Option<OsFamily> {
    let f = match repo {
        "debian" | "buildpack-deps" | "python" | "node" | "golang" | "rust" | "ruby" | "php" | "perl" | "gcc"
        | "nginx" | "httpd" | "haproxy" | "postgres" | "redis" | "memcached" | "wordpress" | "pypy" | "julia"
        | "r-base" | "openjdk" => OsFamily::Debian,
        "ubuntu"
        | "eclipse-temurin"
        | "maven"
        | "gradle"
        | "mariadb"
        | "mongo"
        | "rabbitmq"
        | "sapmachine"
        | "ibm-semeru-runtimes" => OsFamily::Ubuntu,
        "alpine" | "caddy" | "traefik" | "bash" | "docker" | "registry" => OsFamily::Alpine,
        "fedora" => OsFamily::Fedora,
        "rockylinux" | "rockylinux/rockylinux" | "almalinux" | "oraclelinux" | "mysql" => OsFamily::Rhel,
        "amazonlinux" | "amazoncorretto" => OsFamily::AmazonLinux,
        "busybox" => OsFamily::Busybox,
        "archlinux" => OsFamily::Arch,
        "opensuse/leap" | "opensuse/tumbleweed" | "registry.suse.com/bci/bci-base" => OsFamily::OpenSuse,
        "registry.access.redhat.com/ubi" => OsFamily::Rhel,
        r if super::family_key(r) == Some("registry.access.redhat.com/ubi") => OsFamily::Rhel,
        _ => return None,
    };
    Some(f)
}
