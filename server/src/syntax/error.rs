//! Syntax errors as data.
//!
//! Every error that `docker build` would raise while parsing a Dockerfile has a stable
//! kebab-case id here, so users can configure and suppress each kind on its own; all of
//! them share hadolint's alias `DL1000`. Messages follow BuildKit's wording.

use super::Span;

/// What kind of syntax error this is. The id is stable and user-visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    UnknownInstruction,
    LineTooLong,
    UnterminatedHeredoc,
    InvalidHeredoc,
    ExecFormNotStrings,
    DuplicateDirective,
    InvalidEscapeDirective,
    InvalidCheckDirective,
    EmptyFile,
    WrongArgumentCount,
    InvalidStageName,
    InvalidImageReference,
    UnknownFlag,
    DuplicateFlag,
    MissingFlagValue,
    InvalidFlagValue,
    InvalidMount,
    InvalidKeyValue,
    OnbuildInvalidTrigger,
    InvalidHealthcheck,
    ShellNotJson,
    EmptyVolume,
    BadSubstitution,
    CopyFromVariable,
}

impl ErrorKind {
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::UnknownInstruction,
        ErrorKind::LineTooLong,
        ErrorKind::UnterminatedHeredoc,
        ErrorKind::InvalidHeredoc,
        ErrorKind::ExecFormNotStrings,
        ErrorKind::DuplicateDirective,
        ErrorKind::InvalidEscapeDirective,
        ErrorKind::InvalidCheckDirective,
        ErrorKind::EmptyFile,
        ErrorKind::WrongArgumentCount,
        ErrorKind::InvalidStageName,
        ErrorKind::InvalidImageReference,
        ErrorKind::UnknownFlag,
        ErrorKind::DuplicateFlag,
        ErrorKind::MissingFlagValue,
        ErrorKind::InvalidFlagValue,
        ErrorKind::InvalidMount,
        ErrorKind::InvalidKeyValue,
        ErrorKind::OnbuildInvalidTrigger,
        ErrorKind::InvalidHealthcheck,
        ErrorKind::ShellNotJson,
        ErrorKind::EmptyVolume,
        ErrorKind::BadSubstitution,
        ErrorKind::CopyFromVariable,
    ];

    /// The stable id users see and configure.
    pub const fn id(self) -> &'static str {
        match self {
            ErrorKind::UnknownInstruction => "unknown-instruction",
            ErrorKind::LineTooLong => "line-too-long",
            ErrorKind::UnterminatedHeredoc => "unterminated-heredoc",
            ErrorKind::InvalidHeredoc => "invalid-heredoc",
            ErrorKind::ExecFormNotStrings => "exec-form-not-strings",
            ErrorKind::DuplicateDirective => "duplicate-directive",
            ErrorKind::InvalidEscapeDirective => "invalid-escape-directive",
            ErrorKind::InvalidCheckDirective => "invalid-check-directive",
            ErrorKind::EmptyFile => "empty-file",
            ErrorKind::WrongArgumentCount => "wrong-argument-count",
            ErrorKind::InvalidStageName => "invalid-stage-name",
            ErrorKind::InvalidImageReference => "invalid-image-reference",
            ErrorKind::UnknownFlag => "unknown-flag",
            ErrorKind::DuplicateFlag => "duplicate-flag",
            ErrorKind::MissingFlagValue => "missing-flag-value",
            ErrorKind::InvalidFlagValue => "invalid-flag-value",
            ErrorKind::InvalidMount => "invalid-mount",
            ErrorKind::InvalidKeyValue => "invalid-key-value",
            ErrorKind::OnbuildInvalidTrigger => "onbuild-invalid-trigger",
            ErrorKind::InvalidHealthcheck => "invalid-healthcheck",
            ErrorKind::ShellNotJson => "shell-not-json",
            ErrorKind::EmptyVolume => "empty-volume",
            ErrorKind::BadSubstitution => "bad-substitution",
            ErrorKind::CopyFromVariable => "copy-from-variable",
        }
    }

    /// One line on what the error means, for docs and `explain`.
    pub const fn summary(self) -> &'static str {
        match self {
            ErrorKind::UnknownInstruction => "A line starts with a word that is not a Dockerfile instruction.",
            ErrorKind::LineTooLong => "A physical line is longer than the 65535 bytes BuildKit reads.",
            ErrorKind::UnterminatedHeredoc => "A heredoc's body never reaches its terminator line.",
            ErrorKind::InvalidHeredoc => "A heredoc delimiter is malformed or a heredoc is used where none is allowed.",
            ErrorKind::ExecFormNotStrings => "An exec-form JSON array contains something other than strings.",
            ErrorKind::DuplicateDirective => "A parser directive appears twice.",
            ErrorKind::InvalidEscapeDirective => "The escape directive names a character other than \\ or `.",
            ErrorKind::InvalidCheckDirective => "The check directive's options cannot be parsed.",
            ErrorKind::EmptyFile => "The file has no instructions.",
            ErrorKind::WrongArgumentCount => "An instruction has too few or too many arguments.",
            ErrorKind::InvalidStageName => "A build stage name starts with a digit or contains symbols.",
            ErrorKind::InvalidImageReference => "An image reference does not follow the reference grammar.",
            ErrorKind::UnknownFlag => "A flag that the instruction does not accept.",
            ErrorKind::DuplicateFlag => "A flag that may appear once is given twice.",
            ErrorKind::MissingFlagValue => "A flag that needs a value has none.",
            ErrorKind::InvalidFlagValue => "A flag's value has the wrong type or format.",
            ErrorKind::InvalidMount => "A RUN --mount option is unknown or malformed.",
            ErrorKind::InvalidKeyValue => "ENV or LABEL arguments are not name=value pairs.",
            ErrorKind::OnbuildInvalidTrigger => "ONBUILD is chained or triggers FROM or MAINTAINER.",
            ErrorKind::InvalidHealthcheck => "HEALTHCHECK has an unknown type or is missing its command.",
            ErrorKind::ShellNotJson => "SHELL's arguments are not a JSON array.",
            ErrorKind::EmptyVolume => "VOLUME names an empty path.",
            ErrorKind::BadSubstitution => "A variable substitution is malformed.",
            ErrorKind::CopyFromVariable => {
                "COPY --from or a mount's from= uses a variable, which BuildKit does not expand."
            }
        }
    }

    pub fn from_id(id: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.id() == id)
    }
}

