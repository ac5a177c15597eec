//! What an experienced colleague would say about a base image: what it is, what is in
//! it, how big it is, how long it is supported, and which variant to pick instead.
//!
//! Built from the offline catalog (tags, OS, support dates), the curated knowledge
//! (sizes, variants, trade-offs) and, when the caller has them, live registry tags.

use std::sync::Arc;

use crate::ide::links::registry_page;
use crate::images::catalog::{
    Date, Libc, OsFamily, OsInfo, PackageManager, Resolution, Support, SupportStatus, TagStatus, Variant, VariantKind,
    catalog,
};
use crate::images::knowledge::{self, ImageKnowledge, SIZES_AS_OF, VariantSize};
use crate::images::registry::{Lookup, TagList};
use crate::syntax::image_ref::{ImageRef, NormalizedRef};

use super::render::{Block, code, escape_md};

/// What the registry cache knows about an image right now (see
/// [`LiveInfo::from_lookup`]). Features never wait for it.
#[derive(Clone, Debug, Default)]
pub struct LiveInfo {
    /// The tag list, fresh or stale.
    pub tags: Option<Arc<TagList>>,
    /// A fetch is under way: results may improve (completion answers `is_incomplete`).
    pub pending: bool,
}

impl LiveInfo {
    /// Maps the registry client's answer.
    pub fn from_lookup(lookup: &Lookup) -> LiveInfo {
        match lookup {
            Lookup::Fresh(t) => LiveInfo { tags: Some(t.clone()), pending: false },
            Lookup::Stale(t) => LiveInfo { tags: Some(t.clone()), pending: true },
            Lookup::Pending => LiveInfo { tags: None, pending: true },
            Lookup::Missing | Lookup::Failed { .. } => LiveInfo::default(),
        }
    }
}

/// Gives live data for an image (the LSP layer passes its registry cache).
pub type LiveData<'a> = dyn Fn(&NormalizedRef) -> LiveInfo + 'a;

/// How much to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// A hover: the essentials.
    Hover,
    /// `dockerfile-lsp explain`: also typical use, the recommendation and gotchas.
    Full,
    /// A short summary: what it is, what is inside, support (for a Dockerfile's stages).
    Summary,
}

/// The human name of a registry.
pub fn registry_name(registry: &str) -> &str {
    if registry == crate::syntax::image_ref::DOCKER_HUB { "Docker Hub" } else { registry }
}

/// A size to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Size {
    /// From the curated knowledge: approximate, measured for `example` (image:tag).
    Approx { mb: f32, example: String },
    /// Exact, from the live registry.
    Live { bytes: u64, registry: String },
}

impl Size {
    /// `~45 MB` / `44.8 MB`.
    pub fn short(&self) -> String {
        match self {
            Size::Approx { mb, .. } => format!("~{}", format_mb(*mb)),
            Size::Live { bytes, .. } => format_bytes(*bytes),
        }
    }
}

/// `~0.4 GB` for large images, `3.8 MB` for tiny ones, whole MB otherwise.
pub fn format_mb(mb: f32) -> String {
    if mb >= 250.0 {
        format!("{:.1} GB", mb / 1000.0)
    } else if mb < 10.0 && mb.fract() != 0.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

fn format_bytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1_000_000.0;
    if mb >= 1000.0 { format!("{:.2} GB", mb / 1000.0) } else { format!("{mb:.1} MB") }
}

/// An image reference with everything looked up once.
pub struct ImageFacts {
    pub norm: NormalizedRef,
    /// The catalog's name for it (`python`, `bitnami/redis`, `gcr.io/distroless/static`).
    pub name: String,
    /// The tag as written (`None`: implicit `latest`, or digest only).
    pub tag: Option<String>,
    pub res: Resolution,
    pub knowledge: Option<&'static ImageKnowledge>,
    pub live: Option<LiveInfo>,
}

impl ImageFacts {
    /// Looks up a reference (variables already expanded). `None` when it does not parse.
    pub fn lookup(reference: &str, today: Date, live: Option<&LiveData<'_>>) -> Option<ImageFacts> {
        let parsed = ImageRef::parse(reference);
        if parsed.error.is_some() {
            return None;
        }
        let norm = parsed.normalize(reference)?;
        let name = norm.short_name();
        let res = catalog().resolve(&name, norm.tag.as_deref(), today);
        let knowledge = if res.reserved { knowledge::image("scratch") } else { knowledge::image(&name) };
        let live = live.map(|f| f(&norm));
        Some(ImageFacts { tag: norm.tag.clone(), norm, name, res, knowledge, live })
    }

