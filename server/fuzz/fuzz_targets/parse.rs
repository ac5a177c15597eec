//! Any bytes and any edit sequence: parsing never panics, and the incremental tree
//! equals a full parse of the final text.
#![no_main]

use dockerfile_lsp::syntax::{parse, TextEdit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first half is the document, the rest drives edits.
    let split = data.len() / 2;
    let mut text = String::from_utf8_lossy(&data[..split]).into_owned();
    let mut tree = parse(&text);
    for chunk in data[split..].chunks(4) {
        if chunk.len() < 4 {
            break;
        }
        let mut start = (chunk[0] as usize * 7 + chunk[1] as usize) % (text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + chunk[2] as usize % 8).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let insert = ["", "\\", "\n", "<<EOF\n", "EOF", "#", "RUN ", "\"", "`", "${", "}"][chunk[3] as usize % 11];
        let mut next = String::with_capacity(text.len() + insert.len());
        next.push_str(&text[..start]);
        next.push_str(insert);
        next.push_str(&text[end.max(start)..]);
        tree.apply_edit(&next, TextEdit { start, old_end: end.max(start), new_len: insert.len() });
        text = next;
    }
    assert_eq!(tree, parse(&text));
});
