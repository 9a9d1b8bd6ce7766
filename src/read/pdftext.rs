//! A table as `pdftotext` (without `-layout`) gives it: the lines of a
//! table's columns written one after another in the order they stand on the
//! page, the columns' lines interleaved.
//!
//! `pdftotext` writes a page's text line by line from the top, and the
//! lines of the cells side by side come out one after another, each cell's
//! text wrapped at its column's width (`1.增强政策…` / `区直各有关单位，各`
//! / `一、加强` / `预期性，提振…`); two lines at one height may share a
//! line of the text, apart by a space (`区经济发展 区直各有关单位，各`).
//! A page holds a form feed (`\x0c`) after it, which no other tool writes.
//!
//! The reader finds the table's header (one name a line, the names apart by
//! blank lines), cuts the lines after it into fragments (a line at a space
//! between two ideographs), and learns each column's width: the widths that
//! most fragments reach, as many as there are names, put in order by the
//! fragments that share a line. A fragment then goes to a column it fits;
//! one that reaches its column's width goes on in the next fragment of that
//! column, a shorter one ends the cell. The cells of the column whose cells
//! start with task numbers (or of the task column) are the rows; every
//! other cell goes to the row it stands beside.
//!
//! When that reading gives fewer than [`MIN_ROWS`] numbered rows with a
//! unit's name in their units cell (columns of one width, a header read
//! short), the table is read again from its task numbers and the last lines
//! of the units' names ([`anchored`]).

use super::cells::{self, Line};
use super::{Block, Cell, Document, Piece, Table, Text};
use crate::lexicon::{self, ColumnKind};
use crate::marker::{self, MarkerKind};
use crate::model::Layout;
use crate::span::{LineIndex, Span};

/// Lines looked at for the header.
const HEAD_ZONE_LINES: usize = 400;
/// Most header names (columns) read.
const MAX_COLUMNS: usize = 6;
/// Narrowest width taken for a column, in display columns.
const MIN_WIDTH: usize = 6;
/// Fewest fragments that reach a width for it to be a column's.
const MIN_FULL: usize = 3;
/// How far short of its column's width a line may end and still go on (an
/// ideograph or a bracket that did not fit).
const SLACK: usize = 2;
/// A cell that starts this few fragments before a row's first, with no
/// blank line between, belongs to that row (cells are set in the middle of
/// their row's height).
const NEXT_WITHIN: usize = 3;
/// Narrowest column whose lines may end an ideograph short of its width
/// and still go on.
const WIDE: usize = 12;
/// Most times one text counts towards its width.
const REPEATS: usize = 3;
/// Fewest rows for a table.
const MIN_ROWS: usize = 3;

/// A stretch of a line that belongs to one column.
#[derive(Clone, Copy, Debug)]
struct Frag {
    span: Span,
    width: usize,
    /// The line (index among all lines) it stands on.
    line: usize,
    /// True when a blank line stands between it and the fragment before.
    after_blank: bool,
}

/// A column: its header cell, its width and what it names.
#[derive(Clone, Debug)]
struct Column {
    head: Vec<Span>,
    width: usize,
    kind: Option<ColumnKind>,
}

/// A cell being read: its column and its fragments.
#[derive(Clone, Debug)]
struct Acc {
    col: usize,
    frags: Vec<usize>,
}

/// The document of `src` when it holds a table as `pdftotext` writes one:
/// read by its columns' widths, or, when fewer than [`MIN_ROWS`] numbered
/// rows get units that way, by its task numbers and units' names
/// ([`anchored`]).
pub(crate) fn read(src: &str) -> Option<Document> {
    memchr::memchr(0x0c, src.as_bytes())?;
    let index = LineIndex::new(src);
    let lines: Vec<Span> = index.lines(src).map(|s| trimmed(src, s)).collect();
    let (heads, body) = header(src, &lines)?;
    let frags = fragments(src, &lines, body);
    let first = heads.first()?.head.first()?.start;
    let (table, used) = match by_width(src, &frags, heads.clone()) {
        Some(t) if numbered_with_units(src, &t.0, &heads) >= MIN_ROWS => t,
        other => anchored::read(src, &frags, &heads).or(other)?,
    };
    let end = frags.get(used).map_or(src.len(), |f| lines[f.line].start);
    let mut blocks = Vec::new();
    super::lines_as_paras(src, 0, line_start(src, first), &mut blocks);
    blocks.push(Block::Table(table));
    super::lines_as_paras(src, line_start(src, end), src.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::PdfText })
}