    /// The tag the facts are about: as written, else `latest` unless only a digest is given.
    fn effective_tag(&self) -> Option<&str> {
        match (&self.tag, &self.norm.digest) {
            (Some(t), _) => Some(t),
            (None, Some(_)) => None,
            (None, None) => Some("latest"),
        }
    }

    fn display(&self) -> String {
        let mut s = self.name.clone();
        if let Some(t) = &self.tag {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = &self.norm.digest {
            s.push('@');
            s.push_str(short_digest(d));
        }
        s
    }

    /// The size of this tag: live when the registry reported it, else approximate.
    pub fn size(&self) -> Option<Size> {
        if let Some(live) = self.live_size() {
            return Some(live);
        }
        let k = self.knowledge?;
        let tag = self.effective_tag()?;
        let v = knowledge_variant(k, self, tag)?;
        let example = example_ref(k, v);
        Some(Size::Approx { mb: v.approx_compressed_mb, example })
    }

    fn live_size(&self) -> Option<Size> {
        let list = self.live.as_ref()?.tags.as_ref()?;
        let tag = self.effective_tag()?;
        let t = list.get(tag)?;
        let p = t.platforms.iter().find(|p| p.platform == "linux/amd64")?;
        (p.compressed_size > 0)
            .then(|| Size::Live { bytes: p.compressed_size, registry: registry_name(&list.registry).to_string() })
    }

    /// Whether the catalog or curated knowledge says anything about the image.
    pub fn is_known(&self) -> bool {
        self.res.known_image || self.knowledge.is_some()
    }
}

fn short_digest(d: &str) -> &str {
    let end = d.find(':').map_or(0, |i| i + 1) + 12;
    d.get(..end).unwrap_or(d)
}

/// `image:tag` for a knowledge example (public for completion documentation).
pub fn example_of(k: &ImageKnowledge, v: &VariantSize) -> String {
    example_ref(k, v)
}

/// `image:tag` for a knowledge example (families store `repo:tag` below their prefix).
fn example_ref(k: &ImageKnowledge, v: &VariantSize) -> String {
    if k.name.contains('/') {
        let sep = if k.name.ends_with('/') { "" } else { "/" };
        let family = k.name.strip_suffix("/ubi").unwrap_or(k.name);
        format!("{family}{sep}{}", v.example_tag)
    } else {
        format!("{}:{}", k.name, v.example_tag)
    }
}

const DEBIAN_SUITES: &[&str] =
    &["trixie", "bookworm", "bullseye", "buster", "stretch", "jessie", "forky", "duke", "sid"];
const UBUNTU_RELEASES: &[&str] = &[
    "resolute", "questing", "plucky", "oracular", "noble", "mantic", "lunar", "kinetic", "jammy", "focal", "bionic",
    "xenial",
];

/// The variant key of a tag: its variant words without OS releases (`slim-trixie` →
/// `slim`, `jre-alpine3.22` → `jre-alpine`, `trixie` → `default`).
fn variant_key(suffix: &str) -> String {
    let words: Vec<&str> = suffix
        .split('-')
        .filter(|w| !w.is_empty())
        .filter(|w| !DEBIAN_SUITES.contains(w) && !UBUNTU_RELEASES.contains(w))
        .filter(|w| !(w.starts_with("ltsc") || (w.starts_with("debian") && w.len() > 6)))
        .map(|w| if w.starts_with("alpine") { "alpine" } else { w })
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .collect();
    if words.is_empty() { "default".to_string() } else { words.join("-") }
}

/// The knowledge variant entry that describes `tag` of this image.
fn knowledge_variant<'k>(k: &'k ImageKnowledge, f: &ImageFacts, tag: &str) -> Option<&'k VariantSize> {
    let codename = f.res.os.as_ref().and_then(|o| o.codename.as_deref());
    variant_size(k, &f.norm.repository, tag, &f.res.variant, codename)
}

