//! `run-device-labs`: `RUN --device` with a frontend that is not the labs channel.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{DirectiveKind, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "run-device-labs",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "RUN --device needs the labs Dockerfile frontend.",
        docs: "\
**Why**: device access during RUN is only built into the labs channel of the \
Dockerfile frontend; the stable one fails with \"device feature is only supported in \
Dockerfile frontend 1.14.0-labs or later\".\n\n\
**Example**: `RUN --device=nvidia.com/gpu=all nvidia-smi` without a syntax line\n\n\
**Fix**: start the file with `# syntax=docker/dockerfile:1-labs`.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    if let Some(d) = cx.tree.directive(DirectiveKind::Syntax) {
        if cx.text.get(d.value.clone()).is_some_and(|v| v.contains("labs")) {
            return;
        }
    }
    for (node, inst) in cx.instructions_of(&[Keyword::Run]) {
        if inst.inst.flags.is_empty() || cx.model.node_stage[node].is_none() {
            continue;
        }
        for f in &inst.inst.flags {
            if inst.src(f.name) == "device" {
                out.report(
                    inst.range(f.span),
                    "device feature is only supported in Dockerfile frontend 1.14.0-labs or later",
                );
            }
        }
    }
}