/// The table read by its columns' widths, and how many fragments it took.
fn by_width(src: &str, frags: &[Frag], heads: Vec<Column>) -> Option<(Table, usize)> {
    let mut cols = measured(src, frags, heads.clone())?;
    let (mut accs, mut used) = walk(src, frags, &cols);
    // Widths learnt again from the table's own lines, without the page's
    // text after it.
    if let Some(again) = measured(src, frags.get(..used)?, heads) {
        (accs, used) = walk(src, frags, &again);
        cols = again;
    }
    let rows_col = row_column(src, frags, &accs, &cols)?;
    Some((table(frags, &accs, &cols, rows_col)?, used))
}

/// The rows of `table` (below its header) with a cell that starts with a
/// task number and a units cell whose text ends as a unit's name does (a
/// role word aside).
fn numbered_with_units(src: &str, table: &Table, heads: &[Column]) -> usize {
    let units: Vec<usize> = (0..heads.len()).filter(|&c| matches!(heads[c].kind, Some(ColumnKind::Units(_)))).collect();
    let numbered = |c: &Cell| marker_kind(&c.text.joined(src, "")) == Some(MarkerKind::Arabic);
    let named = |c: &Cell| {
        let text = crate::fold::compact(&c.text.joined(src, ""));
        let text = text.trim_end_matches(|c: char| !c.is_alphanumeric());
        let cut = lexicon::role_suffix(text).map_or(0, |(_, n)| n);
        lexicon::has_unit_suffix(&text[..text.len() - cut])
    };
    let with_units = |r: &[Cell]| units.iter().any(|&u| r.get(u).is_some_and(named));
    table.rows.iter().skip(1).filter(|r| r.iter().any(numbered) && with_units(r)).count()
}

/// The columns `heads` with the widths `frags` show, in their order on the
/// page.
fn measured(src: &str, frags: &[Frag], mut heads: Vec<Column>) -> Option<Vec<Column>> {
    let widths = widths(src, frags, heads.len())?;
    for (c, w) in heads.iter_mut().zip(order(frags, &widths)) {
        c.width = w;
    }
    Some(heads)
}

/// The start of the line that holds byte `at`.
fn line_start(src: &str, at: usize) -> usize {
    src.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |p| p + 1)
}

/// The span trimmed of white space (the form feed too).
fn trimmed(src: &str, s: Span) -> Span {
    let t = s.slice(src);
    let lead = t.len() - t.trim_start().len();
    let body = t.trim();
    Span::new(s.start + lead, s.start + lead + body.len())
}

/// The columns the header names (one name a run of lines between blank
/// lines) and the index of the first line after it.
fn header(src: &str, lines: &[Span]) -> Option<(Vec<Column>, usize)> {
    let zone = lines.len().min(HEAD_ZONE_LINES);
    let kept: Vec<usize> = (0..zone).filter(|&i| !lines[i].is_empty()).collect();
    let as_lines: Vec<Line> = kept.iter().map(|&i| Line { text: lines[i] }).collect();
    let head = cells::headers(src, &as_lines).into_iter().next()?;
    let first = kept[head.cells.first()?.first];
    let last = kept[head.cells.last()?.end - 1];
    let mut cols: Vec<Column> = Vec::new();
    let mut blank = true;
    for line in lines.iter().take(last + 1).skip(first) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        match cols.last_mut() {
            Some(c) if !blank => c.head.push(*line),
            _ => cols.push(Column { head: vec![*line], width: 0, kind: None }),
        }
        blank = false;
    }
    for c in &mut cols {
        let name: String = c.head.iter().map(|s| s.slice(src)).collect();
        c.kind = lexicon::column_kind(&crate::fold::compact(&name));
    }
    // The header ends at its last known name: a short first line of the
    // body may look like a name.
    while cols.last().is_some_and(|c| c.kind.is_none()) {
        cols.pop();
    }
    if cols.len() < 2 || cols.len() > MAX_COLUMNS {
        return None;
    }
    let end = cols.last()?.head.last()?.end;
    let body = lines.iter().position(|l| l.start > end).unwrap_or(lines.len());
    Some((cols, body))
}