/// The curated size entry that describes `tag` of an image (`repository` as normalised,
/// e.g. `library/python`, `distroless/static-debian12`).
pub fn variant_size<'k>(
    k: &'k ImageKnowledge,
    repository: &str,
    tag: &str,
    variant: &Variant,
    os_codename: Option<&str>,
) -> Option<&'k VariantSize> {
    let by = |key: &str| k.variants.iter().find(|v| v.variant == key);
    if k.name.contains('/') {
        // Families: the repository below the prefix names the variant.
        let repo = repository;
        let rest = repo.rsplit('/').next().unwrap_or(repo);
        let exact = format!(
            "{}:{tag}",
            repo.strip_prefix("distroless/")
                .or(repo.strip_prefix("chainguard/"))
                .or(repo.strip_prefix("dotnet/"))
                .unwrap_or(repo)
        );
        if let Some(v) = k.variants.iter().find(|v| v.example_tag == exact) {
            return Some(v);
        }
        let key = match k.name {
            "gcr.io/distroless" => rest.split("-debian").next().unwrap_or(rest).to_string(),
            "cgr.dev/chainguard" => {
                if tag.ends_with("-dev") || tag == "dev" {
                    "dev".into()
                } else if rest == "static" {
                    "static".into()
                } else {
                    "runtime".into()
                }
            }
            "mcr.microsoft.com/dotnet" => {
                let mut key = rest.to_string();
                if tag.contains("alpine") {
                    key.push_str("-alpine");
                } else if tag.contains("chiseled") {
                    key.push_str("-chiseled");
                }
                key
            }
            _ => {
                // UBI: ubi9/ubi-minimal, ubi9-minimal, ubi9/ubi.
                if rest.ends_with("-minimal") {
                    "minimal".into()
                } else if rest.ends_with("-micro") {
                    "micro".into()
                } else {
                    "standard".into()
                }
            }
        };
        return by(&key);
    }
    if let Some(v) = k.variants.iter().find(|v| v.example_tag == tag) {
        return Some(v);
    }
    let key = variant_key(&variant.suffix);
    if let Some(v) = by(&key) {
        return Some(v);
    }
    if let Some(v) = os_codename.and_then(by) {
        return Some(v);
    }
    match &variant.kind {
        VariantKind::Slim => by("slim"),
        VariantKind::Alpine { .. } => by("alpine"),
        _ => None,
    }
}

/// "Debian 13 (trixie)", "Alpine Linux 3.24", "Debian".
pub fn os_display(os: &OsInfo) -> String {
    let name = os.name.strip_suffix(" (distroless)").unwrap_or(&os.name);
    let mut s = name.to_string();
    if let Some(v) = &os.version {
        s.push(' ');
        s.push_str(v);
    }
    if let Some(c) = &os.codename {
        if os.version.is_some() {
            s.push_str(&format!(" ({c})"));
        } else {
            s.push(' ');
            s.push_str(c);
        }
    }
    s
}

fn libc_name(l: Libc) -> Option<&'static str> {
    Some(match l {
        Libc::Glibc => "glibc",
        Libc::Musl => "musl",
        Libc::Uclibc => "uClibc",
        Libc::None => "none",
        Libc::Unknown => return None,
    })
}

/// The command people type for the package manager.
pub fn package_manager_name(p: PackageManager) -> Option<&'static str> {
    Some(match p {
        PackageManager::Apt => "apt-get",
        PackageManager::Apk => "apk",
        PackageManager::Dnf => "dnf",
        PackageManager::Microdnf => "microdnf",
        PackageManager::Yum => "yum",
        PackageManager::Zypper => "zypper",
        PackageManager::Tdnf => "tdnf",
        PackageManager::Pacman => "pacman",
        PackageManager::Swupd => "swupd",
        PackageManager::None => "none",
        PackageManager::Unknown => return None,
    })
}

