//! The `dockerfile-lsp` binary: a language server over stdio, and a linter CLI.

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
        `dockerfile-lsp serve`. To lint Dockerfiles from a terminal or in CI, use \
        `dockerfile-lsp check`; to learn about a base image, `dockerfile-lsp explain <image>`.",
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
    /// Lint Dockerfiles and print the findings (for terminals and CI)
    #[command(
        long_about = "Lint Dockerfiles with every rule the editor uses, and print what was found.\n\n\
        Give files or folders (folders are searched for Dockerfile, Dockerfile.*, *.Dockerfile and \
        Containerfile, honouring .gitignore), or `-` to read standard input; with nothing given, \
        the current folder is searched. A .dockerignore next to each Dockerfile is honoured, and \
        the Dockerfile's folder is taken as its build context.\n\n\
        Exit status: 0 when nothing at or above --fail-level (default: error) was found, 1 when \
        something was, 2 when a file could not be read or the command line is wrong.",
        after_long_help = "Examples:\n  \
        dockerfile-lsp check                         lint every Dockerfile under the current folder\n  \
        dockerfile-lsp check Dockerfile --fail-level warning\n  \
        dockerfile-lsp check --format sarif . > dockerfile.sarif   for GitHub code scanning\n  \
        dockerfile-lsp check --ignore DL3008 --severity from-latest-tag=error Dockerfile\n  \
        cat Dockerfile | dockerfile-lsp check -"
    )]
    Check(dockerfile_lsp::cli::CheckArgs),
    /// Explain a base image, or the stages of a Dockerfile, in plain words
    #[command(
        long_about = "Explain an image reference (what it is, the OS and C library inside, its size, \
        how long it is supported, its variants and what to pick instead) or a Dockerfile (each stage, \
        what it builds on and the layers it adds).\n\n\
        Works offline from the image knowledge built into the binary; --online also asks the \
        registry the image names (only that one; Docker Hub for official images) for its current \
        tags and exact sizes.",
        after_long_help = "Examples:\n  \
        dockerfile-lsp explain python:3.12-slim\n  \
        dockerfile-lsp explain gcr.io/distroless/static-debian12 --online\n  \
        dockerfile-lsp explain ./Dockerfile --build-arg VERSION=1.2"
    )]
    Explain(dockerfile_lsp::cli::explain::ExplainArgs),
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
        Some(Command::Check(args)) => check(&args),
        Some(Command::Explain(args)) => explain(&args),
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

/// Runs `check` with the real standard streams; the exit code is `check`'s.
fn check(args: &dockerfile_lsp::cli::CheckArgs) -> ExitCode {
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = dockerfile_lsp::cli::run_check(args, &mut stdout, &mut stderr);
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

/// Runs `explain` with the real standard streams.
fn explain(args: &dockerfile_lsp::cli::explain::ExplainArgs) -> ExitCode {
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = dockerfile_lsp::cli::explain::run_explain(args, &mut stdout, &mut stderr);
    ExitCode::from(u8::try_from(code).unwrap_or(2))
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
