//! `run-pointless-command` (DL3001): interactive or system tools in RUN.

use super::index::{Class, each_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "run-pointless-command",
        aliases: &[Alias::all("DL3001")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "A command that makes no sense during a build (ssh, vim, service, ps …).",
        docs: "\
**Why**: a build step has no terminal, no init system and no services running, and its \
processes end with the step; interactive editors, remote shells and process or mount \
tools do nothing useful there.\n\n\
**Example**: `RUN service nginx start` or `RUN vim /etc/hosts`\n\n\
**Fix**: edit files with COPY or `sed`, start services in CMD/ENTRYPOINT.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Pointless], |_, code, cmd| {
        let Some(name) = &cmd.name else { return };
        let n = cmd.name_value(code.src).unwrap_or_default();
        out.report(code.range(name.range.clone()), format!("`{n}` makes no sense in an image build"));
    });
}
