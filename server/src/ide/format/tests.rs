use expect_test::expect;
use proptest::prelude::*;

use super::*;
use crate::ide::with_doc;
use crate::syntax::parse;

fn fmt(text: &str, opts: FormatOptions) -> String {
    let edits = with_doc(text, |d| format(d, opts, None));
    apply(text, &edits)
}

#[test]
fn normalises_keywords_spacing_and_trailing_blanks() {
    let text = "  from   python:3.12 as build  \nrun    --mount=type=cache,target=/c   --network=none    pip install x   \nonbuild   run   echo hi\n\n\n";
    expect![[r#"
        FROM python:3.12 AS build
        RUN --mount=type=cache,target=/c --network=none pip install x
        ONBUILD RUN echo hi
    "#]]
    .assert_eq(&fmt(text, FormatOptions::default()));
}

#[test]
fn continuation_indent_respects_quotes_and_words() {
    let text = "RUN apt-get update && \\\n        apt-get install -y curl \\\n  # a comment\n  && echo \"a \\\n   b\" \\\n  && echo hel\\\nlo\n";
    let opts = FormatOptions { continuation_indent: Some(4), ..FormatOptions::default() };
    expect![[r#"
        RUN apt-get update && \
            apt-get install -y curl \
            # a comment
            && echo "a \
           b" \
            && echo hel\
        lo
    "#]]
    .assert_eq(&fmt(text, opts));
    assert_eq!(fmt(text, FormatOptions::default()), text, "keep is the default");
}

#[test]
fn heredocs_and_exec_form_untouched() {
    let text = "run <<-EOF   \n\t  body with trailing   \n\tEOF\ncmd [ \"a\",   \"b\" ]\n";
    expect![[r#"
        RUN <<-EOF
        	  body with trailing   
        	EOF
        CMD [ "a",   "b" ]
    "#]]
    .assert_eq(&fmt(text, FormatOptions::default()));
}

#[test]
fn lowercase_option_keeps_case() {
    let text = "from a as b\n";
    let opts = FormatOptions { uppercase_keywords: false, ..FormatOptions::default() };
    assert_eq!(fmt(text, opts), "from a as b\n");
}

#[test]
fn range_formatting_touches_only_that_instruction() {
    let text = "from a\nrun  x\ncmd  y\n";
    let at = text.find("run").unwrap_or(0);
    let edits = with_doc(text, |d| format(d, FormatOptions::default(), Some(at..at + 3)));
    assert_eq!(apply(text, &edits), "from a\nRUN x\ncmd  y\n");
}

#[test]
fn on_type_indents_continuations() {
    let text = "RUN a \\\n";
    let e = with_doc(text, |d| on_type_newline(d, text.len(), FormatOptions::default()));
    assert_eq!(e, Some((text.len()..text.len(), "    ".into())));
    let text = "RUN a \\\n  && b \\\n";
    let e = with_doc(text, |d| on_type_newline(d, text.len(), FormatOptions::default()));
    assert_eq!(e.map(|x| x.1), Some("  ".into()), "keeps the user's indentation");
    let text = "RUN a\n";
    assert_eq!(with_doc(text, |d| on_type_newline(d, text.len(), FormatOptions::default())), None);
}

/// What BuildKit sees: kinds, flags, arguments up to blanks between words, heredocs.
fn semantics(text: &str) -> Vec<String> {
    let tree = parse(text);
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    tree.instructions(text)
        .map(|outer| {
            let i = outer.trigger().unwrap_or(outer);
            let flags: Vec<String> = i.inst.flags.iter().map(|f| i.text(f.span).to_string()).collect();
            let heredocs: Vec<String> =
                i.inst.effective().heredocs.iter().map(|h| format!("{}={}", h.name, i.src(h.body))).collect();
            let exec = i.inst.exec.as_ref().map(|e| e.strings().collect::<Vec<_>>().join("\u{1}"));
            // `AS` is a keyword: its case is the formatter's to change.
            let mut args = norm(&i.text(i.inst.args));
            if i.kind() == crate::syntax::Keyword::From {
                args = args.to_ascii_lowercase();
            }
            format!("{:?}/{:?}|{}|{}|{:?}|{}", outer.kind(), i.kind(), flags.join(","), args, exec, heredocs.join(";"))
        })
        .collect()
}

const PARTS: &[&str] = &[
    "from python:3.12   as   build\n",
    "  RUN   apt-get update && \\\n      apt-get install -y x   \n",
    "RUN echo \"a \\\n   b\"\n",
    "RUN echo hel\\\nlo\n",
    "run <<-EOF  \n\tx  \n\tEOF\n",
    "COPY  --from=build   --chown=a:b  /a /b\n",
    "# comment   \n",
    "\n   \n",
    "ENV A=\"x  y\"   B=2  \n",
    "CMD [\"a\",  \"b\"]\n",
    "onbuild   run   x\n",
    "RUN a \\\n# c \\\n   b\n",
    "HEALTHCHECK   --interval=5s   CMD   true\n",
    "RUN a \\\n\n  b\n",
    "LABEL a=b \\\n      c=d\n",
];

proptest! {
    #[test]
    fn formatting_keeps_meaning_and_is_idempotent(
        parts in prop::collection::vec(prop::sample::select(PARTS), 1..10),
        indent in prop::option::of(0usize..6),
        upper in any::<bool>(),
    ) {
        let text = parts.concat();
        let opts = FormatOptions { uppercase_keywords: upper, continuation_indent: indent };
        let once = fmt(&text, opts);
        prop_assert_eq!(semantics(&once), semantics(&text), "formatted:\n{}", once);
        let twice = fmt(&once, opts);
        prop_assert_eq!(&twice, &once, "not idempotent");
        prop_assert_eq!(parse(&once).errors().len(), parse(&text).errors().len());
    }
}
