//! `run-cd` (DL3003): `cd` inside RUN.

use super::index::{Class, each_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "run-cd",
        aliases: &[Alias::all("DL3003")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`cd` in RUN; WORKDIR should be used.",
        docs: "\
**Why**: a `cd` only lasts for the one RUN, so later instructions quietly run somewhere \
else; WORKDIR sets the directory for every following instruction and documents it.\n\n\
**Example**: `RUN cd /app && make`\n\n\
**Fix**: `WORKDIR /app` then `RUN make`. (A `cd` inside a subshell or `sh -c` string \
is reported too, as hadolint does.)",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Cd], |_, code, cmd| {
        if let Some(name) = &cmd.name {
            out.report(code.range(name.range.clone()), "Use WORKDIR to change directories instead of `cd`");
        }
    });
}
