//! `wget-and-curl` (DL4001): a stage uses both wget and curl.

use super::index::{Class, each_run_with};
use super::pkg::name_is;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "wget-and-curl",
        aliases: &[Alias::all("DL4001")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "Both wget and curl are used in one stage.",
        docs: "\
**Why**: the two tools do the same job; needing both means two packages (and their \
libraries) in the image where one would do.\n\n\
**Example**: `RUN wget -nv https://a.example/x.tgz` and later `RUN curl -fsSLO https://b.example/y`\n\n\
**Fix**: use one of them throughout the stage. The first use of the second tool is \
reported, pointing at where the other one is used.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    // Per stage: the first use of curl and of wget, and whether it was reported.
    let mut first: Vec<[Option<TextRange>; 2]> = vec![[None, None]; cx.model.stages.len() + 1];
    let mut done = vec![false; cx.model.stages.len() + 1];
    each_run_with(cx, &[Class::Wget, Class::Curl], |run, codes| {
        let s = run.stage.map_or(cx.model.stages.len(), |s| s);
        for code in codes {
            for cmd in &code.script.commands {
                let Some(name) = &cmd.name else { continue };
                let tool = if name_is(cmd, code.src, |n| n == "curl") {
                    0
                } else if name_is(cmd, code.src, |n| n == "wget") {
                    1
                } else {
                    continue;
                };
                let (Some(seen), Some(reported)) = (first.get_mut(s), done.get_mut(s)) else { continue };
                let range = code.range(name.range.clone());
                if seen[tool].is_none() {
                    seen[tool] = Some(range.clone());
                }
                if let (Some(other), false) = (seen[1 - tool].clone(), *reported) {
                    *reported = true;
                    let (this, that) = if tool == 0 { ("curl", "wget") } else { ("wget", "curl") };
                    out.report(
                        range,
                        format!("This stage already uses `{that}`; use one of `{that}` and `{this}`, not both"),
                    )
                    .related(other, format!("`{that}` is used here"));
                }
            }
        }
    });
}
