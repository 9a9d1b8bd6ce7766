//! A table flattened one cell per line, as `docx2txt` and LibreOffice's
//! "save as text" write a Word table: the header's cells one a line, then
//! each row's cells one a line in order; an empty cell is an empty line (or
//! a line of spaces), a cell of several paragraphs runs over several lines,
//! and a merged cell stands in its first row only, the later rows holding an
//! empty line in its place.
//!
//! Nothing in the text marks where a row starts: the rows are rebuilt from
//! what each line is. The header's names say what each column holds
//! (`crate::lexicon::column_kind`: a task, units, a deadline, a group), and
//! each line is read for what it looks like (a section marker `一、`, a task
//! number `1.`, a units list, a date, an empty cell). The rows are the best
//! alignment of the lines to the columns, row after row: each line either
//! starts the next cell or is one more paragraph of the cell before it, an
//! empty line is always a cell of its own, and a line across the whole
//! table (a section heading spanning every column) is a row of its own. The
//! best alignment is found by dynamic programming over the lines, in one
//! pass (a few states per column, a line at a time), and it also says where
//! the table ends. Where the header is unsure (a name over two columns, a
//! line before or after it that may or may not be a column name), the
//! readings are compared on the first rows and the best one is kept.
//!
//! A text is claimed only when a header names a units column and a task,
//! group or number column, and its table holds empty cells written as empty
//! lines inside its rows: without them the rows are plain lines, which the
//! line-based outline reads as it always has. A text of several such tables
//! is not claimed either: the document's tables would each be written
//! under a header of their own, and the outline reads every header but the
//! first as a row.

use super::{Block, Cell, Document, Piece, Table, Text};
use crate::fold::{self};
use crate::marker::MarkerKind;
use crate::model::Layout;
use crate::span::{LineIndex, Span};
use crate::units::{self};

mod align;
mod fit;
mod header;
#[cfg(test)]
mod tests;

use align::*;
pub(in crate::read) use fit::*;
pub(in crate::read) use header::*;

/// Words one of which a units column's name holds: a text without any is
/// not looked at further.
pub(super) const UNIT_WORDS: [&str; 9] = ["单位", "部门", "科室", "处室", "分工", "责任", "牵头", "配合", "协办"];
/// Fewest columns of a table read.
const MIN_COLUMNS: usize = 3;
/// Most columns a header may name.
const MAX_COLUMNS: usize = 16;
/// Most headers a text may hold: past that it is no document of tables.
pub(super) const MAX_HEADS: usize = 64;
/// How many of the first lines a header is looked for in.
pub(super) const HEAD_ZONE_LINES: usize = 400;
/// Most characters of a header line (the lexicon reads no longer name).
const MAX_NAME_CHARS: usize = 12;
/// Most lines a header's run may hold.
const MAX_HEADER_LINES: usize = 2 * MAX_COLUMNS;
/// Most lines of a table's body read: past that the text is not claimed.
pub(super) const MAX_BODY_LINES: usize = 200_000;
/// Lines of the body the readings of a header are compared on.
pub(super) const TRIAL_LINES: usize = 300;
/// Most cells at either end of a header's run that a reading may leave out.
pub(super) const MAX_DROPPED: usize = 2;
/// Most cells of a header tried as a name over two columns.
const MAX_SPANS: usize = 2;
/// Characters of a line looked at to tell how long it is.
const LONG_CHARS: usize = 40;

/// A line of the input: its text, white space trimmed (empty for a blank
/// line).
#[derive(Clone, Copy, Debug)]
pub(super) struct Line {
    /// Its text, trimmed.
    pub(super) text: Span,
}

/// The lines of `src`, each with its trimmed text.
fn lines_of(src: &str, index: &LineIndex) -> Vec<Line> {
    index
        .lines(src)
        .map(|s| {
            let (a, b) = fold::trim(src, s.start, s.end);
            Line { text: Span::new(a, b) }
        })
        .collect()
}

