//! `zypper-missing-y` (DL3034): zypper without a non-interactive flag.

use super::index::{Class, each_command};
use super::pkg::manager_range;
use crate::model::shell::packages::{Action, Manager, manager_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "zypper-missing-y",
        aliases: &[Alias::all("DL3034")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "zypper without a non-interactive flag.",
        docs: "\
**Why**: zypper asks for confirmation before installing, removing or updating; with no \
terminal in the build the answer is no and the build fails.\n\n\
**Example**: `RUN zypper install curl`\n\n\
**Fix**: `RUN zypper -n install curl` (the quick fix adds the global `-n`, \
`--non-interactive`); `zypper install -y` (`--no-confirm`) counts too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Zypper], |_, code, cmd| {
        let Some(mc) = manager_command(cmd, code.src) else { return };
        if mc.manager != Manager::Zypper || mc.yes {
            return;
        }
        let asks = match mc.action {
            Action::Install | Action::Remove | Action::Upgrade | Action::DistUpgrade => true,
            Action::Other => mc.subcommand.as_ref().is_some_and(|s| {
                matches!(&*s.value(code.src), "source-install" | "si" | "install-new-recommends" | "inr")
            }),
            _ => false,
        };
        let (Some(range), Some(name)) = (manager_range(cmd, &mc), &cmd.name) else { return };
        if !asks {
            return;
        }
        out.report(code.range(range), "Add `-n` (`--non-interactive`) so zypper does not stop to ask").fix(
            "Add `-n`",
            vec![code.insert_after(name.range.end, " -n")],
            true,
        );
    });
}
