//! The semantic view of one Dockerfile: stages and what they build on, ARG/ENV
//! definitions and every variable use resolved to its definition with BuildKit's
//! scoping, and the references between stages. Pure functions of the syntax tree.

pub mod expand;
pub mod shell;

use std::ops::Range;
use std::sync::Arc;

pub use crate::syntax::UseContext;
use crate::syntax::vars::VarOp;
use crate::syntax::{InstRef, Instruction, Keyword, SyntaxTree, TextRange, VarRef};

/// ARGs BuildKit defines on its own (available in FROM lines, and in a stage once
/// declared with `ARG NAME`).
pub const AUTOMATIC_ARGS: [&str; 8] = [
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
];

/// Build arguments Docker predefines (proxies), usable without an ARG line.
pub const PREDEFINED_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// Whether a variable is defined by ARG or ENV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefKind {
    Arg,
    Env,
}

/// One `ARG name[=value]` or `ENV key=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarDef {
    pub name: String,
    /// The name as written.
    pub range: TextRange,
    pub kind: DefKind,
    /// Index of the node (instruction) that defines it.
    pub node: usize,
    /// The stage it belongs to; `None` for global ARGs (before the first FROM).
    pub stage: Option<usize>,
    /// The value as written, quotes removed.
    pub value: Option<String>,
    pub value_range: Option<TextRange>,
    /// For `ARG NAME` inside a stage: the global ARG it re-declares.
    pub global: Option<usize>,
}

/// One `$NAME` / `${NAME…}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarUse {
    pub name: String,
    /// The name.
    pub range: TextRange,
    /// From `$` to the end of the reference.
    pub whole: TextRange,
    pub node: usize,
    pub stage: Option<usize>,
    pub context: UseContext,
    pub op: VarOp,
    /// The definition in scope (index into [`Model::defs`]).
    pub def: Option<usize>,
    /// A platform ARG BuildKit provides (FROM lines only, or once declared).
    pub automatic: bool,
}

/// What a stage starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    Scratch,
    /// An earlier stage.
    Stage(usize),
    /// An image reference (after expanding global ARG defaults).
    Image,
    /// The reference still has variables without values.
    Unresolved,
}

/// One build stage: a FROM and the instructions up to the next FROM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub index: usize,
    /// Node index of the FROM.
    pub node: usize,
    /// Node indices of the stage's instructions, FROM included.
    pub nodes: Range<usize>,
    /// Lower-cased name.
    pub name: Option<String>,
    pub name_range: Option<TextRange>,
    pub base: Base,
    /// The image word as written and its range.
    pub image_text: String,
    pub image_range: TextRange,
    /// The image after expanding global ARG defaults (and build args).
    pub image: Option<String>,
}

/// Kinds of references to a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageRefKind {
    FromBase,
    CopyFrom,
    MountFrom,
}

/// `FROM <stage>`, `COPY --from=<stage|index|image>`, `RUN --mount=from=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRef {
    pub range: TextRange,
    pub text: String,
    pub kind: StageRefKind,
    pub node: usize,
    /// The stage containing the reference (None for nothing before the first FROM).
    pub stage: Option<usize>,
    /// The stage it names, if it names one (by name or index, earlier or later).
    pub target: Option<usize>,
    /// A numeric index.
    pub by_index: bool,
}

/// The semantic model.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub stages: Vec<Stage>,
    /// All ARG/ENV definitions in document order.
    pub defs: Vec<VarDef>,
    /// All variable uses in document order.
    pub uses: Vec<VarUse>,
    /// Stage references in node order.
    pub stage_refs: Vec<StageRef>,
    /// For each node, its stage (`None` before the first FROM).
    pub node_stage: Vec<Option<usize>>,
    /// Indices into `defs` per stage, in order; global ARGs are in `global_defs`.
    pub stage_defs: Vec<Vec<usize>>,
    pub global_defs: Vec<usize>,
    /// Per node: its instruction and offset, which tell the next revision's model
    /// which nodes an edit left untouched.
    seen: Vec<Seen>,
    /// The length of the text and the build args this model was built for.
    len: usize,
    build_args: BuildArgs,
}

/// One node of the revision a model was built for.
#[derive(Clone, Debug)]
struct Seen {
    /// Holds the instruction, so no other instruction can take its address while this
    /// entry may be matched against it.
    inst: Arc<Instruction>,
    /// The node's offset in that revision.
    offset: usize,
}

