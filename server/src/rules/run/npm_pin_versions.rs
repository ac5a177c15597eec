//! `npm-pin-versions` (DL3016): `npm install pkg` without `@version`.

use super::pkg::each_install;
use crate::model::shell::packages::{Manager, PackageKind};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "npm-pin-versions",
        aliases: &[Alias::all("DL3016")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`npm install` of a package without a version.",
        docs: "\
**Why**: `npm install pkg` takes the newest release of the day, so rebuilding the same \
Dockerfile can pull in breaking changes.\n\n\
**Example**: `RUN npm install -g typescript`\n\n\
**Fix**: `RUN npm install -g typescript@5.7.2`. `npm ci` and `npm install` without \
packages (they follow the lock file), local paths and tarballs are not reported; a git \
URL counts as pinned with a `#commit` or `#semver:` suffix.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

/// A git dependency (`git+https://…`, `github:user/repo`, `user/repo`) without `#ref`.
fn unpinned_git(v: &str) -> bool {
    let git = v.starts_with("git") || v.starts_with("github:") || (!v.contains("://") && v.contains('/'));
    git && !v.contains('#')
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_install(cx, &[Manager::Npm], |_, code, _, install| {
        for p in &install.packages {
            let unpinned = match p.kind {
                PackageKind::Registry => p.version.is_none(),
                PackageKind::Url => unpinned_git(&p.word.value(code.src)),
                _ => false,
            };
            if !unpinned {
                continue;
            }
            let name = p.name_str(code.src);
            let msg = if p.kind == PackageKind::Url {
                format!("Pin `{name}` to a commit or tag: `{name}#<ref>`")
            } else {
                format!("Pin the version of `{name}`: `npm install {name}@<version>`")
            };
            out.report(code.range(p.name.clone()), msg);
        }
    });
}
