//! `run-use-shell-instruction` (DL4005): replacing /bin/sh with `ln`.

use super::index::{Class, each_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "run-use-shell-instruction",
        aliases: &[Alias::all("DL4005")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "RUN replaces /bin/sh with `ln`; SHELL should be used.",
        docs: "\
**Why**: relinking /bin/sh changes the shell for every program in the container, not \
just for the build, and breaks scripts that expect the distribution's sh.\n\n\
**Example**: `RUN ln -sf /bin/bash /bin/sh`\n\n\
**Fix**: `SHELL [\"/bin/bash\", \"-c\"]` changes the shell of the following RUN, CMD and \
ENTRYPOINT instructions only. Reported when /bin/sh is the link being created (the last \
operand of `ln`).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Ln], |_, code, cmd| {
        let Some(last) = cmd.args.iter().rev().find(|a| !a.is_flag(code.src)) else { return };
        let target = last.value(code.src);
        if target.trim_end_matches('/') != "/bin/sh" {
            return;
        }
        let start = cmd.name.as_ref().map_or(last.range.start, |n| n.range.start);
        out.report(
            code.range(start..last.range.end),
            "Use the SHELL instruction to change the shell instead of relinking /bin/sh",
        );
    });
}
