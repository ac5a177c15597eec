//! The Language Server Protocol layer: the only module that knows LSP.
//!
//! - `server`: the backend's state ([`Backend`]): documents, settings, published
//!   findings, semantic-token results, the registry listener.
//! - `handlers`: the `LanguageServer` methods, one per request or notification.
//! - [`document`]: open documents (rope + text + syntax tree + the revision's model)
//!   and [`Snapshot`]s of them.
//! - [`analysis`]: settings → rule configuration, and what lies outside a document
//!   (`.dockerignore`, build context, `.hadolint.yaml`, registry cache).
//! - [`features`], [`assist`], [`semantic`], [`code_actions`], [`completion`]: `ide`
//!   results converted to LSP types.
//! - [`position`]: byte offset ↔ LSP position in the negotiated encoding.
//! - [`capabilities`]: what we advertise (built in one function) and what the client
//!   supports.
//! - [`diagnostics`]: rule findings converted to LSP diagnostics.
//! - [`error`]: request errors and their JSON-RPC codes.
//!
//! Adding a feature: implement it below this layer on `&str` + tree + byte offsets,
//! add the `LanguageServer` method in `handlers.rs` that calls
//! [`Backend::on_document`] (snapshot, runs off the async threads, panics become
//! `InternalError`), convert with the snapshot's `position`/`range`/`offset`, and
//! advertise it in [`capabilities::server_capabilities`].

pub mod analysis;
pub mod assist;
pub mod capabilities;
pub mod code_actions;
pub mod completion;
pub mod diagnostics;
pub mod document;
pub mod error;
pub mod features;
mod handlers;
pub mod position;
pub mod semantic;
mod server;

use std::any::Any;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tower_lsp_server::{LspService, Server};

pub use document::Snapshot;
pub use error::ServerError;
pub use server::Backend;

/// How long work still in flight may run after the client closed our input.
const GRACE_AFTER_EOF: Duration = Duration::from_secs(2);

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
    let eof = Arc::new(Notify::new());
    let input = EofSignal { inner: input, eof: eof.clone() };
    let server = Server::new(input, output, socket).serve(service);
    // The server returns once its in-flight handlers finish; a handler stuck on a
    // client that is gone must not keep the process alive.
    let deadline = async {
        eof.notified().await;
        tokio::time::sleep(GRACE_AFTER_EOF).await;
    };
    tokio::select! {
        () = server => {}
        () = deadline => tracing::warn!("input closed and work still pending after {GRACE_AFTER_EOF:?}; stopping"),
    }
    shutdown_requested.load(Ordering::SeqCst)
}

/// Passes reads through and signals when the input ends (or fails).
struct EofSignal<R> {
    inner: R,
    eof: Arc<Notify>,
}

impl<R: AsyncRead + Unpin> AsyncRead for EofSignal<R> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let (room, before) = (buf.remaining(), buf.filled().len());
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(r) = &result {
            if r.is_err() || (room > 0 && buf.filled().len() == before) {
                self.eof.notify_one();
            }
        }
        result
    }
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

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Sends each message after the server answered the previous one (they all are
    /// requests), closes the input, and returns what `serve` returned and the output.
    async fn converse(messages: &[&str]) -> (bool, String) {
        let (mut to_server, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, mut from_server) = tokio::io::duplex(1 << 16);
        let server = tokio::spawn(serve(server_in, server_out));
        let mut out = String::new();
        for (i, m) in messages.iter().enumerate() {
            to_server.write_all(frame(m).as_bytes()).await.unwrap_or_else(|e| panic!("{e}"));
            let id = format!(r#""id":{}"#, i + 1);
            while !out.contains(&id) {
                let mut buf = [0; 4096];
                let n = tokio::time::timeout(Duration::from_secs(5), from_server.read(&mut buf))
                    .await
                    .unwrap_or_else(|_| panic!("no answer to {m}"))
                    .unwrap_or_else(|e| panic!("{e}"));
                assert!(n > 0, "output closed early: {out}");
                out.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
        drop(to_server);
        let clean = tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .unwrap_or_else(|_| panic!("serve did not return after the input closed"))
            .unwrap_or_else(|e| panic!("{e}"));
        from_server.read_to_string(&mut out).await.unwrap_or_else(|e| panic!("{e}"));
        (clean, out)
    }

    const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
    const SHUTDOWN: &str = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;

    #[tokio::test]
    async fn serving_ends_when_the_input_closes_and_reports_whether_shutdown_came_first() {
        let (clean, out) = converse(&[INITIALIZE, SHUTDOWN]).await;
        assert!(clean);
        assert!(out.contains(r#""name":"dockerfile-lsp""#), "{out}");
        assert!(out.contains(r#""id":2"#), "shutdown answered: {out}");

        let (clean, _) = converse(&[INITIALIZE]).await;
        assert!(!clean);
    }
}
