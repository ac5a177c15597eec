//! The live registry client: tags (with digests, dates and sizes where the registry
//! has them) from Docker Hub and any OCI / Docker registry. The only network code in
//! the project.
//!
//! Editor requests never wait for the network: [`RegistryClient::cached_tags`] answers
//! at once from memory and starts a background fetch when the answer is stale or
//! missing; [`RegistryClient::subscribe`] tells when that fetch has finished. Lists are
//! kept in a small in-memory LRU and in one JSON file per image under the cache
//! directory (24 h by default); failures are remembered for a minute so a dead registry
//! is not hammered.
//!
//! What leaves the machine: for an image `registry/repository`, requests go only to that
//! registry (for Docker Hub: the Hub API at `hubUrl` for tags, `registry-1.docker.io`
//! and `auth.docker.io` for digests), with the repository name in the URL. Credentials
//! from the Docker CLI's config are sent only over HTTPS and only to the registry they
//! belong to (see `distribution.rs` for the exact rule). With `enabled = false`
//! nothing is sent and nothing is read from the cache.

mod cache;
mod credentials;
mod distribution;
mod error;
mod http;
mod hub;
mod name;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use tokio::sync::{Semaphore, broadcast};

pub use error::RegistryError;
pub use name::ImageName;

use http::Http;

/// Registry settings (`registry.*` in the LSP settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrySettings {
    /// `false`: fully offline, no request is ever made.
    pub enabled: bool,
    /// Per request (connect, and whole response); default 2 s.
    pub timeout: Duration,
    /// Where tag lists are kept. `None`: `$XDG_CACHE_HOME/dockerfile-lsp`, else
    /// `~/.cache/dockerfile-lsp`; when neither can be found, memory only.
    pub cache_dir: Option<PathBuf>,
    /// Hosts (`host[:port]`) spoken to over plain HTTP, never with credentials.
    pub insecure_registries: Vec<String>,
    /// Base URL of the Docker Hub API; default `https://hub.docker.com`.
    pub hub_url: String,
    /// The Docker CLI's `config.json` for credentials. `None`:
    /// `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    pub docker_config: Option<PathBuf>,
    /// Extra PEM files with CA certificates to trust besides the system's (a private
    /// registry behind a company CA).
    pub ca_certificates: Vec<PathBuf>,
    /// How long a fetched tag list is fresh; default 24 h.
    pub cache_ttl: Duration,
    /// How long a failure is remembered before the next try; default 60 s (longer when
    /// the registry says `Retry-After`, up to an hour).
    pub failure_ttl: Duration,
}

impl Default for RegistrySettings {
    fn default() -> Self {
        RegistrySettings {
            enabled: true,
            timeout: Duration::from_secs(2),
            cache_dir: None,
            insecure_registries: Vec::new(),
            hub_url: "https://hub.docker.com".to_string(),
            docker_config: None,
            ca_certificates: Vec::new(),
            cache_ttl: Duration::from_secs(24 * 60 * 60),
            failure_ttl: Duration::from_secs(60),
        }
    }
}

/// The tags of one repository, as fetched at `fetched_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagList {
    pub registry: String,
    pub repository: String,
    pub fetched_at: SystemTime,
    /// Docker Hub: newest first. Other registries: in the registry's order (usually
    /// lexical), without dates or sizes.
    pub tags: Vec<LiveTag>,
    /// More tags exist than were fetched (page cap reached).
    pub truncated: bool,
}

impl TagList {
    pub fn get(&self, tag: &str) -> Option<&LiveTag> {
        self.tags.iter().find(|t| t.name == tag)
    }
}

/// One tag. Only Docker Hub fills in more than the name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveTag {
    pub name: String,
    /// Digest of what the tag points at (the index for multi-platform images).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// RFC 3339 time of the last push, as the registry reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_pushed: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformImage>,
}

