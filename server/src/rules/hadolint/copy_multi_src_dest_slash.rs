//! `copy-multi-src-dest-slash` (DL3021): several sources into a destination that does
//! not end with `/`.

use super::drop_quotes;
use crate::rules::{Alias, Context, Edit, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::{InstRef, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-multi-src-dest-slash",
        aliases: &[Alias::all("DL3021")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Error),
        summary: "COPY/ADD with several sources needs a destination ending in `/`.",
        docs: "\
**Why**: with more than one source the destination must be a directory, written with a \
trailing slash; otherwise the sources are written one after the other to the same path.\n\n\
**Example**: `COPY package.json package-lock.json /app`\n\n\
**Fix**: `COPY package.json package-lock.json /app/` (the quick fix adds the slash). \
Unlike hadolint, `.` is accepted (BuildKit treats it as the working directory), ADD is \
checked too, and a destination made of variables is left alone.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (_, inst) in cx.instructions_of(&[Keyword::Copy, Keyword::Add, Keyword::Onbuild]) {
        one(inst, out);
        if let Some(t) = inst.trigger() {
            one(t, out);
        }
    }
}

fn one(inst: InstRef<'_>, out: &mut Sink<'_>) {
    if !matches!(inst.kind(), Keyword::Copy | Keyword::Add) {
        return;
    }
    let Some(copy) = inst.as_copy() else { return };
    if copy.sources.len() < 2 {
        return;
    }
    let Some((range, dest)) = &copy.dest else { return };
    let d = drop_quotes(dest);
    if d.ends_with(['/', '\\']) || d == "." || d.contains('$') || d.is_empty() {
        return;
    }
    let raw = inst.text.get(range.clone()).unwrap_or("");
    let at = if raw.len() > 1 && raw.ends_with(['"', '\'']) { range.end - 1 } else { range.end };
    out.report(
        range.clone(),
        format!("{} with more than one source needs a destination that ends with `/`", inst.kind().name()),
    )
    .fix(format!("Change the destination to `{d}/`"), vec![Edit { range: at..at, text: "/".into() }], true);
}
