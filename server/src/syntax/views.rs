//! Typed views of instructions: what FROM, ARG, ENV, COPY, RUN … say, with absolute
//! ranges. Computed on demand from the generic instruction, so parsing stays cheap.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::image_ref::ImageRef;
use super::words::unquote;
use super::{InstRef, Keyword, Span, TextRange};

/// `FROM [--platform=…] image [AS name]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FromView<'a> {
    /// The image word as written.
    pub image_range: TextRange,
    pub image_text: Cow<'a, str>,
    /// The parsed reference; its ranges are relative to `image_range.start`.
    pub image: ImageRef,
    pub platform: Option<(TextRange, Cow<'a, str>)>,
    /// The `AS` keyword.
    pub as_keyword: Option<TextRange>,
    /// The stage name as written.
    pub stage: Option<(TextRange, Cow<'a, str>)>,
}

impl FromView<'_> {
    /// Absolute range of a part of the image reference.
    pub fn part(&self, r: &std::ops::Range<usize>) -> TextRange {
        self.image_range.start + r.start..self.image_range.start + r.end
    }

    pub fn is_scratch(&self) -> bool {
        self.image_text.eq_ignore_ascii_case("scratch")
    }
}

/// One `name[=value]` of ARG, or `key=value` of ENV/LABEL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue<'a> {
    pub key_range: TextRange,
    /// The key with quotes removed.
    pub key: Cow<'a, str>,
    /// The value as written (quotes included); `None` for `ARG name`.
    pub value_range: Option<TextRange>,
    pub raw_value: Option<Cow<'a, str>>,
    /// `ENV k v` / `LABEL k v` without `=`.
    pub legacy: bool,
}

impl KeyValue<'_> {
    /// The value with quotes and escapes removed (variables left as written).
    pub fn value(&self, escape: u8) -> Option<String> {
        self.raw_value.as_deref().map(|v| unquote(v, escape).into_owned())
    }
}

/// COPY/ADD sources and destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyView<'a> {
    pub sources: Vec<(TextRange, Cow<'a, str>)>,
    pub dest: Option<(TextRange, Cow<'a, str>)>,
    /// Indices into `sources` that are heredocs.
    pub heredoc_sources: Vec<usize>,
    pub from: Option<(TextRange, Cow<'a, str>)>,
}

/// A `RUN --mount=…` option list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MountSpec {
    pub kind: String,
    /// `(key, value)` pairs as written, keys lower-cased; a value-less key has `None`.
    pub fields: Vec<(String, Option<String>)>,
}

impl MountSpec {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.as_deref())
    }
}

/// A `--mount` flag with its parsed fields and where the value is.
#[derive(Clone, Debug)]
pub struct Mount {
    pub value_range: TextRange,
    pub spec: Option<MountSpec>,
    /// `from=` value and its absolute range, when present.
    pub from: Option<(TextRange, String)>,
}

/// `# check=` options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions {
    pub skip_all: bool,
    pub skip: Vec<String>,
    pub error: bool,
    pub experimental_all: bool,
    pub experimental: Vec<String>,
}

/// BuildKit's `ParseLintOptions`.
pub fn parse_check_options(s: &str) -> Result<CheckOptions, String> {
    let s = s.trim();
    let mut out = CheckOptions::default();
    if s.is_empty() {
        return Ok(out);
    }
    for part in s.splitn(3, ';') {
        let Some((k, v)) = part.split_once('=') else {
            return Err(format!("invalid check option \"{part}\""));
        };
        let list = |v: &str| v.split(',').map(|r| r.trim().to_string()).collect::<Vec<_>>();
        match k.trim() {
            "skip" if v.trim() == "all" => out.skip_all = true,
            "skip" => out.skip = list(v.trim()),
            "experimental" if v.trim() == "all" => out.experimental_all = true,
            "experimental" => out.experimental = list(v.trim()),
            "error" => {
                out.error = parse_go_bool(v.trim()).ok_or_else(|| {
                    format!(
                        "failed to parse check option \"{part}\": strconv.ParseBool: parsing \"{}\": invalid syntax",
                        v.trim()
                    )
                })?;
            }
            other => return Err(format!("invalid check option \"{other}\"")),
        }
    }
    Ok(out)
}

