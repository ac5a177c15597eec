//! Checking a document again after an edit: the findings of `Node` and `Structural`
//! rules about the instructions the edit left alone are taken over from the previous
//! check instead of being worked out again (see [`super::Scope`]).

use std::ops::Range;
use std::sync::Arc;

use super::{Diagnostic, Rule, Scope};
use crate::images::catalog::Date;
use crate::model::BuildArgs;
use crate::syntax::{Instruction, Keyword, SyntaxTree};

/// What one check found, kept for the next check of the same document.
#[derive(Debug, Default)]
pub struct Checked {
    /// The instructions checked, with their offsets (held, so that no new instruction
    /// can take the address of one while it may be compared with it).
    nodes: Vec<(Arc<Instruction>, usize, Keyword)>,
    /// The length of the text checked.
    len: usize,
    build_args: BuildArgs,
    today: Option<Date>,
    /// The findings of each `Node` and `Structural` rule that ran, by rule id.
    kept: Vec<(&'static str, Vec<Diagnostic>)>,
    /// How many findings the check had in all (before suppression and levels).
    found: usize,
}

/// How the previous check maps onto this one.
pub(super) struct Reuse {
    /// The new nodes the edit touched (the others are the previous check's).
    pub dirty: Range<usize>,
    /// Offsets of the previous check's nodes.
    old_offsets: Vec<usize>,
    /// Previous nodes before `head` are unchanged and in place; from `tail_from` on
    /// they are unchanged and moved by `delta` bytes.
    head: usize,
    tail_from: usize,
    delta: isize,
    /// The text of the touched nodes: start, end, and whether it ends the file.
    dirty_text: (usize, usize, bool),
}

impl Checked {
    /// How much of the previous check still holds for `tree`, if any: none after an
    /// edit of a structural instruction or with other build args or another date.
    pub(super) fn reuse(&self, tree: &SyntaxTree, build_args: &BuildArgs, today: Date) -> Option<Reuse> {
        if self.nodes.is_empty() || self.today != Some(today) || &self.build_args != build_args {
            return None;
        }
        let old = &self.nodes;
        let new = &tree.nodes;
        let (head, tail) = crate::syntax::unchanged_ends(old.iter().map(|(i, off, _)| (i, *off)), self.len, tree);
        let tail_from = old.len() - tail;
        let dirty = head..new.len() - tail;
        let old_dirty = old[head..tail_from].iter().map(|(_, _, k)| *k);
        if old_dirty.chain(new[dirty.clone()].iter().map(|n| n.kind)).any(Keyword::is_structural) {
            return None;
        }
        let start = new.get(dirty.start).map_or(tree.len, |n| n.offset);
        let end = new.get(dirty.end).map_or(tree.len, |n| n.offset);
        Some(Reuse {
            dirty: dirty.clone(),
            old_offsets: old.iter().map(|(_, off, _)| *off).collect(),
            head,
            tail_from,
            delta: tree.len as isize - self.len as isize,
            dirty_text: (start, end, dirty.end == new.len()),
        })
    }

    /// The previous findings of `rule`, if it ran last time (taken out: the check
    /// moves them to where their text is now and keeps them again).
    pub(super) fn take_kept(&mut self, rule: &Rule) -> Option<Vec<Diagnostic>> {
        let i = self.kept.iter().position(|(id, _)| *id == rule.meta.id)?;
        Some(std::mem::take(&mut self.kept[i].1))
    }

    /// Remembers this check for the next one.
    pub(super) fn remember(
        &mut self,
        tree: &SyntaxTree,
        build_args: &BuildArgs,
        today: Date,
        kept: Vec<(&'static str, Vec<Diagnostic>)>,
        found: usize,
    ) {
        self.nodes = tree.nodes.iter().map(|n| (n.inst.clone(), n.offset, n.kind)).collect();
        self.len = tree.len;
        if &self.build_args != build_args {
            self.build_args = build_args.clone();
        }
        self.today = Some(today);
        self.kept = kept;
        self.found = found;
    }

    /// How many findings the last check had (before suppression and levels).
    pub(super) fn found_last(&self) -> usize {
        self.found
    }
}

impl Reuse {
    /// Whether a fresh finding of a `Node` rule is about a node the edit touched (its
    /// start is in their text; the end of the file belongs to the last node).
    pub(super) fn in_dirty(&self, d: &Diagnostic) -> bool {
        let (start, end, to_eof) = self.dirty_text;
        let pos = d.range.start;
        !self.dirty.is_empty() && pos >= start && (pos < end || (to_eof && pos == end))
    }

