//! `go-install-pin-versions` (DL3062): `go install pkg` without `@version`.

use super::pkg::each_install;
use crate::model::shell::packages::{Manager, PackageKind};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "go-install-pin-versions",
        aliases: &[Alias::all("DL3062")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`go install` of a module without a version (or with `@latest`).",
        docs: "\
**Why**: `go install example.com/tool` (or `@latest`) builds whatever the newest version \
is that day, so two builds of the same Dockerfile can differ.\n\n\
**Example**: `RUN go install golang.org/x/tools/gopls@latest`\n\n\
**Fix**: `RUN go install golang.org/x/tools/gopls@v0.17.1`. As in hadolint, `@latest` \
is not a pin (nor are the moving queries `@upgrade` and `@patch`); local packages \
(`./cmd/...`) are not reported. `go get` is checked the same way.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

/// Version queries that move with every release.
const MOVING: [&str; 3] = ["latest", "upgrade", "patch"];

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_install(cx, &[Manager::Go], |_, code, _, install| {
        for p in install.packages.iter().filter(|p| p.kind == PackageKind::Registry) {
            let name = p.name_str(code.src);
            let version = p.version_str(code.src);
            let msg = match version.as_deref() {
                None => format!("Pin the version of `{name}`: `go install {name}@<version>`"),
                Some(v) if MOVING.contains(&v) => {
                    format!("`@{v}` is not a fixed version: use `go install {name}@<version>`")
                }
                Some(_) => continue,
            };
            let range = match &p.version {
                Some(v) => code.range(v.clone()),
                None => code.range(p.name.clone()),
            };
            out.report(range, msg);
        }
    });
}
