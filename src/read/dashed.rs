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

use memchr::{memchr, memrchr};
use unicode_width::UnicodeWidthChar;

use super::{Block, Cell, Document, Piece, Table, Text, lines_as_paras};
use crate::lexicon;
use crate::model::Layout;
use crate::span::Span;

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

// ---------------------------------------------------------------------------
// Lines and rules
// ---------------------------------------------------------------------------

/// A line of the input: its text from `start` to `end` (the line break and
/// a `\r` before it left out), and where the next line starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

impl Line {
    /// The line's text.
    fn text<'s>(&self, src: &'s str) -> &'s str {
        src.get(self.start..self.end).unwrap_or("")
    }

    /// True when the line holds nothing but white space.
    fn is_blank(&self, src: &str) -> bool {
        self.text(src).trim().is_empty()
    }
}

/// The line that starts at byte `start` (a line start of `src`).
fn line_at(src: &str, start: usize) -> Line {
    let bytes = src.as_bytes();
    let start = start.min(bytes.len());
    let (end, next) = match memchr(b'\n', &bytes[start..]) {
        Some(k) => (start + k, start + k + 1),
        None => (bytes.len(), bytes.len()),
    };
    let end = if end > start && bytes[end - 1] == b'\r' { end - 1 } else { end };
    Line { start, end, next }
}

/// The line that ends just before the line starting at `start`.
fn line_before(src: &str, start: usize) -> Option<Line> {
    let before = start.checked_sub(1)?;
    let from = memrchr(b'\n', src.as_bytes().get(..before)?).map_or(0, |k| k + 1);
    Some(line_at(src, from))
}

/// A column as the dashes of a rule set it out: display columns
/// `[start, end)` of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Column {
    start: usize,
    end: usize,
}

/// A line of dashes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Rule {
    /// One run of dashes: the top or bottom of a multiline table.
    Border,
    /// Runs of dashes apart by spaces: the columns of a table.
    Columns(Vec<Column>),
}

/// The rule `text` is, if it is one: only spaces and dashes; one run of at
/// least three dashes is a border; two runs or more (at most
/// [`MAX_COLUMNS`]), one of them of three dashes or more, are columns.
fn rule(text: &str) -> Option<Rule> {
    let bytes = text.as_bytes();
    let mut columns = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' => i += 1,
            b'-' => {
                let start = i;
                while bytes.get(i) == Some(&b'-') {
                    i += 1;
                }
                if columns.len() == MAX_COLUMNS {
                    return None;
                }
                columns.push(Column { start, end: i });
            }
            _ => return None,
        }
    }
    let longest = columns.iter().map(|c| c.end - c.start).max().unwrap_or(0);
    match columns.len() {
        _ if longest < 3 => None,
        1 => Some(Rule::Border),
        _ => Some(Rule::Columns(columns)),
    }
}

// ---------------------------------------------------------------------------
// A table's lines
// ---------------------------------------------------------------------------

/// A table found in the text: the bytes its lines take, and its rows.
#[derive(Debug)]
struct Found {
    /// The start of its first line.
    start: usize,
    /// The start of the line after it.
    next: usize,
    table: Table,
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
fn table_at(src: &str, rule_line: Line, columns: &[Column], floor: usize, budget: &mut Budget) -> Option<Found> {
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

// ---------------------------------------------------------------------------
// Merged cells
// ---------------------------------------------------------------------------

/// True when `cell` holds text.
fn filled(cell: &Cell) -> bool {
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
fn spans(table: &mut Table, header_rows: usize) {
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

// ---------------------------------------------------------------------------
// Cutting lines into cells
// ---------------------------------------------------------------------------

/// How well a table's lines fit its columns.
#[derive(Debug, Default)]
struct Fit {
    /// Lines cut.
    lines: usize,
    /// Lines with a run of text across the edge of a column.
    misfits: usize,
}

/// A line's text in one column: its span, and whether its first and last
/// characters are wide (CJK).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bit {
    span: Span,
    first_wide: bool,
    last_wide: bool,
}

/// A run of non-space characters of a line.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// Byte offsets in the input.
    start: usize,
    end: usize,
    /// Display columns of the line.
    from: usize,
    to: usize,
    first_wide: bool,
    last_wide: bool,
}

/// The runs of non-space characters of `line`, with their display columns.
fn runs(src: &str, line: Line) -> Vec<Run> {
    let mut out = Vec::new();
    let mut open: Option<Run> = None;
    let mut pos = 0;
    for (i, c) in line.text(src).char_indices() {
        let at = line.start + i;
        let width = if c == '\t' { TAB - pos % TAB } else { c.width().unwrap_or(0) };
        if c.is_whitespace() {
            out.extend(open.take());
        } else {
            let wide = width > 1;
            let run =
                open.get_or_insert(Run { start: at, end: at, from: pos, to: pos, first_wide: wide, last_wide: wide });
            run.end = at + c.len_utf8();
            run.to = pos + width;
            run.last_wide = wide;
        }
        pos += width;
    }
    out.extend(open);
    out
}

/// `line` cut by `columns`: each column's text on it, and whether a run of
/// text crosses into the next column. A run goes to the column its start
/// stands in; one that starts in the space after a column's dashes goes to
/// the next (a width measured one short), and one left of the first column
/// to the first.
fn cut(src: &str, line: Line, columns: &[Column]) -> (Vec<Option<Bit>>, bool) {
    let mut bits: Vec<Option<Bit>> = vec![None; columns.len()];
    let mut misfit = false;
    let mut k = 0;
    for run in runs(src, line) {
        while columns.get(k + 1).is_some_and(|c| c.start <= run.from) {
            k += 1;
        }
        if k + 1 < columns.len() && run.from >= columns[k].end {
            k += 1;
        }
        misfit |= columns.get(k + 1).is_some_and(|c| run.to > c.start);
        let bit = bits[k].get_or_insert(Bit {
            span: Span::new(run.start, run.end),
            first_wide: run.first_wide,
            last_wide: false,
        });
        bit.span.end = run.end;
        bit.last_wide = run.last_wide;
    }
    (bits, misfit)
}

/// The row that `lines` make (one line of a simple table, the lines of a
/// multiline table's row or header): each column's text on them, a new
/// paragraph where a cell's text breaks between two wide characters or
/// skips a line (not in a header, whose cells are one paragraph each).
fn row(src: &str, lines: &[Line], columns: &[Column], header: bool, fit: &mut Fit) -> Vec<Cell> {
    let mut paras: Vec<Vec<Vec<Piece>>> = vec![Vec::new(); columns.len()];
    // For each column: the line its text was last on, and whether that text ended wide.
    let mut last: Vec<Option<(usize, bool)>> = vec![None; columns.len()];
    for (n, &line) in lines.iter().enumerate() {
        let (bits, misfit) = cut(src, line, columns);
        fit.lines += 1;
        fit.misfits += usize::from(misfit);
        for (k, bit) in bits.into_iter().enumerate() {
            let Some(bit) = bit else { continue };
            let broken = |(at, wide): (usize, bool)| at + 1 != n || (wide && bit.first_wide);
            let new_para = match last[k] {
                None => true,
                Some(prev) => !header && broken(prev),
            };
            if new_para {
                paras[k].push(Vec::new());
            }
            if let Some(para) = paras[k].last_mut() {
                para.push(Piece::Src(bit.span));
            }
            last[k] = Some((n, bit.last_wide));
        }
    }
    paras.into_iter().map(|paras| Cell { text: Text { paras }, from: None }).collect()
}

#[cfg(test)]
mod tests;
