//! Completion: instructions, parser directives, flags and their values, base images
//! and their tags (ranked the way the brief recommends), stages, and variables in
//! scope, with the edit that declares an automatic ARG where a stage needs it.
//!
//! Pure: live registry tags come from the caller ([`LiveData`]); when a lookup is
//! still running the list is marked incomplete so the client asks again.

pub mod mounts;

#[cfg(test)]
pub(crate) mod tests;

use crate::images::catalog::{Date, catalog};
use crate::images::knowledge;
use crate::model::{BuildArgs, DefKind, UseContext};
use crate::syntax::image_ref::ImageRef;
use crate::syntax::{InstRef, Keyword, TextRange};

use super::Doc;
use super::docs;
use super::hover::image::{LiveData, LiveInfo, example_of, format_mb, registry_name, variant_size};
use super::hover::{automatic_arg_doc, render::code};

/// Completion settings.
#[derive(Clone, Copy)]
pub struct CompletionOptions<'a> {
    /// The client accepts snippets (`${1:x}` placeholders).
    pub snippets: bool,
    /// The day support dates are judged against (tag ranking, EOL marks).
    pub today: Date,
    /// `--build-arg` values, shown as variable values.
    pub build_args: Option<&'a BuildArgs>,
    /// Live registry data, when the caller has a cache.
    pub live: Option<&'a LiveData<'a>>,
}

impl<'a> CompletionOptions<'a> {
    /// Defaults: snippets on, no build args, offline.
    pub fn new(today: Date) -> CompletionOptions<'a> {
        CompletionOptions { snippets: true, today, build_args: None, live: None }
    }
}

/// What an item is (mapped to LSP completion item kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Keyword,
    Directive,
    Flag,
    Value,
    Image,
    /// A registry or namespace prefix (`gcr.io/distroless/`).
    Namespace,
    Tag,
    Stage,
    Variable,
}

/// A text edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

/// One completion item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: ItemKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// Replaces `range` (the item's text edit).
    pub insert_text: String,
    pub range: TextRange,
    /// `insert_text` is a snippet.
    pub snippet: bool,
    pub sort_text: Option<String>,
    pub filter_text: Option<String>,
    pub deprecated: bool,
    pub preselect: bool,
    /// Edits elsewhere in the document (e.g. `ARG TARGETARCH` after the stage's FROM).
    pub additional_edits: Vec<Edit>,
    /// Ask the client to complete again after inserting (after `--mount=`, a namespace…).
    pub retrigger: bool,
}

impl CompletionItem {
    fn new(label: impl Into<String>, kind: ItemKind, range: TextRange) -> CompletionItem {
        let label = label.into();
        CompletionItem {
            insert_text: label.clone(),
            label,
            kind,
            detail: None,
            documentation: None,
            range,
            snippet: false,
            sort_text: None,
            filter_text: None,
            deprecated: false,
            preselect: false,
            additional_edits: Vec::new(),
            retrigger: false,
        }
    }

    fn insert(mut self, text: impl Into<String>) -> Self {
        self.insert_text = text.into();
        self
    }

    fn detail(mut self, d: impl Into<String>) -> Self {
        self.detail = Some(d.into());
        self
    }

    fn doc(mut self, d: impl Into<String>) -> Self {
        self.documentation = Some(d.into());
        self
    }

    fn sort(mut self, s: impl Into<String>) -> Self {
        self.sort_text = Some(s.into());
        self
    }

    fn retrigger(mut self) -> Self {
        self.retrigger = true;
        self
    }
}

/// The answer: items, and whether asking again may give more (live lookup running).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompletionList {
    pub items: Vec<CompletionItem>,
    pub is_incomplete: bool,
}

impl CompletionList {
    fn of(items: Vec<CompletionItem>) -> CompletionList {
        CompletionList { items, is_incomplete: false }
    }
}

/// Completions at `offset`.
pub fn completion(doc: &Doc<'_>, offset: usize, opts: &CompletionOptions<'_>) -> CompletionList {
    let text = doc.text;
    let offset = super::hover::clamp_offset(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];

    if let Some(list) = directive_completion(doc, line_start, offset) {
        return list;
    }
    let node = doc.tree.node_index_at(offset).filter(|&n| {
        let inst = doc.inst(n);
        inst.start() <= offset && offset <= inst.full_range().end
    });
    let Some(node) = node else {
        // A new line: an instruction keyword, unless this is a comment.
        let trimmed = prefix.trim_start();
        if trimmed.starts_with('#') || !trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
            return CompletionList::default();
        }
        let start = offset - trimmed.len();
        let end = offset + word_len_after(text, offset);
        return CompletionList::of(keyword_items(doc, None, start..end, opts, false));
    };
    let outer = doc.inst(node);
    // ONBUILD: complete the trigger.
    if outer.kind() == Keyword::Onbuild {
        match outer.trigger() {
            Some(t) if offset >= t.start() => return in_instruction(doc, node, t, offset, opts),
            _ if offset > outer.range(outer.inst.keyword).end => {
                let end = offset + word_len_after(text, offset);
                return CompletionList::of(keyword_items(doc, Some(node), offset..end, opts, true));
            }
            _ => {}
        }
    }
    in_instruction(doc, node, outer, offset, opts)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn word_len_after(text: &str, offset: usize) -> usize {
    text.as_bytes()[offset..].iter().take_while(|&&b| is_word_byte(b)).count()
}

