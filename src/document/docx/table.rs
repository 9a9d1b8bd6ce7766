//! A Word table as it is read (rows of cells with their spans) and its
//! grid: `w:gridSpan` spreads a cell over columns, `w:vMerge` continues the
//! cell above down a row, `w:gridBefore`/`w:gridAfter` leave slots empty
//! before and after a row's cells, and a row with fewer cells is padded.
//!
//! A table that holds another table in a cell lays the page out rather
//! than holding a plan: its cells' content is read as blocks in order (the
//! inner table a table of its own), as the builder asks.

use super::super::Slot;

/// Most slots a column span or the empty slots before or after a row take
/// (Word's own limit is 63 columns).
pub(super) const MAX_SPAN: usize = 64;
/// Most slots the grids of all a file's tables hold; rows past it are left
/// out.
pub(super) const MAX_SLOTS: usize = 1 << 20;

/// A block read from the body or a cell, in order.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Out {
    /// A paragraph's text (a line break in it starts another).
    Para(String),
    /// A table's grid, spans resolved.
    Table(Vec<Vec<Slot>>),
}

/// How a cell stands in a vertical merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum VMerge {
    /// The first cell of the merge.
    Restart,
    /// A cell the one above spreads over.
    Continue,
}

/// A cell as read.
#[derive(Debug, Default)]
pub(super) struct CellIn {
    /// Columns it spans (`w:gridSpan`).
    pub span: usize,
    pub vmerge: Option<VMerge>,
    /// Its paragraphs and tables in order.
    pub items: Vec<Out>,
}

/// A row as read.
#[derive(Debug, Default)]
pub(super) struct RowIn {
    /// Empty slots before its first cell (`w:gridBefore`).
    pub before: usize,
    /// Empty slots after its last cell (`w:gridAfter`).
    pub after: usize,
    pub cells: Vec<CellIn>,
}

/// A table as read.
#[derive(Debug, Default)]
pub(super) struct TableIn {
    pub rows: Vec<RowIn>,
}

impl TableIn {
    /// The row being read (one is started if none is).
    pub(super) fn row(&mut self) -> &mut RowIn {
        if self.rows.is_empty() {
            self.rows.push(RowIn::default());
        }
        let last = self.rows.len() - 1;
        &mut self.rows[last]
    }

    /// The cell being read (one is started if none is).
    pub(super) fn cell(&mut self) -> &mut CellIn {
        let row = self.row();
        if row.cells.is_empty() {
            row.cells.push(CellIn { span: 1, ..CellIn::default() });
        }
        let last = row.cells.len() - 1;
        &mut row.cells[last]
    }

    /// The blocks of the table: its grid, or for a layout table (a cell
    /// holds a table) its cells' blocks in order. `budget` is the slots
    /// left of [`MAX_SLOTS`].
    pub(super) fn finish(self, budget: &mut usize) -> Vec<Out> {
        let layout =
            self.rows.iter().flat_map(|r| &r.cells).any(|c| c.items.iter().any(|i| matches!(i, Out::Table(_))));
        if layout {
            return self.rows.into_iter().flat_map(|r| r.cells).flat_map(|c| c.items).collect();
        }
        let grid = self.grid(budget);
        if grid.is_empty() { Vec::new() } else { vec![Out::Table(grid)] }
    }

