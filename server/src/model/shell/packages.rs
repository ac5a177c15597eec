//! Package-manager commands on top of [`Command`]s.
//!
//! [`manager_command`] recognises an invocation of a package manager and what it does
//! ([`Action`]); [`install_command`] goes further for installs and lists the packages
//! with their names and versions as source ranges. The helpers [`is_clean`],
//! [`is_apt_lists_cleanup`] and [`removes`] answer the "did you clean up" questions.
//!
//! Recognised (the command name is matched by basename, after wrappers such as `sudo`
//! are removed by the splitter):
//!
//! | manager | commands |
//! |---|---|
//! | [`Manager::Apt`] | `apt-get`, `apt` |
//! | [`Manager::Apk`] | `apk` |
//! | [`Manager::Pip`] | `pip`, `pip3`, `pip3.12`, `python -m pip`, `python3.11 -m pip` |
//! | [`Manager::Uv`] | `uv pip …`, `uv cache clean` |
//! | [`Manager::Npm`], [`Manager::Yarn`], [`Manager::Pnpm`] | `npm`, `yarn`, `pnpm` |
//! | [`Manager::Gem`] | `gem` |
//! | [`Manager::Go`] | `go` |
//! | [`Manager::Yum`], [`Manager::Dnf`], [`Manager::Microdnf`] | `yum`, `dnf`/`dnf5`, `microdnf` |
//! | [`Manager::Zypper`] | `zypper` |
//!
//! Options are told apart from operands with per-manager tables of the options that
//! take a value (`apt-get -o X install`, `pip install -r file`), so values are never
//! mistaken for packages.

use std::borrow::Cow;
use std::ops::Range;

use super::{Command, Word, flag_in};

/// A package manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Manager {
    /// `apt-get` and `apt` (tell them apart with [`Command::name_value`]).
    Apt,
    Apk,
    /// pip, in any of its spellings, including `python -m pip`.
    Pip,
    /// uv's pip interface (`uv pip install`), and `uv cache clean`.
    Uv,
    Npm,
    Yarn,
    Pnpm,
    Gem,
    Go,
    Yum,
    /// `dnf` and `dnf5`.
    Dnf,
    Microdnf,
    Zypper,
}

/// What a package-manager command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Installs packages (`install`, `add`, `i`, `ci`, `get`, `localinstall`, bare `yarn` …).
    Install,
    /// Refreshes package lists (`apt-get update`, `apk update`, `zypper refresh`,
    /// `yum makecache`).
    Update,
    /// Upgrades installed packages (`upgrade`; for yum/dnf/zypper also `update`).
    Upgrade,
    /// `apt-get dist-upgrade`/`full-upgrade`, `zypper dist-upgrade`/`dup`,
    /// `dnf distro-sync`.
    DistUpgrade,
    /// Removes packages.
    Remove,
    /// Cleans the manager's cache (`apt-get clean`, `yum clean …`, `zypper clean`/`cc`,
    /// `apk cache clean`, `npm`/`yarn cache clean`, `pip cache purge`, `go clean -cache`,
    /// `pnpm store prune`, `uv cache clean`).
    Clean,
    /// Anything else (`apt-get build-dep`, `pip freeze`, `go build` …).
    Other,
}

/// A recognised package-manager invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagerCommand {
    pub manager: Manager,
    pub action: Action,
    /// The word that decides the action (`install`, `add`, `clean` in `apk cache clean`,
    /// `add` in `yarn global add`). `None` when there is none (`apt-get` alone), except
    /// bare `yarn`, which installs and has the command name here.
    pub subcommand: Option<Word>,
    /// Will not stop to ask: apt `-y`/`--yes`/`--assume-yes`/`-qq`/`-q=2`/
    /// `-o APT::Get::Assume-Yes=true`; yum/dnf `-y`/`--assumeyes`; zypper `-n`/
    /// `--non-interactive` before the subcommand or `-y`/`--no-confirm` after it;
    /// `pip uninstall -y`; apk unless `-i`. Managers that never prompt (npm, yarn, pnpm,
    /// gem, go, uv, microdnf, pip install) are always `true`.
    pub yes: bool,
    /// Every option word, before and after the subcommand (not their separate values).
    pub flags: Vec<Word>,
}

/// An install command and its packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Install {
    pub manager: Manager,
    /// `install`, `add`, `i`, `ci`, `get` … (for bare `yarn`, the word `yarn`).
    pub subcommand: Word,
    /// What is installed, in order: named packages, and also local paths, URLs and
    /// requirement files (see [`PackageKind`]); filter on `kind` for registry packages.
    pub packages: Vec<Package>,
    /// Every option word, before and after the subcommand (not their separate values).
    pub flags: Vec<Word>,
    /// See [`ManagerCommand::yes`].
    pub yes: bool,
    /// Does not keep a download cache: apk `--no-cache`, pip `--no-cache-dir`, uv
    /// `--no-cache`/`-n`.
    pub no_cache: bool,
    /// apt `--no-install-recommends` (or `-o APT::Install-Recommends=false`).
    pub no_install_recommends: bool,
    /// npm/pnpm `-g`/`--global`, `yarn global add`.
    pub global: bool,
    /// Installs what a manifest lists: `npm install`/`npm ci`/`yarn`/`pnpm install` with
    /// no package, `pip install -r file`, `gem install -g`/`--file`, `go install` with no
    /// package.
    pub from_manifest: bool,
    /// apk `--virtual NAME` / `-t NAME` (the NAME is not a package).
    pub virtual_name: Option<Word>,
    /// gem `-v`/`--version VALUE`: applies to the gems without their own `:version`
    /// (their [`Package::version`] points at it).
    pub version_flag: Option<Word>,
}

