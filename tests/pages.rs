//! Plans written for the tests as web pages (`fixtures/pages/`), each in a
//! style none of the real plans of `../shared/real` has: a header of two
//! rows, a note under the table that states who leads, a GBK page of
//! labelled lines, units brackets holding a deadline, columns of leaders
//! and remarks, a site page whose issuing notice numbers its own
//! paragraphs. Each is read as a file and scored against its gold with the
//! rules of `score.py`; each must score F1 1.00 and tile its text. Their
//! contents are invented (see `fixtures/pages/README.md`).

#![cfg(feature = "documents")]

mod common;

use std::fs;
use std::path::Path;

#[test]
fn every_written_page_reads_as_its_gold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
    let mut pages: Vec<_> = fs::read_dir(&dir)
        .expect("fixtures/pages")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 6, "{} pages", pages.len());
    let mut failures = Vec::new();
    for page in &pages {
        let bytes = fs::read(page).expect("read the page");
        assert_eq!(fengong::DocumentKind::sniff(&bytes), fengong::DocumentKind::Html, "{}", page.display());
        let plan = fengong::parse_document(&bytes, &fengong::Options::default()).expect("a plan");
        let text = &plan.source.as_ref().expect("a source").text;
        if let Err(e) = common::check_tiles(text, &plan) {
            failures.push(format!("{}: {e}", page.display()));
        }
        let gold: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(page.with_extension("gold.json")).expect("its gold"))
                .expect("gold is JSON");
        let s = common::score(&gold, &serde_json::to_value(&plan).expect("a plan serializes"));
        if s.fp + s.fn_ > 0 || s.tp == 0 {
            failures.push(format!("{}: {}", page.display(), s.report()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