/// "Python 3.12 on Debian 13 (trixie), slim variant".
pub fn describe(f: &ImageFacts) -> String {
    let res = &f.res;
    if res.reserved {
        return "the empty image: no files, no shell, no libc".into();
    }
    let os = res.os.as_ref().map(os_display);
    let os_image = res.language_support.is_none()
        && res.os.as_ref().is_some_and(|o| res.product.as_deref().is_some_and(|p| o.name.starts_with(p)));
    let mut s = if os_image {
        os.clone().unwrap_or_default()
    } else {
        let product = res.product.clone().or_else(|| f.knowledge.map(|k| k.title.to_string()));
        let mut head = match (product, &res.version) {
            (Some(p), Some(v)) => format!("{p} {v}"),
            (Some(p), None) => p,
            (None, Some(v)) => format!("{} {v}", f.name),
            (None, None) => String::new(),
        };
        if f.knowledge.is_some_and(|k| k.name.contains('/')) {
            let repo = f.norm.repository.rsplit('/').next().unwrap_or("");
            head = if head.is_empty() { code(repo) } else { format!("{head} {}", code(repo)) };
        }
        match &os {
            Some(o) if head.is_empty() => o.clone(),
            Some(o) => format!("{head} on {o}"),
            None => head,
        }
    };
    let variant = match &res.variant.kind {
        VariantKind::Slim => Some("slim variant".to_string()),
        VariantKind::Default | VariantKind::Debian { .. } | VariantKind::Ubuntu { .. } if res.buildpack_deps => {
            Some("full variant with compilers and -dev headers".to_string())
        }
        VariantKind::Other(w) if !w.is_empty() && !f.knowledge.is_some_and(|k| k.name.contains('/')) => {
            Some(format!("{} variant", code(w)))
        }
        VariantKind::Other(w) if w == "debug" => Some("debug variant (BusyBox shell)".to_string()),
        VariantKind::Other(w) if w == "dev" => Some("dev variant (shell and apk)".to_string()),
        _ => None,
    };
    if let Some(v) = variant {
        if !s.is_empty() {
            s.push_str(", ");
        }
        s.push_str(&v);
    }
    s
}

/// The support verdict of one clock, as a sentence.
fn support_line(s: &Support, today: Date, newer_os: Option<&str>) -> String {
    let who = match &s.codename {
        Some(c) if !s.title.is_empty() && s.product != "ubuntu" => {
            format!("{} {} ({})", s.title, s.cycle, c.to_ascii_lowercase())
        }
        Some(c) => format!("{} {} ({c})", s.title, s.cycle),
        None => format!("{} {}", s.title, s.cycle),
    };
    let who = if s.lts && s.product == "nodejs" { format!("{who} LTS") } else { who };
    let extended = |eoes: Option<Date>| match (s.product.as_str(), eoes) {
        ("debian", Some(e)) => format!(", then Debian LTS (free, by volunteers) until {e}"),
        ("ubuntu", Some(e)) => format!(", then ESM (Ubuntu Pro, paid) until {e}"),
        (_, Some(e)) => format!(", then paid extended support until {e}"),
        (_, None) => String::new(),
    };
    match s.status {
        SupportStatus::Supported => {
            let Some(eol) = s.eol else {
                return format!("{who}: supported (no end date announced)");
            };
            let fixes = match s.eoas {
                Some(eoas) if eoas > today => format!("bug fixes until {eoas}, security fixes until {eol}"),
                Some(_) => format!("security fixes only, until {eol}"),
                None if s.product == "ubuntu" => format!("standard support until {eol}"),
                None => format!("security fixes until {eol}"),
            };
            format!("{who}: {fixes}{}", extended(s.eoes))
        }
        SupportStatus::EndingSoon { date } => {
            let months = today.months_until(date);
            let when = if months == 0 { "within a month".to_string() } else { format!("in about {months} months") };
            format!("**{who}: support ends {date}** ({when}){}", extended(s.eoes))
        }
        SupportStatus::ExtendedOnly { eol, eoes, paid: false } => {
            let until = eoes.map(|e| format!(" until {e}")).unwrap_or_default();
            let newer = newer_os.map(|n| format!("; {n} is the current release")).unwrap_or_default();
            format!(
                "{who}: regular security support ended {eol}; the Debian LTS team continues with free security fixes{until} (LTS covers fewer packages and architectures){newer}"
            )
        }
        SupportStatus::ExtendedOnly { eol, eoes, paid: true } => {
            let until = eoes.map(|e| format!(" until {e}")).unwrap_or_default();
            let channel =
                if s.product == "ubuntu" { "ESM (Ubuntu Pro, a paid subscription)" } else { "paid extended support" };
            format!("**{who}: standard support ended {eol}**; security fixes now come only through {channel}{until}")
        }
        SupportStatus::EndOfLife { since: Some(d) } => {
            format!("**{who}: past end of life since {d}**: no more security fixes")
        }
        SupportStatus::EndOfLife { since: None } => format!("**{who}: past end of life**: no more security fixes"),
        SupportStatus::Unknown => format!("{who}: no support dates known"),
    }
}

