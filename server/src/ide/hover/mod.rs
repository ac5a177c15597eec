//! Hovers: images explained like a colleague would (OS, size, support, variants and
//! their alternatives, the stage's layer stack), instructions, flags, variables with
//! their values and scopes, and stages with what they build on and who uses them.
//!
//! Pure: the caller passes today's date, build arguments and, optionally, live registry
//! data it already has ([`LiveData`]).

pub mod image;
pub mod layers;
pub mod render;

#[cfg(test)]
mod tests;

use crate::images::catalog::Date;
use crate::images::knowledge;
use crate::model::expand::expand;
use crate::model::{AUTOMATIC_ARGS, Base, BuildArgs, DefKind, PREDEFINED_ARGS, UseContext};
use crate::syntax::{InstRef, Keyword, TextRange};

use super::Doc;
use super::docs;
pub use image::{Detail, LiveData, LiveInfo};
use layers::{Lines, caption, layer_stack, stage_label, stage_name};
use render::{Block, code, escape_md, to_markdown};

/// Hover settings.
#[derive(Clone, Copy)]
pub struct HoverOptions<'a> {
    /// Draw the stage's layer stack on image and stage hovers (`hover.layers`).
    pub layers: bool,
    /// The day support dates are judged against.
    pub today: Date,
    /// `--build-arg` values (settings `registry.buildArgs` / the CLI).
    pub build_args: Option<&'a BuildArgs>,
    /// Live registry data, when the caller has a cache.
    pub live: Option<&'a LiveData<'a>>,
}

impl<'a> HoverOptions<'a> {
    /// Defaults: layers on, no build args, offline.
    pub fn new(today: Date) -> HoverOptions<'a> {
        HoverOptions { layers: true, today, build_args: None, live: None }
    }
}

/// A hover: markdown and the range it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub range: TextRange,
}

/// At most this many instructions per stage in a hover's layer diagram.
const HOVER_LAYER_ROWS: usize = 10;

