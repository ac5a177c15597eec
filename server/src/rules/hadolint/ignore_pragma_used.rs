//! `ignore-pragma-used` (DL1001, off by default): an inline `# hadolint ignore=…`.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Sink};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "ignore-pragma-used",
        aliases: &[Alias::all("DL1001")],
        group: Group::Hadolint,
        default_severity: None,
        summary: "An inline `# hadolint ignore=` comment silences a check.",
        docs: "\
**Why**: some teams want every exception to be visible in one place (the configuration) \
rather than scattered through Dockerfiles.\n\n\
**Example**: `# hadolint ignore=DL3008` above a RUN.\n\n\
**Fix**: fix the finding, or move the exception to the configuration (`ignored:` in \
`.hadolint.yaml`, or the `rules` setting). Off by default; `# hadolint global ignore=` and \
`# check=skip=` are not reported.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// `# hadolint ignore=…` (not the global form).
fn is_inline_pragma(comment: &str) -> bool {
    let body = comment.trim_start().trim_start_matches('#').trim_start();
    let Some(rest) = body.strip_prefix("hadolint") else { return false };
    if !rest.starts_with([' ', '\t']) {
        return false;
    }
    rest.trim_start().strip_prefix("ignore").is_some_and(|r| r.trim_start().starts_with('='))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut found: Vec<TextRange> = Vec::new();
    for (_, inst) in cx.instructions() {
        for c in &inst.inst.comments {
            if is_inline_pragma(inst.src(c.span)) {
                found.push(inst.range(c.span));
            }
        }
    }
    for r in &cx.tree.trailing_comments {
        if is_inline_pragma(cx.text.get(r.clone()).unwrap_or("")) {
            found.push(r.clone());
        }
    }
    for r in found {
        out.report(r, "Inline ignore pragma: prefer fixing the finding or configuring the exception");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas() {
        assert!(is_inline_pragma("# hadolint ignore=DL3008"));
        assert!(is_inline_pragma("#hadolint ignore = DL3008, DL3015"));
        assert!(!is_inline_pragma("# hadolint global ignore=DL3008"));
        assert!(!is_inline_pragma("# hadolint shell=powershell"));
        assert!(!is_inline_pragma("# hadolintignore=DL3008"));
        assert!(!is_inline_pragma("# check=skip=DL3008"));
    }
}
