//! Merged cells: the slots pandoc 2 left blank under a spanning cell, read
//! back as spans where they can only be spans.

use crate::read::{Cell, Table};

/// True when `cell` holds text.
pub(super) fn filled(cell: &Cell) -> bool {
    !cell.text.paras.is_empty()
}

/// The slot a cell at `(r, c)` stands for: where its span starts, or itself.
fn origin(table: &Table, r: usize, c: usize) -> (usize, usize) {
    table.rows.get(r).and_then(|row| row.get(c)).and_then(|cell| cell.from).unwrap_or((r, c))
}

/// The merged cells pandoc 2 leaves blank (it writes a spanning cell's text
/// in its first slot; pandoc 3 writes such a table as a grid): a blank slot
/// right of a name in a header row, before another name (`工作措施` over two
/// columns); a row with text in its first cell only (a heading over the
/// whole row); and, in the columns at the left whose blank cells stand
/// under text (groups of rows, `存在问题` over its measures), each blank
/// cell below the header, the one to its left merged too, or the first.
pub(super) fn spans(table: &mut Table, header_rows: usize) {
    for r in 0..table.rows.len().min(header_rows) {
        let row = &table.rows[r];
        let last_name = row.iter().rposition(filled).unwrap_or(0);
        for c in 1..last_name {
            if !filled(&table.rows[r][c]) && filled_or_merged(&table.rows[r][c - 1]) {
                table.rows[r][c].from = Some(origin(table, r, c - 1));
            }
        }
    }
    let heading: Vec<bool> = table.rows.iter().map(|row| is_heading_row(row)).collect();
    for (r, row) in table.rows.iter_mut().enumerate().filter(|(r, _)| heading[*r]) {
        for cell in row.iter_mut().skip(1) {
            cell.from = Some((r, 0));
        }
    }
    let width = table.rows.first().map_or(0, Vec::len);
    for c in 0..width.saturating_sub(1) {
        let groups = (header_rows + 1..table.rows.len())
            .any(|r| !heading[r] && !heading[r - 1] && !filled(&table.rows[r][c]) && filled(&table.rows[r - 1][c]));
        if !groups {
            break;
        }
        for r in header_rows + 1..table.rows.len() {
            let left_merged = c == 0 || table.rows[r][c - 1].from.is_some_and(|(fr, _)| fr < r);
            let cell = &table.rows[r][c];
            let open = !heading[r] && !heading[r - 1] && !filled_or_merged(cell);
            if !open || !left_merged || !filled_or_merged(&table.rows[r - 1][c]) {
                continue;
            }
            let above = origin(table, r - 1, c);
            table.rows[r][c].from = Some(above);
        }
    }
}

/// True when `cell` holds text or is a slot of a merged cell.
fn filled_or_merged(cell: &Cell) -> bool {
    filled(cell) || cell.from.is_some()
}

/// True when only the first of the row's cells (two or more) holds text.
fn is_heading_row(row: &[Cell]) -> bool {
    row.len() > 1 && row.first().is_some_and(filled) && !row[1..].iter().any(filled)
}
