//! From cut lines to cells: lines sorted into rows, the slots of a merged
//! cell joined, and each cell's text gathered from its lines.

use super::cut::{Cutline, Fragment, fragment};
use crate::read::{Piece, Text};

/// Union-find over the slots of the grid.
pub(super) struct Slots {
    /// Each slot's parent (row × width + column); a root is its own.
    parent: Vec<usize>,
}

impl Slots {
    /// The root slot of `x`'s cell: the first slot of the cell (row-major).
    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two slots; the smaller index (the earlier slot) stays the root.
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

/// The grid's lines sorted into rows: the content lines of each row, and the
/// rule lines before each row (after the top border).
pub(super) struct Rows {
    /// Each row's content lines (indices into the grid's lines).
    pub(super) content: Vec<Vec<usize>>,
    /// Each row's rule lines above it (the top border left out).
    pub(super) rules: Vec<Vec<usize>>,
}

/// Sorts `lines` into rows.
pub(super) fn rows(lines: &[Cutline]) -> Rows {
    let mut content: Vec<Vec<usize>> = Vec::new();
    let mut rules: Vec<Vec<usize>> = Vec::new();
    let mut pending_rules: Vec<usize> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_rule() {
            if i > 0 {
                pending_rules.push(i);
            }
            open = false;
        } else {
            if !open {
                content.push(Vec::new());
                rules.push(std::mem::take(&mut pending_rules));
                open = true;
            }
            if let Some(row) = content.last_mut() {
                row.push(i);
            }
        }
    }
    Rows { content, rules }
}

/// True when row `r` has a wall at boundary `k`: on more than half its lines.
fn has_wall(lines: &[Cutline], rows: &Rows, r: usize, k: usize) -> bool {
    let row = &rows.content[r];
    let walls = row.iter().filter(|&&i| lines[i].cuts[k].wall()).count();
    2 * walls > row.len()
}

/// True when a rule stroke runs over column `c` above row `r`.
fn ruled_above(lines: &[Cutline], rows: &Rows, r: usize, c: usize) -> bool {
    rows.rules[r].iter().any(|&i| lines[i].stroke(c))
}

/// Joins the slots of one cell: across a boundary with no wall, down across
/// a rule with no stroke.
pub(super) fn merge(lines: &[Cutline], rows: &Rows, width: usize) -> Slots {
    let height = rows.content.len();
    let mut slots = Slots { parent: (0..height * width).collect() };
    for r in 0..height {
        for c in 0..width {
            if c > 0 && !has_wall(lines, rows, r, c) {
                slots.join(r * width + c - 1, r * width + c);
            }
            if r > 0 && !ruled_above(lines, rows, r, c) {
                slots.join((r - 1) * width + c, r * width + c);
            }
        }
    }
    slots
}

/// Adds to `frags` (by the root slot of each cell) the fragments of `line`:
/// runs of columns `0..width` of row `r` that `take` lets through, one
/// fragment per run of one cell.
pub(super) fn collect(
    line: &Cutline,
    r: usize,
    width: usize,
    geometry: (&[usize], usize),
    slots: &mut Slots,
    take: impl Fn(usize) -> bool,
    frags: &mut Vec<(usize, Fragment)>,
) {
    let (bounds, wall_width) = geometry;
    let mut c = 0;
    while c < width {
        if !take(c) {
            c += 1;
            continue;
        }
        let root = slots.find(r * width + c);
        let mut end = c + 1;
        while end < width && take(end) && slots.find(r * width + end) == root {
            end += 1;
        }
        let room = (bounds[end] - bounds[c]).saturating_sub(wall_width);
        frags.push((root, fragment(line.glyphs(c, end), room)));
        c = end;
    }
}

/// The text of a cell from its fragments, in order. A blank fragment ends a
/// paragraph; with `reflow`, so does a line that stops where the next word
/// would have fitted.
pub(super) fn cell_text<'f>(src: &str, frags: impl Iterator<Item = &'f Fragment>, reflow: bool) -> Text {
    let mut text = Text::default();
    let mut open = false;
    let mut prev: Option<Fragment> = None;
    for f in frags {
        let Some(span) = f.span else {
            open = false;
            continue;
        };
        let broken = reflow && prev.is_some_and(|p| p.width + f.first_word <= p.room);
        if !open || broken || text.paras.is_empty() {
            text.paras.push(Vec::new());
        } else if let Some(para) = text.paras.last_mut() {
            let before = para.iter().rev().find_map(|p| match p {
                Piece::Src(s) => s.slice(src).chars().next_back(),
                Piece::Lit(_) | Piece::Char(_) => None,
            });
            let after = span.slice(src).chars().next();
            if before.is_some_and(|c| c.is_ascii_graphic()) && after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                para.push(Piece::Lit(" "));
            }
        }
        if let Some(para) = text.paras.last_mut() {
            para.push(Piece::Src(span));
        }
        open = true;
        prev = Some(*f);
    }
    text
}
