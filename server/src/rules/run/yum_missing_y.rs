//! `yum-missing-y` (DL3030): `yum install` without `-y`.

use super::pkg::report_missing_yes;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "yum-missing-y",
        aliases: &[Alias::all("DL3030")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`yum install` without `-y`.",
        docs: "\
**Why**: without `-y` yum asks for confirmation; with no terminal in the build the \
answer is no and the build fails.\n\n\
**Example**: `RUN yum install httpd`\n\n\
**Fix**: `RUN yum install -y httpd` (the quick fix adds `-y`; `--assumeyes` counts too).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_missing_yes(cx, out, &[Manager::Yum], "Add `-y` so yum does not stop to ask for confirmation", "-y");
}
