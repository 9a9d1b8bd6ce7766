//! Snapshots of what `convert --check` prints: every diagnostic rendered the
//! way rustc does (title with the code, ` --> path:line:column`, the source
//! line, carets under the exact characters, the suggested fix), then the
//! summary line. Built from the library, not the binary, so they are fast;
//! `tests/convert.rs` checks that the binary prints the same for the seed plan.
//!
//! The snapshots live in `tests/snapshots/`. After a deliberate change of the
//! rendering, review them again:
//!
//! ```text
//! INSTA_UPDATE=always cargo test --test check_snapshots
//! ```
//!
//! and read every changed `.snap` file: carets must sit under the characters
//! the diagnostic is about, two carets per double-width character.

use std::fs;
use std::path::Path;

use fengong::{LineIndex, Plan, Severity};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What `convert PATH --check` prints on standard error, `path` relative to the crate root.
fn check_output(path: &str) -> String {
    let text = fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let plan = fengong::parse(&text);
    let index = LineIndex::new(&text);
    let mut out = String::new();
    for d in &plan.diagnostics {
        out.push_str(&d.render_with(path, &text, &index));
        out.push('\n');
    }
    out.push_str(&summary(&plan));
    out.push('\n');
    out
}

/// `2 warnings, 1 info`, errors first when there are any: the converter's summary line.
fn summary(plan: &Plan) -> String {
    let count = |severity: Severity, noun: &str| {
        let n = plan.diagnostics.iter().filter(|d| d.severity == severity).count();
        if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
    };
    let errors = count(Severity::Error, "error");
    let rest = format!("{}, {}", count(Severity::Warning, "warning"), count(Severity::Info, "info"));
    if errors.starts_with("0 ") { rest } else { format!("{errors}, {rest}") }
}

/// Compares the check output of `path` with the snapshot `name`.
fn assert_check_snapshot(name: &str, path: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!("convert {path} --check"));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, check_output(path)));
}

/// The `.txt` plans of `fixtures/err`, sorted, relative to the crate root.
fn err_fixtures() -> Vec<String> {
    let dir = Path::new(ROOT).join("fixtures/err");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("list fixtures/err")
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    names.into_iter().map(|name| format!("fixtures/err/{name}")).collect()
}

/// The snapshot name for an error fixture: `err-` and its stem.
fn err_snapshot_name(path: &str) -> String {
    let stem = Path::new(path).file_stem().expect("a file name").to_string_lossy();
    format!("err-{stem}")
}

#[test]
fn seed_plan() {
    assert_check_snapshot("heyuan-2020", "fixtures/heyuan-2020.txt");
}

#[test]
fn every_error_fixture() {
    let fixtures = err_fixtures();
    assert!(fixtures.len() >= 13, "fixtures/err has {} plans", fixtures.len());
    for path in &fixtures {
        assert_check_snapshot(&err_snapshot_name(path), path);
    }
}

#[test]
fn every_snapshot_belongs_to_a_fixture() {
    let mut expected: Vec<String> = err_fixtures().iter().map(|p| err_snapshot_name(p)).collect();
    expected.push("heyuan-2020".to_string());
    let dir = Path::new(ROOT).join("tests/snapshots");
    // No folder yet (before the first `INSTA_UPDATE=always` run): no orphans.
    let orphans: Vec<String> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter_map(|file| file.strip_prefix("check_snapshots__")?.strip_suffix(".snap").map(str::to_string))
        .filter(|name| !expected.contains(name))
        .collect();
    assert!(orphans.is_empty(), "snapshots without a fixture: {orphans:?}");
}
