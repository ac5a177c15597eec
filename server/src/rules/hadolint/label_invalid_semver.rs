//! `label-invalid-semver` (DL3056): a schema label of type `semver` is not a semantic version.

use super::labels::{check_typed, is_semver};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-invalid-semver",
        aliases: &[Alias::all("DL3056")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "A schema label of type `semver` is not a semantic version.",
        docs: "**Why**: tools compare and sort versions found in `org.opencontainers.image.version`; that only works with Semantic Versioning 2.0.0.\n\n**Example**: `LABEL org.opencontainers.image.version=v1.2` (a leading `v` and a missing patch number).\n\n**Fix**: `LABEL org.opencontainers.image.version=1.2.0`. Runs only when the label schema gives the label the type `semver`; values with variables are not checked.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    check_typed(cx, out, "semver", is_semver, "a semantic version");
}
