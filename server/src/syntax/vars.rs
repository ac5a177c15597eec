//! Variable references in the 14 forms BuildKit's shell lexer knows, with their errors.
//!
//! `$V`, `${V}`, `${V:-w}`, `${V-w}`, `${V:+w}`, `${V+w}`, `${V:?w}`, `${V?w}`,
//! `${V#p}`, `${V##p}`, `${V%p}`, `${V%%p}`, `${V/p/r}`, `${V//p/r}`. Single quotes stop
//! expansion; the escape character protects a `$`.

use std::ops::Range;

/// The operator of a `${…}` form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarOp {
    /// `$V` or `${V}`.
    Plain,
    /// `-` / `:-`: default when unset (or empty).
    Default { colon: bool },
    /// `+` / `:+`: alternative when set (and not empty).
    Alternative { colon: bool },
    /// `?` / `:?`: error when unset (or empty).
    Required { colon: bool },
    /// `#` / `##`.
    TrimPrefix { greedy: bool },
    /// `%` / `%%`.
    TrimSuffix { greedy: bool },
    /// `/` / `//`.
    Replace { all: bool },
}

/// One variable reference, ranges relative to the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// From `$` to the end of the reference (the closing `}` included).
    pub range: Range<usize>,
    pub name: Range<usize>,
    pub braced: bool,
    pub op: VarOp,
    /// The word after the operator (`w` in `${V:-w}`), for `${…}` forms with one.
    pub word: Option<Range<usize>>,
    /// Nesting depth: references inside another one's word are 1 deeper.
    pub depth: u8,
}

/// A malformed substitution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarError {
    pub range: Range<usize>,
    pub message: String,
}

/// What [`scan`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VarScan {
    pub refs: Vec<VarRef>,
    pub errors: Vec<VarError>,
}

/// Finds variable references in `text` as BuildKit's lexer would expand them.
/// `process_quotes` is false for contexts where quotes are literal (heredoc bodies).
pub fn scan(text: &str, escape: u8, process_quotes: bool) -> VarScan {
    scanner(text, escape, process_quotes, true)
}

/// Whether [`scan_errors`] can find anything in `text`. Every substitution error starts
/// at a `${`, and a plain `${NAME}` (letters, digits and `_`, not starting with a digit;
/// or digits only) is never one, whatever quotes or escapes surround it: so `false`
/// when every `${` opens a plain one (most files), without scanning quotes.
pub(crate) fn may_have_errors(text: &str) -> bool {
    let b = text.as_bytes();
    let Some(mut i) = memchr::memchr(b'$', b) else { return false };
    while i + 1 < b.len() {
        if b[i] != b'$' || b[i + 1] != b'{' {
            i += 1;
            continue;
        }
        let name_start = i + 2;
        let mut j = name_start;
        let digits = b.get(j).is_some_and(u8::is_ascii_digit);
        while b
            .get(j)
            .is_some_and(|&c| if digits { c.is_ascii_digit() } else { c.is_ascii_alphanumeric() || c == b'_' })
        {
            j += 1;
        }
        if j == name_start || b.get(j) != Some(&b'}') {
            return true;
        }
        i = j + 1;
    }
    false
}

/// Only the errors of [`scan`] (for the parser, which reports them; the references
/// are the model's business).
pub(crate) fn scan_errors(text: &str, escape: u8) -> Vec<VarError> {
    scanner(text, escape, true, false).errors
}

fn scanner(text: &str, escape: u8, process_quotes: bool, want_refs: bool) -> VarScan {
    scanned(text, escape, process_quotes, want_refs).out
}

/// The scanner after a run over `text`.
fn scanned(text: &str, escape: u8, process_quotes: bool, want_refs: bool) -> Scanner<'_> {
    let mut special = [false; 256];
    for c in [b'$', escape, b'}', b'/'] {
        special[c as usize] = true;
    }
    if process_quotes {
        special[b'\'' as usize] = true;
        special[b'"' as usize] = true;
    }
    let mut s = Scanner {
        b: text.as_bytes(),
        text,
        i: 0,
        escape,
        quotes: process_quotes,
        special,
        want_refs,
        found: 0,
        out: VarScan::default(),
    };
    s.run(None, 0);
    s
}

