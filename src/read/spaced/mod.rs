//! Columns set apart by spaces (lynx, `pdftotext -layout`, Word's "save as
//! text"): columns found from the gaps that stay empty over many lines.
//!
//! A table is claimed only under a header line whose cells, set apart by
//! runs of spaces, are column names (one of them a units column); a header
//! cell wrapped over the line above or below is joined to it. Below it, each
//! line's text is cut into tokens (runs of non-spaces) and chunks (tokens one
//! space apart); each chunk goes to the column whose left edge, as last
//! seen, is nearest its start, the edges following the text down the page
//! (`pdftotext -layout` shifts them from page to page). A chunk that runs on
//! into the next column with a single space between (pdftotext squeezes
//! cells of one line together) is cut where a token starts at that column's
//! edge, the part left within the width its column has shown.
//!
//! Rows: blank lines part them; inside a block of lines, a row starts where
//! the task column (the one whose cells start with task numbers, else the
//! one with the most text outside units columns) starts a new cell: a task
//! number, or a line after one that ended a sentence. Lines of the other
//! columns between two rows' task text (a cell printed vertically centred
//! beside a shorter or taller one) go to the row that keeps their cell best
//! centred on its row. A cell's lines are pieces of one paragraph; a gap of
//! several lines in a column starts a new paragraph. Positions are counted in
//! characters in `pdftotext` output (it has form feeds; it places text by
//! characters) and in display columns otherwise (CJK characters are two
//! wide).

mod columns;
mod header;
mod rows;
#[cfg(test)]
mod tests;

use unicode_width::UnicodeWidthChar;

use super::{Block, Cell, Document, Piece, Table, Text, lines_as_paras};
use crate::lexicon::ColumnKind;
use crate::model::Layout;
use crate::span::Span;
use columns::{Columns, MAX_WIDTH};
use header::{Header, cell_kind, find_header, may_hold_header};
use rows::{Row, cells_of, merge_down, rows, task_column};

/// The most columns a header may have.
pub(super) const MAX_COLUMNS: usize = 16;
/// The most tokens a table line may have (longer lines end the table).
const MAX_TOKENS: usize = 400;
/// Blank lines in a row that end a table.
const END_BLANKS: usize = 3;
/// How far (in columns) a token may start from a column's edge to be cut
/// there.
pub(super) const EDGE_TOLERANCE: usize = 3;

/// The document of `src`, when it holds such a table; `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    if memchr::memchr(b'\t', src.as_bytes()).is_some() || !may_hold_header(src) {
        return None;
    }
    let by_chars = src.contains('\x0c');
    let lines = super::line_spans(src);
    let mut blocks = Vec::new();
    let (mut at, mut from) = (0, 0);
    let mut found = false;
    while at < lines.len() {
        let Some(header) = find_header(src, &lines, at, by_chars) else { break };
        let table = read_table(src, &lines, &header, by_chars);
        let Some((table, end)) = table else {
            at = header.line + 1;
            continue;
        };
        lines_as_paras(src, from, lines[header.first].start, &mut blocks);
        blocks.push(Block::Table(table));
        found = true;
        from = lines.get(end).map_or(src.len(), |l| l.start);
        at = end.max(header.line + 1);
    }
    if !found {
        return None;
    }
    lines_as_paras(src, from, src.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::SpacedTable })
}

/// A run of non-space characters of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    /// Where it starts and ends, in columns.
    x: usize,
    end_x: usize,
    /// Its bytes in the input.
    span: Span,
    /// True when it is one character (a letter-spaced run is made of such).
    single: bool,
}

/// The width of `c` in columns.
pub(super) fn width(c: char, by_chars: bool) -> usize {
    match c {
        '\x0c' | '\r' => 0,
        _ if by_chars => 1,
        _ => c.width().unwrap_or(0),
    }
}

/// The tokens of a line; `None` past `cap` tokens.
pub(super) fn tokens(src: &str, line: Span, by_chars: bool, cap: usize) -> Option<Vec<Tok>> {
    let text = line.slice(src);
    let mut out: Vec<Tok> = Vec::new();
    let mut x = 0;
    let mut open: Option<(usize, usize, usize)> = None; // (x, byte, chars)
    for (i, c) in text.char_indices() {
        let space = c == ' ' || c == '\u{3000}' || c == '\x0c' || c == '\r';
        if space {
            if let Some((tx, tb, n)) = open.take() {
                out.push(Tok { x: tx, end_x: x, span: Span::new(line.start + tb, line.start + i), single: n == 1 });
                if out.len() > cap {
                    return None;
                }
            }
        } else {
            match &mut open {
                Some((_, _, n)) => *n += 1,
                None => open = Some((x, i, 1)),
            }
        }
        x += width(c, by_chars);
    }
    if let Some((tx, tb, n)) = open {
        out.push(Tok { x: tx, end_x: x, span: Span::new(line.start + tb, line.end), single: n == 1 });
    }
    (out.len() <= cap).then_some(out)
}

