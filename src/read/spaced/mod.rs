//! Columns set apart by spaces (lynx, `pdftotext -layout`, Word's "save as
//! text"): columns found from the gaps that stay empty over many lines.
//!
//! A table is claimed only under a header line whose cells, set apart by
//! runs of spaces, are column names (one of them a units column); a header
//! cell wrapped over the line above or below is joined to it ([`header`]).
//! Below it, each line's text is cut into tokens (runs of non-spaces) and
//! chunks (tokens one space apart), and the table runs until three blank
//! lines or a page's links and footer (a run of lines of one chunk each).
//! Its columns are found, in the first of these ways that gives every
//! header cell a column:
//! - block by block ([`blocks`]), in `pdftotext -layout` output whose rows
//!   are apart by blank lines: it places each row's columns anew;
//! - from the gaps that stay empty down the whole table ([`gaps`]): w3m's
//!   borderless tables, one space between columns; a header name over two
//!   columns spans them, a heading row across the table stays whole;
//! - from the edges each line's text starts at, followed down the page
//!   ([`columns`]).
//!
//! Rows: blank lines part them; inside a block of lines, a row starts where
//! the task column (the one whose cells start with task numbers, else the
//! one with the most text outside units columns) starts a new cell: a task
//! number, or a line after one that ended a sentence. Lines of the other
//! columns between two rows' task text (a cell printed vertically centred
//! beside a shorter or taller one) go to the row that keeps their cell best
//! centred on its row ([`rows`]). A cell's lines are pieces of one
//! paragraph; a gap of lines in a column (an empty line in w3m's output)
//! starts a new paragraph. Positions are counted in
//! characters in `pdftotext` output (it has form feeds; it places text by
//! characters) and in display columns otherwise (CJK characters are two
//! wide).

mod blocks;
mod columns;
mod gaps;
mod header;
mod pages;
mod rows;
mod split;
#[cfg(test)]
mod tests;

use unicode_width::UnicodeWidthChar;

use super::{Block, Cell, Document, Piece, Table, Text, lines_as_paras};
use crate::lexicon::ColumnKind;
use crate::model::Layout;
use crate::span::Span;
use columns::Columns;
use header::{Header, HeaderCell, cell_kind, find_header, may_hold_header};
use rows::{Row, cells_of, merge_down, rows, task_column};

