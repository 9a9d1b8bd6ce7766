//! Every export of the plan of any UTF-8 text: no panic; the JSON reads back
//! as JSON; each CSV shape has as many fields in every record as in its
//! header; the workbook is either written (a zip) or refused with an error.
#![no_main]

use fengong::export::{csv as fcsv, json, xlsx};
use libfuzzer_sys::fuzz_target;

/// Asserts that `bytes` is CSV whose records all have the header's width.
fn rectangular(bytes: &[u8], shape: &str) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut width = None;
    for (k, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{shape}: record {k} is not CSV: {e}"));
        let w = *width.get_or_insert(record.len());
        assert_eq!(record.len(), w, "{shape}: record {k} has {} fields, the header {w}", record.len());
    }
}

fuzz_target!(|text: &str| {
    let plan = fengong::parse(text);

    let mut out = Vec::new();
    json::write_pretty(&plan, &mut out).expect("JSON into memory");
    serde_json::from_slice::<serde_json::Value>(&out).expect("pretty JSON reads back");
    out.clear();
    json::write_line(&plan, Some("fuzz"), &mut out).expect("a JSON line into memory");
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1, "one line");
    serde_json::from_slice::<serde_json::Value>(&out).expect("the JSON line reads back");
    out.clear();
    json::write_rows(&plan, Some("fuzz"), &mut out).expect("JSON rows into memory");
    for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line).expect("each row reads back");
    }

    let opts = fcsv::CsvOptions::default().with_bom(false).with_crlf(false);
    let shapes: [(&str, fn(&fengong::Plan<'_>, fcsv::CsvOptions, &mut Vec<u8>) -> csv::Result<()>); 4] = [
        ("csv", |p, o, w| fcsv::write_rows(p, Some("fuzz"), o, w)),
        ("tasks-csv", |p, o, w| fcsv::write_tasks(p, o, w)),
        ("units-csv", |p, o, w| fcsv::write_by_unit(p, o, w)),
        ("matrix-csv", |p, o, w| fcsv::write_matrix(p, o, w)),
    ];
    for (shape, write) in shapes {
        out.clear();
        write(&plan, opts, &mut out).expect("CSV into memory");
        rectangular(&out, shape);
    }

    // Excel's limits may refuse a plan (a cell over 32,767 characters), but
    // never with a panic.
    if let Ok(bytes) = xlsx::write_buffer(&plan) {
        assert!(bytes.starts_with(b"PK"), "a workbook is a zip");
    }
});
