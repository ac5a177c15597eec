//! `consistent-instruction-casing`: an instruction keyword cased unlike the majority.

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
    scope: crate::rules::Scope::Document,
};

/// How a keyword is cased.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Casing {
    Lower,
    Upper,
    Mixed,
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let Some(first_from) = cx.model.stages.first().map(|s| s.node) else { return };
    // Known keywords are ASCII.
    let mut casings: Vec<(usize, Casing)> = Vec::with_capacity(cx.tree.nodes.len() - first_from);
    let (mut lower, mut upper) = (0usize, 0usize);
    for (node, inst) in cx.instructions().skip(first_from) {
        if inst.kind() == Keyword::Unknown {
            continue;
        }
        let kw = inst.keyword_text().as_bytes();
        let casing = if !kw.iter().any(u8::is_ascii_uppercase) {
            lower += 1;
            Casing::Lower
        } else if !kw.iter().any(u8::is_ascii_lowercase) {
            upper += 1;
            Casing::Upper
        } else {
            Casing::Mixed
        };
        casings.push((node, casing));
    }
    let (want, name) = if lower > upper { (Casing::Lower, "lowercase") } else { (Casing::Upper, "uppercase") };
    for (node, casing) in casings {
        if casing == want {
            continue;
        }
        let inst = cx.inst(node);
        let range = inst.range(inst.inst.keyword);
        let kw = inst.keyword_text();
        let fixed = if want == Casing::Lower { kw.to_ascii_lowercase() } else { kw.to_ascii_uppercase() };
        out.report(range.clone(), format!("Command '{kw}' should match the case of the command majority ({name})"))
            .replace(format!("Change to '{fixed}'"), range, fixed, true);
    }
}
