//! `yum-pin-versions` (DL3033): yum package without a version.

use super::pkg::each_install;
use super::rpm::{InstallKind, install_kind};
use crate::model::shell::packages::{Manager, PackageKind};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "yum-pin-versions",
        aliases: &[Alias::all("DL3033")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`yum install` of a package without a version.",
        docs: "\
**Why**: without a version the build installs whatever the repositories have that day, \
so two builds of the same Dockerfile can differ.\n\n\
**Example**: `RUN yum install -y httpd`\n\n\
**Fix**: `RUN yum install -y httpd-2.4.62` (`name-version` or `name-version-release`). \
Module streams are pinned with `name:stream`; groups, `.rpm` files and `$VARIABLES` are \
not reported.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_rpm_unpinned(cx, out, Manager::Yum, "yum");
}

/// The yum/dnf check: packages need `name-version`, modules `name:stream`.
pub(crate) fn report_rpm_unpinned(cx: &Context<'_>, out: &mut Sink<'_>, manager: Manager, tool: &str) {
    each_install(cx, &[manager], |_, code, cmd, install| {
        let kind = install_kind(install, cmd, code.src);
        if kind == InstallKind::Group {
            return;
        }
        for p in install.packages.iter().filter(|p| p.kind == PackageKind::Registry) {
            let value = p.word.value(code.src);
            let msg = match kind {
                InstallKind::Module if !value.contains(':') => {
                    format!("Pin the stream of module `{value}`: `{tool} module install {value}:<stream>`")
                }
                InstallKind::Packages if p.version.is_none() => {
                    let name = p.name_str(code.src);
                    format!("Pin the version of `{name}`: `{tool} install {name}-<version>`")
                }
                _ => continue,
            };
            let range = if kind == InstallKind::Module { p.word.range.clone() } else { p.name.clone() };
            out.report(code.range(range), msg);
        }
    });
}