fn in_instruction(
    doc: &Doc<'_>,
    node: usize,
    inst: InstRef<'_>,
    offset: usize,
    opts: &CompletionOptions<'_>,
) -> CompletionList {
    let text = doc.text;
    let keyword = inst.range(inst.inst.keyword);
    if offset <= keyword.end {
        let onbuild = doc.inst(node).kind() == Keyword::Onbuild && inst.inst.kind != Keyword::Onbuild;
        let onbuild = onbuild || doc.inst(node).trigger().is_some_and(|t| t.start() == inst.start());
        return CompletionList::of(keyword_items(doc, Some(node), keyword, opts, onbuild));
    }
    if let Some(list) = variable_completion(doc, node, inst, offset, opts) {
        return list;
    }
    // The token under the cursor: from the last whitespace before it.
    let bytes = text.as_bytes();
    let mut start = offset;
    while start > keyword.end && !bytes[start - 1].is_ascii_whitespace() {
        start -= 1;
    }
    let mut end = offset;
    while end < text.len() && !bytes[end].is_ascii_whitespace() {
        end += 1;
    }
    let token = &text[start..offset];
    let before = &text[keyword.end..start];
    let escape = (inst.inst.escape as char).to_string();
    let earlier: Vec<&str> = before.split_whitespace().filter(|w| *w != escape && !w.starts_with('#')).collect();
    let in_flags = earlier.iter().all(|w| w.starts_with("--"));
    let kind = inst.kind();
    if token.starts_with("--") && in_flags {
        return match token.find('=') {
            Some(eq) => flag_value_items(doc, node, inst, &token[2..eq], start + eq + 1, offset, end),
            None => CompletionList::of(flag_items(inst, offset, start..end)),
        };
    }
    if !in_flags && token.is_empty() && earlier.is_empty() {
        return CompletionList::default();
    }
    let position = earlier.iter().filter(|w| !w.starts_with("--")).count();
    match kind {
        Keyword::From if position == 0 => image_items(doc, node, token, start, end, opts),
        Keyword::From if position == 1 && !earlier.is_empty() => {
            let upper = !uses_lowercase(doc, Some(node));
            let label = if upper { "AS" } else { "as" };
            CompletionList::of(vec![
                CompletionItem::new(label, ItemKind::Keyword, start..end)
                    .insert(format!("{label} "))
                    .detail("name this stage")
                    .doc("Names the stage so `COPY --from=<name>`, `FROM <name>` and `--target` can refer to it."),
            ])
        }
        Keyword::Healthcheck if position == 0 => {
            let upper = !uses_lowercase(doc, Some(node));
            let case = |s: &str| if upper { s.to_string() } else { s.to_ascii_lowercase() };
            CompletionList::of(vec![
                CompletionItem::new(case("CMD"), ItemKind::Keyword, start..end)
                    .insert(format!("{} ", case("CMD")))
                    .detail("the check command")
                    .doc("`HEALTHCHECK CMD <command>`: exit status 0 means healthy, 1 unhealthy.")
                    .sort("0"),
                CompletionItem::new(case("NONE"), ItemKind::Keyword, start..end)
                    .detail("disable the base image's check")
                    .doc("`HEALTHCHECK NONE` turns off a health check inherited from the base image.")
                    .sort("1"),
            ])
        }
        _ => CompletionList::default(),
    }
}

// ---------------------------------------------------------------------------
// Keywords and directives

/// Whether most instructions in the file are written in lower case.
fn uses_lowercase(doc: &Doc<'_>, skip: Option<usize>) -> bool {
    let (mut lower, mut upper) = (0usize, 0usize);
    for (i, n) in doc.tree.nodes.iter().enumerate().take(200) {
        if Some(i) == skip {
            continue;
        }
        let inst = n.view(doc.text);
        if inst.kind() == Keyword::Unknown {
            continue;
        }
        let k = inst.keyword_text();
        if k.bytes().all(|b| b.is_ascii_lowercase()) {
            lower += 1;
        } else if k.bytes().all(|b| b.is_ascii_uppercase()) {
            upper += 1;
        }
    }
    lower > upper
}

/// Instructions in the order people use them most.
const KEYWORD_ORDER: [Keyword; 18] = [
    Keyword::Run,
    Keyword::Copy,
    Keyword::From,
    Keyword::Env,
    Keyword::Arg,
    Keyword::Workdir,
    Keyword::Cmd,
    Keyword::Entrypoint,
    Keyword::Expose,
    Keyword::User,
    Keyword::Label,
    Keyword::Add,
    Keyword::Healthcheck,
    Keyword::Volume,
    Keyword::Shell,
    Keyword::Stopsignal,
    Keyword::Onbuild,
    Keyword::Maintainer,
];

