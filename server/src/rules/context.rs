//! What a rule sees: the document, its model, inputs from outside, configuration,
//! and a sink for findings.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use foldhash::HashMap;

use super::{Diagnostic, DiagnosticTag, Edit, Fix, RuleConfig, RuleMeta, Severity};
use crate::images::catalog::Date;
use crate::model::{BuildArgs, Model};
use crate::syntax::{InstRef, Keyword, SyntaxTree, TextRange};

/// Tags a registry reported for an image, by short name.
pub type LiveTags<'a> = &'a (dyn Fn(&str) -> Option<Vec<String>> + Sync);
/// What the build context holds for a path (relative, may contain globs); `None`:
/// unknown (the context could not be read).
pub type ContextMatch<'a> = &'a (dyn Fn(&str) -> Option<ContextHit> + Sync);

/// What a build-context path matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContextHit {
    /// At least one file or folder that reaches the builder.
    Found,
    /// Nothing at all.
    Missing,
    /// Only files or folders that `.dockerignore` excludes (so the builder sees none).
    OnlyIgnored,
}

/// Data the protocol layer or the CLI gathers for the rules (rules do no I/O).
#[derive(Default)]
pub struct Inputs<'a> {
    /// Values for ARGs (`--build-arg`, `registry.buildArgs`).
    pub build_args: BuildArgs,
    /// Today's date; `None`: the system clock.
    pub today: Option<Date>,
    /// The `.dockerignore` that applies to the Dockerfile, if there is one.
    pub dockerignore: Option<&'a str>,
    /// Tags a registry reported for an image (by short name, e.g. `python`,
    /// `ghcr.io/org/app`), when known.
    pub live_tags: Option<LiveTags<'a>>,
    /// What a build-context path (relative, may contain globs) matches, with
    /// `.dockerignore` applied; `None` when the context cannot be read.
    pub context_match: Option<ContextMatch<'a>>,
}

/// A rule's view of one document.
pub struct Context<'a> {
    pub text: &'a str,
    pub tree: &'a SyntaxTree,
    pub model: &'a Model,
    pub inputs: &'a Inputs<'a>,
    pub config: &'a RuleConfig,
    pub today: Date,
    shell_scripts: Vec<OnceLock<Option<Arc<Shell>>>>,
    copy_ignore: OnceLock<Option<super::dockerignore::DockerIgnore>>,
    // What several rules read, worked out once per check.
    pub(super) label_pairs: OnceLock<Vec<super::hadolint::labels::LabelPair>>,
    pub(super) stage_ref_findings: OnceLock<Vec<super::build::stage_refs::Finding>>,
    pub(super) ports: OnceLock<Vec<super::expose::PortWord<'static>>>,
    pub(super) run_index: OnceLock<super::run::index::Index>,
    pub(super) stage_images: OnceLock<super::base_image::StageImages>,
    /// In a check after an edit, the nodes to look at again (those the edit touched,
    /// or the stages an ARG/ENV edit can change): the only ones `Node` rules look at
    /// (see [`super::Scope`]).
    only: Option<std::ops::Range<usize>>,
}

/// Scripts parsed before, by their text: a keystroke changes one instruction, so the
/// next check of the document finds every other script here instead of parsing it
/// again. Bounded: emptied when it grows past [`SHELL_CACHE_LIMIT`] entries.
static SHELL_CACHE: OnceLock<Mutex<HashMap<String, Arc<Shell>>>> = OnceLock::new();
const SHELL_CACHE_LIMIT: usize = 50_000;

fn parsed_shell(text: String) -> Arc<Shell> {
    let cache = SHELL_CACHE.get_or_init(Mutex::default);
    if let Some(hit) = cache.lock().unwrap_or_else(PoisonError::into_inner).get(&text) {
        return hit.clone();
    }
    let script = crate::model::shell::parse(&text);
    let installs = (0..script.commands.len()).map(|_| OnceLock::new()).collect();
    let shell = Arc::new(Shell { text: text.clone(), script, installs });
    let mut map = cache.lock().unwrap_or_else(PoisonError::into_inner);
    if map.len() >= SHELL_CACHE_LIMIT {
        map.clear();
    }
    map.insert(text, shell.clone());
    shell
}

