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

use unicode_width::UnicodeWidthChar;

use super::{Block, Cell, Document, Piece, Table, Text, lines_as_paras};
use crate::lexicon::{self, ColumnKind};
use crate::model::Layout;
use crate::span::Span;

/// The most columns a header may have.
const MAX_COLUMNS: usize = 16;
/// The most tokens a table line may have (longer lines end the table).
const MAX_TOKENS: usize = 400;
/// The most characters of a header cell.
const MAX_HEADER_CHARS: usize = 12;
/// The most characters of a header cell part wrapped above or below.
const MAX_WRAPPED_HEADER_CHARS: usize = 6;
/// Blank lines in a row that end a table.
const END_BLANKS: usize = 3;
/// How far (in columns) a token may start from a column's edge to be cut
/// there.
const EDGE_TOLERANCE: usize = 3;

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
struct Tok {
    /// Where it starts and ends, in columns.
    x: usize,
    end_x: usize,
    /// Its bytes in the input.
    span: Span,
    /// True when it is one character (a letter-spaced run is made of such).
    single: bool,
}

/// The width of `c` in columns.
fn width(c: char, by_chars: bool) -> usize {
    match c {
        '\x0c' | '\r' => 0,
        _ if by_chars => 1,
        _ => c.width().unwrap_or(0),
    }
}

/// The tokens of a line; `None` past `cap` tokens.
fn tokens(src: &str, line: Span, by_chars: bool, cap: usize) -> Option<Vec<Tok>> {
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
fn chunks(toks: &[Tok]) -> Vec<(usize, usize)> {
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
fn compact(src: &str, toks: &[Tok]) -> String {
    toks.iter().map(|t| crate::fold::compact(t.span.slice(src))).collect()
}

// ---------------------------------------------------------------------------
// The header
// ---------------------------------------------------------------------------

/// A header cell: where it stands and its pieces, in line order.
#[derive(Clone, Debug)]
struct HeaderCell {
    x: usize,
    end_x: usize,
    pieces: Vec<(usize, Span)>,
}

/// A table's header: its main line, the lines it covers, its cells.
#[derive(Clone, Debug)]
struct Header {
    line: usize,
    first: usize,
    last: usize,
    cells: Vec<HeaderCell>,
}

/// The first header at or after line `from`.
/// A cheap look before the lines are indexed: some short line holds a gap
/// of two spaces and a word of a units column's name (a header, or part of
/// one wrapped over lines).
fn may_hold_header(src: &str) -> bool {
    const WORDS: [&str; 8] = ["单位", "部门", "责任", "牵头", "配合", "负责", "科室", "处室"];
    let b = src.as_bytes();
    let mut from = 0;
    // Each gap found, its line looked at once, then on past the line.
    while let Some(k) = memchr::memmem::find(&b[from..], b"  ") {
        let at = from + k;
        let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |p| at + p);
        if end - start <= 400 {
            let line = &b[start..end];
            if WORDS.iter().any(|w| memchr::memmem::find(line, w.as_bytes()).is_some()) {
                return true;
            }
        }
        from = end;
    }
    false
}

fn find_header(src: &str, lines: &[Span], from: usize, by_chars: bool) -> Option<Header> {
    (from..lines.len()).find_map(|i| header_at(src, lines, i, by_chars))
}

/// The header whose main line is `i`, if it is one.
fn header_at(src: &str, lines: &[Span], i: usize, by_chars: bool) -> Option<Header> {
    let line = lines[i];
    // Cheap: a header line is short and has a gap of two spaces.
    if line.len() > 400 || !line.slice(src).trim().contains("  ") {
        return None;
    }
    let toks = tokens(src, line, by_chars, 4 * MAX_COLUMNS)?;
    let parts = chunks(&toks);
    if parts.len() < 2 || parts.len() > MAX_COLUMNS {
        return None;
    }
    let mut cells = Vec::with_capacity(parts.len());
    for &(a, b) in &parts {
        if compact(src, &toks[a..b]).chars().count() > MAX_HEADER_CHARS {
            return None;
        }
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        cells.push(HeaderCell { x: toks[a].x, end_x: toks[b - 1].end_x, pieces: vec![(i, span)] });
    }
    let (mut first, mut last) = (i, i);
    for j in [i.wrapping_sub(1), i + 1] {
        if j < lines.len() && wrap_into(src, lines[j], j, by_chars, &mut cells) {
            first = first.min(j);
            last = last.max(j);
        }
    }
    // Dashed rules by the header: pandoc's tables, another reader's shape.
    if (first.saturating_sub(1)..(last + 2).min(lines.len())).any(|j| is_rule(lines[j].slice(src))) {
        return None;
    }
    if !cells.iter().all(|c| is_name(&cell_text(src, c))) {
        return None;
    }
    let kinds: Vec<Option<ColumnKind>> = cells.iter().map(|c| cell_kind(src, c)).collect();
    let named = kinds.iter().flatten().count();
    let units = kinds.iter().flatten().any(|k| matches!(k, ColumnKind::Units(_)));
    (units && named >= 2 && cells.len() >= 3 && named * 2 >= cells.len() && cells.len() <= MAX_COLUMNS)
        .then_some(Header { line: i, first, last, cells })
}

/// True for a line of dashes (a rule: `-----  ----`, `=====`).
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '=' | ' ' | '+' | ':'))
}

