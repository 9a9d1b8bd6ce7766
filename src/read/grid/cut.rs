//! A grid line cut at the column boundaries, at its walls or where a wall
//! would stand, and the text of one cell on one line.

use super::TOLERANCE;
use super::measure::{Glyph, GridLine, Kind};
use crate::span::Span;

/// Where a line is cut at a column boundary: glyphs `lo..hi` are the wall
/// (none when the line has no wall there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cut {
    /// The first glyph of the wall, or the glyph the cut comes before.
    lo: usize,
    /// The first glyph after the wall (`lo` when there is no wall).
    hi: usize,
}

impl Cut {
    /// True when the line has a wall character here.
    pub(super) fn wall(self) -> bool {
        self.hi > self.lo
    }
}

/// Cuts `line` at every boundary in `bounds`: at the wall that stands there
/// (within [`TOLERANCE`], a wall found correcting the columns of the rest
/// of the line), or else before the first glyph at or past it.
pub(super) fn cut(line: &GridLine, bounds: &[usize]) -> Vec<Cut> {
    let mut out = Vec::with_capacity(bounds.len());
    let mut drift: isize = 0;
    let mut pending: Option<usize> = None;
    let b = |k: usize| bounds[k] as isize;
    for (i, g) in line.glyphs.iter().enumerate() {
        let q = g.pos as isize + drift;
        while out.len() < bounds.len() && q > b(out.len()) + TOLERANCE {
            let at = pending.take().unwrap_or(i);
            out.push(Cut { lo: at, hi: at });
        }
        let k = out.len();
        if k == bounds.len() {
            break;
        }
        let near = (q - b(k)).abs();
        let nearer_next = k + 1 < bounds.len() && (q - b(k + 1)).abs() < near;
        if g.wall && near <= TOLERANCE && !nearer_next {
            out.push(Cut { lo: i, hi: i + 1 });
            drift += b(k) - q;
            pending = None;
        } else if pending.is_none() && q >= b(k) {
            pending = Some(i);
        }
    }
    while out.len() < bounds.len() {
        let at = pending.take().unwrap_or(line.glyphs.len());
        out.push(Cut { lo: at, hi: at });
    }
    out
}

/// A line of the grid, cut at its columns.
pub(super) struct Cutline {
    /// The line.
    pub(super) line: GridLine,
    /// Its cuts, one a column boundary.
    pub(super) cuts: Vec<Cut>,
}

impl Cutline {
    /// The glyphs of columns `a..b` of this line (between their walls).
    pub(super) fn glyphs(&self, a: usize, b: usize) -> &[Glyph] {
        let (from, to) = (self.cuts[a].hi, self.cuts[b].lo);
        self.line.glyphs.get(from..to.max(from)).unwrap_or(&[])
    }

    /// True when column `c` of this line is a run of rule strokes.
    pub(super) fn stroke(&self, c: usize) -> bool {
        let g = self.glyphs(c, c + 1);
        !g.is_empty() && g.iter().all(|g| g.kind == Kind::Horizontal)
    }

    /// True when this line is a rule: some column of it is all strokes.
    pub(super) fn is_rule(&self) -> bool {
        (0..self.cuts.len() - 1).any(|c| self.stroke(c))
    }
}

/// A line's text in one cell: its trimmed span, how wide it is, and how wide
/// its first word is (for telling a wrapped line from a broken one).
#[derive(Clone, Copy, Debug)]
pub(super) struct Fragment {
    /// The text, trimmed; `None` when blank.
    pub(super) span: Option<Span>,
    /// Its display width.
    pub(super) width: usize,
    /// The display width of its first word.
    pub(super) first_word: usize,
    /// The display width the cell gives a line.
    pub(super) room: usize,
}

/// The fragment of `glyphs`, in a cell `room` columns wide.
pub(super) fn fragment(glyphs: &[Glyph], room: usize) -> Fragment {
    let text = |g: &&Glyph| g.kind != Kind::Space;
    let (Some(first), Some(last)) = (glyphs.iter().position(|g| text(&g)), glyphs.iter().rposition(|g| text(&g)))
    else {
        return Fragment { span: None, width: 0, first_word: 0, room };
    };
    let body = &glyphs[first..=last];
    let width = body.iter().map(|g| g.width).sum();
    // A word: a wide character alone, or a run of narrow ones up to a space.
    let first_word = if body[0].width > 1 {
        body[0].width
    } else {
        body.iter().take_while(|g| g.kind != Kind::Space && g.width == 1).map(|g| g.width).sum()
    };
    Fragment { span: Some(Span::new(body[0].at, glyphs[last].end)), width, first_word, room }
}
