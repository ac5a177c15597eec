//! Document symbols: stages containing their instructions; global ARGs at the top.

use std::borrow::Cow;

use crate::model::Base;
use crate::syntax::{Keyword, TextRange, is_ascii_blank};

use super::Doc;

/// What a symbol is (mapped to LSP symbol kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Stage,
    Variable,
    Instruction,
    Label,
    Port,
}

/// One symbol with its children.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// Everything the symbol covers.
    pub range: TextRange,
    /// What to select when the symbol is picked (a name, a keyword).
    pub selection: TextRange,
    pub children: Vec<Symbol>,
}

/// `prefix`, then the parts' concatenation on one line (runs of whitespace as one
/// space) cut to `max` characters with `…`. Reads only as much as it shows (RUN scripts
/// can be long) and never joins the parts (a word may run on from one part into the
/// next, as in an instruction's lines). One string, no formatting machinery: an outline
/// makes thousands.
fn shorten_after<'a>(mut prefix: String, parts: impl IntoIterator<Item = &'a str>, max: usize) -> String {
    prefix.reserve(max + 4);
    let mut cut = Shortener { out: prefix, max, count: 0, gap: false };
    for part in parts {
        if !cut.feed(part) {
            break;
        }
    }
    cut.out
}

/// The state of [`shorten_after`]. Byte by byte, with the Unicode rules only for
/// non-ASCII characters, and runs of ASCII characters copied at once (an outline
/// shortens thousands of texts).
struct Shortener {
    out: String,
    max: usize,
    /// Characters in `out`.
    count: usize,
    /// Whitespace since the last character shown (a space before the first is dropped).
    gap: bool,
}

impl Shortener {
    /// Adds one part; `false` once the text is full and ends in `…`.
    fn feed(&mut self, s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        while let Some(&byte) = b.get(i) {
            if byte.is_ascii() && !is_ascii_blank(byte) {
                // A run of ASCII characters other than blanks, copied as far as it fits.
                let run = b[i..].iter().position(|&x| !x.is_ascii() || is_ascii_blank(x)).unwrap_or(b.len() - i);
                if !self.space() {
                    return false;
                }
                let take = run.min(self.max - self.count);
                self.out.push_str(&s[i..i + take]);
                self.count += take;
                if take < run {
                    self.out.push('…');
                    return false;
                }
                i += run;
                continue;
            }
            let c = if byte.is_ascii() {
                byte as char
            } else {
                match s.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) => c,
                    None => break,
                }
            };
            i += c.len_utf8();
            if c.is_whitespace() {
                self.gap = self.count > 0;
                continue;
            }
            if !self.space() {
                return false;
            }
            if self.count == self.max {
                self.out.push('…');
                return false;
            }
            self.out.push(c);
            self.count += 1;
        }
        true
    }

    /// The space owed before the next character, if there is room for it (else `…`).
    fn space(&mut self) -> bool {
        if self.gap {
            if self.count == self.max {
                self.out.push('…');
                return false;
            }
            self.out.push(' ');
            self.count += 1;
            self.gap = false;
        }
        true
    }
}

/// `a` followed by `b`, with room for [`shorten_after`] to add `max` characters (of one
/// byte, as most are) without growing the string.
fn format_prefix(a: &str, b: &str, max: usize) -> String {
    let mut s = String::with_capacity(a.len() + b.len() + max + 4);
    s.push_str(a);
    s.push_str(b);
    s
}

