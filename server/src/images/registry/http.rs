//! The HTTP layer: one reqwest client (rustls on ring), capped body reads, and the
//! small header grammars registries use (`Link`, `WWW-Authenticate`, `Retry-After`).

use std::time::Duration;

use reqwest::{Response, StatusCode, Url};

use super::RegistryError;
use super::error::error_chain;

/// Largest response body we read; past it the connection is dropped.
pub(crate) const BODY_LIMIT: u64 = 8 * 1024 * 1024;
/// Redirects followed per request.
pub(crate) const MAX_REDIRECTS: usize = 5;

pub(crate) const USER_AGENT: &str = concat!("dockerfile-lsp/", env!("CARGO_PKG_VERSION"));

/// A client plus the timeout it was built with (for error messages).
#[derive(Clone)]
pub(crate) struct Http {
    pub client: reqwest::Client,
    pub timeout: Duration,
}

impl Http {
    /// Builds the client. rustls uses the ring provider, installed here as the process
    /// default when none is (reqwest is built without a provider of its own); server
    /// certificates are checked against the platform's roots. Proxies come from the
    /// usual `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` / `NO_PROXY` variables (and the
    /// system settings on macOS and Windows). `ca_files` are PEM bundles trusted in
    /// addition to the platform's roots.
    pub fn new(timeout: Duration, ca_files: &[std::path::PathBuf]) -> Result<Http, RegistryError> {
        install_crypto_provider();
        let mut extra_roots = Vec::new();
        for path in ca_files {
            let pem = std::fs::read(path)
                .map_err(|err| RegistryError::Client(format!("cannot read CA file {}: {err}", path.display())))?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|err| {
                RegistryError::Client(format!("bad CA file {}: {}", path.display(), error_chain(&err)))
            })?;
            extra_roots.extend(certificates);
        }
        let builder = || {
            reqwest::Client::builder()
                .user_agent(USER_AGENT)
                .timeout(timeout)
                .connect_timeout(timeout)
                .redirect(redirect_policy())
                .pool_idle_timeout(Duration::from_secs(30))
        };
        let with_platform_roots =
            extra_roots.iter().cloned().fold(builder(), |b, certificate| b.add_root_certificate(certificate)).build();
        let client = match with_platform_roots {
            Ok(client) => client,
            Err(err) => {
                // No system roots (e.g. no ca-certificates package): plain-HTTP registries
                // and the configured CAs still work; public HTTPS registries will fail
                // with a certificate error that names the host.
                tracing::warn!(
                    "no usable system CA certificates ({}); trusting only registry.caCertificates",
                    error_chain(&err)
                );
                builder().tls_certs_only(extra_roots).build().map_err(|err| RegistryError::Client(error_chain(&err)))?
            }
        };
        Ok(Http { client, timeout })
    }

    /// Sends a request and maps transport failures to errors naming the host.
    pub async fn send(&self, request: reqwest::RequestBuilder, url: &Url) -> Result<Response, RegistryError> {
        tracing::debug!(%url, "registry request");
        request.send().await.map_err(|err| self.transport_error(&err, url))
    }

    fn transport_error(&self, err: &reqwest::Error, url: &Url) -> RegistryError {
        if err.is_timeout() {
            RegistryError::Timeout { host: host_of(url), url: url.to_string(), timeout: self.timeout }
        } else {
            RegistryError::Connect { host: host_of(url), url: url.to_string(), detail: error_chain(err) }
        }
    }

    /// Reads the whole body, but never more than `limit` bytes: a declared length past
    /// the limit fails before reading, a body that grows past it fails as soon as it does
    /// (dropping the response closes the connection).
    pub async fn read_body(&self, mut response: Response, limit: u64) -> Result<Vec<u8>, RegistryError> {
        let url = response.url().clone();
        let too_large = || RegistryError::TooLarge { host: host_of(&url), url: url.to_string(), limit };
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| self.transport_error(&err, &url))? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// At most [`MAX_REDIRECTS`] hops, and never from HTTPS down to plain HTTP (reqwest
/// already drops `Authorization` when a redirect changes host).
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error("too many redirects");
        }
        let was_https = attempt.previous().iter().any(|url| url.scheme() == "https");
        if was_https && attempt.url().scheme() != "https" {
            return attempt.error("refusing a redirect from HTTPS to plain HTTP");
        }
        attempt.follow()
    })
}

fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // An Err means another thread installed one first; either way one is installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// `host[:port]` of a URL, for messages and credential matching.
pub(crate) fn host_of(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        _ => url.to_string(),
    }
}

/// Same scheme, host and port: pagination links must not lead us (and our token)
/// somewhere else.
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

