//! Golden tests: every plan under `fixtures/ok/` and `fixtures/err/` is read
//! from bytes with [`fengong::parse_bytes`] (so that the encodings are
//! exercised), projected to a compact JSON form and compared with the
//! `NAME.expected.json` next to it.
//!
//! - `fixtures/ok/` plans must parse with no warning or error;
//! - `fixtures/err/` plans must give at least one warning (or error);
//! - every plan must be lossless: its segments tile the decoded text;
//! - together the fixtures must cover every layout the parser tells apart.
//!
//! Run with `UPDATE_FIXTURES=1` to (re)write the expected files from the
//! parser's output instead of comparing; with `FIXTURES_ONLY=WORD` as well,
//! only the fixtures whose name contains `WORD` are compared or rewritten. The expected files are a contract:
//! read every one you rewrite and correct by hand whatever the parser got
//! wrong, so that the test fails until the parser is fixed.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fengong::{Diagnostic, Piece, Plan, Section, Severity, Task, Unit};
use serde::Serialize;
use serde_json::Value;

/// The layouts the fixtures must cover between them.
const LAYOUTS: &[&str] =
    &["parenthetical", "labelled", "tab-table", "pipe-table", "one-line", "pdf-text", "cell-per-line"];

/// Whether a fixture is expected to parse cleanly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `fixtures/ok/`: no warning, no error.
    Ok,
    /// `fixtures/err/`: at least one warning or error.
    Err,
}

/// One fixture: the plan's file and its expected projection.
#[derive(Debug)]
struct Fixture {
    kind: Kind,
    /// `ok/NAME.txt`, for messages.
    name: String,
    input: PathBuf,
    expected: PathBuf,
}

/// Every fixture under `fixtures/ok/` and `fixtures/err/`, sorted by name.
fn fixtures() -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for (dir, kind) in [("ok", Kind::Ok), ("err", Kind::Err)] {
        let dir_path = root.join(dir);
        let entries = match std::fs::read_dir(&dir_path) {
            Ok(entries) => entries,
            Err(e) => panic!("{}: {e}", dir_path.display()),
        };
        let mut stems = BTreeSet::new();
        for entry in entries {
            let path = entry.expect("read a directory entry").path();
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            if !matches!(ext, "txt" | "md") {
                continue;
            }
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name").to_string();
            assert!(
                stems.insert(stem.clone()),
                "fixtures/{dir}/{stem}: both a .txt and a .md file; their expected files would clash"
            );
            out.push(Fixture {
                kind,
                name: format!("{dir}/{stem}.{ext}"),
                expected: dir_path.join(format!("{stem}.expected.json")),
                input: path,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!out.is_empty(), "no fixtures under {}", root.display());
    out
}

fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(fixture: &Fixture) -> (Vec<u8>, Plan<'static>) {
    let bytes = read_bytes(&fixture.input);
    let plan = fengong::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: cannot be read: {e}", fixture.name));
    let plan = plan.into_owned();
    (bytes, plan)
}

// ---------------------------------------------------------------------------
// The projection. Structs rather than `json!` so that the expected files keep
// a readable field order (serde_json's maps sort their keys).

#[derive(Serialize)]
struct PlanP {
    title: String,
    layout: Value,
    encoding: Option<String>,
    sections: Vec<SectionP>,
    diagnostics: Vec<String>,
    info: Vec<String>,
}

#[derive(Serialize)]
struct SectionP {
    number: u32,
    marker: String,
    title: String,
    sections: Vec<SectionP>,
    tasks: Vec<TaskP>,
}

#[derive(Serialize)]
struct TaskP {
    number: u32,
    marker: String,
    text: String,
    lead: Vec<String>,
    supporting: Vec<String>,
    responsible: Vec<String>,
    leaders: Vec<String>,
    deadline: Option<String>,
    notes: Vec<String>,
}

fn names(units: &[Unit]) -> Vec<String> {
    units.iter().map(|u| u.name.to_string()).collect()
}

fn texts(pieces: &[Piece]) -> Vec<String> {
    pieces.iter().map(|p| p.text.to_string()).collect()
}

fn project_task(t: &Task) -> TaskP {
    TaskP {
        number: t.number,
        marker: t.marker.to_string(),
        text: t.text.to_string(),
        lead: names(&t.lead),
        supporting: names(&t.supporting),
        responsible: names(&t.responsible),
        leaders: texts(&t.leaders),
        deadline: t.deadline.as_deref().map(str::to_string),
        notes: texts(&t.notes),
    }
}

fn project_section(s: &Section) -> SectionP {
    SectionP {
        number: s.number,
        marker: s.marker.to_string(),
        title: s.title.to_string(),
        sections: s.sections.iter().map(project_section).collect(),
        tasks: s.tasks.iter().map(project_task).collect(),
    }
}

fn at(d: &Diagnostic) -> String {
    format!("{}@{}", d.code.as_str(), d.line)
}

fn project(plan: &Plan) -> PlanP {
    PlanP {
        title: plan.title.to_string(),
        layout: serde_json::to_value(plan.layout).expect("a layout serializes"),
        encoding: plan.encoding.clone(),
        sections: plan.sections.iter().map(project_section).collect(),
        diagnostics: plan
            .diagnostics
            .iter()
            .filter(|d| matches!(d.severity, Severity::Warning | Severity::Error))
            .map(at)
            .collect(),
        info: plan.diagnostics.iter().filter(|d| d.severity == Severity::Info).map(at).collect(),
    }
}

fn pretty<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("the projection serializes");
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------
// Reporting differences.

/// The projection's field names in the order it writes them.
const FIELD_ORDER: &[&str] = &[
    "title",
    "layout",
    "encoding",
    "number",
    "marker",
    "text",
    "lead",
    "supporting",
    "responsible",
    "leaders",
    "deadline",
    "notes",
    "sections",
    "tasks",
    "diagnostics",
    "info",
];

/// The first path at which two JSON values differ, with both sides.
fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            // Fields in the order the projection writes them, so that the
            // first difference is the first one in the file.
            let mut keys: Vec<&String> = e.keys().chain(a.keys()).collect();
            keys.sort_by_key(|k| (FIELD_ORDER.iter().position(|f| f == k), *k));
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let p = format!("{path}.{k}");
                match (e.get(k), a.get(k)) {
                    (Some(ev), Some(av)) => first_difference(&p, ev, av),
                    (Some(ev), None) => Some(format!("{p}: expected {ev}, missing in actual")),
                    (None, Some(av)) => Some(format!("{p}: not expected, actual {av}")),
                    (None, None) => None,
                }
            })
        }
        (Value::Array(e), Value::Array(a)) => {
            let common = e.len().min(a.len());
            (0..common).find_map(|i| first_difference(&format!("{path}[{i}]"), &e[i], &a[i])).or_else(|| {
                (e.len() != a.len()).then(|| {
                    format!(
                        "{path}: expected {} items, actual {}; first extra: {}",
                        e.len(),
                        a.len(),
                        e.get(common).or_else(|| a.get(common)).expect("an extra item")
                    )
                })
            })
        }
        _ if expected == actual => None,
        _ => Some(format!("{path}: expected {expected}, actual {actual}")),
    }
}

