//! What the server tells the client it can do — built in one place.
//!
//! Advertise only what is implemented: a feature that lands adds its capability here
//! (reading `client` when it depends on what the client supports).

use tower_lsp_server::ls_types::{
    ClientCapabilities, SaveOptions, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

use super::position::PositionEncoding;

pub fn server_capabilities(client: &ClientCapabilities, encoding: PositionEncoding) -> ServerCapabilities {
    let _ = client;
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            will_save: None,
            will_save_wait_until: None,
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
        })),
        ..ServerCapabilities::default()
    }
}
