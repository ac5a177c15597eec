//! `legacy-key-value-format`: `ENV key value` / `LABEL key value` without `=`.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "legacy-key-value-format",
        aliases: &[Alias::all("LegacyKeyValueFormat")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "ENV or LABEL uses the legacy `key value` form.",
        docs: "\
**Why**: in the legacy form everything after the first blank is the value, so \
`ENV A 1 B 2` sets `A` to `1 B 2`; the `key=value` form says what it means and takes \
several pairs.\n\n\
**Example**: `ENV APP_HOME /srv/app`\n\n\
**Fix**: `ENV APP_HOME=/srv/app`. The quick fix rewrites the pair, quoting the value \
when it contains blanks.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// Whether `v` has whitespace outside quotes (or unescaped).
fn has_unquoted_space(v: &str, esc: char) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some('\'') if c == '\'' => quote = None,
            Some('\'') => {}
            Some(q) if c == q => quote = None,
            Some(_) if c == esc => {
                chars.next();
            }
            Some(_) => {}
            None if c == esc => {
                chars.next();
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => return true,
            None => {}
        }
    }
    false
}

/// A single `key=value` word that the lexer reads as the same value.
fn new_form_value(v: &str, esc: char) -> String {
    if !has_unquoted_space(v, esc) {
        return v.to_string();
    }
    if !v.contains(['"', '\'', esc]) {
        return format!("\"{v}\"");
    }
    // Escape each unquoted blank; quoted parts stay as written.
    let mut out = String::with_capacity(v.len() + 4);
    let mut quote: Option<char> = None;
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(q) if c == esc && q == '"' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
                continue;
            }
            Some(_) => {}
            None if c == esc => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
                continue;
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => out.push(esc),
            None => {}
        }
        out.push(c);
    }
    out
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (_, inst) in cx.instructions_of(&[Keyword::Env, Keyword::Label]) {
        // The legacy form is the one whose first word has no `=`.
        match inst.inst.words.first() {
            Some(w) if !inst.src(w.span).contains('=') => {}
            _ => continue,
        }
        let kw = inst.keyword_text();
        for kv in inst.key_values() {
            if !kv.legacy {
                continue;
            }
            let (Some(vr), Some(raw)) = (kv.value_range.clone(), kv.raw_value.as_deref()) else { continue };
            let range = kv.key_range.start..vr.end;
            let key_text = &cx.text[kv.key_range.clone()];
            let value = new_form_value(raw.trim_end(), inst.inst.escape as char);
            out.report(
                range.clone(),
                format!("\"{kw} key=value\" should be used instead of legacy \"{kw} key value\" format"),
            )
            .replace("Use key=value", range, format!("{key_text}={value}"), true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::new_form_value;

    #[test]
    fn values_keep_their_meaning() {
        assert_eq!(new_form_value("/srv/app", '\\'), "/srv/app");
        assert_eq!(new_form_value("hello world", '\\'), "\"hello world\"");
        assert_eq!(new_form_value("\"hello world\"", '\\'), "\"hello world\"");
        assert_eq!(new_form_value("a \"b c\" d", '\\'), "a\\ \"b c\"\\ d");
        assert_eq!(new_form_value("$HOME/bin", '\\'), "$HOME/bin");
    }
}
