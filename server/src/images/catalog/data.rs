//! The embedded data file and its in-memory form.
//!
//! Every string borrows from the embedded text (the generator guarantees that no
//! string needs a JSON escape). Loading reads only the outline (image names, product
//! names, distributions); an image's stanzas and a product's releases stay raw JSON
//! until first use, which keeps the load well under the 5 ms budget.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::date::Date;
use super::index::ImageIndex;

/// The generated catalog, see `server/tools/gen_catalog.py`.
pub(super) const CATALOG_JSON: &str = include_str!("../../../data/catalog.json");

/// The layout version this code reads; the generator writes the same number.
const FORMAT: u32 = 1;

#[derive(Deserialize)]
struct RawCatalog<'a> {
    format: u32,
    snapshot: &'a str,
    #[serde(borrow)]
    sources: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    #[serde(borrow)]
    arches: Vec<&'a str>,
    #[serde(borrow)]
    images: Vec<RawImage<'a>>,
    #[serde(borrow)]
    products: Vec<(&'a str, &'a str, &'a RawValue)>,
    #[serde(borrow)]
    debian: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    ubuntu: Vec<(&'a str, &'a str, bool)>,
    #[serde(borrow, rename = "debianAliases")]
    debian_aliases: Vec<(&'a str, &'a str)>,
    #[serde(borrow, rename = "debianUpcoming")]
    debian_upcoming: Vec<(&'a str, &'a str)>,
}

#[derive(Deserialize)]
struct RawImage<'a> {
    n: &'a str,
    #[serde(borrow)]
    s: &'a RawValue,
    #[serde(borrow, default)]
    p: Vec<&'a str>,
    #[serde(borrow, default)]
    a: Vec<&'a str>,
    #[serde(borrow, default)]
    d: Option<(Vec<&'a str>, Vec<&'a str>)>,
    #[serde(default)]
    bp: bool,
}

/// `[tags, sharedTags, architecture bit mask, constraints]`.
#[derive(Deserialize)]
struct RawStanza<'a>(#[serde(borrow)] Vec<&'a str>, #[serde(borrow)] Vec<&'a str>, u64, #[serde(borrow)] Vec<&'a str>);

/// `[cycle, releaseDate, eol, eoes, eoas, lts, latest, codename]`.
type RawRelease<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

/// One source repository of the data, for provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// `owner/name` on GitHub.
    pub repository: &'static str,
    /// The commit the data was generated from.
    pub commit: &'static str,
    /// The commit date (ISO 8601).
    pub date: &'static str,
    /// The upstream license (SPDX id).
    pub license: &'static str,
}

/// A date field of endoflife.date, which may be a date or a bare yes/no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Milestone {
    /// Not reached, or not applicable.
    No,
    /// Reached, date unknown.
    Reached,
    /// On this date.
    On(Date),
}

impl Milestone {
    fn parse(text: &str) -> Milestone {
        match text {
            "" => Milestone::No,
            "y" => Milestone::Reached,
            other => Date::parse(other).map_or(Milestone::No, Milestone::On),
        }
    }

    pub(super) fn date(self) -> Option<Date> {
        match self {
            Milestone::On(date) => Some(date),
            _ => None,
        }
    }
}

pub(super) struct Release {
    pub cycle: &'static str,
    /// Numeric components of `cycle` ("3.12" → [3, 12]); empty when it is not numeric.
    pub cycle_parts: Vec<u32>,
    pub release_date: Option<Date>,
    pub eol: Milestone,
    pub eoes: Milestone,
    pub eoas: Milestone,
    pub lts: Milestone,
    pub latest: &'static str,
    pub codename: &'static str,
}

pub(super) struct Product {
    pub slug: &'static str,
    pub title: &'static str,
    releases_raw: &'static RawValue,
    releases: OnceLock<Vec<Release>>,
}

impl Product {
    /// Release cycles, newest first as endoflife.date lists them.
    pub fn releases(&self) -> &[Release] {
        self.releases.get_or_init(|| {
            let rows: Vec<RawRelease<'static>> = parse_part(self.releases_raw, self.slug);
            rows.into_iter()
                .map(|(cycle, release, eol, eoes, eoas, lts, latest, codename)| Release {
                    cycle,
                    cycle_parts: numeric_parts(cycle).unwrap_or_default(),
                    release_date: Date::parse(release),
                    eol: Milestone::parse(eol),
                    eoes: Milestone::parse(eoes),
                    eoas: Milestone::parse(eoas),
                    lts: Milestone::parse(lts),
                    latest,
                    codename,
                })
                .collect()
        })
    }
}

