//! Advice about base images, from the catalog and live registries.
//!
//! Every rule here looks at the image a stage starts from: the `FROM` reference after
//! global ARG defaults and build args are expanded ([`crate::model::Stage::image`]),
//! and for `FROM <earlier stage>` the image at the root of the chain. What the image
//! is comes from [`crate::images::catalog`] (tags, variants, OS, support dates) and
//! [`crate::images::knowledge`] (sizes, wheels). Unknown images and references with
//! variables that have no value get no verdict.
//!
//! Resolving a reference is the expensive part, so [`resolved`] keeps a small
//! process-wide memo keyed by the expanded reference and the day: a file whose 800
//! stages all start `FROM alpine:3.19` resolves it once, and so does the next
//! keystroke.

mod alpine_pip_needs_build_tools;
mod from_deprecated_image;
mod from_eol;
mod from_full_image_in_final_stage;
mod from_latest_tag;
mod from_nonexistent_tag;
mod from_not_pinned_digest;
mod from_untagged;
mod no_shell_in_final_image;
mod package_manager_mismatch;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::{Context, Rule};
use crate::images::catalog::{Date, Resolution, Support, TagStatus, catalog};
use crate::model::{Base, Stage};
use crate::syntax::TextRange;
use crate::syntax::image_ref::ImageRef;

pub(crate) static RULES: &[&Rule] = &[
    &from_untagged::RULE,
    &from_latest_tag::RULE,
    &from_nonexistent_tag::RULE,
    &from_eol::RULE,
    &from_deprecated_image::RULE,
    &from_full_image_in_final_stage::RULE,
    &alpine_pip_needs_build_tools::RULE,
    &package_manager_mismatch::RULE,
    &no_shell_in_final_image::RULE,
    &from_not_pinned_digest::RULE,
];

/// An image reference and what the catalog says about it on one day.
#[derive(Debug)]
pub(super) struct Resolved {
    /// The name the catalog and live tags use: `python`, `bitnami/redis`,
    /// `gcr.io/distroless/static`.
    pub name: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    pub res: Resolution,
}

