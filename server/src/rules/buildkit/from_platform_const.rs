//! `from-platform-const`: `FROM --platform=linux/amd64` with a constant value.

use super::platform;
use super::util::go_quote;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::vars::scan;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-platform-const",
        aliases: &[Alias::all("FromPlatformFlagConstDisallowed"), Alias::all("DL3029")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "FROM --platform is a constant.",
        docs: "\
**Why**: a fixed platform pins the stage to one architecture, so the Dockerfile cannot \
build multi-platform images and runs under emulation elsewhere. As in BuildKit, a stage \
whose name contains the OS or architecture (`AS build-arm64`) is exempt: it is \
platform-specific on purpose.\n\n\
**Example**: `FROM --platform=linux/amd64 golang:1.24 AS build`\n\n\
**Fix**: drop the flag and pass `--platform` to `docker build`, or use \
`--platform=$BUILDPLATFORM` for build tools that cross-compile.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for stage in &cx.model.stages {
        let inst = cx.inst(stage.node);
        let Some(flag) = inst.flag("platform") else { continue };
        let (Some(vspan), Some(value)) = (flag.value, inst.flag_value(flag)) else { continue };
        if !scan(&value, inst.inst.escape, true).refs.is_empty() {
            continue;
        }
        let Some(p) = platform::parse(&value) else { continue };
        let name = stage.name.as_deref().unwrap_or("");
        if name.contains(p.os.as_str()) || name.contains(p.arch.as_str()) {
            continue;
        }
        out.report(
            inst.range(vspan),
            format!("FROM --platform flag should not use constant value {}", go_quote(&value)),
        );
    }
}
