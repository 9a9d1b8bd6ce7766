//! A sheet's cells laid out as a document: the rows from the first to the
//! last that hold a table (two cells or more, or a cell merged down from a
//! row above) are one table, a grid of the sheet's cells with merged
//! regions expanded; the rows above and below it, a title merged across or
//! the lines of a notice, and a sheet of one column, are paragraphs.
//!
//! Empty rows and columns inside the table are left out (a web page pasted
//! into a sheet leaves them between its parts); every stretch of text keeps
//! its own cell's place in the sheet.

use super::{MAX_SLOTS, Sheet};
use crate::document::build::to_u32;
use crate::document::{Builder, Extract, Slot};
use crate::source::Origin;

/// The document of a sheet, its text at most `limit` bytes.
pub(crate) fn layout(sheet: Sheet, limit: usize) -> Extract {
    let mut b = Builder::new(limit);
    let name = sheet.name.clone();
    let at = |row: u32, col: u32| Origin {
        sheet: Some(name.clone()),
        row: Some(row.saturating_add(1)),
        column: Some(col.saturating_add(1)),
        ..Origin::default()
    };
    let Some(grid) = Grid::of(sheet) else { return b.finish() };
    let table: Vec<usize> = (0..grid.height).filter(|&r| grid.is_table_row(r)).collect();
    let (first, last) = match (table.first(), table.last()) {
        (Some(&f), Some(&l)) => (f, l + 1),
        _ => (grid.height, grid.height),
    };
    (0..first).for_each(|r| grid.write_paras(&mut b, r, &at));
    if first < last {
        grid.write_table(&mut b, first, last - 1, &at);
    }
    (last..grid.height).for_each(|r| grid.write_paras(&mut b, r, &at));
    b.finish()
}

/// The box of a sheet around its cells, its slots filled.
struct Grid {
    /// The sheet's row and column of the box's first slot.
    top: u32,
    left: u32,
    height: usize,
    width: usize,
    /// The slots, row by row (`height × width`).
    slots: Vec<Slot>,
}

