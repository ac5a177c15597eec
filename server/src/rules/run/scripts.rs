//! The shell code RUN instructions execute, with the stage context the RUN rules need:
//! which shell runs it (SHELL, Windows base images), whether `pipefail` is on, and how
//! to map a range of the code back to the document.
//!
//! The shell-form text of a RUN is parsed once per document by [`Context::shell`];
//! heredoc bodies run by a POSIX shell (`RUN <<EOF`, `RUN bash <<EOF`) are parsed
//! here, when a RUN has them.

use std::borrow::Cow;
use std::ops::Range;

use crate::images::catalog::{OsFamily, catalog};
use crate::model::shell::{self, Command, Script};
use crate::model::{Base, Stage};
use crate::rules::{Context, Edit};
use crate::syntax::image_ref::ImageRef;
use crate::syntax::{InstRef, Keyword, Span, TextRange};

/// A RUN whose code a POSIX shell executes.
pub(crate) struct Run<'a> {
    pub node: usize,
    /// The RUN (for `ONBUILD RUN`, the trigger).
    pub inst: InstRef<'a>,
    pub stage: Option<usize>,
    /// Inside `ONBUILD`.
    pub onbuild: bool,
}

impl Run<'_> {
    /// Whether a `--mount=type=cache` or `type=tmpfs` of this RUN has a target that
    /// contains `path` (so whatever is written there never reaches the image).
    pub fn caches(&self, path: &str) -> bool {
        if !self.inst.inst.flags.iter().any(|f| self.inst.src(f.name) == "mount") {
            return false;
        }
        self.inst.mounts().iter().filter_map(|m| m.spec.as_ref()).any(|spec| {
            matches!(spec.kind.as_str(), "cache" | "tmpfs")
                && ["target", "dst", "destination"].iter().any(|k| spec.get(k).is_some_and(|t| t.contains(path)))
        })
    }
}

/// Where a piece of code is in the document.
#[derive(Clone, Copy)]
enum Origin {
    /// The shell-form text of the instruction (logical text of this span).
    Shell(Span),
    /// Text that is the source as written, from this absolute offset: the shell text of
    /// an ONBUILD trigger (which has no pieces of its own).
    Raw(usize),
    /// A heredoc body starting at this absolute offset.
    Heredoc(usize),
}

/// One piece of shell code a RUN executes: its shell-form text or a heredoc body.
pub(crate) struct Code<'a> {
    /// The text the script's ranges point into.
    pub src: &'a str,
    pub script: Cow<'a, Script>,
    /// The shell that runs it has `pipefail` on (SHELL, or `bash -o pipefail <<EOF`).
    pub pipefail: bool,
    inst: InstRef<'a>,
    origin: Origin,
}

impl<'a> Code<'a> {
    /// The document range of a range of [`Code::src`].
    pub fn range(&self, r: Range<usize>) -> TextRange {
        match self.origin {
            Origin::Shell(span) => self.inst.map_logical(span, r),
            Origin::Raw(start) | Origin::Heredoc(start) => start + r.start..start + r.end,
        }
    }

    /// The document offset right after byte `p` of [`Code::src`] (for insertions after
    /// a word: stays on the word's line when a continuation follows).
    pub fn after(&self, p: usize) -> usize {
        match self.origin {
            Origin::Shell(span) if p > 0 => self.inst.map_logical(span, p - 1..p).end,
            Origin::Shell(span) => self.inst.map_logical(span, 0..0).start,
            Origin::Raw(start) | Origin::Heredoc(start) => start + p,
        }
    }

    /// An edit inserting `text` right after byte `p` of the code.
    pub fn insert_after(&self, p: usize, text: impl Into<String>) -> Edit {
        let at = self.after(p);
        Edit { range: at..at, text: text.into() }
    }