/// `offset` clamped to the text and moved back to a character boundary (positions
/// from clients are not trusted).
pub(crate) fn clamp_offset(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The hover at `offset`.
pub fn hover(doc: &Doc<'_>, offset: usize, opts: &HoverOptions<'_>) -> Option<Hover> {
    let (blocks, range) = hover_blocks(doc, offset, opts)?;
    Some(Hover { markdown: to_markdown(&blocks), range })
}

fn within(r: &TextRange, offset: usize) -> bool {
    r.start <= offset && offset <= r.end
}

/// The hover as blocks (for other renderers).
pub fn hover_blocks(doc: &Doc<'_>, offset: usize, opts: &HoverOptions<'_>) -> Option<(Vec<Block>, TextRange)> {
    let offset = clamp_offset(doc.text, offset);
    if offset < doc.tree.header.end {
        return directive_hover(doc, offset);
    }
    let node = doc.node_at(offset)?;
    let outer = doc.inst(node);
    let inst = match outer.trigger() {
        Some(t) if offset >= t.start() => t,
        _ => outer,
    };
    let keyword = inst.range(inst.inst.keyword);
    if keyword.start <= offset && offset < keyword.end.max(keyword.start + 1) {
        return Some((keyword_hover(inst), keyword));
    }
    let m = doc.model;
    let lines = &Lines::new(doc.text);
    // Variables first: they can sit inside an image word or a flag value.
    let first_use = m.uses.partition_point(|u| u.node < node);
    for (i, u) in m.uses[first_use..].iter().enumerate().take_while(|(_, u)| u.node == node) {
        if within(&u.whole, offset) {
            return Some((var_use_hover(doc, lines, first_use + i, opts), u.whole.clone()));
        }
    }
    let first_def = m.defs.partition_point(|d| d.node < node);
    for (i, d) in m.defs[first_def..].iter().enumerate().take_while(|(_, d)| d.node == node) {
        if within(&d.range, offset) {
            return Some((var_def_hover(doc, lines, first_def + i, opts), d.range.clone()));
        }
    }
    if let Some(s) = m.stage_of(node).filter(|s| s.node == node) {
        if let Some(r) = s.name_range.as_ref().filter(|r| within(r, offset)) {
            return Some((stage_hover(doc, lines, s.index, opts, s.index), r.clone()));
        }
        if within(&s.image_range, offset) && !s.image_range.is_empty() {
            return Some(match s.base {
                Base::Stage(p) => (stage_hover(doc, lines, p, opts, s.index), s.image_range.clone()),
                _ => (from_image_hover(doc, lines, s.index, opts), s.image_range.clone()),
            });
        }
    }
    let first_ref = m.stage_refs.partition_point(|r| r.node < node);
    for r in m.stage_refs[first_ref..].iter().take_while(|r| r.node == node) {
        if within(&r.range, offset) {
            return Some(match r.target {
                Some(t) => (stage_hover(doc, lines, t, opts, t), r.range.clone()),
                None if r.by_index => (
                    vec![Block::Para(format!("Stage index {}: this Dockerfile has no such stage.", code(&r.text)))],
                    r.range.clone(),
                ),
                None => (image_ref_hover(doc, node, &r.text, opts), r.range.clone()),
            });
        }
    }
    for f in &inst.inst.flags {
        let r = inst.range(f.span);
        if within(&r, offset) {
            return flag_hover(inst, f).map(|b| (b, r));
        }
    }
    None
}

fn directive_hover(doc: &Doc<'_>, offset: usize) -> Option<(Vec<Block>, TextRange)> {
    let d = doc.tree.header.directives.iter().find(|d| within(&d.range, offset))?;
    let (name, example, summary) = docs::DIRECTIVES.iter().find(|(n, _, _)| *n == d.kind.name())?;
    let blocks = vec![
        Block::Para(format!("**Parser directive {}** — {summary}", code(&format!("# {name}=")))),
        Block::Para(format!(
            "Example: {}. Directives must come before any other line, comment or blank line.",
            code(&format!("# {name}={example}"))
        )),
    ];
    Some((blocks, d.range.clone()))
}

fn keyword_hover(inst: InstRef<'_>) -> Vec<Block> {
    match docs::instruction(inst.kind()) {
        Some(d) => vec![Block::Para(d.markdown())],
        None => {
            let word = inst.keyword_text();
            let hint = crate::syntax::suggest(word, Keyword::ALL.iter().map(|k| k.name()), true)
                .map(|s| format!(" Did you mean {}?", code(s)))
                .unwrap_or_default();
            vec![Block::Para(format!("{} is not a Dockerfile instruction.{hint}", code(word)))]
        }
    }
}

fn flag_hover(inst: InstRef<'_>, f: &crate::syntax::Flag) -> Option<Vec<Block>> {
    let name = inst.src(f.name);
    let kind = inst.kind();
    let Some(fd) = docs::instruction(kind).and_then(|d| d.flag(name)) else {
        return Some(vec![Block::Para(format!("{} is not a flag of {}.", code(&format!("--{name}")), kind.name()))]);
    };
    let shape = if fd.value.is_empty() { format!("--{name}") } else { format!("--{name}={}", fd.value) };
    let mut blocks = vec![Block::Para(format!("**{}** ({}) — {}", code(&shape), kind.name(), fd.summary))];
    if !fd.values.is_empty() && name != "mount" {
        let vals: Vec<String> = fd.values.iter().map(|v| code(v)).collect();
        blocks.push(Block::Para(format!("Values: {}", vals.join(", "))));
    }
    if name == "mount" {
        let value = inst.flag_value(f).unwrap_or_default();
        let ty = value.split(',').find_map(|p| p.strip_prefix("type=")).unwrap_or("bind").to_ascii_lowercase();
        match crate::ide::completion::mounts::mount_type(&ty) {
            Some(t) => {
                blocks.push(Block::Para(format!("**{}** — {}", code(&format!("type={}", t.name)), t.summary)));
                let rows = t.options.iter().map(|o| vec![code(o.name), o.summary.to_string()]).collect();
                blocks.push(Block::Table { head: vec!["option".into(), "meaning".into()], rows });
            }
            None => {
                let all: Vec<String> =
                    crate::ide::completion::mounts::MOUNT_TYPES.iter().map(|t| code(t.name)).collect();
                blocks.push(Block::Para(format!("Mount types: {}", all.join(", "))));
            }
        }
    }
    if let Some(d) = docs::instruction(kind) {
        blocks.push(Block::Para(format!("[Dockerfile reference]({})", d.url())));
    }
    Some(blocks)
}

/// The value of an ARG/ENV definition with build args and variables applied.
fn def_value(doc: &Doc<'_>, def: usize, build_args: &BuildArgs) -> (Option<String>, &'static str) {
    let m = doc.model;
    let d = &m.defs[def];
    if d.kind == DefKind::Arg {
        if let Some(v) = build_args.get(&d.name) {
            return (Some(v.clone()), "from a build argument");
        }
    }
    let (raw, source) = match (&d.value, d.global) {
        (Some(v), _) => (Some(v.clone()), if d.kind == DefKind::Arg { "the default" } else { "" }),
        (None, Some(g)) => (m.defs[g].value.clone(), "the global ARG's default"),
        (None, None) => (None, ""),
    };
    let escape = doc.inst(d.node).inst.escape;
    let value = raw.map(|v| {
        if v.contains('$') {
            let lookup = |n: &str| {
                if d.stage.is_none() {
                    m.resolve(n, d.node, None, UseContext::From)
                        .and_then(|g| build_args.get(n).cloned().or_else(|| m.defs[g].value.clone()))
                } else {
                    m.value_at(n, d.node, d.stage, build_args)
                }
            };
            expand(&v, escape, &lookup).text
        } else {
            v
        }
    });
    (value, source)
}

fn empty_args() -> &'static BuildArgs {
    static EMPTY: std::sync::OnceLock<BuildArgs> = std::sync::OnceLock::new();
    EMPTY.get_or_init(BuildArgs::new)
}

