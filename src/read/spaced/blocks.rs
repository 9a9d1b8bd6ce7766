//! Columns found block by block: `pdftotext -layout` places each block of
//! lines (a row, between blank lines) anew, a column's text standing a few
//! places left or right of where it stood in the block before, as the text
//! before it on the line is wide or narrow. Each block's own gaps give its
//! columns; these are matched to the header's cells in order, each to the
//! cell nearest it. A block with no text in the task column (a cell's end
//! carried over a page break) takes the columns of the block before it.

use super::gaps::{self, Range};
use super::header::Header;
use super::pages::page_start;
use super::{BodyLine, Tok};

/// What a block's column costs standing under a header cell that another
/// column of the block stands under as well.
const SHARE_COST: usize = 12;

/// The body's lines cut into the header's columns, block by block.
pub(super) fn assign(
    src: &str,
    header: &Header,
    raw: &[Vec<Tok>],
    by_chars: bool,
    task: Option<usize>,
) -> Vec<BodyLine> {
    let heads: Vec<Range> = header.cells.iter().map(|c| Range { x: c.x, end: c.end_x }).collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut prev: Option<(Vec<Range>, Vec<usize>)> = None;
    let mut i = 0;
    while i < raw.len() {
        if raw[i].is_empty() {
            out.push(BodyLine::default());
            i += 1;
            continue;
        }
        // A page's first line starts a block: text is placed anew on a page.
        let page = |j: usize| raw[j].first().is_some_and(|t| page_start(src, t));
        let end = (i + 1..raw.len()).find(|&j| raw[j].is_empty() || page(j)).unwrap_or(raw.len());
        let local = gaps::find_local(&raw[i..end]);
        let mut to = match_ranges(&stretched(&local, &heads), &heads);
        if let (Some(t), Some((pl, pto))) = (task, &prev) {
            if !to.contains(&t) && !pl.is_empty() && local.len() > 1 {
                to = local.iter().map(|r| pto[nearest(pl, r)]).collect();
            }
        }
        for toks in &raw[i..end] {
            let mut line = gaps::assign(src, toks.clone(), &local, by_chars);
            for seg in &mut line.segs {
                seg.col = to.get(seg.col).copied().unwrap_or(0);
            }
            line.segs.dedup_by(|b, a| {
                let same = a.col == b.col;
                if same {
                    a.to = b.to;
                }
                same
            });
            out.push(line);
        }
        prev = Some((local, to));
        i = end;
    }
    out
}

/// A block's columns stretched to the header's width when they end short
/// of it (text narrow on every line, each column placed further left).
fn stretched(local: &[Range], heads: &[Range]) -> Vec<Range> {
    let (Some(l), Some(h)) = (local.last(), heads.last()) else { return local.to_vec() };
    if l.end >= h.end || l.end == 0 {
        return local.to_vec();
    }
    let scale = |x: usize| x * h.end / l.end;
    local.iter().map(|r| Range { x: scale(r.x), end: scale(r.end) }).collect()
}

/// Twice the middle of a range.
fn mid2(r: &Range) -> usize {
    r.x + r.end
}

/// The range of `ranges` whose middle is nearest that of `r`.
fn nearest(ranges: &[Range], r: &Range) -> usize {
    (0..ranges.len()).min_by_key(|&k| mid2(&ranges[k]).abs_diff(mid2(r))).unwrap_or(0)
}

/// The header cell of each of a block's columns: in order (a column never
/// left of the one before's cell), the sum of the distances between
/// middles least, two columns under one cell costing [`SHARE_COST`] more.
pub(super) fn match_ranges(local: &[Range], heads: &[Range]) -> Vec<usize> {
    let (m, n) = (local.len(), heads.len());
    if m == 0 || n == 0 {
        return vec![0; m];
    }
    // best[k][j]: the least cost of columns 0..=k, column k under cell j.
    let mut best = vec![vec![usize::MAX; n]; m];
    let mut from = vec![vec![0usize; n]; m];
    for j in 0..n {
        best[0][j] = mid2(&local[0]).abs_diff(mid2(&heads[j]));
    }
    for k in 1..m {
        for j in 0..n {
            let here = mid2(&local[k]).abs_diff(mid2(&heads[j]));
            for p in 0..=j {
                if best[k - 1][p] == usize::MAX {
                    continue;
                }
                let cost = best[k - 1][p] + here + if p == j { SHARE_COST } else { 0 };
                if cost < best[k][j] {
                    best[k][j] = cost;
                    from[k][j] = p;
                }
            }
        }
    }
    let mut j = (0..n).min_by_key(|&j| best[m - 1][j]).unwrap_or(0);
    let mut out = vec![0; m];
    for k in (0..m).rev() {
        out[k] = j;
        j = from[k][j];
    }
    out
}
