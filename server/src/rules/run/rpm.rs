//! What yum, dnf and zypper rules share: module and group installs.

use crate::model::shell::Command;
use crate::model::shell::packages::Install;

/// The operand before the install subcommand (`module` in `dnf module install`,
/// `group` in `yum group install`), or the subcommand itself for `groupinstall`.
pub(crate) fn install_kind(install: &Install, cmd: &Command, src: &str) -> InstallKind {
    let sub = install.subcommand.value(src);
    if sub == "groupinstall" {
        return InstallKind::Group;
    }
    let before = cmd
        .args
        .iter()
        .take_while(|a| a.range.start < install.subcommand.range.start)
        .filter(|a| !a.is_flag(src))
        .last()
        .map(|a| a.value(src));
    match before.as_deref() {
        Some("module") => InstallKind::Module,
        Some("group" | "groups") => InstallKind::Group,
        _ => InstallKind::Packages,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum InstallKind {
    Packages,
    /// `module install name:stream`: pinned with a `:stream`.
    Module,
    /// Package groups have no versions.
    Group,
}
