//! Runs the `convert` example as a user would: a built binary, real files,
//! folders, standard input, exit codes and the bytes it writes. The binary
//! is built with the `xlsx` feature when the tests are (`cargo test
//! --all-features`), without it otherwise.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const SEED: &str = "fixtures/heyuan-2020.txt";
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn binary() -> &'static Path {
    common::converter()
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
    csv_rows_without_bom(&bytes[BOM.len()..])
}

/// Header and data rows of a CSV, read with the csv crate.
fn csv_rows_without_bom(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().expect("CSV header").iter().map(str::to_string).collect();
    let rows = reader.records().collect::<Result<Vec<_>, _>>().expect("CSV rows");
    (header, rows)
}

/// Runs `convert SEED --format FORMAT` and gives the CSV it printed.
fn seed_csv(format: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let out = run(&[SEED, "--format", format]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    csv_rows(&out.stdout)
}

/// Copies fixtures (relative to the crate root) into `dir` under new names.
fn copy_fixtures(dir: &Path, files: &[(&str, &str)]) {
    for (from, to) in files {
        let to = dir.join(to);
        fs::create_dir_all(to.parent().expect("a parent")).expect("create the fixture's folder");
        fs::copy(Path::new(MANIFEST_DIR).join(from), &to).expect("copy a fixture");
    }
}

/// A folder of three plans, one in a subfolder: `a.txt`, `b.md`, `sub/c.txt`.
fn three_plans(test: &str) -> PathBuf {
    let dir = scratch(test).join("plans");
    copy_fixtures(
        &dir,
        &[(SEED, "a.txt"), ("fixtures/err/he-typo.txt", "b.md"), ("fixtures/ok/labelled.txt", "sub/c.txt")],
    );
    dir
}

/// The JSON lines of `bytes`, each checked to be one compact line.
fn json_lines(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("JSON Lines are UTF-8");
    assert!(!text.starts_with('\u{feff}'), "no BOM");
    assert!(!text.contains('\r'), "lines end with \\n only");
    assert!(text.is_empty() || text.ends_with('\n'), "a final newline");
    text.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
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
fn csv_has_80_rows_a_bom_and_crlf() {
    let out = run(&[SEED, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (_, rows) = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 80, "one row per (task, unit) of the seed plan");
    assert!(out.stdout.ends_with(b"\r\n"), "records end with CRLF");
    let lone_lf = out.stdout.windows(2).filter(|w| w[1] == b'\n' && w[0] != b'\r').count();
    assert_eq!(lone_lf, 0, "no record ends with a bare LF");
    assert_eq!(out.stdout.windows(2).filter(|w| w == b"\r\n").count(), 81, "header and 80 records");
}

#[test]
fn no_bom_drops_the_bom_and_keeps_crlf() {
    for format in ["csv", "tasks-csv", "units-csv", "matrix-csv"] {
        let with = run(&[SEED, "--format", format]);
        let without = run(&[SEED, "--format", format, "--no-bom"]);
        assert_eq!(without.status.code(), Some(0), "{format}: {}", stderr(&without));
        assert!(with.stdout.starts_with(BOM), "{format}");
        assert!(!without.stdout.starts_with(BOM), "{format}");
        assert_eq!(without.stdout, with.stdout[BOM.len()..], "{format}: only the BOM differs");
        assert!(without.stdout.ends_with(b"\r\n"), "{format}");
    }
    // JSON never has a BOM: the flag changes nothing.
    assert_eq!(run(&[SEED, "--no-bom"]).stdout, run(&[SEED]).stdout);
}

#[test]
fn csv_has_one_row_per_task_and_unit() {
    let out = run(&[SEED, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (header, rows) = csv_rows(&out.stdout);
    assert_eq!(
        header,
        [
            "source",
            "plan_title",
            "section_numbers",
            "section_titles",
            "task_number",
            "task_text",
            "role",
            "unit",
            "unit_raw",
            "line",
            "task_line",
            "deadline"
        ]
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
        assert_eq!(&row[0], SEED, "the source on every row");
        assert_eq!(&row[1], "河源市贯彻落实2020年政务公开工作要点分工方案", "the plan's title on every row");
        assert!(["lead", "supporting", "responsible"].contains(&&row[6]), "role {:?}", &row[6]);
        assert!(!row[7].is_empty(), "unit name in {row:?}");
    }
}

#[test]
fn tasks_csv_has_one_row_per_task() {
    let out = run(&["--format=tasks-csv", SEED]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (header, rows) = csv_rows(&out.stdout);
    assert_eq!(header[..5], ["章节序号", "工作事项", "序号", "具体任务", "牵头单位"]);
    assert_eq!(rows.len(), 27);
    let english = run(&["--format=tasks-csv", SEED, "--headers", "en"]);
    let (header, english_rows) = csv_rows(&english.stdout);
    assert_eq!(header[..5], ["section_number", "section_title", "task_number", "task_text", "lead"]);
    assert_eq!(english_rows, rows, "only the header changes");
}

#[test]
fn units_csv_lists_the_city_office_as_lead_of_tasks_18_and_26() {
    let (header, rows) = seed_csv("units-csv");
    assert_eq!(header, ["单位", "角色", "工作事项", "序号", "具体任务", "完成时限"]);
    let leads: Vec<&str> = rows.iter().filter(|r| &r[0] == "市府办公室" && &r[1] == "牵头").map(|r| &r[3]).collect();
    assert_eq!(leads, ["18", "26"]);
    let english = run(&[SEED, "--format", "units-csv", "--headers=en"]);
    let (header, english_rows) = csv_rows(&english.stdout);
    assert_eq!(header, ["unit", "role", "section", "task_number", "task_text", "deadline"]);
    let leads: Vec<&str> =
        english_rows.iter().filter(|r| &r[0] == "市府办公室" && &r[1] == "lead").map(|r| &r[3]).collect();
    assert_eq!(leads, ["18", "26"]);
    let units: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(units.is_sorted(), "rows are sorted by unit");
    // Within a unit, plan order: task numbers never go down.
    for pair in rows.windows(2).filter(|p| p[0][0] == p[1][0]) {
        let (a, b): (u32, u32) = (pair[0][3].parse().expect("a number"), pair[1][3].parse().expect("a number"));
        assert!(a <= b, "{:?} then {:?}", pair[0], pair[1]);
    }
}

#[test]
fn matrix_csv_has_task_labels_and_role_cells() {
    let (header, rows) = seed_csv("matrix-csv");
    let labels: Vec<String> = (1..=27).map(|n| n.to_string()).collect();
    assert_eq!(header[0], "单位");
    assert_eq!(header[1..], labels[..], "one column per task, labelled by its number");
    let mut seen = std::collections::BTreeSet::new();
    for row in &rows {
        assert_eq!(row.len(), 28, "{row:?}");
        for cell in row.iter().skip(1) {
            assert!(["", "牵头", "配合", "负责"].contains(&cell), "cell {cell:?} in {row:?}");
            seen.insert(cell.to_string());
        }
    }
    assert!(seen.contains("牵头") && seen.contains("配合") && seen.contains("负责"), "{seen:?}");
    let office = rows.iter().find(|r| &r[0] == "市府办公室").expect("a row for 市府办公室");
    assert_eq!((&office[18], &office[26]), ("牵头", "牵头"));
}

#[test]
fn jsonl_is_one_line_with_the_source() {
    let out = run(&[SEED, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["source"], SEED);
    assert_eq!(json_tasks(&lines[0]).len(), 27);
    assert!(stdout(&out).starts_with("{\"source\":"), "source comes first");

    let piped = run_with_stdin(&["-", "--format", "jsonl"], &fs::read(Path::new(MANIFEST_DIR).join(SEED)).unwrap());
    let lines = json_lines(&piped.stdout);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].get("source").is_none(), "standard input has no source path");
}

#[test]
fn check_reports_diagnostics_and_fails_on_warnings() {
    let out = run(&[SEED, "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "--check without --output prints nothing to stdout");
    let err = stderr(&out);
    assert!(err.contains("warning[unclosed-bracket]: expected `）`"), "{err}");
    assert!(err.contains(&format!(" --> {SEED}:83:23\n")), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let source = lines.iter().position(|l| l.starts_with("83 | ")).expect("source line 83");
    assert_eq!(lines[source], "83 |     市府办公室牵头，各县（区）人民政府（管委会和市府直属各部门配合");
    // Column 23 is `和`, after a tab (shown as four spaces) and 21 double-width characters.
    let caret = lines[source + 1].find('^').expect("a caret under line 83");
    assert_eq!(caret, "83 | ".len() + 4 + 2 * 21, "{err}");
    assert!(lines[source + 1].ends_with("^^"), "two carets under one double-width character");
    assert!(err.contains("help: insert `）`"), "{err}");
    let summary = err.lines().last().expect("a summary line");
    assert!(summary.contains("warnings") && summary.contains("info"), "{summary}");
}

#[test]
fn check_prints_what_the_snapshot_shows() {
    let snap = fs::read_to_string(Path::new(MANIFEST_DIR).join("tests/snapshots/check_snapshots__heyuan-2020.snap"))
        .expect("the seed plan's snapshot");
    // An insta snapshot: a `---` header, then the contents.
    let body = snap.splitn(3, "---\n").nth(2).expect("a snapshot header");
    let out = run(&[SEED, "--check"]);
    assert_eq!(stderr(&out).trim_end(), body.trim_end());
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
    assert!(err.starts_with("warning[unclosed-bracket]: "), "{err}");
    assert!(err.contains(&format!(" --> <stdin>:3:{column}\n")), "{err}");
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
    let err = common::assert_one_line_failure(&run(&[SEED, "--output", path_str(&file)]));
    assert!(err.starts_with("convert: cannot write "), "{err}");
    assert!(!file.exists());
}

#[test]
fn missing_input_exits_2_with_one_line_and_no_output_file() {
    let dir = scratch("missing");
    let file = dir.join("out.json");
    let err = common::assert_one_line_failure(&run(&["no-such-plan.txt", "--output", path_str(&file)]));
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
    let err = common::assert_one_line_failure(&run(&[path_str(&input), "--output", path_str(&file)]));
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
        &[SEED, "--no-bom=yes"],
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

/// The files below `dir`, as sorted relative paths with `/`.
fn files_below(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).expect("list a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("below the root");
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The summary a folder of these plans ends with, counted by the library.
fn folder_summary(dir: &Path, plans: &[&str], failed: usize) -> String {
    let (mut tasks, mut warnings, mut empty) = (0, 0, 0);
    for plan in plans {
        let text = fs::read_to_string(dir.join(plan)).expect("read a plan");
        let plan = fengong::parse(&text);
        tasks += plan.tasks().count();
        empty += usize::from(plan.diagnostics.iter().any(|d| d.code == fengong::Code::NoTasks));
        warnings += plan.diagnostics.iter().filter(|d| d.severity == fengong::Severity::Warning).count();
    }
    let files = plans.len() + failed;
    format!("{files} files, {tasks} tasks, {empty} with no tasks, {warnings} warnings, {failed} failed")
}

const THREE: [&str; 3] = ["a.txt", "b.md", "sub/c.txt"];

#[test]
fn a_folder_of_three_plans_gives_three_json_lines_in_sorted_order() {
    let dir = three_plans("folder-jsonl");
    let out = run(&[path_str(&dir), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    let sources: Vec<&str> = lines.iter().map(|l| l["source"].as_str().expect("a source path")).collect();
    let expected: Vec<String> = THREE.iter().map(|f| path_str(&dir.join(f)).to_string()).collect();
    assert_eq!(sources, expected);
    assert_eq!(json_tasks(&lines[0]).len(), 27, "the seed plan");
    assert_eq!(stderr(&out), format!("{}\n", folder_summary(&dir, &THREE, 0)), "only the summary");

    let file = dir.parent().expect("a parent").join("all.jsonl");
    let to_file = run(&[path_str(&dir), "--format=jsonl", "--output", path_str(&file)]);
    assert_eq!(to_file.status.code(), Some(0), "{}", stderr(&to_file));
    assert!(to_file.stdout.is_empty());
    assert_eq!(fs::read(&file).expect("the JSON Lines file"), out.stdout);
}

#[test]
fn a_folder_with_an_undecodable_plan_converts_the_others_and_exits_1() {
    let dir = three_plans("folder-bad");
    let bad = dir.join("bad.txt");
    fs::write(&bad, b"\xe4\xb8\x80\xff\xff").expect("write an undecodable plan");
    let out = run(&[path_str(&dir), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let sources: Vec<String> =
        json_lines(&out.stdout).iter().map(|l| l["source"].as_str().expect("a source").to_string()).collect();
    let expected: Vec<String> = THREE.iter().map(|f| path_str(&dir.join(f)).to_string()).collect();
    assert_eq!(sources, expected, "the other plans, still in order");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with(&format!("convert: {}: ", path_str(&bad))), "{err}");
    assert!(lines[0].contains("not valid UTF-8"), "{err}");
    assert_eq!(lines[1], folder_summary(&dir, &THREE, 1));
}

#[test]
fn a_folder_to_csv_writes_one_file_per_plan_at_the_same_relative_path() {
    let dir = three_plans("folder-csv");
    fs::write(dir.join("readme.rst"), "not a plan").expect("write a file that is no plan");
    let out_dir = dir.parent().expect("a parent").join("out").join("nested");
    let out = run(&[path_str(&dir), "--format", "tasks-csv", "--output", path_str(&out_dir), "--no-bom"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(files_below(&out_dir), ["a.csv", "b.csv", "sub/c.csv"]);
    let seed = fs::read(out_dir.join("a.csv")).expect("the seed plan's CSV");
    assert!(!seed.starts_with(BOM), "--no-bom holds for every file");
    assert_eq!(csv_rows_without_bom(&seed).1.len(), 27);
    assert_eq!(stderr(&out), format!("{}\n", folder_summary(&dir, &THREE, 0)));
}

#[test]
fn a_folder_needs_output_unless_the_format_is_jsonl_rows_or_csv() {
    let dir = three_plans("folder-no-output");
    for format in ["json", "tasks-csv", "matrix-csv"] {
        let out = run(&[path_str(&dir), "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty(), "{format}");
        let err = stderr(&out);
        assert!(err.starts_with("convert: a folder INPUT needs `--output DIR`"), "{format}: {err}");
        assert!(err.contains("usage: convert INPUT"), "{format}: {err}");
    }
}

#[test]
fn check_on_a_folder_prints_the_diagnostics_of_every_plan() {
    let dir = three_plans("folder-check");
    let out = run(&[path_str(&dir), "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "--check without --output writes nothing");
    let err = stderr(&out);
    let seed = err.find(&format!(" --> {}:83:23\n", path_str(&dir.join("a.txt")))).expect("the seed's line 83");
    let he = err.find(&format!(" --> {}:", path_str(&dir.join("b.md")))).expect("b.md's diagnostics");
    assert!(seed < he, "plans in sorted order");
    assert!(err.contains("warning[he-typo]"), "{err}");
    assert_eq!(err.lines().last(), Some(folder_summary(&dir, &THREE, 0).as_str()));
    assert_eq!(files_below(&dir), THREE, "nothing written");
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_has_four_sheets_and_a_row_per_task() {
    use calamine::{Reader, Xlsx, open_workbook};

    let dir = scratch("xlsx");
    let file = dir.join("plan.xlsx");
    let out = run(&[SEED, "--format", "xlsx", "--output", path_str(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let mut book: Xlsx<_> = open_workbook(&file).expect("an Excel workbook");
    assert_eq!(book.sheet_names(), ["任务分工", "单位台账", "责任矩阵", "问题"]);
    let tasks = book.worksheet_range("任务分工").expect("the task sheet");
    assert_eq!(tasks.height(), 2 + 27, "the title, a header and 27 task rows");
    assert_eq!(files_below(&dir), ["plan.xlsx"], "no temporary file left");
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_needs_an_output_file() {
    let out = run(&[SEED, "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.starts_with("convert: format `xlsx` needs `--output`"), "{err}");
}

#[cfg(feature = "xlsx")]
#[test]
fn a_folder_to_xlsx_writes_a_workbook_per_plan() {
    let dir = three_plans("folder-xlsx");
    let out_dir = dir.parent().expect("a parent").join("books");
    let out = run(&[path_str(&dir), "--format", "xlsx", "--output", path_str(&out_dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(files_below(&out_dir), ["a.xlsx", "b.xlsx", "sub/c.xlsx"]);
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn xlsx_without_the_feature_fails_with_one_line() {
    let dir = scratch("xlsx-no-feature");
    let file = dir.join("plan.xlsx");
    let err = common::assert_one_line_failure(&run(&[SEED, "--format", "xlsx", "--output", path_str(&file)]));
    assert!(err.contains("needs the `xlsx` feature"), "{err}");
    assert!(!file.exists());
}

/// A plan whose one task is too long for an Excel cell: the workbook cannot be made.
#[cfg(feature = "xlsx")]
fn too_long_for_a_cell(dir: &Path, name: &str) -> PathBuf {
    let input = dir.join(name);
    fs::write(&input, format!("一、其他\n1.{}。\n市财政局\n", "做".repeat(40_000))).expect("write the long plan");
    input
}

#[cfg(feature = "xlsx")]
#[test]
fn a_workbook_that_cannot_be_made_keeps_the_old_output_and_leaves_no_temporary_file() {
    let dir = scratch("xlsx-too-long");
    let input = too_long_for_a_cell(&dir, "long.txt");
    let file = dir.join("out.xlsx");
    fs::write(&file, "previous").expect("write old output");
    let err =
        common::assert_one_line_failure(&run(&[path_str(&input), "--format", "xlsx", "--output", path_str(&file)]));
    assert!(err.starts_with("convert: cannot format the plan: "), "{err}");
    assert!(err.contains("text of task 1 (line 2)"), "{err}");
    assert_eq!(fs::read_to_string(&file).expect("old output kept"), "previous");
    let mut names: Vec<_> = fs::read_dir(&dir).expect("list scratch").map(|e| e.expect("entry").file_name()).collect();
    names.sort();
    assert_eq!(names, ["long.txt", "out.xlsx"], "no temporary file");
}

#[cfg(feature = "xlsx")]
#[test]
fn a_folder_plan_that_cannot_be_a_workbook_leaves_no_folder_behind() {
    let dir = three_plans("folder-xlsx-too-long");
    fs::create_dir_all(dir.join("deep")).expect("make a subfolder");
    too_long_for_a_cell(&dir.join("deep"), "long.txt");
    let target = dir.parent().expect("a parent").join("folder-xlsx-too-long-out");
    let _ = fs::remove_dir_all(&target);
    let out = run(&[path_str(&dir), "--format", "xlsx", "--output", path_str(&target)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("deep/long.txt: cannot format the plan: "), "{}", stderr(&out));
    assert_eq!(files_below(&target), ["a.xlsx", "b.xlsx", "sub/c.xlsx"]);
    assert!(!target.join("deep").exists(), "no empty folder for the plan that failed");
}

#[test]
fn a_folder_to_one_csv_file_writes_every_plans_rows_under_one_header() {
    let dir = three_plans("folder-one-csv");
    let file = dir.parent().expect("a parent").join("all.csv");
    let out = run(&[path_str(&dir), "--format", "csv", "--output", path_str(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(file.is_file(), "one file, not a folder named all.csv");
    let bytes = fs::read(&file).expect("the CSV");
    assert!(bytes.starts_with(BOM) && !bytes[BOM.len()..].starts_with(BOM), "one byte-order mark");
    let (header, rows) = csv_rows(&bytes);
    assert_eq!(header[..2], ["source", "plan_title"]);
    let sources: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[0]).collect();
    let expected: std::collections::BTreeSet<String> =
        THREE.iter().map(|f| path_str(&dir.join(f)).to_string()).collect();
    assert_eq!(sources, expected.iter().map(String::as_str).collect(), "every plan's rows, each with its source");
    assert!(!rows.iter().any(|r| &r[0] == "source"), "the header once");
    // The same rows as each plan converted alone, in sorted order of the paths.
    let alone: Vec<csv::StringRecord> =
        THREE.iter().flat_map(|f| csv_rows(&run(&[path_str(&dir.join(f)), "--format", "csv"]).stdout).1).collect();
    assert_eq!(rows, alone);

    // The same to standard output, and as JSON Lines of rows.
    let piped = run(&[path_str(&dir), "--format", "csv"]);
    assert_eq!(piped.stdout, bytes);
    let rows_file = dir.parent().expect("a parent").join("rows.jsonl");
    let out = run(&[path_str(&dir), "--format", "rows", "--output", path_str(&rows_file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&fs::read(&rows_file).expect("the rows"));
    assert_eq!(lines.len(), rows.len(), "a line per row of the CSV");
    for (line, row) in lines.iter().zip(&rows) {
        assert_eq!(line["source"].as_str(), Some(&row[0]));
        assert_eq!(line["unit"].as_str(), Some(&row[7]));
        assert_eq!(line["role"].as_str(), Some(&row[6]));
    }
}

#[test]
fn a_folder_to_an_existing_folder_or_a_path_ending_in_a_slash_writes_a_file_per_plan() {
    let dir = three_plans("folder-dir-output");
    let parent = dir.parent().expect("a parent");
    let existing = parent.join("existing.csv");
    fs::create_dir_all(&existing).expect("a folder named like a file");
    let slash = format!("{}/", path_str(&parent.join("slash.csv")));
    for target in [path_str(&existing).to_string(), slash.clone()] {
        let out = run(&[path_str(&dir), "--format", "csv", "--output", &target]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(files_below(Path::new(&target)), ["a.csv", "b.csv", "sub/c.csv"], "{target}");
    }
    let rows = run(&[path_str(&dir), "--format", "rows", "--output", &format!("{}/", path_str(&parent.join("rows")))]);
    assert_eq!(rows.status.code(), Some(0), "{}", stderr(&rows));
    assert_eq!(files_below(&parent.join("rows")), ["a.jsonl", "b.jsonl", "sub/c.jsonl"]);
}

#[test]
fn a_ledger_format_refuses_one_file_for_a_folder_and_makes_nothing() {
    let dir = three_plans("folder-ledger-file");
    let parent = dir.parent().expect("a parent");
    for (format, name, says) in [
        ("tasks-csv", "tasks.csv", "names a .csv file, but format tasks-csv of a folder writes a file per plan"),
        ("json", "plans.csv", "names a .csv file, but format json of a folder writes a file per plan"),
        ("xlsx", "ledger.xlsx", "format xlsx of a folder writes a file per plan"),
        ("rows", "rows.csv", "names a .csv file, but format rows of a folder writes one .jsonl file"),
        ("csv", "rows.jsonl", "names a .jsonl file, but format csv of a folder writes one .csv file"),
    ] {
        let file = parent.join(name);
        let out = run(&[path_str(&dir), "--format", format, "--output", path_str(&file)]);
        assert_eq!(out.status.code(), Some(2), "{format} {name}");
        let err = stderr(&out);
        assert!(err.contains(says), "{format} {name}: {err}");
        assert!(!file.exists(), "{format}: nothing named {name}");
    }
}

#[test]
fn headers_are_for_the_csv_formats_only() {
    for format in ["json", "jsonl", "rows", "xlsx"] {
        let out = run(&[SEED, "--format", format, "--headers", "zh", "--output", "/tmp/never-written"]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(stderr(&out).contains("option `--headers` sets the headers of the CSV formats"), "{format}");
    }
    let rows = run(&[SEED, "--format", "csv", "--headers", "zh"]);
    let (header, records) = csv_rows(&rows.stdout);
    assert_eq!(header[..3], ["来源", "方案标题", "章节序号"]);
    assert!(records.iter().all(|r| ["牵头", "配合", "负责"].contains(&&r[6])));
}

#[test]
fn a_notice_with_no_tasks_is_a_warning_and_fails_check() {
    let dir = scratch("no-tasks");
    let notice = dir.join("notice.txt");
    fs::write(
        &notice,
        "关于召开2024年工作会议的通知\n各有关单位：\n定于下周一上午九时在市政府三楼会议室召开会议，请准时参加。\n市政府办公室\n2024年5月6日\n",
    )
    .expect("write a notice");
    let numbered = dir.join("numbered.txt");
    fs::write(
        &numbered,
        "关于做好防汛工作的通知\n各县（区）人民政府：\n现就有关事项通知如下：\n一、高度重视防汛工作。各地要加强组织领导。\n二、加强值班值守。严格执行24小时值班制度。\n市人民政府办公室\n2024年6月1日\n",
    )
    .expect("write a notice with numbered paragraphs");
    let out = run(&[path_str(&numbered), "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning[no-tasks]: no tasks found: none of its 2 items names a responsible unit"),
        "{}",
        stderr(&out)
    );
    let out = run(&[path_str(&notice), "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("warning[no-tasks]: no tasks found"), "{err}");
    let empty = dir.join("empty.txt");
    fs::write(&empty, "").expect("write an empty file");
    let out = run(&[path_str(&empty), "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    // A folder's summary counts the plans with no tasks.
    let folder = three_plans("no-tasks-folder");
    fs::copy(&notice, folder.join("notice.txt")).expect("add the notice");
    let out = run(&[path_str(&folder), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stderr(&out);
    assert!(summary.contains(", 1 with no tasks, "), "{summary}");
    let mut plans = THREE.to_vec();
    plans.insert(2, "notice.txt");
    assert_eq!(summary, format!("{}\n", folder_summary(&folder, &plans, 0)));
}
