//! The workbook read back with calamine: four sheets, a row per task, the
//! ledger per unit, the matrix, the diagnostics.
#![cfg(feature = "xlsx")]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

fn seed() -> fengong::Plan<'static> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/heyuan-2020.txt")).unwrap();
    fengong::parse(&text).into_owned()
}

fn cell(range: &calamine::Range<Data>, r: usize, c: usize) -> String {
    range.get((r, c)).map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn seed_workbook_has_four_sheets_and_a_row_per_task() {
    let plan = seed();
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["任务分工", "单位台账", "责任矩阵", "问题"]);

    let tasks = book.worksheet_range("任务分工").unwrap();
    assert_eq!(tasks.height(), 28, "header and 27 tasks");
    let header: Vec<String> = (0..10).map(|c| cell(&tasks, 0, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "工作事项",
            "具体任务",
            "牵头单位",
            "配合单位",
            "责任单位",
            "责任领导",
            "完成时限",
            "进展情况",
            "原文行号"
        ]
    );
    // Task 18: the repaired bracket, the lead and the line it stands on.
    let row = (1..28).find(|&r| cell(&tasks, r, 0) == "18").expect("task 18");
    assert_eq!(cell(&tasks, row, 3), "市府办公室");
    assert_eq!(cell(&tasks, row, 4), "各县（区）人民政府（管委会）、市府直属各部门");
    assert_eq!(cell(&tasks, row, 8), "");
    assert_eq!(cell(&tasks, row, 9), "82");

    let ledger = book.worksheet_range("单位台账").unwrap();
    let leads: Vec<String> = (1..ledger.height())
        .filter(|&r| cell(&ledger, r, 0) == "市府办公室" && cell(&ledger, r, 1) == "牵头")
        .map(|r| cell(&ledger, r, 3))
        .collect();
    assert_eq!(leads, ["18", "26"]);

    let matrix = book.worksheet_range("责任矩阵").unwrap();
    assert_eq!(matrix.width(), 28, "unit column and 27 tasks");
    let r = (1..matrix.height()).find(|&r| cell(&matrix, r, 0) == "市应急管理局").expect("a row for 市应急管理局");
    assert_eq!(cell(&matrix, r, 10), "牵头");

    let problems = book.worksheet_range("问题").unwrap();
    let lines: Vec<String> = (1..problems.height()).map(|r| cell(&problems, r, 0)).collect();
    assert!(lines.contains(&"83".to_string()) && lines.contains(&"91".to_string()), "{lines:?}");
}

/// The workbook of a plan of `n` tasks, each naming the same unit.
fn workbook_of_tasks(n: usize) -> Xlsx<Cursor<Vec<u8>>> {
    let mut text = String::from("一、其他\n");
    for k in 1..=n {
        text.push_str(&format!("{k}.做好公开。\n市财政局\n"));
    }
    let plan = fengong::parse(&text);
    let bytes = fengong::export::xlsx::write_buffer(&plan).expect("every sheet fits, or is a note");
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

#[test]
fn as_many_tasks_as_excel_has_columns_for_still_get_the_whole_matrix() {
    // 16,383 tasks and the units' column: Excel's 16,384 columns exactly.
    let mut book = workbook_of_tasks(16_383);
    let matrix = book.worksheet_range("责任矩阵").unwrap();
    assert_eq!((matrix.height(), matrix.width()), (2, 16_384));
    assert_eq!(cell(&matrix, 1, 16_383), "负责");
}

#[test]
fn more_tasks_than_excel_has_columns_leaves_a_note_in_the_matrix_and_writes_the_rest() {
    // 16,384 tasks: one more than the matrix has columns for beside the units.
    let mut book = workbook_of_tasks(16_384);
    let tasks = book.worksheet_range("任务分工").unwrap();
    assert_eq!(tasks.height(), 16_385, "header and every task");
    let matrix = book.worksheet_range("责任矩阵").unwrap();
    assert_eq!((matrix.height(), matrix.width()), (1, 1), "one cell");
    let note = cell(&matrix, 0, 0);
    assert!(note.contains("最多容纳 16383 个任务") && note.contains("本方案有 16384 个任务"), "{note}");
}

#[test]
fn a_text_longer_than_a_cell_holds_fails_saying_where() {
    let text = format!("一、其他\n1.{}。\n市财政局\n", "做".repeat(40_000));
    let plan = fengong::parse(&text);
    let err = fengong::export::xlsx::write_buffer(&plan).expect_err("over 32,767 characters").to_string();
    assert!(err.contains("任务分工") && err.contains("row 2") && err.contains("text of task 1 (line 2)"), "{err}");
    assert!(err.contains("40001 characters"), "{err}");
}