fn keyword_items(
    doc: &Doc<'_>,
    node: Option<usize>,
    range: TextRange,
    opts: &CompletionOptions<'_>,
    onbuild: bool,
) -> Vec<CompletionItem> {
    let lower = uses_lowercase(doc, node);
    let case = |s: &str| if lower { s.to_ascii_lowercase() } else { s.to_string() };
    let before_first_from = doc.model.stages.first().is_none_or(|s| range.start <= doc.inst(s.node).start());
    let mut items = Vec::new();
    for (rank, k) in KEYWORD_ORDER.iter().enumerate() {
        if onbuild && matches!(k, Keyword::From | Keyword::Maintainer | Keyword::Onbuild) {
            continue;
        }
        let Some(d) = docs::instruction(*k) else { continue };
        let name = case(k.name());
        let rank = match k {
            Keyword::From | Keyword::Arg if before_first_from => rank.saturating_sub(10),
            _ => rank + 2,
        };
        let mut item = CompletionItem::new(name.clone(), ItemKind::Keyword, range.clone())
            .insert(format!("{name} "))
            .detail(d.summary)
            .doc(d.markdown())
            .sort(format!("{rank:02}"));
        if *k == Keyword::Maintainer {
            item.deprecated = true;
        } else if opts.snippets {
            if let Some(body) = d.snippet.strip_prefix(k.name()) {
                item.insert_text = format!("{name}{body}");
                item.snippet = true;
            }
        }
        items.push(item);
    }
    if let Some(first) = items.iter_mut().min_by(|a, b| a.sort_text.cmp(&b.sort_text)) {
        first.preselect = true;
    }
    items
}

fn is_directive_line(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('#') else { return false };
    let rest = rest.trim_start();
    let key_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    key_len > 0 && rest[key_len..].trim_start().starts_with('=')
}

fn directive_completion(doc: &Doc<'_>, line_start: usize, offset: usize) -> Option<CompletionList> {
    let text = doc.text;
    let head = text[..line_start].strip_prefix('\u{feff}').unwrap_or(&text[..line_start]);
    if !head.lines().all(is_directive_line) {
        return None;
    }
    let prefix = text[line_start..offset].strip_prefix('\u{feff}').unwrap_or(&text[line_start..offset]);
    let rest = prefix.trim_start().strip_prefix('#')?;
    let after_hash = rest.trim_start();
    let key_start = offset - after_hash.len();
    let key_len = after_hash.bytes().take_while(u8::is_ascii_alphabetic).count();
    let key = &after_hash[..key_len];
    let tail = &after_hash[key_len..];
    if tail.is_empty() {
        // `# sy|`: directive names not used yet.
        let end = offset + word_len_after(text, offset);
        let used: Vec<&str> = doc.tree.header.directives.iter().map(|d| d.kind.name()).collect();
        let items = docs::DIRECTIVES
            .iter()
            .filter(|(name, _, _)| !used.contains(name))
            .map(|(name, example, summary)| {
                CompletionItem::new(*name, ItemKind::Directive, key_start..end)
                    .insert(format!("{name}="))
                    .detail(format!("# {name}={example}"))
                    .doc(*summary)
                    .retrigger()
            })
            .collect();
        return Some(CompletionList::of(items));
    }
    let value = tail.trim_start().strip_prefix('=')?;
    let value_start = offset - value.trim_start().len();
    let end = offset + text[offset..].find(['\n', '\r']).unwrap_or(text.len() - offset);
    let values: &[(&str, &str)] = match key.to_ascii_lowercase().as_str() {
        "syntax" => &[
            ("docker/dockerfile:1", "the latest stable Dockerfile frontend 1.x"),
            ("docker/dockerfile:1-labs", "1.x with experimental (labs) features"),
        ],
        "escape" => &[("\\", "backslash (the default)"), ("`", "backtick: handy for Windows paths")],
        "check" => &[
            ("skip=all", "turn off every build check"),
            ("error=true", "make build-check findings fail the build"),
            ("experimental=all", "turn on experimental checks"),
        ],
        _ => &[],
    };
    let items =
        values.iter().map(|(v, d)| CompletionItem::new(*v, ItemKind::Value, value_start..end).detail(*d)).collect();
    Some(CompletionList::of(items))
}

// ---------------------------------------------------------------------------
// Flags

/// Flags that may be given more than once.
const REPEATABLE: [&str; 3] = ["mount", "exclude", "device"];

