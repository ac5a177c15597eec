//! `user-non-numeric` (DL3066, off by default): USER names a user instead of a UID.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "user-non-numeric",
        aliases: &[Alias::all("DL3066")],
        group: Group::Hadolint,
        default_severity: None,
        summary: "USER gives a name rather than a numeric UID.",
        docs: "\
**Why**: platforms that enforce non-root containers (Kubernetes `runAsNonRoot`, OpenShift) \
check the numeric UID in the image config; a name cannot be resolved without the image's \
`/etc/passwd`, so such images are rejected or need extra configuration.\n\n\
**Example**: `USER app`\n\n\
**Fix**: `USER 10001` (or `USER 10001:10001`), creating the user with that UID. Off by \
default; turn it on with a severity (e.g. `\"user-non-numeric\": \"info\"`). Values with \
variables are not checked.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (_, inst) in cx.instructions_of(&[Keyword::User]) {
        let Some(w) = inst.inst.words.first() else { continue };
        let text = inst.text(w.span);
        if text.contains('$') {
            continue;
        }
        let raw = inst.src(w.span);
        let user_len = raw.find(':').unwrap_or(raw.len());
        let user = super::drop_quotes(&raw[..user_len]);
        if user.is_empty() || user.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let start = inst.range(w.span).start;
        out.report(
            start..start + user_len,
            format!("`{user}` is a user name; a numeric UID lets the platform check the user without the image's /etc/passwd"),
        );
    }
}
