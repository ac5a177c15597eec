//! Definition, references, document highlight and rename for stage names and
//! variables, with BuildKit's scopes.
//!
//! Variables are grouped into "families": a global ARG and its re-declarations in
//! stages, the definitions of one name within a stage, and the uses that resolve to
//! them. Two stages that each define `VERSION` have two different variables.

use crate::model::{AUTOMATIC_ARGS, DefKind, PREDEFINED_ARGS, StageRefKind};
use crate::syntax::TextRange;

use super::Doc;

/// What is under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stage(usize),
    /// A variable family: a representative definition, or (undefined) the name and
    /// stage of the use.
    Var {
        family: Family,
        name: String,
    },
}

/// A group of definitions and uses that are one variable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// Global ARG (and its re-declarations).
    Global(String),
    /// Defined in a stage.
    Stage(usize, String),
    /// Never defined; uses in one stage (None: global scope).
    Undefined(Option<usize>, String),
}

/// One occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub range: TextRange,
    /// A definition (write) rather than a use (read).
    pub is_definition: bool,
}

fn def_family(doc: &Doc<'_>, d: usize) -> Family {
    let def = &doc.model.defs[d];
    match def.stage {
        None => Family::Global(def.name.clone()),
        Some(_) if def.global.is_some() => Family::Global(def.name.clone()),
        Some(s) => Family::Stage(s, def.name.clone()),
    }
}

fn use_family(doc: &Doc<'_>, u: usize) -> Family {
    let usage = &doc.model.uses[u];
    match usage.def {
        Some(d) => def_family(doc, d),
        None => Family::Undefined(usage.stage, usage.name.clone()),
    }
}

/// The stage name, stage reference, variable definition or use at `offset`.
pub fn target_at(doc: &Doc<'_>, offset: usize) -> Option<(Target, TextRange)> {
    let m = doc.model;
    let within = |r: &TextRange| r.start <= offset && offset <= r.end;
    for (i, s) in m.stages.iter().enumerate() {
        if let Some(r) = s.name_range.as_ref().filter(|r| within(r)) {
            return Some((Target::Stage(i), r.clone()));
        }
    }
    for r in &m.stage_refs {
        if within(&r.range) {
            if let Some(t) = r.target {
                return Some((Target::Stage(t), r.range.clone()));
            }
        }
    }
    for (i, u) in m.uses.iter().enumerate() {
        if within(&u.whole) {
            return Some((Target::Var { family: use_family(doc, i), name: u.name.clone() }, u.range.clone()));
        }
    }
    for (i, d) in m.defs.iter().enumerate() {
        if within(&d.range) {
            return Some((Target::Var { family: def_family(doc, i), name: d.name.clone() }, d.range.clone()));
        }
    }
    None
}

/// Every occurrence of a target, in document order.
pub fn occurrences(doc: &Doc<'_>, target: &Target) -> Vec<Occurrence> {
    let m = doc.model;
    let mut out = Vec::new();
    match target {
        Target::Stage(s) => {
            if let Some(r) = &m.stages[*s].name_range {
                out.push(Occurrence { range: r.clone(), is_definition: true });
            }
            for r in m.stage_refs.iter().filter(|r| r.target == Some(*s)) {
                out.push(Occurrence { range: r.range.clone(), is_definition: false });
            }
        }
        Target::Var { family, .. } => {
            for (i, d) in m.defs.iter().enumerate() {
                if &def_family(doc, i) == family {
                    out.push(Occurrence { range: d.range.clone(), is_definition: true });
                }
            }
            for (i, u) in m.uses.iter().enumerate() {
                if &use_family(doc, i) == family {
                    out.push(Occurrence { range: u.range.clone(), is_definition: false });
                }
            }
        }
    }
    out.sort_by_key(|o| o.range.start);
    out.dedup_by(|a, b| a.range == b.range);
    out
}

/// Where the thing at `offset` is defined.
pub fn definition(doc: &Doc<'_>, offset: usize) -> Vec<TextRange> {
    let m = doc.model;
    // A use jumps to the definition it resolves to (not the whole family).
    if let Some(u) = m.uses.iter().find(|u| u.whole.start <= offset && offset <= u.whole.end) {
        return u.def.map(|d| vec![m.defs[d].range.clone()]).unwrap_or_default();
    }
    match target_at(doc, offset) {
        Some((Target::Stage(s), _)) => {
            let st = &m.stages[s];
            vec![st.name_range.clone().unwrap_or_else(|| doc.inst(st.node).range(doc.inst(st.node).inst.keyword))]
        }
        Some((Target::Var { .. }, r)) => vec![r],
        None => Vec::new(),
    }
}

/// Why a rename is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameError(pub String);

/// The range to rename at `offset` and its current text.
pub fn prepare_rename(doc: &Doc<'_>, offset: usize) -> Result<(TextRange, String), RenameError> {
    let Some((target, range)) = target_at(doc, offset) else {
        return Err(RenameError("Only stage names and variables can be renamed here.".into()));
    };
    if let Target::Var { name, family } = &target {
        let undefined = matches!(family, Family::Undefined(..));
        if undefined && (AUTOMATIC_ARGS.contains(&name.as_str()) || PREDEFINED_ARGS.contains(&name.as_str())) {
            return Err(RenameError(format!("{name} is defined by BuildKit and cannot be renamed.")));
        }
    }
    if let Target::Stage(_) = target {
        if doc.model.stage_refs.iter().any(|r| r.range == range && r.by_index) {
            return Err(RenameError("A stage index cannot be renamed; rename the stage's name instead.".into()));
        }
    }
    Ok((range.clone(), doc.text[range].to_string()))
}

