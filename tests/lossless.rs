//! The lossless invariant: a plan's segments tile its input exactly, and every
//! span the plan reports points into the input on character boundaries.
//!
//! Checked on every fixture, on the development corpus when it is present, on
//! handwritten edge cases and on random plan-like text.

use std::path::{Path, PathBuf};

mod common;

use common::{assert_tiles, check_span, check_tiles};
use proptest::prelude::*;

/// Parses every file and asserts the invariant, reporting all failures at once.
fn assert_files_tile(files: &[PathBuf]) {
    let mut failures = Vec::new();
    for path in files {
        // Fixtures come in every encoding the library reads; spans point into the decoded text.
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let decoded = fengong::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = decoded.text;
        let plan = fengong::parse(&text);
        if let Err(e) = check_tiles(&text, &plan) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(failures.is_empty(), "lossless invariant broken:\n{}", failures.join("\n"));
}

/// Files under `dir`, recursively, whose extension is one of `exts` (all files when empty), sorted.
fn files_under(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("read a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if exts.is_empty() || path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_tiles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let files = files_under(&dir, &["txt", "md"]);
    assert!(!files.is_empty(), "no .txt or .md fixtures under {}", dir.display());
    assert_files_tile(&files);
}

#[test]
fn every_corpus_document_tiles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/docs");
    if !dir.is_dir() {
        return; // the development corpus is not always checked out
    }
    assert_files_tile(&files_under(&dir, &[]));
}

const EDGE_CASES: &[(&str, &str)] = &[
    ("empty", ""),
    ("space", " "),
    ("only whitespace", " \t\u{a0}\u{3000}\r\n \n\t\r\n"),
    ("only line ends", "\n\n\r\n\r\r\n"),
    ("NBSP and ideographic space lines", "\u{a0}\n\u{3000}\n\u{3000}\u{a0}"),
    ("no final newline", "一、其他\n1.做好公开。\n市财政局"),
    ("CRLF line ends", "标题\r\n一、其他\r\n1.做好公开。\r\n市财政局牵头，市税务局配合\r\n"),
    ("CR-only line ends", "标题\r一、其他\r1.做好公开。\r市财政局牵头，市税务局配合\r"),
    ("CR-only, no final line end", "一、其他\r1.做好公开。\r市财政局"),
    ("lone open bracket", "（"),
    ("lone close bracket", "）"),
    ("lone half-width brackets", "(\n)"),
    ("open bracket in units", "一、其他\n1.做好公开。\n（"),
    ("close bracket in units", "一、其他\n1.做好公开。\n）\n"),
    ("section marker only", "一、"),
    ("task marker only", "1."),
    ("paren marker only", "（一）"),
    ("markers only, one per line", "一、\n1.\n（一）\n"),
    ("markers only, on one line", "一、1.（一）"),
    ("markers then units", "一、\n1.\n市财政局\n"),
    ("BOM only", "\u{feff}"),
    ("BOM at the start", "\u{feff}标题\n一、其他\n1.做好公开。\n市财政局\n"),
    ("BOM then marker", "\u{feff}一、其他\n1.做好公开。\n市财政局牵头"),
    ("NUL only", "\0"),
    ("NUL bytes in text", "一、其\0他\n1.\0做好公开。\n市财政局\0牵头，\0市税务局配合\n\0"),
    ("tab table row", "\t一、其他\t1.做好公开。\t市财政局\n"),
    ("header only", "工作事项\t具体任务\t牵头及责任单位\n"),
    ("labels without units", "一、其他\n1.做好公开。\n牵头单位：\n配合单位：\n"),
    ("role words only", "牵头，配合\n"),
    ("unclosed bracket at the end", "一、其他\n1.做好公开。\n市府办牵头，各县（区"),
    ("huge task number", "一、其他\n99999999999999999999.做好公开。\n市财政局\n"),
    ("whitespace between markers", "一、\u{3000}\n\t1.\u{a0}\n"),
];

#[test]
fn edge_cases_tile() {
    let mut failures = Vec::new();
    for (name, text) in EDGE_CASES {
        let plan = fengong::parse(text);
        if let Err(e) = check_tiles(text, &plan) {
            failures.push(format!("{name} ({text:?}): {e}; segments {:?}", plan.segments));
        }
    }
    assert!(failures.is_empty(), "lossless invariant broken:\n{}", failures.join("\n"));
}

#[test]
fn assert_tiles_catches_a_gap() {
    // The checker itself must be able to fail: drop a segment from a good plan.
    let text = "一、其他\n1.做好公开。\n市财政局\n";
    let mut plan = fengong::parse(text);
    assert_tiles(text, &plan);
    assert!(plan.segments.len() > 1);
    plan.segments.remove(1);
    assert!(check_tiles(text, &plan).is_err());
    let mut plan = fengong::parse(text);
    plan.sections[0].tasks[0].responsible[0].raw.to_mut().push('x');
    assert!(check_tiles(text, &plan).is_err());
}

/// One piece of random plan-like text, weighted towards what plans contain.
fn token() -> impl Strategy<Value = &'static str> {
    const CJK: &[&str] = &[
        "市", "局", "委", "办", "县", "区", "各", "牵", "头", "配", "合", "负", "责", "单", "位", "和", "及", "与",
        "等", "人", "民", "政", "府", "管", "会", "部", "门", "直", "属", "公", "开", "务", "工", "作", "镇", "街",
        "道",
    ];
    const WORDS: &[&str] = &[
        "牵头",
        "配合",
        "负责",
        "单位",
        "等单位",
        "人民政府",
        "市府直属各部门",
        "各县（区）",
        "市财政局",
        "市卫生健康局",
        "牵头单位：",
        "配合单位：",
        "责任单位：",
        "责任领导：",
        "完成时限：",
        "工作事项",
        "具体任务",
        "牵头及责任单位",
    ];
    const DIGITS: &[&str] = &["0", "1", "2", "3", "7", "9", "０", "１", "２", "９"];
    const BRACKETS: &[&str] = &["（", "）", "(", ")", "〔", "〕", "【", "】"];
    const PUNCT: &[&str] = &["、", "，", ",", "；", ";", "。", "：", ":"];
    const MARKERS: &[&str] =
        &["一、", "二、", "十二、", "1.", "2.", "27.", "1、", "１．", "（一）", "（二）", "(1)", "一 "];
    const SPACE: &[&str] = &[" ", "\t", "\n", "\n", "\r\n", "\r", "\u{a0}", "\u{3000}"];
    const ODD: &[&str] = &["a", "Z", "\u{feff}", "\0", "\u{200b}", "😀"];
    prop_oneof![
        30 => proptest::sample::select(CJK),
        8 => proptest::sample::select(WORDS),
        6 => proptest::sample::select(DIGITS),
        6 => proptest::sample::select(BRACKETS),
        8 => proptest::sample::select(PUNCT),
        5 => proptest::sample::select(MARKERS),
        12 => proptest::sample::select(SPACE),
        1 => proptest::sample::select(ODD),
    ]
}

