//! The ways BuildKit splits an instruction's text into words. All functions work on the
//! logical line and return byte ranges into it.

use std::borrow::Cow;

/// The ASCII bytes Unicode (and Go's `unicode.IsSpace`, so BuildKit's trimming) takes
/// for white space: `\t`, `\n`, `\v`, `\f`, `\r` and the space.
pub(crate) fn is_ascii_blank(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// BuildKit's `reWhitespace`: `[\t\v\f\r ]`.
pub(crate) fn is_split_space(b: u8) -> bool {
    matches!(b, b'\t' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Bytes the word scanners must look at: ASCII blanks and line breaks, quotes, both
/// possible escape characters, `=` and every non-ASCII byte. A run of other bytes is
/// skipped one table lookup per byte.
static STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] =
            b >= 0x80 || matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'\'' | b'"' | b'\\' | b'`' | b'=');
        c += 1;
    }
    t
};

/// First index at or after `i` (below `end`) holding a byte of [`STOPS`].
#[inline]
fn skip_plain(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && !STOPS[b[i] as usize] {
        i += 1;
    }
    i
}

/// Length of the Unicode whitespace at the start of `sub`. ASCII blanks are skipped
/// byte by byte; a non-ASCII byte may start a Unicode space (NBSP, NEL, U+2028 …) and
/// takes the `char` path (as does a non-ASCII byte at the end in [`trim_range`]).
fn leading_space(sub: &str) -> usize {
    let b = sub.as_bytes();
    let mut a = 0;
    while a < b.len() && is_ascii_blank(b[a]) {
        a += 1;
    }
    if a < b.len() && b[a] >= 0x80 {
        a = sub.len() - sub.trim_start().len();
    }
    a
}

/// First byte of `s[start..end]` after its leading Unicode whitespace.
pub(crate) fn trim_start_at(s: &str, start: usize, end: usize) -> usize {
    // Most lines and words start with a visible ASCII character.
    if start < end && s.as_bytes().get(start).is_some_and(|&c| c > b' ' && c < 0x80) {
        return start;
    }
    s.get(start..end).map_or(start, |sub| start + leading_space(sub))
}

/// Trims Unicode whitespace at both ends of `s[start..end]` (Go's `strings.TrimSpace`).
pub(crate) fn trim_range(s: &str, start: usize, end: usize) -> (usize, usize) {
    // Most ranges have nothing to trim: they start and end with a visible ASCII
    // character (no trimming, and no need to look at characters).
    let b = s.as_bytes();
    if start < end && end <= b.len() {
        let visible = |c: u8| c > b' ' && c < 0x80;
        if visible(b[start]) && visible(b[end - 1]) {
            return (start, end);
        }
    }
    let Some(sub) = s.get(start..end) else {
        return (start, start);
    };
    let b = sub.as_bytes();
    let a = leading_space(sub);
    let mut z = b.len();
    while z > a && is_ascii_blank(b[z - 1]) {
        z -= 1;
    }
    if z > a && b[z - 1] >= 0x80 {
        z = a + sub[a..z].trim_end().len();
    }
    (start + a, start + z)
}

/// Splits on runs of `[\t\v\f\r ]` (FROM, EXPOSE, and COPY/ADD/VOLUME in shell form);
/// `out` gets each word's range.
pub(crate) fn split_whitespace(s: &str, start: usize, end: usize, mut out: impl FnMut(usize, usize)) {
    let b = s.as_bytes();
    let end = end.min(b.len());
    let mut i = start;
    while i < end {
        while i < end && is_split_space(b[i]) {
            i += 1;
        }
        if i >= end {
            break;
        }
        let w = i;
        while i < end && !is_split_space(b[i]) {
            i += 1;
        }
        out(w, i);
    }
}