/// A shell-form command's text (logical: continuations joined) and its commands.
pub struct Shell {
    pub text: String,
    pub script: crate::model::shell::Script,
    /// Per command: its install analysis, made on first use and kept with the cached
    /// script, so that a keystroke elsewhere does not analyse this RUN again.
    pub(crate) installs: Box<[OnceLock<Option<crate::model::shell::packages::Install>>]>,
}

impl<'a> Context<'a> {
    pub fn new(
        text: &'a str,
        tree: &'a SyntaxTree,
        model: &'a Model,
        inputs: &'a Inputs<'a>,
        config: &'a RuleConfig,
    ) -> Context<'a> {
        Context {
            text,
            tree,
            model,
            inputs,
            config,
            today: inputs.today.unwrap_or_else(Date::today),
            shell_scripts: (0..tree.nodes.len()).map(|_| OnceLock::new()).collect(),
            copy_ignore: OnceLock::new(),
            label_pairs: OnceLock::new(),
            stage_ref_findings: OnceLock::new(),
            ports: OnceLock::new(),
            run_index: OnceLock::new(),
            stage_images: OnceLock::new(),
            only: None,
        }
    }

    /// A context for `Node` rules that looks only at the nodes in `only`.
    pub(super) fn narrowed(&self, only: std::ops::Range<usize>) -> Context<'a> {
        let mut cx = Context::new(self.text, self.tree, self.model, self.inputs, self.config);
        cx.today = self.today;
        cx.only = Some(only);
        cx
    }

    /// Whether a rule should look at the node at `node`: always, except in a check
    /// after an edit, where `Node` rules look only at the nodes to look at again.
    pub fn wants(&self, node: usize) -> bool {
        self.only.as_ref().is_none_or(|r| r.contains(&node))
    }

    /// The shell commands of a shell-form RUN (or CMD/ENTRYPOINT/HEALTHCHECK CMD, and an
    /// ONBUILD trigger's), parsed once on first use; `None` in exec form. Ranges in
    /// the script are offsets into [`Shell::text`]; map them back to the document with
    /// `inst.map_logical(shell_span, range)`.
    pub fn shell(&self, node: usize) -> Option<&Shell> {
        let cell = self.shell_scripts.get(node)?;
        cell.get_or_init(|| {
            let inst = self.inst(node);
            let inst = inst.trigger().unwrap_or(inst);
            let text = inst.shell_text()?.into_owned();
            Some(parsed_shell(text))
        })
        .as_deref()
    }

    /// The `.dockerignore` COPY and ADD sources are judged against (parsed once per
    /// check): `None` without one, when it is empty, or when it has `!` exceptions (as
    /// BuildKit's CopyIgnoredFile, which cannot judge re-included files statically).
    pub fn copy_ignore(&self) -> Option<&super::dockerignore::DockerIgnore> {
        self.copy_ignore
            .get_or_init(|| {
                let ignore = super::dockerignore::DockerIgnore::parse(self.inputs.dockerignore?)?;
                (!ignore.is_empty() && !ignore.has_exclusions()).then_some(ignore)
            })
            .as_ref()
    }

    /// Every instruction with its node index (those [`Context::wants`]).
    pub fn instructions(&self) -> impl Iterator<Item = (usize, InstRef<'a>)> + 'a {
        let text = self.text;
        let only = self.only.clone().unwrap_or(0..self.tree.nodes.len());
        self.tree.nodes.iter().enumerate().skip(only.start).take(only.len()).map(move |(i, n)| (i, n.view(text)))
    }

    /// The instructions of the given kinds (the node's own keyword: `ONBUILD` for an
    /// ONBUILD line) with their node index, in document order (those
    /// [`Context::wants`]). Reads the keyword the node carries, so the other
    /// instructions are not loaded from memory.
    pub fn instructions_of<'s>(&'s self, kinds: &'s [Keyword]) -> impl Iterator<Item = (usize, InstRef<'a>)> + 's {
        self.all_instructions_of(kinds).filter(|(i, _)| self.wants(*i))
    }

    /// [`Context::instructions_of`] in every node, whatever the check looks at: for
    /// following the structural instructions (the stage a RUN is in, its SHELL).
    pub fn all_instructions_of<'s>(&'s self, kinds: &'s [Keyword]) -> impl Iterator<Item = (usize, InstRef<'a>)> + 's {
        let text = self.text;
        self.tree.nodes.iter().enumerate().filter(|(_, n)| kinds.contains(&n.kind)).map(move |(i, n)| (i, n.view(text)))
    }

    /// The keyword of the node at `node` (`Unknown` past the end).
    pub fn kind_of(&self, node: usize) -> Keyword {
        self.tree.nodes.get(node).map_or(Keyword::Unknown, |n| n.kind)
    }

    pub fn inst(&self, node: usize) -> InstRef<'a> {
        self.tree.nodes[node].view(self.text)
    }
}

