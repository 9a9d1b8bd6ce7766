//! The plan as CSV, in the shapes offices and analysts use:
//!
//! - [`RowsWriter`] and [`write_rows`]: one row per (plan, task, unit), flat,
//!   with the plan's source and title and the whole section path: the shape
//!   to load into DuckDB, pandas or a spreadsheet and query, for one plan or
//!   a whole folder of them in one file;
//! - [`write_tasks`]: one row per task, units joined by `、`;
//! - [`write_by_unit`]: one row per (unit, task), sorted by unit then plan order;
//! - [`write_matrix`]: units × tasks, cells `牵头` / `配合` / `负责`.
//!
//! The three ledger shapes (tasks, by unit, matrix) are for clerks and have
//! Chinese headers and role names by default; the rows are for queries and
//! have English ones (`role = 'lead'`). [`CsvOptions::lang`] sets either.
//! By default each file starts with a UTF-8 byte-order mark and ends its
//! records with CRLF, so that Excel in a Chinese locale opens it correctly.

use std::io;

use crate::model::{Plan, Role, Unit};
use crate::view::TaskRef;

/// The UTF-8 byte-order mark written at the start of a CSV.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The language of a CSV's header and of its role names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Chinese headers (`具体任务`) and roles (`牵头`, `配合`, `负责`).
    Chinese,
    /// English headers (`task_text`) and roles (`lead`, `supporting`, `responsible`).
    English,
}

impl Lang {
    /// The role's name in this language.
    ///
    /// ```
    /// use fengong::{export::csv::Lang, Role};
    /// assert_eq!(Lang::Chinese.role(Role::Lead), "牵头");
    /// assert_eq!(Lang::English.role(Role::Lead), "lead");
    /// ```
    pub fn role(self, role: Role) -> &'static str {
        match self {
            Lang::Chinese => role.chinese(),
            Lang::English => role.as_str(),
        }
    }

    /// Picks the header of this language from a (Chinese, English) pair.
    fn pick<'h>(self, (zh, en): (&'h str, &'h str)) -> &'h str {
        match self {
            Lang::Chinese => zh,
            Lang::English => en,
        }
    }
}

/// How CSV files are written. Start from the default and change what you
/// need:
///
/// ```
/// use fengong::export::csv::{CsvOptions, Lang};
/// let opts = CsvOptions::default();
/// assert!(opts.bom && opts.crlf && opts.lang.is_none());
/// let opts = CsvOptions::default().with_bom(false).with_lang(Lang::English);
/// assert!(!opts.bom && opts.lang == Some(Lang::English));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (default true).
    pub bom: bool,
    /// End records with `\r\n` rather than `\n` (default true).
    pub crlf: bool,
    /// The language of the header and the role names; `None` (the default)
    /// gives each shape its own: Chinese for the ledgers, English for rows.
    pub lang: Option<Lang>,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions { bom: true, crlf: true, lang: None }
    }
}

impl CsvOptions {
    /// With or without the byte-order mark.
    pub fn with_bom(mut self, bom: bool) -> CsvOptions {
        self.bom = bom;
        self
    }

    /// Records ending in `\r\n` (true) or `\n`.
    pub fn with_crlf(mut self, crlf: bool) -> CsvOptions {
        self.crlf = crlf;
        self
    }

    /// Headers and role names in `lang`, whatever the shape.
    pub fn with_lang(mut self, lang: Lang) -> CsvOptions {
        self.lang = Some(lang);
        self
    }
}

/// A CSV writer with the options' line ends, after the byte-order mark when
/// the options ask for one.
fn writer<W: io::Write>(mut out: W, opts: CsvOptions) -> csv::Result<csv::Writer<W>> {
    if opts.bom {
        out.write_all(BOM)?;
    }
    Ok(records(out, opts))
}

/// A CSV writer with the options' line ends; writes nothing yet.
fn records<W: io::Write>(out: W, opts: CsvOptions) -> csv::Writer<W> {
    let terminator = if opts.crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
    csv::WriterBuilder::new().terminator(terminator).from_writer(out)
}

/// Writes the header of `columns` (Chinese, English) in `lang`.
fn header<W: io::Write>(w: &mut csv::Writer<W>, columns: &[(&str, &str)], lang: Lang) -> csv::Result<()> {
    w.write_record(columns.iter().map(|&c| lang.pick(c)))
}

fn join(units: &[Unit<'_>]) -> String {
    units.iter().map(|u| &*u.name).collect::<Vec<_>>().join("、")
}

fn section_number(t: &TaskRef<'_>) -> String {
    t.section().filter(|s| s.number > 0 || !s.marker.is_empty()).map_or_else(String::new, |s| s.number.to_string())
}

fn section_title<'a>(t: &TaskRef<'a>) -> &'a str {
    t.section().map_or("", |s| &*s.title)
}

/// The columns of the flat rows, (Chinese, English).
const ROW_COLUMNS: [(&str, &str); 12] = [
    ("来源", "source"),
    ("方案标题", "plan_title"),
    ("章节序号", "section_numbers"),
    ("章节", "section_titles"),
    ("任务序号", "task_number"),
    ("具体任务", "task_text"),
    ("角色", "role"),
    ("单位", "unit"),
    ("单位原文", "unit_raw"),
    ("单位行号", "line"),
    ("任务行号", "task_line"),
    ("完成时限", "deadline"),
];