fn flag_items(inst: InstRef<'_>, offset: usize, range: TextRange) -> Vec<CompletionItem> {
    let Some(d) = docs::instruction(inst.kind()) else { return Vec::new() };
    if inst.kind() == Keyword::Healthcheck && inst.word_texts().next().is_some_and(|w| w.eq_ignore_ascii_case("none")) {
        return Vec::new();
    }
    let used: Vec<&str> = inst
        .inst
        .flags
        .iter()
        .filter(|f| !inst.range(f.span).contains(&offset) && inst.range(f.span).end != offset)
        .map(|f| inst.src(f.name))
        .collect();
    d.flags
        .iter()
        .enumerate()
        .filter(|(_, f)| REPEATABLE.contains(&f.name) || !used.contains(&f.name))
        .map(|(i, f)| {
            let label = format!("--{}", f.name);
            let shape = if f.value.is_empty() { label.clone() } else { format!("{label}={}", f.value) };
            let item = CompletionItem::new(label.clone(), ItemKind::Flag, range.clone())
                .detail(shape)
                .doc(f.summary)
                .sort(format!("{i:02}"));
            let mut item = if f.value.is_empty() { item } else { item.insert(format!("{label}=")) };
            item.filter_text = Some(label);
            if !f.values.is_empty() || matches!(f.name, "from" | "mount") {
                item.retrigger = true;
            }
            item
        })
        .collect()
}

fn earlier_stage_items(doc: &Doc<'_>, node: usize, range: TextRange) -> Vec<CompletionItem> {
    let m = doc.model;
    let current = m.node_stage.get(node).copied().flatten();
    let limit = current.unwrap_or(0);
    let mut items = Vec::new();
    for s in &m.stages[..limit] {
        let base = s.image.clone().unwrap_or_else(|| s.image_text.clone());
        if let Some(name_range) = &s.name_range {
            let name = &doc.text[name_range.clone()];
            items.push(
                CompletionItem::new(name, ItemKind::Stage, range.clone())
                    .detail(format!("stage {} · FROM {base}", s.index))
                    .sort(format!("0{:04}", limit - s.index)),
            );
        }
        items.push(
            CompletionItem::new(s.index.to_string(), ItemKind::Stage, range.clone())
                .detail(format!("stage {} by index · FROM {base}", s.index))
                .sort(format!("1{:04}", s.index)),
        );
    }
    items
}

fn flag_value_items(
    doc: &Doc<'_>,
    node: usize,
    inst: InstRef<'_>,
    flag: &str,
    value_start: usize,
    offset: usize,
    end: usize,
) -> CompletionList {
    let kind = inst.kind();
    let range = value_start..end;
    let values = |vals: &[&str], detail: &str| -> Vec<CompletionItem> {
        vals.iter()
            .enumerate()
            .map(|(i, v)| {
                CompletionItem::new(*v, ItemKind::Value, range.clone()).detail(detail).sort(format!("{i:02}"))
            })
            .collect()
    };
    let items = match (kind, flag) {
        (Keyword::Copy, "from") => earlier_stage_items(doc, node, range.clone()),
        (Keyword::Run, "mount") => return mount_items(doc, node, value_start, offset, end),
        (Keyword::Healthcheck, "interval") => values(&["30s", "10s", "1m"], "default 30s"),
        (Keyword::Healthcheck, "timeout") => values(&["30s", "5s", "10s"], "default 30s"),
        (Keyword::Healthcheck, "start-period") => values(&["0s", "10s", "30s"], "default 0s"),
        (Keyword::Healthcheck, "start-interval") => values(&["5s", "1s"], "default 5s"),
        (Keyword::Healthcheck, "retries") => values(&["3", "5"], "default 3"),
        _ => match docs::instruction(kind).and_then(|d| d.flag(flag)) {
            Some(f) => {
                let detail = format!("--{}", f.name);
                values(f.values, &detail)
            }
            None => Vec::new(),
        },
    };
    CompletionList::of(items)
}

