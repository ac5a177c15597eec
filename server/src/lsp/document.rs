//! The open documents: text, rope, syntax tree and version per URI.
//!
//! Updates happen synchronously under one lock, inside the notification handler, so
//! concurrent handlers never see (or interleave with) a half-applied change. Readers
//! take a [`Snapshot`], which shares the text and tree copy-on-write and can be used
//! off the async threads while later edits go on.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, TextDocumentContentChangeEvent, Uri};

use super::position::{self, LineIndex, PositionEncoding};
use crate::config::Settings;
use crate::model::{BuildArgs, Model};
use crate::syntax::{self, SyntaxTree, TextEdit};

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The client's version.
    pub version: i32,
    /// Ours: unique across the session and bumped on every change, so that results
    /// computed for an older state (even one with the same client version, after a
    /// close and reopen) are recognised as stale.
    pub revision: u64,
    /// The same text as `text`, for position conversion.
    pub rope: Rope,
    pub text: Arc<String>,
    pub tree: Arc<SyntaxTree>,
    /// The model of this revision, built by the first request that needs it.
    pub model: Arc<ModelCell>,
    /// Line starts of this revision, for converting many offsets at once.
    pub lines: Arc<OnceLock<LineIndex>>,
    /// The last check's findings, shared by every revision of the document: a check
    /// after an edit keeps what it can of them (see [`crate::rules::run_checked`]).
    pub checked: Arc<Mutex<crate::rules::Checked>>,
}

/// The semantic model of one revision, built once (it is O(n)) and shared by every
/// request about that revision. A new cell comes with every change; it holds on to the
/// last model built before it until its own is built, which then takes it apart when
/// nobody else holds it (see [`Model::after_taking`]). Either way the instructions the
/// edits did not touch keep their variable scans (see [`Model::new`]).
#[derive(Debug, Default)]
pub struct ModelCell {
    built: OnceLock<(BuildArgs, Arc<Model>)>,
    previous: Mutex<Option<Arc<Model>>>,
}

impl ModelCell {
    /// The cell for the revision after the one `self` belongs to.
    pub fn next(&self) -> ModelCell {
        ModelCell { built: OnceLock::new(), previous: Mutex::new(self.latest()) }
    }

    /// The model of this revision if built, else the latest one before it.
    fn latest(&self) -> Option<Arc<Model>> {
        match self.built.get() {
            Some((_, model)) => Some(model.clone()),
            None => self.previous.lock().unwrap_or_else(PoisonError::into_inner).clone(),
        }
    }

    /// The model for `build_args`: the cached one when it was built with the same
    /// arguments (the usual case), else a fresh one that is not kept.
    pub fn get(&self, text: &str, tree: &SyntaxTree, build_args: &BuildArgs) -> Arc<Model> {
        let (args, model) = self.built.get_or_init(|| {
            // Taken out: once this revision has its model, the old one is not needed.
            let previous = self.previous.lock().unwrap_or_else(PoisonError::into_inner).take();
            let model = match previous {
                // Nobody else holds the old model (the usual case): take it apart.
                Some(mut old) => match Arc::get_mut(&mut old) {
                    Some(old) => Model::after_taking(text, tree, build_args, old),
                    None => Model::new(text, tree, build_args),
                },
                None => Model::new(text, tree, build_args),
            };
            (build_args.clone(), Arc::new(model))
        });
        if args == build_args { model.clone() } else { Arc::new(Model::new(text, tree, build_args)) }
    }
}

/// How a batch of content changes went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeReport {
    /// Changes whose range had to be clamped (out of range, reversed, inside a
    /// character); they were applied clamped and the tree was re-parsed in full.
    pub clamped: usize,
    /// Whether a panic while applying forced a full resync.
    pub recovered_from_panic: bool,
}

