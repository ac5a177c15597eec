//! Which commands a RUN runs, as unquoted words (shell form, heredoc scripts, exec
//! form), on top of the shared shell splitter in `model::shell`.

use crate::model::shell;
use crate::syntax::{InstRef, Keyword};

/// The words of each command in a script, unquoted (via the shared shell splitter).
pub fn commands(src: &str) -> Vec<Vec<String>> {
    shell::parse(src)
        .commands
        .iter()
        .filter_map(|c| {
            let name = c.name.as_ref()?;
            let mut words = vec![name.value(src).into_owned()];
            words.extend(c.args.iter().map(|a| a.value(src).into_owned()));
            Some(words)
        })
        .collect()
}

/// The commands a RUN executes: its shell form script, its heredoc bodies (when the
/// RUN's command is only the heredoc) or its exec form as one command.
pub fn run_commands(inst: InstRef<'_>) -> Vec<Vec<String>> {
    if inst.kind() != Keyword::Run {
        return Vec::new();
    }
    if let Some(exec) = &inst.inst.exec {
        let words: Vec<String> = exec.strings().map(str::to_string).collect();
        return if words.is_empty() { Vec::new() } else { vec![words] };
    }
    let mut out = Vec::new();
    if let Some(script) = inst.shell_text() {
        let mut script = script.into_owned();
        // The heredoc words are placeholders for the bodies.
        for h in &inst.inst.heredocs {
            let w = inst.src(h.word);
            script = script.replacen(w, " ", 1);
        }
        out.extend(commands(&script));
    }
    for h in &inst.inst.heredocs {
        out.extend(commands(inst.src(h.body)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        commands(s).into_iter().map(|c| c[0].clone()).collect()
    }

    #[test]
    fn splits_on_operators_and_unquotes() {
        assert_eq!(
            names("apt-get update && apt-get install -y x; rm -rf /var/lib/apt/lists/*"),
            ["apt-get", "apt-get", "rm"]
        );
        assert_eq!(names("curl -s x | tar -xz || true & wait"), ["curl", "tar", "true", "wait"]);
        assert_eq!(commands("tar -xf 'my file.tar' \"b\\\"c\""), vec![vec!["tar", "-xf", "my file.tar", "b\"c"]]);
        assert_eq!(names("if true; then echo a; fi"), ["true", "echo"]);
        assert_eq!(names("FOO=1 BAR=2 make install"), ["make"]);
        assert_eq!(names("echo 'a && b' # && not a command"), ["echo"]);
        assert_eq!(commands("echo a\\\nb"), vec![vec!["echo", "ab"]]);
        assert!(commands("  ;; && ").is_empty());
        assert_eq!(names("make 2>&1 >/dev/null && ls &>/dev/null"), ["make", "ls"]);
    }
}
