//! `run-sudo` (DL3004): `sudo` inside RUN.

use super::index::{Class, each_command};
use crate::rules::{Alias, Context, Edit, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "run-sudo",
        aliases: &[Alias::all("DL3004")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`sudo` in RUN.",
        docs: "\
**Why**: RUN already runs as root unless a USER instruction changed that; `sudo` adds a \
package, a TTY-dependent configuration and surprising environment handling.\n\n\
**Example**: `RUN sudo apt-get install -y curl`\n\n\
**Fix**: drop `sudo` (switch with `USER root` … `USER app` around the RUN if needed); to \
drop privileges when the container starts, use `gosu` or `su-exec`. The quick fix \
removes a plain `sudo` word.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Sudo], |_, code, cmd| {
        let Some(sudo) = &cmd.sudo else { return };
        let report = out.report(code.range(sudo.clone()), "Do not use `sudo` in RUN; use USER to change the user");
        // Only a bare `sudo` (no options) right before the command can simply go.
        let bare = cmd.wrappers.len() == 1 && cmd.env.is_empty();
        if let (true, Some(name)) = (bare, &cmd.name) {
            let range = code.range(sudo.start..name.range.start);
            report.fix("Remove `sudo`", vec![Edit { range, text: String::new() }], false);
        }
    });
}
