//! `zypper-clean` (DL3036): `zypper install` without `zypper clean`.

use super::index::Class;
use super::pkg::{CleanCheck, Leftover, name_is, report_missing_clean};
use crate::model::shell::Command;
use crate::model::shell::packages::{Action, Manager, is_clean, manager_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "zypper-clean",
        aliases: &[Alias::all("DL3036")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`zypper install` without `zypper clean` in the same RUN.",
        docs: "\
**Why**: zypper keeps repository metadata and downloaded packages in /var/cache/zypp; \
cleaning in a later RUN does not shrink the image, the earlier layer keeps them.\n\n\
**Example**: `RUN zypper -n install curl`\n\n\
**Fix**: `RUN zypper -n install curl && zypper clean --all` (the quick fix appends it). \
Removing /var/cache/zypp or a cache mount there counts too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn install(cmd: &Command, src: &str) -> Leftover {
    if !name_is(cmd, src, |n| n == "zypper") {
        return None;
    }
    let mc = manager_command(cmd, src)?;
    if mc.manager != Manager::Zypper || mc.action != Action::Install {
        return None;
    }
    Some((super::pkg::manager_range(cmd, &mc)?, "zypper clean --all".to_string()))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_missing_clean(
        cx,
        out,
        &CleanCheck {
            classes: &[Class::Zypper],
            install: &install,
            clean: &|cmd, src| {
                name_is(cmd, src, |n| matches!(n, "rm" | "zypper")) && is_clean(cmd, src, Manager::Zypper)
            },
            mounts: &["/var/cache/zypp"],
            shipped_only: false,
            message: "Run `zypper clean` after installing, in the same RUN",
        },
    );
}