/// Random plan-like text of up to about 400 characters.
fn plan_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(token(), 0..260).prop_map(|tokens| {
        let mut s = String::new();
        for t in tokens {
            if s.chars().count() + t.chars().count() > 400 {
                break;
            }
            s.push_str(t);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn random_text_tiles_and_parses_deterministically(text in plan_text()) {
        let plan = fengong::parse(&text);
        if let Err(e) = check_tiles(&text, &plan) {
            return Err(TestCaseError::fail(format!("{e}; segments {:?}", plan.segments)));
        }
        let again = fengong::parse(&text);
        let (a, b) = (serde_json::to_string(&plan).unwrap(), serde_json::to_string(&again).unwrap());
        prop_assert_eq!(a, b, "two parses of the same text differ");
    }

    #[test]
    fn random_phrase_units_point_at_their_raw_text(phrase in plan_text()) {
        let units = fengong::parse_units(&phrase);
        for (role, list) in [("lead", &units.lead), ("supporting", &units.supporting), ("responsible", &units.responsible)] {
            for u in list {
                if let Err(e) = check_span(&phrase, u.span, &format!("{role} unit {:?}", u.name)) {
                    return Err(TestCaseError::fail(e));
                }
                prop_assert_eq!(&u.raw, &phrase[u.span.start..u.span.end], "{} unit {:?}", role, u.name);
            }
        }
    }
}
