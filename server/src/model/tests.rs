use super::*;
use crate::syntax::parse;

fn model(text: &str) -> Model {
    Model::new(text, &parse(text), &BuildArgs::new())
}

/// `name@line -> def line` for each use, `-` when undefined.
fn resolved(text: &str) -> Vec<String> {
    let m = model(text);
    let line = |off: usize| text[..off].matches('\n').count() + 1;
    m.uses
        .iter()
        .map(|u| {
            let def = u.def.map_or("-".to_string(), |d| line(m.defs[d].range.start).to_string());
            format!("{}@{}->{}", u.name, line(u.range.start), def)
        })
        .collect()
}

#[test]
fn stages_and_bases() {
    let text = "ARG BASE=python:3.12\nFROM ${BASE}-slim AS Build\nFROM build AS test\nFROM scratch\nFROM $UNSET\nFROM alpine\n";
    let m = model(text);
    let bases: Vec<&Base> = m.stages.iter().map(|s| &s.base).collect();
    assert_eq!(bases, [&Base::Image, &Base::Stage(0), &Base::Scratch, &Base::Unresolved, &Base::Image]);
    assert_eq!(m.stages[0].image.as_deref(), Some("python:3.12-slim"));
    assert_eq!(m.stages[0].name.as_deref(), Some("build"), "names are lower-cased");
    assert_eq!(m.stage_chain(1), [1, 0]);
    assert_eq!(m.root_image(1).map(|s| s.index), Some(0));
    assert_eq!(m.node_stage, [None, Some(0), Some(1), Some(2), Some(3), Some(4)]);
}

#[test]
fn build_args_override_defaults() {
    let text = "ARG TAG=1\nFROM app:$TAG\n";
    let mut args = BuildArgs::new();
    args.insert("TAG".into(), "2".into());
    let m = Model::new(text, &parse(text), &args);
    assert_eq!(m.stages[0].image.as_deref(), Some("app:2"));
}

#[test]
fn buildkit_scoping() {
    let text = "\
ARG V=1
ARG ONLY_GLOBAL
FROM img:$V AS a
RUN echo $V
ARG V
RUN echo $V $ONLY_GLOBAL
ENV E=x F=$E
ENV G=$E
FROM a
RUN echo $E $V
COPY --chown=$E:$TARGETARCH x y
";
    assert_eq!(
        resolved(text),
        [
            "V@3->1",           // FROM sees global ARGs
            "V@4->-",           // not re-declared yet in the stage
            "V@6->5",           // after `ARG V`
            "ONLY_GLOBAL@6->-", // never re-declared
            "E@7->-",           // same ENV instruction: old value
            "E@8->7",
            "E@10->7", // ENV is inherited through FROM <stage>
            "V@10->-", // ARG is not
            "E@11->7",
            "TARGETARCH@11->-",
        ]
    );
    let m = model(text);
    assert_eq!(m.defs[2].global, Some(0), "ARG V in the stage re-declares the global one");
    assert!(m.uses.iter().any(|u| u.name == "TARGETARCH" && u.automatic));
}

#[test]
fn arg_values_are_sequential_within_one_instruction() {
    assert_eq!(resolved("FROM a\nARG A=1 B=$A\n"), ["A@2->2"]);
}

#[test]
fn stage_references() {
    let text = "FROM a AS one\nFROM b AS two\nCOPY --from=one /x /y\nCOPY --from=0 /x /y\nCOPY --from=three /x /y\nCOPY --from=nginx:1 /x /y\nRUN --mount=type=cache,from=one,target=/c true\nFROM c AS three\nFROM one\n";
    let m = model(text);
    let refs: Vec<(String, Option<usize>, StageRefKind)> =
        m.stage_refs.iter().map(|r| (r.text.clone(), r.target, r.kind)).collect();
    assert_eq!(
        refs,
        [
            ("one".into(), Some(0), StageRefKind::CopyFrom),
            ("0".into(), Some(0), StageRefKind::CopyFrom),
            ("three".into(), Some(2), StageRefKind::CopyFrom),
            ("nginx:1".into(), None, StageRefKind::CopyFrom),
            ("one".into(), Some(0), StageRefKind::MountFrom),
            ("one".into(), Some(0), StageRefKind::FromBase),
        ]
    );
    let mount = &m.stage_refs[4];
    assert_eq!(&text[mount.range.clone()], "one");
}

