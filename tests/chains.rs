//! Real plans as the tools people use turn them into text
//! (`../shared/real/chains/NAME.CHAIN.EXT`: w3m, lynx, pandoc, docx2txt,
//! LibreOffice, pdftotext), each scored against its gold annotation with the
//! rules of `score.py`, and each (chain, plan) held to the floor it reaches
//! now, so that no change can lose one unnoticed. The floors only go up.
//! Every text also keeps the lossless property: its segments tile it.
//!
//! The shared folder lives beside the repository; where it is missing the
//! test says so and passes, since CI lays it there. To print the table of
//! today's scores in the form of [`FLOORS`], run with
//! `FENGONG_CHAIN_SCORES=1 cargo test --release --test chains -- --nocapture`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The files made by tools from other files, which the next issue reads
/// natively: not text.
const NOT_TEXT: [&str; 3] = ["docx", "xlsx", "pdf"];

/// (chain, plan, unit-role F1 floor), two decimals, as measured.
const FLOORS: &[(&str, &str, f64)] = &[
    ("docx2txt", "pa01", 1.00),
    ("docx2txt", "pa03", 1.00),
    ("docx2txt", "pa06", 1.00),
    ("docx2txt", "pa08", 1.00),
    ("docx2txt", "pb06", 1.00),
    ("docx2txt", "pb07", 1.00),
    ("docx2txt", "ph03", 1.00),
    ("lo-text", "pa01", 1.00),
    ("lo-text", "pa03", 1.00),
    ("lo-text", "pa06", 1.00),
    ("lo-text", "pa08", 1.00),
    ("lo-text", "pb06", 1.00),
    ("lo-text", "pb07", 1.00),
    ("lo-text", "ph03", 1.00),
    ("lynx", "pa01", 1.00),
    ("lynx", "pa03", 1.00),
    ("lynx", "pa06", 1.00),
    ("lynx", "pa08", 1.00),
    ("lynx", "pb06", 1.00),
    ("lynx", "pb07", 1.00),
    ("lynx", "ph03", 1.00),
    ("pandoc-gfm", "pa01", 0.97),
    ("pandoc-gfm", "pa03", 1.00),
    ("pandoc-gfm", "pa06", 1.00),
    ("pandoc-gfm", "pa08", 1.00),
    ("pandoc-gfm", "pb06", 1.00),
    ("pandoc-gfm", "pb07", 1.00),
    ("pandoc-gfm", "ph03", 1.00),
    ("pandoc-plain", "pa01", 0.95),
    ("pandoc-plain", "pa03", 1.00),
    ("pandoc-plain", "pa06", 1.00),
    ("pandoc-plain", "pa08", 1.00),
    ("pandoc-plain", "pb06", 1.00),
    ("pandoc-plain", "pb07", 1.00),
    ("pandoc-plain", "ph03", 1.00),
    ("pdftotext", "pa01", 0.76),
    ("pdftotext", "pa03", 0.97),
    ("pdftotext", "pa06", 0.99),
    ("pdftotext", "pa08", 0.94),
    ("pdftotext", "pb06", 1.00),
    ("pdftotext", "pb07", 1.00),
    ("pdftotext", "ph03", 0.78),
    ("pdftotext-layout", "pa01", 0.86),
    ("pdftotext-layout", "pa03", 0.98),
    ("pdftotext-layout", "pa06", 1.00),
    ("pdftotext-layout", "pa08", 0.79),
    ("pdftotext-layout", "pb06", 1.00),
    ("pdftotext-layout", "pb07", 1.00),
    ("pdftotext-layout", "ph03", 1.00),
    ("w3m", "pa01", 0.95),
    ("w3m", "pa03", 1.00),
    ("w3m", "pa06", 1.00),
    ("w3m", "pa08", 1.00),
    ("w3m", "pb06", 1.00),
    ("w3m", "pb07", 1.00),
    ("w3m", "ph03", 1.00),
];

#[test]
fn every_chain_of_every_real_plan_scores_above_its_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    let Ok(entries) = fs::read_dir(root.join("chains")) else {
        eprintln!("no real plans at {}; skipped", root.display());
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let mut scores: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut failures = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        // NAME.CHAIN.EXT, where NAME is `pa01-lixiang-guapai-2016`.
        let mut parts = file.splitn(3, '.');
        let (Some(name), Some(chain), Some(ext)) = (parts.next(), parts.next(), parts.next()) else { continue };
        if NOT_TEXT.contains(&ext) {
            continue;
        }
        let Ok(gold) = fs::read_to_string(root.join("gold").join(format!("{name}.json"))) else { continue };
        let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
        let bytes = fs::read(&path).unwrap();
        let plan = fengong::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        if let Err(e) = common::check_tiles(plan_text(&bytes).as_str(), &plan) {
            failures.push(format!("{file}: segments do not tile the text: {e}"));
        }
        let s = common::score(&gold, &serde_json::to_value(&plan).unwrap());
        let (p, r) = (ratio(s.tp, s.tp + s.fp), ratio(s.tp, s.tp + s.fn_));
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let short = name.split('-').next().unwrap_or(name).to_string();
        scores.insert((chain.to_string(), short.clone()), f1);
        let floor = FLOORS.iter().find(|f| f.0 == chain && f.1 == short).map_or(0.0, |f| f.2);
        // Two decimals, as the floors are written: a score equal to its floor passes.
        if (f1 * 100.0).round() < (floor * 100.0).round() {
            failures.push(format!("{chain} {short}: F1 {f1:.2} below its floor {floor:.2}\n{}", s.report()));
        }
    }
    if std::env::var_os("FENGONG_CHAIN_SCORES").is_some() {
        for ((chain, doc), f1) in &scores {
            println!("    (\"{chain}\", \"{doc}\", {f1:.2}),");
        }
    }
    assert!(!scores.is_empty() || FLOORS.is_empty(), "no chain scored");
    assert!(failures.is_empty(), "{} chains below the floor:\n{}", failures.len(), failures.join("\n"));
}

/// The text `parse_bytes` read: the chains are UTF-8, some with a BOM.
fn plan_text(bytes: &[u8]) -> String {
    fengong::decode(bytes).map(|d| d.text.into_owned()).unwrap_or_default()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}