/// Joins the short parts of line `j` to the header cells they stand over (a
/// header cell wrapped), or adds them as cells; false when the line is no
/// such line (blank, or holding longer text).
fn wrap_into(src: &str, line: Span, j: usize, by_chars: bool, cells: &mut Vec<HeaderCell>) -> bool {
    let Some(toks) = tokens(src, line, by_chars, 2 * MAX_COLUMNS) else { return false };
    let parts = chunks(&toks);
    if parts.is_empty() || parts.len() > MAX_COLUMNS {
        return false;
    }
    if parts.iter().any(|&(a, b)| compact(src, &toks[a..b]).chars().count() > MAX_WRAPPED_HEADER_CHARS) {
        return false;
    }
    for &(a, b) in &parts {
        let (x, end_x) = (toks[a].x, toks[b - 1].end_x);
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        match cells.iter_mut().find(|c| x < c.end_x && c.x < end_x) {
            Some(cell) => {
                cell.pieces.push((j, span));
                cell.pieces.sort_by_key(|p| p.0);
            }
            None => {
                let at = cells.partition_point(|c| c.x < x);
                cells.insert(at, HeaderCell { x, end_x, pieces: vec![(j, span)] });
            }
        }
    }
    true
}

/// The text of a header cell, folded, spaces left out.
fn cell_text(src: &str, cell: &HeaderCell) -> String {
    cell.pieces.iter().map(|(_, s)| crate::fold::compact(s.slice(src))).collect()
}

/// True for text shaped like a column name: two Chinese characters or more
/// and nothing but them, a slash and brackets (`配合/责任单位`,
/// `牵头单位（部门）`); no sentence punctuation, digits or marks.
fn is_name(text: &str) -> bool {
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    text.chars().filter(|&c| is_han(c)).count() >= 2
        && text.chars().all(|c| is_han(c) || matches!(c, '/' | '／' | '（' | '）' | '(' | ')'))
}

/// The kind of column a header cell names.
fn cell_kind(src: &str, cell: &HeaderCell) -> Option<ColumnKind> {
    lexicon::column_kind(&cell_text(src, cell))
}

// ---------------------------------------------------------------------------
// The body: lines cut into columns
// ---------------------------------------------------------------------------

/// A stretch of a line that goes to one column: a range of its tokens.
#[derive(Clone, Copy, Debug)]
struct Seg {
    col: usize,
    from: usize,
    to: usize,
}

/// A line of the table's body, cut into columns.
#[derive(Clone, Debug, Default)]
struct BodyLine {
    toks: Vec<Tok>,
    segs: Vec<Seg>,
}

/// The most width a column's width count keeps apart.
const MAX_WIDTH: usize = 256;

