//! `dnf-clean-all` (DL3040): `dnf install` without `dnf clean all`.

use super::index::Class;
use super::pkg::{CleanCheck, Leftover, name_is, report_missing_clean};
use crate::model::shell::Command;
use crate::model::shell::packages::{Action, Manager, is_clean, manager_command, removes};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "dnf-clean-all",
        aliases: &[Alias::all("DL3040")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`dnf install` without `dnf clean all` in the same RUN.",
        docs: "\
**Why**: dnf keeps repository metadata and downloaded packages in /var/cache; cleaning \
in a later RUN does not shrink the image, the earlier layer keeps them.\n\n\
**Example**: `RUN dnf install -y httpd`\n\n\
**Fix**: `RUN dnf install -y httpd && dnf clean all` (the quick fix appends it). \
Removing /var/cache/dnf or /var/cache/libdnf5, or a cache mount there, counts too; \
`microdnf` is checked the same way. As in hadolint, upgrades count as installs.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn install(cmd: &Command, src: &str) -> Leftover {
    if !name_is(cmd, src, |n| matches!(n, "dnf" | "dnf5" | "microdnf")) {
        return None;
    }
    let mc = manager_command(cmd, src)?;
    if !matches!(mc.manager, Manager::Dnf | Manager::Microdnf)
        || !matches!(mc.action, Action::Install | Action::Upgrade)
    {
        return None;
    }
    let tool = cmd.name_value(src)?;
    Some((super::pkg::manager_range(cmd, &mc)?, format!("{tool} clean all")))
}

fn clean(cmd: &Command, src: &str) -> bool {
    name_is(cmd, src, |n| matches!(n, "rm" | "dnf" | "dnf5" | "microdnf"))
        && (is_clean(cmd, src, Manager::Dnf)
            || is_clean(cmd, src, Manager::Microdnf)
            || removes(cmd, src, "/var/cache/libdnf5"))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_missing_clean(
        cx,
        out,
        &CleanCheck {
            classes: &[Class::Dnf],
            install: &install,
            clean: &clean,
            mounts: &["/var/cache/dnf", "/var/cache/libdnf5", ".cache/libdnf5"],
            shipped_only: false,
            message: "Run `dnf clean all` after installing, in the same RUN",
        },
    );
}
