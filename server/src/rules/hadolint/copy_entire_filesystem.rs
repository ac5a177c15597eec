//! `copy-entire-filesystem` (DL3067): `COPY --from=… / /`.

use super::drop_quotes;
use crate::model::{Base, StageRefKind};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "copy-entire-filesystem",
        aliases: &[Alias::all("DL3067")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "COPY --from copies a whole filesystem onto the root.",
        docs: "\
**Why**: copying `/` of another stage or image onto `/` drags its whole filesystem \
(package databases, caches, `/etc`, …) into this image, overwrites what the base put \
there and defeats the point of a multi-stage build.\n\n\
**Example**: `COPY --from=build / /`\n\n\
**Fix**: copy only what the image needs: `COPY --from=build /app/bin/server /usr/local/bin/`. \
Copying all of a stage that starts `FROM scratch` is not reported: such a stage holds only \
what was put there on purpose.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (idx, inst) in cx.instructions_of(&[Keyword::Copy]) {
        let Some(copy) = inst.as_copy() else { continue };
        if copy.from.is_none() {
            continue;
        }
        // A stage built `FROM scratch` holds only what was put there on purpose
        // (the usual way to export binaries): copying all of it is the point.
        let from_scratch_stage = cx
            .model
            .stage_refs_at(idx)
            .iter()
            .find(|r| r.node == idx && r.kind == StageRefKind::CopyFrom)
            .and_then(|r| r.target)
            .and_then(|t| cx.model.root_image(t))
            .is_some_and(|root| root.base == Base::Scratch);
        if from_scratch_stage {
            continue;
        }
        let Some((dest_range, dest)) = &copy.dest else { continue };
        if drop_quotes(dest) != "/" {
            continue;
        }
        if let Some((range, _)) = copy.sources.iter().find(|(_, s)| drop_quotes(s) == "/") {
            out.report(
                range.start..dest_range.end,
                "Do not copy the entire filesystem of another stage or image onto `/`",
            );
        }
    }
}
