//! `healthcheck-missing` (DL3057, off by default): the final image has no HEALTHCHECK.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "healthcheck-missing",
        aliases: &[Alias::all("DL3057")],
        group: Group::Hadolint,
        default_severity: None,
        summary: "The final stage has no HEALTHCHECK.",
        docs: "\
**Why**: without a `HEALTHCHECK`, Docker and Swarm only know whether the process runs, not \
whether it answers; a hung server stays \"up\".\n\n\
**Example**: a final stage `FROM nginx:1.27` with no `HEALTHCHECK`.\n\n\
**Fix**: `HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1`, or `HEALTHCHECK NONE` to \
say it is deliberate. Off by default (orchestrators such as Kubernetes use their own \
probes). Only the final stage and the stages it builds on are looked at — unlike hadolint, \
builder stages are not reported — and a HEALTHCHECK the base image defines cannot be seen.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(last) = cx.model.final_stage() else { return };
    let has = cx
        .model
        .stage_chain(last.index)
        .into_iter()
        .filter_map(|s| cx.model.stages.get(s))
        .any(|s| s.nodes.clone().any(|n| cx.tree.nodes.get(n).is_some_and(|x| x.kind == Keyword::Healthcheck)));
    if !has {
        let from = cx.inst(last.node);
        out.report(from.range(from.inst.keyword), "The final stage has no HEALTHCHECK instruction");
    }
}
