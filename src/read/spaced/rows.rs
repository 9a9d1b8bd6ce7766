//! Rows: the body's lines cut where the task column starts a new cell,
//! and the lines of other columns given to the row they stand beside.

use super::super::{Cell, Piece, Table};
use super::{BodyLine, Seg, Tok};
use crate::lexicon::ColumnKind;
use crate::span::Span;

/// The text of a segment.
pub(super) fn seg_text<'a>(src: &'a str, line: &BodyLine, seg: &Seg) -> &'a str {
    let (a, b) = (line.toks[seg.from].span.start, line.toks[seg.to - 1].span.end);
    Span::new(a, b).slice(src)
}

/// True when `s` starts with a task number (`1.`, `12、`, `（3）`, `(3)`).
pub(super) fn starts_numbered(s: &str) -> bool {
    let s = s.trim_start_matches(['（', '(']);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && s[digits..].starts_with(['.', '．', '、', '）', ')'])
}

/// The column whose cells start rows: the one most of whose cells start
/// with a task number, else the one with the most text outside units and
/// deadline columns.
pub(super) fn task_column(src: &str, body: &[BodyLine], kinds: &[Option<ColumnKind>]) -> usize {
    let n = kinds.len();
    let (mut numbered, mut text) = (vec![0usize; n], vec![0usize; n]);
    for line in body {
        for seg in &line.segs {
            let t = seg_text(src, line, seg);
            numbered[seg.col] += usize::from(starts_numbered(t));
            text[seg.col] += t.chars().count();
        }
    }
    if let Some(c) = (0..n).find(|&c| numbered[c] >= 2) {
        return c;
    }
    let plain =
        |c: &usize| !matches!(kinds[*c], Some(ColumnKind::Units(_) | ColumnKind::Deadline | ColumnKind::Number));
    (0..n).filter(plain).max_by_key(|&c| (text[c], usize::MAX - c)).unwrap_or(0)
}

/// A row: for each column, the body lines of its segments.
#[derive(Clone, Debug, Default)]
pub(super) struct Row {
    pub(super) segs: Vec<(usize, usize)>, // (line, seg index)
}

/// The rows of the body: blocks parted by blank lines and by lines across
/// the table (each a row of its own), each cut where the task column starts
/// a new cell.
pub(super) fn rows(src: &str, body: &[BodyLine], task: usize, n: usize, (carry, top): (bool, bool)) -> Vec<Row> {
    let numbered = body
        .iter()
        .flat_map(|l| l.segs.iter().map(move |s| (l, s)))
        .any(|(l, s)| s.col == task && starts_numbered(seg_text(src, l, s)));
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=body.len() {
        if i == body.len() || body[i].toks.is_empty() || body[i].across {
            if i > start {
                block_rows(src, body, (start, i), task, (numbered, carry, top), n, &mut out);
            }
            if body.get(i).is_some_and(|l| l.across) {
                out.push(Row { segs: vec![(i, 0)] });
            }
            start = i + 1;
        }
    }
    out
}

/// The rows of the block of lines `a..b`.
pub(super) fn block_rows(
    src: &str,
    body: &[BodyLine],
    (a, b): (usize, usize),
    task: usize,
    (numbered, carry, top): (bool, bool, bool),
    n: usize,
    out: &mut Vec<Row>,
) {
    // The task column's lines, and where its new cells start.
    let mut bands: Vec<(usize, usize)> = Vec::new(); // (first, last) task line of each row
    let mut prev_end = false;
    for (i, line) in body.iter().enumerate().take(b).skip(a) {
        let Some(seg) = line.segs.iter().find(|s| s.col == task) else { continue };
        let text = seg_text(src, line, seg);
        let new = match bands.last() {
            None => true,
            Some(_) if numbered => starts_numbered(text),
            Some(_) => prev_end,
        };
        prev_end = text.ends_with(['。', '；', ';', '！', '？']);
        match bands.last_mut() {
            Some(band) if !new => band.1 = i,
            _ => bands.push((i, i)),
        }
    }
    if bands.is_empty() {
        let segs = (a..b).flat_map(|i| (0..body[i].segs.len()).map(move |k| (i, k)));
        match out.last_mut() {
            // The end of the row above, carried over a page break.
            Some(row) if carry && !row.segs.first().is_some_and(|&(i, _)| body[i].across) => row.segs.extend(segs),
            _ => out.push(Row { segs: segs.collect() }),
        }
        return;
    }
    let first = out.len();
    out.extend(bands.iter().map(|_| Row::default()));
    for col in 0..n {
        let lines: Vec<(usize, usize)> =
            (a..b).filter_map(|i| body[i].segs.iter().position(|s| s.col == col).map(|k| (i, k))).collect();
        for (r, (i, k)) in place(&bands, &lines, col == task, top) {
            out[first + r].segs.push((i, k));
        }
    }
    for row in &mut out[first..] {
        row.segs.sort_unstable();
    }
}

/// How far a cell on lines `a..=b` stands off the row whose task lines are
/// `band`: with both centred on the row, the distance between their
/// middles; with `top`, as w3m sets them (the shorter a whole number of
/// lines down, half the difference rounded down), between the row tops
/// each implies.
fn off((a, b): (usize, usize), band: (usize, usize), top: bool) -> usize {
    if !top {
        return (a + b).abs_diff(band.0 + band.1);
    }
    let (h, hb) = (b.saturating_sub(a) + 1, band.1.saturating_sub(band.0) + 1);
    let rows = h.max(hb);
    let (down, down_band) = ((rows - h) / 2, (rows - hb) / 2);
    (a + down_band).abs_diff(band.0 + down)
}

