//! A table's lines: the header above its column rule, the body below it in
//! rows apart by blank lines, and the table those make.

use super::cut::{Fit, row};
use super::lines::{Column, Line, Rule, line_at, line_before, rule};
use super::merged::{filled, spans};
use super::{Budget, MAX_HEADER_LINES, MAX_HEADER_ROWS, MISFIT_RATIO};
use crate::lexicon;
use crate::read::{Cell, Table};

/// A table found in the text: the bytes its lines take, and its rows.
#[derive(Debug)]
pub(super) struct Found {
    /// The start of its first line.
    pub(super) start: usize,
    /// The start of the line after it.
    pub(super) next: usize,
    pub(super) table: Table,
}

/// The lines of a table, as its rules and blank lines set them apart.
#[derive(Debug, Default)]
struct Parts {
    /// Where its first line starts.
    start: usize,
    /// The header's lines; none when it has no header.
    header: Vec<Line>,
    /// True when its rows are apart by blank lines (a multiline table).
    blocks: bool,
    /// True when a rule must close it.
    closed: bool,
}

/// The table whose column rule is `rule_line`, its columns `columns`, if the
/// lines around it make one; `floor` is where the text still free starts (a
/// table does not reach above it).
pub(super) fn table_at(
    src: &str,
    rule_line: Line,
    columns: &[Column],
    floor: usize,
    budget: &mut Budget,
) -> Option<Found> {
    let parts = parts_above(src, rule_line, floor, budget)?;
    let body = body(src, rule_line.next, parts.closed, columns, budget)?;
    // Empty lines in a table without header: a multiline table's (pandoc ends
    // one of a single row with an empty line too); a simple table has none.
    let blocks = parts.blocks || (parts.header.is_empty() && body.blank);
    let rows_n = if blocks { body.blocks.len() } else { body.blocks.iter().map(Vec::len).sum() };
    budget.cells((rows_n + 1).saturating_mul(columns.len()))?;
    let mut fit = Fit::default();
    let mut rows = Vec::new();
    if !parts.header.is_empty() {
        rows.push(row(src, &parts.header, columns, true, &mut fit));
    }
    let first_body = rows.len();
    for block in &body.blocks {
        if blocks {
            rows.push(row(src, block, columns, false, &mut fit));
        } else {
            rows.extend(block.chunks(1).map(|line| row(src, line, columns, false, &mut fit)));
        }
    }
    let header_rows = first_body + join_header_rows(src, &mut rows[first_body..]);
    let two_cells = rows.iter().any(|r| r.iter().filter(|c| filled(c)).count() >= 2);
    if !two_cells || fit.misfits * MISFIT_RATIO > fit.lines {
        return None;
    }
    let mut table = Table { rows };
    table.square();
    spans(&mut table, header_rows);
    Some(Found { start: parts.start, next: body.next, table })
}

/// The rows at the top of `rows` that name columns, read as header rows
/// (a page that wrote its header as plain cells): each cell's lines one
/// paragraph. Gives how many there are.
fn join_header_rows(src: &str, rows: &mut [Vec<Cell>]) -> usize {
    let mut n = 0;
    for row in rows.iter_mut().take(MAX_HEADER_ROWS) {
        if !names_columns(src, row) {
            break;
        }
        for cell in row.iter_mut() {
            cell.text.paras = vec![cell.text.paras.concat()];
            cell.text.paras.retain(|p| !p.is_empty());
        }
        n += 1;
    }
    n
}

/// True when `row` names columns: two of its cells or more, and half of
/// those that hold text at least, are column names (`工作任务`, `牵头单位`).
fn names_columns(src: &str, row: &[Cell]) -> bool {
    let texts = row.iter().filter(|c| filled(c)).count();
    let names = row
        .iter()
        .filter(|c| filled(c))
        .filter(|c| lexicon::column_kind(&crate::fold::compact(&c.text.joined(src, ""))).is_some())
        .count();
    names >= 2 && names * 2 >= texts
}