/// Writes flat rows, one per (plan, task, unit), for one plan or many into
/// one file: the header once, then each plan's rows as it is given.
///
/// Columns: `source` (where the plan was read from), `plan_title`,
/// `section_numbers` (the number of every level, outermost first, joined by
/// ` / `: `2 / 1`), `section_titles` (their titles joined by ` / `), `task_number`,
/// `task_text`, `role` (`lead`, `supporting`, `responsible`), `unit`,
/// `unit_raw`, `line` (the unit's line), `task_line` and `deadline`.
/// Headers and roles are English unless [`CsvOptions::lang`] says otherwise.
///
/// ```
/// use fengong::export::csv::{CsvOptions, RowsWriter};
/// let a = fengong::parse("甲方案\n一、总体\n1.做甲。\n市府办牵头，市财政局配合\n");
/// let b = fengong::parse("乙方案\n一、其他\n1.做乙。\n市税务局\n");
/// let mut rows = RowsWriter::new(Vec::new(), CsvOptions::default().with_bom(false).with_crlf(false)).unwrap();
/// rows.write_plan(&a, Some("a.txt")).unwrap();
/// rows.write_plan(&b, Some("b.txt")).unwrap();
/// let csv = String::from_utf8(rows.finish().unwrap()).unwrap();
/// let lines: Vec<&str> = csv.lines().collect();
/// assert_eq!(lines[0], "source,plan_title,section_numbers,section_titles,task_number,task_text,role,unit,unit_raw,line,task_line,deadline");
/// assert_eq!(lines[1], "a.txt,甲方案,1,总体,1,做甲。,lead,市府办,市府办,4,3,");
/// assert_eq!(lines[3], "b.txt,乙方案,1,其他,1,做乙。,responsible,市税务局,市税务局,4,3,");
/// ```
#[derive(Debug)]
pub struct RowsWriter<W: io::Write> {
    w: csv::Writer<W>,
    lang: Lang,
}

impl<W: io::Write> RowsWriter<W> {
    /// Starts a file: the byte-order mark (when asked for) and the header.
    pub fn new(out: W, opts: CsvOptions) -> csv::Result<RowsWriter<W>> {
        let lang = opts.lang.unwrap_or(Lang::English);
        let mut w = writer(out, opts)?;
        header(&mut w, &ROW_COLUMNS, lang)?;
        Ok(RowsWriter { w, lang })
    }

    /// Goes on with a file already begun: no byte-order mark, no header.
    /// For rows made apart (one plan each, in parallel) and joined after a
    /// file started with [`RowsWriter::new`].
    pub fn continuing(out: W, opts: CsvOptions) -> RowsWriter<W> {
        RowsWriter { w: records(out, opts), lang: opts.lang.unwrap_or(Lang::English) }
    }

    /// Writes a row for each (task, unit) of `plan`, in the order of the
    /// text; `source` names where the plan was read from.
    pub fn write_plan(&mut self, plan: &Plan<'_>, source: Option<&str>) -> csv::Result<()> {
        for t in plan.tasks() {
            let numbers = t.section_numbers();
            let titles = t.section_titles();
            let (number, task_line) = (t.task.number.to_string(), t.task.line.to_string());
            for (role, u) in t.task.units() {
                self.w.write_record([
                    source.unwrap_or(""),
                    &plan.title,
                    &numbers,
                    &titles,
                    &number,
                    &t.task.text,
                    self.lang.role(role),
                    &u.name,
                    &u.raw,
                    &u.line.to_string(),
                    &task_line,
                    t.task.deadline.as_deref().unwrap_or(""),
                ])?;
            }
        }
        Ok(())
    }

