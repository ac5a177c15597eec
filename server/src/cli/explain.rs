//! `dockerfile-lsp explain`: an image explained as the hover does, or a Dockerfile's
//! stages with their layer stacks and base images, as plain terminal text.
//!
//! Offline by default; `--online` asks the registry each image names (and only that
//! one) for live tags and sizes.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use clap::Args;

use crate::ide::Doc;
use crate::ide::hover::image::{Detail, ImageFacts, LiveInfo, explain_facts, explain_image};
use crate::ide::hover::layers::{Lines, caption, layer_stack, stage_label};
use crate::ide::hover::render::{Block, code, to_plain};
use crate::images::catalog::Date;
use crate::images::registry::{ImageName, RegistryClient, RegistrySettings};
use crate::model::{Base, BuildArgs, Model};
use crate::syntax::image_ref::{ImageRef, NormalizedRef};

/// Columns for wrapped text.
const COLUMNS: usize = 100;

/// Arguments of `explain`.
#[derive(Args, Debug, Clone)]
pub struct ExplainArgs {
    /// An image reference (`python:3.12-slim`, `gcr.io/distroless/static-debian12`) or a
    /// Dockerfile (or a folder with one).
    #[arg(value_name = "IMAGE|PATH")]
    pub target: String,
    /// Ask the registry each image names for live tags and exact sizes (only that
    /// registry is contacted; Docker Hub for official images).
    #[arg(long)]
    pub online: bool,
    /// A value for an ARG, as `docker build --build-arg` takes it. Repeatable.
    #[arg(long = "build-arg", value_name = "NAME=VALUE")]
    pub build_args: Vec<String>,
    /// The date support checks compare with (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE", hide = true)]
    pub today: Option<String>,
}

/// Whether `target` names a file rather than an image.
fn looks_like_path(target: &str) -> bool {
    let name = Path::new(target).file_name().and_then(|n| n.to_str()).unwrap_or(target);
    target.starts_with("./")
        || target.starts_with("../")
        || target.starts_with('/')
        || target.starts_with('~')
        || target.contains('\\')
        || super::check::is_dockerfile_name(name)
}

/// Runs `explain`; returns the exit code (0, or 2 for unreadable input).
pub fn run_explain(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Ok(today) = super::parse_today(args.today.as_deref(), err) else { return 2 };
    let today = today.unwrap_or_else(Date::today);
    let build_args = super::build_args(&args.build_args);
    let path = Path::new(&args.target);
    if path.exists() {
        let file = if path.is_dir() {
            match ["Dockerfile", "Containerfile", "dockerfile", "containerfile"]
                .iter()
                .map(|n| path.join(n))
                .find(|p| p.is_file())
            {
                Some(f) => f,
                None => {
                    let _ =
                        writeln!(err, "dockerfile-lsp: {}: no Dockerfile or Containerfile in this folder", args.target);
                    return 2;
                }
            }
        } else {
            path.to_path_buf()
        };
        return match std::fs::read(&file) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                explain_file(&text, &file.display().to_string(), today, &build_args, args.online, out, err)
            }
            Err(e) => {
                let _ = writeln!(err, "dockerfile-lsp: cannot read {}: {e}", file.display());
                2
            }
        };
    }
    if looks_like_path(&args.target) {
        let _ = writeln!(err, "dockerfile-lsp: cannot read {}: no such file or folder", args.target);
        return 2;
    }
    let parsed = ImageRef::parse(&args.target);
    if let Some((_, message)) = &parsed.error {
        let _ = writeln!(err, "dockerfile-lsp: {}: not a file, and not an image reference ({message})", args.target);
        return 2;
    }
    let Some(norm) = parsed.normalize(&args.target) else {
        let _ = writeln!(err, "dockerfile-lsp: {}: the image name has unresolved variables", args.target);
        return 2;
    };
    let live = if args.online { fetch_live(&[norm], err) } else { HashMap::new() };
    let lookup = |n: &NormalizedRef| live.get(&key(n)).cloned().unwrap_or_default();
    let blocks = explain_image(&args.target, today, args.online.then_some(&lookup as _), Detail::Full);
    let _ = out.write_all(to_plain(&blocks, COLUMNS).as_bytes());
    0
}

fn key(n: &NormalizedRef) -> (String, String) {
    (n.registry.clone(), n.repository.clone())
}

/// Fetches tag lists for the images (one request series per image, to its registry).
fn fetch_live(images: &[NormalizedRef], err: &mut dyn Write) -> HashMap<(String, String), LiveInfo> {
    let mut out = HashMap::new();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "dockerfile-lsp: --online: cannot start the network runtime: {e}");
            return out;
        }
    };
    runtime.block_on(async {
        let client = RegistryClient::new(RegistrySettings::default());
        for n in images {
            if out.contains_key(&key(n)) {
                continue;
            }
            let name = ImageName::new(n.registry.clone(), n.repository.clone());
            match client.fetch_tags(&name).await {
                Ok(list) => {
                    out.insert(key(n), LiveInfo { tags: Some(list), pending: false });
                }
                Err(e) => {
                    let _ = writeln!(
                        err,
                        "dockerfile-lsp: {}/{}: live lookup failed ({e}); using offline data",
                        n.registry, n.repository
                    );
                }
            }
        }
    });
    out
}

