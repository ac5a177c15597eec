//! One pass over a document that every RUN rule shares: which RUNs a POSIX shell runs
//! (SHELL, Windows base images), whether `pipefail` is on, the heredoc bodies a shell
//! executes (parsed here), and the commands grouped by what they are (`apt-get`, `rm`,
//! `wget` …), so that each rule only visits the commands it is about.
//!
//! The shell-form text of each RUN is parsed once per document by [`Context::shell`].
//! The index is built by the first RUN rule that runs on a document and kept in the
//! check's [`Context`] for the others.

use std::ops::Range;
use std::sync::OnceLock;

use super::scripts::{Code, Origin, Run};
use crate::images::catalog::{OsFamily, Resolution, catalog};
use crate::model::Base;
use crate::model::shell::packages::{Install, install_command};
use crate::model::shell::{self, Command, Script};
use crate::rules::Context;
use crate::syntax::image_ref::ImageRef;
use crate::syntax::{InstRef, Keyword};

/// What a command is, for the rules that look for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Cd,
    /// Run through `sudo`/`doas` (in addition to its own class).
    Sudo,
    Pointless,
    /// `apt-get`, `apt`.
    Apt,
    Aptitude,
    Apk,
    /// `pip*`, `python* -m pip`, `pypy*`.
    Pip,
    Uv,
    Npm,
    Yarn,
    Gem,
    Go,
    Yum,
    /// `dnf`, `dnf5`, `microdnf`.
    Dnf,
    Zypper,
    Rm,
    Useradd,
    Wget,
    Curl,
    Ln,
}

const CLASSES: usize = Class::Ln as usize + 1;

/// Commands that make no sense in a build (DL3001).
pub(crate) const POINTLESS: [&str; 10] =
    ["free", "ifconfig", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"];

fn classify(name: &str) -> Option<Class> {
    Some(match name {
        "cd" => Class::Cd,
        "apt-get" | "apt" => Class::Apt,
        "aptitude" => Class::Aptitude,
        "apk" => Class::Apk,
        "uv" => Class::Uv,
        "npm" => Class::Npm,
        "yarn" => Class::Yarn,
        "gem" => Class::Gem,
        "go" => Class::Go,
        "yum" => Class::Yum,
        "dnf" | "dnf5" | "microdnf" => Class::Dnf,
        "zypper" => Class::Zypper,
        "rm" => Class::Rm,
        "useradd" => Class::Useradd,
        "wget" => Class::Wget,
        "curl" => Class::Curl,
        "ln" => Class::Ln,
        n if POINTLESS.contains(&n) => Class::Pointless,
        n if n.starts_with("pip") || n.starts_with("python") || n.starts_with("pypy") => Class::Pip,
        _ => return None,
    })
}

/// The basename of a command's name: from the raw text when it has no quoting or
/// expansion (no allocation), else unquoted.
pub(crate) fn with_name<R>(cmd: &Command, src: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    let w = cmd.name.as_ref()?;
    let raw = w.text(src);
    if raw.bytes().any(|b| matches!(b, b'\\' | b'\'' | b'"' | b'$' | b'`')) {
        let v = cmd.name_value(src)?;
        return Some(f(&v));
    }
    Some(f(raw.rsplit('/').next().unwrap_or(raw)))
}

/// A command of a RUN's code: indices into [`Index::runs`], the RUN's codes (0 is the
/// shell-form text, then its shell heredocs) and the code's commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct CmdRef {
    pub run: u32,
    pub code: u32,
    pub cmd: u32,
}

/// A RUN that a POSIX shell runs.
pub(crate) struct RunEntry {
    pub node: usize,
    pub stage: Option<usize>,
    pub onbuild: bool,
    /// A pipeline appears in one of its codes.
    pub has_pipe: bool,
    /// SHELL turned `pipefail` on.
    pipefail: bool,
    heredocs: Vec<HeredocCode>,
}

struct HeredocCode {
    body: Range<usize>,
    script: Script,
    pipefail: bool,
}

/// The shared view of a document's RUNs; see the module docs.
pub(crate) struct Index {
    pub runs: Vec<RunEntry>,
    classes: [Vec<CmdRef>; CLASSES],
    /// Per class and command: its [`install_command`] analysis, made on first use.
    installs: [Vec<OnceLock<Option<Install>>>; CLASSES],
}

/// The index of the document `cx` is about (built on first use).
pub(crate) fn index<'c>(cx: &'c Context<'_>) -> &'c Index {
    cx.run_index.get_or_init(|| build(cx))
}

impl Index {
    /// The commands of one class, in document order.
    pub fn commands(&self, class: Class) -> &[CmdRef] {
        &self.classes[class as usize]
    }

