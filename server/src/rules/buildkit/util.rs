//! Small pieces the BuildKit and build rules share: Go-style quoting, casing tests,
//! BuildKit's word processing (quotes removed, variables expanded), and edits that
//! delete whole lines.

use crate::rules::Context;
use crate::syntax::vars::{VarOp, scan};
use crate::syntax::{InstRef, TextRange};

/// ARGs BuildKit defines for FROM lines (`defaultArgs` in dockerfile2llb).
pub const FROM_AUTOMATIC_ARGS: [&str; 11] = [
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDOSVERSION",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETOSVERSION",
    "TARGETARCH",
    "TARGETVARIANT",
    "TARGETSTAGE",
];

/// Values for the automatic ARGs as a common linux/amd64 build sees them.
pub fn automatic_value(name: &str) -> Option<&'static str> {
    Some(match name {
        "BUILDPLATFORM" | "TARGETPLATFORM" => "linux/amd64",
        "BUILDOS" | "TARGETOS" => "linux",
        "BUILDARCH" | "TARGETARCH" => "amd64",
        "BUILDVARIANT" | "TARGETVARIANT" | "BUILDOSVERSION" | "TARGETOSVERSION" => "",
        "TARGETSTAGE" => "default",
        _ => return None,
    })
}

/// Go's `%q` for a string: double quotes, with `"`, `\` and control characters escaped.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s == strings.ToLower(s)`.
pub fn is_lower(s: &str) -> bool {
    !s.chars().any(char::is_uppercase)
}

