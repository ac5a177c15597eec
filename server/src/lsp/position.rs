//! Byte offsets ↔ LSP positions, in the encoding negotiated at `initialize`.
//!
//! Everything below the protocol layer speaks byte offsets into the document text; the
//! client speaks `(line, character)` where lines end at `\n`, `\r\n` or a lone `\r` and
//! characters count UTF-8 or UTF-16 code units. This is the only place that converts.
//! The rope is built with ropey's `cr_lines` feature, so its lines are exactly LSP's.
//!
//! Client positions are never trusted: a line past the end means the end of the
//! document, a character past the end of its line means the end of that line, and a
//! position inside a character (half a surrogate pair, the middle of a UTF-8 sequence)
//! snaps to the start of that character.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind};

/// What `Position.character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PositionEncoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units: the LSP default every client supports.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it (our text is UTF-8, so no counting), else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A client position resolved to a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub offset: usize,
    /// Whether the position pointed exactly at a character boundary inside the
    /// document; `false` when it had to be clamped or snapped.
    pub exact: bool,
}

/// The position of byte `offset`. An offset past the end is the end; an offset inside
/// a multi-byte character is that character's start.
pub fn position(rope: &Rope, enc: PositionEncoding, offset: usize) -> lsp::Position {
    let char_idx = rope.byte_to_char(offset.min(rope.len_bytes()));
    let line = rope.char_to_line(char_idx);
    let character = match enc {
        PositionEncoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        PositionEncoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(rope.line_to_char(line)),
    };
    lsp::Position::new(saturate(line), saturate(character))
}

/// The LSP range of a byte range (each end converted as by [`position`]).
pub fn range(rope: &Rope, enc: PositionEncoding, range: Range<usize>) -> lsp::Range {
    lsp::Range::new(position(rope, enc, range.start), position(rope, enc, range.end))
}

/// The byte offset of a client position, clamped (see the module docs).
pub fn offset(rope: &Rope, enc: PositionEncoding, pos: lsp::Position) -> usize {
    resolve(rope, enc, pos).offset
}

/// Like [`offset`], and says whether clamping or snapping was needed.
pub fn resolve(rope: &Rope, enc: PositionEncoding, pos: lsp::Position) -> Resolved {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return Resolved { offset: rope.len_bytes(), exact: false };
    }
    let line_start_char = rope.line_to_char(line);
    let content_end_char = line_start_char + line_content_chars(rope, line);
    let character = pos.character as usize;
    match enc {
        PositionEncoding::Utf8 => {
            let start = rope.line_to_byte(line);
            let end = rope.char_to_byte(content_end_char);
            let want = start.saturating_add(character);
            if want > end {
                return Resolved { offset: end, exact: false };
            }
            let snapped = rope.char_to_byte(rope.byte_to_char(want));
            Resolved { offset: snapped, exact: snapped == want }
        }
        PositionEncoding::Utf16 => {
            let start = rope.char_to_utf16_cu(line_start_char);
            let end = rope.char_to_utf16_cu(content_end_char);
            let want = start.saturating_add(character);
            if want > end {
                return Resolved { offset: rope.char_to_byte(content_end_char), exact: false };
            }
            let char_idx = rope.utf16_cu_to_char(want);
            Resolved { offset: rope.char_to_byte(char_idx), exact: rope.char_to_utf16_cu(char_idx) == want }
        }
    }
}

/// The byte range of a client range, each end clamped; ends given in the wrong order
/// are swapped (and reported as not exact).
pub fn resolve_range(rope: &Rope, enc: PositionEncoding, range: lsp::Range) -> (Range<usize>, bool) {
    let start = resolve(rope, enc, range.start);
    let end = resolve(rope, enc, range.end);
    if start.offset <= end.offset {
        (start.offset..end.offset, start.exact && end.exact && range.start <= range.end)
    } else {
        (end.offset..start.offset, false)
    }
}

/// Chars on `line` before its line break.
fn line_content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let len = slice.len_chars();
    let last = |back: usize| if len >= back { Some(slice.char(len - back)) } else { None };
    match (last(2), last(1)) {
        (Some('\r'), Some('\n')) => len - 2,
        (_, Some('\n' | '\r')) => len - 1,
        _ => len,
    }
}

