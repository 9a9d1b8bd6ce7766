//! What each column of a table holds: the one place that decides it.
//!
//! From the header's names where there is a header: a name is looked up in
//! the lexicon (`具体任务` a task, `牵头单位` lead units, `完成时限` a
//! deadline, …). A name that spans several columns (`工作措施` over a group
//! cell and a task cell) gives its kind to the last of them and makes the
//! ones before it groups (sections). A column with no name left of the task
//! column holds groups when its cells span rows (`存在问题` over the tasks
//! of one problem). Of several task-like columns, the one whose cells are
//! numbered (`1.`) is the task; the others are other content. Columns of
//! other content (goals, schedules, indicators) are not read.

use super::{Cell, Table};
use crate::lexicon::{self, ColumnKind};
use crate::marker::{self, MarkerKind};
use crate::model::Role;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    /// Groups of tasks: a section heading, written once over the rows it spans.
    Section,
    /// The task's number (`序号`).
    Number,
    /// The task's text.
    Task,
    /// Units, in the role the name gives (`牵头单位`), or none (`责任单位`).
    Units(Option<Role>),
    /// The deadline.
    Deadline,
    /// People responsible (`责任领导`).
    Leaders,
    /// Anything else: not read.
    Other,
}

/// The columns of a table with a header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Columns {
    /// The header's first row: above it, the table's title rows.
    pub top: usize,
    /// The header's last row (the same as `top` but for a header of two
    /// rows): the body starts below it.
    pub header: usize,
    /// What each column holds.
    pub cols: Vec<Col>,
}

/// How many rows from the top a header is looked for in.
const HEADER_ROWS: usize = 6;

/// The kind of column a header cell names.
fn kind_of(cell: &Cell, src: &str) -> Option<ColumnKind> {
    let text = cell.text.joined(src, "");
    lexicon::column_kind(&crate::fold::compact(&text))
}

/// The header row: of the first rows, the one that names a units column and
/// a task, section or number column, with the most names; none without.
fn header_row(table: &Table, src: &str) -> Option<(usize, Vec<Option<ColumnKind>>)> {
    let mut best: Option<(usize, Vec<Option<ColumnKind>>, usize)> = None;
    for (r, row) in table.rows.iter().enumerate().take(HEADER_ROWS) {
        let kinds: Vec<Option<ColumnKind>> = row
            .iter()
            .map(|c| match c.from {
                // A slot of a name spanning columns: the name's kind.
                Some((fr, fc)) if fr == r => table.rows[fr].get(fc).and_then(|o| kind_of(o, src)),
                Some(_) => None,
                None => kind_of(c, src),
            })
            .collect();
        let units = kinds.iter().flatten().any(|k| matches!(k, ColumnKind::Units(_)));
        let work =
            kinds.iter().flatten().any(|k| matches!(k, ColumnKind::Task | ColumnKind::Section | ColumnKind::Number));
        let named = kinds.iter().flatten().count();
        if units && work && best.as_ref().is_none_or(|b| named > b.2) {
            best = Some((r, kinds, named));
        }
    }
    best.map(|(r, kinds, _)| (r, kinds))
}

/// The share, in hundredths, of the rows below the header whose cell in
/// column `c` starts with a task number (`1.`, `（1）`).
fn numbered(table: &Table, header: usize, c: usize, src: &str) -> usize {
    let (mut cells, mut marked) = (0, 0);
    for row in table.rows.iter().skip(header + 1) {
        let Some(cell) = row.get(c).filter(|cell| cell.from.is_none()) else { continue };
        let text = cell.text.joined(src, "");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        cells += 1;
        let is_task = marker::recognise(text).is_some_and(|m| {
            matches!(
                m.kind,
                MarkerKind::Arabic | MarkerKind::ArabicParen | MarkerKind::ParenArabic | MarkerKind::Circled
            )
        });
        marked += usize::from(is_task);
    }
    (marked * 100).checked_div(cells).unwrap_or(0)
}

/// True when some cell of column `c` below the header spans rows.
fn spans_rows(table: &Table, header: usize, c: usize) -> bool {
    table
        .rows
        .iter()
        .enumerate()
        .skip(header + 1)
        .any(|(r, row)| row.get(c).and_then(|cell| cell.from).is_some_and(|(fr, fc)| fc == c && fr < r && fr > header))
}

/// The column of tasks in a header that names none: of the columns whose
/// name the lexicon does not know, left of the first units column, the one
/// whose cells below the header hold the most text.
fn unnamed_task(table: &Table, header: usize, kinds: &[Option<ColumnKind>]) -> Option<usize> {
    let units = kinds.iter().position(|k| matches!(k, Some(ColumnKind::Units(_))))?;
    let text = |c: usize| -> usize {
        let rows = table.rows.iter().skip(header + 1);
        rows.filter_map(|row| row.get(c)).filter(|cell| cell.from.is_none()).map(|cell| cell.text.len()).sum()
    };
    (0..units).filter(|&c| kinds[c].is_none()).map(|c| (text(c), c)).filter(|t| t.0 > 0).max().map(|t| t.1)
}