    /// An edit that runs `command` after everything else in the code: ` && command` at
    /// the end of the command chain (on a new continuation line when the RUN is laid out
    /// one command per line), or a new last line of a heredoc body. `None` when the end
    /// of the code is not a plain command chain (a trailing comment, `&`, a shell heredoc).
    pub fn append(&self, command: &str) -> Option<Edit> {
        let cmds = &self.script.commands;
        if cmds.iter().any(|c| c.redirects.iter().any(|r| r.heredoc_body.is_some())) {
            return None;
        }
        if let Origin::Heredoc(start) = self.origin {
            let body = self.src;
            let last_line = body.trim_end_matches('\n').rsplit('\n').next().unwrap_or("");
            if last_line.trim_end().ends_with('\\') {
                return None;
            }
            let indent: String = last_line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            let at = start + body.len();
            let text = if body.is_empty() || body.ends_with('\n') {
                format!("{indent}{command}\n")
            } else {
                format!("\n{indent}{command}")
            };
            return Some(Edit { range: at..at, text });
        }
        let src = self.src;
        let last_end = cmds.iter().filter(|c| c.depth == 0).map(|c| c.range.end).max()?;
        let end = src.trim_end_matches(|c: char| c.is_whitespace() || c == ';').len();
        let gap = src.get(last_end..end.max(last_end))?;
        let closing_only = gap
            .split(|c: char| c.is_whitespace() || c == ';')
            .all(|t| t.is_empty() || matches!(t, "fi" | "done" | "esac" | "}" | ")" | "))"));
        if !closing_only || end == 0 {
            return None;
        }
        let at = self.after(end);
        let text = self.inst.text;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..at];
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let esc = self.inst.inst.escape as char;
        let multi_line = line_start > self.inst.start();
        let insert = if multi_line && line.trim_start().starts_with("&&") {
            format!(" {esc}\n{indent}&& {command}")
        } else if multi_line && previous_line_ends_with_and(text, line_start, esc) {
            format!(" && {esc}\n{indent}{command}")
        } else {
            format!(" && {command}")
        };
        Some(Edit { range: at..at, text: insert })
    }
}

/// Whether the line before the one starting at `line_start` ends with `&& \`.
fn previous_line_ends_with_and(text: &str, line_start: usize, esc: char) -> bool {
    let Some(prev) = text.get(..line_start.saturating_sub(1)) else {
        return false;
    };
    let prev = prev.rsplit('\n').next().unwrap_or("").trim_end();
    prev.strip_suffix(esc).is_some_and(|p| p.trim_end().ends_with("&&"))
}

/// Shells whose `-o pipefail` hadolint accepts (ksh and mksh have it too).
const PIPEFAIL_SHELLS: [&str; 5] = ["bash", "zsh", "ash", "ksh", "mksh"];
/// Shells that read a script from standard input.
const POSIX_SHELLS: [&str; 8] = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"];

/// The shell a SHELL instruction selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShellKind {
    posix: bool,
    pipefail: bool,
}

/// `pwsh`, `powershell`, `cmd` (with any directory, either slash, and `.exe`).
fn is_non_posix(exe: &str) -> bool {
    let base = exe.rsplit(['/', '\\']).next().unwrap_or(exe).to_ascii_lowercase();
    let base = base.strip_suffix(".exe").unwrap_or(&base);
    matches!(base, "pwsh" | "powershell" | "cmd")
}

/// Whether argument words turn `pipefail` on: `-o pipefail`, `-eo pipefail`.
fn args_set_pipefail<'s>(args: impl Iterator<Item = &'s str>) -> bool {
    let mut want = false;
    for a in args {
        if want && a == "pipefail" {
            return true;
        }
        want = a.starts_with('-') && !a.starts_with("--") && a.ends_with('o');
    }
    false
}

fn shell_kind(inst: InstRef<'_>) -> Option<ShellKind> {
    let exec = inst.inst.exec.as_ref()?;
    let mut strings = exec.strings();
    let exe = strings.next()?;
    if is_non_posix(exe) {
        return Some(ShellKind { posix: false, pipefail: false });
    }
    let base = exe.rsplit('/').next().unwrap_or(exe);
    let pipefail = PIPEFAIL_SHELLS.contains(&base) && args_set_pipefail(strings);
    Some(ShellKind { posix: true, pipefail })
}

/// Per stage: the SHELL in effect at its end (inherited by `FROM <stage>`).
#[derive(Clone, Copy, Default)]
struct StageState {
    shell: Option<ShellKind>,
}

/// Whether a stage's root image is a Windows image, remembered per image text.
struct WindowsMemo {
    by_image: Vec<(String, bool)>,
}

impl WindowsMemo {
    fn is_windows(&mut self, cx: &Context<'_>, stage: &Stage) -> bool {
        let Some(root) = cx.model.root_image(stage.index) else {
            return false;
        };
        let from = cx.inst(root.node);
        if let Some(p) = from.flag("platform").and_then(|f| from.flag_value(f)) {
            if p.trim().to_ascii_lowercase().starts_with("windows") {
                return true;
            }
        }
        if root.base != Base::Image {
            return false;
        }
        let Some(image) = root.image.as_deref() else {
            return false;
        };
        if let Some((_, w)) = self.by_image.iter().find(|(i, _)| i == image) {
            return *w;
        }
        let windows = image_is_windows(cx, image);
        if self.by_image.len() < 64 {
            self.by_image.push((image.to_string(), windows));
        }
        windows
    }
}

