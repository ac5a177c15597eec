//! `stage-name-casing`: a stage name with upper-case letters.

use super::util::is_lower;
use crate::rules::{Alias, Context, Edit, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "stage-name-casing",
        aliases: &[Alias::all("StageNameCasing")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "A stage name is not lowercase.",
        docs: "\
**Why**: BuildKit lowercases stage names, so `Builder`, `builder` and `BUILDER` are one \
stage; writing them in mixed case hides that and reads inconsistently.\n\n\
**Example**: `FROM golang:1.24 AS Builder` … `COPY --from=Builder /out /app`\n\n\
**Fix**: write the name in lower case. The quick fix renames the stage and every \
reference to it (`FROM`, `COPY --from`, `RUN --mount from=`).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (idx, stage) in cx.model.stages.iter().enumerate() {
        let (Some(range), Some(lower)) = (stage.name_range.clone(), stage.name.as_ref()) else { continue };
        let written = &cx.text[range.clone()];
        if is_lower(written) {
            continue;
        }
        let mut edits = vec![Edit { range: range.clone(), text: lower.clone() }];
        for r in &cx.model.stage_refs {
            let names_it = r.target == Some(idx) || (r.target.is_none() && r.text.eq_ignore_ascii_case(lower));
            if names_it && !r.by_index && r.text != *lower && r.text.eq_ignore_ascii_case(lower) {
                edits.push(Edit { range: r.range.clone(), text: lower.clone() });
            }
        }
        out.report(range, format!("Stage name '{written}' should be lowercase")).fix(
            format!("Rename stage to '{lower}'"),
            edits,
            true,
        );
    }
}
