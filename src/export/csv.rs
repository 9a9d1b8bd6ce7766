//! The plan as CSV: one row per (task, unit), or one row per task.
//!
//! Both shapes start with a UTF-8 byte-order mark so that Excel in a Chinese
//! locale opens them correctly.

use std::io;

use crate::model::{Plan, Section, Task, Unit};
use crate::span::LineIndex;

/// The UTF-8 byte-order mark written at the start of every CSV.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Every task of the plan, depth first, with the section it is in.
fn walk<'a>(sections: &'a [Section], out: &mut Vec<(&'a Section, &'a Task)>) {
    for s in sections {
        for t in &s.tasks {
            out.push((s, t));
        }
        walk(&s.sections, out);
    }
}

/// Writes one row per (task, unit): `section_number, section_title,
/// task_number, task_text, role, unit, unit_raw, line`. `text` is the text the
/// plan was parsed from (for line numbers).
///
/// ```
/// let text = "一、其他\n1.做好公开。\n市府办牵头，市财政局配合\n";
/// let plan = fengong::parse(text);
/// let mut out = Vec::new();
/// fengong::export::csv::write_units(&plan, text, &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert_eq!(csv.lines().count(), 3);
/// assert!(csv.contains("1,其他,1,做好公开。,lead,市府办,市府办,3"));
/// ```
pub fn write_units<W: io::Write>(plan: &Plan, text: &str, mut out: W) -> csv::Result<()> {
    out.write_all(BOM)?;
    let index = LineIndex::new(text);
    let mut w = csv::Writer::from_writer(out);
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
    let mut all = Vec::new();
    walk(&plan.sections, &mut all);
    for (s, t) in all {
        for (role, u) in t.units() {
            let line = index.line_col(text, u.span.start).0;
            w.write_record([
                &s.number.to_string(),
                &s.title,
                &t.number.to_string(),
                &t.text,
                role.as_str(),
                &u.name,
                &u.raw,
                &line.to_string(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

fn join(units: &[Unit]) -> String {
    units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("、")
}

/// Writes one row per task: `section_number, section_title, task_number,
/// task_text, lead, supporting, responsible, notes, line`, units joined by `、`.
///
/// ```
/// let text = "一、其他\n1.做好公开。\n市府办牵头，市财政局、市税务局配合\n";
/// let plan = fengong::parse(text);
/// let mut out = Vec::new();
/// fengong::export::csv::write_tasks(&plan, text, &mut out).unwrap();
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.contains(",市府办,市财政局、市税务局,,,2"));
/// ```
pub fn write_tasks<W: io::Write>(plan: &Plan, text: &str, mut out: W) -> csv::Result<()> {
    out.write_all(BOM)?;
    let index = LineIndex::new(text);
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "section_number",
        "section_title",
        "task_number",
        "task_text",
        "lead",
        "supporting",
        "responsible",
        "notes",
        "line",
    ])?;
    let mut all = Vec::new();
    walk(&plan.sections, &mut all);
    for (s, t) in all {
        let notes: Vec<&str> = t.notes.iter().map(|n| n.text.as_str()).collect();
        let line = index.line_col(text, t.span.start).0;
        w.write_record([
            &s.number.to_string(),
            &s.title,
            &t.number.to_string(),
            &t.text,
            &join(&t.lead),
            &join(&t.supporting),
            &join(&t.responsible),
            &notes.join("；"),
            &line.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
