//! `label-invalid-url` (DL3052): a schema label of type `url` is not an absolute URL.

use super::labels::{check_typed, is_url};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-invalid-url",
        aliases: &[Alias::all("DL3052")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "A schema label of type `url` is not an absolute URL.",
        docs: "**Why**: tools link to these labels (`org.opencontainers.image.source`, `…documentation`); a value that is not an absolute URL leads nowhere.\n\n**Example**: with `label-schema: {org.opencontainers.image.url: url}`, `LABEL org.opencontainers.image.url=example.com` lacks the scheme.\n\n**Fix**: `LABEL org.opencontainers.image.url=https://example.com`. Runs only when the label schema gives the label the type `url`; values with variables are not checked.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    check_typed(cx, out, "url", is_url, "a valid URL");
}
