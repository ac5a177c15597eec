//! Formatting: upper-case keywords, one space after the keyword and between flags,
//! continuation indentation as configured, trailing whitespace removed.
//!
//! What is never touched, because it would change what BuildKit builds: heredoc bodies
//! and terminators, exec-form JSON, and a continuation line's leading whitespace when
//! the line starts inside quotes or in the middle of a word (BuildKit joins continued
//! lines with no separator and keeps the leading whitespace as part of the argument).

use crate::syntax::{InstRef, Instruction, Span, TextRange};

use super::Doc;

/// Formatting settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    pub uppercase_keywords: bool,
    /// Spaces before continuation lines; `None` keeps what the user wrote.
    pub continuation_indent: Option<usize>,
}

impl Default for FormatOptions {
    fn default() -> FormatOptions {
        FormatOptions { uppercase_keywords: true, continuation_indent: None }
    }
}

/// A replacement.
pub type TextEdit = (TextRange, String);

/// Edits that format the document, or only the instructions touching `range`.
pub fn format(doc: &Doc<'_>, opts: FormatOptions, range: Option<TextRange>) -> Vec<TextEdit> {
    let text = doc.text;
    let mut edits = Vec::new();
    for node in &doc.tree.nodes {
        if let Some(r) = &range {
            let overlaps = node.offset < r.end.max(r.start + 1) && r.start < node.end();
            if !overlaps {
                continue;
            }
        }
        let inst = node.view(text);
        let head_end = line_end(text, inst.full_range().end);
        let old = &text[node.offset..head_end];
        let new = format_node(inst, node.offset, head_end, opts);
        if new != old {
            edits.push((node.offset..head_end, new));
        }
    }
    // Comment lines after the last instruction, and blank lines at the end.
    let tail_start = doc.tree.nodes.last().map_or(doc.tree.header.end, |n| n.end());
    if range.as_ref().is_none_or(|r| r.end >= tail_start) && tail_start < text.len() {
        let tail = &text[tail_start..];
        let mut new = String::with_capacity(tail.len());
        for line in tail.split_inclusive('\n') {
            let (content, nl) = split_newline(line);
            new.push_str(content.trim_end_matches([' ', '\t']));
            new.push_str(nl);
        }
        // At most one final line break.
        let trimmed_len = new.trim_end_matches(['\n', '\r']).len();
        if trimmed_len == 0 && !doc.tree.nodes.is_empty() {
            new.clear();
        } else if new.len() > trimmed_len {
            let nl = if new[trimmed_len..].starts_with("\r\n") { "\r\n" } else { "\n" };
            new.truncate(trimmed_len);
            new.push_str(nl);
        }
        if new != tail {
            edits.push((tail_start..text.len(), new));
        }
    }
    edits
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i)
}

fn split_newline(line: &str) -> (&str, &str) {
    if let Some(c) = line.strip_suffix("\r\n") {
        (c, "\r\n")
    } else if let Some(c) = line.strip_suffix('\n') {
        (c, "\n")
    } else {
        (line, "")
    }
}

/// Quote state at the end of `s`, starting from `state` (0 = none, else the quote).
fn quote_state(s: &str, mut state: u8, escape: u8) -> u8 {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if state == 0 {
            if c == escape {
                i += 1;
            } else if c == b'"' || c == b'\'' {
                state = c;
            }
        } else if c == state {
            state = 0;
        } else if c == escape && state == b'"' {
            i += 1;
        }
        i += 1;
    }
    state
}

/// The formatted text of a node from its start to the end of its last instruction line
/// (heredoc bodies follow unchanged).
fn format_node(inst: InstRef<'_>, start: usize, end: usize, opts: FormatOptions) -> String {
    let text = inst.text;
    let i: &Instruction = inst.inst;
    let kw_abs = inst.range(i.keyword).start;
    let first_line_start = text[..kw_abs].rfind('\n').map_or(0, |p| p + 1).max(start);
    let mut out = String::with_capacity(end - start + 8);
    // Leading trivia: comments and blank lines, trailing whitespace removed.
    for line in text[start..first_line_start].split_inclusive('\n') {
        let (content, nl) = split_newline(line);
        out.push_str(content.trim_end_matches([' ', '\t']));
        out.push_str(nl);
    }
    let escape = i.escape;
    let region = &text[first_line_start..end];
    let piece_starts: Vec<usize> = i.pieces.iter().map(|p| inst.range(p.source).start).collect();
    let inner: Vec<usize> = i.inner_comments.iter().map(|s| inst.range(*s).start).collect();
    let mut quote = 0u8;
    let mut prev_piece_ends_blank = true;
    let mut line_start = first_line_start;
    for (n, line) in region.split_inclusive('\n').enumerate() {
        let (content, nl) = split_newline(line);
        let abs = line_start;
        line_start += line.len();
        let lead_len = content.len() - content.trim_start_matches([' ', '\t']).len();
        let body_start = abs + lead_len;
        if n == 0 {
            let formatted = first_line(inst, abs, content, opts);
            out.push_str(trim_line_end(&formatted));
            out.push_str(nl);
            let piece_end = i.pieces.first().map_or(body_start, |p| inst.range(p.source).end);
            let piece = text.get(kw_abs..piece_end.max(kw_abs)).unwrap_or("");
            quote = quote_state(piece, 0, escape);
            prev_piece_ends_blank = piece.ends_with([' ', '\t']);
            continue;
        }
        let is_comment = inner.contains(&body_start);
        let is_piece = piece_starts.contains(&abs);
        if content.trim().is_empty() {
            out.push_str(nl);
            continue;
        }
        let indent = |out: &mut String| match opts.continuation_indent {
            Some(k) => out.push_str(&" ".repeat(k)),
            None => out.push_str(&content[..lead_len]),
        };
        if is_comment {
            indent(&mut out);
            out.push_str(content[lead_len..].trim_end_matches([' ', '\t']));
            out.push_str(nl);
            continue;
        }
        // A continuation piece: re-indent only at a word boundary outside quotes.
        let starts_mid_word = lead_len == 0 && !prev_piece_ends_blank;
        if is_piece && quote == 0 && !starts_mid_word && lead_len > 0 {
            indent(&mut out);
        } else {
            out.push_str(&content[..lead_len]);
        }
        out.push_str(trim_line_end(&content[lead_len..]));
        out.push_str(nl);
        if is_piece {
            let piece_end =
                i.pieces.iter().find(|p| inst.range(p.source).start == abs).map_or(abs, |p| inst.range(p.source).end);
            let piece = text.get(abs..piece_end).unwrap_or("");
            quote = quote_state(piece, quote, escape);
            prev_piece_ends_blank = piece.ends_with([' ', '\t']) || (piece.trim().is_empty() && prev_piece_ends_blank);
        }
    }
    out
}