/// One platform's image under a tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformImage {
    /// `os/arch` or `os/arch/variant`, e.g. `linux/arm/v7`.
    pub platform: String,
    /// Compressed size (bytes pulled).
    pub compressed_size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// What is known about an image's tags right now.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Fetched within the cache TTL.
    Fresh(Arc<TagList>),
    /// Older than the TTL; a refresh is under way (or failed recently and will be
    /// retried after the failure TTL). Still worth using.
    Stale(Arc<TagList>),
    /// Nothing known yet; a fetch is under way. Watch [`RegistryClient::subscribe`].
    Pending,
    /// Nothing known, and nothing will be fetched (lookups are disabled).
    Missing,
    /// The last fetch failed and nothing older is known; no new fetch before
    /// `retry_after` has passed.
    Failed { error: Arc<RegistryError>, retry_after: Duration },
}

/// Images kept in memory.
const MEMORY_ENTRIES: usize = 256;
/// Background fetches running at once.
const CONCURRENT_FETCHES: usize = 4;
/// Longest wait a `Retry-After` can impose.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60 * 60);

/// The registry client. Cheap to clone; clones share caches and in-flight fetches.
#[derive(Clone)]
pub struct RegistryClient {
    inner: Arc<Inner>,
}

struct Inner {
    config: RwLock<Arc<Config>>,
    state: Mutex<State>,
    fetch_slots: Semaphore,
    updates: broadcast::Sender<ImageName>,
    runtime: Option<tokio::runtime::Handle>,
}

/// Settings with defaults resolved, and the HTTP client built on first use.
struct Config {
    settings: RegistrySettings,
    cache_dir: Option<PathBuf>,
    docker_config: Option<PathBuf>,
    http: OnceLock<Result<Http, String>>,
}

impl Config {
    fn new(settings: RegistrySettings) -> Config {
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        let cache_dir =
            settings.cache_dir.clone().or_else(|| default_cache_dir(std::env::var_os("XDG_CACHE_HOME"), home.clone()));
        let docker_config = settings
            .docker_config
            .clone()
            .or_else(|| credentials::default_config_path(std::env::var_os("DOCKER_CONFIG"), home));
        Config { settings, cache_dir, docker_config, http: OnceLock::new() }
    }

    fn http(&self) -> Result<&Http, RegistryError> {
        self.http
            .get_or_init(|| {
                Http::new(self.settings.timeout, &self.settings.ca_certificates).map_err(|err| err.to_string())
            })
            .as_ref()
            .map_err(|err| RegistryError::Client(err.clone()))
    }
}

/// `$XDG_CACHE_HOME/dockerfile-lsp`, else `~/.cache/dockerfile-lsp`.
fn default_cache_dir(xdg_cache_home: Option<std::ffi::OsString>, home: Option<PathBuf>) -> Option<PathBuf> {
    let base = xdg_cache_home
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| home.map(|home| home.join(".cache")))?;
    Some(base.join("dockerfile-lsp"))
}

struct State {
    entries: cache::Lru<ImageName, Entry>,
    in_flight: HashSet<ImageName>,
}

#[derive(Default)]
struct Entry {
    tags: Option<Arc<TagList>>,
    failure: Option<(Arc<RegistryError>, Instant)>,
}

impl RegistryClient {
    /// A client with empty memory. Builds nothing and touches no file or socket; call
    /// it inside a tokio runtime so background fetches have one to run on.
    pub fn new(settings: RegistrySettings) -> Self {
        let (updates, _) = broadcast::channel(256);
        RegistryClient {
            inner: Arc::new(Inner {
                config: RwLock::new(Arc::new(Config::new(settings))),
                state: Mutex::new(State { entries: cache::Lru::new(MEMORY_ENTRIES), in_flight: HashSet::new() }),
                fetch_slots: Semaphore::new(CONCURRENT_FETCHES),
                updates,
                runtime: tokio::runtime::Handle::try_current().ok(),
            }),
        }
    }

    /// Replaces the settings. Remembered failures are forgotten (the new settings may
    /// fix them); cached lists are kept.
    pub fn update_settings(&self, settings: RegistrySettings) {
        let config = Arc::new(Config::new(settings));
        *self.inner.config.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = config;
        let mut state = self.inner.state();
        for entry in state.entries.values_mut() {
            entry.failure = None;
        }
    }

    /// The current settings.
    pub fn settings(&self) -> RegistrySettings {
        self.inner.config().settings.clone()
    }

