//! Credentials from the Docker CLI's `config.json`: `auths` entries (base64 `auth`,
//! `username`/`password`, `identitytoken`) and credential helpers (`credsStore`,
//! `credHelpers`), looked up the way the Docker CLI does.
//!
//! Where they may go is decided by the caller (see `distribution.rs`): only to the
//! registry they belong to, only over HTTPS.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use serde::Deserialize;
use tokio::io::AsyncWriteExt;

/// The key the Docker CLI stores Docker Hub credentials under.
pub(crate) const HUB_SERVER: &str = "https://index.docker.io/v1/";
/// How long a credential helper may take (they can be slow: keychains, cloud CLIs).
const HELPER_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest config.json / helper output we read.
const CONFIG_LIMIT: u64 = 4 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    Basic {
        username: String,
        password: String,
    },
    /// An OAuth2 refresh token (`identitytoken`, or a helper's `<token>` user).
    IdentityToken(String),
}

impl std::fmt::Debug for Credential {
    // Never print secrets, not even in debug logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::Basic { username, .. } => write!(f, "Basic({username}, ***)"),
            Credential::IdentityToken(_) => write!(f, "IdentityToken(***)"),
        }
    }
}

/// Where the Docker CLI keeps its config: `$DOCKER_CONFIG/config.json`, else
/// `~/.docker/config.json`.
pub(crate) fn default_config_path(docker_config_env: Option<OsString>, home: Option<PathBuf>) -> Option<PathBuf> {
    match docker_config_env.filter(|dir| !dir.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir).join("config.json")),
        None => home.map(|home| home.join(".docker").join("config.json")),
    }
}

#[derive(Deserialize, Default)]
struct ConfigFile {
    #[serde(default)]
    auths: HashMap<String, AuthEntry>,
    #[serde(rename = "credsStore", default)]
    creds_store: Option<String>,
    #[serde(rename = "credHelpers", default)]
    cred_helpers: HashMap<String, String>,
}

#[derive(Deserialize, Default)]
struct AuthEntry {
    #[serde(default)]
    auth: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    identitytoken: Option<String>,
}

/// The credential for `registry` (host[:port]), or None. Failures (unreadable config,
/// missing or failing helper) are logged and mean "anonymous": public images still work.
pub(crate) async fn lookup(config_path: Option<&Path>, registry: &str) -> Option<Credential> {
    let path = config_path?;
    let config = match read_config(path) {
        Ok(Some(config)) => config,
        Ok(None) => return None,
        Err(err) => {
            tracing::warn!(path = %path.display(), "ignoring docker config: {err}");
            return None;
        }
    };
    let hub = is_hub(registry);
    let helper = config
        .cred_helpers
        .iter()
        .find(|(key, _)| key_matches(key, registry, hub))
        .map(|(_, helper)| helper.clone())
        .or(config.creds_store.clone())
        .filter(|helper| !helper.is_empty());
    if let Some(helper) = helper {
        let server = if hub { HUB_SERVER.to_string() } else { registry.to_string() };
        return match run_helper(&helper, &server).await {
            Ok(credential) => credential,
            Err(err) => {
                tracing::warn!(helper, registry, "credential helper failed: {err}");
                None
            }
        };
    }
    config.auths.iter().find(|(key, _)| key_matches(key, registry, hub)).and_then(|(_, entry)| entry_credential(entry))
}

fn read_config(path: &Path) -> Result<Option<ConfigFile>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err.to_string()),
    };
    if meta.len() > CONFIG_LIMIT {
        return Err("file too large".to_string());
    }
    let text = std::fs::read(path).map_err(|err| err.to_string())?;
    serde_json::from_slice(&text).map(Some).map_err(|err| err.to_string())
}

fn is_hub(registry: &str) -> bool {
    matches!(registry.to_ascii_lowercase().as_str(), "docker.io" | "index.docker.io" | "registry-1.docker.io")
}

/// Whether a config key (`ghcr.io`, `https://ghcr.io`, `https://index.docker.io/v1/`)
/// names `registry`.
fn key_matches(key: &str, registry: &str, hub: bool) -> bool {
    let host = key.trim().trim_start_matches("https://").trim_start_matches("http://");
    let host = host.split('/').next().unwrap_or(host);
    if hub { is_hub(host) } else { host.eq_ignore_ascii_case(registry) }
}