/// Go's `strconv.ParseBool`.
pub fn parse_go_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Splits one CSV record (the format of `--mount` values).
pub fn csv_fields(v: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = v.chars().peekable();
    let mut in_quotes = false;
    let mut field_quoted = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == ',' {
            out.push(std::mem::take(&mut cur));
            field_quoted = false;
        } else if c == '"' && cur.is_empty() && !field_quoted {
            in_quotes = true;
            field_quoted = true;
        } else if c == '"' {
            return Err(format!("failed to parse csv mounts: bare \" in non-quoted-field: {v}"));
        } else {
            cur.push(c);
        }
    }
    if in_quotes {
        return Err(format!("failed to parse csv mounts: extraneous or missing \" in quoted-field: {v}"));
    }
    out.push(cur);
    Ok(out)
}

const MOUNT_TYPES: [&str; 5] = ["bind", "cache", "tmpfs", "secret", "ssh"];
const MOUNT_KEYS: [&str; 19] = [
    "type",
    "from",
    "source",
    "target",
    "readonly",
    "id",
    "sharing",
    "required",
    "size",
    "mode",
    "uid",
    "gid",
    "src",
    "dst",
    "destination",
    "ro",
    "rw",
    "readwrite",
    "env",
];

/// Parses and checks a `--mount` value as BuildKit's `parseMount` does (fields with
/// variables are not checked).
pub fn parse_mount(v: &str) -> Result<MountSpec, String> {
    let fields = csv_fields(v)?;
    let mut spec = MountSpec { kind: "bind".into(), fields: Vec::new() };
    let (mut mode, mut uid, mut gid, mut sharing) = (false, false, false, false);
    let (mut from, mut source, mut target, mut id) = (false, false, false, false);
    for field in &fields {
        let (key, value) = match field.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
            None => (field.to_ascii_lowercase(), None),
        };
        let vars = value.as_deref().is_some_and(|v| v.contains('$'));
        match (key.as_str(), value.as_deref()) {
            ("readonly" | "ro" | "readwrite" | "rw", None) => {}
            ("required", None) => {
                if spec.kind != "secret" && spec.kind != "ssh" {
                    return Err(format!("unexpected key '{key}' for mount type '{}'", spec.kind));
                }
            }
            (_, None) => return Err(format!("invalid field '{field}' must be a key=value pair")),
            (_, Some(_)) if vars => {}
            ("type", Some(t)) => {
                let t = t.to_ascii_lowercase();
                if !MOUNT_TYPES.contains(&t.as_str()) {
                    let hint = super::suggest(&t, MOUNT_TYPES, false)
                        .map(|m| format!(" (did you mean {m}?)"))
                        .unwrap_or_default();
                    return Err(format!("unsupported mount type \"{t}\"{hint}"));
                }
                spec.kind = t;
            }
            ("from", Some(_)) => from = true,
            ("source" | "src", Some(_)) => source = true,
            ("target" | "dst" | "destination", Some(_)) => target = true,
            ("readonly" | "ro" | "readwrite" | "rw", Some(b)) => {
                if parse_go_bool(b).is_none() {
                    return Err(format!("invalid value for {key}: {b}"));
                }
            }
            ("required", Some(b)) => {
                if spec.kind != "secret" && spec.kind != "ssh" {
                    return Err(format!("unexpected key '{key}' for mount type '{}'", spec.kind));
                }
                if parse_go_bool(b).is_none() {
                    return Err(format!("invalid value for {key}: {b}"));
                }
            }
            ("size", Some(s)) => {
                if spec.kind != "tmpfs" {
                    return Err(format!("unexpected key '{key}' for mount type '{}'", spec.kind));
                }
                if !valid_ram_size(s) {
                    return Err(format!("invalid value for {key}: {s}"));
                }
            }
            ("id", Some(_)) => id = true,
            ("sharing", Some(s)) => {
                let s = s.to_ascii_lowercase();
                if !["shared", "private", "locked"].contains(&s.as_str()) {
                    return Err(format!("unsupported sharing value \"{s}\""));
                }
                sharing = true;
            }
            ("mode", Some(m)) => {
                if u32::from_str_radix(m, 8).is_err() {
                    return Err(format!("invalid value {m} for mode"));
                }
                mode = true;
            }
            ("uid" | "gid", Some(n)) => {
                if n.parse::<u32>().is_err() {
                    return Err(format!("invalid value {n} for {key}"));
                }
                if key == "uid" { uid = true } else { gid = true }
            }
            ("env", Some(_)) => {}
            (_, Some(_)) => {
                let hint = super::suggest(&key, MOUNT_KEYS, false)
                    .map(|m| format!(" (did you mean {m}?)"))
                    .unwrap_or_default();
                return Err(format!("unexpected key '{key}' in '{field}'{hint}"));
            }
        }
        spec.fields.push((key, value));
    }
    let k = spec.kind.as_str();
    let file_info = matches!(k, "secret" | "ssh" | "cache");
    for (set, name) in [(mode, "mode"), (uid, "uid"), (gid, "gid")] {
        if set && !file_info {
            return Err(format!("{name} not allowed for \"{k}\" type mounts"));
        }
    }
    if k == "secret" {
        if from {
            return Err("secret mount should not have a from".into());
        }
        if sharing {
            return Err("secret mount should not define sharing".into());
        }
        if !source && !target && !id {
            return Err("invalid secret mount. one of source, target required".into());
        }
        if source && id {
            return Err("both source and id can't be set".into());
        }
    }
    if sharing && k != "cache" {
        return Err(format!("invalid cache sharing set for {k} mount"));
    }
    if let Some(f) = spec.get("from") {
        if f.find('$').is_some_and(|i| i != f.len() - 1) {
            return Err("'from' doesn't support variable expansion, define alias stage instead".into());
        }
    }
    Ok(spec)
}