/// The error for a status we cannot use, with `Retry-After` when given in seconds.
pub(crate) fn status_error(response: &Response) -> RegistryError {
    RegistryError::Status {
        host: host_of(response.url()),
        url: response.url().to_string(),
        status: response.status().as_u16(),
        retry_after: retry_after(response),
    }
}

fn retry_after(response: &Response) -> Option<Duration> {
    if !matches!(response.status(), StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE) {
        return None;
    }
    let value = response.headers().get(reqwest::header::RETRY_AFTER)?;
    let seconds: u64 = value.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds))
}

/// The target of the `rel="next"` entry of a `Link` header (RFC 8288), unresolved.
pub(crate) fn link_next(value: &str) -> Option<&str> {
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>')?;
        let target = &after[..close];
        let params_end = after[close..].find('<').map_or(after.len(), |i| close + i);
        let params = &after[close + 1..params_end];
        let is_next = params.split(';').any(|param| {
            let Some((key, value)) = param.split_once('=') else {
                return false;
            };
            key.trim().eq_ignore_ascii_case("rel")
                && value.trim().trim_matches('"').split_ascii_whitespace().any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        if is_next {
            return Some(target);
        }
        rest = &after[params_end..];
    }
    None
}

/// One `WWW-Authenticate` challenge: scheme and its parameters (keys lower-cased).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Challenge {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }
}

/// Parses `Bearer realm="…",service="…",scope="…"` (quoted or bare values, `\`
/// escapes in quoted ones). Returns None for an empty header.
pub(crate) fn parse_challenge(value: &str) -> Option<Challenge> {
    let value = value.trim();
    let (scheme, mut rest) = match value.find(char::is_whitespace) {
        Some(space) => (&value[..space], value[space..].trim_start()),
        None => (value, ""),
    };
    if scheme.is_empty() {
        return None;
    }
    let mut params = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq].trim().to_ascii_lowercase();
        rest = rest[eq + 1..].trim_start();
        let mut parsed = String::new();
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            parsed.push(escaped);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => parsed.push(c),
                }
            }
            rest = &quoted[end.min(quoted.len())..];
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            parsed.push_str(rest[..end].trim());
            rest = &rest[end..];
        }
        params.push((key, parsed));
    }
    Some(Challenge { scheme: scheme.to_string(), params })
}

/// The first challenge with the given scheme among a response's `WWW-Authenticate`
/// headers (or any challenge when none matches).
pub(crate) fn challenge(response: &Response) -> Option<Challenge> {
    let challenges: Vec<Challenge> = response
        .headers()
        .get_all(reqwest::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(parse_challenge)
        .collect();
    let bearer = challenges.iter().position(|c| c.is("bearer"));
    let mut challenges = challenges;
    match bearer {
        Some(index) => Some(challenges.swap_remove(index)),
        None => challenges.into_iter().next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_next_finds_the_next_relation() {
        assert_eq!(link_next(r#"</v2/app/tags/list?last=b&n=2>; rel="next""#), Some("/v2/app/tags/list?last=b&n=2"));
        assert_eq!(link_next(r#"<https://a/prev>; rel="prev", <https://a/next>; rel="next""#), Some("https://a/next"));
        assert_eq!(link_next(r#"<https://a/x>; rel=next"#), Some("https://a/x"));
        assert_eq!(link_next(r#"<https://a/prev>; rel="prev""#), None);
        assert_eq!(link_next("garbage <unterminated"), None);
        assert_eq!(link_next(""), None);
    }

    #[test]
    fn challenges_parse_quoted_and_bare_parameters() {
        let c = parse_challenge(
            r#"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push""#,
        );
        let c = c.as_ref();
        assert_eq!(c.map(|c| c.scheme.as_str()), Some("Bearer"));
        assert_eq!(c.and_then(|c| c.param("realm")), Some("https://auth.example.com/token"));
        assert_eq!(c.and_then(|c| c.param("service")), Some("registry.example.com"));
        assert_eq!(c.and_then(|c| c.param("scope")), Some("repository:a/b:pull,push"));

        let basic = parse_challenge(r#"Basic realm=registry, charset="UTF-8""#);
        assert_eq!(basic.as_ref().and_then(|c| c.param("realm")), Some("registry"));
        assert_eq!(basic.as_ref().and_then(|c| c.param("charset")), Some("UTF-8"));

        let escaped = parse_challenge(r#"Bearer realm="a\"b""#);
        assert_eq!(escaped.as_ref().and_then(|c| c.param("realm")), Some("a\"b"));
        let unterminated = parse_challenge(r#"Bearer realm="abc"#);
        assert_eq!(unterminated.as_ref().and_then(|c| c.param("realm")), Some("abc"));
        assert_eq!(parse_challenge("   "), None);
    }
}
