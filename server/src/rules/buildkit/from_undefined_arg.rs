//! `from-undefined-arg`: FROM uses a variable no global ARG declares.

use super::util::FROM_AUTOMATIC_ARGS;
use crate::model::{DefKind, UseContext};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::suggest;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-undefined-arg",
        aliases: &[Alias::all("UndefinedArgInFrom")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "FROM uses a variable that no ARG before the first FROM declares.",
        docs: "\
**Why**: FROM (its image and `--platform`) only sees the ARGs declared before the first \
FROM and BuildKit's platform ARGs (`BUILDPLATFORM`, `TARGETARCH`, …). Anything else \
expands to an empty string, and `--build-arg` cannot set it either.\n\n\
**Example**: `FROM node:22${VARIANT}` with no `ARG VARIANT` at the top\n\n\
**Fix**: declare it before the first FROM (`ARG VARIANT=-alpine`), or fix the typo \
(the quick fix applies the suggested name).",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let globals: Vec<&str> =
        cx.model.global_args().filter(|(_, d)| d.kind == DefKind::Arg).map(|(_, d)| d.name.as_str()).collect();
    for u in &cx.model.uses {
        if u.context != UseContext::From {
            continue;
        }
        let name = u.name.as_str();
        if globals.contains(&name) || FROM_AUTOMATIC_ARGS.contains(&name) {
            continue;
        }
        let candidates = FROM_AUTOMATIC_ARGS.iter().copied().chain(globals.iter().copied());
        let hint = suggest(name, candidates, false);
        let msg = match hint {
            Some(h) => format!("FROM argument '{name}' is not declared (did you mean {h}?)"),
            None => format!("FROM argument '{name}' is not declared"),
        };
        let report = out.report(u.range.clone(), msg);
        if let Some(h) = hint {
            let _ = report.replace(format!("Change to {h}"), u.range.clone(), h, false);
        }
    }
}