/// The display width of `text` without its spaces (`pdftotext` sets digits
/// apart by spaces, and spreads a justified line's ideographs).
fn width(text: &str) -> usize {
    // Curly quotes are set as wide as an ideograph in a Chinese text.
    let w = |c: char| match c {
        '“' | '”' | '‘' | '’' => 2,
        _ => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
    };
    let mut sum = 0;
    let mut prev: Option<char> = None;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        // The space set between an ideograph and a digit or a Latin letter
        // takes room on the page.
        if space && prev.is_some_and(|p| wide(p) != wide(c)) {
            sum += 1;
        }
        sum += w(c);
        prev = Some(c);
        space = false;
    }
    sum
}

/// True for an ideograph or full-width punctuation.
fn wide(c: char) -> bool {
    !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// The fragments of lines `from..`: a line cut at a space between two words
/// of ideographs each longer than one (a justified line's ideographs one
/// apart from the next stay together).
fn fragments(src: &str, lines: &[Span], from: usize) -> Vec<Frag> {
    let mut out = Vec::new();
    let mut blank = false;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        let text = line.slice(src);
        let mut start = 0;
        let words: Vec<(usize, &str)> = words(text);
        for k in 1..words.len() {
            let (prev, next) = (words[k - 1].1, words[k].1);
            let single = |w: &str| w.chars().count() == 1;
            // A justified line's ideographs stand one apart: a run of
            // single ones is one fragment, and may start or end one.
            let run_starts = words.get(k + 1).is_none_or(|w| single(w.1));
            let cut = prev.chars().last().is_some_and(wide)
                && (next.chars().next().is_some_and(wide) || marker_kind(next).is_some())
                && (!single(next) || !single(prev) && run_starts)
                && (!single(prev) || k >= 2 && single(words[k - 2].1));
            if cut {
                let end = words[k - 1].0 + prev.len();
                out.push(frag(src, line.start + start, line.start + end, i, blank));
                blank = false;
                start = words[k].0;
            }
        }
        out.push(frag(src, line.start + start, line.end, i, blank));
        blank = false;
    }
    out
}

/// The words of `text` apart by spaces, with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for w in text.split(' ') {
        if !w.is_empty() {
            out.push((at, w));
        }
        at += w.len() + 1;
    }
    out
}

/// The fragment of `src` from `a` to `b`, on line `line`.
fn frag(src: &str, a: usize, b: usize, line: usize, after_blank: bool) -> Frag {
    let span = Span::new(a, b);
    Frag { span, width: width(span.slice(src)), line, after_blank }
}

/// The `n` widths most fragments of distinct texts have (at least
/// [`MIN_WIDTH`] wide, each reached by [`MIN_FULL`] texts, a text counted
/// at most [`REPEATS`] times); a width up to [`SLACK`] short of one taken
/// is left to it (its column's lines an ideograph short); `None` when fewer
/// stand out.
fn widths(src: &str, frags: &[Frag], n: usize) -> Option<Vec<usize>> {
    let mut texts: Vec<(usize, &str)> =
        frags.iter().filter(|f| f.width >= MIN_WIDTH).map(|f| (f.width, f.span.slice(src))).collect();
    texts.sort_unstable();
    let mut count = std::collections::BTreeMap::new();
    for (k, t) in texts.iter().enumerate() {
        // A text written again and again counts but a few times.
        if k < REPEATS || texts[k - REPEATS] != *t {
            *count.entry(t.0).or_insert(0usize) += 1;
        }
    }
    let mut by: Vec<(usize, usize)> = count.into_iter().collect();
    // The widths that hold the most text.
    by.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    let mut top: Vec<usize> = Vec::new();
    for (w, k) in by {
        if top.len() == n || k < MIN_FULL {
            break;
        }
        if top.iter().all(|&t| w > t || w + SLACK < t) {
            top.push(w);
        }
    }
    (top.len() == n).then_some(top)
}

