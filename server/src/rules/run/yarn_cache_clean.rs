//! `yarn-cache-clean` (DL3060): `yarn install` without `yarn cache clean`.

use super::index::Class;
use super::pkg::{CleanCheck, Leftover, name_is, report_missing_clean};
use crate::model::shell::Command;
use crate::model::shell::packages::{Manager, install_command, is_clean};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "yarn-cache-clean",
        aliases: &[Alias::all("DL3060")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`yarn install` without `yarn cache clean` in the same RUN.",
        docs: "\
**Why**: yarn keeps a copy of every package it downloads in its cache; left in the \
image that cache is often larger than node_modules.\n\n\
**Example**: `RUN yarn install --frozen-lockfile`\n\n\
**Fix**: `RUN yarn install --frozen-lockfile && yarn cache clean` (the quick fix appends \
it), or a cache mount on the yarn cache. As in hadolint, only stages that end up in the \
image are checked (the last one and those others build on).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn install(cmd: &Command, src: &str) -> Leftover {
    if !name_is(cmd, src, |n| n == "yarn") {
        return None;
    }
    let i = install_command(cmd, src)?;
    if i.manager != Manager::Yarn {
        return None;
    }
    Some((super::pkg::name_through(cmd, &i.subcommand.range), "yarn cache clean".to_string()))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_missing_clean(
        cx,
        out,
        &CleanCheck {
            classes: &[Class::Yarn],
            install: &install,
            clean: &|cmd, src| name_is(cmd, src, |n| matches!(n, "rm" | "yarn")) && is_clean(cmd, src, Manager::Yarn),
            mounts: &[".cache/yarn"],
            shipped_only: true,
            message: "Run `yarn cache clean` after `yarn install`, in the same RUN",
        },
    );
}