/// The column a header name of kind `k` makes (`None`: a name the lexicon
/// does not know).
fn col_of(k: Option<ColumnKind>) -> Col {
    match k {
        Some(ColumnKind::Number) => Col::Number,
        Some(ColumnKind::Task) => Col::Task,
        Some(ColumnKind::Section) => Col::Section,
        Some(ColumnKind::Units(role)) => Col::Units(role),
        Some(ColumnKind::Deadline) => Col::Deadline,
        Some(ColumnKind::Leaders) => Col::Leaders,
        Some(ColumnKind::Other) | None => Col::Other,
    }
}

/// Settles `cols` around the task column `task`: it alone holds tasks;
/// groups stand left of it, and a section-like name right of it (a goal, a
/// field) is other content; a column with no name left of it holds groups
/// when `spans_rows` says its cells span rows.
fn settle(cols: &mut [Col], task: usize, kinds: &[Option<ColumnKind>], spans_rows: impl Fn(usize) -> bool) {
    for (c, col) in cols.iter_mut().enumerate() {
        *col = match *col {
            Col::Task if c != task => Col::Other,
            _ if c == task => Col::Task,
            Col::Section if c > task => Col::Other,
            Col::Other if c < task && kinds.get(c).is_some_and(Option::is_none) && spans_rows(c) => Col::Section,
            other => other,
        };
    }
}

/// What each column holds, from the header's names alone, read by
/// [`lexicon::column_kind`] (`None`: a name it does not know): the task is
/// the first task-like column, else the last section-like one; the rest
/// settled around it as in [`columns`]. For a header whose table is not
/// (yet) a grid of cells: a text's tab or pipe rows, read line by line.
pub(crate) fn by_names(kinds: &[Option<ColumnKind>]) -> Vec<Col> {
    let mut cols: Vec<Col> = kinds.iter().map(|k| col_of(*k)).collect();
    let task = cols.iter().position(|c| *c == Col::Task).or_else(|| cols.iter().rposition(|c| *c == Col::Section));
    if let Some(task) = task {
        settle(&mut cols, task, kinds, |_| false);
    }
    cols
}

/// The header's second row, when the row under `header` names the columns
/// under a name that spans several (`责任单位` over `牵头单位 | 配合单位`):
/// every cell of it that is not spread down from the header names a
/// column, under such a span. `kinds` takes its names there.
fn sub_header(table: &Table, header: usize, kinds: &mut [Option<ColumnKind>], src: &str) -> bool {
    let (Some(top), Some(row)) = (table.rows.get(header), table.rows.get(header + 1)) else { return false };
    // The header cells that span columns (by the column they start in),
    // found in one pass, and the columns under them.
    let mut wide = vec![false; top.len()];
    for (_, fc) in top.iter().filter_map(|x| x.from).filter(|f| f.0 == header) {
        if let Some(w) = wide.get_mut(fc) {
            *w = true;
        }
    }
    let spanned = |c: usize| match top.get(c).map(|x| x.from) {
        Some(Some((fr, fc))) if fr == header => wide.get(fc).copied().unwrap_or(false),
        Some(None) => wide.get(c).copied().unwrap_or(false),
        _ => false,
    };
    let mut named = Vec::new();
    for (c, cell) in row.iter().enumerate() {
        match cell.from {
            // Spread down from the header (`序号` over two rows).
            Some((fr, _)) if fr <= header => continue,
            Some(_) => return false,
            None if cell.text.is_blank(src) => continue,
            None => match kind_of(cell, src) {
                Some(k) if spanned(c) => named.push((c, k)),
                _ => return false,
            },
        }
    }
    if named.is_empty() {
        return false;
    }
    for (c, k) in named {
        kinds[c] = Some(k);
    }
    true
}

/// A header of two rows written as one run of names, one a line, as Word's
/// text of a table writes it (`序号 工作任务 责任单位 完成时限`, then the
/// second row's `牵头单位 配合单位`): the columns in their order, as indices
/// into `kinds`, the second row's units names standing where the first
/// row's units name spans them (which is left out). `None` for any other
/// header: it takes one units name of no role before other names, then two
/// or more units names at the end, one of them with a role.
pub(crate) fn second_row_under_units(kinds: &[Option<ColumnKind>]) -> Option<Vec<usize>> {
    let units = |k: &Option<ColumnKind>| matches!(k, Some(ColumnKind::Units(_)));
    let n = kinds.len();
    let t = n - kinds.iter().rev().take_while(|k| units(k)).count();
    let k = kinds.iter().position(units)?;
    let spanning = matches!(kinds[k], Some(ColumnKind::Units(None | Some(Role::Responsible))));
    let roles = kinds[t..].iter().any(|k| matches!(k, Some(ColumnKind::Units(Some(Role::Lead | Role::Supporting)))));
    if n - t < 2 || k + 1 >= t || !spanning || !roles || kinds[k + 1..t].iter().any(units) {
        return None;
    }
    Some((0..k).chain(t..n).chain(k + 1..t).collect())
}

