//! Diagnostics for a document snapshot, converted to LSP.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock, PoisonError};

use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::document::Snapshot;
use crate::rules::{self, DiagnosticTag, Severity};

/// `Diagnostic.source` for everything we report.
pub const SOURCE: &str = "dockerfile-lsp";

/// The one call from the protocol layer into the rules. The snapshot carries the
/// settings in effect (`snap.settings`), so rule configuration reaches the rules here.
pub fn check(snap: &Snapshot) -> Vec<rules::Diagnostic> {
    rules::check(&snap.text, &snap.tree)
}

/// All diagnostics for a snapshot, ready to publish.
pub fn compute(snap: &Snapshot) -> Vec<lsp::Diagnostic> {
    check(snap).iter().map(|d| to_lsp(snap, d)).collect()
}

pub fn to_lsp(snap: &Snapshot, d: &rules::Diagnostic) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|(range, message)| DiagnosticRelatedInformation {
            location: Location { uri: snap.uri.clone(), range: snap.range(range.clone()) },
            message: message.clone(),
        })
        .collect();
    let tags: Vec<lsp::DiagnosticTag> = d
        .tags
        .iter()
        .map(|t| match t {
            DiagnosticTag::Deprecated => lsp::DiagnosticTag::DEPRECATED,
            DiagnosticTag::Unnecessary => lsp::DiagnosticTag::UNNECESSARY,
        })
        .collect();
    lsp::Diagnostic {
        range: snap.range(d.range.clone()),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: docs_uri(d.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
        data: None,
    }
}

/// The documentation link of a code, parsed once per code (a file can have thousands
/// of findings of a few kinds).
fn docs_uri(code: &'static str) -> Option<Uri> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<Uri>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Mutex::default).lock().unwrap_or_else(PoisonError::into_inner);
    cache.entry(code).or_insert_with(|| Uri::from_str(&rules::docs_url(code)).ok()).clone()
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lsp::document::DocumentStore;
    use crate::lsp::position::PositionEncoding;

    fn snapshot(text: &str, enc: PositionEncoding) -> Snapshot {
        let store = DocumentStore::default();
        let uri: Uri = "file:///w/Dockerfile".parse().unwrap_or_else(|e| panic!("{e}"));
        store.open(uri.clone(), text.to_string(), 7);
        store.snapshot(&uri, enc, Arc::default()).unwrap_or_else(|| panic!("just opened"))
    }

    #[test]
    fn a_syntax_error_becomes_an_lsp_error_with_code_link_and_source() {
        let snap = snapshot("# 🐳\nFROM registry.example.com/team/base:1.0\nFR🐳M x\n", PositionEncoding::Utf16);
        let diags = compute(&snap);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.code, Some(NumberOrString::String("unknown-instruction".into())));
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(d.source.as_deref(), Some("dockerfile-lsp"));
        // `FR🐳M` on line 2: 2 + 2 + 1 UTF-16 units.
        assert_eq!(d.range, lsp::Range::new(lsp::Position::new(2, 0), lsp::Position::new(2, 5)));
        let href = d.code_description.as_ref().map(|c| c.href.as_str().to_string());
        assert_eq!(
            href.as_deref(),
            Some("https://github.com/dockerfile-lsp/dockerfile-lsp/blob/main/README.md#unknown-instruction")
        );
        assert!(d.message.contains("FR🐳M"), "{}", d.message);

        let utf8 =
            compute(&snapshot("# 🐳\nFROM registry.example.com/team/base:1.0\nFR🐳M x\n", PositionEncoding::Utf8));
        assert_eq!(utf8[0].range, lsp::Range::new(lsp::Position::new(2, 0), lsp::Position::new(2, 7)));
    }

    #[test]
    fn a_valid_file_has_no_diagnostics() {
        assert_eq!(
            compute(&snapshot("FROM registry.example.com/team/base:1.0\nRUN echo hi\n", PositionEncoding::Utf16)),
            []
        );
    }

    #[test]
    fn tags_severity_and_related_information_are_carried_over() {
        let snap = snapshot("FROM a AS x\nFROM b AS x\n", PositionEncoding::Utf16);
        let d = rules::Diagnostic {
            range: 17..23,
            severity: Severity::Hint,
            code: "duplicate-stage-name",
            message: "stage x is defined twice".into(),
            tags: vec![DiagnosticTag::Unnecessary, DiagnosticTag::Deprecated],
            related: vec![(10..11, "first defined here".into())],
            case: None,
            fixes: vec![],
        };
        let l = to_lsp(&snap, &d);
        assert_eq!(l.severity, Some(DiagnosticSeverity::HINT));
        assert_eq!(l.tags, Some(vec![lsp::DiagnosticTag::UNNECESSARY, lsp::DiagnosticTag::DEPRECATED]));
        let related = l.related_information.unwrap_or_default();
        assert_eq!(related.len(), 1);
        assert_eq!(related[0].location.uri, snap.uri);
        assert_eq!(related[0].location.range, lsp::Range::new(lsp::Position::new(0, 10), lsp::Position::new(0, 11)));
        assert_eq!(related[0].message, "first defined here");
        assert_eq!(l.range, lsp::Range::new(lsp::Position::new(1, 5), lsp::Position::new(1, 11)));
    }
}
