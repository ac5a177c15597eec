//! Re-parsing only what an edit touched.
//!
//! A node's parse depends only on its own region's text and the escape character, so
//! after an edit we re-parse from the node that contains it until a new node ends
//! exactly where an old, untouched node began (shifted by the edit's length change),
//! then splice. Edits in the directive header or above the first instruction re-parse
//! the whole file, since they can change the escape character or create directives.

use super::lexer::{NodeOrTrailing, parse_node};
use super::{Node, SyntaxTree};

/// One replacement, in the coordinates of the text before the edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub start: usize,
    pub old_end: usize,
    pub new_len: usize,
}

impl TextEdit {
    fn delta(&self) -> isize {
        self.new_len as isize - (self.old_end - self.start) as isize
    }
}

fn shift(x: usize, delta: isize) -> usize {
    x.saturating_add_signed(delta)
}

impl SyntaxTree {
    /// Updates the tree for `edit`; `new_text` is the whole text after the edit.
    /// Afterwards the tree equals `parse(new_text)`.
    pub fn apply_edit(&mut self, new_text: &str, edit: TextEdit) {
        let first_keyword = self.nodes.first().map(|n| n.offset + n.inst.keyword.start as usize);
        let edit_in_header = edit.start <= self.header.end || first_keyword.is_none_or(|k| edit.start <= k);
        if edit_in_header || edit.old_end > self.len || edit.start > edit.old_end {
            *self = super::parse(new_text);
            return;
        }
        let delta = edit.delta();
        // The first node that can be affected: the one containing the edit start,
        // or the one before when the edit starts exactly at a node boundary.
        let mut i = self.nodes.partition_point(|n| n.offset < edit.start);
        i = i.saturating_sub(1);
        let mut pos = self.nodes[i].offset;
        // Old nodes that start at or after the edit's end are untouched; we are in step
        // once a new node ends where one of them starts (shifted).
        let mut j = self.nodes.partition_point(|n| n.offset < edit.old_end.max(pos + 1));
        let mut fresh: Vec<Node> = Vec::new();
        let escape = self.header.escape;
        loop {
            while j < self.nodes.len() && shift(self.nodes[j].offset, delta) < pos {
                j += 1;
            }
            if j < self.nodes.len() && shift(self.nodes[j].offset, delta) == pos && !fresh.is_empty() {
                break;
            }
            match parse_node(new_text, pos, escape) {
                NodeOrTrailing::Node(node) => {
                    pos = node.end();
                    fresh.push(node);
                }
                NodeOrTrailing::Trailing(t) => {
                    self.trailing_comments = t.comments;
                    self.trailing_errors = t.errors;
                    j = self.nodes.len();
                    break;
                }
            }
        }
        let reached_end = j >= self.nodes.len();
        for n in &mut self.nodes[j..] {
            n.offset = shift(n.offset, delta);
        }
        self.nodes.splice(i..j, fresh);
        if !reached_end {
            for r in &mut self.trailing_comments {
                *r = shift(r.start, delta)..shift(r.end, delta);
            }
            for e in &mut self.trailing_errors {
                e.range = shift(e.range.start, delta)..shift(e.range.end, delta);
            }
        }
        self.len = new_text.len();
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::TextEdit;
    use crate::syntax::parse;

    /// Pieces of real Dockerfiles, including the constructs that make incremental
    /// parsing hard: continuations, comments inside them, heredocs, directives.
    pub(crate) const SNIPPETS: &[&str] = &[
        "FROM python:3.12-slim AS build\n",
        "FROM --platform=$BUILDPLATFORM golang:1.24 AS b\n",
        "FROM \\\n  reg.io:5000/a/b:1@sha256:x as \"q\"\n",
        "RUN apt-get update && \\\n    apt-get install -y curl\n",
        "RUN a \\\n# comment \\\n  && b\n",
        "RUN a \\\n\n  b\n",
        "RUN <<EOF\necho hi\n\nEOF\n",
        "RUN <<-EOT bash\n\techo x\n\tEOT\n",
        "COPY <<A <<\"B\" /dst/\na\nA\nb\nB\n",
        "COPY --from=build /a /b\n",
        "# a comment\n",
        "\n",
        "ENV A=1 B=\"x y\"\n",
        "ENV K=\"a \\\n  b\" L=2\n",
        "COPY --from=b \\\n  a \"c d\" /dst/\n",
        "LABEL legacy value\n",
        "CMD [\"python\", \"app.py\"]\n",
        "ONBUILD RUN <<X\nx\nX\n",
        "HEALTHCHECK --interval=30s CMD curl -f x\n",
        "WORKDIR /app\n",
        "ARG V=1\n",
        "EXPOSE 80/tcp\n",
        "\\\n",
        "RUN echo `\n",
        "USER <<X\n",
        "FORM x\n",
        "  RUN   indented\r\n",
    ];

    /// Text fragments an edit inserts: single characters that change structure and
    /// whole lines.
    const INSERTS: &[&str] = &[
        "",
        "\\",
        "\n",
        "#",
        " ",
        "<<",
        "EOF",
        "EOF\n",
        "\"",
        "'",
        "`",
        "\\\n",
        "R",
        "RUN x\n",
        "\t",
        "\r\n",
        "# escape=`\n",
        "=",
        "[",
        "]",
        "$",
        "{",
        "}",
        "é",
        "🐳",
    ];

    fn document() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(SNIPPETS), 0..12).prop_map(|v| v.concat())
    }

    fn char_floor(s: &str, mut i: usize) -> usize {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn incremental_equals_full_parse(
            doc in document(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..12, prop::sample::select(INSERTS)), 1..8),
        ) {
            let mut text = doc;
            let mut tree = parse(&text);
            for (at, del, ins) in edits {
                let start = char_floor(&text, at.index(text.len() + 1));
                let end = char_floor(&text, start + del).max(start);
                let mut next = String::with_capacity(text.len() + ins.len());
                next.push_str(&text[..start]);
                next.push_str(ins);
                next.push_str(&text[end..]);
                tree.apply_edit(&next, TextEdit { start, old_end: end, new_len: ins.len() });
                text = next;
                let full = parse(&text);
                prop_assert_eq!(&tree, &full, "text: {:?}", text);
                // The views kept in instructions the edit did not touch (worked out
                // in an earlier round, at another offset) equal views worked out
                // afresh, without the cache.
                for kept in tree.instructions(&text) {
                    for k in [Some(kept), kept.trigger()].into_iter().flatten() {
                        prop_assert_eq!(k.key_values(), k.compute_key_values(), "text: {:?}", text);
                        prop_assert_eq!(k.as_copy(), k.compute_copy(), "text: {:?}", text);
                        prop_assert_eq!(k.as_from(), k.compute_from(), "text: {:?}", text);
                    }
                }
            }
        }

        #[test]
        fn any_bytes_parse_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let text = String::from_utf8_lossy(&bytes);
            let tree = parse(&text);
            for e in tree.errors() {
                prop_assert!(e.range.end <= text.len());
                prop_assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
            }
            for i in tree.instructions(&text) {
                let _ = i.as_from();
                let _ = i.key_values();
                let _ = i.as_copy();
                let _ = i.mounts();
                prop_assert!(i.full_range().end <= text.len());
            }
        }

        #[test]
        fn any_snippet_mix_parses_with_sane_ranges(doc in document()) {
            let tree = parse(&doc);
            let mut last = tree.header.end;
            for n in &tree.nodes {
                prop_assert_eq!(n.offset, last, "nodes tile the text");
                last = n.end();
            }
            prop_assert!(last <= doc.len());
        }
    }
}
