//! `ide` results converted to LSP types: byte ranges become client ranges in the
//! negotiated encoding, and shapes follow what the client supports.

use std::collections::HashMap;
use std::path::Path;

use tower_lsp_server::ls_types::{
    self as lsp, DocumentChanges, DocumentHighlight, DocumentHighlightKind, DocumentLink, DocumentSymbol,
    DocumentSymbolResponse, FoldingRange, FoldingRangeKind, Location, OneOf, OptionalVersionedTextDocumentIdentifier,
    SelectionRange, SymbolInformation, SymbolKind as LspSymbolKind, TextDocumentEdit, Uri, WorkspaceEdit,
};

use super::capabilities::ClientSupport;
use super::document::Snapshot;
use crate::config::{ContinuationIndent, Settings};
use crate::ide::folding::{Fold, FoldKind};
use crate::ide::format::FormatOptions;
use crate::ide::links::{Link, LinkTarget};
use crate::ide::navigation::Occurrence;
use crate::ide::symbols::{Symbol, SymbolKind};
use crate::syntax::TextRange;

fn symbol_kind(k: SymbolKind) -> LspSymbolKind {
    match k {
        SymbolKind::Stage => LspSymbolKind::CLASS,
        SymbolKind::Variable => LspSymbolKind::VARIABLE,
        SymbolKind::Instruction => LspSymbolKind::FUNCTION,
        SymbolKind::Label => LspSymbolKind::PROPERTY,
        SymbolKind::Port => LspSymbolKind::CONSTANT,
    }
}

