//! `expose-invalid`: an EXPOSE port that `docker build` rejects.

use crate::rules::expose::{each_port, split, validate};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "expose-invalid",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "An EXPOSE port is malformed: not a number, a bad range, an unknown protocol.",
        docs: "\
**Why**: `docker build` parses every EXPOSE port (`port[-port][/tcp|udp|sctp]`) and \
stops at the first it cannot read. Ports made of variables are checked when their \
values are known.\n\n\
**Example**: `EXPOSE 80/http`, `EXPOSE 9000-8000`, `EXPOSE web`\n\n\
**Fix**: `EXPOSE 80/tcp`, `EXPOSE 8000-9000`, `EXPOSE 8080`. Numbers outside 0–65535 \
are reported by `expose-port-range`.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_port(cx, |port| {
        let msg = match split(&port.text) {
            Err(msg) => msg,
            Ok(spec) => match validate(&spec) {
                Err(e) if !e.out_of_range => e.message,
                _ => return,
            },
        };
        out.report(port.range.clone(), msg);
    });
}
