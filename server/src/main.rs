//! The `dockerfile-lsp` binary: a language server over stdio, and (later) a linter CLI.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// The environment variable that sets the log filter (tracing's `EnvFilter` syntax).
const LOG_ENV: &str = "DOCKERFILE_LSP_LOG";

#[derive(Debug, Parser)]
#[command(
    name = "dockerfile-lsp",
    version,
    about = "A language server for Dockerfiles that knows about base images",
    long_about = "dockerfile-lsp is a language server for Dockerfiles and Containerfiles.\n\n\
        Your editor starts it and talks to it over stdin/stdout using the Language Server \
        Protocol (LSP); it then reports syntax errors and lint findings as you type. You do \
        not normally run it by hand: point your editor's LSP client at the command \
        `dockerfile-lsp` (some editors add `--stdio`, which is accepted). The editor \
        integrations in the project's editors/ directory do this for you.\n\n\
        Run without a subcommand it serves LSP over stdio, which is the same as \
        `dockerfile-lsp serve`.",
    after_long_help = "Starting it from an editor:\n  \
        VS Code  the extension in editors/vscode starts it for you\n  \
        Neovim   vim.lsp.config('dockerfile_lsp', { cmd = { 'dockerfile-lsp' }, filetypes = { 'dockerfile' } })\n           vim.lsp.enable('dockerfile_lsp')\n  \
        Helix    [language-server.dockerfile-lsp] command = \"dockerfile-lsp\" (see editors/helix)\n\n\
        Logging goes to stderr (stdout carries the protocol). Set DOCKERFILE_LSP_LOG to \
        a level such as `info` or `debug` (default `warn`), e.g. DOCKERFILE_LSP_LOG=debug.\n\n\
        Settings come from the editor (LSP initializationOptions or the `dockerfileLsp` \
        configuration section); see the README for every key.",
    after_help = "Logs go to stderr; set DOCKERFILE_LSP_LOG=debug for more. See --help for editor setup.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the Language Server Protocol on stdin/stdout (the default)
    #[command(long_about = "Serve the Language Server Protocol on stdin/stdout. This is what editors run; \
        it is also what `dockerfile-lsp` does with no subcommand. The server exits when the editor \
        sends `exit` or closes stdin.")]
    Serve(ServeArgs),
}

#[derive(Debug, Args, Clone, Copy, Default)]
struct ServeArgs {
    /// Talk LSP over stdin/stdout (the only transport; accepted because editors pass it)
    #[arg(long)]
    stdio: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match cli.command {
        Some(Command::Serve(args)) => serve(args),
        None => serve(cli.serve),
    }
}

fn init_logging() {
    let (filter, bad_filter) = match std::env::var(LOG_ENV) {
        Ok(spec) if !spec.trim().is_empty() => match EnvFilter::try_new(&spec) {
            Ok(f) => (f, None),
            Err(e) => (EnvFilter::new("warn"), Some((spec, e))),
        },
        _ => (EnvFilter::new("warn"), None),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    if let Some((spec, e)) = bad_filter {
        tracing::warn!("ignoring {LOG_ENV}={spec:?} ({e}); logging warnings only");
    }
    std::panic::set_hook(Box::new(|info| {
        tracing::error!("{info}");
    }));
}

/// Serves LSP on stdio. Exits with 0 after `shutdown` + `exit` (or end of input after
/// `shutdown`), with 1 when the connection ended without `shutdown`, as LSP asks.
fn serve(_args: ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(dockerfile_lsp::lsp::serve_stdio());
    tracing::info!("connection closed ({})", if clean { "after shutdown" } else { "without shutdown" });
    // Reading stdin blocks a runtime thread that dropping the runtime would wait for
    // (forever, if the client keeps stdin open after `exit`), so leave now.
    std::process::exit(if clean { 0 } else { 1 })
}