fn mount_items(doc: &Doc<'_>, node: usize, value_start: usize, offset: usize, end: usize) -> CompletionList {
    let text = doc.text;
    let typed = &text[value_start..offset];
    let seg_start = value_start + typed.rfind(',').map_or(0, |i| i + 1);
    let seg_end = seg_start + text[seg_start..end].find(',').unwrap_or(end - seg_start);
    let segment = &text[seg_start..offset];
    let whole = &text[value_start..end];
    let fields: Vec<(String, Option<&str>)> = whole
        .split(',')
        .map(|f| match f.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v)),
            None => (f.to_ascii_lowercase(), None),
        })
        .collect();
    let ty = fields.iter().find(|(k, _)| k == "type").and_then(|(_, v)| *v).unwrap_or("bind");
    let mount = mounts::mount_type(ty);
    if let Some(eq) = segment.find('=') {
        let key = segment[..eq].to_ascii_lowercase();
        let range = seg_start + eq + 1..seg_end;
        let items = match key.as_str() {
            "type" => mounts::MOUNT_TYPES
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    CompletionItem::new(t.name, ItemKind::Value, range.clone())
                        .detail(format!("type={}", t.name))
                        .doc(t.summary)
                        .sort(format!("{i:02}"))
                })
                .collect(),
            "from" => earlier_stage_items(doc, node, range),
            _ => {
                let option = mount.and_then(|m| m.options.iter().find(|o| o.name == key));
                option
                    .map(|o| {
                        o.values
                            .iter()
                            .map(|v| CompletionItem::new(*v, ItemKind::Value, range.clone()).detail(o.summary))
                            .collect()
                    })
                    .unwrap_or_default()
            }
        };
        return CompletionList::of(items);
    }
    let range = seg_start..seg_end;
    let present: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    let mut items = Vec::new();
    if !present.contains(&"type") {
        items.push(
            CompletionItem::new("type", ItemKind::Value, range.clone())
                .insert("type=")
                .detail("bind (default), cache, tmpfs, secret or ssh")
                .sort("00")
                .retrigger(),
        );
    }
    if let Some(m) = mount {
        for (i, o) in m.options.iter().enumerate() {
            if present.contains(&o.name) {
                continue;
            }
            let item = CompletionItem::new(o.name, ItemKind::Value, range.clone())
                .detail(format!("type={}", m.name))
                .doc(o.summary)
                .sort(format!("{:02}", i + 1));
            items.push(if o.bare { item } else { item.insert(format!("{}=", o.name)).retrigger() });
        }
    }
    CompletionList::of(items)
}

// ---------------------------------------------------------------------------
// Images and tags

/// Well-known registries and namespaces outside Docker Hub's library.
const NAMESPACES: &[(&str, &str)] = &[
    ("gcr.io/distroless/", "Google distroless: runtime-only images without shell or package manager"),
    ("cgr.dev/chainguard/", "Chainguard: minimal Wolfi-based images, rebuilt continuously"),
    ("mcr.microsoft.com/dotnet/", "Microsoft .NET: sdk, aspnet, runtime, runtime-deps"),
    ("registry.access.redhat.com/ubi9/", "Red Hat Universal Base Image 9"),
    ("registry.access.redhat.com/ubi10/", "Red Hat Universal Base Image 10"),
    ("ghcr.io/", "GitHub Container Registry"),
    ("quay.io/", "Quay.io (Red Hat)"),
    ("public.ecr.aws/", "Amazon ECR Public Gallery"),
];

/// Repositories under the namespaces above.
const KNOWN_REPOSITORIES: &[&str] = &[
    "gcr.io/distroless/static-debian12",
    "gcr.io/distroless/static-debian13",
    "gcr.io/distroless/base-debian12",
    "gcr.io/distroless/base-debian13",
    "gcr.io/distroless/base-nossl-debian12",
    "gcr.io/distroless/cc-debian12",
    "gcr.io/distroless/cc-debian13",
    "gcr.io/distroless/python3-debian12",
    "gcr.io/distroless/java17-debian12",
    "gcr.io/distroless/java21-debian12",
    "gcr.io/distroless/nodejs20-debian12",
    "gcr.io/distroless/nodejs22-debian12",
    "cgr.dev/chainguard/static",
    "cgr.dev/chainguard/wolfi-base",
    "cgr.dev/chainguard/busybox",
    "cgr.dev/chainguard/python",
    "cgr.dev/chainguard/node",
    "cgr.dev/chainguard/go",
    "cgr.dev/chainguard/jdk",
    "cgr.dev/chainguard/jre",
    "cgr.dev/chainguard/nginx",
    "mcr.microsoft.com/dotnet/sdk",
    "mcr.microsoft.com/dotnet/aspnet",
    "mcr.microsoft.com/dotnet/runtime",
    "mcr.microsoft.com/dotnet/runtime-deps",
    "registry.access.redhat.com/ubi9/ubi",
    "registry.access.redhat.com/ubi9/ubi-minimal",
    "registry.access.redhat.com/ubi9/ubi-micro",
    "registry.access.redhat.com/ubi9/ubi-init",
    "registry.access.redhat.com/ubi10/ubi",
    "registry.access.redhat.com/ubi10/ubi-minimal",
    "registry.access.redhat.com/ubi10/ubi-micro",
];

/// Fixed tag words of well-known non-Hub images (their tag lists are not offline).
const FAMILY_TAGS: &[(&str, &[(&str, &str)])] = &[
    (
        "gcr.io/distroless/",
        &[
            ("latest", "runs as root"),
            ("nonroot", "runs as UID 65532 (recommended)"),
            ("debug", "adds a BusyBox shell; troubleshooting only"),
            ("debug-nonroot", "BusyBox shell, UID 65532"),
        ],
    ),
    (
        "cgr.dev/chainguard/",
        &[("latest", "runtime only: no shell, no apk"), ("latest-dev", "adds a shell, apk and build tools")],
    ),
    ("registry.access.redhat.com/", &[("latest", "the newest minor release")]),
    ("registry.redhat.io/", &[("latest", "the newest minor release")]),
];