/// Removes trailing blanks: after a trailing escape character they are not part of the
/// argument, and on the instruction's last line BuildKit trims them.
fn trim_line_end(line: &str) -> &str {
    line.trim_end_matches([' ', '\t'])
}

/// The first line: keyword case, one blank after the keyword and between flags (and
/// after the ONBUILD trigger's keyword and flags).
fn first_line(inst: InstRef<'_>, line_abs: usize, content: &str, opts: FormatOptions) -> String {
    let text = inst.text;
    let line_end = line_abs + content.len();
    let i = inst.inst;
    // Points where the text between two parts collapses to one space.
    let mut parts: Vec<(Span, bool)> = vec![(i.keyword, true)];
    for f in &i.flags {
        parts.push((f.span, false));
    }
    if let Some(t) = &i.trigger {
        parts.push((t.keyword, true));
        for f in &t.flags {
            parts.push((f.span, false));
        }
    }
    let mut out = String::with_capacity(content.len());
    let mut cursor = inst.range(i.keyword).start;
    for (k, (span, is_kw)) in parts.iter().enumerate() {
        let r = inst.range(*span);
        if r.end > line_end {
            break;
        }
        if k > 0 {
            let gap = &text[cursor..r.start];
            if gap.bytes().all(|c| c == b' ' || c == b'\t') && !gap.is_empty() {
                out.push(' ');
            } else {
                out.push_str(gap);
            }
        }
        let word = &text[r.clone()];
        if *is_kw && opts.uppercase_keywords {
            out.push_str(&word.to_ascii_uppercase());
        } else {
            out.push_str(word);
        }
        cursor = r.end;
    }
    // The gap before the arguments, then the rest of the line as written.
    let rest = &text[cursor..line_end];
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after = &rest[lead..];
    if lead > 0 && !after.is_empty() {
        out.push(' ');
    }
    let mut tail = after.to_string();
    if opts.uppercase_keywords {
        if let Some(f) = inst.as_from() {
            if let Some(r) = f.as_keyword.clone().filter(|r| r.end <= line_end && r.start >= cursor + lead) {
                let at = r.start - (cursor + lead);
                tail.replace_range(at..at + r.len(), "AS");
            }
        }
    }
    out.push_str(&tail);
    out
}

/// The indentation to insert after a line break typed at `offset` (the start of the new
/// line), when the line above continues an instruction.
pub fn on_type_newline(doc: &Doc<'_>, offset: usize, opts: FormatOptions) -> Option<TextEdit> {
    let text = doc.text;
    if offset == 0 || offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let prev_end = text[..offset].trim_end_matches('\n').trim_end_matches('\r').len();
    let prev_start = text[..prev_end].rfind('\n').map_or(0, |p| p + 1);
    let prev = &text[prev_start..prev_end];
    let escape = doc.tree.escape() as char;
    if !prev.trim_end().ends_with(escape) || prev.trim_start().starts_with('#') {
        return None;
    }
    // Indentation already typed on the new line is replaced.
    let cur_end = offset + text[offset..].len() - text[offset..].trim_start_matches([' ', '\t']).len();
    let idx = doc.tree.node_index_at(prev_start)?;
    let node = &doc.tree.nodes[idx];
    let kw_start = node.offset + node.inst.keyword.start as usize;
    let indent = match opts.continuation_indent {
        Some(k) => k,
        None if prev_start > kw_start => prev.len() - prev.trim_start().len(),
        None => 4,
    };
    let indent = if indent == 0 { 4 } else { indent };
    Some((offset..cur_end, " ".repeat(indent)))
}

/// Applies edits (non-overlapping) to a text.
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.0.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (r, s) in sorted {
        out.push_str(&text[at..r.start]);
        out.push_str(s);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests;