static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        let tree = parse_guarded(&text);
        Document {
            version,
            revision: next_revision(),
            rope: Rope::from_str(&text),
            text: Arc::new(text),
            tree,
            model: Arc::default(),
            lines: Arc::default(),
            checked: Arc::default(),
        }
    }

    /// Applies the changes of one `didChange` in order and sets the new version.
    /// Never panics: a panic while applying resyncs rope and tree from the text.
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        enc: PositionEncoding,
    ) -> ChangeReport {
        let mut report = ChangeReport::default();
        let result = catch_unwind(AssertUnwindSafe(|| {
            for change in changes {
                if !self.apply_change(change, enc) {
                    report.clamped += 1;
                }
            }
        }));
        if let Err(panic) = result {
            tracing::error!("panic while applying an edit, re-parsing the document: {}", super::panic_message(&*panic));
            self.resync();
            report.recovered_from_panic = true;
        }
        self.version = version;
        self.revision = next_revision();
        self.model = Arc::new(self.model.next());
        self.lines = Arc::default();
        report
    }

    /// Applies one change; returns `false` when its range had to be clamped.
    fn apply_change(&mut self, change: &TextDocumentContentChangeEvent, enc: PositionEncoding) -> bool {
        let Some(range) = change.range else {
            self.text = Arc::new(change.text.clone());
            self.rope = Rope::from_str(&self.text);
            self.tree = parse_guarded(&self.text);
            return true;
        };
        let (bytes, exact) = position::resolve_range(&self.rope, enc, range);
        if !exact {
            tracing::warn!(
                "edit range {}:{}-{}:{} does not fit the document ({} lines); applying it clamped to bytes {:?}",
                range.start.line,
                range.start.character,
                range.end.line,
                range.end.character,
                self.rope.len_lines(),
                bytes
            );
        }
        let start_char = self.rope.byte_to_char(bytes.start);
        let end_char = self.rope.byte_to_char(bytes.end);
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, &change.text);
        Arc::make_mut(&mut self.text).replace_range(bytes.clone(), &change.text);
        if exact {
            let edit = TextEdit { start: bytes.start, old_end: bytes.end, new_len: change.text.len() };
            Arc::make_mut(&mut self.tree).apply_edit(&self.text, edit);
        } else {
            // The client and we disagree about the text; the best we can do is to
            // trust our text and parse it afresh.
            self.tree = parse_guarded(&self.text);
        }
        exact
    }

    /// Rebuilds rope and tree from the text.
    fn resync(&mut self) {
        self.rope = Rope::from_str(&self.text);
        self.tree = parse_guarded(&self.text);
    }
}

/// Parses, turning a parser panic into an empty tree (and a log line) so that one bad
/// document cannot take the server down.
fn parse_guarded(text: &str) -> Arc<SyntaxTree> {
    match catch_unwind(|| syntax::parse(text)) {
        Ok(tree) => Arc::new(tree),
        Err(panic) => {
            tracing::error!("parser panicked: {}", super::panic_message(&*panic));
            Arc::new(SyntaxTree { len: text.len(), ..SyntaxTree::default() })
        }
    }
}

/// A consistent, cheap-to-clone view of one document, with what is needed to answer
/// a request about it.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub revision: u64,
    pub rope: Rope,
    pub text: Arc<String>,
    pub tree: Arc<SyntaxTree>,
    pub encoding: PositionEncoding,
    pub settings: Arc<Settings>,
    pub model_cell: Arc<ModelCell>,
    pub lines: Arc<OnceLock<LineIndex>>,
    pub checked: Arc<Mutex<crate::rules::Checked>>,
}

impl Snapshot {
    /// The semantic model, built with the `registry.buildArgs` in effect.
    pub fn model(&self) -> Arc<Model> {
        self.model_cell.get(&self.text, &self.tree, &self.build_args())
    }

    /// `registry.buildArgs` as the model takes them.
    pub fn build_args(&self) -> BuildArgs {
        self.settings.registry.build_args.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// The line starts of this revision (built once, on first use).
    pub fn line_index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The client position of a byte offset.
    pub fn position(&self, offset: usize) -> lsp::Position {
        self.line_index().position(&self.text, self.encoding, offset)
    }

    /// The client range of a byte range.
    pub fn range(&self, range: std::ops::Range<usize>) -> lsp::Range {
        self.line_index().range(&self.text, self.encoding, range)
    }

    /// The byte offset of a client position (clamped).
    pub fn offset(&self, pos: lsp::Position) -> usize {
        position::offset(&self.rope, self.encoding, pos)
    }
}

/// All open documents.
#[derive(Debug, Default)]
pub struct DocumentStore {
    docs: Mutex<HashMap<Uri, Document>>,
}

impl DocumentStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        self.docs.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Opens (or reopens, replacing) a document.
    pub fn open(&self, uri: Uri, text: String, version: i32) {
        let doc = Document::new(text, version);
        self.lock().insert(uri, doc);
    }

