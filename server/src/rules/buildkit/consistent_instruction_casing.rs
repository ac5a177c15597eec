//! `consistent-instruction-casing`: an instruction keyword cased unlike the majority.

use super::util::{is_lower, is_upper};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "consistent-instruction-casing",
        aliases: &[Alias::all("ConsistentInstructionCasing")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "An instruction keyword is mixed-case or differs from the file's majority casing.",
        docs: "\
**Why**: instructions are case-insensitive, but a file that mixes `RUN`, `run` and `Run` \
is harder to scan. BuildKit counts the all-upper and all-lower keywords of the stages \
(global ARGs before the first FROM are not counted) and flags every keyword that does not \
follow the majority; a tie counts as upper case.\n\n\
**Example**: `FROM alpine` / `run echo hi`\n\n\
**Fix**: write the keyword in the majority's case; the quick fix does it.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let first_from = cx.model.stages.first().map_or(usize::MAX, |s| s.node);
    let keywords = || {
        cx.instructions()
            .skip(first_from)
            .filter(|(_, i)| i.kind() != Keyword::Unknown)
            .map(|(_, i)| (i.range(i.inst.keyword), i.keyword_text()))
    };
    let (mut lower, mut upper) = (0usize, 0usize);
    for (_, kw) in keywords() {
        if is_lower(kw) {
            lower += 1;
        } else if is_upper(kw) {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    for (range, kw) in keywords() {
        let (bad, casing, fixed) = if majority_lower {
            (!is_lower(kw), "lowercase", kw.to_lowercase())
        } else {
            (!is_upper(kw), "uppercase", kw.to_uppercase())
        };
        if bad {
            out.report(
                range.clone(),
                format!("Command '{kw}' should match the case of the command majority ({casing})"),
            )
            .replace(format!("Change to '{fixed}'"), range, fixed, true);
        }
    }
}
