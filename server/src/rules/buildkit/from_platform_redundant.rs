//! `from-platform-redundant`: `FROM --platform=$TARGETPLATFORM`.

use super::util::{process_word, with_trailing_space};
use crate::rules::{Alias, Context, DiagnosticTag, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::vars::scan;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-platform-redundant",
        aliases: &[Alias::all("RedundantTargetPlatform"), Alias::all("DL3065")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "`FROM --platform=$TARGETPLATFORM` repeats the default.",
        docs: "\
**Why**: every stage is built for the target platform unless told otherwise, so the flag \
only adds noise.\n\n\
**Example**: `FROM --platform=$TARGETPLATFORM alpine:3.22`\n\n\
**Fix**: drop the flag (the quick fix does). `--platform=$BUILDPLATFORM` is different and \
useful for cross-compiling stages.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

const SENTINEL: &str = "\u{0}target\u{0}";

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for stage in &cx.model.stages {
        let inst = cx.inst(stage.node);
        let Some(flag) = inst.flag("platform") else { continue };
        let Some(value) = inst.flag_value(flag) else { continue };
        let refs = scan(&value, inst.inst.escape, true).refs;
        if refs.is_empty() || !refs.iter().all(|r| &value[r.name.clone()] == "TARGETPLATFORM") {
            continue;
        }
        let lookup = |n: &str| (n == "TARGETPLATFORM").then(|| SENTINEL.to_string());
        if process_word(&value, inst.inst.escape, &lookup).text != SENTINEL {
            continue;
        }
        let range = inst.range(flag.span);
        out.report(
            range.clone(),
            format!("Setting platform to predefined {value} in FROM is redundant as this is the default behavior"),
        )
        .tag(DiagnosticTag::Unnecessary)
        .replace("Remove --platform", with_trailing_space(cx.text, range), "", true);
    }
}