/// What each column of `table` holds, when it has a header; see the module.
pub(crate) fn columns(table: &Table, src: &str) -> Option<Columns> {
    let (top, mut kinds) = header_row(table, src)?;
    let header = if sub_header(table, top, &mut kinds, src) { top + 1 } else { top };
    let row = &table.rows[header];
    let mut cols: Vec<Col> = kinds.iter().map(|k| col_of(*k)).collect();
    // A name spanning columns: the columns before its last hold groups. A
    // blank header cell right of a task-like name continues it (a grid
    // that cannot merge cells draws the span as a name and a blank).
    let continues = |c: usize| {
        let Some(next) = row.get(c + 1) else { return false };
        match next.from {
            Some((fr, fc)) => fr == header && fc <= c,
            None => kinds.get(c + 1).is_some_and(Option::is_none) && next.text.is_blank(src),
        }
    };
    let kinds: Vec<Option<ColumnKind>> = {
        let mut spread = kinds.clone();
        for c in 0..spread.len().saturating_sub(1) {
            if continues(c) && matches!(spread[c], Some(ColumnKind::Task | ColumnKind::Section)) {
                spread[c + 1] = spread[c];
                cols[c + 1] = cols[c];
                cols[c] = Col::Section;
            }
        }
        spread
    };
    // The task: of the task-like columns, the most often numbered, the
    // leftmost of equals; with none, the last section-like column; with
    // none either, the column of a name the lexicon does not know, left of
    // the units, that holds the most text (`民生实事`).
    let candidates: Vec<usize> = (0..cols.len()).filter(|&c| cols[c] == Col::Task).collect();
    let task = match candidates.len() {
        0 => (0..cols.len()).rev().find(|&c| cols[c] == Col::Section).or_else(|| unnamed_task(table, header, &kinds)),
        1 => Some(candidates[0]),
        _ => candidates.iter().copied().rev().max_by_key(|&c| numbered(table, header, c, src)),
    };
    if let Some(task) = task {
        settle(&mut cols, task, &kinds, |c| spans_rows(table, header, c));
    }
    Some(Columns { top, header, cols })
}

#[cfg(test)]
mod tests {
    use super::super::Text;
    use super::*;
    use crate::span::Span;

