//! "An image is a base image plus layers": a stage drawn as a stack, the base image at
//! the bottom and each instruction above it, marked as a filesystem layer or a
//! metadata change. `FROM <earlier stage>` continues the stack down to the root image.

use crate::images::catalog::Date;
use crate::model::Base;
use crate::syntax::Keyword;

use super::super::Doc;
use super::image::{ImageFacts, LiveData};

/// Width of the box's inside, in characters.
const INNER: usize = 44;

/// Counts for a caption.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayerCounts {
    pub layers: usize,
    pub metadata: usize,
}

/// One instruction on a single line, shortened to `max` characters.
pub fn one_line(doc: &Doc<'_>, node: usize, max: usize) -> String {
    let inst = doc.inst(node);
    let keyword =
        if inst.kind() == Keyword::Unknown { inst.keyword_text().to_string() } else { inst.kind().name().to_string() };
    let mut s = keyword;
    let rest_span = crate::syntax::Span::new(inst.inst.keyword.end, inst.inst.span.end);
    let rest = inst.text(rest_span);
    let collapsed: Vec<&str> = rest.split_whitespace().collect();
    if !collapsed.is_empty() {
        s.push(' ');
        s.push_str(&collapsed.join(" "));
    }
    shorten(&s, max)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width { s.to_string() } else { format!("{s}{}", " ".repeat(width - n)) }
}

fn rule(left: char, title: &str, right: char) -> String {
    let title = if title.is_empty() { String::new() } else { format!(" {} ", shorten(title, INNER - 4)) };
    let used = 1 + title.chars().count();
    format!("{left}─{title}{}{right}", "─".repeat((INNER + 2).saturating_sub(used)))
}

fn row(text: &str, note: &str) -> String {
    let line = format!("│ {} │", pad(&shorten(text, INNER), INNER));
    if note.is_empty() { line } else { format!("{line} {note}") }
}

/// How a stage is named in the diagram.
pub fn stage_label(doc: &Doc<'_>, lines: &Lines<'_>, stage: usize) -> String {
    let s = &doc.model.stages[stage];
    let line = lines.line(doc.inst(s.node).start());
    match &s.name {
        Some(_) => {
            let name = s.name_range.as_ref().map_or("", |r| &doc.text[r.clone()]);
            format!("stage {name} (line {line})")
        }
        None => format!("stage {stage} (line {line})"),
    }
}

/// "stage `base`" or "stage 2".
pub fn stage_name(doc: &Doc<'_>, stage: usize) -> String {
    let s = &doc.model.stages[stage];
    match s.name_range.as_ref() {
        Some(r) => format!("stage {}", super::render::code(&doc.text[r.clone()])),
        None => format!("stage {stage}"),
    }
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Line numbers for one request: counts from the last position asked for, so a
/// hover that names several nearby lines scans the text about once.
pub struct Lines<'a> {
    text: &'a str,
    /// (offset, 1-based line at that offset)
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines { text, cursor: std::cell::Cell::new((0, 1)) }
    }

    /// 1-based line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let (at, line) = self.cursor.get();
        let result = if offset >= at {
            line + count_newlines(&bytes[at..offset])
        } else if offset >= at / 2 {
            line - count_newlines(&bytes[offset..at])
        } else {
            1 + count_newlines(&bytes[..offset])
        };
        self.cursor.set((offset, result));
        result
    }
}

/// The stack of `stage` as text for a code block, and its counts. At most `max_rows`
/// instructions per stage are drawn (the newest ones); `None` draws all.
pub fn layer_stack(
    doc: &Doc<'_>,
    lines_index: &Lines<'_>,
    stage: usize,
    max_rows: Option<usize>,
    today: Date,
    live: Option<&LiveData<'_>>,
) -> (String, LayerCounts) {
    let m = doc.model;
    let mut lines = Vec::new();
    let mut counts = LayerCounts::default();
    let chain = m.stage_chain(stage);
    for (pos, &s) in chain.iter().enumerate() {
        let st = &m.stages[s];
        let left = if pos == 0 { '┌' } else { '├' };
        lines.push(rule(left, &stage_label(doc, lines_index, s), if pos == 0 { '┐' } else { '┤' }));
        let nodes: Vec<usize> = (st.node + 1..st.nodes.end).rev().collect();
        let shown = max_rows.unwrap_or(usize::MAX);
        for (i, &n) in nodes.iter().enumerate() {
            let kind = doc.inst(n).kind();
            let layer = kind.adds_layer();
            if layer {
                counts.layers += 1;
            } else {
                counts.metadata += 1;
            }
            if i < shown {
                let note = if layer { "+ layer" } else { "metadata" };
                lines.push(row(&one_line(doc, n, INNER), note));
            }
        }
        if nodes.len() > shown {
            let hidden = &nodes[shown..];
            let layers = hidden.iter().filter(|&&n| doc.inst(n).kind().adds_layer()).count();
            lines.push(row(&format!("… {} earlier instructions", hidden.len()), &format!("{layers} layers")));
        }
        if nodes.is_empty() {
            lines.push(row("(no instructions yet)", ""));
        }
    }
    let root = chain.last().map(|&s| &m.stages[s]);
    lines.push(rule('├', "base image", '┤'));
    let (text, note) = match root.map(|r| (&r.base, r)) {
        Some((Base::Scratch, _)) => ("scratch (empty: no files at all)".to_string(), String::new()),
        Some((Base::Image, r)) => {
            let image = r.image.clone().unwrap_or_else(|| r.image_text.clone());
            let size =
                ImageFacts::lookup(&image, today, live).and_then(|f| f.size()).map(|s| s.short()).unwrap_or_default();
            (image, size)
        }
        Some((Base::Unresolved, r)) => (format!("{} (unresolved)", r.image_text), String::new()),
        Some((Base::Stage(_), r)) => (r.image_text.clone(), "(cycle)".to_string()),
        None => (String::new(), String::new()),
    };
    lines.push(row(&text, &note));
    lines.push(format!("└{}┘", "─".repeat(INNER + 2)));
    (lines.join("\n"), counts)
}

/// "3 filesystem layers and 2 metadata changes on top of the base image."
pub fn caption(c: LayerCounts) -> String {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    format!(
        "{} and {} on top of the base image. RUN, COPY and ADD add filesystem layers; the other instructions only change the image's configuration.",
        plural(c.layers, "filesystem layer", "filesystem layers"),
        plural(c.metadata, "metadata change", "metadata changes")
    )
}