/// go-units' `RAMInBytes`: a number with an optional b/k/m/g/t/p suffix (and `b`/`ib`).
fn valid_ram_size(s: &str) -> bool {
    let s = s.trim();
    let num_len = s.bytes().take_while(|c| c.is_ascii_digit() || *c == b'.').count();
    if num_len == 0 || s[..num_len].parse::<f64>().is_err() {
        return false;
    }
    let unit = s[num_len..].trim().to_ascii_lowercase();
    matches!(
        unit.as_str(),
        "" | "b"
            | "k"
            | "kb"
            | "kib"
            | "m"
            | "mb"
            | "mib"
            | "g"
            | "gb"
            | "gib"
            | "t"
            | "tb"
            | "tib"
            | "p"
            | "pb"
            | "pib"
    )
}

impl<'a> InstRef<'a> {
    /// Works out the views this instruction's kind has (FROM's parts, ARG/ENV/LABEL
    /// pairs, COPY/ADD parts, variable references), so that later readers find them
    /// made. The model does this for a tree nobody has read yet on all cores at once,
    /// before its passes in document order.
    pub fn warm_views(self) {
        match self.inst.kind {
            Keyword::From => {
                self.cached_from();
            }
            Keyword::Arg | Keyword::Env | Keyword::Label => {
                self.cached_key_values();
            }
            Keyword::Copy | Keyword::Add => {
                self.cached_copy();
            }
            _ => {}
        }
        self.var_refs();
    }

