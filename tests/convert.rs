//! Runs the `convert` example as a user would: a built binary, real files,
//! standard input, exit codes and the bytes it writes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const SEED: &str = "fixtures/heyuan-2020.txt";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The `convert` binary, built once for all the tests of this file.
fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "convert"])
            .current_dir(MANIFEST_DIR)
            .status()
            .expect("run cargo build");
        assert!(status.success(), "cargo build --example convert failed");
        // A relative CARGO_TARGET_DIR is relative to where cargo ran: the manifest directory.
        let target =
            Path::new(MANIFEST_DIR).join(std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into()));
        let path = target.join("debug").join("examples").join(format!("convert{}", std::env::consts::EXE_SUFFIX));
        assert!(path.is_file(), "no binary at {}", path.display());
        path
    })
}

/// Runs `convert` from the manifest directory with `args` and `stdin`.
fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(MANIFEST_DIR)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start convert");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // The binary may exit without reading (bad arguments); a broken pipe is fine then.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().expect("wait for convert")
}

fn run(args: &[&str]) -> Output {
    run_with_stdin(args, b"")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// A fresh empty directory for one test, under cargo's scratch directory for integration tests.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("convert-{test}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch directory");
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("scratch paths are UTF-8")
}

/// Every task of a JSON plan, nested sections included.
fn json_tasks(plan: &Value) -> Vec<&Value> {
    fn walk<'a>(sections: &'a Value, out: &mut Vec<&'a Value>) {
        for s in sections.as_array().expect("sections is an array") {
            out.extend(s["tasks"].as_array().expect("tasks is an array"));
            walk(&s["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&plan["sections"], &mut out);
    out
}

/// Header and data rows of a CSV that starts with a BOM.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    assert!(bytes.starts_with(BOM), "CSV starts with a UTF-8 BOM");
    let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
    let header = reader.headers().expect("CSV header").iter().map(str::to_string).collect();
    let rows = reader.records().collect::<Result<Vec<_>, _>>().expect("CSV rows");
    (header, rows)
}

fn seed_json() -> Value {
    let out = run(&[SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn json_is_the_default_and_holds_the_whole_plan() {
    let out = run(&[SEED]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.ends_with("}\n"), "JSON ends with a newline");
    assert!(text.contains("河源市"), "Chinese is written unescaped");
    let plan: Value = serde_json::from_str(&text).expect("stdout is JSON");
    assert_eq!(plan["sections"].as_array().map(Vec::len), Some(8));
    assert_eq!(json_tasks(&plan).len(), 27);
    let explicit = run(&[SEED, "--format", "json"]);
    assert_eq!(explicit.stdout, out.stdout);
}

#[test]
fn csv_has_one_row_per_task_and_unit() {
    let out = run(&[SEED, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (header, rows) = csv_rows(&out.stdout);
    assert_eq!(
        header,
        ["section_number", "section_title", "task_number", "task_text", "role", "unit", "unit_raw", "line"]
    );
    assert!(rows.len() > 27, "more units than tasks, got {} rows", rows.len());
    let units: usize = json_tasks(&seed_json())
        .iter()
        .map(|t| {
            ["lead", "supporting", "responsible"].iter().map(|r| t[r].as_array().map_or(0, Vec::len)).sum::<usize>()
        })
        .sum();
    assert_eq!(rows.len(), units, "one row per unit of the JSON plan");
    for row in &rows {
        assert!(["lead", "supporting", "responsible"].contains(&&row[4]), "role {:?}", &row[4]);
        assert!(!row[5].is_empty(), "unit name in {row:?}");
    }
}

#[test]
fn tasks_csv_has_one_row_per_task() {
    let out = run(&["--format=tasks-csv", SEED]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (header, rows) = csv_rows(&out.stdout);
    assert_eq!(header[..5], ["section_number", "section_title", "task_number", "task_text", "lead"]);
    assert_eq!(rows.len(), 27);
}

#[test]
fn check_reports_diagnostics_and_fails_on_warnings() {
    let out = run(&[SEED, "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "--check without --output prints nothing to stdout");
    let err = stderr(&out);
    assert!(err.contains(&format!("{SEED}:83:")), "{err}");
    assert!(err.contains("warning[unclosed-bracket]"), "{err}");
    assert!(err.lines().any(|l| l.trim_start().starts_with("| ") && l.contains('^')), "a caret line:\n{err}");
    let summary = err.lines().last().expect("a summary line");
    assert!(summary.contains("warnings") && summary.contains("info"), "{summary}");
}

#[test]
fn check_caret_lines_up_under_double_width_characters() {
    // Every character of the units line is double-width.
    let text = "一、其他\n1.做好公开。\n市府办牵头，各县（区配合\n";
    let json = run_with_stdin(&["-"], text.as_bytes());
    let plan: Value = serde_json::from_slice(&json.stdout).expect("stdout is JSON");
    let d = &plan["diagnostics"][0];
    assert_eq!(d["code"], "unclosed-bracket");
    let line = d["line"].as_u64().expect("line");
    let column = usize::try_from(d["column"].as_u64().expect("column")).expect("a small column");
    assert_eq!(line, 3);

    let out = run_with_stdin(&["-", "--check"], text.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("<stdin>:3:{column}: warning[unclosed-bracket]")), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let source = lines.iter().position(|l| *l == "3 | 市府办牵头，各县（区配合").expect("source line");
    let caret = lines[source + 1].find('^').expect("caret under the source line");
    assert_eq!(caret, "3 | ".len() + 2 * (column - 1), "{err}");
    assert_eq!(lines.last(), Some(&"1 warning, 0 infos"));
}

#[test]
fn check_passes_on_a_clean_plan() {
    let out = run_with_stdin(&["--check", "-"], "一、其他\n1.做好公开。\n市财政局\n".as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(stderr(&out), "0 warnings, 0 infos\n");
}

#[test]
fn check_with_output_still_writes_the_file() {
    let dir = scratch("check-output");
    let file = dir.join("plan.csv");
    let out = run(&[SEED, "--check", "--format", "tasks-csv", "--output", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let (_, rows) = csv_rows(&fs::read(&file).expect("output written"));
    assert_eq!(rows.len(), 27);
}

#[test]
fn output_file_matches_stdout_and_leaves_no_temporary_file() {
    let dir = scratch("output");
    let file = dir.join("plan.json");
    fs::write(&file, "old contents").expect("write old output");
    let out = run(&[SEED, "--output", path_str(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(fs::read(&file).expect("output written"), run(&[SEED]).stdout);
    let names: Vec<_> = fs::read_dir(&dir).expect("list scratch").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, ["plan.json"]);
}

#[test]
fn output_into_a_missing_directory_fails_cleanly() {
    let dir = scratch("output-missing-dir");
    let file = dir.join("nowhere").join("plan.json");
    let out = run(&[SEED, "--output", path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("convert: cannot write "), "{err}");
    assert!(!file.exists());
}

#[test]
fn missing_input_exits_2_with_one_line_and_no_output_file() {
    let dir = scratch("missing");
    let file = dir.join("out.json");
    let out = run(&["no-such-plan.txt", "--output", path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("convert: cannot read no-such-plan.txt: "), "{err}");
    assert!(!file.exists(), "no output file for a failed read");
    assert_eq!(fs::read_dir(&dir).expect("list scratch").count(), 0, "no temporary file either");
}

#[test]
fn invalid_utf8_exits_2_and_keeps_an_existing_output() {
    let dir = scratch("invalid-utf8");
    let input = dir.join("bad.txt");
    fs::write(&input, b"\xe4\xb8\x80\xff").expect("write bad input");
    let file = dir.join("out.json");
    fs::write(&file, "previous").expect("write old output");
    let out = run(&[path_str(&input), "--output", path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("offset 3"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert_eq!(fs::read_to_string(&file).expect("old output kept"), "previous");
}

#[test]
fn dash_reads_standard_input() {
    let seed = fs::read(Path::new(MANIFEST_DIR).join(SEED)).expect("read the seed plan");
    let out = run_with_stdin(&["-", "--format", "tasks-csv"], &seed);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, run(&[SEED, "--format", "tasks-csv"]).stdout);

    let bad = run_with_stdin(&["-"], b"\xe4\xb8\x80\xff");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("convert: <stdin>: "), "{}", stderr(&bad));
}

#[test]
fn help_prints_usage_to_stdout() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).starts_with("usage: convert INPUT"), "{}", stdout(&out));
        assert!(out.stderr.is_empty());
    }
}

#[test]
fn bad_arguments_print_usage_to_stderr_and_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &[SEED, SEED],
        &[SEED, "--format"],
        &[SEED, "--format", "xml"],
        &[SEED, "--format", "csv", "--format", "json"],
        &[SEED, "--output"],
        &[SEED, "--output="],
        &[SEED, "--check=yes"],
        &[SEED, "--verbose"],
        &[SEED, "-x"],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("convert: "), "{args:?}: {err}");
        assert!(err.contains("usage: convert INPUT"), "{args:?}: {err}");
    }
}

#[test]
fn double_dash_ends_the_options() {
    let dir = scratch("double-dash");
    fs::copy(Path::new(MANIFEST_DIR).join(SEED), dir.join("-plan.txt")).expect("copy the seed plan");
    let out = Command::new(binary())
        .args(["--format", "tasks-csv", "--", "-plan.txt"])
        .current_dir(&dir)
        .output()
        .expect("run convert");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(csv_rows(&out.stdout).1.len(), 27);
}