    /// The RUN of an entry (the trigger of an `ONBUILD RUN`).
    fn inst<'a>(cx: &Context<'a>, entry: &RunEntry) -> Option<InstRef<'a>> {
        let node = cx.tree.nodes.get(entry.node)?;
        let inst = node.view(cx.text);
        if entry.onbuild { inst.trigger() } else { Some(inst) }
    }

    /// The RUN of an entry.
    pub fn run<'a>(&self, cx: &Context<'a>, entry: &RunEntry) -> Option<Run<'a>> {
        let inst = Self::inst(cx, entry)?;
        Some(Run { node: entry.node, inst, stage: entry.stage, onbuild: entry.onbuild })
    }

    /// Number of codes of a RUN.
    pub fn code_count(&self, entry: &RunEntry) -> usize {
        1 + entry.heredocs.len()
    }

    /// One code of a RUN (0: the shell-form text; then the shell heredocs).
    pub fn code<'s>(&'s self, cx: &'s Context<'_>, entry: &'s RunEntry, k: usize) -> Option<Code<'s>> {
        let inst = Self::inst(cx, entry)?;
        if k == 0 {
            let span = inst.inst.shell?;
            let sh = cx.shell(entry.node)?;
            let origin =
                if inst.inst.pieces.is_empty() { Origin::Raw(inst.range(span).start) } else { Origin::Shell(span) };
            return Some(Code { src: &sh.text, script: &sh.script, pipefail: entry.pipefail, inst, origin });
        }
        let h = entry.heredocs.get(k - 1)?;
        Some(Code {
            src: cx.text.get(h.body.clone())?,
            script: &h.script,
            pipefail: h.pipefail,
            inst,
            origin: Origin::Heredoc(h.body.start),
        })
    }

    /// The command a reference points at, with its RUN and code.
    pub fn get<'s>(&'s self, cx: &'s Context<'_>, r: CmdRef) -> Option<(&'s RunEntry, Code<'s>, &'s Command)> {
        let entry = self.runs.get(r.run as usize)?;
        let code = self.code(cx, entry, r.code as usize)?;
        let cmd = code.script.commands.get(r.cmd as usize)?;
        Some((entry, code, cmd))
    }
}

/// Calls `f` for every install command among the given classes (class by class), with
/// its analysis (shared by all rules).
pub(crate) fn each_install_of<'a>(
    cx: &Context<'a>,
    classes: &[Class],
    mut f: impl FnMut(&Run<'a>, &Code<'_>, &Command, &Install),
) {
    let ix = index(cx);
    for class in classes {
        let cells = &ix.installs[*class as usize];
        for (&r, cell) in ix.commands(*class).iter().zip(cells) {
            let Some((entry, code, cmd)) = ix.get(cx, r) else { continue };
            let Some(run) = ix.run(cx, entry) else { continue };
            // The shell-form text's analyses live with its cached script (they outlast
            // this check); a heredoc's live in the index.
            let shared =
                if r.code == 0 { cx.shell(entry.node).and_then(|sh| sh.installs.get(r.cmd as usize)) } else { None };
            let install = match shared {
                Some(c) => c.get_or_init(|| install_command(cmd, code.src)),
                None => cell.get_or_init(|| install_command(cmd, code.src)),
            };
            if let Some(install) = install {
                f(&run, &code, cmd, install);
            }
        }
    }
}

/// Calls `f` for every command of the given classes (class by class).
pub(crate) fn each_command<'a>(cx: &Context<'a>, classes: &[Class], mut f: impl FnMut(&Run<'a>, &Code<'_>, &Command)) {
    let ix = index(cx);
    for class in classes {
        for &r in ix.commands(*class) {
            if let Some((entry, code, cmd)) = ix.get(cx, r) {
                if let Some(run) = ix.run(cx, entry) {
                    f(&run, &code, cmd);
                }
            }
        }
    }
}

/// Calls `f` once for every RUN that has a command of one of `classes` (every RUN when
/// `classes` is empty), in document order, with all its codes.
pub(crate) fn each_run_with<'a>(cx: &Context<'a>, classes: &[Class], mut f: impl FnMut(&Run<'a>, &[Code<'_>])) {
    let ix = index(cx);
    let runs: Vec<u32> = if classes.is_empty() {
        (0..ix.runs.len() as u32).collect()
    } else {
        let mut v: Vec<u32> = classes.iter().flat_map(|c| ix.commands(*c).iter().map(|r| r.run)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    for k in runs {
        let Some(entry) = ix.runs.get(k as usize) else { continue };
        let Some(run) = ix.run(cx, entry) else { continue };
        let codes: Vec<Code<'_>> = (0..ix.code_count(entry)).filter_map(|c| ix.code(cx, entry, c)).collect();
        f(&run, &codes);
    }
}

/// Calls `f` for every RUN with a pipeline in its code.
pub(crate) fn each_piped_run<'a>(cx: &Context<'a>, mut f: impl FnMut(&Run<'a>, &[Code<'_>])) {
    let ix = index(cx);
    for entry in ix.runs.iter().filter(|e| e.has_pipe) {
        let Some(run) = ix.run(cx, entry) else { continue };
        let codes: Vec<Code<'_>> = (0..ix.code_count(entry)).filter_map(|c| ix.code(cx, entry, c)).collect();
        f(&run, &codes);
    }
}