    /// FROM's parts as kept in the view cache (worked out on first use).
    fn cached_from(self) -> &'a Option<Box<RelFrom>> {
        self.inst.views.from.get_or_init(|| self.compute_from().map(|f| Box::new(RelFrom::of(self, f))))
    }

    /// ARG/ENV/LABEL pairs as kept in the view cache.
    fn cached_key_values(self) -> &'a [RelKeyValue] {
        self.inst
            .views
            .key_values
            .get_or_init(|| self.compute_key_values().into_iter().map(|kv| RelKeyValue::of(self, kv)).collect())
    }

    /// COPY/ADD parts as kept in the view cache.
    fn cached_copy(self) -> &'a Option<Box<RelCopy>> {
        self.inst.views.copy.get_or_init(|| self.compute_copy().map(|c| Box::new(RelCopy::of(self, c))))
    }

    /// FROM's parts.
    pub fn as_from(self) -> Option<FromView<'a>> {
        self.cached_from().as_ref().map(|f| f.at(self))
    }

    pub(crate) fn compute_from(self) -> Option<FromView<'a>> {
        if self.inst.kind != Keyword::From {
            return None;
        }
        let words = &self.inst.words;
        let first = words.first()?;
        let image_text = self.text(first.span);
        let image = ImageRef::parse(&image_text);
        let platform = self.flag("platform").and_then(|f| Some((self.range(f.value?), self.flag_value(f)?)));
        let (as_keyword, stage) = if words.len() >= 3 && self.text(words[1].span).eq_ignore_ascii_case("as") {
            (Some(self.range(words[1].span)), Some((self.range(words[2].span), self.text(words[2].span))))
        } else if words.len() == 2 && self.text(words[1].span).eq_ignore_ascii_case("as") {
            (Some(self.range(words[1].span)), None)
        } else {
            (None, None)
        };
        Some(FromView { image_range: self.range(first.span), image_text, image, platform, as_keyword, stage })
    }

    /// ARG declarations, or ENV/LABEL pairs in either form. Worked out once per
    /// instruction (see [`ViewCache`]).
    pub fn key_values(self) -> Vec<KeyValue<'a>> {
        self.cached_key_values().iter().map(|kv| kv.at(self)).collect()
    }

    pub(crate) fn compute_key_values(self) -> Vec<KeyValue<'a>> {
        let words = &self.inst.words;
        let esc = self.inst.escape;
        match self.inst.kind {
            Keyword::Arg => words
                .iter()
                .map(|w| {
                    let t = self.text(w.span);
                    match t.find('=') {
                        Some(eq) => {
                            let r = self.range(w.span);
                            let key = cow_sub(&t, 0, eq);
                            let value = cow_sub(&t, eq + 1, t.len());
                            KeyValue {
                                key_range: r.start..r.start + eq,
                                key: unquote_cow(key, esc),
                                value_range: Some(r.start + eq + 1..r.end),
                                raw_value: Some(value),
                                legacy: false,
                            }
                        }
                        None => KeyValue {
                            key_range: self.range(w.span),
                            key: unquote_cow(t, esc),
                            value_range: None,
                            raw_value: None,
                            legacy: false,
                        },
                    }
                })
                .collect(),
            Keyword::Env | Keyword::Label => {
                let Some(first) = words.first() else {
                    return Vec::new();
                };
                let first_text = self.text(first.span);
                if !first_text.contains('=') {
                    let rest = Span::new(words.get(1).map_or(first.span.end, |w| w.span.start), self.inst.args.end);
                    let has_value = words.len() > 1;
                    return vec![KeyValue {
                        key_range: self.range(first.span),
                        key: unquote_cow(first_text, esc),
                        value_range: has_value.then(|| self.range(rest)),
                        raw_value: has_value.then(|| self.text(rest)),
                        legacy: true,
                    }];
                }
                words
                    .iter()
                    .filter_map(|w| {
                        let t = self.text(w.span);
                        let eq = t.find('=')?;
                        let r = self.range(w.span);
                        Some(KeyValue {
                            key_range: r.start..r.start + eq,
                            key: unquote_cow(cow_sub(&t, 0, eq), esc),
                            value_range: Some(r.start + eq + 1..r.end),
                            raw_value: Some(cow_sub(&t, eq + 1, t.len())),
                            legacy: false,
                        })
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// COPY/ADD sources, destination and `--from`.
    pub fn as_copy(self) -> Option<CopyView<'a>> {
        self.cached_copy().as_ref().map(|c| c.at(self))
    }

    pub(crate) fn compute_copy(self) -> Option<CopyView<'a>> {
        if !matches!(self.inst.kind, Keyword::Copy | Keyword::Add) {
            return None;
        }
        let mut sources: Vec<(TextRange, Cow<'a, str>)> = match &self.inst.exec {
            Some(e) => e
                .elements
                .iter()
                .map(|el| (self.range(el.span), Cow::Owned(el.value.clone().unwrap_or_default())))
                .collect(),
            None => self.inst.words.iter().map(|w| (self.range(w.span), self.text(w.span))).collect(),
        };
        let dest = if sources.len() >= 2 { sources.pop() } else { None };
        let heredoc_sources = match (&self.inst.exec, self.inst.heredocs.is_empty()) {
            (None, false) => (0..sources.len())
                .filter(|&i| self.inst.heredocs.iter().any(|h| h.word == self.inst.words[i].span))
                .collect(),
            _ => Vec::new(),
        };
        let from = self.flag("from").and_then(|f| Some((self.range(f.value?), self.flag_value(f)?)));
        Some(CopyView { sources, dest, heredoc_sources, from })
    }

    /// RUN's `--mount` flags.
    pub fn mounts(self) -> Vec<Mount> {
        if self.inst.kind != Keyword::Run {
            return Vec::new();
        }
        self.inst
            .flags
            .iter()
            .filter(|f| self.src(f.name) == "mount")
            .filter_map(|f| {
                let vspan = f.value?;
                let value = self.flag_value(f)?;
                let spec = parse_mount(&value).ok();
                let raw = self.src(vspan);
                let from = spec.as_ref().and_then(|s| s.get("from")).map(|fv| {
                    let at = raw.find(&format!("from={fv}")).map(|i| i + 5).unwrap_or(0);
                    let start = self.range(vspan).start + at;
                    (start..start + fv.len(), fv.to_string())
                });
                Some(Mount { value_range: self.range(vspan), spec, from })
            })
            .collect()
    }

    /// The shell-form command text (logical).
    pub fn shell_text(self) -> Option<Cow<'a, str>> {
        self.inst.shell.map(|s| self.text(s))
    }
}