/// The outline of a document.
pub fn document_symbols(doc: &Doc<'_>) -> Vec<Symbol> {
    let mut out = Vec::new();
    let mut stage_syms: Vec<Symbol> = Vec::new();
    let mut children: Vec<Symbol> = Vec::new();
    for (idx, node) in doc.tree.nodes.iter().enumerate() {
        let inst = node.view(doc.text);
        let starts_stage = doc.model.node_stage[idx].is_some_and(|s| doc.model.stages[s].node == idx);
        children.clear();
        instruction_symbols(doc, idx, !starts_stage, &mut children);
        match doc.model.node_stage[idx] {
            None => out.append(&mut children),
            Some(s) => {
                let stage = &doc.model.stages[s];
                if stage.node == idx {
                    let name = stage
                        .name_range
                        .as_ref()
                        .map_or_else(|| stage.image_text.clone(), |r| doc.text[r.clone()].to_string());
                    let detail = match &stage.base {
                        Base::Stage(p) => {
                            Some(format!("FROM stage {}", doc.model.stages[*p].name.as_deref().unwrap_or("?")))
                        }
                        _ => Some(format!("FROM {}", stage.image.as_deref().unwrap_or(&stage.image_text))),
                    };
                    let selection = stage.name_range.clone().unwrap_or_else(|| inst.range(inst.inst.keyword));
                    stage_syms.push(Symbol {
                        name,
                        detail,
                        kind: SymbolKind::Stage,
                        range: inst.full_range(),
                        selection,
                        // About one symbol per instruction (growing the list one
                        // stage's worth at a time copied it over and over).
                        children: Vec::with_capacity(stage.nodes.len()),
                    });
                }
                if let Some(sym) = stage_syms.last_mut() {
                    let end = node.end().min(doc.text.len());
                    let end = doc.text[..end].trim_end().len().max(sym.range.start);
                    sym.range.end = sym.range.end.max(end);
                    sym.children.append(&mut children);
                }
            }
        }
    }
    out.extend(stage_syms);
    out
}

/// Symbols for one instruction, pushed onto `out`: variables it defines, or (when
/// `itself`) the instruction.
fn instruction_symbols(doc: &Doc<'_>, idx: usize, itself: bool, out: &mut Vec<Symbol>) {
    let inst = doc.inst(idx);
    let full = inst.full_range();
    let kw = inst.range(inst.inst.keyword);
    match inst.kind() {
        Keyword::Arg | Keyword::Env | Keyword::Label => {
            let kind = if inst.kind() == Keyword::Label { SymbolKind::Label } else { SymbolKind::Variable };
            let name_of = inst.kind().name();
            let symbols = inst.key_values().into_iter().filter(|kv| !kv.key.is_empty()).map(|kv| Symbol {
                name: kv.key.to_string(),
                detail: Some(match &kv.raw_value {
                    Some(v) => shorten_after(format_prefix(name_of, " = ", 40), [v.as_ref()], 40),
                    None => name_of.to_string(),
                }),
                kind,
                range: full.clone(),
                selection: kv.key_range.clone(),
                children: Vec::new(),
            });
            out.extend(symbols);
        }
        Keyword::Expose => out.extend(inst.inst.words.iter().map(|w| Symbol {
            name: inst.text(w.span).to_string(),
            detail: Some("EXPOSE".into()),
            kind: SymbolKind::Port,
            range: full.clone(),
            selection: inst.range(w.span),
            children: Vec::new(),
        })),
        _ if !itself => {}
        _ => {
            // A known keyword in upper case is its name; only an unknown word is
            // upper-cased here.
            let keyword = match inst.kind() {
                Keyword::Unknown => Cow::Owned(inst.keyword_text().to_uppercase()),
                known => Cow::Borrowed(known.name()),
            };
            // The keyword, and the arguments shortened after a space when there are any.
            let mut name = format_prefix(&keyword, " ", 50);
            if !inst.inst.args.is_empty() {
                name = shorten_after(name, inst.text_parts(inst.inst.args), 50);
            }
            if name.len() == keyword.len() + 1 {
                name.pop();
            }
            out.push(Symbol {
                name,
                detail: None,
                kind: SymbolKind::Instruction,
                range: full,
                selection: kw,
                children: Vec::new(),
            });
        }
    }
}

