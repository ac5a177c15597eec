//! `apk-pin-versions` (DL3018): `apk add pkg` without `=version`.

use super::pkg::report_unpinned;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "apk-pin-versions",
        aliases: &[Alias::all("DL3018")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`apk add` of a package without a version.",
        docs: "\
**Why**: without a version the build installs whatever the repository has that day, so \
two builds of the same Dockerfile can differ.\n\n\
**Example**: `RUN apk add --no-cache curl`\n\n\
**Fix**: `RUN apk add --no-cache curl=8.12.1-r1`, or a looser `curl~8.12` to follow \
patch releases. The `--virtual` name and `.apk` files are not reported.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_unpinned(
        cx,
        out,
        &[Manager::Apk],
        |_, _, _| false,
        |_, _| false,
        |name| format!("Pin the version of `{name}`: `apk add {name}=<version>`"),
    );
}