/// [`unquote`] that keeps borrowed text borrowed when there is nothing to remove.
/// Views of one instruction, worked out on first use and kept in the instruction.
///
/// They depend only on the instruction's own text, so they stay right for as long as
/// the instruction does: the incremental parser keeps an untouched node's instruction
/// (only the node's offset moves), so after a keystroke only the edited instruction
/// works them out again. Ranges are kept relative to the node, and text as a range of
/// the node where the view borrowed the document, so a kept view is re-based on the
/// node's current offset. Derived data: two instructions compare equal whatever their
/// caches hold, and a clone starts empty.
#[derive(Default)]
pub struct ViewCache {
    key_values: OnceLock<Box<[RelKeyValue]>>,
    // Boxed: the cache sits in every instruction, most of which are neither.
    copy: OnceLock<Option<Box<RelCopy>>>,
    from: OnceLock<Option<Box<RelFrom>>>,
    pub(super) var_refs: OnceLock<Box<[super::VarRef]>>,
}

impl Clone for ViewCache {
    fn clone(&self) -> ViewCache {
        ViewCache::default()
    }
}

impl PartialEq for ViewCache {
    fn eq(&self, _: &ViewCache) -> bool {
        true
    }
}

impl Eq for ViewCache {}

impl std::fmt::Debug for ViewCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ViewCache")
    }
}

