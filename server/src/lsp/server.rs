//! The backend's state: lifecycle, documents, settings, diagnostics and the
//! registry listener. The `LanguageServer` methods live in `handlers.rs`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard, Weak};

use serde_json::Value;
use tokio::sync::broadcast::error::RecvError;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    ConfigurationItem, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, MessageType,
    Registration, SemanticToken, Uri,
};

use super::analysis::{self, Environment};
use super::capabilities::ClientSupport;
use super::diagnostics;
use super::document::{DocumentStore, Snapshot};
use super::error::ServerError;
use super::position::PositionEncoding;
use super::run_guarded;
use crate::config::{self, Settings, SettingsError};
use crate::images::registry::{ImageName, RegistryClient};
use crate::rules;

/// The language server. Cheap to clone; clones share all state.
#[derive(Clone)]
pub struct Backend {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) client: Client,
    pub(super) docs: DocumentStore,
    session: RwLock<Session>,
    /// Files, build contexts and the registry: what lies outside the documents.
    pub(super) env: Arc<Environment>,
    /// The findings last computed per document, for code actions.
    findings: Mutex<HashMap<Uri, Findings>>,
    /// The semantic tokens last sent per document, for deltas.
    tokens: Mutex<HashMap<Uri, SentTokens>>,
    next_result_id: AtomicU64,
    /// Held while checking that a result is current and publishing it, so that an
    /// older result can never overtake a newer one on the way out.
    pub(super) publish_lock: tokio::sync::Mutex<()>,
    pub(super) shutdown_requested: Arc<AtomicBool>,
}

/// Findings of one revision under one set of settings.
struct Findings {
    revision: u64,
    settings: Arc<Settings>,
    diagnostics: Arc<Vec<rules::Diagnostic>>,
}

/// A semantic tokens result the client holds.
pub(super) struct SentTokens {
    pub(super) result_id: String,
    pub(super) data: Arc<Vec<SemanticToken>>,
}

/// What was negotiated and configured.
#[derive(Default)]
pub(super) struct Session {
    pub(super) encoding: PositionEncoding,
    pub(super) client: ClientSupport,
    /// The client answers `workspace/configuration`.
    pub(super) pull_configuration: bool,
    /// `initializationOptions`, layered under `client_config`.
    pub(super) init_options: Value,
    /// The latest settings pushed by `didChangeConfiguration` or pulled with
    /// `workspace/configuration`.
    pub(super) client_config: Value,
    /// Bumped for every new `client_config`, so a slow answer cannot replace a newer one.
    pub(super) config_generation: u64,
    pub(super) settings: Arc<Settings>,
    /// The settings problems last shown to the user (not shown again until they change).
    reported: Vec<SettingsError>,
    /// Problems found during `initialize`, shown once the client is ready.
    pub(super) pending_report: Vec<SettingsError>,
}

impl Backend {
    /// `shutdown_requested` is set when the client sends `shutdown`, so the process can
    /// choose its exit code when the connection ends.
    pub fn new(client: Client, shutdown_requested: Arc<AtomicBool>) -> Backend {
        let backend = Backend {
            inner: Arc::new(Inner {
                client,
                docs: DocumentStore::default(),
                session: RwLock::default(),
                env: Arc::default(),
                findings: Mutex::default(),
                tokens: Mutex::default(),
                next_result_id: AtomicU64::new(1),
                publish_lock: tokio::sync::Mutex::new(()),
                shutdown_requested,
            }),
        };
        backend.inner.listen_to_contexts();
        backend
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

    /// What the client supports.
    pub fn client_support(&self) -> ClientSupport {
        self.inner.session().client
    }

    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// The shared environment (files around documents, registry).
    pub fn env(&self) -> Arc<Environment> {
        self.inner.env.clone()
    }
}

impl Inner {
    pub(super) fn session(&self) -> RwLockReadGuard<'_, Session> {
        self.session.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn session_mut(&self) -> RwLockWriteGuard<'_, Session> {
        self.session.write().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn encoding(&self) -> PositionEncoding {
        self.session().encoding
    }

