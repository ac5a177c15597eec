//! `env-self-reference` (DL3044): an ENV value uses a variable that the same ENV
//! instruction defines.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "env-self-reference",
        aliases: &[Alias::all("DL3044")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Warning),
        summary: "An ENV value refers to a variable set in the same ENV instruction.",
        docs: "\
**Why**: all values of one `ENV` are expanded with the environment from *before* the \
instruction, so a variable set in the same line is not visible yet and expands to empty.\n\n\
**Example**: `ENV APP_HOME=/app PATH=$APP_HOME/bin:$PATH` puts `/bin` on the PATH, not `/app/bin`.\n\n\
**Fix**: split it: `ENV APP_HOME=/app` then `ENV PATH=$APP_HOME/bin:$PATH`. A variable that \
was already set earlier (or refers to itself, as `PATH=$PATH:…`) is not reported: it then \
has a value, and using it is usually deliberate.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for u in &cx.model.uses {
        if u.def.is_some() || u.automatic {
            continue;
        }
        let Some(node) = cx.tree.nodes.get(u.node) else { continue };
        if node.kind != Keyword::Env {
            continue;
        }
        // The instruction's own `key=value` pairs: its definitions.
        let pairs = cx.model.defs_at(u.node);
        if pairs.len() < 2 {
            continue;
        }
        let inside = |d: &crate::model::VarDef| {
            d.value_range.as_ref().is_some_and(|v| v.start <= u.range.start && u.range.end <= v.end)
        };
        let Some(own) = pairs.iter().position(inside) else {
            continue;
        };
        if pairs.iter().enumerate().any(|(i, d)| i != own && d.name == u.name) {
            out.report(
                u.whole.clone(),
                format!(
                    "`{}` is set in this same ENV instruction, so this reference does not see the new value",
                    u.name
                ),
            );
        }
    }
}
