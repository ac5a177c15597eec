//! Shell commands inside `RUN`: a small, error-tolerant POSIX-shell splitter.
//!
//! [`parse`] turns the logical text of a shell-form `RUN` (or a heredoc body) into a
//! flat list of simple [`Command`]s, each made of [`Word`]s with byte ranges into the
//! text. Lint rules look at command names and arguments instead of running regexes
//! over raw text; [`packages`] builds package-manager models on top.
//!
//! What the splitter understands:
//! - the operators `&&`, `||`, `;`, `|`, `|&`, `&`, newlines (recorded per command as
//!   [`Separator`]), redirections (`>`, `2>&1`, `<<EOF` …, see [`Redirect`]) and
//!   comments;
//! - quoting: `'…'`, `"…"` (with `\` escapes), `$'…'`, backslash escapes, `\<newline>`
//!   continuations, and `$VAR`, `${…}`, `$(…)`, `$((…))`, `` `…` ``, `<(…)` kept inside
//!   one word. Commands inside `$(…)`, backticks and `<(…)` are reported too, with a
//!   greater [`Command::depth`];
//! - leading `VAR=value` assignments ([`Command::env`]);
//! - compound syntax (`if`/`then`/`fi`, `for`/`while`/`until`/`do`/`done`, `case`,
//!   `{ …; }`, `( … )`, functions, `[[ … ]]`): keywords are never command names, the
//!   commands inside are still found;
//! - wrappers (`sudo`, `doas`, `env`, `nohup`, `time`, `exec`, `nice`, `command`,
//!   `timeout`, `stdbuf`) are unwrapped so [`Command::name`] is the real command;
//! - `sh -c '…'` (any of sh, bash, dash, ash, zsh, ksh, mksh, with any path): the
//!   string is parsed again and its commands are reported with ranges inside the quotes;
//! - shell heredocs (`cat <<EOF`): the body is skipped.
//!
//! It never fails and never panics: an unterminated quote or substitution runs to the
//! end of the input and sets [`Word::unterminated`]. Parsing is linear in the input
//! (nested re-parsing of `sh -c` strings is bounded by [`MAX_DEPTH`]).
//!
//! Cost (release build, measured with callgrind and CPU time on the 2-core dev
//! machine): a 100-line `RUN` that lists one package per line parses in about 5 µs;
//! 100 commands (25 lines of `apt-get …; rm …`) in about 25–40 µs; the bulk is a few
//! thousand instructions per command for its vectors of words.
//!
//! Every range is a byte range into the `src` given to [`parse`] and lies on `char`
//! boundaries. Commands come in source order (by start); a nested command comes after
//! the command that contains it and its range lies inside that command's range.

use std::borrow::Cow;
use std::ops::Range;

pub mod packages;
mod parse;
mod unquote;
mod wrap;

#[cfg(test)]
mod packages_tests;
#[cfg(test)]
mod tests;

/// Deepest nesting of `$(…)` / `sh -c` that is parsed into commands. Deeper text is
/// still skipped correctly, just not reported.
pub const MAX_DEPTH: u8 = 16;

/// Splits shell text into simple commands. See the module docs for what is understood.
pub fn parse(src: &str) -> Script {
    let mut commands = Vec::with_capacity(src.len() / 32 + 1);
    parse::parse_into(src, 0, false, true, &mut commands);
    // Commands are emitted in pre-order (a command before those nested in it). The
    // rare exception, `sh -c 'a' $(b)` where the string's commands come last, is put
    // right by a stable sort: a parent always starts before the commands inside it.
    let key = |c: &Command| (c.range.start, c.depth);
    if !commands.is_sorted_by_key(key) {
        commands.sort_by_key(key);
    }
    Script { commands }
}

/// The commands of one piece of shell text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    /// All simple commands in source order, nested ones included (see [`Command::depth`]).
    pub commands: Vec<Command>,
}

impl Script {
    /// Commands at depth 0, i.e. not inside `$(…)` or a `sh -c` string.
    pub fn top_level(&self) -> impl Iterator<Item = &Command> {
        self.commands.iter().filter(|c| c.depth == 0)
    }

    /// Whether any command is part of a pipeline (`a | b`).
    pub fn has_pipeline(&self) -> bool {
        self.commands.iter().any(|c| c.in_pipeline)
    }
}

