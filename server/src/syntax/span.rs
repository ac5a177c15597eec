//! Byte ranges.
//!
//! Inside an [`Instruction`](super::Instruction) every range is a [`Span`] relative to
//! the start of its node, so that an edit only has to move the node offsets that
//! follow it, not every range in the file. [`TextRange`] is an absolute byte range.

/// An absolute byte range in the document text.
pub type TextRange = std::ops::Range<usize>;

/// A byte range relative to the start of the node that owns it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// A span from `usize` offsets, saturating at `u32::MAX`.
    pub fn from_usize(start: usize, end: usize) -> Span {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span { start: clamp(start), end: clamp(end) }
    }

    pub const fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether `offset` lies in the span; the end counts, so a cursor right after a
    /// word is "in" it.
    pub const fn touches(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }

    /// The absolute range of this span in a node that starts at `base`.
    pub fn abs(self, base: usize) -> TextRange {
        base + self.start as usize..base + self.end as usize
    }

    /// Covers both spans.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}