/// BuildKit's `parseWords` (ENV, LABEL, ARG): whitespace outside quotes separates
/// words; quotes and escapes stay in the word. `out` gets each word's range.
pub(crate) fn parse_words(s: &str, start: usize, end: usize, escape: u8, mut out: impl FnMut(usize, usize)) {
    let Some(sub) = s.get(start..end) else {
        return;
    };
    // Byte by byte: the quotes and the escape character are ASCII, so a multi-byte
    // character only matters as a possible Unicode space outside quotes.
    let b = sub.as_bytes();
    let n = b.len();
    let char_len = |i: usize| sub.get(i..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8);
    // An ASCII byte that neither separates, quotes nor escapes (a run of them is
    // skipped with `skip_plain`, which also stops at a few harmless bytes).
    let plain = |c: u8| c < 0x80 && !(is_ascii_blank(c) || c == b'\'' || c == b'"' || c == escape);
    let mut word_start: Option<usize> = None;
    let mut quote = 0u8;
    let mut i = 0;
    while i < n {
        if quote != 0 {
            // Inside quotes only the closing quote and (in double quotes) the escape
            // character matter.
            let rest = &b[i..];
            let hit = if quote == b'"' { memchr::memchr2(quote, escape, rest) } else { memchr::memchr(quote, rest) };
            let Some(k) = hit else {
                break;
            };
            i += k;
            if b[i] == quote {
                quote = 0;
                i += 1;
            } else {
                // The escaped character, whatever its length, stays in the word.
                i += 1;
                if i < n {
                    i += char_len(i);
                }
            }
            continue;
        }
        let c = b[i];
        if plain(c) {
            word_start.get_or_insert(i);
            i = skip_plain(b, i + 1, n);
            continue;
        }
        if c >= 0x80 {
            if sub[i..].chars().next().is_some_and(char::is_whitespace) {
                if let Some(ws) = word_start.take() {
                    out(start + ws, start + i);
                }
            } else {
                word_start.get_or_insert(i);
            }
            i += char_len(i);
            continue;
        }
        if is_ascii_blank(c) {
            if let Some(ws) = word_start.take() {
                out(start + ws, start + i);
            }
            i += 1;
            continue;
        }
        word_start.get_or_insert(i);
        if c == escape {
            i += 1;
            if i < n {
                i += char_len(i);
            }
            continue;
        }
        // An opening quote.
        quote = c;
        i += 1;
    }
    if let Some(ws) = word_start {
        out(start + ws, end);
    }
}

/// A `--flag` word found by [`extract_flags`] (logical offsets).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlagWord {
    pub start: usize,
    pub end: usize,
    /// Offset of the first `=`, if any.
    pub eq: Option<usize>,
}

/// BuildKit's `extractBuilderFlags`: leading words starting with `--` are flags; a bare
/// `--` ends them. `out` gets each flag; returns where the arguments start.
pub(crate) fn extract_flags(s: &str, start: usize, end: usize, escape: u8, mut out: impl FnMut(FlagWord)) -> usize {
    let b = s.as_bytes();
    let end = end.min(b.len());
    let mut i = start;
    loop {
        while i < end && is_ascii_blank(b[i]) {
            i += 1;
        }
        if i >= end || !(b[i] == b'-' && i + 1 < end && b[i + 1] == b'-') {
            return i.min(end);
        }
        let w = i;
        let mut eq = None;
        let mut quote = 0u8;
        while i < end {
            let c = b[i];
            if quote == 0 {
                if is_ascii_blank(c) {
                    break;
                }
                if c == b'\'' || c == b'"' {
                    quote = c;
                } else if c == escape {
                    i += 1;
                } else if c == b'=' && eq.is_none() {
                    eq = Some(i);
                } else if !STOPS[c as usize] {
                    i = skip_plain(b, i + 1, end);
                    continue;
                }
            } else if c == quote {
                quote = 0;
            } else if c == escape {
                i += 1;
            }
            i += 1;
        }
        let i_end = i.min(end);
        if i_end - w == 2 {
            // A bare `--` (the word starts with two dashes).
            return i_end;
        }
        out(FlagWord { start: w, end: i_end, eq });
        i = i_end;
    }
}