/// The chunks of a line's tokens: index ranges of tokens one space apart.
pub(super) fn chunks(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || toks[i].x > toks[i - 1].end_x + 1 {
            if i > start {
                out.push((start, i));
            }
            start = i;
        }
    }
    out
}

/// The folded text of tokens, spaces left out.
pub(super) fn compact(src: &str, toks: &[Tok]) -> String {
    toks.iter().map(|t| crate::fold::compact(t.span.slice(src))).collect()
}

// ---------------------------------------------------------------------------
// The body: lines cut into columns
// ---------------------------------------------------------------------------

/// A stretch of a line that goes to one column: a range of its tokens.
#[derive(Clone, Copy, Debug)]
pub(super) struct Seg {
    col: usize,
    from: usize,
    to: usize,
}

/// A line of the table's body, cut into columns.
#[derive(Clone, Debug, Default)]
pub(super) struct BodyLine {
    toks: Vec<Tok>,
    segs: Vec<Seg>,
}

/// The most width a column's width count keeps apart.

/// The table under `header` and the line after it; `None` when the lines
/// under it show no columns.
fn read_table(src: &str, lines: &[Span], header: &Header, by_chars: bool) -> Option<(Table, usize)> {
    let n = header.cells.len();
    let mut cols = Columns {
        edges: header.cells.iter().map(|c| c.x).collect(),
        widths: vec![vec![0; MAX_WIDTH]; n],
        aligned: 0,
        placed: 0,
        seen: vec![false; n],
    };
    let mut body: Vec<BodyLine> = Vec::new();
    let (mut blanks, mut end) = (0, header.last + 1);
    for (j, &line) in lines.iter().enumerate().skip(header.last + 1) {
        let toks = tokens(src, line, by_chars, MAX_TOKENS)?;
        if toks.is_empty() || is_page_number(src, &toks) {
            blanks += usize::from(toks.is_empty());
            if blanks >= END_BLANKS {
                break;
            }
            body.push(BodyLine::default());
            continue;
        }
        blanks = 0;
        let segs = cols.assign(src, &toks);
        body.push(BodyLine { toks, segs });
        end = j + 1;
    }
    body.truncate(end - (header.last + 1));
    let spread = body.iter().filter(|l| l.segs.len() >= 2).count();
    // Columns that hold over many lines: most text starts where its column's
    // text above started (rows written each on one ragged line do not).
    if spread < 2 || cols.aligned * 10 < cols.placed * 7 || cols.placed < 20 {
        return None;
    }
    let kinds: Vec<Option<ColumnKind>> = header.cells.iter().map(|c| cell_kind(src, c)).collect();
    let task = task_column(src, &body, &kinds);
    let rows = rows(src, &body, task, n);
    // Rows written each on one line are read as well line by line: a table
    // here has cells wrapped over lines.
    if rows.iter().filter(|row| wrapped(&body, row)).count() < 4 {
        return None;
    }
    let mut table = Table { rows: vec![header_row(header)] };
    for row in rows {
        table.rows.push(cells_of(&body, &row, n));
    }
    table.square();
    merge_down(&mut table, task);
    Some((table, end))
}

/// True when a cell of `row` has text on two lines or more.
fn wrapped(body: &[BodyLine], row: &Row) -> bool {
    let mut first = std::collections::HashMap::new();
    row.segs.iter().any(|&(i, k)| *first.entry(body[i].segs[k].col).or_insert(i) != i)
}

/// True for a line that is a page number alone (`3`, `- 3 -`, `第3页`).
fn is_page_number(src: &str, toks: &[Tok]) -> bool {
    let text = compact(src, toks);
    let core = text.trim_matches(|c: char| matches!(c, '-' | '—' | '第' | '页' | '/' | '共'));
    !core.is_empty() && core.len() <= 4 && core.chars().all(|c| c.is_ascii_digit())
}

/// The header as a row of cells.
fn header_row(header: &Header) -> Vec<Cell> {
    header
        .cells
        .iter()
        .map(|c| Cell {
            text: Text { paras: vec![c.pieces.iter().map(|&(_, s)| Piece::Src(s)).collect()] },
            from: None,
        })
        .collect()
}
