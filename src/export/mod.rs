//! Writers: the plan as JSON and CSV, for people and other programs.

pub mod csv;
pub mod json;
