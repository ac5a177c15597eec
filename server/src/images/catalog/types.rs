//! The public answers of the catalog.

use std::fmt;

use super::date::Date;

/// Whether a tag is one the image publishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagStatus {
    /// In the catalog: the maintainers build and update it today.
    Current,
    /// Not in the catalog, but a tag of this shape existed (an older version, an older
    /// OS suffix). Registries keep such tags, so it still pulls; it gets no updates.
    NotMaintained,
    /// Cannot be a tag of this image: a misspelt variant word no tag uses (`slimm`),
    /// a version that was never released (`python:3.99`), or a reserved name with a tag.
    Nonexistent {
        /// The nearest real tag, for "did you mean".
        suggestion: Option<String>,
        /// One sentence for the user.
        reason: String,
    },
    /// No verdict offline (unknown image, or a tag the snapshot cannot judge, such as a
    /// version newer than the snapshot).
    Unknown,
}

/// The broad kind of a variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VariantKind {
    /// The image's default variant (`python:3.12`): for most language images the full
    /// Debian image built on buildpack-deps, with compilers and -dev headers.
    Default,
    /// `-slim`: Debian (or Ubuntu) with only what the runtime needs.
    Slim,
    /// `-alpine`, `-alpine3.22`, `-alpine-3.22`: musl and apk.
    Alpine {
        /// The Alpine release when the tag names it.
        version: Option<String>,
    },
    /// The full variant on a named Debian suite (`python:3.12-bookworm`).
    Debian {
        /// Suite codename, e.g. `bookworm`.
        suite: String,
    },
    /// A variant on a named Ubuntu release (`eclipse-temurin:21-jdk-noble`).
    Ubuntu {
        /// Release codename, e.g. `noble`.
        release: String,
    },
    /// Windows Server Core (`-windowsservercore-ltsc2022`).
    WindowsServerCore {
        /// `ltsc2022`, `ltsc2025`, `1809` when named.
        ltsc: Option<String>,
    },
    /// Windows Nano Server (`-nanoserver-ltsc2022`).
    NanoServer {
        /// `ltsc2022`, `ltsc2025`, `1809` when named.
        ltsc: Option<String>,
    },
    /// A release of an OS image itself (`debian:bookworm`, `alpine:3.22`, `ubuntu:noble`).
    OsRelease,
    /// Anything else (`fpm`, `apache`, `jre`, `management`); the suffix words.
    Other(String),
}

/// The variant a tag names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// What kind of variant it is.
    pub kind: VariantKind,
    /// The raw variant part of the tag, without version words: `slim-bookworm` for
    /// `3.12.14-slim-bookworm`, `jre-alpine` for `21-jre-alpine`, empty for `3.12`.
    pub suffix: String,
}

/// The family of the operating system under an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OsFamily {
    /// Debian (and distroless, which is built from Debian packages).
    Debian,
    /// Ubuntu.
    Ubuntu,
    /// Alpine Linux.
    Alpine,
    /// Fedora.
    Fedora,
    /// Red Hat Enterprise Linux and its rebuilds: UBI, Rocky, Alma, Oracle Linux, CentOS.
    RhelLike,
    /// Amazon Linux.
    AmazonLinux,
    /// Windows Server Core or Nano Server.
    Windows,
    /// Wolfi (Chainguard images).
    Wolfi,
    /// Another Linux distribution (Arch, Photon, Mageia, BusyBox …); see [`OsInfo::name`].
    Other,
    /// No operating system at all: `scratch` and images built from it.
    None,
}

/// The operating system under an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OsInfo {
    /// Family, for rules that depend on it.
    pub family: OsFamily,
    /// Display name: "Debian", "Ubuntu", "Alpine Linux", "Red Hat UBI", "Windows Server Core" …
    pub name: String,
    /// Release: "13", "24.04", "3.22", "ltsc2022"; `None` when not known.
    pub version: Option<String>,
    /// Codename: "trixie", "noble"; `None` when not known or not used.
    pub codename: Option<String>,
}

impl fmt::Display for OsInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(version) = &self.version {
            write!(f, " {version}")?;
        }
        if let Some(codename) = &self.codename {
            if self.version.is_some() {
                write!(f, " ({codename})")?;
            } else {
                write!(f, " {codename}")?;
            }
        }
        Ok(())
    }
}

/// The C library binaries in the image link against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Libc {
    /// GNU libc (Debian, Ubuntu, RHEL, Wolfi …).
    Glibc,
    /// musl (Alpine).
    Musl,
    /// uClibc (a BusyBox variant).
    Uclibc,
    /// No C library: `scratch`, distroless `static`, Windows.
    None,
    /// Not known offline.
    Unknown,
}

