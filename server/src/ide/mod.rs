//! Editor features as plain functions over a document: they take the text, its syntax
//! tree and model, and return plain structs with byte ranges. `lsp/` converts them.

pub mod completion;
pub mod docs;
pub mod folding;
pub mod format;
pub mod hover;
pub mod inlay;
pub mod links;
pub mod navigation;
pub mod selection;
pub mod semantic_tokens;
pub mod signature;
pub mod symbols;

use crate::model::{BuildArgs, Model};
use crate::syntax::{InstRef, SyntaxTree};

/// A document with everything features need.
pub struct Doc<'a> {
    pub text: &'a str,
    pub tree: &'a SyntaxTree,
    pub model: &'a Model,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, tree: &'a SyntaxTree, model: &'a Model) -> Doc<'a> {
        Doc { text, tree, model }
    }

    pub fn inst(&self, node: usize) -> InstRef<'a> {
        self.tree.nodes[node].view(self.text)
    }

    /// The node whose instruction text (keyword to end of its heredocs) contains
    /// `offset`, ignoring the comment lines above it.
    pub fn node_at(&self, offset: usize) -> Option<usize> {
        let i = self.tree.node_index_at(offset)?;
        let node = &self.tree.nodes[i];
        (offset >= node.offset + node.inst.span.start as usize).then_some(i)
    }
}

/// Builds the model and runs `f` on a document; for tests and one-off callers.
pub fn with_doc<R>(text: &str, f: impl FnOnce(&Doc<'_>) -> R) -> R {
    let tree = crate::syntax::parse(text);
    let model = Model::new(text, &tree, &BuildArgs::new());
    f(&Doc::new(text, &tree, &model))
}
