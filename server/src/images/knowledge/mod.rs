//! Curated knowledge about base images: what they are, which variant to pick, how big
//! they are, which environment variables they define, and which Python packages will
//! not install from a wheel on Alpine.
//!
//! Everything here is static data compiled into the binary; nothing reads files or the
//! network. The tag and end-of-life catalog lives in a sibling module; this one holds
//! the human knowledge that hovers, completion details and base-image rules show.
//!
//! Sizes are the *compressed download* for linux/amd64, rounded, as of
//! [`SIZES_AS_OF`]. They are approximate by nature: every rebuild changes them a little.
//! Anything that mentions an unpacked (on-disk) size says so explicitly.

mod databases;
mod env;
mod languages;
mod os;
mod package_managers;
mod python_wheels;
mod servers;
mod variants;

#[cfg(test)]
mod tests;

pub use package_managers::{OsFamily, os_family_of, package_managers, package_managers_for};
pub use python_wheels::{NoMuslWheel, no_musl_wheel, python_packages_without_musl_wheels};

/// The month the approximate sizes below were taken for (the catalog date).
pub const SIZES_AS_OF: &str = "2026-08";

/// What an experienced engineer would say about one base image (or image family).
#[derive(Debug, PartialEq)]
pub struct ImageKnowledge {
    /// Canonical key: an official image name (`"python"`) or a registry prefix for a
    /// family of images (`"gcr.io/distroless"`, `"cgr.dev/chainguard"`).
    pub name: &'static str,
    /// Display name, e.g. "Python" or "Google distroless".
    pub title: &'static str,
    /// One line: what the image is.
    pub summary: &'static str,
    /// What people usually build with it.
    pub typical_use: &'static str,
    /// The variant to pick for production, and why.
    pub recommended: &'static str,
    /// Main variants with approximate compressed sizes (linux/amd64, as of [`SIZES_AS_OF`]).
    pub variants: &'static [VariantSize],
    /// What you gain and lose with this image.
    pub tradeoffs: &'static [&'static str],
    /// Things that surprise people.
    pub gotchas: &'static [&'static str],
    /// Environment variables the image's own Dockerfiles set (`ENV`), across its
    /// variants, plus `PATH`.
    pub env: &'static [&'static str],
    /// True when `env` is believed to be the whole list, so a rule may call a name
    /// outside it undefined. False means "at least these".
    pub env_complete: bool,
    /// Where to read more.
    pub docs_url: Option<&'static str>,
}

/// One variant of an image with its approximate compressed download size.
#[derive(Debug, PartialEq)]
pub struct VariantSize {
    /// Variant id: `"default"`, `"slim"`, `"alpine"`, `"jre"`, `"jre-alpine"`, …
    pub variant: &'static str,
    /// A tag that shows the variant, e.g. `"3.12-slim"`.
    pub example_tag: &'static str,
    /// Approximate compressed (download) size in MB for linux/amd64.
    pub approx_compressed_mb: f32,
    /// When to pick it, in a few words.
    pub when: &'static str,
}

/// What a kind of variant (slim, alpine, distroless, …) means, independent of the image.
#[derive(Debug, PartialEq)]
pub struct VariantKnowledge {
    /// Kind id: `"default"`, `"slim"`, `"alpine"`, `"debian-suite"`, `"distroless"`, …
    pub kind: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// When this kind is the right choice.
    pub pick_when: &'static str,
    pub tradeoffs: &'static [&'static str],
    /// Whether a shell is present; `None` when it depends on the image underneath or
    /// differs between releases.
    pub has_shell: Option<bool>,
    /// The package manager available, if any; `None` when there is none or it depends
    /// on the image underneath (see the summary).
    pub package_manager: Option<&'static str>,
}

/// Every image entry, in a stable order (languages, servers, databases, OS and others).
pub fn all_images() -> impl Iterator<Item = &'static ImageKnowledge> {
    languages::IMAGES.iter().chain(servers::IMAGES).chain(databases::IMAGES).chain(os::IMAGES)
}

/// Every variant kind.
pub fn all_variants() -> &'static [VariantKnowledge] {
    variants::VARIANTS
}

/// Looks up an image by reference. Accepts a bare official name (`"python"`),
/// `"library/python"`, `"docker.io/library/python"`, a reference with tag or digest
/// (`"python:3.12-slim"`), and families matched by prefix: `"gcr.io/distroless/…"`,
/// `"cgr.dev/chainguard/…"`, `"mcr.microsoft.com/dotnet/{sdk,aspnet,runtime,runtime-deps}"`,
/// Red Hat UBI repositories (`"registry.access.redhat.com/ubi9/ubi-minimal"`).
pub fn image(name: &str) -> Option<&'static ImageKnowledge> {
    let repo = normalize_repository(name);
    if repo.is_empty() {
        return None;
    }
    let key = family_key(&repo).unwrap_or(repo.as_str());
    all_images().find(|k| k.name == key)
}