/// The current stable release of the OS family, for "move to …" advice.
fn current_release(family: OsFamily, today: Date) -> Option<String> {
    let image = match family {
        OsFamily::Debian => "debian",
        OsFamily::Ubuntu => "ubuntu",
        _ => return None,
    };
    catalog().resolve(image, None, today).os.as_ref().map(os_display)
}

fn support_bullets(f: &ImageFacts, today: Date) -> Vec<String> {
    let res = &f.res;
    let mut out = Vec::new();
    if let Some(l) = &res.language_support {
        out.push(support_line(l, today, None));
    }
    if let Some(o) = &res.os_support {
        let newer = res
            .os
            .as_ref()
            .and_then(|os| current_release(os.family, today))
            .filter(|n| res.os.as_ref().map(os_display).as_deref() != Some(n.as_str()));
        out.push(support_line(o, today, newer.as_deref()));
    }
    out
}

/// The version prefix of a tag (`3.12` of `3.12-slim`), when it starts with one.
fn version_prefix(tag: &str) -> Option<&str> {
    let head = tag.split('-').next()?;
    let digits = head.strip_prefix('v').unwrap_or(head);
    (digits.bytes().next().is_some_and(|b| b.is_ascii_digit())).then_some(head)
}

/// A tag of the same version for another variant (`3.12-alpine` for `3.12-slim`), when
/// the catalog has it; else the knowledge example.
fn sibling_tag(f: &ImageFacts, v: &VariantSize) -> String {
    let example = v.example_tag;
    if let (Some(tag), Some(ex_version)) = (f.effective_tag(), version_prefix(example)) {
        if let Some(version) = version_prefix(tag) {
            let candidate = format!("{version}{}", &example[ex_version.len()..]);
            if catalog().pinned_equivalent(&f.name, &candidate).is_some() {
                return candidate;
            }
        }
    }
    example.to_string()
}

/// The variants table: the hovered one and its alternatives.
fn alternatives(f: &ImageFacts, k: &ImageKnowledge) -> Option<Block> {
    if k.variants.len() < 2 {
        return None;
    }
    let current = f.effective_tag().and_then(|t| knowledge_variant(k, f, t)).map(|v| v.variant);
    let has_slim = k.variants.iter().any(|v| v.variant == "slim");
    let family = k.name.contains('/');
    let rows = k
        .variants
        .iter()
        .map(|v| {
            let label = match v.variant {
                "default" if has_slim => "full",
                other => other,
            };
            let this = current == Some(v.variant);
            let tag = match f.effective_tag() {
                Some(t) if this && !family => t.to_string(),
                _ if family => example_ref(k, v),
                _ => sibling_tag(f, v),
            };
            let mut when = v.when.to_string();
            if k.name == "python" && v.variant == "alpine" {
                let mut names: Vec<&str> = Vec::new();
                for p in knowledge::python_packages_without_musl_wheels() {
                    if names.len() < 2 && !names.iter().any(|n| n.get(..5) == p.package.get(..5)) {
                        names.push(p.package);
                    }
                }
                let names: Vec<String> = names.into_iter().map(code).collect();
                when.push_str(&format!(
                    "; musl: packages without a musllinux wheel ({} …) need build tools or fail",
                    names.join(", ")
                ));
            }
            if v.variant == "default" && has_slim {
                when.push_str("; avoid as a production base");
            }
            vec![
                if this { format!("**{label}** (this)") } else { label.to_string() },
                code(&tag),
                format!("~{}", format_mb(v.approx_compressed_mb)),
                when,
            ]
        })
        .collect();
    Some(Block::Table {
        head: vec!["variant".into(), "tag".into(), "compressed".into(), "when to pick it".into()],
        rows,
    })
}

