//! Any OCI / Docker registry through the Registry HTTP API v2: tag lists with `Link`
//! pagination, manifest digests, and the anonymous-or-credentialed Bearer token flow.
//!
//! Where credentials go (the rule, in one place):
//! - never over plain HTTP: registries listed in `insecureRegistries` are always
//!   anonymous, and so is a token realm that is not HTTPS;
//! - `Basic` only to the registry host the credentials belong to (requests are made
//!   only to that host, and redirects never downgrade HTTPS to HTTP);
//! - to a token realm only when its host is the registry's host, a parent domain of
//!   it (`registry.gitlab.com` → `gitlab.com`), or `auth.docker.io` for Docker Hub.
//!   A realm elsewhere gets an anonymous token request.

use reqwest::{Method, Response, StatusCode, Url};
use serde::Deserialize;

use super::credentials::{self, Credential};
use super::http::{BODY_LIMIT, Http, challenge, host_of, link_next, same_origin, status_error};
use super::{ImageName, RegistryError};

/// Pages of a tag list followed at most.
pub(crate) const MAX_PAGES: usize = 5;
/// Tags kept at most (the rest is dropped and the list marked truncated).
pub(crate) const MAX_TAGS: usize = 10_000;
/// Token responses and manifests are small.
const SMALL_BODY_LIMIT: u64 = 1024 * 1024;
const CLIENT_ID: &str = "dockerfile-lsp";

/// What `HEAD /v2/<name>/manifests/<tag>` asks for: indexes first, so a multi-platform
/// tag answers with the digest `docker pull` would pin.
pub(crate) const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.index.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.v2+json";

/// Where a registry's API lives.
pub(crate) struct Endpoint {
    /// `https://host[:port]/` (or `http://` for an insecure registry).
    pub base: Url,
    /// The registry as named in the image (for credential lookup).
    pub registry: String,
    pub secure: bool,
}

/// The endpoint for a registry: HTTPS unless the host is listed as insecure. Docker Hub's
/// API host is `registry-1.docker.io`.
pub(crate) fn endpoint(registry: &str, insecure: &[String]) -> Result<Endpoint, RegistryError> {
    let hub = ImageName::new(registry, "x").is_docker_hub();
    let host = if hub { "registry-1.docker.io" } else { registry };
    let secure = !insecure.iter().any(|entry| {
        let entry = entry.trim().trim_start_matches("http://").trim_start_matches("https://").trim_end_matches('/');
        entry.eq_ignore_ascii_case(host)
    });
    let scheme = if secure { "https" } else { "http" };
    let base = Url::parse(&format!("{scheme}://{host}/"))
        .map_err(|_| RegistryError::InvalidName { name: registry.to_string(), reason: "not a registry host" })?;
    Ok(Endpoint { base, registry: if hub { "docker.io".to_string() } else { registry.to_string() }, secure })
}

/// One conversation with one repository: remembers the token (or that the registry
/// wants Basic) across pages.
pub(crate) struct Session<'a> {
    http: &'a Http,
    endpoint: Endpoint,
    repository: String,
    docker_config: Option<&'a std::path::Path>,
    credential: Option<Option<Credential>>,
    token: Option<String>,
    use_basic: bool,
}

#[derive(Deserialize)]
struct TokenResponse {
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    access_token: Option<String>,
}

#[derive(Deserialize)]
struct TagsPage {
    #[serde(default)]
    tags: Option<Vec<String>>,
}

impl<'a> Session<'a> {
    pub fn new(
        http: &'a Http,
        endpoint: Endpoint,
        repository: &str,
        docker_config: Option<&'a std::path::Path>,
    ) -> Self {
        Session {
            http,
            endpoint,
            repository: repository.to_string(),
            docker_config,
            credential: None,
            token: None,
            use_basic: false,
        }
    }

    fn host(&self) -> String {
        host_of(&self.endpoint.base)
    }

    fn url(&self, path: &str) -> Result<Url, RegistryError> {
        self.endpoint
            .base
            .join(&format!("v2/{}/{path}", self.repository))
            .map_err(|err| RegistryError::Client(format!("cannot build a URL: {err}")))
    }

