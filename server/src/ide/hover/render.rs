//! Explanations are built once as blocks and rendered either as markdown (hovers,
//! completion documentation) or as plain terminal text (`dockerfile-lsp explain`).
//!
//! Inline text inside blocks uses a small markdown subset: `**bold**`, `` `code` `` and
//! `[text](url)`. The plain renderer removes the markup and aligns tables.

use std::fmt::Write;

/// One block of an explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (inline markdown).
    Para(String),
    /// A bulleted list (inline markdown per item).
    Bullets(Vec<String>),
    /// A table with a header row.
    Table { head: Vec<String>, rows: Vec<Vec<String>> },
    /// Preformatted text (shown as is, in a fenced block in markdown).
    Code(String),
    /// A horizontal separator.
    Rule,
}

/// Wraps text in backticks, with enough of them for text that contains one.
pub fn code(text: &str) -> String {
    let mut fence = String::from("`");
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    if fence.len() > 1 || text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Escapes characters that would start markdown markup in free text (values, paths).
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '`' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown for a list of blocks.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match b {
            Block::Para(p) => out.push_str(p),
            Block::Bullets(items) => {
                let lines: Vec<String> = items.iter().map(|i| format!("- {i}")).collect();
                out.push_str(&lines.join("\n"));
            }
            Block::Table { head, rows } => {
                let cell = |c: &String| c.replace('|', "\\|");
                let _ = writeln!(out, "| {} |", head.iter().map(cell).collect::<Vec<_>>().join(" | "));
                let _ = write!(out, "|{}", "---|".repeat(head.len()));
                for r in rows {
                    let _ = write!(out, "\n| {} |", r.iter().map(cell).collect::<Vec<_>>().join(" | "));
                }
            }
            Block::Code(c) => {
                let fence = if c.contains("```") { "````" } else { "```" };
                let _ = write!(out, "{fence}text\n{}\n{fence}", c.trim_end_matches('\n'));
            }
            Block::Rule => out.push_str("---"),
        }
    }
    out
}

/// Removes the inline markup: `**`, backticks, `\` escapes; links become `text <url>`.
pub fn strip_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("**") {
            i += 2;
            continue;
        }
        if b[i] == b'\\' && i + 1 < b.len() && b[i + 1].is_ascii_punctuation() {
            out.push(b[i + 1] as char);
            i += 2;
            continue;
        }
        if b[i] == b'`' {
            // A code span: copy its content verbatim.
            let ticks = rest.bytes().take_while(|&c| c == b'`').count();
            let fence = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(fence) {
                let inner = &rest[ticks..ticks + end];
                let inner = if ticks > 1 { inner.trim() } else { inner };
                out.push_str(inner);
                i += ticks + end + ticks;
                continue;
            }
        }
        if b[i] == b'[' {
            if let Some(close) = rest.find("](") {
                if let Some(paren) = rest[close + 2..].find(')') {
                    let label = &rest[1..close];
                    let url = &rest[close + 2..close + 2 + paren];
                    if !label.contains('[') {
                        out.push_str(&strip_inline(label));
                        if label != url {
                            let _ = write!(out, " <{url}>");
                        }
                        i += close + 2 + paren + 1;
                        continue;
                    }
                }
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Wraps a paragraph to `cols` columns, continuing lines with `indent`.
fn wrap(text: &str, cols: usize, first: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut line_has_word = false;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if line_has_word && width(&line) + 1 + width(word) > cols {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
            line_has_word = false;
        }
        if line_has_word {
            line.push(' ');
        }
        line.push_str(word);
        line_has_word = true;
    }
    out.push_str(line.trim_end());
    out
}

/// An aligned table; the last column wraps to fit `cols`.
fn plain_table(head: &[String], rows: &[Vec<String>], cols: usize) -> String {
    let plain_rows: Vec<Vec<String>> = std::iter::once(head)
        .chain(rows.iter().map(Vec::as_slice))
        .map(|r| r.iter().map(|c| strip_inline(c)).collect())
        .collect();
    let ncols = plain_rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths: Vec<usize> =
        (0..ncols).map(|c| plain_rows.iter().map(|r| r.get(c).map_or(0, |s| width(s))).max().unwrap_or(0)).collect();
    let lead: usize = 2 + widths.iter().take(ncols.saturating_sub(1)).map(|w| w + 2).sum::<usize>();
    if let Some(last) = widths.last_mut() {
        *last = (*last).min(cols.saturating_sub(lead).max(20));
    }
    let mut lines = Vec::new();
    for (n, r) in plain_rows.iter().enumerate() {
        let mut line = String::from("  ");
        for (c, w) in widths.iter().enumerate() {
            let cell = r.get(c).map_or("", String::as_str);
            if c + 1 < ncols {
                line.push_str(cell);
                line.push_str(&" ".repeat(w - width(cell) + 2));
            } else {
                let indent = " ".repeat(lead);
                line.push_str(wrap(cell, lead + w, &indent, &indent).trim_start());
            }
        }
        lines.push(line.trim_end().to_string());
        if n == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * ncols.saturating_sub(1);
            lines.push(format!("  {}", "-".repeat(total)));
        }
    }
    lines.join("\n")
}

/// Plain text for a terminal: no markup, aligned tables, wrapped paragraphs.
pub fn to_plain(blocks: &[Block], cols: usize) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match b {
            Block::Para(p) => {
                let lines: Vec<String> = p.lines().map(|l| wrap(&strip_inline(l), cols, "", "")).collect();
                out.push_str(&lines.join("\n"));
            }
            Block::Bullets(items) => {
                let lines: Vec<String> = items.iter().map(|i| wrap(&strip_inline(i), cols, "  - ", "    ")).collect();
                out.push_str(&lines.join("\n"));
            }
            Block::Table { head, rows } => out.push_str(&plain_table(head, rows, cols)),
            Block::Code(c) => {
                let lines: Vec<String> = c.trim_end_matches('\n').lines().map(|l| format!("  {l}")).collect();
                out.push_str(&lines.join("\n"));
            }
            Block::Rule => out.push_str(&"-".repeat(cols.min(60))),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_has_no_markup_and_aligned_tables() {
        let blocks = vec![
            Block::Para("**python:3.12-slim** — see [Docker Hub](https://hub.docker.com/_/python) and `pip`".into()),
            Block::Table {
                head: vec!["variant".into(), "size".into()],
                rows: vec![vec!["**slim** (this)".into(), "~45 MB".into()], vec!["alpine".into(), "~25 MB".into()]],
            },
        ];
        let plain = to_plain(&blocks, 100);
        assert_eq!(
            plain,
            "python:3.12-slim — see Docker Hub <https://hub.docker.com/_/python> and pip\n\n  variant      size\n  -------------------\n  slim (this)  ~45 MB\n  alpine       ~25 MB\n"
        );
        let md = to_markdown(&blocks);
        assert!(md.contains("| **slim** (this) | ~45 MB |"), "{md}");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(strip_inline(&code("a`b")), "a`b");
        assert_eq!(strip_inline(r"a\*b\_c"), "a*b_c");
    }
}
