//! Code actions: the quick fixes rules attach to their findings, comments that
//! suppress a finding above its instruction (hadolint's and BuildKit's), and one
//! `source.fixAll` that applies every preferred fix.

use tower_lsp_server::ls_types::{self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand};

use super::capabilities::ClientSupport;
use super::diagnostics;
use super::document::Snapshot;
use super::features::{text_edits, workspace_edit};
use crate::rules::{self, Edit, Group};
use crate::syntax::TextRange;

/// Whether an action of `kind` passes the client's `only` filter.
fn wanted(kind: &CodeActionKind, only: Option<&[CodeActionKind]>) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str())))
    })
}

/// The actions for `range` of a document whose findings are `diags`.
pub fn code_actions(
    snap: &Snapshot,
    diags: &[rules::Diagnostic],
    range: TextRange,
    only: Option<&[CodeActionKind]>,
    client: &ClientSupport,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let touches = |d: &rules::Diagnostic| d.range.start <= range.end && range.start <= d.range.end;
    if wanted(&CodeActionKind::QUICKFIX, only) {
        let mut suppressions = Vec::new();
        for d in diags.iter().filter(|d| touches(d)) {
            let lsp_diag = diagnostics::to_lsp(snap, d);
            for fix in &d.fixes {
                out.push(action(
                    snap,
                    client,
                    fix.title.clone(),
                    CodeActionKind::QUICKFIX,
                    &fix.edits,
                    Some(&lsp_diag),
                    fix.preferred,
                ));
            }
            for (title, edit) in suppress_edits(snap, d) {
                // One action per comment, even when several findings ask for it.
                if !suppressions.iter().any(|(t, _, _)| *t == title) {
                    suppressions.push((title, edit, lsp_diag.clone()));
                }
            }
        }
        for (title, edit, lsp_diag) in suppressions {
            out.push(action(snap, client, title, CodeActionKind::QUICKFIX, &[edit], Some(&lsp_diag), false));
        }
    }
    if wanted(&CodeActionKind::SOURCE_FIX_ALL, only) {
        let edits = fix_all_edits(diags);
        if !edits.is_empty() {
            let title = "Fix all auto-fixable problems".to_string();
            out.push(action(snap, client, title, CodeActionKind::SOURCE_FIX_ALL, &edits, None, false));
        }
    }
    out
}

fn action(
    snap: &Snapshot,
    client: &ClientSupport,
    title: String,
    kind: CodeActionKind,
    edits: &[Edit],
    diagnostic: Option<&lsp::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edits = text_edits(snap, edits.iter().map(|e| (e.range.clone(), e.text.clone())));
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d.clone()]),
        edit: Some(workspace_edit(snap, edits, client)),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// Every preferred fix, skipping any that overlaps one taken before.
pub fn fix_all_edits(diags: &[rules::Diagnostic]) -> Vec<Edit> {
    let mut taken: Vec<Edit> = Vec::new();
    for fix in diags.iter().flat_map(|d| &d.fixes).filter(|f| f.preferred) {
        let clashes = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.range.start < t.range.end.max(t.range.start + 1) && t.range.start < e.range.end.max(e.range.start + 1)
            })
        });
        if !clashes {
            taken.extend(fix.edits.iter().cloned());
        }
    }
    taken.sort_by_key(|e| e.range.start);
    taken
}

/// A hadolint code such as `DL3007`.
fn is_dl(a: &str) -> bool {
    a.len() > 2 && a[..2].eq_ignore_ascii_case("DL") && a[2..].bytes().all(|b| b.is_ascii_digit())
}