impl Resolved {
    /// `name:tag` (or the name alone) for messages.
    pub fn display(&self) -> String {
        match &self.tag {
            Some(tag) => format!("{}:{tag}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Resolves an expanded image reference (memoised). `None` when it is not a valid
/// reference or still has variables.
pub(super) fn resolved(image: &str, today: Date) -> Option<Arc<Resolved>> {
    type Memo = Mutex<HashMap<(String, Date), Option<Arc<Resolved>>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    const MAX_ENTRIES: usize = 512;
    let memo = MEMO.get_or_init(Default::default);
    let key = (image.to_owned(), today);
    if let Ok(map) = memo.lock() {
        if let Some(hit) = map.get(&key) {
            return hit.clone();
        }
    }
    let value = resolve_now(image, today).map(Arc::new);
    if let Ok(mut map) = memo.lock() {
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(key, value.clone());
    }
    value
}

fn resolve_now(image: &str, today: Date) -> Option<Resolved> {
    if image.contains('$') {
        return None;
    }
    let parsed = ImageRef::parse(image);
    if parsed.error.is_some() {
        return None;
    }
    let norm = parsed.normalize(image)?;
    let name = norm.short_name();
    let res = catalog().resolve(&name, norm.tag.as_deref(), today);
    Some(Resolved { name, tag: norm.tag, digest: norm.digest, res })
}

/// The images of a document's stages, resolved once per check (kept in the
/// [`Context`] for every base-image rule).
pub(super) struct Stages<'a> {
    cx: &'a Context<'a>,
    /// Per stage: the image its own FROM names (`Base::Image`, or scratch).
    own: &'a [Option<Arc<Resolved>>],
    /// Per stage: the stage at the root of its `FROM <stage>` chain.
    root: &'a [Option<usize>],
}

/// What [`Stages`] reads, worked out once per check.
pub(super) struct StageImages {
    own: Vec<Option<Arc<Resolved>>>,
    root: Vec<Option<usize>>,
}

impl<'a> Stages<'a> {
    pub fn new(cx: &'a Context<'a>) -> Stages<'a> {
        let images = cx.stage_images.get_or_init(|| StageImages::new(cx));
        Stages { cx, own: &images.own, root: &images.root }
    }
}

impl StageImages {
    fn new(cx: &Context<'_>) -> StageImages {
        let stages = &cx.model.stages;
        let mut local: HashMap<&str, Option<Arc<Resolved>>> = HashMap::new();
        let mut own = Vec::with_capacity(stages.len());
        let mut root: Vec<Option<usize>> = Vec::with_capacity(stages.len());
        for (i, stage) in stages.iter().enumerate() {
            let image = match stage.base {
                Base::Image => stage.image.as_deref(),
                Base::Scratch => Some("scratch"),
                Base::Stage(_) | Base::Unresolved => None,
            };
            let r = image.and_then(|image| local.entry(image).or_insert_with(|| resolved(image, cx.today)).clone());
            own.push(r);
            root.push(match stage.base {
                Base::Image | Base::Scratch => Some(i),
                Base::Stage(p) if p < i => root.get(p).copied().flatten(),
                _ => None,
            });
        }
        StageImages { own, root }
    }
}

impl<'a> Stages<'a> {
    /// The image a stage's own FROM names.
    pub fn own(&self, stage: usize) -> Option<&Resolved> {
        self.own.get(stage)?.as_deref()
    }

    /// The stage at the root of a stage's chain (itself when it names an image).
    pub fn root_stage(&self, stage: usize) -> Option<usize> {
        self.root.get(stage).copied().flatten()
    }

    /// The image at the root of a stage's chain.
    pub fn root(&self, stage: usize) -> Option<&Resolved> {
        self.own(self.root_stage(stage)?)
    }

    /// Stages whose own FROM names an image, with it.
    pub fn images(&self) -> impl Iterator<Item = (&'a Stage, &Resolved)> + '_ {
        self.cx.model.stages.iter().zip(self.own).filter_map(|(s, r)| Some((s, r.as_deref()?)))
    }
}

/// Ranges of the parts of a FROM reference as written.
pub(super) struct Written {
    /// The whole image word.
    pub image: TextRange,
    /// The written reference has no variables and its source is the logical text, so
    /// the part ranges below point at the text that names the image, and edits are safe.
    pub literal: bool,
    pub name: TextRange,
    pub tag: Option<TextRange>,
    pub digest: Option<TextRange>,
    /// The tag as written (may contain variables).
    pub tag_text: Option<String>,
}

impl Written {
    pub fn of(cx: &Context<'_>, stage: &Stage) -> Written {
        let text = stage.image_text.as_str();
        let start = stage.image_range.start;
        let same_source = cx.text.get(stage.image_range.clone()) == Some(text);
        let parsed = ImageRef::parse(text);
        let abs = |r: &std::ops::Range<usize>| start + r.start..start + r.end;
        if !same_source {
            return Written {
                image: stage.image_range.clone(),
                literal: false,
                name: stage.image_range.clone(),
                tag: None,
                digest: None,
                tag_text: parsed.tag.as_ref().and_then(|t| text.get(t.clone())).map(str::to_owned),
            };
        }
        let name_end = parsed.path.end;
        Written {
            image: stage.image_range.clone(),
            literal: !text.contains('$'),
            name: start..start + name_end,
            tag: parsed.tag.as_ref().map(abs),
            digest: parsed.digest.as_ref().map(abs),
            tag_text: parsed.tag.as_ref().and_then(|t| text.get(t.clone())).map(str::to_owned),
        }
    }

    /// The range to report a tag problem on: the tag when it is written plainly, else
    /// the image word.
    pub fn tag_or_image(&self) -> TextRange {
        match (&self.tag, &self.tag_text) {
            (Some(r), Some(t)) if !t.contains('$') => r.clone(),
            _ => self.image.clone(),
        }
    }

    /// Where a tag edit goes when the reference is literal: the tag range, or an
    /// empty range after the name for a reference without one (then the new text
    /// needs a leading `:`). `None` when the reference is not literal.
    pub fn tag_edit(&self, new_tag: &str) -> Option<(TextRange, String)> {
        if !self.literal {
            return None;
        }
        Some(match &self.tag {
            Some(r) => (r.clone(), new_tag.to_owned()),
            None => (self.name.end..self.name.end, format!(":{new_tag}")),
        })
    }
}

/// The floating tag a careful user writes for what `latest` is today: the version
/// tag of the same build (`python` → `3.14`, `node` → `26`, `alpine` → `3.22`,
/// `debian` → `13`), else the newest supported tag of the default variant, else the
/// pinned tag. `None` for images the catalog does not know.
pub(super) fn floating_latest(name: &str, today: Date) -> Option<String> {
    let res = catalog().resolve(name, None, today);
    if res.tag_status != TagStatus::Current {
        return None;
    }
    let cycle = res.language_support.as_ref().or(res.os_support.as_ref()).map(|s| s.cycle.as_str());
    if let Some(cycle) = cycle {
        if res.aliases.iter().any(|a| a == cycle) {
            return Some(cycle.to_owned());
        }
    }
    if let Some(tag) = catalog().newest_supported_same_variant(name, "latest", today) {
        if tag != "latest" {
            return Some(tag);
        }
    }
    res.pinned.or(res.latest_resolves_to)
}

/// "Debian 12 (bookworm)", "Ubuntu 24.04 (noble)", "Python 3.8", "Alpine Linux 3.19".
pub(super) fn support_name(s: &Support) -> String {
    let codename = s.codename.as_deref().and_then(|c| c.split_whitespace().next()).map(str::to_ascii_lowercase);
    match codename {
        Some(c) if !c.is_empty() && !c.eq_ignore_ascii_case(&s.cycle) => format!("{} {} ({c})", s.title, s.cycle),
        _ => format!("{} {}", s.title, s.cycle),
    }
}

/// Levenshtein distance over bytes (tags are ASCII).
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether a stage is used by another stage as a source of files (`COPY --from`,
/// `RUN --mount=from=`): a builder, not (only) an image that ships.
pub(super) fn is_copied_from(cx: &Context<'_>, stage: usize) -> bool {
    use crate::model::StageRefKind;
    cx.model.stage_refs.iter().any(|r| r.target == Some(stage) && r.kind != StageRefKind::FromBase)
}

#[cfg(test)]
mod tests;
