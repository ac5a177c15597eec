//! `label-invalid-git-hash` (DL3055): a schema label of type `hash` is not a git commit hash.

use super::labels::{check_typed, is_git_hash};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-invalid-git-hash",
        aliases: &[Alias::all("DL3055")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "A schema label of type `hash` is not a git commit hash.",
        docs: "**Why**: `org.opencontainers.image.revision` ties an image to the commit it was built from; a branch name or a typo breaks that link.\n\n**Example**: `LABEL org.opencontainers.image.revision=main`\n\n**Fix**: pass the commit in: `ARG GIT_SHA` then `LABEL org.opencontainers.image.revision=$GIT_SHA`. Lower-case hex of 7 to 40 digits (hadolint: exactly 7 or 40) or 64 (SHA-256 repositories) is accepted. Runs only when the label schema gives the label the type `hash`.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    check_typed(cx, out, "hash", is_git_hash, "a git commit hash");
}
