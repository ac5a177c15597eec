//! Per-image facts derived from the catalog, built on first use of an image.

use std::collections::{HashMap, HashSet};

use super::data::{Data, Image, Stanza, numeric_parts};
use super::parse::{Base, NODE_CODENAMES, TagParts, base_from_words, is_alias_for, split_tag, stem};
use super::support::find_release;
use super::types::{Libc, OsFamily, PackageManager, Variant, VariantKind};

/// Variant words an image used in the past that its current tags no longer show.
/// Only words close to a current word matter (others never look like a typo).
const HISTORICAL_WORDS: &[(&str, &[&str])] = &[
    ("openjdk", &["jre", "alpine", "slim", "windowsservercore", "nanoserver"]),
    ("python", &["onbuild"]),
    ("node", &["onbuild"]),
    ("golang", &["onbuild"]),
    ("ruby", &["onbuild"]),
];

/// Facts about one stanza (one image build) of the catalog.
pub(super) struct StanzaFacts {
    /// The most specific version among its tags ("3.12.14").
    pub version: Option<&'static str>,
    pub parts: Option<Vec<u32>>,
    /// The most specific tag ("3.12.14-slim-trixie").
    pub pinned: &'static str,
    pub base: Option<Base>,
    pub prerelease: bool,
    pub windows: bool,
}

/// What a tag names, without dates.
#[derive(Clone, Debug)]
pub(super) struct TagFacts {
    /// Version to show: as written, from the alias (bookworm → 12), or the stanza's.
    pub version: Option<String>,
    /// Numbers used to find the release cycle.
    pub parts: Option<Vec<u32>>,
    /// Index into the releases of the image's first product.
    pub release: Option<usize>,
    pub variant: Variant,
    pub base: Option<Base>,
    pub prerelease: bool,
    /// The tag names its OS release (`-trixie`, `-alpine3.22`, `-ltsc2022`).
    pub os_explicit: bool,
    /// 0: names the release cycle exactly (`3.12`), 1: more specific (`3.12.14`),
    /// 2: floats above it (`3`, `latest`, `lts`, no version).
    pub class: u8,
    pub buildpack_deps: bool,
}

pub(super) struct TagEntry {
    pub tag: &'static str,
    /// Stanzas that carry the tag (more than one for shared tags).
    pub stanzas: Vec<usize>,
    /// The stanza that describes it: the first Linux one.
    pub primary: usize,
    pub facts: TagFacts,
}

pub(super) struct ImageIndex {
    pub entries: Vec<TagEntry>,
    pub by_tag: HashMap<&'static str, usize>,
    pub stanzas: Vec<StanzaFacts>,
    /// Word stems used by any tag of the image (plus suite names of the OS it uses).
    pub known_words: HashSet<&'static str>,
    /// The newest version the image or its product has known.
    pub max_version: Option<Vec<u32>>,
    /// Some tag has a `slim` variant: slim is the recommended runtime variant.
    pub has_slim: bool,
    /// The tag's version is an OS release (debian, ubuntu, alpine, fedora …).
    pub os_image: bool,
}

