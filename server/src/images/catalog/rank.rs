//! Ordering tags for completion, and picking upgrade targets.

use std::cmp::Reverse;

use super::data::{Data, Image, numeric_parts};
use super::date::Date;
use super::index::{ImageIndex, TagFacts};
use super::parse::{is_os_word, split_tag, stem};
use super::support::{judge, os_support};
use super::types::{RankedTag, Support, SupportStatus, VariantKind};

/// The two support clocks of a catalog tag on `today`.
fn clocks(
    data: &Data,
    img: &Image,
    index: &ImageIndex,
    facts: &TagFacts,
    today: Date,
) -> (Option<Support>, Option<Support>) {
    let release = img
        .products
        .first()
        .map(|&p| &data.products[p])
        .zip(facts.release)
        .map(|(product, r)| judge(product, &product.releases()[r], today));
    let os = facts.base.as_ref().and_then(|b| os_support(data, b, today));
    if index.os_image { (None, release.or(os)) } else { (release, os) }
}

fn is_eol(support: &Option<Support>) -> bool {
    support.as_ref().is_some_and(|s| s.status.is_end_of_life())
}

/// Lower is better: the recommended variant of the image first.
fn variant_rank(index: &ImageIndex, kind: &VariantKind) -> u8 {
    match kind {
        VariantKind::OsRelease => 0,
        VariantKind::Slim if index.has_slim => 0,
        VariantKind::Default if index.has_slim => 1,
        VariantKind::Default => 0,
        VariantKind::Slim => 1,
        VariantKind::Debian { .. } | VariantKind::Ubuntu { .. } => 2,
        VariantKind::Alpine { .. } => 3,
        VariantKind::Other(_) => 4,
        VariantKind::WindowsServerCore { .. } | VariantKind::NanoServer { .. } => 5,
    }
}

/// The release-cycle numbers of a tag, for grouping ("3.14" for every 3.14.7 build).
fn cycle_key(data: &Data, img: &Image, facts: &TagFacts) -> Vec<u32> {
    let product = img.products.first().map(|&p| &data.products[p]);
    match (product, facts.release) {
        (Some(product), Some(r)) => product.releases()[r].cycle_parts.clone(),
        _ => facts.parts.as_ref().map(|p| p.iter().copied().take(2).collect()).unwrap_or_default(),
    }
}

/// Completion order, compared field by field (lower first).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct SortKey<'a> {
    /// 0 supported, 1 pre-release, 2 end of life.
    group: u8,
    /// Newest release cycle first.
    cycle: Reverse<Vec<u32>>,
    /// Names the cycle, then more specific, then floating (see `TagFacts::class`).
    class: u8,
    /// The recommended variant first.
    variant: u8,
    /// Tags without an OS release before those that pin one.
    os_explicit: bool,
    /// Newer OS releases first.
    os: Reverse<Vec<u32>>,
    /// Shorter, then alphabetical.
    length: usize,
    tag: &'a str,
}

