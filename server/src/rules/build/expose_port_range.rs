//! `expose-port-range`: an EXPOSE port number outside 0–65535.

use crate::rules::expose::{each_port, split, validate};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "expose-port-range",
        aliases: &[Alias::all("DL3011")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "An EXPOSE port number is outside 0–65535.",
        docs: "\
**Why**: TCP, UDP and SCTP ports are 16-bit numbers; `docker build` rejects anything \
larger (\"invalid containerPort\").\n\n\
**Example**: `EXPOSE 80800`\n\n\
**Fix**: use a port between 0 and 65535 (`EXPOSE 8080`).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_port(cx, |port| {
        let Ok(spec) = split(&port.text) else { return };
        if let Err(e) = validate(&spec) {
            if e.out_of_range {
                out.report(port.range.clone(), e.message);
            }
        }
    });
}
