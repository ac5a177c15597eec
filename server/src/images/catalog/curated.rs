//! Well-known images outside Docker Hub's library, described from their naming
//! conventions: distroless, Chainguard, Microsoft .NET and Red Hat UBI.
//!
//! Their tag lists are not in the offline data, so tags are never called current;
//! only a misspelling of one of their few fixed tag words is called nonexistent.

use super::data::Data;
use super::date::Date;
use super::parse::{Base, base_from_words, edit_distance, split_tag, typo_budget};
use super::support::{os_support, support_for_version};
use super::types::{Libc, OsFamily, PackageManager, Resolution, TagStatus, Variant, VariantKind};

/// Architecture words some registries append to tags.
const ARCH_WORDS: &[&str] = &["amd64", "arm64", "arm64v8", "arm", "arm32v7", "s390x", "ppc64le", "riscv64"];

pub(super) fn resolve(data: &Data, name: &str, tag: Option<&str>, today: Date) -> Option<Resolution> {
    let tag_text = tag.unwrap_or("latest");
    let mut res = if let Some(rest) = name.strip_prefix("gcr.io/distroless/") {
        distroless(data, rest, tag_text, today)?
    } else if let Some(rest) = name.strip_prefix("cgr.dev/chainguard/") {
        chainguard(data, rest, tag_text, today)?
    } else if let Some(rest) = name.strip_prefix("mcr.microsoft.com/dotnet/") {
        dotnet(data, rest, tag_text, today)?
    } else if let Some(rest) =
        name.strip_prefix("registry.access.redhat.com/").or_else(|| name.strip_prefix("registry.redhat.io/"))
    {
        ubi(data, rest, tag_text, today)?
    } else {
        return None;
    };
    res.name = name.to_owned();
    res.tag = tag_text.to_owned();
    res.known_image = true;
    Some(res)
}

fn apply_base(res: &mut Resolution, base: Base) {
    res.libc = base.libc;
    res.package_manager = base.package_manager;
    res.has_shell = base.has_shell;
    res.os = Some(base.os);
}

/// Nonexistent when a word of the tag is a near miss of one of `known`; else unknown.
fn check_words(tag: &str, words: &[&str], known: &[&str]) -> TagStatus {
    for word in words {
        if known.contains(word) || ARCH_WORDS.contains(word) {
            continue;
        }
        let near = known.iter().map(|k| (edit_distance(word, k), *k)).filter(|(d, _)| *d <= typo_budget(word)).min();
        if let Some((_, fix)) = near {
            let suggestion = tag.replacen(word, fix, 1);
            return TagStatus::Nonexistent {
                reason: format!("`{word}` is not a tag word of this image"),
                suggestion: Some(suggestion),
            };
        }
    }
    TagStatus::Unknown
}

fn distroless(data: &Data, rest: &str, tag: &str, today: Date) -> Option<Resolution> {
    let (kind, debian) = match rest.rsplit_once("-debian") {
        Some((kind, version)) if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) => {
            (kind, Some(version))
        }
        _ => (rest, None),
    };
    let known_kind = matches!(kind, "static" | "base" | "base-nossl" | "cc" | "python3")
        || kind.starts_with("java")
        || kind.starts_with("nodejs");
    if !known_kind {
        return None;
    }
    let words: Vec<&str> = tag.split('-').collect();
    let debug = words.contains(&"debug");
    let mut res = Resolution::blank(rest, tag);
    res.tag_status = check_words(tag, &words, &["latest", "nonroot", "debug"]);
    let mut base = match debian {
        Some(version) => Base::debian_version(data, version),
        None => Base::new(OsFamily::Debian, "Debian", None, None),
    };
    base.os.name = "Debian (distroless)".to_owned();
    base.libc = if kind == "static" { Libc::None } else { Libc::Glibc };
    base.package_manager = PackageManager::None;
    // Only the :debug tags add a BusyBox shell.
    base.has_shell = Some(debug);
    res.os_support = os_support(data, &base, today);
    apply_base(&mut res, base);
    let (language, product) = if let Some(v) = kind.strip_prefix("nodejs") {
        (Some(v), Some("nodejs"))
    } else if let Some(v) = kind.strip_prefix("java") {
        (Some(v), None)
    } else {
        (None, None)
    };
    let language = language.filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
    res.version = language.map(str::to_owned);
    if let (Some(version), Some(slug)) = (language, product) {
        res.language_support = support_for_version(data, slug, version, today);
        res.product = res.language_support.as_ref().map(|s| s.title.clone());
    }
    let suffix: Vec<&str> = words.iter().copied().filter(|w| *w != "latest").collect();
    res.variant = Variant {
        kind: if debug { VariantKind::Other("debug".to_owned()) } else { VariantKind::Default },
        suffix: suffix.join("-"),
    };
    Some(res)
}

