//! `from-eol`: the base image's language version or OS release is past (or near) the
//! end of its support.

use std::collections::HashMap;

use super::{Resolved, Stages, Written, support_name};
use crate::images::catalog::{Date, OsFamily, Support, SupportStatus, TagStatus, catalog};
use crate::rules::{Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-eol",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: Some(Severity::Warning),
        summary: "The base image's language version or OS release is past the end of its support.",
        docs: "\
**Why**: a release past its end of life gets no security fixes, so every rebuild ships \
known vulnerabilities. Language images have two clocks, the language version \
(`python:3.8`) and the OS under it (`-bookworm`, `-alpine3.19`); the worse one is \
reported. A **warning** once free security support is over (end of life, or Ubuntu past \
standard support, where fixes need Ubuntu Pro/ESM); **info** while only Debian's free LTS \
phase remains or when the end is less than six months away.\n\n\
**Example**: `FROM python:3.8-slim` (Python 3.8 reached end of life on 2024-10-07).\n\n\
**Fix**: the quick fixes move to a supported tag of the same variant (`3.14-slim`), or \
keep the version on a newer OS release when only the OS is the problem. They are not \
applied automatically: a major upgrade needs testing.",
    },
    check,
    scope: crate::rules::Scope::FromLines,
};

/// What to report for one image: severity, message and upgrade tags with titles.
struct Finding {
    severity: Severity,
    message: String,
    upgrades: Vec<(String, String)>,
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let stages = Stages::new(cx);
    // Many stages share an image: judge each distinct one once.
    let mut seen: HashMap<*const Resolved, Option<Finding>> = HashMap::new();
    for (stage, image) in stages.images() {
        let finding = seen.entry(image as *const Resolved).or_insert_with(|| judge(image, cx.today));
        let Some(finding) = finding else { continue };
        let written = Written::of(cx, stage);
        let mut report = out.report(written.tag_or_image(), finding.message.clone()).severity(finding.severity);
        for (candidate, title) in &finding.upgrades {
            if let Some((range, text)) = written.tag_edit(candidate) {
                report = report.replace(title.clone(), range, text, false);
            }
        }
    }
}

fn judge(image: &Resolved, today: Date) -> Option<Finding> {
    let res = &image.res;
    if matches!(res.tag_status, TagStatus::Nonexistent { .. }) || res.reserved {
        return None;
    }
    let (worst, is_os) = worst(image)?;
    let rank = worst.status.severity();
    if rank == 0 {
        return None;
    }
    let severity = if worst.status.past_free_support() { Severity::Warning } else { Severity::Info };
    let mut message = describe(image, worst, is_os, today);
    if is_os {
        let newer = res.os.as_ref().and_then(|o| newest_release(o.family, today));
        if let Some(newer) = newer.filter(|n| n.cycle != worst.cycle) {
            message.push_str(&format!("; {} is current", support_name(&newer)));
        }
    }
    // The other clock, when it has run out too.
    let other = if is_os { res.language_support.as_ref() } else { res.os_support.as_ref() };
    if let Some(other) = other.filter(|o| o.status.past_free_support()) {
        message.push_str(&format!(" (and {} is past its support too)", support_name(other)));
    }
    let upgrades = match image.tag.as_deref() {
        Some(tag) => upgrades(image, tag, is_os, rank, today),
        None => Vec::new(),
    };
    Some(Finding { severity, message, upgrades })
}

/// The more urgent of the two clocks, and whether it is the OS's. On a tie the one
/// that ended first.
fn worst(image: &Resolved) -> Option<(&Support, bool)> {
    let res = &image.res;
    match (&res.language_support, &res.os_support) {
        (Some(lang), Some(os)) => {
            let (a, b) = (lang.status.severity(), os.status.severity());
            let os_first = b > a || (a == b && os.eol < lang.eol);
            Some(if os_first { (os, true) } else { (lang, false) })
        }
        (Some(lang), None) => Some((lang, false)),
        (None, Some(os)) => Some((os, true)),
        (None, None) => None,
    }
}

