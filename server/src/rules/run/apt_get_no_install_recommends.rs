//! `apt-get-no-install-recommends` (DL3015): `apt-get install` without
//! `--no-install-recommends`.

use super::pkg::{each_install, name_through};
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "apt-get-no-install-recommends",
        aliases: &[Alias::all("DL3015")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`apt-get install` without `--no-install-recommends`.",
        docs: "\
**Why**: by default apt also installs every package the requested ones *recommend*, \
which often doubles the size of the layer with things the image never uses.\n\n\
**Example**: `RUN apt-get install -y python3`\n\n\
**Fix**: `RUN apt-get install -y --no-install-recommends python3`, and name any \
recommended package you really need. `-o APT::Install-Recommends=false` counts too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_install(cx, &[Manager::Apt], |_, code, cmd, install| {
        if install.no_install_recommends {
            return;
        }
        let sub = &install.subcommand.range;
        out.report(
            code.range(name_through(cmd, sub)),
            "Add `--no-install-recommends` to avoid installing packages you did not ask for",
        )
        .fix(
            "Add `--no-install-recommends`",
            vec![code.insert_after(sub.end, " --no-install-recommends")],
            false,
        );
    });
}