/// The package manager available inside the image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackageManager {
    /// apt / apt-get / dpkg (Debian, Ubuntu).
    Apt,
    /// apk (Alpine, Wolfi `-dev`).
    Apk,
    /// dnf (Fedora, RHEL-likes, Amazon Linux 2023).
    Dnf,
    /// microdnf (UBI minimal, `-minimal`/`-slim` RHEL-likes).
    Microdnf,
    /// yum (Amazon Linux 2, old RHEL-likes).
    Yum,
    /// zypper (openSUSE, SLE).
    Zypper,
    /// tdnf (Photon OS, Azure Linux).
    Tdnf,
    /// pacman (Arch Linux).
    Pacman,
    /// swupd (Clear Linux).
    Swupd,
    /// None in the image: scratch, distroless, chiseled, BusyBox, Windows.
    None,
    /// Not known offline.
    Unknown,
}

/// How supported a release is on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupportStatus {
    /// Supported, and for more than six months still.
    Supported,
    /// Supported, but the end of (security) support is within six months.
    EndingSoon {
        /// End of security support.
        date: Date,
    },
    /// Regular security support is over; extended support remains until `eoes`.
    ///
    /// `paid: false` is Debian LTS, which is free: worth an info, not a warning.
    /// `paid: true` is Ubuntu ESM (Ubuntu Pro) and other commercial support: the free
    /// fixes have stopped, so treat it like end of life and mention the paid option
    /// (see [`SupportStatus::past_free_support`]).
    ExtendedOnly {
        /// End of regular security support.
        eol: Date,
        /// End of extended support, when known.
        eoes: Option<Date>,
        /// Extended support needs a subscription.
        paid: bool,
    },
    /// Past end of life (and past extended support where there is one).
    EndOfLife {
        /// The end-of-life date; `None` when the data says "ended" without a date.
        since: Option<Date>,
    },
    /// No dates known.
    Unknown,
}

impl SupportStatus {
    /// Past end of life.
    pub fn is_end_of_life(&self) -> bool {
        matches!(self, SupportStatus::EndOfLife { .. })
    }

    /// No more free security fixes: end of life, or only paid extended support left.
    pub fn past_free_support(&self) -> bool {
        matches!(self, SupportStatus::EndOfLife { .. } | SupportStatus::ExtendedOnly { paid: true, .. })
    }

    /// 0 = fine … 4 = end of life; for picking the worse of two clocks.
    pub fn severity(&self) -> u8 {
        match self {
            SupportStatus::Unknown | SupportStatus::Supported => 0,
            SupportStatus::EndingSoon { .. } => 1,
            SupportStatus::ExtendedOnly { paid: false, .. } => 2,
            SupportStatus::ExtendedOnly { paid: true, .. } => 3,
            SupportStatus::EndOfLife { .. } => 4,
        }
    }
}

/// Support dates of one release cycle of an endoflife.date product, judged on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Support {
    /// endoflife.date slug ("python", "nodejs", "debian").
    pub product: String,
    /// Product title ("Python", "Node.js", "Debian").
    pub title: String,
    /// The release cycle ("3.12", "22", "12", "24.04", "3.22").
    pub cycle: String,
    /// Codename where the product has one ("Bookworm", "Noble Numbat").
    pub codename: Option<String>,
    /// First release of the cycle.
    pub release_date: Option<Date>,
    /// End of active support (bug fixes), where the product distinguishes it.
    pub eoas: Option<Date>,
    /// End of security support (endoflife.date `eol`).
    pub eol: Option<Date>,
    /// End of extended support (Debian LTS, Ubuntu ESM, commercial), where there is one.
    pub eoes: Option<Date>,
    /// A long-term-support release (on the judged day; Node.js majors become LTS later).
    pub lts: bool,
    /// The newest patch release known to the snapshot ("3.12.14").
    pub latest: Option<String>,
    /// The verdict for the judged day.
    pub status: SupportStatus,
}

/// An image its maintainers have deprecated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    /// Docker Hub images they suggest instead (openjdk → eclipse-temurin, …).
    pub successors: Vec<String>,
    /// Links from the deprecation notice.
    pub links: Vec<String>,
}