impl Install {
    /// Whether an option is among [`Install::flags`]; see [`Command::has_flag`].
    pub fn has_flag(&self, src: &str, short: Option<char>, long: &[&str]) -> bool {
        flag_in(&self.flags, src, short, long)
    }

    /// Packages that come from the manager's registry by name.
    pub fn registry_packages(&self) -> impl Iterator<Item = &Package> {
        self.packages.iter().filter(|p| p.kind == PackageKind::Registry)
    }
}

/// One thing to install.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The whole argument (for pip `-r FILE`, the FILE word).
    pub word: Word,
    /// Source range of the name (`curl` in `curl=7.*`, `@scope/x` in `@scope/x@1`).
    pub name: Range<usize>,
    /// Source range of the version, if one is given. A plain pin separator is left out
    /// (`=` apt/apk/zypper/yum/dnf, `==` pip, `@` npm/go, `:` gem, `-` in rpm `name-1.2`);
    /// a comparison keeps its operator (`>=4.2`, `~=1.0`, apk `~1.2`, `<2`). For pip's
    /// `name @ URL` it is the URL. For gem, `-v VALUE` counts when no `:version` is given.
    pub version: Option<Range<usize>>,
    pub kind: PackageKind,
    /// The same two parts as byte ranges of the word's value (or of the `-v` word's).
    name_in_value: Range<usize>,
    version_in_value: Option<(Range<usize>, bool)>,
    version_word: Option<Word>,
}

/// What a package argument refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PackageKind {
    /// A package name from the manager's registry (possibly with a version).
    Registry,
    /// A local file or directory (`./x.deb`, `.`, `/tmp/a.whl`, `file:../y`).
    Path,
    /// A URL or VCS reference (`https://…`, `git+https://…`, npm `user/repo`).
    Url,
    /// pip `-r FILE`.
    RequirementsFile,
    /// pip `-c FILE`.
    ConstraintsFile,
    /// The name comes from an expansion (`$PACKAGES`, `$(cat list)`): unknown.
    Expansion,
}

impl Package {
    /// The package name as the manager sees it.
    pub fn name_str<'a>(&self, src: &'a str) -> Cow<'a, str> {
        sub_cow(self.word.value(src), self.name_in_value.clone())
    }

    /// The version text (see [`Package::version`]).
    pub fn version_str<'a>(&self, src: &'a str) -> Option<Cow<'a, str>> {
        let (r, from_flag) = self.version_in_value.clone()?;
        let w = if from_flag { self.version_word.as_ref()? } else { &self.word };
        Some(sub_cow(w.value(src), r))
    }
}

fn sub_cow(v: Cow<'_, str>, r: Range<usize>) -> Cow<'_, str> {
    match v {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(r).unwrap_or("")),
        Cow::Owned(s) => Cow::Owned(s.get(r).unwrap_or("").to_string()),
    }
}

// ------------------------------------------------------------------- option walking

/// Which options of a manager take a value.
struct Spec {
    short_arg: &'static str,
    long_arg: &'static [&'static str],
    /// Go style: `-ldflags x` is one long option.
    single_dash_long: bool,
}