fn entry_credential(entry: &AuthEntry) -> Option<Credential> {
    if let Some(token) = entry.identitytoken.as_ref().filter(|t| !t.is_empty()) {
        return Some(Credential::IdentityToken(token.clone()));
    }
    if let Some(auth) = entry.auth.as_ref().filter(|a| !a.is_empty()) {
        let decoded = base64::engine::general_purpose::STANDARD.decode(auth.trim()).ok()?;
        let decoded = String::from_utf8(decoded).ok()?;
        let (username, password) = decoded.split_once(':')?;
        return Some(Credential::Basic {
            username: username.to_string(),
            password: password.trim_end_matches('\n').to_string(),
        });
    }
    match (&entry.username, &entry.password) {
        (Some(username), Some(password)) if !username.is_empty() => {
            Some(Credential::Basic { username: username.clone(), password: password.clone() })
        }
        _ => None,
    }
}

#[derive(Deserialize)]
struct HelperOutput {
    #[serde(rename = "Username", default)]
    username: String,
    #[serde(rename = "Secret", default)]
    secret: String,
}

/// Runs `docker-credential-<helper> get` with the server URL on stdin.
async fn run_helper(helper: &str, server: &str) -> Result<Option<Credential>, String> {
    if !helper.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
        return Err(format!("refusing odd helper name {helper:?}"));
    }
    let program = format!("docker-credential-{helper}");
    let mut child = tokio::process::Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|err| format!("cannot run {program}: {err}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A helper that exits without reading stdin is not an error in itself.
        let _ = stdin.write_all(server.as_bytes()).await;
    }
    let output = tokio::time::timeout(HELPER_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| format!("{program} did not answer within {HELPER_TIMEOUT:?}"))?
        .map_err(|err| format!("{program}: {err}"))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr);
        if message.to_ascii_lowercase().contains("credentials not found") {
            return Ok(None);
        }
        return Err(format!("{program} exited with {}: {}", output.status, message.trim()));
    }
    let parsed: HelperOutput = serde_json::from_slice(&output.stdout)
        .map_err(|err| format!("{program} printed something that is not credentials: {err}"))?;
    if parsed.secret.is_empty() {
        return Ok(None);
    }
    Ok(Some(if parsed.username == "<token>" {
        Credential::IdentityToken(parsed.secret)
    } else {
        Credential::Basic { username: parsed.username, password: parsed.secret }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_config(json: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.json");
        std::fs::write(&path, json).expect("write config");
        (dir, path)
    }

    fn basic(user: &str, pass: &str) -> Option<Credential> {
        Some(Credential::Basic { username: user.into(), password: pass.into() })
    }

    #[test]
    fn docker_config_env_wins_over_home() {
        assert_eq!(
            default_config_path(Some("/etc/dc".into()), Some("/home/u".into())),
            Some(PathBuf::from("/etc/dc/config.json"))
        );
        assert_eq!(
            default_config_path(Some("".into()), Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.docker/config.json"))
        );
        assert_eq!(default_config_path(None, None), None);
    }

    #[tokio::test]
    async fn auths_are_matched_by_host_and_decoded() {
        // "alice:s3cr:et" and "bob:pw" in base64.
        let (_dir, path) = write_config(
            r#"{"auths": {
                "https://ghcr.io": {"auth": "YWxpY2U6czNjcjpldA=="},
                "https://index.docker.io/v1/": {"auth": "Ym9iOnB3"},
                "quay.io": {"identitytoken": "refresh-me"},
                "broken.example": {"auth": "!!!not base64"}
            }}"#,
        );
        assert_eq!(lookup(Some(&path), "ghcr.io").await, basic("alice", "s3cr:et"));
        assert_eq!(lookup(Some(&path), "docker.io").await, basic("bob", "pw"));
        assert_eq!(lookup(Some(&path), "quay.io").await, Some(Credential::IdentityToken("refresh-me".into())));
        assert_eq!(lookup(Some(&path), "broken.example").await, None);
        assert_eq!(lookup(Some(&path), "ghcr.io.evil.com").await, None);
        assert_eq!(lookup(Some(&path), "other.io").await, None);
    }

    #[tokio::test]
    async fn unreadable_or_missing_config_means_anonymous() {
        let (_dir, path) = write_config("{ not json");
        assert_eq!(lookup(Some(&path), "ghcr.io").await, None);
        assert_eq!(lookup(Some(Path::new("/nonexistent/config.json")), "ghcr.io").await, None);
        assert_eq!(lookup(None, "ghcr.io").await, None);
    }

    #[tokio::test]
    async fn missing_helper_means_anonymous_and_odd_names_are_refused() {
        let (_dir, path) =
            write_config(r#"{"credsStore": "surely-not-installed-xyz", "auths": {"ghcr.io": {"auth": "Ym9iOnB3"}}}"#);
        // With a credsStore the file's auths are not consulted (as in the Docker CLI).
        assert_eq!(lookup(Some(&path), "ghcr.io").await, None);
        assert!(run_helper("../../bin/sh", "x").await.is_err());
    }
}
