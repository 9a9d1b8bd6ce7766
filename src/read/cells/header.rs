//! The header: the lines that name the table's columns, and the readings
//! of them worth trying (cells left out at either end, a name over two
//! columns).

use crate::fold::{self};
use crate::lexicon::{self, ColumnKind};
use crate::marker::{self};

use super::*;

/// A cell of a header: its lines (a name may be written over two, `负责` /
/// `部门`) and the kind of column it names.
#[derive(Clone, Debug)]
pub(in crate::read) struct HeadCell {
    /// Its first line and one past its last.
    pub(in crate::read) first: usize,
    pub(in crate::read) end: usize,
    /// The kind of column it names, when the lexicon knows the name.
    kind: Option<ColumnKind>,
}

/// A run of lines that may be a header: its cells in order.
#[derive(Clone, Debug)]
pub(in crate::read) struct Head {
    /// The first line of the run.
    pub(in crate::read) first: usize,
    /// Its cells in order.
    pub(in crate::read) cells: Vec<HeadCell>,
}

/// The column kind a header text names.
pub(super) fn name_kind(text: &str) -> Option<ColumnKind> {
    lexicon::column_kind(&fold::compact(text))
}

/// True when line `line` may be a header cell: a short name, ideographs
/// with at most a slash, a `、` or brackets between them (`配合/责任单位`,
/// `责任单位（部门）`), and no marker.
pub(super) fn header_like(src: &str, line: &Line) -> bool {
    let text = line.text.slice(src);
    !text.is_empty()
        && text.len() <= 4 * 3 * MAX_NAME_CHARS
        && fold::compact_chars(text).count() <= MAX_NAME_CHARS
        && fold::compact_chars(text).all(|c| marker::is_cjk(c) || matches!(c, '/' | '、' | '(' | ')'))
        && marker::recognise(text).is_none()
}

/// The runs of header-like lines that name a units column and a task,
/// group or number column.
pub(in crate::read) fn headers(src: &str, lines: &[Line]) -> Vec<Head> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !header_like(src, &lines[i]) {
            i += 1;
            continue;
        }
        let first = i;
        while i < lines.len() && header_like(src, &lines[i]) {
            i += 1;
        }
        if i - first > MAX_HEADER_LINES {
            continue;
        }
        let mut cells = head_cells(src, lines, first, i);
        // Of the lines naming nothing before the first name, the last few
        // may be unknown column names; the others are text before the table.
        let unnamed = cells.iter().take_while(|c| c.kind.is_none()).count();
        cells.drain(..unnamed.saturating_sub(MAX_DROPPED));
        let names = |k: &dyn Fn(&ColumnKind) -> bool| cells.iter().filter_map(|c| c.kind).any(|c| k(&c));
        if cells.len() >= 2
            && names(&|k| matches!(k, ColumnKind::Units(_)))
            && names(&|k| matches!(k, ColumnKind::Task | ColumnKind::Section | ColumnKind::Number))
            && !second_row_follows(src, lines, i)
        {
            out.push(Head { first: cells[0].first, cells });
        }
    }
    out
}

/// True when a second header row follows the run ending at `end`, past
/// the blank lines of its empty cells: two or more units names
/// (`牵头单位` / `配合单位` under a `责任单位` that spans them). This reader
/// does not read a header of two rows; the line reader puts the second
/// row's names under the first's ([`crate::read::classify::second_row_under_units`]).
fn second_row_follows(src: &str, lines: &[Line], end: usize) -> bool {
    let blank = lines[end.min(lines.len())..].iter().take(MAX_COLUMNS).take_while(|l| l.text.is_empty()).count();
    if blank == 0 {
        return false;
    }
    let at = end + blank;
    let run = lines[at.min(lines.len())..].iter().take(MAX_COLUMNS).take_while(|l| header_like(src, l)).count();
    let subs = head_cells(src, lines, at, at + run);
    subs.len() >= 2 && subs.iter().all(|c| matches!(c.kind, Some(ColumnKind::Units(_))))
}

