//! Table rows: which column of the header each cell of a row falls in,
//! and the row's heading when its number comes first.

use crate::fold::fold;
use crate::marker::MarkerKind;
use crate::read::classify::Col;
use crate::survey::Kind;

use super::Outline;
use super::tasks::starts_with_label;

/// What a cell became, for the column tracking of flattened tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Placed {
    Nothing,
    Section,
    Task,
    Number,
    Units,
    Deadline,
}

/// Where the column tracking stands: the row being aligned (tab and pipe
/// rows) and the column the next cell of a flattened table falls in.
#[derive(Default)]
pub(super) struct ColState {
    line: Option<usize>,
    offset: usize,
    next: usize,
    /// The line of the number that began the current row of a flattened table.
    number_line: Option<usize>,
    /// The header's task column (0 when it has none), and the column after
    /// its first units column past the task column (the one after the task
    /// when there is none): worked out once, not at every cell.
    task_col: usize,
    after_units: usize,
    /// Where a new row of a flattened table starts when a task follows: the
    /// header's first section column before the task column, else the task
    /// column (also worked out once: a wide header made it cost its width
    /// at every row).
    row_start: usize,
    /// The row heading found last (see `Outline::row_heading`): its line,
    /// the row's offset, the first cell searched and the heading, if any.
    heading: Option<(usize, usize, usize, Option<usize>)>,
}

impl ColState {
    pub(super) fn set_columns(&mut self, columns: &[(&str, Col)]) {
        self.task_col = columns.iter().position(|c| c.1 == Col::Task).unwrap_or(0);
        self.after_units = columns
            .iter()
            .enumerate()
            .skip(self.task_col + 1)
            .find(|c| matches!(c.1.1, Col::Units(_)))
            .map_or(self.task_col + 1, |c| c.0 + 1);
        self.row_start = columns[..self.task_col].iter().position(|c| c.1 == Col::Section).unwrap_or(self.task_col);
    }

    pub(super) fn placed(&mut self, columns: &[(&str, Col)], placed: Placed, col: Option<Col>) {
        let task_col = self.task_col;
        let guessed = col.is_some() && self.next < columns.len() && Some(columns[self.next].1) == col;
        self.next = match placed {
            Placed::Nothing => self.next,
            Placed::Section | Placed::Number => task_col,
            Placed::Task => task_col + 1,
            Placed::Units | Placed::Deadline if guessed => self.next + 1,
            Placed::Units => self.after_units,
            Placed::Deadline => self.next + 1,
        };
    }
}

/// A cell of digits alone (`1`, `12`): a task number in a table.
pub(super) fn is_bare_number(s: &str) -> bool {
    // Four characters are at most twelve bytes of full-width digits.
    !s.is_empty() && s.len() <= 12 && s.chars().count() <= 4 && s.chars().all(|c| fold(c).is_ascii_digit())
}

impl<'a, 'c> Outline<'a, 'c> {
    /// The header's 序号 column, if any.
    pub(super) fn number_col(&self) -> Option<usize> {
        self.number_col
    }

    /// The heading cell later in the same table row as number cell `i`: a
    /// section marker, or text in a section column.
    pub(super) fn row_heading(&self, i: usize, cols: &mut ColState, task_kind: Option<MarkerKind>) -> Option<usize> {
        let line = self.cells[i].line;
        if self.cells[i].cols < 2 {
            // One cell per line: the row's cells stand on the lines after the number.
            let nc = self.number_col()?;
            return (i + 1..self.cells.len())
                .take_while(|&k| {
                    self.cells[k].cols == 1
                        && nc + self.cells[k].line - line < self.columns.len()
                        && !is_bare_number(self.text(k))
                })
                .find(|&k| match &self.kinds[k] {
                    Kind::Marker(m) => task_kind.is_none_or(|t| m.kind < t),
                    Kind::Text => self.columns[nc + self.cells[k].line - line].1 == Col::Section,
                    _ => false,
                });
        }
        // The first heading past cell `i` in its row: what was found for an
        // earlier cell of the row holds until `i` passes it, so that a row of
        // many number cells is scanned once, not once for each.
        let offset = cols.offset;
        if let Some((l, at, from, found)) = cols.heading {
            if l == line && at == offset && from <= i + 1 && found.is_none_or(|k| k > i) {
                return found;
            }
        }
        let found =
            (i + 1..self.cells.len()).take_while(|&k| self.cells[k].line == line).find(|&k| match &self.kinds[k] {
                Kind::Marker(m) => task_kind.is_none_or(|t| m.kind < t),
                Kind::Text => {
                    let col = self.cells[k].col + offset;
                    self.columns.get(col).is_some_and(|c| c.1 == Col::Section)
                }
                _ => false,
            });
        cols.heading = Some((line, offset, i + 1, found));
        found
    }

