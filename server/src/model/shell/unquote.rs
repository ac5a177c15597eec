//! Quote removal for single words, and the small balanced scanners shared with the
//! parser. Everything works on bytes; every position handed out is an ASCII position
//! or the end of the text, so slicing stays on `char` boundaries.

use std::borrow::Cow;
use std::ops::Range;

/// Receives the pieces of a word's value in order.
trait Sink {
    /// `s` is copied byte for byte from the raw text at `at`.
    fn verbatim(&mut self, s: &str, at: usize);
    /// `s` stands for the raw text in `from` (an escape such as `\"`).
    fn cooked(&mut self, s: &str, from: Range<usize>);
}

impl Sink for String {
    fn verbatim(&mut self, s: &str, _: usize) {
        self.push_str(s);
    }
    fn cooked(&mut self, s: &str, _: Range<usize>) {
        self.push_str(s);
    }
}

/// The value of a raw word: quotes removed, escapes processed, expansions kept.
pub(super) fn unquote(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| matches!(b, b'\\' | b'\'' | b'"')) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    walk(raw, &mut out);
    Cow::Owned(out)
}

/// A word's value together with, for each byte of it, the source range it came from.
pub(super) struct OffsetMap {
    pub(super) text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
    base: usize,
}

impl Sink for OffsetMap {
    fn verbatim(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        let at = self.base + at;
        self.starts.extend(at..at + s.len());
        self.ends.extend(at + 1..at + s.len() + 1);
    }
    fn cooked(&mut self, s: &str, from: Range<usize>) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(self.base + from.start);
            self.ends.push(self.base + from.end);
        }
    }
}

impl OffsetMap {
    /// Unquotes `raw`, which starts at byte `base` of the source.
    pub(super) fn new(raw: &str, base: usize) -> OffsetMap {
        let mut map = OffsetMap {
            text: String::with_capacity(raw.len()),
            starts: Vec::with_capacity(raw.len()),
            ends: Vec::with_capacity(raw.len()),
            base,
        };
        walk(raw, &mut map);
        map
    }

    /// Source range of a byte range of the value (clamped to the value).
    pub(super) fn map_range(&self, r: Range<usize>) -> Range<usize> {
        let len = self.starts.len();
        let start = r.start.min(len);
        let end = r.end.clamp(start, len);
        if start < end {
            let s = self.starts.get(start).copied().unwrap_or(self.base);
            let e = self.ends.get(end - 1).copied().unwrap_or(s);
            s..e.max(s)
        } else {
            let p = match self.starts.get(start) {
                Some(&p) => p,
                None => self.ends.last().copied().unwrap_or(self.base),
            };
            p..p
        }
    }
}

fn walk(raw: &str, sink: &mut impl Sink) {
    let b = raw.as_bytes();
    let n = b.len();
    let mut i = 0;
    // A process substitution `<(…)` / `>(…)` (only at the start of a word) is kept as
    // written, like `$(…)`.
    if matches!(b.first(), Some(b'<' | b'>')) && b.get(1) == Some(&b'(') {
        let (e, _) = scan_paren(b, 2, n);
        sink.verbatim(slice(raw, 0, e), 0);
        i = e;
    }
    while i < n {
        match b[i] {
            b'\\' => i = backslash(raw, i, sink, false),
            b'\'' => {
                let (j, _) = find_byte(b, i + 1, n, b'\'');
                sink.verbatim(slice(raw, i + 1, j), i + 1);
                i = (j + 1).min(n);
            }
            b'"' => i = walk_dquote(raw, i + 1, sink),
            b'$' => match b.get(i + 1) {
                Some(b'\'') => i = walk_ansi(raw, i + 2, sink),
                Some(b'"') => i = walk_dquote(raw, i + 2, sink),
                _ => i = dollar_verbatim(raw, i, sink),
            },
            b'`' => {
                let (e, _) = scan_backtick(b, i + 1, n);
                sink.verbatim(slice(raw, i, e), i);
                i = e;
            }
            _ => {
                let mut j = i + 1;
                while j < n && !matches!(b[j], b'\\' | b'\'' | b'"' | b'$' | b'`') {
                    j += 1;
                }
                sink.verbatim(slice(raw, i, j), i);
                i = j;
            }
        }
    }
}

/// Handles a backslash at `i`. Inside double quotes only `$ \` " \ newline` are escapes.
fn backslash(raw: &str, i: usize, sink: &mut impl Sink, in_dquote: bool) -> usize {
    let b = raw.as_bytes();
    let n = b.len();
    match b.get(i + 1) {
        None => {
            sink.verbatim("\\", i);
            i + 1
        }
        Some(b'\n') => i + 2,
        Some(b'\r') if b.get(i + 2) == Some(&b'\n') => i + 3,
        Some(&c) => {
            if in_dquote && !matches!(c, b'$' | b'`' | b'"' | b'\\') {
                sink.verbatim("\\", i);
                return i + 1;
            }
            let e = (i + 1 + char_len(c)).min(n);
            sink.cooked(slice(raw, i + 1, e), i..e);
            e
        }
    }
}

fn walk_dquote(raw: &str, mut i: usize, sink: &mut impl Sink) -> usize {
    let b = raw.as_bytes();
    let n = b.len();
    while i < n {
        match b[i] {
            b'"' => return i + 1,
            b'\\' => i = backslash(raw, i, sink, true),
            b'$' => i = dollar_verbatim(raw, i, sink),
            b'`' => {
                let (e, _) = scan_backtick(b, i + 1, n);
                sink.verbatim(slice(raw, i, e), i);
                i = e;
            }
            _ => {
                let mut j = i + 1;
                while j < n && !matches!(b[j], b'\\' | b'"' | b'$' | b'`') {
                    j += 1;
                }
                sink.verbatim(slice(raw, i, j), i);
                i = j;
            }
        }
    }
    n
}