/// The widths in their order on the page, left to right: of two fragments
/// on one line, the first stands to the left (the side most such lines
/// put it on, carried on from pair to pair); a width stands right of as
/// many widths as are known to stand left of it.
fn order(frags: &[Frag], widths: &[usize]) -> Vec<usize> {
    let n = widths.len();
    let near = |w: usize| widths.iter().position(|&x| w <= x && w + SLACK >= x);
    let mut votes = vec![vec![0usize; n]; n];
    for pair in frags.windows(2) {
        if pair[0].line != pair[1].line {
            continue;
        }
        if let (Some(a), Some(b)) = (near(pair[0].width), near(pair[1].width)) {
            if a != b {
                votes[a][b] += 1;
            }
        }
    }
    let mut left = vec![vec![false; n]; n];
    for a in 0..n {
        for b in 0..n {
            left[a][b] = votes[a][b] > votes[b][a];
        }
    }
    for k in 0..n {
        for a in 0..n {
            for b in 0..n {
                if left[a][k] && left[k][b] {
                    left[a][b] = true;
                }
            }
        }
    }
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by_key(|&k| (0..n).filter(|&a| a != k && left[a][k]).count());
    idx.into_iter().map(|k| widths[k]).collect()
}

/// The kind of marker `text` starts with.
fn marker_kind(text: &str) -> Option<MarkerKind> {
    marker::recognise(text).filter(|m| !m.weak).map(|m| m.kind)
}

/// Each fragment given to a column, cell by cell: the cells in the order
/// they start, and how many fragments the table took (it ends at one that
/// fits no column).
fn walk(src: &str, frags: &[Frag], cols: &[Column]) -> (Vec<Acc>, usize) {
    let n = cols.len();
    let mut open: Vec<Option<usize>> = vec![None; n];
    let mut last = vec![0usize; n];
    let mut accs: Vec<Acc> = Vec::new();
    let mut min_col = 0;
    // Rows whose tasks carry no numbers start where a task cell starts,
    // and end the units cells above; numbered ones are placed by number.
    let numbered = frags.iter().filter(|f| marker_kind(f.span.slice(src)) == Some(MarkerKind::Arabic)).count();
    let rows = task_column(cols).filter(|_| numbered < MIN_ROWS);
    // The column of the first fragment of the line before, and of this line.
    let (mut above, mut first_col) = (None, None);
    for (i, f) in frags.iter().enumerate() {
        let line_start = i == 0 || frags[i - 1].line != f.line;
        if line_start {
            min_col = 0;
            above = if f.after_blank { None } else { first_col };
            first_col = None;
        }
        let text = f.span.slice(src);
        let marker = marker_kind(text);
        let fits = |c: usize| c >= min_col && f.width <= cols[c].width + 1;
        let any = |c: usize| f.width <= cols[c].width + 1;
        let ends = text.ends_with(['。', '；', '！', '？']);
        let unit = text.ends_with(UNIT_ENDS) && !text.contains(['，', '。', '；', ',']);
        let shape = Shape { marker, width: f.width, ends, unit, above: above.filter(|_| line_start) };
        let chosen = choose(cols, &open, &last, shape, &fits).or_else(|| choose(cols, &open, &last, shape, &any));
        let Some((c, new)) = chosen else {
            if open.iter().all(Option::is_none) {
                return (accs, i);
            }
            // A stray fragment inside the table: the open cell it stands
            // beside takes it.
            let c = (0..n).filter(|&c| open[c].is_some()).min_by_key(|&c| last[c]).unwrap_or(0);
            push(&mut accs, &mut open, c, i);
            last[c] = i;
            continue;
        };
        if new {
            open[c] = None;
            // A row below starts: the units cells of the rows above end
            // (rows do not overlap on the page), all but one that started
            // just before it, beside it.
            if Some(c) == rows {
                for u in (0..n).filter(|&u| matches!(cols[u].kind, Some(ColumnKind::Units(_)))) {
                    let first = open[u].and_then(|a| accs[a].frags.first().copied());
                    if first.is_some_and(|s| !beside(frags, s, i)) {
                        open[u] = None;
                    }
                }
            }
        }
        push(&mut accs, &mut open, c, i);
        last[c] = i;
        if line_start {
            first_col = Some(c);
        }
        if ends || !full(f.width, cols[c].width) {
            open[c] = None;
        }
        min_col = c + 1;
    }
    (accs, frags.len())
}

