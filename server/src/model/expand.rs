//! Expanding variables with known values, as BuildKit does for FROM lines and hovers.

use crate::syntax::vars::{VarOp, scan};

/// The result of expanding a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    /// Names that had no value (expanded to empty or to their default).
    pub unresolved: Vec<String>,
}

/// Expands `$V`, `${V}` and the default/alternative forms in `text` with `lookup`;
/// other forms keep their default behaviour on an unset value. Quotes are kept as
/// written (FROM words are rarely quoted).
pub fn expand(text: &str, escape: u8, lookup: &dyn Fn(&str) -> Option<String>) -> Expanded {
    let s = scan(text, escape, true);
    let mut out = String::with_capacity(text.len());
    let mut unresolved = Vec::new();
    let mut last = 0;
    for r in s.refs.iter().filter(|r| r.depth == 0) {
        out.push_str(&text[last..r.range.start]);
        last = r.range.end;
        let name = &text[r.name.clone()];
        let value = lookup(name);
        let word = || {
            let w = r.word.clone().map(|w| &text[w]).unwrap_or("");
            expand(w, escape, lookup)
        };
        let is_set_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
        let replacement = match r.op {
            VarOp::Plain
            | VarOp::Required { .. }
            | VarOp::TrimPrefix { .. }
            | VarOp::TrimSuffix { .. }
            | VarOp::Replace { .. } => {
                if value.is_none() {
                    unresolved.push(name.to_string());
                }
                value.unwrap_or_default()
            }
            VarOp::Default { colon } => {
                if value.is_some() && (!colon || is_set_nonempty) {
                    value.unwrap_or_default()
                } else {
                    let w = word();
                    unresolved.extend(w.unresolved);
                    w.text
                }
            }
            VarOp::Alternative { colon } => {
                if value.is_some() && (!colon || is_set_nonempty) {
                    let w = word();
                    unresolved.extend(w.unresolved);
                    w.text
                } else {
                    String::new()
                }
            }
        };
        out.push_str(&replacement);
    }
    out.push_str(&text[last..]);
    Expanded { text: out, unresolved }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(name: &str) -> Option<String> {
        match name {
            "PY" => Some("3.12".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn forms() {
        let e = |t: &str| expand(t, b'\\', &lookup);
        assert_eq!(e("python:${PY}-slim").text, "python:3.12-slim");
        assert_eq!(e("python:$PY").text, "python:3.12");
        assert_eq!(e("${BASE:-alpine}:3").text, "alpine:3");
        assert_eq!(e("${EMPTY:-x}").text, "x");
        assert_eq!(e("${EMPTY-x}").text, "");
        assert_eq!(e("${PY:+set}").text, "set");
        let u = e("$NOPE/app");
        assert_eq!(u.text, "/app");
        assert_eq!(u.unresolved, ["NOPE"]);
    }
}
