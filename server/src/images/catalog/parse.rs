//! Reading a tag: version words, variant words, and the operating system they name.

use super::data::{Data, numeric_parts};
use super::types::{Libc, OsFamily, OsInfo, PackageManager};

/// Words that stand for a version in the first position of any image's tags.
const GLOBAL_ALIASES: &[&str] = &[
    "latest",
    "lts",
    "current",
    "stable",
    "mainline",
    "edge",
    "tip",
    "rc",
    "devel",
    "nightly",
    "unstable",
    "testing",
    "rawhide",
    "experimental",
    "cauldron",
    "sisyphus",
    "develop",
    "rolling",
    "innovation",
    "oldstable",
    "oldoldstable",
];

/// Version words that mean "not a final release".
const PRERELEASE_ALIASES: &[&str] = &[
    "edge",
    "tip",
    "rc",
    "devel",
    "nightly",
    "unstable",
    "testing",
    "rawhide",
    "experimental",
    "rc-buggy",
    "cauldron",
    "sisyphus",
    "develop",
    "sid",
];

/// Node.js LTS codenames and their majors (curated: only `jod` and `krypton` are
/// still in the catalog, but older codename tags still pull).
pub(super) const NODE_CODENAMES: &[(&str, &str)] = &[
    ("argon", "4"),
    ("boron", "6"),
    ("carbon", "8"),
    ("dubnium", "10"),
    ("erbium", "12"),
    ("fermium", "14"),
    ("gallium", "16"),
    ("hydrogen", "18"),
    ("iron", "20"),
    ("jod", "22"),
    ("krypton", "24"),
];

/// A tag cut into its version part and its variant words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct TagParts<'t> {
    /// The leading version token ("3.12.14", "8u502", "v3.7", "28").
    pub version: Option<&'t str>,
    /// Further tokens of the version ("rc", "ea", "11", "b07", "7.3.23").
    pub version_extra: Vec<&'t str>,
    /// A leading word that stands for a version ("latest", "lts", "bookworm" in debian).
    pub alias: Option<&'t str>,
    /// A date stamp ("20260803", "20260811.1").
    pub stamp: Option<&'t str>,
    /// The variant words, in order.
    pub words: Vec<&'t str>,
}

impl TagParts<'_> {
    /// The variant words joined with `-`.
    pub fn suffix(&self) -> String {
        self.words.join("-")
    }

    /// A pre-release version (rc, beta, alpha, ea, dev) or pre-release alias.
    pub fn prerelease(&self) -> bool {
        let version_marked = self.version.is_some_and(|v| {
            let v = v.strip_prefix('v').unwrap_or(v);
            let rest = v.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').to_ascii_lowercase();
            ["rc", "a", "b", "alpha", "beta", "ea", "dev", "pre"]
                .iter()
                .any(|marker| rest.starts_with(marker) && rest[marker.len()..].bytes().all(|b| b.is_ascii_digit()))
        });
        version_marked
            || self.version_extra.iter().any(|w| is_prerelease_word(w))
            || self.alias.is_some_and(|a| PRERELEASE_ALIASES.contains(&a))
            || self.words.iter().any(|w| matches!(*w, "rc" | "beta" | "alpha" | "ea" | "preview"))
    }
}