/// Everything the catalog can tell about `image:tag` offline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// The name as resolved ("python", "gcr.io/distroless/static-debian12").
    pub name: String,
    /// The tag judged (`latest` when none was written).
    pub tag: String,
    /// A Docker Official Image (or the reserved name `scratch`).
    pub official: bool,
    /// The catalog knows this image: official, or one of the curated non-Hub images
    /// (distroless, Chainguard, .NET, UBI).
    pub known_image: bool,
    /// `scratch`: the empty image, a reserved name that takes no tag.
    pub reserved: bool,
    /// Whether the tag exists; see [`TagStatus`].
    pub tag_status: TagStatus,
    /// The image's own version: the language or app version (python "3.12", node "22"),
    /// for OS images their release (debian "12", ubuntu "24.04", alpine "3.22"). Taken
    /// from the tag as written, else from the catalog ("3.14.7" for `python:latest`).
    pub version: Option<String>,
    /// endoflife.date product title for the image ("Python", "Node.js", "Debian").
    pub product: Option<String>,
    /// The variant the tag names.
    pub variant: Variant,
    /// The operating system under the image, as far as known.
    pub os: Option<OsInfo>,
    /// The C library.
    pub libc: Libc,
    /// The package manager.
    pub package_manager: PackageManager,
    /// A shell is present (`/bin/sh`, or cmd/PowerShell on Windows); `None` = unknown.
    pub has_shell: Option<bool>,
    /// Platforms of the tag (bashbrew names: amd64, arm64v8, windows-amd64 …).
    pub architectures: Vec<String>,
    /// Other tags naming exactly the same image (`3.12-slim` ↔ `3.12.14-slim-trixie`).
    pub aliases: Vec<String>,
    /// The most specific tag for the same image (`3.12.14-slim-trixie` for `3.12-slim`);
    /// for tags shared by Linux and Windows images, the Linux one.
    pub pinned: Option<String>,
    /// Support of the image's own version (python 3.12); `None` for OS images.
    pub language_support: Option<Support>,
    /// Support of the OS release under it (Debian 13, Alpine 3.22, Ubuntu 24.04).
    pub os_support: Option<Support>,
    /// Deprecated by its maintainers.
    pub deprecated: Option<Deprecation>,
    /// For `latest` or a missing tag: the pinned tag it points at today.
    pub latest_resolves_to: Option<String>,
    /// The variant is the full build image on buildpack-deps (compilers, -dev headers,
    /// large): the default and suite-only variants of images documented that way.
    pub buildpack_deps: bool,
}

impl Resolution {
    /// The more urgent of the two support clocks (language vs OS), if any is known.
    pub fn worst_support(&self) -> Option<&Support> {
        match (&self.language_support, &self.os_support) {
            (Some(a), Some(b)) => Some(if b.status.severity() > a.status.severity() { b } else { a }),
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b),
            (None, None) => None,
        }
    }
}

/// One catalog tag and what it names (no dates: see [`super::Catalog::resolve`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagInfo {
    /// The tag.
    pub tag: String,
    /// The version as written in the tag, or from the catalog for alias tags.
    pub version: Option<String>,
    /// The endoflife.date release cycle ("3.12").
    pub cycle: Option<String>,
    /// The variant.
    pub variant: Variant,
    /// The operating system under it.
    pub os: Option<OsInfo>,
    /// Platforms.
    pub architectures: Vec<String>,
    /// A pre-release (rc, beta, ea, tip, edge, devel, unstable suites).
    pub prerelease: bool,
    /// Other tags naming the same image.
    pub aliases: Vec<String>,
}

/// A tag for completion, with its rank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankedTag {
    /// The tag.
    pub tag: String,
    /// One line: "Python 3.12 · Debian 13 slim · supported until 2028-10-31".
    pub detail: String,
    /// Past end of life (language or OS) or the image is deprecated: show struck out.
    pub deprecated: bool,
    /// Position in the recommended order, 0 first.
    pub sort_key: u32,
}

impl Resolution {
    /// A resolution that knows nothing yet.
    pub(super) fn blank(name: &str, tag: &str) -> Resolution {
        Resolution {
            name: name.to_owned(),
            tag: tag.to_owned(),
            official: false,
            known_image: false,
            reserved: false,
            tag_status: TagStatus::Unknown,
            version: None,
            product: None,
            variant: Variant { kind: VariantKind::Default, suffix: String::new() },
            os: None,
            libc: Libc::Unknown,
            package_manager: PackageManager::Unknown,
            has_shell: None,
            architectures: Vec::new(),
            aliases: Vec::new(),
            pinned: None,
            language_support: None,
            os_support: None,
            deprecated: None,
            latest_resolves_to: None,
            buildpack_deps: false,
        }
    }
}
