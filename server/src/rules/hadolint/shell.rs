//! Just enough of POSIX shell to see which commands a RUN runs: simple commands split
//! on `;`, `&&`, `||`, `|`, `&`, newlines and grouping, words unquoted. It is not a
//! shell parser (no expansions, no here-documents inside the script); the rules that
//! use it only ask "which commands, with which arguments".

use crate::syntax::{InstRef, Keyword};

/// Words that start or end a compound command; they are not command names.
const RESERVED: [&str; 17] = [
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "!", "{", "}",
    "time",
];

/// The simple commands of a script, each as its unquoted words (leading `VAR=value`
/// assignments and reserved words dropped). Empty commands are left out.
pub fn commands(script: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cmd: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = script.chars().peekable();
    let finish_word = |cmd: &mut Vec<String>, word: &mut String, in_word: &mut bool| {
        if *in_word {
            cmd.push(std::mem::take(word));
            *in_word = false;
        }
    };
    let finish_cmd = |out: &mut Vec<Vec<String>>, cmd: &mut Vec<String>| {
        let words = std::mem::take(cmd);
        let start =
            words.iter().position(|w| !RESERVED.contains(&w.as_str()) && !is_assignment(w)).unwrap_or(words.len());
        if start < words.len() {
            out.push(words[start..].to_vec());
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for n in chars.by_ref() {
                    if n == '\'' {
                        break;
                    }
                    word.push(n);
                }
            }
            '"' => {
                in_word = true;
                while let Some(n) = chars.next() {
                    match n {
                        '"' => break,
                        '\\' => {
                            if let Some(&p) = chars.peek() {
                                if matches!(p, '"' | '\\' | '$' | '`') {
                                    word.push(p);
                                    chars.next();
                                } else if p == '\n' {
                                    chars.next();
                                } else {
                                    word.push('\\');
                                }
                            }
                        }
                        _ => word.push(n),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(n) => {
                    in_word = true;
                    word.push(n);
                }
            },
            '#' if !in_word => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
                finish_cmd(&mut out, &mut cmd);
            }
            '&' if word.ends_with(['>', '<']) || chars.peek() == Some(&'>') => {
                // `2>&1`, `<&3`, `&>file`: a redirection, not an operator.
                in_word = true;
                word.push(c);
            }
            ';' | '&' | '|' | '\n' | '(' | ')' => {
                finish_word(&mut cmd, &mut word, &mut in_word);
                finish_cmd(&mut out, &mut cmd);
            }
            c if c.is_whitespace() => finish_word(&mut cmd, &mut word, &mut in_word),
            _ => {
                in_word = true;
                word.push(c);
            }
        }
    }
    finish_word(&mut cmd, &mut word, &mut in_word);
    finish_cmd(&mut out, &mut cmd);
    out
}

fn is_assignment(w: &str) -> bool {
    match w.find('=') {
        Some(eq) if eq > 0 => {
            let name = &w[..eq];
            name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && !name.as_bytes()[0].is_ascii_digit()
        }
        _ => false,
    }
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