/// What an automatic platform ARG holds.
pub fn automatic_arg_doc(name: &str) -> Option<&'static str> {
    Some(match name {
        "BUILDPLATFORM" => "the platform of the machine running the build, as `os/arch[/variant]` (e.g. `linux/amd64`)",
        "BUILDOS" => "the OS of the machine running the build (e.g. `linux`)",
        "BUILDARCH" => "the CPU architecture of the machine running the build (e.g. `amd64`, `arm64`)",
        "BUILDVARIANT" => "the architecture variant of the build machine (e.g. `v7`; usually empty)",
        "TARGETPLATFORM" => {
            "the platform the image is built for (`--platform`, default: the build machine's), e.g. `linux/arm64`"
        }
        "TARGETOS" => "the OS of the target platform (e.g. `linux`, `windows`)",
        "TARGETARCH" => "the CPU architecture of the target platform (e.g. `amd64`, `arm64`)",
        "TARGETVARIANT" => {
            "the architecture variant of the target platform (e.g. `v7` for `linux/arm/v7`; usually empty)"
        }
        _ => return None,
    })
}

fn def_line(doc: &Doc<'_>, lines: &Lines<'_>, def: usize) -> String {
    let d = &doc.model.defs[def];
    let line = lines.line(d.range.start);
    let inst = layers::one_line(doc, d.node, 60);
    format!("line {line}: {}", code(&inst))
}

fn scope_text(doc: &Doc<'_>, def: usize) -> String {
    let d = &doc.model.defs[def];
    match (d.kind, d.stage) {
        (DefKind::Arg, None) => "Global build argument (before the first FROM): usable in FROM lines; a stage sees it only after re-declaring it with `ARG NAME`.".replace("NAME", &d.name),
        (DefKind::Arg, Some(s)) => format!(
            "Build-time only, in {}: from this line to the end of the stage; not in the environment of containers run from the image.",
            stage_name(doc, s)
        ),
        (DefKind::Env, Some(s)) => format!(
            "Runtime environment, set in {}: seen by the instructions after it, by stages built FROM this one, and by containers run from the image.",
            stage_name(doc, s)
        ),
        (DefKind::Env, None) => "ENV before the first FROM has no effect.".to_string(),
    }
}

