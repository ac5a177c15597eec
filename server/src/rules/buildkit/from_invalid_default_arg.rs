//! `from-invalid-default-arg`: with only ARG defaults, a FROM image reference is empty
//! or invalid.

use std::collections::HashMap;

use super::util::{automatic_value, process_word};
use crate::model::DefKind;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::image_ref::ImageRef;
use crate::syntax::vars::{has_vars, scan};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-invalid-default-arg",
        aliases: &[Alias::all("InvalidDefaultArgInFrom")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "With the ARG defaults alone, a FROM image reference is empty or invalid.",
        docs: "\
**Why**: a Dockerfile should build without `--build-arg`; if the defaults of the global \
ARGs leave the image reference empty or malformed, a plain `docker build` fails.\n\n\
**Example**: `ARG TAG` / `FROM busybox:${TAG}` (gives `busybox:`)\n\n\
**Fix**: give the ARG a default (`ARG TAG=1.37`), or a default in the reference \
(`FROM busybox:${TAG:-1.37}`). References without variables are checked by the parser \
(`invalid-image-reference`).",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    if !cx.model.stages.iter().any(|s| s.image_text.contains('$')) {
        return;
    }
    // The global ARGs with their defaults only, as `docker build` without options.
    let esc = cx.tree.escape();
    let mut env: HashMap<String, String> = HashMap::new();
    for (_, d) in cx.model.global_args() {
        if d.kind != DefKind::Arg {
            continue;
        }
        let Some(value) = d.value.as_deref() else { continue };
        if !scan(value, esc, false).errors.is_empty() {
            return;
        }
        let lookup = |n: &str| env.get(n).cloned().or_else(|| automatic_value(n).map(str::to_string));
        let expanded = process_word(value, esc, &lookup).text;
        env.insert(d.name.clone(), expanded);
    }
    let lookup = |n: &str| env.get(n).cloned().or_else(|| automatic_value(n).map(str::to_string));
    for stage in &cx.model.stages {
        let inst = cx.inst(stage.node);
        let esc = inst.inst.escape;
        if !has_vars(&stage.image_text, esc) || !scan(&stage.image_text, esc, true).errors.is_empty() {
            continue;
        }
        let name = process_word(&stage.image_text, esc, &lookup).text;
        if ImageRef::parse(&name).error.is_some() {
            out.report(
                stage.image_range.clone(),
                format!("Default value for ARG {} results in empty or invalid base image name", stage.image_text),
            );
        }
    }
}
