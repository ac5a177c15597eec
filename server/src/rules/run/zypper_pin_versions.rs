//! `zypper-pin-versions` (DL3037): zypper package without a version.

use super::pkg::report_unpinned;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "zypper-pin-versions",
        aliases: &[Alias::all("DL3037")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`zypper install` of a package without a version.",
        docs: "\
**Why**: without a version the build installs whatever the repositories have that day, \
so two builds of the same Dockerfile can differ.\n\n\
**Example**: `RUN zypper install -y curl`\n\n\
**Fix**: `RUN zypper install -y curl=8.6.0` (`>=`, `<` … and `.rpm` files count too).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_unpinned(
        cx,
        out,
        &[Manager::Zypper],
        |_, cmd, src| installs_non_packages(cmd, src),
        |_, _| false,
        |name| format!("Pin the version of `{name}`: `zypper install {name}=<version>`"),
    );
}

/// `zypper install -t pattern …` (patterns, products, patches have no versions to pin).
fn installs_non_packages(cmd: &crate::model::shell::Command, src: &str) -> bool {
    let values: Vec<_> = cmd.args.iter().map(|a| a.value(src)).collect();
    values.iter().enumerate().any(|(k, v)| {
        let ty = match v.strip_prefix("--type=") {
            Some(t) => Some(t),
            None if v == "-t" || v == "--type" => values.get(k + 1).map(|t| &**t),
            None => v.strip_prefix("-t").filter(|t| !t.is_empty()),
        };
        ty.is_some_and(|t| t != "package")
    })
}