#[test]
fn uses_in_heredocs_and_continuations_point_at_source() {
    let text =
        "FROM a\nARG NAME\nRUN echo \\\n  $NAME\nCOPY <<EOF /x\nhello ${NAME}\nEOF\nRUN <<'EOF'\n$NOT_EXPANDED\nEOF\n";
    let m = model(text);
    let found: Vec<&str> = m.uses.iter().map(|u| &text[u.range.clone()]).collect();
    assert_eq!(found, ["NAME", "NAME"]);
    assert!(m.uses.iter().all(|u| u.def == Some(0)));
}

#[test]
fn visible_definitions_for_completion() {
    let text = "ARG G=1\nFROM a AS base\nENV A=1\nARG B\nFROM base\nENV C=2\nRUN x\n";
    let m = model(text);
    let names: Vec<&str> = m.visible_defs(6, Some(1)).iter().map(|&i| m.defs[i].name.as_str()).collect();
    assert_eq!(names, ["C", "A"], "own ENV, inherited ENV; not ARG B of the base stage");
    let names: Vec<&str> = m.visible_defs(1, None).iter().map(|&i| m.defs[i].name.as_str()).collect();
    assert_eq!(names, ["G"]);
}

/// The model of a new revision after `edit`, built on the incrementally parsed tree
/// whose untouched instructions were modelled before.
fn edited(text: &str, start: usize, end: usize, insert: &str) -> (String, SyntaxTree, Model) {
    let mut tree = parse(text);
    Model::new(text, &tree, &BuildArgs::new());
    let next = format!("{}{insert}{}", &text[..start], &text[end..]);
    tree.apply_edit(&next, crate::syntax::TextEdit { start, old_end: end, new_len: insert.len() });
    let after = Model::new(&next, &tree, &BuildArgs::new());
    (next, tree, after)
}

/// Where each node's variable references are kept (its instruction's view cache).
fn kept_refs(text: &str, tree: &SyntaxTree) -> Vec<*const crate::syntax::VarRef> {
    tree.nodes.iter().map(|n| n.view(text).var_refs().as_ptr()).collect()
}

fn assert_same_model(a: &Model, b: &Model) {
    assert_eq!(a.uses, b.uses);
    assert_eq!(a.defs, b.defs);
    assert_eq!(a.stages, b.stages);
    assert_eq!(a.stage_refs, b.stage_refs);
    assert_eq!(a.node_stage, b.node_stage);
}