pub(crate) fn image_is_windows(cx: &Context<'_>, image: &str) -> bool {
    if let Some(family) = os_family(cx, image) {
        return family == OsFamily::Windows;
    }
    // Microsoft's Windows base repositories, and the tag words every Windows variant
    // uses, when the catalog does not know the image.
    let r = ImageRef::parse(image);
    let Some(n) = r.normalize(image) else {
        return false;
    };
    let windows_repo =
        n.registry == "mcr.microsoft.com" && (n.repository == "windows" || n.repository.starts_with("windows/"));
    let windows_tag = n
        .tag
        .as_deref()
        .is_some_and(|t| t.split('-').any(|w| matches!(w, "windowsservercore" | "nanoserver" | "servercore")));
    windows_repo || windows_tag
}

/// The OS family of an image according to the catalog, when it knows.
pub(crate) fn os_family(cx: &Context<'_>, image: &str) -> Option<OsFamily> {
    Some(resolve(cx, image)?.os?.family)
}

pub(crate) fn resolve(cx: &Context<'_>, image: &str) -> Option<crate::images::catalog::Resolution> {
    let r = ImageRef::parse(image);
    let n = r.normalize(image)?;
    let res = catalog().resolve(&n.short_name(), n.tag.as_deref(), cx.today);
    Some(res)
}

/// Calls `f` for every RUN (shell form, also inside ONBUILD) that a POSIX shell runs,
/// with its code: the shell-form text and the heredoc bodies the shell executes.
/// RUNs after a SHELL selecting PowerShell or cmd, and RUNs in stages on a Windows
/// image (without a POSIX SHELL), are skipped.
pub(crate) fn each_run<'a>(cx: &Context<'a>, mut f: impl FnMut(&Run<'a>, &[Code<'_>])) {
    let mut states: Vec<StageState> = vec![StageState::default(); cx.model.stages.len()];
    let mut windows: Vec<Option<bool>> = vec![None; cx.model.stages.len()];
    let mut memo = WindowsMemo { by_image: Vec::new() };
    for (node, inst) in cx.instructions() {
        let stage = cx.model.node_stage.get(node).copied().flatten();
        match inst.kind() {
            Keyword::From => {
                if let Some(s) = stage.and_then(|s| cx.model.stages.get(s)) {
                    let inherited = match s.base {
                        Base::Stage(p) if p < s.index => states.get(p).copied().unwrap_or_default(),
                        _ => StageState::default(),
                    };
                    if let Some(st) = states.get_mut(s.index) {
                        *st = inherited;
                    }
                }
                continue;
            }
            Keyword::Shell => {
                if let (Some(s), Some(kind)) = (stage, shell_kind(inst)) {
                    if let Some(st) = states.get_mut(s) {
                        st.shell = Some(kind);
                    }
                }
                continue;
            }
            Keyword::Run | Keyword::Onbuild => {}
            _ => continue,
        }
        let onbuild = inst.kind() == Keyword::Onbuild;
        let run = if onbuild {
            match inst.trigger() {
                Some(t) if t.kind() == Keyword::Run => t,
                _ => continue,
            }
        } else {
            inst
        };
        let Some(span) = run.inst.shell else { continue };
        let state = stage.and_then(|s| states.get(s)).copied().unwrap_or_default();
        let posix = match state.shell {
            Some(k) => k.posix,
            None => match stage.and_then(|s| cx.model.stages.get(s)) {
                Some(s) => {
                    let w = *windows[s.index].get_or_insert_with(|| memo.is_windows(cx, s));
                    !w
                }
                None => true,
            },
        };
        if !posix {
            continue;
        }
        let Some(sh) = cx.shell(node) else { continue };
        let pipefail = state.shell.is_some_and(|k| k.pipefail);
        let r = Run { node, inst: run, stage, onbuild };
        let main = Code {
            src: &sh.text,
            script: Cow::Borrowed(&sh.script),
            pipefail,
            inst: run,
            origin: if run.inst.pieces.is_empty() { Origin::Raw(run.range(span).start) } else { Origin::Shell(span) },
        };
        if run.inst.heredocs.is_empty() {
            f(&r, std::slice::from_ref(&main));
            continue;
        }
        let mut codes = vec![main];
        for (h, pf) in shell_heredocs(run, &codes[0], pipefail) {
            let body = run.src(h.body);
            codes.push(Code {
                src: body,
                script: Cow::Owned(shell::parse(body)),
                pipefail: pf,
                inst: run,
                origin: Origin::Heredoc(run.range(h.body).start),
            });
        }
        f(&r, &codes);
    }
}

