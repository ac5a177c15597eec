//! `expose-invalid-format`: an IP address or a host port in EXPOSE.

use crate::rules::expose::{each_port, split};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "expose-invalid-format",
        aliases: &[Alias::all("ExposeInvalidFormat")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "EXPOSE names an IP address or a host-port mapping.",
        docs: "\
**Why**: EXPOSE only documents which container ports the image listens on; publishing \
to a host address or port is decided by `docker run -p`. BuildKit ignores the extra \
parts today and has announced that they will become an error.\n\n\
**Example**: `EXPOSE 127.0.0.1:8080:80`\n\n\
**Fix**: `EXPOSE 80` (the quick fix keeps only the container port and protocol).",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    each_port(cx, |port| {
        let Ok(spec) = split(&port.text) else { return };
        if spec.ip.is_empty() && spec.host_port.is_empty() {
            return;
        }
        let msg =
            format!("EXPOSE instruction should not define an IP address or host-port mapping, found '{}'", port.text);
        let report = out.report(port.range.clone(), msg);
        if port.literal {
            let keep = port.text.rsplit(':').next().unwrap_or_default().to_string();
            let _ = report.replace(format!("Keep only '{keep}'"), port.range.clone(), keep, true);
        }
    });
}
