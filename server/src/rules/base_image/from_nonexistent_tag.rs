//! `from-nonexistent-tag`: a tag that cannot exist for the image.

use super::{Stages, Written, edit_distance};
use crate::images::catalog::TagStatus;
use crate::rules::{Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "from-nonexistent-tag",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: Some(Severity::Error),
        summary: "The tag does not exist for this image, so the pull fails.",
        docs: "\
**Why**: `docker build` stops with \"not found\" when the tag is not in the registry. \
Offline, a tag is called nonexistent only when it cannot be one of the official image's \
tags: a variant word no tag uses (`slimm`, `alpnie`) or a version that was never \
released (`python:3.99`). An old tag that is merely unmaintained (`python:3.8-slim`) \
still pulls and is not reported here. With registry data (live tags) a tag the registry \
does not list is reported for any image.\n\n\
**Example**: `FROM python:3.12-slimm`\n\n\
**Fix**: the quick fix puts in the nearest real tag (`3.12-slim`).",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let stages = Stages::new(cx);
    for (stage, image) in stages.images() {
        // With a digest the tag is not used to pull.
        let Some(tag) = image.tag.as_deref() else { continue };
        if image.digest.is_some() {
            continue;
        }
        let live = cx.inputs.live_tags.and_then(|f| f(&image.name));
        let (reason, suggestion) = match (&live, &image.res.tag_status) {
            (Some(tags), _) if tags.iter().any(|t| t == tag) => continue,
            (Some(tags), status) => {
                let from_catalog = match status {
                    TagStatus::Nonexistent { suggestion: Some(s), .. } => Some(s.clone()),
                    _ => None,
                };
                let suggestion = from_catalog.filter(|s| tags.contains(s)).or_else(|| nearest(tag, tags));
                (format!("the registry has no tag `{tag}` for `{}`", image.name), suggestion)
            }
            (None, TagStatus::Nonexistent { suggestion, reason }) => (strip_did_you_mean(reason), suggestion.clone()),
            (None, _) => continue,
        };
        let written = Written::of(cx, stage);
        let mut message = format!("`{}:{tag}` does not exist: {reason}", image.name);
        if let Some(s) = &suggestion {
            message.push_str(&format!("; did you mean `{}:{s}`?", image.name));
        }
        let report = out.report(written.tag_or_image(), message);
        if image.res.reserved {
            // `scratch:tag`: the fix drops the tag.
            if let (true, Some(range)) = (written.literal, written.tag.clone()) {
                report.replace("Remove the tag", range.start - 1..range.end, "", true);
            }
        } else if let Some((range, text)) = suggestion.as_deref().and_then(|s| written.tag_edit(s)) {
            let title = format!("Change the tag to {text}");
            report.replace(title, range, text, true);
        }
    }
}

/// The catalog's reasons end in "(did you mean `slim`?)" for a misspelt word; the
/// message names the whole corrected tag instead.
fn strip_did_you_mean(reason: &str) -> String {
    match reason.find(" (did you mean") {
        Some(i) if reason.ends_with(')') => reason[..i].to_owned(),
        _ => reason.to_owned(),
    }
}

/// The live tag nearest in spelling, if it is close enough to be a typo.
fn nearest(tag: &str, tags: &[String]) -> Option<String> {
    let budget = (tag.len() / 4).max(2);
    tags.iter()
        .map(|t| (edit_distance(tag, t), t.len().abs_diff(tag.len()), t))
        .filter(|(d, _, _)| *d <= budget)
        .min()
        .map(|(_, _, t)| t.clone())
}