/// The left edges of the columns as the text shows them, and how wide
/// (in display columns) the lines of each have been.
struct Columns {
    edges: Vec<usize>,
    /// Segments that started at their column's edge as last seen, and all.
    aligned: usize,
    placed: usize,
    /// Whether each column has had text (its edge then comes from the text).
    seen: Vec<bool>,
    /// For each column, how many whole lines of each width it has had.
    widths: Vec<Vec<u32>>,
}

impl Columns {
    /// The column whose edge is nearest `x`, from `min` on.
    fn nearest(&self, x: usize, min: usize) -> usize {
        let last = self.edges.len() - 1;
        (min.min(last)..=last).min_by_key(|&c| self.edges[c].abs_diff(x)).unwrap_or(last)
    }

    /// The width a column's lines wrap at: the most frequent width of its
    /// lines (a wrapped cell's lines are mostly full), 0 before any.
    fn limit(&self, col: usize) -> usize {
        let counts = &self.widths[col];
        (1..counts.len()).filter(|&w| counts[w] > 0).max_by_key(|&w| (counts[w], w)).unwrap_or(0)
    }

    /// The display width of tokens: their widths and the spaces between
    /// them (none inside a letter-spaced run).
    fn span_width(src: &str, toks: &[Tok]) -> usize {
        let mut w = 0;
        for (k, t) in toks.iter().enumerate() {
            w += t.span.slice(src).chars().map(|c| width(c, false)).sum::<usize>();
            if k > 0 && !(t.single && toks[k - 1].single) {
                w += 1;
            }
        }
        w
    }

    /// Where to cut tokens `a..b` (a chunk going to column `col`): the first
    /// token of the next column's part. The last cut whose left part fits
    /// the column's width, else the one nearest a column's edge.
    fn cut(&self, src: &str, toks: &[Tok], a: usize, b: usize, col: usize) -> Option<usize> {
        let limit = self.limit(col);
        let over = limit > 0 && Self::span_width(src, &toks[a..b]) > limit + 2;
        let (mut fit, mut near): (Option<usize>, Option<(usize, usize)>) = (None, None);
        for q in a + 1..b {
            if toks[q].x < toks[a].x + 4 {
                continue;
            }
            let single = toks[q].single && toks[q - 1].single;
            let tolerance = match (single, over) {
                (true, false) => 1,
                (false, false) => EDGE_TOLERANCE,
                (_, true) => 2 * EDGE_TOLERANCE,
            };
            let found = (col + 1..self.edges.len())
                .map(|j| self.edges[j].abs_diff(toks[q].x))
                .filter(|&d| d <= tolerance)
                .min();
            let Some(d) = found else { continue };
            if limit > 0 && Self::span_width(src, &toks[a..q]) <= limit + 1 {
                fit = Some(q);
            }
            if near.is_none_or(|(_, bd)| d < bd) {
                near = Some((q, d));
            }
        }
        fit.or(near.map(|(q, _)| q))
    }

    /// Cuts a line's tokens into segments of columns, moving the edges.
    fn assign(&mut self, src: &str, toks: &[Tok]) -> Vec<Seg> {
        let mut segs = Vec::new();
        let mut min = 0;
        for (start, b) in chunks(toks) {
            let mut a = start;
            while a < b {
                let col = self.nearest(toks[a].x, min);
                let to = self.cut(src, toks, a, b, col).unwrap_or(b);
                if to == b && a == start {
                    let w = Self::span_width(src, &toks[a..to]).min(MAX_WIDTH - 1);
                    self.widths[col][w] += 1;
                }
                if self.seen[col] {
                    self.placed += 1;
                    self.aligned += usize::from(self.edges[col].abs_diff(toks[a].x) <= 2);
                }
                self.seen[col] = true;
                self.edges[col] = toks[a].x;
                segs.push(Seg { col, from: a, to });
                min = col + 1;
                a = to;
            }
        }
        segs
    }
}

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

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