/// The outline: a tree for clients that take one, else a flat list with containers.
pub fn document_symbols(snap: &Snapshot, symbols: Vec<Symbol>, client: &ClientSupport) -> DocumentSymbolResponse {
    if client.hierarchical_symbols {
        DocumentSymbolResponse::Nested(symbols.into_iter().map(|s| nested_symbol(snap, s)).collect())
    } else {
        let mut flat = Vec::new();
        flatten(snap, &snap.uri, symbols, None, &mut flat);
        DocumentSymbolResponse::Flat(flat)
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the LSP struct
fn nested_symbol(snap: &Snapshot, s: Symbol) -> DocumentSymbol {
    let range = snap.range(s.range.clone());
    // The selection must lie inside the range.
    let selection = if s.range.start <= s.selection.start && s.selection.end <= s.range.end {
        snap.range(s.selection)
    } else {
        range
    };
    DocumentSymbol {
        name: if s.name.is_empty() { "?".to_string() } else { s.name },
        detail: s.detail,
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!s.children.is_empty()).then(|| s.children.into_iter().map(|c| nested_symbol(snap, c)).collect()),
    }
}

/// Flat symbols with their container's name.
#[allow(deprecated)]
pub fn flatten(
    snap: &Snapshot,
    uri: &Uri,
    symbols: Vec<Symbol>,
    container: Option<&str>,
    out: &mut Vec<SymbolInformation>,
) {
    for s in symbols {
        out.push(SymbolInformation {
            name: s.name.clone(),
            kind: symbol_kind(s.kind),
            tags: None,
            deprecated: None,
            location: Location { uri: uri.clone(), range: snap.range(s.selection.clone()) },
            container_name: container.map(str::to_string),
        });
        flatten(snap, uri, s.children, Some(&s.name), out);
    }
}

pub fn locations(snap: &Snapshot, ranges: impl IntoIterator<Item = TextRange>) -> Vec<Location> {
    ranges.into_iter().map(|r| Location { uri: snap.uri.clone(), range: snap.range(r) }).collect()
}

/// Definitions are writes, uses are reads.
pub fn highlights(snap: &Snapshot, occurrences: Vec<Occurrence>) -> Vec<DocumentHighlight> {
    occurrences
        .into_iter()
        .map(|o| DocumentHighlight {
            range: snap.range(o.range),
            kind: Some(if o.is_definition { DocumentHighlightKind::WRITE } else { DocumentHighlightKind::READ }),
        })
        .collect()
}

/// Folding ranges. For line-only clients, the first line stays visible and a fold
/// whose end is followed by more text on its line ends one line earlier.
pub fn folding_ranges(snap: &Snapshot, folds: Vec<Fold>, client: &ClientSupport) -> Vec<FoldingRange> {
    let mut out = Vec::with_capacity(folds.len());
    for f in folds {
        let range = snap.range(f.range.clone());
        let kind = match f.kind {
            FoldKind::Comment => Some(FoldingRangeKind::Comment),
            FoldKind::Region => None,
        };
        let fold = if client.line_folding_only {
            let mut end_line = range.end.line;
            let line_rest = snap.text.get(f.range.end..).and_then(|t| t.lines().next()).unwrap_or("");
            if end_line > range.start.line && (range.end.character == 0 || !line_rest.trim().is_empty()) {
                end_line -= 1;
            }
            FoldingRange {
                start_line: range.start.line,
                start_character: None,
                end_line,
                end_character: None,
                kind,
                collapsed_text: None,
            }
        } else {
            FoldingRange {
                start_line: range.start.line,
                start_character: Some(range.start.character),
                end_line: range.end.line,
                end_character: Some(range.end.character),
                kind,
                collapsed_text: None,
            }
        };
        if fold.end_line > fold.start_line {
            out.push(fold);
        }
    }
    if let Some(limit) = client.folding_range_limit {
        out.truncate(limit as usize);
    }
    out
}

/// A selection range chain from innermost to outermost (each the parent of the one
/// before). An empty chain selects just the position.
pub fn selection_range(snap: &Snapshot, pos: lsp::Position, ranges: Vec<TextRange>) -> SelectionRange {
    let mut chain: Option<SelectionRange> = None;
    for r in ranges.into_iter().rev() {
        chain = Some(SelectionRange { range: snap.range(r), parent: chain.map(Box::new) });
    }
    chain.unwrap_or(SelectionRange { range: lsp::Range::new(pos, pos), parent: None })
}

/// Links: web pages as they are; build-context paths as `file:` URIs when the file
/// or folder exists (a path that leaves the context or has wildcards gets none).
pub fn document_links(snap: &Snapshot, links: Vec<Link>, context_root: Option<&Path>) -> Vec<DocumentLink> {
    let mut out = Vec::new();
    for l in links {
        let target = match &l.target {
            LinkTarget::Url(url) => url.parse::<Uri>().ok(),
            LinkTarget::ContextPath(p) => context_root.and_then(|root| context_file(root, p)),
        };
        let Some(target) = target else { continue };
        out.push(DocumentLink {
            range: snap.range(l.range),
            target: Some(target),
            tooltip: Some(l.tooltip),
            data: None,
        });
    }
    out
}

fn context_file(root: &Path, path: &str) -> Option<Uri> {
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|seg| seg == "..") || rel.contains(['*', '?', '[']) {
        return None;
    }
    let full = if rel.is_empty() || rel == "." { root.to_path_buf() } else { root.join(rel) };
    full.exists().then(|| Uri::from_file_path(&full)).flatten()
}

pub fn text_edits(snap: &Snapshot, edits: impl IntoIterator<Item = (TextRange, String)>) -> Vec<lsp::TextEdit> {
    edits.into_iter().map(|(r, new_text)| lsp::TextEdit { range: snap.range(r), new_text }).collect()
}

/// Edits to this document as a workspace edit: versioned `documentChanges` when the
/// client supports them, else the plain `changes` map.
pub fn workspace_edit(snap: &Snapshot, edits: Vec<lsp::TextEdit>, client: &ClientSupport) -> WorkspaceEdit {
    if client.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: snap.uri.clone(),
                    version: Some(snap.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit { changes: Some(HashMap::from([(snap.uri.clone(), edits)])), ..WorkspaceEdit::default() }
    }
}