/// One syntax error: where, what kind, and BuildKit's message for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub kind: ErrorKind,
    pub message: String,
}

impl SyntaxError {
    pub fn new(kind: ErrorKind, span: Span, message: impl Into<String>) -> SyntaxError {
        SyntaxError { span, kind, message: message.into() }
    }
}

/// The closest candidate within an edit distance of 2, as BuildKit's "did you mean"
/// does (case-insensitively when `ignore_case`). An exact match gives `None`.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, ignore_case: bool) -> Option<&'a str> {
    let norm = |s: &str| {
        if ignore_case { s.to_ascii_lowercase() } else { s.to_string() }
    };
    let word_n = norm(word);
    let mut best: Option<(&str, usize)> = None;
    for cand in candidates {
        let cand_n = norm(cand);
        if cand_n == word_n {
            return None;
        }
        let d = levenshtein(&word_n, &cand_n);
        if d < 3 && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((cand, d));
        }
    }
    best.map(|(c, _)| c)
}

/// Edit distance over chars (insert, delete, substitute).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for k in ErrorKind::ALL {
            assert!(seen.insert(k.id()), "duplicate id {}", k.id());
            assert_eq!(ErrorKind::from_id(k.id()), Some(*k));
        }
    }

    #[test]
    fn suggestions_follow_buildkit_distance() {
        let names = ["FROM", "RUN", "COPY"];
        assert_eq!(suggest("FORM", names, true), Some("FROM"));
        assert_eq!(suggest("from", names, true), None, "exact match is no suggestion");
        assert_eq!(suggest("XYZZY", names, true), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
