//! Selection ranges: word → flag or argument → instruction → stage → document.

use crate::syntax::TextRange;

use super::Doc;

/// Nested ranges around `offset`, innermost first.
pub fn selection_ranges(doc: &Doc<'_>, offset: usize) -> Vec<TextRange> {
    let mut out: Vec<TextRange> = Vec::new();
    let mut push = |r: TextRange| {
        if r.start <= offset
            && offset <= r.end
            && out.last().is_none_or(|l| r.start <= l.start && l.end <= r.end && r != *l)
        {
            out.push(r);
        }
    };
    let Some(idx) = doc.node_at(offset) else {
        push(0..doc.text.len());
        return out;
    };
    let inst = doc.inst(idx);
    let i = inst.inst.effective();
    // The word under the cursor inside shell text or an argument.
    let word = {
        let b = doc.text.as_bytes();
        let mut s = offset.min(b.len());
        let mut e = s;
        let is_word = |c: u8| !c.is_ascii_whitespace() && !matches!(c, b'"' | b'\'' | b'=' | b',' | b'[' | b']');
        while s > 0 && is_word(b[s - 1]) {
            s -= 1;
        }
        while e < b.len() && is_word(b[e]) {
            e += 1;
        }
        s..e
    };
    if !word.is_empty() {
        push(word);
    }
    for f in &i.flags {
        if let Some(v) = f.value {
            push(inst.range(v));
        }
        push(inst.range(f.span));
    }
    for w in &i.words {
        push(inst.range(w.span));
    }
    if let Some(e) = &i.exec {
        for el in &e.elements {
            push(inst.range(el.span));
        }
        push(inst.range(e.span));
    }
    if let Some(s) = i.shell {
        push(inst.range(s));
    }
    if !i.args.is_empty() {
        push(inst.range(i.args));
    }
    push(inst.full_range());
    let node_end = doc.text[..doc.tree.nodes[idx].end().min(doc.text.len())].trim_end().len();
    push(inst.start()..node_end.max(inst.full_range().end));
    if let Some(s) = doc.model.node_stage[idx] {
        let st = &doc.model.stages[s];
        let start = doc.inst(st.node).start();
        let last = &doc.tree.nodes[st.nodes.end - 1];
        push(start..doc.text[..last.end().min(doc.text.len())].trim_end().len());
    }
    push(0..doc.text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::with_doc;

    #[test]
    fn grows_outward() {
        let text = "FROM a AS x\nCOPY --chown=app:app src /dst\nRUN y\n";
        let at = text.find("app:").unwrap_or(0) + 1;
        let shown: Vec<&str> = with_doc(text, |d| selection_ranges(d, at)).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            shown,
            [
                "app:app",
                "--chown=app:app",
                "COPY --chown=app:app src /dst",
                "FROM a AS x\nCOPY --chown=app:app src /dst\nRUN y",
                text
            ]
        );
    }
}
