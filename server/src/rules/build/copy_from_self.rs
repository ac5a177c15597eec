//! `copy-from-self`: `COPY --from` (or a mount's `from=`) names the stage it is in.

use super::stage_refs::{Problem, findings};
use crate::rules::buildkit::util::stage_label;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-from-self",
        aliases: &[Alias::all("DL3023")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "COPY --from or RUN --mount from= names the stage it is in.",
        docs: "\
**Why**: a stage cannot read its own result while it is being built; `docker build` \
fails with \"circular dependency detected on stage\".\n\n\
**Example**: `FROM golang AS build` … `COPY --from=build /out /out`\n\n\
**Fix**: copy from an earlier stage, or use the files directly (they are already in \
this stage).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for f in findings(cx) {
        if f.problem == Problem::SelfRef {
            out.report(f.range.clone(), format!("circular dependency detected on stage: {}", stage_label(cx, f.stage)));
        }
    }
}