fn explain_file(
    text: &str,
    name: &str,
    today: Date,
    build_args: &BuildArgs,
    online: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let tree = crate::syntax::parse(text);
    let model = Model::new(text, &tree, build_args);
    let doc = Doc::new(text, &tree, &model);
    let lines = Lines::new(text);
    let images: Vec<NormalizedRef> = model
        .stages
        .iter()
        .filter(|s| matches!(s.base, Base::Image))
        .filter_map(|s| {
            let image = s.image.as_deref()?;
            ImageRef::parse(image).normalize(image)
        })
        .collect();
    let live = if online { fetch_live(&images, err) } else { HashMap::new() };
    let lookup = |n: &NormalizedRef| live.get(&key(n)).cloned().unwrap_or_default();
    let live_ref = online.then_some(&lookup as _);

    let mut blocks = Vec::new();
    let count = model.stages.len();
    blocks.push(Block::Para(format!(
        "**{name}**: {count} stage{}{}",
        if count == 1 { "" } else { "s" },
        model
            .final_stage()
            .map(|s| format!("; the final stage is {}", stage_label(&doc, &lines, s.index)))
            .unwrap_or_default()
    )));
    if count == 0 {
        blocks.push(Block::Para("No FROM instruction: nothing is built.".into()));
    }
    for stage in &model.stages {
        blocks.push(Block::Rule);
        let base = match &stage.base {
            Base::Stage(p) => format!("FROM {}", stage_label(&doc, &lines, *p)),
            Base::Scratch => "FROM scratch".to_string(),
            _ => format!("FROM {}", code(stage.image.as_deref().unwrap_or(&stage.image_text))),
        };
        blocks.push(Block::Para(format!("**{}** — {base}", stage_label(&doc, &lines, stage.index))));
        let (diagram, counts) = layer_stack(&doc, &lines, stage.index, None, today, live_ref);
        blocks.push(Block::Code(diagram));
        blocks.push(Block::Para(caption(counts)));
        match &stage.base {
            Base::Image => {
                let image = stage.image.as_deref().unwrap_or(&stage.image_text);
                match ImageFacts::lookup(image, today, live_ref) {
                    Some(f) => blocks.extend(explain_facts(&f, today, Detail::Summary)),
                    None => blocks.push(Block::Para(format!("{} is not a valid image reference.", code(image)))),
                }
            }
            Base::Unresolved => blocks.push(Block::Para(format!(
                "{} has variables without values: pass them with --build-arg.",
                code(&stage.image_text)
            ))),
            Base::Scratch | Base::Stage(_) => {}
        }
    }
    let _ = out.write_all(to_plain(&blocks, COLUMNS).as_bytes());
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(target: &str) -> (i32, String, String) {
        let args = ExplainArgs {
            target: target.into(),
            online: false,
            build_args: Vec::new(),
            today: Some("2026-11-28".into()),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_explain(&args, &mut out, &mut err);
        (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
    }

    #[test]
    fn an_image_in_plain_text() {
        let (code, out, err) = run("python:3.12-slim");
        assert_eq!((code, err.as_str()), (0, ""));
        assert!(out.starts_with("python:3.12-slim — Python 3.12 on Debian 13 (trixie), slim variant\n"), "{out}");
        assert!(!out.contains("**") && !out.contains('`') && !out.contains("|---"), "markup left in:\n{out}");
        assert!(out.contains("\n  variant      tag          compressed  when to pick it\n"), "aligned table:\n{out}");
        assert!(out.contains("\n  slim (this)  3.12-slim    ~45 MB      production default\n"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= 100), "lines fit 100 columns:\n{out}");
        assert!(out.contains("Good to know"), "full detail includes gotchas:\n{out}");
    }

    #[test]
    fn a_dockerfile_shows_each_stage() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("Dockerfile");
        std::fs::write(&file, "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let (code, out, err) = run(&dir.path().display().to_string());
        assert_eq!((code, err.as_str()), (0, ""));
        assert!(out.contains("2 stages; the final stage is stage 1 (line 3)"), "{out}");
        assert!(out.contains("│ RUN go build -o /app .") && out.contains("│ ENTRYPOINT [\"/app\"]"), "{out}");
        assert!(out.contains("Debian 12 (bookworm): regular security support ended 2026-07-11"), "{out}");
        assert!(!out.contains("**"), "{out}");
    }

    #[test]
    fn unreadable_paths_exit_2() {
        let (code, out, err) = run("./no/such/Dockerfile");
        assert_eq!(code, 2);
        assert!(out.is_empty());
        assert!(err.contains("cannot read ./no/such/Dockerfile"), "{err}");
        let (code, _, err) = run("Not An Image!");
        assert_eq!(code, 2);
        assert!(err.contains("not an image reference"), "{err}");
    }

    #[test]
    fn unknown_images_get_their_parts() {
        let (code, out, _) = run("registry.internal:5000/team/app:1.2");
        assert_eq!(code, 0);
        assert!(out.contains("registry    registry.internal:5000"), "{out}");
        assert!(out.contains("no offline data"), "{out}");
    }
}
