//! What the server tells the client it can do — built in one place — and what the
//! client said it supports.
//!
//! Advertise only what is implemented: a feature that lands adds its capability here
//! (reading [`ClientSupport`] when it depends on what the client supports).

use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DocumentLinkOptions, DocumentOnTypeFormattingOptions, FoldingRangeProviderCapability, HoverProviderCapability,
    OneOf, RenameOptions, SaveOptions, SelectionRangeProviderCapability, SemanticTokensFullOptions,
    SemanticTokensOptions, SemanticTokensServerCapabilities, ServerCapabilities, SignatureHelpOptions,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    WorkDoneProgressOptions, WorkspaceFoldersServerCapabilities, WorkspaceServerCapabilities,
};

use super::position::PositionEncoding;
use super::semantic;

/// The client abilities the server adapts to, read once at `initialize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientSupport {
    /// `DocumentSymbol[]` (a tree) rather than flat `SymbolInformation[]`.
    pub hierarchical_symbols: bool,
    /// Folding ranges are whole lines (no start/end characters).
    pub line_folding_only: bool,
    /// The most folding ranges the client wants.
    pub folding_range_limit: Option<u32>,
    /// Semantic tokens may span lines.
    pub multiline_tokens: bool,
    /// Completion items may be snippets.
    pub snippets: bool,
    /// `WorkspaceEdit.documentChanges` (versioned edits).
    pub document_changes: bool,
    /// `CodeAction` literals in code action results.
    pub code_action_literals: bool,
    /// `textDocument/prepareRename`.
    pub prepare_rename: bool,
    /// `client/registerCapability` for `workspace/didChangeWatchedFiles`.
    pub dynamic_watched_files: bool,
    /// `client/registerCapability` for `workspace/didChangeConfiguration`.
    pub dynamic_configuration: bool,
    /// Markdown in hovers and documentation.
    pub markdown: bool,
    /// `workspace/inlayHint/refresh`.
    pub inlay_refresh: bool,
    /// The client is VS Code (it knows the command that reopens suggestions).
    pub vscode: bool,
}

impl ClientSupport {
    pub fn new(c: &ClientCapabilities) -> ClientSupport {
        let td = c.text_document.as_ref();
        let ws = c.workspace.as_ref();
        let folding = td.and_then(|t| t.folding_range.as_ref());
        ClientSupport {
            hierarchical_symbols: td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            line_folding_only: folding.and_then(|f| f.line_folding_only).unwrap_or(false),
            folding_range_limit: folding.and_then(|f| f.range_limit),
            multiline_tokens: td
                .and_then(|t| t.semantic_tokens.as_ref())
                .and_then(|s| s.multiline_token_support)
                .unwrap_or(false),
            snippets: td
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            document_changes: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            code_action_literals: td
                .and_then(|t| t.code_action.as_ref())
                .is_some_and(|a| a.code_action_literal_support.is_some()),
            prepare_rename: td.and_then(|t| t.rename.as_ref()).and_then(|r| r.prepare_support).unwrap_or(false),
            dynamic_watched_files: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            dynamic_configuration: ws
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            markdown: td
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_some_and(|f| f.contains(&tower_lsp_server::ls_types::MarkupKind::Markdown)),
            inlay_refresh: ws.and_then(|w| w.inlay_hint.as_ref()).and_then(|i| i.refresh_support).unwrap_or(false),
            vscode: false,
        }
    }

    /// Notes which client this is (`clientInfo.name`).
    pub fn with_client_name(mut self, name: Option<&str>) -> ClientSupport {
        self.vscode = name.is_some_and(|n| n.contains("Visual Studio Code") || n.contains("VSCodium"));
        self
    }
}

/// Characters after which the client should ask for completions by itself: a space
/// (after a keyword), flag and value starts, variables, tags, paths and lists.
pub const COMPLETION_TRIGGERS: &[&str] = &[" ", "-", "=", "$", "{", ":", "/", ",", "@"];

/// Characters after which signature help opens or moves on.
pub const SIGNATURE_TRIGGERS: &[&str] = &[" "];
pub const SIGNATURE_RETRIGGERS: &[&str] = &[",", "="];

pub fn server_capabilities(client: &ClientSupport, encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            will_save: None,
            will_save_wait_until: None,
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(if client.prepare_rename {
            OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        } else {
            OneOf::Left(true)
        }),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                work_done_progress_options: WorkDoneProgressOptions::default(),
                legend: semantic::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
            },
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        document_on_type_formatting_provider: Some(DocumentOnTypeFormattingOptions {
            first_trigger_character: "\n".to_string(),
            more_trigger_character: None,
        }),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        // Without literal support a client expects commands, which we do not offer.
        code_action_provider: client.code_action_literals.then(|| {
            CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
                work_done_progress_options: WorkDoneProgressOptions::default(),
                resolve_provider: Some(false),
            })
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: Some(SIGNATURE_TRIGGERS.iter().map(|s| s.to_string()).collect()),
            retrigger_characters: Some(SIGNATURE_RETRIGGERS.iter().map(|s| s.to_string()).collect()),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        // `.hadolint.yaml` is looked for up to the workspace folder holding a file.
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        completion_provider: Some(CompletionOptions {
            resolve_provider: Some(false),
            trigger_characters: Some(COMPLETION_TRIGGERS.iter().map(|s| s.to_string()).collect()),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}