    /// The table's grid, rows padded to the widest, within `budget` slots.
    fn grid(mut self, budget: &mut usize) -> Vec<Vec<Slot>> {
        unshift(&mut self.rows);
        let mut grid: Vec<Vec<Slot>> = Vec::with_capacity(self.rows.len());
        let mut width = 0;
        for row in self.rows {
            let r = grid.len();
            let mut slots: Vec<Slot> = Vec::new();
            slots.resize(row.before.min(MAX_SPAN), Slot::default());
            for cell in row.cells {
                let col = slots.len();
                let span = cell.span.clamp(1, MAX_SPAN);
                let paras: Vec<String> =
                    cell.items.into_iter().filter_map(|i| if let Out::Para(p) = i { Some(p) } else { None }).collect();
                let above = match cell.vmerge {
                    Some(VMerge::Continue) => start_above(&grid, r, col),
                    _ => None,
                };
                if let Some((r0, c0)) = above {
                    if let Some(Slot::Text(first)) = grid.get_mut(r0).and_then(|row| row.get_mut(c0)) {
                        first.extend(paras.into_iter().filter(|p| !p.trim().is_empty()));
                    }
                    slots.extend(std::iter::repeat_n(Slot::Covered(r0, c0), span));
                } else {
                    slots.push(Slot::Text(paras));
                    slots.extend(std::iter::repeat_n(Slot::Covered(r, col), span - 1));
                }
            }
            slots.extend(std::iter::repeat_n(Slot::default(), row.after.min(MAX_SPAN)));
            // The grid is padded to its widest row: that is what it costs.
            if slots.len().max(width).saturating_mul(grid.len() + 1) > *budget {
                break;
            }
            width = width.max(slots.len());
            grid.push(slots);
        }
        *budget -= width * grid.len();
        for row in &mut grid {
            row.resize(width, Slot::default());
        }
        grid
    }
}

/// Undoes the shift of rows whose row spans ran past their group in the
/// web page a Word file was made from (LibreOffice keeps the browser's
/// layout): a row whose every cell starts a vertical merge (but for empty
/// cells that fill the grid after them), followed by a
/// row that continues all of them and has cells of its own after, was a
/// row of cells each spanning two rows with no second row for them. Its
/// spans end there: the continuations are dropped and the next row's own
/// cells take the first columns; the merges that start in that row then
/// move left, and so do their continuations in the rows below (which the
/// file puts after those rows' own cells, at the shifted column).
fn unshift(rows: &mut [RowIn]) {
    // (column in the file, column now) of merges whose first cell moved.
    let mut moved: Vec<(usize, usize)> = Vec::new();
    for r in 1..rows.len() {
        let (above, here) = rows.split_at_mut(r);
        let (above, row) = (&above[r - 1], &mut here[0]);
        moved.retain(|&(file, now)| relocate(row, file, now));
        // The row above: cells that each start a merge, then only the
        // empty cells that fill the file's grid.
        let k = above.cells.iter().take_while(|c| c.vmerge == Some(VMerge::Restart)).count();
        let filler =
            |c: &CellIn| c.vmerge.is_none() && c.items.iter().all(|i| matches!(i, Out::Para(p) if p.trim().is_empty()));
        let restarts = k >= 2 && above.cells[k..].iter().all(filler);
        if !restarts || row.cells.len() <= k || row.cells[..k].iter().any(|c| c.vmerge != Some(VMerge::Continue)) {
            continue;
        }
        let file = columns(row);
        row.cells.drain(..k);
        let now = columns(row);
        for (i, cell) in row.cells.iter().enumerate() {
            if cell.vmerge == Some(VMerge::Restart) {
                moved.push((file[i + k], now[i]));
            }
        }
    }
}

/// Moves the continuation at column `file` of `row` (as the file lays the
/// row out) to column `now`; false when the row has none there (the merge
/// ended).
fn relocate(row: &mut RowIn, file: usize, now: usize) -> bool {
    let cols = columns(row);
    let Some(i) = (0..row.cells.len()).find(|&i| cols[i] == file && row.cells[i].vmerge == Some(VMerge::Continue))
    else {
        return false;
    };
    let cell = row.cells.remove(i);
    let cols = columns(row);
    let j = cols.iter().position(|&c| c >= now).unwrap_or(row.cells.len());
    row.cells.insert(j, cell);
    true
}

/// The column each cell of `row` starts at.
fn columns(row: &RowIn) -> Vec<usize> {
    let mut col = row.before.min(MAX_SPAN);
    row.cells
        .iter()
        .map(|c| {
            let at = col;
            col += c.span.clamp(1, MAX_SPAN);
            at
        })
        .collect()
}