    /// The column a cell stands in, when the header is known. A row of tab-
    /// or pipe-separated cells is aligned on its task cell (merged cells are
    /// missing at its start); a row with no task cell continues an unfinished
    /// row. In a table flattened one cell per line, cells follow the columns
    /// in order, a marker tells where a row starts, and after the last
    /// column a new row starts with a heading (when a task follows) or a task.
    pub(super) fn column_of(&mut self, i: usize, st: &mut ColState, task_kind: Option<MarkerKind>) -> Option<Col> {
        let cell = self.cells[i];
        let ncols = self.columns.len();
        if ncols == 0 {
            return None;
        }
        let task_col = self.task_col;
        if cell.cols >= 2 {
            if st.line != Some(cell.line) {
                // A row is aligned on its task marker, or on its number when
                // the header has a 序号 column.
                let number_col = self.number_col;
                let anchor = (i..self.cells.len()).take_while(|&k| self.cells[k].line == cell.line).find_map(|k| {
                    match &self.kinds[k] {
                        Kind::Marker(m) if Some(m.kind) == task_kind => task_col.map(|c| (c, self.cells[k].col)),
                        Kind::Text if is_bare_number(self.text(k)) => number_col.map(|c| (c, self.cells[k].col)),
                        _ => None,
                    }
                });
                st.offset = match anchor {
                    Some((c, at)) if c >= at => c - at,
                    _ if cell.cols >= ncols => 0,
                    _ => ncols - cell.cols,
                };
                st.line = Some(cell.line);
            }
            return self.columns.get(cell.col + st.offset).map(|c| c.1);
        }
        st.line = None;
        let task_col = task_col?;
        match &self.kinds[i] {
            Kind::PageNo => None,
            Kind::Marker(_) => {
                st.number_line = None;
                None
            }
            Kind::Text => {
                if is_bare_number(self.text(i)) {
                    st.number_line = Some(cell.line);
                    return Some(Col::Number);
                }
                // After a number in a table flattened one cell per line, a
                // cell's column is its line's distance from the number: a
                // blank line is an empty cell.
                if let (Some(l), Some(nc)) = (st.number_line, self.number_col()) {
                    let mut col = nc + cell.line.saturating_sub(l);
                    // A labelled line under a labelled units cell continues
                    // that cell (`牵头：X` then `配合：Y`); the row shifts down.
                    let prev_units = col > 0 && matches!(self.columns.get(col - 1), Some((_, Col::Units(_))));
                    if prev_units
                        && starts_with_label(self.text(i))
                        && !matches!(self.columns.get(col), Some((_, Col::Units(_))))
                    {
                        col -= 1;
                        st.number_line = Some(l + 1);
                    }
                    if col < ncols {
                        st.next = col;
                        return self.columns.get(col).map(|c| c.1);
                    }
                    st.number_line = None;
                }
                let mut col = st.next;
                if col >= ncols {
                    let next_is_task = self.cells.get(i + 1).is_some_and(|_| {
                        matches!(self.kinds[i + 1], Kind::Marker(_)) || is_bare_number(self.text(i + 1))
                    });
                    col = if next_is_task { st.row_start } else { task_col };
                }
                st.next = col;
                self.columns.get(col).map(|c| c.1)
            }
        }
    }
}