const APT: Spec = Spec {
    short_arg: "octa",
    long_arg: &["option", "config-file", "target-release", "default-release", "host-architecture"],
    single_dash_long: false,
};
const APK: Spec = Spec {
    short_arg: "Xpt",
    long_arg: &[
        "repository",
        "root",
        "virtual",
        "arch",
        "cache-dir",
        "keys-dir",
        "repositories-file",
        "cache-max-age",
        "timeout",
    ],
    single_dash_long: false,
};
const PIP: Spec = Spec {
    short_arg: "rcetifC",
    long_arg: &[
        "requirement",
        "constraint",
        "editable",
        "target",
        "index-url",
        "extra-index-url",
        "find-links",
        "prefix",
        "root",
        "platform",
        "python-version",
        "implementation",
        "abi",
        "src",
        "upgrade-strategy",
        "progress-bar",
        "global-option",
        "config-settings",
        "install-option",
        "trusted-host",
        "proxy",
        "cache-dir",
        "log",
        "timeout",
        "retries",
        "no-binary",
        "only-binary",
        "report",
        "exists-action",
        "cert",
        "client-cert",
        "python",
        "root-user-action",
        "use-feature",
        "use-deprecated",
        "keyring-provider",
        "group",
    ],
    single_dash_long: false,
};
const UV: Spec = Spec {
    short_arg: "rcefipCt",
    long_arg: &[
        "requirement",
        "requirements",
        "constraint",
        "constraints",
        "override",
        "overrides",
        "editable",
        "index",
        "default-index",
        "index-url",
        "extra-index-url",
        "find-links",
        "python",
        "target",
        "prefix",
        "config-setting",
        "index-strategy",
        "keyring-provider",
        "resolution",
        "prerelease",
        "exclude-newer",
        "link-mode",
        "cache-dir",
        "directory",
        "project",
        "config-file",
        "color",
        "python-platform",
        "python-version",
        "torch-backend",
        "group",
        "extra",
    ],
    single_dash_long: false,
};
const NPM: Spec = Spec {
    short_arg: "w",
    long_arg: &[
        "prefix",
        "registry",
        "tag",
        "omit",
        "include",
        "workspace",
        "loglevel",
        "cache",
        "userconfig",
        "globalconfig",
        "install-strategy",
        "before",
        "otp",
        "scope",
        "location",
    ],
    single_dash_long: false,
};
const YARN: Spec = Spec {
    short_arg: "",
    long_arg: &[
        "cwd",
        "modules-folder",
        "network-timeout",
        "cache-folder",
        "mutex",
        "registry",
        "global-folder",
        "network-concurrency",
    ],
    single_dash_long: false,
};
const PNPM: Spec = Spec {
    short_arg: "CF",
    long_arg: &["dir", "filter", "store-dir", "registry", "reporter", "workspace-dir", "virtual-store-dir", "loglevel"],
    single_dash_long: false,
};
const GEM: Spec = Spec {
    short_arg: "vinsPgp",
    long_arg: &[
        "version",
        "install-dir",
        "bindir",
        "source",
        "trust-policy",
        "platform",
        "file",
        "build-root",
        "http-proxy",
    ],
    single_dash_long: false,
};
const GO: Spec = Spec {
    short_arg: "",
    long_arg: &[
        "o",
        "C",
        "p",
        "tags",
        "ldflags",
        "gcflags",
        "asmflags",
        "gccgoflags",
        "mod",
        "modfile",
        "pkgdir",
        "overlay",
        "toolexec",
        "buildmode",
        "compiler",
        "installsuffix",
        "pgo",
        "covermode",
        "coverpkg",
        "exec",
    ],
    single_dash_long: true,
};
const RPM: Spec = Spec {
    short_arg: "cdexR",
    long_arg: &[
        "config",
        "setopt",
        "releasever",
        "installroot",
        "enablerepo",
        "disablerepo",
        "repo",
        "repoid",
        "exclude",
        "downloaddir",
        "destdir",
        "forcearch",
        "color",
        "comment",
        "advisory",
        "bz",
        "cve",
        "secseverity",
        "debuglevel",
        "errorlevel",
    ],
    single_dash_long: false,
};
const ZYPPER: Spec = Spec {
    short_arg: "RcDCtr",
    long_arg: &[
        "root",
        "config",
        "reposd-dir",
        "cache-dir",
        "raw-cache-dir",
        "solv-cache-dir",
        "pkg-cache-dir",
        "userdata",
        "type",
        "repo",
        "from",
        "download",
    ],
    single_dash_long: false,
};

fn spec(m: Manager) -> &'static Spec {
    match m {
        Manager::Apt => &APT,
        Manager::Apk => &APK,
        Manager::Pip => &PIP,
        Manager::Uv => &UV,
        Manager::Npm => &NPM,
        Manager::Yarn => &YARN,
        Manager::Pnpm => &PNPM,
        Manager::Gem => &GEM,
        Manager::Go => &GO,
        Manager::Yum | Manager::Dnf | Manager::Microdnf => &RPM,
        Manager::Zypper => &ZYPPER,
    }
}

/// An argument: an operand or an option with its value.
#[derive(Debug, Clone)]
struct Item {
    word: Word,
    opt: Option<Opt>,
}

#[derive(Debug, Clone)]
struct Opt {
    long: bool,
    /// The long name, or the short cluster's letters up to the one taking a value.
    name: String,
    value: Option<Word>,
}

impl Opt {
    fn is(&self, short: Option<char>, long: &[&str]) -> bool {
        if self.long { long.contains(&self.name.as_str()) } else { short.is_some_and(|c| self.name.contains(c)) }
    }
    fn value_str<'a>(&self, src: &'a str) -> Cow<'a, str> {
        self.value.as_ref().map_or(Cow::Borrowed(""), |w| w.value(src))
    }
}

fn walk(words: &[Word], src: &str, spec: &Spec) -> Vec<Item> {
    let mut items = Vec::with_capacity(words.len());
    let mut i = 0;
    let mut operands_only = false;
    while let Some(w) = words.get(i) {
        i += 1;
        let v = w.value(src);
        if operands_only || !v.starts_with('-') || v == "-" {
            items.push(Item { word: w.clone(), opt: None });
            continue;
        }
        if v == "--" {
            operands_only = true;
            continue;
        }
        let long_body = v.strip_prefix("--").or_else(|| v.strip_prefix('-').filter(|_| spec.single_dash_long));
        let opt = if let Some(body) = long_body {
            let prefix = v.len() - body.len();
            match body.split_once('=') {
                Some((name, _)) => Opt {
                    long: true,
                    name: name.to_string(),
                    value: Some(w.value_suffix(src, prefix + name.len() + 1)),
                },
                None => {
                    let value = if spec.long_arg.contains(&body) {
                        i += 1;
                        words.get(i - 1).cloned()
                    } else {
                        None
                    };
                    Opt { long: true, name: body.to_string(), value }
                }
            }
        } else {
            let cluster = &v[1..];
            let mut opt = Opt { long: false, name: cluster.to_string(), value: None };
            for (k, c) in cluster.char_indices() {
                if spec.short_arg.contains(c) {
                    let after = k + c.len_utf8();
                    opt.name = cluster[..after].to_string();
                    let rest = &cluster[after..];
                    if rest.is_empty() {
                        i += 1;
                        opt.value = words.get(i - 1).cloned();
                    } else {
                        let skip = usize::from(rest.starts_with('='));
                        opt.value = Some(w.value_suffix(src, 1 + after + skip));
                    }
                    break;
                }
            }
            opt
        };
        items.push(Item { word: w.clone(), opt: Some(opt) });
    }
    items
}

// ------------------------------------------------------------------- recognition