/// `$(…)`, `${…}` and plain `$` are kept as written.
fn dollar_verbatim(raw: &str, i: usize, sink: &mut impl Sink) -> usize {
    let b = raw.as_bytes();
    let n = b.len();
    let e = match b.get(i + 1) {
        Some(b'(') => scan_paren(b, i + 2, n).0,
        Some(b'{') => scan_brace(b, i + 2, n).0,
        _ => i + 1,
    };
    sink.verbatim(slice(raw, i, e), i);
    e
}

/// `$'…'` (bash ANSI-C quoting) with the common escapes.
fn walk_ansi(raw: &str, mut i: usize, sink: &mut impl Sink) -> usize {
    let b = raw.as_bytes();
    let n = b.len();
    while i < n {
        match b[i] {
            b'\'' => return i + 1,
            b'\\' if i + 1 < n => {
                let rep = match b[i + 1] {
                    b'n' => Some("\n"),
                    b't' => Some("\t"),
                    b'r' => Some("\r"),
                    b'a' => Some("\x07"),
                    b'b' => Some("\x08"),
                    b'e' | b'E' => Some("\x1b"),
                    b'f' => Some("\x0c"),
                    b'v' => Some("\x0b"),
                    b'\\' => Some("\\"),
                    b'\'' => Some("'"),
                    b'"' => Some("\""),
                    b'?' => Some("?"),
                    _ => None,
                };
                match rep {
                    Some(r) => {
                        sink.cooked(r, i..i + 2);
                        i += 2;
                    }
                    None => {
                        sink.verbatim("\\", i);
                        i += 1;
                    }
                }
            }
            _ => {
                let mut j = i + 1;
                while j < n && !matches!(b[j], b'\\' | b'\'') {
                    j += 1;
                }
                sink.verbatim(slice(raw, i, j), i);
                i = j;
            }
        }
    }
    n
}

/// `raw[a..b]`, or `""` if that is not a valid slice (never happens for positions
/// produced here, but bad input must not panic).
fn slice(raw: &str, a: usize, b: usize) -> &str {
    raw.get(a..b.min(raw.len())).unwrap_or("")
}

/// Length of the UTF-8 sequence that starts with byte `c`.
pub(super) fn char_len(c: u8) -> usize {
    match c {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        0xF0.. => 4,
        _ => 1,
    }
}

/// First `c` in `b[i..end]`: (its index, true), or (end, false).
pub(super) fn find_byte(b: &[u8], i: usize, end: usize, c: u8) -> (usize, bool) {
    let end = end.min(b.len());
    if i >= end {
        return (end, false);
    }
    match b[i..end].iter().position(|&x| x == c) {
        Some(k) => (i + k, true),
        None => (end, false),
    }
}

/// Skips a double-quoted string whose content starts at `i`: (position after the
/// closing quote or `end`, closed).
fn skip_dquote(b: &[u8], mut i: usize, end: usize) -> (usize, bool) {
    while i < end {
        match b[i] {
            b'"' => return (i + 1, true),
            b'\\' => i += 2,
            b'$' if b.get(i + 1) == Some(&b'(') => i = scan_paren(b, i + 2, end).0,
            b'`' => i = scan_backtick(b, i + 1, end).0,
            _ => i += 1,
        }
    }
    (end, false)
}

/// Skips to the `close` that balances an `open` just before `i`, honouring quotes and
/// escapes: (position after it or `end`, closed). Iterative, so any depth is fine.
fn scan_balanced(b: &[u8], mut i: usize, end: usize, open: u8, close: u8) -> (usize, bool) {
    let end = end.min(b.len());
    let mut depth = 1usize;
    while i < end {
        let c = b[i];
        if c == close {
            depth -= 1;
            if depth == 0 {
                return (i + 1, true);
            }
            i += 1;
        } else if c == open {
            depth += 1;
            i += 1;
        } else {
            match c {
                b'\\' => i += 2,
                b'\'' => i = (find_byte(b, i + 1, end, b'\'').0 + 1).min(end),
                b'"' => i = skip_dquote(b, i + 1, end).0,
                b'`' => i = scan_backtick(b, i + 1, end).0,
                _ => i += 1,
            }
        }
    }
    (end, false)
}

/// End of `$(…)` / `$((…))` / `<(…)` whose content starts at `i`.
pub(super) fn scan_paren(b: &[u8], i: usize, end: usize) -> (usize, bool) {
    scan_balanced(b, i, end, b'(', b')')
}

/// End of `${…}` whose content starts at `i`.
pub(super) fn scan_brace(b: &[u8], i: usize, end: usize) -> (usize, bool) {
    scan_balanced(b, i, end, b'{', b'}')
}

/// End of a backtick substitution whose content starts at `i`.
pub(super) fn scan_backtick(b: &[u8], i: usize, end: usize) -> (usize, bool) {
    scan_escaped_until(b, i, end, b'`')
}

/// End of `$'…'` whose content starts at `i`.
pub(super) fn scan_ansi(b: &[u8], i: usize, end: usize) -> (usize, bool) {
    scan_escaped_until(b, i, end, b'\'')
}

/// Past the first `close` from `i` that no backslash escapes; whether one was found.
fn scan_escaped_until(b: &[u8], mut i: usize, end: usize, close: u8) -> (usize, bool) {
    let end = end.min(b.len());
    while i < end {
        match b[i] {
            b'\\' => i += 2,
            c if c == close => return (i + 1, true),
            _ => i += 1,
        }
    }
    (end, false)
}
