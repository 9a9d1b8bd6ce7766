//! Tests of the workbook reader.
