//! What analysis needs from outside a document, gathered for the rules and features:
//! settings turned into a [`RuleConfig`], the files around the Dockerfile
//! (`.dockerignore`, the build context, `.hadolint.yaml`) and the registry cache.
//!
//! Nothing here waits for the network: registry answers come from the client's cache
//! (a miss starts a background fetch, and the server re-publishes when it lands).
//! File reads are small and bounded; build-context listings are cached briefly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use tower_lsp_server::ls_types::Uri;

use super::document::Snapshot;
use crate::config::{self, Settings};
use crate::ide::hover::image::LiveInfo;
use crate::images::registry::{self, ImageName, Lookup, RegistryClient};
use crate::model::{Base, Model};
use crate::project::{self, BuildContext, ContextCache, Limits};
use crate::rules::hadolint_config::{ConfigError, HadolintConfig};
use crate::rules::{self, Group, Inputs, Level, RuleConfig};
use crate::syntax::image_ref::NormalizedRef;

/// How long a request waits for a build context to be listed.
const CONTEXT_WAIT: Duration = Duration::from_millis(100);

/// The rule configuration from the LSP settings (the lowest layer: a config file and
/// command-line flags go above it).
pub fn rule_config(settings: &Settings) -> RuleConfig {
    let mut c = RuleConfig::default();
    for (name, level) in &settings.rules {
        let level = match level.severity() {
            Some(sev) => Level::On(sev),
            None => Level::Off,
        };
        c.severities.push(name.clone(), level);
    }
    let g = &settings.rule_groups;
    c.groups =
        HashMap::from([(Group::Buildkit, g.buildkit), (Group::Hadolint, g.hadolint), (Group::BaseImage, g.base_image)]);
    c.trusted_registries = settings.trusted_registries.clone();
    c.label_schema = settings
        .label_schema
        .iter()
        .map(|(k, v)| {
            (k.clone(), serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())
        })
        .collect();
    c.strict_labels = settings.strict_labels;
    c
}

/// The registry client's settings from ours.
pub fn registry_settings(s: &config::RegistrySettings) -> registry::RegistrySettings {
    registry::RegistrySettings {
        enabled: s.enabled,
        timeout: Duration::from_millis(s.timeout_ms),
        cache_dir: s.cache_dir.as_ref().filter(|d| !d.trim().is_empty()).map(PathBuf::from),
        insecure_registries: s.insecure_registries.clone(),
        hub_url: s.hub_url.clone(),
        ..registry::RegistrySettings::default()
    }
}

