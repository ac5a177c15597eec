//! `copy-source-missing`: a COPY/ADD source that matches nothing in the build context.

use crate::rules::{Context, ContextHit, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;
use crate::syntax::vars::has_vars;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-source-missing",
        aliases: &[],
        group: Group::Build,
        default_severity: Some(Severity::Warning),
        summary: "A COPY or ADD source matches nothing in the build context.",
        docs: "\
**Why**: `docker build` stops with \"not found\" when a source is not in the build \
context. Files that `.dockerignore` excludes never reach the builder, so a source \
that matches only such files is missing too (reported by `copy-ignored-file` when \
`.dockerignore` has no `!` exceptions, and here otherwise).\n\n\
**Example**: `COPY requirements.txt /app/` when the file is called \
`requirements-dev.txt`, or when `.dockerignore` lists `*.txt`.\n\n\
**Fix**: correct the path (it is relative to the build context, not to the \
Dockerfile's folder), or stop ignoring the file. The build context is the \
Dockerfile's folder unless the `buildContext` setting says otherwise; sources with \
variables, `--from` copies, URLs and heredocs are not checked.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(context_match) = cx.inputs.context_match else { return };
    // Sources that only `.dockerignore` hides are `copy-ignored-file`'s finding, except
    // where that check stands aside (a file with `!` exceptions): one problem, one report.
    let ignored_file_reports = cx.copy_ignore().is_some();
    for (node, inst) in cx.instructions_of(&[Keyword::Copy, Keyword::Add]) {
        // An ONBUILD trigger copies from a later build's context.
        let verb = match inst.kind() {
            Keyword::Copy => "COPY",
            Keyword::Add => "ADD",
            _ => continue,
        };
        if cx.model.node_stage[node].is_none() {
            continue;
        }
        let Some(copy) = inst.as_copy() else { continue };
        if copy.from.is_some() || inst.flag("from").is_some() {
            continue;
        }
        let escape = inst.inst.escape;
        for (i, (range, raw)) in copy.sources.iter().enumerate() {
            if copy.heredoc_sources.contains(&i) || has_vars(raw, escape) {
                continue;
            }
            let word = if inst.inst.exec.is_some() { raw.to_string() } else { unquote(raw, escape) };
            if is_remote(&word) {
                continue;
            }
            let Some(path) = context_path(&word) else { continue };
            let message = match context_match(&path) {
                None | Some(ContextHit::Found) => continue,
                Some(ContextHit::Missing) => {
                    format!("{verb} source \"{path}\" is not in the build context: no file or folder matches it")
                }
                Some(ContextHit::OnlyIgnored) if ignored_file_reports => continue,
                Some(ContextHit::OnlyIgnored) => format!(
                    "{verb} source \"{path}\" is not in the build context: .dockerignore excludes everything that matches it"
                ),
            };
            out.report(range.clone(), message);
        }
    }
}

/// A shell-form word as the builder reads it: quotes removed, escapes resolved.
fn unquote(word: &str, escape: u8) -> String {
    let esc = escape as char;
    let mut out = String::with_capacity(word.len());
    let mut quote: Option<char> = None;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some('\''), c) => out.push(c),
            (_, c) if c == esc => out.extend(chars.next()),
            (_, c) => out.push(c),
        }
    }
    out
}

/// URLs and git sources, which ADD fetches (COPY rejects them elsewhere).
fn is_remote(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    ["http://", "https://", "git://", "git@", "ssh://"].iter().any(|p| lower.starts_with(p)) || lower.ends_with(".git")
}

/// The source as a path relative to the context root (`/` and `./` prefixes removed,
/// repeated and trailing slashes dropped, `.` segments skipped); `None` for the root
/// itself or a path that climbs out of it (BuildKit clamps those to the root).
fn context_path(src: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in src.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_become_context_relative_paths() {
        assert_eq!(context_path("./src/"), Some("src".into()));
        assert_eq!(context_path("/etc//app.conf"), Some("etc/app.conf".into()));
        assert_eq!(context_path("a/./b/../c"), Some("a/c".into()));
        assert_eq!(context_path("."), None);
        assert_eq!(context_path("../x"), None);
        assert!(is_remote("https://example.com/a.tgz") && is_remote("git@github.com:a/b.git"));
        assert!(!is_remote("src/http.go"));
        assert_eq!(unquote(r#""my file".txt"#, b'\\'), "my file.txt");
        assert_eq!(unquote(r"a\ b", b'\\'), "a b");
        assert_eq!(unquote("'it''s'", b'\\'), "its");
    }
}
