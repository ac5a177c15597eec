//! Byte offsets → 1-based line and column (columns in Unicode scalar values), the way
//! the command line reports positions. Lines end at `\n`, as BuildKit counts them.

/// Line starts of a text.
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    pub fn position(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        LineCol { line: line + 1, column: text[start..offset].chars().count() + 1 }
    }

    /// The line's text without its line break.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.line_start(line);
        let end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        text.get(start..end).unwrap_or("").trim_end_matches('\r')
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars() {
        let t = "a\nß🐳x\r\nend";
        let idx = LineIndex::new(t);
        assert_eq!(idx.position(t, 0), LineCol { line: 1, column: 1 });
        let x = t.find('x').unwrap_or(0);
        assert_eq!(idx.position(t, x), LineCol { line: 2, column: 3 });
        assert_eq!(idx.position(t, t.len()), LineCol { line: 3, column: 4 });
        assert_eq!(idx.line_text(t, 1), "ß🐳x");
    }
}
