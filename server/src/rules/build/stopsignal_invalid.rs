//! `stopsignal-invalid`: STOPSIGNAL names no signal.

use crate::rules::buildkit::util::expand_known;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "stopsignal-invalid",
        aliases: &[Alias::all("DL1000")],
        group: Group::Build,
        default_severity: Some(Severity::Error),
        summary: "STOPSIGNAL is neither a signal number nor a Linux signal name.",
        docs: "\
**Why**: `docker build` checks the signal and fails with \"invalid signal\" for a name \
it does not know or for 0.\n\n\
**Example**: `STOPSIGNAL SIGTERMINATE`\n\n\
**Fix**: a name such as `SIGTERM`, `SIGQUIT`, `SIGINT` (with or without `SIG`, any \
case) or a number such as `15`.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

const SIGNALS: [&str; 35] = [
    "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL",
    "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1",
    "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN",
];

/// moby's `signal.ParseSignal` with the Linux signal table.
fn valid_signal(raw: &str) -> bool {
    let digits = raw.strip_prefix(['+', '-']).unwrap_or(raw);
    if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        return raw.parse::<i64>().is_ok_and(|n| n != 0);
    }
    let upper = raw.to_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if SIGNALS.contains(&name) || name == "RTMAX" {
        return true;
    }
    let offset = |rest: &str, max: u32| {
        rest.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n) && !rest.starts_with(['0', '+']))
    };
    name.strip_prefix("RTMIN+").is_some_and(|r| offset(r, 15))
        || name.strip_prefix("RTMAX-").is_some_and(|r| offset(r, 14))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (node, inst) in cx.instructions_of(&[Keyword::Stopsignal]) {
        if cx.model.node_stage[node].is_none() || inst.inst.args.is_empty() {
            continue;
        }
        let raw = inst.text(inst.inst.args);
        let Some(signal) = expand_known(cx, node, &raw, inst.inst.escape) else { continue };
        if !valid_signal(&signal) {
            out.report(inst.range(inst.inst.args), format!("invalid signal: {signal}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::valid_signal;

    #[test]
    fn linux_signals() {
        for ok in ["SIGTERM", "term", "SigQuit", "9", "15", "-1", "RTMIN+3", "SIGRTMAX-14", "RTMAX"] {
            assert!(valid_signal(ok), "{ok}");
        }
        for bad in ["0", "SIGFOO", "", "RTMIN+16", "RTMAX-0", "RTMIN+03", "99999999999999999999"] {
            assert!(!valid_signal(bad), "{bad}");
        }
    }
}
