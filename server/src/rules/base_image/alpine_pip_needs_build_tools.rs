//! `alpine-pip-needs-build-tools`: `pip install` on Alpine of a package that has no
//! musllinux wheel, with no compiler installed before it.

use std::collections::HashSet;

use super::{Resolved, Stages, Written};
use crate::images::catalog::{Libc, TagStatus, VariantKind, catalog};
use crate::images::knowledge::{NoMuslWheel, no_musl_wheel};
use crate::model::Base;
use crate::model::shell::packages::{Manager, PackageKind, install_command};
use crate::rules::{Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "alpine-pip-needs-build-tools",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: Some(Severity::Warning),
        summary: "pip on Alpine compiles this package from source, and no compiler is installed.",
        docs: "\
**Why**: Alpine uses musl, and some Python packages publish no musllinux wheel \
(psycopg2, mysqlclient, uwsgi, python-ldap …), so pip builds them from source. Without \
`build-base` (or `gcc` and `musl-dev`) and the package's headers the build fails; with \
them the image grows and builds slow down. A few (torch, tensorflow) cannot be installed \
on Alpine at all. Packages with musllinux wheels (numpy, Pillow, cryptography …) are not \
reported.\n\n\
**Example**: `FROM python:3.12-alpine` then `RUN pip install psycopg2`\n\n\
**Fix**: `apk add build-base libpq-dev` before the install, or switch to the `-slim` \
image, which installs prebuilt manylinux wheels (the quick fix, offered when the stage \
runs no `apk` command).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// What `apk add` has installed so far in a stage's chain.
#[derive(Clone, Default)]
struct Apk {
    packages: HashSet<String>,
    /// Something was installed from a variable: anything may be there.
    unknown: bool,
}

impl Apk {
    fn has(&self, name: &str) -> bool {
        self.packages.contains(name)
    }

    fn has_compiler(&self) -> bool {
        self.has("build-base") || self.has("alpine-sdk") || (self.has("gcc") && self.has("musl-dev"))
    }

    /// Whether a build dependency from the knowledge list is installed, allowing the
    /// usual other names for it.
    fn has_dep(&self, dep: &str) -> bool {
        if self.has(dep) {
            return true;
        }
        let others: &[&str] = match dep {
            "libpq-dev" => &["postgresql-dev", "libpq"],
            "pkgconf" => &["pkgconfig", "pkgconf-dev"],
            "mariadb-dev" => &["mariadb-connector-c-dev"],
            "mariadb-connector-c-dev" => &["mariadb-dev"],
            "cmake" => &["samurai"],
            _ => &[],
        };
        others.iter().any(|o| self.has(o))
            || (dep == "libpq-dev" && self.packages.iter().any(|p| p.starts_with("postgresql") && p.ends_with("-dev")))
    }
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let (mut mentions_pip, mut uses_apk) = (false, false);
    for (_, inst) in cx.instructions_of(&[Keyword::Run]) {
        if let (Keyword::Run, Some(span)) = (inst.kind(), inst.inst.shell) {
            let src = inst.src(span);
            mentions_pip |= src.contains("pip");
            uses_apk |= src.contains("apk");
        }
    }
    if !mentions_pip {
        return;
    }
    let stages = Stages::new(cx);
    let mut ends: Vec<Option<Apk>> = Vec::with_capacity(cx.model.stages.len());
    for stage in &cx.model.stages {
        let Some(root) = stages.root(stage.index).filter(|r| is_musl(r)) else {
            ends.push(None);
            continue;
        };
        let mut apk = match stage.base {
            Base::Stage(p) => ends.get(p).cloned().flatten().unwrap_or_default(),
            _ => Apk::default(),
        };
        for node in stage.nodes.clone() {
            let inst = cx.inst(node);
            if inst.kind() != Keyword::Run {
                continue;
            }
            let Some(span) = inst.inst.shell else { continue };
            let src = inst.src(span);
            if !src.contains("apk") && !src.contains("pip") {
                continue;
            }
            let Some(shell) = cx.shell(node) else { continue };
            let text = shell.text.as_str();
            for cmd in &shell.script.commands {
                let Some(install) = install_command(cmd, text) else { continue };
                match install.manager {
                    Manager::Apk => {
                        for p in &install.packages {
                            match p.kind {
                                PackageKind::Registry => {
                                    apk.packages.insert(p.name_str(text).into_owned());
                                }
                                _ => apk.unknown = true,
                            }
                        }
                    }
                    Manager::Pip | Manager::Uv if !apk.unknown => {
                        for p in install.registry_packages() {
                            let Some(known) = no_musl_wheel(&p.name_str(text)) else { continue };
                            let Some(message) = message(known, &apk) else { continue };
                            let range = inst.map_logical(span, p.name.clone());
                            let report = out.report(range, message);
                            // Offered only where slim really helps: a prebuilt glibc wheel.
                            let slim_helps = !known.also_needs_tools_on_slim;
                            let fix =
                                if slim_helps { slim_fix(cx, &stages, stage.index, root, uses_apk) } else { None };
                            if let Some((title, range, tag)) = fix {
                                report.replace(title, range, tag, false);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        ends.push(Some(apk));
    }
}

fn is_musl(image: &Resolved) -> bool {
    image.res.libc == Libc::Musl || matches!(image.res.variant.kind, VariantKind::Alpine { .. })
}

/// What to say about one package, or `None` when the tools it needs are installed.
fn message(known: &NoMuslWheel, apk: &Apk) -> Option<String> {
    let pkg = known.package;
    if known.alpine_build_deps.is_empty() {
        return Some(format!("`{pkg}` cannot be installed with pip on Alpine (musl): {}", known.note));
    }
    let deps: Vec<&str> = known.alpine_build_deps.iter().copied().filter(|d| *d != "build-base").collect();
    let missing: Vec<&str> = deps.iter().copied().filter(|d| !apk.has_dep(d)).collect();
    let slim = if known.also_needs_tools_on_slim {
        "it has no prebuilt Linux wheel at all, so a Debian `-slim` image needs a compiler for it too"
    } else {
        "a Debian `-slim` image installs a prebuilt manylinux wheel instead"
    };
    if !apk.has_compiler() {
        let all = known.alpine_build_deps.join(" ");
        return Some(format!(
            "`{pkg}` has no musllinux wheel, so pip compiles it from source here, and no compiler is \
             installed (`apk add {all}` first); compiling makes the image larger and the build slower, \
             and {slim}. {}",
            known.note
        ));
    }
    if missing.is_empty() {
        return None;
    }
    Some(format!(
        "`{pkg}` has no musllinux wheel and compiles from source here; it also needs `{}` \
         installed with `apk add` before pip. {}",
        missing.join(" "),
        known.note
    ))
}

/// Swapping `python:X-alpine` for `python:X-slim`, when the file runs no apk command
/// (which would fail on Debian) and the catalog has the tag.
fn slim_fix(
    cx: &Context<'_>,
    stages: &Stages<'_>,
    stage: usize,
    root: &Resolved,
    uses_apk: bool,
) -> Option<(String, crate::syntax::TextRange, String)> {
    if uses_apk || root.name != "python" || root.digest.is_some() {
        return None;
    }
    let tag = root.tag.as_deref()?;
    let slim = slim_for(tag)?;
    if catalog().resolve("python", Some(&slim), cx.today).tag_status != TagStatus::Current {
        return None;
    }
    let root_stage = stages.root_stage(stage)?;
    let written = Written::of(cx, &cx.model.stages[root_stage]);
    let (range, text) = written.tag_edit(&slim)?;
    Some((format!("Use python:{slim} (Debian, glibc wheels)"), range, text))
}

/// `3.12-alpine3.21` → `3.12-slim`, `alpine` → `slim`.
pub(super) fn slim_for(tag: &str) -> Option<String> {
    let words: Vec<&str> = tag.split('-').collect();
    let at = words.iter().position(|w| w.starts_with("alpine"))?;
    let mut out: Vec<&str> = words[..at].to_vec();
    out.push("slim");
    out.extend(&words[at + 1..]);
    Some(out.join("-"))
}
