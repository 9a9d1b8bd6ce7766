//! Writers: the plan as JSON, JSON Lines, CSV and (with the `xlsx` feature,
//! on by default) an Excel workbook. Each takes any `io::Write` (the
//! workbook: a path or a buffer), so that a program linking the crate writes
//! where it likes.

pub mod csv;
pub mod json;
#[cfg(feature = "xlsx")]
pub mod xlsx;
