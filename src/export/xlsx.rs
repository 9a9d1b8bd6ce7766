//! The plan as an Excel workbook (feature `xlsx`, on by default), for
//! offices that keep a ledger (台账). Four sheets:
//!
//! - `任务分工`: one row per task: 序号, 工作事项, 具体任务, 牵头单位, 配合单位,
//!   责任单位, 责任领导, 完成时限, 进展情况 (empty, for the office to fill in),
//!   备注 (the notes in the units' text, joined by `；`), 原文行号;
//! - `单位台账`: one row per (unit, task), units sorted, tasks in plan order:
//!   单位, 角色, 牵头单位 (on a supporting unit's row, who leads the task),
//!   工作事项, 序号, 具体任务, 完成时限, 进展情况;
//! - `责任矩阵`: units × tasks, cells 牵头 / 配合 / 负责 (only the filled
//!   cells are held in memory). A plan with more tasks than Excel has
//!   columns for (16,383 beside the units' column) gets a one-cell note
//!   there saying so instead: the other sheets are still written;
//! - `问题`: the diagnostics, in Chinese: 行, 列, 级别 (错误 / 警告 / 提示),
//!   问题类型 (`括号未闭合（unclosed-bracket）`), 说明, 建议修改.
//!
//! The plan's title, when it has one, heads `任务分工` and `单位台账` in a
//! merged bold row (and `责任矩阵` in its first cell), with the header row
//! under it. Header rows are bold and frozen, and carry an autofilter on
//! every sheet but the matrix; text wraps, and column widths suit Chinese
//! text. `任务分工`, `单位台账` and `问题` print landscape on A4, one page
//! wide, the header row repeated on every page. A sheet that needs more rows
//! than Excel's 1,048,576 (its title and header rows counted), or a text
//! longer than its 32,767 characters in one cell, fails the workbook with an
//! error saying which sheet (and for a cell, which row and what).

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::export::csv::{matrix_cell, matrix_entries, task_labels};
use crate::model::{Plan, Role, Unit};
use crate::view::{TaskRef, UnitTask};

/// The sheet names, in order.
pub const SHEETS: [&str; 4] = ["任务分工", "单位台账", "责任矩阵", "问题"];

/// Writes the workbook to `path`.
///
/// ```no_run
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
/// fengong::export::xlsx::write_path(&plan, "plan.xlsx").unwrap();
/// ```
pub fn write_path(plan: &Plan<'_>, path: impl AsRef<Path>) -> Result<(), XlsxError> {
    workbook(plan)?.save(path)
}

/// Writes the workbook into a buffer, for programs that send it on.
///
/// ```
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
/// let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn write_buffer(plan: &Plan<'_>) -> Result<Vec<u8>, XlsxError> {
    workbook(plan)?.save_to_buffer()
}

/// Most columns and rows of an Excel sheet.
const MAX_COLS: usize = 16_384;
const MAX_ROWS: usize = 1_048_576;

/// Excel's longest text in one cell, in characters.
const MAX_CELL_CHARS: usize = 32_767;

/// Fails with an error that says where (`sheet`, `row`, `what`) when `value`
/// is longer than a cell can hold.
fn fits_cell(sheet: &Worksheet, row: u32, value: &str, what: impl FnOnce() -> String) -> Result<(), XlsxError> {
    // Counting characters only when the bytes could be too many.
    if value.len() > MAX_CELL_CHARS {
        let n = value.chars().count();
        if n > MAX_CELL_CHARS {
            let name = sheet.name();
            return Err(XlsxError::ParameterError(format!(
                "sheet {name}, row {}: {} is {n} characters long, over Excel's limit of {MAX_CELL_CHARS} in one cell",
                row + 1,
                what()
            )));
        }
    }
    Ok(())
}

