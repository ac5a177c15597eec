//! `no-empty-continuation`: a blank line inside a continued instruction.

use super::util::with_line_break;
use crate::rules::{Alias, Context, Edit, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "no-empty-continuation",
        aliases: &[Alias::all("NoEmptyContinuation")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "A blank line inside a `\\`-continued instruction.",
        docs: "\
**Why**: BuildKit skips blank lines inside a continued instruction, so a blank line does \
not end it: the next line still belongs to the instruction, which is easy to misread. \
Docker has announced that this will become an error.\n\n\
**Example**: `RUN apk add \\` followed by an empty line and `    curl`\n\n\
**Fix**: delete the blank lines (the quick fix does), or end the instruction before them.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (_, inst) in cx.instructions() {
        let empties = &inst.inst.empty_continuations;
        let Some(first) = empties.first() else { continue };
        let edits =
            empties.iter().map(|s| Edit { range: with_line_break(cx.text, inst.range(*s)), text: String::new() });
        let edits: Vec<Edit> = edits.collect();
        let range = with_line_break(cx.text, inst.range(*first));
        let title = if empties.len() == 1 { "Delete the empty line" } else { "Delete the empty lines" };
        out.report(range, "Empty continuation line").fix(title, edits, true);
    }
}