/// Names for workspace symbol search: stages and ARGs.
pub fn workspace_symbols(doc: &Doc<'_>, query: &str) -> Vec<Symbol> {
    let q = query.to_ascii_lowercase();
    let mut out = Vec::new();
    fn walk(syms: Vec<Symbol>, q: &str, out: &mut Vec<Symbol>) {
        for mut s in syms {
            let children = std::mem::take(&mut s.children);
            if matches!(s.kind, SymbolKind::Stage | SymbolKind::Variable) && s.name.to_ascii_lowercase().contains(q) {
                out.push(s);
            }
            walk(children, q, out);
        }
    }
    walk(document_symbols(doc), &q, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;

    fn shorten(s: &str, max: usize) -> String {
        shorten_parts([s], max)
    }

    fn shorten_parts<'a>(parts: impl IntoIterator<Item = &'a str>, max: usize) -> String {
        shorten_after(String::new(), parts, max)
    }

    #[test]
    fn details_are_one_line_and_cut_with_an_ellipsis() {
        assert_eq!(shorten("apk add \\\n    curl   git", 40), "apk add \\ curl git");
        assert_eq!(shorten("abcdef", 6), "abcdef");
        assert_eq!(shorten("abcdefg", 6), "abcdef…");
        assert_eq!(shorten("abc def", 3), "abc…");
        assert_eq!(shorten("  🐳🐳🐳 x", 2), "🐳🐳…");
        assert_eq!(shorten("", 5), "");
        // The limit counts what follows the prefix.
        assert_eq!(shorten_after("ENV = ".into(), ["abc", "defg"], 5), "ENV = abcde…");
        assert_eq!(shorten_after("RUN ".into(), ["   "], 5), "RUN ");
    }

    /// What `shorten` promises, one character at a time: words joined by one space,
    /// at most `max` characters, `…` when anything is left out.
    fn shorten_by_chars(s: &str, max: usize) -> String {
        let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if joined.chars().count() <= max { joined } else { joined.chars().take(max).chain(['…']).collect() }
    }

    proptest::proptest! {
        #[test]
        fn shorten_cuts_as_by_characters(s in "[ab 🐳ß\t\n\u{3000}\u{a0}é]{0,30}", max in 0usize..14) {
            proptest::prop_assert_eq!(shorten(&s, max), shorten_by_chars(&s, max));
        }

        /// Cut in parts anywhere (between characters), the same text comes out.
        #[test]
        fn shorten_parts_reads_across_parts(
            s in "[ab 🐳\t\n\u{3000}]{0,24}",
            cuts in proptest::collection::vec(0usize..24, 0..4),
            max in 0usize..12,
        ) {
            let mut at: Vec<usize> = cuts.into_iter().filter_map(|c| s.char_indices().nth(c).map(|(i, _)| i)).collect();
            at.sort_unstable();
            at.dedup();
            let mut parts = Vec::new();
            let mut from = 0;
            for a in at {
                parts.push(&s[from..a]);
                from = a;
            }
            parts.push(&s[from..]);
            proptest::prop_assert_eq!(shorten_parts(parts, max), shorten_by_chars(&s, max));
        }
    }

    fn outline(syms: &[Symbol], depth: usize, out: &mut String) {
        for s in syms {
            out.push_str(&format!(
                "{}{:?} {:?} {:?}\n",
                "  ".repeat(depth),
                s.kind,
                s.name,
                s.detail.as_deref().unwrap_or("")
            ));
            outline(&s.children, depth + 1, out);
        }
    }

    /// The document's outline, one symbol a line, children indented.
    fn outline_of(text: &str) -> String {
        let mut s = String::new();
        with_doc(text, |d| outline(&document_symbols(d), 0, &mut s));
        s
    }

    #[test]
    fn stages_contain_their_instructions() {
        let text = "ARG PY=3.12\nFROM python:${PY}-slim AS build\nENV A=1 B=2\nRUN pip install \\\n  x\n\nFROM build\nEXPOSE 80/tcp\nCMD [\"x\"]\n";
        expect_test::expect![[r#"
            Variable "PY" "ARG = 3.12"
            Stage "build" "FROM python:3.12-slim"
              Variable "A" "ENV = 1"
              Variable "B" "ENV = 2"
              Instruction "RUN pip install x" ""
            Stage "build" "FROM stage build"
              Port "80/tcp" "EXPOSE"
              Instruction "CMD [\"x\"]" ""
        "#]]
        .assert_eq(&outline_of(text));
    }

    #[test]
    fn instruction_names_in_upper_case_with_their_arguments() {
        let text = "FROM a\nrun  echo   hi\nform x\nCMD\nUser 1000\n";
        expect_test::expect![[r#"
            Stage "a" "FROM a"
              Instruction "RUN echo hi" ""
              Instruction "FORM x" ""
              Instruction "CMD" ""
              Instruction "USER 1000" ""
        "#]]
        .assert_eq(&outline_of(text));
    }

    #[test]
    fn stage_range_spans_its_instructions() {
        let text = "FROM a AS x\nRUN y\n\n# comment\nFROM b\n";
        with_doc(text, |d| {
            let syms = document_symbols(d);
            assert_eq!(&text[syms[0].range.clone()], "FROM a AS x\nRUN y");
            assert_eq!(&text[syms[0].selection.clone()], "x");
            let ws = workspace_symbols(d, "X");
            assert_eq!(ws.len(), 1);
        });
    }
}
