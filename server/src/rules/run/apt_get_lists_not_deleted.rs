//! `apt-get-lists-not-deleted` (DL3009): the apt lists stay in the image.

use super::index::{Class, each_run_with};
use super::pkg::{manager_range, name_is};
use super::scripts::shipped_stages;
use crate::model::shell::packages::{Action, Manager, is_apt_lists_cleanup, manager_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "apt-get-lists-not-deleted",
        aliases: &[Alias::all("DL3009")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`apt-get update` without removing /var/lib/apt/lists in the same RUN.",
        docs: "\
**Why**: `apt-get update` downloads package lists (tens of MB) into /var/lib/apt/lists; \
deleting them in a later RUN does not shrink the image, the earlier layer keeps them.\n\n\
**Example**: `RUN apt-get update && apt-get install -y curl`\n\n\
**Fix**: `RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*` \
(the quick fix appends the `rm` when the same RUN installs). As in hadolint, only stages \
that end up in the image are checked (the last one and those others build on), and a \
cache or tmpfs mount on /var/lib/apt/lists counts as cleaning up.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

const CLEANUP: &str = "rm -rf /var/lib/apt/lists/*";

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let shipped = shipped_stages(cx);
    each_run_with(cx, &[Class::Apt, Class::Aptitude], |run, codes| {
        if !run.stage.is_some_and(|s| shipped.get(s).copied().unwrap_or(true)) {
            return;
        }
        // The first `apt-get update` after the last cleanup, and whether packages are
        // installed after it.
        let mut pending: Option<(usize, std::ops::Range<usize>)> = None;
        let mut installs = false;
        for (k, code) in codes.iter().enumerate() {
            for cmd in &code.script.commands {
                if name_is(cmd, code.src, |n| n == "rm") && is_apt_lists_cleanup(cmd, code.src) {
                    pending = None;
                    installs = false;
                    continue;
                }
                if !name_is(cmd, code.src, |n| matches!(n, "apt-get" | "apt" | "aptitude")) {
                    continue;
                }
                if name_is(cmd, code.src, |n| n == "aptitude") {
                    if pending.is_none() && cmd.args.first().is_some_and(|a| a.value(code.src) == "update") {
                        let end = cmd.args[0].range.end;
                        pending = cmd.name.as_ref().map(|n| (k, n.range.start..end));
                    }
                    continue;
                }
                let Some(mc) = manager_command(cmd, code.src) else { continue };
                if mc.manager != Manager::Apt {
                    continue;
                }
                match mc.action {
                    Action::Update if pending.is_none() => pending = manager_range(cmd, &mc).map(|r| (k, r)),
                    Action::Install | Action::Upgrade | Action::DistUpgrade if pending.is_some() => installs = true,
                    _ => {}
                }
            }
        }
        let Some((k, range)) = pending else { return };
        if run.caches("/var/lib/apt/lists") || (run.caches("/var/lib/apt") && run.caches("/var/cache/apt")) {
            return;
        }
        let code = &codes[k];
        let report = out.report(
            code.range(range),
            "Remove the apt lists (`rm -rf /var/lib/apt/lists/*`) in the same RUN after installing",
        );
        // Without an install in this RUN a later RUN probably needs the lists.
        if installs {
            if let Some(edit) = code.append(CLEANUP) {
                report.fix(format!("Append `{CLEANUP}`"), vec![edit], true);
            }
        }
    });
}
