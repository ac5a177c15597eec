//! The tower-lsp-server backend: lifecycle, document sync, settings, diagnostics.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    ConfigurationItem, DidChangeConfigurationParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, InitializeParams, InitializeResult, InitializedParams,
    MessageType, ServerInfo, Uri,
};
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities::server_capabilities;
use super::diagnostics;
use super::document::{DocumentStore, Snapshot};
use super::error::ServerError;
use super::position::PositionEncoding;
use super::run_guarded;
use crate::config::{self, Settings, SettingsError};

/// The language server. Cheap to clone; clones share all state.
#[derive(Clone)]
pub struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    docs: DocumentStore,
    session: RwLock<Session>,
    /// Held while checking that a result is current and publishing it, so that an
    /// older result can never overtake a newer one on the way out.
    publish_lock: tokio::sync::Mutex<()>,
    shutdown_requested: Arc<AtomicBool>,
}

/// What was negotiated and configured.
#[derive(Default)]
struct Session {
    encoding: PositionEncoding,
    /// The client answers `workspace/configuration`.
    pull_configuration: bool,
    /// `initializationOptions`, layered under `client_config`.
    init_options: Value,
    /// The latest settings pushed by `didChangeConfiguration` or pulled with
    /// `workspace/configuration`.
    client_config: Value,
    /// Bumped for every new `client_config`, so a slow answer cannot replace a newer one.
    config_generation: u64,
    settings: Arc<Settings>,
    /// The settings problems last shown to the user (not shown again until they change).
    reported: Vec<SettingsError>,
    /// Problems found during `initialize`, shown once the client is ready.
    pending_report: Vec<SettingsError>,
}

impl Backend {
    /// `shutdown_requested` is set when the client sends `shutdown`, so the process can
    /// choose its exit code when the connection ends.
    pub fn new(client: Client, shutdown_requested: Arc<AtomicBool>) -> Backend {
        Backend {
            inner: Arc::new(Inner {
                client,
                docs: DocumentStore::default(),
                session: RwLock::default(),
                publish_lock: tokio::sync::Mutex::new(()),
                shutdown_requested,
            }),
        }
    }

    /// Answers a request about one document: takes a snapshot and runs `f` on it off
    /// the async threads. A panic in `f` is logged and becomes an `InternalError`
    /// response; the server keeps serving. Every document request goes through here:
    ///
    /// ```text
    /// async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
    ///     let pos = params.text_document_position_params;
    ///     self.on_document("hover", &pos.text_document.uri, move |snap| {
    ///         let offset = snap.offset(pos.position);
    ///         ide::hover(&snap.text, &snap.tree, offset).map(|h| to_lsp_hover(snap, h))
    ///     })
    ///     .await
    /// }
    /// ```
    pub async fn on_document<R, F>(&self, method: &'static str, uri: &Uri, f: F) -> Result<R>
    where
        R: Send + 'static,
        F: FnOnce(&Snapshot) -> R + Send + 'static,
    {
        let snap = self.snapshot(uri).ok_or_else(|| ServerError::DocumentNotOpen(uri.as_str().to_string()))?;
        Ok(run_guarded(method, move || f(&snap)).await?)
    }

    /// A snapshot of an open document with the current encoding and settings.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.inner.snapshot(uri)
    }

    /// The settings in effect.
    pub fn settings(&self) -> Arc<Settings> {
        self.inner.session().settings.clone()
    }

    pub fn client(&self) -> &Client {
        &self.inner.client
    }
}