fn chainguard(data: &Data, rest: &str, tag: &str, today: Date) -> Option<Resolution> {
    if rest.is_empty() || rest.contains('/') {
        return None;
    }
    let dev = tag.ends_with("-dev") || tag == "dev";
    let mut res = Resolution::blank(rest, tag);
    let mut base = Base::new(OsFamily::Wolfi, "Wolfi", None, None);
    let full_os = matches!(rest, "wolfi-base" | "busybox");
    if rest == "static" {
        base.libc = Libc::None;
    }
    base.package_manager = if dev || full_os { PackageManager::Apk } else { PackageManager::None };
    base.has_shell = Some(dev || full_os);
    apply_base(&mut res, base);
    let version = tag.strip_suffix("-dev").unwrap_or(tag);
    let words: Vec<&str> = tag.split('-').collect();
    if version == "latest" || tag == "latest-dev" {
        res.tag_status = check_words(tag, &words, &["latest", "dev"]);
    } else if version.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        res.version = Some(version.to_owned());
        let slug = match rest {
            "go" => Some("go"),
            "node" => Some("nodejs"),
            other => data
                .image_by_name
                .get(other)
                .and_then(|&i| data.images[i].products.first())
                .map(|&p| data.products[p].slug),
        };
        if let Some(slug) = slug {
            res.language_support = support_for_version(data, slug, version, today);
            res.product = res.language_support.as_ref().map(|s| s.title.clone());
        }
    } else {
        res.tag_status = check_words(tag, &words, &["latest", "dev"]);
    }
    res.variant = Variant {
        kind: if dev { VariantKind::Other("dev".to_owned()) } else { VariantKind::Default },
        suffix: if dev { "dev".to_owned() } else { String::new() },
    };
    Some(res)
}

fn dotnet(data: &Data, rest: &str, tag: &str, today: Date) -> Option<Resolution> {
    if !matches!(rest, "sdk" | "aspnet" | "runtime" | "runtime-deps") {
        return None;
    }
    let parts = split_tag(tag, &|w| w == "latest");
    let words: Vec<&str> = parts.words.iter().copied().filter(|w| !ARCH_WORDS.contains(w)).collect();
    let mut res = Resolution::blank(rest, tag);
    let version = parts.version.map(str::to_owned);
    let major: Option<u32> = parts.version.and_then(|v| v.split('.').next()).and_then(|m| m.parse().ok());
    // The untagged-OS tags are Debian 12 up to .NET 9 and Ubuntu 24.04 from .NET 10.
    let mut base = base_from_words(data, &words).or_else(|| match major {
        Some(m) if m >= 10 => Some(Base::ubuntu(data, "noble")),
        Some(_) => Some(Base::debian(data, "bookworm")),
        None => None,
    });
    let chiseled = words.iter().any(|w| *w == "chiseled" || *w == "distroless");
    if let Some(b) = base.as_mut() {
        if chiseled {
            b.package_manager = PackageManager::None;
            b.has_shell = Some(false);
        }
        res.os_support = os_support(data, b, today);
    }
    let kind = match base.as_ref() {
        Some(b) if b.os.family == OsFamily::Windows => {
            let ltsc = b.os.version.clone();
            if words.contains(&"nanoserver") {
                VariantKind::NanoServer { ltsc }
            } else {
                VariantKind::WindowsServerCore { ltsc }
            }
        }
        Some(b) if b.os.family == OsFamily::Alpine => VariantKind::Alpine { version: b.os.version.clone() },
        _ if words.contains(&"slim") => VariantKind::Slim,
        _ if words.is_empty() => VariantKind::Default,
        _ => VariantKind::Other(words.join("-")),
    };
    res.variant = Variant { kind, suffix: words.join("-") };
    if let Some(b) = base {
        apply_base(&mut res, b);
    }
    if let Some(v) = &version {
        res.language_support = support_for_version(data, "dotnet", v, today);
        res.product = res.language_support.as_ref().map(|s| s.title.clone());
    }
    res.version = version;
    Some(res)
}

fn ubi(data: &Data, rest: &str, tag: &str, today: Date) -> Option<Resolution> {
    // ubi9, ubi9/ubi, ubi9-minimal, ubi9/ubi-minimal, ubi9-micro, ubi9/ubi-micro, …-init
    let (major, flavour) = match rest.split_once('/') {
        Some((release, image)) => (release.strip_prefix("ubi")?, image.strip_prefix("ubi")?),
        None => {
            let body = rest.strip_prefix("ubi")?;
            match body.split_once('-') {
                Some((major, flavour)) => (major, flavour),
                None => (body, ""),
            }
        }
    };
    let flavour = flavour.strip_prefix('-').unwrap_or(flavour);
    if major.is_empty() || !major.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let pm = match flavour {
        "" | "init" => PackageManager::Dnf,
        "minimal" => PackageManager::Microdnf,
        "micro" => PackageManager::None,
        _ => return None,
    };
    let mut res = Resolution::blank(rest, tag);
    let base = Base::new(OsFamily::RhelLike, "Red Hat UBI", Some(major), None).with_pm(pm);
    res.os_support = os_support(data, &base, today);
    apply_base(&mut res, base);
    res.version = Some(if tag.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        tag.split('-').next().unwrap_or(tag).to_owned()
    } else {
        major.to_owned()
    });
    res.variant = Variant {
        kind: if flavour.is_empty() { VariantKind::OsRelease } else { VariantKind::Other(flavour.to_owned()) },
        suffix: flavour.to_owned(),
    };
    Some(res)
}
