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