/// The heredocs of a RUN whose bodies a POSIX shell executes, with whether that shell
/// has `pipefail` on: `RUN <<EOF` (the default shell, unless the body starts with a
/// `#!` line naming another interpreter) and `RUN bash <<EOF` / `sh -e <<EOF` (a shell
/// with no script operand reads standard input).
fn shell_heredocs<'i>(
    run: InstRef<'i>,
    main: &Code<'_>,
    shell_pipefail: bool,
) -> Vec<(&'i crate::syntax::Heredoc, bool)> {
    let src = main.src;
    let mut out = Vec::new();
    let mut next = 0;
    for cmd in main.script.commands.iter().filter(|c| c.depth == 0) {
        for r in &cmd.redirects {
            let op = src.get(r.op.clone()).unwrap_or("");
            if !op.starts_with("<<") || op.starts_with("<<<") {
                continue;
            }
            let Some(target) = &r.target else { continue };
            let name = target.value(src);
            let Some(k) = run.inst.heredocs[next..].iter().position(|h| h.name == name) else { continue };
            let h = &run.inst.heredocs[next + k];
            next += k + 1;
            let fd = src.get(r.range.start..r.op.start).unwrap_or("");
            if !(fd.is_empty() || fd == "0") {
                continue;
            }
            if let Some(pf) = runs_stdin_as_shell(cmd, src, shell_pipefail, run.src(h.body)) {
                out.push((h, pf));
            }
        }
    }
    out
}

/// For a command with a heredoc on standard input: `Some(pipefail)` when the command
/// runs the heredoc as POSIX shell code.
fn runs_stdin_as_shell(cmd: &Command, src: &str, shell_pipefail: bool, body: &str) -> Option<bool> {
    match &cmd.name {
        None => {
            // `RUN <<EOF`: BuildKit runs the body with the shebang's interpreter, else the shell.
            if let Some(first) = body.lines().next().and_then(|l| l.strip_prefix("#!")) {
                let mut parts = first.split_whitespace();
                let mut exe = parts.next().unwrap_or("");
                if exe.ends_with("/env") {
                    exe = parts.find(|p| !p.starts_with('-')).unwrap_or("");
                }
                let base = exe.rsplit('/').next().unwrap_or(exe);
                if !POSIX_SHELLS.contains(&base) {
                    return None;
                }
                let pf = PIPEFAIL_SHELLS.contains(&base) && args_set_pipefail(parts);
                return Some(pf);
            }
            Some(shell_pipefail)
        }
        Some(_) => {
            let name = cmd.name_value(src)?;
            if !POSIX_SHELLS.contains(&&*name) || name == "busybox" {
                return None;
            }
            let values: Vec<Cow<'_, str>> = cmd.args.iter().map(|a| a.value(src)).collect();
            let mut k = 0;
            while let Some(v) = values.get(k) {
                if v.starts_with(['-', '+']) && v.len() > 1 {
                    if v.ends_with('c') && !v.starts_with("--") {
                        return None;
                    }
                    if v.ends_with('o') && !v.starts_with("--") {
                        k += 1;
                    }
                } else {
                    return None;
                }
                k += 1;
            }
            let pf = PIPEFAIL_SHELLS.contains(&&*name) && args_set_pipefail(values.iter().map(|v| &**v));
            Some(pf)
        }
    }
}

/// Stages whose layers end up in the image `docker build` builds by default: the
/// final stage and every stage it builds on (`FROM <stage>`), and any stage another
/// stage builds on (its target may be built).
pub(crate) fn shipped_stages(cx: &Context<'_>) -> Vec<bool> {
    let n = cx.model.stages.len();
    let mut out = vec![false; n];
    if let Some(last) = n.checked_sub(1) {
        out[last] = true;
    }
    for s in &cx.model.stages {
        if let Base::Stage(p) = s.base {
            if let Some(o) = out.get_mut(p) {
                *o = true;
            }
        }
    }
    out
}
