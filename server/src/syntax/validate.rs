//! Per-instruction checks that `docker build` performs while reading instructions
//! (BuildKit's `instructions.Parse` and the flag and value checks of its dispatcher):
//! arity, flags, stage names, image references, ONBUILD triggers, HEALTHCHECK, SHELL,
//! VOLUME, ENV/LABEL syntax and variable substitutions. Checks that need other
//! instructions (stage order, names defined elsewhere) live in `rules`.

use super::image_ref::ImageRef;
use super::lexer::Logical;
use super::vars;
use super::words::unquote_flag;
use super::{ErrorKind, Instruction, Keyword, Span, SyntaxError, Word, suggest};
use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagType {
    Bool,
    Str,
    Strs,
}

use FlagType::{Bool, Str, Strs};

/// The flags each instruction declares; `None` where BuildKit never parses flags.
fn declared_flags(kind: Keyword, healthcheck_none: bool) -> Option<&'static [(&'static str, FlagType)]> {
    Some(match kind {
        Keyword::Add => &[
            ("chown", Str),
            ("chmod", Str),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", Str),
            ("unpack", Bool),
            ("exclude", Strs),
        ],
        Keyword::Copy => {
            &[("chown", Str), ("from", Str), ("chmod", Str), ("link", Bool), ("exclude", Strs), ("parents", Bool)]
        }
        Keyword::From => &[("platform", Str)],
        Keyword::Run => &[("mount", Strs), ("network", Str), ("security", Str), ("device", Strs)],
        Keyword::Healthcheck if !healthcheck_none => {
            &[("interval", Str), ("timeout", Str), ("start-period", Str), ("start-interval", Str), ("retries", Str)]
        }
        Keyword::Arg | Keyword::Stopsignal | Keyword::Healthcheck | Keyword::Unknown => {
            return None;
        }
        _ => &[],
    })
}

/// Every flag name any instruction takes, for completion and docs.
pub fn flag_names(kind: Keyword) -> Vec<&'static str> {
    declared_flags(kind, false).unwrap_or(&[]).iter().map(|(n, _)| *n).collect()
}

struct Ctx<'a, 'b> {
    lg: &'a Logical<'b>,
    inst: &'a mut Instruction,
}

impl<'a> Ctx<'a, '_> {
    fn err(&mut self, kind: ErrorKind, span: Span, msg: impl Into<String>) {
        self.inst.errors.push(SyntaxError::new(kind, span, msg));
    }

    fn text(&self, span: Span) -> &'a str {
        self.lg.slice(span)
    }

    /// Reports variable substitution errors in a span's logical text.
    fn check_vars(&mut self, span: Span) {
        let (a, z) = self.lg.range_of(span);
        let Some(t) = self.lg.text.get(a..z) else {
            return;
        };
        if !vars::may_have_errors(t) {
            return;
        }
        for e in vars::scan_errors(t, self.inst.escape) {
            let s = self.lg.span(a + e.range.start, a + e.range.end);
            self.err(ErrorKind::BadSubstitution, s, e.message);
        }
    }

    fn args_empty(&self) -> bool {
        self.inst.args.is_empty()
    }

    /// The span from the first to the last argument word (or the keyword when none).
    fn args_or_keyword(&self) -> Span {
        if self.args_empty() { self.inst.keyword } else { self.inst.args }
    }
}