struct Analysis {
    manager: Manager,
    action: Action,
    items: Vec<Item>,
    /// Index in `items` of the subcommand word, if any.
    sub: Option<usize>,
    /// For bare `yarn`: the command name stands in for the subcommand.
    sub_word: Option<Word>,
    /// `yarn global add`.
    global_sub: bool,
}

impl Analysis {
    fn operands_after_sub(&self) -> impl Iterator<Item = &Item> {
        let from = self.sub.map_or(0, |s| s + 1);
        self.items.iter().skip(from).filter(|it| it.opt.is_none())
    }
    fn opts(&self) -> impl Iterator<Item = &Opt> {
        self.items.iter().filter_map(|it| it.opt.as_ref())
    }
    fn has(&self, short: Option<char>, long: &[&str]) -> bool {
        self.opts().any(|o| o.is(short, long))
    }
    fn has_before_sub(&self, short: Option<char>, long: &[&str]) -> bool {
        let end = self.sub.unwrap_or(self.items.len());
        self.items.iter().take(end).filter_map(|it| it.opt.as_ref()).any(|o| o.is(short, long))
    }
    fn has_after_sub(&self, short: Option<char>, long: &[&str]) -> bool {
        let Some(s) = self.sub else {
            return false;
        };
        self.items.iter().skip(s + 1).filter_map(|it| it.opt.as_ref()).any(|o| o.is(short, long))
    }
}

/// Identifies the manager and the words that are its arguments.
fn identify<'c>(cmd: &'c Command, src: &str) -> Option<(Manager, &'c [Word])> {
    let name = cmd.name_value(src)?;
    let args = cmd.args.as_slice();
    let m = match &*name {
        "apt-get" | "apt" => Manager::Apt,
        "apk" => Manager::Apk,
        "npm" => Manager::Npm,
        "yarn" => Manager::Yarn,
        "pnpm" => Manager::Pnpm,
        "gem" => Manager::Gem,
        "go" => Manager::Go,
        "yum" => Manager::Yum,
        "dnf" | "dnf5" => Manager::Dnf,
        "microdnf" => Manager::Microdnf,
        "zypper" => Manager::Zypper,
        "uv" => {
            // `uv [opts] pip …` → the pip interface; `uv cache …` stays whole.
            let k = args.iter().position(|w| !w.is_flag(src))?;
            if args.get(k).is_some_and(|w| w.value(src) == "pip") {
                return Some((Manager::Uv, &args[k + 1..]));
            }
            return Some((Manager::Uv, args));
        }
        n if is_versioned(n, "pip") => Manager::Pip,
        n if is_versioned(n, "python") || is_versioned(n, "pypy") => {
            return python_m_pip(args, src).map(|a| (Manager::Pip, a));
        }
        _ => return None,
    };
    Some((m, args))
}

/// `pip`, `pip3`, `pip3.12`.
fn is_versioned(name: &str, base: &str) -> bool {
    name.strip_prefix(base).is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// The arguments after `-m pip` in `python [opts] -m pip …`.
fn python_m_pip<'c>(args: &'c [Word], src: &str) -> Option<&'c [Word]> {
    for (k, w) in args.iter().enumerate() {
        let v = w.value(src);
        if v == "-m" {
            let next = args.get(k + 1)?;
            return (next.value(src) == "pip").then(|| args.get(k + 2..).unwrap_or(&[]));
        }
        if v == "-mpip" {
            return Some(args.get(k + 1..).unwrap_or(&[]));
        }
        if !v.starts_with('-') || v == "-c" {
            return None;
        }
    }
    None
}