#[test]
fn a_new_revision_rescans_only_the_edited_instruction() {
    let text = "ARG V=1\nFROM alpine:$V AS a\nRUN echo $V $HOME\nENV P=/x:$PATH\nCOPY --chown=$U src/ /dst/\n";
    let at = text.find("$HOME").unwrap_or_else(|| panic!("fixture"));
    let (next, tree, after) = edited(text, at, at + 5, "${HOME}/bin $V");
    let fresh = Model::new(&next, &tree, &BuildArgs::new());
    assert_same_model(&after, &fresh);
    let found: Vec<&str> = after.uses.iter().map(|u| &next[u.range.clone()]).collect();
    assert_eq!(found, ["V", "V", "HOME", "V", "PATH", "U"], "the moved uses point at the new text");
    // The untouched instructions keep their references: a model of the next revision
    // reads them from the same allocations and scans only the edited RUN.
    let mut tree = parse(text);
    let first = Model::new(text, &tree, &BuildArgs::new());
    let before = kept_refs(text, &tree);
    let next = format!("{}{}{}", &text[..at], "$X", &text[at + 5..]);
    tree.apply_edit(&next, crate::syntax::TextEdit { start: at, old_end: at + 5, new_len: 2 });
    let second = Model::new(&next, &tree, &BuildArgs::new());
    let after = kept_refs(&next, &tree);
    // (An empty list has no allocation: compare the nodes that have references.)
    let has_refs: Vec<bool> = tree.nodes.iter().map(|n| !n.view(&next).var_refs().is_empty()).collect();
    assert_eq!(has_refs, [false, true, true, true, true]);
    let kept: Vec<bool> = before.iter().zip(&after).map(|(b, a)| b == a).collect();
    assert_eq!(kept[1..], [true, false, true, true]);
    let rescanned: Vec<&str> = tree.nodes[2].view(&next).var_refs().iter().map(|u| &*u.name).collect();
    assert_eq!(rescanned, ["V", "X"]);
    assert_same_model(&second, &Model::new(&next, &parse(&next), &BuildArgs::new()));
    assert_ne!(first.uses, second.uses);
    // A tree parsed afresh scans every instruction again.
    let fresh = parse(&next);
    Model::new(&next, &fresh, &BuildArgs::new());
    let again: Vec<bool> = kept_refs(&next, &fresh).iter().zip(&after).map(|(a, b)| a == b).collect();
    assert_eq!(again[1..], [false; 4]);

    // Taking the previous model apart gives the same model.
    let mut tree = parse(text);
    let mut first = Model::new(text, &tree, &BuildArgs::new());
    tree.apply_edit(&next, crate::syntax::TextEdit { start: at, old_end: at + 5, new_len: 2 });
    let taken = Model::after_taking(&next, &tree, &BuildArgs::new(), &mut first);
    assert_same_model(&taken, &Model::new(&next, &tree, &BuildArgs::new()));
}

#[test]
fn an_edit_of_a_plain_instruction_moves_the_model_over() {
    let text = "ARG V=1\nFROM alpine:$V AS a\nRUN echo $V\nCOPY --from=a /x /y\nENV W=$V\nRUN echo $W\n";
    let at = text.find("echo $V").unwrap_or_else(|| panic!("fixture"));
    let mut tree = parse(text);
    let mut first = Model::new(text, &tree, &BuildArgs::new());
    let next = format!("{}x $V {}", &text[..at], &text[at..]);
    tree.apply_edit(&next, crate::syntax::TextEdit { start: at, old_end: at, new_len: 5 });
    let taken = patched(&next, &tree, &BuildArgs::new(), &mut first).unwrap_or_else(|| panic!("moved over"));
    assert!(first.defs.is_empty() && first.stages.is_empty(), "taken apart");
    assert_same_model(&taken, &Model::new(&next, &tree, &BuildArgs::new()));
    let found: Vec<&str> = taken.uses.iter().map(|u| &next[u.range.clone()]).collect();
    assert_eq!(found, ["V", "V", "V", "V", "W"]);

    // An edit of an ENV in a stage moves the model over too, and resolves the uses of
    // that stage again: `$W` in the last RUN now finds the new definition.
    let mut tree = parse(text);
    let mut first = Model::new(text, &tree, &BuildArgs::new());
    let at = text.find("W=").unwrap_or_else(|| panic!("fixture"));
    let next = format!("{}X=1 {}", &text[..at], &text[at..]);
    tree.apply_edit(&next, crate::syntax::TextEdit { start: at, old_end: at, new_len: 4 });
    let taken = patched(&next, &tree, &BuildArgs::new(), &mut first).unwrap_or_else(|| panic!("moved over"));
    assert_same_model(&taken, &Model::new(&next, &tree, &BuildArgs::new()));
    let w = taken.uses.last().and_then(|u| u.def).map(|d| taken.defs[d].name.as_str());
    assert_eq!(w, Some("W"));

    // A new definition in stage a: stage b, built on a, now sees it; stage c's
    // definitions move one place down the list.
    let text2 =
        "ARG V=1\nFROM alpine AS a\nENV A=1\nFROM a AS b\nRUN echo $W\nFROM alpine AS c\nENV C=1\nRUN echo $C\n";
    let mut tree = parse(text2);
    let mut first = Model::new(text2, &tree, &BuildArgs::new());
    assert_eq!(first.uses[0].def, None);
    let at = text2.find("A=1").unwrap_or_else(|| panic!("fixture"));
    let next = format!("{}W=2 {}", &text2[..at], &text2[at..]);
    tree.apply_edit(&next, crate::syntax::TextEdit { start: at, old_end: at, new_len: 4 });
    let taken = patched(&next, &tree, &BuildArgs::new(), &mut first).unwrap_or_else(|| panic!("moved over"));
    assert_same_model(&taken, &Model::new(&next, &tree, &BuildArgs::new()));
    let names: Vec<Option<&str>> = taken.uses.iter().map(|u| u.def.map(|d| taken.defs[d].name.as_str())).collect();
    assert_eq!(names, [Some("W"), Some("C")]);

    // A global ARG (FROM lines read it), a FROM that names its stage otherwise, a new
    // stage, or other build args: built afresh.
    for (at, ins) in [("V=1", "U=2 "), ("\nRUN echo $V", "x"), ("RUN echo $W", "FROM a\n")] {
        let mut tree = parse(text);
        let mut first = Model::new(text, &tree, &BuildArgs::new());
        let start = text.find(at).unwrap_or_else(|| panic!("fixture"));
        let next = format!("{}{ins}{}", &text[..start], &text[start..]);
        tree.apply_edit(&next, crate::syntax::TextEdit { start, old_end: start, new_len: ins.len() });
        assert!(patched(&next, &tree, &BuildArgs::new(), &mut first).is_none(), "{at}");
        let built = Model::after_taking(&next, &tree, &BuildArgs::new(), &mut first);
        assert_same_model(&built, &Model::new(&next, &tree, &BuildArgs::new()));
    }
    let mut first = Model::new(text, &parse(text), &BuildArgs::new());
    let args = BuildArgs::from([("V".to_string(), "2".to_string())]);
    assert!(patched(text, &parse(text), &args, &mut first).is_none());
}