pub(crate) fn validate(lg: &Logical<'_>, _s: &str, kw_text: &str, inst: &mut Instruction, depth: u32) {
    let mut c = Ctx { lg, inst };
    let kind = c.inst.kind;

    if kind == Keyword::Unknown {
        let names = Keyword::ALL.map(Keyword::name);
        let msg = if kw_text.is_empty() {
            "unknown instruction: a line continuation with no instruction before it".to_string()
        } else {
            match suggest(kw_text, names, true) {
                Some(m) => {
                    let shown = if kw_text == kw_text.to_lowercase() { m.to_lowercase() } else { m.to_string() };
                    format!("unknown instruction: {kw_text} (did you mean {shown}?)")
                }
                None => format!("unknown instruction: {kw_text}"),
            }
        };
        let span = if kw_text.is_empty() { c.inst.span } else { c.inst.keyword };
        c.err(ErrorKind::UnknownInstruction, span, msg);
        return;
    }

    let healthcheck_none = kind == Keyword::Healthcheck
        && c.inst.words.first().is_some_and(|w| c.text(w.span).eq_ignore_ascii_case("NONE"));
    check_flags(&mut c, kind, healthcheck_none);

    let n_words = c.inst.words.len();
    let name = kind.name();
    match kind {
        Keyword::From => check_from(&mut c),
        Keyword::Env | Keyword::Label => check_key_values(&mut c, name),
        Keyword::Arg => {
            if n_words == 0 {
                c.err(ErrorKind::WrongArgumentCount, c.inst.keyword, "ARG requires at least one argument");
            }
            for i in 0..c.inst.words.len() {
                let w = c.inst.words[i];
                if c.text(w.span).starts_with('=') {
                    c.err(ErrorKind::InvalidKeyValue, w.span, "ARG names can not be blank");
                }
            }
            c.check_vars(c.inst.args);
        }
        Keyword::Maintainer | Keyword::Workdir | Keyword::User | Keyword::Stopsignal => {
            if c.args_empty() {
                c.err(ErrorKind::WrongArgumentCount, c.inst.keyword, format!("{name} requires exactly one argument"));
            } else if kind != Keyword::Maintainer {
                c.check_vars(c.inst.args);
            }
        }
        Keyword::Expose => {
            if c.args_empty() {
                c.err(ErrorKind::WrongArgumentCount, c.inst.keyword, "EXPOSE requires at least one argument");
            }
            c.check_vars(c.inst.args);
        }
        Keyword::Volume => {
            if c.args_empty() || c.inst.exec.as_ref().is_some_and(|e| e.elements.is_empty()) {
                c.err(ErrorKind::WrongArgumentCount, c.args_or_keyword(), "VOLUME requires at least one argument");
            }
            if let Some(exec) = &c.inst.exec {
                let empties: Vec<Span> = exec
                    .elements
                    .iter()
                    .filter(|e| e.value.as_deref().is_some_and(|v| v.trim().is_empty()))
                    .map(|e| e.span)
                    .collect();
                for s in empties {
                    c.err(ErrorKind::EmptyVolume, s, "VOLUME specified can not be an empty string");
                }
            }
            c.check_vars(c.inst.args);
        }
        Keyword::Add | Keyword::Copy => check_copy(&mut c, name),
        Keyword::Onbuild => check_onbuild(&mut c, depth),
        Keyword::Healthcheck => check_healthcheck(&mut c, healthcheck_none),
        Keyword::Shell => {
            let empty = c.args_empty() || c.inst.exec.as_ref().is_some_and(|e| e.elements.is_empty());
            if empty {
                c.err(ErrorKind::WrongArgumentCount, c.args_or_keyword(), "SHELL requires at least one argument");
            } else if c.inst.exec.is_none() {
                c.err(ErrorKind::ShellNotJson, c.inst.args, "SHELL requires the arguments to be in JSON form");
            }
        }
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Unknown => {}
    }
}

/// Whether `s` holds the ASCII byte `b`: a plain loop, which on words this short costs
/// less than setting up `str::contains`'s vectorised search.
fn has_byte(s: &str, b: u8) -> bool {
    s.bytes().any(|c| c == b)
}

