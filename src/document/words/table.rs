//! A table's grid from the words of its lines: columns cut at the gaps the
//! region search found, rows at the vertical gaps that no column's text
//! crosses (a page break is one too), cells the words of a column within a
//! row, their lines joined in reading order (a line that ends short of the
//! column's right edge ends a paragraph of the cell).
//!
//! A row cut by a page break is joined again when the page's first row goes
//! on with a sentence the last row left unfinished; a header repeated at
//! the top of a page is dropped. A cell whose text stands beside the middle
//! of several rows, the others empty in its column, is a merged cell: it
//! starts at the first of them and covers the others ([`Slot::Covered`]).

use super::lines::{Line, median, push_joined};
use super::region::Iv;
use crate::document::Slot;
use std::collections::HashMap;

/// The part of a line in one column.
#[derive(Clone, Debug)]
struct Piece {
    page: u32,
    y0: f64,
    y1: f64,
    x1: f64,
    col: usize,
    text: String,
}

/// A table's rows (spans resolved) and the page of each row.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    pub rows: Vec<Vec<Slot>>,
    pub pages: Vec<u32>,
}

/// A row being built: its pieces, or a line over the table's width.
#[derive(Debug, Default)]
struct Band {
    pieces: Vec<Piece>,
    spanning: bool,
}