/// What stands above a column rule: a header (one line; or several under a
/// border, a multiline table), or nothing (a table without header, which a
/// rule closes).
fn parts_above(src: &str, rule_line: Line, floor: usize, budget: &mut Budget) -> Option<Parts> {
    let above = line_before(src, rule_line.start).filter(|l| l.start >= floor && !l.is_blank(src));
    let Some(above) = above else {
        return Some(Parts { start: rule_line.start, closed: true, ..Parts::default() });
    };
    match rule(above.text(src)) {
        Some(Rule::Border) => return Some(Parts { start: above.start, closed: true, ..Parts::default() }),
        Some(Rule::Columns(_)) => return None,
        None => {}
    }
    let mut header = vec![above];
    let mut top = above;
    while header.len() < MAX_HEADER_LINES {
        budget.line()?;
        let Some(line) = line_before(src, top.start).filter(|l| l.start >= floor && !l.is_blank(src)) else {
            break;
        };
        match rule(line.text(src)) {
            Some(Rule::Border) => {
                header.reverse();
                return Some(Parts { start: line.start, header, blocks: true, closed: true });
            }
            Some(Rule::Columns(_)) => break,
            None => {}
        }
        header.push(line);
        top = line;
    }
    // No border above: a simple table, its header the one line.
    Some(Parts { start: above.start, header: vec![above], blocks: false, closed: false })
}

/// The body of a table: its rows' lines in runs apart by blank lines.
#[derive(Debug)]
struct Body {
    blocks: Vec<Vec<Line>>,
    /// The start of the line after the table.
    next: usize,
    /// True when empty lines stand in it (between rows or before its end;
    /// pandoc pads a row of empty cells with spaces).
    blank: bool,
}

/// The body of a table from byte `from`. A table that a rule must close
/// (`closed`) has one at its end, and no two empty lines in a row; else the
/// body ends at a blank line (or a rule, taken with it), but for a row of
/// empty cells, which pandoc pads with spaces up to the last column.
fn body(src: &str, from: usize, closed: bool, columns: &[Column], budget: &mut Budget) -> Option<Body> {
    let last_column = columns.last().map_or(0, |c| c.start);
    let mut lines: Vec<Line> = Vec::new();
    let mut at = from;
    let next = loop {
        if at >= src.len() {
            if closed {
                return None;
            }
            break src.len();
        }
        budget.line()?;
        let line = line_at(src, at);
        let blank = line.is_blank(src);
        if blank && !closed {
            let padded = line.end - line.start >= last_column && line.text(src).bytes().all(|b| b == b' ');
            if !padded || line.next >= src.len() || line_at(src, line.next).is_blank(src) {
                break line.start;
            }
        }
        if closed && line.start == line.end && lines.last().is_some_and(|l| l.start == l.end) {
            return None;
        }
        if !blank && rule(line.text(src)).is_some() {
            break line.next;
        }
        lines.push(line);
        at = line.next;
    };
    let blank = lines.iter().any(|l| l.start == l.end);
    let blocks = split_rows(src, &lines);
    (!blocks.is_empty()).then_some(Body { blocks, next, blank })
}

/// `lines` in runs apart by blank lines. Pandoc parts the rows of a
/// multiline table by empty lines, and pads a blank line inside a row with
/// spaces: where the body has an empty line, only empty lines part rows;
/// else every blank line does.
fn split_rows(src: &str, lines: &[Line]) -> Vec<Vec<Line>> {
    let empty_parts = lines.iter().any(|l| l.start == l.end);
    let parts = |l: &Line| if empty_parts { l.start == l.end } else { l.is_blank(src) };
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for run in lines.split(parts) {
        // A run's blank lines at either end belong to no cell.
        let first = run.iter().position(|l| !l.is_blank(src));
        let last = run.iter().rposition(|l| !l.is_blank(src));
        if let (Some(a), Some(b)) = (first, last) {
            blocks.push(run[a..=b].to_vec());
        }
    }
    blocks
}
