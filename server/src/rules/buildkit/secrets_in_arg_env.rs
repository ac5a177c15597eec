//! `secrets-in-arg-env`: an ARG or ENV whose name looks like it holds a secret.

use crate::model::DefKind;
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "secrets-in-arg-env",
        aliases: &[Alias::all("SecretsUsedInArgOrEnv"), Alias::all("DL3064")],
        group: Group::Buildkit,
        default_severity: Some(Severity::Warning),
        summary: "An ARG or ENV name suggests it carries a secret.",
        docs: "\
**Why**: ARG and ENV values end up in the image history and metadata, where anyone with \
the image can read them. A name counts as secret when one of its `_`-separated words is \
`apikey`, `auth`, `credential(s)`, `key`, `password`, `pword`, `passwd`, `secret` or \
`token` (any case), unless another word is `public`, `file` or `version`. As in \
BuildKit, only ARGs and ENVs inside stages are checked.\n\n\
**Example**: `ARG GITHUB_TOKEN`\n\n\
**Fix**: pass secrets with `RUN --mount=type=secret,id=github_token …` and \
`docker build --secret id=github_token,env=GITHUB_TOKEN`.",
    },
    check,
    scope: crate::rules::Scope::Structural,
};

const DENY: [&str; 10] =
    ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
const ALLOW: [&str; 3] = ["public", "file", "version"];

/// Go's case folding for the ASCII letters of the tokens (`K` also matches the Kelvin
/// sign and `s` the long s, as `(?i)` does).
fn fold(c: char) -> char {
    match c {
        '\u{212a}' => 'k',
        '\u{17f}' => 's',
        c => c.to_ascii_lowercase(),
    }
}

fn word_is(word: &str, token: &str) -> bool {
    let mut w = word.chars();
    for t in token.chars() {
        if w.next().map(fold) != Some(t) {
            return false;
        }
    }
    w.next().is_none()
}

/// BuildKit's `(?i)(?:_|^)(?:token…)(?:_|$)` test: some `_`-separated word is a token.
fn has_token(name: &str, tokens: &[&str]) -> bool {
    if name.is_ascii() {
        return name.split('_').any(|w| tokens.iter().any(|t| w.eq_ignore_ascii_case(t)));
    }
    name.split('_').any(|w| tokens.iter().any(|t| word_is(w, t)))
}

pub(crate) fn looks_secret(name: &str) -> bool {
    has_token(name, &DENY) && !has_token(name, &ALLOW)
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for d in &cx.model.defs {
        if d.stage.is_none() || !looks_secret(&d.name) {
            continue;
        }
        let name = if d.kind == DefKind::Arg { "ARG" } else { "ENV" };
        let key = super::util::go_quote(&d.name);
        out.report(d.range.clone(), format!("Do not use ARG or ENV instructions for sensitive data ({name} {key})"));
    }
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn token_words() {
        for yes in ["API_KEY", "apikey", "GITHUB_TOKEN", "db_password", "AUTH", "secret_MESSAGE", "x_Credentials"] {
            assert!(looks_secret(yes), "{yes}");
        }
        for no in ["KEYS", "MONKEY", "PUBLIC_KEY", "KEY_FILE", "TOKEN_VERSION", "PATH", "AUTHOR", ""] {
            assert!(!looks_secret(no), "{no}");
        }
        assert!(looks_secret("\u{212a}EY"), "Kelvin sign folds to k as in Go");
    }
}