/// Values for ARGs given from outside (`--build-arg`, settings).
pub type BuildArgs = std::collections::HashMap<String, String>;

impl Model {
    /// Builds the model for a parsed document.
    ///
    /// Each instruction's variable references are read from its view cache
    /// ([`InstRef::var_refs`]): the incremental parser keeps the instructions an edit
    /// did not touch, so the model of a new revision scans only the edited ones.
    pub fn new(text: &str, tree: &SyntaxTree, build_args: &BuildArgs) -> Model {
        Builder { text, tree, build_args, m: Model::default(), names: Default::default() }.run()
    }

    /// [`Model::new`] for a new revision, taking the previous revision's model apart,
    /// which is cheaper still: after an edit that touched no global ARG and at most one
    /// FROM line (which keeps its stage's name), its stages, definitions, uses and stage
    /// references are moved over and only the touched nodes are looked at (with the
    /// uses of the stages an ARG, ENV or FROM edit reaches resolved again). Any other
    /// edit builds the model afresh. `previous` is not usable afterwards (only for
    /// building another model on it, which then starts afresh). The result equals
    /// `Model::new`.
    pub fn after_taking(text: &str, tree: &SyntaxTree, build_args: &BuildArgs, previous: &mut Model) -> Model {
        if let Some(m) = patched(text, tree, build_args, previous) {
            return m;
        }
        Model::new(text, tree, build_args)
    }

    /// Global ARG definitions (before the first FROM).
    pub fn global_args(&self) -> impl DoubleEndedIterator<Item = (usize, &VarDef)> {
        self.global_defs.iter().map(|&i| (i, &self.defs[i]))
    }

    fn defs_of(&self, stage: usize) -> impl DoubleEndedIterator<Item = (usize, &VarDef)> {
        self.stage_defs.get(stage).into_iter().flatten().map(|&i| (i, &self.defs[i]))
    }

    /// The stage named `name` (case-insensitive).
    pub fn stage_by_name(&self, name: &str) -> Option<&Stage> {
        let lower = name.to_ascii_lowercase();
        self.stages.iter().find(|s| s.name.as_deref() == Some(lower.as_str()))
    }

    /// The stage references written in one instruction.
    pub fn stage_refs_at(&self, node: usize) -> &[StageRef] {
        of_node(&self.stage_refs, node, |r| r.node)
    }

    /// The ARG/ENV definitions one instruction makes, in order.
    pub fn defs_at(&self, node: usize) -> &[VarDef] {
        of_node(&self.defs, node, |d| d.node)
    }

    /// The stage the node at `node` belongs to.
    pub fn stage_of(&self, node: usize) -> Option<&Stage> {
        self.node_stage.get(node).copied().flatten().and_then(|s| self.stages.get(s))
    }

    /// The final stage (the one `docker build` builds without `--target`).
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The chain of stages a stage builds on, itself first.
    pub fn stage_chain(&self, stage: usize) -> Vec<usize> {
        let mut out = vec![stage];
        let mut cur = stage;
        while let Some(Base::Stage(p)) = self.stages.get(cur).map(|s| &s.base) {
            if out.contains(p) {
                break;
            }
            out.push(*p);
            cur = *p;
        }
        out
    }

    /// Per stage: whether it is `stage` or built on it, directly or through other
    /// stages (what an ENV in `stage` reaches).
    pub fn stages_built_on(&self, stage: usize) -> Vec<bool> {
        let mut out = vec![false; self.stages.len()];
        for st in &self.stages {
            let on_marked = matches!(st.base, Base::Stage(p) if out.get(p) == Some(&true));
            if st.index == stage || on_marked {
                out[st.index] = true;
            }
        }
        out
    }

    /// The image at the root of a stage's chain (following `FROM <stage>`).
    pub fn root_image(&self, stage: usize) -> Option<&Stage> {
        self.stage_chain(stage).last().and_then(|&s| self.stages.get(s))
    }