/// The suppression comments for a finding: `# hadolint ignore=<name>` (the DL code
/// when the rule has one, else its id) and, for BuildKit checks, `# check=skip=<name>`,
/// each added to a matching comment right above the instruction or inserted above it.
fn suppress_edits(snap: &Snapshot, d: &rules::Diagnostic) -> Vec<(String, Edit)> {
    let Some(meta) = rules::registry::find_meta(d.code) else { return Vec::new() };
    let text = snap.text.as_str();
    let Some(node) = snap.tree.node_index_at(d.range.start).map(|i| &snap.tree.nodes[i]) else {
        return Vec::new();
    };
    let inst_start = node.offset + node.inst.span.start as usize;
    if inst_start > text.len() {
        return Vec::new();
    }
    let line_start = text[..inst_start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..inst_start].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let newline = if text[inst_start..].split('\n').next().is_some_and(|l| l.ends_with('\r')) { "\r\n" } else { "\n" };
    let above = line_start.checked_sub(1).map(|end| {
        let end = if end > 0 && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        (start, end)
    });
    let aliases = meta.aliases_for(d.case);
    let hadolint_name = aliases.iter().find(|a| is_dl(a)).copied().unwrap_or(meta.id);
    let mut out = Vec::new();
    let mut comment = |title: String, prefix: &str, name: &str| {
        let edit = match above.filter(|(s, e)| text[*s..*e].trim_start().starts_with(prefix)) {
            Some((s, e)) => {
                let line = &text[s..e];
                let list = line.trim_start()[prefix.len()..].split_whitespace().next().unwrap_or("");
                if list.split(',').any(|n| n.trim().eq_ignore_ascii_case(name)) {
                    return;
                }
                let at = s + line.find(prefix).unwrap_or(0) + prefix.len() + list.len();
                Edit { range: at..at, text: if list.is_empty() { name.to_string() } else { format!(",{name}") } }
            }
            None => Edit { range: line_start..line_start, text: format!("{indent}{prefix}{name}{newline}") },
        };
        out.push((title, edit));
    };
    comment(
        format!("Ignore {hadolint_name} for this instruction (# hadolint ignore)"),
        "# hadolint ignore=",
        hadolint_name,
    );
    if meta.group == Group::Buildkit {
        if let Some(name) = aliases.iter().find(|a| !is_dl(a)) {
            comment(format!("Skip the {name} check for this instruction (# check=skip)"), "# check=skip=", name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use tower_lsp_server::ls_types::Uri;

    use super::*;
    use crate::lsp::document::DocumentStore;
    use crate::lsp::position::PositionEncoding;

    fn snapshot(text: &str) -> Snapshot {
        let store = DocumentStore::default();
        let uri: Uri = "file:///w/Dockerfile".parse().unwrap_or_else(|e| panic!("{e}"));
        store.open(uri.clone(), text.to_string(), 1);
        store.snapshot(&uri, PositionEncoding::Utf16, Arc::default()).unwrap_or_else(|| panic!("open"))
    }

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut out = text.to_string();
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in sorted {
            out.replace_range(e.range.clone(), &e.text);
        }
        out
    }

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect()
    }

    #[test]
    fn suppression_comments_go_above_the_instruction_or_extend_one() {
        let text = "FROM alpine:3.22\n  MAINTAINER me\n";
        let snap = snapshot(text);
        let diags = rules::check(text, &snap.tree);
        let d = diags.iter().find(|d| d.code == "maintainer-deprecated").unwrap_or_else(|| panic!("{diags:?}"));
        let edits = suppress_edits(&snap, d);
        let shown: Vec<String> = edits.iter().map(|(_, e)| apply(text, std::slice::from_ref(e))).collect();
        assert_eq!(
            shown,
            [
                "FROM alpine:3.22\n  # hadolint ignore=DL4000\n  MAINTAINER me\n",
                "FROM alpine:3.22\n  # check=skip=MaintainerDeprecated\n  MAINTAINER me\n",
            ]
        );
        for fixed in &shown {
            let tree = crate::syntax::parse(fixed);
            assert!(rules::check(fixed, &tree).iter().all(|d| d.code != "maintainer-deprecated"), "{fixed}");
        }
        let text = "FROM alpine:3.22\n# hadolint ignore=DL3007\nMAINTAINER me\n";
        let snap = snapshot(text);
        let diags = rules::check(text, &snap.tree);
        let d = diags.iter().find(|d| d.code == "maintainer-deprecated").unwrap_or_else(|| panic!("{diags:?}"));
        let (_, e) = &suppress_edits(&snap, d)[0];
        assert_eq!(
            apply(text, std::slice::from_ref(e)),
            "FROM alpine:3.22\n# hadolint ignore=DL3007,DL4000\nMAINTAINER me\n"
        );
    }

    #[test]
    fn actions_for_a_range_with_kinds_filtered() {
        let text = "FROM alpine:3.22\nMAINTAINER me\nRUN true\n";
        let snap = snapshot(text);
        let diags = rules::check(text, &snap.tree);
        let client = ClientSupport::default();
        let line1 = 17..20;
        let all = code_actions(&snap, &diags, line1.clone(), None, &client);
        assert_eq!(
            titles(&all),
            [
                "Replace with LABEL org.opencontainers.image.authors",
                "Ignore DL4000 for this instruction (# hadolint ignore)",
                "Skip the MaintainerDeprecated check for this instruction (# check=skip)",
                "Fix all auto-fixable problems",
            ]
        );
        let CodeActionOrCommand::CodeAction(fix) = &all[0] else { panic!("literal") };
        assert_eq!(fix.is_preferred, Some(true));
        assert_eq!(
            fix.diagnostics.as_ref().map(|d| d[0].code.clone()),
            Some(Some(lsp::NumberOrString::String("maintainer-deprecated".into())))
        );
        let only_fix_all = code_actions(&snap, &diags, line1, Some(&[CodeActionKind::SOURCE_FIX_ALL]), &client);
        assert_eq!(titles(&only_fix_all), ["Fix all auto-fixable problems"]);
        let elsewhere = code_actions(&snap, &diags, 37..38, Some(&[CodeActionKind::QUICKFIX]), &client);
        assert!(elsewhere.is_empty());
    }

    #[test]
    fn fix_all_skips_overlapping_fixes() {
        let fix = |range: TextRange, preferred| rules::Fix {
            title: "f".into(),
            edits: vec![Edit { range, text: "x".into() }],
            preferred,
        };
        let diag = |fixes| rules::Diagnostic {
            range: 0..1,
            severity: rules::Severity::Warning,
            code: "maintainer-deprecated",
            case: None,
            message: String::new(),
            tags: vec![],
            related: vec![],
            fixes,
        };
        let diags =
            [diag(vec![fix(0..4, true)]), diag(vec![fix(2..6, true), fix(8..9, false)]), diag(vec![fix(6..7, true)])];
        let ranges: Vec<TextRange> = fix_all_edits(&diags).into_iter().map(|e| e.range).collect();
        assert_eq!(ranges, [0..4, 6..7]);
    }
}