/// The text of a segment.
fn seg_text<'a>(src: &'a str, line: &BodyLine, seg: &Seg) -> &'a str {
    let (a, b) = (line.toks[seg.from].span.start, line.toks[seg.to - 1].span.end);
    Span::new(a, b).slice(src)
}

/// True when `s` starts with a task number (`1.`, `12、`, `（3）`, `(3)`).
fn starts_numbered(s: &str) -> bool {
    let s = s.trim_start_matches(['（', '(']);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && s[digits..].starts_with(['.', '．', '、', '）', ')'])
}

/// The column whose cells start rows: the one most of whose cells start
/// with a task number, else the one with the most text outside units and
/// deadline columns.
fn task_column(src: &str, body: &[BodyLine], kinds: &[Option<ColumnKind>]) -> usize {
    let n = kinds.len();
    let (mut numbered, mut text) = (vec![0usize; n], vec![0usize; n]);
    for line in body {
        for seg in &line.segs {
            let t = seg_text(src, line, seg);
            numbered[seg.col] += usize::from(starts_numbered(t));
            text[seg.col] += t.chars().count();
        }
    }
    if let Some(c) = (0..n).find(|&c| numbered[c] >= 2) {
        return c;
    }
    let plain =
        |c: &usize| !matches!(kinds[*c], Some(ColumnKind::Units(_) | ColumnKind::Deadline | ColumnKind::Number));
    (0..n).filter(plain).max_by_key(|&c| (text[c], usize::MAX - c)).unwrap_or(0)
}

/// A row: for each column, the body lines of its segments.
#[derive(Clone, Debug, Default)]
struct Row {
    segs: Vec<(usize, usize)>, // (line, seg index)
}

/// The rows of the body: blocks parted by blank lines, each cut where the
/// task column starts a new cell.
fn rows(src: &str, body: &[BodyLine], task: usize, n: usize) -> Vec<Row> {
    let numbered = body
        .iter()
        .flat_map(|l| l.segs.iter().map(move |s| (l, s)))
        .any(|(l, s)| s.col == task && starts_numbered(seg_text(src, l, s)));
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=body.len() {
        if i == body.len() || body[i].toks.is_empty() {
            if i > start {
                block_rows(src, body, start, i, task, numbered, n, &mut out);
            }
            start = i + 1;
        }
    }
    out
}

/// The rows of the block of lines `a..b`.
#[allow(clippy::too_many_arguments)]
fn block_rows(
    src: &str,
    body: &[BodyLine],
    a: usize,
    b: usize,
    task: usize,
    numbered: bool,
    n: usize,
    out: &mut Vec<Row>,
) {
    // The task column's lines, and where its new cells start.
    let mut bands: Vec<(usize, usize)> = Vec::new(); // (first, last) task line of each row
    let mut prev_end = false;
    for (i, line) in body.iter().enumerate().take(b).skip(a) {
        let Some(seg) = line.segs.iter().find(|s| s.col == task) else { continue };
        let text = seg_text(src, line, seg);
        let new = match bands.last() {
            None => true,
            Some(_) if numbered => starts_numbered(text),
            Some(_) => prev_end,
        };
        prev_end = text.ends_with(['。', '；', ';', '！', '？']);
        match bands.last_mut() {
            Some(band) if !new => band.1 = i,
            _ => bands.push((i, i)),
        }
    }
    if bands.is_empty() {
        let segs = (a..b).flat_map(|i| (0..body[i].segs.len()).map(move |k| (i, k))).collect();
        out.push(Row { segs });
        return;
    }
    let first = out.len();
    out.extend(bands.iter().map(|_| Row::default()));
    for col in 0..n {
        let lines: Vec<(usize, usize)> =
            (a..b).filter_map(|i| body[i].segs.iter().position(|s| s.col == col).map(|k| (i, k))).collect();
        for (r, (i, k)) in place(&bands, &lines, col == task) {
            out[first + r].segs.push((i, k));
        }
    }
    for row in &mut out[first..] {
        row.segs.sort_unstable();
    }
}