/// The document of `src`, when it holds a table flattened one cell per
/// line with empty cells as empty lines (see the module); `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    // The header is looked for in the first lines only (a page's menus and
    // a notice stand before the table, the plan's rows after it): a long
    // text costs no more to turn down than a page.
    let b = src.as_bytes();
    let zone_end = memchr::memchr_iter(b'\n', b).nth(HEAD_ZONE_LINES).map_or(b.len(), |p| p + 1);
    let zone = &b[..zone_end];
    if memchr::memchr(b'\n', zone).is_none()
        || !UNIT_WORDS.iter().any(|w| memchr::memmem::find(zone, w.as_bytes()).is_some())
    {
        return None;
    }
    let index = LineIndex::new(src);
    let lines = lines_of(src, &index);
    let heads = headers(src, &lines[..lines.len().min(HEAD_ZONE_LINES + 1)]);
    if heads.is_empty() || heads.len() > MAX_HEADS {
        return None;
    }
    let opts = crate::Options::default();
    let cx = units::Cx::new(src, &opts, &index);
    let found = one_table(&heads, lines.len(), |head, limit| table(&cx, &lines, head, limit))?;
    let mut blocks = Vec::new();
    paras(src, &lines, 0, found.first, &mut blocks);
    blocks.push(Block::Table(found.table));
    paras(src, &lines, found.end, lines.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::CellPerLine })
}

/// Lines `from..to` as paragraph blocks, one a line; a line holding tabs or
/// pipes one a field (the flat text the outline reads keeps neither, and a
/// name must not run over one).
fn paras(src: &str, lines: &[Line], from: usize, to: usize, out: &mut Vec<Block>) {
    for line in lines.get(from..to).unwrap_or_default() {
        out.extend(fields(src, line.text).map(|f| Block::Para(Text::of(f))));
    }
}

