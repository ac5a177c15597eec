//! Folding ranges: stages, multi-line instructions, heredoc bodies, comment blocks.

use crate::syntax::TextRange;

use super::Doc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Comment,
}

/// A foldable range; the protocol layer turns it into lines (the first line stays
/// visible).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    pub range: TextRange,
    pub kind: FoldKind,
}

fn multi_line(text: &str, r: &TextRange) -> bool {
    text.get(r.clone()).is_some_and(|s| s.contains('\n'))
}

/// All folds, outer ones first.
pub fn folding_ranges(doc: &Doc<'_>) -> Vec<Fold> {
    let text = doc.text;
    let mut out = Vec::new();
    let trim_end = |end: usize| text[..end.min(text.len())].trim_end().len();
    for stage in &doc.model.stages {
        let start = doc.inst(stage.node).start();
        let last = stage.nodes.end.saturating_sub(1);
        let node = &doc.tree.nodes[last];
        let end = trim_end(node.end()).max(start);
        let r = start..end;
        if multi_line(text, &r) {
            out.push(Fold { range: r, kind: FoldKind::Region });
        }
    }
    let mut comment_run: Option<TextRange> = None;
    let flush = |run: &mut Option<TextRange>, out: &mut Vec<Fold>| {
        if let Some(r) = run.take() {
            if multi_line(text, &r) {
                out.push(Fold { range: r, kind: FoldKind::Comment });
            }
        }
    };
    for node in &doc.tree.nodes {
        let inst = node.view(text);
        for c in &node.inst.comments {
            let r = inst.range(c.span);
            // Consecutive comment lines (only a line break between them) form a block.
            comment_run = match comment_run.take() {
                Some(run)
                    if text[run.end..r.start].trim().is_empty()
                        && text[run.end..r.start].matches('\n').count() == 1 =>
                {
                    Some(run.start..r.end)
                }
                other => {
                    flush(&mut other.clone(), &mut out);
                    Some(r)
                }
            };
        }
        flush(&mut comment_run, &mut out);
        let full = inst.full_range();
        let has_heredoc = !node.inst.effective().heredocs.is_empty();
        if multi_line(text, &full) || has_heredoc {
            let end = if has_heredoc { trim_end(node.end()) } else { full.end };
            if multi_line(text, &(full.start..end)) {
                out.push(Fold { range: full.start..end, kind: FoldKind::Region });
            }
        }
        // With several heredocs, each body folds on its own: from the line before the
        // body (the instruction line or the previous terminator; the range starts at
        // that line's line break) to its terminator.
        for h in &node.inst.effective().heredocs {
            let body = inst.range(h.body);
            let end = h.terminator.map_or(trim_end(body.end), |t| inst.range(t).end);
            let start = full.end;
            if multi_line(text, &(start..end)) && node.inst.effective().heredocs.len() > 1 {
                out.push(Fold { range: body.start.saturating_sub(1)..end, kind: FoldKind::Region });
            }
        }
    }
    let mut trailing: Option<TextRange> = None;
    for c in &doc.tree.trailing_comments {
        trailing = match trailing.take() {
            Some(run)
                if text[run.end..c.start].trim().is_empty() && text[run.end..c.start].matches('\n').count() == 1 =>
            {
                Some(run.start..c.end)
            }
            other => {
                flush(&mut other.clone(), &mut out);
                Some(c.clone())
            }
        };
    }
    flush(&mut trailing, &mut out);
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;

    #[test]
    fn folds() {
        let text = "# one\n# two\nFROM a AS x\nRUN a \\\n  b\nCOPY <<A <<B /d/\na\nA\nb\nB\n\n# lone\nFROM b\nRUN y\n";
        let folds = with_doc(text, folding_ranges);
        let shown: Vec<String> = folds.iter().map(|f| format!("{:?} {:?}", f.kind, &text[f.range.clone()])).collect();
        expect_test::expect![[r##"
            [
                "Comment \"# one\\n# two\"",
                "Region \"FROM a AS x\\nRUN a \\\\\\n  b\\nCOPY <<A <<B /d/\\na\\nA\\nb\\nB\"",
                "Region \"RUN a \\\\\\n  b\"",
                "Region \"COPY <<A <<B /d/\\na\\nA\\nb\\nB\"",
                "Region \"\\na\\nA\"",
                "Region \"\\nb\\nB\"",
                "Region \"FROM b\\nRUN y\"",
            ]
        "##]]
        .assert_debug_eq(&shown);
    }
}