/// Where a column's line stands against the rows' task bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    /// Within band r (or before the first, or after the last).
    In(usize),
    /// Between band r and band r + 1.
    Gap(usize),
}

/// The row of each of a column's lines (sorted by line), given the rows'
/// task bands: inside a band, that row; between two bands, the split that
/// keeps both cells best centred on their bands (ties going down).
pub(super) fn place(
    bands: &[(usize, usize)],
    lines: &[(usize, usize)],
    is_task: bool,
    top: bool,
) -> Vec<(usize, (usize, usize))> {
    let last = bands.len() - 1;
    let mut r = 0;
    let slots: Vec<Slot> = lines
        .iter()
        .map(|&(i, _)| {
            while r < last && bands[r + 1].0 <= i {
                r += 1;
            }
            if i < bands[0].0 || i <= bands[r].1 || r == last || is_task { Slot::In(r) } else { Slot::Gap(r) }
        })
        .collect();
    let (mut lo, mut hi) = (vec![None::<usize>; bands.len()], vec![None::<usize>; bands.len()]);
    for (&(i, _), slot) in lines.iter().zip(&slots) {
        if let Slot::In(r) = *slot {
            lo[r] = Some(lo[r].map_or(i, |v: usize| v.min(i)));
            hi[r] = Some(hi[r].map_or(i, |v: usize| v.max(i)));
        }
    }
    let mut rows = vec![0; lines.len()];
    let mut k = 0;
    while k < lines.len() {
        match slots[k] {
            Slot::In(r) => {
                rows[k] = r;
                k += 1;
            }
            Slot::Gap(r) => {
                let end = k + slots[k..].iter().take_while(|s| **s == Slot::Gap(r)).count();
                let gap: Vec<usize> = lines[k..end].iter().map(|l| l.0).collect();
                let (band, next) = (bands[r], bands[r + 1]);
                let bottom_next = hi[r + 1].map_or(next.1, |h| h.max(next.1));
                let cost = |j: usize| {
                    let first = lo[r].unwrap_or(band.0);
                    let bottom = if j > 0 { gap[j - 1] } else { hi[r].unwrap_or(first) };
                    let top_next = if j < gap.len() { gap[j] } else { lo[r + 1].unwrap_or(next.0) };
                    off((first, bottom), band, top) + off((top_next, bottom_next), next, top)
                };
                let split = (0..=gap.len()).min_by_key(|&j| cost(j)).unwrap_or(0);
                for (m, row) in rows[k..end].iter_mut().enumerate() {
                    *row = if m < split { r } else { r + 1 };
                }
                if split < gap.len() {
                    lo[r + 1] = Some(lo[r + 1].map_or(gap[split], |v| v.min(gap[split])));
                }
                k = end;
            }
        }
    }
    rows.into_iter().zip(lines.iter().copied()).collect()
}

/// The cells of a row: each column's segments, lines of one paragraph,
/// a gap of `gap` lines or more (an empty line in it) starting a new one.
pub(super) fn cells_of(src: &str, body: &[BodyLine], row: &Row, n: usize, (gap, carry): (usize, bool)) -> Vec<Cell> {
    let mut cells = vec![Cell::default(); n];
    let mut last_line = vec![None::<usize>; n];
    for &(i, k) in &row.segs {
        let line = &body[i];
        let seg = line.segs[k];
        let pieces = seg_pieces(&line.toks[seg.from..seg.to]);
        let paras = &mut cells[seg.col].text.paras;
        // Lines of other columns between (`pdftotext -layout` interleaves
        // them): a word of two characters or less ends the line before.
        let tail = carry && seg_text(src, line, &seg).chars().count() <= 2;
        match (last_line[seg.col], paras.last_mut()) {
            (Some(l), Some(para)) if i < l + gap || tail => para.extend(pieces),
            _ => paras.push(pieces),
        }
        last_line[seg.col] = Some(i);
    }
    cells
}

/// Marks the empty slots of the columns left of the task column (section
/// and group cells, merged over the rows under them) as covered by the cell
/// above them. A units, deadline or leaders cell that covers rows is written
/// into each of them when the table is flattened: once such copies would
/// come to more than the input (a long cell over thousands of rows, text
/// that is no plan), the slots past that are left empty.
pub(super) fn merge_down(table: &mut Table, task: usize, kinds: &[Option<ColumnKind>], src: &str) {
    let mut budget = src.len();
    for col in 0..task {
        let spreads =
            matches!(kinds.get(col), Some(Some(ColumnKind::Units(_) | ColumnKind::Deadline | ColumnKind::Leaders)));
        let mut origin: Option<(usize, usize)> = None; // (row, bytes a copy costs)
        for r in 1..table.rows.len() {
            let Some(cell) = table.rows[r].get_mut(col) else { continue };
            if !cell.text.paras.is_empty() {
                origin = Some((r, if spreads { cell.text.len() } else { 0 }));
            } else if let Some((o, len)) = origin {
                if len <= budget {
                    budget -= len;
                    cell.from = Some((o, col));
                }
            }
        }
    }
}

/// The pieces of a segment's tokens: one piece, or one a token where
/// letters are spaced apart (a justified line: `区 经 发 局`).
pub(super) fn seg_pieces(toks: &[Tok]) -> Vec<Piece> {
    let spaced = toks.windows(2).any(|w| w[0].single && w[1].single);
    match (toks.first(), toks.last()) {
        (Some(f), Some(l)) if !spaced => vec![Piece::Src(Span::new(f.span.start, l.span.end))],
        _ => toks.iter().map(|t| Piece::Src(t.span)).collect(),
    }
}