    pub(super) fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let (encoding, settings) = {
            let s = self.session();
            (s.encoding, s.settings.clone())
        };
        self.docs.snapshot(uri, encoding, settings)
    }

    fn findings_map(&self) -> MutexGuard<'_, HashMap<Uri, Findings>> {
        self.findings.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn tokens_map(&self) -> MutexGuard<'_, HashMap<Uri, SentTokens>> {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn next_result_id(&self) -> String {
        self.next_result_id.fetch_add(1, Ordering::Relaxed).to_string()
    }

    /// The findings for a snapshot: those last published when they are for the same
    /// revision and settings, else computed now (call off the async threads).
    pub(super) fn findings_for(&self, snap: &Snapshot) -> Arc<Vec<rules::Diagnostic>> {
        if let Some(f) = self.findings_map().get(&snap.uri) {
            if f.revision == snap.revision && Arc::ptr_eq(&f.settings, &snap.settings) {
                return f.diagnostics.clone();
            }
        }
        Arc::new(self.env.diagnostics(snap))
    }

    /// Computes and publishes diagnostics for the current state of `uri`, unless a
    /// newer change overtakes the computation.
    pub(super) async fn publish(&self, uri: Uri) {
        let Some(snap) = self.snapshot(&uri) else { return };
        let (version, revision, settings) = (snap.version, snap.revision, snap.settings.clone());
        let env = self.env.clone();
        let computed = run_guarded("diagnostics", move || {
            let found = Arc::new(env.diagnostics(&snap));
            let lsp: Vec<_> = found.iter().map(|d| diagnostics::to_lsp(&snap, d)).collect();
            (found, lsp)
        })
        .await;
        let (found, lsp) = match computed {
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
        // The client already shows exactly these (a registry answer or a settings
        // change that altered nothing): say nothing rather than repeat ourselves.
        let unchanged = self.findings_map().get(&uri).is_some_and(|f| f.revision == revision && f.diagnostics == found);
        self.findings_map().insert(uri.clone(), Findings { revision, settings, diagnostics: found });
        if !unchanged {
            self.client.publish_diagnostics(uri, lsp, Some(version)).await;
        }
        for problem in self.env.take_problems() {
            self.client.show_message(MessageType::WARNING, format!("dockerfile-lsp: {problem}")).await;
        }
    }

    pub(super) async fn publish_all(&self) {
        for uri in self.docs.uris() {
            self.publish(uri).await;
        }
    }

    /// Forgets what was kept for a closed document.
    pub(super) fn forget(&self, uri: &Uri) {
        self.findings_map().remove(uri);
        self.tokens_map().remove(uri);
    }

    /// Recomputes the settings from their layers: defaults, then
    /// `initializationOptions`, then the client's latest configuration. Returns the
    /// problems found when they differ from those last reported.
    pub(super) fn recompute_settings(&self) -> Option<Vec<SettingsError>> {
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

    /// Brings the registry client in line with the settings; a new client is
    /// listened to so documents are re-checked when its answers arrive.
    pub(super) fn apply_registry_settings(self: &Arc<Self>) {
        let settings = self.session().settings.clone();
        if let Some(client) = self.env.configure_registry(&settings.registry) {
            self.listen_to_registry(&client);
        }
    }

    /// Re-publishes the documents that use an image whenever the registry client has
    /// news about it. Ends when the client is dropped (lookups turned off).
    fn listen_to_registry(self: &Arc<Self>, client: &RegistryClient) {
        let mut updates = client.subscribe();
        let weak: Weak<Inner> = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let image = match updates.recv().await {
                    Ok(image) => Some(image),
                    Err(RecvError::Lagged(n)) => {
                        tracing::debug!("missed {n} registry updates; re-checking every document");
                        None
                    }
                    Err(RecvError::Closed) => break,
                };
                let Some(inner) = weak.upgrade() else { break };
                inner.image_updated(image.as_ref()).await;
            }
        });
    }

    /// Re-publishes the documents whose build context was listed in the background.
    fn listen_to_contexts(self: &Arc<Self>) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<PathBuf>();
        self.env.on_context_listed(Arc::new(move |root| {
            let _ = tx.send(root);
        }));
        let weak: Weak<Inner> = Arc::downgrade(self);
        runtime.spawn(async move {
            while let Some(root) = rx.recv().await {
                let Some(inner) = weak.upgrade() else { break };
                for uri in inner.docs.uris() {
                    let uses =
                        inner.snapshot(&uri).is_some_and(|s| inner.env.context_root(&s).as_deref() == Some(&root));
                    if uses {
                        inner.publish(uri).await;
                    }
                }
            }
        });
    }

    /// Re-publishes the open documents that reference `image` (all when `None`).
    async fn image_updated(&self, image: Option<&ImageName>) {
        for uri in self.docs.uris() {
            let uses = match (image, self.snapshot(&uri)) {
                (None, Some(_)) => true,
                (Some(image), Some(snap)) => analysis::referenced_images(&snap.model()).contains(image),
                (_, None) => false,
            };
            if uses {
                self.publish(uri).await;
            }
        }
        // Sizes and tags in inlay hints may have changed too.
        self.refresh_inlay_hints();
    }

    /// Asks the client to ask for inlay hints again, when it can (without waiting for
    /// its answer).
    pub(super) fn refresh_inlay_hints(&self) {
        if self.session().client.inlay_refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.inlay_hint_refresh().await {
                    tracing::debug!("workspace/inlayHint/refresh failed: {e}");
                }
            });
        }
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

    pub(super) async fn report_pending(&self, errors: &[SettingsError]) {
        self.report_settings_errors(errors).await;
    }

    pub(super) async fn settings_changed(self: &Arc<Self>) {
        if let Some(errors) = self.recompute_settings() {
            self.report_settings_errors(&errors).await;
        }
        self.apply_registry_settings();
        self.publish_all().await;
        self.refresh_inlay_hints();
    }

    /// Asks the client for our configuration section and applies it.
    pub(super) async fn pull_configuration(self: Arc<Self>) {
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

    /// Asks the client to tell us about changes to the files around Dockerfiles and
    /// to our settings, when it can register such interest at run time.
    pub(super) async fn register_dynamic(self: Arc<Self>) {
        let (client, pull) = {
            let s = self.session();
            (s.client, s.pull_configuration)
        };
        let mut registrations = Vec::new();
        if client.dynamic_watched_files {
            let globs = ["**/.dockerignore", "**/*.dockerignore", "**/.hadolint.yaml", "**/.hadolint.yml"];
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: globs
                    .iter()
                    .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
                    .collect(),
            };
            registrations.push(Registration {
                id: "dockerfile-lsp/watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            });
        }
        if client.dynamic_configuration && pull {
            registrations.push(Registration {
                id: "dockerfile-lsp/configuration".to_string(),
                method: "workspace/didChangeConfiguration".to_string(),
                register_options: None,
            });
        }
        if registrations.is_empty() {
            return;
        }
        if let Err(e) = self.client.register_capability(registrations).await {
            tracing::warn!("client/registerCapability failed: {e}");
        }
    }

    /// The workspace folders, as paths.
    pub(super) fn set_roots(&self, roots: Vec<PathBuf>) {
        self.env.set_roots(roots);
    }
}

/// What a request handler needs besides the snapshot.
pub(super) type Shared = (Arc<Environment>, ClientSupport);

impl Backend {
    pub(super) fn shared(&self) -> Shared {
        (self.inner.env.clone(), self.client_support())
    }

    /// Result<R> from a handler whose closure can refuse.
    pub(super) fn flatten<R>(r: Result<std::result::Result<R, ServerError>>) -> Result<R> {
        r?.map_err(Into::into)
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::jsonrpc::ErrorCode;
    use tower_lsp_server::ls_types::{
        DidChangeConfigurationParams, DidChangeTextDocumentParams, DidOpenTextDocumentParams,
        TextDocumentContentChangeEvent, TextDocumentItem, VersionedTextDocumentIdentifier,
    };
    use tower_lsp_server::{LanguageServer, LspService};

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