fn image_items(
    doc: &Doc<'_>,
    node: usize,
    token: &str,
    start: usize,
    end: usize,
    opts: &CompletionOptions<'_>,
) -> CompletionList {
    if token.contains('@') || token.contains('$') {
        return CompletionList::default();
    }
    let last_slash = token.rfind('/').map_or(0, |i| i + 1);
    if let Some(colon) = token[last_slash..].find(':').map(|c| last_slash + c) {
        return tag_items(&token[..colon], &token[colon + 1..], start + colon + 1, end, opts);
    }
    let range = start..end;
    let mut items = earlier_stage_items(doc, node, range.clone());
    items.retain(|i| !i.label.bytes().all(|b| b.is_ascii_digit()));
    let known: Vec<&str> = knowledge::all_images().map(|k| k.name).collect();
    for name in catalog().official_names() {
        let k = knowledge::image(name);
        let rank = known.iter().position(|n| *n == name);
        let sort = match rank {
            Some(r) => format!("1{r:03}"),
            None => format!("2{name}"),
        };
        let mut item = CompletionItem::new(name, ItemKind::Image, range.clone()).sort(sort);
        match k {
            Some(k) => {
                item = item
                    .detail(format!("{} · official image", k.title))
                    .doc(format!("{}\n\n**Recommended**: {}", k.summary, k.recommended));
            }
            None if name == "scratch" => item = item.detail("the empty image (static binaries only)"),
            None => item = item.detail("Docker Official Image"),
        }
        items.push(item);
    }
    for (ns, what) in NAMESPACES {
        items.push(
            CompletionItem::new(*ns, ItemKind::Namespace, range.clone())
                .detail(*what)
                .sort(format!("3{ns}"))
                .retrigger(),
        );
    }
    if token.contains('/') {
        for repo in KNOWN_REPOSITORIES.iter().filter(|r| r.starts_with(&token[..last_slash])) {
            let summary = knowledge::image(repo).map(|k| k.title).unwrap_or("");
            items.push(
                CompletionItem::new(*repo, ItemKind::Image, range.clone()).detail(summary).sort(format!("0{repo}")),
            );
        }
    }
    CompletionList::of(items)
}

/// The documentation of a catalog tag: what it is, size, support.
fn tag_documentation(
    image: &str,
    tag: &str,
    detail: &str,
    size: Option<String>,
    info: Option<&crate::images::catalog::TagInfo>,
) -> String {
    let mut s = format!("**{}**\n\n{detail}", code(&format!("{image}:{tag}")));
    if let Some(size) = size {
        s.push_str(&format!("\n\n{size}"));
    }
    if let Some(info) = info {
        if !info.architectures.is_empty() {
            s.push_str(&format!("\n\nArchitectures: {}", info.architectures.join(", ")));
        }
        if !info.aliases.is_empty() {
            let shown: Vec<String> = info.aliases.iter().take(6).map(|a| code(a)).collect();
            s.push_str(&format!("\n\nSame image as {}", shown.join(", ")));
        }
    }
    s
}