/// Cuts a tag. `is_alias` says which words stand for a version for this image.
pub(super) fn split_tag<'t>(tag: &'t str, is_alias: &dyn Fn(&str) -> bool) -> TagParts<'t> {
    let tokens: Vec<&'t str> = tag.split('-').collect();
    let mut parts = TagParts::default();
    let mut i = 0;

    // Leading version words: "latest", "lts-krypton", "rc-buggy-20260803", "tip-20260815".
    while i < tokens.len() {
        let pair = (i + 1 < tokens.len()).then(|| joined(tag, &tokens, i, i + 1)).flatten();
        let consumed = match pair {
            Some(two) if is_alias(two) => {
                parts.alias.get_or_insert(two);
                2
            }
            _ if is_alias(tokens[i]) => {
                parts.alias.get_or_insert(tokens[i]);
                1
            }
            _ => 0,
        };
        if consumed == 0 {
            break;
        }
        i += consumed;
        if i < tokens.len() && is_stamp(tokens[i]) {
            parts.stamp = Some(tokens[i]);
            i += 1;
        }
    }

    if parts.alias.is_none() && i < tokens.len() && is_version_token(tokens[i]) {
        if is_stamp(tokens[i]) {
            parts.stamp = Some(tokens[i]);
        } else {
            parts.version = Some(tokens[i]);
        }
        i += 1;
        while i < tokens.len() && (is_version_extra(tokens[i]) || is_version_token(tokens[i])) {
            if is_stamp(tokens[i]) {
                parts.stamp = Some(tokens[i]);
            } else {
                parts.version_extra.push(tokens[i]);
            }
            i += 1;
        }
    }

    for &token in &tokens[i..] {
        if token.is_empty() {
            continue;
        }
        if is_stamp(token) && parts.stamp.is_none() {
            parts.stamp = Some(token);
        } else {
            parts.words.push(token);
        }
    }
    parts
}

/// `tokens[from..=to]` as one slice of `tag`.
fn joined<'t>(tag: &'t str, tokens: &[&'t str], from: usize, to: usize) -> Option<&'t str> {
    let start: usize = tokens[..from].iter().map(|t| t.len() + 1).sum();
    let len: usize = tokens[from..=to].iter().map(|t| t.len()).sum::<usize>() + (to - from);
    tag.get(start..start + len)
}

pub(super) fn is_version_token(token: &str) -> bool {
    let body = token.strip_prefix('v').unwrap_or(token);
    body.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// A date stamp: `20260803`, `20260811.1`.
pub(super) fn is_stamp(token: &str) -> bool {
    let (date, rest) = token.split_at_checked(8).unwrap_or((token, ""));
    date.len() == 8
        && date.bytes().all(|b| b.is_ascii_digit())
        && (date.starts_with("19") || date.starts_with("20"))
        && (rest.is_empty() || (rest.starts_with('.') && rest[1..].bytes().all(|b| b.is_ascii_digit())))
}

/// A token that continues a version: a pre-release marker or a build number
/// (`rc`, `ea`, `beta2`, `M1`, `b07`).
fn is_version_extra(token: &str) -> bool {
    is_prerelease_word(token) || is_numbered(token, "b")
}

fn is_numbered(token: &str, letters: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    let word = lower.trim_end_matches(|c: char| c.is_ascii_digit());
    word == letters && word.len() < lower.len()
}

fn is_prerelease_word(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    let letters = lower.trim_end_matches(|c: char| c.is_ascii_digit());
    matches!(letters, "rc" | "ea" | "beta" | "alpha" | "dev" | "preview" | "pre") || is_numbered(token, "m")
}

/// The word of a variant token without its numbers: `alpine3.23` → `alpine`,
/// `ltsc2022` → `ltsc`, `scala_2.12` → `scala`, `php8.5` → `php`.
pub(super) fn stem(word: &str) -> &str {
    word.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '_')
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), so
/// `alpnie` is one edit from `alpine`.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    for (i, cell) in table.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in table.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[(i - 1) * width + j] + 1)
                .min(table[i * width + j - 1] + 1)
                .min(table[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[(i - 2) * width + j - 2] + 1);
            }
            table[i * width + j] = best;
        }
    }
    table[a.len() * width + b.len()]
}

/// How far a word may be from a real one and still count as its misspelling.
pub(super) fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    }
}

/// What an image is built on: OS, C library, package manager, shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Base {
    pub os: OsInfo,
    pub libc: Libc,
    pub package_manager: PackageManager,
    pub has_shell: Option<bool>,
}