/// Words of a line as BuildKit's shell lexer sees them when it looks for heredocs
/// (raw quotes and escapes kept; `<<` followed by blanks joins the next word). `None`
/// when a quote is never closed: BuildKit then finds no heredoc at all.
pub(crate) fn heredoc_scan_words(s: &str, start: usize, end: usize, escape: u8) -> Option<Vec<(usize, usize)>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    let is_ws = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    while i < end {
        while i < end && is_ws(b[i]) {
            i += 1;
        }
        if i >= end {
            break;
        }
        let w = i;
        while i < end && !is_ws(b[i]) {
            match b[i] {
                q @ (b'\'' | b'"') => {
                    i += 1;
                    loop {
                        if i >= end {
                            return None;
                        }
                        if b[i] == q {
                            break;
                        }
                        if q == b'"' && b[i] == escape {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                b'<' if i + 1 < end && b[i + 1] == b'<' => {
                    i += 2;
                    while i < end && is_ws(b[i]) && b[i] != b'\n' {
                        i += 1;
                    }
                }
                c if c == escape => i += 2,
                _ => i += 1,
            }
        }
        out.push((w, i.min(end)));
    }
    Some(out)
}

/// A flag value with BuildKit's flag rules: quotes removed, the escape character
/// makes the next character literal.
pub fn unquote_flag(text: Cow<'_, str>, escape: u8) -> Cow<'_, str> {
    if !text.bytes().any(|c| c == b'"' || c == b'\'' || c == escape) {
        return text;
    }
    let esc = escape as char;
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match quote {
            None if c == '"' || c == '\'' => quote = Some(c),
            Some(q) if c == q => quote = None,
            _ if c == esc => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A word with shell quoting removed the way BuildKit's lexer does it (variables are
/// left as written): outside quotes the escape character makes the next character
/// literal; in double quotes it only escapes `"`, `$` and itself; single quotes are
/// literal.
pub fn unquote(text: &str, escape: u8) -> Cow<'_, str> {
    if !text.bytes().any(|c| c == b'"' || c == b'\'' || c == escape) {
        return Cow::Borrowed(text);
    }
    let esc = escape as char;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            for n in chars.by_ref() {
                if n == '\'' {
                    break;
                }
                out.push(n);
            }
        } else if c == '"' {
            while let Some(n) = chars.next() {
                if n == '"' {
                    break;
                }
                if n == esc {
                    match chars.peek() {
                        Some(&p) if p == '"' || p == '$' || p == esc => {
                            out.push(p);
                            chars.next();
                        }
                        Some(_) => out.push(n),
                        None => {}
                    }
                    continue;
                }
                out.push(n);
            }
        } else if c == esc {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `trim_range` skips ASCII blanks byte by byte; it must trim exactly what
    /// `str::trim` does (Go's `TrimSpace` set), Unicode spaces included.
    #[test]
    fn trim_range_matches_str_trim() {
        let cases = [
            "",
            " ",
            "FROM a",
            "  FROM a  ",
            "\tRUN x\x0b",
            "\x0bRUN\x0c",
            "\u{a0}RUN x\u{85}",
            " \u{2028} a \u{3000} ",
            "é",
            " é ",
            "\u{a0}",
            "a\u{200b}",
            "\r\n x \r",
            "\x0b\u{a0}\x0b",
        ];
        for c in cases {
            let text = format!("#{c}#");
            let (a, z) = trim_range(&text, 1, text.len() - 1);
            assert_eq!(&text[a..z], c.trim(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn trim_range_matches_str_trim_on_any_text(s in "[ \t\x0b\x0c\r\n\u{a0}\u{85}\u{2028}\u{3000}aé🐳]{0,12}") {
            let (a, z) = trim_range(&s, 0, s.len());
            proptest::prop_assert_eq!(&s[a..z], s.trim());
        }
    }

    /// The char-by-char reading of BuildKit's word splitting that `parse_words`
    /// follows byte by byte.
    fn parse_words_by_chars(s: &str, escape: u8) -> Vec<(usize, usize)> {
        let esc = escape as char;
        let (mut out, mut word_start, mut quote) = (Vec::new(), None, None);
        let mut chars = s.char_indices().peekable();
        while let Some((i, ch)) = chars.next() {
            match quote {
                None if ch.is_whitespace() => {
                    if let Some(ws) = word_start.take() {
                        out.push((ws, i));
                    }
                }
                None => {
                    word_start.get_or_insert(i);
                    if ch == '\'' || ch == '"' {
                        quote = Some(ch);
                    } else if ch == esc {
                        chars.next();
                    }
                }
                Some(q) if ch == q => quote = None,
                Some(q) => {
                    if ch == esc && q != '\'' {
                        chars.next();
                    }
                }
            }
        }
        out.extend(word_start.map(|ws| (ws, s.len())));
        out
    }

    proptest::proptest! {
        #[test]
        fn parse_words_matches_the_char_reading(
            s in "[ \t\x0b\x0c\r\u{a0}\u{85}\u{3000}a=\"'\\\\`é🐳]{0,16}",
            backtick in proptest::bool::ANY,
        ) {
            let escape = if backtick { b'`' } else { b'\\' };
            let got = words_of(&s, escape);
            proptest::prop_assert_eq!(got, parse_words_by_chars(&s, escape));
        }
    }

    fn words_of(s: &str, escape: u8) -> Vec<(usize, usize)> {
        let mut got = Vec::new();
        parse_words(s, 0, s.len(), escape, |a, z| got.push((a, z)));
        got
    }

    fn flags_of(s: &str) -> (Vec<FlagWord>, usize) {
        let mut flags = Vec::new();
        let rest = extract_flags(s, 0, s.len(), b'\\', |f| flags.push(f));
        (flags, rest)
    }

    fn texts(s: &str, r: impl IntoIterator<Item = (usize, usize)>) -> Vec<&str> {
        r.into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn parse_words_keeps_quotes_together() {
        let s = r#"a=1 b="x y" c='p q' d=e\ f"#;
        assert_eq!(texts(s, words_of(s, b'\\')), ["a=1", r#"b="x y""#, "c='p q'", r"d=e\ f"]);
    }

    #[test]
    fn parse_words_with_unicode_text_and_escapes() {
        // U+3000 (ideographic space) separates words as Go's unicode.IsSpace says;
        // an escaped multi-byte character or quote stays inside its word.
        let s = "k=h\u{e9}llo\u{3000}x=\\\u{e9}t\u{e9} y=\"a\\\" \u{fc}\" z='\\' w";
        assert_eq!(
            texts(s, words_of(s, b'\\')),
            ["k=h\u{e9}llo", "x=\\\u{e9}t\u{e9}", "y=\"a\\\" \u{fc}\"", "z='\\'", "w"]
        );
        // With the backtick escape a backslash is an ordinary character, and the
        // backtick keeps the blank after it in the word.
        let s = "a=`  b=\\ c";
        assert_eq!(texts(s, words_of(s, b'`')), ["a=` ", "b=\\", "c"]);
        // A trailing escape at the very end does not step past the text.
        let s = "a=b\\";
        assert_eq!(texts(s, words_of(s, b'\\')), ["a=b\\"]);
    }

    #[test]
    fn flags_stop_at_first_non_flag_and_at_double_dash() {
        let s = "--from=build --chown=\"a b\" src dst";
        let (flags, rest) = flags_of(s);
        assert_eq!(flags.len(), 2);
        assert_eq!(&s[flags[1].start..flags[1].end], "--chown=\"a b\"");
        assert_eq!(&s[rest..], "src dst");
        let s = "--link -- --notaflag x";
        let (flags, rest) = flags_of(s);
        assert_eq!(flags.len(), 1);
        assert_eq!(&s[rest..], " --notaflag x");
    }

    #[test]
    fn heredoc_words_glue_blank_after_operator_and_fail_on_open_quote() {
        let s = "RUN << EOF cat <<-\"X\" 'a b'";
        let w = heredoc_scan_words(s, 0, s.len(), b'\\').unwrap_or_default();
        assert_eq!(texts(s, w), ["RUN", "<< EOF", "cat", "<<-\"X\"", "'a b'"]);
        assert!(heredoc_scan_words("RUN <<\"EOF", 0, 10, b'\\').is_none());
    }

    #[test]
    fn unquoting() {
        assert_eq!(unquote(r#""a \"b\" \x" 'c\d' e\ f"#, b'\\'), r#"a "b" \x c\d e f"#);
        assert_eq!(unquote_flag(Cow::Borrowed(r#""a b"\c"#), b'\\'), "a bc");
        assert_eq!(unquote("plain", b'\\'), "plain");
    }
}
