//! `from-as-casing`: `FROM x as y`, the `AS` keyword cased unlike `FROM`.

use super::util::{is_lower, is_upper};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-as-casing",
        aliases: &[Alias::all("FromAsCasing")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "The AS keyword is cased differently from FROM.",
        docs: "\
**Why**: a Dockerfile reads best when keywords share one casing; `FROM image as name` \
mixes upper and lower case in one line.\n\n\
**Example**: `FROM node:22 as build`\n\n\
**Fix**: write `AS` in the case of `FROM` (`FROM node:22 AS build`, or `from node:22 as \
build`); the quick fix does it. A mixed-case `From` is left to \
`consistent-instruction-casing`.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for stage in &cx.model.stages {
        let inst = cx.inst(stage.node);
        let words = &inst.inst.words;
        if words.len() < 3 {
            continue;
        }
        let as_range = inst.range(words[1].span);
        let as_text = &cx.text[as_range.clone()];
        if !as_text.eq_ignore_ascii_case("as") {
            continue;
        }
        let kw = inst.keyword_text();
        let (want, ok) = if is_lower(kw) {
            (as_text.to_lowercase(), is_lower(as_text))
        } else if is_upper(kw) {
            (as_text.to_uppercase(), is_upper(as_text))
        } else {
            continue;
        };
        if ok {
            continue;
        }
        out.report(as_range.clone(), format!("'{as_text}' and '{kw}' keywords' casing do not match")).replace(
            format!("Change to '{want}'"),
            as_range,
            want,
            true,
        );
    }
}