fn analyze(cmd: &Command, src: &str) -> Option<Analysis> {
    let (manager, args) = identify(cmd, src)?;
    let items = walk(args, src, spec(manager));
    let operands: Vec<usize> = (0..items.len()).filter(|&k| items[k].opt.is_none()).collect();
    let op_str = |n: usize| -> Option<Cow<'_, str>> { operands.get(n).map(|&k| items[k].word.value(src)) };
    let first = op_str(0);
    let second = op_str(1);
    let (first, second) = (first.as_deref(), second.as_deref());
    let mut sub = operands.first().copied();
    let mut sub_word = None;
    let mut global_sub = false;
    // Two-word subcommands: the second word decides.
    let mut take_second = |action: Action| {
        sub = operands.get(1).copied();
        action
    };
    use Action::*;
    let action = match manager {
        Manager::Apt => match first {
            Some("install" | "reinstall") => Install,
            Some("update") => Update,
            Some("upgrade") => Upgrade,
            Some("dist-upgrade" | "full-upgrade") => DistUpgrade,
            Some("remove" | "purge" | "autoremove") => Remove,
            Some("clean") => Clean,
            _ => Other,
        },
        Manager::Apk => match (first, second) {
            (Some("add"), _) => Install,
            (Some("update"), _) => Update,
            (Some("upgrade"), _) => Upgrade,
            (Some("del"), _) => Remove,
            (Some("cache"), Some("clean" | "purge")) => take_second(Clean),
            _ => Other,
        },
        Manager::Pip | Manager::Uv => match (first, second) {
            (Some("install"), _) => Install,
            (Some("uninstall"), _) => Remove,
            (Some("cache"), Some("purge" | "remove" | "clean" | "prune")) => take_second(Clean),
            _ => Other,
        },
        Manager::Npm => match (first, second) {
            (
                Some(
                    "install" | "i" | "in" | "ins" | "inst" | "insta" | "instal" | "isnt" | "isnta" | "isntal"
                    | "isntall" | "add" | "ci" | "clean-install" | "ic" | "install-clean" | "isntall-clean",
                ),
                _,
            ) => Install,
            (Some("uninstall" | "unlink" | "remove" | "rm" | "r" | "un"), _) => Remove,
            (Some("update" | "up" | "upgrade" | "udpate"), _) => Upgrade,
            (Some("cache"), Some("clean")) => take_second(Clean),
            _ => Other,
        },
        Manager::Yarn => match (first, second) {
            (None, _) => {
                sub_word = cmd.name.clone();
                Install
            }
            (Some("add" | "install"), _) => Install,
            (Some("global"), Some("add")) => {
                global_sub = true;
                take_second(Install)
            }
            (Some("remove"), _) => Remove,
            (Some("upgrade" | "up"), _) => Upgrade,
            (Some("cache"), Some("clean")) => take_second(Clean),
            _ => Other,
        },
        Manager::Pnpm => match (first, second) {
            (Some("add" | "install" | "i"), _) => Install,
            (Some("remove" | "rm" | "uninstall" | "un"), _) => Remove,
            (Some("update" | "up" | "upgrade"), _) => Upgrade,
            (Some("store"), Some("prune")) => take_second(Clean),
            _ => Other,
        },
        Manager::Gem => match first {
            Some("install" | "i") => Install,
            Some("update") => Upgrade,
            Some("uninstall") => Remove,
            _ => Other,
        },
        Manager::Go => match first {
            Some("install" | "get") => Install,
            Some("clean")
                if items.iter().any(|it| {
                    it.opt.as_ref().is_some_and(|o| o.is(None, &["cache", "modcache", "testcache", "fuzzcache"]))
                }) =>
            {
                Clean
            }
            _ => Other,
        },
        Manager::Yum | Manager::Dnf | Manager::Microdnf => match (first, second) {
            (Some("install" | "localinstall" | "groupinstall" | "reinstall" | "in"), _) => Install,
            (Some("group" | "groups" | "module"), Some("install")) => take_second(Install),
            (Some("makecache"), _) => Update,
            (Some("update" | "upgrade" | "up"), _) => Upgrade,
            (Some("distro-sync" | "distrosync" | "dsync"), _) => DistUpgrade,
            (Some("remove" | "erase" | "autoremove" | "rm"), _) => Remove,
            (Some("clean"), _) => Clean,
            _ => Other,
        },
        Manager::Zypper => match first {
            Some("install" | "in") => Install,
            Some("refresh" | "ref") => Update,
            Some("update" | "up" | "patch") => Upgrade,
            Some("dist-upgrade" | "dup") => DistUpgrade,
            Some("remove" | "rm") => Remove,
            Some("clean" | "cc") => Clean,
            _ => Other,
        },
    };
    Some(Analysis { manager, action, items, sub, sub_word, global_sub })
}

fn yes(a: &Analysis, src: &str) -> bool {
    match a.manager {
        Manager::Apt => {
            if a.has(Some('y'), &["yes", "assume-yes", "force-yes"]) {
                return true;
            }
            let mut quiet = 0usize;
            for o in a.opts() {
                if o.long {
                    if o.name == "quiet" {
                        quiet += o.value.as_ref().map_or(1, |_| level(&o.value_str(src)));
                    }
                } else if let Some(n) = o.name.strip_prefix('q').filter(|n| n.starts_with('=')) {
                    quiet += level(&n[1..]);
                } else {
                    quiet += o.name.matches('q').count();
                }
                if o.is(Some('o'), &["option"]) && apt_option(&o.value_str(src), "apt::get::assume-yes") == Some(true) {
                    return true;
                }
            }
            quiet >= 2
        }
        Manager::Apk => !a.has(Some('i'), &["interactive"]),
        Manager::Pip => a.action != Action::Remove || a.has(Some('y'), &["yes"]),
        Manager::Yum | Manager::Dnf => {
            !a.has(None, &["assumeno"])
                && (a.has(Some('y'), &["assumeyes"])
                    || a.opts()
                        .any(|o| o.is(None, &["setopt"]) && o.value_str(src).eq_ignore_ascii_case("assumeyes=true")))
        }
        Manager::Zypper => {
            a.has_before_sub(Some('n'), &["non-interactive"])
                || a.has(None, &["non-interactive"])
                || a.has_after_sub(Some('y'), &["no-confirm"])
        }
        Manager::Uv | Manager::Npm | Manager::Yarn | Manager::Pnpm | Manager::Gem | Manager::Go | Manager::Microdnf => {
            true
        }
    }
}

/// `-q=2` → 2; anything unreadable counts as 1.
fn level(s: &str) -> usize {
    s.parse().unwrap_or(1)
}

/// For an apt `-o Name=value`: `Some(bool)` when Name matches (case-insensitively).
fn apt_option(v: &str, name: &str) -> Option<bool> {
    let (k, val) = v.split_once('=')?;
    if !k.trim().eq_ignore_ascii_case(name) {
        return None;
    }
    let val = val.trim().to_ascii_lowercase();
    Some(matches!(val.as_str(), "true" | "1" | "yes"))
}

/// Recognises a package-manager command (any action).
pub fn manager_command(cmd: &Command, src: &str) -> Option<ManagerCommand> {
    let a = analyze(cmd, src)?;
    let yes = yes(&a, src);
    let subcommand = a.sub_word.clone().or_else(|| a.sub.and_then(|k| a.items.get(k)).map(|it| it.word.clone()));
    Some(ManagerCommand { manager: a.manager, action: a.action, subcommand, yes, flags: flag_words(&a) })
}

