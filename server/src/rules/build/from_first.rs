//! `from-first`: an instruction other than ARG before the first FROM, or no FROM.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-first",
        aliases: &[Alias::all("DL3061")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "Something other than ARG comes before the first FROM, or there is no FROM.",
        docs: "\
**Why**: every instruction but ARG belongs to a build stage, and a stage starts with \
FROM. `docker build` stops with \"no build stage in current context\" at the first \
instruction before any FROM, and with \"dockerfile contains no stages to build\" when \
there is no FROM at all.\n\n\
**Example**: `LABEL maintainer=me` on the first line, then `FROM alpine:3.22`\n\n\
**Fix**: move the instruction below the FROM (ARGs may stay above it: they are the \
global ARGs that FROM lines can use).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut first_arg = None;
    for (_, inst) in cx.instructions() {
        match inst.kind() {
            Keyword::From => return,
            Keyword::Arg => {
                first_arg.get_or_insert(inst.range(inst.inst.keyword));
            }
            // An unknown instruction is already a syntax error.
            Keyword::Unknown => {}
            _ => {
                out.report(inst.range(inst.inst.keyword), "no build stage in current context");
                return;
            }
        }
    }
    if let Some(range) = first_arg {
        out.report(range, "dockerfile contains no stages to build");
    }
}