/// Parses a part of the embedded document kept raw at load time; logs and returns
/// nothing if it is broken (it is generated, so that is a build mistake).
fn parse_part<T: Deserialize<'static> + Default>(raw: &'static RawValue, what: &str) -> T {
    serde_json::from_str(raw.get()).unwrap_or_else(|error| {
        tracing::error!(%error, what, "embedded image catalog entry does not parse");
        T::default()
    })
}

pub(super) struct Stanza {
    pub tags: Vec<&'static str>,
    pub shared: Vec<&'static str>,
    pub arch_mask: u64,
    pub constraints: Vec<&'static str>,
}

impl Stanza {
    pub fn all_tags(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.tags.iter().chain(self.shared.iter()).copied()
    }

    pub fn is_windows(&self) -> bool {
        !self.constraints.is_empty()
            || self.tags.iter().any(|t| t.contains("windowsservercore") || t.contains("nanoserver"))
    }
}

pub(super) struct Image {
    pub name: &'static str,
    stanzas_raw: &'static RawValue,
    stanzas: OnceLock<Vec<Stanza>>,
    /// endoflife.date product slugs (indexes into `Catalog::products`).
    pub products: Vec<usize>,
    /// Tag words that stand for a version (`latest`, `lts`, `jod`, suite names …).
    pub aliases: Vec<&'static str>,
    pub deprecated: Option<(Vec<&'static str>, Vec<&'static str>)>,
    /// The default variant is documented as built on buildpack-deps.
    pub buildpack_deps: bool,
    pub index: OnceLock<ImageIndex>,
}

impl Image {
    /// The image's builds (paragraphs of its library file), in catalog order.
    pub fn stanzas(&self) -> &[Stanza] {
        self.stanzas.get_or_init(|| {
            let rows: Vec<RawStanza<'static>> = parse_part(self.stanzas_raw, self.name);
            rows.into_iter()
                .map(|RawStanza(tags, shared, arch_mask, constraints)| Stanza { tags, shared, arch_mask, constraints })
                .collect()
        })
    }

    /// No build is maintained any more (the image was removed from the library).
    pub fn is_retired(&self) -> bool {
        self.stanzas_raw.get() == "[]"
    }
}

/// Everything loaded from the data file.
pub(super) struct Data {
    pub snapshot: Date,
    pub sources: Vec<Source>,
    pub arches: Vec<&'static str>,
    pub images: Vec<Image>,
    pub image_by_name: HashMap<&'static str, usize>,
    pub products: Vec<Product>,
    pub product_by_slug: HashMap<&'static str, usize>,
    /// Debian (codename, version), newest first; unreleased suites appended.
    pub debian: Vec<(&'static str, &'static str)>,
    /// Ubuntu (codename, version, lts), newest first.
    pub ubuntu: Vec<(&'static str, &'static str, bool)>,
    /// `stable` → `trixie` and so on, relative to the snapshot.
    pub debian_aliases: Vec<(&'static str, &'static str)>,
}