fn status_paragraph(f: &ImageFacts) -> Option<String> {
    let shown = code(&f.display());
    match &f.res.tag_status {
        TagStatus::Current => None,
        TagStatus::NotMaintained => Some(format!(
            "{shown} is **no longer maintained**: the tag still pulls, but its maintainers no longer rebuild it with security updates."
        )),
        TagStatus::Nonexistent { suggestion, reason } => {
            let hint = suggestion.as_ref().map(|s| format!(" Did you mean {}?", code(s))).unwrap_or_default();
            Some(format!("**No such tag**: {reason}.{hint}"))
        }
        TagStatus::Unknown if f.res.official && !f.res.reserved => Some(format!(
            "The offline catalog (of {}) has no verdict on this tag; it may be newer than the catalog.",
            catalog().snapshot_date()
        )),
        TagStatus::Unknown => None,
    }
}

/// The explanation of an image reference (variables already expanded).
pub fn explain_image(reference: &str, today: Date, live: Option<&LiveData<'_>>, detail: Detail) -> Vec<Block> {
    match ImageFacts::lookup(reference, today, live) {
        Some(f) => explain_facts(&f, today, detail),
        None => {
            let why = ImageRef::parse(reference).error.map(|(_, m)| m).unwrap_or_else(|| "unresolved variables".into());
            vec![Block::Para(format!("{} — not a valid image reference: {}", code(reference), escape_md(&why)))]
        }
    }
}

/// The explanation for looked-up facts.
pub fn explain_facts(f: &ImageFacts, today: Date, detail: Detail) -> Vec<Block> {
    if !f.is_known() {
        return explain_unknown(f);
    }
    let res = &f.res;
    let mut blocks = Vec::new();
    let desc = describe(f);
    let title =
        if desc.is_empty() { format!("**{}**", f.display()) } else { format!("**{}** — {desc}", f.display()) };
    blocks.push(Block::Para(title));

    if let Some(d) = &res.deprecated {
        let succ: Vec<String> = d.successors.iter().map(|s| code(s)).collect();
        let mut p =
            format!("**Deprecated image**: its maintainers stopped publishing it; they point to {}.", succ.join(", "));
        if let Some(k) = f.knowledge {
            p.push(' ');
            p.push_str(k.recommended);
        }
        blocks.push(Block::Para(p));
    }
    if let Some(p) = status_paragraph(f) {
        blocks.push(Block::Para(p));
    }
    if f.tag.is_none() && f.norm.digest.is_some() {
        blocks.push(Block::Para(
            "Pinned by digest without a tag: the offline catalog cannot tell which version this is.".into(),
        ));
    }

    // What is inside.
    let mut facts = Vec::new();
    let mut inside = Vec::new();
    if let Some(os) = &res.os {
        inside.push(format!("**OS** {}", os_display(os)));
    }
    if let Some(l) = libc_name(res.libc) {
        inside.push(format!("**libc** {l}"));
    }
    if let Some(p) = package_manager_name(res.package_manager) {
        inside.push(format!("**package manager** {p}"));
    }
    match res.has_shell {
        Some(true) if res.os.as_ref().is_some_and(|o| o.family == OsFamily::Windows) => {
            inside.push("**shell** cmd / PowerShell".into())
        }
        Some(true) => inside.push("**shell** /bin/sh".into()),
        Some(false) => inside.push("**shell** none (exec-form CMD/ENTRYPOINT only, no RUN)".into()),
        None => {}
    }
    if !inside.is_empty() {
        facts.push(inside.join(" · "));
    }
    if let Some(size) = f.size() {
        facts.push(match &size {
            Size::Approx { example, .. } => {
                let on = if *example == f.display() { String::new() } else { format!(", measured for {}", code(example)) };
                format!(
                    "**Size** {} compressed download for linux/amd64 (approximate as of {SIZES_AS_OF}{on}); unpacked on disk 2–3× larger",
                    size.short()
                )
            }
            Size::Live { registry, .. } => {
                format!("**Size** {} compressed download (linux/amd64, live from {registry})", size.short())
            }
        });
    }
    if let Some(latest) = &res.latest_resolves_to {
        facts.push(format!("**Today** {} points at {}", code(&format!("{}:latest", f.name)), code(latest)));
    }
    let others: Vec<&String> = res.aliases.iter().filter(|a| Some(*a) != res.pinned.as_ref()).collect();
    if let Some(p) = res.pinned.as_ref().filter(|_| res.latest_resolves_to.is_none()) {
        let mut line = format!("**Today** the same image as {}", code(p));
        if !others.is_empty() {
            let shown: Vec<String> = others.iter().take(8).map(|a| code(a)).collect();
            let more = if others.len() > 8 { format!(" and {} more", others.len() - 8) } else { String::new() };
            line.push_str(&format!(" (also tagged {}{more})", shown.join(", ")));
        }
        facts.push(line);
    } else if !others.is_empty() {
        let shown: Vec<String> = others.iter().take(8).map(|a| code(a)).collect();
        let more = if others.len() > 8 { format!(" and {} more", others.len() - 8) } else { String::new() };
        facts.push(format!("**Also tagged** {}{more}", shown.join(", ")));
    }
    if !res.architectures.is_empty() {
        facts.push(format!("**Architectures** {}", res.architectures.join(", ")));
    }
    if !facts.is_empty() {
        blocks.push(Block::Bullets(facts));
    }

    let support = support_bullets(f, today);
    if !support.is_empty() {
        let worst = res.worst_support().map(|s| s.status);
        let mut items = support;
        if worst.is_some_and(|w| w.severity() >= 1 || matches!(w, SupportStatus::EndOfLife { .. })) {
            if let Some(tag) = f.effective_tag() {
                if let Some(up) = catalog().newest_supported_same_variant(&f.name, tag, today).filter(|u| u != tag) {
                    items.push(format!(
                        "Newest supported tag with the same variant: {}",
                        code(&format!("{}:{up}", f.name))
                    ));
                }
            }
        }
        blocks.push(Block::Para("**Support**".into()));
        blocks.push(Block::Bullets(items));
    }

    if detail == Detail::Summary {
        return blocks;
    }
    // What the variant is for, and the alternatives.
    if let Some(vk) = variant_knowledge(f) {
        blocks.push(Block::Para(format!("**{}** — {} {}", vk.title, vk.summary, vk.pick_when)));
    }
    if let Some(k) = f.knowledge {
        if detail == Detail::Full {
            blocks.push(Block::Para(format!("{} Typical use: {}", k.summary, k.typical_use)));
            blocks.push(Block::Para(format!("**Recommended**: {}", k.recommended)));
        }
        if let Some(t) = alternatives(f, k) {
            blocks.push(t);
        }
        if !k.tradeoffs.is_empty() {
            blocks.push(Block::Bullets(k.tradeoffs.iter().map(|t| t.to_string()).collect()));
        }
        if detail == Detail::Full && !k.gotchas.is_empty() {
            blocks.push(Block::Para("**Good to know**".into()));
            blocks.push(Block::Bullets(k.gotchas.iter().map(|t| t.to_string()).collect()));
        }
    }
    blocks.push(Block::Para(footer(f)));
    blocks
}

