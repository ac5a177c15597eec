//! `useradd-missing-l` (DL3046): `useradd` with a large UID and no `-l`.

use super::index::{Class, each_command};
use crate::model::shell::{Command, Word};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "useradd-missing-l",
        aliases: &[Alias::all("DL3046")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "`useradd` with a large UID and no `-l`.",
        docs: "\
**Why**: useradd records the new user in /var/log/lastlog and faillog, sparse files \
indexed by UID; a layer stores them in full, so a UID like 1000000 adds hundreds of \
megabytes to the image.\n\n\
**Example**: `RUN useradd -u 1000000 app`\n\n\
**Fix**: `RUN useradd -l -u 1000000 app` (`--no-log-init`; the quick fix adds `-l`). \
As in hadolint, UIDs of six or more digits count as large; UIDs given by a variable are \
not judged.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

/// Short options of useradd that take a value.
const SHORT_ARG: &str = "bcdefgGkKpsuRPZ";
/// Long options of useradd that take a value.
const LONG_ARG: [&str; 15] = [
    "base-dir",
    "btrfs-subvolume-home",
    "comment",
    "home-dir",
    "expiredate",
    "inactive",
    "gid",
    "groups",
    "skel",
    "key",
    "password",
    "shell",
    "uid",
    "root",
    "prefix",
];

/// The `-u`/`--uid` value and whether `-l`/`--no-log-init` is given.
fn uid_and_l(cmd: &Command, src: &str) -> (Option<String>, bool) {
    let mut uid = None;
    let mut no_log = false;
    let mut k = 0;
    let args: &[Word] = &cmd.args;
    while let Some(w) = args.get(k) {
        k += 1;
        let v = w.value(src);
        if v == "--" || !v.starts_with('-') || v == "-" {
            continue;
        }
        if let Some(long) = v.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, val)) => (n, Some(val.to_string())),
                None => (long, None),
            };
            if name == "no-log-init" {
                no_log = true;
            }
            if LONG_ARG.contains(&name) {
                let value = inline.or_else(|| {
                    k += 1;
                    args.get(k - 1).map(|a| a.value(src).into_owned())
                });
                if name == "uid" {
                    uid = value;
                }
            }
            continue;
        }
        for (i, c) in v[1..].char_indices() {
            if c == 'l' {
                no_log = true;
            }
            if SHORT_ARG.contains(c) {
                let rest = &v[1 + i + c.len_utf8()..];
                let value = if rest.is_empty() {
                    k += 1;
                    args.get(k - 1).map(|a| a.value(src).into_owned())
                } else {
                    Some(rest.to_string())
                };
                if c == 'u' {
                    uid = value;
                }
                break;
            }
        }
    }
    (uid, no_log)
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_command(cx, &[Class::Useradd], |_, code, cmd| {
        let Some(name) = &cmd.name else { return };
        let (uid, no_log) = uid_and_l(cmd, code.src);
        let Some(uid) = uid else { return };
        if no_log || uid.len() <= 5 || !uid.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        out.report(
            code.range(name.range.clone()),
            format!("Add `-l` (`--no-log-init`): without it UID {uid} makes lastlog and faillog huge"),
        )
        .fix("Add `-l`", vec![code.insert_after(name.range.end, " -l")], true);
    });
}
