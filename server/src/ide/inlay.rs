//! Inlay hints: what `${VAR}` in a FROM line (image or `--platform`) resolves to, and
//! the approximate download size of the base image.

use crate::images::catalog::Date;
use crate::model::expand::expand;
use crate::model::{Base, BuildArgs};
use crate::syntax::TextRange;

use super::Doc;
use super::hover::image::{ImageFacts, LiveData, Size};

/// Inlay hint settings.
#[derive(Clone, Copy)]
pub struct InlayOptions<'a> {
    /// ` = python:3.12-slim` after a FROM image or platform with variables.
    pub variables: bool,
    /// `~45 MB` after the base image.
    pub image_size: bool,
    pub today: Date,
    pub build_args: Option<&'a BuildArgs>,
    pub live: Option<&'a LiveData<'a>>,
}

impl<'a> InlayOptions<'a> {
    /// Both kinds on, offline.
    pub fn new(today: Date) -> InlayOptions<'a> {
        InlayOptions { variables: true, image_size: true, today, build_args: None, live: None }
    }
}

/// What a hint shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlayKind {
    /// A resolved value.
    Value,
    /// An image size.
    Size,
}

/// One hint, shown at `offset` (after the word it belongs to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub kind: InlayKind,
    pub tooltip: Option<String>,
    /// Leave a space before the label.
    pub padding_left: bool,
}

/// Hints for the FROM lines that intersect `range`.
pub fn inlay_hints(doc: &Doc<'_>, range: TextRange, opts: &InlayOptions<'_>) -> Vec<InlayHint> {
    let mut out = Vec::new();
    let m = doc.model;
    let empty = BuildArgs::new();
    let args = opts.build_args.unwrap_or(&empty);
    for stage in &m.stages {
        let inst = doc.inst(stage.node);
        let full = inst.full_range();
        if full.end < range.start || full.start > range.end {
            continue;
        }
        let Some(from) = inst.as_from() else { continue };
        // FROM lines expand only global ARGs (and build args).
        let lookup = |name: &str| {
            let declared = m.global_args().rev().find(|(_, d)| d.name == name && d.node < stage.node);
            declared.and_then(|(_, d)| args.get(name).cloned().or_else(|| d.value.clone()))
        };
        if opts.variables {
            if let Some((prange, ptext)) = &from.platform {
                if ptext.contains('$') {
                    let e = expand(ptext, inst.inst.escape, &lookup);
                    // Automatic platform ARGs have no value before the build runs.
                    if e.unresolved.is_empty() {
                        out.push(InlayHint {
                            offset: prange.end,
                            label: format!("= {}", e.text),
                            kind: InlayKind::Value,
                            tooltip: Some(format!("{ptext} with the ARG defaults and build arguments")),
                            padding_left: true,
                        });
                    }
                }
            }
            if stage.image_text.contains('$') {
                let e = expand(&stage.image_text, inst.inst.escape, &lookup);
                let label = if e.unresolved.is_empty() {
                    format!("= {}", e.text)
                } else {
                    format!("= {} ({} unset)", e.text, e.unresolved.join(", "))
                };
                out.push(InlayHint {
                    offset: stage.image_range.end,
                    label,
                    kind: InlayKind::Value,
                    tooltip: Some("The image after expanding global ARGs (defaults and build arguments)".into()),
                    padding_left: true,
                });
            }
        }
        if opts.image_size && matches!(stage.base, Base::Image) {
            let image = stage.image.as_deref().unwrap_or(&stage.image_text);
            if let Some(size) = ImageFacts::lookup(image, opts.today, opts.live).and_then(|f| f.size()) {
                let at = from.stage.as_ref().map_or(stage.image_range.end, |(r, _)| r.end);
                let tooltip = match &size {
                    Size::Approx { example, .. } => format!(
                        "Compressed download for linux/amd64, approximate (measured for {example}, as of {})",
                        crate::images::knowledge::SIZES_AS_OF
                    ),
                    Size::Live { registry, .. } => format!("Compressed download for linux/amd64, live from {registry}"),
                };
                out.push(InlayHint {
                    offset: at,
                    label: size.short(),
                    kind: InlayKind::Size,
                    tooltip: Some(tooltip),
                    padding_left: true,
                });
            }
        }
    }
    out.sort_by_key(|h| h.offset);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;

    fn today() -> Date {
        Date::parse("2026-11-28").unwrap_or_else(|| unreachable!())
    }

    fn show(text: &str, opts: &InlayOptions<'_>) -> String {
        let hints = with_doc(text, |d| inlay_hints(d, 0..text.len(), opts));
        let mut out = text.to_string();
        for h in hints.iter().rev() {
            out.insert_str(h.offset, &format!(" «{}»", h.label));
        }
        out
    }

    #[test]
    fn resolved_images_and_sizes() {
        let text = "ARG PY=3.12\nARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM python:${PY}-slim AS app\nFROM --platform=$BUILDPLATFORM golang:1.23\nFROM registry.internal/app:$TAG\nFROM app\n";
        assert_eq!(
            show(text, &InlayOptions::new(today())),
            "ARG PY=3.12\nARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM «= linux/arm64» python:${PY}-slim «= python:3.12-slim» AS app «~45 MB»\nFROM --platform=$BUILDPLATFORM golang:1.23 «~0.3 GB»\nFROM registry.internal/app:$TAG «= registry.internal/app: (TAG unset)»\nFROM app\n"
        );
    }

    #[test]
    fn options_turn_kinds_off_and_build_args_win() {
        let text = "ARG PY=3.12\nFROM python:${PY}-slim\n";
        let args: BuildArgs = [("PY".to_string(), "3.13".to_string())].into_iter().collect();
        let opts = InlayOptions { image_size: false, build_args: Some(&args), ..InlayOptions::new(today()) };
        assert_eq!(show(text, &opts), "ARG PY=3.12\nFROM python:${PY}-slim «= python:3.13-slim»\n");
        let opts = InlayOptions { variables: false, image_size: false, ..InlayOptions::new(today()) };
        assert_eq!(show(text, &opts), text);
    }
}