/// One simple command: optional assignments, a name, arguments and redirections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The command name after unwrapping wrappers (`sudo apt-get` → `apt-get`). `None`
    /// for a command made only of assignments and/or redirections (`FOO=1`, `> file`).
    pub name: Option<Word>,
    /// The arguments after the name (redirections excluded).
    pub args: Vec<Word>,
    /// `VAR=value` words before the name, including those given to `env`/`sudo`.
    pub env: Vec<Word>,
    /// The whole command, from its first word (assignment, wrapper or redirection) to
    /// its last.
    pub range: Range<usize>,
    /// The operator that came before this command in the same list, or `None` for the
    /// first command of the text. Keywords are not operators: in
    /// `if a; then b; fi && c`, `b` has [`Separator::Semi`] and `c` has [`Separator::And`];
    /// in `a &&\n b` (a newline after an operator) `b` has [`Separator::And`].
    pub separator_before: Option<Separator>,
    /// Part of a pipeline of two or more commands (`a | b`: both).
    pub in_pipeline: bool,
    /// Followed by `|` (its output goes to the next command).
    pub pipeline_has_next: bool,
    /// Range of the word `sudo` (or `doas`) when the command was run through it.
    pub sudo: Option<Range<usize>>,
    /// Found inside the string of `sh -c '…'` (at any depth).
    pub via_shell_c: bool,
    /// Nesting: 0 at top level, +1 inside each `$(…)`, backticks, `<(…)` or `sh -c`.
    pub depth: u8,
    /// Redirections of this command, in order.
    pub redirects: Vec<Redirect>,
    /// The words of unwrapped wrappers and their options, in order (`sudo`, `-u`,
    /// `app`, `env`, `-i` …); assignments given to them are in `env` instead.
    pub wrappers: Vec<Word>,
}

/// The operator before a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Separator {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` (also `;;` and friends in `case`)
    Semi,
    /// `|` or `|&`
    Pipe,
    /// `&`
    Background,
    /// A newline.
    Newline,
}

/// A redirection such as `> file`, `2>&1` or `<<EOF`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The whole redirection: file descriptor, operator and target.
    pub range: Range<usize>,
    /// Just the operator (`>`, `>>`, `<<-`, `&>` …).
    pub op: Range<usize>,
    /// The target word (file, fd number or heredoc delimiter); `None` if missing.
    pub target: Option<Word>,
    /// For `<<`/`<<-`: the heredoc body (the lines after the command line, without the
    /// closing delimiter line).
    pub heredoc_body: Option<Range<usize>>,
}

/// One shell word, e.g. `--yes`, `"a b"`, `$(cat x)` or `foo=1.*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the raw word in the source.
    pub range: Range<usize>,
    /// Contains quotes or backslash escapes outside substitutions (so it is never a
    /// keyword, and its value usually differs from its text). Line continuations do
    /// not count.
    pub quoted: bool,
    /// Contains an expansion that happens at run time (`$X`, `${X}`, `$(…)`, `` `…` ``),
    /// outside single quotes. Its real value is unknown.
    pub expansion: bool,
    /// A quote or substitution in it was not closed before the end of the input.
    pub unterminated: bool,
    /// The raw text as the inner shell sees it, when that is not the source text
    /// (words inside a double-quoted `sh -c "…"` string with escapes).
    inner: Option<Box<str>>,
}

impl Word {
    pub(crate) fn new(range: Range<usize>) -> Word {
        Word { range, quoted: false, expansion: false, unterminated: false, inner: None }
    }