/// Tags for `name`, `typed` being the part of the tag before the cursor. Tags that
/// start with what was typed come first (clients with fuzzy matching would otherwise
/// show `3.14-slim` above `3.12-slim` after `3.12-`), and the best of them is preselected.
fn tag_items(name: &str, typed: &str, tag_start: usize, end: usize, opts: &CompletionOptions<'_>) -> CompletionList {
    let parsed = ImageRef::parse(name);
    let Some(norm) = parsed.normalize(name) else { return CompletionList::default() };
    if parsed.error.is_some() {
        return CompletionList::default();
    }
    let short = norm.short_name();
    let range = tag_start..end;
    let live: LiveInfo = opts.live.map(|f| f(&norm)).unwrap_or_default();
    let k = knowledge::image(&short);
    let ranked = catalog().ranked_tags(&short, opts.today);
    let mut items = Vec::with_capacity(ranked.len() + 8);
    if !ranked.is_empty() {
        let infos: std::collections::HashMap<String, crate::images::catalog::TagInfo> =
            catalog().tags(&short).into_iter().map(|i| (i.tag.clone(), i)).collect();
        for t in &ranked {
            let info = infos.get(&t.tag);
            let size = k.zip(info).and_then(|(k, i)| {
                let codename = i.os.as_ref().and_then(|o| o.codename.as_deref());
                variant_size(k, &norm.repository, &t.tag, &i.variant, codename).map(|v| {
                    let example = example_of(k, v);
                    let measured = if example == format!("{short}:{}", t.tag) {
                        String::new()
                    } else {
                        format!(", measured for {}", code(&example))
                    };
                    format!("~{} compressed (linux/amd64, approximate{measured})", format_mb(v.approx_compressed_mb))
                })
            });
            let mut item = CompletionItem::new(t.tag.clone(), ItemKind::Tag, range.clone())
                .detail(t.detail.clone())
                .doc(tag_documentation(&short, &t.tag, &t.detail, size, info))
                .sort(format!("0{:04}", t.sort_key));
            item.filter_text = Some(t.tag.clone());
            item.deprecated = t.deprecated;
            item.preselect = t.sort_key == 0;
            items.push(item);
        }
    } else if let Some((prefix, words)) = FAMILY_TAGS.iter().find(|(p, _)| short.starts_with(p)) {
        let _ = prefix;
        for (i, (tag, what)) in words.iter().enumerate() {
            items.push(CompletionItem::new(*tag, ItemKind::Tag, range.clone()).detail(*what).sort(format!("0{i:04}")));
        }
    }
    if let Some(k) = k.filter(|k| k.name.contains('/')) {
        // Knowledge examples for this repository (`aspnet:10.0-alpine`).
        let rest = norm.repository.rsplit('/').next().unwrap_or("");
        for v in k.variants {
            if let Some((repo, tag)) = v.example_tag.split_once(':') {
                if repo == rest && !items.iter().any(|i| i.label == tag) {
                    items.push(
                        CompletionItem::new(tag, ItemKind::Tag, range.clone())
                            .detail(format!("{} · ~{}", v.when, format_mb(v.approx_compressed_mb)))
                            .sort(format!("1{tag}")),
                    );
                }
            }
        }
    }
    if let Some(list) = &live.tags {
        let registry = registry_name(&list.registry).to_string();
        for (i, t) in list.tags.iter().enumerate() {
            if items.iter().any(|it| it.label == t.name) {
                continue;
            }
            let size = t
                .platforms
                .iter()
                .find(|p| p.platform == "linux/amd64")
                .map(|p| format!(" · {:.1} MB", p.compressed_size as f64 / 1_000_000.0))
                .unwrap_or_default();
            let pushed =
                t.last_pushed.as_deref().map(|p| format!(" · pushed {}", p.get(..10).unwrap_or(p))).unwrap_or_default();
            let mut item = CompletionItem::new(t.name.clone(), ItemKind::Tag, range.clone())
                .detail(format!("live from {registry}{pushed}{size}"))
                .sort(format!("2{i:05}"));
            item.filter_text = Some(t.name.clone());
            items.push(item);
        }
    }
    let mut best: Option<usize> = None;
    for (i, item) in items.iter_mut().enumerate() {
        let fits = item.label.starts_with(typed);
        let group = if fits { '0' } else { '1' };
        item.sort_text = item.sort_text.take().map(|s| format!("{group}{s}"));
        item.preselect = false;
        if fits && best.is_none_or(|b| i < b) {
            best = Some(i);
        }
    }
    // The first fitting item in rank order (catalog ranks precede knowledge and live tags).
    if let Some(b) = best {
        items[b].preselect = true;
    }
    CompletionList { items, is_incomplete: live.pending }
}

// ---------------------------------------------------------------------------
// Variables

/// `$NAME` / `${NAME` being typed before `offset`: (name start, braced).
fn variable_prefix(text: &str, line_start: usize, offset: usize, escape: u8) -> Option<(usize, bool)> {
    let b = text.as_bytes();
    let mut i = offset;
    while i > line_start && is_word_byte(b[i - 1]) {
        i -= 1;
    }
    let name_start = i;
    let braced = i > line_start && b[i - 1] == b'{';
    let dollar = if braced { i.checked_sub(2)? } else { i.checked_sub(1)? };
    if dollar < line_start || b.get(dollar) != Some(&b'$') {
        return None;
    }
    if dollar > 0 && b[dollar - 1] == escape {
        return None;
    }
    if b.get(name_start).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((name_start, braced))
}