/// Looks up a variant kind. Accepts the kind id and the tag words people write:
/// `"full"`, `"alpine3.22"`, `"bookworm"`, `"noble"`, `"windowsservercore-ltsc2022"`,
/// `"nanoserver-ltsc2025"`, `"ubi9-minimal"`, `"latest-dev"`, `"noble-chiseled"`, …
pub fn variant(kind: &str) -> Option<&'static VariantKnowledge> {
    let k = kind.trim().to_ascii_lowercase();
    let k = k.trim_start_matches('-');
    let id = variants::kind_id(k)?;
    variants::VARIANTS.iter().find(|v| v.kind == id)
}

/// The environment variables a base image defines, and whether that list is complete.
/// `None` for images we know nothing about (then nothing can be called undefined).
pub fn base_image_env(name: &str) -> Option<(&'static [&'static str], bool)> {
    image(name).map(|k| (k.env, k.env_complete))
}

/// Reduces an image reference to its repository path: lower case, without tag, digest,
/// Docker Hub host or `library/` namespace, and without well-known mirrors of the
/// official images.
pub(crate) fn normalize_repository(reference: &str) -> String {
    let mut r = reference.trim().to_ascii_lowercase();
    if let Some(at) = r.find('@') {
        r.truncate(at);
    }
    // A tag is a ':' after the last '/'; a ':' before it belongs to a registry port.
    let last_slash = r.rfind('/').map_or(0, |i| i + 1);
    if let Some(colon) = r[last_slash..].find(':') {
        r.truncate(last_slash + colon);
    }
    const HUB_PREFIXES: &[&str] = &[
        "docker.io/",
        "index.docker.io/",
        "registry-1.docker.io/",
        "registry.hub.docker.com/",
        // Public mirrors that carry the official images under their own names.
        "public.ecr.aws/docker/library/",
        "mirror.gcr.io/",
    ];
    for p in HUB_PREFIXES {
        if let Some(rest) = r.strip_prefix(p) {
            r = rest.to_string();
            break;
        }
    }
    if let Some(rest) = r.strip_prefix("library/") {
        r = rest.to_string();
    }
    r
}

/// Maps a repository outside Docker Hub's flat namespace onto the entry that covers it.
fn family_key(repo: &str) -> Option<&'static str> {
    if repo == "gcr.io/distroless" || repo.starts_with("gcr.io/distroless/") {
        return Some("gcr.io/distroless");
    }
    if repo.starts_with("cgr.dev/") {
        return Some("cgr.dev/chainguard");
    }
    if let Some(rest) = repo.strip_prefix("mcr.microsoft.com/dotnet/") {
        let rest = rest.strip_prefix("nightly/").or_else(|| rest.strip_prefix("core/")).unwrap_or(rest);
        return matches!(rest, "sdk" | "aspnet" | "runtime" | "runtime-deps").then_some("mcr.microsoft.com/dotnet");
    }
    if is_ubi_repository(repo) {
        return Some("registry.access.redhat.com/ubi");
    }
    match repo {
        "rockylinux/rockylinux" | "quay.io/rockylinux/rockylinux" => Some("rockylinux"),
        "public.ecr.aws/amazonlinux/amazonlinux" => Some("amazonlinux"),
        "quay.io/fedora/fedora" | "registry.fedoraproject.org/fedora" => Some("fedora"),
        "quay.io/almalinuxorg/almalinux" => Some("almalinux"),
        _ => None,
    }
}

/// `registry.access.redhat.com/ubi9/ubi`, `registry.redhat.io/ubi8/ubi-minimal`,
/// `registry.access.redhat.com/ubi9` (older name of the standard image), `redhat/ubi9-micro`.
/// Application images built on UBI (`ubi9/nodejs-20`, …) are not the base image itself.
fn is_ubi_repository(repo: &str) -> bool {
    let rest = repo
        .strip_prefix("registry.access.redhat.com/")
        .or_else(|| repo.strip_prefix("registry.redhat.io/"))
        .or_else(|| repo.strip_prefix("redhat/"));
    let Some(rest) = rest else {
        return false;
    };
    let (first, second) = match rest.split_once('/') {
        Some((f, s)) => (f, Some(s)),
        None => (rest, None),
    };
    let Some(version) = first.strip_prefix("ubi") else {
        return false;
    };
    let digits = version.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    const FLAVOURS: &[&str] = &["", "-minimal", "-micro", "-init"];
    match second {
        None => FLAVOURS.contains(&&version[digits..]),
        Some(image) => {
            version.len() == digits && image.strip_prefix("ubi").is_some_and(|flavour| FLAVOURS.contains(&flavour))
        }
    }
}
