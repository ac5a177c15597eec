//! `invalid-definition-description`: the comment above an ARG or named FROM does not
//! start with the name it describes.

use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Sink};
use crate::syntax::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "invalid-definition-description",
        aliases: &[Alias::all("InvalidDefinitionDescription")],
        group: Group::Buildkit,
        default_severity: None,
        summary: "A comment right above ARG or a named FROM does not start with the name (experimental, off).",
        docs: "\
**Why**: `docker build --call=outline` and `--call=targets` show the comment directly \
above an ARG or a named stage as its description when it starts with the name \
(`# VERSION the release to build`). A comment there that does not is probably not meant \
as a description, or names the wrong thing.\n\n\
**Example**: `# pinned for reproducibility` / `ARG VERSION=1.2`\n\n\
**Fix**: start the comment with the name, or separate it with a line holding only `#`. \
This is an experimental BuildKit check, off by default; turn it on with \
`rules.invalid-definition-description`.",
    },
    check,
    scope: crate::rules::Scope::Document,
};

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    for (_, inst) in cx.instructions() {
        // BuildKit reads the last line of the comment block right above (a line with
        // only `#` ends a block).
        let Some(comment) = inst.inst.comments.last().filter(|c| c.attached) else { continue };
        let keys: Vec<String> = match inst.kind() {
            Keyword::Arg => inst.key_values().into_iter().map(|kv| kv.key.into_owned()).collect(),
            Keyword::From => match inst.inst.words.get(2) {
                Some(w) if inst.inst.words.len() == 3 => vec![inst.text(w.span).to_lowercase()],
                _ => continue,
            },
            _ => continue,
        };
        if keys.is_empty() {
            continue;
        }
        let text = inst.src(comment.span);
        let body = text.strip_prefix('#').unwrap_or(text).trim();
        let first = body.split(' ').next().unwrap_or("");
        if keys.iter().any(|k| k == first) {
            continue;
        }
        let (what, example) = if inst.kind() == Keyword::Arg { ("ARG", keys.len()) } else { ("FROM", 1) };
        let name = if example > 1 { "<arg_key>" } else { keys[0].as_str() };
        out.report(
            inst.range(comment.span),
            format!("Comment for {what} should follow the format: `# {name} <description>`"),
        );
    }
}
