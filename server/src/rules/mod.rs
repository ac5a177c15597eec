//! Diagnostics: syntax errors and lint rules, with their configuration.
//!
//! [`check`] is the one entry point the protocol layer and the CLI call.

use crate::syntax::{SyntaxTree, TextRange};

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
}

/// Extra markers editors render (strike-through, faded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticTag {
    Deprecated,
    Unnecessary,
}

/// One finding with an absolute byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: TextRange,
    pub severity: Severity,
    /// The stable rule id, e.g. `unknown-instruction` or `from-latest-tag`.
    pub code: &'static str,
    pub message: String,
    pub tags: Vec<DiagnosticTag>,
    /// Other places that explain this one (e.g. the first of two duplicate stages).
    pub related: Vec<(TextRange, String)>,
}

/// Where the rule ids are documented.
pub fn docs_url(code: &str) -> String {
    format!("https://github.com/dockerfile-lsp/dockerfile-lsp/blob/main/README.md#{code}")
}

/// All findings for a document, sorted by position.
pub fn check(text: &str, tree: &SyntaxTree) -> Vec<Diagnostic> {
    let _ = text;
    let mut out: Vec<Diagnostic> = tree
        .errors()
        .into_iter()
        .map(|e| Diagnostic {
            range: e.range,
            severity: Severity::Error,
            code: e.kind.id(),
            message: e.message,
            tags: Vec::new(),
            related: Vec::new(),
        })
        .collect();
    out.sort_by_key(|d| (d.range.start, d.range.end));
    out
}
