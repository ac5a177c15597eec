//! `label-empty` (DL3051): a schema label with an empty value.

use super::labels::pairs;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-empty",
        aliases: &[Alias::all("DL3051")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "A label of the label schema is empty.",
        docs: "\
**Why**: a required label that is present but empty satisfies nobody: it usually means a \
build argument that was not passed.\n\n\
**Example**: schema `{org.opencontainers.image.version: semver}` and \
`LABEL org.opencontainers.image.version=\"\"`\n\n\
**Fix**: give it a value (`LABEL org.opencontainers.image.version=1.4.2`, or `=$VERSION` \
with `ARG VERSION`). Runs only when a label schema is configured.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    if cx.config.label_schema.is_empty() {
        return;
    }
    for p in pairs(cx) {
        if p.value.is_empty() && !p.value_vars && cx.config.label_schema.contains_key(&p.key) {
            out.report(p.value_or_key_range(), format!("Label `{}` is empty", p.key));
        }
    }
}