impl Data {
    pub fn load() -> Data {
        match serde_json::from_str::<RawCatalog<'static>>(CATALOG_JSON) {
            Ok(raw) if raw.format == FORMAT => Data::from_raw(raw),
            Ok(raw) => {
                tracing::error!(format = raw.format, "embedded image catalog has an unknown format");
                Data::empty()
            }
            Err(error) => {
                tracing::error!(%error, "embedded image catalog does not parse");
                Data::empty()
            }
        }
    }

    fn empty() -> Data {
        Data {
            snapshot: Date { year: 1970, month: 1, day: 1 },
            sources: Vec::new(),
            arches: Vec::new(),
            images: Vec::new(),
            image_by_name: HashMap::new(),
            products: Vec::new(),
            product_by_slug: HashMap::new(),
            debian: Vec::new(),
            ubuntu: Vec::new(),
            debian_aliases: Vec::new(),
        }
    }

    fn from_raw(raw: RawCatalog<'static>) -> Data {
        let products: Vec<Product> = raw
            .products
            .into_iter()
            .map(|(slug, title, releases_raw)| Product { slug, title, releases_raw, releases: OnceLock::new() })
            .collect();
        let product_by_slug: HashMap<&'static str, usize> =
            products.iter().enumerate().map(|(i, p)| (p.slug, i)).collect();

        let images: Vec<Image> = raw
            .images
            .into_iter()
            .map(|img| Image {
                name: img.n,
                stanzas_raw: img.s,
                stanzas: OnceLock::new(),
                products: img.p.iter().filter_map(|slug| product_by_slug.get(slug).copied()).collect(),
                aliases: img.a,
                deprecated: img.d,
                buildpack_deps: img.bp,
                index: OnceLock::new(),
            })
            .collect();
        let image_by_name = images.iter().enumerate().map(|(i, img)| (img.name, i)).collect();

        let mut debian = raw.debian;
        for upcoming in raw.debian_upcoming {
            if !debian.iter().any(|(codename, _)| *codename == upcoming.0) {
                debian.insert(0, upcoming);
            }
        }

        Data {
            snapshot: Date::parse(raw.snapshot).unwrap_or(Date { year: 1970, month: 1, day: 1 }),
            sources: raw
                .sources
                .into_iter()
                .map(|(repository, commit, date, license)| Source { repository, commit, date, license })
                .collect(),
            arches: raw.arches,
            images,
            image_by_name,
            products,
            product_by_slug,
            debian,
            ubuntu: raw.ubuntu,
            debian_aliases: raw.debian_aliases,
        }
    }

    pub fn product(&self, slug: &str) -> Option<&Product> {
        self.product_by_slug.get(slug).map(|&i| &self.products[i])
    }

    pub fn arch_names(&self, mask: u64) -> Vec<String> {
        self.arches
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < 64 && mask & (1u64 << i) != 0)
            .map(|(_, a)| (*a).to_owned())
            .collect()
    }

    /// Debian version for a codename (`bookworm` → `12`); `None` for `sid` and unknown words.
    pub fn debian_version(&self, codename: &str) -> Option<&'static str> {
        self.debian.iter().find(|(c, _)| *c == codename).map(|(_, v)| *v).filter(|v| !v.is_empty())
    }

    pub fn is_debian_codename(&self, word: &str) -> bool {
        word == "sid" || self.debian.iter().any(|(c, _)| *c == word)
    }

    pub fn debian_codename(&self, version: &str) -> Option<&'static str> {
        let major = version.split('.').next().unwrap_or(version);
        self.debian.iter().find(|(_, v)| *v == major).map(|(c, _)| *c)
    }

    pub fn ubuntu_by_codename(&self, codename: &str) -> Option<(&'static str, &'static str, bool)> {
        self.ubuntu.iter().find(|(c, _, _)| *c == codename).copied()
    }

    pub fn ubuntu_by_version(&self, version: &str) -> Option<(&'static str, &'static str, bool)> {
        self.ubuntu.iter().find(|(_, v, _)| *v == version || version.starts_with(&format!("{v}."))).copied()
    }

    pub fn debian_alias(&self, word: &str) -> Option<&'static str> {
        self.debian_aliases.iter().find(|(a, _)| *a == word).map(|(_, c)| *c)
    }
}

/// Numeric components of a version: "3.12.14" → [3, 12, 14], "3.15.0rc1" → [3, 15, 0],
/// "8u502" → [8], "11.0.32_9" → [11, 0, 32], "v3.7" → [3, 7]. `None` when it does not
/// start with a number.
pub(super) fn numeric_parts(text: &str) -> Option<Vec<u32>> {
    let text = text.strip_prefix('v').unwrap_or(text);
    let mut parts = Vec::new();
    for piece in text.split('.') {
        let digits: &str = &piece[..piece.bytes().take_while(u8::is_ascii_digit).count()];
        if digits.is_empty() {
            break;
        }
        parts.push(digits.parse().ok()?);
        if digits.len() != piece.len() {
            break;
        }
    }
    if parts.is_empty() { None } else { Some(parts) }
}