impl ImageIndex {
    pub fn build(data: &Data, img: &Image) -> ImageIndex {
        let is_alias = |w: &str| is_alias_for(data, img.name, &img.aliases, w);
        let os_image = is_os_image(img.name);

        let stanzas: Vec<StanzaFacts> =
            img.stanzas().iter().map(|stanza| stanza_facts(data, img, stanza, &is_alias)).collect();

        let mut entries: Vec<TagEntry> = Vec::new();
        let mut by_tag: HashMap<&'static str, usize> = HashMap::new();
        for (s, stanza) in img.stanzas().iter().enumerate() {
            for tag in stanza.all_tags() {
                match by_tag.get(tag) {
                    Some(&e) => {
                        if !entries[e].stanzas.contains(&s) {
                            entries[e].stanzas.push(s);
                        }
                    }
                    None => {
                        by_tag.insert(tag, entries.len());
                        entries.push(TagEntry { tag, stanzas: vec![s], primary: s, facts: empty_facts() });
                    }
                }
            }
        }
        let mut known_words: HashSet<&'static str> = HashSet::new();
        let mut uses_debian = false;
        let mut uses_ubuntu = false;
        let mut has_slim = false;
        for entry in &mut entries {
            entry.primary = entry.stanzas.iter().copied().find(|&s| !stanzas[s].windows).unwrap_or(entry.stanzas[0]);
            let parts = split_tag(entry.tag, &is_alias);
            for word in parts.words.iter().chain(parts.alias.iter()) {
                for piece in word.split('-') {
                    let piece_stem = stem(piece);
                    if !piece_stem.is_empty() {
                        known_words.insert(piece_stem);
                    }
                    uses_debian |= data.is_debian_codename(piece);
                    uses_ubuntu |= data.ubuntu_by_codename(piece).is_some();
                    has_slim |= piece == "slim";
                }
            }
            entry.facts = describe(data, img, os_image, &parts, Some(&stanzas[entry.primary]));
        }
        known_words.extend(img.aliases.iter().copied());
        if uses_debian {
            known_words.extend(data.debian.iter().map(|(c, _)| *c));
            known_words.insert("sid");
        }
        if uses_ubuntu {
            known_words.extend(data.ubuntu.iter().map(|(c, _, _)| *c));
        }
        if let Some((_, words)) = HISTORICAL_WORDS.iter().find(|(name, _)| *name == img.name) {
            known_words.extend(words.iter().copied());
        }

        let mut max_version: Option<Vec<u32>> = stanzas.iter().filter_map(|s| s.parts.clone()).max();
        if let Some(product) = img.products.first().map(|&p| &data.products[p]) {
            if let Some(newest) = product.releases().iter().map(|r| &r.cycle_parts).filter(|p| !p.is_empty()).max() {
                if max_version.as_ref().is_none_or(|m| newest > m) {
                    max_version = Some(newest.clone());
                }
            }
        }

        ImageIndex { entries, by_tag, stanzas, known_words, max_version, has_slim, os_image }
    }

    pub fn entry(&self, tag: &str) -> Option<&TagEntry> {
        self.by_tag.get(tag).map(|&i| &self.entries[i])
    }

    /// The base of catalog tags with the same variant words, reduced to what does not
    /// change between releases (the family): for `python:3.8-slim`, "Debian".
    pub fn family_base_for_suffix(&self, suffix: &str) -> Option<Base> {
        let entry = self.entries.iter().find(|e| e.facts.variant.suffix == suffix && e.facts.base.is_some())?;
        let mut base = entry.facts.base.clone()?;
        base.os.version = None;
        base.os.codename = None;
        Some(base)
    }
}

fn empty_facts() -> TagFacts {
    TagFacts {
        version: None,
        parts: None,
        release: None,
        variant: Variant { kind: VariantKind::Default, suffix: String::new() },
        base: None,
        prerelease: false,
        os_explicit: false,
        class: 2,
        buildpack_deps: false,
    }
}