/// Where a column's line stands against the rows' task bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// Within band r (or before the first, or after the last).
    In(usize),
    /// Between band r and band r + 1.
    Gap(usize),
}

/// The row of each of a column's lines (sorted by line), given the rows'
/// task bands: inside a band, that row; between two bands, the split that
/// keeps both cells best centred on their bands (ties going down).
fn place(bands: &[(usize, usize)], lines: &[(usize, usize)], is_task: bool) -> Vec<(usize, (usize, usize))> {
    let last = bands.len() - 1;
    let mut r = 0;
    let slots: Vec<Slot> = lines
        .iter()
        .map(|&(i, _)| {
            while r < last && bands[r + 1].0 <= i {
                r += 1;
            }
            if i < bands[0].0 || i <= bands[r].1 || r == last || is_task { Slot::In(r) } else { Slot::Gap(r) }
        })
        .collect();
    let (mut lo, mut hi) = (vec![None::<usize>; bands.len()], vec![None::<usize>; bands.len()]);
    for (&(i, _), slot) in lines.iter().zip(&slots) {
        if let Slot::In(r) = *slot {
            lo[r] = Some(lo[r].map_or(i, |v: usize| v.min(i)));
            hi[r] = Some(hi[r].map_or(i, |v: usize| v.max(i)));
        }
    }
    let mut rows = vec![0; lines.len()];
    let mut k = 0;
    while k < lines.len() {
        match slots[k] {
            Slot::In(r) => {
                rows[k] = r;
                k += 1;
            }
            Slot::Gap(r) => {
                let end = k + slots[k..].iter().take_while(|s| **s == Slot::Gap(r)).count();
                let gap: Vec<usize> = lines[k..end].iter().map(|l| l.0).collect();
                let (band, next) = (bands[r], bands[r + 1]);
                let bottom_next = hi[r + 1].map_or(next.1, |h| h.max(next.1));
                let cost = |j: usize| {
                    let top = lo[r].unwrap_or(band.0);
                    let bottom = if j > 0 { gap[j - 1] } else { hi[r].unwrap_or(top) };
                    let top_next = if j < gap.len() { gap[j] } else { lo[r + 1].unwrap_or(next.0) };
                    (top + bottom).abs_diff(band.0 + band.1) + (top_next + bottom_next).abs_diff(next.0 + next.1)
                };
                let split = (0..=gap.len()).min_by_key(|&j| cost(j)).unwrap_or(0);
                for (m, row) in rows[k..end].iter_mut().enumerate() {
                    *row = if m < split { r } else { r + 1 };
                }
                if split < gap.len() {
                    lo[r + 1] = Some(lo[r + 1].map_or(gap[split], |v| v.min(gap[split])));
                }
                k = end;
            }
        }
    }
    rows.into_iter().zip(lines.iter().copied()).collect()
}

/// The cells of a row: each column's segments, lines of one paragraph,
/// a gap of three lines or more starting a new one.
fn cells_of(body: &[BodyLine], row: &Row, n: usize) -> Vec<Cell> {
    let mut cells = vec![Cell::default(); n];
    let mut last_line = vec![None::<usize>; n];
    for &(i, k) in &row.segs {
        let line = &body[i];
        let seg = line.segs[k];
        let pieces = seg_pieces(&line.toks[seg.from..seg.to]);
        let paras = &mut cells[seg.col].text.paras;
        match (last_line[seg.col], paras.last_mut()) {
            (Some(l), Some(para)) if i < l + 3 => para.extend(pieces),
            _ => paras.push(pieces),
        }
        last_line[seg.col] = Some(i);
    }
    cells
}

/// Marks the empty slots of the columns left of the task column (section
/// and group cells, merged over the rows under them) as covered by the cell
/// above them.
fn merge_down(table: &mut Table, task: usize) {
    for col in 0..task {
        let mut origin: Option<usize> = None;
        for r in 1..table.rows.len() {
            let cell = &mut table.rows[r][col];
            if !cell.text.paras.is_empty() {
                origin = Some(r);
            } else if let Some(o) = origin {
                cell.from = Some((o, col));
            }
        }
    }
}