    /// Moves a previous finding to where its text is now; `false` when some range of
    /// it was in the part the edit touched (the finding is then dropped).
    pub(super) fn carry(&self, d: &mut Diagnostic) -> bool {
        let mut ok = true;
        let mut fix = |r: &mut Range<usize>| match self.place(r.start) {
            Some(delta) => {
                r.start = r.start.wrapping_add_signed(delta);
                r.end = r.end.wrapping_add_signed(delta);
            }
            None => ok = false,
        };
        fix(&mut d.range);
        for (r, _) in &mut d.related {
            fix(r);
        }
        for f in &mut d.fixes {
            for e in &mut f.edits {
                fix(&mut e.range);
            }
        }
        ok
    }

    /// How far a previous position moved: 0 in the nodes before the edit, `delta`
    /// in those after it, `None` in the nodes the edit touched (or before the first).
    fn place(&self, pos: usize) -> Option<isize> {
        let k = self.old_offsets.partition_point(|&off| off <= pos).checked_sub(1)?;
        if k < self.head {
            Some(0)
        } else if k >= self.tail_from {
            Some(self.delta)
        } else {
            None
        }
    }
}

/// Whether a rule's findings can be kept across edits.
pub(super) fn keeps(rule: &Rule) -> bool {
    rule.scope != Scope::Document
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Model;
    use crate::rules::{Inputs, RuleConfig, run_checked, run_with_model};
    use crate::syntax::{TextEdit, parse};

    /// Lines that make the kept rules fire (and lines that decide what they mean).
    const LINES: &[&str] = &[
        "FROM alpine:3.19 AS base\n",
        "FROM python:3.8-slim\n",
        "FROM ubuntu:latest AS u\n",
        "FROM debian\n",
        "FROM openjdk:8 AS j\n",
        "from base as Child\n",
        "FROM scratch AS scratch\n",
        "FROM base AS base\n",
        "FROM --platform=linux/amd64 alpine:3.19 AS a\n",
        "FROM --platform=$TARGETPLATFORM alpine:$V\n",
        "FROM --platform=$NOPE alpine:$UNDECLARED\n",
        "ARG V=\n",
        "ARG GITHUB_TOKEN\n",
        "ARG PORT=8080\n",
        "ENV API_KEY=x PIP_NO_CACHE_DIR=1\n",
        "SHELL [\"pwsh\", \"-c\"]\n",
        "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n",
        "RUN apk add curl git && cd /x && curl a | sh\n",
        "RUN apt-get install curl && apt install vim\n",
        "RUN pip install flask && npm install left-pad && go install x/y\n",
        "RUN yum install httpd && dnf install x && zypper install y && zypper dist-upgrade\n",
        "RUN sudo useradd -u 123456 bob && ln -s /bin/bash /bin/sh && wget http://x && shutdown\n",
        "RUN <<EOF\napk add jq\nEOF\n",
        "RUN a \\\n# note\n  && cd b\n",
        "ONBUILD RUN apk add make\n",
        "EXPOSE 80/TCP 99999 abc\n",
        "EXPOSE $PORT 70000\n",
        "LABEL Bad_Key=1 com.docker.x=2 good.key=3\n",
        "COPY --from=base / /\n",
        "COPY --from=scratch / /\n",
        "COPY http://x/y.tar /z\n",
        "COPY a b /c\n",
        "COPY --from=CHILD a b /\n",
        "COPY app.tar /x/\n",
        "RUN tar xf /x/app.tar\n",
        "RUN pip install psycopg2\n",
        "RUN apk add build-base\n",
        "ONBUILD COPY a b /c\n",
        "# comment\n",
        "\n",
        "FORM x\n",
    ];

    /// What an edit inserts: characters that change structure, words the rules look
    /// for, whole lines of every kind.
    const INSERTS: &[&str] = &[
        "",
        "\n",
        " ",
        "#",
        "\\\n",
        "\"",
        "cd ",
        "apk add x ",
        "| ",
        "=1.0",
        "9",
        "/",
        "K",
        "RUN apk add y\n",
        "FROM alpine\n",
        "ENV A=1\n",
        "ARG PORT=99\n",
        "SHELL [\"cmd\"]\n",
        "EXPOSE 1/udp\n",
        "<<EOF\n",
        "# escape=`\n",
    ];

    fn char_floor(s: &str, mut i: usize) -> usize {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    fn today() -> Date {
        Date::parse("2026-11-28").unwrap_or_else(|| unreachable!())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

        /// After any edit, a check that keeps the previous findings finds exactly what
        /// a check from scratch finds.
        #[test]
        fn a_kept_check_equals_a_fresh_one(
            lines in prop::collection::vec(prop::sample::select(LINES), 0..14),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..10, prop::sample::select(INSERTS)), 1..6),
        ) {
            let mut text = lines.concat();
            let mut tree = parse(&text);
            let inputs = Inputs { today: Some(today()), ..Inputs::default() };
            let config = RuleConfig::default();
            let mut checked = Checked::default();
            let model = Model::new(&text, &tree, &inputs.build_args);
            run_checked(&text, &tree, &model, &inputs, &config, &mut checked);
            for (at, del, ins) in edits {
                let start = char_floor(&text, at.index(text.len() + 1));
                let end = char_floor(&text, start + del).max(start);
                let next = format!("{}{ins}{}", &text[..start], &text[end..]);
                tree.apply_edit(&next, TextEdit { start, old_end: end, new_len: ins.len() });
                text = next;
                let model = Model::new(&text, &tree, &inputs.build_args);
                let kept = run_checked(&text, &tree, &model, &inputs, &config, &mut checked);
                let fresh = run_with_model(&text, &tree, &model, &inputs, &config);
                prop_assert_eq!(kept, fresh, "text: {:?}", text);
            }
        }
    }

