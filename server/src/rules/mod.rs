//! Diagnostics: syntax errors and lint rules, their configuration and suppression.
//!
//! Each rule lives in its own file under `rules/` with a [`RuleMeta`] (stable id,
//! aliases, group, default severity, docs) and a check function; [`registry::ALL`]
//! lists them. [`check`] is the one entry point the protocol layer and the CLI call.

mod base_image;
mod build;
mod build_context;
mod buildkit;
mod checked;
mod config;
mod context;
mod dockerignore;
mod expose;
mod hadolint;
pub mod hadolint_config;
pub mod registry;
mod run;
mod suppress;
#[doc(hidden)]
pub mod testing;

use crate::syntax::{ErrorKind, SyntaxTree, TextRange};

pub use checked::Checked;
pub use config::{Level, RuleConfig, Severities};
pub use context::{Context, ContextHit, Inputs, Shell, Sink};
pub use registry::{all_rules, find_rule};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" | "style" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Extra markers editors render (strike-through, faded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticTag {
    Deprecated,
    Unnecessary,
}

/// A text replacement (absolute byte range in the document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub text: String,
}

/// A quick fix for a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The one right answer (editors apply it with "fix all" / auto-fix).
    pub preferred: bool,
}

/// One finding with an absolute byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: TextRange,
    pub severity: Severity,
    /// The stable rule id, e.g. `unknown-instruction` or `from-latest-tag`.
    pub code: &'static str,
    /// For rules whose aliases name sub-cases (DL4003 is the CMD case of
    /// `multiple-instructions`): which case this is.
    pub case: Option<&'static str>,
    pub message: String,
    pub tags: Vec<DiagnosticTag>,
    /// Other places that explain this one (e.g. the first of two duplicate stages).
    pub related: Vec<(TextRange, String)>,
    pub fixes: Vec<Fix>,
}

/// Which family a rule belongs to; `ruleGroups` settings turn families on and off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// What `docker build` rejects. Always on (each rule can still be turned off).
    Build,
    /// BuildKit's build checks.
    Buildkit,
    /// hadolint's best practices.
    Hadolint,
    /// Advice about base images (ours).
    BaseImage,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Build => "build",
            Group::Buildkit => "buildkit",
            Group::Hadolint => "hadolint",
            Group::BaseImage => "baseImage",
        }
    }
}

/// Another name for a rule: a BuildKit check name or a hadolint code, optionally
/// naming only one sub-case of the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alias {
    pub name: &'static str,
    pub case: Option<&'static str>,
}

impl Alias {
    pub const fn all(name: &'static str) -> Alias {
        Alias { name, case: None }
    }

    pub const fn case(name: &'static str, case: &'static str) -> Alias {
        Alias { name, case: Some(case) }
    }
}

/// What a rule is, for configuration, docs and output.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub aliases: &'static [Alias],
    pub group: Group,
    /// `None`: off unless configured.
    pub default_severity: Option<Severity>,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Why it matters, an example and the fix (markdown, a few lines).
    pub docs: &'static str,
}

