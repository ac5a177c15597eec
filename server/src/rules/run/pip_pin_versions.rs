//! `pip-pin-versions` (DL3013): `pip install pkg` without a version.

use super::pkg::report_unpinned;
use crate::model::shell::packages::{Manager, PackageKind};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "pip-pin-versions",
        aliases: &[Alias::all("DL3013")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`pip install` of a package without a version.",
        docs: "\
**Why**: an unpinned package installs the newest release of the day, so rebuilding the \
same Dockerfile can pull in breaking changes.\n\n\
**Example**: `RUN pip install flask`\n\n\
**Fix**: `RUN pip install flask==3.1.0`, or list pinned versions in a requirements file \
and `pip install -r requirements.txt`. Installs from requirement files, with a \
constraints file (`-c`), from local paths, archives and URLs are not reported; any \
version specifier (`>=`, `~=` …) counts as pinned. `uv pip install` is checked too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_unpinned(
        cx,
        out,
        &[Manager::Pip, Manager::Uv],
        |install, _, _| {
            install.from_manifest || install.packages.iter().any(|p| p.kind == PackageKind::ConstraintsFile)
        },
        |_, _| false,
        |name| format!("Pin the version of `{name}`: `pip install {name}==<version>`"),
    );
}
