//! Runs the `convert` example on folders of plans, and on what a ledger or
//! a workbook cannot hold: one output per plan, sorted, summaries, partial
//! failures, exit codes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::cli::*;

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
