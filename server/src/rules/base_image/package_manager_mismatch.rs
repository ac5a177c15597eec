//! `package-manager-mismatch`: a package manager the base image's OS does not have.

use super::{Resolved, Stages};
use crate::images::catalog::PackageManager;
use crate::images::knowledge::{self, OsFamily as KnownFamily};
use crate::rules::{Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{InstRef, Keyword, TextRange};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "package-manager-mismatch",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: Some(Severity::Error),
        summary: "The command uses a package manager that the base image's OS does not have.",
        docs: "\
**Why**: each distribution ships its own package manager: `apt-get` on Debian and \
Ubuntu, `apk` on Alpine and Wolfi, `dnf`/`yum`/`microdnf` on Fedora, RHEL and Amazon \
Linux, `zypper` on openSUSE. scratch, distroless and Chainguard runtime images have none. \
Calling the wrong one fails the build with \"not found\", often after a base-image \
change.\n\n\
**Example**: `FROM python:3.12-alpine` then `RUN apt-get install -y curl`\n\n\
**Fix**: use the base's manager (`apk add --no-cache curl`; package names may differ) or \
a base of the family the commands were written for. Only reported when the base image's \
OS is known; scripts that test for the OS (`command -v apk`, `/etc/os-release`) or also call \
the right manager are left alone.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

/// A package-manager command by family.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Apt,
    Apk,
    Dnf,
    Yum,
    Microdnf,
    Zypper,
    Pacman,
    Tdnf,
}

/// Every name that is a package-manager command we judge (dpkg and rpm are left out:
/// both can be installed as ordinary packages elsewhere).
const NAMES: &[(&str, Cmd)] = &[
    ("apt-get", Cmd::Apt),
    ("apt", Cmd::Apt),
    ("aptitude", Cmd::Apt),
    ("apk", Cmd::Apk),
    ("dnf", Cmd::Dnf),
    ("dnf5", Cmd::Dnf),
    ("yum", Cmd::Yum),
    ("microdnf", Cmd::Microdnf),
    ("zypper", Cmd::Zypper),
    ("pacman", Cmd::Pacman),
    ("tdnf", Cmd::Tdnf),
];

/// What the base has, as far as this rule goes.
#[derive(Clone, Copy)]
struct Expect {
    /// The manager to name in the message (`None`: the image has none).
    right: Option<&'static str>,
    allowed: &'static [Cmd],
}

fn expect_for(pm: PackageManager) -> Option<Expect> {
    use Cmd::*;
    let (right, allowed): (Option<&'static str>, &'static [Cmd]) = match pm {
        PackageManager::Apt => (Some("apt-get"), &[Apt]),
        PackageManager::Apk => (Some("apk"), &[Apk]),
        // dnf images usually have yum as an alias, sometimes microdnf.
        PackageManager::Dnf => (Some("dnf"), &[Dnf, Yum, Microdnf, Tdnf]),
        // Amazon Linux 2 and old RHEL-likes: no dnf.
        PackageManager::Yum => (Some("yum"), &[Yum]),
        // UBI minimal and the other `-minimal`/`-slim` RHEL-likes: microdnf only.
        PackageManager::Microdnf => (Some("microdnf"), &[Microdnf]),
        PackageManager::Zypper => (Some("zypper"), &[Zypper]),
        PackageManager::Tdnf => (Some("tdnf"), &[Tdnf, Dnf, Yum]),
        PackageManager::Pacman => (Some("pacman"), &[Pacman]),
        PackageManager::None => (None, &[]),
        PackageManager::Swupd | PackageManager::Unknown => return None,
    };
    Some(Expect { right, allowed })
}

