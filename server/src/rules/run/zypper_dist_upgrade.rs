//! `zypper-dist-upgrade` (DL3035): `zypper dist-upgrade` in a build.

use super::index::{Class, each_command};
use crate::model::shell::packages::{Action, Manager, manager_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "zypper-dist-upgrade",
        aliases: &[Alias::all("DL3035")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`zypper dist-upgrade` is used.",
        docs: "\
**Why**: a distribution upgrade can move the image to other package versions, vendors \
or even a new release, so the result no longer matches the base image you chose.\n\n\
**Example**: `RUN zypper -n dist-upgrade`\n\n\
**Fix**: use a newer base image, or `zypper -n update` / `zypper -n patch` for fixes \
within the release.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Zypper], |_, code, cmd| {
        let Some(mc) = manager_command(cmd, code.src) else { return };
        if mc.manager != Manager::Zypper || mc.action != Action::DistUpgrade {
            return;
        }
        if let Some(sub) = &mc.subcommand {
            out.report(
                code.range(sub.range.clone()),
                "Do not use `zypper dist-upgrade` in a build; use a newer base image or `zypper update`",
            );
        }
    });
}
