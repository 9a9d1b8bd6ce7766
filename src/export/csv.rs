//! The plan as CSV, in the four shapes offices and analysts use:
//!
//! - [`write_units`]: one row per (task, unit);
//! - [`write_tasks`]: one row per task, units joined by `、`;
//! - [`write_by_unit`]: one row per (unit, task), sorted by unit then plan order;
//! - [`write_matrix`]: units × tasks, cells `牵头` / `配合` / `负责`.
//!
//! By default each starts with a UTF-8 byte-order mark and ends its records
//! with CRLF, so that Excel in a Chinese locale opens it correctly; see
//! [`CsvOptions`].

use std::io;

use crate::model::{Plan, Role, Unit};
use crate::view::TaskRef;

/// The UTF-8 byte-order mark written at the start of a CSV.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How CSV files are written.
///
/// ```
/// let opts = fengong::export::csv::CsvOptions::default();
/// assert!(opts.bom && opts.crlf);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (default true).
    pub bom: bool,
    /// End records with `\r\n` rather than `\n` (default true).
    pub crlf: bool,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions { bom: true, crlf: true }
    }
}

fn writer<W: io::Write>(mut out: W, opts: CsvOptions) -> csv::Result<csv::Writer<W>> {
    if opts.bom {
        out.write_all(BOM)?;
    }
    let terminator = if opts.crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
    Ok(csv::WriterBuilder::new().terminator(terminator).from_writer(out))
}

fn join(units: &[Unit<'_>]) -> String {
    units.iter().map(|u| &*u.name).collect::<Vec<_>>().join("、")
}

fn section_number(t: &TaskRef<'_>) -> String {
    t.section().map_or_else(String::new, |s| s.number.to_string())
}

fn section_title<'a>(t: &TaskRef<'a>) -> &'a str {
    t.section().map_or("", |s| &*s.title)
}

