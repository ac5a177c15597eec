//! The Language Server Protocol layer: the only module that knows LSP.
//!
//! - [`server`]: the tower-lsp-server backend ([`Backend`]): lifecycle, document sync,
//!   settings, diagnostics.
//! - [`document`]: open documents (rope + text + syntax tree) and [`Snapshot`]s of them.
//! - [`position`]: byte offset ↔ LSP position in the negotiated encoding.
//! - [`capabilities`]: what we advertise, built in one function.
//! - [`diagnostics`]: the one call into `rules`, and conversion to LSP diagnostics.
//! - [`error`]: request errors and their JSON-RPC codes.
//!
//! Adding a feature: implement it below this layer on `&str` + tree + byte offsets,
//! add the `LanguageServer` method in `server.rs` that calls
//! [`Backend::on_document`] (snapshot, runs off the async threads, panics become
//! `InternalError`), convert with the snapshot's `position`/`range`/`offset`, and
//! advertise it in [`capabilities::server_capabilities`].

pub mod capabilities;
pub mod diagnostics;
pub mod document;
pub mod error;
pub mod position;
mod server;

use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use document::Snapshot;
pub use error::ServerError;
pub use server::Backend;

/// Serves one LSP connection until the client sends `exit` or closes the input.
/// Returns whether the client asked for `shutdown` first (a clean end).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let flag = shutdown_requested.clone();
    let (service, socket) = LspService::new(move |client| Backend::new(client, flag));
    Server::new(input, output, socket).serve(service).await;
    shutdown_requested.load(Ordering::SeqCst)
}

/// [`serve`] on stdin/stdout.
pub async fn serve_stdio() -> bool {
    serve(tokio::io::stdin(), tokio::io::stdout()).await
}

/// Runs synchronous analysis on the blocking pool; a panic is logged and returned as
/// [`ServerError::Panicked`] instead of unwinding into the server.
pub async fn run_guarded<R, F>(method: &'static str, f: F) -> Result<R, ServerError>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => Ok(r),
        Err(e) if e.is_panic() => {
            let message = panic_message(&*e.into_panic());
            tracing::error!("{method} panicked: {message}");
            Err(ServerError::Panicked { method, message })
        }
        Err(_) => Err(ServerError::Cancelled),
    }
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}