fn stanza_facts(data: &Data, img: &Image, stanza: &Stanza, is_alias: &dyn Fn(&str) -> bool) -> StanzaFacts {
    let mut version: Option<(&'static str, Vec<u32>)> = None;
    let mut pinned: (&'static str, (bool, usize, bool, usize)) = ("", (false, 0, false, 0));
    let mut base: Option<Base> = None;
    let mut prerelease = false;
    for tag in stanza.all_tags() {
        let parts = split_tag(tag, is_alias);
        prerelease |= parts.prerelease() || alias_is_unreleased(data, parts.alias);
        let numbers = parts.version.and_then(numeric_parts);
        if let (Some(v), Some(n)) = (parts.version, &numbers) {
            let better = match &version {
                None => true,
                Some((best, best_n)) => n.len() > best_n.len() || (n.len() == best_n.len() && v.len() > best.len()),
            };
            if better {
                version = Some((v, n.clone()));
            }
        }
        let tag_base = base_from_words(data, &parts.words).or_else(|| alias_base(data, parts.alias));
        let explicit = tag_base.as_ref().is_some_and(|b| b.os.version.is_some() || b.os.codename.is_some());
        let score = (parts.stamp.is_some(), numbers.as_ref().map_or(0, Vec::len), explicit, tag.len());
        if pinned.0.is_empty() || score > pinned.1 {
            pinned = (tag, score);
        }
        if let Some(found) = tag_base {
            let more_precise = base.as_ref().is_none_or(|b| b.os.version.is_none() && found.os.version.is_some());
            if more_precise {
                base = Some(found);
            }
        }
    }
    let windows = stanza.is_windows();
    if windows && base.as_ref().is_none_or(|b| b.os.family != OsFamily::Windows) {
        if let Some(constraint) = stanza.constraints.first() {
            let words: Vec<&str> = constraint.split('-').collect();
            base = base_from_words(data, &words);
        }
    }
    if base.is_none() && is_os_image(img.name) {
        let v = version.as_ref().map(|(v, _)| *v);
        base = os_image_base(data, img.name, v, None, &[]);
    }
    StanzaFacts {
        version: version.as_ref().map(|(v, _)| *v),
        parts: version.map(|(_, n)| n),
        pinned: pinned.0,
        base,
        prerelease,
        windows,
    }
}

/// A suite name that is not released yet (Debian forky, Ubuntu's development release).
fn alias_is_unreleased(data: &Data, alias: Option<&str>) -> bool {
    let Some(alias) = alias else { return false };
    if let Some(version) = data.debian_version(alias) {
        return data.product("debian").is_some_and(|p| !p.releases().iter().any(|r| r.cycle == version));
    }
    if let Some((_, version, _)) = data.ubuntu_by_codename(alias) {
        return data.product("ubuntu").is_some_and(|p| !p.releases().iter().any(|r| r.cycle == version));
    }
    false
}

/// The OS a leading suite word names (`buildpack-deps:bookworm`, `neurodebian:noble`).
fn alias_base(data: &Data, alias: Option<&str>) -> Option<Base> {
    alias.and_then(|a| base_from_words(data, &[a]))
}

/// Images whose tag versions are OS releases.
pub(super) fn is_os_image(name: &str) -> bool {
    matches!(
        name,
        "debian"
            | "ubuntu"
            | "alpine"
            | "fedora"
            | "almalinux"
            | "rockylinux"
            | "oraclelinux"
            | "amazonlinux"
            | "photon"
            | "archlinux"
            | "mageia"
            | "alt"
            | "clearlinux"
            | "busybox"
            | "hello-world"
    )
}

/// The version a leading word stands for when the image's versions have names:
/// Debian and Ubuntu suites in their own images, Node.js LTS codenames.
fn alias_version(data: &Data, image: &str, alias: &str) -> Option<String> {
    match image {
        "debian" => {
            let codename = data.debian_alias(alias).unwrap_or(alias);
            data.debian_version(codename).map(str::to_owned)
        }
        "ubuntu" => data.ubuntu_by_codename(alias).map(|(_, v, _)| v.to_owned()),
        "node" => NODE_CODENAMES.iter().find(|(c, _)| *c == alias).map(|(_, v)| (*v).to_owned()),
        _ => None,
    }
}

/// The base of an OS image at a version (`debian` 12 / `bookworm`, `alpine` 3.22).
pub(super) fn os_image_base(
    data: &Data,
    image: &str,
    version: Option<&str>,
    alias: Option<&str>,
    words: &[&str],
) -> Option<Base> {
    let major = version.map(|v| v.split('.').next().unwrap_or(v));
    let has = |w: &str| words.contains(&w);
    let base = match image {
        "debian" => {
            let codename = alias
                .map(|a| data.debian_alias(a).unwrap_or(a))
                .filter(|c| data.is_debian_codename(c))
                .or_else(|| major.and_then(|m| data.debian_codename(m)));
            match codename {
                Some(c) => Base::debian(data, c),
                None => Base::new(OsFamily::Debian, "Debian", major, None),
            }
        }
        "ubuntu" => match alias.filter(|a| data.ubuntu_by_codename(a).is_some()).or(version) {
            Some(word) => Base::ubuntu(data, word),
            None => Base::new(OsFamily::Ubuntu, "Ubuntu", None, None),
        },
        "alpine" => {
            let minor = version.and_then(|v| {
                let n = numeric_parts(v)?;
                (n.len() >= 2).then(|| format!("{}.{}", n[0], n[1]))
            });
            let mut base = Base::alpine(None);
            base.os.version = minor;
            base.os.codename = alias.filter(|a| *a == "edge").map(str::to_owned);
            base
        }
        "fedora" => Base::new(OsFamily::Fedora, "Fedora", major, alias),
        "almalinux" | "rockylinux" | "oraclelinux" => {
            let name = match image {
                "almalinux" => "AlmaLinux",
                "rockylinux" => "Rocky Linux",
                _ => "Oracle Linux",
            };
            let base = Base::new(OsFamily::RhelLike, name, major, None);
            if has("minimal") || has("slim") {
                base.with_pm(PackageManager::Microdnf)
            } else if major.is_some_and(|m| m == "7") {
                base.with_pm(PackageManager::Yum)
            } else {
                base
            }
        }
        "amazonlinux" => Base::new(OsFamily::AmazonLinux, "Amazon Linux", major, None),
        "photon" => Base::new(OsFamily::Other, "Photon OS", version, None).with_pm(PackageManager::Tdnf),
        "archlinux" => Base::new(OsFamily::Other, "Arch Linux", None, None).with_pm(PackageManager::Pacman),
        "mageia" => Base::new(OsFamily::Other, "Mageia", major, alias).with_pm(PackageManager::Dnf),
        "alt" => Base::new(OsFamily::Other, "ALT Linux", None, None),
        "clearlinux" => Base::new(OsFamily::Other, "Clear Linux", None, None).with_pm(PackageManager::Swupd),
        "busybox" => {
            let libc = if has("glibc") {
                Libc::Glibc
            } else if has("musl") {
                Libc::Musl
            } else if has("uclibc") {
                Libc::Uclibc
            } else {
                Libc::Unknown
            };
            let mut base = Base::new(OsFamily::Other, "BusyBox", None, None).with_pm(PackageManager::None);
            base.has_shell = Some(true);
            return Some(base.with_libc(libc));
        }
        "hello-world" => {
            return Some(
                base_from_words(data, words).unwrap_or_else(|| Base::new(OsFamily::None, "none (scratch)", None, None)),
            );
        }
        _ => return None,
    };
    let mut base = base;
    if !matches!(base.os.family, OsFamily::Other) {
        return Some(base);
    }
    base.libc = Libc::Glibc;
    base.has_shell = Some(true);
    Some(base)
}

/// Reads what a tag names. `stanza` is the catalog build it belongs to, if any.
pub(super) fn describe(
    data: &Data,
    img: &Image,
    os_image: bool,
    parts: &TagParts<'_>,
    stanza: Option<&StanzaFacts>,
) -> TagFacts {
    let written = parts.version.map(|v| v.strip_prefix('v').unwrap_or(v));
    let written_parts = written.and_then(numeric_parts);
    let from_alias = parts.alias.and_then(|a| alias_version(data, img.name, a));

    // Numbers for the release cycle: the stanza's when they refine what is written.
    let stanza_parts = stanza.and_then(|s| s.parts.clone());
    let parts_for_cycle = match (&written_parts, stanza_parts) {
        (Some(w), Some(s)) if s.starts_with(w) => Some(s),
        (Some(w), _) => Some(w.clone()),
        (None, Some(s)) => Some(s),
        (None, None) => from_alias.as_deref().and_then(numeric_parts),
    };
    let version = written
        .map(str::to_owned)
        .or_else(|| from_alias.clone())
        .or_else(|| stanza.and_then(|s| s.version).map(|v| v.strip_prefix('v').unwrap_or(v).to_owned()));

    let product = img.products.first().map(|&p| &data.products[p]);
    let release = match (product, &parts_for_cycle) {
        (Some(product), Some(numbers)) => find_release(product, numbers),
        _ => None,
    };
    let cycle_len = match (product, release) {
        (Some(product), Some(r)) => product.releases()[r].cycle_parts.len(),
        _ => parts_for_cycle.as_ref().map_or(1, |n| n.len().min(2)),
    };

    let word_base = base_from_words(data, &parts.words);
    let os_explicit = word_base.as_ref().is_some_and(|b| b.os.version.is_some() || b.os.codename.is_some());
    let mut base = if os_image {
        let effective = version.as_deref().or_else(|| stanza.and_then(|s| s.version));
        os_image_base(data, img.name, effective, parts.alias, &parts.words)
            .or_else(|| stanza.and_then(|s| s.base.clone()))
    } else {
        let stanza_base = stanza.and_then(|s| s.base.clone());
        match (&word_base, stanza_base) {
            // `-alpine` names no release, but its build does (`-alpine3.24`).
            (Some(w), Some(s))
                if w.os.family == s.os.family && w.os.family != OsFamily::Windows && w.os.version.is_none() =>
            {
                Some(s)
            }
            (Some(w), _) => Some(w.clone()),
            (None, s) => s.or_else(|| alias_base(data, parts.alias)),
        }
    };
    // Variant words that strip the shell and package manager (.NET chiseled images).
    if let Some(b) = base.as_mut() {
        if parts.words.iter().any(|w| *w == "chiseled" || *w == "distroless") {
            b.package_manager = PackageManager::None;
            b.has_shell = Some(false);
        }
    }

    let variant = variant_of(os_image, parts, word_base.as_ref());
    let class = match (&written_parts, parts.alias) {
        (Some(w), _) if w.len() == cycle_len => 0,
        (Some(w), _) if w.len() > cycle_len => 1,
        (None, Some(_)) if os_image && from_alias.is_some() => 0,
        _ => 2,
    };
    let buildpack_deps = img.buildpack_deps
        && matches!(variant.kind, VariantKind::Default | VariantKind::Debian { .. } | VariantKind::Ubuntu { .. });
    TagFacts {
        version,
        parts: parts_for_cycle,
        release,
        variant,
        base,
        prerelease: parts.prerelease()
            || stanza.is_some_and(|s| s.prerelease)
            || alias_is_unreleased(data, parts.alias),
        os_explicit,
        class,
        buildpack_deps,
    }
}

fn variant_of(os_image: bool, parts: &TagParts<'_>, base: Option<&Base>) -> Variant {
    let suffix = parts.suffix();
    let has = |w: &str| parts.words.contains(&w);
    let kind = if let Some(b) = base.filter(|b| b.os.family == OsFamily::Windows && !parts.words.is_empty()) {
        let ltsc = b.os.version.clone();
        if has("nanoserver") { VariantKind::NanoServer { ltsc } } else { VariantKind::WindowsServerCore { ltsc } }
    } else if os_image {
        if parts.words.is_empty() {
            VariantKind::OsRelease
        } else if has("slim") {
            VariantKind::Slim
        } else {
            VariantKind::Other(suffix.clone())
        }
    } else if parts.words.iter().any(|w| w.starts_with("alpine")) {
        let version = base.filter(|b| b.os.family == OsFamily::Alpine).and_then(|b| b.os.version.clone());
        VariantKind::Alpine { version }
    } else if has("slim") {
        VariantKind::Slim
    } else if parts.words.is_empty() {
        VariantKind::Default
    } else {
        match base {
            Some(b) if b.os.family == OsFamily::Debian && b.os.codename.is_some() => {
                VariantKind::Debian { suite: b.os.codename.clone().unwrap_or_default() }
            }
            Some(b) if b.os.family == OsFamily::Ubuntu && b.os.codename.is_some() => {
                VariantKind::Ubuntu { release: b.os.codename.clone().unwrap_or_default() }
            }
            _ => VariantKind::Other(suffix.clone()),
        }
    };
    Variant { kind, suffix }
}
