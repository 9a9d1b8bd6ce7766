//! Pandoc's simple and multiline tables: dashed rules, columns found by the
//! rule's dashes, cells wrapped over lines, blank lines between rows.
//!
//! `pandoc -t plain` (and Markdown without pipe tables) writes a table whose
//! cells each hold one paragraph as columns of text set apart by spaces,
//! every line indented by two:
//!
//! ```text
//!   工作任务           具体措施                   牵头单位
//!   ------------------ -------------------------- ------------
//!   一、优化政务服务   1.推进“一网通办”。         区行政审批局
//!                      2.压缩企业开办时间。       区市场监管局
//! ```
//!
//! The rule under the header (the *column rule*: runs of dashes apart by a
//! space) gives the columns: each run is one, from its first dash to its
//! last. The four forms:
//! - simple: header line, column rule, one line per row, ended by a blank
//!   line;
//! - simple without header: column rule, one line per row, column rule;
//! - multiline: a *border* (one long run of dashes), header lines, column
//!   rule, rows apart by blank lines, each row one or more lines, border;
//! - multiline without header: column rule, rows apart by blank lines,
//!   column rule (a single row followed by an empty line: that is how it
//!   differs from a simple one).
//!
//! Rows are parted by empty lines; a blank line inside a row, or a row of
//! empty cells in a simple table, pandoc pads with spaces.
//!
//! Columns are display columns: a CJK character takes two, an East Asian
//! ambiguous one (`“”`, `①`, `—`) one, as `UnicodeWidthChar::width` has
//! them and pandoc (2.17 and 3) pads them. A line is cut into its runs of
//! non-space characters, and each run goes to the column its first
//! character stands in; a cell's text on that line is the span from its
//! first run to its last.
//!
//! Lines of one cell: pandoc breaks a cell's text only at a space or at a
//! hard line break, never inside CJK text. A break between two wide
//! characters is therefore a separator (units one per line, a `<br>`): a new
//! paragraph; a break between narrow words is a wrap: the next piece of the
//! same paragraph. A header cell's lines are always one paragraph, and so
//! are those of the first rows when they name the columns (a page that
//! wrote its header as plain cells gets a table without header).
//!
//! Merged cells: pandoc 3 writes a table that has any as a grid table;
//! pandoc 2 writes the spanning cell's text in its first slot and leaves the
//! others blank. Those blanks are read back as spans where they can only be
//! spans: a blank header slot right of a name and before another name; the
//! rest of a row whose only text is its first cell (a heading over the
//! row); a blank under text in the group columns at the left (a blank lead
//! cell further right stays blank).
//!
//! This file finds the tables and holds the reader's bounds; [`lines`] reads
//! lines and rules, [`table`] gathers a table's lines into header and rows,
//! [`cut`] cuts lines into cells by the rule's columns, and [`merged`] reads
//! back the merged cells pandoc 2 left blank.

mod cut;
mod lines;
mod merged;
mod table;

use super::{Block, Document, lines_as_paras};
use crate::model::Layout;
use lines::{Rule, line_at, rule};
use table::table_at;

/// Most columns a rule may set out: a line of more runs of dashes is not
/// read as a table's rule.
const MAX_COLUMNS: usize = 64;
/// Most lines of a multiline table's header.
const MAX_HEADER_LINES: usize = 8;
/// Most rows at the top of a table's body read as header rows when they
/// name columns (a table whose header the page wrote as plain cells).
const MAX_HEADER_ROWS: usize = 3;
/// Lines the reader may look at for each line of the input, over all the
/// tables it tries: a bound against looking at the same lines again and
/// again.
const SCAN_FACTOR: usize = 4;
/// Bytes of input for each cell the tables may hold between them (a cell
/// takes some fifty bytes of memory): past that, the text is no document
/// this reader makes.
const BYTES_PER_CELL: usize = 4;
/// A table is read when at most one of this many of its lines has a run of
/// text across a column's edge.
const MISFIT_RATIO: usize = 8;
/// Where tab stops are, for a tab inside a line (pandoc writes none).
const TAB: usize = 8;

/// The document of `src`, when it holds such a table; `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    memchr::memmem::find(src.as_bytes(), b"--")?;
    let lines = memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1;
    let mut budget = Budget {
        lines: lines.saturating_mul(SCAN_FACTOR).saturating_add(64),
        cells: src.len() / BYTES_PER_CELL + 4096,
        too_big: false,
    };
    let mut blocks = Vec::new();
    let (mut done, mut at, mut tables) = (0, 0, 0);
    while at < src.len() {
        let line = line_at(src, at);
        if let Some(Rule::Columns(columns)) = rule(line.text(src)) {
            if let Some(found) = table_at(src, line, &columns, done, &mut budget) {
                lines_as_paras(src, done, found.start, &mut blocks);
                blocks.push(Block::Table(found.table));
                (done, at, tables) = (found.next, found.next, tables + 1);
                continue;
            }
        }
        if budget.too_big || budget.lines == 0 {
            return None;
        }
        at = line.next;
    }
    if tables == 0 {
        return None;
    }
    lines_as_paras(src, done, src.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::DashedTable })
}

/// What the reader may still spend on a text.
#[derive(Debug)]
struct Budget {
    /// Lines to look at.
    lines: usize,
    /// Cells to make.
    cells: usize,
    /// True once a table had more cells than were left: the reader gives
    /// up, as when it runs out of lines.
    too_big: bool,
}

impl Budget {
    /// Spends one line; `None` when none is left.
    fn line(&mut self) -> Option<()> {
        self.lines = self.lines.checked_sub(1)?;
        Some(())
    }

    /// Spends `n` cells; `None` (and the reader gives up) when fewer are left.
    fn cells(&mut self, n: usize) -> Option<()> {
        match self.cells.checked_sub(n) {
            Some(left) => self.cells = left,
            None => self.too_big = true,
        }
        (!self.too_big).then_some(())
    }
}

#[cfg(test)]
mod tests;