    fn edited(text: &str, at: &str, ins: &str) -> (String, SyntaxTree, SyntaxTree) {
        let start = text.find(at).unwrap_or_else(|| panic!("{at}"));
        let next = format!("{}{ins}{}", &text[..start], &text[start..]);
        let old = parse(text);
        let mut tree = old.clone();
        tree.apply_edit(&next, TextEdit { start, old_end: start, new_len: ins.len() });
        (next, old, tree)
    }

    fn checked_after(text: &str) -> Checked {
        let tree = parse(text);
        let inputs = Inputs { today: Some(today()), ..Inputs::default() };
        let model = Model::new(text, &tree, &inputs.build_args);
        let mut checked = Checked::default();
        run_checked(text, &tree, &model, &inputs, &RuleConfig::default(), &mut checked);
        checked
    }

    const DOC: &str = "FROM alpine:3.19\nENV A=1\nRUN apk add curl\nEXPOSE 80\nRUN cd /x\n";

    #[test]
    fn an_edit_inside_a_run_keeps_the_rest() {
        let (_, old, tree) = edited(DOC, "curl", "git ");
        let mut checked = Checked::default();
        checked.remember(&old, &BuildArgs::new(), today(), Vec::new(), 0);
        let reuse = checked.reuse(&tree, &BuildArgs::new(), today());
        assert_eq!(reuse.map(|r| r.dirty), Some(2..3), "only the edited RUN is looked at again");
        assert!(checked_after(DOC).kept.iter().any(|(id, d)| *id == "apk-pin-versions" && d.len() == 1));
    }

    #[test]
    fn an_edit_of_a_structural_instruction_checks_everything() {
        for (at, ins) in [("A=1", "B=2 "), ("alpine", "x"), ("RUN cd", "SHELL [\"pwsh\"]\n")] {
            let (_, old, tree) = edited(DOC, at, ins);
            let mut checked = Checked::default();
            checked.remember(&old, &BuildArgs::new(), today(), Vec::new(), 0);
            assert!(checked.reuse(&tree, &BuildArgs::new(), today()).is_none(), "{at} {ins}");
        }
    }

    #[test]
    fn other_build_args_or_another_day_check_everything() {
        let (_, old, tree) = edited(DOC, "curl", "git ");
        let mut checked = Checked::default();
        checked.remember(&old, &BuildArgs::new(), today(), Vec::new(), 0);
        let args = BuildArgs::from([("A".to_string(), "2".to_string())]);
        assert!(checked.reuse(&tree, &args, today()).is_none());
        let tomorrow = Date::parse("2026-11-29").unwrap_or_else(|| unreachable!());
        assert!(checked.reuse(&tree, &BuildArgs::new(), tomorrow).is_none());
        assert!(Checked::default().reuse(&tree, &BuildArgs::new(), today()).is_none(), "nothing kept yet");
    }
}
