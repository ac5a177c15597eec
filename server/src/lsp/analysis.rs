//! What analysis needs from outside a document, gathered for the rules and features:
//! settings turned into a [`RuleConfig`], the files around the Dockerfile
//! (`.dockerignore`, the build context, `.hadolint.yaml`) and the registry cache.
//!
//! Nothing here waits for the network: registry answers come from the client's cache
//! (a miss starts a background fetch, and the server re-publishes when it lands).
//! File reads are small and bounded; build-context listings are cached briefly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use tower_lsp_server::ls_types::Uri;

use super::document::Snapshot;
use crate::config::{self, Settings};
use crate::images::registry::{self, ImageName, Lookup, RegistryClient};
use crate::model::{Base, Model};
use crate::project::{self, BuildContext, ContextCache, Limits};
use crate::rules::{self, Group, Inputs, Level, RuleConfig};

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

/// The shared outside world of all documents.
#[derive(Default)]
pub struct Environment {
    /// `None` when lookups are disabled: then nothing is sent or read from the cache.
    registry: RwLock<Option<RegistryClient>>,
    contexts: ContextCache,
    /// Workspace folders: `.hadolint.yaml` is searched up to the one holding the file.
    roots: RwLock<Vec<PathBuf>>,
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

    /// The build context folder of a document (`buildContext`, else its folder).
    pub fn context_root(&self, snap: &Snapshot) -> Option<PathBuf> {
        project::context_root(&file_path(&snap.uri)?, snap.settings.build_context.as_deref())
    }

    /// The `.dockerignore` that applies to a document.
    pub fn dockerignore(&self, snap: &Snapshot) -> Option<String> {
        project::find_dockerignore(&file_path(&snap.uri)?).map(|(_, text)| text)
    }

    /// The listed build context (recently listed, or listed now within the editor's
    /// limits).
    pub fn build_context(&self, snap: &Snapshot, dockerignore: Option<&str>) -> Option<Arc<BuildContext>> {
        let root = self.context_root(snap)?;
        self.contexts.get(&root, dockerignore, Limits::EDITOR)
    }

    /// Files around documents changed: list and read them afresh.
    pub fn files_changed(&self) {
        self.contexts.clear();
    }

    /// The rule configuration for a document: settings, then the `.hadolint.yaml`
    /// that applies to it.
    pub fn rule_config(&self, snap: &Snapshot) -> RuleConfig {
        rule_config(&snap.settings)
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
        rules::run_with_model(&snap.text, &snap.tree, &model, &inputs, &config)
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
    fn referenced_images_are_the_bases_and_copy_sources() {
        let text = "ARG V=3\nFROM python:$V AS a\nFROM a\nCOPY --from=ghcr.io/org/tool:1 /t /t\nCOPY --from=a /x /y\nFROM $UNSET\n";
        let tree = crate::syntax::parse(text);
        let model = Model::new(text, &tree, &Default::default());
        let names: Vec<String> = referenced_images(&model).iter().map(ToString::to_string).collect();
        assert_eq!(names, ["docker.io/library/python", "ghcr.io/org/tool"]);
    }
}
