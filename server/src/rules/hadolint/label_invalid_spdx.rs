//! `label-invalid-spdx` (DL3054): a schema label of type `spdx` is not an SPDX license expression.

use super::labels::{check_typed, is_spdx};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "label-invalid-spdx",
        aliases: &[Alias::all("DL3054")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "A schema label of type `spdx` is not an SPDX license expression.",
        docs: "**Why**: `org.opencontainers.image.licenses` is meant for license scanners, which understand SPDX identifiers and expressions, not prose.\n\n**Example**: `LABEL org.opencontainers.image.licenses=\"Apache 2\"`\n\n**Fix**: `LABEL org.opencontainers.image.licenses=Apache-2.0` (expressions such as `MIT OR Apache-2.0` and `GPL-2.0-only WITH Classpath-exception-2.0` work; `LicenseRef-…` names your own). The ids are checked against a list of common licenses, wider than hadolint's single-id check. Runs only when the label schema gives the label the type `spdx`.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    check_typed(cx, out, "spdx", is_spdx, "an SPDX license expression");
}