fn flag_words(a: &Analysis) -> Vec<Word> {
    a.items.iter().filter(|it| it.opt.is_some()).map(|it| it.word.clone()).collect()
}

/// Recognises an install command and lists what it installs.
pub fn install_command(cmd: &Command, src: &str) -> Option<Install> {
    let a = analyze(cmd, src)?;
    if a.action != Action::Install {
        return None;
    }
    let subcommand = match &a.sub_word {
        Some(w) => w.clone(),
        None => a.items.get(a.sub?)?.word.clone(),
    };
    let m = a.manager;
    let mut packages = Vec::new();
    // Package-like option values first (pip -r/-c/-e), in order with the operands.
    let from = a.sub.map_or(0, |s| s + 1);
    let version_flag = if m == Manager::Gem {
        a.opts().filter(|o| o.is(Some('v'), &["version"])).find_map(|o| o.value.clone())
    } else {
        None
    };
    for it in a.items.iter().skip(from) {
        match &it.opt {
            None => packages.push(package(m, &it.word, src, version_flag.as_ref())),
            Some(o) if matches!(m, Manager::Pip | Manager::Uv) => {
                let Some(v) = o.value.clone() else { continue };
                let kind = if o.is(Some('r'), &["requirement", "requirements"]) {
                    PackageKind::RequirementsFile
                } else if o.is(Some('c'), &["constraint", "constraints"]) {
                    PackageKind::ConstraintsFile
                } else if o.is(Some('e'), &["editable"]) {
                    if v.value(src).contains("://") { PackageKind::Url } else { PackageKind::Path }
                } else {
                    continue;
                };
                let len = v.value(src).len();
                packages.push(Package {
                    name: v.range.clone(),
                    version: None,
                    kind,
                    name_in_value: 0..len,
                    version_in_value: None,
                    version_word: None,
                    word: v,
                });
            }
            Some(_) => {}
        }
    }
    let registry_or_file = packages.iter().any(|p| {
        matches!(p.kind, PackageKind::Registry | PackageKind::Expansion | PackageKind::Path | PackageKind::Url)
    });
    let from_manifest = match m {
        Manager::Npm | Manager::Yarn | Manager::Pnpm => !registry_or_file,
        Manager::Go => packages.is_empty(),
        Manager::Pip | Manager::Uv => packages.iter().any(|p| p.kind == PackageKind::RequirementsFile),
        Manager::Gem => a.has(Some('g'), &["file"]),
        _ => false,
    };
    let no_cache = match m {
        Manager::Apk => a.has(None, &["no-cache"]),
        Manager::Pip => a.has(None, &["no-cache-dir"]) || pip_no_cache_env(cmd, src),
        Manager::Uv => a.has(Some('n'), &["no-cache"]) || env_set(cmd, src, "UV_NO_CACHE"),
        _ => false,
    };
    let no_install_recommends = m == Manager::Apt
        && (a.has(None, &["no-install-recommends"])
            || a.opts().any(|o| {
                o.is(Some('o'), &["option"]) && apt_option(&o.value_str(src), "apt::install-recommends") == Some(false)
            }));
    let global = a.global_sub || (matches!(m, Manager::Npm | Manager::Pnpm) && a.has(Some('g'), &["global"]));
    let virtual_name = if m == Manager::Apk {
        a.opts().filter(|o| o.is(Some('t'), &["virtual"])).find_map(|o| o.value.clone())
    } else {
        None
    };
    Some(Install {
        manager: m,
        subcommand,
        packages,
        flags: flag_words(&a),
        yes: yes(&a, src),
        no_cache,
        no_install_recommends,
        global,
        from_manifest,
        virtual_name,
        version_flag,
    })
}

/// `PIP_NO_CACHE_DIR=1 pip install …`.
fn pip_no_cache_env(cmd: &Command, src: &str) -> bool {
    env_set(cmd, src, "PIP_NO_CACHE_DIR")
}

/// A leading `NAME=value` with a value that is not empty, `0`, `false` or `off`.
fn env_set(cmd: &Command, src: &str, name: &str) -> bool {
    cmd.env.iter().any(|w| {
        let v = w.value(src);
        v.split_once('=').is_some_and(|(k, val)| {
            k == name && !matches!(val.to_ascii_lowercase().as_str(), "" | "0" | "false" | "off" | "no")
        })
    })
}

// ------------------------------------------------------------------- package words

/// Splits one package argument into name and version.
fn package(m: Manager, word: &Word, src: &str, version_flag: Option<&Word>) -> Package {
    let v = word.value(src);
    let (kind, name, version) = split_package(m, &v);
    let kind =
        if kind == PackageKind::Registry && v.get(name.clone()).is_some_and(|n| n.contains('$') || n.contains('`')) {
            PackageKind::Expansion
        } else {
            kind
        };
    let mut version_in_value = version.map(|r| (r, false));
    let mut version_word = None;
    if version_in_value.is_none() && kind == PackageKind::Registry {
        if let Some(vw) = version_flag {
            version_in_value = Some((0..vw.value(src).len(), true));
            version_word = Some(vw.clone());
        }
    }
    let version = version_in_value.as_ref().map(|(r, from_flag)| {
        if *from_flag {
            version_word.as_ref().map_or(0..0, |vw| vw.range.clone())
        } else {
            word.value_range_to_src(src, r.clone())
        }
    });
    Package {
        name: word.value_range_to_src(src, name.clone()),
        version,
        kind,
        name_in_value: name,
        version_in_value,
        version_word,
        word: word.clone(),
    }
}

