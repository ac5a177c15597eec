//! `stage-index-out-of-range`: `COPY --from=<n>` with no stage `n`.

use super::stage_refs::{Problem, findings};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "stage-index-out-of-range",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "COPY --from=<n> names a stage index the Dockerfile does not have.",
        docs: "\
**Why**: stages are numbered from 0 in the order of their FROM lines; an index past the \
last stage (or a negative one) makes `docker build` fail with \"invalid stage index\". \
An index that exists but is not above the current stage is `copy-from-later-stage` or \
`copy-from-self`.\n\n\
**Example**: two stages and `COPY --from=2 /out /app`\n\n\
**Fix**: use the right index, or better the stage's name (`FROM golang AS build` … \
`COPY --from=build`), which survives reordering.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for f in findings(cx) {
        if let Problem::BadIndex(i) = f.problem {
            out.report(f.range.clone(), format!("invalid stage index {i}"));
        }
    }
}