impl Base {
    pub fn new(family: OsFamily, name: &str, version: Option<&str>, codename: Option<&str>) -> Base {
        let (libc, package_manager, has_shell) = match family {
            OsFamily::Debian | OsFamily::Ubuntu => (Libc::Glibc, PackageManager::Apt, Some(true)),
            OsFamily::Alpine => (Libc::Musl, PackageManager::Apk, Some(true)),
            OsFamily::Fedora | OsFamily::RhelLike => (Libc::Glibc, PackageManager::Dnf, Some(true)),
            OsFamily::AmazonLinux => {
                let pm = if version == Some("2") { PackageManager::Yum } else { PackageManager::Dnf };
                (Libc::Glibc, pm, Some(true))
            }
            OsFamily::Windows => (Libc::None, PackageManager::None, Some(true)),
            OsFamily::Wolfi => (Libc::Glibc, PackageManager::Apk, Some(true)),
            OsFamily::Other => (Libc::Unknown, PackageManager::Unknown, None),
            OsFamily::None => (Libc::None, PackageManager::None, Some(false)),
        };
        Base {
            os: OsInfo {
                family,
                name: name.to_owned(),
                version: version.map(str::to_owned),
                codename: codename.map(str::to_owned),
            },
            libc,
            package_manager,
            has_shell,
        }
    }

    pub fn with_pm(mut self, pm: PackageManager) -> Base {
        self.package_manager = pm;
        self
    }

    pub fn debian(data: &Data, codename: &str) -> Base {
        Base::new(OsFamily::Debian, "Debian", data.debian_version(codename), Some(codename))
    }

    pub fn debian_version(data: &Data, version: &str) -> Base {
        let major = version.split('.').next().unwrap_or(version);
        Base::new(OsFamily::Debian, "Debian", Some(major), data.debian_codename(major))
    }

    pub fn ubuntu(data: &Data, word: &str) -> Base {
        match data.ubuntu_by_codename(word).or_else(|| data.ubuntu_by_version(word)) {
            Some((codename, version, _)) => Base::new(OsFamily::Ubuntu, "Ubuntu", Some(version), Some(codename)),
            None => Base::new(OsFamily::Ubuntu, "Ubuntu", None, None),
        }
    }

    pub fn alpine(version: Option<&str>) -> Base {
        Base::new(OsFamily::Alpine, "Alpine Linux", version, None)
    }
}