fn value_sentence(value: &Option<String>, source: &str, is_arg: bool) -> String {
    match value {
        Some(v) if v.is_empty() => "Value: empty string".to_string(),
        Some(v) if source.is_empty() => format!("Value: {}", code(v)),
        Some(v) => format!("Value: {} ({source})", code(v)),
        None if is_arg => "No default: empty unless set with `--build-arg`".to_string(),
        None => "No value".to_string(),
    }
}

fn var_def_hover(doc: &Doc<'_>, lines: &Lines<'_>, def: usize, opts: &HoverOptions<'_>) -> Vec<Block> {
    let m = doc.model;
    let d = &m.defs[def];
    let args = opts.build_args.unwrap_or_else(|| empty_args());
    let (value, source) = def_value(doc, def, args);
    let kind = if d.kind == DefKind::Arg { "build argument (ARG)" } else { "environment variable (ENV)" };
    let mut items = vec![value_sentence(&value, source, d.kind == DefKind::Arg), scope_text(doc, def)];
    if let Some(g) = d.global {
        items.push(format!("Re-declares the global ARG on {}", def_line(doc, lines, g)));
    }
    if let Some(doc_text) = automatic_arg_doc(&d.name).filter(|_| d.kind == DefKind::Arg) {
        items.push(format!("Set by BuildKit: {doc_text}."));
    }
    let uses = m.uses.iter().filter(|u| u.def == Some(def)).count();
    items.push(match uses {
        0 => "Not used after this definition.".to_string(),
        1 => "Used once.".to_string(),
        n => format!("Used {n} times."),
    });
    vec![Block::Para(format!("**{}** — {kind}", code(&format!("${}", d.name)))), Block::Bullets(items)]
}

fn var_use_hover(doc: &Doc<'_>, lines: &Lines<'_>, use_index: usize, opts: &HoverOptions<'_>) -> Vec<Block> {
    let m = doc.model;
    let u = &m.uses[use_index];
    let args = opts.build_args.unwrap_or_else(|| empty_args());
    let title = code(&format!("${}", u.name));
    if let Some(def) = u.def {
        let d = &m.defs[def];
        let (value, source) = def_value(doc, def, args);
        let kind = if d.kind == DefKind::Arg { "build argument (ARG)" } else { "environment variable (ENV)" };
        let mut items = vec![
            value_sentence(&value, source, d.kind == DefKind::Arg),
            format!("Defined on {}", def_line(doc, lines, def)),
            scope_text(doc, def),
        ];
        if let Some(doc_text) = automatic_arg_doc(&u.name).filter(|_| d.kind == DefKind::Arg) {
            items.push(format!("Set by BuildKit: {doc_text}."));
        }
        if u.context == UseContext::Shell {
            items.push("Expanded by the shell when the command runs.".into());
        }
        return vec![Block::Para(format!("**{title}** — {kind}")), Block::Bullets(items)];
    }
    if let Some(doc_text) = automatic_arg_doc(&u.name) {
        let mut blocks = vec![Block::Para(format!("**{title}** — automatic platform ARG: {doc_text}."))];
        if u.context == UseContext::From || u.stage.is_none() {
            blocks.push(Block::Para(
                "Set by BuildKit for every build; usable in FROM lines without declaring it.".into(),
            ));
        } else {
            blocks.push(Block::Para(format!(
                "**Not declared in this stage**, so it is empty here. Add {} after the stage's FROM to use it.",
                code(&format!("ARG {}", u.name))
            )));
        }
        return blocks;
    }
    if PREDEFINED_ARGS.contains(&u.name.as_str()) {
        return vec![Block::Para(format!(
            "**{title}** — predefined proxy build argument: usable without an ARG line, set with {}; kept out of the image's history.",
            code(&format!("--build-arg {}=…", u.name))
        ))];
    }
    let mut blocks = vec![Block::Para(format!("**{title}** — not defined here"))];
    let global = m.global_args().rev().find(|(_, d)| d.name == u.name).map(|(i, _)| i);
    let mut items = Vec::new();
    match (u.context, u.stage, global) {
        (UseContext::From, _, _) | (_, None, _) => {
            items.push("No global ARG of this name is declared before this line: FROM lines see only global ARGs. It expands to an empty string.".to_string());
        }
        (_, Some(_), Some(g)) => items.push(format!(
            "A global ARG exists ({}), but a stage sees global ARGs only after re-declaring them: add {} in this stage.",
            def_line(doc, lines, g),
            code(&format!("ARG {}", u.name))
        )),
        (UseContext::Builder, Some(_), None) => items.push(
            "No ARG or ENV of this name before this line in this stage (or the stages it builds on): it expands to an empty string."
                .to_string(),
        ),
        (UseContext::Shell, Some(_), None) => items.push(
            "No ARG or ENV of this name in this Dockerfile before this line: the shell sees it only if the base image's environment sets it."
                .to_string(),
        ),
    }
    if u.context == UseContext::Shell {
        if let Some(stage) = u.stage.and_then(|s| m.root_image(s)) {
            if let Some(image) = stage.image.as_deref() {
                if let Some((env, complete)) = knowledge::base_image_env(image) {
                    let short = image.split([':', '@']).next().unwrap_or(image);
                    if env.contains(&u.name.as_str()) {
                        items.push(format!("The base image {} sets it (ENV).", code(short)));
                    } else if complete {
                        items.push(format!("The base image {} does not set it either.", code(short)));
                    }
                }
            }
        }
    }
    blocks.push(Block::Bullets(items));
    blocks
}

