//! What can go wrong talking to a registry, said with the host and URL involved.

use std::time::Duration;

/// A failed registry lookup. Every variant names the host (and where useful the URL)
/// so a message shown to the user says what failed and where.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// `registry.enabled = false`: nothing leaves the machine.
    #[error("registry lookups are disabled (registry.enabled = false)")]
    Disabled,
    /// The image name cannot be turned into a registry URL.
    #[error("invalid image name {name:?}: {reason}")]
    InvalidName { name: String, reason: &'static str },
    /// The tag cannot be put into a registry URL.
    #[error("invalid tag {tag:?}")]
    InvalidTag { tag: String },
    /// The HTTP client could not be built (e.g. no usable root certificates).
    #[error("could not set up the HTTP client: {0}")]
    Client(String),
    /// No answer within the per-request timeout.
    #[error("request to {host} timed out after {timeout:?} ({url})")]
    Timeout { host: String, url: String, timeout: Duration },
    /// Connection refused, DNS failure, TLS failure, connection reset, ...
    #[error("could not reach {host}: {detail} ({url})")]
    Connect { host: String, url: String, detail: String },
    /// An HTTP status we cannot use.
    #[error("{host} answered HTTP {status} for {url}")]
    Status {
        host: String,
        url: String,
        status: u16,
        /// From a `Retry-After: <seconds>` header (429/503).
        retry_after: Option<Duration>,
    },
    /// The repository (or the tag) does not exist there.
    #[error("{host}: {what} not found")]
    NotFound { host: String, what: String },
    /// The registry wants credentials we do not have (or rejected ours).
    #[error("{host} refused access to {repository}: {detail}")]
    Unauthorized { host: String, repository: String, detail: String },
    /// The response body is larger than we are willing to read.
    #[error("response from {host} is larger than {limit} bytes ({url})")]
    TooLarge { host: String, url: String, limit: u64 },
    /// The body is not what the API promises (bad JSON, missing fields, bad digest).
    #[error("unexpected response from {host}: {detail} ({url})")]
    InvalidResponse { host: String, url: String, detail: String },
    /// A background lookup was asked for outside a tokio runtime.
    #[error("no async runtime to run registry lookups on")]
    NoRuntime,
}

impl RegistryError {
    /// How long the server asked us to wait before trying again, if it said so.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            RegistryError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The host the failure is about, when there is one.
    pub fn host(&self) -> Option<&str> {
        match self {
            RegistryError::Timeout { host, .. }
            | RegistryError::Connect { host, .. }
            | RegistryError::Status { host, .. }
            | RegistryError::NotFound { host, .. }
            | RegistryError::Unauthorized { host, .. }
            | RegistryError::TooLarge { host, .. }
            | RegistryError::InvalidResponse { host, .. } => Some(host),
            _ => None,
        }
    }
}

/// `err: cause: cause` — reqwest's own message alone ("error sending request") hides
/// the part a user needs (connection refused, certificate unknown, ...).
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}