    /// The raw text of the word as written in `src`.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.range.clone()).unwrap_or("")
    }

    /// The value after quote removal and escape processing (`"a b"` → `a b`,
    /// `\$x` → `$x`). Expansions are kept as written (`"$HOME/x"` → `$HOME/x`).
    pub fn value<'a>(&self, src: &'a str) -> Cow<'a, str> {
        match &self.inner {
            Some(inner) => Cow::Owned(unquote::unquote(inner).into_owned()),
            None => unquote::unquote(self.text(src)),
        }
    }

    /// Looks like an option: starts with `-`, is longer than one character, and is not
    /// the end-of-options marker `--`.
    pub fn is_flag(&self, src: &str) -> bool {
        let v = self.value(src);
        v.len() > 1 && v.starts_with('-') && v != "--"
    }

    /// The part of this word's value from byte `offset` of the value on, as a word of
    /// its own (used for `--opt=value` and `-rfile`). When the prefix is written
    /// without quoting the new word's range is exact; otherwise it covers the whole word
    /// and carries the value itself.
    pub fn value_suffix(&self, src: &str, offset: usize) -> Word {
        let value = self.value(src);
        let Some(rest) = value.get(offset..) else {
            return Word::new(self.range.end..self.range.end);
        };
        let raw = self.text(src);
        let plain_prefix = self.inner.is_none()
            && raw
                .get(..offset)
                .is_some_and(|p| value.get(..offset) == Some(p) && !p.bytes().any(|b| b"'\"\\$`".contains(&b)));
        if plain_prefix {
            let start = self.range.start + offset;
            let sub = src.get(start..self.range.end).unwrap_or("");
            Word {
                range: start..self.range.end,
                quoted: sub.bytes().any(|b| b"'\"\\".contains(&b)),
                expansion: self.expansion,
                unterminated: self.unterminated,
                inner: None,
            }
        } else {
            // Re-quote the value so that `value()` of the new word gives it back.
            let mut q = String::with_capacity(rest.len() + 2);
            q.push('\'');
            q.push_str(&rest.replace('\'', "'\\''"));
            q.push('\'');
            Word {
                range: self.range.clone(),
                quoted: true,
                expansion: self.expansion,
                unterminated: self.unterminated,
                inner: Some(q.into_boxed_str()),
            }
        }
    }

    /// Maps a byte range of [`Word::value`] to a range in the source. Exact when the
    /// word is written in `src` (quotes in the middle may be included); the whole word
    /// when its value comes from an `sh -c "…"` decoding.
    pub fn value_range_to_src(&self, src: &str, r: Range<usize>) -> Range<usize> {
        if self.inner.is_some() {
            return self.range.clone();
        }
        let raw = self.text(src);
        if matches!(unquote::unquote(raw), Cow::Borrowed(_)) {
            // The value is the text itself.
            let start = (self.range.start + r.start).min(self.range.end);
            let end = (self.range.start + r.end).clamp(start, self.range.end);
            return start..end;
        }
        let map = unquote::OffsetMap::new(raw, self.range.start);
        map.map_range(r)
    }
}

impl Command {
    /// All words of the command proper: the name then the arguments.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.name.iter().chain(self.args.iter())
    }

    /// The command name's value without directories (`/usr/bin/apt-get` → `apt-get`).
    pub fn name_value<'a>(&self, src: &'a str) -> Option<Cow<'a, str>> {
        let v = self.name.as_ref()?.value(src);
        Some(basename(v))
    }

    /// Whether the command name (basename) is one of `names`.
    pub fn is(&self, src: &str, names: &[&str]) -> bool {
        self.name_value(src).is_some_and(|n| names.iter().any(|x| *x == n))
    }

    /// Whether an option is given among the arguments (before a `--`).
    ///
    /// `short` matches inside clusters (`-qy` has `y`); `long` names may be written
    /// with or without the leading `--` and match `--name` and `--name=value`.
    /// Note that a short option with an attached value (`-ofile`) looks like a cluster.
    pub fn has_flag(&self, src: &str, short: Option<char>, long: &[&str]) -> bool {
        flag_in(&self.args, src, short, long)
    }

    /// Whether this is `set` turning on option `name` with `-o name` (also in clusters
    /// such as `set -euxo pipefail`).
    pub fn sets_option(&self, src: &str, name: &str) -> bool {
        if !self.is(src, &["set"]) {
            return false;
        }
        let mut want_name = false;
        for a in &self.args {
            let v = a.value(src);
            if want_name {
                if v == name {
                    return true;
                }
                want_name = false;
                continue;
            }
            if let Some(cluster) = v.strip_prefix('-') {
                want_name = !cluster.starts_with('-') && cluster.ends_with('o');
            }
        }
        false
    }
}

/// Whether any of `words` (up to a `--`) is the given option. See [`Command::has_flag`].
pub fn flag_in(words: &[Word], src: &str, short: Option<char>, long: &[&str]) -> bool {
    for w in words {
        let v = w.value(src);
        if v == "--" {
            break;
        }
        if let Some(l) = v.strip_prefix("--") {
            let name = l.split_once('=').map_or(l, |(n, _)| n);
            if long.iter().any(|x| x.strip_prefix("--").unwrap_or(x) == name) {
                return true;
            }
        } else if let (Some(cluster), Some(c)) = (v.strip_prefix('-'), short) {
            if cluster.contains(c) {
                return true;
            }
        }
    }
    false
}

/// `/usr/bin/apt-get` → `apt-get`, keeping the borrow when there is one.
pub(crate) fn basename(v: Cow<'_, str>) -> Cow<'_, str> {
    let slash = v.as_bytes().iter().rposition(|&b| b == b'/');
    match (v, slash) {
        (v, None) => v,
        (Cow::Borrowed(s), Some(i)) => Cow::Borrowed(s.get(i + 1..).unwrap_or("")),
        (Cow::Owned(s), Some(i)) => Cow::Owned(s.get(i + 1..).unwrap_or("").to_string()),
    }
}