/// The formatter's options from the `format.*` settings.
pub fn format_options(settings: &Settings) -> FormatOptions {
    FormatOptions {
        uppercase_keywords: settings.format.uppercase_keywords,
        continuation_indent: match settings.format.continuation_indent {
            ContinuationIndent::Keep => None,
            ContinuationIndent::Spaces(n) => Some(usize::from(n)),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::ide::folding::folding_ranges as ide_folds;
    use crate::ide::{Doc, symbols};
    use crate::lsp::document::DocumentStore;
    use crate::lsp::position::PositionEncoding;

    fn snapshot(text: &str) -> Snapshot {
        let store = DocumentStore::default();
        let uri: Uri = "file:///w/Dockerfile".parse().unwrap_or_else(|e| panic!("{e}"));
        store.open(uri.clone(), text.to_string(), 3);
        store.snapshot(&uri, PositionEncoding::Utf16, Arc::default()).unwrap_or_else(|| panic!("open"))
    }

    fn folds(snap: &Snapshot, client: &ClientSupport) -> Vec<(u32, u32, Option<u32>)> {
        let model = snap.model();
        let doc = Doc::new(&snap.text, &snap.tree, &model);
        folding_ranges(snap, ide_folds(&doc), client)
            .iter()
            .map(|f| (f.start_line, f.end_line, f.end_character))
            .collect()
    }

    #[test]
    fn line_folding_keeps_the_first_line_and_ends_on_whole_lines() {
        let snap = snapshot("# a\n# b\nFROM x\nRUN a \\\n  b\nCOPY <<A <<B /d/\na\nA\nb\nB\n");
        let lines = folds(&snap, &ClientSupport { line_folding_only: true, ..ClientSupport::default() });
        assert!(lines.iter().all(|(s, e, c)| e > s && c.is_none()), "{lines:?}");
        assert!(lines.contains(&(0, 1, None)), "comment block {lines:?}");
        assert!(lines.contains(&(3, 4, None)), "continued RUN {lines:?}");
        let chars = folds(&snap, &ClientSupport::default());
        assert!(chars.iter().all(|(_, _, c)| c.is_some()));
        let limited = folds(&snap, &ClientSupport { folding_range_limit: Some(2), ..ClientSupport::default() });
        assert_eq!(limited.len(), 2);
    }

    #[test]
    fn symbols_nested_or_flat_with_containers() {
        let snap = snapshot("FROM a AS build\nENV X=1\nRUN make\n");
        let model = snap.model();
        let doc = Doc::new(&snap.text, &snap.tree, &model);
        let nested = document_symbols(
            &snap,
            symbols::document_symbols(&doc),
            &ClientSupport { hierarchical_symbols: true, ..ClientSupport::default() },
        );
        let DocumentSymbolResponse::Nested(tree) = nested else { panic!("nested expected") };
        assert_eq!(tree.len(), 1);
        assert_eq!(tree[0].name, "build");
        assert_eq!(tree[0].children.as_ref().map(Vec::len), Some(2));
        let DocumentSymbolResponse::Flat(flat) =
            document_symbols(&snap, symbols::document_symbols(&doc), &ClientSupport::default())
        else {
            panic!("flat expected")
        };
        let shown: Vec<(String, Option<String>)> =
            flat.iter().map(|s| (s.name.clone(), s.container_name.clone())).collect();
        assert_eq!(
            shown,
            [("build".into(), None), ("X".into(), Some("build".into())), ("RUN make".into(), Some("build".into()))]
        );
    }

    #[test]
    fn context_links_only_for_existing_files_inside_the_context() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(tmp.path().join("app.py"), "x").unwrap_or_else(|e| panic!("{e}"));
        let root = tmp.path();
        assert!(context_file(root, "app.py").is_some_and(|u| u.as_str().ends_with("/app.py")));
        assert!(context_file(root, "/app.py").is_some());
        assert!(context_file(root, "missing.py").is_none());
        assert!(context_file(root, "*.py").is_none());
        assert!(context_file(root, "../app.py").is_none());
    }

    #[test]
    fn workspace_edits_follow_the_client() {
        let snap = snapshot("from a\n");
        let edits = vec![lsp::TextEdit { range: snap.range(0..4), new_text: "FROM".into() }];
        let versioned =
            workspace_edit(&snap, edits.clone(), &ClientSupport { document_changes: true, ..Default::default() });
        let json = serde_json::to_value(&versioned).unwrap_or_default();
        assert_eq!(json["documentChanges"][0]["textDocument"]["version"], 3);
        let plain = workspace_edit(&snap, edits, &ClientSupport::default());
        assert!(plain.changes.is_some_and(|c| c.contains_key(&snap.uri)));
    }
}
