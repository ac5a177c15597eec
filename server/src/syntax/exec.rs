//! Exec (JSON array) form: `CMD ["a", "b"]`.
//!
//! BuildKit tries `json.Unmarshal` on arguments that start with `[`; invalid JSON
//! silently falls back to shell form, valid JSON with a non-string element is an error.
//! This is a small JSON reader that also records where each element is.

use super::Span;

/// A JSON array in an instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecForm {
    /// From `[` to `]` inclusive.
    pub span: Span,
    pub elements: Vec<ExecElement>,
}

/// One element of the array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecElement {
    /// The element as written, quotes included.
    pub span: Span,
    /// The decoded string; `None` when the element is not a string.
    pub value: Option<String>,
}

impl ExecForm {
    pub fn all_strings(&self) -> bool {
        self.elements.iter().all(|e| e.value.is_some())
    }

    /// The decoded strings (non-strings skipped).
    pub fn strings(&self) -> impl Iterator<Item = &str> {
        self.elements.iter().filter_map(|e| e.value.as_deref())
    }
}

/// An element in logical-line offsets, before mapping to the source.
pub(crate) struct RawElement {
    pub start: usize,
    pub end: usize,
    pub value: Option<String>,
}

const MAX_DEPTH: usize = 200;

/// Parses `s[start..end]` as one JSON array followed only by whitespace. `None` when it
/// is not valid JSON (shell form then).
pub(crate) fn parse_json_array(s: &str, start: usize, end: usize) -> Option<Vec<RawElement>> {
    let mut p = JsonReader { s: s.get(..end)?, i: start };
    p.ws();
    if p.peek()? != b'[' {
        return None;
    }
    p.i += 1;
    let mut elems = Vec::with_capacity(4);
    p.ws();
    if p.peek()? == b']' {
        p.i += 1;
    } else {
        loop {
            p.ws();
            let el_start = p.i;
            let value = if p.peek()? == b'"' {
                Some(p.string()?)
            } else {
                p.value(0)?;
                None
            };
            elems.push(RawElement { start: el_start, end: p.i, value });
            p.ws();
            match p.peek()? {
                b',' => p.i += 1,
                b']' => {
                    p.i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    p.ws();
    (p.i == end).then_some(elems)
}

struct JsonReader<'a> {
    s: &'a str,
    i: usize,
}

impl JsonReader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn lit(&mut self, word: &[u8]) -> Option<()> {
        if self.s.as_bytes().get(self.i..self.i + word.len())? == word {
            self.i += word.len();
            Some(())
        } else {
            None
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b't' => self.lit(b"true"),
            b'f' => self.lit(b"false"),
            b'n' => self.lit(b"null"),
            b'[' => {
                self.i += 1;
                self.ws();
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.value(depth + 1)?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.i += 1;
                self.ws();
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    if self.peek()? != b'"' {
                        return None;
                    }
                    self.string()?;
                    self.ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    self.value(depth + 1)?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let s = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - s
    }

    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(())
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.i..self.i + 4)?;
        let v = u32::from_str_radix(h, 16).ok()?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.i += 4;
        Some(v)
    }

    /// A string at `"`; returns the decoded value.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let run_start = self.i;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The run stops at an ASCII byte (or the end), so it is whole characters.
            let run = self.s.get(run_start..self.i)?;
            if out.is_empty() && self.peek() == Some(b'"') {
                // No escapes: one allocation of the exact size.
                self.i += 1;
                return Some(run.to_owned());
            }
            out.push_str(run);
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let e = self.peek()?;
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let ch = if (0xD800..0xDC00).contains(&hi) {
                                let save = self.i;
                                if self.lit(b"\\u").is_some() {
                                    let lo = self.hex4()?;
                                    if (0xDC00..0xE000).contains(&lo) {
                                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                    } else {
                                        self.i = save;
                                        None
                                    }
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(ch.unwrap_or('\u{FFFD}'));
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<Vec<Option<String>>> {
        parse_json_array(s, 0, s.len()).map(|v| v.into_iter().map(|e| e.value).collect())
    }

    #[test]
    fn valid_arrays() {
        assert_eq!(parse(r#"["a", "b c"]"#), Some(vec![Some("a".into()), Some("b c".into())]));
        assert_eq!(parse("[]"), Some(vec![]));
        assert_eq!(parse(r#"[ "\u00e9\n" ]  "#), Some(vec![Some("é\n".into())]));
        assert_eq!(parse(r#"["a", 1, {"x": [true]}]"#), Some(vec![Some("a".into()), None, None]));
    }

    #[test]
    fn invalid_json_is_shell_form() {
        for s in ["['a']", r#"["a",]"#, r#"["a" "b"]"#, r#"["C:\path"]"#, r#"["a"] x"#, "[", r#"["a"#, "[01]"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&s), None);
    }
}
