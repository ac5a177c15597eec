//! `expose-proto-casing`: `EXPOSE 80/TCP`.

use crate::rules::expose::{each_port, split};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "expose-proto-casing",
        aliases: &[Alias::all("ExposeProtoCasing")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "The protocol in EXPOSE is not lowercase.",
        docs: "\
**Why**: BuildKit lowercases the protocol anyway; writing `TCP` suggests a difference \
that does not exist and reads inconsistently with the rest of the ecosystem.\n\n\
**Example**: `EXPOSE 53/UDP`\n\n\
**Fix**: `EXPOSE 53/udp` (the quick fix lowercases it).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_port(cx, |port| {
        let Ok(spec) = split(&port.text) else { return };
        if spec.proto.chars().all(|c| !c.is_uppercase()) {
            return;
        }
        let msg = format!("Defined protocol '{}' in EXPOSE instruction should be lowercase", port.text);
        match (port.literal, spec.proto_at) {
            (true, Some(at)) => {
                let start = port.range.start + at;
                let r = start..start + spec.proto.len();
                out.report(r.clone(), msg).replace("Lowercase the protocol", r, spec.proto.to_lowercase(), true);
            }
            _ => {
                out.report(port.range.clone(), msg);
            }
        }
    });
}