/// Writes `value` at (`row`, `col`), wrapping when `wrap` is given, or fails
/// as [`fits_cell`] does.
fn text(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    value: &str,
    wrap: Option<&Format>,
    what: impl FnOnce() -> String,
) -> Result<(), XlsxError> {
    fits_cell(sheet, row, value, what)?;
    match wrap {
        Some(format) => sheet.write_string_with_format(row, col, value, format)?,
        None => sheet.write_string(row, col, value)?,
    };
    Ok(())
}

/// How a task is named in an error: its number and line.
fn task_at(task: &crate::model::Task<'_>, what: &str) -> String {
    format!("the {what} of task {} (line {})", task.number, task.line)
}

/// How a unit is named in an error: the start of its name.
fn unit_at(unit: &str) -> String {
    format!("the unit {:?}", unit.chars().take(20).collect::<String>())
}

fn join(units: &[Unit<'_>]) -> String {
    units.iter().map(|u| &*u.name).collect::<Vec<_>>().join("、")
}

/// How the plan's title heads a sheet.
#[derive(Clone, Copy, PartialEq)]
enum Title {
    /// No title row: the plan has no title, or the sheet takes none.
    None,
    /// Merged across the sheet's columns and centred.
    Merged,
    /// In the first cell alone, spilling right over the empty cells beside
    /// it: for the matrix, whose columns may be thousands.
    FirstCell,
}

/// Writes the title row (when `title` asks for one and the plan has a
/// title), then the header row under it (bold, frozen), and sets column
/// widths (in characters, a Chinese character counting two). Returns the
/// header's row.
fn header(
    sheet: &mut Worksheet,
    plan: &Plan<'_>,
    title: Title,
    names: &[&str],
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let mut row = 0;
    if title != Title::None && !plan.title.is_empty() {
        fits_cell(sheet, 0, &plan.title, || "the plan's title".to_string())?;
        let big = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::VerticalCenter);
        if title == Title::Merged && names.len() > 1 {
            let big = big.set_text_wrap().set_align(FormatAlign::Center);
            sheet.merge_range(0, 0, 0, names.len() as u16 - 1, &plan.title, &big)?;
        } else {
            sheet.write_string_with_format(0, 0, &*plan.title, &big)?;
        }
        sheet.set_row_height(0, 32)?;
        row = 1;
    }
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Center);
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *name, &bold)?;
        sheet.set_column_width(c as u16, widths.get(c).copied().unwrap_or(12.0))?;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    Ok(row)
}

