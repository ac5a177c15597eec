//! `consecutive-run` (DL3059): short RUN instructions in a row that could be one.

use crate::rules::{Alias, Context, Edit, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{InstRef, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "consecutive-run",
        aliases: &[Alias::all("DL3059")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "Consecutive short RUN instructions could be merged.",
        docs: "\
**Why**: every RUN makes a layer; files deleted in a later RUN still weigh in the earlier \
layer, and many small layers slow pulls.\n\n\
**Example**: `RUN apt-get update` followed by `RUN apt-get install -y curl`\n\n\
**Fix**: `RUN apt-get update && apt-get install -y curl` (the quick fix joins simple \
one-line RUNs with `&&`). As in hadolint, RUNs that already chain more than two commands \
are taken as deliberately separate (for caching), as are RUNs with different flags; \
comments between them do not matter.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// Flags as a comparable key (order-insensitive).
fn flags_key(inst: InstRef<'_>) -> Vec<String> {
    let mut v: Vec<String> = inst.inst.flags.iter().map(|f| inst.text(f.span).into_owned()).collect();
    v.sort();
    v
}

/// A RUN the fix can join: shell form on one line, no heredocs, no trailing operator.
fn joinable(inst: InstRef<'_>) -> bool {
    let Some(shell) = inst.inst.shell else { return false };
    let src = inst.src(shell).trim_end();
    inst.inst.heredocs.is_empty()
        && inst.inst.exec.is_none()
        && !src.contains('\n')
        && !src.contains('#')
        && !src.ends_with(['&', ';', '|', '\\', '`'])
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    // The previous RUN: node, flags, number of commands.
    let mut prev: Option<(usize, Vec<String>, usize)> = None;
    for idx in 0..cx.tree.nodes.len() {
        if cx.kind_of(idx) != Keyword::Run {
            prev = None;
            continue;
        }
        let inst = cx.inst(idx);
        let flags = flags_key(inst);
        // Commands the RUN chains (the shell form, parsed once for all rules); exec form
        // and heredoc scripts count as one.
        let count = cx.shell(idx).map_or(1, |s| s.script.top_level().count());
        if let Some((p, pflags, pcount)) = &prev {
            if *pflags == flags && count <= 2 && *pcount <= 2 {
                let before = cx.inst(*p);
                let mut report = out
                    .report(
                        inst.range(inst.inst.keyword),
                        "Consecutive RUN instructions: consider merging them into one",
                    )
                    .related(before.range(before.inst.keyword), "the previous RUN");
                if joinable(before) && joinable(inst) && inst.inst.comments.is_empty() {
                    if let (Some(a), Some(b)) = (before.inst.shell, inst.inst.shell) {
                        let end = before.range(a).start + before.src(a).trim_end().len();
                        let start = inst.range(b).start;
                        report = report.fix(
                            "Merge into the previous RUN with &&",
                            vec![Edit { range: end..start, text: " && ".into() }],
                            false,
                        );
                    }
                }
                let _ = report;
            }
        }
        prev = Some((idx, flags, count));
    }
}
