//! `label-invalid-rfc3339` (DL3053): a schema label of type `rfc3339` is not an RFC 3339 date-time.

use super::labels::{check_typed, is_rfc3339};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-invalid-rfc3339",
        aliases: &[Alias::all("DL3053")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "A schema label of type `rfc3339` is not an RFC 3339 date-time.",
        docs: "**Why**: `org.opencontainers.image.created` and similar labels are read by machines, which expect an RFC 3339 timestamp with a time zone.\n\n**Example**: `LABEL org.opencontainers.image.created=\"2024-05-01\"` has no time.\n\n**Fix**: `LABEL org.opencontainers.image.created=2024-05-01T12:00:00Z` (usually from a build argument). Runs only when the label schema gives the label the type `rfc3339`; values with variables are not checked.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    check_typed(cx, out, "rfc3339", is_rfc3339, "an RFC 3339 date-time");
}
