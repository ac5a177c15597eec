//! `label-invalid-key` (DL3048): a malformed label key.

use super::labels::{key_problem, pairs};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-invalid-key",
        aliases: &[Alias::all("DL3048")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Hint),
        summary: "A label key does not follow Docker's key format.",
        docs: "\
**Why**: Docker recommends lower-case keys in reverse-DNS form, made of letters, digits, \
`.` and `-`, starting with a letter and ending with a letter or digit; `com.docker.*`, \
`io.docker.*` and `org.dockerproject.*` are reserved. Tools that query labels rely on it.\n\n\
**Example**: `LABEL Version=1.0` or `LABEL com.docker.owner=me`\n\n\
**Fix**: `LABEL org.opencontainers.image.version=1.0`. Keys with variables are not checked.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for p in pairs(cx) {
        if p.key_vars || p.key.is_empty() {
            continue;
        }
        if let Some(why) = key_problem(&p.key) {
            out.report(p.key_range.clone(), format!("Invalid label key `{}`: {why}", p.key));
        }
    }
}