fn valid_stage_name(n: &str) -> bool {
    let b = n.as_bytes();
    b.first().is_some_and(u8::is_ascii_lowercase)
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'_' | b'.'))
}

fn valid_var_name(n: &str) -> bool {
    let b = n.as_bytes();
    b.first().is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The edits that rename the thing at `offset` to `new_name`.
pub fn rename(doc: &Doc<'_>, offset: usize, new_name: &str) -> Result<Vec<(TextRange, String)>, RenameError> {
    prepare_rename(doc, offset)?;
    let Some((target, _)) = target_at(doc, offset) else {
        return Err(RenameError("Nothing to rename here.".into()));
    };
    match &target {
        Target::Stage(_) if !valid_stage_name(new_name) => {
            return Err(RenameError(format!(
                "'{new_name}' is not a valid stage name: use lowercase letters, digits, '-', '_' and '.', starting with a letter."
            )));
        }
        Target::Var { .. } if !valid_var_name(new_name) => {
            return Err(RenameError(format!(
                "'{new_name}' is not a valid variable name: use letters, digits and '_', not starting with a digit."
            )));
        }
        _ => {}
    }
    if let Target::Stage(s) = target {
        if doc.model.stages.iter().any(|st| st.index != s && st.name.as_deref() == Some(new_name)) {
            return Err(RenameError(format!("A stage named '{new_name}' already exists.")));
        }
    }
    let edits = occurrences(doc, &target)
        .into_iter()
        .filter(|o| match target {
            Target::Stage(_) => !doc.text[o.range.clone()].bytes().all(|c| c.is_ascii_digit()),
            Target::Var { .. } => true,
        })
        .map(|o| (o.range, new_name.to_string()))
        .collect();
    Ok(edits)
}

/// Whether a definition is an ENV (for highlight kinds and hovers).
pub fn is_env(doc: &Doc<'_>, def: usize) -> bool {
    doc.model.defs.get(def).is_some_and(|d| d.kind == DefKind::Env)
}

/// Whether a stage reference is a COPY/mount `from`.
pub fn is_copy_ref(kind: StageRefKind) -> bool {
    matches!(kind, StageRefKind::CopyFrom | StageRefKind::MountFrom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;
    use crate::rules::testing::parse_fixture;

    /// Ranges as `line:text` for readable assertions.
    fn show(text: &str, ranges: &[TextRange]) -> Vec<String> {
        ranges.iter().map(|r| format!("{}:{}", text[..r.start].matches('\n').count() + 1, &text[r.clone()])).collect()
    }

    #[test]
    fn stage_definition_and_references() {
        let f = parse_fixture(
            "FROM a AS bu$0ild\nFROM build AS test\nCOPY --from=build /a /b\nCOPY --from=0 /a /b\nRUN --mount=from=build,target=/x true\nRUN echo build\n",
        );
        with_doc(&f.text, |d| {
            let at = f.cursor.unwrap_or(0);
            let (t, _) = target_at(d, at).unwrap_or((Target::Stage(99), 0..0));
            let occ: Vec<TextRange> = occurrences(d, &t).into_iter().map(|o| o.range).collect();
            assert_eq!(show(&f.text, &occ), ["1:build", "2:build", "3:build", "4:0", "5:build"]);
            let from_use = f.text.find("--from=build").unwrap_or(0) + 8;
            assert_eq!(show(&f.text, &definition(d, from_use)), ["1:build"]);
            let edits = rename(d, at, "builder").unwrap_or_default();
            let ranges: Vec<TextRange> = edits.iter().map(|e| e.0.clone()).collect();
            assert_eq!(
                show(&f.text, &ranges),
                ["1:build", "2:build", "3:build", "5:build"],
                "index and shell word untouched"
            );
            assert!(rename(d, at, "Bad Name").is_err());
            assert!(rename(d, at, "test").is_err_and(|e| e.0.contains("already exists")));
        });
    }

    #[test]
    fn variable_families_follow_scopes() {
        let text = "ARG V=1\nFROM img:$V AS a\nARG V\nRUN echo $V\nENV E=x\nFROM img AS b\nENV E=y\nRUN echo $E $V\n";
        with_doc(text, |d| {
            let at = text.find("$V").unwrap_or(0) + 1;
            let (t, _) = target_at(d, at).unwrap_or((Target::Stage(0), 0..0));
            let occ: Vec<TextRange> = occurrences(d, &t).into_iter().map(|o| o.range).collect();
            assert_eq!(
                show(text, &occ),
                ["1:V", "2:V", "3:V", "4:V"],
                "global, FROM use, re-declaration, use after it"
            );
            let e_in_a = text.find("E=x").unwrap_or(0);
            let (t, _) = target_at(d, e_in_a).unwrap_or((Target::Stage(0), 0..0));
            assert_eq!(occurrences(d, &t).len(), 1, "stage b's E is another variable");
            let last_v = text.rfind("$V").unwrap_or(0) + 1;
            assert!(definition(d, last_v).is_empty(), "V is not declared in stage b");
        });
    }

    #[test]
    fn automatic_args_cannot_be_renamed() {
        let text = "FROM --platform=$BUILDPLATFORM a\n";
        with_doc(text, |d| {
            let at = text.find("BUILD").unwrap_or(0);
            assert!(prepare_rename(d, at).is_err());
        });
    }
}
