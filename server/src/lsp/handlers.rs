//! The `LanguageServer` methods: lifecycle and document sync, then one method per
//! feature. Each feature takes a snapshot, runs the `ide` function off the async
//! threads (see [`Backend::on_document`]) and converts with `features`.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::Value;
use tower_lsp_server::LanguageServer;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, CompletionParams, CompletionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentFormattingParams,
    DocumentHighlight, DocumentHighlightParams, DocumentLink, DocumentLinkParams, DocumentOnTypeFormattingParams,
    DocumentRangeFormattingParams, DocumentSymbolParams, DocumentSymbolResponse, FoldingRange, FoldingRangeParams,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverParams, InitializeParams, InitializeResult,
    InitializedParams, InlayHint, InlayHintParams, Location, PrepareRenameResponse, ReferenceParams, RenameParams,
    SelectionRange, SelectionRangeParams, SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams,
    SemanticTokensFullDeltaResult, SemanticTokensParams, SemanticTokensRangeParams, SemanticTokensRangeResult,
    SemanticTokensResult, ServerInfo, SignatureHelp, SignatureHelpParams, TextDocumentPositionParams, TextEdit,
    WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::analysis::file_path;
use super::capabilities::{ClientSupport, server_capabilities};
use super::document::Snapshot;
use super::error::ServerError;
use super::position::PositionEncoding;
use super::server::{Backend, SentTokens};
use super::{assist, code_actions, completion, features, run_guarded, semantic};
use crate::ide::completion::CompletionOptions;
use crate::ide::hover::HoverOptions;
use crate::ide::inlay::InlayOptions;
use crate::ide::{self, Doc};
use crate::images::catalog::Date;
use crate::syntax::image_ref::NormalizedRef;

