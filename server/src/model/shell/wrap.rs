//! Wrapper commands (`sudo`, `env`, `nohup`, …) and `sh -c`.

use super::parse::is_assignment;
use super::{Command, Word, basename};

/// First letters of the names in [`WRAPPERS`].
macro_rules! WRAPPER_INITIALS {
    () => {
        b's' | b'd' | b'e' | b'n' | b't' | b'c'
    };
}

/// How a wrapper takes its options.
struct Wrapper {
    names: &'static [&'static str],
    /// Short options that take a value (`-u user`, `-uuser`).
    short_arg: &'static str,
    /// Long options that take a value as the next word when written without `=`.
    long_arg: &'static [&'static str],
    /// Options after which there is no command to unwrap (`sudo -l`, `command -v`).
    stop_short: &'static str,
    stop_long: &'static [&'static str],
    /// `VAR=value` words may follow the options.
    assignments: bool,
    /// Operands to skip before the command (`timeout 5 cmd`).
    skip_operands: usize,
}

const WRAPPERS: &[Wrapper] = &[
    Wrapper {
        names: &["sudo"],
        short_arg: "ugCDprtTUR",
        long_arg: &[
            "user",
            "group",
            "close-from",
            "chdir",
            "prompt",
            "role",
            "type",
            "command-timeout",
            "other-user",
            "chroot",
            "host",
        ],
        stop_short: "elvKV",
        stop_long: &["edit", "list", "validate", "remove-timestamp", "version", "help"],
        assignments: true,
        skip_operands: 0,
    },
    Wrapper {
        names: &["doas"],
        short_arg: "uC",
        long_arg: &[],
        stop_short: "",
        stop_long: &[],
        assignments: false,
        skip_operands: 0,
    },
    Wrapper {
        names: &["env"],
        short_arg: "uC",
        long_arg: &["unset", "chdir"],
        stop_short: "S",
        stop_long: &["split-string", "help", "version"],
        assignments: true,
        skip_operands: 0,
    },
    Wrapper {
        names: &["nohup"],
        short_arg: "",
        long_arg: &[],
        stop_short: "",
        stop_long: &["help", "version"],
        assignments: false,
        skip_operands: 0,
    },
    Wrapper {
        names: &["time"],
        short_arg: "fo",
        long_arg: &["format", "output"],
        stop_short: "",
        stop_long: &["help", "version"],
        assignments: false,
        skip_operands: 0,
    },
    Wrapper {
        names: &["exec"],
        short_arg: "a",
        long_arg: &[],
        stop_short: "",
        stop_long: &[],
        assignments: false,
        skip_operands: 0,
    },
    Wrapper {
        names: &["nice"],
        short_arg: "n",
        long_arg: &["adjustment"],
        stop_short: "",
        stop_long: &["help", "version"],
        assignments: false,
        skip_operands: 0,
    },
    Wrapper {
        names: &["command"],
        short_arg: "",
        long_arg: &[],
        stop_short: "vV",
        stop_long: &[],
        assignments: false,
        skip_operands: 0,
    },
    Wrapper {
        names: &["timeout"],
        short_arg: "sk",
        long_arg: &["signal", "kill-after"],
        stop_short: "",
        stop_long: &["help", "version"],
        assignments: false,
        skip_operands: 1,
    },
    Wrapper {
        names: &["stdbuf"],
        short_arg: "ioe",
        long_arg: &["input", "output", "error"],
        stop_short: "",
        stop_long: &["help", "version"],
        assignments: false,
        skip_operands: 0,
    },
];

