//! A sheet imported from a web page whose row says `rowspan=2` with no row
//! of its own below it: the importer places the cells as a browser does,
//! so the next row's cells land right of the merged ones, past the table's
//! columns, and the rows under them around the merges they bring.
//!
//! The signature is plain in the sheet: every cell of row `r` merged down
//! over the same rows, and those rows holding cells only right of them.
//! The merges are cut back to row `r` and the rows below placed again as a
//! browser would without them (each row's cells left to right in the first
//! columns its merged cells from above leave free), up to the last row a
//! merge among them reaches.

use std::collections::HashMap;

use calamine::Dimensions;

use super::Sheet;

/// Repairs every such row of `sheet` (see the module's doc).
pub(crate) fn repair(sheet: &mut Sheet) {
    if sheet.merges.is_empty() || sheet.merges.len() > 100_000 {
        return;
    }
    sheet.cells.sort_unstable_by_key(|c| (c.0, c.1));
    let mut starts: Vec<u32> = sheet.merges.iter().filter(|m| m.end.0 > m.start.0).map(|m| m.start.0).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut at: HashMap<(u32, u32), usize> = HashMap::new();
    for (k, m) in sheet.merges.iter().enumerate() {
        at.entry(m.start).or_insert(k);
    }
    for r in starts {
        repair_row(sheet, &mut at, r);
    }
}

/// The cells of row `r`: their indices in `sheet.cells` (sorted by place).
fn row_cells(sheet: &Sheet, r: u32) -> std::ops::Range<usize> {
    let a = sheet.cells.partition_point(|c| c.0 < r);
    let b = sheet.cells.partition_point(|c| c.0 <= r);
    a..b
}

/// Repairs row `r` when it has the signature.
fn repair_row(sheet: &mut Sheet, at: &mut HashMap<(u32, u32), usize>, r: u32) {
    let cells = row_cells(sheet, r);
    if cells.len() < 2 {
        return;
    }
    let mut ms = Vec::new();
    for k in cells.clone() {
        match at.get(&(r, sheet.cells[k].1)).copied() {
            Some(m) if sheet.merges[m].end.0 > r => ms.push(m),
            _ => return,
        }
    }
    let end = sheet.merges[ms[0]].end.0;
    let right = ms.iter().map(|&m| sheet.merges[m].end.1).max().unwrap_or(0);
    let left = sheet.cells[cells.start].1;
    if ms.iter().any(|&m| sheet.merges[m].end.0 != end) {
        return;
    }
    let below = row_cells(sheet, r + 1).start..row_cells(sheet, end).end;
    if below.is_empty() || sheet.cells[below.clone()].iter().any(|c| c.1 <= right) {
        return;
    }
    for &m in &ms {
        sheet.merges[m].end.0 = r;
    }
    // The rows placed again: from r + 1 to the last a merge among them reaches.
    let mut last = end;
    let mut t = r + 1;
    let mut taken: Vec<(u32, u32, u32)> = Vec::new(); // (until row, first col, last col) of new merges
    while t <= last {
        let idx = row_cells(sheet, t);
        let row: Vec<(usize, Option<usize>)> = idx.map(|k| (k, at.remove(&(t, sheet.cells[k].1)))).collect();
        let mut col = left;
        for (k, m) in row {
            let width = m.map_or(0, |m| sheet.merges[m].end.1 - sheet.merges[m].start.1);
            while let Some(&(_, _, l)) = taken.iter().find(|&&(u, f, l)| u >= t && f <= col && col <= l) {
                col = l + 1;
            }
            sheet.cells[k].1 = col;
            if let Some(m) = m {
                let d = sheet.merges[m];
                sheet.merges[m] = Dimensions { start: (t, col), end: (d.end.0, col + width) };
                at.insert((t, col), m);
                last = last.max(d.end.0);
                if d.end.0 > t {
                    taken.push((d.end.0, col, col + width));
                }
            }
            col += width + 1;
        }
        t += 1;
    }
}
