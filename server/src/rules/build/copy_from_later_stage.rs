//! `copy-from-later-stage`: `COPY --from` or a mount's `from=` names a stage defined
//! further down.

use super::stage_refs::{Problem, findings};
use crate::rules::buildkit::util::{go_quote, stage_label};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-from-later-stage",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "COPY --from or RUN --mount from= names a stage defined later.",
        docs: "\
**Why**: stages are built in order, so a stage can only use the stages above it. \
`docker build` fails with \"cannot copy from stage …, it needs to be defined before \
current stage\" (or \"cannot mount from stage …\"), or with \"circular dependency \
detected\" when the later stage also needs this one.\n\n\
**Example**: `FROM alpine AS app` / `COPY --from=build /out /app` / `FROM golang AS build`\n\n\
**Fix**: move the stage that is copied from above the one that copies.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for f in findings(cx) {
        let Problem::Later { cycle } = f.problem else { continue };
        let here = stage_label(cx, f.stage);
        let msg = if cycle {
            format!("circular dependency detected on stage: {here}")
        } else if let Some(target) = &f.mount_target {
            format!(
                "cannot mount from stage {} to {}, stage needs to be defined before current command",
                go_quote(&f.text),
                go_quote(target)
            )
        } else {
            format!(
                "cannot copy from stage {}, it needs to be defined before current stage {}",
                go_quote(&f.text),
                go_quote(&here)
            )
        };
        out.report(f.range.clone(), msg);
    }
}