impl Inner {
    fn session(&self) -> RwLockReadGuard<'_, Session> {
        self.session.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn session_mut(&self) -> RwLockWriteGuard<'_, Session> {
        self.session.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn encoding(&self) -> PositionEncoding {
        self.session().encoding
    }

    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let (encoding, settings) = {
            let s = self.session();
            (s.encoding, s.settings.clone())
        };
        self.docs.snapshot(uri, encoding, settings)
    }

    /// Computes and publishes diagnostics for the current state of `uri`, unless a
    /// newer change overtakes the computation.
    async fn publish(&self, uri: Uri) {
        let Some(snap) = self.snapshot(&uri) else { return };
        let (version, revision) = (snap.version, snap.revision);
        let diagnostics = match run_guarded("diagnostics", move || diagnostics::compute(&snap)).await {
            Ok(d) => d,
            Err(e) => {
                tracing::error!("no diagnostics for {}: {e}", uri.as_str());
                return;
            }
        };
        let _order = self.publish_lock.lock().await;
        if self.docs.revision(&uri) != Some(revision) {
            tracing::debug!("dropping diagnostics for an outdated version {version} of {}", uri.as_str());
            return;
        }
        self.client.publish_diagnostics(uri, diagnostics, Some(version)).await;
    }

    async fn publish_all(&self) {
        for uri in self.docs.uris() {
            self.publish(uri).await;
        }
    }

    /// Recomputes the settings from their layers: defaults, then
    /// `initializationOptions`, then the client's latest configuration. Returns the
    /// problems found when they differ from those last reported.
    fn recompute_settings(&self) -> Option<Vec<SettingsError>> {
        let mut s = self.session_mut();
        let mut settings = Settings::default();
        let mut errors = settings.merge_json(&s.init_options);
        for e in settings.merge_json(&s.client_config) {
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
        tracing::debug!("settings in effect: {}", serde_json::to_string(&settings).unwrap_or_default());
        s.settings = Arc::new(settings);
        if errors == s.reported {
            return None;
        }
        s.reported = errors.clone();
        Some(errors).filter(|e| !e.is_empty())
    }

    async fn report_settings_errors(&self, errors: &[SettingsError]) {
        if errors.is_empty() {
            return;
        }
        for e in errors {
            tracing::warn!("invalid setting {e}");
        }
        let list: Vec<String> = errors.iter().map(|e| format!("`{}`: {}", e.path, e.message)).collect();
        let message = format!(
            "dockerfile-lsp: ignoring invalid settings ({}) — {}. The other settings apply.",
            config::SECTION,
            list.join("; ")
        );
        self.client.show_message(MessageType::WARNING, message).await;
    }

    async fn settings_changed(&self) {
        if let Some(errors) = self.recompute_settings() {
            self.report_settings_errors(&errors).await;
        }
        self.publish_all().await;
    }

    /// Asks the client for our configuration section and applies it.
    async fn pull_configuration(self: Arc<Self>) {
        let generation = {
            let mut s = self.session_mut();
            s.config_generation += 1;
            s.config_generation
        };
        let items = vec![ConfigurationItem { scope_uri: None, section: Some(config::SECTION.to_string()) }];
        let value = match self.client.configuration(items).await {
            Ok(values) => values.into_iter().next().unwrap_or(Value::Null),
            Err(e) => {
                tracing::warn!("workspace/configuration failed: {e}");
                return;
            }
        };
        {
            let mut s = self.session_mut();
            if s.config_generation != generation {
                return;
            }
            s.client_config = value;
        }
        self.settings_changed().await;
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = PositionEncoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        {
            let mut s = self.inner.session_mut();
            s.encoding = encoding;
            s.pull_configuration = caps.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false);
            s.init_options = params.initialization_options.clone().unwrap_or(Value::Null);
        }
        if let Some(errors) = self.inner.recompute_settings() {
            self.inner.session_mut().pending_report = errors;
        }
        tracing::info!("initialized with position encoding {encoding:?}");
        Ok(InitializeResult {
            capabilities: server_capabilities(caps, encoding),
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
        self.inner.report_settings_errors(&pending).await;
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
        self.inner.publish(params.text_document.uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if !self.inner.docs.close(&uri) {
            tracing::warn!("didClose for a document that is not open: {}", uri.as_str());
        }
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
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::LspService;
    use tower_lsp_server::jsonrpc::ErrorCode;
    use tower_lsp_server::ls_types::{
        TextDocumentContentChangeEvent, TextDocumentItem, VersionedTextDocumentIdentifier,
    };

    use super::*;

    fn uri() -> Uri {
        "file:///p/Dockerfile".parse().unwrap_or_else(|e| panic!("{e}"))
    }

    /// A backend whose client is not initialized: its notifications are dropped, so
    /// handlers can be called directly.
    fn backend() -> (LspService<Backend>, Backend) {
        let (service, _socket) = LspService::new(|client| Backend::new(client, Arc::default()));
        let backend = service.inner().clone();
        (service, backend)
    }

    #[tokio::test]
    async fn a_panicking_request_is_an_internal_error_and_the_server_goes_on() {
        let (_service, backend) = backend();
        backend
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(uri(), "dockerfile".into(), 1, "FROM a\n".into()),
            })
            .await;
        let err = backend.on_document("test/boom", &uri(), |_| -> usize { panic!("boom") }).await.err();
        let err = err.unwrap_or_else(|| panic!("a panic must become an error"));
        assert_eq!(err.code, ErrorCode::InternalError);
        assert!(err.message.contains("test/boom") && err.message.contains("boom"), "{}", err.message);

        let len = backend.on_document("test/len", &uri(), |snap| snap.text.len()).await;
        assert_eq!(len.ok(), Some(7));
    }

    #[tokio::test]
    async fn requests_for_unknown_documents_are_invalid_params() {
        let (_service, backend) = backend();
        let err = backend.on_document("test/x", &uri(), |_| ()).await.err();
        assert_eq!(err.map(|e| e.code), Some(ErrorCode::InvalidParams));
    }

    #[tokio::test]
    async fn changes_apply_in_order_and_settings_layer() {
        let (_service, backend) = backend();
        backend
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(uri(), "dockerfile".into(), 1, "FROM a\n".into()),
            })
            .await;
        for (version, text) in [(2, "FROM b\n"), (3, "FROM c\nRUN x\n")] {
            backend
                .did_change(DidChangeTextDocumentParams {
                    text_document: VersionedTextDocumentIdentifier::new(uri(), version),
                    content_changes: vec![TextDocumentContentChangeEvent {
                        range: None,
                        range_length: None,
                        text: text.into(),
                    }],
                })
                .await;
        }
        let snap = backend.snapshot(&uri()).unwrap_or_else(|| panic!("open"));
        assert_eq!((snap.version, snap.text.as_str()), (3, "FROM c\nRUN x\n"));

        backend
            .did_change_configuration(DidChangeConfigurationParams {
                settings: serde_json::json!({ "dockerfileLsp": { "registry": { "enabled": false } } }),
            })
            .await;
        let settings = backend.settings();
        assert!(!settings.registry.enabled);
        assert_eq!(settings.registry.timeout_ms, 2000);
    }
}
