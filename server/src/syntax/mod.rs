//! Error-tolerant Dockerfile parser that follows BuildKit's grammar.
//!
//! [`parse`] turns any `&str` into a [`SyntaxTree`]: the parser directives in the header,
//! one [`Node`] per instruction (with the comment and blank lines above it) and the
//! comments after the last one. Nothing here fails or panics: problems are
//! [`SyntaxError`]s stored next to the instruction they belong to, so one half-typed
//! line never hides the rest of the file.
//!
//! Ranges inside an instruction are [`Span`]s relative to the node's offset (see
//! [`span`]); [`InstRef`] pairs an instruction with its text and offset and hands out
//! absolute ranges and text.

mod dump;
mod error;
mod exec;
pub mod image_ref;
mod incremental;
mod instruction;
mod lexer;
mod span;
mod validate;
mod var_refs;
pub mod vars;
pub mod views;
mod words;

use std::sync::Arc;

pub use error::{ErrorKind, SyntaxError, levenshtein, suggest};
pub use exec::{ExecElement, ExecForm};
pub use incremental::TextEdit;
pub use instruction::{Comment, Flag, Heredoc, InstRef, Instruction, Keyword, Piece, Word};
pub use span::{Span, TextRange};
pub use validate::flag_names;
pub use var_refs::{UseContext, VarRef};
pub(crate) use words::is_ascii_blank;

/// The longest physical line BuildKit accepts, in bytes (without the line break).
pub const MAX_LINE_LEN: usize = 65535;

/// A parsed Dockerfile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyntaxTree {
    pub header: Header,
    pub nodes: Vec<Node>,
    /// Comment lines after the last instruction (absolute ranges).
    pub trailing_comments: Vec<TextRange>,
    /// Errors in the directive header (absolute ranges).
    pub header_errors: Vec<FileError>,
    /// Errors in the lines after the last instruction (absolute ranges).
    pub trailing_errors: Vec<FileError>,
    /// Length of the text this tree was parsed from.
    pub len: usize,
}

/// An error with an absolute range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub range: TextRange,
    pub kind: ErrorKind,
    pub message: String,
}

/// The parser directives at the top of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Whether the text starts with a UTF-8 byte order mark (skipped, as BuildKit does).
    pub bom: bool,
    pub directives: Vec<Directive>,
    /// The escape character: `\` unless `# escape=` says otherwise.
    pub escape: u8,
    /// Where the directive header ends (absolute); the first node starts here.
    pub end: usize,
}

impl Default for Header {
    fn default() -> Header {
        Header { bom: false, directives: Vec::new(), escape: b'\\', end: 0 }
    }
}

/// Which parser directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Syntax,
    Escape,
    Check,
}

impl DirectiveKind {
    pub fn name(self) -> &'static str {
        match self {
            DirectiveKind::Syntax => "syntax",
            DirectiveKind::Escape => "escape",
            DirectiveKind::Check => "check",
        }
    }
}

/// `# key=value` at the top of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The whole line without its line break.
    pub range: TextRange,
    pub key: TextRange,
    pub value: TextRange,
}

/// One instruction and the trivia above it, at an absolute offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Absolute offset of the node's region (its leading trivia comes first).
    pub offset: usize,
    /// The instruction's keyword (`inst.kind`), kept beside the offset so that a pass
    /// looking for some kinds of instruction reads the node list, not every instruction.
    pub kind: Keyword,
    pub inst: Arc<Instruction>,
}

impl Node {
    /// Absolute end of the node's region (after its last line break).
    pub fn end(&self) -> usize {
        self.offset + self.inst.len as usize
    }

    pub fn view<'a>(&'a self, text: &'a str) -> InstRef<'a> {
        InstRef { text, offset: self.offset, inst: &self.inst }
    }
}

impl SyntaxTree {
    /// All instructions with their text.
    pub fn instructions<'a>(&'a self, text: &'a str) -> impl Iterator<Item = InstRef<'a>> + 'a {
        self.nodes.iter().map(move |n| n.view(text))
    }

    /// The node whose region contains `offset` (the last one whose region starts at or
    /// before it), if any.
    pub fn node_at(&self, offset: usize) -> Option<&Node> {
        let idx = self.nodes.partition_point(|n| n.offset <= offset);
        let node = self.nodes.get(idx.checked_sub(1)?)?;
        (offset <= node.end()).then_some(node)
    }

    /// Index of the node whose region contains `offset`.
    pub fn node_index_at(&self, offset: usize) -> Option<usize> {
        let idx = self.nodes.partition_point(|n| n.offset <= offset);
        let i = idx.checked_sub(1)?;
        (offset <= self.nodes[i].end()).then_some(i)
    }

    /// Every syntax error with an absolute range, in document order.
    pub fn errors(&self) -> Vec<FileError> {
        let mut out = self.header_errors.clone();
        out.extend(self.trailing_errors.iter().cloned());
        if self.nodes.is_empty() {
            out.push(FileError {
                range: 0..0,
                kind: ErrorKind::EmptyFile,
                message: "file with no instructions".into(),
            });
        }
        for node in &self.nodes {
            node.inst.for_each_error(&mut |e| {
                out.push(FileError { range: e.span.abs(node.offset), kind: e.kind, message: e.message.clone() })
            });
        }
        out.sort_by_key(|e| (e.range.start, e.range.end));
        out
    }

    pub fn escape(&self) -> u8 {
        self.header.escape
    }

    pub fn directive(&self, kind: DirectiveKind) -> Option<&Directive> {
        self.header.directives.iter().find(|d| d.kind == kind)
    }
}

/// How many nodes at the start and at the end of `tree` are the very instructions of
/// an earlier revision (`old`: each node's instruction and offset, and that text's
/// length) at the same place: unmoved at the start, the same distance from the end at
/// the end. The incremental parser keeps the instructions an edit does not touch, so
/// what lies between is what the edit changed.
pub fn unchanged_ends<'a>(
    old: impl DoubleEndedIterator<Item = (&'a Arc<Instruction>, usize)> + ExactSizeIterator + Clone,
    old_len: usize,
    tree: &SyntaxTree,
) -> (usize, usize) {
    let n = old.len();
    let head = old
        .clone()
        .zip(&tree.nodes)
        .take_while(|((i, off), node)| Arc::ptr_eq(i, &node.inst) && *off == node.offset)
        .count();
    let room = n.min(tree.nodes.len()) - head;
    let tail = old
        .rev()
        .zip(tree.nodes.iter().rev())
        .take(room)
        .take_while(|((i, off), node)| {
            Arc::ptr_eq(i, &node.inst) && old_len.checked_sub(*off) == tree.len.checked_sub(node.offset)
        })
        .count();
    (head, tail)
}

/// Parses a whole Dockerfile.
// Never inlined: one call per parse costs nothing, and profilers (the README's
// callgrind commands) find the parse under this name.
#[inline(never)]
pub fn parse(text: &str) -> SyntaxTree {
    lexer::parse_full(text)
}
#[cfg(test)]
mod tests;
