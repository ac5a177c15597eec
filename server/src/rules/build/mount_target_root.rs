//! `mount-target-root`: `RUN --mount` onto `/`.

use crate::rules::dockerignore::clean;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "mount-target-root",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "A RUN --mount targets the root directory.",
        docs: "\
**Why**: a bind, cache or tmpfs mount cannot replace the whole root filesystem of the \
build container; `docker build` fails with `invalid mount target \"/\"`.\n\n\
**Example**: `RUN --mount=type=cache,target=/ make`\n\n\
**Fix**: mount onto a directory (`target=/root/.cache`).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (node, inst) in cx.instructions_of(&[Keyword::Run]) {
        if inst.inst.flags.is_empty() || cx.model.node_stage[node].is_none() {
            continue;
        }
        for m in inst.mounts() {
            let Some(spec) = m.spec else { continue };
            if matches!(spec.kind.as_str(), "secret" | "ssh") {
                continue;
            }
            let target = ["target", "dst", "destination"]
                .iter()
                .rev()
                .find_map(|k| spec.fields.iter().rev().find(|(key, _)| key == k).and_then(|(_, v)| v.as_deref()));
            let Some(target) = target else { continue };
            if !target.contains('$') && target.starts_with('/') && clean(target) == "/" {
                out.report(m.value_range, "invalid mount target \"/\"");
            }
        }
    }
}
