//! `dnf-pin-versions` (DL3041): dnf package without a version.

use super::yum_pin_versions::report_rpm_unpinned;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "dnf-pin-versions",
        aliases: &[Alias::all("DL3041")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`dnf install` of a package without a version.",
        docs: "\
**Why**: without a version the build installs whatever the repositories have that day, \
so two builds of the same Dockerfile can differ.\n\n\
**Example**: `RUN dnf install -y httpd`\n\n\
**Fix**: `RUN dnf install -y httpd-2.4.62` (`name-version` or `name-version-release`). \
Module streams are pinned with `name:stream`; groups, `.rpm` files and `$VARIABLES` are \
not reported. `microdnf` is checked too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_rpm_unpinned(cx, out, Manager::Dnf, "dnf");
    report_rpm_unpinned(cx, out, Manager::Microdnf, "microdnf");
}