fn is_url(v: &str) -> bool {
    v.contains("://") || v.starts_with("git+") || v.starts_with("git@")
}

fn is_local_path(v: &str) -> bool {
    v == "."
        || v == ".."
        || v.starts_with("./")
        || v.starts_with("../")
        || v.starts_with('/')
        || v.starts_with('~')
        || v.starts_with("file:")
}

fn ends_with_any(v: &str, exts: &[&str]) -> bool {
    let lower = v.to_ascii_lowercase();
    exts.iter().any(|e| lower.ends_with(e))
}

/// (kind, name range, version range) within the value `v`.
fn split_package(m: Manager, v: &str) -> (PackageKind, Range<usize>, Option<Range<usize>>) {
    let whole = 0..v.len();
    if is_url(v) && !(m == Manager::Pip || m == Manager::Uv) {
        return (PackageKind::Url, whole, None);
    }
    match m {
        Manager::Apt => {
            if is_local_path(v) || ends_with_any(v, &[".deb"]) {
                return (PackageKind::Path, whole, None);
            }
            let name_end = v.find(['=', '/', ':']).unwrap_or(v.len());
            let version = v.find('=').map(|k| k + 1..v.len());
            (PackageKind::Registry, 0..name_end, version)
        }
        Manager::Apk => {
            if is_local_path(v) || ends_with_any(v, &[".apk"]) {
                return (PackageKind::Path, whole, None);
            }
            match v.find(['=', '~', '<', '>', '@']) {
                None => (PackageKind::Registry, whole, None),
                // `@tag` picks a repository, not a version.
                Some(k) if v[k..].starts_with('@') => (PackageKind::Registry, 0..k, None),
                Some(k) => {
                    // `name=1.2` drops the `=`; `name~1.2`, `name>=1.2`, `name=~1.2` keep theirs.
                    let plain = v[k..].starts_with('=') && !v[k + 1..].starts_with(['~', '<', '>']);
                    let start = if plain { k + 1 } else { k };
                    (PackageKind::Registry, 0..k, Some(start..v.len()))
                }
            }
        }
        Manager::Pip | Manager::Uv => split_pip(v),
        Manager::Npm | Manager::Yarn | Manager::Pnpm => {
            if is_local_path(v) || ends_with_any(v, &[".tgz", ".tar.gz", ".tar"]) {
                return (PackageKind::Path, whole, None);
            }
            let scheme = ["github:", "gitlab:", "bitbucket:", "gist:", "git:", "git+", "http:", "https:"];
            if scheme.iter().any(|s| v.starts_with(s)) {
                return (PackageKind::Url, whole, None);
            }
            // `user/repo` (no leading `@`) is a GitHub shorthand.
            if !v.starts_with('@') && v.contains('/') {
                return (PackageKind::Url, whole, None);
            }
            match v.get(1..).and_then(|r| r.find('@')) {
                Some(k) => (PackageKind::Registry, 0..k + 1, Some(k + 2..v.len())),
                None => (PackageKind::Registry, whole, None),
            }
        }
        Manager::Gem => {
            if is_local_path(v) || ends_with_any(v, &[".gem"]) {
                return (PackageKind::Path, whole, None);
            }
            match v.find(':') {
                Some(k) => (PackageKind::Registry, 0..k, Some(k + 1..v.len())),
                None => (PackageKind::Registry, whole, None),
            }
        }
        Manager::Go => {
            if is_local_path(v) || v.starts_with("...") {
                return (PackageKind::Path, whole, None);
            }
            match v.rfind('@') {
                Some(k) => (PackageKind::Registry, 0..k, Some(k + 1..v.len())),
                None => (PackageKind::Registry, whole, None),
            }
        }
        Manager::Yum | Manager::Dnf | Manager::Microdnf | Manager::Zypper => {
            if is_local_path(v) || ends_with_any(v, &[".rpm"]) {
                return (PackageKind::Path, whole, None);
            }
            if let Some((name, version)) = split_operator(v) {
                return (PackageKind::Registry, name, Some(version));
            }
            match rpm_version_start(v) {
                Some(k) => (PackageKind::Registry, 0..k, Some(k + 1..v.len())),
                None => (PackageKind::Registry, whole, None),
            }
        }
    }
}

/// `name=1`, `name >= 1`, `name<2` (rpm capabilities, zypper): the name (trimmed) and
/// the version (without a plain `=`, with other operators).
fn split_operator(v: &str) -> Option<(Range<usize>, Range<usize>)> {
    let k = v.find(['=', '<', '>'])?;
    let name_end = v[..k].trim_end().len();
    let op_len = if v[k..].starts_with(">=") || v[k..].starts_with("<=") || v[k..].starts_with("==") { 2 } else { 1 };
    let plain = v[k..].starts_with('=');
    let after = k + op_len;
    let ver_start = after + (v[after..].len() - v[after..].trim_start().len());
    let start = if plain { ver_start } else { k };
    Some((0..name_end, start..v.len()))
}

/// In `name-1.2.3-4.el8`, the index of the `-` before the version: the first `-`
/// followed by a digit where the rest is `version` or `version-release`, each part
/// starting with a digit (`java-11-openjdk` has none).
fn rpm_version_start(v: &str) -> Option<usize> {
    let b = v.as_bytes();
    (1..b.len()).find(|&k| {
        b[k] == b'-' && b.get(k + 1).is_some_and(u8::is_ascii_digit) && {
            let rest = &v[k + 1..];
            let parts: Vec<&str> = rest.split('-').collect();
            parts.len() <= 2 && parts.iter().all(|p| p.as_bytes().first().is_some_and(u8::is_ascii_digit))
        }
    })
}