/// A line diff (`-` expected, `+` actual) of two small texts, by longest
/// common subsequence, with two lines of context around each change.
fn line_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let (n, m) = (e.len(), a.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if e[i] == a[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && e[i] == a[j] {
            ops.push((' ', e[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', e[i]));
            i += 1;
        } else {
            ops.push(('+', a[j]));
            j += 1;
        }
    }
    const CONTEXT: usize = 2;
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != ' ').collect();
    let mut out = String::new();
    let mut last_shown: Option<usize> = None;
    for (k, (op, line)) in ops.iter().enumerate() {
        if !changed.iter().any(|&c| c.abs_diff(k) <= CONTEXT) {
            continue;
        }
        if last_shown.is_some_and(|l| l + 1 != k) {
            out.push_str("   ...\n");
        }
        let _ = writeln!(out, " {op} {line}");
        last_shown = Some(k);
    }
    out
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn fixtures_match_expected() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v != "0" && !v.is_empty());
    let mut failures = Vec::new();
    let mut written = Vec::new();
    let only = std::env::var("FIXTURES_ONLY").unwrap_or_default();
    for fixture in fixtures() {
        if !fixture.name.contains(only.as_str()) {
            continue;
        }
        let (_, plan) = parse(&fixture);
        let projection = project(&plan);
        let actual_text = pretty(&projection);
        if update {
            std::fs::write(&fixture.expected, &actual_text)
                .unwrap_or_else(|e| panic!("{}: {e}", fixture.expected.display()));
            written.push(fixture.expected.display().to_string());
            continue;
        }
        let expected_text = match std::fs::read_to_string(&fixture.expected) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!(
                    "== {}: no expected file {} ({e}); run with UPDATE_FIXTURES=1 and check it by hand\nactual:\n{actual_text}",
                    fixture.name,
                    fixture.expected.display()
                ));
                continue;
            }
        };
        let expected: Value = match serde_json::from_str(&expected_text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("== {}: {} is not valid JSON: {e}", fixture.name, fixture.expected.display()));
                continue;
            }
        };
        let actual = serde_json::to_value(&projection).expect("the projection serializes");
        if expected != actual {
            let first = first_difference("$", &expected, &actual).unwrap_or_else(|| "(values differ)".to_string());
            failures.push(format!(
                "== {}: differs from {}\nfirst difference: {first}\ndiff (- expected, + actual):\n{}",
                fixture.name,
                fixture.expected.display(),
                line_diff(&expected_text, &actual_text)
            ));
        }
    }
    if update {
        eprintln!(
            "UPDATE_FIXTURES: wrote {} expected files; read each one and correct it by hand:\n{}",
            written.len(),
            written.join("\n")
        );
        return;
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ from their expected output:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn ok_fixtures_have_no_warnings_and_err_fixtures_have_one() {
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let (bytes, plan) = parse(&fixture);
        let text = fengong::decode(&bytes).expect("decoded once already").text;
        let bad: Vec<&Diagnostic> =
            plan.diagnostics.iter().filter(|d| matches!(d.severity, Severity::Warning | Severity::Error)).collect();
        match fixture.kind {
            Kind::Ok if !bad.is_empty() => {
                let shown: String = bad.iter().map(|d| d.render(&fixture.name, &text)).collect();
                failures.push(format!("== {}: expected no warnings, got {}:\n{shown}", fixture.name, bad.len()));
            }
            Kind::Err if bad.is_empty() => {
                failures.push(format!(
                    "== {}: expected at least one warning, got none (info: {:?})",
                    fixture.name,
                    plan.diagnostics.iter().map(at).collect::<Vec<_>>()
                ));
            }
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) in the wrong folder for their diagnostics:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The lossless invariant on the decoded text: segments are non-empty,
/// contiguous, start at 0, end at the text's length and fall on character
/// boundaries; task and unit spans lie inside the text.
fn check_lossless(text: &str, plan: &Plan) -> Result<(), String> {
    let inside = |span: fengong::Span, what: &str| -> Result<(), String> {
        if span.start > span.end
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(format!(
                "{what}: span {span:?} is not inside the text of {} bytes on character boundaries",
                text.len()
            ));
        }
        Ok(())
    };
    let mut end = 0;
    for (i, seg) in plan.segments.iter().enumerate() {
        let what = format!("segment {i} ({:?})", seg.kind);
        if seg.span.start != end {
            return Err(format!("{what}: starts at {} but the previous segment ended at {end}", seg.span.start));
        }
        if seg.span.is_empty() {
            return Err(format!("{what}: empty span {:?}", seg.span));
        }
        inside(seg.span, &what)?;
        end = seg.span.end;
    }
    if end != text.len() {
        return Err(format!("segments end at {end}, the decoded text at {}", text.len()));
    }
    fn walk<'a>(sections: &[Section<'a>], out: &mut Vec<(u32, Task<'a>)>) {
        for s in sections {
            out.extend(s.tasks.iter().map(|t| (s.number, t.clone())));
            walk(&s.sections, out);
        }
    }
    let mut tasks = Vec::new();
    walk(&plan.sections, &mut tasks);
    for (section, task) in &tasks {
        let what = format!("section {section} task {}", task.number);
        inside(task.span, &format!("{what} span"))?;
        if let Some(span) = task.units_span {
            inside(span, &format!("{what} units_span"))?;
        }
        for (role, unit) in task.units() {
            let what = format!("{what} {} unit {:?}", role.as_str(), unit.name);
            inside(unit.span, &what)?;
            if unit.raw != unit.span.slice(text) {
                return Err(format!(
                    "{what}: raw {:?} but the text at {:?} is {:?}",
                    unit.raw,
                    unit.span,
                    unit.span.slice(text)
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn fixtures_are_lossless() {
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let (bytes, plan) = parse(&fixture);
        let decoded = fengong::decode(&bytes).expect("decoded once already");
        if let Err(e) = check_lossless(&decoded.text, &plan) {
            failures.push(format!("{} ({}): {e}", fixture.name, decoded.encoding));
        }
    }
    assert!(failures.is_empty(), "lossless invariant broken:\n{}", failures.join("\n"));
}

#[test]
fn fixtures_cover_every_layout() {
    let mut expected_seen = BTreeSet::new();
    let mut actual_seen = BTreeSet::new();
    for fixture in fixtures() {
        let (_, plan) = parse(&fixture);
        if let Some(layout) = project(&plan).layout.as_str() {
            actual_seen.insert(layout.to_string());
        }
        let expected: Option<Value> =
            std::fs::read_to_string(&fixture.expected).ok().and_then(|t| serde_json::from_str(&t).ok());
        if let Some(layout) = expected.as_ref().and_then(|v| v["layout"].as_str()) {
            expected_seen.insert(layout.to_string());
        }
    }
    let missing =
        |seen: &BTreeSet<String>| -> Vec<&str> { LAYOUTS.iter().copied().filter(|l| !seen.contains(*l)).collect() };
    assert!(
        missing(&expected_seen).is_empty(),
        "no fixture is expected to have layout {:?} (expected layouts: {expected_seen:?})",
        missing(&expected_seen)
    );
    assert!(
        missing(&actual_seen).is_empty(),
        "the parser gives no fixture layout {:?} (layouts seen: {actual_seen:?})",
        missing(&actual_seen)
    );
}

#[test]
fn every_expected_file_has_a_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let inputs: BTreeSet<PathBuf> = fixtures().into_iter().map(|f| f.expected).collect();
    let mut orphans = Vec::new();
    for dir in ["ok", "err"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("a fixtures folder") {
            let path = entry.expect("read a directory entry").path();
            let is_expected = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".expected.json"));
            if is_expected && !inputs.contains(&path) {
                orphans.push(path.display().to_string());
            }
        }
    }
    assert!(orphans.is_empty(), "expected files with no fixture next to them:\n{}", orphans.join("\n"));
}
