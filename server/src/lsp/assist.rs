//! Hover, completion, signature help and inlay hints: `ide` answers (which may use
//! live registry data from the cache) converted to LSP.

use tower_lsp_server::ls_types::{
    self as lsp, Command, CompletionItem, CompletionItemKind, CompletionItemTag, CompletionList, CompletionTextEdit,
    Documentation, Hover, HoverContents, InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip, InsertTextFormat,
    MarkupContent, MarkupKind, ParameterInformation, ParameterLabel, SignatureHelp, SignatureInformation,
};

use super::capabilities::ClientSupport;
use super::document::Snapshot;
use super::position::PositionEncoding;
use crate::ide::completion::{self as ide_completion, ItemKind};
use crate::ide::hover::render::to_plain;
use crate::ide::inlay::{self, InlayKind};
use crate::ide::signature;

/// Markdown for clients that render it, else the same content as plain text.
fn markup(client: &ClientSupport, markdown: String) -> MarkupContent {
    if client.markdown {
        MarkupContent { kind: MarkupKind::Markdown, value: markdown }
    } else {
        MarkupContent { kind: MarkupKind::PlainText, value: markdown }
    }
}

/// A hover from its blocks: markdown, or wrapped plain text for clients without it.
pub fn hover(
    snap: &Snapshot,
    blocks: Vec<crate::ide::hover::render::Block>,
    range: crate::syntax::TextRange,
    client: &ClientSupport,
) -> Hover {
    let value = if client.markdown {
        MarkupContent { kind: MarkupKind::Markdown, value: crate::ide::hover::render::to_markdown(&blocks) }
    } else {
        MarkupContent { kind: MarkupKind::PlainText, value: to_plain(&blocks, 80) }
    };
    Hover { contents: HoverContents::Markup(value), range: Some(snap.range(range)) }
}

fn item_kind(k: ItemKind) -> CompletionItemKind {
    match k {
        ItemKind::Keyword => CompletionItemKind::KEYWORD,
        ItemKind::Directive => CompletionItemKind::KEYWORD,
        ItemKind::Flag => CompletionItemKind::PROPERTY,
        ItemKind::Value => CompletionItemKind::VALUE,
        ItemKind::Image => CompletionItemKind::MODULE,
        ItemKind::Namespace => CompletionItemKind::FOLDER,
        ItemKind::Tag => CompletionItemKind::CONSTANT,
        ItemKind::Stage => CompletionItemKind::CLASS,
        ItemKind::Variable => CompletionItemKind::VARIABLE,
    }
}

/// VS Code's command that opens the suggestion list again (after inserting a prefix
/// such as `--mount=` or a registry namespace). Sent only to VS Code, which knows it.
const RETRIGGER: &str = "editor.action.triggerSuggest";

pub fn completion_item(
    snap: &Snapshot,
    item: ide_completion::CompletionItem,
    client: &ClientSupport,
) -> CompletionItem {
    let snippet = item.snippet && client.snippets;
    // A snippet the client cannot take is inserted without its placeholders.
    let new_text = if item.snippet && !client.snippets { strip_snippet(&item.insert_text) } else { item.insert_text };
    CompletionItem {
        label: item.label,
        kind: Some(item_kind(item.kind)),
        detail: item.detail,
        documentation: item.documentation.map(|d| Documentation::MarkupContent(markup(client, d))),
        tags: item.deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
        preselect: item.preselect.then_some(true),
        sort_text: item.sort_text,
        filter_text: item.filter_text,
        insert_text_format: Some(if snippet { InsertTextFormat::SNIPPET } else { InsertTextFormat::PLAIN_TEXT }),
        text_edit: Some(CompletionTextEdit::Edit(lsp::TextEdit { range: snap.range(item.range), new_text })),
        additional_text_edits: (!item.additional_edits.is_empty()).then(|| {
            item.additional_edits
                .into_iter()
                .map(|e| lsp::TextEdit { range: snap.range(e.range), new_text: e.new_text })
                .collect()
        }),
        command: (item.retrigger && client.vscode).then(|| Command {
            title: "Suggest".to_string(),
            command: RETRIGGER.to_string(),
            arguments: None,
        }),
        ..CompletionItem::default()
    }
}

/// `${1:name}` → `name`, `$0`/`$1` → nothing, `\$` → `$`.
pub fn strip_snippet(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                if chars.peek() == Some(&':') {
                    chars.next();
                }
                let mut depth = 1;
                for n in chars.by_ref() {
                    match n {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    out.push(n);
                }
            }
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    out
}

pub fn completion_list(is_incomplete: bool, items: Vec<CompletionItem>) -> CompletionList {
    CompletionList { is_incomplete, items }
}

/// Offsets into a label, counted as the client counts characters.
fn units(s: &str, enc: PositionEncoding) -> u32 {
    let n = match enc {
        PositionEncoding::Utf8 => s.len(),
        PositionEncoding::Utf16 => s.encode_utf16().count(),
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn signature_help(snap: &Snapshot, help: signature::SignatureHelp, client: &ClientSupport) -> SignatureHelp {
    let signatures = help
        .signatures
        .into_iter()
        .map(|s| {
            let parameters = s
                .parameters
                .iter()
                .filter_map(|p| {
                    let start = s.label.get(..p.label.start)?;
                    let part = s.label.get(p.label.clone())?;
                    let a = units(start, snap.encoding);
                    Some(ParameterInformation {
                        label: ParameterLabel::LabelOffsets([a, a + units(part, snap.encoding)]),
                        documentation: p.documentation.clone().map(|d| Documentation::MarkupContent(markup(client, d))),
                    })
                })
                .collect();
            SignatureInformation {
                label: s.label,
                documentation: s.documentation.map(|d| Documentation::MarkupContent(markup(client, d))),
                parameters: Some(parameters),
                active_parameter: None,
            }
        })
        .collect();
    SignatureHelp {
        signatures,
        active_signature: u32::try_from(help.active_signature).ok(),
        active_parameter: help.active_parameter.and_then(|p| u32::try_from(p).ok()),
    }
}

pub fn inlay_hint(snap: &Snapshot, h: inlay::InlayHint) -> InlayHint {
    InlayHint {
        position: snap.position(h.offset),
        label: InlayHintLabel::String(h.label),
        kind: Some(match h.kind {
            InlayKind::Value => InlayHintKind::TYPE,
            InlayKind::Size => InlayHintKind::TYPE,
        }),
        text_edits: None,
        tooltip: h.tooltip.map(InlayHintTooltip::String),
        padding_left: h.padding_left.then_some(true),
        padding_right: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_degrade_to_plain_text() {
        assert_eq!(
            strip_snippet("--mount=type=cache,target=${1:/root/.cache}$0"),
            "--mount=type=cache,target=/root/.cache"
        );
        assert_eq!(strip_snippet("ARG ${1:NAME}=${2:value}"), "ARG NAME=value");
        assert_eq!(strip_snippet(r"echo \$HOME $1"), "echo $HOME ");
        assert_eq!(strip_snippet("plain"), "plain");
    }
}
