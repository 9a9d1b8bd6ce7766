//! Runs the `convert` example on one plan as a user would: a built binary,
//! real files, standard input, exit codes and the bytes it writes, in each
//! format. The binary is built with the `xlsx` feature when the tests are
//! (`cargo test --all-features`), without it otherwise. A folder of plans:
//! `convert_folder.rs`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::cli::*;
use serde_json::Value;

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
