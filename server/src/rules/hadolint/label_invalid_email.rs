//! `label-invalid-email` (DL3058): a schema label of type `email` is not an email address.

use super::labels::{check_typed, is_email};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-invalid-email",
        aliases: &[Alias::all("DL3058")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "A schema label of type `email` is not an email address.",
        docs: "**Why**: a contact label that is not an address cannot be used to reach anyone.\n\n**Example**: `LABEL maintainer.email=\"jane at example.com\"`\n\n**Fix**: `LABEL maintainer.email=jane@example.com`. The plain `local@domain` form is expected (no display name). Runs only when the label schema gives the label the type `email`.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    check_typed(cx, out, "email", is_email, "a valid email address (RFC 5322)");
}