/// An edit inside a FROM line that keeps the stage's name: the stage is made again,
/// and the uses of the stages built on it are resolved again (the image may now be
/// another stage, whose ENV they inherit).
#[test]
fn an_image_edit_moves_the_model_over() {
    let text = "ARG V=1\nFROM alpine AS base\nENV W=1\nFROM alpine:$V AS a\nRUN echo $W\nFROM a AS b\nRUN echo $W\nCOPY --from=a /x /y\n";
    let mut tree = parse(text);
    let mut first = Model::new(text, &tree, &BuildArgs::new());
    assert_eq!(first.uses.iter().filter(|u| u.def.is_some()).count(), 1, "only $V");
    // `FROM alpine:$V AS a` → `FROM base AS a`: a and b now see base's `W`.
    let start = text.find("alpine:$V").unwrap_or_else(|| panic!("fixture"));
    let next = format!("{}base{}", &text[..start], &text[start + 9..]);
    tree.apply_edit(&next, crate::syntax::TextEdit { start, old_end: start + 9, new_len: 4 });
    let taken = patched(&next, &tree, &BuildArgs::new(), &mut first).unwrap_or_else(|| panic!("moved over"));
    assert_same_model(&taken, &Model::new(&next, &tree, &BuildArgs::new()));
    assert_eq!(taken.stages[1].base, Base::Stage(0));
    let w: Vec<Option<usize>> = taken.uses.iter().filter(|u| u.name == "W").map(|u| u.def).collect();
    assert_eq!(w, [Some(1), Some(1)]);
}

#[test]
fn reused_scans_are_resolved_against_the_new_definitions() {
    // Removing the stage's `ARG V` changes what the untouched RUN's `$V` means.
    let text = "ARG V=1\nFROM alpine\nARG V\nRUN echo $V\n";
    let at = text.find("ARG V\n").unwrap_or_else(|| panic!("fixture"));
    let (next, tree, after) = edited(text, at, at + 6, "");
    assert_same_model(&after, &Model::new(&next, &tree, &BuildArgs::new()));
    assert_eq!(after.uses.last().map(|u| u.def), Some(None), "the global ARG is not visible in the stage");
}

mod reuse_property {
    use proptest::prelude::*;

    use super::*;

