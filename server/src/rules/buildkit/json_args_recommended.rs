//! `json-args-recommended`: CMD or ENTRYPOINT in shell form.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "json-args-recommended",
        aliases: &[Alias::all("JSONArgsRecommended"), Alias::all("DL3025")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "CMD or ENTRYPOINT uses the shell form.",
        docs: "\
**Why**: in shell form the program runs as a child of `/bin/sh -c`, which does not \
forward signals: `docker stop` waits for the timeout and then kills it.\n\n\
**Example**: `CMD node server.js`\n\n\
**Fix**: the exec form `CMD [\"node\", \"server.js\"]` (offered as a quick fix when the \
command is plain words). As in BuildKit, the check is skipped in a stage that set a \
`SHELL` (or builds on a stage that did): the shell form is then deliberate.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

/// Characters a word may have for the exec-form quick fix to mean the same thing.
fn plain_word(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|c| c.is_ascii_alphanumeric() || b"_./:=,@%+-".contains(&c))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let mut shell_set = vec![false; cx.model.stages.len()];
    for (node, inst) in cx.instructions_of(&[Keyword::From, Keyword::Shell, Keyword::Cmd, Keyword::Entrypoint]) {
        let Some(stage) = cx.model.node_stage[node] else { continue };
        match inst.kind() {
            Keyword::From => {
                if let crate::model::Base::Stage(parent) = cx.model.stages[stage].base {
                    shell_set[stage] = shell_set.get(parent).copied().unwrap_or(false);
                }
            }
            Keyword::Shell => shell_set[stage] = true,
            Keyword::Cmd | Keyword::Entrypoint if !shell_set[stage] => {
                let Some(span) = inst.inst.shell else { continue };
                let kw = inst.keyword_text();
                let range = inst.range(span);
                let mut report = out.report(
                    range.clone(),
                    format!("JSON arguments recommended for {kw} to prevent unintended behavior related to OS signals"),
                );
                let text = inst.text(span);
                let words: Vec<&str> = text.split_whitespace().collect();
                if !words.is_empty() && words.iter().all(|w| plain_word(w)) {
                    let json: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
                    report = report.replace("Use the exec form", range, format!("[{}]", json.join(", ")), false);
                }
                let _ = report;
            }
            _ => {}
        }
    }
}