/// `s == strings.ToUpper(s)`.
pub fn is_upper(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

/// The name BuildKit uses for a stage in messages: its name, or `stage-N`.
pub fn stage_label(cx: &Context<'_>, stage: usize) -> String {
    match cx.model.stages.get(stage).and_then(|s| s.name.clone()) {
        Some(n) => n,
        None => format!("stage-{stage}"),
    }
}

/// A word after BuildKit's lexer: quotes removed, escapes applied, variables expanded.
#[derive(Debug, PartialEq, Eq)]
pub struct Processed {
    pub text: String,
    /// Some variable had no known value.
    pub unresolved: bool,
}

/// Processes `text` as BuildKit's `ProcessWord` does, looking variables up with
/// `lookup` (`None`: no known value; such variables expand to their default word
/// or to nothing, and `unresolved` is set).
pub fn process_word(text: &str, escape: u8, lookup: &dyn Fn(&str) -> Option<String>) -> Processed {
    let refs = if text.contains('$') { scan(text, escape, true).refs } else { Vec::new() };
    let mut out = Processed { text: String::with_capacity(text.len()), unresolved: false };
    process_into(text, escape, &refs, 0, text.len(), lookup, &mut out);
    out
}

fn process_into(
    text: &str,
    escape: u8,
    refs: &[crate::syntax::vars::VarRef],
    from: usize,
    to: usize,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Processed,
) {
    let esc = escape as char;
    let mut i = from;
    let mut quote: Option<char> = None;
    while i < to {
        if let Some(r) = refs.iter().find(|r| r.range.start == i) {
            expand_ref(text, escape, refs, r, lookup, out);
            i = r.range.end.max(i + 1);
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let len = c.len_utf8();
        match quote {
            Some('\'') => {
                if c == '\'' {
                    quote = None;
                } else {
                    out.text.push(c);
                }
            }
            Some(_) => {
                if c == '"' {
                    quote = None;
                } else if c == esc {
                    let next = text[i + len..to].chars().next();
                    match next {
                        Some(n) if n == '"' || n == '$' || n == esc => {
                            out.text.push(n);
                            i += len + n.len_utf8();
                            continue;
                        }
                        _ => out.text.push(c),
                    }
                } else {
                    out.text.push(c);
                }
            }
            None => {
                if c == '\'' || c == '"' {
                    quote = Some(c);
                } else if c == esc {
                    if let Some(n) = text[i + len..to].chars().next() {
                        out.text.push(n);
                        i += len + n.len_utf8();
                        continue;
                    }
                } else {
                    out.text.push(c);
                }
            }
        }
        i += len;
    }
}

fn expand_ref(
    text: &str,
    escape: u8,
    refs: &[crate::syntax::vars::VarRef],
    r: &crate::syntax::vars::VarRef,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Processed,
) {
    let name = &text[r.name.clone()];
    let value = lookup(name);
    let inner: Vec<crate::syntax::vars::VarRef> =
        refs.iter().filter(|x| x.depth == r.depth + 1 && x.range.start >= r.range.start).cloned().collect();
    let word = |out: &mut Processed| {
        if let Some(w) = &r.word {
            process_into(text, escape, &inner, w.start, w.end, lookup, out);
        }
    };
    let set_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
    match r.op {
        VarOp::Default { colon } => {
            if value.is_some() && (!colon || set_nonempty) {
                out.text.push_str(value.as_deref().unwrap_or(""));
            } else {
                if value.is_none() {
                    out.unresolved = true;
                }
                word(out);
            }
        }
        VarOp::Alternative { colon } => {
            if value.is_none() {
                out.unresolved = true;
            } else if !colon || set_nonempty {
                word(out);
            }
        }
        _ => match value {
            Some(v) if matches!(r.op, VarOp::Plain | VarOp::Required { .. }) => out.text.push_str(&v),
            _ => out.unresolved = true,
        },
    }
}

/// Expands `text` with the values known at `node` (ARG defaults, ENV values, build
/// args). `None` when some variable has no known value (the base image or the command
/// line may set it).
pub fn expand_known(cx: &Context<'_>, node: usize, text: &str, escape: u8) -> Option<String> {
    let stage = cx.model.node_stage.get(node).copied().flatten();
    let lookup = |name: &str| cx.model.value_at(name, node, stage, &cx.inputs.build_args);
    let p = process_word(text, escape, &lookup);
    (!p.unresolved).then_some(p.text)
}

/// A COPY/ADD source that BuildKit reads as a Git repository (`ParseGitRef` without
/// the deprecated `github.com/…` form, which counts as a local path).
pub fn is_git_source(src: &str) -> bool {
    if src.starts_with("./") || src.starts_with("../") || src.starts_with("github.com/") {
        return false;
    }
    let proto_len = src.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if proto_len > 0 && src[proto_len..].starts_with("://") {
        let proto = src[..proto_len].to_ascii_lowercase();
        return match proto.as_str() {
            "ssh" | "git" => true,
            "http" | "https" => {
                let rest = &src[proto_len + 3..];
                let end = rest.find(['?', '#']).unwrap_or(rest.len());
                let path = rest[..end].find('/').map_or("", |i| &rest[i..end]);
                path.ends_with(".git")
            }
            _ => false,
        };
    }
    scp_style(src)
}

/// `user@host:path`, the implicit SSH form Git accepts.
fn scp_style(src: &str) -> bool {
    let Some((user, rest)) = src.split_once('@') else { return false };
    let Some((host, _)) = rest.split_once(':') else { return false };
    !user.is_empty()
        && user.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        && !host.is_empty()
        && host.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.')
}

/// A COPY/ADD source that BuildKit downloads over HTTP(S).
pub fn is_http_source(src: &str) -> bool {
    (src.starts_with("http://") || src.starts_with("https://")) && !is_git_source(src)
}

/// Calls `f` with each COPY/ADD source that is a path (heredocs and the destination
/// left out): its range and its text (exec-form elements JSON-decoded). Allocates
/// nothing for single-line instructions.
pub fn for_each_source<'a>(inst: InstRef<'a>, mut f: impl FnMut(TextRange, std::borrow::Cow<'a, str>)) {
    match &inst.inst.exec {
        Some(exec) => {
            let n = exec.elements.len().saturating_sub(1);
            for el in &exec.elements[..n] {
                if let Some(v) = el.value.as_deref() {
                    f(inst.range(el.span), std::borrow::Cow::Borrowed(v));
                }
            }
        }
        None => {
            let words = &inst.inst.words;
            if words.len() < 2 {
                return;
            }
            for w in &words[..words.len() - 1] {
                if !inst.inst.heredocs.iter().any(|h| h.word == w.span) {
                    f(inst.range(w.span), inst.text(w.span));
                }
            }
        }
    }
}

/// A source with BuildKit's processing (exec-form elements are processed too, after
/// JSON decoding), borrowing when nothing needs processing. `None` when a variable
/// has no known value.
pub fn source_value<'s>(cx: &Context<'_>, node: usize, raw: &'s str, escape: u8) -> Option<std::borrow::Cow<'s, str>> {
    if !raw.bytes().any(|c| c == b'$' || c == b'"' || c == b'\'' || c == escape) {
        return Some(std::borrow::Cow::Borrowed(raw));
    }
    expand_known(cx, node, raw, escape).map(std::borrow::Cow::Owned)
}

/// The range extended over the line break that follows it.
pub fn with_line_break(text: &str, range: TextRange) -> TextRange {
    let rest = &text[range.end.min(text.len())..];
    let extra = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        0
    };
    range.start..range.end + extra
}

/// The range of an instruction's whole lines (from the start of its first line to
/// after its last line break, heredoc bodies included).
pub fn instruction_lines(cx: &Context<'_>, node: usize, inst: InstRef<'_>) -> TextRange {
    let start = inst.start();
    let line_start = cx.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = cx.tree.nodes[node].end().min(cx.text.len());
    line_start..end
}

/// A range covering a word and the whitespace after it (for removing a flag).
pub fn with_trailing_space(text: &str, range: TextRange) -> TextRange {
    let rest = &text[range.end.min(text.len())..];
    let spaces = rest.bytes().take_while(|&c| c == b' ' || c == b'\t').count();
    range.start..range.end + spaces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(name: &str) -> Option<String> {
        match name {
            "A" => Some("1".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn words_are_processed_like_buildkit() {
        let p = |t: &str| process_word(t, b'\\', &lookup);
        assert_eq!(p("\"a b\"c").text, "a bc");
        assert_eq!(p("'$A'").text, "$A");
        assert_eq!(p("\"$A\"x$A").text, "1x1");
        assert_eq!(p("a\\ b").text, "a b");
        assert_eq!(p("${NOPE:-dflt}"), Processed { text: "dflt".into(), unresolved: true });
        assert_eq!(p("${EMPTY:-d}").text, "d");
        assert_eq!(p("${EMPTY-d}").text, "");
        assert_eq!(p("${A:+yes}").text, "yes");
        assert!(p("$NOPE").unresolved);
        assert_eq!(p("${NOPE:-$A}").text, "1");
    }

    #[test]
    fn sources() {
        assert!(is_git_source("https://github.com/moby/buildkit.git#v0.20"));
        assert!(is_git_source("git@github.com:moby/buildkit.git"));
        assert!(is_git_source("ssh://git@example.com/x"));
        assert!(!is_git_source("github.com/moby/buildkit"));
        assert!(!is_git_source("https://example.com/file.tar.gz"));
        assert!(!is_git_source("./a@b:c"));
        assert!(is_http_source("https://example.com/file.tar.gz"));
        assert!(!is_http_source("https://github.com/moby/buildkit.git"));
        assert!(!is_http_source("src/"));
    }

    #[test]
    fn go_quoting() {
        assert_eq!(go_quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