/// Writes one row per (task, unit): `section_number, section_title,
/// task_number, task_text, role, unit, unit_raw, line`.
///
/// ```
/// use fengong::export::csv::{write_units, CsvOptions};
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，市财政局配合\n");
/// let mut out = Vec::new();
/// write_units(&plan, CsvOptions::default(), &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with('\u{feff}'));
/// assert!(csv.contains("1,其他,1,做好公开。,lead,市府办,市府办,3\r\n"));
/// ```
pub fn write_units<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let mut w = writer(out, opts)?;
    w.write_record([
        "section_number",
        "section_title",
        "task_number",
        "task_text",
        "role",
        "unit",
        "unit_raw",
        "line",
    ])?;
    for t in plan.tasks() {
        for (role, u) in t.task.units() {
            w.write_record([
                &section_number(&t),
                section_title(&t),
                &t.task.number.to_string(),
                &t.task.text,
                role.as_str(),
                &u.name,
                &u.raw,
                &u.line.to_string(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes one row per task: `section_number, section_title, task_number,
/// task_text, lead, supporting, responsible, leaders, deadline, notes,
/// line`, units joined by `、`.
///
/// ```
/// use fengong::export::csv::{write_tasks, CsvOptions};
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，市财政局、市税务局配合\n");
/// let mut out = Vec::new();
/// write_tasks(&plan, CsvOptions { bom: false, crlf: false }, &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.contains(",市府办,市财政局、市税务局,,,,,2\n"));
/// ```
pub fn write_tasks<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let mut w = writer(out, opts)?;
    w.write_record([
        "section_number",
        "section_title",
        "task_number",
        "task_text",
        "lead",
        "supporting",
        "responsible",
        "leaders",
        "deadline",
        "notes",
        "line",
    ])?;
    for t in plan.tasks() {
        let task = t.task;
        let notes: Vec<&str> = task.notes.iter().map(|n| &*n.text).collect();
        let leaders: Vec<&str> = task.leaders.iter().map(|n| &*n.text).collect();
        w.write_record([
            &section_number(&t),
            section_title(&t),
            &task.number.to_string(),
            &task.text,
            &join(&task.lead),
            &join(&task.supporting),
            &join(&task.responsible),
            &leaders.join("、"),
            task.deadline.as_deref().unwrap_or(""),
            &notes.join("；"),
            &task.line.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes one row per (unit, task), sorted by unit and then plan order: a
/// unit's own list of what it leads and supports. Columns: `unit, role,
/// section, task_number, task_text, deadline`.
///
/// ```
/// use fengong::export::csv::{write_by_unit, CsvOptions};
/// let plan = fengong::parse("一、其他\n1.做甲。\n市府办牵头，市财政局配合\n2.做乙。\n市财政局\n");
/// let mut out = Vec::new();
/// write_by_unit(&plan, CsvOptions { bom: false, crlf: false }, &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// let rows: Vec<&str> = csv.lines().skip(1).collect();
/// assert_eq!(rows, ["市府办,lead,其他,1,做甲。,", "市财政局,supporting,其他,1,做甲。,", "市财政局,responsible,其他,2,做乙。,"]);
/// ```
pub fn write_by_unit<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let mut w = writer(out, opts)?;
    w.write_record(["unit", "role", "section", "task_number", "task_text", "deadline"])?;
    for (unit, tasks) in plan.by_unit() {
        for ut in tasks {
            let task = ut.task.task;
            w.write_record([
                unit,
                ut.role.as_str(),
                &ut.task.section_titles(),
                &task.number.to_string(),
                &task.text,
                task.deadline.as_deref().unwrap_or(""),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// A short label for each task, unique in the plan: its number, or, when
/// numbers repeat (numbering restarts per section), the section numbers and
/// its number (`2.1`).
pub fn task_labels(plan: &Plan<'_>) -> Vec<String> {
    let tasks: Vec<TaskRef<'_>> = plan.tasks().collect();
    let mut seen = std::collections::HashSet::new();
    let unique = tasks.iter().all(|t| seen.insert(t.task.number));
    tasks
        .iter()
        .map(|t| {
            if unique {
                t.task.number.to_string()
            } else {
                let mut parts: Vec<String> = t.sections.iter().map(|s| s.number.to_string()).collect();
                parts.push(t.task.number.to_string());
                parts.join(".")
            }
        })
        .collect()
}

/// The cell a unit gets in the matrix for its role.
pub fn matrix_cell(role: Role) -> &'static str {
    role.chinese()
}

/// Writes the responsibility matrix: one row per unit (sorted by name), one
/// column per task (labelled by [`task_labels`]), cells `牵头`, `配合` or `负责`.
///
/// ```
/// use fengong::export::csv::{write_matrix, CsvOptions};
/// let plan = fengong::parse("一、其他\n1.做甲。\n市府办牵头，市财政局配合\n2.做乙。\n市财政局\n");
/// let mut out = Vec::new();
/// write_matrix(&plan, CsvOptions { bom: false, crlf: false }, &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert_eq!(csv, "unit,1,2\n市府办,牵头,\n市财政局,配合,负责\n");
/// ```
pub fn write_matrix<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let mut w = writer(out, opts)?;
    let labels = task_labels(plan);
    let mut record: Vec<&str> = Vec::with_capacity(labels.len() + 1);
    record.push("unit");
    record.extend(labels.iter().map(String::as_str));
    w.write_record(&record)?;
    // One row at a time, from each unit's own cells: the rows are as wide
    // as the plan has tasks, but only one is held at once.
    record.iter_mut().for_each(|f| *f = "");
    for (unit, cells) in matrix_entries(plan) {
        record[0] = unit;
        for &(k, role) in &cells {
            record[k + 1] = matrix_cell(role);
        }
        w.write_record(&record)?;
        for &(k, _) in &cells {
            record[k + 1] = "";
        }
    }
    w.flush()?;
    Ok(())
}

/// The matrix as data: for each unit (sorted by name), its role in each task
/// of the plan (in plan order), the strongest when named twice.
///
/// This holds units × tasks cells, most of them empty; [`matrix_entries`]
/// holds only the filled ones.
///
/// ```
/// use fengong::Role;
/// let plan = fengong::parse("一、其他\n1.做甲。\n市府办牵头，市财政局配合\n2.做乙。\n市财政局\n");
/// let rows = fengong::export::csv::matrix(&plan);
/// assert_eq!(rows[1], ("市财政局", vec![Some(Role::Supporting), Some(Role::Responsible)]));
/// ```
pub fn matrix<'p>(plan: &'p Plan<'_>) -> Vec<(&'p str, Vec<Option<Role>>)> {
    let n = plan.tasks().count();
    matrix_entries(plan)
        .into_iter()
        .map(|(unit, cells)| {
            let mut row = vec![None; n];
            for (k, role) in cells {
                row[k] = Some(role);
            }
            (unit, row)
        })
        .collect()
}

/// The filled cells of the matrix: for each unit (sorted by name), the
/// tasks it is named in, as (index of the task in plan order, role), in
/// plan order, the strongest role when a task names the unit twice. Its
/// size follows the units the tasks name, not units × tasks.
///
/// ```
/// use fengong::Role;
/// let plan = fengong::parse("一、其他\n1.做甲。\n市府办牵头，市财政局配合\n2.做乙。\n市财政局\n");
/// let entries = fengong::export::csv::matrix_entries(&plan);
/// assert_eq!(entries[0], ("市府办", vec![(0, Role::Lead)]));
/// assert_eq!(entries[1], ("市财政局", vec![(0, Role::Supporting), (1, Role::Responsible)]));
/// ```
pub fn matrix_entries<'p>(plan: &'p Plan<'_>) -> Vec<(&'p str, Vec<(usize, Role)>)> {
    let mut rows: std::collections::BTreeMap<&str, Vec<(usize, Role)>> = std::collections::BTreeMap::new();
    for (k, t) in plan.tasks().enumerate() {
        for (role, unit) in t.task.units() {
            let cells = rows.entry(&*unit.name).or_default();
            // Tasks come in order, so a unit named twice in this task has
            // its cell for it last.
            match cells.last_mut() {
                Some((last, r)) if *last == k => *r = (*r).min(role),
                _ => cells.push((k, role)),
            }
        }
    }
    rows.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_named_twice_in_a_task_gets_its_strongest_role_once() {
        let plan = crate::parse("一、其他\n1.做甲。\n市财政局配合，市财政局牵头\n2.做乙。\n市财政局\n");
        let entries = matrix_entries(&plan);
        assert_eq!(entries, [("市财政局", vec![(0, Role::Lead), (1, Role::Responsible)])]);
        assert_eq!(matrix(&plan), [("市财政局", vec![Some(Role::Lead), Some(Role::Responsible)])]);
    }
}