/// True when a cell that starts at fragment `s` stands beside the row that
/// starts at fragment `t` after it: within [`NEXT_WITHIN`] fragments, with
/// no blank line between.
fn beside(frags: &[Frag], s: usize, t: usize) -> bool {
    t - s <= NEXT_WITHIN && !frags[s + 1..=t].iter().any(|f| f.after_blank)
}

/// True when a fragment `width` wide reaches a column `col` wide: all of
/// it, or but one ideograph of a wide column (a bracket or a word that did
/// not fit went down with the character before it).
fn full(width: usize, col: usize) -> bool {
    width + 1 >= col || (col >= WIDE && width + SLACK >= col)
}

/// Adds fragment `i` to the open cell of column `c`, or starts one.
fn push(accs: &mut Vec<Acc>, open: &mut [Option<usize>], c: usize, i: usize) {
    match open[c] {
        Some(a) => accs[a].frags.push(i),
        None => {
            open[c] = Some(accs.len());
            accs.push(Acc { col: c, frags: vec![i] });
        }
    }
}

/// What a fragment is like, for the column it goes to.
#[derive(Clone, Copy, Debug)]
struct Shape {
    marker: Option<MarkerKind>,
    width: usize,
    /// It ends a sentence (`。`): the last line of a task's text.
    ends: bool,
    /// It ends as a unit's name does (`局`, `委`), with no comma or stop in
    /// it: the last line of a units cell.
    unit: bool,
    /// For the first fragment of a line, the column of the first of the
    /// line above.
    above: Option<usize>,
}

/// The last characters of units' names.
const UNIT_ENDS: [char; 14] = ['局', '委', '办', '厅', '院', '部', '府', '位', '司', '心', '处', '队', '所', '室'];

/// The column a fragment goes to, and whether it starts a cell: a task
/// number starts one in the task column; else a column whose width it
/// reaches (its open cell, the one longest without a line, else a new
/// one); else, for a unit's name, a units column's cell; else the open
/// section cell the line above starts with, when it fits; else an open
/// cell it fits (the one longest without a line); else a new cell in the
/// column nearest its width. The end of a sentence ends the open task cell
/// before all.
fn choose(
    cols: &[Column],
    open: &[Option<usize>],
    last: &[usize],
    f: Shape,
    fits: &dyn Fn(usize) -> bool,
) -> Option<(usize, bool)> {
    let n = cols.len();
    let starts = |c: usize| {
        matches!(
            (f.marker, cols[c].kind),
            (Some(MarkerKind::Arabic), Some(ColumnKind::Task)) | (Some(MarkerKind::Chinese), Some(ColumnKind::Section))
        )
    };
    if let Some(c) = (0..n).find(|&c| fits(c) && starts(c)) {
        if open[c].is_none() || f.marker == Some(MarkerKind::Arabic) {
            return Some((c, true));
        }
    }
    let open_fit = |c: usize| fits(c) && open[c].is_some();
    if f.ends {
        if let Some(c) = (0..n).find(|&c| open_fit(c) && cols[c].kind == Some(ColumnKind::Task)) {
            return Some((c, false));
        }
    }
    let reach = |c: usize| fits(c) && full(f.width, cols[c].width);
    if let Some(c) = (0..n).filter(|&c| reach(c) && open[c].is_some()).min_by_key(|&c| last[c]) {
        return Some((c, false));
    }
    if let Some(c) = (0..n).filter(|&c| reach(c)).min_by_key(|&c| (cols[c].width.abs_diff(f.width), c)) {
        return Some((c, true));
    }
    let units = |c: usize| matches!(cols[c].kind, Some(ColumnKind::Units(_)));
    if f.unit {
        if let Some(c) = (0..n).filter(|&c| open_fit(c) && units(c)).min_by_key(|&c| last[c]) {
            return Some((c, false));
        }
        if let Some(c) = (0..n).filter(|&c| fits(c) && units(c)).min_by_key(|&c| cols[c].width) {
            return Some((c, true));
        }
    }
    if let Some(c) = f.above.filter(|&c| open_fit(c) && cols[c].kind == Some(ColumnKind::Section)) {
        return Some((c, false));
    }
    if let Some(c) = (0..n).filter(|&c| open_fit(c)).min_by_key(|&c| last[c]) {
        return Some((c, false));
    }
    (0..n).filter(|&c| fits(c)).min_by_key(|&c| (cols[c].width.abs_diff(f.width), c)).map(|c| (c, true))
}

