//! `stage-name-reserved`: a stage named `scratch` or `context`.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "stage-name-reserved",
        aliases: &[Alias::all("ReservedStageName"), Alias::all("DL3063")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "A stage is named `scratch` or `context`, names BuildKit reserves.",
        docs: "\
**Why**: `scratch` is the empty image and `context` the build context in BuildKit; a \
stage with either name makes `FROM scratch` or `--from=context` mean something else \
than readers expect.\n\n\
**Example**: `FROM alpine:3.22 AS scratch`\n\n\
**Fix**: choose another name (`AS base`).",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for stage in &cx.model.stages {
        let (Some(name), Some(range)) = (stage.name.as_deref(), stage.name_range.clone()) else { continue };
        if name == "scratch" || name == "context" {
            out.report(range, format!("Stage name should not use the same name as reserved stage \"{name}\""));
        }
    }
}
