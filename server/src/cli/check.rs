//! `dockerfile-lsp check`: every rule over files and folders, in parallel.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use clap::{Args, ValueEnum};

use super::output::{self, FileReport};
use crate::images::catalog::Date;
use crate::project::{self, BuildContext, IgnoreRules, Limits};
use crate::rules::hadolint_config::HadolintConfig;
use crate::rules::{self, Inputs, Level, RuleConfig, Severity};
use crate::syntax;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[code]: message` with the source line underlined.
    Human,
    /// A JSON array of findings.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Severity threshold for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
    Hint,
    /// Never fail because of findings.
    None,
}

impl FailLevel {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailLevel::Error => Some(Severity::Error),
            FailLevel::Warning => Some(Severity::Warning),
            FailLevel::Info => Some(Severity::Info),
            FailLevel::Hint => Some(Severity::Hint),
            FailLevel::None => None,
        }
    }
}

/// When to colour the human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Arguments of `check`.
#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// Dockerfiles or folders to search (Dockerfile, Dockerfile.*, *.Dockerfile,
    /// *.dockerfile, Containerfile, Containerfile.*; .gitignore is honoured). `-` reads
    /// standard input. Default: the current folder.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with status 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
    /// Turn a rule off (id, BuildKit check name or hadolint code). Repeatable.
    #[arg(long, value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Set a rule's severity: RULE=error|warning|info|hint|off. Repeatable.
    #[arg(long, value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,
    /// A configuration file (.hadolint.yaml format). Default: the nearest
    /// .hadolint.yaml / .hadolint.yml from each Dockerfile's folder upwards.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A value for an ARG, as `docker build --build-arg` takes it. Repeatable.
    #[arg(long = "build-arg", value_name = "NAME=VALUE")]
    pub build_args: Vec<String>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The date end-of-life checks compare with (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE", hide = true)]
    pub today: Option<String>,
    /// Name shown for standard input.
    #[arg(long, value_name = "NAME", default_value = "-")]
    pub stdin_filename: String,
}

/// Whether a file name is a Dockerfile by convention.
pub fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.starts_with("containerfile.")
        || lower.ends_with(".dockerfile")
}

/// One input: a path, or standard input.
#[derive(Clone, Debug)]
enum Input {
    File(PathBuf),
    Stdin,
}

/// Runs `check`; returns the process exit code.
pub fn run_check(args: &CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let mut usage_error = false;
    let mut base = RuleConfig::default();
    for name in &args.ignore {
        if rules::registry::find_meta(name).is_none() {
            let _ = writeln!(stderr, "dockerfile-lsp: --ignore {name}: no rule has this id or alias");
            usage_error = true;
        }
        base.severities.push(name.clone(), Level::Off);
    }
    let mut flag_levels = Vec::new();
    for spec in &args.severity {
        match spec.split_once('=') {
            Some((name, level)) if rules::registry::find_meta(name).is_some() => match Level::parse(level) {
                Some(l) => flag_levels.push((name.to_string(), l)),
                None => {
                    let _ = writeln!(
                        stderr,
                        "dockerfile-lsp: --severity {spec}: level must be error, warning, info, hint or off"
                    );
                    usage_error = true;
                }
            },
            Some((name, _)) => {
                let _ = writeln!(stderr, "dockerfile-lsp: --severity {spec}: no rule has the id or alias {name:?}");
                usage_error = true;
            }
            None => {
                let _ = writeln!(stderr, "dockerfile-lsp: --severity {spec}: expected RULE=LEVEL");
                usage_error = true;
            }
        }
    }
    let Ok(today) = super::parse_today(args.today.as_deref(), stderr) else { return 2 };
    let build_args = super::build_args(&args.build_args);
    if usage_error {
        return 2;
    }

    let (inputs, mut unreadable) = collect_inputs(&args.paths, stderr);
    let explicit_config = match &args.config {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) => Some((p.clone(), t)),
            Err(e) => {
                let _ = writeln!(stderr, "dockerfile-lsp: cannot read config {}: {e}", p.display());
                return 2;
            }
        },
        None => None,
    };

    let results: Mutex<Vec<(usize, Result<FileReport, String>)>> = Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(inputs.len().max(1));
    let stdin_text = if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        let mut s = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut s);
        Some(String::from_utf8_lossy(&s).into_owned())
    } else {
        None
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let r = check_one(
                        input,
                        args,
                        &base,
                        &flag_levels,
                        &build_args,
                        today,
                        explicit_config.as_ref(),
                        stdin_text.as_deref(),
                    );
                    if let Ok(mut v) = results.lock() {
                        v.push((i, r));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let mut reports = Vec::new();
    for (_, r) in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(msg) => {
                let _ = writeln!(stderr, "dockerfile-lsp: {msg}");
                unreadable = true;
            }
        }
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let rendered = match args.format {
        OutputFormat::Human => output::human(&reports, color),
        OutputFormat::Json => output::json(&reports),
        OutputFormat::Sarif => output::sarif(&reports),
        OutputFormat::Github => output::github(&reports),
    };
    let _ = stdout.write_all(rendered.as_bytes());
    let _ = stdout.flush();
    if unreadable {
        return 2;
    }
    let threshold = args.fail_level.threshold();
    let failed = threshold.is_some_and(|t| reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= t));
    i32::from(failed)
}

/// Expands paths into Dockerfiles; reports paths that do not exist.
fn collect_inputs(paths: &[String], stderr: &mut dyn Write) -> (Vec<Input>, bool) {
    let mut out = Vec::new();
    let mut bad = false;
    let defaults = [".".to_string()];
    let paths = if paths.is_empty() { &defaults[..] } else { paths };
    for p in paths {
        if p == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(path)
                .hidden(false)
                .filter_entry(|e| e.file_name() != ".git")
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .filter(|e| e.file_name().to_str().is_some_and(is_dockerfile_name))
                .map(|e| e.into_path())
                .collect();
            found.sort();
            out.extend(found.into_iter().map(Input::File));
        } else if path.exists() {
            out.push(Input::File(path.to_path_buf()));
        } else {
            let _ = writeln!(stderr, "dockerfile-lsp: {p}: no such file or folder");
            bad = true;
        }
    }
    (out, bad)
}

#[allow(clippy::too_many_arguments)]
fn check_one(
    input: &Input,
    args: &CheckArgs,
    base: &RuleConfig,
    flag_levels: &[(String, Level)],
    build_args: &crate::model::BuildArgs,
    today: Option<Date>,
    explicit_config: Option<&(PathBuf, String)>,
    stdin_text: Option<&str>,
) -> Result<FileReport, String> {
    let (name, text, path) = match input {
        Input::Stdin => (args.stdin_filename.clone(), stdin_text.unwrap_or_default().to_string(), None),
        Input::File(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            (p.display().to_string(), String::from_utf8_lossy(&bytes).into_owned(), Some(p.as_path()))
        }
    };
    // Layers, lowest first: the configuration file, then --ignore, then --severity.
    let mut config = RuleConfig::default();
    let file_config = match explicit_config {
        Some((p, text)) => Some((p.clone(), text.clone())),
        None => {
            let dir = match path.and_then(Path::parent) {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            project::find_hadolint_config(&dir, None).and_then(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        }
    };
    if let Some((p, text)) = file_config {
        let parsed = HadolintConfig::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        parsed.apply(&mut config);
    }
    config.groups.clone_from(&base.groups);
    for name in &args.ignore {
        config.severities.push(name.clone(), Level::Off);
    }
    for (n, l) in flag_levels {
        config.severities.push(n.clone(), *l);
    }
    let dockerignore = path.and_then(project::find_dockerignore).map(|(_, text)| text);
    // The build context is the Dockerfile's folder, as with `docker build -f <file> <its folder>`.
    let context = path.and_then(|p| project::context_root(p, None)).and_then(|root| {
        BuildContext::scan(&root, dockerignore.as_deref().map(IgnoreRules::parse).as_ref(), Limits::CLI)
    });
    let context_match = |src: &str| context.as_ref().and_then(|c| c.lookup(src));
    let inputs = Inputs {
        build_args: build_args.clone(),
        today,
        dockerignore: dockerignore.as_deref(),
        live_tags: None,
        context_match: if context.is_some() { Some(&context_match) } else { None },
    };
    let tree = syntax::parse(&text);
    let diagnostics = rules::run(&text, &tree, &inputs, &config);
    Ok(FileReport { name, text, diagnostics })
}
