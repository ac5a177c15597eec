//! `apt-get-missing-y` (DL3014): `apt-get install` without `-y`.

use super::pkg::report_missing_yes;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "apt-get-missing-y",
        aliases: &[Alias::all("DL3014")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`apt-get install` without `-y`.",
        docs: "\
**Why**: without `-y` apt-get asks for confirmation; with no terminal in the build it \
gives up and the build fails (or, with some front ends, hangs).\n\n\
**Example**: `RUN apt-get install curl`\n\n\
**Fix**: `RUN apt-get install -y curl` (the quick fix adds `-y`). `--yes`, \
`--assume-yes`, `-qq` and `-o APT::Get::Assume-Yes=true` count too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_missing_yes(cx, out, &[Manager::Apt], "Add `-y` so the install does not stop to ask for confirmation", "-y");
}