pub fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Line starts of a text, by LSP's rules (`\n`, `\r\n` and a lone `\r` end a line):
/// for converting many offsets at once (outlines, semantic tokens) faster than the
/// rope can. Gives the same positions as [`position`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        // Line breaks found with SIMD: `\n`, `\r\n`, and a lone `\r` (LSP counts all three).
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Byte offset where `line` starts (the text's end past the last line).
    pub fn line_start(&self, line: usize, text: &str) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }

    pub fn len_lines(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte `offset`; past the end is the end, inside a character is
    /// that character's start.
    pub fn position(&self, text: &str, enc: PositionEncoding, offset: usize) -> lsp::Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        lsp::Position::new(saturate(line), units(&text[start..offset], enc))
    }

    pub fn range(&self, text: &str, enc: PositionEncoding, range: Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(text, enc, range.start), self.position(text, enc, range.end))
    }
}

/// The length of `s` in the encoding's code units.
pub fn units(s: &str, enc: PositionEncoding) -> u32 {
    saturate(match enc {
        PositionEncoding::Utf8 => s.len(),
        PositionEncoding::Utf16 if s.is_ascii() => s.len(),
        PositionEncoding::Utf16 => s.encode_utf16().count(),
    })
}

#[cfg(test)]
mod tests {
    use super::PositionEncoding::{Utf8, Utf16};
    use super::*;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position::new(line, character)
    }

    /// (text, byte offset, encoding, expected position)
    const TO_POSITION: &[(&str, usize, PositionEncoding, (u32, u32))] = &[
        ("FROM a\nRUN b", 0, Utf16, (0, 0)),
        ("FROM a\nRUN b", 6, Utf16, (0, 6)),
        ("FROM a\nRUN b", 7, Utf16, (1, 0)),
        ("FROM a\nRUN b", 12, Utf8, (1, 5)),
        // ß is 2 bytes, 1 UTF-16 unit
        ("# ß x", 5, Utf8, (0, 5)),
        ("# ß x", 5, Utf16, (0, 4)),
        // ℝ is 3 bytes, 1 UTF-16 unit
        ("#ℝ!", 4, Utf8, (0, 4)),
        ("#ℝ!", 4, Utf16, (0, 2)),
        // 🐳 is 4 bytes, 2 UTF-16 units (a surrogate pair)
        ("a\n🐳x", 6, Utf8, (1, 4)),
        ("a\n🐳x", 6, Utf16, (1, 2)),
        ("a\n🐳x", 7, Utf16, (1, 3)),
        // an offset inside a character is that character's start
        ("a\n🐳x", 4, Utf16, (1, 0)),
        ("a\n🐳x", 4, Utf8, (1, 0)),
        // CRLF is one line break
        ("a\r\nb", 3, Utf16, (1, 0)),
        ("a\r\nb", 1, Utf16, (0, 1)),
        // a lone CR is a line break for LSP
        ("a\rb\rc", 2, Utf16, (1, 0)),
        ("a\rb\rc", 4, Utf8, (2, 0)),
        // Unicode line separators, NEL and form feed are not LSP line breaks (this
        // breaks if ropey's `unicode_lines` feature gets switched on)
        ("a\u{2028}b", 4, Utf16, (0, 2)),
        ("a\u{85}b", 3, Utf8, (0, 3)),
        ("a\u{c}b", 2, Utf16, (0, 2)),
        // past the end is the end
        ("ab\n", 99, Utf16, (1, 0)),
        ("", 5, Utf8, (0, 0)),
    ];

    #[test]
    fn byte_offsets_to_positions() {
        for &(text, offset, enc, (line, character)) in TO_POSITION {
            let rope = Rope::from_str(text);
            assert_eq!(position(&rope, enc, offset), pos(line, character), "{text:?} @ {offset} in {enc:?}");
        }
    }

    /// (text, position, encoding, expected byte offset, exact)
    type OffsetCase = (&'static str, (u32, u32), PositionEncoding, usize, bool);
    const TO_OFFSET: &[OffsetCase] = &[
        ("FROM a\nRUN b", (1, 3), Utf16, 10, true),
        ("FROM a\nRUN b", (1, 3), Utf8, 10, true),
        ("# ß x", (0, 4), Utf16, 5, true),
        ("# ß x", (0, 5), Utf8, 5, true),
        // inside ß's two bytes: snap to its start
        ("# ß x", (0, 3), Utf8, 2, false),
        ("#ℝ!", (0, 2), Utf16, 4, true),
        ("#ℝ!", (0, 2), Utf8, 1, false),
        ("#ℝ!", (0, 4), Utf8, 4, true),
        ("a\n🐳x", (1, 2), Utf16, 6, true),
        ("a\n🐳x", (1, 4), Utf8, 6, true),
        // between the two halves of the surrogate pair: snap to the whale
        ("a\n🐳x", (1, 1), Utf16, 2, false),
        ("a\n🐳x", (1, 3), Utf8, 2, false),
        // character past the line end: the line end, before its break
        ("ab\r\ncd", (0, 9), Utf16, 2, false),
        ("ab\r\ncd", (0, 3), Utf8, 2, false),
        ("ab\ncd", (1, 9), Utf8, 5, false),
        ("ab\rcd", (0, 9), Utf16, 2, false),
        ("ab\rcd", (1, 1), Utf16, 4, true),
        ("ab\r\ncd", (1, 0), Utf16, 4, true),
        // line past the end: the end of the document
        ("ab\ncd", (2, 0), Utf16, 5, false),
        ("ab\ncd", (u32::MAX, u32::MAX), Utf8, 5, false),
        ("ab\n", (1, 0), Utf16, 3, true),
        ("", (0, 0), Utf16, 0, true),
        ("", (0, 1), Utf8, 0, false),
        ("x", (0, u32::MAX), Utf16, 1, false),
    ];

    #[test]
    fn positions_to_byte_offsets_are_clamped() {
        for &(text, (line, character), enc, offset, exact) in TO_OFFSET {
            let rope = Rope::from_str(text);
            let got = resolve(&rope, enc, pos(line, character));
            assert_eq!(got, Resolved { offset, exact }, "{text:?} @ {line}:{character} in {enc:?}");
        }
    }

    #[test]
    fn every_boundary_round_trips() {
        let text = "# 🐳 ß\r\nFROM ℝ\rRUN x\n\nCMD 🐳🐳\r\n";
        let rope = Rope::from_str(text);
        for enc in [Utf8, Utf16] {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                // Between the \r and \n of a CRLF is inside the line break: no position
                // names it, and clients get the line end instead.
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    continue;
                }
                let p = position(&rope, enc, offset);
                assert_eq!(offset, super::offset(&rope, enc, p), "{offset} -> {p:?} in {enc:?}");
            }
        }
    }

    #[test]
    fn the_line_index_agrees_with_the_rope_everywhere() {
        let texts = ["", "a", "\n", "\r", "\r\n", "a\r\nb\rc\nd", "# 🐳\r\r\nß\n\nx", "\n\r\r\n🐳"];
        for text in texts {
            let rope = Rope::from_str(text);
            let idx = LineIndex::new(text);
            assert_eq!(idx.len_lines(), rope.len_lines(), "{text:?}");
            for enc in [Utf8, Utf16] {
                for offset in 0..=text.len() + 2 {
                    assert_eq!(
                        idx.position(text, enc, offset),
                        position(&rope, enc, offset),
                        "{text:?} @{offset} {enc:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn ranges_in_the_wrong_order_are_swapped() {
        let rope = Rope::from_str("abc\ndef");
        let (r, exact) = resolve_range(&rope, Utf16, lsp::Range::new(pos(1, 1), pos(0, 1)));
        assert_eq!((r, exact), (1..5, false));
        let (r, exact) = resolve_range(&rope, Utf16, lsp::Range::new(pos(0, 1), pos(1, 1)));
        assert_eq!((r, exact), (1..5, true));
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        use PositionEncodingKind as K;
        assert_eq!(PositionEncoding::negotiate(None), Utf16);
        assert_eq!(PositionEncoding::negotiate(Some(&[K::UTF16])), Utf16);
        assert_eq!(PositionEncoding::negotiate(Some(&[K::UTF32, K::UTF16])), Utf16);
        assert_eq!(PositionEncoding::negotiate(Some(&[K::UTF16, K::UTF8])), Utf8);
        assert_eq!(PositionEncoding::negotiate(Some(&[])), Utf16);
    }
}