    /// Applies a `didChange`; `None` when the document is not open.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: PositionEncoding,
    ) -> Option<ChangeReport> {
        let mut docs = self.lock();
        let doc = docs.get_mut(uri)?;
        if version <= doc.version {
            tracing::debug!("version {version} of {} is not newer than {}", uri.as_str(), doc.version);
        }
        Some(doc.apply_changes(changes, version, enc))
    }

    /// Forgets a document; `false` when it was not open.
    pub fn close(&self, uri: &Uri) -> bool {
        self.lock().remove(uri).is_some()
    }

    pub fn snapshot(&self, uri: &Uri, encoding: PositionEncoding, settings: Arc<Settings>) -> Option<Snapshot> {
        let docs = self.lock();
        let doc = docs.get(uri)?;
        Some(Snapshot {
            uri: uri.clone(),
            version: doc.version,
            revision: doc.revision,
            rope: doc.rope.clone(),
            text: doc.text.clone(),
            tree: doc.tree.clone(),
            encoding,
            settings,
            model_cell: doc.model.clone(),
            lines: doc.lines.clone(),
            checked: doc.checked.clone(),
        })
    }

    /// The current revision of a document, if open.
    pub fn revision(&self, uri: &Uri) -> Option<u64> {
        self.lock().get(uri).map(|d| d.revision)
    }

    /// The URIs of all open documents.
    pub fn uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }

    /// The text of a document, if open.
    pub fn text(&self, uri: &Uri) -> Option<Arc<String>> {
        self.lock().get(uri).map(|d| d.text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::{Utf8, Utf16};

    fn change(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|((l1, c1), (l2, c2))| lsp::Range::new(lsp::Position::new(l1, c1), lsp::Position::new(l2, c2))),
            range_length: None,
            text: text.to_string(),
        }
    }

    /// Text, rope and tree agree, and the tree is what a full parse gives.
    fn assert_consistent(doc: &Document) {
        assert_eq!(doc.rope.to_string(), *doc.text);
        assert_eq!(*doc.tree, syntax::parse(&doc.text), "incremental tree differs from a full parse");
    }

    #[test]
    fn incremental_edits_in_both_encodings() {
        let start = "# 🐳\nFROM alpine\nRUN echo ß\n";
        // `ß` is one UTF-16 unit and two UTF-8 bytes.
        for (enc, sharp_s_len) in [(Utf16, 1), (Utf8, 2)] {
            let mut doc = Document::new(start.to_string(), 1);
            // Replace `ß` (after `echo ` on line 2) by `hi`, then insert a line.
            let edits = [change(Some(((2, 9), (2, 9 + sharp_s_len))), "hi"), change(Some(((1, 0), (1, 0))), "ARG V\n")];
            let report = doc.apply_changes(&edits, 2, enc);
            assert_eq!(report, ChangeReport::default());
            assert_eq!(*doc.text, "# 🐳\nARG V\nFROM alpine\nRUN echo hi\n");
            assert_eq!(doc.version, 2);
            assert_consistent(&doc);
        }
    }

    #[test]
    fn a_full_change_replaces_everything() {
        let mut doc = Document::new("FROM a\n".to_string(), 1);
        let before = doc.revision;
        doc.apply_changes(&[change(None, "FROM b\r\nRUN x")], 5, Utf16);
        assert_eq!(*doc.text, "FROM b\r\nRUN x");
        assert_eq!(doc.version, 5);
        assert!(doc.revision > before);
        assert_consistent(&doc);
    }

    #[test]
    fn edits_across_crlf_and_lone_cr_lines() {
        let mut doc = Document::new("FROM a\r\nRUN x\rRUN y\n".to_string(), 1);
        // Line 2 is `RUN y` (the lone \r ended line 1 for LSP).
        doc.apply_changes(&[change(Some(((2, 4), (2, 5))), "z")], 2, Utf16);
        assert_eq!(*doc.text, "FROM a\r\nRUN x\rRUN z\n");
        // Join line 0 and 1 by deleting the CRLF.
        doc.apply_changes(&[change(Some(((0, 6), (1, 0))), " ")], 3, Utf16);
        assert_eq!(*doc.text, "FROM a RUN x\rRUN z\n");
        assert_consistent(&doc);
    }

    #[test]
    fn out_of_range_edits_are_clamped_and_reparsed() {
        let mut doc = Document::new("FROM a\nRUN b\n".to_string(), 1);
        let report = doc.apply_changes(&[change(Some(((40, 0), (41, 3))), "CMD c\n")], 2, Utf16);
        assert_eq!(report.clamped, 1);
        assert_eq!(*doc.text, "FROM a\nRUN b\nCMD c\n", "a line past the end appends");
        let report = doc.apply_changes(&[change(Some(((1, 99), (0, 2))), "")], 3, Utf8);
        assert_eq!(report.clamped, 1);
        assert_eq!(*doc.text, "FR\nCMD c\n", "a reversed range is applied in order");
        // Inside the whale's surrogate pair: both ends snap to its start, nothing removed.
        let mut doc = Document::new("#🐳\n".to_string(), 1);
        let report = doc.apply_changes(&[change(Some(((0, 2), (0, 2))), "x")], 2, Utf16);
        assert_eq!(report.clamped, 1);
        assert_eq!(*doc.text, "#x🐳\n");
        assert_consistent(&doc);
    }

    #[test]
    fn the_model_is_built_once_per_revision_and_build_args() {
        let store = DocumentStore::default();
        let uri: Uri = "file:///x/Dockerfile".parse().unwrap_or_else(|e| panic!("{e}"));
        store.open(uri.clone(), "ARG V\nFROM a:$V\n".to_string(), 1);
        let snap = store.snapshot(&uri, Utf16, Arc::default()).unwrap_or_else(|| panic!("open"));
        let again = store.snapshot(&uri, Utf16, Arc::default()).unwrap_or_else(|| panic!("open"));
        assert!(Arc::ptr_eq(&snap.model(), &again.model()), "shared between snapshots of one revision");
        let mut settings = Settings::default();
        settings.registry.build_args.insert("V".into(), "1".into());
        let with_args = store.snapshot(&uri, Utf16, Arc::new(settings)).unwrap_or_else(|| panic!("open"));
        assert_eq!(with_args.model().stages[0].image.as_deref(), Some("a:1"), "other build args, other model");
        assert!(Arc::ptr_eq(&snap.model(), &again.model()));
        store.change(&uri, 2, &[change(Some(((1, 5), (1, 6))), "b")], Utf16);
        let after = store.snapshot(&uri, Utf16, Arc::default()).unwrap_or_else(|| panic!("open"));
        assert!(!Arc::ptr_eq(&snap.model(), &after.model()), "a change brings a new model");
        assert_eq!(after.model().stages[0].image_text, "b:$V");
    }

    #[test]
    fn each_revision_model_builds_on_the_last_one_built() {
        let store = DocumentStore::default();
        let uri: Uri = "file:///x/Dockerfile".parse().unwrap_or_else(|e| panic!("{e}"));
        let text = "ARG V=1\nFROM a:$V\nARG V\nRUN echo $V\nENV P=$V\n";
        store.open(uri.clone(), text.to_string(), 1);
        let model = |v: i32| {
            let snap = store.snapshot(&uri, Utf16, Arc::default()).unwrap_or_else(|| panic!("open"));
            assert_eq!(snap.version, v);
            let fresh = Model::new(&snap.text, &snap.tree, &BuildArgs::new());
            let built = snap.model();
            assert_eq!((&built.uses, &built.defs, &built.stages), (&fresh.uses, &fresh.defs, &fresh.stages));
            built
        };
        model(1);
        // Two revisions without a model in between, then one with: the model of
        // revision 3 starts from revision 1's. Removing the stage's `ARG V` leaves the
        // RUN and ENV untouched but changes what their `$V` means.
        store.change(&uri, 2, &[change(Some(((3, 11), (3, 11))), " x")], Utf16);
        store.change(&uri, 3, &[change(Some(((2, 0), (3, 0))), "")], Utf16);
        let m = model(3);
        assert_eq!(m.uses.iter().filter(|u| u.node > 1 && u.def.is_none()).count(), 2, "{:?}", m.uses);
        store.change(&uri, 4, &[change(Some(((2, 0), (2, 0))), "ARG V\n")], Utf16);
        let m = model(4);
        assert_eq!(m.uses.iter().filter(|u| u.def.is_some()).count(), 3, "{:?}", m.uses);
    }

    #[test]
    fn store_snapshots_do_not_see_later_edits() {
        let store = DocumentStore::default();
        let uri: Uri = "file:///x/Dockerfile".parse().unwrap_or_else(|e| panic!("{e}"));
        store.open(uri.clone(), "FROM a\n".to_string(), 1);
        let snap = store.snapshot(&uri, Utf16, Arc::default()).unwrap_or_else(|| panic!("open"));
        store.change(&uri, 2, &[change(Some(((0, 5), (0, 6))), "b")], Utf16);
        assert_eq!(*snap.text, "FROM a\n");
        assert_eq!(store.text(&uri).as_deref().map(String::as_str), Some("FROM b\n"));
        assert_ne!(store.revision(&uri), Some(snap.revision));
        assert!(store.close(&uri));
        assert!(store.change(&uri, 3, &[], Utf16).is_none());
        assert!(!store.close(&uri));
    }
}
