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