/// PEP 508 requirement: `name[extras] (op version)* (; marker)?` or `name @ url`.
fn split_pip(v: &str) -> (PackageKind, Range<usize>, Option<Range<usize>>) {
    let whole = 0..v.len();
    let b = v.as_bytes();
    let mut k = 0;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'.' | b'_' | b'-' | b'$' | b'{' | b'}')) {
        k += 1;
    }
    let name = 0..k;
    if k == 0 {
        let kind = if is_url(v) { PackageKind::Url } else { PackageKind::Path };
        return (kind, whole, None);
    }
    let mut j = k;
    if b.get(j) == Some(&b'[') {
        j = v[j..].find(']').map_or(b.len(), |e| j + e + 1);
    }
    while b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
        j += 1;
    }
    let direct_reference = v[j..].starts_with('@');
    if !direct_reference {
        if is_url(v) {
            return (PackageKind::Url, whole, None);
        }
        if is_local_path(v) || ends_with_any(v, &[".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"]) || v.contains('/') {
            return (PackageKind::Path, whole, None);
        }
    }
    let end = v[j..].find(';').map_or(v.len(), |e| j + e);
    let spec = v[j..end].trim_end();
    if spec.is_empty() {
        return (PackageKind::Registry, name, None);
    }
    let spec_end = j + spec.len();
    if let Some(url) = spec.strip_prefix('@') {
        let start = spec_end - url.trim_start().len();
        let kind = if url.trim_start().starts_with("file:") { PackageKind::Path } else { PackageKind::Url };
        return (kind, name, Some(start..spec_end));
    }
    // `==1.2` drops its operator, unless more specifiers follow (`==1.2,!=1.2.1`).
    let version = match spec.strip_prefix("==") {
        Some(rest) if !rest.starts_with('=') && !rest.contains(',') => {
            let start = spec_end - rest.trim_start().len();
            start..spec_end
        }
        _ => j..spec_end,
    };
    (PackageKind::Registry, name, Some(version))
}

// ------------------------------------------------------------------- cleanup helpers

/// Whether `cmd` is `rm` removing `path` or something under it (`path`, `path/`,
/// `path/*`, `path/x`). Compared on values, so `"/var/cache/apk/"*` counts too.
pub fn removes(cmd: &Command, src: &str, path: &str) -> bool {
    if !cmd.is(src, &["rm"]) {
        return false;
    }
    let path = path.trim_end_matches('/');
    cmd.args.iter().filter(|w| !w.is_flag(src)).any(|w| {
        let v = w.value(src);
        let v = v.trim_end_matches('*').trim_end_matches('/');
        v == path || v.strip_prefix(path).is_some_and(|r| r.starts_with('/'))
    })
}

/// `rm -rf /var/lib/apt/lists/*` (or the directory itself, or anything under it).
pub fn is_apt_lists_cleanup(cmd: &Command, src: &str) -> bool {
    removes(cmd, src, "/var/lib/apt/lists")
}

/// Cache directories whose removal counts as cleaning for [`is_clean`].
pub fn cache_dirs(m: Manager) -> &'static [&'static str] {
    match m {
        Manager::Apt => &["/var/cache/apt"],
        Manager::Apk => &["/var/cache/apk", "/etc/apk/cache"],
        Manager::Yum => &["/var/cache/yum"],
        Manager::Dnf | Manager::Microdnf => &["/var/cache/dnf", "/var/cache/yum"],
        Manager::Zypper => &["/var/cache/zypp"],
        Manager::Pip => &["/root/.cache/pip", "~/.cache/pip", "$HOME/.cache/pip", "${HOME}/.cache/pip"],
        Manager::Uv => &["/root/.cache/uv", "~/.cache/uv", "$HOME/.cache/uv", "${HOME}/.cache/uv"],
        Manager::Npm => &["/root/.npm", "~/.npm", "$HOME/.npm", "${HOME}/.npm"],
        Manager::Yarn => &[
            "/usr/local/share/.cache/yarn",
            "/root/.cache/yarn",
            "~/.cache/yarn",
            "$HOME/.cache/yarn",
            "${HOME}/.cache/yarn",
        ],
        Manager::Pnpm => &["/root/.local/share/pnpm/store", "~/.local/share/pnpm/store"],
        Manager::Gem => &["/root/.gem", "~/.gem", "$HOME/.gem"],
        Manager::Go => &["/root/.cache/go-build", "~/.cache/go-build", "$HOME/.cache/go-build"],
    }
}

/// Whether `cmd` cleans `manager`'s cache: its own clean command (yum, dnf and microdnf
/// only with `all`: `yum clean all`; zypper `clean`/`cc` in any form; `apk cache clean`;
/// `yarn cache clean`; …, see [`Action::Clean`]) or `rm` of one of its [`cache_dirs`].
pub fn is_clean(cmd: &Command, src: &str, manager: Manager) -> bool {
    if cache_dirs(manager).iter().any(|d| removes(cmd, src, d)) {
        return true;
    }
    let Some(a) = analyze(cmd, src) else {
        return false;
    };
    if a.manager != manager || a.action != Action::Clean {
        return false;
    }
    match manager {
        Manager::Yum | Manager::Dnf | Manager::Microdnf => a.operands_after_sub().any(|it| it.word.value(src) == "all"),
        _ => true,
    }
}