    /// Flushes the rows and gives back the writer.
    pub fn finish(self) -> csv::Result<W> {
        self.w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// Writes one plan as flat rows, see [`RowsWriter`].
///
/// ```
/// use fengong::export::csv::{write_rows, CsvOptions, Lang};
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，市财政局配合\n");
/// let mut out = Vec::new();
/// write_rows(&plan, Some("plan.txt"), CsvOptions::default().with_lang(Lang::Chinese), &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with("\u{feff}来源,方案标题,章节序号,章节,任务序号,具体任务,角色,单位"));
/// assert!(csv.contains("plan.txt,,1,其他,1,做好公开。,配合,市财政局,市财政局,3,2,\r\n"));
/// ```
pub fn write_rows<W: io::Write>(plan: &Plan<'_>, source: Option<&str>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let mut rows = RowsWriter::new(out, opts)?;
    rows.write_plan(plan, source)?;
    rows.finish()?;
    Ok(())
}

/// Writes one plan as flat rows with no source, see [`RowsWriter`].
///
/// ```
/// use fengong::export::csv::{write_units, CsvOptions};
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，市财政局配合\n");
/// let mut out = Vec::new();
/// write_units(&plan, CsvOptions::default(), &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.contains(",,1,其他,1,做好公开。,lead,市府办,市府办,3,2,\r\n"));
/// ```
pub fn write_units<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    write_rows(plan, None, opts, out)
}

/// Writes one row per task, units joined by `、`. Columns (Chinese by
/// default, English with [`Lang::English`]): 章节序号 `section_number`,
/// 工作事项 `section_title`, 序号 `task_number`, 具体任务 `task_text`,
/// 牵头单位 `lead`, 配合单位 `supporting`, 责任单位 `responsible`, 责任领导
/// `leaders`, 完成时限 `deadline`, 备注 `notes`, 原文行号 `line`.
///
/// ```
/// use fengong::export::csv::{write_tasks, CsvOptions};
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，市财政局、市税务局配合\n");
/// let mut out = Vec::new();
/// write_tasks(&plan, CsvOptions::default().with_bom(false).with_crlf(false), &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with("章节序号,工作事项,序号,具体任务,牵头单位,配合单位,责任单位,责任领导,完成时限,备注,原文行号\n"));
/// assert!(csv.contains(",市府办,市财政局、市税务局,,,,,2\n"));
/// ```
pub fn write_tasks<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let mut w = writer(out, opts)?;
    header(
        &mut w,
        &[
            ("章节序号", "section_number"),
            ("工作事项", "section_title"),
            ("序号", "task_number"),
            ("具体任务", "task_text"),
            ("牵头单位", "lead"),
            ("配合单位", "supporting"),
            ("责任单位", "responsible"),
            ("责任领导", "leaders"),
            ("完成时限", "deadline"),
            ("备注", "notes"),
            ("原文行号", "line"),
        ],
        opts.lang.unwrap_or(Lang::Chinese),
    )?;
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
/// unit's own list of what it leads and supports. Columns (Chinese by
/// default): 单位 `unit`, 角色 `role`, 工作事项 `section`, 序号
/// `task_number`, 具体任务 `task_text`, 完成时限 `deadline`.
///
/// ```
/// use fengong::export::csv::{write_by_unit, CsvOptions, Lang};
/// let plan = fengong::parse("一、其他\n1.做甲。\n市府办牵头，市财政局配合\n2.做乙。\n市财政局\n");
/// let mut out = Vec::new();
/// write_by_unit(&plan, CsvOptions::default().with_bom(false).with_crlf(false), &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// let rows: Vec<&str> = csv.lines().collect();
/// assert_eq!(rows, ["单位,角色,工作事项,序号,具体任务,完成时限", "市府办,牵头,其他,1,做甲。,", "市财政局,配合,其他,1,做甲。,", "市财政局,负责,其他,2,做乙。,"]);
/// let mut out = Vec::new();
/// write_by_unit(&plan, CsvOptions::default().with_lang(Lang::English), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("市府办,lead,其他,1,做甲。,\r\n"));
/// ```
pub fn write_by_unit<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let lang = opts.lang.unwrap_or(Lang::Chinese);
    let mut w = writer(out, opts)?;
    header(
        &mut w,
        &[
            ("单位", "unit"),
            ("角色", "role"),
            ("工作事项", "section"),
            ("序号", "task_number"),
            ("具体任务", "task_text"),
            ("完成时限", "deadline"),
        ],
        lang,
    )?;
    for (unit, tasks) in plan.by_unit() {
        for ut in tasks {
            let task = ut.task.task;
            w.write_record([
                unit,
                lang.role(ut.role),
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
/// column per task (labelled by [`task_labels`]), cells `牵头`, `配合` or
/// `负责` (`lead`, `supporting`, `responsible` with [`Lang::English`]).
///
/// ```
/// use fengong::export::csv::{write_matrix, CsvOptions, Lang};
/// let plan = fengong::parse("一、其他\n1.做甲。\n市府办牵头，市财政局配合\n2.做乙。\n市财政局\n");
/// let mut out = Vec::new();
/// write_matrix(&plan, CsvOptions::default().with_bom(false).with_crlf(false), &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "单位,1,2\n市府办,牵头,\n市财政局,配合,负责\n");
/// let mut out = Vec::new();
/// write_matrix(&plan, CsvOptions::default().with_bom(false).with_crlf(false).with_lang(Lang::English), &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "unit,1,2\n市府办,lead,\n市财政局,supporting,responsible\n");
/// ```
pub fn write_matrix<W: io::Write>(plan: &Plan<'_>, opts: CsvOptions, out: W) -> csv::Result<()> {
    let lang = opts.lang.unwrap_or(Lang::Chinese);
    let mut w = writer(out, opts)?;
    let labels = task_labels(plan);
    let mut record: Vec<&str> = Vec::with_capacity(labels.len() + 1);
    record.push(lang.pick(("单位", "unit")));
    record.extend(labels.iter().map(String::as_str));
    w.write_record(&record)?;
    // One row at a time, from each unit's own cells: the rows are as wide
    // as the plan has tasks, but only one is held at once.
    record.iter_mut().for_each(|f| *f = "");
    for (unit, cells) in matrix_entries(plan) {
        record[0] = unit;
        for &(k, role) in &cells {
            record[k + 1] = lang.role(role);
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