/// The local path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The images a document builds on or copies from, as registry names.
pub fn referenced_images(model: &Model) -> Vec<ImageName> {
    let mut out: Vec<ImageName> = model
        .stages
        .iter()
        .filter(|s| matches!(s.base, Base::Image))
        .filter_map(|s| s.image.as_deref())
        .chain(model.stage_refs.iter().filter(|r| r.target.is_none() && !r.by_index).map(|r| r.text.as_str()))
        .filter(|name| !name.contains('$'))
        .filter_map(|name| ImageName::parse_simple(name).ok())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A `.hadolint.yaml` as parsed (or why it could not be).
type ParsedConfig = Arc<Result<HadolintConfig, ConfigError>>;

/// The shared outside world of all documents.
#[derive(Default)]
pub struct Environment {
    /// `None` when lookups are disabled: then nothing is sent or read from the cache.
    registry: RwLock<Option<RegistryClient>>,
    contexts: ContextCache,
    /// Workspace folders: `.hadolint.yaml` is searched up to the one holding the file.
    roots: RwLock<Vec<PathBuf>>,
    /// Parsed `.hadolint.yaml` files by path, with the modification time read.
    hadolint: Mutex<HashMap<PathBuf, (Option<SystemTime>, ParsedConfig)>>,
    /// Problems with configuration files not yet shown to the user.
    problems: Mutex<Vec<String>>,
}

impl Environment {
    pub fn set_roots(&self, roots: Vec<PathBuf>) {
        *self.roots.write().unwrap_or_else(PoisonError::into_inner) = roots;
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        self.roots.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The workspace folder that holds `path` (the innermost), if any.
    pub fn root_of(&self, path: &Path) -> Option<PathBuf> {
        let roots = self.roots.read().unwrap_or_else(PoisonError::into_inner);
        roots.iter().filter(|r| path.starts_with(r)).max_by_key(|r| r.as_os_str().len()).cloned()
    }

    /// Applies the registry settings: builds the client when lookups are turned on
    /// (returning it, so the caller can listen to its updates), updates it, or drops
    /// it when they are turned off.
    pub fn configure_registry(&self, settings: &config::RegistrySettings) -> Option<RegistryClient> {
        let mut slot = self.registry.write().unwrap_or_else(PoisonError::into_inner);
        if !settings.enabled {
            if slot.take().is_some() {
                tracing::info!("registry lookups turned off");
            }
            return None;
        }
        let wanted = registry_settings(settings);
        match slot.as_ref() {
            Some(client) => {
                if client.settings() != wanted {
                    client.update_settings(wanted);
                }
                None
            }
            None => {
                let client = RegistryClient::new(wanted);
                *slot = Some(client.clone());
                Some(client)
            }
        }
    }

    pub fn registry(&self) -> Option<RegistryClient> {
        self.registry.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Tag names the registry cache knows for an image short name (`python`,
    /// `ghcr.io/org/app`); a miss starts a background fetch.
    pub fn live_tags(&self, short_name: &str) -> Option<Vec<String>> {
        let client = self.registry()?;
        let name = ImageName::parse_simple(short_name).ok()?;
        match client.cached_tags(&name) {
            Lookup::Fresh(list) | Lookup::Stale(list) => Some(list.tags.iter().map(|t| t.name.clone()).collect()),
            Lookup::Pending | Lookup::Missing | Lookup::Failed { .. } => None,
        }
    }

    /// What the registry cache knows about an image now (for hovers, completion and
    /// inlay hints); a miss starts a background fetch.
    pub fn live_info(&self, r: &NormalizedRef) -> LiveInfo {
        match self.registry() {
            Some(client) => {
                LiveInfo::from_lookup(&client.cached_tags(&ImageName::new(r.registry.clone(), r.repository.clone())))
            }
            None => LiveInfo::default(),
        }
    }

    /// The build context folder of a document (`buildContext`, else its folder).
    pub fn context_root(&self, snap: &Snapshot) -> Option<PathBuf> {
        project::context_root(&file_path(&snap.uri)?, snap.settings.build_context.as_deref())
    }

    /// The `.dockerignore` that applies to a document.
    pub fn dockerignore(&self, snap: &Snapshot) -> Option<String> {
        project::find_dockerignore(&file_path(&snap.uri)?).map(|(_, text)| text)
    }

    /// The listed build context: recently listed, or listed now if that is quick.
    /// A slower listing goes on in the background and is announced to the callback
    /// given to [`Self::on_context_listed`] (the rules stay silent until then).
    pub fn build_context(&self, snap: &Snapshot, dockerignore: Option<&str>) -> Option<Arc<BuildContext>> {
        let root = self.context_root(snap)?;
        self.contexts.get_within(&root, dockerignore, Limits::EDITOR, CONTEXT_WAIT)
    }

    /// Calls `f` with the root of a build context listed in the background.
    pub fn on_context_listed(&self, f: project::OnListed) {
        self.contexts.on_listed(f);
    }

    /// Files around documents changed: list and read them afresh.
    pub fn files_changed(&self) {
        self.contexts.clear();
        self.hadolint.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// The rule configuration for a document: settings, then the `.hadolint.yaml`
    /// that applies to it (nearest from its folder up to its workspace folder).
    pub fn rule_config(&self, snap: &Snapshot) -> RuleConfig {
        let mut config = rule_config(&snap.settings);
        let Some(path) = file_path(&snap.uri) else { return config };
        let Some(dir) = path.parent() else { return config };
        let root = self.root_of(&path);
        if let Some(file) = project::find_hadolint_config(dir, root.as_deref()) {
            if let Ok(hadolint) = self.hadolint_config(&file).as_ref() {
                hadolint.apply(&mut config);
            }
        }
        config
    }

    /// A parsed configuration file, read again only when its modification time
    /// changes. A file that cannot be used is reported once (see [`Self::take_problems`]).
    fn hadolint_config(&self, path: &Path) -> ParsedConfig {
        let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let mut cache = self.hadolint.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((seen, parsed)) = cache.get(path) {
            if *seen == mtime {
                return parsed.clone();
            }
        }
        let parsed = match std::fs::read_to_string(path) {
            Ok(text) => HadolintConfig::parse(&text),
            Err(e) => Err(ConfigError { line: 0, column: 0, message: format!("cannot be read: {e}") }),
        };
        let problem = match &parsed {
            Err(e) => Some(format!("{} is not used: {e}", path.display())),
            Ok(c) if !c.unknown_rules().is_empty() => {
                Some(format!("{}: no rule is called {}", path.display(), c.unknown_rules().join(", ")))
            }
            Ok(_) => None,
        };
        if let Some(p) = problem {
            tracing::warn!("{p}");
            self.problems.lock().unwrap_or_else(PoisonError::into_inner).push(p);
        }
        let parsed = Arc::new(parsed);
        cache.insert(path.to_path_buf(), (mtime, parsed.clone()));
        parsed
    }

    /// Problems with configuration files found since the last call.
    pub fn take_problems(&self) -> Vec<String> {
        std::mem::take(&mut *self.problems.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Every finding for a document, with everything from outside that applies.
    pub fn diagnostics(&self, snap: &Snapshot) -> Vec<rules::Diagnostic> {
        let model = snap.model();
        let config = self.rule_config(snap);
        let dockerignore = self.dockerignore(snap);
        let context = self.build_context(snap, dockerignore.as_deref());
        let context_match = |src: &str| context.as_ref().and_then(|c| c.lookup(src));
        let live = |name: &str| self.live_tags(name);
        let inputs = Inputs {
            build_args: snap.build_args(),
            today: None,
            dockerignore: dockerignore.as_deref(),
            live_tags: if self.registry().is_some() { Some(&live) } else { None },
            context_match: if context.is_some() { Some(&context_match) } else { None },
        };
        // Another check of this document holds the last findings: check in full
        // rather than wait for it.
        let mut checked = match snap.checked.try_lock() {
            Ok(checked) => checked,
            // A check that panicked left them: start afresh.
            Err(std::sync::TryLockError::Poisoned(p)) => {
                let mut checked = p.into_inner();
                *checked = rules::Checked::default();
                checked
            }
            Err(std::sync::TryLockError::WouldBlock) => {
                return rules::run_with_model(&snap.text, &snap.tree, &model, &inputs, &config);
            }
        };
        rules::run_checked(&snap.text, &snap.tree, &model, &inputs, &config, &mut checked)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::rules::Severity;

    #[test]
    fn settings_become_the_lowest_rule_layer() {
        let (settings, errors) = Settings::from_json(&json!({
            "rules": { "DL3007": "off", "maintainer-deprecated": "error" },
            "ruleGroups": { "hadolint": false },
            "trustedRegistries": ["ghcr.io"],
            "labelSchema": { "org.opencontainers.image.source": "url" },
            "strictLabels": true,
        }));
        assert!(errors.is_empty());
        let c = rule_config(&settings);
        let meta = rules::registry::find_meta("maintainer-deprecated").map(|m| m.id);
        assert_eq!(meta, Some("maintainer-deprecated"));
        let m = rules::registry::find_meta("maintainer-deprecated").unwrap_or_else(|| panic!("rule"));
        assert_eq!(c.level_for(m, None), Some(Level::On(Severity::Error)));
        assert!(!c.group_enabled(Group::Hadolint) && c.group_enabled(Group::Buildkit) && c.group_enabled(Group::Build));
        assert_eq!(c.trusted_registries, ["ghcr.io"]);
        assert_eq!(c.label_schema.get("org.opencontainers.image.source").map(String::as_str), Some("url"));
        assert!(c.strict_labels);
    }

    #[test]
    fn registry_settings_map_over() {
        let (s, _) = Settings::from_json(&json!({ "registry": {
            "timeoutMs": 250, "cacheDir": "/tmp/c", "insecureRegistries": ["localhost:5000"], "hubUrl": "http://127.0.0.1:1"
        }}));
        let r = registry_settings(&s.registry);
        assert_eq!(r.timeout, Duration::from_millis(250));
        assert_eq!(r.cache_dir, Some(PathBuf::from("/tmp/c")));
        assert_eq!(r.insecure_registries, ["localhost:5000"]);
        assert_eq!(r.hub_url, "http://127.0.0.1:1");
    }

    #[tokio::test]
    async fn turning_lookups_off_drops_the_client() {
        let env = Environment::default();
        let mut s = Settings::default();
        s.registry.cache_dir = Some(std::env::temp_dir().join("dockerfile-lsp-test-nothing").display().to_string());
        assert!(env.configure_registry(&s.registry).is_some(), "a new client to listen to");
        assert!(env.configure_registry(&s.registry).is_none(), "same client kept");
        s.registry.enabled = false;
        assert!(env.configure_registry(&s.registry).is_none());
        assert!(env.registry().is_none());
        assert_eq!(env.live_tags("python"), None);
    }

    #[test]
    fn a_hadolint_file_is_layered_above_the_settings_and_reread_when_it_changes() {
        use crate::lsp::document::DocumentStore;
        use crate::lsp::position::PositionEncoding;

        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws = tmp.path().join("ws");
        std::fs::create_dir_all(ws.join("app")).unwrap_or_else(|e| panic!("{e}"));
        let env = Environment::default();
        env.set_roots(vec![ws.clone()]);
        let uri = Uri::from_file_path(ws.join("app/Dockerfile")).unwrap_or_else(|| panic!("file uri"));
        let store = DocumentStore::default();
        store.open(uri.clone(), "FROM alpine:3.22\nMAINTAINER me\n".into(), 1);
        let (settings, _) = Settings::from_json(&json!({ "rules": { "maintainer-deprecated": "error" } }));
        let snap = store.snapshot(&uri, PositionEncoding::Utf16, Arc::new(settings)).unwrap_or_else(|| panic!("open"));
        let severity = |env: &Environment| {
            env.diagnostics(&snap).iter().find(|d| d.code == "maintainer-deprecated").map(|d| d.severity)
        };
        assert_eq!(severity(&env), Some(Severity::Error), "settings alone");
        std::fs::write(ws.join(".hadolint.yaml"), "override:\n  info: [DL4000]\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(severity(&env), Some(Severity::Info), "the file outranks the settings");
        std::fs::write(ws.join("app/.hadolint.yml"), "ignored: [DL4000]\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(severity(&env), None, "the nearest file applies");
        std::fs::write(ws.join("app/.hadolint.yml"), "ignored: [DL4000\n").unwrap_or_else(|e| panic!("{e}"));
        env.files_changed();
        assert_eq!(severity(&env), Some(Severity::Error), "a broken file is not used");
        let problems = env.take_problems();
        assert!(problems.len() == 1 && problems[0].contains(".hadolint.yml is not used"), "{problems:?}");
        assert!(env.take_problems().is_empty(), "reported once");
    }

    #[test]
    fn referenced_images_are_the_bases_and_copy_sources() {
        let text = "ARG V=3\nFROM python:$V AS a\nFROM a\nCOPY --from=ghcr.io/org/tool:1 /t /t\nCOPY --from=a /x /y\nFROM $UNSET\n";
        let tree = crate::syntax::parse(text);
        let model = Model::new(text, &tree, &Default::default());
        let names: Vec<String> = referenced_images(&model).iter().map(ToString::to_string).collect();
        assert_eq!(names, ["docker.io/library/python", "ghcr.io/org/tool"]);
    }

    /// The server keeps one check per document: the diagnostics after a run of
    /// keystrokes (each checked) are the ones a fresh document with the same text gets.
    #[test]
    fn diagnostics_after_edits_equal_those_of_a_fresh_document() {
        use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

        use crate::lsp::document::DocumentStore;
        use crate::lsp::position::PositionEncoding;

        let text = "FROM python:3.8-slim AS build\nRUN apk add curl && cd /x\nEXPOSE 80/TCP\n\
                    LABEL Bad_Key=1\nFROM build\nRUN apt-get install vim\nARG TOKEN_SECRET\n";
        let env = Environment::default();
        let enc = PositionEncoding::Utf16;
        let settings = Arc::new(Settings::default());
        let store = DocumentStore::default();
        let uri: Uri = "untitled:edited".parse().unwrap_or_else(|e| panic!("{e}"));
        store.open(uri.clone(), text.to_string(), 1);
        let check = |store: &DocumentStore, uri: &Uri| {
            let snap = store.snapshot(uri, enc, settings.clone()).unwrap_or_else(|| panic!("open"));
            (env.diagnostics(&snap), snap.text.to_string())
        };
        let first = check(&store, &uri).0;
        assert!(first.iter().any(|d| d.code == "apk-pin-versions"), "{first:?}");
        // Type in the first RUN, then in EXPOSE, then a new RUN line, then delete a line.
        let edits = [(1, 16, 1, 16, " git"), (2, 7, 2, 9, "443"), (5, 0, 5, 0, "RUN cd /y\n"), (3, 0, 4, 0, "")];
        for (version, (l1, c1, l2, c2, new)) in edits.into_iter().enumerate() {
            let range = Range::new(Position::new(l1, c1), Position::new(l2, c2));
            let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: new.into() };
            store.change(&uri, version as i32 + 2, &[change], enc);
            let (kept, now) = check(&store, &uri);
            let fresh_store = DocumentStore::default();
            let fresh_uri: Uri = "untitled:fresh".parse().unwrap_or_else(|e| panic!("{e}"));
            fresh_store.open(fresh_uri.clone(), now.clone(), 1);
            let (fresh, _) = check(&fresh_store, &fresh_uri);
            assert_eq!(kept, fresh, "after edit {version}: {now:?}");
        }
        let (last, now) = check(&store, &uri);
        assert!(last.iter().any(|d| d.code == "apk-pin-versions" && &now[d.range.clone()] == "git"), "{last:?}");
        assert!(!last.iter().any(|d| d.code == "label-invalid-key"), "the LABEL line was deleted: {last:?}");
    }
}