fn alpine_version(text: &str) -> Option<&str> {
    let parts = numeric_parts(text)?;
    (parts.len() >= 2 && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')).then_some(text)
}

/// The operating system named by variant words (`slim-bookworm`, `alpine3.22`,
/// `jre-alpine-3.22`, `windowsservercore-ltsc2022`, `ubi9-minimal`, `al2023`, `noble`).
pub(super) fn base_from_words(data: &Data, words: &[&str]) -> Option<Base> {
    for (j, &word) in words.iter().enumerate() {
        let next = words.get(j + 1).copied();
        let lower = word.to_ascii_lowercase();
        let word = lower.as_str();
        if word == "scratch" {
            return Some(Base::new(OsFamily::None, "none (scratch)", None, None));
        }
        if word == "alpine" {
            return Some(Base::alpine(next.and_then(alpine_version)));
        }
        if let Some(rest) = word.strip_prefix("alpine") {
            if let Some(version) = alpine_version(rest) {
                return Some(Base::alpine(Some(version)));
            }
        }
        if word == "windowsservercore" || word == "nanoserver" {
            let release = next.filter(|n| n.starts_with("ltsc") || n.bytes().all(|b| b.is_ascii_digit()));
            let name = if word == "nanoserver" { "Windows Nano Server" } else { "Windows Server Core" };
            let mut base = Base::new(OsFamily::Windows, name, release, None);
            if word == "nanoserver" {
                // Nano Server has cmd but no PowerShell and no installer support.
                base.has_shell = Some(true);
            }
            return Some(base);
        }
        if data.is_debian_codename(word) {
            return Some(Base::debian(data, word));
        }
        if data.ubuntu_by_codename(word).is_some() {
            return Some(Base::ubuntu(data, word));
        }
        if word == "debian" {
            return Some(match next {
                Some(n) if data.is_debian_codename(n) => Base::debian(data, n),
                Some(n) if is_version_token(n) => Base::debian_version(data, n),
                _ => Base::new(OsFamily::Debian, "Debian", None, None),
            });
        }
        if let Some(rest) = word.strip_prefix("debian") {
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
                return Some(Base::debian_version(data, rest));
            }
        }
        if word == "ubuntu" {
            return Some(match next {
                Some(n) if is_version_token(n) || data.ubuntu_by_codename(n).is_some() => Base::ubuntu(data, n),
                _ => Base::new(OsFamily::Ubuntu, "Ubuntu", None, None),
            });
        }
        if let Some(rest) = word.strip_prefix("ubi") {
            if rest.is_empty() || rest.bytes().all(|b| b.is_ascii_digit()) {
                let version = (!rest.is_empty()).then_some(rest);
                let base = Base::new(OsFamily::RhelLike, "Red Hat UBI", version, None);
                return Some(match next {
                    Some("minimal") => base.with_pm(PackageManager::Microdnf),
                    Some("micro") => base.with_pm(PackageManager::None),
                    _ => base,
                });
            }
        }
        if word == "oracle" || word.starts_with("oraclelinux") {
            let version = word.strip_prefix("oraclelinux").filter(|v| !v.is_empty());
            // The Java and MySQL images build on oraclelinux:N-slim.
            return Some(
                Base::new(OsFamily::RhelLike, "Oracle Linux", version, None).with_pm(PackageManager::Microdnf),
            );
        }
        if let Some(rest) = word.strip_prefix("almalinux") {
            let version = (!rest.is_empty()).then_some(rest);
            return Some(Base::new(OsFamily::RhelLike, "AlmaLinux", version, None).with_pm(PackageManager::Unknown));
        }
        if word == "centos" {
            return Some(Base::new(OsFamily::RhelLike, "CentOS", None, None).with_pm(PackageManager::Yum));
        }
        if word == "al2" || word == "amazonlinux2" {
            return Some(Base::new(OsFamily::AmazonLinux, "Amazon Linux", Some("2"), None));
        }
        if word == "al2023" {
            return Some(Base::new(OsFamily::AmazonLinux, "Amazon Linux", Some("2023"), None));
        }
        if let Some(rest) = word.strip_prefix("azurelinux") {
            let version = (!rest.is_empty()).then_some(rest);
            return Some(
                Base::new(OsFamily::Other, "Azure Linux", version, None)
                    .with_libc(Libc::Glibc)
                    .with_pm(PackageManager::Tdnf),
            );
        }
        if word == "cbl" && next.is_some_and(|n| n.starts_with("mariner")) {
            let version = next.and_then(|n| n.strip_prefix("mariner")).filter(|v| !v.is_empty());
            return Some(
                Base::new(OsFamily::Other, "CBL-Mariner", version, None)
                    .with_libc(Libc::Glibc)
                    .with_pm(PackageManager::Tdnf),
            );
        }
    }
    None
}

impl Base {
    pub fn with_libc(mut self, libc: Libc) -> Base {
        self.libc = libc;
        self
    }
}

/// A word is a Debian or Ubuntu suite name, or another word that names an OS.
pub(super) fn is_os_word(data: &Data, word: &str) -> bool {
    base_from_words(data, &[word]).is_some() || matches!(stem(word), "ltsc" | "minimal" | "micro")
}

