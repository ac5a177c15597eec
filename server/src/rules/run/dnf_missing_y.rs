//! `dnf-missing-y` (DL3038): `dnf install` without `-y`.

use super::pkg::report_missing_yes;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "dnf-missing-y",
        aliases: &[Alias::all("DL3038")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`dnf install` without `-y`.",
        docs: "\
**Why**: without `-y` dnf asks for confirmation; with no terminal in the build the \
answer is no and the build fails.\n\n\
**Example**: `RUN dnf install httpd`\n\n\
**Fix**: `RUN dnf install -y httpd` (the quick fix adds `-y`; `--assumeyes` counts too). \
`microdnf` never asks, so it is not reported (hadolint does report it).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_missing_yes(cx, out, &[Manager::Dnf], "Add `-y` so dnf does not stop to ask for confirmation", "-y");
}
