//! Completion sources that need files: COPY/ADD source paths from the build context.

use tower_lsp_server::ls_types::{self as lsp, CompletionItem, CompletionItemKind, CompletionTextEdit};

use super::document::Snapshot;
use crate::ide::Doc;
use crate::project::{BuildContext, IgnoreRules};
use crate::syntax::Keyword;

/// Entries offered at most.
const MAX_ITEMS: usize = 500;

/// Where a COPY/ADD source is being typed: the folder part typed so far
/// (context-relative, `""` for the root) and the byte offset where the name part
/// starts. `None` anywhere else (flags, `--from` copies, destinations, variables).
pub fn source_path_at(doc: &Doc<'_>, offset: usize) -> Option<(String, usize)> {
    let node = doc.node_at(offset)?;
    let inst = doc.inst(node);
    if !matches!(inst.kind(), Keyword::Copy | Keyword::Add) || inst.inst.exec.is_some() || inst.flag("from").is_some() {
        return None;
    }
    let keyword_end = inst.range(inst.inst.keyword).end;
    let flags_end = inst.inst.flags.iter().map(|f| inst.range(f.span).end).max().unwrap_or(keyword_end);
    if offset <= flags_end.max(keyword_end) {
        return None;
    }
    let words: Vec<_> = inst.inst.words.iter().map(|w| inst.range(w.span)).collect();
    let (index, start) = match words.iter().position(|w| w.start <= offset && offset <= w.end) {
        Some(i) => (i, words[i].start),
        None => (words.iter().filter(|w| w.end < offset).count(), offset),
    };
    let prefix = doc.text.get(start..offset)?;
    if prefix.contains(['$', '\n', '\\', '"', '\'', ' ', '\t']) || prefix.starts_with("--") || prefix.starts_with("<<")
    {
        return None;
    }
    // A path from the root after the first word is most likely the destination.
    if prefix.starts_with('/') && index > 0 {
        return None;
    }
    let (dir, name_start) = match prefix.rfind('/') {
        Some(i) => (&prefix[..i], start + i + 1),
        None => ("", start),
    };
    let dir = dir.split('/').filter(|s| !s.is_empty() && *s != ".").collect::<Vec<_>>().join("/");
    if dir.split('/').any(|s| s == "..") {
        return None;
    }
    Some((dir, name_start))
}

/// Completion items for the entries of `dir` in the build context: files and
/// folders (with a trailing `/`), hidden ones only once a `.` is typed.
pub fn context_path_items(
    snap: &Snapshot,
    context: Option<&BuildContext>,
    root: &std::path::Path,
    dockerignore: Option<&str>,
    dir: &str,
    name_start: usize,
    offset: usize,
) -> Vec<CompletionItem> {
    let typed = snap.text.get(name_start..offset).unwrap_or("");
    let entries: Vec<(String, bool)> = match context {
        Some(c) => c.children(dir),
        None => {
            let rules = dockerignore.map(IgnoreRules::parse);
            let rel = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
            read_dir(&root.join(dir))
                .into_iter()
                .filter(|(name, is_dir)| !rules.as_ref().is_some_and(|r| r.is_ignored(&rel(name), *is_dir)))
                .collect()
        }
    };
    let range = snap.range(name_start..offset);
    let mut items: Vec<CompletionItem> = entries
        .into_iter()
        .filter(|(name, _)| typed.starts_with('.') || !name.starts_with('.'))
        .take(MAX_ITEMS)
        .map(|(name, is_dir)| {
            let label = if is_dir { format!("{name}/") } else { name };
            CompletionItem {
                label: label.clone(),
                kind: Some(if is_dir { CompletionItemKind::FOLDER } else { CompletionItemKind::FILE }),
                detail: Some(
                    if is_dir { "folder in the build context" } else { "file in the build context" }.to_string(),
                ),
                sort_text: Some(format!("{}{label}", if is_dir { 0 } else { 1 })),
                filter_text: Some(label.clone()),
                text_edit: Some(CompletionTextEdit::Edit(lsp::TextEdit { range, new_text: label })),
                ..CompletionItem::default()
            }
        })
        .collect();
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    items
}

/// A folder's entries straight from the disk (when the context is not listed yet, or
/// too big to list).
fn read_dir(dir: &std::path::Path) -> Vec<(String, bool)> {
    let Ok(reader) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(String, bool)> = reader
        .flatten()
        .take(MAX_ITEMS * 4)
        .filter_map(|e| Some((e.file_name().to_str()?.to_string(), e.file_type().is_ok_and(|t| t.is_dir()))))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;
    use crate::rules::testing::parse_fixture;

    fn at(src: &str) -> Option<(String, String)> {
        let f = parse_fixture(src);
        let cursor = f.cursor.unwrap_or_else(|| panic!("no $0 in {src}"));
        with_doc(&f.text, |d| source_path_at(d, cursor)).map(|(dir, start)| (dir, f.text[start..cursor].to_string()))
    }

    #[test]
    fn source_positions_and_what_is_typed() {
        assert_eq!(at("FROM a\nCOPY $0\n"), Some((String::new(), String::new())));
        assert_eq!(at("FROM a\nCOPY sr$0\n"), Some((String::new(), "sr".into())));
        assert_eq!(at("FROM a\nCOPY ./src/ma$0 /app/\n"), Some(("src".into(), "ma".into())));
        assert_eq!(at("FROM a\nADD --chown=1 src/lib/$0\n"), Some(("src/lib".into(), String::new())));
        assert_eq!(at("FROM a\nCOPY a.txt b$0\n"), Some((String::new(), "b".into())), "a second source");
    }

    #[test]
    fn no_paths_where_they_do_not_belong() {
        assert_eq!(at("FROM a\nCOPY --from=b x$0 /y\n"), None);
        assert_eq!(at("FROM a\nCOPY a.txt /ap$0\n"), None, "a destination");
        assert_eq!(at("FROM a\nCOPY --ch$0\n"), None);
        assert_eq!(at("FROM a\nCOPY $$0\n"), None);
        assert_eq!(at("FROM a\nRUN cat sr$0\n"), None);
        assert_eq!(at("FROM a\nCOPY [\"sr$0\"]\n"), None);
        assert_eq!(at("FROM a\nCO$0PY x y\n"), None);
        assert_eq!(at("FROM a\nCOPY ../$0\n"), None);
    }
}