/// Whether `word` counts as a version alias for an image with these aliases.
pub(super) fn is_alias_for(data: &Data, image: &str, image_aliases: &[&str], word: &str) -> bool {
    if image_aliases.contains(&word) || GLOBAL_ALIASES.contains(&word) {
        return true;
    }
    let suites_are_versions =
        image_aliases.iter().any(|a| data.is_debian_codename(a) || data.ubuntu_by_codename(a).is_some());
    if suites_are_versions && (data.is_debian_codename(word) || data.ubuntu_by_codename(word).is_some()) {
        return true;
    }
    image == "node" && NODE_CODENAMES.iter().any(|(c, _)| *c == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(tag: &str) -> TagParts<'_> {
        split_tag(tag, &|w| matches!(w, "latest" | "lts" | "jod" | "bookworm" | "rc-buggy" | "tip"))
    }

    /// tag, version, version_extra, alias, words
    type SplitCase =
        (&'static str, Option<&'static str>, &'static [&'static str], Option<&'static str>, &'static [&'static str]);

    #[test]
    fn splits_version_and_variant_words() {
        let cases: &[SplitCase] = &[
            ("3.12.14-slim-trixie", Some("3.12.14"), &[], None, &["slim", "trixie"]),
            ("3.12-alpine3.22", Some("3.12"), &[], None, &["alpine3.22"]),
            ("22-bookworm-slim", Some("22"), &[], None, &["bookworm", "slim"]),
            ("lts-alpine", None, &[], Some("lts"), &["alpine"]),
            ("1.24-windowsservercore-ltsc2022", Some("1.24"), &[], None, &["windowsservercore", "ltsc2022"]),
            ("21-jre-alpine", Some("21"), &[], None, &["jre", "alpine"]),
            ("8u502-b07-jdk-alpine-3.24", Some("8u502"), &["b07"], None, &["jdk", "alpine", "3.24"]),
            ("3.15-rc-slim", Some("3.15"), &["rc"], None, &["slim"]),
            ("28-ea-11-jdk-slim", Some("28"), &["ea", "11"], None, &["jdk", "slim"]),
            ("slim-trixie", None, &[], None, &["slim", "trixie"]),
            ("bookworm-20260803-slim", None, &[], Some("bookworm"), &["slim"]),
            ("rc-buggy-20260803", None, &[], Some("rc-buggy"), &[]),
            ("v3.7.11-windowsservercore-ltsc2025", Some("v3.7.11"), &[], None, &["windowsservercore", "ltsc2025"]),
            ("jdk-21-alpine", None, &[], None, &["jdk", "21", "alpine"]),
        ];
        for (tag, version, extra, alias, words) in cases {
            let parts = split(tag);
            assert_eq!(parts.version, *version, "{tag}");
            assert_eq!(parts.version_extra, *extra, "{tag}");
            assert_eq!(parts.alias, *alias, "{tag}");
            assert_eq!(parts.words, *words, "{tag}");
        }
    }

    #[test]
    fn date_stamps_are_not_versions() {
        let parts = split("20260805");
        assert_eq!(parts.version, None);
        assert_eq!(parts.stamp, Some("20260805"));
        let parts = split("tip-20260815-trixie");
        assert_eq!((parts.alias, parts.stamp, parts.words), (Some("tip"), Some("20260815"), vec!["trixie"]));
        assert_eq!(split("19.0-20260817").version, Some("19.0"));
    }

    #[test]
    fn prereleases_are_recognised() {
        for tag in ["3.15.0rc1-slim", "3.15-rc", "19beta3", "28-ea-11", "tip-trixie", "3.14.0a1"] {
            assert!(split(tag).prerelease(), "{tag}");
        }
        for tag in ["3.12", "8u502-b07-jdk", "11.0.32_9-jre", "lts-alpine", "latest"] {
            assert!(!split(tag).prerelease(), "{tag}");
        }
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("alpnie", "alpine"), 1);
        assert_eq!(edit_distance("bookwrom", "bookworm"), 1);
        assert_eq!(edit_distance("slimm", "slim"), 1);
        assert_eq!(edit_distance("jre", "jdk"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn stems_drop_numbers() {
        assert_eq!(stem("alpine3.23"), "alpine");
        assert_eq!(stem("ltsc2022"), "ltsc");
        assert_eq!(stem("scala_2.12"), "scala");
        assert_eq!(stem("slim"), "slim");
    }
}