fn check_flags(c: &mut Ctx<'_, '_>, kind: Keyword, healthcheck_none: bool) {
    let Some(declared) = declared_flags(kind, healthcheck_none) else { return };
    let mut used: u32 = 0;
    for fi in 0..c.inst.flags.len() {
        let flag = c.inst.flags[fi];
        let name_text = c.text(flag.name);
        let Some(pos) = declared.iter().position(|(n, _)| *n == name_text) else {
            let msg = match suggest(name_text, declared.iter().map(|(n, _)| *n), false) {
                Some(m) => format!("unknown flag: --{name_text} (did you mean {m}?)"),
                None => format!("unknown flag: --{name_text}"),
            };
            c.err(ErrorKind::UnknownFlag, flag.span, msg);
            continue;
        };
        let (decl, ty) = declared[pos];
        if used & (1 << pos) != 0 && ty != Strs {
            c.err(ErrorKind::DuplicateFlag, flag.span, format!("duplicate flag specified: --{name_text}"));
            continue;
        }
        used |= 1 << pos;
        let value: Option<Cow<'_, str>> = flag.value.map(|v| unquote_flag(Cow::Borrowed(c.text(v)), c.inst.escape));
        let value_span = flag.value.unwrap_or(flag.span);
        match (ty, value.as_deref()) {
            (Bool, Some("")) | (Str | Strs, None) => {
                c.err(ErrorKind::MissingFlagValue, flag.span, format!("missing a value on flag: --{name_text}"));
                continue;
            }
            (Bool, Some(v)) if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") => {
                c.err(
                    ErrorKind::InvalidFlagValue,
                    value_span,
                    format!("expecting boolean value for flag --{name_text}, not: {v}"),
                );
                continue;
            }
            _ => {}
        }
        let Some(v) = value else { continue };
        // Values BuildKit expands get their substitutions checked; --from is never expanded.
        let expands = matches!(
            (kind, decl),
            (Keyword::Add | Keyword::Copy, "chown" | "chmod" | "checksum")
                | (Keyword::Run, "mount")
                | (Keyword::From, "platform")
        );
        if expands {
            c.check_vars(value_span);
        }
        let has_vars = has_byte(&v, b'$');
        if let Some(msg) = value_error(kind, decl, &v, has_vars) {
            let ek = if decl == "mount" { ErrorKind::InvalidMount } else { ErrorKind::InvalidFlagValue };
            c.err(ek, value_span, msg);
        }
        if kind == Keyword::Copy && decl == "from" && has_vars && vars::has_vars(&v, c.inst.escape) {
            c.err(
                ErrorKind::CopyFromVariable,
                value_span,
                "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
            );
        }
    }
}

/// Type and format checks on a flag value.
fn value_error(kind: Keyword, flag: &str, v: &str, has_vars: bool) -> Option<String> {
    match (kind, flag) {
        (Keyword::Add | Keyword::Copy, "chmod") if !has_vars => chmod_error(v),
        (Keyword::From, "platform") if !has_vars => platform_error(v),
        (Keyword::Healthcheck, "retries") => match v.parse::<i64>() {
            Ok(n) if n < 0 => Some(format!("--retries cannot be negative ({n})")),
            Ok(n) if n > i64::from(i32::MAX) => Some(format!("strconv.ParseInt: parsing \"{v}\": value out of range")),
            Ok(_) => None,
            Err(_) => Some(format!("strconv.ParseInt: parsing \"{v}\": invalid syntax")),
        },
        (Keyword::Healthcheck, _) => match parse_go_duration(v) {
            None => Some(format!("time: invalid duration \"{v}\"")),
            Some(ns) if ns != 0 && ns < 1_000_000 => Some(format!("Interval \"{flag}\" cannot be less than 1ms")),
            Some(_) => None,
        },
        (Keyword::Run, "network") if !has_vars => {
            (!matches!(v, "default" | "none" | "host")).then(|| format!("invalid network mode \"{v}\""))
        }
        (Keyword::Run, "security") if !has_vars => {
            (!matches!(v, "insecure" | "sandbox")).then(|| format!("security \"{v}\" is not valid"))
        }
        (Keyword::Run, "mount") => super::views::parse_mount(v).err(),
        (Keyword::Add, "checksum") if !has_vars => checksum_error(v),
        _ => None,
    }
}

fn chmod_error(v: &str) -> Option<String> {
    let non_octal =
        || Some(format!("invalid chmod parameter: '{v}'. it should be octal string and between 0 and 07777"));
    if !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()) {
        return match u32::from_str_radix(v, 8) {
            Ok(p) if p <= 0o7777 => None,
            _ => non_octal(),
        };
    }
    // Symbolic modes: comma-separated `[ugoa]*([-+=]([rwxXst]*|[ugo]))+`.
    let clause_ok = |cl: &str| {
        let b = cl.as_bytes();
        let mut i = 0;
        while i < b.len() && matches!(b[i], b'u' | b'g' | b'o' | b'a') {
            i += 1;
        }
        if i >= b.len() {
            return false;
        }
        while i < b.len() {
            if !matches!(b[i], b'+' | b'-' | b'=') {
                return false;
            }
            i += 1;
            while i < b.len() && matches!(b[i], b'r' | b'w' | b'x' | b'X' | b's' | b't' | b'u' | b'g' | b'o') {
                i += 1;
            }
        }
        true
    };
    if !v.is_empty() && v.split(',').all(clause_ok) {
        None
    } else if v.bytes().any(|c| c.is_ascii_digit()) {
        non_octal()
    } else {
        Some(format!("invalid chmod parameter: '{v}'"))
    }
}

