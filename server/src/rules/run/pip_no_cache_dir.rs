//! `pip-no-cache-dir` (DL3042): `pip install` without `--no-cache-dir`.

use super::pkg::{each_install, name_through};
use crate::model::shell::packages::Manager;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "pip-no-cache-dir",
        aliases: &[Alias::all("DL3042")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`pip install` without `--no-cache-dir`.",
        docs: "\
**Why**: pip keeps every downloaded wheel in ~/.cache/pip; in an image that cache is \
dead weight, often as large as the installed packages.\n\n\
**Example**: `RUN pip install -r requirements.txt`\n\n\
**Fix**: `RUN pip install --no-cache-dir -r requirements.txt` (the quick fix adds the \
flag). `PIP_NO_CACHE_DIR=1` set with ENV, ARG or before the command, and a cache or tmpfs \
mount on the pip cache, count too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn truthy(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "on" | "yes")
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_install(cx, &[Manager::Pip], |run, code, cmd, install| {
        if install.no_cache || run.caches(".cache/pip") {
            return;
        }
        let env = cx.model.value_at("PIP_NO_CACHE_DIR", run.node, run.stage, &cx.inputs.build_args);
        if env.as_deref().is_some_and(truthy) {
            return;
        }
        let sub = &install.subcommand.range;
        out.report(
            code.range(name_through(cmd, sub)),
            "Add `--no-cache-dir` so pip does not keep its cache in the image",
        )
        .fix("Add `--no-cache-dir`", vec![code.insert_after(sub.end, " --no-cache-dir")], true);
    });
}
