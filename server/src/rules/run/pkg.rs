//! Shared checks of the package-manager rules: installs without a version, without the
//! "don't ask" flag, or without cleaning up afterwards.

use std::ops::Range;

use super::scripts::{Code, Run, each_run};
use crate::model::shell::Command;
use crate::model::shell::packages::{Install, Manager, ManagerCommand, Package, PackageKind, install_command};
use crate::rules::{Context, Sink};

/// Whether the command name's basename passes `pred`. Looks at the raw text first (no
/// allocation); names written with quotes, escapes or expansions are unquoted.
pub(crate) fn name_is(cmd: &Command, src: &str, pred: impl Fn(&str) -> bool) -> bool {
    let Some(w) = &cmd.name else {
        return false;
    };
    let raw = w.text(src);
    if raw.bytes().any(|b| matches!(b, b'\\' | b'\'' | b'"' | b'$' | b'`')) {
        return cmd.name_value(src).is_some_and(|n| pred(&n));
    }
    pred(raw.rsplit('/').next().unwrap_or(raw))
}

/// Cheap name filters per manager, before the full analysis.
pub(crate) fn may_be(m: Manager, name: &str) -> bool {
    match m {
        Manager::Apt => name == "apt-get" || name == "apt",
        Manager::Apk => name == "apk",
        Manager::Pip => name.starts_with("pip") || name.starts_with("python") || name.starts_with("pypy"),
        Manager::Uv => name == "uv",
        Manager::Npm => name == "npm",
        Manager::Yarn => name == "yarn",
        Manager::Pnpm => name == "pnpm",
        Manager::Gem => name == "gem",
        Manager::Go => name == "go",
        Manager::Yum => name == "yum",
        Manager::Dnf => name == "dnf" || name == "dnf5",
        Manager::Microdnf => name == "microdnf",
        Manager::Zypper => name == "zypper",
    }
}

/// Calls `f` for every install command of one of `managers` in POSIX RUNs, with the
/// RUN, its code, the index of the code in the RUN and the command.
pub(crate) fn each_install<'a>(
    cx: &Context<'a>,
    managers: &[Manager],
    mut f: impl FnMut(&Run<'a>, &Code<'_>, &Command, &Install),
) {
    each_run(cx, |run, codes| {
        for code in codes {
            for cmd in &code.script.commands {
                if !name_is(cmd, code.src, |n| managers.iter().any(|m| may_be(*m, n))) {
                    continue;
                }
                if let Some(install) = install_command(cmd, code.src) {
                    if managers.contains(&install.manager) {
                        f(run, code, cmd, &install);
                    }
                }
            }
        }
    });
}

/// The source range of a command's name through `sub` (`apt-get install`).
pub(crate) fn name_through(cmd: &Command, sub: &Range<usize>) -> Range<usize> {
    let start = cmd.name.as_ref().map_or(sub.start, |n| n.range.start.min(sub.start));
    start..sub.end
}

/// Reports registry packages of `managers`' installs that have no version;
/// `pinned` can accept more (e.g. apt's `pkg/release`), `skip` whole commands.
/// `message` gets the package name.
pub(crate) fn report_unpinned(
    cx: &Context<'_>,
    out: &mut Sink<'_>,
    managers: &[Manager],
    skip: impl Fn(&Install, &Command, &str) -> bool,
    pinned: impl Fn(&Package, &str) -> bool,
    message: impl Fn(&str) -> String,
) {
    each_install(cx, managers, |_, code, cmd, install| {
        if skip(install, cmd, code.src) {
            return;
        }
        for p in &install.packages {
            if p.kind != PackageKind::Registry || p.version.is_some() || pinned(p, code.src) {
                continue;
            }
            let name = p.name_str(code.src);
            if name.is_empty() {
                continue;
            }
            out.report(code.range(p.name.clone()), message(&name));
        }
    });
}

/// Reports installs that will stop to ask (no `-y`), with a fix inserting `flag` after
/// the subcommand (`after_name`: after the command name instead).
pub(crate) fn report_missing_yes(
    cx: &Context<'_>,
    out: &mut Sink<'_>,
    managers: &[Manager],
    message: &str,
    flag: &str,
) {
    each_install(cx, managers, |_, code, cmd, install| {
        if install.yes {
            return;
        }
        let sub = &install.subcommand.range;
        let range = code.range(name_through(cmd, sub));
        out.report(range, message).fix(
            format!("Add `{flag}`"),
            vec![code.insert_after(sub.end, format!(" {flag}"))],
            true,
        );
    });
}

/// A manager command and its name-to-subcommand range.
pub(crate) fn manager_range(cmd: &Command, mc: &ManagerCommand) -> Option<Range<usize>> {
    let sub = mc.subcommand.as_ref()?;
    Some(name_through(cmd, &sub.range))
}

/// What a command leaves behind: the range to report and the command that cleans up.
pub(crate) type Leftover = Option<(Range<usize>, String)>;

/// A "clean up after installing" check: see [`report_missing_clean`].
pub(crate) struct CleanCheck<'f> {
    /// Whether a command leaves something behind: the range to report and the command
    /// that cleans up after it.
    pub install: &'f dyn Fn(&Command, &str) -> Leftover,
    /// Whether a command cleans up.
    pub clean: &'f dyn Fn(&Command, &str) -> bool,
    /// Cache or tmpfs mount targets that make the cleanup unnecessary.
    pub mounts: &'f [&'f str],
    /// Only stages that end up in the built image matter.
    pub shipped_only: bool,
    pub message: &'f str,
}

/// Reports, once per RUN, the first install that no later command of the same RUN
/// cleans up after, with a fix appending the cleanup command.
pub(crate) fn report_missing_clean(cx: &Context<'_>, out: &mut Sink<'_>, check: &CleanCheck<'_>) {
    let shipped = if check.shipped_only { super::scripts::shipped_stages(cx) } else { Vec::new() };
    each_run(cx, |run, codes| {
        // (code index, range, cleanup command) of the first install not cleaned up yet.
        let mut pending: Option<(usize, Range<usize>, String)> = None;
        for (k, code) in codes.iter().enumerate() {
            for cmd in &code.script.commands {
                if (check.clean)(cmd, code.src) {
                    pending = None;
                } else if pending.is_none() {
                    pending = (check.install)(cmd, code.src).map(|(r, c)| (k, r, c));
                }
            }
        }
        let Some((k, range, cleanup)) = pending else { return };
        if check.shipped_only && !run.stage.is_some_and(|s| shipped.get(s).copied().unwrap_or(true)) {
            return;
        }
        if check.mounts.iter().any(|m| run.caches(m)) {
            return;
        }
        let code = &codes[k];
        let report = out.report(code.range(range), check.message);
        if let Some(edit) = code.append(&cleanup) {
            report.fix(format!("Append `{cleanup}`"), vec![edit], true);
        }
    });
}