/// `os[/arch[/variant]]` or a bare architecture, as containerd's platform parser takes.
pub(crate) fn platform_error(v: &str) -> Option<String> {
    let parts: Vec<&str> = v.split('/').collect();
    let ok_part =
        |p: &str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.');
    if parts.len() > 3 || !parts.iter().all(|p| ok_part(p)) {
        return Some(format!("failed to parse platform {v}: \"{v}\": invalid platform specifier"));
    }
    None
}

fn checksum_error(v: &str) -> Option<String> {
    if v.starts_with("http") {
        return None;
    }
    let ok = v.split_once(':').is_some_and(|(alg, hex)| {
        matches!(alg, "sha256" | "sha384" | "sha512") && !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit())
    });
    (!ok).then(|| format!("invalid checksum digest format: {v}"))
}

/// Go's `time.ParseDuration`, in nanoseconds.
pub(crate) fn parse_go_duration(s: &str) -> Option<u128> {
    let mut rest = s.strip_prefix(['+', '-']).unwrap_or(s);
    let negative = s.starts_with('-');
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_len = rest.bytes().take_while(|c| c.is_ascii_digit() || *c == b'.').count();
        if num_len == 0 {
            return None;
        }
        let num: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest.bytes().take_while(|c| !c.is_ascii_digit() && *c != b'.').count();
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let mult = match unit {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += num * mult;
    }
    if negative {
        return Some(0).filter(|_| total == 0.0).or(Some(1));
    }
    Some(total as u128)
}

fn check_from(c: &mut Ctx<'_, '_>) {
    let words = &c.inst.words;
    let n = words.len();
    let w0 = words.first().copied();
    let w1 = words.get(1).copied();
    let w2 = words.get(2).copied();
    let wl = words.last().copied();
    match n {
        1 => {}
        3 if w1.is_some_and(|w| c.text(w.span).eq_ignore_ascii_case("as")) => {
            let w2 = w2.unwrap_or(Word { span: Span::default() });
            let original = c.text(w2.span);
            // BuildKit lower-cases the name first (a few non-ASCII letters, such as the
            // Kelvin sign, become ASCII); ASCII names need no copy.
            let lowered;
            let name = if original.is_ascii() {
                original
            } else {
                lowered = original.to_lowercase();
                &lowered
            };
            let valid = name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
            if !valid {
                c.err(
                    ErrorKind::InvalidStageName,
                    w2.span,
                    format!("invalid name for build stage: \"{original}\", name can't start with a number or contain symbols"),
                );
            }
        }
        0 => c.err(ErrorKind::WrongArgumentCount, c.inst.keyword, "FROM requires either one or three arguments"),
        _ => {
            let start = w1.map_or(0, |w| w.span.start);
            let span = Span::new(start, wl.map_or(start, |w| w.span.end));
            c.err(ErrorKind::WrongArgumentCount, span, "FROM requires either one or three arguments");
        }
    }
    if let Some(w) = w0 {
        c.check_vars(w.span);
        let image = super::words::unquote(c.text(w.span), c.inst.escape);
        if !has_byte(&image, b'$') && !image.eq_ignore_ascii_case("scratch") {
            let r = ImageRef::parse(&image);
            if let Some((_, msg)) = r.error {
                c.err(
                    ErrorKind::InvalidImageReference,
                    w.span,
                    format!("failed to parse stage name \"{image}\": {msg}"),
                );
            }
        }
    }
}

fn check_key_values(c: &mut Ctx<'_, '_>, name: &str) {
    let Some(first) = c.inst.words.first().copied() else {
        c.err(ErrorKind::WrongArgumentCount, c.inst.keyword, format!("{name} requires at least one argument"));
        return;
    };
    let n = c.inst.words.len();
    if !has_byte(c.text(first.span), b'=') {
        // Legacy `KEY value` form: the rest of the line after the key is the value.
        if n < 2 {
            c.err(ErrorKind::InvalidKeyValue, first.span, format!("{name} must have two arguments"));
        }
    } else {
        for i in 0..n {
            let w = c.inst.words[i];
            let t = c.text(w.span);
            if !has_byte(t, b'=') {
                c.err(
                    ErrorKind::InvalidKeyValue,
                    w.span,
                    format!("Syntax error - can't find = in \"{t}\". Must be of the form: name=value"),
                );
            } else if t.starts_with('=') {
                c.err(ErrorKind::InvalidKeyValue, w.span, format!("{name} names can not be blank"));
            }
        }
    }
    c.check_vars(c.inst.args);
}