    /// The credential for this registry, read at most once, and only for HTTPS.
    async fn credential(&mut self) -> Option<Credential> {
        if !self.endpoint.secure {
            return None;
        }
        if self.credential.is_none() {
            let found = credentials::lookup(self.docker_config, &self.endpoint.registry).await;
            tracing::debug!(registry = %self.endpoint.registry, found = found.is_some(), "credentials");
            self.credential = Some(found);
        }
        self.credential.clone().flatten()
    }

    /// Sends a request; on 401 follows the challenge once (token or Basic) and retries.
    async fn send(&mut self, method: Method, url: &Url, accept: &str) -> Result<Response, RegistryError> {
        let mut retried = false;
        loop {
            let mut request =
                self.http.client.request(method.clone(), url.clone()).header(reqwest::header::ACCEPT, accept);
            if let Some(token) = &self.token {
                request = request.bearer_auth(token);
            } else if self.use_basic
                && let Some(Credential::Basic { username, password }) = self.credential().await
            {
                request = request.basic_auth(username, Some(password));
            }
            let response = self.http.send(request, url).await?;
            if response.status() != StatusCode::UNAUTHORIZED {
                return Ok(response);
            }
            let (host, repository) = (self.host(), self.repository.clone());
            let unauthorized = |detail: &str| RegistryError::Unauthorized {
                host: host.clone(),
                repository: repository.clone(),
                detail: detail.to_string(),
            };
            if retried {
                return Err(unauthorized(if self.token.is_some() || self.use_basic {
                    "credentials or token rejected"
                } else {
                    "authentication required"
                }));
            }
            retried = true;
            match challenge(&response) {
                Some(c) if c.is("bearer") => {
                    let realm = c.param("realm").unwrap_or_default().to_string();
                    let service = c.param("service").map(str::to_string);
                    self.token = Some(self.fetch_token(&realm, service.as_deref()).await?);
                }
                Some(c) if c.is("basic") => {
                    if !matches!(self.credential().await, Some(Credential::Basic { .. })) {
                        return Err(unauthorized(if self.endpoint.secure {
                            "the registry wants a login (docker login) and none was found"
                        } else {
                            "the registry wants a login, and credentials are never sent over plain HTTP"
                        }));
                    }
                    self.use_basic = true;
                }
                _ => {
                    return Err(unauthorized("401 without a usable WWW-Authenticate challenge"));
                }
            }
        }
    }

    /// Whether credentials for this registry may be sent to `realm`.
    fn realm_trusted(&self, realm: &Url) -> bool {
        if !self.endpoint.secure || realm.scheme() != "https" {
            return false;
        }
        let (Some(realm_host), Some(registry_host)) = (realm.host_str(), self.endpoint.base.host_str()) else {
            return false;
        };
        let realm_host = realm_host.to_ascii_lowercase();
        let registry_host = registry_host.to_ascii_lowercase();
        realm_host == registry_host
            || (realm_host.contains('.') && registry_host.ends_with(&format!(".{realm_host}")))
            || (self.endpoint.registry == "docker.io" && realm_host == "auth.docker.io")
    }