/// A stage; the layer diagram shows `layers_of` (the current stage when hovering
/// `FROM <stage>`, so the chain down to the root image is visible).
fn stage_hover(
    doc: &Doc<'_>,
    lines: &Lines<'_>,
    stage: usize,
    opts: &HoverOptions<'_>,
    layers_of: usize,
) -> Vec<Block> {
    let m = doc.model;
    let s = &m.stages[stage];
    let label = stage_label(doc, lines, stage);
    let base = match &s.base {
        Base::Stage(p) => format!("FROM {}", stage_label(doc, lines, *p)),
        Base::Scratch => "FROM `scratch` (empty)".to_string(),
        _ => format!("FROM {}", code(s.image.as_deref().unwrap_or(&s.image_text))),
    };
    let mut blocks = vec![Block::Para(format!("**{}** — {base}", escape_md(&label)))];
    if let Some(root) = m.root_image(stage).filter(|r| r.index != stage || matches!(r.base, Base::Image)) {
        if let Some(img) = root.image.as_deref().filter(|_| matches!(root.base, Base::Image)) {
            if let Some(f) = image::ImageFacts::lookup(img, opts.today, opts.live) {
                let mut line = format!("Base image {}", code(img));
                let desc = image::describe(&f);
                if !desc.is_empty() && f.is_known() {
                    line.push_str(&format!(": {desc}"));
                }
                if let Some(size) = f.size() {
                    line.push_str(&format!(" ({} compressed)", size.short()));
                }
                blocks.push(Block::Para(line));
            }
        }
    }
    let refs: Vec<String> = m
        .stage_refs
        .iter()
        .filter(|r| r.target == Some(stage))
        .take(12)
        .map(|r| {
            let kind = match r.kind {
                crate::model::StageRefKind::FromBase => "FROM",
                crate::model::StageRefKind::CopyFrom => "COPY --from",
                crate::model::StageRefKind::MountFrom => "RUN --mount from",
            };
            format!("line {} ({kind})", lines.line(r.range.start))
        })
        .collect();
    let is_final = m.final_stage().is_some_and(|f| f.index == stage);
    if refs.is_empty() {
        if is_final {
            blocks.push(Block::Para("The final stage: `docker build` without `--target` builds it.".into()));
        } else {
            let target = s.name.clone().unwrap_or_else(|| stage.to_string());
            blocks.push(Block::Para(format!(
                "Nothing references this stage and it is not the final one: BuildKit skips it unless you build it with {}.",
                code(&format!("--target {target}"))
            )));
        }
    } else {
        let total = m.stage_refs.iter().filter(|r| r.target == Some(stage)).count();
        let more = if total > refs.len() { format!(" and {} more", total - refs.len()) } else { String::new() };
        let fin = if is_final { " It is also the final stage." } else { "" };
        blocks.push(Block::Para(format!("Used by {}{more}.{fin}", refs.join(", "))));
    }
    if opts.layers {
        if layers_of != stage {
            blocks.push(Block::Para(format!("**Layers of {}**", escape_md(&stage_label(doc, lines, layers_of)))));
        }
        push_layers(doc, lines, layers_of, opts, &mut blocks);
    }
    blocks
}