/// Where the cell that a `w:vMerge` continuation at (`r`, `col`) belongs to
/// starts: the cell starting in the same column of the row above, or the
/// one that cell continues; `None` when there is none.
fn start_above(grid: &[Vec<Slot>], r: usize, col: usize) -> Option<(usize, usize)> {
    match grid.get(r.checked_sub(1)?)?.get(col)? {
        Slot::Text(_) => Some((r - 1, col)),
        Slot::Covered(r0, c0) if *c0 == col => Some((*r0, *c0)),
        Slot::Covered(..) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, span: usize, vmerge: Option<VMerge>) -> CellIn {
        let items = if text.is_empty() { Vec::new() } else { vec![Out::Para(text.into())] };
        CellIn { span, vmerge, items }
    }

    fn t(s: &str) -> Slot {
        Slot::Text(if s.is_empty() { Vec::new() } else { vec![s.into()] })
    }

    #[test]
    fn spans_merges_and_grid_before_after() {
        let table = TableIn {
            rows: vec![
                RowIn { cells: vec![cell("a", 2, None), cell("b", 1, Some(VMerge::Restart))], ..RowIn::default() },
                RowIn {
                    before: 1,
                    cells: vec![cell("c", 1, None), cell("", 1, Some(VMerge::Continue))],
                    ..RowIn::default()
                },
                RowIn {
                    after: 1,
                    cells: vec![cell("d", 1, None), cell("x", 1, Some(VMerge::Continue))],
                    ..RowIn::default()
                },
                RowIn { cells: vec![cell("e", 1, None)], ..RowIn::default() },
            ],
        };
        let mut budget = MAX_SLOTS;
        let [Out::Table(grid)] = &table.finish(&mut budget)[..] else { panic!("one table") };
        assert_eq!(
            grid,
            &vec![
                vec![t("a"), Slot::Covered(0, 0), t("b")],
                vec![t(""), Slot::Text(vec!["c".into(), "x".into()]), Slot::Covered(0, 2)],
                vec![t("d"), Slot::Covered(1, 1), t("")],
                vec![t("e"), t(""), t("")],
            ]
        );
        assert_eq!(budget, MAX_SLOTS - 12);
    }

    #[test]
    fn spans_that_ran_past_their_group_are_undone() {
        let (r, c) = (Some(VMerge::Restart), Some(VMerge::Continue));
        let row = |cells: Vec<CellIn>| RowIn { cells, ..RowIn::default() };
        let table = TableIn {
            rows: vec![
                row(vec![cell("甲", 1, r), cell("做甲", 1, r), cell("A局", 1, r), cell("", 1, None)]),
                row(vec![
                    cell("", 1, c),
                    cell("", 1, c),
                    cell("", 1, c),
                    cell("乙", 1, r),
                    cell("做乙", 1, None),
                    cell("B局", 1, None),
                ]),
                row(vec![
                    cell("做丙", 1, None),
                    cell("C局", 1, None),
                    cell("", 1, None),
                    cell("", 1, c),
                    cell("", 2, None),
                ]),
                row(vec![cell("丁", 1, None), cell("做丁", 1, None), cell("D局", 1, None)]),
            ],
        };
        let [Out::Table(grid)] = &table.finish(&mut 1000)[..] else { panic!("one table") };
        let firsts: Vec<Vec<Slot>> = grid.iter().map(|row| row[..3].to_vec()).collect();
        assert_eq!(
            firsts,
            vec![
                vec![t("甲"), t("做甲"), t("A局")],
                vec![t("乙"), t("做乙"), t("B局")],
                vec![Slot::Covered(1, 0), t("做丙"), t("C局")],
                vec![t("丁"), t("做丁"), t("D局")],
            ]
        );
    }

    #[test]
    fn a_layout_table_gives_its_cells_blocks() {
        let inner = Out::Table(vec![vec![t("x")]]);
        let table = TableIn {
            rows: vec![RowIn {
                cells: vec![CellIn { span: 1, vmerge: None, items: vec![Out::Para("标题".into()), inner] }],
                ..RowIn::default()
            }],
        };
        let out = table.finish(&mut 100);
        assert_eq!(out, vec![Out::Para("标题".into()), Out::Table(vec![vec![t("x")]])]);
    }

    #[test]
    fn the_slot_budget_stops_rows() {
        let rows = (0..10).map(|_| RowIn { cells: vec![cell("a", 64, None)], ..RowIn::default() }).collect();
        let mut budget = 200;
        let [Out::Table(grid)] = &TableIn { rows }.finish(&mut budget)[..] else { panic!("one table") };
        assert_eq!(grid.len(), 3);
    }
}