fn variable_completion(
    doc: &Doc<'_>,
    node: usize,
    inst: InstRef<'_>,
    offset: usize,
    opts: &CompletionOptions<'_>,
) -> Option<CompletionList> {
    let text = doc.text;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let (name_start, braced) = variable_prefix(text, line_start, offset, inst.inst.escape)?;
    let name_end = offset + word_len_after(text, offset);
    let range = name_start..name_end;
    let close = if braced && !text[name_end..].starts_with('}') { "}" } else { "" };
    let m = doc.model;
    let args = opts.build_args;
    let stage = m.node_stage.get(node).copied().flatten();
    let from_line = inst.kind() == Keyword::From;
    let mut items: Vec<CompletionItem> = Vec::new();
    let value_detail = |d: &crate::model::VarDef| -> String {
        let value = match (d.kind, args.and_then(|a| a.get(&d.name))) {
            (DefKind::Arg, Some(v)) => Some(v.clone()),
            _ => d.value.clone().or_else(|| d.global.and_then(|g| m.defs[g].value.clone())),
        };
        let kind = if d.kind == DefKind::Arg { "ARG" } else { "ENV" };
        match value {
            Some(v) => format!("{kind} = {v}"),
            None => format!("{kind} (no default)"),
        }
    };
    let lines = super::hover::layers::Lines::new(text);
    let line = |r: &TextRange| lines.line(r.start);
    let var_item = |name: &str, sort: String| {
        CompletionItem::new(name, ItemKind::Variable, range.clone()).insert(format!("{name}{close}")).sort(sort)
    };
    if from_line || stage.is_none() {
        for (_, d) in m.global_args().filter(|(_, d)| d.node < node) {
            if items.iter().any(|i| i.label == d.name) {
                continue;
            }
            items.push(
                var_item(&d.name, format!("0{}", d.name))
                    .detail(value_detail(d))
                    .doc(format!("Global ARG, line {}", line(&d.range))),
            );
        }
        if from_line {
            for name in AUTOMATIC_ORDER {
                items.push(
                    var_item(name, automatic_sort(name))
                        .detail("automatic platform ARG")
                        .doc(automatic_arg_doc(name).unwrap_or_default()),
                );
            }
        }
        return Some(CompletionList::of(items));
    }
    let visible = m.visible_defs(node, stage);
    for &i in &visible {
        let d = &m.defs[i];
        items.push(var_item(&d.name, format!("0{}", d.name)).detail(value_detail(d)).doc(format!(
            "{} on line {}",
            if d.kind == DefKind::Arg { "ARG" } else { "ENV" },
            line(&d.range)
        )));
    }
    let Some(stage_index) = stage else { return Some(CompletionList::of(items)) };
    let insert_at = arg_insert_point(doc, stage_index, node);
    let lower = uses_lowercase(doc, None);
    let arg_kw = if lower { "arg" } else { "ARG" };
    let declare = |name: &str| -> Edit {
        let (at, newline_first) = insert_at;
        let new_text = if newline_first { format!("\n{arg_kw} {name}") } else { format!("{arg_kw} {name}\n") };
        Edit { range: at..at, new_text }
    };
    for name in AUTOMATIC_ORDER {
        if items.iter().any(|i| i.label == name) {
            continue;
        }
        let mut item = var_item(name, automatic_sort(name))
            .detail(format!("automatic platform ARG · adds `{arg_kw} {name}`"))
            .doc(format!(
                "{}.\n\nA stage sees it only once declared: completing adds {} after the stage's FROM.",
                automatic_arg_doc(name).unwrap_or_default(),
                code(&format!("{arg_kw} {name}"))
            ));
        item.additional_edits.push(declare(name));
        items.push(item);
    }
    for (_, g) in m.global_args() {
        if items.iter().any(|i| i.label == g.name) {
            continue;
        }
        let mut item = var_item(&g.name, format!("2{}", g.name))
            .detail(format!("global {} · adds `{arg_kw} {}`", value_detail(g), g.name))
            .doc(format!(
                "Global ARG on line {}. A stage sees it only after re-declaring it: completing adds {} after the stage's FROM.",
                line(&g.range),
                code(&format!("{arg_kw} {}", g.name))
            ));
        item.additional_edits.push(declare(&g.name));
        items.push(item);
    }
    // The shell also sees the base image's environment.
    let shell = matches!(m.uses.iter().find(|u| u.node == node && u.whole.start < offset && offset <= u.whole.end), Some(u) if u.context == UseContext::Shell)
        || matches!(inst.kind(), Keyword::Run | Keyword::Cmd | Keyword::Entrypoint);
    if shell {
        if let Some(image) = m.root_image(stage_index).and_then(|s| s.image.clone()) {
            if let Some((env, _)) = knowledge::base_image_env(&image) {
                let short = image.split([':', '@']).next().unwrap_or(&image).to_string();
                let missing: Vec<&str> = env.iter().copied().filter(|n| !items.iter().any(|i| i.label == *n)).collect();
                for name in missing {
                    items.push(var_item(name, format!("3{name}")).detail(format!("ENV of the base image {short}")));
                }
            }
        }
    }
    Some(CompletionList::of(items))
}

/// Where `ARG NAME` goes: after the stage's FROM and the ARGs right after it (before
/// `node`). Returns the offset and whether a line break must come first (FROM on the
/// last line without one).
/// Automatic ARGs, the ones people use most first.
const AUTOMATIC_ORDER: [&str; 8] = [
    "TARGETARCH",
    "TARGETOS",
    "TARGETPLATFORM",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDARCH",
    "BUILDOS",
    "BUILDVARIANT",
];

fn automatic_sort(name: &str) -> String {
    format!("1{}", AUTOMATIC_ORDER.iter().position(|n| *n == name).unwrap_or(9))
}

fn arg_insert_point(doc: &Doc<'_>, stage: usize, node: usize) -> (usize, bool) {
    let st = &doc.model.stages[stage];
    let mut last = st.node;
    for n in st.node + 1..node.min(st.nodes.end) {
        if doc.inst(n).kind() == Keyword::Arg {
            last = n;
        } else {
            break;
        }
    }
    let end = doc.tree.nodes[last].end().min(doc.text.len());
    let newline_first = !doc.text[..end].ends_with('\n');
    (end, newline_first)
}