impl RuleMeta {
    /// Whether `name` is this rule's id or one of its aliases (case-insensitive).
    pub fn answers_to(&self, name: &str) -> bool {
        self.id.eq_ignore_ascii_case(name) || self.aliases.iter().any(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// The alias names of this rule's diagnostic `case` (all whole-rule aliases plus
    /// the sub-case's).
    pub fn aliases_for(&self, case: Option<&str>) -> Vec<&'static str> {
        self.aliases.iter().filter(|a| a.case.is_none() || a.case == case).map(|a| a.name).collect()
    }
}

/// A lint rule.
pub struct Rule {
    pub meta: RuleMeta,
    pub check: fn(&Context<'_>, &mut Sink<'_>),
    /// What its findings depend on, which decides whether a check after an edit can
    /// keep them (see [`Checked`]).
    pub scope: Scope,
}

/// What a rule's findings depend on. FROM, ARG, ENV, SHELL and ONBUILD are the
/// *structural* instructions: they decide stages, base images, variable values and
/// the shell. After an edit that changes none of them, [`Checked`] keeps the findings
/// of all but `Document` rules about the instructions the edit did not touch; after
/// an edit of an ARG or ENV inside a stage it looks again at that stage and the stages
/// built on it with `Node` rules, runs `Structural` ones and keeps `FromLines` ones;
/// after an edit of FROM lines that keeps every stage's name it looks again at their
/// stages, the stages built on them and the instructions copying or mounting from
/// those, and runs `Structural` and `FromLines` rules in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anything in the document: always run in full.
    Document,
    /// What it reports about one instruction depends only on that instruction, the
    /// structural instructions of its stage and of the stages that stage builds on, the
    /// FROM lines of the stages it copies or mounts from (and the model's stages,
    /// definitions and uses built from them), the build args and the date. Every range of a finding (the finding's,
    /// its related places', its fixes') lies in that instruction or in a structural
    /// one. It finds its instructions through [`Context::instructions`],
    /// [`Context::instructions_of`], [`Context::wants`] or the shared RUN index, EXPOSE
    /// ports and label pairs, which yield only the instructions to look at again when
    /// it runs after an edit. It reads no other input and no configuration.
    Node,
    /// Depends only on the structural instructions (and the model's stages and
    /// definitions), the build args and the date, and reports only on structural
    /// instructions; reads no other input and no configuration. Not run at all after
    /// an edit that changes no structural instruction.
    Structural,
    /// A `Structural` rule that depends only on the FROM instructions, the global ARGs
    /// (before the first FROM) and the model's stages, and reports only on FROM and
    /// global ARG lines: not run either after an edit of an ARG or ENV inside a stage.
    FromLines,
}

/// Where the rule ids are documented.
pub fn docs_url(code: &str) -> String {
    format!("https://github.com/dockerfile-lsp/dockerfile-lsp/blob/main/README.md#{code}")
}

/// The metadata of every syntax error kind, so they are configured like rules.
pub fn syntax_meta(kind: ErrorKind) -> &'static RuleMeta {
    registry::syntax_metas().iter().find(|m| m.id == kind.id()).unwrap_or(&registry::SYNTAX_FALLBACK)
}

/// All findings for a document: syntax errors and every enabled rule, after
/// suppression comments and configuration, sorted by position.
pub fn check(text: &str, tree: &SyntaxTree) -> Vec<Diagnostic> {
    let inputs = Inputs::default();
    run(text, tree, &inputs, &RuleConfig::default())
}

/// [`check`] with inputs from outside (build args, .dockerignore, live tags, today)
/// and configuration.
pub fn run(text: &str, tree: &SyntaxTree, inputs: &Inputs<'_>, config: &RuleConfig) -> Vec<Diagnostic> {
    let model = crate::model::Model::new(text, tree, &inputs.build_args);
    run_with_model(text, tree, &model, inputs, config)
}

/// [`run`] with a model the caller already built (for `inputs.build_args`), so an
/// editor can share one model between diagnostics and other requests.
pub fn run_with_model(
    text: &str,
    tree: &SyntaxTree,
    model: &crate::model::Model,
    inputs: &Inputs<'_>,
    config: &RuleConfig,
) -> Vec<Diagnostic> {
    check_with(text, tree, model, inputs, config, None)
}

/// [`run_with_model`] for the next revision of a document checked before with the
/// same `checked`: the findings of every rule but `Document` ones (see [`Scope`])
/// that the edit cannot have changed are taken over instead of worked out again.
/// The result equals [`run_with_model`]'s.
pub fn run_checked(
    text: &str,
    tree: &SyntaxTree,
    model: &crate::model::Model,
    inputs: &Inputs<'_>,
    config: &RuleConfig,
    checked: &mut Checked,
) -> Vec<Diagnostic> {
    check_with(text, tree, model, inputs, config, Some(checked))
}

/// From this many nodes on, the rules of one document run side by side on the pool
/// (below it, handing them out costs more than it saves).
const PARALLEL_NODES: usize = 1024;

