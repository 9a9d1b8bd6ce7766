//! Columns found from the gaps that stay empty down a table: a position
//! (in display columns, or characters in `pdftotext` output) that the text
//! of nearly no line covers lies between two columns; a run of positions
//! that many lines cover is a column. One line is never trusted alone (a
//! cell's text may stop short of its column's edge, or a wide row run
//! across the table); the count over all the lines decides.
//!
//! Each line's tokens then go to the column they start in; a token that
//! runs on over a gap into the next column (cells squeezed together) is cut
//! at the gap. A line whose only text runs across a gap (a heading row
//! spanning the table) is kept whole as one.

use super::{BodyLine, Seg, Tok, chunks, width};
use crate::span::Span;

/// The widest position counted; text past it counts as there.
const MAX_X: usize = 4096;

/// A column: the positions `[x, end)` its text covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Range {
    pub(super) x: usize,
    pub(super) end: usize,
}

/// The columns of a table's lines: runs of positions covered by more than
/// one line in 40 (at least two lines), apart by runs that fewer cover, each
/// column holding the start of a token on some lines (a few lines' text
/// running on past its column makes none). Lines of one chunk that run
/// over a gap found with a looser count (heading rows across the table) are
/// left out of the count.
pub(super) fn find(lines: &[Vec<Tok>]) -> Vec<Range> {
    let filled = lines.iter().filter(|l| !l.is_empty()).count();
    let loose = runs(lines, (filled / 15).max(1), 2, |_| true);
    let across = |l: &Vec<Tok>| chunks(l).len() == 1 && l.iter().any(|t| crosses(&loose, column_at(&loose, t.x), t));
    runs(lines, (filled / 40).max(1), (filled / 50).max(2), |l| loose.is_empty() || !across(l))
}

/// The columns of a few lines of one row (`pdftotext -layout` places a
/// row's columns anew, the positions of one row not those of the next):
/// runs of positions that any line covers, in a long block one line in 40.
pub(super) fn find_local(lines: &[Vec<Tok>]) -> Vec<Range> {
    let filled = lines.iter().filter(|l| !l.is_empty()).count();
    runs(lines, filled / 40, 1, |_| true)
}

/// The runs of positions covered by more than `gap` of the lines that
/// `keep` keeps, each holding `min_starts` token starts or more.
fn runs(lines: &[Vec<Tok>], gap: usize, min_starts: usize, keep: impl Fn(&Vec<Tok>) -> bool) -> Vec<Range> {
    let kept: Vec<&Vec<Tok>> = lines.iter().filter(|l| !l.is_empty() && keep(l)).collect();
    let wide = kept.iter().copied().flatten().map(|t| t.end_x.min(MAX_X)).max().unwrap_or(0);
    let mut diff = vec![0i64; wide + 1];
    let mut starts = vec![0usize; wide + 1];
    for t in kept.iter().copied().flatten() {
        let (a, b) = (t.x.min(wide), t.end_x.min(wide));
        diff[a] += 1;
        diff[b] -= 1;
        starts[a] += 1;
    }
    let gap = i64::try_from(gap).unwrap_or(i64::MAX);
    let mut out = Vec::new();
    let (mut occ, mut open) = (0i64, None::<usize>);
    for x in 0..=wide {
        occ += diff[x];
        let full = x < wide && occ > gap;
        match (open, full) {
            (None, true) => open = Some(x),
            (Some(a), false) => {
                if starts[a..x].iter().sum::<usize>() >= min_starts {
                    out.push(Range { x: a, end: x });
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The column of position `x`: the one that covers it, else the nearest
/// (ties to the right: text starts at its column's left edge).
pub(super) fn column_at(cols: &[Range], x: usize) -> usize {
    let k = cols.partition_point(|c| c.end <= x);
    if k == cols.len() {
        return k.saturating_sub(1);
    }
    if k == 0 || cols[k].x <= x {
        return k;
    }
    if x - cols[k - 1].end < cols[k].x - x { k - 1 } else { k }
}

/// Where a token running from column `col` on into the next is cut: the
/// middle of the gap after `col`.
fn cut_point(cols: &[Range], col: usize) -> usize {
    (cols[col].end + cols[col + 1].x).div_ceil(2)
}

/// Cuts `tok` at position `at`: the part before, and the part from the
/// first character that starts at or past `at` (`None` when none does).
fn split(src: &str, tok: Tok, at: usize, by_chars: bool) -> (Tok, Option<Tok>) {
    let text = tok.span.slice(src);
    let mut x = tok.x;
    for (i, c) in text.char_indices() {
        if x >= at && i > 0 {
            let (a, b) = (Span::new(tok.span.start, tok.span.start + i), Span::new(tok.span.start + i, tok.span.end));
            let left = Tok { x: tok.x, end_x: x, span: a, single: text[..i].chars().count() == 1 };
            let right = Tok { x, end_x: tok.end_x, span: b, single: text[i..].chars().count() == 1 };
            return (left, Some(right));
        }
        x += width(c, by_chars);
    }
    (tok, None)
}

/// True when `tok` runs from its column over the gap into the next.
fn crosses(cols: &[Range], col: usize, tok: &Tok) -> bool {
    col + 1 < cols.len() && tok.end_x > cols[col + 1].x && tok.end_x > cut_point(cols, col) + 1
}

/// A line cut into the columns `cols`: its tokens (cut where one runs over
/// a gap) and their segments; a line of one chunk that runs across a gap
/// is one segment in the first column it stands in, marked `across`.
pub(super) fn assign(src: &str, toks: Vec<Tok>, cols: &[Range], by_chars: bool) -> BodyLine {
    if cols.is_empty() {
        return BodyLine { toks, segs: Vec::new(), across: false };
    }
    let one_chunk = chunks(&toks).len() == 1;
    if one_chunk && toks.iter().any(|t| crosses(cols, column_at(cols, t.x), t)) {
        let col = column_at(cols, toks[0].x);
        let segs = vec![Seg { col, from: 0, to: toks.len() }];
        return BodyLine { toks, segs, across: true };
    }
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut of: Vec<usize> = Vec::with_capacity(toks.len());
    for (k, tok) in toks.iter().enumerate() {
        // A letter-spaced run (`四 、 持 续`) stays in the column it starts in.
        if k > 0 && tok.single && toks[k - 1].single && tok.x <= toks[k - 1].end_x + 1 {
            if let Some(&col) = of.last() {
                out.push(*tok);
                of.push(col);
                continue;
            }
        }
        let mut rest = Some(*tok);
        while let Some(t) = rest.take() {
            let col = column_at(cols, t.x);
            if crosses(cols, col, &t) {
                let (left, right) = split(src, t, cut_point(cols, col), by_chars);
                out.push(left);
                of.push(col);
                rest = right;
            } else {
                out.push(t);
                of.push(col);
            }
        }
    }
    let mut segs: Vec<Seg> = Vec::new();
    for (k, &col) in of.iter().enumerate() {
        match segs.last_mut() {
            Some(seg) if seg.col == col => seg.to = k + 1,
            _ => segs.push(Seg { col, from: k, to: k + 1 }),
        }
    }
    BodyLine { toks: out, segs, across: false }
}
