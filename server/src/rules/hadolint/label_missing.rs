//! `label-missing` (DL3049): a label the schema requires is not set.

use std::collections::HashSet;

use super::labels::pairs;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-missing",
        aliases: &[Alias::all("DL3049")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "A label required by the label schema is missing.",
        docs: "\
**Why**: a label schema (`labelSchema` setting, `label-schema` in `.hadolint.yaml`) lists \
the metadata every image must carry — source, version, license — for registries, scanners \
and people.\n\n\
**Example**: schema `{org.opencontainers.image.source: url}` and a final stage without that label.\n\n\
**Fix**: add it: `LABEL org.opencontainers.image.source=https://github.com/org/app`. Only \
stages that produce an image are checked (stages no other stage builds on or copies from); \
labels set in a stage they build on count. Runs only when a label schema is configured.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let schema = &cx.config.label_schema;
    if schema.is_empty() {
        return;
    }
    let mut required: Vec<&String> = schema.keys().collect();
    required.sort();
    let used: HashSet<usize> = cx.model.stage_refs.iter().filter_map(|r| r.target).collect();
    // Label keys per stage, gathered once.
    let mut per_stage: Vec<HashSet<&str>> = vec![HashSet::new(); cx.model.stages.len()];
    for p in pairs(cx) {
        if let Some(set) = cx.model.node_stage.get(p.node).copied().flatten().and_then(|s| per_stage.get_mut(s)) {
            set.insert(p.key.as_str());
        }
    }
    for stage in &cx.model.stages {
        if used.contains(&stage.index) {
            continue;
        }
        let chain = cx.model.stage_chain(stage.index);
        let present = |key: &str| chain.iter().any(|&s| per_stage.get(s).is_some_and(|set| set.contains(key)));
        let from = cx.inst(stage.node);
        for key in &required {
            if !present(key.as_str()) {
                out.report(from.range(from.inst.keyword), format!("Label `{key}` is missing"));
            }
        }
    }
}