    async fn fetch_token(&mut self, realm: &str, service: Option<&str>) -> Result<String, RegistryError> {
        let bad_realm = |detail: String| RegistryError::InvalidResponse {
            host: self.host(),
            url: self.endpoint.base.to_string(),
            detail,
        };
        let realm_url = Url::parse(realm).map_err(|err| bad_realm(format!("token realm {realm:?}: {err}")))?;
        if !matches!(realm_url.scheme(), "http" | "https") {
            return Err(bad_realm(format!("token realm {realm:?} is not HTTP(S)")));
        }
        let scope = format!("repository:{}:pull", self.repository);
        let credential = if self.realm_trusted(&realm_url) { self.credential().await } else { None };

        let request = match &credential {
            Some(Credential::IdentityToken(refresh)) => {
                let mut form = form_urlencoded::Serializer::new(String::new());
                form.append_pair("grant_type", "refresh_token")
                    .append_pair("refresh_token", refresh)
                    .append_pair("client_id", CLIENT_ID)
                    .append_pair("scope", &scope);
                if let Some(service) = service {
                    form.append_pair("service", service);
                }
                self.http
                    .client
                    .post(realm_url.clone())
                    .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(form.finish())
            }
            _ => {
                let mut url = realm_url.clone();
                {
                    let mut query = url.query_pairs_mut();
                    if let Some(service) = service {
                        query.append_pair("service", service);
                    }
                    query.append_pair("scope", &scope);
                    query.append_pair("client_id", CLIENT_ID);
                }
                let mut request = self.http.client.get(url);
                if let Some(Credential::Basic { username, password }) = &credential {
                    request = request.basic_auth(username, Some(password));
                }
                request
            }
        };
        let response = self.http.send(request, &realm_url).await?;
        if matches!(response.status(), StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
            return Err(RegistryError::Unauthorized {
                host: host_of(&realm_url),
                repository: self.repository.clone(),
                detail: format!(
                    "token request refused (HTTP {}){}",
                    response.status().as_u16(),
                    if credential.is_some() { "; check the stored login" } else { "" }
                ),
            });
        }
        if !response.status().is_success() {
            return Err(status_error(&response));
        }
        let body = self.http.read_body(response, SMALL_BODY_LIMIT).await?;
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|err| RegistryError::InvalidResponse {
            host: host_of(&realm_url),
            url: realm_url.to_string(),
            detail: format!("not a token response: {err}"),
        })?;
        parsed.token.or(parsed.access_token).filter(|token| !token.is_empty()).ok_or_else(|| {
            RegistryError::InvalidResponse {
                host: host_of(&realm_url),
                url: realm_url.to_string(),
                detail: "token response without a token".to_string(),
            }
        })
    }

    /// All tag names (up to [`MAX_PAGES`] pages / [`MAX_TAGS`] names), in the order the
    /// registry gives them; `true` when some were left out.
    pub async fn tags(&mut self) -> Result<(Vec<String>, bool), RegistryError> {
        let first = self.url("tags/list")?;
        let mut url = first.clone();
        let mut tags: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for page in 0..MAX_PAGES {
            let response = self.send(Method::GET, &url, "application/json").await?;
            match response.status() {
                status if status.is_success() => {}
                StatusCode::NOT_FOUND => {
                    return Err(RegistryError::NotFound {
                        host: self.host(),
                        what: format!("repository {}", self.repository),
                    });
                }
                _ => return Err(status_error(&response)),
            }
            let next = response
                .headers()
                .get(reqwest::header::LINK)
                .and_then(|value| value.to_str().ok())
                .and_then(link_next)
                .map(str::to_string);
            let body = self.http.read_body(response, BODY_LIMIT).await?;
            let parsed: TagsPage = serde_json::from_slice(&body).map_err(|err| RegistryError::InvalidResponse {
                host: self.host(),
                url: url.to_string(),
                detail: format!("not a tag list: {err}"),
            })?;
            for tag in parsed.tags.unwrap_or_default() {
                if tags.len() == MAX_TAGS {
                    return Ok((tags, true));
                }
                if seen.insert(tag.clone()) {
                    tags.push(tag);
                }
            }
            let Some(next) = next else {
                return Ok((tags, false));
            };
            let next = match url.join(&next) {
                Ok(next) if same_origin(&next, &first) && next != url => next,
                _ => {
                    tracing::warn!(%next, "not following a tag-list page link to another site");
                    return Ok((tags, true));
                }
            };
            if page + 1 == MAX_PAGES {
                return Ok((tags, true));
            }
            url = next;
        }
        Ok((tags, true))
    }

    /// The digest `docker pull <image>:<tag>` resolves to: `Docker-Content-Digest` from
    /// a HEAD, else the SHA-256 of the manifest bytes from a GET.
    pub async fn digest(&mut self, tag: &str) -> Result<String, RegistryError> {
        let url = self.url(&format!("manifests/{tag}"))?;
        let what = format!("{}:{tag}", self.repository);
        let not_found = |host| RegistryError::NotFound { host, what: what.clone() };
        let head = self.send(Method::HEAD, &url, MANIFEST_ACCEPT).await?;
        if head.status() == StatusCode::NOT_FOUND {
            return Err(not_found(self.host()));
        }
        if head.status().is_success()
            && let Some(digest) = header_digest(&head)
        {
            return Ok(digest);
        }
        let response = self.send(Method::GET, &url, MANIFEST_ACCEPT).await?;
        match response.status() {
            status if status.is_success() => {}
            StatusCode::NOT_FOUND => return Err(not_found(self.host())),
            _ => return Err(status_error(&response)),
        }
        if let Some(digest) = header_digest(&response) {
            return Ok(digest);
        }
        let body = self.http.read_body(response, SMALL_BODY_LIMIT * 4).await?;
        Ok(sha256_digest(&body))
    }
}