    const SNIPPETS: &[&str] = &[
        "ARG V=1\n",
        "ARG W\n",
        "FROM alpine:$V AS a\n",
        "FROM --platform=$BUILDPLATFORM a AS b\n",
        "ENV P=/x:$PATH Q=${V:-d}\n",
        "RUN echo $V \\\n  ${W} && cd $HOME\n",
        "RUN <<EOF\necho $V\nEOF\n",
        "COPY --chown=$U --from=a <<EOT /d/$V\n$W\nEOT\n",
        "LABEL x=\"$V\"\n",
        "WORKDIR /$W\n",
        "# c $V\n",
        "\n",
        "COPY --from=b /x /y\n",
        "RUN --mount=from=a,target=/m echo $V\n",
        "EXPOSE $V\n",
        "FROM a\n",
    ];
    const INSERTS: &[&str] = &[
        "",
        "$",
        "V",
        "{",
        "}",
        "\n",
        "\\\n",
        "ARG V=2\n",
        "FROM b\n",
        " $W",
        "<<",
        "EOF\n",
        " x",
        "$V ",
        "RUN y $W\n",
        "COPY --from=a a b\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn a_model_built_on_the_previous_one_equals_a_fresh_one(
            parts in prop::collection::vec(prop::sample::select(SNIPPETS), 0..10),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..8, prop::sample::select(INSERTS)), 1..6),
        ) {
            let mut text = parts.concat();
            let mut tree = parse(&text);
            let mut model = Model::new(&text, &tree, &BuildArgs::new());
            for (k, (at, del, ins)) in edits.into_iter().enumerate() {
                let start = at.index(text.len() + 1);
                let end = (start + del).min(text.len());
                let next = format!("{}{ins}{}", &text[..start], &text[end..]);
                tree.apply_edit(&next, crate::syntax::TextEdit { start, old_end: end, new_len: ins.len() });
                text = next;
                // Both ways to build a new revision's model: afresh on the kept
                // instructions, or taking the previous model apart.
                model = if k % 2 == 0 {
                    Model::new(&text, &tree, &BuildArgs::new())
                } else {
                    Model::after_taking(&text, &tree, &BuildArgs::new(), &mut model)
                };
                let fresh = Model::new(&text, &tree, &BuildArgs::new());
                prop_assert_eq!(&model.uses, &fresh.uses, "text: {:?}", text);
                prop_assert_eq!(&model.defs, &fresh.defs);
                prop_assert_eq!(&model.stage_refs, &fresh.stage_refs);
                prop_assert_eq!(&model.stages, &fresh.stages);
                prop_assert_eq!(&model.node_stage, &fresh.node_stage);
                prop_assert_eq!(&model.stage_defs, &fresh.stage_defs);
                prop_assert_eq!(&model.global_defs, &fresh.global_defs);
                // What the next revision builds on: each node's instruction, at its offset.
                let scans: Vec<(usize, usize)> = model.seen.iter().map(|s| (Arc::as_ptr(&s.inst) as usize, s.offset)).collect();
                let nodes: Vec<(usize, usize)> = tree.nodes.iter().map(|n| (Arc::as_ptr(&n.inst) as usize, n.offset)).collect();
                prop_assert_eq!(scans, nodes);
            }
        }
    }
}

#[test]
fn definitions_and_stage_references_of_one_instruction() {
    let text = "ARG A=1\nFROM a AS one\nENV X=1 Y=2\nRUN x\nCOPY --from=one /a /b\nFROM one\n";
    let m = model(text);
    let names = |node| m.defs_at(node).iter().map(|d| d.name.as_str()).collect::<Vec<_>>();
    assert_eq!((names(0), names(2), names(3)), (vec!["A"], vec!["X", "Y"], vec![]));
    assert!(m.defs_at(99).is_empty());
    let refs = |node| m.stage_refs_at(node).iter().map(|r| r.kind).collect::<Vec<_>>();
    assert_eq!((refs(3), refs(4), refs(5)), (vec![], vec![StageRefKind::CopyFrom], vec![StageRefKind::FromBase]));
}
