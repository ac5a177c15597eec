//! Semantic tokens in LSP's relative encoding, and deltas between two results.
//!
//! Tokens from `ide` have byte ranges that may span lines; clients without
//! `multilineTokenSupport` get them cut at line ends. Positions come from one forward
//! walk over the lines, so encoding is linear in the document size.

use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokensEdit, SemanticTokensLegend,
};

use super::position::{LineIndex, PositionEncoding, saturate, units};
use crate::ide::semantic_tokens::{Token, TokenType, modifiers};

/// The legend advertised at `initialize`: `ide`'s types and modifiers, in order.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TokenType::ALL.iter().map(|t| SemanticTokenType::new(t.lsp_name())).collect(),
        token_modifiers: modifiers::NAMES.iter().map(|m| SemanticTokenModifier::new(m)).collect(),
    }
}

fn type_index(t: TokenType) -> u32 {
    TokenType::ALL.iter().position(|x| *x == t).map_or(0, |i| i as u32)
}

/// Encodes sorted, non-overlapping tokens. A token that would start before the end of
/// the previous one (which `ide` never produces) is dropped rather than sent with a
/// negative delta.
pub fn encode(
    text: &str,
    lines: &LineIndex,
    enc: PositionEncoding,
    tokens: &[Token],
    multiline: bool,
) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    let mut last_end = 0usize;
    // Column of a known point on the current line, so long lines are not recounted.
    let mut cursor: (usize, usize, u32) = (usize::MAX, 0, 0);
    let mut column = |line: usize, line_start: usize, at: usize| -> u32 {
        if cursor.0 != line || cursor.1 > at {
            cursor = (line, line_start, 0);
        }
        cursor.2 += units(&text[cursor.1..at], enc);
        cursor.1 = at;
        cursor.2
    };
    let mut push = |line: u32, start: u32, length: u32, t: &Token, out: &mut Vec<SemanticToken>| {
        if length == 0 {
            return;
        }
        let delta_line = line - prev_line;
        let delta_start = if delta_line == 0 { start - prev_start } else { start };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: type_index(t.ty),
            token_modifiers_bitset: t.modifiers,
        });
        prev_line = line;
        prev_start = start;
    };
    for t in tokens {
        let (start, end) = (t.range.start.min(text.len()), t.range.end.min(text.len()));
        if start < last_end || start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        last_end = end;
        let mut line = lines.line_of(start);
        let mut seg_start = start;
        loop {
            let line_start = lines.line_start(line, text);
            let next_line_start =
                if line + 1 < lines.len_lines() { lines.line_start(line + 1, text) } else { text.len() };
            // The line's content without its terminator.
            let content_end = text[line_start..next_line_start].trim_end_matches(['\n', '\r']).len() + line_start;
            let seg_end = if multiline { end } else { end.min(content_end) };
            let col = column(line, line_start, seg_start);
            let len = units(&text[seg_start..seg_end.max(seg_start)], enc);
            push(saturate(line), col, len, t, &mut out);
            if multiline || end <= next_line_start || next_line_start >= text.len() {
                break;
            }
            line += 1;
            seg_start = next_line_start;
        }
    }
    out
}

/// The edit that turns `old` into `new`: one replacement between their common prefix
/// and suffix (start and delete count in integers, five per token). Empty when equal.
pub fn diff(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old.iter().rev().zip(new.iter().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    let removed = old.len() - prefix - suffix;
    let inserted = &new[prefix..new.len() - suffix];
    if removed == 0 && inserted.is_empty() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: saturate(prefix * 5),
        delete_count: saturate(removed * 5),
        data: (!inserted.is_empty()).then(|| inserted.to_vec()),
    }]
}

