//! `multiple-instructions`: more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage.

use super::util::instruction_lines;
use crate::rules::{Alias, Context, DiagnosticTag, Edit, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "multiple-instructions",
        aliases: &[
            Alias::all("MultipleInstructionsDisallowed"),
            Alias::case("DL4003", "CMD"),
            Alias::case("DL4004", "ENTRYPOINT"),
            Alias::case("DL3012", "HEALTHCHECK"),
        ],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK; only the last counts.",
        docs: "\
**Why**: each of these sets one value of the image configuration, so an earlier one in \
the same stage is silently replaced by the later one.\n\n\
**Example**: `CMD [\"serve\"]` … `CMD [\"worker\"]` in one stage\n\n\
**Fix**: keep only the one you mean. The finding sits on the instruction that has no \
effect; the quick fix deletes it. Configure the cases separately with their hadolint \
codes: DL4003 (CMD), DL4004 (ENTRYPOINT), DL3012 (HEALTHCHECK).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    // Per stage: the last CMD, ENTRYPOINT and HEALTHCHECK seen.
    let mut last: [Option<usize>; 3] = [None; 3];
    let mut stage = None;
    for (node, inst) in cx.instructions_of(&[Keyword::Cmd, Keyword::Entrypoint, Keyword::Healthcheck]) {
        let s = cx.model.node_stage[node];
        if s != stage {
            stage = s;
            last = [None; 3];
        }
        let (slot, case) = match inst.kind() {
            Keyword::Cmd => (0, "CMD"),
            Keyword::Entrypoint => (1, "ENTRYPOINT"),
            Keyword::Healthcheck => (2, "HEALTHCHECK"),
            _ => continue,
        };
        if s.is_none() {
            continue;
        }
        if let Some(prev) = last[slot] {
            let earlier = cx.inst(prev);
            let kw = inst.keyword_text();
            out.report(
                earlier.range(earlier.inst.keyword),
                format!("Multiple {kw} instructions should not be used in the same stage because only the last one will be used"),
            )
            .case(case)
            .tag(DiagnosticTag::Unnecessary)
            .related(inst.range(inst.inst.keyword), format!("the {kw} that takes effect"))
            .fix(
                format!("Delete this {}", earlier.keyword_text()),
                vec![Edit { range: instruction_lines(cx, prev, earlier), text: String::new() }],
                false,
            );
        }
        last[slot] = Some(node);
    }
}
