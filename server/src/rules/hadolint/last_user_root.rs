//! `last-user-root` (DL3002): the image ends up running as root.

use crate::model::Base;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "last-user-root",
        aliases: &[Alias::all("DL3002")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "The last USER of the final stage is root.",
        docs: "\
**Why**: a container running as root turns any escape from the application into root on \
the container, and often more. Switching to root for installation is fine, as long as the \
image switches back.\n\n\
**Example**: `USER root` then `RUN apt-get install …` and no `USER app` after it.\n\n\
**Fix**: end the final stage with an unprivileged user (`USER app` or `USER 10001`). Only \
the final stage (and the stages it builds on with `FROM <stage>`) matters: builder stages \
never run as the shipped image, so unlike hadolint they are not reported.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user);
    name == "root" || name == "0"
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(last) = cx.model.final_stage() else { return };
    // The last USER along the chain: the final stage's own, else the stage it builds on.
    let mut stage = last;
    let mut hops = 0;
    loop {
        let user = stage.nodes.clone().rev().find(|&n| cx.tree.nodes.get(n).is_some_and(|x| x.kind == Keyword::User));
        if let Some(n) = user {
            let inst = cx.inst(n);
            let Some(w) = inst.inst.words.first().map(|w| w.span) else { return };
            let text = inst.text(w);
            if !text.contains('$') && is_root(super::drop_quotes(text.trim())) {
                out.report(inst.range(w), "The image runs as root: the last USER of the final stage is root");
            }
            return;
        }
        match stage.base {
            Base::Stage(p) if hops < cx.model.stages.len() => {
                let Some(s) = cx.model.stages.get(p) else { return };
                stage = s;
                hops += 1;
            }
            _ => return,
        }
    }
}