    /// Definitions visible to a use in `node` of `stage` in a builder/shell context:
    /// earlier ARG/ENV of the stage, then ENV of the stages it builds on.
    pub fn visible_defs(&self, node: usize, stage: Option<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(stage) = stage else {
            return self.global_args().filter(|(_, d)| d.node < node).map(|(i, _)| i).collect();
        };
        for (pos, s) in self.stage_chain(stage).into_iter().enumerate() {
            for (i, d) in self.defs_of(s) {
                let inherited = pos > 0;
                if inherited && d.kind != DefKind::Env {
                    continue;
                }
                if !inherited && d.node >= node {
                    continue;
                }
                if !out.iter().any(|&o: &usize| self.defs[o].name == d.name) {
                    out.push(i);
                }
            }
        }
        // Later definitions shadow earlier ones: keep the last of each name.
        out.sort_by_key(|&i| std::cmp::Reverse(self.defs[i].node));
        let mut seen = std::collections::HashSet::new();
        out.retain(|&i| seen.insert(self.defs[i].name.clone()));
        out
    }

    /// The value a variable has at `node` (ARG defaults, ENV values, build args), if known.
    pub fn value_at(&self, name: &str, node: usize, stage: Option<usize>, build_args: &BuildArgs) -> Option<String> {
        let def = self.resolve(name, node, stage, UseContext::Builder)?;
        let d = &self.defs[def];
        if d.kind == DefKind::Arg {
            if let Some(v) = build_args.get(name) {
                return Some(v.clone());
            }
            if d.value.is_none() {
                return d.global.and_then(|g| self.defs[g].value.clone());
            }
        }
        d.value.clone()
    }

    /// The definition a use of `name` in `node` resolves to.
    pub fn resolve(&self, name: &str, node: usize, stage: Option<usize>, context: UseContext) -> Option<usize> {
        if context == UseContext::From || stage.is_none() {
            return self.global_args().rev().find(|(_, d)| d.name == name && d.node < node).map(|(i, _)| i);
        }
        let mut cur = stage?;
        let mut hops = 0;
        loop {
            let found = self
                .defs_of(cur)
                .rev()
                .find(|(_, d)| d.name == name && if hops == 0 { d.node < node } else { d.kind == DefKind::Env });
            if let Some((i, _)) = found {
                return Some(i);
            }
            match self.stages.get(cur).map(|s| &s.base) {
                Some(Base::Stage(p)) if hops < self.stages.len() => {
                    cur = *p;
                    hops += 1;
                }
                _ => return None,
            }
        }
    }
}

/// From this many nodes on, a model's variable uses are worked out side by side on
/// the pool, in chunks of [`CHUNK_NODES`] nodes.
const PARALLEL_NODES: usize = 2048;
pub(crate) const CHUNK_NODES: usize = 1024;

struct Builder<'a> {
    text: &'a str,
    tree: &'a SyntaxTree,
    build_args: &'a BuildArgs,
    m: Model,
    /// Lower-cased stage name → the first stage with that name.
    names: foldhash::HashMap<String, usize>,
}

