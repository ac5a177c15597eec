//! `apt-get-pin-versions` (DL3008): `apt-get install pkg` without `=version`.

use super::pkg::report_unpinned;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "apt-get-pin-versions",
        aliases: &[Alias::all("DL3008")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`apt-get install` of a package without a version.",
        docs: "\
**Why**: without a version the build installs whatever the archive has that day, so two \
builds of the same Dockerfile can differ.\n\n\
**Example**: `RUN apt-get install -y curl`\n\n\
**Fix**: `apt-get install -y curl=7.88.1-10+deb12u8` (`apt-cache policy curl` shows the \
candidates). A release selection such as `curl/bookworm-backports` counts as pinned, as \
in hadolint; `.deb` files and `$VARIABLES` are not reported.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_unpinned(
        cx,
        out,
        &[Manager::Apt],
        |_, _, _| false,
        |p, src| p.word.value(src).contains('/'),
        |name| format!("Pin the version of `{name}`: `apt-get install {name}=<version>`"),
    );
}