fn describe(image: &Resolved, s: &Support, is_os: bool, today: Date) -> String {
    let name = support_name(s);
    let subject = if is_os && image.res.language_support.is_some() {
        format!("`{}` is based on {name}, which", image.display())
    } else {
        name.clone()
    };
    match s.status {
        SupportStatus::EndOfLife { since: Some(d) } => match s.eoes.filter(|e| *e > d) {
            Some(e) => {
                let (regular, extended) = match s.product.as_str() {
                    "debian" => ("regular security support", "LTS"),
                    "ubuntu" => ("standard support", "ESM"),
                    _ => ("regular support", "extended support"),
                };
                format!("{subject} reached end of life: {regular} ended on {d} and {extended} on {e}")
            }
            None => format!("{subject} reached end of life on {d}"),
        },
        SupportStatus::EndOfLife { since: None } => format!("{subject} has reached end of life"),
        SupportStatus::ExtendedOnly { eol, eoes, paid: true } => {
            let until = eoes.map(|d| format!(", until {d}")).unwrap_or_default();
            if s.product == "ubuntu" {
                format!("{subject} left standard support on {eol}: security fixes now need Ubuntu Pro (ESM{until})")
            } else {
                format!("{subject} left regular support on {eol}: security fixes now need a paid subscription{until}")
            }
        }
        SupportStatus::ExtendedOnly { eol, eoes, paid: false } => {
            let until = eoes.map(|d| format!(", LTS until {d}")).unwrap_or_default();
            if s.product == "debian" {
                format!("{subject} is in LTS: no regular security updates since {eol}{until}")
            } else {
                format!("{subject} is in extended support: no regular security updates since {eol}{until}")
            }
        }
        SupportStatus::EndingSoon { date } => {
            let verb = if date <= today { "reached" } else { "reaches" };
            format!("{subject} {verb} end of life on {date}")
        }
        SupportStatus::Supported | SupportStatus::Unknown => String::new(),
    }
}

/// The newest release of an OS family, from its own official image's `latest`.
fn newest_release(family: OsFamily, today: Date) -> Option<Support> {
    let name = match family {
        OsFamily::Debian => "debian",
        OsFamily::Ubuntu => "ubuntu",
        OsFamily::Alpine => "alpine",
        _ => return None,
    };
    catalog().resolve(name, None, today).os_support
}

/// Tags that fix the problem, best first: the same version on a newer OS release
/// (when the OS is the problem), then the newest supported version of the same
/// variant. Only tags the catalog has that are judged better than the current one.
fn upgrades(image: &Resolved, tag: &str, is_os: bool, rank: u8, today: Date) -> Vec<(String, String)> {
    let cat = catalog();
    let name = image.name.as_str();
    let res = &image.res;
    let mut candidates: Vec<String> = Vec::new();
    if is_os {
        if let Some(os) = &res.os {
            let family = os.family;
            let newer = newest_release(family, today);
            let codename = |s: &Support| {
                s.codename.as_deref().map(|c| c.split_whitespace().next().unwrap_or(c).to_ascii_lowercase())
            };
            match (family, os.codename.as_deref(), newer.as_ref().and_then(codename)) {
                (OsFamily::Debian | OsFamily::Ubuntu, Some(old), Some(new))
                    if old != new && !name.eq("debian") && !name.eq("ubuntu") =>
                {
                    if tag.contains(old) {
                        candidates.push(tag.replace(old, &new));
                    } else if let Some(base) = tag.strip_suffix("-slim") {
                        candidates.push(format!("{base}-{new}-slim"));
                        candidates.push(format!("{base}-slim-{new}"));
                    } else {
                        candidates.push(format!("{tag}-{new}"));
                    }
                }
                (OsFamily::Alpine, _, _) => {
                    if let (Some(old), Some(new)) = (os.version.as_deref(), newer.as_ref().map(|n| n.cycle.as_str())) {
                        let old_word = format!("alpine{old}");
                        if old != new && tag.contains(&old_word) && name != "alpine" {
                            candidates.push(tag.replace(&old_word, &format!("alpine{new}")));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(t) = cat.newest_supported_same_variant(name, tag, today) {
        candidates.push(t);
    }
    // Without the OS word (`3.12-slim-bookworm` → `3.12-slim` → newest).
    if let Some(codename) = res.os.as_ref().and_then(|o| o.codename.as_deref()) {
        let stripped = tag.replace(&format!("-{codename}"), "");
        if stripped != tag {
            if let Some(t) = cat.newest_supported_same_variant(name, &stripped, today) {
                candidates.push(t);
            }
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for candidate in candidates {
        if candidate == tag || out.iter().any(|(c, _)| *c == candidate) {
            continue;
        }
        let r = cat.resolve(name, Some(&candidate), today);
        if r.tag_status != TagStatus::Current {
            continue;
        }
        let better = [r.language_support.as_ref(), r.os_support.as_ref()]
            .into_iter()
            .flatten()
            .map(|s| s.status.severity())
            .max()
            .unwrap_or(0);
        if better >= rank {
            continue;
        }
        let same_version = r.version.is_some() && r.version == res.version;
        let title = if same_version {
            let os = match r.os.as_ref() {
                Some(o) => {
                    format!(" ({}{})", o.name, o.version.as_deref().map(|v| format!(" {v}")).unwrap_or_default())
                }
                None => String::new(),
            };
            format!("Use {name}:{candidate}{os}")
        } else {
            format!("Upgrade to {name}:{candidate}")
        };
        out.push((candidate, title));
        if out.len() == 2 {
            break;
        }
    }
    out
}
