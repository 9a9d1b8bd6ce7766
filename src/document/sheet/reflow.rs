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

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells of `sheet`, as (row, column, text).
    fn cells(sheet: &Sheet) -> Vec<(u32, u32, &str)> {
        sheet.cells.iter().map(|(r, c, t)| (*r, *c, t.as_str())).collect()
    }

    #[test]
    fn a_row_merged_over_rows_it_does_not_own_is_placed_again() {
        let m = |r0, c0, r1, c1| Dimensions { start: (r0, c0), end: (r1, c1) };
        let t = |r, c, s: &str| (r, c, s.to_string());
        // Row 0 all merged down to row 1; row 1's cells pushed to D..F, its
        // D merged down to row 2; row 2's cells at A..B around it.
        let mut sheet = Sheet {
            name: "S".into(),
            cells: vec![
                t(0, 0, "问题"),
                t(0, 1, "措施"),
                t(0, 2, "单位"),
                t(1, 3, "问题二"),
                t(1, 4, "措施二"),
                t(1, 5, "单位二"),
            ],
            merges: vec![m(0, 0, 1, 0), m(0, 1, 1, 1), m(0, 2, 1, 2), m(1, 3, 2, 3)],
        };
        sheet.cells.extend([t(2, 0, "措施三"), t(2, 1, "单位三")]);
        repair(&mut sheet);
        assert_eq!(
            cells(&sheet),
            [
                (0, 0, "问题"),
                (0, 1, "措施"),
                (0, 2, "单位"),
                (1, 0, "问题二"),
                (1, 1, "措施二"),
                (1, 2, "单位二"),
                (2, 1, "措施三"),
                (2, 2, "单位三")
            ]
        );
        assert_eq!(sheet.merges[3], m(1, 0, 2, 0));
        assert!(sheet.merges[..3].iter().all(|d| d.end.0 == 0));
    }

    #[test]
    fn a_table_with_merged_cells_of_its_own_is_left_as_it_is() {
        let m = |r0, c0, r1, c1| Dimensions { start: (r0, c0), end: (r1, c1) };
        let t = |r, c, s: &str| (r, c, s.to_string());
        let mut sheet = Sheet {
            name: "S".into(),
            cells: vec![t(0, 0, "问题"), t(0, 1, "措施"), t(0, 2, "单位"), t(1, 1, "措施二"), t(1, 2, "单位二")],
            merges: vec![m(0, 0, 1, 0)],
        };
        let before = cells(&sheet).iter().map(|&(r, c, s)| (r, c, s.to_string())).collect::<Vec<_>>();
        repair(&mut sheet);
        assert_eq!(sheet.cells, before);
        assert_eq!(sheet.merges, [m(0, 0, 1, 0)]);
    }
}