/// Sets what a ledger sheet needs past its cells: an autofilter from the
/// header row (`head`) over the `rows` under it and the `cols` columns, and
/// printing landscape on A4, one page wide, the header row on every page.
fn ledger_sheet(sheet: &mut Worksheet, head: u32, rows: u32, cols: u16) -> Result<(), XlsxError> {
    sheet.autofilter(head, 0, head + rows, cols - 1)?;
    sheet.set_repeat_rows(head, head)?;
    // Paper size 9 is A4.
    sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Fails when `sheet` would need more rows than Excel has: `rows` below
/// `above` rows (its header, and its title when it has one).
fn fits(sheet: &str, rows: usize, what: &str, above: usize) -> Result<(), XlsxError> {
    if rows > MAX_ROWS - above {
        let title = if above > 1 { " and one for its title" } else { "" };
        return Err(XlsxError::ParameterError(format!(
            "sheet {sheet} needs a row for each of its {rows} {what}, one for its header{title}, over Excel's limit of {MAX_ROWS} rows"
        )));
    }
    Ok(())
}

fn workbook(plan: &Plan<'_>) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let tasks: Vec<_> = plan.tasks().collect();
    let by_unit = plan.by_unit();
    let pairs: usize = by_unit.values().map(Vec::len).sum();
    // Every sheet's rows are counted first, so that a plan too large fails
    // at once, saying where. The matrix's units always fit when the
    // ledger's rows do: each has a row there at least, under as many rows.
    let above = if plan.title.is_empty() { 1 } else { 2 };
    fits(SHEETS[0], tasks.len(), "tasks", above)?;
    fits(SHEETS[1], pairs, "(unit, task) pairs", above)?;
    fits(SHEETS[3], plan.diagnostics.len(), "diagnostics", 1)?;
    tasks_sheet(book.add_worksheet().set_name(SHEETS[0])?, plan, &tasks)?;
    units_sheet(book.add_worksheet().set_name(SHEETS[1])?, plan, by_unit, pairs)?;
    matrix_sheet(book.add_worksheet().set_name(SHEETS[2])?, plan, tasks.len())?;
    problems_sheet(book.add_worksheet().set_name(SHEETS[3])?, plan)?;
    Ok(book)
}

/// 任务分工: a row per task, in the plan's order.
fn tasks_sheet(sheet: &mut Worksheet, plan: &Plan<'_>, tasks: &[TaskRef<'_>]) -> Result<(), XlsxError> {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let names = [
        "序号",
        "工作事项",
        "具体任务",
        "牵头单位",
        "配合单位",
        "责任单位",
        "责任领导",
        "完成时限",
        "进展情况",
        "备注",
        "原文行号",
    ];
    let head =
        header(sheet, plan, Title::Merged, &names, &[6.0, 24.0, 60.0, 24.0, 30.0, 30.0, 12.0, 14.0, 30.0, 30.0, 9.0])?;
    for (r, t) in tasks.iter().enumerate() {
        let row = head + 1 + r as u32;
        let task = t.task;
        let leaders: Vec<&str> = task.leaders.iter().map(|p| &*p.text).collect();
        let notes: Vec<&str> = task.notes.iter().map(|p| &*p.text).collect();
        sheet.write_number(row, 0, f64::from(task.number))?;
        let cells = [
            (t.section_titles(), "section titles"),
            (task.text.to_string(), "text"),
            (join(&task.lead), "lead units"),
            (join(&task.supporting), "supporting units"),
            (join(&task.responsible), "responsible units"),
            (leaders.join("、"), "leaders"),
            (task.deadline.as_deref().unwrap_or_default().to_string(), "deadline"),
            (String::new(), "progress"),
            (notes.join("；"), "notes"),
        ];
        for (c, (value, what)) in cells.iter().enumerate() {
            text(sheet, (row, c as u16 + 1), value, Some(&wrap), || task_at(task, what))?;
        }
        sheet.write_number(row, 10, task.line as f64)?;
    }
    ledger_sheet(sheet, head, tasks.len() as u32, names.len() as u16)?;
    Ok(())
}

/// 单位台账: a row per (unit, task), grouped by unit.
fn units_sheet(
    sheet: &mut Worksheet,
    plan: &Plan<'_>,
    by_unit: BTreeMap<&str, Vec<UnitTask<'_>>>,
    pairs: usize,
) -> Result<(), XlsxError> {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let names = ["单位", "角色", "牵头单位", "工作事项", "序号", "具体任务", "完成时限", "进展情况"];
    let head = header(sheet, plan, Title::Merged, &names, &[28.0, 6.0, 24.0, 24.0, 6.0, 60.0, 14.0, 30.0])?;
    let mut row = head + 1;
    for (unit, list) in by_unit {
        for ut in list {
            let task = ut.task.task;
            text(sheet, (row, 0), unit, Some(&wrap), || unit_at(unit))?;
            sheet.write_string(row, 1, ut.role.chinese())?;
            if ut.role == Role::Supporting {
                text(sheet, (row, 2), &join(&task.lead), Some(&wrap), || task_at(task, "lead units"))?;
            }
            text(sheet, (row, 3), &ut.task.section_titles(), Some(&wrap), || task_at(task, "section titles"))?;
            sheet.write_number(row, 4, f64::from(task.number))?;
            text(sheet, (row, 5), &task.text, Some(&wrap), || task_at(task, "text"))?;
            text(sheet, (row, 6), task.deadline.as_deref().unwrap_or(""), None, || task_at(task, "deadline"))?;
            row += 1;
        }
    }
    ledger_sheet(sheet, head, pairs as u32, names.len() as u16)?;
    Ok(())
}