impl Grid {
    /// The grid of a sheet's cells, `None` when it has none or its box
    /// holds more than [`MAX_SLOTS`] slots.
    fn of(sheet: Sheet) -> Option<Grid> {
        let top = sheet.cells.iter().map(|c| c.0).min()?;
        let left = sheet.cells.iter().map(|c| c.1).min()?;
        let bottom = sheet.cells.iter().map(|c| c.0).max()?;
        let right = sheet.cells.iter().map(|c| c.1).max()?;
        let (height, width) = ((bottom - top) as usize + 1, (right - left) as usize + 1);
        if (height as u64).saturating_mul(width as u64) > MAX_SLOTS {
            return None;
        }
        let mut g = Grid { top, left, height, width, slots: vec![Slot::default(); height * width] };
        for (r, c, text) in sheet.cells {
            let paras = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
            let k = g.index((r - top) as usize, (c - left) as usize);
            g.slots[k] = Slot::Text(paras);
        }
        let mut work: u64 = 0;
        for m in &sheet.merges {
            // Clipped to the box; the work of all merges is capped.
            let r0 = m.start.0.max(top);
            let c0 = m.start.1.max(left);
            let r1 = m.end.0.min(bottom);
            let c1 = m.end.1.min(right);
            if r0 > r1 || c0 > c1 || (r0, c0) == (r1, c1) {
                continue;
            }
            work += u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
            if work > 2 * MAX_SLOTS {
                break;
            }
            let (sr, sc) = ((r0 - top) as usize, (c0 - left) as usize);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    let (gr, gc) = ((r - top) as usize, (c - left) as usize);
                    if (gr, gc) != (sr, sc) {
                        let k = g.index(gr, gc);
                        g.slots[k] = Slot::Covered(sr, sc);
                    }
                }
            }
        }
        Some(g)
    }

    /// The index of slot (`r`, `c`).
    fn index(&self, r: usize, c: usize) -> usize {
        r * self.width + c
    }

    /// The slots of row `r`.
    fn row(&self, r: usize) -> &[Slot] {
        &self.slots[r * self.width..(r + 1) * self.width]
    }

    /// True for a row of a table: two cells with text or more, or a slot
    /// covered by a cell that starts in a row above.
    fn is_table_row(&self, r: usize) -> bool {
        let row = self.row(r);
        let texts = row.iter().filter(|s| matches!(s, Slot::Text(p) if !p.is_empty())).count();
        texts >= 2 || row.iter().any(|s| matches!(s, Slot::Covered(sr, _) if *sr < r))
    }

    /// The rows `first..=last` that hold something, in groups: a row whose
    /// cells are merged down over the same rows (at least as many as the
    /// cells that are not, those merged from above aside), the others
    /// holding a line each in those rows, is one row of the table with those lines
    /// as its cells' paragraphs (a spreadsheet made from a web page splits
    /// a cell's lines over rows so, and merges the rest of the row down).
    fn groups(&self, first: usize, last: usize) -> Vec<Vec<usize>> {
        let used = |s: &Slot| !matches!(s, Slot::Text(p) if p.is_empty());
        let mut out: Vec<Vec<usize>> = Vec::new();
        let mut r = first;
        while r <= last {
            let end = self.group_end(r, last);
            let g: Vec<usize> = (r..=end).filter(|&k| k == r || self.row(k).iter().any(used)).collect();
            if self.row(r).iter().any(used) || g.len() > 1 {
                out.push(g);
            }
            r = end + 1;
        }
        out
    }

    /// The last row of the group that starts at row `r` (`r` itself when
    /// it starts none).
    fn group_end(&self, r: usize, last: usize) -> usize {
        if r >= last {
            return r;
        }
        let down = |k: usize, c: usize| matches!(self.slots[self.index(k, c)], Slot::Covered(sr, _) if sr == r);
        let merged: Vec<usize> = (0..self.width).filter(|&c| down(r + 1, c)).collect();
        let Some(&c0) = merged.first() else { return r };
        let end = (r + 1..=last).take_while(|&k| down(k, c0)).last().unwrap_or(r);
        let same = merged.iter().all(|&c| (r + 1..=end).all(|k| down(k, c)) && (end + 1 > last || !down(end + 1, c)));
        let above = |k: usize, c: usize| matches!(self.slots[self.index(k, c)], Slot::Covered(sr, _) if sr < r);
        let mut is_merged = vec![false; self.width];
        merged.iter().for_each(|&c| is_merged[c] = true);
        let others = (0..self.width)
            .filter(|&c| !is_merged[c])
            .filter(|&c| (r..=end).any(|k| matches!(&self.slots[self.index(k, c)], Slot::Text(p) if !p.is_empty())))
            .count();
        let clean = (r + 1..=end).all(|k| {
            (0..self.width).all(|c| down(k, c) || above(k, c) || matches!(self.slots[self.index(k, c)], Slot::Text(_)))
        });
        if same && clean && merged.len() >= others { end } else { r }
    }

    /// Writes the cells of row `r` as paragraphs, each at its cell.
    fn write_paras(&self, b: &mut Builder, r: usize, at: &dyn Fn(u32, u32) -> Origin) {
        for (c, slot) in self.row(r).iter().enumerate() {
            if let Slot::Text(paras) = slot {
                for p in paras {
                    b.para(p, &at(self.top + to_u32(r), self.left + to_u32(c)));
                }
            }
        }
    }

    /// Writes rows `first..=last` as a table, its empty rows and columns
    /// left out, each slot at its own cell of the sheet.
    fn write_table(&self, b: &mut Builder, first: usize, last: usize, at: &dyn Fn(u32, u32) -> Origin) {
        let used = |s: &Slot| !matches!(s, Slot::Text(p) if p.is_empty());
        let groups = self.groups(first, last);
        let rows: Vec<usize> = groups.iter().map(|g| g[0]).collect();
        let cols: Vec<usize> = (0..self.width)
            .filter(|&c| groups.iter().flatten().any(|&r| used(&self.slots[self.index(r, c)])))
            .collect();
        // Where each kept row (every row of a group) and column stands.
        let mut row_at = vec![usize::MAX; self.height];
        let mut col_at = vec![usize::MAX; self.width];
        groups.iter().enumerate().for_each(|(k, g)| g.iter().for_each(|&r| row_at[r] = k));
        cols.iter().enumerate().for_each(|(k, &c)| col_at[c] = k);
        let mut grid: Vec<Vec<Slot>> = Vec::with_capacity(groups.len());
        for (k, g) in groups.iter().enumerate() {
            let mut line = Vec::with_capacity(cols.len());
            for &c in &cols {
                let slot = match &self.slots[self.index(g[0], c)] {
                    Slot::Covered(sr, sc) => match (row_at.get(*sr), col_at.get(*sc)) {
                        // A merge that starts in a row above the table or in
                        // a column left out: its first slot kept stands for it.
                        (Some(&tr), Some(&tc)) if tr != usize::MAX && tc != usize::MAX && tr < k => {
                            Slot::Covered(tr, tc)
                        }
                        (Some(&tr), Some(&tc)) if tr == k && tc < col_at[c] => Slot::Covered(tr, tc),
                        _ => Slot::default(),
                    },
                    Slot::Text(p) => {
                        // A group's cell: the paragraphs of its rows.
                        let mut paras = p.clone();
                        for &r in &g[1..] {
                            if let Slot::Text(more) = &self.slots[self.index(r, c)] {
                                paras.extend(more.iter().cloned());
                            }
                        }
                        Slot::Text(paras)
                    }
                };
                line.push(slot);
            }
            grid.push(line);
        }
        let (top, left) = (self.top, self.left);
        let origin = |r: usize, c: usize| {
            let row = rows.get(r).copied().unwrap_or(0);
            let col = cols.get(c).copied().unwrap_or(0);
            at(top + to_u32(row), left + to_u32(col))
        };
        b.table_at(grid, &origin);
    }
}