    /// A table from rows of cell texts; `^` marks a slot covered by the cell
    /// to its left, `v` one covered by the cell above.
    fn table(rows: &[&[&str]]) -> (String, Table) {
        let mut src = String::new();
        let mut out: Vec<Vec<Cell>> = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            for (c, text) in row.iter().enumerate() {
                let cell = match *text {
                    "^" => Cell { text: Text::default(), from: Some((r, c - 1)) },
                    "v" => {
                        let above: &Cell = &out[r - 1][c];
                        Cell { text: Text::default(), from: Some(above.from.unwrap_or((r - 1, c))) }
                    }
                    t => {
                        let at = src.len();
                        src.push_str(t);
                        src.push('\n');
                        Cell { text: Text::of(Span::new(at, at + t.len())), from: None }
                    }
                };
                cells.push(cell);
            }
            out.push(cells);
        }
        (src, Table { rows: out })
    }

    #[test]
    fn a_name_over_two_columns_makes_the_first_a_group() {
        let (src, t) = table(&[
            &["工作措施", "^", "工作目标", "具体内容", "负责部门"],
            &["（一）完善制度", "1.推动制定政策", "目标", "1.建设平台", "知识产权处"],
            &["v", "2.完善保护制度", "目标", "开展执法", "知识产权处"],
        ]);
        let cols = columns(&t, &src).expect("a header").cols;
        assert_eq!(cols, [Col::Section, Col::Task, Col::Other, Col::Other, Col::Units(Some(Role::Responsible))]);
    }

    #[test]
    fn a_blank_header_cell_right_of_a_task_name_continues_it() {
        let (src, t) = table(&[
            &["工作措施", "", "工作目标", "具体内容", "负责部门"],
            &["（一）完善制度", "1.推动制定政策", "目标", "1.建设平台", "知识产权处"],
            &["", "2.完善保护制度", "目标", "开展执法", "知识产权处"],
        ]);
        let cols = columns(&t, &src).expect("a header").cols;
        assert_eq!(cols, [Col::Section, Col::Task, Col::Other, Col::Other, Col::Units(Some(Role::Responsible))]);
    }

    #[test]
    fn an_unnamed_column_of_merged_cells_left_of_the_task_holds_groups() {
        let (src, t) = table(&[
            &["存在问题", "整改目标和措施", "责任单位"],
            &["投资增长动力不足", "出台实施意见。", "区经发局牵头"],
            &["v", "创新投融资方式。", "区财金局牵头"],
        ]);
        assert_eq!(
            columns(&t, &src).expect("a header").cols,
            [Col::Section, Col::Task, Col::Units(Some(Role::Responsible))]
        );
    }

    #[test]
    fn named_columns_keep_their_kinds() {
        let (src, t) = table(&[
            &["工作任务", "工作要求", "牵头单位", "配合/责任单位"],
            &["一、公开", "1.做好公开。", "", "区直各单位"],
        ]);
        let cols = columns(&t, &src).expect("a header").cols;
        assert_eq!(cols[..2], [Col::Section, Col::Task]);
        assert!(matches!(cols[2], Col::Units(Some(Role::Lead))), "{cols:?}");
    }

    #[test]
    fn a_header_naming_no_task_has_its_tasks_in_the_unnamed_column_of_most_text() {
        // `民生实事` is no name the lexicon knows; `备注` right of the units is
        // other content.
        let (src, t) = table(&[
            &["序号", "民生实事", "责任单位", "完成时限", "备注"],
            &["1", "新建2座人行天桥。", "县住建局", "9月", "无"],
            &["2", "启动县图书馆新馆建设。", "县文体广新局", "12月", ""],
        ]);
        let cols = columns(&t, &src).expect("a header").cols;
        assert_eq!(cols[..2], [Col::Number, Col::Task]);
        assert_eq!(cols[4], Col::Other);
    }

    #[test]
    fn names_alone_settle_one_task_column_with_groups_left_of_it() {
        let k = |k: ColumnKind| Some(k);
        // No task-like name: the last section-like column holds the tasks.
        let cols = by_names(&[k(ColumnKind::Number), k(ColumnKind::Section), k(ColumnKind::Units(None))]);
        assert_eq!(cols, [Col::Number, Col::Task, Col::Units(None)]);
        // Two task-like names: the first; a section-like name right of it is other content.
        let cols = by_names(&[
            k(ColumnKind::Section),
            k(ColumnKind::Task),
            k(ColumnKind::Task),
            k(ColumnKind::Section),
            k(ColumnKind::Units(Some(Role::Lead))),
            None,
        ]);
        assert_eq!(cols, [Col::Section, Col::Task, Col::Other, Col::Other, Col::Units(Some(Role::Lead)), Col::Other]);
    }

    #[test]
    fn a_second_header_row_names_the_columns_under_a_spanning_name() {
        let (src, t) = table(&[
            &["序号", "工作任务", "责任单位", "^", "完成时限"],
            &["v", "v", "牵头单位", "配合单位", "v"],
            &["1", "做好公开。", "市财政局", "市税务局", "6月底前"],
        ]);
        let c = columns(&t, &src).expect("a header");
        assert_eq!((c.top, c.header), (0, 1));
        assert_eq!(
            c.cols,
            [Col::Number, Col::Task, Col::Units(Some(Role::Lead)), Col::Units(Some(Role::Supporting)), Col::Deadline]
        );
        // A row of units under a header of one row is no second header.
        let (src, t) = table(&[&["工作任务", "牵头单位", "配合单位"], &["做好公开。", "市财政局", "市税务局"]]);
        assert_eq!(columns(&t, &src).map(|c| (c.top, c.header)), Some((0, 0)));
    }

    #[test]
    fn a_second_header_row_written_after_the_first_goes_under_its_units_name() {
        use ColumnKind::*;
        let kinds = [
            Some(Number),
            Some(Section),
            Some(Units(None)),
            Some(Deadline),
            Some(Units(Some(Role::Lead))),
            Some(Units(Some(Role::Supporting))),
        ];
        assert_eq!(second_row_under_units(&kinds), Some(vec![0, 1, 4, 5, 3]));
        // One row of names: as it stands.
        let one = [Some(Number), Some(Task), Some(Units(Some(Role::Lead))), Some(Units(Some(Role::Supporting)))];
        assert_eq!(second_row_under_units(&one), None);
    }

    #[test]
    fn a_table_without_a_header_has_no_columns() {
        let (src, t) = table(&[&["1.做好公开。", "市财政局"], &["2.做好解读。", "市税务局"]]);
        assert!(columns(&t, &src).is_none());
    }
}