/// 责任矩阵: a row per unit, a column per task; or a note where the tasks
/// are more than a sheet's columns.
fn matrix_sheet(sheet: &mut Worksheet, plan: &Plan<'_>, tasks: usize) -> Result<(), XlsxError> {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    if tasks >= MAX_COLS {
        let note = format!(
            "责任矩阵每个任务占一列，本表最多容纳 {} 个任务（Excel 每表 {} 列，第一列为单位）；本方案有 {} 个任务，故本表未列出。请改用 CSV 格式导出责任矩阵。",
            MAX_COLS - 1,
            MAX_COLS,
            tasks
        );
        sheet.set_column_width(0, 100.0)?;
        sheet.write_string_with_format(0, 0, note, &wrap)?;
    } else {
        let labels = task_labels(plan);
        let mut names = vec!["单位"];
        names.extend(labels.iter().map(String::as_str));
        let mut widths = vec![28.0];
        widths.extend(labels.iter().map(|_| 6.0));
        let head = header(sheet, plan, Title::FirstCell, &names, &widths)?;
        sheet.set_freeze_panes(head + 1, 1)?;
        // Checked above: every column fits, and every row (by the ledger's).
        for (r, (unit, cells)) in matrix_entries(plan).into_iter().enumerate() {
            let row = head + 1 + r as u32;
            text(sheet, (row, 0), unit, None, || unit_at(unit))?;
            for (k, role) in cells {
                sheet.write_string(row, k as u16 + 1, matrix_cell(role))?;
            }
        }
    }
    Ok(())
}

/// 问题: a row per diagnostic.
fn problems_sheet(sheet: &mut Worksheet, plan: &Plan<'_>) -> Result<(), XlsxError> {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let names = ["行", "列", "级别", "问题类型", "说明", "建议修改"];
    let head = header(sheet, plan, Title::None, &names, &[6.0, 6.0, 8.0, 36.0, 60.0, 20.0])?;
    for (r, d) in plan.diagnostics.iter().enumerate() {
        let row = head + 1 + r as u32;
        sheet.write_number(row, 0, d.line as f64)?;
        sheet.write_number(row, 1, d.column as f64)?;
        sheet.write_string(row, 2, d.severity.chinese())?;
        sheet.write_string(row, 3, format!("{}（{}）", d.code.chinese(), d.code.as_str()))?;
        text(sheet, (row, 4), &d.message, Some(&wrap), || format!("the message of a {} diagnostic", d.code.as_str()))?;
        let fix = d.fix.as_ref().map_or(String::new(), |f| {
            if f.replacement.is_empty() { "删除".to_string() } else { format!("改为「{}」", f.replacement) }
        });
        text(sheet, (row, 5), &fix, None, || format!("the fix of a {} diagnostic", d.code.as_str()))?;
    }
    ledger_sheet(sheet, head, plan.diagnostics.len() as u32, names.len() as u16)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_fits_up_to_excels_last_row_under_its_header() {
        assert!(fits("任务分工", MAX_ROWS - 1, "tasks", 1).is_ok());
        let err = fits("任务分工", MAX_ROWS, "tasks", 1).expect_err("one row too many").to_string();
        assert!(err.contains("sheet 任务分工 needs a row for each of its 1048576 tasks, one for its header,"), "{err}");
    }

    #[test]
    fn a_title_row_counts_against_excels_rows() {
        assert!(fits("单位台账", MAX_ROWS - 2, "(unit, task) pairs", 2).is_ok());
        let err = fits("单位台账", MAX_ROWS - 1, "(unit, task) pairs", 2).expect_err("one row too many").to_string();
        assert!(err.contains("its 1048575 (unit, task) pairs, one for its header and one for its title"), "{err}");
    }
}