impl Band {
    fn page(&self) -> u32 {
        self.pieces.first().map_or(1, |p| p.page)
    }
    fn top(&self) -> f64 {
        self.pieces.iter().map(|p| p.y0).fold(f64::MAX, f64::min)
    }
    fn bottom(&self) -> f64 {
        self.pieces.iter().map(|p| p.y1).fold(f64::MIN, f64::max)
    }
    fn key(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// Splits a line into its columns' pieces (columns cut at the gaps'
/// middles).
fn pieces(l: &Line, cuts: &[f64]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for w in &l.words {
        let col = cuts.partition_point(|&c| c < (w.x0 + w.x1) / 2.0);
        match out.last_mut() {
            Some(p) if p.col == col => {
                push_joined(&mut p.text, &w.text);
                p.x1 = p.x1.max(w.x1);
            }
            _ => out.push(Piece { page: l.page, y0: l.y0, y1: l.y1, x1: w.x1, col, text: w.text.clone() }),
        }
    }
    out
}

/// The rows of the table over `lines`: each column's lines fall into
/// blocks (a cell's lines follow each other closely; a wider gap ends the
/// block), and a row ends where no column's block goes on (and at a page
/// break, and around a line over the table's width).
fn bands(lines: &[Line], spanning: &[bool], cuts: &[f64], lh: f64) -> Vec<Band> {
    let mut all: Vec<(usize, Piece)> = Vec::new(); // (the line's index, piece)
    for (k, (l, &span)) in lines.iter().zip(spanning).enumerate() {
        if span {
            all.push((k, Piece { page: l.page, y0: l.y0, y1: l.y1, x1: l.x1, col: usize::MAX, text: l.text() }));
        } else {
            all.extend(pieces(l, cuts).into_iter().map(|p| (k, p)));
        }
    }
    // Each column's blocks: (page, top, bottom), extended down a column.
    let pitch = pitch(&all, lh);
    let mut reach: Vec<f64> = vec![f64::MIN; all.len()];
    let mut cont: Vec<bool> = vec![false; all.len()];
    let mut last: HashMap<usize, usize> = HashMap::new();
    for (n, (_, p)) in all.iter().enumerate() {
        if let Some(&m) = last.get(&p.col) {
            let q = &all[m].1;
            let close = match pitch {
                Some(d) => p.y0 - q.y0 <= d + 0.12 * lh,
                None => p.y0 - q.y1 < 0.3 * lh,
            };
            if q.page == p.page && close && p.col != usize::MAX {
                // The same cell goes on: the block reaches this line.
                reach[m] = p.y0;
                cont[n] = true;
            }
        }
        last.insert(p.col, n);
    }
    split_bands(all, &reach, &cont)
}

/// The bands of the pieces (in line order): a line starts a band when it
/// starts below every block of the band, at a page break, around a line
/// over the table's width, and when it starts a second block in a column
/// of the band (the next row began; a block that goes on, a cell merged
/// over both rows, stays in the band it started in).
fn split_bands(all: Vec<(usize, Piece)>, reach: &[f64], cont: &[bool]) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::new();
    let mut bottom = f64::MIN;
    let mut started: HashMap<usize, usize> = HashMap::new(); // column -> band of its block
    let mut k = 0;
    while k < all.len() {
        let line = all[k].0;
        let e = k + all[k..].partition_point(|(l, _)| *l == line);
        let p = &all[k].1;
        let span = p.col == usize::MAX;
        let new_page =
            out.last().is_none_or(|b| b.page() != p.page || b.pieces.last().is_some_and(|q| q.page != p.page));
        let cur = out.len().wrapping_sub(1);
        let again = (k..e).any(|n| !cont[n] && started.get(&all[n].1.col) == Some(&cur));
        let below = all[k..e].iter().all(|(_, p)| p.y0 > bottom);
        if span || out.last().is_none_or(|b| b.spanning) || new_page || below || again {
            out.push(Band { spanning: span, ..Band::default() });
            bottom = f64::MIN;
        }
        let cur = out.len() - 1;
        for n in k..e {
            let p = all[n].1.clone();
            let at = match started.get(&p.col) {
                Some(&b) if cont[n] && b < cur && !out[b].spanning => b,
                _ => {
                    started.insert(p.col, cur);
                    cur
                }
            };
            if at == cur {
                bottom = bottom.max(p.y1).max(reach[n]);
            }
            out[at].pieces.push(Piece { col: if span { 0 } else { p.col }, ..p });
        }
        k = e;
    }
    // A band whose lines all went on blocks of earlier bands is no row.
    out.retain(|b| !b.pieces.is_empty());
    out
}

/// The distance from one line's top to the next in a cell: the commonest
/// step between a column's successive pieces on a page (a cell's lines
/// follow at the font's line pitch; a row's padding adds to it), or `None`
/// when too few lines follow each other.
fn pitch(all: &[(usize, Piece)], lh: f64) -> Option<f64> {
    let mut last: std::collections::HashMap<usize, &Piece> = std::collections::HashMap::new();
    let mut steps: Vec<f64> = Vec::new();
    for (_, p) in all {
        if let Some(q) = last.get(&p.col) {
            let d = p.y0 - q.y0;
            if q.page == p.page && d > 0.5 * lh && d < 2.0 * lh {
                // Rounded to a tenth of a point: the mode of a cell's steps.
                steps.push((d * 10.0).round() / 10.0);
            }
        }
        last.insert(p.col, p);
    }
    if steps.len() < 8 {
        return None;
    }
    steps.sort_by(f64::total_cmp);
    let mut best = (0usize, 0.0f64);
    let mut k = 0;
    while k < steps.len() {
        let j = steps[k..].partition_point(|&v| v <= steps[k] + 0.25) + k;
        if j - k > best.0 {
            best = (j - k, steps[k]);
        }
        k = j.max(k + 1);
    }
    (2 * best.0 >= steps.len()).then_some(best.1 + 0.25)
}

/// The grid of the table over `lines`.
pub(crate) fn grid(lines: &[Line], spanning: &[bool], gaps: &[Iv]) -> Grid {
    let cuts: Vec<f64> = gaps.iter().map(|g| (g.0 + g.1) / 2.0).collect();
    let width = cuts.len() + 1;
    let lh = median(lines.iter().map(Line::height).collect());
    let bands = bands(lines, spanning, &cuts, lh);
    let mut right = vec![f64::MIN; width];
    for p in bands.iter().filter(|b| !b.spanning).flat_map(|b| &b.pieces) {
        right[p.col] = right[p.col].max(p.x1);
    }
    let bands = join_pages(bands, &right, lh);
    let mut grid = Grid::default();
    for b in &bands {
        grid.pages.push(b.page());
        if b.spanning {
            let mut row = vec![Slot::Text(vec![b.key()])];
            let r = grid.rows.len();
            row.extend((1..width).map(|_| Slot::Covered(r, 0)));
            grid.rows.push(row);
            continue;
        }
        grid.rows.push((0..width).map(|c| Slot::Text(cell(b, c, right[c], lh))).collect());
    }
    merge_beside(&mut grid, &bands, lh);
    grid
}

/// The paragraphs of column `c` in band `b`.
fn cell(b: &Band, c: usize, right: f64, lh: f64) -> Vec<String> {
    let mut paras: Vec<String> = Vec::new();
    let mut open = false;
    for p in b.pieces.iter().filter(|p| p.col == c) {
        if !open {
            paras.push(String::new());
        }
        if let Some(last) = paras.last_mut() {
            push_joined(last, &p.text);
        }
        open = p.x1 >= right - 1.2 * lh.min(p.y1 - p.y0).max(1.0);
    }
    paras
}

/// True when `p` ends a column's line with a sentence left open: it runs
/// to the column's right edge and does not end with a full stop.
fn open_end(p: &Piece, right: f64, lh: f64) -> bool {
    p.x1 >= right - 1.2 * lh && !p.text.ends_with(['。', '；', ';', '.'])
}

/// The bands with a row cut by a page break joined again, and a header
/// repeated at a page's top dropped.
fn join_pages(bands: Vec<Band>, right: &[f64], lh: f64) -> Vec<Band> {
    let header = bands.first().map(Band::key).unwrap_or_default();
    let mut out: Vec<Band> = Vec::new();
    for b in bands {
        let Some(prev) = out.last_mut() else {
            out.push(b);
            continue;
        };
        let last_page = prev.pieces.last().map_or(0, |p| p.page);
        if last_page == b.page() || b.spanning || prev.spanning {
            out.push(b);
            continue;
        }
        if b.key() == header {
            continue;
        }
        // Per column with text on both sides of the break: whether its
        // sentence was left open.
        let open: Vec<bool> = (right.iter().enumerate())
            .filter_map(|(c, &r)| {
                let last = prev.pieces.iter().rev().find(|p| p.col == c)?;
                b.pieces.iter().any(|p| p.col == c).then(|| open_end(last, r, lh))
            })
            .collect();
        // A column that ended its sentence and has text on the new page
        // starts a new row there.
        let goes_on = open.contains(&true) && !open.contains(&false);
        if goes_on {
            prev.pieces.extend(b.pieces);
        } else {
            out.push(b);
        }
    }
    out
}

/// Makes a cell whose text stands beside the middle of several rows (the
/// others empty in its column, on its page) a merged cell over them.
fn merge_beside(grid: &mut Grid, bands: &[Band], lh: f64) {
    let width = grid.rows.first().map_or(0, Vec::len);
    let n = grid.rows.len();
    let empty = |g: &Grid, r: usize, c: usize| matches!(&g.rows[r][c], Slot::Text(p) if p.is_empty());
    for c in 0..width {
        let mut floor = 0;
        for k in 0..n {
            if empty(grid, k, c) || bands[k].spanning || matches!(grid.rows[k][c], Slot::Covered(..)) {
                continue;
            }
            let ps: Vec<&Piece> = bands[k].pieces.iter().filter(|p| p.col == c).collect();
            let (Some(first), Some(last)) = (ps.first(), ps.last()) else { continue };
            let yc = (first.y0 + last.y1) / 2.0;
            let page = bands[k].page();
            let fits = |r: usize| r < n && !bands[r].spanning && bands[r].page() == page && empty(grid, r, c);
            let mut a = k;
            while a > floor && k - a < 20 && fits(a - 1) {
                a -= 1;
            }
            let mut b = k;
            while b - k < 20 && fits(b + 1) {
                b += 1;
            }
            let mut best = (k, k, (bands[k].top() + bands[k].bottom()) / 2.0 - yc);
            for s in a..=k {
                for e in k..=b {
                    let d = (bands[s].top() + bands[e].bottom()) / 2.0 - yc;
                    let wider = e - s > best.1 - best.0;
                    if d.abs() + 0.5 * lh < best.2.abs() || wider && d.abs() <= 0.5 * lh {
                        best = (s, e, d);
                    }
                }
            }
            let (s, e, _) = best;
            if (s, e) != (k, k) {
                let text = std::mem::take(&mut grid.rows[k][c]);
                for r in s..=e {
                    grid.rows[r][c] = Slot::Covered(s, c);
                }
                grid.rows[s][c] = text;
            }
            floor = e + 1;
        }
    }
}
