//! Checking a document again after an edit: the findings of `Node` and `Structural`
//! rules about the instructions the edit left alone are taken over from the previous
//! check instead of being worked out again (see [`super::Scope`]).

use std::ops::Range;
use std::sync::Arc;

use super::{Diagnostic, Rule, Scope};
use crate::images::catalog::Date;
use crate::model::{Base, BuildArgs, DefKind, Model};
use crate::syntax::{Instruction, Keyword, SyntaxTree};

/// What one check found, kept for the next check of the same document.
#[derive(Debug, Default)]
pub struct Checked {
    /// The instructions checked, with their offsets (held, so that no new instruction
    /// can take the address of one while it may be compared with it).
    nodes: Vec<(Arc<Instruction>, usize)>,
    /// The length of the text checked.
    len: usize,
    build_args: BuildArgs,
    today: Option<Date>,
    /// The findings of each `Node` and `Structural` rule that ran, by rule id.
    kept: Vec<(&'static str, Vec<Diagnostic>)>,
    /// The stages' names (lower case) in order: an edit of FROM lines that leaves
    /// them as they were leaves every stage reference naming the same stage.
    stage_names: Vec<Option<String>>,
    /// What each stage starts from (its image after expanding the global ARGs, and
    /// its base): an edit of global ARGs that leaves a stage's as it was cannot
    /// change what the stage's instructions are checked against.
    stage_bases: Vec<(Option<String>, Base)>,
    /// The global ARGs' names.
    global_names: Vec<String>,
}

/// How the previous check maps onto this one.
pub(super) struct Reuse {
    /// The new nodes to look at again: those the edit touched, and after an edit of
    /// an ARG or ENV the stages whose meaning it can change.
    pub dirty: Range<usize>,
    /// Where the previous text's first node starts.
    first: usize,
    /// The previous text of the nodes looked at again (`dirty` in the previous
    /// revision): what is before is in place, what is from its end on moved by
    /// `delta` bytes.
    looked: (usize, usize),
    /// The previous text of the nodes the edit touched (within `looked`).
    touched: (usize, usize),
    delta: isize,
    /// The text of the touched nodes: start, end, and whether it ends the file.
    dirty_text: (usize, usize, bool),
    /// Whether a structural instruction (a FROM, or an ARG or ENV) was touched:
    /// `Structural` rules then run in full.
    pub structural: bool,
    /// Whether a FROM or a global ARG was touched: `FromLines` rules then run in full.
    pub from_lines: bool,
}

impl Checked {
    /// How much of the previous check still holds for `tree` (whose model is `model`),
    /// if any. An edit of plain instructions leaves every other instruction's findings
    /// as they were. An edit of an ARG or ENV inside a stage, or of a FROM that leaves
    /// every stage's name as it was, can change what the instructions of that stage,
    /// and of the stages built on it, mean: those are looked at again (after a FROM
    /// edit, with the instructions that name one of them in `--from`), and
    /// `Structural` rules run in full, `FromLines` ones too after a FROM edit. An edit
    /// of global ARGs looks again at the stages whose image or base it changed and at
    /// those declaring an ARG named like a global one (with the stages built on them
    /// and the instructions copying from them), and runs `Structural` and `FromLines`
    /// rules in full. Nothing holds after an edit of a SHELL or ONBUILD, of a FROM that
    /// adds, removes or renames a stage, or with other build args or another date.
    pub(super) fn reuse(&self, tree: &SyntaxTree, model: &Model, build_args: &BuildArgs, today: Date) -> Option<Reuse> {
        if self.nodes.is_empty() || self.today != Some(today) || &self.build_args != build_args {
            return None;
        }
        let old = &self.nodes;
        let new = &tree.nodes;
        let (head, tail) = crate::syntax::unchanged_ends(old.iter().map(|(i, off)| (i, *off)), self.len, tree);
        let (old_tail, new_tail) = (old.len() - tail, new.len() - tail);
        let touched = old[head..old_tail].iter().map(|(i, _)| i.kind).chain(new[head..new_tail].iter().map(|n| n.kind));
        let (mut definitions, mut froms) = (false, false);
        for kind in touched {
            match kind {
                Keyword::Arg | Keyword::Env => definitions = true,
                Keyword::From => froms = true,
                k if k.is_structural() => return None,
                _ => {}
            }
        }
        if froms && !model.stages.iter().map(|s| &s.name).eq(self.stage_names.iter()) {
            return None;
        }
        let mut dirty = head..new_tail;
        // The touched nodes start before the first FROM: a global ARG was touched,
        // which FROM lines read and `ARG NAME` in a stage takes the default of.
        let first_from = model.stages.first().map_or(new.len(), |s| s.node);
        let global = definitions && head <= first_from;
        if definitions || froms {
            // The stages of the touched nodes (of the node before them when the edit
            // removed nodes only); a node in none is a global one.
            let stage_of = |i: usize| model.node_stage.get(i).copied().flatten();
            let touched: Vec<Option<usize>> = if head < new_tail {
                (head..new_tail).map(stage_of).collect()
            } else {
                vec![head.checked_sub(1).and_then(stage_of)]
            };
            if !global && touched.contains(&None) {
                return None;
            }
            let mut reached = vec![false; model.stages.len()];
            let mut last = None;
            for &stage in touched.iter().flatten() {
                if last != Some(stage) {
                    reached.iter_mut().zip(model.stages_built_on(stage)).for_each(|(r, on)| *r |= on);
                    last = Some(stage);
                }
            }
            if global {
                // Also the stages whose image or base is not what it was, those
                // declaring an ARG named like a global one (before or after the edit),
                // and the stages built on them; the others are checked against what
                // they were. The nodes before the first FROM read the global ARGs too.
                if model.stages.len() != self.stage_bases.len() {
                    return None;
                }
                let globals: Vec<&str> = model
                    .global_args()
                    .map(|(_, d)| d.name.as_str())
                    .chain(self.global_names.iter().map(String::as_str))
                    .collect();
                for (st, (image, base)) in model.stages.iter().zip(&self.stage_bases) {
                    if st.image != *image || st.base != *base {
                        reached[st.index] = true;
                    }
                }
                for d in &model.defs {
                    if let Some(s) = d.stage.filter(|_| d.kind == DefKind::Arg && globals.contains(&d.name.as_str())) {
                        reached[s] = true;
                    }
                }
                // A stage can only build on an earlier one.
                for st in &model.stages {
                    if let Base::Stage(p) = st.base {
                        if reached.get(p) == Some(&true) {
                            reached[st.index] = true;
                        }
                    }
                }
                dirty = dirty.start..dirty.end.max(first_from);
            }
            dirty = widened(model, dirty, &reached, froms || global);
        }
        let (structural, from_lines) = (definitions || froms, froms || global);
        let start = new.get(dirty.start).map_or(tree.len, |n| n.offset);
        let end = new.get(dirty.end).map_or(tree.len, |n| n.offset);
        // Where previous node `k` started; the end of the last node is the end of the
        // text, and a position there belongs to it.
        let old_start = |k: usize| old.get(k).map_or(usize::MAX, |(_, off)| *off);
        Some(Reuse {
            first: old_start(0),
            // The old nodes before `dirty` are the same (all of them are in the
            // unchanged head), and those after it are the unchanged tail's.
            looked: (old_start(dirty.start), old_start(dirty.end + old_tail - new_tail)),
            touched: (old_start(head), old_start(old_tail)),
            delta: tree.len as isize - self.len as isize,
            dirty_text: (start, end, dirty.end == new.len()),
            structural,
            from_lines,
            dirty,
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
        model: &Model,
    ) {
        self.nodes = tree.nodes.iter().map(|n| (n.inst.clone(), n.offset)).collect();
        if !self.stage_names.iter().eq(model.stages.iter().map(|s| &s.name)) {
            self.stage_names = model.stages.iter().map(|s| s.name.clone()).collect();
        }
        if !self.stage_bases.iter().map(|(i, b)| (i, b)).eq(model.stages.iter().map(|s| (&s.image, &s.base))) {
            self.stage_bases = model.stages.iter().map(|s| (s.image.clone(), s.base.clone())).collect();
        }
        if !self.global_names.iter().eq(model.global_args().map(|(_, d)| &d.name)) {
            self.global_names = model.global_args().map(|(_, d)| d.name.clone()).collect();
        }
        self.len = tree.len;
        if &self.build_args != build_args {
            self.build_args = build_args.clone();
        }
        self.today = Some(today);
        self.kept = kept;
    }
}

/// `dirty` widened over the stages marked in `reached` and, when `copies`, over the
/// instructions whose `COPY --from` or `RUN --mount=from=` names one of them (what they
/// copy from may have changed).
fn widened(model: &Model, mut dirty: Range<usize>, reached: &[bool], copies: bool) -> Range<usize> {
    for (st, _) in model.stages.iter().zip(reached).filter(|(_, on)| **on) {
        dirty = dirty.start.min(st.nodes.start)..dirty.end.max(st.nodes.end);
    }
    if copies {
        let reads = |r: &&crate::model::StageRef| r.target.is_some_and(|t| reached.get(t) == Some(&true));
        for r in model.stage_refs.iter().filter(reads) {
            dirty = dirty.start.min(r.node)..dirty.end.max(r.node + 1);
        }
    }
    dirty
}

impl Reuse {
    /// Whether the previous findings of a rule of `scope` (not `Document`) are moved
    /// over rather than worked out again in full.
    pub(super) fn keeps(&self, scope: Scope) -> bool {
        match scope {
            Scope::Structural => !self.structural,
            Scope::FromLines => !self.from_lines,
            Scope::Document | Scope::Node => true,
        }
    }

    /// Whether a fresh finding of a `Node` rule is about a node the edit touched (its
    /// start is in their text; the end of the file belongs to the last node).
    pub(super) fn in_dirty(&self, d: &Diagnostic) -> bool {
        let (start, end, to_eof) = self.dirty_text;
        let pos = d.range.start;
        !self.dirty.is_empty() && pos >= start && (pos < end || (to_eof && pos == end))
    }

    /// Moves a previous finding of a rule of `scope` to where its text is now; `false`
    /// when it is about a node looked at again (the finding is then dropped): for a
    /// `FromLines` rule only the touched nodes (which hold no FROM), for the others
    /// every node of `dirty`.
    pub(super) fn carry(&self, d: &mut Diagnostic, scope: Scope) -> bool {
        let (start, end) = if scope == Scope::FromLines { self.touched } else { self.looked };
        let mut ok = true;
        let mut fix = |r: &mut Range<usize>| match self.place(r.start, start, end) {
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

    /// How far a previous position moved: 0 before `start`, `delta` from `end` on,
    /// `None` in between (or before the first node).
    fn place(&self, pos: usize, start: usize, end: usize) -> Option<isize> {
        if pos < self.first || (start..end).contains(&pos) {
            None
        } else if pos < start {
            Some(0)
        } else {
            Some(self.delta)
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
        "ENV PIP_NO_CACHE_DIR=0 PORT=1\n",
        "ENV PIP_NO_CACHE_DIR=1\n",
        "ARG PORT\n",
        "FROM --platform=linux/amd64 alpine:3.19 AS a\n",
        "FROM --platform=$TARGETPLATFORM alpine:$V\n",
        "FROM --platform=$NOPE alpine:$UNDECLARED\n",
        "ARG V=\n",
        "ARG GITHUB_TOKEN\n",
        "ARG PORT=8080\n",
        "ARG IMG=debian:12\n",
        "FROM $IMG AS viaarg\n",
        "ARG PIP_NO_CACHE_DIR\n",
        "ARG PIP_NO_CACHE_DIR=1\n",
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
        "PIP_NO_CACHE_DIR=1 ",
        "PORT=7 ",
        "IMG=alpine ",
        "-slim",
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

    /// A document of a few thousand instructions drawn from [`LINES`] in a fixed
    /// pseudo-random order: big enough that its rules and its model's variable uses
    /// are worked out on the pool.
    fn big_document() -> String {
        let mut text = String::new();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5000 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            text.push_str(LINES[(state >> 33) as usize % LINES.len()]);
        }
        text
    }

    fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        pool.unwrap_or_else(|e| panic!("{e}")).install(f)
    }

    /// The model and the findings of a big document do not depend on how many threads
    /// worked them out, from scratch or in a kept check after a keystroke.
    #[test]
    fn a_big_document_gets_the_same_model_and_findings_on_one_thread_and_on_several() {
        let text = big_document();
        let tree = parse(&text);
        assert!(tree.nodes.len() >= 3 * crate::model::CHUNK_NODES, "{} nodes", tree.nodes.len());
        let inputs = Inputs { today: Some(today()), ..Inputs::default() };
        let config = RuleConfig::default();
        let build = || Model::new(&text, &tree, &inputs.build_args);
        let (one, several) = (on_threads(1, build), on_threads(3, build));
        assert!(one.uses.len() > 300, "{} uses", one.uses.len());
        same(&one.stages, &several.stages);
        same(&one.defs, &several.defs);
        same(&one.uses, &several.uses);
        same(&one.stage_refs, &several.stage_refs);
        same(&one.node_stage, &several.node_stage);

        let check = || run_with_model(&text, &tree, &one, &inputs, &config);
        let found = on_threads(1, check);
        assert!(found.len() > 1000, "{} findings", found.len());
        same(&found, &on_threads(2, check));

        // A keystroke in a RUN in the middle, checked on the pool keeping the rest.
        let mut checked = Checked::default();
        on_threads(2, || run_checked(&text, &tree, &several, &inputs, &config, &mut checked));
        let at = text.len() / 2 + text[text.len() / 2..].find("curl").unwrap_or(0);
        let next = format!("{}x{}", &text[..at], &text[at..]);
        let mut typed = tree.clone();
        typed.apply_edit(&next, TextEdit { start: at, old_end: at, new_len: 1 });
        let mut previous = several;
        let model = on_threads(2, || Model::after_taking(&next, &typed, &inputs.build_args, &mut previous));
        let kept = on_threads(2, || run_checked(&next, &typed, &model, &inputs, &config, &mut checked));
        let fresh = on_threads(1, || {
            run_with_model(&next, &typed, &Model::new(&next, &typed, &inputs.build_args), &inputs, &config)
        });
        same(&kept, &fresh);
    }

    /// Two long lists are equal; else the first difference.
    fn same<T: PartialEq + std::fmt::Debug>(a: &[T], b: &[T]) {
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            panic!("lengths {} and {}; first difference at {i}: {:?} / {:?}", a.len(), b.len(), a.get(i), b.get(i));
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

    /// What the check after inserting `ins` before `at` may keep.
    fn reuse_after(text: &str, at: &str, ins: &str) -> Option<(Range<usize>, bool)> {
        let (next, old, tree) = edited(text, at, ins);
        let mut checked = Checked::default();
        checked.remember(&old, &BuildArgs::new(), today(), Vec::new(), &Model::new(text, &old, &BuildArgs::new()));
        let model = Model::new(&next, &tree, &BuildArgs::new());
        checked.reuse(&tree, &model, &BuildArgs::new(), today()).map(|r| (r.dirty, r.structural))
    }

    const DOC: &str = "FROM alpine:3.19\nENV A=1\nRUN apk add curl\nEXPOSE 80\nRUN cd /x\n";
    /// Stages a, b (built on a) and c, and a global ARG.
    const STAGES: &str =
        "ARG V=1\nFROM alpine:$V AS a\nENV A=1\nRUN x\nFROM a AS b\nRUN y\nFROM alpine AS c\nENV C=1\nRUN z\n";

    #[test]
    fn an_edit_inside_a_run_keeps_the_rest() {
        assert_eq!(reuse_after(DOC, "curl", "git "), Some((2..3, false)), "only the edited RUN is looked at again");
        assert_eq!(reuse_after(STAGES, "y\n", "q "), Some((5..6, false)));
        // A new line after the last RUN of stage b: the parser looks at that RUN again.
        assert_eq!(reuse_after(STAGES, "FROM alpine AS c", "RUN w\n"), Some((5..7, false)));
        let tree = parse(DOC);
        let inputs = Inputs { today: Some(today()), ..Inputs::default() };
        let model = Model::new(DOC, &tree, &inputs.build_args);
        let mut checked = Checked::default();
        run_checked(DOC, &tree, &model, &inputs, &RuleConfig::default(), &mut checked);
        assert!(checked.kept.iter().any(|(id, d)| *id == "apk-pin-versions" && d.len() == 1));
    }

    #[test]
    fn an_edit_of_a_definition_looks_at_its_stage_and_those_built_on_it() {
        assert_eq!(reuse_after(DOC, "A=1", "B=2 "), Some((0..5, true)));
        // ENV in stage a: a (nodes 1..4) and b (4..6), not c.
        assert_eq!(reuse_after(STAGES, "A=1", "B=2 "), Some((1..6, true)));
        assert_eq!(reuse_after(STAGES, "C=1", "D "), Some((6..9, true)), "stage c alone");
    }

    /// Checks `text`, replaces the first `old` with `new` and checks again keeping the
    /// previous findings (asserting that something was kept, and that the result equals
    /// a fresh check): the findings before and after.
    fn kept_after_replacing(text: &str, old: &str, new: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let inputs = Inputs { today: Some(today()), ..Inputs::default() };
        let config = RuleConfig::default();
        let mut tree = parse(text);
        let mut checked = Checked::default();
        let model = Model::new(text, &tree, &inputs.build_args);
        let before = run_checked(text, &tree, &model, &inputs, &config, &mut checked);
        let at = text.find(old).unwrap_or_else(|| panic!("{old}"));
        let next = format!("{}{new}{}", &text[..at], &text[at + old.len()..]);
        tree.apply_edit(&next, TextEdit { start: at, old_end: at + old.len(), new_len: new.len() });
        let model = Model::new(&next, &tree, &inputs.build_args);
        assert!(checked.reuse(&tree, &model, &inputs.build_args, today()).is_some(), "nothing kept");
        let kept = run_checked(&next, &tree, &model, &inputs, &config, &mut checked);
        assert_eq!(kept, run_with_model(&next, &tree, &model, &inputs, &config));
        (before, kept)
    }

    /// A check of the stage built on the one whose ENV changed finds what a fresh one
    /// finds.
    #[test]
    fn an_env_reaches_the_stages_built_on_its_stage() {
        let text = "FROM alpine AS a\nENV PIP_NO_CACHE_DIR=1\nFROM a AS b\nRUN pip install flask\n";
        let (before, kept) = kept_after_replacing(text, "=1", "=0");
        assert!(!before.iter().any(|d| d.code == "pip-no-cache-dir"), "{before:?}");
        assert!(kept.iter().any(|d| d.code == "pip-no-cache-dir"), "{kept:?}");
    }

    #[test]
    fn a_shell_onbuild_or_stage_name_edit_checks_everything() {
        for (at, ins) in [("RUN cd", "SHELL [\"pwsh\"]\n"), ("RUN cd", "ONBUILD RUN x\n")] {
            assert_eq!(reuse_after(DOC, at, ins), None, "{at} {ins}");
        }
        // Stage names: renamed, added, removed.
        assert_eq!(reuse_after(STAGES, "\nENV C", "x"), None, "c renamed");
        assert_eq!(reuse_after(STAGES, "RUN z", "FROM alpine\n"), None, "a stage added");
        assert_eq!(reuse_after(STAGES, "\nRUN y", "x"), None, "b renamed");
    }

    #[test]
    fn a_global_arg_edit_looks_at_the_stages_it_changes() {
        // A new global ARG that no FROM reads: only the ARG line.
        assert_eq!(reuse_after(STAGES, "V=1", "W=2 "), Some((0..1, true)));
        // A new line: the parser looks at the line before it again.
        assert_eq!(reuse_after(STAGES, "FROM alpine:$V", "ARG W=2\n"), Some((0..2, true)));
        // V's value: stage a's image (nodes 1..4) and b (4..6), built on it; not c.
        assert_eq!(reuse_after(STAGES, "=1", "2"), Some((0..6, true)));
        let copies = format!("{STAGES}COPY --from=a / /\n");
        assert_eq!(reuse_after(&copies, "=1", "2"), Some((0..10, true)), "the COPY --from=a in c too");
        // `ARG V` in stage c takes the global default: c is looked at again too.
        let declared = STAGES.replace("ENV C=1", "ARG V");
        assert_eq!(reuse_after(&declared, "V=1", "W=2 "), Some((0..9, true)));
        assert_eq!(reuse_after(&declared, "V=1", "X"), Some((0..9, true)), "renamed: c's ARG V loses its default");
        // An edit of a stage's FROM is not a global edit.
        assert_eq!(reuse_after(STAGES, "alpine AS c", "x"), Some((6..9, true)));
    }

    /// What a stage's instructions are checked against follows the global ARGs.
    #[test]
    fn a_global_arg_edit_checks_the_stages_against_their_new_images() {
        let text =
            "ARG IMG=alpine:3.19\nFROM $IMG\nRUN apt-get install -y curl\nFROM debian:12 AS d\nRUN apk add curl\n";
        let (before, kept) = kept_after_replacing(text, "alpine:3.19", "debian:12");
        let mismatches = |found: &[Diagnostic]| found.iter().filter(|d| d.code == "package-manager-mismatch").count();
        assert_eq!(mismatches(&before), 2, "{before:?}");
        assert_eq!(mismatches(&kept), 1, "apt-get on debian is fine; apk on debian is kept: {kept:?}");
        // `ARG PIP_NO_CACHE_DIR` in the stage takes the global default.
        let text = "ARG PIP_NO_CACHE_DIR=1\nFROM python:3.13-slim\nARG PIP_NO_CACHE_DIR\nRUN pip install flask\n";
        let (before, kept) = kept_after_replacing(text, "=1", "=0");
        let pip = |found: &[Diagnostic]| found.iter().any(|d| d.code == "pip-no-cache-dir");
        assert!(!pip(&before) && pip(&kept), "{before:?} {kept:?}");
    }

    #[test]
    fn an_image_edit_looks_at_its_stage_those_built_on_it_and_those_copying_from_them() {
        assert_eq!(reuse_after(DOC, "alpine", "x"), Some((0..5, true)));
        // The image of a: a (nodes 1..4) and b (4..6), built on it; not c.
        assert_eq!(reuse_after(STAGES, "alpine:$V", "x"), Some((1..6, true)));
        assert_eq!(reuse_after(STAGES, "alpine AS c", "x"), Some((6..9, true)), "stage c alone");
        // The COPY --from=a in c (node 9) too.
        let copies = format!("{STAGES}COPY --from=a / /\n");
        assert_eq!(reuse_after(&copies, "alpine:$V", "x"), Some((1..10, true)));
        assert_eq!(reuse_after(&copies, "alpine AS c", "x"), Some((6..10, true)));
    }

    /// Copying all of a stage is fine when the stage starts from scratch: once its
    /// FROM names an image, the `COPY --from` in a later stage is reported.
    #[test]
    fn a_from_edit_looks_again_at_the_copies_from_its_stage() {
        let text = "FROM scratch AS out\nCOPY app /app\nFROM alpine:3.24\nRUN echo\nCOPY --from=out / /\n";
        let (before, kept) = kept_after_replacing(text, "scratch", "debian:12");
        assert!(!before.iter().any(|d| d.code == "copy-entire-filesystem"), "{before:?}");
        assert!(kept.iter().any(|d| d.code == "copy-entire-filesystem"), "{kept:?}");
    }

    /// After a FROM edit, the `FromLines` rules run again: a base image past its end of
    /// life updated to a supported one loses its finding.
    #[test]
    fn a_from_edit_checks_the_from_lines_again() {
        let text = "FROM python:3.8-slim AS app\nRUN pip install flask\nFROM alpine:3.24\nCOPY --from=app / /\n";
        let (before, kept) = kept_after_replacing(text, "3.8", "3.13");
        assert!(before.iter().any(|d| d.code == "from-eol"), "{before:?}");
        assert!(!kept.iter().any(|d| d.code == "from-eol"), "{kept:?}");
    }

    #[test]
    fn other_build_args_or_another_day_check_everything() {
        let (next, old, tree) = edited(DOC, "curl", "git ");
        let model = Model::new(&next, &tree, &BuildArgs::new());
        let mut checked = Checked::default();
        checked.remember(&old, &BuildArgs::new(), today(), Vec::new(), &Model::new(DOC, &old, &BuildArgs::new()));
        let args = BuildArgs::from([("A".to_string(), "2".to_string())]);
        assert!(checked.reuse(&tree, &model, &args, today()).is_none());
        let tomorrow = Date::parse("2026-11-29").unwrap_or_else(|| unreachable!());
        assert!(checked.reuse(&tree, &model, &BuildArgs::new(), tomorrow).is_none());
        assert!(checked.reuse(&tree, &model, &BuildArgs::new(), today()).is_some());
        assert!(Checked::default().reuse(&tree, &model, &BuildArgs::new(), today()).is_none(), "nothing kept yet");
    }
}