/// Whether `text` has any reference BuildKit would expand.
pub fn has_vars(text: &str, escape: u8) -> bool {
    // Counted, not collected.
    memchr::memchr(b'$', text.as_bytes()).is_some() && scanned(text, escape, true, false).found > 0
}

struct Scanner<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
    escape: u8,
    quotes: bool,
    /// Bytes the main loop must look at (everything else is skipped in a tight loop):
    /// `$`, the escape character, the stop characters and, when quotes count, quotes.
    special: [bool; 256],
    /// Collect references (false: errors only).
    want_refs: bool,
    /// References found (kept in `out` only when `want_refs`).
    found: usize,
    out: VarScan,
}

enum Stop {
    Found,
    Eof,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Steps over one whole character (an escaped one may be multi-byte).
    fn skip_char(&mut self) {
        if let Some(&c) = self.b.get(self.i) {
            self.i += match c {
                0xF0..=0xFF => 4,
                0xE0..=0xEF => 3,
                0xC0..=0xDF => 2,
                _ => 1,
            };
            self.i = self.i.min(self.b.len());
        }
    }

    fn skip_past_brace(&mut self) {
        if let Some(p) = self.b.get(self.i..).and_then(|t| t.iter().position(|&c| c == b'}')) {
            self.i += p + 1;
        }
    }