fn push_layers(doc: &Doc<'_>, lines: &Lines<'_>, stage: usize, opts: &HoverOptions<'_>, blocks: &mut Vec<Block>) {
    let (diagram, counts) = layer_stack(doc, lines, stage, Some(HOVER_LAYER_ROWS), opts.today, opts.live);
    blocks.push(Block::Code(diagram));
    blocks.push(Block::Para(caption(counts)));
}

/// How `${VAR}` parts of a FROM image resolved.
fn substitutions(doc: &Doc<'_>, lines: &Lines<'_>, node: usize, range: &TextRange, args: &BuildArgs) -> Vec<String> {
    let m = doc.model;
    let first = m.uses.partition_point(|u| u.node < node);
    m.uses[first..]
        .iter()
        .take_while(|u| u.node == node)
        .filter(|u| range.start <= u.whole.start && u.whole.end <= range.end)
        .map(|u| match u.def {
            Some(d) => {
                let (value, source) = def_value(doc, d, args);
                let line = lines.line(m.defs[d].range.start);
                match value {
                    Some(v) => format!("{} = {} ({source}, ARG on line {line})", code(&u.name), code(&v)),
                    None => format!(
                        "{} has no value (ARG on line {line} has no default): pass `--build-arg`",
                        code(&u.name)
                    ),
                }
            }
            None if AUTOMATIC_ARGS.contains(&u.name.as_str()) => {
                format!("{} is set by BuildKit at build time", code(&u.name))
            }
            None => format!("{} is not a global ARG: it expands to an empty string", code(&u.name)),
        })
        .collect()
}

fn from_image_hover(doc: &Doc<'_>, lines: &Lines<'_>, stage: usize, opts: &HoverOptions<'_>) -> Vec<Block> {
    let s = &doc.model.stages[stage];
    let args = opts.build_args.unwrap_or_else(|| empty_args());
    let resolved = s.image.clone().unwrap_or_else(|| s.image_text.clone());
    let mut blocks = Vec::new();
    if s.image_text.contains('$') {
        let subs = substitutions(doc, lines, s.node, &s.image_range, args);
        blocks.push(Block::Para(format!("{} resolves to {}", code(&s.image_text), code(&resolved))));
        if !subs.is_empty() {
            blocks.push(Block::Bullets(subs));
        }
    }
    if matches!(s.base, Base::Unresolved) {
        blocks.push(Block::Para("Some variables have no value, so the image cannot be looked up offline.".into()));
    } else {
        blocks.extend(image::explain_image(&resolved, opts.today, opts.live, Detail::Hover));
    }
    if opts.layers {
        blocks.push(Block::Rule);
        blocks.push(Block::Para(format!("**Layers of {}**", escape_md(&stage_label(doc, lines, stage)))));
        push_layers(doc, lines, stage, opts, &mut blocks);
    }
    blocks
}

/// `COPY --from=<image>` / `--mount=from=<image>`: the image, with variables resolved.
fn image_ref_hover(doc: &Doc<'_>, node: usize, text: &str, opts: &HoverOptions<'_>) -> Vec<Block> {
    let m = doc.model;
    let args = opts.build_args.unwrap_or_else(|| empty_args());
    let stage = m.node_stage.get(node).copied().flatten();
    let escape = doc.inst(node).inst.escape;
    let resolved = if text.contains('$') {
        expand(text, escape, &|n: &str| m.value_at(n, node, stage, args)).text
    } else {
        text.to_string()
    };
    let mut blocks = Vec::new();
    if resolved != text {
        blocks.push(Block::Para(format!("{} resolves to {}", code(text), code(&resolved))));
    }
    blocks.push(Block::Para("Not a stage of this Dockerfile, so BuildKit pulls it as an image.".into()));
    blocks.extend(image::explain_image(&resolved, opts.today, opts.live, Detail::Hover));
    blocks
}
