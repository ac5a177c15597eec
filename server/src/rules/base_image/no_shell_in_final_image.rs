//! `no-shell-in-final-image`: shell-form instructions on a base without `/bin/sh`
//! (scratch, distroless, Chainguard runtime images).

use super::Stages;
use crate::model::Base;
use crate::rules::{Context, Group, Rule, RuleMeta, Severity, Shell, Sink};
use crate::syntax::{InstRef, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "no-shell-in-final-image",
        aliases: &[],
        group: Group::BaseImage,
        default_severity: Some(Severity::Error),
        summary: "A shell-form instruction on a base image that has no shell.",
        docs: "\
**Why**: shell form runs `/bin/sh -c \"…\"`. `scratch`, distroless (except `:debug`) and \
Chainguard images without `-dev` have no shell, so a shell-form `RUN` fails the build and \
a shell-form `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` fails when the container starts.\n\n\
**Example**: `FROM gcr.io/distroless/static-debian12` then `CMD /app --serve`\n\n\
**Fix**: exec form, `CMD [\"/app\", \"--serve\"]` (the quick fix, when the command is a \
plain list of words with no shell syntax). Do the shell work in an earlier stage. Not \
reported after a `SHELL` instruction or after a shell (busybox, `sh`) is copied in.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    let stages = Stages::new(cx);
    // Per stage: a shell was copied in or chosen with SHELL (then say nothing after).
    let mut shell_added: Vec<bool> = Vec::with_capacity(cx.model.stages.len());
    for stage in &cx.model.stages {
        let mut added = match stage.base {
            Base::Stage(p) => shell_added.get(p).copied().unwrap_or(true),
            _ => false,
        };
        let Some(root) = stages.root(stage.index).filter(|r| r.res.has_shell == Some(false)) else {
            // Stages built on this one share its root, which has a shell (or is unknown).
            shell_added.push(false);
            continue;
        };
        for node in stage.nodes.clone() {
            let inst = cx.inst(node);
            match inst.kind() {
                Keyword::Shell => added = true,
                Keyword::Copy | Keyword::Add => added |= copies_a_shell(inst),
                Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck => {
                    if added || inst.inst.shell.is_none() || inst.inst.exec.is_some() {
                        continue;
                    }
                    if inst.kind() == Keyword::Run && runs_script_directly(inst) {
                        continue;
                    }
                    let keyword = inst.keyword_text().to_ascii_uppercase();
                    let base = root.display();
                    let message = if inst.kind() == Keyword::Run {
                        format!(
                            "`{base}` has no shell, so this shell-form RUN fails the build; use exec form or do the work in another stage"
                        )
                    } else if inst.kind() == Keyword::Healthcheck {
                        format!(
                            "`{base}` has no shell, so this shell-form HEALTHCHECK never passes and the container \
                             is reported unhealthy; use exec form"
                        )
                    } else {
                        format!(
                            "`{base}` has no shell, so this shell-form {keyword} fails when the container starts; use exec form"
                        )
                    };
                    let report = out.report(inst.range(inst.inst.keyword), message);
                    if inst.kind() != Keyword::Run {
                        if let (Some(span), Some(shell)) = (inst.inst.shell, cx.shell(node)) {
                            if let Some(json) = exec_form(shell) {
                                let range = inst.range(span);
                                report.replace(format!("Use exec form: {json}"), range, json, true);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        shell_added.push(added);
    }
}

/// `COPY --from=busybox /bin/busybox /bin/sh` and similar bring a shell in.
fn copies_a_shell(inst: InstRef<'_>) -> bool {
    let Some(copy) = inst.as_copy() else { return false };
    let shellish = |p: &str| {
        let base = p.trim_end_matches('/').rsplit('/').next().unwrap_or(p);
        p.contains("busybox") || matches!(base, "sh" | "bash" | "ash" | "dash" | "zsh")
    };
    copy.sources.iter().any(|(_, s)| shellish(s))
        || copy.dest.as_ref().is_some_and(|(_, d)| shellish(d))
        || copy.from.as_ref().is_some_and(|(_, f)| f.contains("busybox"))
}

/// `RUN <<EOF` whose body starts with `#!`: BuildKit runs it as a script file.
fn runs_script_directly(inst: InstRef<'_>) -> bool {
    inst.inst.heredocs.first().is_some_and(|h| inst.src(h.body).trim_start().starts_with("#!"))
}

/// The exec form of a shell-form command that is one plain command: no operators,
/// redirections, assignments, expansions, globs or wrappers.
fn exec_form(shell: &Shell) -> Option<String> {
    let text = shell.text.as_str();
    let [cmd] = shell.script.commands.as_slice() else { return None };
    if !cmd.env.is_empty() || !cmd.redirects.is_empty() || !cmd.wrappers.is_empty() || cmd.in_pipeline {
        return None;
    }
    let mut parts = Vec::new();
    for word in cmd.words() {
        if word.expansion || word.unterminated {
            return None;
        }
        let raw = word.text(text);
        if !word.quoted && (raw.contains(['*', '?', '[', '{']) || raw.starts_with('~')) {
            return None;
        }
        if raw.contains(['&', '|', ';', '<', '>', '(', ')', '`']) && !word.quoted {
            return None;
        }
        parts.push(serde_json::to_string(word.value(text).as_ref()).ok()?);
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("[{}]", parts.join(", ")))
}