    /// Scans until `stop` (consumed) or the end. Returns whether `stop` was found.
    fn run(&mut self, stop: Option<u8>, depth: u8) -> Stop {
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.i += 1;
                return Stop::Found;
            }
            match c {
                b'$' => self.dollar(depth),
                b'\'' if self.quotes => {
                    self.i += 1;
                    while let Some(c) = self.peek() {
                        self.i += 1;
                        if c == b'\'' {
                            break;
                        }
                    }
                }
                b'"' if self.quotes => {
                    self.i += 1;
                    while let Some(c) = self.peek() {
                        if c == b'"' {
                            self.i += 1;
                            break;
                        }
                        if c == b'$' {
                            self.dollar(depth);
                            continue;
                        }
                        if c == self.escape {
                            self.i += 1;
                            if matches!(self.peek(), Some(n) if n == b'"' || n == b'$' || n == self.escape) {
                                self.skip_char();
                            }
                            continue;
                        }
                        self.i += 1;
                    }
                }
                c if c == self.escape => {
                    self.i += 1;
                    self.skip_char();
                }
                _ => {
                    self.i += 1;
                    while self.b.get(self.i).is_some_and(|&c| !self.special[c as usize]) {
                        self.i += 1;
                    }
                }
            }
        }
        self.i = self.i.min(self.b.len());
        Stop::Eof
    }

    /// A name: digits, one special parameter, or letters/digits/underscore.
    fn name(&mut self) -> Range<usize> {
        let start = self.i;
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                    self.i += 1;
                }
            }
            Some(b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!') => self.i += 1,
            _ => {
                while let Some(&c) = self.b.get(self.i) {
                    if c.is_ascii_alphanumeric() || c == b'_' {
                        self.i += 1;
                        continue;
                    }
                    if c.is_ascii() {
                        break;
                    }
                    let Some(ch) = self.text.get(self.i..).and_then(|t| t.chars().next()) else { break };
                    if ch.is_alphanumeric() {
                        self.i += ch.len_utf8();
                    } else {
                        break;
                    }
                }
            }
        }
        start..self.i
    }

    fn push_ref(&mut self, r: VarRef) {
        self.found += 1;
        if self.want_refs {
            self.out.refs.push(r);
        }
    }

    fn error(&mut self, start: usize, message: impl Into<String>) {
        let end = self.i.max(start + 1).min(self.b.len());
        self.out.errors.push(VarError { range: start..end, message: message.into() });
    }

    fn dollar(&mut self, depth: u8) {
        let start = self.i;
        self.i += 1;
        if self.peek() != Some(b'{') {
            let name = self.name();
            if !name.is_empty() {
                self.push_ref(VarRef {
                    range: start..self.i,
                    name,
                    braced: false,
                    op: VarOp::Plain,
                    word: None,
                    depth,
                });
            }
            return;
        }
        self.i += 1;
        match self.peek() {
            None => return self.error(start, "syntax error: missing '}'"),
            Some(b'{' | b'}' | b':') => {
                // Skip to the closing brace so one mistake gives one error.
                self.skip_past_brace();
                return self.error(start, "syntax error: bad substitution");
            }
            _ => {}
        }
        let name = self.name();
        let Some(op_char) = self.peek() else {
            return self.error(start, "syntax error: missing '}'");
        };
        self.i += 1;
        let push = |s: &mut Scanner<'_>, op: VarOp, word: Option<Range<usize>>| {
            s.push_ref(VarRef { range: start..s.i, name: name.clone(), braced: true, op, word, depth });
        };
        match op_char {
            b'}' => push(self, VarOp::Plain, None),
            b':' | b'+' | b'-' | b'?' | b'#' | b'%' => {
                let colon = op_char == b':';
                let op = if colon {
                    let Some(c2) = self.peek() else {
                        return self.error(start, "syntax error: missing '}'");
                    };
                    self.i += 1;
                    c2
                } else {
                    op_char
                };
                let modifier = if colon { format!(":{}", op as char) } else { (op as char).to_string() };
                if colon && (op == b'#' || op == b'%') {
                    self.skip_past_brace();
                    return self.error(start, format!("unsupported modifier ({modifier}) in substitution"));
                }
                let greedy = (op == b'#' || op == b'%') && self.peek() == Some(op);
                let word_start = self.i;
                let saved_quotes = self.quotes;
                match self.run(Some(b'}'), depth.saturating_add(1)) {
                    Stop::Eof => {
                        self.quotes = saved_quotes;
                        return self.error(start, "syntax error: missing '}'");
                    }
                    Stop::Found => {}
                }
                let word = Some(word_start..self.i - 1);
                let op = match op {
                    b'-' => VarOp::Default { colon },
                    b'+' => VarOp::Alternative { colon },
                    b'?' => VarOp::Required { colon },
                    b'#' => VarOp::TrimPrefix { greedy },
                    b'%' => VarOp::TrimSuffix { greedy },
                    _ => {
                        return self.error(start, format!("unsupported modifier ({modifier}) in substitution"));
                    }
                };
                push(self, op, word);
            }
            b'/' => {
                let all = self.peek() == Some(b'/');
                if all {
                    self.i += 1;
                }
                let word_start = self.i;
                if let Stop::Eof = self.run(Some(b'/'), depth.saturating_add(1)) {
                    return self.error(start, "syntax error: missing '/' in ${}");
                }
                if let Stop::Eof = self.run(Some(b'}'), depth.saturating_add(1)) {
                    return self.error(start, "syntax error: missing '}'");
                }
                push(self, VarOp::Replace { all }, Some(word_start..self.i - 1));
            }
            other => {
                let shown = self.text.get(self.i - 1..).and_then(|t| t.chars().next()).unwrap_or(other as char);
                self.skip_past_brace();
                self.error(start, format!("unsupported modifier ({shown}) in substitution"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_brace_form_other_than_a_plain_name_needs_the_scan() {
        for plain in ["", "no vars", "$A ${B} ${_c1} ${12}", "'${A}' \\${B}", "$", "a$", "${A}$"] {
            assert!(!may_have_errors(plain), "{plain:?}");
        }
        for other in ["${", "${A", "${A:-x}", "${}", "${1a}", "${@}", "${ÄB}", "x ${A} ${B%y}", "${A-}"] {
            assert!(may_have_errors(other), "{other:?}");
        }
    }

    proptest::proptest! {
        /// When the quick look says no, the scanner agrees, with either escape.
        #[test]
        fn no_errors_where_the_quick_look_sees_none(text in "[${}A_1:\\-+#%/?'\" ab`]{0,16}") {
            if !may_have_errors(&text) {
                proptest::prop_assert!(scan_errors(&text, b'\\').is_empty(), "{:?}", text);
                proptest::prop_assert!(scan_errors(&text, b'`').is_empty(), "{:?}", text);
            }
        }
    }

    fn names(text: &str) -> Vec<&str> {
        scan(text, b'\\', true).refs.iter().map(|r| &text[r.name.clone()]).collect()
    }

    fn errors(text: &str) -> Vec<String> {
        scan(text, b'\\', true).errors.into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn plain_runs_and_non_ascii_names() {
        // Text between references is skipped in bulk: what follows it is still seen,
        // whatever the text holds (multi-byte characters, slashes, braces).
        assert_eq!(names("héllo wörld/} $A and ${B} ünd $C"), ["A", "B", "C"]);
        // Names may hold non-ASCII letters (BuildKit takes any Unicode letter).
        assert_eq!(names("$NAMÉ/x ${ÜBER}"), ["NAMÉ", "ÜBER"]);
        // Quotes and escapes between plain runs still count.
        assert_eq!(names("abc '$NO' def \\$NOR ghi \"$YES\""), ["YES"]);
        // With the backtick escape, a backslash is plain text.
        assert_eq!(scan("a\\$X `$Y", b'`', true).refs.len(), 1);
    }

    #[test]
    fn all_fourteen_forms() {
        let forms = [
            ("$V", VarOp::Plain),
            ("${V}", VarOp::Plain),
            ("${V:-w}", VarOp::Default { colon: true }),
            ("${V-w}", VarOp::Default { colon: false }),
            ("${V:+w}", VarOp::Alternative { colon: true }),
            ("${V+w}", VarOp::Alternative { colon: false }),
            ("${V:?w}", VarOp::Required { colon: true }),
            ("${V?w}", VarOp::Required { colon: false }),
            ("${V#w}", VarOp::TrimPrefix { greedy: false }),
            ("${V##w}", VarOp::TrimPrefix { greedy: true }),
            ("${V%w}", VarOp::TrimSuffix { greedy: false }),
            ("${V%%w}", VarOp::TrimSuffix { greedy: true }),
            ("${V/w/r}", VarOp::Replace { all: false }),
            ("${V//w/r}", VarOp::Replace { all: true }),
        ];
        for (text, op) in forms {
            let s = scan(text, b'\\', true);
            assert_eq!(s.errors, vec![], "{text}");
            assert_eq!(s.refs.len(), 1, "{text}");
            assert_eq!(s.refs[0].op, op, "{text}");
            assert_eq!(&text[s.refs[0].name.clone()], "V");
            assert_eq!(s.refs[0].range, 0..text.len());
        }
    }

    #[test]
    fn quoting_and_escapes() {
        assert_eq!(names("'$A' \"$B\" \\$C $D"), ["B", "D"]);
        assert_eq!(names("a$ b$-c $1 ${X:-$Y}"), ["-", "1", "Y", "X"]);
        assert_eq!(names("$é_1x"), ["é_1x"]);
    }

    #[test]
    fn buildkit_errors() {
        assert_eq!(errors("${}"), ["syntax error: bad substitution"]);
        assert_eq!(errors("${:x}"), ["syntax error: bad substitution"]);
        assert_eq!(errors("${A"), ["syntax error: missing '}'"]);
        assert_eq!(errors("${A:-x"), ["syntax error: missing '}'"]);
        assert_eq!(errors("${A:#x}"), ["unsupported modifier (:#) in substitution"]);
        assert_eq!(errors("${A:x}"), ["unsupported modifier (:x) in substitution"]);
        assert_eq!(errors("${A/x"), ["syntax error: missing '/' in ${}"]);
        assert_eq!(errors("${A x}"), ["unsupported modifier ( ) in substitution"]);
        assert!(errors("${A} $B ${C:-d}").is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["$", "${", "${A:", "${A/", "${A//b", "\\", "\"$", "'", "${é", "$\u{301}"] {
            let _ = scan(t, b'\\', true);
            let _ = scan(t, b'`', false);
        }
    }
}
