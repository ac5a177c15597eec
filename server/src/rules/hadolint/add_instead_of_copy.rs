//! `add-instead-of-copy` (DL3020): ADD of plain local files.

use super::{ARCHIVE_EXTENSIONS, drop_quotes, is_remote};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{InstRef, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-instead-of-copy",
        aliases: &[Alias::all("DL3020")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "ADD of local files and folders; COPY says what it does.",
        docs: "\
**Why**: `ADD` also downloads URLs and unpacks local tar archives. For plain files it \
behaves like `COPY`, but a reader cannot tell, and a file renamed to `.tar.gz` later \
would suddenly be extracted.\n\n\
**Example**: `ADD requirements.txt /app/`\n\n\
**Fix**: `COPY requirements.txt /app/` (the quick fix swaps the keyword). Archives, URLs \
and git sources are not reported, nor are sources built from variables.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// Flags only ADD knows: with them the keyword cannot simply be swapped.
const ADD_ONLY_FLAGS: [&str; 3] = ["checksum", "keep-git-dir", "unpack"];

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (_, inst) in cx.instructions_of(&[Keyword::Add, Keyword::Onbuild]) {
        one(inst, out);
        if let Some(t) = inst.trigger() {
            one(t, out);
        }
    }
}

fn is_archive(path: &str) -> bool {
    let p = drop_quotes(path);
    ARCHIVE_EXTENSIONS.iter().any(|ext| p.ends_with(ext))
}

fn one(inst: InstRef<'_>, out: &mut Sink<'_>) {
    if inst.kind() != Keyword::Add {
        return;
    }
    let Some(copy) = inst.as_copy() else { return };
    if copy.dest.is_none() || copy.sources.is_empty() {
        return;
    }
    let plain =
        copy.sources.iter().enumerate().all(|(i, (_, s))| {
            copy.heredoc_sources.contains(&i) || !(is_archive(s) || is_remote(s) || s.contains('$'))
        });
    if !plain {
        return;
    }
    let mut report = out.report(inst.range(inst.inst.keyword), "Use COPY instead of ADD for files and folders");
    if !inst.inst.flags.iter().any(|f| ADD_ONLY_FLAGS.contains(&inst.src(f.name))) {
        let kw = inst.keyword_text();
        let copy = if kw.bytes().all(|b| b.is_ascii_lowercase()) {
            "copy"
        } else if kw.bytes().skip(1).all(|b| b.is_ascii_lowercase()) {
            "Copy"
        } else {
            "COPY"
        };
        report = report.replace(format!("Replace ADD with {copy}"), inst.range(inst.inst.keyword), copy, true);
    }
    let _ = report;
}