pub(super) fn ranked(data: &Data, img: &Image, index: &ImageIndex, today: Date) -> Vec<RankedTag> {
    struct Row<'a> {
        key: SortKey<'a>,
        detail: String,
        deprecated: bool,
    }
    let mut rows: Vec<Row<'_>> = index
        .entries
        .iter()
        .map(|entry| {
            let facts = &entry.facts;
            let (language, os) = clocks(data, img, index, facts, today);
            let deprecated = is_eol(&language) || is_eol(&os) || img.deprecated.is_some();
            let group = if is_eol(&language) || is_eol(&os) {
                2
            } else if facts.prerelease {
                1
            } else {
                0
            };
            let os_key = facts
                .base
                .as_ref()
                .and_then(|b| b.os.version.as_deref())
                .and_then(|v| numeric_parts(v.trim_start_matches("ltsc")))
                .unwrap_or_default();
            Row {
                key: SortKey {
                    group,
                    cycle: Reverse(cycle_key(data, img, facts)),
                    class: facts.class,
                    variant: variant_rank(index, &facts.variant.kind),
                    os_explicit: facts.os_explicit,
                    os: Reverse(os_key),
                    length: entry.tag.len(),
                    tag: entry.tag,
                },
                detail: detail(data, img, index, facts, language.as_ref(), os.as_ref()),
                deprecated,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| RankedTag {
            tag: row.key.tag.to_owned(),
            detail: row.detail,
            deprecated: row.deprecated,
            sort_key: u32::try_from(i).unwrap_or(u32::MAX),
        })
        .collect()
}

/// "Python 3.12 · Debian 13 slim · supported until 2028-10-31".
fn detail(
    data: &Data,
    img: &Image,
    index: &ImageIndex,
    facts: &TagFacts,
    language: Option<&Support>,
    os: Option<&Support>,
) -> String {
    let mut pieces: Vec<String> = Vec::new();
    let os_text = facts.base.as_ref().map(|b| {
        let mut text = b.os.name.clone();
        if let Some(v) = &b.os.version {
            text.push(' ');
            text.push_str(v);
        } else if let Some(c) = &b.os.codename {
            text.push(' ');
            text.push_str(c);
        }
        text
    });
    let mut variant_words: Vec<&str> = facts
        .variant
        .suffix
        .split('-')
        .filter(|w| !w.is_empty() && !stem(w).is_empty() && !is_os_word(data, w))
        .filter(|w| *w != "alpine")
        .collect();
    if facts.buildpack_deps {
        variant_words.insert(0, "full");
    }
    if index.os_image {
        pieces.push(os_text.unwrap_or_else(|| img.name.to_owned()));
        if !variant_words.is_empty() {
            pieces.push(variant_words.join(" "));
        }
    } else {
        let head = match language {
            Some(s) => format!("{} {}", s.title, s.cycle),
            None => {
                let product = img.products.first().map_or(img.name, |&p| data.products[p].title);
                match &facts.version {
                    Some(v) => format!("{product} {v}"),
                    None => product.to_owned(),
                }
            }
        };
        pieces.push(head);
        let mut middle = os_text.unwrap_or_default();
        for word in variant_words {
            if !middle.is_empty() {
                middle.push(' ');
            }
            middle.push_str(word);
        }
        if !middle.is_empty() {
            pieces.push(middle);
        }
    }
    let status = if facts.prerelease {
        Some("pre-release".to_owned())
    } else {
        match (language, os) {
            (Some(l), Some(o)) if o.status.severity() > l.status.severity() => Some(status_text(o, true)),
            (Some(l), _) => Some(status_text(l, false)),
            (None, Some(o)) => Some(status_text(o, false)),
            (None, None) => None,
        }
    };
    if let Some(status) = status.filter(|s| !s.is_empty()) {
        pieces.push(status);
    }
    if img.deprecated.is_some() {
        pieces.push("image deprecated".to_owned());
    }
    pieces.join(" · ")
}

fn status_text(support: &Support, name_it: bool) -> String {
    let who = if name_it { format!("{} {}: ", support.title, support.cycle) } else { String::new() };
    match support.status {
        SupportStatus::Supported => match support.eol {
            Some(eol) => format!("{who}supported until {eol}"),
            None => format!("{who}supported"),
        },
        SupportStatus::EndingSoon { date } => format!("{who}support ends {date}"),
        SupportStatus::ExtendedOnly { eoes, paid: false, .. } => match eoes {
            Some(eoes) => format!("{who}LTS only, until {eoes}"),
            None => format!("{who}LTS only"),
        },
        SupportStatus::ExtendedOnly { eol, eoes, paid: true } => match eoes {
            Some(eoes) => {
                format!("{who}standard support ended {eol}; paid extended support until {eoes}")
            }
            None => format!("{who}standard support ended {eol}"),
        },
        SupportStatus::EndOfLife { since: Some(since) } => {
            format!("{who}end of life since {since}")
        }
        SupportStatus::EndOfLife { since: None } => format!("{who}end of life"),
        SupportStatus::Unknown => String::new(),
    }
}

/// The variant words without OS releases: `slim-buster` → `slim`, `alpine3.18` → `alpine`.
fn generic_suffix(data: &Data, words: &[&str]) -> String {
    words
        .iter()
        .filter_map(|w| {
            let s = stem(w);
            if s.is_empty() || s == "ltsc" || data.is_debian_codename(w) || data.ubuntu_by_codename(w).is_some() {
                None
            } else if s == "alpine" {
                Some("alpine")
            } else {
                Some(*w)
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

pub(super) fn newest_supported_same_variant(
    data: &Data,
    img: &Image,
    index: &ImageIndex,
    tag: &str,
    today: Date,
    is_alias: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let wanted = split_tag(tag, is_alias);
    let suffix = wanted.suffix();
    let generic = generic_suffix(data, &wanted.words);
    let alias_form = wanted.version.is_none() && wanted.alias.is_some();
    let candidates: Vec<(&str, &TagFacts, String)> = index
        .entries
        .iter()
        .filter_map(|entry| {
            let facts = &entry.facts;
            if facts.prerelease || facts.class != 0 {
                return None;
            }
            let parts = split_tag(entry.tag, is_alias);
            let entry_alias_form = parts.version.is_none() && parts.alias.is_some();
            if index.os_image && entry_alias_form != alias_form {
                return None;
            }
            if parts.alias.is_some_and(|a| data.debian_alias(a).is_some()) {
                return None;
            }
            let (language, os) = clocks(data, img, index, facts, today);
            if is_eol(&language) || is_eol(&os) {
                return None;
            }
            Some((entry.tag, facts, generic_suffix(data, &parts.words)))
        })
        .collect();
    let newest = |pool: Vec<&(&str, &TagFacts, String)>| {
        pool.into_iter()
            .max_by(|a, b| a.1.parts.cmp(&b.1.parts).then_with(|| b.0.len().cmp(&a.0.len())).then_with(|| b.0.cmp(a.0)))
            .map(|c| c.0.to_owned())
    };
    newest(candidates.iter().filter(|c| c.1.variant.suffix == suffix).collect())
        .or_else(|| newest(candidates.iter().filter(|c| c.2 == generic && !c.1.os_explicit).collect()))
}
