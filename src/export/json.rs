//! The plan as JSON: UTF-8, Chinese unescaped.

use std::io;

use crate::model::Plan;

/// Writes the plan as pretty-printed JSON (UTF-8, Chinese unescaped).
///
/// ```
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_pretty(&plan, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("\"name\": \"市财政局\""));
/// ```
pub fn write_pretty<W: io::Write>(plan: &Plan, out: W) -> serde_json::Result<()> {
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
pub fn write_compact<W: io::Write>(plan: &Plan, out: W) -> serde_json::Result<()> {
    serde_json::to_writer(out, plan)
}