/// Text of a view: a node-relative range of the document, or its own copy (unquoted,
/// or joined from several lines).
enum RelStr {
    Source(u32, u32),
    Owned(Box<str>),
}

impl RelStr {
    fn of(inst: InstRef<'_>, c: Cow<'_, str>) -> RelStr {
        if let Cow::Borrowed(b) = &c {
            // Where a borrowed text sits in the document, from its address.
            let at = (b.as_ptr() as usize).wrapping_sub(inst.text.as_ptr() as usize);
            if at >= inst.offset && at.saturating_add(b.len()) <= inst.text.len() {
                let (a, z) = (at - inst.offset, at - inst.offset + b.len());
                if let (Ok(a), Ok(z)) = (u32::try_from(a), u32::try_from(z)) {
                    return RelStr::Source(a, z);
                }
            }
        }
        RelStr::Owned(c.into_owned().into_boxed_str())
    }

    fn at<'a>(&'a self, inst: InstRef<'a>) -> Cow<'a, str> {
        match self {
            RelStr::Source(a, z) => {
                Cow::Borrowed(inst.text.get(inst.offset + *a as usize..inst.offset + *z as usize).unwrap_or(""))
            }
            RelStr::Owned(s) => Cow::Borrowed(s),
        }
    }
}

fn rel_range(inst: InstRef<'_>, r: &TextRange) -> std::ops::Range<u32> {
    let rel = |x: usize| u32::try_from(x.saturating_sub(inst.offset)).unwrap_or(u32::MAX);
    rel(r.start)..rel(r.end)
}

fn abs_range(inst: InstRef<'_>, r: &std::ops::Range<u32>) -> TextRange {
    inst.offset + r.start as usize..inst.offset + r.end as usize
}

struct RelKeyValue {
    key_range: std::ops::Range<u32>,
    key: RelStr,
    value_range: Option<std::ops::Range<u32>>,
    raw_value: Option<RelStr>,
    legacy: bool,
}

impl RelKeyValue {
    fn of(inst: InstRef<'_>, kv: KeyValue<'_>) -> RelKeyValue {
        RelKeyValue {
            key_range: rel_range(inst, &kv.key_range),
            key: RelStr::of(inst, kv.key),
            value_range: kv.value_range.as_ref().map(|r| rel_range(inst, r)),
            raw_value: kv.raw_value.map(|v| RelStr::of(inst, v)),
            legacy: kv.legacy,
        }
    }

    fn at<'a>(&'a self, inst: InstRef<'a>) -> KeyValue<'a> {
        KeyValue {
            key_range: abs_range(inst, &self.key_range),
            key: self.key.at(inst),
            value_range: self.value_range.as_ref().map(|r| abs_range(inst, r)),
            raw_value: self.raw_value.as_ref().map(|v| v.at(inst)),
            legacy: self.legacy,
        }
    }
}

type RelPart = (std::ops::Range<u32>, RelStr);

fn rel_part(inst: InstRef<'_>, (r, t): (TextRange, Cow<'_, str>)) -> RelPart {
    (rel_range(inst, &r), RelStr::of(inst, t))
}

fn part_at<'a>(inst: InstRef<'a>, (r, t): &'a RelPart) -> (TextRange, Cow<'a, str>) {
    (abs_range(inst, r), t.at(inst))
}

struct RelCopy {
    sources: Box<[RelPart]>,
    dest: Option<RelPart>,
    heredoc_sources: Box<[usize]>,
    from: Option<RelPart>,
}

impl RelCopy {
    fn of(inst: InstRef<'_>, c: CopyView<'_>) -> RelCopy {
        RelCopy {
            sources: c.sources.into_iter().map(|p| rel_part(inst, p)).collect(),
            dest: c.dest.map(|p| rel_part(inst, p)),
            heredoc_sources: c.heredoc_sources.into(),
            from: c.from.map(|p| rel_part(inst, p)),
        }
    }

