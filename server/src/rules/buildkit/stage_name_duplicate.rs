//! `stage-name-duplicate`: two stages with one name.

use foldhash::{HashMap, HashMapExt};

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "stage-name-duplicate",
        aliases: &[Alias::all("DuplicateStageName"), Alias::all("DL3024")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Error),
        summary: "Two stages share a name.",
        docs: "\
**Why**: stage names are case-insensitive and must be unique: with two stages named \
`build`, a `COPY --from=build` silently takes the last one, and the other cannot be \
targeted with `--target`.\n\n\
**Example**: `FROM golang AS build` … `FROM node AS build`\n\n\
**Fix**: rename one of them. The diagnostic points at the first definition too.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut first: HashMap<&str, std::ops::Range<usize>> = HashMap::new();
    for stage in &cx.model.stages {
        let (Some(name), Some(range)) = (stage.name.as_deref(), stage.name_range.clone()) else { continue };
        match first.get(name) {
            Some(earlier) => {
                out.report(range, format!("Duplicate stage name \"{name}\", stage names should be unique"))
                    .related(earlier.clone(), format!("stage \"{name}\" is first defined here"));
            }
            None => {
                first.insert(name, range);
            }
        }
    }
}