/// The task column (the widest of several).
fn task_column(cols: &[Column]) -> Option<usize> {
    (0..cols.len()).filter(|&c| cols[c].kind == Some(ColumnKind::Task)).max_by_key(|&c| cols[c].width)
}

/// The column whose cells are the rows: the one most of whose cells start
/// with a task number (at least [`MIN_ROWS`]), else the task column (the
/// widest of several).
fn row_column(src: &str, frags: &[Frag], accs: &[Acc], cols: &[Column]) -> Option<usize> {
    let mut numbered = vec![0usize; cols.len()];
    for a in accs {
        let text = frags[a.frags[0]].span.slice(src);
        if marker_kind(text) == Some(MarkerKind::Arabic) {
            numbered[a.col] += 1;
        }
    }
    let best = (0..cols.len()).max_by_key(|&c| (numbered[c], cols[c].width))?;
    if numbered[best] >= MIN_ROWS {
        return Some(best);
    }
    (0..cols.len()).filter(|&c| cols[c].kind == Some(ColumnKind::Task)).max_by_key(|&c| cols[c].width)
}

/// The table: the header, then a row per cell of the row column, every
/// other cell in the row it stands beside (the row that starts within
/// [`NEXT_WITHIN`] fragments after it, with no blank line between; else the
/// last row started before it); two cells of one column in one row are two
/// paragraphs of it.
fn table(frags: &[Frag], accs: &[Acc], cols: &[Column], rows_col: usize) -> Option<Table> {
    let starts: Vec<usize> = accs.iter().filter(|a| a.col == rows_col).map(|a| a.frags[0]).collect();
    if starts.len() < MIN_ROWS {
        return None;
    }
    let n = cols.len();
    let head = head_row(cols);
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::default(); n]; starts.len()];
    for a in accs {
        let s = a.frags[0];
        let next = starts.partition_point(|&t| t <= s);
        let row = if a.col == rows_col {
            next.saturating_sub(1)
        } else {
            match starts.get(next) {
                Some(&t) if beside(frags, s, t) => next,
                _ => next.saturating_sub(1),
            }
        };
        let para: Vec<Piece> = a.frags.iter().map(|&i| Piece::Src(frags[i].span)).collect();
        rows[row][a.col].text.paras.push(para);
    }
    let mut all = vec![head];
    all.extend(rows);
    Some(Table { rows: all })
}

/// The header row: each column's name.
fn head_row(cols: &[Column]) -> Vec<Cell> {
    cols.iter()
        .map(|c| Cell { text: Text { paras: vec![c.head.iter().map(|s| Piece::Src(*s)).collect()] }, from: None })
        .collect()
}

mod anchored;
#[cfg(test)]
mod tests;