impl Builder<'_> {
    fn run(mut self) -> Model {
        let n = self.tree.nodes.len();
        self.m.node_stage = vec![None; n];
        let text = self.text;
        let tree = self.tree;
        if n >= PARALLEL_NODES && rayon::current_num_threads() > 1 {
            // A tree nobody has read yet (a file just opened) has no views; the passes
            // below would work them out one by one in document order. Side by side on
            // the pool first; on a tree read before this only finds them made.
            use rayon::prelude::*;
            tree.nodes.par_chunks(CHUNK_NODES).for_each(|nodes| nodes.iter().for_each(|n| n.view(text).warm_views()));
        }
        // Sized up front from the node kinds (a definition per ARG/ENV line is the usual
        // case): growing these vectors copied them over and over on a big file.
        let count = |kinds: &[Keyword]| tree.nodes.iter().filter(|n| kinds.contains(&n.kind)).count();
        let froms = count(&[Keyword::From]);
        self.m.stages.reserve(froms);
        self.m.stage_defs.reserve(froms);
        // One definition per ARG/ENV word at most (`ENV a=1 b=2` has two).
        let def_words: usize = tree
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, Keyword::Arg | Keyword::Env))
            .map(|n| n.inst.words.len())
            .sum();
        self.m.defs.reserve(def_words);
        self.m.stage_refs.reserve(froms + count(&[Keyword::Copy]));
        // First pass: stages and definitions.
        let mut current: Option<usize> = None;
        for (idx, node) in tree.nodes.iter().enumerate() {
            let inst = node.view(text);
            if node.kind == Keyword::From {
                if let Some(c) = current {
                    self.m.stages[c].nodes.end = idx;
                }
                let s = self.stage_for(idx, inst);
                current = Some(s);
            }
            self.m.node_stage[idx] = current;
            if matches!(node.kind, Keyword::Arg | Keyword::Env) {
                self.defs_for(idx, inst, current);
            }
        }
        if let Some(c) = current {
            self.m.stages[c].nodes.end = n;
        }
        // Second pass: variable uses, now that every definition is known. Each node's
        // references come from its instruction's cache (scanned there on first use);
        // they are resolved in chunks, side by side on the pool for a big file (each
        // chunk reads only the definitions and stages of the first pass).
        let this = &self;
        let chunk = |first: usize, nodes: &[crate::syntax::Node]| -> Vec<VarUse> {
            // Real files have about one variable use per instruction.
            let mut uses = Vec::with_capacity(nodes.len());
            for (k, node) in nodes.iter().enumerate() {
                let idx = first + k;
                let stage = this.m.node_stage[idx];
                uses.extend(node.view(text).var_refs().iter().map(|u| this.make_use(idx, node.offset, stage, u)));
            }
            uses
        };
        let parts: Vec<Vec<VarUse>> = if n >= PARALLEL_NODES && rayon::current_num_threads() > 1 {
            use rayon::prelude::*;
            tree.nodes.par_chunks(CHUNK_NODES).enumerate().map(|(c, nodes)| chunk(c * CHUNK_NODES, nodes)).collect()
        } else {
            vec![chunk(0, &tree.nodes)]
        };
        self.m.uses.reserve(parts.iter().map(Vec::len).sum());
        for uses in parts {
            self.m.uses.extend(uses);
        }
        self.m.seen = tree.nodes.iter().map(|n| Seen { inst: n.inst.clone(), offset: n.offset }).collect();
        // Stage references.
        for (idx, node) in tree.nodes.iter().enumerate() {
            if matches!(node.kind, Keyword::From | Keyword::Copy | Keyword::Run) {
                self.refs_for(idx, node.view(text), self.m.node_stage[idx]);
            }
        }
        self.m.len = tree.len;
        self.m.build_args = self.build_args.clone();
        self.m
    }

    fn stage_for(&mut self, idx: usize, inst: InstRef<'_>) -> usize {
        let index = self.m.stages.len();
        let stage = self.make_stage(idx, inst, index, &self.names);
        self.m.stage_defs.push(Vec::new());
        if let Some(n) = &stage.name {
            self.names.entry(n.clone()).or_insert(index);
        }
        self.m.stages.push(stage);
        index
    }

    /// Stage `index`, started by the FROM at `idx`; `names` has the earlier stages'
    /// names (what the image may name).
    fn make_stage(
        &self,
        idx: usize,
        inst: InstRef<'_>,
        index: usize,
        names: &foldhash::HashMap<String, usize>,
    ) -> Stage {
        let from = inst.as_from();
        let (image_text, image_range) =
            from.as_ref().map(|f| (f.image_text.to_string(), f.image_range.clone())).unwrap_or_default();
        let (name, name_range) = match from.as_ref().and_then(|f| f.stage.clone()) {
            Some((r, t)) => (Some(t.to_ascii_lowercase()), Some(r)),
            None => (None, None),
        };
        // FROM expands only global ARGs (and build args).
        let globals: Vec<(String, Option<String>)> =
            self.m.global_args().map(|(_, d)| (d.name.clone(), d.value.clone())).collect();
        let build_args = self.build_args;
        let lookup = |name: &str| -> Option<String> {
            let declared = globals.iter().rev().find(|(n, _)| n == name);
            match declared {
                Some((_, v)) => build_args.get(name).cloned().or_else(|| v.clone()),
                None => None,
            }
        };
        let expanded = expand::expand(&image_text, inst.inst.escape, &lookup);
        let image = (!image_text.is_empty()).then(|| expanded.text.clone());
        let lower = expanded.text.to_ascii_lowercase();
        let base = if image_text.is_empty() {
            Base::Unresolved
        } else if lower == "scratch" {
            Base::Scratch
        } else if let Some(&p) = names.get(lower.as_str()) {
            Base::Stage(p)
        } else if !expanded.unresolved.is_empty() {
            Base::Unresolved
        } else {
            Base::Image
        };
        Stage { index, node: idx, nodes: idx..idx + 1, name, name_range, base, image_text, image_range, image }
    }

    fn defs_for(&mut self, idx: usize, inst: InstRef<'_>, stage: Option<usize>) {
        let kind = if inst.kind() == Keyword::Arg { DefKind::Arg } else { DefKind::Env };
        let esc = inst.inst.escape;
        for kv in inst.key_values() {
            if kind == DefKind::Env && kv.raw_value.is_none() {
                continue;
            }
            if kv.key.is_empty() {
                continue;
            }
            let value = kv.value(esc);
            let name = kv.key.into_owned();
            let global = if kind == DefKind::Arg && stage.is_some() {
                self.m.global_defs.iter().rev().copied().find(|&g| self.m.defs[g].name == name)
            } else {
                None
            };
            let def_index = self.m.defs.len();
            match stage {
                Some(s) => {
                    if self.m.stage_defs.len() <= s {
                        self.m.stage_defs.resize(s + 1, Vec::new());
                    }
                    self.m.stage_defs[s].push(def_index);
                }
                None => self.m.global_defs.push(def_index),
            }
            self.m.defs.push(VarDef {
                value,
                name,
                range: kv.key_range.clone(),
                kind,
                node: idx,
                stage,
                value_range: kv.value_range.clone(),
                global,
            });
        }
    }

    /// The reference `u` found in the node at `idx` (which starts at `offset`),
    /// resolved against the definitions made so far.
    fn make_use(&self, idx: usize, offset: usize, stage: Option<usize>, u: &VarRef) -> VarUse {
        let at = |r: &Range<u32>| offset + r.start as usize..offset + r.end as usize;
        let (range, whole) = (at(&u.range), at(&u.whole));
        let def = self.resolve_use(idx, stage, u.context, &u.name, whole.start);
        let automatic = AUTOMATIC_ARGS.contains(&&*u.name);
        VarUse {
            name: String::from(&*u.name),
            range,
            whole,
            node: idx,
            stage,
            context: u.context,
            op: u.op,
            def,
            automatic,
        }
    }

    /// The definition a use of `name` starting at `at` in node `idx` refers to.
    fn resolve_use(&self, idx: usize, stage: Option<usize>, ctx: UseContext, name: &str, at: usize) -> Option<usize> {
        // Inside one ENV instruction variables keep their previous values; ARG is
        // processed left to right.
        let def = self.m.resolve(name, idx, stage, ctx);
        if def.is_some() || self.tree.nodes[idx].kind != Keyword::Arg || ctx != UseContext::Builder {
            return def;
        }
        let candidates: &[usize] = match stage {
            Some(s) => self.m.stage_defs.get(s).map_or(&[], |v| v.as_slice()),
            None => &self.m.global_defs,
        };
        candidates
            .iter()
            .rev()
            .copied()
            .find(|&i| self.m.defs[i].node == idx && self.m.defs[i].name == name && self.m.defs[i].range.end <= at)
    }

    fn refs_for(&mut self, idx: usize, inst: InstRef<'_>, stage: Option<usize>) {
        let names = &self.names;
        let push = |m: &mut Model, range: TextRange, text: String, kind: StageRefKind| {
            let by_index = !text.is_empty() && text.bytes().all(|c| c.is_ascii_digit());
            let target = if by_index {
                text.parse::<usize>().ok().filter(|&n| n < m.stages.len())
            } else {
                let lower = text.to_ascii_lowercase();
                names.get(lower.as_str()).copied()
            };
            m.stage_refs.push(StageRef { range, text, kind, node: idx, stage, target, by_index });
        };
        match self.tree.nodes[idx].kind {
            Keyword::From => {
                if let Some(s) = stage {
                    if let Base::Stage(p) = self.m.stages[s].base {
                        let st = &self.m.stages[s];
                        let (r, t) = (st.image_range.clone(), st.image_text.clone());
                        // A FROM can only build on an earlier stage (resolved in stage_for).
                        let target = Some(p);
                        self.m.stage_refs.push(StageRef {
                            range: r,
                            text: t,
                            kind: StageRefKind::FromBase,
                            node: idx,
                            stage,
                            target,
                            by_index: false,
                        });
                    }
                }
            }
            Keyword::Copy => {
                // The `--from` of `as_copy`, without building the rest of the view.
                let from = inst.flag("from").and_then(|f| Some((inst.range(f.value?), inst.flag_value(f)?)));
                if let Some((r, t)) = from {
                    push(&mut self.m, r, t.into_owned(), StageRefKind::CopyFrom);
                }
            }
            Keyword::Run => {
                for mnt in inst.mounts() {
                    if let Some((r, t)) = mnt.from {
                        push(&mut self.m, r, t, StageRefKind::MountFrom);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The model of a new revision made from the previous one, taken apart, when the edit
/// touched no FROM and no global ARG: the stages stay and move, the definitions,
/// variable uses and stage references of the untouched nodes move, and only the
/// touched nodes are scanned. After an edit of an ARG or ENV inside a stage, the
/// uses in that stage and in the stages built on it are resolved again. `None` (and
/// `previous` as it was) for any other edit or other build args.
fn patched(text: &str, tree: &SyntaxTree, build_args: &BuildArgs, previous: &mut Model) -> Option<Model> {
    let old = &previous.seen;
    if old.is_empty() || tree.nodes.is_empty() || &previous.build_args != build_args {
        return None;
    }
    let (head, tail) = crate::syntax::unchanged_ends(old.iter().map(|s| (&s.inst, s.offset)), previous.len, tree);
    let (old_n, new_n) = (old.len(), tree.nodes.len());
    let (old_tail, new_tail) = (old_n - tail, new_n - tail);
    // An edit inside one FROM line that leaves the stage's name as it was: the stage
    // is made again, the others keep their index and what they name.
    let from_edit = old_tail == head + 1
        && new_tail == head + 1
        && old[head].inst.kind == Keyword::From
        && tree.nodes[head].kind == Keyword::From
        && {
            let name = tree.nodes[head].view(text).as_from().and_then(|f| f.stage).map(|(_, t)| t.to_ascii_lowercase());
            previous.stage_of(head).is_some_and(|s| s.node == head && s.name == name)
        };
    // Otherwise the touched nodes hold no FROM, so they are in the stage of the node
    // before them.
    let touched_stage = if from_edit { head } else { head.wrapping_sub(1) };
    let touched_stage = previous.node_stage.get(touched_stage).copied().flatten();
    let old_touched = old[head..old_tail].iter().map(|s| s.inst.kind);
    let mut definitions = false;
    for kind in old_touched.chain(tree.nodes[head..new_tail].iter().map(|n| n.kind)) {
        match kind {
            Keyword::From if from_edit => {}
            Keyword::From => return None,
            // Outside a stage: global ARGs, which FROM lines read.
            Keyword::Arg | Keyword::Env if touched_stage.is_none() => return None,
            Keyword::Arg | Keyword::Env => definitions = true,
            _ => {}
        }
    }
    let delta = tree.len as isize - previous.len as isize;
    // Where an old node is now (the touched ones are gone), and how far its text moved.
    let node = |i: usize| if i < head { i } else { i + new_tail - old_tail };
    let moved = |i: usize, r: &mut TextRange| {
        if i >= old_tail {
            r.start = r.start.wrapping_add_signed(delta);
            r.end = r.end.wrapping_add_signed(delta);
        }
    };
    let mut m = Model {
        stages: std::mem::take(&mut previous.stages),
        global_defs: std::mem::take(&mut previous.global_defs),
        stage_defs: std::mem::take(&mut previous.stage_defs),
        len: tree.len,
        build_args: std::mem::take(&mut previous.build_args),
        ..Model::default()
    };
    for s in &mut m.stages {
        let old_node = s.node;
        if let Some(r) = s.name_range.as_mut() {
            moved(old_node, r);
        }
        // A FROM without an image has the empty range at 0 (no place in its text).
        if s.image_range != (0..0) {
            moved(old_node, &mut s.image_range);
        }
        s.node = node(old_node);
        s.nodes = s.node..node(s.nodes.end);
    }
    // Per node: the stage of the node before the touched ones for them, the old one
    // for the others.
    let mut node_stage = std::mem::take(&mut previous.node_stage);
    node_stage.splice(head..old_tail, std::iter::repeat_n(touched_stage, new_tail - head));
    m.node_stage = node_stage;

    // Definitions: those of the touched nodes are made again, the others move.
    let mut defs = std::mem::take(&mut previous.defs);
    let after_defs = defs.split_off(defs.partition_point(|d| d.node < old_tail));
    let old_touched_defs = defs.len() - defs.partition_point(|d| d.node < head);
    defs.truncate(defs.len() - old_touched_defs);
    let first_after = defs.len() + old_touched_defs;
    m.defs = defs;

    let mut uses = std::mem::take(&mut previous.uses);
    let mut refs = std::mem::take(&mut previous.stage_refs);
    let mut seen = std::mem::take(&mut previous.seen);
    let after_uses = uses.split_off(uses.partition_point(|u| u.node < head));
    let after_refs = refs.split_off(refs.partition_point(|r| r.node < head));
    let after_seen = seen.split_off(old_tail);
    seen.truncate(head);
    m.uses = uses;
    m.stage_refs = refs;
    m.seen = seen;
    m.seen.reserve(new_n - m.seen.len());

    let names = m.stages.iter().rev().filter_map(|s| Some((s.name.clone()?, s.index))).collect();
    let mut b = Builder { text, tree, build_args, m, names };
    if let Some(s) = touched_stage.filter(|_| from_edit) {
        // What the image can name: the stages before it.
        let earlier = b.m.stages[..s].iter().rev().filter_map(|s| Some((s.name.clone()?, s.index))).collect();
        let mut stage = b.make_stage(head, tree.nodes[head].view(text), s, &earlier);
        stage.nodes = b.m.stages[s].nodes.clone();
        b.m.stages[s] = stage;
    }
    if definitions {
        for idx in head..new_tail {
            if matches!(tree.nodes[idx].kind, Keyword::Arg | Keyword::Env) {
                b.defs_for(idx, tree.nodes[idx].view(text), touched_stage);
            }
        }
    }
    let def_shift = b.m.defs.len() as isize - first_after as isize;
    b.m.defs.extend(after_defs.into_iter().map(|mut d| {
        let old_node = d.node;
        moved(old_node, &mut d.range);
        if let Some(r) = d.value_range.as_mut() {
            moved(old_node, r);
        }
        d.node = node(old_node);
        d
    }));
    if definitions {
        // The per-stage lists of definitions, again (the global ones are unchanged:
        // they come first).
        for list in &mut b.m.stage_defs {
            list.clear();
        }
        for (i, d) in b.m.defs.iter().enumerate() {
            if let Some(list) = d.stage.and_then(|s| b.m.stage_defs.get_mut(s)) {
                list.push(i);
            }
        }
    }
    // The stages whose uses may now mean something else: the touched stage and those
    // built on it (ENV is inherited, and the edited FROM may build on another stage).
    let affected = touched_stage.filter(|_| definitions || from_edit).map_or_else(Vec::new, |t| b.m.stages_built_on(t));
    for idx in head..new_tail {
        let n = &tree.nodes[idx];
        let inst = n.view(text);
        let stage = b.m.node_stage[idx];
        for u in inst.var_refs() {
            let u = b.make_use(idx, n.offset, stage, u);
            b.m.uses.push(u);
        }
        b.m.seen.push(Seen { inst: n.inst.clone(), offset: n.offset });
        if matches!(n.kind, Keyword::From | Keyword::Copy | Keyword::Run) {
            b.refs_for(idx, inst, stage);
        }
    }
    let tail_uses: Vec<VarUse> = after_uses
        .into_iter()
        .filter(|u| u.node >= old_tail)
        .map(|mut u| {
            moved(u.node, &mut u.range);
            moved(u.node, &mut u.whole);
            u.node = node(u.node);
            u
        })
        .collect();
    b.m.uses.reserve(tail_uses.len());
    for mut u in tail_uses {
        if u.stage.is_some_and(|s| affected.get(s) == Some(&true)) && u.context != UseContext::From {
            u.def = b.resolve_use(u.node, u.stage, u.context, &u.name, u.whole.start);
        } else if let Some(d) = u.def.filter(|&d| d >= first_after) {
            u.def = Some(d.wrapping_add_signed(def_shift));
        }
        b.m.uses.push(u);
    }
    let mut m = b.m;
    m.stage_refs.extend(after_refs.into_iter().filter(|r| r.node >= old_tail).map(|mut r| {
        moved(r.node, &mut r.range);
        r.node = node(r.node);
        r
    }));
    m.seen.extend(after_seen.into_iter().map(|s| {
        let offset = s.offset.wrapping_add_signed(delta);
        Seen { offset, ..s }
    }));
    Some(m)
}

/// The run of `items` (in node order) that belongs to `node`: a binary search, not a
/// scan of the file.
fn of_node<T>(items: &[T], node: usize, node_of: impl Fn(&T) -> usize) -> &[T] {
    let start = items.partition_point(|x| node_of(x) < node);
    let end = start + items[start..].partition_point(|x| node_of(x) == node);
    &items[start..end]
}

#[cfg(test)]
mod tests;