fn check_with(
    text: &str,
    tree: &SyntaxTree,
    model: &crate::model::Model,
    inputs: &Inputs<'_>,
    config: &RuleConfig,
    mut checked: Option<&mut Checked>,
) -> Vec<Diagnostic> {
    let cx = Context::new(text, tree, model, inputs, config);
    let mut raw: Vec<Diagnostic> = Vec::new();
    for e in tree.errors() {
        raw.push(Diagnostic {
            range: e.range,
            severity: Severity::Error,
            code: e.kind.id(),
            case: None,
            message: e.message,
            tags: Vec::new(),
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
    let reuse = checked.as_deref().and_then(|c| c.reuse(tree, model, &inputs.build_args, cx.today));
    let narrowed = reuse.as_ref().map(|r| cx.narrowed(r.dirty.clone()));
    // The rules to run, each with whether its findings are kept for the next check and
    // what it found last time.
    let mut jobs: Vec<(&'static Rule, bool, Option<Vec<Diagnostic>>)> = Vec::new();
    for rule in all_rules() {
        if !config.group_enabled(rule.meta.group) && !config.explicitly_enabled(&rule.meta) {
            continue;
        }
        if config.rule_off_entirely(&rule.meta) {
            continue;
        }
        let keep = checked.is_some() && checked::keeps(rule);
        let previous = if keep { checked.as_deref_mut().and_then(|c| c.take_kept(rule)) } else { None };
        jobs.push((rule, keep, previous));
    }
    let run_one = |(rule, keep, previous): (&'static Rule, bool, Option<Vec<Diagnostic>>)| -> Vec<Diagnostic> {
        let fresh = |cx: &Context<'_>, capacity: usize| {
            let mut found = Vec::with_capacity(capacity);
            (rule.check)(cx, &mut Sink::new(&rule.meta, &mut found));
            found
        };
        if !keep {
            return fresh(&cx, 0);
        }
        match (&reuse, &narrowed, previous) {
            (Some(reuse), Some(narrowed), Some(mut found)) if reuse.keeps(rule.scope) => {
                found.retain_mut(|d| reuse.carry(d, rule.scope));
                if rule.scope == Scope::Node {
                    found.extend(fresh(narrowed, 0).into_iter().filter(|d| reuse.in_dirty(d)));
                }
                found
            }
            (_, _, previous) => fresh(&cx, previous.map_or(0, |p| p.len())),
        }
    };
    let kept_flags: Vec<(&'static str, bool)> = jobs.iter().map(|(rule, keep, _)| (rule.meta.id, *keep)).collect();
    // A big document's rules run side by side on the pool (they share the context's
    // lazily built indices); the findings are gathered in registry order either way,
    // so the result does not depend on the number of threads.
    let found: Vec<Vec<Diagnostic>> = if tree.nodes.len() >= PARALLEL_NODES && rayon::current_num_threads() > 1 {
        use rayon::prelude::*;
        jobs.into_par_iter().map(run_one).collect()
    } else {
        jobs.into_iter().map(run_one).collect()
    };
    let mut kept: Vec<(&'static str, Vec<Diagnostic>)> = Vec::new();
    let mut by_rule: Vec<Vec<Diagnostic>> = Vec::with_capacity(found.len() + 1);
    by_rule.push(raw);
    for ((id, keep), found) in kept_flags.into_iter().zip(found) {
        if keep {
            by_rule.push(found.clone());
            kept.push((id, found));
        } else {
            by_rule.push(found);
        }
    }
    if let Some(c) = checked {
        c.remember(tree, &inputs.build_args, cx.today, kept, model);
    }
    let suppressions = suppress::Suppressions::new(text, tree);
    // A big file has thousands: sized once instead of grown (and copied) step by step.
    let mut out: Vec<Diagnostic> = Vec::with_capacity(by_rule.iter().map(Vec::len).sum());
    out.extend(by_rule.into_iter().flatten().filter_map(|mut d| {
        let meta =
            registry::rule_by_id(d.code).map(|r| &r.meta).or_else(|| ErrorKind::from_id(d.code).map(syntax_meta))?;
        if suppressions.suppressed(&d, meta, tree) {
            return None;
        }
        // A configured level wins; otherwise the rule's own choice stands (the
        // default severity, or what the rule set with `Report::severity`).
        let configured = config.level_for(meta, d.case);
        match configured.unwrap_or(Level::from(meta.default_severity)) {
            Level::Off => None,
            Level::On(sev) => {
                if configured.is_some() {
                    d.severity = sev;
                }
                if meta.group == Group::Buildkit && suppressions.buildkit_error {
                    d.severity = Severity::Error;
                }
                Some(d)
            }
        }
    }));
    out.sort_by(|a, b| (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code)));
    out.dedup_by(|a, b| a.range == b.range && a.code == b.code && a.message == b.message);
    out
}