    /// What is known now, without waiting. Starts a background fetch when the answer is
    /// stale or missing (unless one is running or a recent one failed).
    pub fn cached_tags(&self, image: &ImageName) -> Lookup {
        let config = self.inner.config();
        if !config.settings.enabled {
            return Lookup::Missing;
        }
        let image = image.canonical();
        if let Err(err) = image.validate() {
            return Lookup::Failed { error: Arc::new(err), retry_after: Duration::MAX };
        }
        let now = Instant::now();
        let start = {
            let mut state = self.inner.state();
            let in_flight = state.in_flight.contains(&image);
            let entry = state.entries.get_mut(&image);
            let tags = entry.as_ref().and_then(|e| e.tags.clone());
            let failure = entry.and_then(|e| e.failure.clone()).filter(|(_, until)| *until > now);
            if let Some(tags) = &tags
                && cache::is_fresh(tags.fetched_at, SystemTime::now(), config.settings.cache_ttl)
            {
                return Lookup::Fresh(tags.clone());
            }
            if in_flight {
                return tags.map_or(Lookup::Pending, Lookup::Stale);
            }
            if let Some((error, until)) = failure {
                return match tags {
                    Some(tags) => Lookup::Stale(tags),
                    None => Lookup::Failed { error, retry_after: until.saturating_duration_since(now) },
                };
            }
            tags
        };
        self.refresh(&image);
        start.map_or(Lookup::Pending, Lookup::Stale)
    }

    /// Starts a background fetch for `image` unless one is already running (or lookups
    /// are disabled). At most four fetches talk to the network at once.
    pub fn refresh(&self, image: &ImageName) {
        if !self.inner.config().settings.enabled {
            return;
        }
        let image = image.canonical();
        if image.validate().is_err() {
            return;
        }
        if !self.inner.state().in_flight.insert(image.clone()) {
            return;
        }
        let runtime = tokio::runtime::Handle::try_current().ok().or_else(|| self.inner.runtime.clone());
        let Some(runtime) = runtime else {
            tracing::warn!(%image, "no tokio runtime: registry lookup not started");
            let failure_ttl = self.inner.config().settings.failure_ttl;
            let mut state = self.inner.state();
            state.in_flight.remove(&image);
            state.entries.get_or_insert_with(&image, Entry::default).failure =
                Some((Arc::new(RegistryError::NoRuntime), Instant::now() + failure_ttl));
            return;
        };
        let inner = self.inner.clone();
        runtime.spawn(async move {
            let guard = InFlight { inner: inner.clone(), image: image.clone(), finished: false };
            let outcome = inner.obtain(&image, Some(guard)).await;
            if let Err(err) = &outcome {
                tracing::debug!(%image, "registry lookup failed: {err}");
            }
            // Nobody listening is fine.
            let _ = inner.updates.send(image);
        });
    }

    /// Told the image name whenever a background fetch finishes (with tags or with a
    /// failure): time to ask [`Self::cached_tags`] again.
    pub fn subscribe(&self) -> broadcast::Receiver<ImageName> {
        self.inner.updates.subscribe()
    }

    /// Background fetches currently running (for tests and status displays).
    pub fn in_flight_count(&self) -> usize {
        self.inner.state().in_flight.len()
    }

    /// The tags, waiting for the network if the caches have nothing fresh (for the CLI's
    /// `--online`). Fills the caches like a background fetch.
    pub async fn fetch_tags(&self, image: &ImageName) -> Result<Arc<TagList>, RegistryError> {
        if !self.inner.config().settings.enabled {
            return Err(RegistryError::Disabled);
        }
        let image = image.canonical();
        image.validate()?;
        self.inner.obtain(&image, None).await
    }

    /// The digest `image:tag` resolves to now (for "pin by digest"). Not cached.
    pub async fn fetch_digest(&self, image: &ImageName, tag: &str) -> Result<String, RegistryError> {
        let config = self.inner.config();
        if !config.settings.enabled {
            return Err(RegistryError::Disabled);
        }
        let image = image.canonical();
        image.validate()?;
        name::validate_tag(tag)?;
        let _slot = self.inner.fetch_slots.acquire().await;
        let http = config.http()?;
        let endpoint = distribution::endpoint(&image.registry, &config.settings.insecure_registries)?;
        let mut session =
            distribution::Session::new(http, endpoint, &image.repository, config.docker_config.as_deref());
        session.digest(tag).await
    }
}