/// Runs `f` on the document's `Doc` (text, tree and the revision's cached model).
fn with_doc<R>(snap: &Snapshot, f: impl FnOnce(&Doc<'_>) -> R) -> R {
    let model = snap.model();
    f(&Doc::new(&snap.text, &snap.tree, &model))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = PositionEncoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        let client = ClientSupport::new(caps).with_client_name(params.client_info.as_ref().map(|i| i.name.as_str()));
        {
            let mut s = self.inner.session_mut();
            s.encoding = encoding;
            s.client = client;
            s.pull_configuration = caps.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false);
            s.init_options = params.initialization_options.clone().unwrap_or(Value::Null);
        }
        let mut roots: Vec<_> = params.workspace_folders.iter().flatten().filter_map(|f| file_path(&f.uri)).collect();
        #[allow(deprecated)] // rootUri: still what older clients send
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(file_path));
        }
        self.inner.set_roots(roots);
        if let Some(errors) = self.inner.recompute_settings() {
            self.inner.session_mut().pending_report = errors;
        }
        self.inner.apply_registry_settings();
        tracing::info!("initialized with position encoding {encoding:?}");
        Ok(InitializeResult {
            capabilities: server_capabilities(&client, encoding),
            server_info: Some(ServerInfo {
                name: "dockerfile-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let (pending, pull) = {
            let mut s = self.inner.session_mut();
            (std::mem::take(&mut s.pending_report), s.pull_configuration)
        };
        self.inner.report_pending(&pending).await;
        tokio::spawn(self.inner.clone().register_dynamic());
        if pull {
            tokio::spawn(self.inner.clone().pull_configuration());
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.inner.docs.open(doc.uri.clone(), doc.text, doc.version);
        self.inner.publish(doc.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        // Synchronous: nothing else touches the document until this returns.
        let report =
            self.inner.docs.change(&uri, params.text_document.version, &params.content_changes, self.inner.encoding());
        match report {
            None => tracing::warn!("didChange for a document that is not open: {}", uri.as_str()),
            Some(report) => {
                if report.clamped > 0 || report.recovered_from_panic {
                    tracing::warn!("resynced {} after an edit that did not fit ({report:?})", uri.as_str());
                }
                self.inner.publish(uri).await;
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // Files next to the Dockerfile (e.g. `.dockerignore`) may have changed too.
        self.inner.env.files_changed();
        self.inner.publish(params.text_document.uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if !self.inner.docs.close(&uri) {
            tracing::warn!("didClose for a document that is not open: {}", uri.as_str());
        }
        self.inner.forget(&uri);
        let _order = self.inner.publish_lock.lock().await;
        self.inner.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pull = {
            let mut s = self.inner.session_mut();
            if !params.settings.is_null() {
                s.client_config = params.settings;
                s.config_generation += 1;
            }
            s.pull_configuration
        };
        if pull {
            tokio::spawn(self.inner.clone().pull_configuration());
        } else {
            self.inner.settings_changed().await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        tracing::debug!("{} watched files changed", params.changes.len());
        self.inner.env.files_changed();
        self.inner.publish_all().await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let removed: Vec<_> = params.event.removed.iter().filter_map(|f| file_path(&f.uri)).collect();
        let added = params.event.added.iter().filter_map(|f| file_path(&f.uri));
        let mut roots = self.inner.env.roots();
        roots.retain(|r| !removed.contains(r));
        roots.extend(added);
        self.inner.set_roots(roots);
        self.inner.publish_all().await;
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let (_, client) = self.shared();
        self.on_document("textDocument/documentSymbol", &params.text_document.uri, move |snap| {
            let symbols = with_doc(snap, ide::symbols::document_symbols);
            Some(features::document_symbols(snap, symbols, &client))
        })
        .await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let snaps: Vec<Snapshot> = self.inner.docs.uris().iter().filter_map(|u| self.snapshot(u)).collect();
        let query = params.query;
        let found = run_guarded("workspace/symbol", move || {
            let mut out = Vec::new();
            for snap in &snaps {
                let symbols = with_doc(snap, |d| ide::symbols::workspace_symbols(d, &query));
                features::flatten(snap, &snap.uri, symbols, None, &mut out);
            }
            out.sort_by(|a, b| (a.location.uri.as_str(), &a.name).cmp(&(b.location.uri.as_str(), &b.name)));
            out
        })
        .await?;
        Ok(Some(WorkspaceSymbolResponse::Flat(found)))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let pos = params.text_document_position_params;
        self.on_document("textDocument/definition", &pos.text_document.uri, move |snap| {
            let offset = snap.offset(pos.position);
            let ranges = with_doc(snap, |d| ide::navigation::definition(d, offset));
            let locations = features::locations(snap, ranges);
            (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let pos = params.text_document_position;
        let include_declaration = params.context.include_declaration;
        self.on_document("textDocument/references", &pos.text_document.uri, move |snap| {
            let offset = snap.offset(pos.position);
            let occurrences = with_doc(snap, |d| {
                let (target, _) = ide::navigation::target_at(d, offset)?;
                Some(ide::navigation::occurrences(d, &target))
            })?;
            let ranges = occurrences.into_iter().filter(|o| include_declaration || !o.is_definition).map(|o| o.range);
            Some(features::locations(snap, ranges))
        })
        .await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let pos = params.text_document_position_params;
        self.on_document("textDocument/documentHighlight", &pos.text_document.uri, move |snap| {
            let offset = snap.offset(pos.position);
            let occurrences = with_doc(snap, |d| {
                let (target, _) = ide::navigation::target_at(d, offset)?;
                Some(ide::navigation::occurrences(d, &target))
            })?;
            Some(features::highlights(snap, occurrences))
        })
        .await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let r = self
            .on_document("textDocument/prepareRename", &params.text_document.uri, move |snap| {
                let offset = snap.offset(params.position);
                match with_doc(snap, |d| ide::navigation::prepare_rename(d, offset)) {
                    Ok((range, placeholder)) => {
                        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder { range: snap.range(range), placeholder }))
                    }
                    Err(e) => Err(ServerError::Refused(e.0)),
                }
            })
            .await;
        Self::flatten(r)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let (_, client) = self.shared();
        let pos = params.text_document_position;
        let new_name = params.new_name;
        let r = self
            .on_document("textDocument/rename", &pos.text_document.uri, move |snap| {
                let offset = snap.offset(pos.position);
                match with_doc(snap, |d| ide::navigation::rename(d, offset, &new_name)) {
                    Ok(edits) => {
                        let edits = features::text_edits(snap, edits);
                        Ok(Some(features::workspace_edit(snap, edits, &client)))
                    }
                    Err(e) => Err(ServerError::Refused(e.0)),
                }
            })
            .await;
        Self::flatten(r)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let (_, client) = self.shared();
        self.on_document("textDocument/foldingRange", &params.text_document.uri, move |snap| {
            let folds = with_doc(snap, ide::folding::folding_ranges);
            Some(features::folding_ranges(snap, folds, &client))
        })
        .await
    }

    async fn selection_range(&self, params: SelectionRangeParams) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        self.on_document("textDocument/selectionRange", &params.text_document.uri, move |snap| {
            let ranges = with_doc(snap, |d| {
                positions
                    .iter()
                    .map(|&p| features::selection_range(snap, p, ide::selection::selection_ranges(d, snap.offset(p))))
                    .collect()
            });
            Some(ranges)
        })
        .await
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        let data = self.tokens(&params.text_document.uri).await?;
        let result_id = self.remember_tokens(&params.text_document.uri, data.clone());
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: Some(result_id),
            data: Arc::unwrap_or_clone(data),
        })))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let data = self.tokens(&uri).await?;
        let previous = self
            .inner
            .tokens_map()
            .get(&uri)
            .filter(|t| t.result_id == params.previous_result_id)
            .map(|t| t.data.clone());
        let result_id = self.remember_tokens(&uri, data.clone());
        Ok(Some(match previous {
            Some(old) => {
                let edits = run_guarded("semanticTokens/full/delta", move || semantic::diff(&old, &data)).await?;
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta { result_id: Some(result_id), edits })
            }
            // The client holds something we no longer know: send everything.
            None => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
                result_id: Some(result_id),
                data: Arc::unwrap_or_clone(data),
            }),
        }))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let (_, client) = self.shared();
        let range = params.range;
        self.on_document("textDocument/semanticTokens/range", &params.text_document.uri, move |snap| {
            let (start, end) = (snap.offset(range.start), snap.offset(range.end));
            let tokens = with_doc(snap, |d| ide::semantic_tokens::semantic_tokens(d, Some(start..end.max(start))));
            let data = semantic::encode(&snap.text, snap.line_index(), snap.encoding, &tokens, client.multiline_tokens);
            Some(SemanticTokensRangeResult::Tokens(SemanticTokens { result_id: None, data }))
        })
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.on_document("textDocument/formatting", &params.text_document.uri, move |snap| {
            let opts = features::format_options(&snap.settings);
            let edits = with_doc(snap, |d| ide::format::format(d, opts, None));
            Some(features::text_edits(snap, edits))
        })
        .await
    }

    async fn range_formatting(&self, params: DocumentRangeFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let range = params.range;
        self.on_document("textDocument/rangeFormatting", &params.text_document.uri, move |snap| {
            let opts = features::format_options(&snap.settings);
            let (start, end) = (snap.offset(range.start), snap.offset(range.end));
            let edits = with_doc(snap, |d| ide::format::format(d, opts, Some(start..end.max(start))));
            Some(features::text_edits(snap, edits))
        })
        .await
    }

    async fn on_type_formatting(&self, params: DocumentOnTypeFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let pos = params.text_document_position;
        if params.ch != "\n" {
            return Ok(None);
        }
        self.on_document("textDocument/onTypeFormatting", &pos.text_document.uri, move |snap| {
            let opts = features::format_options(&snap.settings);
            let offset = snap.offset(pos.position);
            let edit = with_doc(snap, |d| ide::format::on_type_newline(d, offset, opts))?;
            Some(features::text_edits(snap, [edit]))
        })
        .await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let (env, _) = self.shared();
        self.on_document("textDocument/documentLink", &params.text_document.uri, move |snap| {
            let links = with_doc(snap, ide::links::document_links);
            let root = env.context_root(snap);
            Some(features::document_links(snap, links, root.as_deref()))
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let (_, client) = self.shared();
        let inner = self.inner.clone();
        let range = params.range;
        let only = params.context.only;
        self.on_document("textDocument/codeAction", &params.text_document.uri, move |snap| {
            let diags = inner.findings_for(snap);
            let (start, end) = (snap.offset(range.start), snap.offset(range.end));
            let actions = code_actions::code_actions(snap, &diags, start..end.max(start), only.as_deref(), &client);
            Some(actions)
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let (env, client) = self.shared();
        let pos = params.text_document_position_params;
        self.on_document("textDocument/hover", &pos.text_document.uri, move |snap| {
            let offset = snap.offset(pos.position);
            let args = snap.build_args();
            let live = |r: &NormalizedRef| env.live_info(r);
            let opts = HoverOptions {
                layers: snap.settings.hover.layers,
                today: Date::today(),
                build_args: Some(&args),
                live: if env.registry().is_some() { Some(&live) } else { None },
            };
            let (blocks, range) = with_doc(snap, |d| ide::hover::hover_blocks(d, offset, &opts))?;
            Some(assist::hover(snap, blocks, range, &client))
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let (env, client) = self.shared();
        let pos = params.text_document_position;
        self.on_document("textDocument/completion", &pos.text_document.uri, move |snap| {
            let offset = snap.offset(pos.position);
            let args = snap.build_args();
            let live = |r: &NormalizedRef| env.live_info(r);
            let opts = CompletionOptions {
                snippets: client.snippets,
                today: Date::today(),
                build_args: Some(&args),
                live: if env.registry().is_some() { Some(&live) } else { None },
            };
            let (list, source) = with_doc(snap, |d| {
                (ide::completion::completion(d, offset, &opts), completion::source_path_at(d, offset))
            });
            let mut items: Vec<_> = list.items.into_iter().map(|i| assist::completion_item(snap, i, &client)).collect();
            // COPY/ADD sources: the files and folders of the build context.
            if let (Some((dir, name_start)), Some(root)) = (source, env.context_root(snap)) {
                let dockerignore = env.dockerignore(snap);
                let context = env.build_context(snap, dockerignore.as_deref());
                items.extend(completion::context_path_items(
                    snap,
                    context.as_deref(),
                    &root,
                    dockerignore.as_deref(),
                    &dir,
                    name_start,
                    offset,
                ));
            }
            Some(CompletionResponse::List(assist::completion_list(list.is_incomplete, items)))
        })
        .await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let (_, client) = self.shared();
        let pos = params.text_document_position_params;
        self.on_document("textDocument/signatureHelp", &pos.text_document.uri, move |snap| {
            let offset = snap.offset(pos.position);
            let help = with_doc(snap, |d| ide::signature::signature_help(d, offset))?;
            Some(assist::signature_help(snap, help, &client))
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let (env, _) = self.shared();
        let range = params.range;
        self.on_document("textDocument/inlayHint", &params.text_document.uri, move |snap| {
            let (start, end) = (snap.offset(range.start), snap.offset(range.end));
            let args = snap.build_args();
            let live = |r: &NormalizedRef| env.live_info(r);
            let opts = InlayOptions {
                variables: snap.settings.inlay_hints.variables,
                image_size: snap.settings.inlay_hints.image_size,
                today: Date::today(),
                build_args: Some(&args),
                live: if env.registry().is_some() { Some(&live) } else { None },
            };
            let hints = with_doc(snap, |d| ide::inlay::inlay_hints(d, start..end.max(start), &opts));
            Some(hints.into_iter().map(|h| assist::inlay_hint(snap, h)).collect())
        })
        .await
    }
}

impl Backend {
    /// The full semantic tokens of a document, encoded for the client.
    async fn tokens(
        &self,
        uri: &tower_lsp_server::ls_types::Uri,
    ) -> Result<Arc<Vec<tower_lsp_server::ls_types::SemanticToken>>> {
        let (_, client) = self.shared();
        self.on_document("textDocument/semanticTokens/full", uri, move |snap| {
            let tokens = with_doc(snap, |d| ide::semantic_tokens::semantic_tokens(d, None));
            Arc::new(semantic::encode(&snap.text, snap.line_index(), snap.encoding, &tokens, client.multiline_tokens))
        })
        .await
    }

    /// Keeps a result the client now holds; returns its id.
    fn remember_tokens(
        &self,
        uri: &tower_lsp_server::ls_types::Uri,
        data: Arc<Vec<tower_lsp_server::ls_types::SemanticToken>>,
    ) -> String {
        let result_id = self.inner.next_result_id();
        self.inner.tokens_map().insert(uri.clone(), SentTokens { result_id: result_id.clone(), data });
        result_id
    }
}