/// The cells of header lines `first..end`: a short line naming nothing
/// joins the short line after it when the two together name a column (a
/// name broken over two lines in a narrow column: `负责` + `部门`).
pub(super) fn head_cells(src: &str, lines: &[Line], first: usize, end: usize) -> Vec<HeadCell> {
    let mut cells = Vec::new();
    let mut i = first;
    while i < end {
        let text = lines[i].text.slice(src);
        let kind = name_kind(text);
        let short = |l: &Line| l.text.slice(src).chars().count() <= 3;
        if kind.is_none() && i + 1 < end && short(&lines[i]) && short(&lines[i + 1]) {
            let joined = format!("{text}{}", lines[i + 1].text.slice(src));
            if let Some(k) = name_kind(&joined) {
                cells.push(HeadCell { first: i, end: i + 2, kind: Some(k) });
                i += 2;
                continue;
            }
        }
        cells.push(HeadCell { first: i, end: i + 1, kind });
        i += 1;
    }
    cells
}

/// One reading of a header: which of its run's cells it keeps, and which
/// cell, if any, spans two columns (a name over a group and a task).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::read) struct Reading {
    /// Cells left out at the start (lines before the table) and at the end
    /// (cells of the first row).
    drop_first: usize,
    drop_last: usize,
    /// The kept cell (by its place among the kept) that spans two columns.
    pub(super) span: Option<usize>,
}

impl Reading {
    /// The kept cells.
    pub(in crate::read) fn cells<'h>(&self, head: &'h Head) -> &'h [HeadCell] {
        &head.cells[self.drop_first..head.cells.len() - self.drop_last]
    }

    /// The kind of each column, spans laid out: the first column of a name
    /// over two holds groups.
    pub(in crate::read) fn kinds(&self, head: &Head) -> Vec<Kind> {
        let mut kinds = Vec::new();
        for (k, cell) in self.cells(head).iter().enumerate() {
            if self.span == Some(k) {
                kinds.push(Kind::Group);
            }
            kinds.push(Kind::of(cell.kind));
        }
        kinds
    }

    /// True when the kept cells still name a units column and a task,
    /// group or number column, in three columns or more (fewer would not
    /// tell rows apart).
    pub(super) fn valid(&self, head: &Head) -> bool {
        let kinds = self.kinds(head);
        kinds.len() >= MIN_COLUMNS
            && kinds.len() <= MAX_COLUMNS
            && kinds.contains(&Kind::Units)
            && kinds.iter().any(|k| matches!(k, Kind::Task | Kind::Group | Kind::Number))
    }

    /// Points off a reading that departs from the header as written.
    pub(in crate::read) fn cost(&self) -> i64 {
        2 * (self.drop_first + self.drop_last + usize::from(self.span.is_some())) as i64
    }
}

/// Every reading of `head` worth comparing.
pub(in crate::read) fn readings(head: &Head) -> Vec<Reading> {
    let n = head.cells.len();
    let mut out = Vec::new();
    // Cells before the first the lexicon knows may be lines before the
    // table; a known name is never left out at the start.
    let unnamed = head.cells.iter().take_while(|c| c.kind.is_none()).count();
    for drop_first in 0..=MAX_DROPPED.min(unnamed) {
        for drop_last in 0..=MAX_DROPPED.min(n - drop_first) {
            // A units or task name is never the first row's text: a cell of
            // that row reads as a unit's name or a task, not as a column's.
            let names_work = |c: &HeadCell| matches!(c.kind, Some(ColumnKind::Units(_) | ColumnKind::Task));
            if head.cells[n - drop_last..].iter().any(names_work) {
                continue;
            }
            let base = Reading { drop_first, drop_last, span: None };
            let kept = base.cells(head);
            let spans = kept
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.kind, Some(ColumnKind::Task | ColumnKind::Section)))
                .map(|(k, _)| Some(k))
                .take(MAX_SPANS);
            for span in std::iter::once(None).chain(spans) {
                let r = Reading { span, ..base };
                if r.valid(head) {
                    out.push(r);
                }
            }
        }
    }
    out
}