    fn at<'a>(&'a self, inst: InstRef<'a>) -> CopyView<'a> {
        CopyView {
            sources: self.sources.iter().map(|p| part_at(inst, p)).collect(),
            dest: self.dest.as_ref().map(|p| part_at(inst, p)),
            heredoc_sources: self.heredoc_sources.to_vec(),
            from: self.from.as_ref().map(|p| part_at(inst, p)),
        }
    }
}

struct RelFrom {
    image_range: std::ops::Range<u32>,
    image_text: RelStr,
    image: ImageRef,
    platform: Option<RelPart>,
    as_keyword: Option<std::ops::Range<u32>>,
    stage: Option<RelPart>,
}

impl RelFrom {
    fn of(inst: InstRef<'_>, f: FromView<'_>) -> RelFrom {
        RelFrom {
            image_range: rel_range(inst, &f.image_range),
            image_text: RelStr::of(inst, f.image_text),
            image: f.image,
            platform: f.platform.map(|p| rel_part(inst, p)),
            as_keyword: f.as_keyword.as_ref().map(|r| rel_range(inst, r)),
            stage: f.stage.map(|p| rel_part(inst, p)),
        }
    }

    fn at<'a>(&'a self, inst: InstRef<'a>) -> FromView<'a> {
        FromView {
            image_range: abs_range(inst, &self.image_range),
            image_text: self.image_text.at(inst),
            image: self.image.clone(),
            platform: self.platform.as_ref().map(|p| part_at(inst, p)),
            as_keyword: self.as_keyword.as_ref().map(|r| abs_range(inst, r)),
            stage: self.stage.as_ref().map(|p| part_at(inst, p)),
        }
    }
}

fn unquote_cow(text: Cow<'_, str>, escape: u8) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => unquote(s, escape),
        Cow::Owned(s) => {
            let unquoted = unquote(&s, escape).into_owned();
            Cow::Owned(unquoted)
        }
    }
}

fn cow_sub<'a>(c: &Cow<'a, str>, a: usize, b: usize) -> Cow<'a, str> {
    match c {
        Cow::Borrowed(s) => Cow::Borrowed(&s[a..b]),
        Cow::Owned(s) => Cow::Owned(s[a..b].to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_options_follow_buildkit() {
        let o = parse_check_options("skip=JSONArgsRecommended,StageNameCasing;error=true").unwrap_or_default();
        assert_eq!(o.skip, ["JSONArgsRecommended", "StageNameCasing"]);
        assert!(o.error);
        assert!(parse_check_options("skip=all").is_ok_and(|o| o.skip_all));
        assert!(parse_check_options("skip").is_err());
        assert!(parse_check_options("error=maybe").is_err());
        assert!(parse_check_options("frobnicate=1").is_err());
    }

    #[test]
    fn mounts() {
        assert!(parse_mount("type=cache,target=/root/.cache").is_ok());
        assert!(parse_mount("type=secret,id=npmrc,target=/root/.npmrc,required").is_ok());
        assert_eq!(
            parse_mount("type=cahce,target=/x").err().as_deref(),
            Some("unsupported mount type \"cahce\" (did you mean cache?)")
        );
        assert!(parse_mount("type=bind,mode=0755").is_err_and(|e| e.contains("mode not allowed")));
        assert!(parse_mount("type=tmpfs,size=64m").is_ok());
        assert!(parse_mount("type=secret").is_err());
        assert!(parse_mount("target").is_err_and(|e| e.contains("key=value")));
        assert!(parse_mount("type=cache,tagret=/x").is_err_and(|e| e.contains("did you mean target")));
        assert!(parse_mount("type=bind,from=$X,target=/x").is_err_and(|e| e.contains("doesn't support variable")));
        assert!(parse_mount("type=cache,target=$DIR").is_ok(), "other fields may use variables");
    }
}