/// The most columns a header may have.
pub(super) const MAX_COLUMNS: usize = 16;
/// The most tokens a table line may have (longer lines end the table).
const MAX_TOKENS: usize = 400;
/// Blank lines in a row that end a table.
const END_BLANKS: usize = 3;
/// How many times over, all told, the lines under headers that gave no
/// table may be looked at.
const MAX_RESCANS: usize = 4;
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
    // Lines looked at under headers that gave no table: each such header
    // reads on to its table's end, and headers one after another (a header
    // line repeated down a text that is no table) would read the same lines
    // again and again; past this many, no header is tried further.
    let mut budget = MAX_RESCANS * lines.len() + 1000;
    while at < lines.len() {
        let Some(header) = find_header(src, &lines, at, by_chars) else { break };
        let (table, end) = match read_table(src, &lines, &header, by_chars) {
            Ok(found) => found,
            Err(scanned) => {
                budget = budget.saturating_sub(scanned);
                if budget == 0 {
                    break;
                }
                at = header.line + 1;
                continue;
            }
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
    /// True for a line whose text runs across the columns (a heading row).
    across: bool,
}

/// The table under `header` and the line after it; `None` when the lines
/// under it show no columns. In `pdftotext` output whose rows are apart by
/// blank lines, the columns are found block by block; else from the gaps
/// down the lines; where those do not give every header cell a column,
/// from the edges each line's text starts at, followed down the page.
/// `Err` holds how many lines were looked at.
fn read_table(src: &str, lines: &[Span], header: &Header, by_chars: bool) -> Result<(Table, usize), usize> {
    let mut raw: Vec<Vec<Tok>> = Vec::new();
    let (mut blanks, mut end) = (0, header.last + 1);
    for (j, &line) in lines.iter().enumerate().skip(header.last + 1) {
        let Some(toks) = tokens(src, line, by_chars, MAX_TOKENS) else { return Err(j - header.last) };
        if toks.is_empty() || is_page_number(src, &toks) {
            blanks += usize::from(toks.is_empty());
            if blanks >= END_BLANKS {
                break;
            }
            raw.push(Vec::new());
            continue;
        }
        blanks = 0;
        raw.push(toks);
        end = j + 1;
    }
    let scanned = raw.len() + 1;
    raw.truncate(end - (header.last + 1));
    let end = header.last + 1 + quiet_end(&raw);
    raw.truncate(end - (header.last + 1));
    let table = if by_chars { by_blocks(src, header, &raw, by_chars) } else { None };
    let table = table.or_else(|| by_gaps(src, header, &raw, by_chars)).or_else(|| by_edges(src, header, raw));
    table.map(|t| (t, end)).ok_or(scanned)
}

/// Nonblank lines in a row holding no gap of two spaces that end a table
/// (a page's links and footer after it).
const QUIET_LINES: usize = 15;

/// Pieces a line needs to take the table on after a quiet run (a row of
/// three columns or more: a page's links are one or two a line).
const RESUME_CHUNKS: usize = 3;

/// How many of the lines under a header the table takes: up to the blank
/// line after the last line of two chunks or more before a run of
/// [`QUIET_LINES`] lines of one chunk each (a tall cell's lines alone on
/// theirs), unless a line of [`RESUME_CHUNKS`] chunks comes after it.
fn quiet_end(raw: &[Vec<Tok>]) -> usize {
    let (mut last_multi, mut quiet) = (None::<usize>, 0);
    for (i, toks) in raw.iter().enumerate() {
        if toks.is_empty() {
            continue;
        }
        let n = chunks(toks).len();
        if n >= RESUME_CHUNKS || (n >= 2 && quiet < QUIET_LINES) {
            last_multi = Some(i);
            quiet = 0;
        } else if n == 1 {
            quiet += 1;
        }
    }
    let Some(last) = last_multi else { return raw.len() };
    if quiet < QUIET_LINES {
        return raw.len();
    }
    (last..raw.len()).find(|&i| raw[i].is_empty()).unwrap_or(raw.len())
}

/// The table with its columns found from the gaps down its lines, when
/// every header cell stands over one column or more (a name over two
/// columns spans them).
fn by_gaps(src: &str, header: &Header, raw: &[Vec<Tok>], by_chars: bool) -> Option<Table> {
    let cols = gaps::find(raw);
    if cols.len() < 2 || cols.len() > 2 * MAX_COLUMNS {
        return None;
    }
    let owner: Vec<usize> = cols.iter().map(|c| header_of(header, c)).collect();
    if (0..header.cells.len()).any(|h| !owner.contains(&h)) {
        return None;
    }
    let body: Vec<BodyLine> = raw.iter().map(|t| gaps::assign(src, t.clone(), &cols, by_chars)).collect();
    let head: Vec<Cell> = (0..cols.len())
        .map(|k| {
            let first = owner.iter().position(|&o| o == owner[k]).unwrap_or(k);
            if first < k {
                Cell { text: Text::default(), from: Some((0, first)) }
            } else {
                header_cell(&header.cells[owner[k]])
            }
        })
        .collect();
    let kinds: Vec<Option<ColumnKind>> = owner.iter().map(|&h| cell_kind(src, &header.cells[h])).collect();
    finish(src, head, &kinds, &body, if by_chars { (3, true) } else { (2, false) })
}

/// The most lines a block of lines between blank lines has, on average, in
/// a table read block by block.
const MAX_BLOCK_LINES: usize = 16;

/// The table with each block's columns found on its own and matched to the
/// header's cells (`pdftotext -layout`: see [`blocks`]).
fn by_blocks(src: &str, header: &Header, raw: &[Vec<Tok>], by_chars: bool) -> Option<Table> {
    // Rows apart by blank lines: blocks of a few lines each (one block a
    // page holds no row's own places).
    let filled = raw.iter().filter(|l| !l.is_empty()).count();
    let blocks = (0..raw.len()).filter(|&i| !raw[i].is_empty() && (i == 0 || raw[i - 1].is_empty())).count();
    if filled > MAX_BLOCK_LINES * blocks {
        return None;
    }
    let kinds: Vec<Option<ColumnKind>> = header.cells.iter().map(|c| cell_kind(src, c)).collect();
    let task = kinds.iter().position(|k| *k == Some(ColumnKind::Task));
    let body = blocks::assign(src, header, raw, by_chars, task);
    finish(src, header.cells.iter().map(header_cell).collect(), &kinds, &body, (3, true))
}

/// The header cell a column stands under: the one it overlaps most, else
/// the nearest.
fn header_of(header: &Header, col: &gaps::Range) -> usize {
    let overlap = |c: &HeaderCell| c.end_x.min(col.end).saturating_sub(c.x.max(col.x));
    let distance = |c: &HeaderCell| if c.end_x <= col.x { col.x - c.end_x } else { c.x.saturating_sub(col.end) };
    let cells = &header.cells;
    (0..cells.len()).max_by_key(|&h| (overlap(&cells[h]), usize::MAX - distance(&cells[h]))).unwrap_or(0)
}

/// The table with its columns followed from the edges each line's text
/// starts at; `None` unless most text starts where its column's text above
/// started (rows written each on one ragged line do not). A header name
/// over two columns ([`split::two_columns`]) spans them.
fn by_edges(src: &str, header: &Header, mut raw: Vec<Vec<Tok>>) -> Option<Table> {
    // Each column's header cell, and where it starts.
    let mut owner: Vec<usize> = (0..header.cells.len()).collect();
    let mut edges: Vec<usize> = header.cells.iter().map(|c| c.x).collect();
    if let Some((h, x0, x1)) = split::two_columns(header, &raw) {
        owner.insert(h, h);
        edges[h] = x1;
        edges.insert(h, x0);
    }
    let n = owner.len();
    let kinds: Vec<Option<ColumnKind>> = owner.iter().map(|&h| cell_kind(src, &header.cells[h])).collect();
    if let Some(units) = kinds.iter().rposition(|k| matches!(k, Some(ColumnKind::Units(_)))) {
        pages::shift(src, &mut raw, &edges, units);
    }
    let mut cols = Columns::new(edges);
    let body: Vec<BodyLine> = raw
        .into_iter()
        .map(|toks| {
            let segs = if toks.is_empty() {
                cols.line += 1;
                Vec::new()
            } else {
                cols.assign(src, &toks)
            };
            BodyLine { toks, segs, across: false }
        })
        .collect();
    if cols.aligned * 10 < cols.placed * 7 || cols.placed < 20 {
        return None;
    }
    let head: Vec<Cell> = (0..n)
        .map(|k| match k {
            _ if k > 0 && owner[k - 1] == owner[k] => Cell { text: Text::default(), from: Some((0, k - 1)) },
            _ => header_cell(&header.cells[owner[k]]),
        })
        .collect();
    finish(src, head, &kinds, &body, (3, false))
}

/// The table of the body's lines cut into columns under the header row
/// `head`; `None` when few lines hold two columns or few rows are wrapped.
/// A column's lines `gap` lines apart or more in a row are paragraphs of
/// its cell; with `carry`, a block of lines with no text in the task column
/// ends the row above (its cells carried over a page break).
fn finish(
    src: &str,
    head: Vec<Cell>,
    kinds: &[Option<ColumnKind>],
    body: &[BodyLine],
    (gap, carry): (usize, bool),
) -> Option<Table> {
    let n = kinds.len();
    if body.iter().filter(|l| l.segs.len() >= 2).count() < 2 {
        return None;
    }
    let task = task_column(src, body, kinds);
    // Display output parting paragraphs by an empty line is w3m's: a cell
    // shorter than its row is set at the row's top.
    let rows = rows(src, body, task, n, (carry, gap == 2));
    // Rows written each on one line are read as well line by line: a table
    // here has cells wrapped over lines.
    if rows.iter().filter(|row| wrapped(body, row)).count() < 4 {
        return None;
    }
    let mut table = Table { rows: vec![head] };
    for row in rows {
        table.rows.push(cells_of(src, body, &row, n, (gap, carry)));
    }
    table.square();
    merge_down(&mut table, task, kinds, src);
    Some(table)
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

/// A header cell as a cell of the table's first row.
fn header_cell(c: &HeaderCell) -> Cell {
    Cell { text: Text { paras: vec![c.pieces.iter().map(|&(_, s)| Piece::Src(s)).collect()] }, from: None }
}
