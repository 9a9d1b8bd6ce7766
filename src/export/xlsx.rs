//! The plan as an Excel workbook (feature `xlsx`), for offices that keep a
//! ledger (台账). Four sheets:
//!
//! - `任务分工`: one row per task: 序号, 工作事项, 具体任务, 牵头单位, 配合单位,
//!   责任单位, 责任领导, 完成时限, 进展情况 (empty, for the office to fill in), 原文行号;
//! - `单位台账`: one row per (unit, task), units sorted, tasks in plan order;
//! - `责任矩阵`: units × tasks, cells 牵头 / 配合 / 负责;
//! - `问题`: the diagnostics.
//!
//! Header rows are frozen and bold, text wraps, and column widths suit
//! Chinese text.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::export::csv::{matrix, matrix_cell, task_labels};
use crate::model::{Plan, Unit};

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

fn join(units: &[Unit<'_>]) -> String {
    units.iter().map(|u| &*u.name).collect::<Vec<_>>().join("、")
}

/// Writes a header row (bold, frozen) and sets column widths (in characters,
/// a Chinese character counting two).
fn header(sheet: &mut Worksheet, names: &[&str], widths: &[f64]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Center);
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold)?;
        sheet.set_column_width(c as u16, widths.get(c).copied().unwrap_or(12.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn workbook(plan: &Plan<'_>) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let tasks: Vec<_> = plan.tasks().collect();

    let sheet = book.add_worksheet().set_name(SHEETS[0])?;
    header(
        sheet,
        &[
            "序号",
            "工作事项",
            "具体任务",
            "牵头单位",
            "配合单位",
            "责任单位",
            "责任领导",
            "完成时限",
            "进展情况",
            "原文行号",
        ],
        &[6.0, 24.0, 60.0, 24.0, 30.0, 30.0, 12.0, 14.0, 30.0, 9.0],
    )?;
    for (r, t) in tasks.iter().enumerate() {
        let row = r as u32 + 1;
        let task = t.task;
        let leaders: Vec<&str> = task.leaders.iter().map(|p| &*p.text).collect();
        sheet.write_number(row, 0, f64::from(task.number))?;
        let cells = [
            t.section_titles(),
            task.text.to_string(),
            join(&task.lead),
            join(&task.supporting),
            join(&task.responsible),
            leaders.join("、"),
            task.deadline.as_deref().unwrap_or_default().to_string(),
            String::new(),
        ];
        for (c, value) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16 + 1, value, &wrap)?;
        }
        sheet.write_number(row, 9, task.line as f64)?;
    }

    let sheet = book.add_worksheet().set_name(SHEETS[1])?;
    header(
        sheet,
        &["单位", "角色", "工作事项", "序号", "具体任务", "完成时限", "进展情况"],
        &[28.0, 6.0, 24.0, 6.0, 60.0, 14.0, 30.0],
    )?;
    let mut row = 1;
    for (unit, list) in plan.by_unit() {
        for ut in list {
            let task = ut.task.task;
            sheet.write_string_with_format(row, 0, unit, &wrap)?;
            sheet.write_string(row, 1, ut.role.chinese())?;
            sheet.write_string_with_format(row, 2, ut.task.section_titles(), &wrap)?;
            sheet.write_number(row, 3, f64::from(task.number))?;
            sheet.write_string_with_format(row, 4, &*task.text, &wrap)?;
            sheet.write_string(row, 5, task.deadline.as_deref().unwrap_or(""))?;
            row += 1;
        }
    }

    let sheet = book.add_worksheet().set_name(SHEETS[2])?;
    let labels = task_labels(plan);
    let mut names = vec!["单位"];
    names.extend(labels.iter().map(String::as_str));
    let mut widths = vec![28.0];
    widths.extend(labels.iter().map(|_| 6.0));
    header(sheet, &names, &widths)?;
    sheet.set_freeze_panes(1, 1)?;
    for (r, (unit, cells)) in matrix(plan).into_iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, unit)?;
        for (c, role) in cells.into_iter().enumerate() {
            if let Some(role) = role {
                sheet.write_string(row, c as u16 + 1, matrix_cell(role))?;
            }
        }
    }

    let sheet = book.add_worksheet().set_name(SHEETS[3])?;
    header(sheet, &["行", "列", "级别", "代码", "说明", "建议修改"], &[6.0, 6.0, 8.0, 24.0, 60.0, 20.0])?;
    for (r, d) in plan.diagnostics.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, d.line as f64)?;
        sheet.write_number(row, 1, d.column as f64)?;
        sheet.write_string(row, 2, d.severity.as_str())?;
        sheet.write_string(row, 3, d.code.as_str())?;
        sheet.write_string_with_format(row, 4, &d.message, &wrap)?;
        let fix = d.fix.as_ref().map_or(String::new(), |f| {
            if f.replacement.is_empty() { "删除".to_string() } else { format!("改为「{}」", f.replacement) }
        });
        sheet.write_string(row, 5, fix)?;
    }
    Ok(book)
}
