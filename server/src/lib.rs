//! dockerfile-lsp: a language server and linter for Dockerfiles.
//!
//! Data flows one way: text → [`syntax`] → [`model`] → features ([`rules`], [`ide`])
//! → protocol ([`lsp`], [`cli`]). Only `lsp` knows the Language Server Protocol; only
//! `lsp`, `cli` and the registry client in `images` touch files or the network.

/// Every binary built on this crate (the server, the benchmarks, the tests) uses the same
/// allocator, so the measured figures are the shipped server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod config;
pub mod ide;
pub mod images;
pub mod lsp;
pub mod model;
pub mod project;
pub mod rules;
pub mod syntax;
