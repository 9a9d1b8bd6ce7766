//! Every view and every export lists tasks in the order of the text, on
//! every plan the project has: the seed, the fixtures, both dev corpora and
//! the shared corpus. A section that holds tasks of its own and
//! sub-sections must not have its own tasks listed first.

mod common;

use std::path::{Path, PathBuf};

use fengong::export::{csv as fcsv, json};

fn all_plans() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut plans = Vec::new();
    common::plans_under(&root.join("fixtures"), &mut plans);
    common::plans_under(&root.join("../shared/corpus/docs"), &mut plans);
    plans.sort();
    assert!(plans.len() > 60, "the fixtures are there: {} plans", plans.len());
    plans
}

/// Fails unless `lines` never go down, naming the plan and the export.
#[track_caller]
fn in_text_order(lines: &[usize], plan: &Path, what: &str) -> Result<(), String> {
    match lines.windows(2).position(|w| w[0] > w[1]) {
        Some(k) => Err(format!("{}: {what}: line {} before line {}", plan.display(), lines[k], lines[k + 1])),
        None => Ok(()),
    }
}

/// The column `name` of a CSV as numbers.
fn column(csv: &[u8], name: &str) -> Vec<usize> {
    let mut reader = csv::Reader::from_reader(csv.strip_prefix(fcsv::BOM).unwrap_or(csv));
    let at = reader.headers().expect("a header").iter().position(|h| h == name).expect("the column");
    reader.records().map(|r| r.expect("a record")[at].parse().expect("a line number")).collect()
}

fn csv_of(write: impl Fn(&mut Vec<u8>) -> csv::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    write(&mut out).expect("the CSV is written");
    out
}

fn check(path: &Path) -> Result<usize, String> {
    let bytes = std::fs::read(path).expect("read the plan");
    let plan = fengong::parse_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let en = fcsv::CsvOptions::default().with_lang(fcsv::Lang::English);

    let tasks: Vec<usize> = plan.tasks().map(|t| t.task.line).collect();
    in_text_order(&tasks, path, "Plan::tasks()")?;
    // Strictly by where each starts (a plan on one line has every task on
    // line 1): a task listed twice would show as an equal pair.
    let starts: Vec<usize> = plan.tasks().map(|t| t.task.span.start).collect();
    if let Some(w) = starts.windows(2).find(|w| w[0] >= w[1]) {
        return Err(format!("{}: Plan::tasks(): byte {} then byte {}", path.display(), w[0], w[1]));
    }
    for (unit, list) in plan.by_unit() {
        let lines: Vec<usize> = list.iter().map(|t| t.task.task.line).collect();
        in_text_order(&lines, path, &format!("Plan::by_unit()[{unit}]"))?;
    }

    let rows = csv_of(|out| fcsv::write_rows(&plan, None, en, out));
    in_text_order(&column(&rows, "task_line"), path, "csv rows")?;
    let listed = csv_of(|out| fcsv::write_tasks(&plan, en, out));
    assert_eq!(column(&listed, "line"), tasks, "{}: tasks-csv lists every task", path.display());
    let by_unit = csv_of(|out| fcsv::write_by_unit(&plan, en, out));
    let mut reader = csv::Reader::from_reader(&by_unit[fcsv::BOM.len()..]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    for group in records.chunk_by(|a, b| a[0] == b[0]) {
        // Within a unit, task numbers follow the plan's tasks in order.
        let numbers: Vec<&str> = group.iter().map(|r| &r[3]).collect();
        let expected: Vec<String> =
            plan.by_unit()[&group[0][0]].iter().map(|t| t.task.task.number.to_string()).collect();
        assert_eq!(numbers, expected, "{}: units-csv of {}", path.display(), &group[0][0]);
    }

    let mut out = Vec::new();
    json::write_rows(&plan, None, &mut out).expect("the JSON rows");
    let lines: Vec<usize> = String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["task_line"].as_u64().expect("a line") as usize
        })
        .collect();
    in_text_order(&lines, path, "JSON rows")?;

    // The matrix's columns are the tasks in order: its labels follow them.
    assert_eq!(fcsv::task_labels(&plan).len(), tasks.len());
    Ok(tasks.len())
}

#[test]
fn every_export_of_every_plan_lists_tasks_in_text_order() {
    let mut failures = Vec::new();
    let mut tasks = 0;
    let plans = all_plans();
    for path in &plans {
        match check(path) {
            Ok(n) => tasks += n,
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{} plans out of order:\n{}", failures.len(), failures.join("\n"));
    assert!(tasks > 900, "{tasks} tasks over {} plans", plans.len());
}

/// The plan the issue was found on: section 一 holds task 2 after its
/// sub-section (1.)'s items, and the clerk's 序号 must not restart.
#[test]
fn a_sections_own_task_after_its_sub_sections_keeps_its_place() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dev-corpus/docs/b09-zhuzhou-yigai-2023.txt");
    let text = std::fs::read_to_string(path).expect("read b09");
    let plan = fengong::parse(&text);
    let lines: Vec<usize> = plan.tasks().map(|t| t.task.line).take(6).collect();
    assert!(lines.is_sorted(), "{lines:?}");
    let first: Vec<(String, u32)> = plan.tasks().take(4).map(|t| (t.section_titles(), t.task.number)).collect();
    assert_eq!(first[3], ("促进优质医疗资源扩容和区域均衡布局".to_string(), 2), "{first:?}");
}

#[cfg(feature = "xlsx")]
#[test]
fn the_workbook_lists_tasks_in_text_order() {
    use calamine::{Data, Reader, Xlsx};

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dev-corpus/docs/b09-zhuzhou-yigai-2023.txt");
    let text = std::fs::read_to_string(path).expect("read b09");
    let plan = fengong::parse(&text);
    let bytes = fengong::export::xlsx::write_buffer(&plan).expect("a workbook");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("read the workbook back");
    let sheet = book.worksheet_range("任务分工").expect("the task sheet");
    let header = sheet.rows().position(|r| r.iter().any(|c| c == &Data::String("原文行号".into()))).expect("a header");
    let at = sheet.rows().nth(header).expect("header").iter().position(|c| c == &Data::String("原文行号".into()));
    let lines: Vec<f64> = sheet
        .rows()
        .skip(header + 1)
        .filter_map(|r| match r.get(at.expect("the line column")) {
            Some(Data::Float(f)) => Some(*f),
            _ => None,
        })
        .collect();
    assert_eq!(lines.len(), plan.tasks().count());
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}
