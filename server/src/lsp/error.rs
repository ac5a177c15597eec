//! The few errors a request can end in, and their JSON-RPC codes — mapped here only.
//!
//! Analysis itself cannot fail (it returns results plus diagnostics); what is left is
//! a request about something we do not have, bad parameters, and bugs (panics).

use tower_lsp_server::jsonrpc::{self, ErrorCode};

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
        }
    }
}

impl From<ServerError> for jsonrpc::Error {
    fn from(e: ServerError) -> jsonrpc::Error {
        jsonrpc::Error { code: e.code(), message: e.to_string().into(), data: None }
    }
}