/// Applies edits to a token array (as a client does).
pub fn apply(old: &[SemanticToken], edits: &[SemanticTokensEdit]) -> Vec<SemanticToken> {
    let mut out = old.to_vec();
    let mut sorted: Vec<&SemanticTokensEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.start));
    for e in sorted {
        let start = (e.start / 5) as usize;
        let end = (start + (e.delete_count / 5) as usize).min(out.len());
        out.splice(start.min(out.len())..end, e.data.clone().unwrap_or_default());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::semantic_tokens::semantic_tokens;
    use crate::ide::with_doc;

    fn tok(range: std::ops::Range<usize>, ty: TokenType) -> Token {
        Token { range, ty, modifiers: 0 }
    }

    fn flat(tokens: &[SemanticToken]) -> Vec<[u32; 5]> {
        tokens.iter().map(|t| [t.delta_line, t.delta_start, t.length, t.token_type, t.token_modifiers_bitset]).collect()
    }

    #[test]
    fn relative_positions_in_both_encodings() {
        let text = "# 🐳\nRUN é x\n";
        let lines = LineIndex::new(text);
        let comment = tok(0..6, TokenType::Comment);
        let kw = tok(7..10, TokenType::Keyword);
        let x = tok(14..15, TokenType::String);
        let string = type_index(TokenType::String);
        let utf16 = encode(text, &lines, PositionEncoding::Utf16, &[comment.clone(), kw.clone(), x.clone()], false);
        assert_eq!(flat(&utf16), [[0, 0, 4, 12, 0], [1, 0, 3, 0, 0], [0, 6, 1, string, 0]]);
        let utf8 = encode(text, &lines, PositionEncoding::Utf8, &[comment, kw, x], false);
        assert_eq!(flat(&utf8), [[0, 0, 6, 12, 0], [1, 0, 3, 0, 0], [0, 7, 1, string, 0]]);
    }

    #[test]
    fn multi_line_tokens_are_cut_at_line_ends_unless_the_client_takes_them() {
        let text = "ab\r\ncd\n\nef";
        let lines = LineIndex::new(text);
        let t = [tok(1..text.len(), TokenType::String)];
        let split = encode(text, &lines, PositionEncoding::Utf16, &t, false);
        // `b`, `cd`, (empty line skipped), `ef`.
        assert_eq!(
            flat(&split).iter().map(|f| [f[0], f[1], f[2]]).collect::<Vec<_>>(),
            [[0, 1, 1], [1, 0, 2], [2, 0, 2]]
        );
        let whole = encode(text, &lines, PositionEncoding::Utf16, &t, true);
        assert_eq!(flat(&whole).iter().map(|f| [f[0], f[1], f[2]]).collect::<Vec<_>>(), [[0, 1, 9]]);
    }

    #[test]
    fn overlapping_tokens_never_produce_negative_deltas() {
        let text = "RUN abc\n";
        let lines = LineIndex::new(text);
        let t = [tok(4..7, TokenType::String), tok(5..6, TokenType::Variable), tok(0..3, TokenType::Keyword)];
        assert_eq!(encode(text, &lines, PositionEncoding::Utf16, &t, false).len(), 1);
    }

    #[test]
    fn a_delta_applied_to_the_old_tokens_gives_the_new_ones() {
        let before = "FROM a AS b\nRUN echo $X\nCOPY --from=b /x /y\n";
        let after = "FROM a AS b\nARG X=1\nRUN echo $X hi\nCOPY --from=b /x /y\n";
        let enc = |text: &str| {
            let lines = LineIndex::new(text);
            with_doc(text, |d| encode(text, &lines, PositionEncoding::Utf16, &semantic_tokens(d, None), false))
        };
        let (old, new) = (enc(before), enc(after));
        let edits = diff(&old, &new);
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].start % 5, 0);
        assert!(edits[0].start > 0, "the unchanged first line is kept");
        assert_eq!(apply(&old, &edits), new);
        assert!(diff(&new, &new).is_empty());
        assert_eq!(apply(&new, &diff(&new, &old)), old);
        assert_eq!(apply(&[], &diff(&[], &new)), new);
    }
}