/// Fills `name`, `args`, `sudo`, `wrappers` and extra `env` of `cmd` from the words
/// of a simple command, looking through wrappers.
pub(super) fn assign_words(cmd: &mut Command, words: Vec<Word>, src: &str) {
    let mut i = 0;
    let mut env = Vec::new();
    let mut sudo = None;
    while let Some(w) = words.get(i) {
        // Cheap reject on the raw text for the usual plain name (`apt-get`).
        let raw = w.text(src).as_bytes();
        let plain = !raw.iter().any(|b| matches!(b, b'/' | b'\\' | b'\'' | b'"'));
        if plain && !matches!(raw.first(), Some(WRAPPER_INITIALS!())) {
            break;
        }
        let name = basename(w.value(src));
        // Cheap reject: the first letters of all wrapper names (checked by a test).
        if !matches!(name.as_bytes().first(), Some(WRAPPER_INITIALS!())) {
            break;
        }
        let Some(spec) = WRAPPERS.iter().find(|s| s.names.contains(&&*name)) else {
            break;
        };
        let Some((next, assigned)) = skip_wrapper(spec, &words, i + 1, src) else {
            break;
        };
        if next >= words.len() {
            break;
        }
        if spec.names[0] == "sudo" || spec.names[0] == "doas" {
            sudo.get_or_insert(w.range.clone());
        }
        env.extend(assigned);
        i = next;
    }
    cmd.sudo = sudo;
    let mut words = words;
    // `i` only ever moves to an existing word, so it is in range unless there are no
    // words at all (a command of only assignments or redirections).
    if i >= words.len() {
        return;
    }
    let mut head = words.drain(..=i);
    for k in 0..i {
        let Some(w) = head.next() else { break };
        if env.contains(&k) {
            cmd.env.push(w);
        } else {
            cmd.wrappers.push(w);
        }
    }
    cmd.name = head.next();
    drop(head);
    // The rest of the vector becomes the arguments (no new allocation).
    cmd.args = words;
}

/// Skips a wrapper's options (and assignments/operands) starting at `i`. Returns the
/// index of the wrapped command and the indexes of assignment words, or `None` when
/// the wrapper has no command to unwrap.
fn skip_wrapper(spec: &Wrapper, words: &[Word], mut i: usize, src: &str) -> Option<(usize, Vec<usize>)> {
    loop {
        let Some(w) = words.get(i) else {
            return Some((i, Vec::new()));
        };
        let v = w.value(src);
        if v == "--" {
            i += 1;
            break;
        }
        if v == "-" && spec.names[0] == "env" {
            i += 1;
            continue;
        }
        if let Some(long) = v.strip_prefix("--") {
            let (name, has_value) = match long.split_once('=') {
                Some((n, _)) => (n, true),
                None => (long, false),
            };
            if spec.stop_long.contains(&name) {
                return None;
            }
            i += if !has_value && spec.long_arg.contains(&name) { 2 } else { 1 };
            continue;
        }
        let Some(cluster) = v.strip_prefix('-').filter(|c| !c.is_empty()) else {
            break;
        };
        let mut step = 1;
        for (k, c) in cluster.char_indices() {
            if spec.stop_short.contains(c) {
                return None;
            }
            if spec.short_arg.contains(c) {
                if k + c.len_utf8() == cluster.len() {
                    step = 2;
                }
                break;
            }
        }
        i += step;
    }
    let mut assigned = Vec::new();
    if spec.assignments {
        while words.get(i).is_some_and(|w| is_assignment(&w.value(src))) {
            assigned.push(i);
            i += 1;
        }
    }
    i += spec.skip_operands;
    Some((i, assigned))
}

/// Names of shells whose `-c` string is parsed (all end in `h`, see [`shell_c_arg`]).
const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

/// For `sh -c STRING …` (any options, any path to the shell), the STRING word.
pub(super) fn shell_c_arg(cmd: &Command, src: &str) -> Option<Word> {
    // All the shells' names end in `h`; most commands stop here.
    let raw = cmd.name.as_ref()?.text(src);
    if !raw.ends_with(['h', '"', '\'']) || cmd.args.is_empty() {
        return None;
    }
    let name = cmd.name_value(src)?;
    if !SHELLS.contains(&&*name) {
        return None;
    }
    let mut seen_c = false;
    let mut i = 0;
    while let Some(w) = cmd.args.get(i) {
        let v = w.value(src);
        if v == "--" {
            return if seen_c { cmd.args.get(i + 1).cloned() } else { None };
        }
        if let Some(long) = v.strip_prefix("--") {
            i += if matches!(long, "rcfile" | "init-file") { 2 } else { 1 };
            continue;
        }
        if v.len() > 1 && (v.starts_with('-') || v.starts_with('+')) {
            let cluster = &v[1..];
            seen_c |= cluster.contains('c');
            i += if cluster.contains('o') || cluster.contains('O') { 2 } else { 1 };
            continue;
        }
        return if seen_c { Some(w.clone()) } else { None };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::WRAPPERS;

    #[test]
    fn shell_names_end_in_h() {
        assert!(super::SHELLS.iter().all(|s| s.ends_with('h')));
    }

    #[test]
    fn wrapper_initials_cover_all_wrappers() {
        for w in WRAPPERS {
            for n in w.names {
                assert!(
                    matches!(n.as_bytes().first(), Some(WRAPPER_INITIALS!())),
                    "{n} is missing from WRAPPER_INITIALS"
                );
            }
        }
    }
}