// ------------------------------------------------------------------- building

/// Shells that read a script from standard input.
const POSIX_SHELLS: [&str; 7] = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

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

/// A SHELL instruction's shell. Any POSIX shell given `-o pipefail` counts: one that
/// lacked the option would fail every RUN, which the author would notice.
fn shell_kind(inst: InstRef<'_>) -> Option<ShellKind> {
    let exec = inst.inst.exec.as_ref()?;
    let mut strings = exec.strings();
    let exe = strings.next()?;
    if is_non_posix(exe) {
        return Some(ShellKind { posix: false, pipefail: false });
    }
    Some(ShellKind { posix: true, pipefail: args_set_pipefail(strings) })
}

/// What the catalog says about an image reference (after ARG expansion).
pub(crate) fn resolve(cx: &Context<'_>, image: &str) -> Option<Resolution> {
    let r = ImageRef::parse(image);
    let n = r.normalize(image)?;
    Some(catalog().resolve(&n.short_name(), n.tag.as_deref(), cx.today))
}

/// Whether an image is a Windows image: the catalog's answer, else Microsoft's Windows
/// repositories and the tag words every Windows variant uses.
fn image_is_windows(cx: &Context<'_>, image: &str) -> bool {
    if let Some(os) = resolve(cx, image).and_then(|r| r.os) {
        return os.family == OsFamily::Windows;
    }
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

/// Whether a stage runs on Windows: `--platform=windows/…` on the FROM of the stage
/// its chain starts from, or a Windows root image. Remembered per image text.
fn stage_is_windows(cx: &Context<'_>, stage: usize, memo: &mut Vec<(String, bool)>) -> bool {
    let Some(root) = cx.model.root_image(stage) else {
        return false;
    };
    let from = cx.inst(root.node);
    if let Some(f) = from.flag("platform") {
        let v = from.flag_value(f).unwrap_or_default();
        if v.trim().get(..7).is_some_and(|p| p.eq_ignore_ascii_case("windows")) {
            return true;
        }
    }
    if root.base != Base::Image {
        return false;
    }
    let Some(image) = root.image.as_deref() else {
        return false;
    };
    if let Some((_, w)) = memo.iter().find(|(i, _)| i == image) {
        return *w;
    }
    let w = image_is_windows(cx, image);
    memo.push((image.to_string(), w));
    w
}

fn build(cx: &Context<'_>) -> Index {
    let stages = cx.model.stages.len();
    let mut shells: Vec<Option<ShellKind>> = vec![None; stages];
    let mut windows: Vec<Option<bool>> = vec![None; stages];
    let mut memo = Vec::new();
    let mut runs = Vec::new();
    let mut classes: [Vec<CmdRef>; CLASSES] = Default::default();
    // FROM and SHELL lines are followed everywhere; only the RUNs the check looks at
    // are indexed.
    for (node, inst) in cx.all_instructions_of(&[Keyword::From, Keyword::Shell, Keyword::Run, Keyword::Onbuild]) {
        let stage = cx.model.node_stage.get(node).copied().flatten();
        match inst.kind() {
            Keyword::From => {
                // A stage built on another starts with its SHELL.
                if let Some(s) = stage.and_then(|s| cx.model.stages.get(s)) {
                    let inherited = match s.base {
                        Base::Stage(p) if p < s.index => shells.get(p).copied().flatten(),
                        _ => None,
                    };
                    if let Some(slot) = shells.get_mut(s.index) {
                        *slot = inherited;
                    }
                }
                continue;
            }
            Keyword::Shell => {
                if let (Some(slot), Some(kind)) = (stage.and_then(|s| shells.get_mut(s)), shell_kind(inst)) {
                    *slot = Some(kind);
                }
                continue;
            }
            Keyword::Run | Keyword::Onbuild if cx.wants(node) => {}
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
        if run.inst.shell.is_none() {
            continue;
        }
        let shell = stage.and_then(|s| shells.get(s).copied().flatten());
        let posix = match (shell, stage.and_then(|s| Some((s, windows.get_mut(s)?)))) {
            (Some(k), _) => k.posix,
            (None, Some((s, w))) => !*w.get_or_insert_with(|| stage_is_windows(cx, s, &mut memo)),
            (None, None) => true,
        };
        if !posix {
            continue;
        }
        let Some(sh) = cx.shell(node) else { continue };
        let pipefail = shell.is_some_and(|k| k.pipefail);
        let heredocs =
            if run.inst.heredocs.is_empty() { Vec::new() } else { shell_heredocs(run, &sh.text, &sh.script, pipefail) };
        let k = runs.len() as u32;
        let mut has_pipe = sh.script.has_pipeline();
        let scripts = std::iter::once(&sh.script).chain(heredocs.iter().map(|h| &h.script));
        for (c, script) in scripts.enumerate() {
            has_pipe |= script.has_pipeline();
            let src = if c == 0 { sh.text.as_str() } else { cx.text.get(heredocs[c - 1].body.clone()).unwrap_or("") };
            for (i, cmd) in script.commands.iter().enumerate() {
                let r = CmdRef { run: k, code: c as u32, cmd: i as u32 };
                if cmd.sudo.is_some() {
                    classes[Class::Sudo as usize].push(r);
                }
                if let Some(class) = with_name(cmd, src, classify).flatten() {
                    classes[class as usize].push(r);
                }
            }
        }
        runs.push(RunEntry { node, stage, onbuild, has_pipe, pipefail, heredocs });
    }
    let installs = std::array::from_fn(|k| (0..classes[k].len()).map(|_| OnceLock::new()).collect());
    Index { runs, classes, installs }
}

/// The heredocs of a RUN whose bodies a POSIX shell executes, parsed: `RUN <<EOF` (the
/// default shell, unless the body starts with a `#!` line naming another interpreter)
/// and `RUN bash <<EOF` / `sh -e <<EOF` (a shell with no script operand reads standard
/// input).
fn shell_heredocs(run: InstRef<'_>, src: &str, script: &Script, shell_pipefail: bool) -> Vec<HeredocCode> {
    let mut out = Vec::new();
    let mut next = 0;
    for cmd in script.commands.iter().filter(|c| c.depth == 0) {
        for r in &cmd.redirects {
            let op = src.get(r.op.clone()).unwrap_or("");
            if !op.starts_with("<<") || op.starts_with("<<<") {
                continue;
            }
            let Some(target) = &r.target else { continue };
            let name = target.value(src);
            let Some(k) = run.inst.heredocs.get(next..).and_then(|hs| hs.iter().position(|h| h.name == name)) else {
                continue;
            };
            let h = &run.inst.heredocs[next + k];
            next += k + 1;
            let fd = src.get(r.range.start..r.op.start).unwrap_or("");
            if !(fd.is_empty() || fd == "0") {
                continue;
            }
            let body = run.src(h.body);
            if let Some(pipefail) = runs_stdin_as_shell(cmd, src, shell_pipefail, body) {
                out.push(HeredocCode { body: run.range(h.body), script: shell::parse(body), pipefail });
            }
        }
    }
    out
}

/// For a command with a heredoc on standard input: `Some(pipefail)` when the command
/// runs the heredoc as POSIX shell code.
fn runs_stdin_as_shell(cmd: &Command, src: &str, shell_pipefail: bool, body: &str) -> Option<bool> {
    if cmd.name.is_none() {
        // `RUN <<EOF`: BuildKit runs the body with the shebang's interpreter, else the shell.
        let Some(first) = body.lines().next().and_then(|l| l.strip_prefix("#!")) else {
            return Some(shell_pipefail);
        };
        let mut parts = first.split_whitespace();
        let mut exe = parts.next().unwrap_or("");
        if exe.ends_with("/env") {
            exe = parts.find(|p| !p.starts_with('-')).unwrap_or("");
        }
        let base = exe.rsplit('/').next().unwrap_or(exe);
        if !POSIX_SHELLS.contains(&base) {
            return None;
        }
        return Some(args_set_pipefail(parts));
    }
    let name = cmd.name_value(src)?;
    if !POSIX_SHELLS.contains(&&*name) {
        return None;
    }
    // Only options: `-c` takes the script from its operand, and an operand is a file.
    let values: Vec<_> = cmd.args.iter().map(|a| a.value(src)).collect();
    let mut k = 0;
    while let Some(v) = values.get(k) {
        if !(v.len() > 1 && v.starts_with(['-', '+'])) {
            return None;
        }
        if !v.starts_with("--") {
            if v.contains('c') {
                return None;
            }
            if v.ends_with('o') {
                k += 1;
            }
        }
        k += 1;
    }
    Some(args_set_pipefail(values.iter().map(|v| &**v)))
}
