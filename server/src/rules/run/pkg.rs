//! Shared checks of the package-manager rules: installs without a version, without the
//! "don't ask" flag, or without cleaning up afterwards.

use std::ops::Range;

use super::index::{Class, each_install_of, each_run_with};
use super::scripts::{Code, Run};
use crate::model::shell::Command;
use crate::model::shell::packages::{Install, Manager, ManagerCommand, Package, PackageKind};
use crate::rules::{Context, Sink};

/// Whether the command name's basename passes `pred`. Looks at the raw text first (no
/// allocation); names written with quotes, escapes or expansions are unquoted.
pub(crate) fn name_is(cmd: &Command, src: &str, pred: impl Fn(&str) -> bool) -> bool {
    super::index::with_name(cmd, src, pred).unwrap_or(false)
}

/// The index class of a manager's commands.
pub(crate) fn class_of(m: Manager) -> Option<Class> {
    Some(match m {
        Manager::Apt => Class::Apt,
        Manager::Apk => Class::Apk,
        Manager::Pip => Class::Pip,
        Manager::Uv => Class::Uv,
        Manager::Npm => Class::Npm,
        Manager::Yarn => Class::Yarn,
        Manager::Gem => Class::Gem,
        Manager::Go => Class::Go,
        Manager::Yum => Class::Yum,
        Manager::Dnf | Manager::Microdnf => Class::Dnf,
        Manager::Zypper => Class::Zypper,
        Manager::Pnpm => return None,
    })
}

/// Calls `f` for every install command of one of `managers` in POSIX RUNs, with the
/// RUN, the code and the command.
pub(crate) fn each_install<'a>(
    cx: &Context<'a>,
    managers: &[Manager],
    mut f: impl FnMut(&Run<'a>, &Code<'_>, &Command, &Install),
) {
    let mut classes: Vec<Class> = managers.iter().filter_map(|m| class_of(*m)).collect();
    classes.dedup();
    each_install_of(cx, &classes, |run, code, cmd, install| {
        if managers.contains(&install.manager) {
            f(run, code, cmd, install);
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
/// the subcommand.
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
    /// The classes of commands that may leave something behind.
    pub classes: &'f [Class],
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
    each_run_with(cx, check.classes, |run, codes| {
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