/// From the curated knowledge, for images the catalog does not place (e.g.
/// `opensuse/leap`), but only for images knowledge has an entry for.
fn expect_from_knowledge(image: &Resolved) -> Option<Expect> {
    knowledge::image(&image.name)?;
    let reference = image.display();
    let pm = match knowledge::os_family_of(&reference)? {
        KnownFamily::Debian | KnownFamily::Ubuntu => PackageManager::Apt,
        KnownFamily::Alpine | KnownFamily::Wolfi => PackageManager::Apk,
        KnownFamily::OpenSuse => PackageManager::Zypper,
        KnownFamily::Arch => PackageManager::Pacman,
        KnownFamily::AzureLinux => PackageManager::Tdnf,
        KnownFamily::Busybox | KnownFamily::Distroless | KnownFamily::Scratch => PackageManager::None,
        // RPM families differ by release (dnf, yum, microdnf): only cross-family calls.
        KnownFamily::Fedora | KnownFamily::Rhel | KnownFamily::AmazonLinux => PackageManager::Dnf,
        KnownFamily::Windows => PackageManager::None,
    };
    expect_for(pm)
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let stages = Stages::new(cx);
    for stage in &cx.model.stages {
        let Some(image) = stages.root(stage.index) else { continue };
        let Some(expect) = expect_for(image.res.package_manager).or_else(|| expect_from_knowledge(image)) else {
            continue;
        };
        for node in stage.nodes.clone() {
            if cx.kind_of(node) == Keyword::Run && cx.wants(node) {
                check_run(cx, out, node, cx.inst(node), image, &expect);
            }
        }
    }
}

fn check_run(cx: &Context<'_>, out: &mut Sink<'_>, node: usize, inst: InstRef<'_>, image: &Resolved, expect: &Expect) {
    if let Some(exec) = &inst.inst.exec {
        // `RUN ["apt-get", "install", …]`: the first element is the program.
        let Some(value) = exec.elements.first().and_then(|e| Some((e.span, e.value.as_deref()?))) else { return };
        let name = basename(value.1);
        if lookup(name).is_some_and(|cmd| !expect.allowed.contains(&cmd)) {
            out.report(inst.range(value.0), message(name, image, expect));
        }
        return;
    }
    let Some(span) = inst.inst.shell else { return };
    if !mentions_other_manager(inst.src(span), expect) {
        return;
    }
    let Some(shell) = cx.shell(node) else { return };
    let text = shell.text.as_str();
    if probes_the_os(text) {
        return;
    }
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for cmd in &shell.script.commands {
        let Some(name) = cmd.name_value(text) else { continue };
        let Some(kind) = lookup(&name) else { continue };
        if expect.allowed.contains(&kind) {
            // A script that also calls the right manager handles more than one OS.
            return;
        }
        // One report per missing manager per RUN: `apt-get update && apt-get install`
        // is one mistake, marked where it starts.
        if let Some(word) = &cmd.name
            && !found.iter().any(|(_, seen)| *seen == name)
        {
            found.push((inst.map_logical(span, word.range.clone()), name.into_owned()));
        }
    }
    for (range, name) in found {
        out.report(range, message(&name, image, expect));
    }
}

/// A cheap look for a manager the base lacks, before the script is parsed: one pass
/// over the bytes, looking only at words (a name starts after a non-word byte).
fn mentions_other_manager(src: &str, expect: &Expect) -> bool {
    let b = src.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !matches!(c, b'a' | b'd' | b'm' | b'p' | b't' | b'y' | b'z') || (i > 0 && is_word(b[i - 1])) {
            i += 1;
            continue;
        }
        let end = b[i..].iter().position(|&c| !is_word(c)).map_or(b.len(), |n| i + n);
        if src.get(i..end).and_then(lookup).is_some_and(|cmd| !expect.allowed.contains(&cmd)) {
            return true;
        }
        i = end.max(i + 1);
    }
    false
}

fn lookup(name: &str) -> Option<Cmd> {
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The script asks which OS or manager it runs on.
fn probes_the_os(text: &str) -> bool {
    const PROBES: &[&str] = &[
        "command -v",
        "which ",
        "type ",
        "hash ",
        "/etc/os-release",
        "/etc/alpine-release",
        "/etc/debian_version",
        "/etc/redhat-release",
        "/etc/lsb-release",
        "/usr/lib/os-release",
    ];
    PROBES.iter().any(|p| text.contains(p))
}

/// "`python:3.12-alpine` (Alpine Linux 3.22)".
fn base_name(image: &Resolved) -> String {
    match &image.res.os {
        Some(os) if os.family != crate::images::catalog::OsFamily::None => format!("`{}` ({os})", image.display()),
        _ => format!("`{}`", image.display()),
    }
}

fn message(cmd: &str, image: &Resolved, expect: &Expect) -> String {
    let base = base_name(image);
    match expect.right {
        Some(right) => format!("`{cmd}` does not exist on {base}; its package manager is `{right}`"),
        None => format!("`{cmd}` does not exist on {base}: the image has no package manager"),
    }
}