fn check_copy(c: &mut Ctx<'_, '_>, name: &str) {
    let n = match &c.inst.exec {
        Some(e) => e.elements.len(),
        None => c.inst.words.len(),
    };
    if n < 2 {
        c.err(
            ErrorKind::WrongArgumentCount,
            c.args_or_keyword(),
            format!(
                "{name} requires at least two arguments, but only one was provided. Destination could not be determined"
            ),
        );
    }
    if let Some(last) = c.inst.words.last().copied() {
        if n >= 2 && c.inst.heredocs.iter().any(|h| h.word == last.span) {
            c.err(ErrorKind::InvalidHeredoc, last.span, format!("{name} cannot accept a heredoc as a destination"));
        }
    }
    // Words without a `$` among them (most) have nothing to check.
    if memchr::memchr(b'$', c.lg.text.as_bytes()).is_some() {
        for i in 0..c.inst.words.len() {
            let w = c.inst.words[i];
            if !c.inst.heredocs.iter().any(|h| h.word == w.span) {
                c.check_vars(w.span);
            }
        }
    }
    if let Some(span) = c.inst.exec.as_ref().map(|e| e.span) {
        c.check_vars(span);
    }
}

fn check_onbuild(c: &mut Ctx<'_, '_>, depth: u32) {
    let Some(trigger) = c.inst.trigger.as_deref() else {
        c.err(ErrorKind::WrongArgumentCount, c.inst.keyword, "ONBUILD requires at least one argument");
        return;
    };
    let (tk, tkw) = (trigger.kind, trigger.keyword);
    let shown = c.text(tkw).to_uppercase();
    match tk {
        Keyword::Onbuild => {
            c.err(ErrorKind::OnbuildInvalidTrigger, tkw, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            if depth > 0 {}
        }
        Keyword::From | Keyword::Maintainer => {
            c.err(ErrorKind::OnbuildInvalidTrigger, tkw, format!("{shown} isn't allowed as an ONBUILD trigger"));
        }
        _ => {}
    }
}

fn check_healthcheck(c: &mut Ctx<'_, '_>, none: bool) {
    let Some(typ) = c.inst.words.first().copied() else {
        c.err(ErrorKind::WrongArgumentCount, c.inst.keyword, "HEALTHCHECK requires at least one argument");
        return;
    };
    let has_cmd = c.inst.exec.as_ref().is_some_and(|e| !e.elements.is_empty()) || c.inst.shell.is_some();
    if none {
        if c.inst.exec.is_some() || c.inst.shell.is_some() {
            let span = c.inst.shell.or(c.inst.exec.as_ref().map(|e| e.span)).unwrap_or(typ.span);
            c.err(ErrorKind::InvalidHealthcheck, span, "HEALTHCHECK NONE takes no arguments");
        }
        return;
    }
    let t = c.text(typ.span);
    // Go upper-cases the word before comparing; no non-ASCII letter becomes C, M or D.
    if t.eq_ignore_ascii_case("CMD") {
        if !has_cmd {
            c.err(ErrorKind::InvalidHealthcheck, typ.span, "Missing command after HEALTHCHECK CMD");
        }
    } else {
        c.err(
            ErrorKind::InvalidHealthcheck,
            typ.span,
            format!("Unknown type \"{}\" in HEALTHCHECK (try CMD)", t.to_uppercase()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("30s"), Some(30_000_000_000));
        assert_eq!(parse_go_duration("1m30s"), Some(90_000_000_000));
        assert_eq!(parse_go_duration("1.5h"), Some(5_400_000_000_000));
        assert_eq!(parse_go_duration("0"), Some(0));
        assert_eq!(parse_go_duration("500us"), Some(500_000));
        for bad in ["", "30", "s", "1x", "1..2s", "abc"] {
            assert_eq!(parse_go_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn chmod_values() {
        assert_eq!(chmod_error("755"), None);
        assert_eq!(chmod_error("0644"), None);
        assert_eq!(chmod_error("u+x,g-w"), None);
        assert!(chmod_error("999").is_some_and(|m| m.contains("octal")));
        assert!(chmod_error("17777").is_some());
        assert!(chmod_error("rwx").is_some());
    }
}