fn variant_knowledge(f: &ImageFacts) -> Option<&'static knowledge::VariantKnowledge> {
    let res = &f.res;
    if res.reserved {
        return knowledge::variant("scratch");
    }
    let family = f.knowledge.map(|k| k.name);
    match family {
        Some("gcr.io/distroless") => return knowledge::variant("distroless"),
        Some("cgr.dev/chainguard") => {
            let dev = f.effective_tag().is_some_and(|t| t.ends_with("-dev"));
            return knowledge::variant(if dev { "chainguard-dev" } else { "chainguard" });
        }
        _ => {}
    }
    match &res.variant.kind {
        VariantKind::Slim => knowledge::variant("slim"),
        VariantKind::Alpine { .. } => knowledge::variant("alpine"),
        VariantKind::Default if res.buildpack_deps => knowledge::variant("default"),
        VariantKind::Debian { .. } => knowledge::variant("debian-suite"),
        VariantKind::Ubuntu { .. } => knowledge::variant("ubuntu-release"),
        VariantKind::WindowsServerCore { .. } => knowledge::variant("windowsservercore"),
        VariantKind::NanoServer { .. } => knowledge::variant("nanoserver"),
        VariantKind::Other(w) => knowledge::variant(w),
        _ => None,
    }
}

fn footer(f: &ImageFacts) -> String {
    let mut parts = Vec::new();
    match f.live.as_ref().and_then(|l| l.tags.as_ref()) {
        Some(list) => {
            let pushed = f
                .effective_tag()
                .and_then(|t| list.get(t))
                .and_then(|t| t.last_pushed.as_deref())
                .map(|p| format!(", tag pushed {}", p.get(..10).unwrap_or(p)))
                .unwrap_or_default();
            parts.push(format!("Tags live from {}{pushed}", registry_name(&list.registry)));
        }
        None if f.live.as_ref().is_some_and(|l| l.pending) => {
            parts.push(format!("Looking up live tags on {}…", registry_name(&f.norm.registry)))
        }
        None => {}
    }
    if f.res.official {
        parts.push(format!("offline catalog of {}", catalog().snapshot_date()));
    } else if f.res.known_image {
        parts.push("offline: from the image's naming conventions".into());
    }
    let approx_shown =
        matches!(f.size(), Some(Size::Approx { .. })) || f.knowledge.is_some_and(|k| k.variants.len() >= 2);
    if approx_shown {
        parts.push(format!("sizes approximate as of {SIZES_AS_OF}"));
    }
    if let Some(url) = registry_page(&f.norm) {
        let label = if f.norm.is_docker_hub() { "Docker Hub".to_string() } else { "registry page".to_string() };
        parts.push(format!("[{label}]({url})"));
    }
    if let Some(docs) = f.knowledge.and_then(|k| k.docs_url) {
        if registry_page(&f.norm).as_deref() != Some(docs) {
            parts.push(format!("[docs]({docs})"));
        }
    }
    let mut s = parts.join(" · ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s
}

fn explain_unknown(f: &ImageFacts) -> Vec<Block> {
    let n = &f.norm;
    let mut blocks = vec![Block::Para(format!("**{}**", f.display()))];
    let dash = "—".to_string();
    let rows = vec![
        vec!["registry".into(), code(&n.registry)],
        vec!["repository".into(), code(&n.repository)],
        vec![
            "tag".into(),
            n.tag
                .as_deref()
                .map_or_else(|| if n.digest.is_some() { dash.clone() } else { "latest (implicit)".into() }, code),
        ],
        vec!["digest".into(), n.digest.as_deref().map_or(dash, code)],
    ];
    blocks.push(Block::Table { head: vec!["part".into(), "value".into()], rows });
    let who = if n.is_docker_hub() {
        let ns = n.repository.split('/').next().unwrap_or("");
        format!("A Docker Hub image from the {} namespace, not an official image", code(ns))
    } else {
        format!("An image on {}, not an official image", code(&n.registry))
    };
    blocks.push(Block::Para(format!("{who}; no offline data about its OS, size or support.")));
    match &f.live {
        Some(LiveInfo { tags: Some(list), .. }) => {
            let mut p = format!("{} tags on {} (live)", list.tags.len(), registry_name(&list.registry));
            if let Some(tag) = f.effective_tag() {
                match list.get(tag) {
                    Some(t) => {
                        p.push_str(&format!("; {} exists", code(tag)));
                        if let Some(pushed) = &t.last_pushed {
                            p.push_str(&format!(", pushed {}", pushed.get(..10).unwrap_or(pushed)));
                        }
                        if let Some(size) = f.live_size() {
                            p.push_str(&format!(", {} compressed (linux/amd64)", size.short()));
                        }
                    }
                    None if !list.truncated => p.push_str(&format!("; **{} is not among them**", code(tag))),
                    None => {}
                }
            }
            blocks.push(Block::Para(p + "."));
        }
        Some(LiveInfo { pending: true, .. }) => {
            blocks.push(Block::Para(format!("Looking up live tags on {}…", registry_name(&n.registry))))
        }
        _ => {}
    }
    if let Some(url) = registry_page(n) {
        blocks.push(Block::Para(format!("[registry page]({url})")));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_keys_drop_os_releases() {
        assert_eq!(variant_key("slim-trixie"), "slim");
        assert_eq!(variant_key("trixie-slim"), "slim");
        assert_eq!(variant_key("jre-alpine3.22"), "jre-alpine");
        assert_eq!(variant_key("bookworm"), "default");
        assert_eq!(variant_key(""), "default");
        assert_eq!(variant_key("windowsservercore-ltsc2022"), "windowsservercore");
    }

    #[test]
    fn sizes_read_like_a_person_wrote_them() {
        assert_eq!(format_mb(400.0), "0.4 GB");
        assert_eq!(format_mb(45.0), "45 MB");
        assert_eq!(format_mb(3.8), "3.8 MB");
        assert_eq!(format_mb(1.0), "1 MB");
        assert_eq!(format_bytes(44_812_345), "44.8 MB");
    }
}
