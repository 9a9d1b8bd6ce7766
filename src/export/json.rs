//! The plan as JSON and JSON Lines: UTF-8, Chinese unescaped.

use std::io;

use serde::Serialize;

use crate::model::Plan;

/// Writes the plan as pretty-printed JSON (UTF-8, Chinese unescaped).
///
/// ```
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_pretty(&plan, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("\"name\": \"市财政局\""));
/// ```
pub fn write_pretty<W: io::Write>(plan: &Plan<'_>, out: W) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, plan)
}

/// Writes the plan as compact JSON on one line (no final newline).
///
/// ```
/// let plan = fengong::parse("一、其他\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_compact(&plan, &mut out).unwrap();
/// assert!(!out.contains(&b'\n'));
/// ```
pub fn write_compact<W: io::Write>(plan: &Plan<'_>, out: W) -> serde_json::Result<()> {
    serde_json::to_writer(out, plan)
}

/// One line of JSON Lines: the plan's fields, with `source` (where it was
/// read from) first when given.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(flatten)]
    plan: &'a Plan<'a>,
}

/// Writes the plan as one line of JSON Lines: compact JSON and `\n`, with a
/// `source` field first when given (the path the plan was read from).
///
/// ```
/// let plan = fengong::parse("一、其他\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_line(&plan, Some("a/plan.txt"), &mut out).unwrap();
/// let line = String::from_utf8(out).unwrap();
/// assert!(line.starts_with("{\"source\":\"a/plan.txt\",\"title\""));
/// assert!(line.ends_with("}\n") && line.matches('\n').count() == 1);
/// ```
pub fn write_line<W: io::Write>(plan: &Plan<'_>, source: Option<&str>, mut out: W) -> io::Result<()> {
    serde_json::to_writer(&mut out, &Line { source, plan })?;
    out.write_all(b"\n")
}