/// Removes an image from the in-flight set when its fetch ends in any way (including
/// a panic or the runtime shutting down).
struct InFlight {
    inner: Arc<Inner>,
    image: ImageName,
    finished: bool,
}

impl InFlight {
    /// Releases the image under a lock the caller already holds.
    fn finish(mut self, state: &mut State) {
        state.in_flight.remove(&self.image);
        self.finished = true;
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if !self.finished {
            self.inner.state().in_flight.remove(&self.image);
        }
    }
}

impl Inner {
    fn config(&self) -> Arc<Config> {
        self.config.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Memory, then disk, then network. Records the outcome in memory (and a fetched
    /// list on disk); `in_flight` is released in the same step, so a lookup never sees
    /// "not running" before it sees the result.
    async fn obtain(&self, image: &ImageName, in_flight: Option<InFlight>) -> Result<Arc<TagList>, RegistryError> {
        let config = self.config();
        let ttl = config.settings.cache_ttl;
        let known = self.state().entries.get_mut(image).and_then(|entry| entry.tags.clone());
        if let Some(tags) = known.as_ref().filter(|t| cache::is_fresh(t.fetched_at, SystemTime::now(), ttl)) {
            return Ok(tags.clone());
        }
        if known.is_none()
            && let Some(dir) = config.cache_dir.clone()
        {
            let key = image.clone();
            let loaded = tokio::task::spawn_blocking(move || cache::load(&dir, &key)).await.ok().flatten();
            if let Some(list) = loaded {
                let list = Arc::new(list);
                let fresh = cache::is_fresh(list.fetched_at, SystemTime::now(), ttl);
                let mut state = self.state();
                state.entries.get_or_insert_with(image, Entry::default).tags = Some(list.clone());
                if fresh {
                    tracing::debug!(%image, "tags from the disk cache");
                    if let Some(guard) = in_flight {
                        guard.finish(&mut state);
                    }
                    return Ok(list);
                }
            }
        }

        let fetched = self.fetch_network(&config, image).await;
        let outcome = match fetched {
            Ok(list) => {
                let list = Arc::new(list);
                if let Some(dir) = config.cache_dir.clone() {
                    let copy = list.clone();
                    let written = tokio::task::spawn_blocking(move || cache::store(&dir, &copy)).await;
                    match written {
                        Ok(Ok(())) => {}
                        Ok(Err(err)) => {
                            tracing::warn!(%image, "could not write the tag cache: {err}")
                        }
                        Err(err) => tracing::warn!(%image, "tag cache writer failed: {err}"),
                    }
                }
                Ok(list)
            }
            Err(err) => Err(Arc::new(err)),
        };
        let mut state = self.state();
        let entry = state.entries.get_or_insert_with(image, Entry::default);
        match &outcome {
            Ok(list) => {
                entry.tags = Some(list.clone());
                entry.failure = None;
            }
            Err(err) => {
                let wait = err.retry_after().map_or(config.settings.failure_ttl, |after| {
                    after.min(MAX_RETRY_AFTER).max(config.settings.failure_ttl)
                });
                entry.failure = Some((err.clone(), Instant::now() + wait));
            }
        }
        if let Some(guard) = in_flight {
            guard.finish(&mut state);
        }
        drop(state);
        outcome.map_err(|err| Arc::try_unwrap(err).unwrap_or_else(|shared| clone_error(&shared)))
    }

    async fn fetch_network(&self, config: &Config, image: &ImageName) -> Result<TagList, RegistryError> {
        let _slot = self.fetch_slots.acquire().await;
        // Settings may have changed while we waited for a slot.
        if !self.config().settings.enabled {
            return Err(RegistryError::Disabled);
        }
        let http = config.http()?;
        let started = Instant::now();
        let (tags, truncated) = if image.is_docker_hub() {
            hub::fetch_tags(http, &config.settings.hub_url, &image.repository).await?
        } else {
            let endpoint = distribution::endpoint(&image.registry, &config.settings.insecure_registries)?;
            let mut session =
                distribution::Session::new(http, endpoint, &image.repository, config.docker_config.as_deref());
            let (names, truncated) = session.tags().await?;
            let tags = names
                .into_iter()
                .map(|name| LiveTag { name, digest: None, last_pushed: None, platforms: Vec::new() })
                .collect();
            (tags, truncated)
        };
        tracing::info!(%image, tags = tags.len(), truncated, elapsed = ?started.elapsed(), "fetched tags");
        Ok(TagList {
            registry: image.registry.clone(),
            repository: image.repository.clone(),
            fetched_at: SystemTime::now(),
            tags,
            truncated,
        })
    }
}

/// Errors are shared between the cache and waiting callers; a caller that needs its
/// own copy gets one rebuilt from the message parts (the source chain is text already).
fn clone_error(err: &RegistryError) -> RegistryError {
    use RegistryError as E;
    match err {
        E::Disabled => E::Disabled,
        E::InvalidName { name, reason } => E::InvalidName { name: name.clone(), reason },
        E::InvalidTag { tag } => E::InvalidTag { tag: tag.clone() },
        E::Client(text) => E::Client(text.clone()),
        E::Timeout { host, url, timeout } => E::Timeout { host: host.clone(), url: url.clone(), timeout: *timeout },
        E::Connect { host, url, detail } => E::Connect { host: host.clone(), url: url.clone(), detail: detail.clone() },
        E::Status { host, url, status, retry_after } => {
            E::Status { host: host.clone(), url: url.clone(), status: *status, retry_after: *retry_after }
        }
        E::NotFound { host, what } => E::NotFound { host: host.clone(), what: what.clone() },
        E::Unauthorized { host, repository, detail } => {
            E::Unauthorized { host: host.clone(), repository: repository.clone(), detail: detail.clone() }
        }
        E::TooLarge { host, url, limit } => E::TooLarge { host: host.clone(), url: url.clone(), limit: *limit },
        E::InvalidResponse { host, url, detail } => {
            E::InvalidResponse { host: host.clone(), url: url.clone(), detail: detail.clone() }
        }
        E::NoRuntime => E::NoRuntime,
    }
}

/// Exposed for the CLI and tests: where the disk cache lives for these settings.
pub fn cache_dir_for(settings: &RegistrySettings) -> Option<PathBuf> {
    Config::new(settings.clone()).cache_dir
}

/// The cache file path for an image under a cache directory (for tests and `--verbose`).
pub fn cache_file(cache_dir: &Path, image: &ImageName) -> PathBuf {
    cache::tags_dir(cache_dir).join(cache::file_name(&image.canonical()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_cache_dir_prefers_xdg() {
        assert_eq!(
            default_cache_dir(Some("/xdg".into()), Some("/home/u".into())),
            Some(PathBuf::from("/xdg/dockerfile-lsp"))
        );
        // A relative XDG_CACHE_HOME is invalid per the spec and ignored.
        assert_eq!(
            default_cache_dir(Some("rel".into()), Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.cache/dockerfile-lsp"))
        );
        assert_eq!(default_cache_dir(None, None), None);
    }

    #[test]
    fn disabled_client_answers_missing_and_starts_nothing() {
        let client = RegistryClient::new(RegistrySettings { enabled: false, ..RegistrySettings::default() });
        let image = ImageName::new("docker.io", "library/python");
        assert!(matches!(client.cached_tags(&image), Lookup::Missing));
        client.refresh(&image);
        assert_eq!(client.in_flight_count(), 0);
    }

    #[test]
    fn without_a_runtime_a_lookup_fails_instead_of_panicking() {
        let client = RegistryClient::new(RegistrySettings::default());
        let image = ImageName::new("ghcr.io", "org/app");
        assert!(matches!(client.cached_tags(&image), Lookup::Pending));
        assert_eq!(client.in_flight_count(), 0);
        assert!(matches!(
            client.cached_tags(&image),
            Lookup::Failed { ref error, .. } if matches!(**error, RegistryError::NoRuntime)
        ));
    }
}
