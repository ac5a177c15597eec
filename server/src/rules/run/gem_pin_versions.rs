//! `gem-pin-versions` (DL3028): `gem install` without a version.

use super::pkg::report_unpinned;
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "gem-pin-versions",
        aliases: &[Alias::all("DL3028")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`gem install` of a gem without a version.",
        docs: "\
**Why**: without a version the build installs the newest release of the day, so two \
builds of the same Dockerfile can differ.\n\n\
**Example**: `RUN gem install bundler`\n\n\
**Fix**: `RUN gem install bundler:2.6.2` or `gem install bundler -v 2.6.2`. Installs \
from a Gemfile (`-g`) and local `.gem` files are not reported.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_unpinned(
        cx,
        out,
        &[Manager::Gem],
        |install, _, _| install.from_manifest,
        |_, _| false,
        |name| format!("Pin the version of `{name}`: `gem install {name}:<version>`"),
    );
}