/// The pieces of a segment's tokens: one piece, or one a token where
/// letters are spaced apart (a justified line: `区 经 发 局`).
fn seg_pieces(toks: &[Tok]) -> Vec<Piece> {
    let spaced = toks.windows(2).any(|w| w[0].single && w[1].single);
    match (toks.first(), toks.last()) {
        (Some(f), Some(l)) if !spaced => vec![Piece::Src(Span::new(f.span.start, l.span.end))],
        _ => toks.iter().map(|t| Piece::Src(t.span)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table as `pdftotext -layout` prints it: a form feed between pages,
    /// positions counted in characters, a units cell wrapped, a section cell
    /// beside its rows, text before and after.
    const PDF: &str = "附件\n\n            2022年工作任务分解表\n\n工作任务     工作要求                  牵头单位      配合单位\n\n一、公开     1.加快推进政务公开标准化         区政务办      区财政局\n         建设，做好目录编制。                      区审计局\n\n         2.做好政策解读工作，           区融媒体      区司法局\n         及时回应关切。               中心\n\n\x0c\n         3.加强平台建设，完善           区数据局      区网信办\n         栏目设置。\n\n二、监督     4.规范依申请公开，            区司法局      区政务办\n         提高答复质量。\n\n         5.加强考核评估，             区政务办      各街道\n         强化结果运用。\n\n\n\n来源：区政府办公室\n";

    /// A table as lynx prints a narrow one: display columns (CJK characters
    /// two wide), rows apart by blank lines.
    const LYNX: &str = "   任务分解表\n\n   序号   工作任务                    责任单位\n\n   1      推进审批制度改革，          区审批局\n          压缩办理时限。\n\n   2      做好信息公开，              区政务办\n          及时回应关切。\n\n   3      加强督查考核。              区督查室\n\n   4      规范行政执法，              区司法局\n          提高执法水平。\n\n   5      优化营商环境，              区发改局\n          提升服务质量。              区市场局\n\n   6      加强队伍建设，              区人社局\n          开展业务培训。\n\n   7      完善制度体系，              区政务办\n          健全长效机制。\n";

    fn texts(src: &str, doc: &Document) -> Vec<Vec<String>> {
        let table = doc.blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None });
        table.expect("a table").rows.iter().map(|r| r.iter().map(|c| c.text.joined(src, "|")).collect()).collect()
    }

    #[test]
    fn a_header_of_column_names_starts_a_table() {
        let doc = read(PDF).expect("claimed");
        assert_eq!(doc.layout, Layout::SpacedTable);
        let rows = texts(PDF, &doc);
        assert_eq!(rows[0], ["工作任务", "工作要求", "牵头单位", "配合单位"]);
        assert_eq!(rows.len(), 6, "{rows:?}");
    }

    #[test]
    fn a_cell_wrapped_over_lines_is_one_paragraph() {
        let doc = read(PDF).expect("claimed");
        let rows = texts(PDF, &doc);
        assert_eq!(rows[1][1], "1.加快推进政务公开标准化建设，做好目录编制。");
        assert_eq!(rows[2][2], "区融媒体中心");
        assert_eq!(rows[1][3], "区财政局区审计局");
    }

    #[test]
    fn a_page_break_keeps_the_columns() {
        let doc = read(PDF).expect("claimed");
        let rows = texts(PDF, &doc);
        assert_eq!(rows[3][1..], ["3.加强平台建设，完善栏目设置。", "区数据局", "区网信办"]);
    }

    #[test]
    fn a_section_cell_covers_the_rows_under_it() {
        let doc = read(PDF).expect("claimed");
        let Some(Block::Table(table)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
            panic!("a table")
        };
        assert_eq!(table.rows[1][0].text.joined(PDF, ""), "一、公开");
        assert_eq!(table.rows[2][0].from, Some((1, 0)));
        assert_eq!(table.rows[3][0].from, Some((1, 0)));
        assert_eq!(table.rows[4][0].text.joined(PDF, ""), "二、监督");
        assert_eq!(table.rows[5][0].from, Some((4, 0)));
    }

    #[test]
    fn text_around_the_table_is_paragraphs() {
        let doc = read(PDF).expect("claimed");
        let paras: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| if let Block::Para(t) = b { Some(t.joined(PDF, "")) } else { None })
            .collect();
        assert_eq!(paras, ["附件", "2022年工作任务分解表", "来源：区政府办公室"]);
    }

    #[test]
    fn display_columns_without_form_feeds() {
        let doc = read(LYNX).expect("claimed");
        let rows = texts(LYNX, &doc);
        assert_eq!(rows[0], ["序号", "工作任务", "责任单位"]);
        assert_eq!(rows[1], ["1", "推进审批制度改革，压缩办理时限。", "区审批局"]);
        assert_eq!(rows[3], ["3", "加强督查考核。", "区督查室"]);
        assert_eq!(rows[5], ["5", "优化营商环境，提升服务质量。", "区发改局区市场局"]);
    }

    #[test]
    fn squeezed_cells_are_cut_at_the_next_column() {
        // pdftotext leaves one space between cells whose text fills them.
        let src = concat!(
            "\x0c 存在问题   整改目标和措施  责任单位\n",
            "投资不足     出台扩大有效投资   区经发局牵\n",
            "         的实施意见。     头，区交建局\n",
            "         创新应用各种投融 区财金局牵\n",
            "         资方式。       头\n",
            "服务不优     简化审批流程，压   区审批局牵\n",
            "         缩办理时限。     头，区政务办\n",
            "         推行网上办理，提 区数据局牵\n",
            "         升便利程度。     头\n",
            "监管不严     加强事中事后监管   区市场局牵\n",
            "         ，完善信用体系。 头，区司法局\n",
            "         开展联合执法检查 区执法局牵\n",
            "         ，形成监管合力。 头\n",
        );
        let rows = texts(src, &read(src).expect("claimed"));
        assert_eq!(rows[1][1..], ["出台扩大有效投资的实施意见。", "区经发局牵头，区交建局"]);
        assert_eq!(rows[2][1..], ["创新应用各种投融资方式。", "区财金局牵头"]);
        assert_eq!(rows[4][1..], ["推行网上办理，提升便利程度。", "区数据局牵头"]);
    }

    #[test]
    fn prose_and_ragged_rows_are_not_claimed() {
        let prose = "关于印发方案的通知\n\n各单位：\n    现将方案印发给你们，请认真贯彻落实。  有关事项通知如下：\n    一、提高认识。各单位要加强领导。\n";
        assert!(read(prose).is_none());
        let ragged = "序号  工作任务   牵头单位  配合单位\n1  制定责任清单，严格落实要求。    市应急局   市司法局\n2      修订考核办法，开展年度考核巡查工作。  市安委办  市委组织部\n3 督促企业建立责任制。      市安委会各成员单位    市应急局\n4         加强道路交通安全治理。 市公安局   市交通局\n";
        assert!(read(ragged).is_none());
        let no_units = "姓名      年龄      地址\n张三      30        北京\n李四      40        上海\n";
        assert!(read(no_units).is_none());
        // A line whose parts name columns but are not names alone (random
        // text, a sentence with gaps) is no header.
        let header = LYNX.replace("责任单位", "配合单位：门");
        assert!(read(&header).is_none());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for src in
            ["", "  ", "\x0c", "工作任务  牵头单位\n", "工作任务  牵头单位\n\x0c  \u{3000} 1.  甲\n", "a  b\n\n\n\n"]
        {
            let _ = read(src);
        }
        let long = format!("工作任务  牵头单位\n{}\n", "甲 ".repeat(100_000));
        let _ = read(&long);
    }

    #[test]
    fn segments_tile_the_input() {
        for src in [PDF, LYNX] {
            let plan = crate::parse(src);
            crate::read::assert_tiles(src, &plan);
            assert!(plan.tasks().count() >= 3, "{}", src);
        }
    }
}
