//! `apt-use-apt-get` (DL3027): `apt` instead of `apt-get` / `apt-cache`.

use super::index::{Class, each_command};
use super::pkg::name_is;
use crate::rules::{Alias, Context, Edit, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "apt-use-apt-get",
        aliases: &[Alias::all("DL3027")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`apt` is used instead of `apt-get` or `apt-cache`.",
        docs: "\
**Why**: `apt` is the interactive front end: its output and options may change between \
releases and it warns that it has no stable command-line interface. `apt-get` and \
`apt-cache` are the ones meant for scripts.\n\n\
**Example**: `RUN apt install -y curl`\n\n\
**Fix**: `RUN apt-get install -y curl` (`apt-cache` for `search`, `show`, `policy`); \
the quick fix renames the command.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

/// Subcommands `apt-get` has under the same name.
const APT_GET: [&str; 14] = [
    "install",
    "remove",
    "purge",
    "update",
    "upgrade",
    "dist-upgrade",
    "autoremove",
    "autopurge",
    "clean",
    "autoclean",
    "source",
    "build-dep",
    "download",
    "changelog",
];
/// Subcommands `apt-cache` has under the same name.
const APT_CACHE: [&str; 7] = ["search", "show", "policy", "depends", "rdepends", "showsrc", "madison"];

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Apt], |_, code, cmd| {
        let Some(name) = &cmd.name else { return };
        if !name_is(cmd, code.src, |n| n == "apt") {
            return;
        }
        let report = out.report(
            code.range(name.range.clone()),
            "Use `apt-get` or `apt-cache` in scripts; `apt` is meant for interactive use",
        );
        let sub = cmd.args.iter().map(|a| a.value(code.src)).find(|v| !v.starts_with('-'));
        let tool = match sub.as_deref() {
            Some(s) if APT_GET.contains(&s) => "apt-get",
            Some(s) if APT_CACHE.contains(&s) => "apt-cache",
            _ => return,
        };
        let raw = name.text(code.src);
        if name.quoted || name.expansion {
            return;
        }
        // Keep a directory written before the name (`/usr/bin/apt`).
        let base = raw.rfind('/').map_or(0, |i| i + 1);
        let range = code.range(name.range.start + base..name.range.end);
        report.fix(format!("Use `{tool}`"), vec![Edit { range, text: tool.to_string() }], true);
    });
}