fn header_digest(response: &Response) -> Option<String> {
    let value = response.headers().get("docker-content-digest")?.to_str().ok()?;
    is_digest(value.trim()).then(|| value.trim().to_string())
}

/// `sha256:<64 hex>` or `sha512:<128 hex>`.
pub(crate) fn is_digest(value: &str) -> bool {
    let Some((algorithm, hex)) = value.split_once(':') else {
        return false;
    };
    let len = match algorithm {
        "sha256" => 64,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == len && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub(crate) fn sha256_digest(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let mut text = String::from("sha256:");
    for byte in digest.as_ref() {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_hosts_use_plain_http() {
        let insecure = vec!["localhost:5000".to_string(), "http://127.0.0.1:9999/".to_string()];
        let e = |r: &str| endpoint(r, &insecure).map(|e| (e.base.to_string(), e.secure));
        assert_eq!(e("localhost:5000").ok(), Some(("http://localhost:5000/".into(), false)));
        assert_eq!(e("127.0.0.1:9999").ok(), Some(("http://127.0.0.1:9999/".into(), false)));
        assert_eq!(e("localhost:5001").ok(), Some(("https://localhost:5001/".into(), true)));
        assert_eq!(e("ghcr.io").ok(), Some(("https://ghcr.io/".into(), true)));
        assert_eq!(e("docker.io").ok(), Some(("https://registry-1.docker.io/".into(), true)));
    }

    #[test]
    fn credentials_go_only_to_trusted_realms() {
        let http = match Http::new(std::time::Duration::from_secs(1), &[]) {
            Ok(http) => http,
            Err(err) => panic!("client: {err}"),
        };
        let trusted = |registry: &str, insecure: &[String], realm: &str| {
            let endpoint = endpoint(registry, insecure).ok();
            let session = endpoint.map(|e| Session::new(&http, e, "org/app", None));
            let realm = Url::parse(realm).ok();
            match (session, realm) {
                (Some(s), Some(r)) => s.realm_trusted(&r),
                _ => false,
            }
        };
        assert!(trusted("ghcr.io", &[], "https://ghcr.io/token"));
        assert!(trusted("registry.gitlab.com", &[], "https://gitlab.com/jwt/auth"));
        assert!(trusted("docker.io", &[], "https://auth.docker.io/token"));
        assert!(!trusted("ghcr.io", &[], "https://evil.example/token"));
        assert!(!trusted("ghcr.io", &[], "http://ghcr.io/token"));
        assert!(!trusted("ghcr.io", &[], "https://io/token"));
        assert!(!trusted("quay.io", &[], "https://auth.docker.io/token"));
        let insecure = vec!["localhost:5000".to_string()];
        assert!(!trusted("localhost:5000", &insecure, "https://localhost/token"));
    }

    #[test]
    fn digests_are_checked_and_computed() {
        assert!(is_digest(&format!("sha256:{}", "a".repeat(64))));
        assert!(!is_digest(&format!("sha256:{}", "A".repeat(64))));
        assert!(!is_digest("sha256:abc"));
        assert!(!is_digest("md5:d41d8cd98f00b204e9800998ecf8427e"));
        // sha256 of the empty string, a well-known constant.
        assert_eq!(sha256_digest(b""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