/// Collects one rule's findings.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(meta: &'static RuleMeta, out: &'a mut Vec<Diagnostic>) -> Sink<'a> {
        Sink { meta, out }
    }

    /// Reports a finding; the returned handle adds fixes, tags and related places.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> Report<'_> {
        self.out.push(Diagnostic {
            range,
            severity: self.meta.default_severity.unwrap_or(Severity::Warning),
            code: self.meta.id,
            case: None,
            message: message.into(),
            tags: Vec::new(),
            related: Vec::new(),
            fixes: Vec::new(),
        });
        let last = self.out.len() - 1;
        Report { d: &mut self.out[last] }
    }
}

/// A reported finding being completed.
pub struct Report<'a> {
    d: &'a mut Diagnostic,
}

impl Report<'_> {
    /// The sub-case this finding belongs to (see [`super::Alias`]).
    pub fn case(self, case: &'static str) -> Self {
        self.d.case = Some(case);
        self
    }

    /// A severity other than the rule's default for this finding (a rule with two
    /// levels, such as `from-eol`); a severity the user configured still wins.
    pub fn severity(self, severity: Severity) -> Self {
        self.d.severity = severity;
        self
    }

    pub fn tag(self, tag: DiagnosticTag) -> Self {
        self.d.tags.push(tag);
        self
    }

    pub fn related(self, range: TextRange, message: impl Into<String>) -> Self {
        self.d.related.push((range, message.into()));
        self
    }

    pub fn fix(self, title: impl Into<String>, edits: Vec<Edit>, preferred: bool) -> Self {
        self.d.fixes.push(Fix { title: title.into(), edits, preferred });
        self
    }

    /// A fix that replaces one range.
    pub fn replace(self, title: impl Into<String>, range: TextRange, text: impl Into<String>, preferred: bool) -> Self {
        self.fix(title, vec![Edit { range, text: text.into() }], preferred)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_of_a_kind_in_document_order() {
        let text = "FROM a\nCOPY x y\nRUN z\nADD u v\nONBUILD COPY p q\ncopy m n\n";
        let tree = crate::syntax::parse(text);
        let model = Model::new(text, &tree, &BuildArgs::new());
        let (inputs, config) = (Inputs::default(), RuleConfig::default());
        let cx = Context::new(text, &tree, &model, &inputs, &config);
        let found: Vec<(usize, &str)> =
            cx.instructions_of(&[Keyword::Copy, Keyword::Add]).map(|(i, inst)| (i, inst.keyword_text())).collect();
        assert_eq!(found, [(1, "COPY"), (3, "ADD"), (5, "copy")], "an ONBUILD line is of kind ONBUILD");
        assert_eq!(cx.instructions_of(&[Keyword::Onbuild]).map(|(i, _)| i).collect::<Vec<_>>(), [4]);
        assert_eq!(cx.instructions_of(&[]).count(), 0);
        assert_eq!((cx.kind_of(2), cx.kind_of(6)), (Keyword::Run, Keyword::Unknown));
    }
}
