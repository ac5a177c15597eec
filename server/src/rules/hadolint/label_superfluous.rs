//! `label-superfluous` (DL3050): with `strictLabels`, a label outside the schema.

use super::labels::pairs;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-superfluous",
        aliases: &[Alias::all("DL3050")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "A label is not in the label schema (strict labels).",
        docs: "\
**Why**: with `strictLabels` (`strict-labels: true` in `.hadolint.yaml`) a team allows only \
the labels its schema lists, so typos (`org.opencontainer.image.version`) and stray \
metadata are caught.\n\n\
**Example**: schema `{version: semver}`, strict, and `LABEL build-host=ci-7`\n\n\
**Fix**: remove the label, or add it to the schema. Runs only when a label schema is \
configured and strict labels are on.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    if !cx.config.strict_labels || cx.config.label_schema.is_empty() {
        return;
    }
    for p in pairs(cx) {
        if p.key_vars || cx.config.label_schema.contains_key(&p.key) {
            continue;
        }
        out.report(p.key_range.clone(), format!("Label `{}` is not in the label schema", p.key));
    }
}
