//! The real plans of `../shared/real` as people hold them, read natively by
//! [`fengong::parse_document`]: the saved web pages (`pages/*.html`), and the
//! Word files and workbooks LibreOffice made of them (`chains/*.docx`,
//! `chains/*.xlsx`), and the PDFs it printed (`chains/*.pdf`, through
//! `pdftotext -bbox-layout` as the converter reads them). Each is scored against its gold annotation with the
//! rules of `score.py` and held to the floor it reaches now; each keeps the
//! lossless property over the text its reader extracted; and the three files
//! of one plan give the same tasks with the same units.
//!
//! Where the shared folder is missing the test says so and passes, since CI
//! lays it there. To print today's scores, run with
//! `FENGONG_DOCUMENT_SCORES=1 cargo test --release --test documents -- --nocapture`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use fengong::{Options, Plan};
use serde_json::Value;

/// (kind, plan, unit-role F1 floor), two decimals, as measured.
const FLOORS: &[(&str, &str, f64)] = &[
    ("html", "pa01", 1.00),
    ("html", "pa03", 1.00),
    ("html", "pa06", 1.00),
    ("html", "pa08", 1.00),
    ("html", "pb06", 1.00),
    ("html", "pb07", 1.00),
    ("html", "ph03", 1.00),
    ("docx", "pa01", 1.00),
    ("docx", "pa03", 1.00),
    ("docx", "pa06", 1.00),
    ("docx", "pa08", 1.00),
    ("docx", "pb06", 1.00),
    ("docx", "pb07", 1.00),
    ("docx", "ph03", 1.00),
    ("xlsx", "pa01", 1.00),
    ("xlsx", "pa03", 1.00),
    ("xlsx", "pa06", 1.00),
    ("xlsx", "pa08", 1.00),
    ("xlsx", "pb06", 1.00),
    ("xlsx", "pb07", 1.00),
    ("xlsx", "ph03", 1.00),
    ("pdf", "pa01", 0.92),
    ("pdf", "pa03", 1.00),
    ("pdf", "pa06", 1.00),
    ("pdf", "pa08", 0.91),
    ("pdf", "pb06", 0.96),
    ("pdf", "pb07", 0.93),
    ("pdf", "ph03", 0.98),
];

fn real() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is not here", dir.display());
        None
    }
}

/// The file of `kind` for the plan whose gold is `name`, when there is one.
fn file(real: &Path, kind: &str, name: &str) -> Option<PathBuf> {
    let path = match kind {
        "html" => real.join("pages").join(format!("{name}.html")),
        _ => real.join("chains").join(format!("{name}.{kind}.{kind}")),
    };
    path.is_file().then_some(path)
}

/// Every gold annotation's name, sorted.
fn golds(real: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(real.join("gold"))
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    names
}

fn read(path: &Path) -> Plan<'static> {
    let mut bytes = fs::read(path).unwrap();
    let mut opts = Options::default();
    if fengong::DocumentKind::sniff(&bytes) == fengong::DocumentKind::Pdf {
        // The words of the PDF with their positions, as the converter reads
        // them; `.ci/test` installs poppler-utils.
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{}.words.html", std::process::id()));
        let status = std::process::Command::new("pdftotext")
            .arg("-bbox-layout")
            .arg(path)
            .arg(&out)
            .status()
            .expect("pdftotext (Debian package poppler-utils) runs");
        assert!(status.success(), "pdftotext failed on {}", path.display());
        bytes = fs::read(&out).unwrap();
        opts = opts.document_kind(fengong::DocumentKind::PdfWords);
    }
    fengong::parse_document(&bytes, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_real_file_scores_at_least_its_floor_and_tiles_its_text() {
    let Some(real) = real() else { return };
    let print = std::env::var_os("FENGONG_DOCUMENT_SCORES").is_some();
    let mut failures = Vec::new();
    for name in golds(&real) {
        let short = &name[..4];
        let gold: Value =
            serde_json::from_str(&fs::read_to_string(real.join("gold").join(format!("{name}.json"))).unwrap()).unwrap();
        for kind in ["html", "docx", "xlsx", "pdf"] {
            let Some(path) = file(&real, kind, &name) else { continue };
            let plan = read(&path);
            let text = &plan.source.as_deref().expect("a plan read from a file keeps its text").text;
            common::assert_tiles(text, &plan);
            let s = common::score(&gold, &serde_json::to_value(&plan).unwrap());
            let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
            let (p, r) = (ratio(s.tp, s.tp + s.fp), ratio(s.tp, s.tp + s.fn_));
            let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
            if print {
                println!("    (\"{kind}\", \"{short}\", {:.2}),", (f1 * 100.0).floor() / 100.0);
            }
            let floor = FLOORS.iter().find(|f| f.0 == kind && f.1 == short).map_or(1.0, |f| f.2);
            if f1 + 1e-9 < floor {
                failures.push(format!("{kind} {short}: F1 {f1:.3} < floor {floor:.2}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A plan's tasks as comparable rows: the first characters of the text
/// (white space aside) and the names of each role's units, in order (a
/// unit listed twice would show).
fn rows(plan: &Plan<'_>) -> Vec<(String, [Vec<String>; 3])> {
    let names = |us: &[fengong::Unit<'_>]| us.iter().map(|u| u.name.to_string()).collect::<Vec<_>>();
    plan.tasks()
        .map(|t| {
            let text: String = t.task.text.chars().filter(|c| !c.is_whitespace()).take(12).collect();
            (text, [names(&t.task.lead), names(&t.task.supporting), names(&t.task.responsible)])
        })
        .collect()
}

#[test]
fn the_page_the_word_file_and_the_workbook_of_a_plan_give_the_same_tasks_and_units() {
    let Some(real) = real() else { return };
    let mut compared = 0;
    for name in golds(&real) {
        let files: Vec<PathBuf> = ["html", "docx", "xlsx"].iter().filter_map(|k| file(&real, k, &name)).collect();
        if files.len() < 3 {
            continue;
        }
        let page = rows(&read(&files[0]));
        assert!(!page.is_empty(), "{name}: no task in the page");
        for other in &files[1..] {
            assert_eq!(rows(&read(other)), page, "{name}: {} differs from the page", other.display());
        }
        compared += 1;
    }
    assert!(compared >= 5, "only {compared} plans have a page, a Word file and a workbook");
}

#[test]
fn every_text_a_tool_made_is_sniffed_as_text() {
    let Some(real) = real() else { return };
    let mut seen = 0;
    for entry in fs::read_dir(real.join("chains")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            let kind = fengong::DocumentKind::sniff(&fs::read(&path).unwrap());
            assert_eq!(kind, fengong::DocumentKind::Text, "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 50, "{seen}");
}
