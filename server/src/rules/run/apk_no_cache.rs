//! `apk-no-cache` (DL3019): `apk add` without `--no-cache`.

use super::pkg::{each_install, name_through};
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "apk-no-cache",
        aliases: &[Alias::all("DL3019")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`apk add` without `--no-cache`.",
        docs: "\
**Why**: `apk add --no-cache` fetches a fresh index, installs, and leaves nothing in \
/var/cache/apk, in one step; without it you need `apk update` before and \
`rm -rf /var/cache/apk/*` after.\n\n\
**Example**: `RUN apk update && apk add curl`\n\n\
**Fix**: `RUN apk add --no-cache curl` (the quick fix adds the flag). A cache or tmpfs \
mount on /var/cache/apk counts too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_install(cx, &[Manager::Apk], |run, code, cmd, install| {
        if install.no_cache || run.caches("/var/cache/apk") {
            return;
        }
        let sub = &install.subcommand.range;
        out.report(
            code.range(name_through(cmd, sub)),
            "Use `apk add --no-cache` so the package index does not stay in the image",
        )
        .fix("Add `--no-cache`", vec![code.insert_after(sub.end, " --no-cache")], true);
    });
}
