//! The few errors a request can end in, and their JSON-RPC codes — mapped here only.
//!
//! Analysis itself cannot fail (it returns results plus diagnostics); what is left is
//! a request about something we do not have, bad parameters, and bugs (panics).

use tower_lsp_server::jsonrpc::{self, ErrorCode};

/// LSP's `RequestFailed` code.
pub const REQUEST_FAILED: i64 = -32803;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// A request names a document the client never opened (or already closed).
    #[error("document is not open: {0}")]
    DocumentNotOpen(String),
    #[error("invalid parameters: {0}")]
    InvalidParams(String),
    /// The handler panicked; the server logged it and lives on.
    #[error("internal error in {method}: {message}")]
    Panicked { method: &'static str, message: String },
    /// The request was understood but cannot be done (e.g. renaming to an invalid
    /// name); the message is for the user, as it is.
    #[error("{0}")]
    Refused(String),
    /// The work was dropped before it finished (the server is shutting down).
    #[error("request cancelled")]
    Cancelled,
}

impl ServerError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ServerError::DocumentNotOpen(_) | ServerError::InvalidParams(_) => ErrorCode::InvalidParams,
            ServerError::Panicked { .. } => ErrorCode::InternalError,
            ServerError::Cancelled => ErrorCode::RequestCancelled,
            // LSP's RequestFailed: "the request failed but it was syntactically correct".
            ServerError::Refused(_) => ErrorCode::ServerError(REQUEST_FAILED),
        }
    }
}

impl From<ServerError> for jsonrpc::Error {
    fn from(e: ServerError) -> jsonrpc::Error {
        jsonrpc::Error { code: e.code(), message: e.to_string().into(), data: None }
    }
}