/// The fields of the text at `span`, apart by tabs and pipes, each trimmed;
/// empty ones left out.
pub(super) fn fields(src: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let text = span.slice(src);
    let cuts = memchr::memchr2_iter(b'\t', b'|', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    cuts.filter_map(move |cut| {
        let (a, b) = fold::trim(src, span.start + start, span.start + cut);
        start = cut + 1;
        (a < b).then(|| Span::new(a, b))
    })
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

/// A table found: its lines `first..end` and the table.
pub(super) struct Found {
    /// The table's first line (its header's) and one past its last row.
    pub(super) first: usize,
    pub(super) end: usize,
    /// The table, its header first.
    pub(super) table: Table,
}

/// The one table under `heads` (each tried as `table(head, limit)`, its
/// body no further than the next header or line `lines`), or `None` when
/// none is or several are: each would be written under a header of its
/// own, which the outline reads as one more row.
pub(super) fn one_table(
    heads: &[Head],
    lines: usize,
    mut table: impl FnMut(&Head, usize) -> Option<Found>,
) -> Option<Found> {
    let mut found: Option<Found> = None;
    for (k, head) in heads.iter().enumerate() {
        if found.as_ref().is_some_and(|f| head.first < f.end) {
            continue;
        }
        let limit = heads.get(k + 1).map_or(lines, |h| h.first);
        if let Some(t) = table(head, limit) {
            if found.is_some() {
                return None;
            }
            found = Some(t);
        }
    }
    found
}

/// The table under `head`, its body no further than line `limit`, when its
/// rows fit its columns and hold empty cells as empty lines.
fn table(cx: &units::Cx<'_, '_>, lines: &[Line], head: &Head, limit: usize) -> Option<Found> {
    let run_end = head.cells.last()?.end;
    // The lines that may be body: from the first cell a reading may leave out.
    let body_from = head.cells[head.cells.len().saturating_sub(MAX_DROPPED)..].first()?.first.min(run_end);
    if limit.saturating_sub(body_from) > MAX_BODY_LINES {
        return None;
    }
    // The lines' features for the trials first; the rest of the body's
    // only when a reading fits (a text that is no such table pays for the
    // first lines under each header, not for all of them).
    let limit = limit.max(body_from);
    let trial_end = run_end.saturating_add(TRIAL_LINES).clamp(body_from, limit);
    let mut feats: Vec<Feat> = lines[body_from..trial_end].iter().map(|l| feat(cx, l)).collect();
    let body_of = |r: &Reading| r.cells(head).last().map_or(run_end, |c| c.end) - body_from;
    // Each reading tried on the first lines; of those whose rows fit, the
    // best, the one closest to the header as written among equals.
    let trial = |r: &Reading, feats: &[Feat]| {
        let body = feats.get(body_of(r)..).unwrap_or_default();
        let body = &body[..body.len().min(TRIAL_LINES)];
        let kinds = r.kinds(head);
        let (points, rows) = cut(&kinds, body);
        fits(&rows, body, &kinds).then_some(points - r.cost())
    };
    let reading = readings(head)
        .into_iter()
        .filter_map(|r| Some((trial(&r, &feats)?, r)))
        .max_by_key(|(p, r)| (*p, std::cmp::Reverse(r.cost())))?
        .1;
    feats.extend(lines[trial_end..limit].iter().map(|l| feat(cx, l)));
    let kinds = reading.kinds(head);
    let body = &feats[body_of(&reading)..];
    let (_, rows) = cut(&kinds, body);
    if !fits(&rows, body, &kinds) {
        return None;
    }
    let from = body_from + body_of(&reading);
    let mut table = Table { rows: vec![header_row(cx.src, lines, head, &reading)] };
    for row in &rows {
        table.rows.push(row.cells(cx.src, lines, from, table.rows.len(), kinds.len()));
    }
    merge_down(&mut table, &kinds, cx.src);
    let end = from + rows.last().map_or(0, |r| r.end);
    Some(Found { first: reading.cells(head).first()?.first, end, table })
}

/// The rows of lines `feats` aligned to columns `kinds`, and the points of
/// the alignment. Rows after the last that holds a task or units are the
/// text after the table, which happened to fit: they are left out.
pub(super) fn cut(kinds: &[Kind], feats: &[Feat]) -> (i64, Vec<Row>) {
    let aligned = align(kinds, feats);
    let mut rows = rows(&aligned.states, kinds);
    while rows.last().is_some_and(|r| !r.anchored(feats, kinds)) {
        rows.pop();
    }
    (aligned.points, rows)
}

/// Marks the empty cells of the group columns left of the task as covered
/// by the last cell above them with text: a cell merged over rows is
/// written in its first row only, an empty line standing for it in the
/// others. A row across the table ends such spans. A units cell may as well
/// be empty (no lead named), so units are merged down only into a row with
/// a task and no units in any column: a task's units are never all left out
/// of a table, so its units cells are the ones merged over it from above.
pub(super) fn merge_down(table: &mut Table, kinds: &[Kind], src: &str) {
    // The tasks' column: the one named so, else the last group column (a
    // header of `工作任务` / `牵头单位` names no other).
    let tasks = kinds.iter().position(|k| *k == Kind::Task).or_else(|| kinds.iter().rposition(|k| *k == Kind::Group));
    if let Some(t) = tasks {
        merge_units_down(table, kinds, t, src);
    }
    let Some(task) = kinds.iter().position(|k| *k == Kind::Task) else { return };
    for c in (0..task).filter(|&c| matches!(kinds[c], Kind::Group | Kind::Other | Kind::Unknown)) {
        let mut above: Option<usize> = None;
        for r in 1..table.rows.len() {
            let row = &mut table.rows[r];
            let across = row.get(1).is_some_and(|cell| cell.from == Some((r, 0)));
            let Some(cell) = row.get_mut(c) else { continue };
            if across {
                above = None;
            } else if !cell.text.is_blank(src) {
                above = Some(r);
            } else if let Some(a) = above {
                cell.from = Some((a, c));
            }
        }
    }
}

/// See [`merge_down`]: a row with a task and no units takes the units cells
/// of the row above (of what they are covered by, when they are).
fn merge_units_down(table: &mut Table, kinds: &[Kind], task: usize, src: &str) {
    let units: Vec<usize> = (0..kinds.len()).filter(|&c| kinds[c] == Kind::Units).collect();
    if units.is_empty() {
        return;
    }
    for r in 2..table.rows.len() {
        let (done, rest) = table.rows.split_at_mut(r);
        let (above, row) = (&done[r - 1], &mut rest[0]);
        let filled = |row: &[Cell], c: usize| row.get(c).is_some_and(|x| x.from.is_some() || !x.text.is_blank(src));
        let has_task = row.get(task).is_some_and(|x| x.from.is_none() && !x.text.is_blank(src));
        if !has_task || units.iter().any(|&c| filled(row, c)) || !units.iter().any(|&c| filled(above, c)) {
            continue;
        }
        for &c in &units {
            let from = match above.get(c) {
                Some(x) if x.from.is_some() => x.from,
                Some(x) if !x.text.is_blank(src) => Some((r - 1, c)),
                _ => None,
            };
            if let (Some(cell), Some(from)) = (row.get_mut(c), from) {
                cell.from = Some(from);
            }
        }
    }
}

/// The header's row: each kept cell's lines as its paragraphs, the second
/// slot of a name over two columns covered by the first.
pub(super) fn header_row(src: &str, lines: &[Line], head: &Head, reading: &Reading) -> Vec<Cell> {
    let mut row = Vec::new();
    for (k, cell) in reading.cells(head).iter().enumerate() {
        let text = paragraphs(src, lines, cell.first..cell.end);
        row.push(Cell { text, from: None });
        if reading.span == Some(k) {
            let at = row.len() - 1;
            row.push(Cell { text: Text::default(), from: Some((0, at)) });
        }
    }
    row
}

/// Lines `range` as the paragraphs of one text, blank lines left out (a
/// line with tabs or pipes: a paragraph a field, as for [`paras`]).
fn paragraphs(src: &str, lines: &[Line], range: std::ops::Range<usize>) -> Text {
    Text { paras: lines[range].iter().flat_map(|l| fields(src, l.text)).map(|f| vec![Piece::Src(f)]).collect() }
}

/// A row of the body as the alignment cut it: lines relative to the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Row {
    /// True for a row across the table.
    pub(super) across: bool,
    /// For each column, the lines of its cell (empty for a cell the row lacks).
    pub(super) cells: Vec<std::ops::Range<usize>>,
    /// One past the row's last line.
    pub(super) end: usize,
}

impl Row {
    /// The row's cells on a grid of `width` columns, as row `r` of the table.
    fn cells(&self, src: &str, lines: &[Line], from: usize, r: usize, width: usize) -> Vec<Cell> {
        let text = |range: &std::ops::Range<usize>| paragraphs(src, lines, from + range.start..from + range.end);
        if self.across {
            let mut row = vec![Cell { text: text(&self.cells[0]), from: None }];
            row.extend((1..width).map(|_| Cell { text: Text::default(), from: Some((r, 0)) }));
            return row;
        }
        self.cells.iter().map(|range| Cell { text: text(range), from: None }).collect()
    }

    /// True when the row holds what only a row of the table holds: a task
    /// or a number where the columns say, or units in a units column.
    pub(super) fn anchored(&self, feats: &[Feat], kinds: &[Kind]) -> bool {
        !self.across
            && self.cells.iter().zip(kinds).any(|(c, k)| {
                let f = feats.get(c.start).filter(|_| !c.is_empty());
                f.is_some_and(|f| match k {
                    Kind::Task => f.mark == Mark::Item,
                    Kind::Number => f.mark == Mark::Number,
                    Kind::Units => f.units,
                    _ => false,
                })
            })
    }

    /// True when every cell of the row is empty.
    pub(super) fn is_blank(&self, feats: &[Feat]) -> bool {
        self.cells.iter().all(|c| feats[c.clone()].iter().all(|f| f.blank))
    }
}

/// The rows of an alignment's states.
fn rows(states: &[State], kinds: &[Kind]) -> Vec<Row> {
    let m = kinds.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut prev = State::Start;
    for (i, s) in states.iter().enumerate() {
        let new_row = match (*s, prev) {
            (State::Out, _) => break,
            (State::Across, _) => true,
            (State::Cell(c, _), State::Cell(p, _)) => c < p,
            (State::Cell(..), _) => true,
            _ => false,
        };
        if new_row {
            rows.push(Row { across: *s == State::Across, cells: vec![0..0; m], end: i });
        }
        if let (Some(row), State::Cell(..) | State::Across) = (rows.last_mut(), *s) {
            let c = if let State::Cell(c, _) = *s { c } else { 0 };
            let cell = &mut row.cells[c];
            if cell.start == cell.end {
                *cell = i..i + 1;
            } else {
                cell.end = i + 1;
            }
            row.end = i + 1;
        }
        prev = *s;
    }
    rows
}

/// Points of a line that does not belong where it stands: a marker or
/// units in a column of other content.
pub(super) const MISFIT: i32 = -4;
/// Fewest rows with text a table is claimed with.
pub(super) const MIN_ROWS: usize = 3;

/// True when the rows are a table of the shape read here: three rows or
/// more with text, empty cells written as empty lines inside a quarter of
/// them or more, most rows holding a task or units where their columns say,
/// every named column holding text somewhere, and each kind of marker
/// (`一、`, `1.`) starting the cells of one column (rows cut wrongly put
/// like cells in different columns).
fn fits(rows: &[Row], feats: &[Feat], kinds: &[Kind]) -> bool {
    let full: Vec<&Row> = rows.iter().filter(|r| !r.across && !r.is_blank(feats)).collect();
    if full.len() < MIN_ROWS {
        return false;
    }
    let first = |c: &std::ops::Range<usize>| feats.get(c.start).filter(|_| !c.is_empty()).copied();
    let blank_cell = |r: &Row| r.cells.iter().any(|c| c.len() == 1 && feats[c.start].blank);
    let empties = full.iter().filter(|r| blank_cell(r)).count() + rows.iter().filter(|r| r.is_blank(feats)).count();
    let good = |r: &Row| {
        r.anchored(feats, kinds)
            && r.cells.iter().zip(kinds).all(|(c, k)| {
                let cell = &feats[c.clone()];
                cell.iter().enumerate().all(|(i, f)| {
                    let points = if i == 0 { start_points(*k, f) } else { more_points(*k, f, &cell[i - 1]) };
                    points > MISFIT
                })
            })
    };
    let fitting = full.iter().filter(|r| good(r)).count();
    let named_filled = kinds
        .iter()
        .enumerate()
        .all(|(c, k)| *k == Kind::Other || full.iter().any(|r| first(&r.cells[c]).is_some_and(|f| !f.blank)));
    // Rows that lack their first cells: a merged cell that left no empty
    // line, the exception in this shape.
    let short = full.iter().filter(|r| r.cells.first().is_some_and(|c| c.is_empty())).count();
    short * 8 <= full.len()
        && empties * 4 >= full.len()
        && fitting * 4 >= full.len() * 3
        && named_filled
        && markers_agree(&full, feats)
}

/// True when each kind of marker starts cells of one column only, but for
/// one stray cell in ten (a list inside a cell of other content).
pub(super) fn markers_agree(rows: &[&Row], feats: &[Feat]) -> bool {
    let mut seen: Vec<(MarkerKind, usize, usize)> = Vec::new();
    for row in rows {
        for (c, cell) in row.cells.iter().enumerate() {
            let Some(kind) = feats.get(cell.start).filter(|_| !cell.is_empty()).and_then(|f| f.marker) else {
                continue;
            };
            match seen.iter_mut().find(|(k, col, _)| *k == kind && *col == c) {
                Some(entry) => entry.2 += 1,
                None => seen.push((kind, c, 1)),
            }
        }
    }
    seen.iter().all(|(kind, _, _)| {
        let counts = seen.iter().filter(|(k, _, _)| k == kind).map(|e| e.2);
        let (total, top) = counts.fold((0, 0), |(t, m), n| (t + n, m.max(n)));
        total - top <= (total / 10).max(1) && (total - top) * 2 < total
    })
}
