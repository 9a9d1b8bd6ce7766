//! The workbook read back with calamine: four sheets, the plan's title over
//! the header, a row per task, the ledger per unit, the matrix, the
//! diagnostics in Chinese. What calamine cannot see (autofilters, print
//! set-up, merged cells, frozen panes) is read from the workbook's XML.
#![cfg(feature = "xlsx")]

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

fn seed() -> fengong::Plan<'static> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/heyuan-2020.txt")).unwrap();
    fengong::parse(&text).into_owned()
}

fn cell(range: &calamine::Range<Data>, r: usize, c: usize) -> String {
    range.get((r, c)).map(|d| d.to_string()).unwrap_or_default()
}

fn row(range: &calamine::Range<Data>, r: usize) -> Vec<String> {
    (0..range.width()).map(|c| cell(range, r, c)).collect()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).unwrap()
}

/// One part of the workbook's zip, as text: `xl/workbook.xml`,
/// `xl/worksheets/sheet1.xml`.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

const TASK_HEADER: [&str; 11] = [
    "序号",
    "工作事项",
    "具体任务",
    "牵头单位",
    "配合单位",
    "责任单位",
    "责任领导",
    "完成时限",
    "进展情况",
    "备注",
    "原文行号",
];
const LEDGER_HEADER: [&str; 8] = ["单位", "角色", "牵头单位", "工作事项", "序号", "具体任务", "完成时限", "进展情况"];

#[test]
fn seed_workbook_has_four_sheets_and_a_row_per_task() {
    let plan = seed();
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), ["任务分工", "单位台账", "责任矩阵", "问题"]);

    let tasks = book.worksheet_range("任务分工").unwrap();
    assert_eq!(tasks.height(), 29, "title, header and 27 tasks");
    assert_eq!(row(&tasks, 1), TASK_HEADER);
    // Task 18: the repaired bracket, the lead and the line it stands on.
    let r = (2..29).find(|&r| cell(&tasks, r, 0) == "18").expect("task 18");
    assert_eq!(cell(&tasks, r, 3), "市府办公室");
    assert_eq!(cell(&tasks, r, 4), "各县（区）人民政府（管委会）、市府直属各部门");
    assert_eq!(cell(&tasks, r, 8), "");
    assert_eq!(cell(&tasks, r, 9), "");
    assert_eq!(cell(&tasks, r, 10), "82");

    let ledger = book.worksheet_range("单位台账").unwrap();
    assert_eq!(row(&ledger, 1), LEDGER_HEADER);
    let leads: Vec<String> = (2..ledger.height())
        .filter(|&r| cell(&ledger, r, 0) == "市府办公室" && cell(&ledger, r, 1) == "牵头")
        .map(|r| cell(&ledger, r, 4))
        .collect();
    assert_eq!(leads, ["18", "26"]);

    let matrix = book.worksheet_range("责任矩阵").unwrap();
    assert_eq!(matrix.width(), 28, "unit column and 27 tasks");
    assert_eq!(cell(&matrix, 1, 0), "单位");
    let r = (2..matrix.height()).find(|&r| cell(&matrix, r, 0) == "市应急管理局").expect("a row for 市应急管理局");
    assert_eq!(cell(&matrix, r, 10), "牵头");

    let problems = book.worksheet_range("问题").unwrap();
    let lines: Vec<String> = (1..problems.height()).map(|r| cell(&problems, r, 0)).collect();
    assert!(lines.contains(&"83".to_string()) && lines.contains(&"91".to_string()), "{lines:?}");
}

#[test]
fn the_plans_title_heads_the_task_ledger_and_matrix_sheets_above_the_header() {
    let plan = seed();
    assert_eq!(plan.title, "河源市贯彻落实2020年政务公开工作要点分工方案");
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let mut book = open(&bytes);
    for (name, first) in [("任务分工", "序号"), ("单位台账", "单位"), ("责任矩阵", "单位")] {
        let sheet = book.worksheet_range(name).unwrap();
        assert_eq!(cell(&sheet, 0, 0), plan.title, "{name}");
        assert_eq!(cell(&sheet, 1, 0), first, "{name}: the header under the title");
    }
    let problems = book.worksheet_range("问题").unwrap();
    assert_eq!(cell(&problems, 0, 0), "行", "no title over the problems");

    // Merged across the columns, frozen under the header.
    let tasks = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(tasks.contains(r#"<mergeCell ref="A1:K1"/>"#), "{tasks}");
    assert!(tasks.contains(r#"<pane ySplit="2" topLeftCell="A3""#), "{tasks}");
    let ledger = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(ledger.contains(r#"<mergeCell ref="A1:H1"/>"#), "{ledger}");
    assert!(ledger.contains(r#"<pane ySplit="2" topLeftCell="A3""#), "{ledger}");
    let matrix = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(matrix.contains(r#"<pane xSplit="1" ySplit="2" topLeftCell="B3""#), "{matrix}");
    // The title is bold and larger than the body's 11 points.
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<font><b/><sz val="16"/>"#), "{styles}");
}

#[test]
fn a_plan_without_a_title_has_its_header_in_the_first_row() {
    let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
    assert_eq!(plan.title, "");
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let mut book = open(&bytes);
    let tasks = book.worksheet_range("任务分工").unwrap();
    assert_eq!(tasks.height(), 2, "header and one task");
    assert_eq!(row(&tasks, 0), TASK_HEADER);
    let ledger = book.worksheet_range("单位台账").unwrap();
    assert_eq!(row(&ledger, 0), LEDGER_HEADER);
    for n in [1, 2] {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(!xml.contains("<mergeCells"), "sheet{n}: {xml}");
        assert!(xml.contains(r#"<pane ySplit="1" topLeftCell="A2""#), "sheet{n}: {xml}");
    }
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"localSheetId="0">任务分工!$1:$1</definedName>"#), "{workbook}");
    assert!(workbook.contains(r#"localSheetId="0" hidden="1">任务分工!$A$1:$K$2</definedName>"#), "{workbook}");
}

#[test]
fn a_tasks_notes_go_in_the_remark_column_joined() {
    let plan = seed();
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let tasks = open(&bytes).worksheet_range("任务分工").unwrap();
    let r = (2..tasks.height()).find(|&r| cell(&tasks, r, 0) == "2").expect("task 2");
    assert_eq!(cell(&tasks, r, 3), "各县（区）人民政府（管委会）");
    assert_eq!(cell(&tasks, r, 9), "目录范围应当涵盖各镇人民政府、街道办事处");

    let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局牵头，目录范围应当涵盖各镇，每季度报送一次\n");
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let tasks = open(&bytes).worksheet_range("任务分工").unwrap();
    assert_eq!(cell(&tasks, 1, 9), "目录范围应当涵盖各镇；每季度报送一次");
    assert_eq!(cell(&tasks, 1, 10), "2", "原文行号 after 备注");
}

#[test]
fn a_supporting_units_ledger_row_names_the_tasks_leads() {
    let plan = seed();
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let ledger = open(&bytes).worksheet_range("单位台账").unwrap();
    let find = |unit: &str, number: &str| {
        (2..ledger.height())
            .find(|&r| cell(&ledger, r, 0) == unit && cell(&ledger, r, 4) == number)
            .unwrap_or_else(|| panic!("a row for {unit} in task {number}"))
    };
    let r = find("市府直属各部门", "18");
    assert_eq!((cell(&ledger, r, 1), cell(&ledger, r, 2)), ("配合".into(), "市府办公室".into()));
    let r = find("市府办公室", "18");
    assert_eq!((cell(&ledger, r, 1), cell(&ledger, r, 2)), ("牵头".into(), String::new()));
    let r = find("市府直属各部门", "1");
    assert_eq!((cell(&ledger, r, 1), cell(&ledger, r, 2)), ("负责".into(), String::new()));
    // Task 3 has eighteen leads: all of them, joined by 、.
    let r = find("市水务局", "3");
    assert_eq!(cell(&ledger, r, 1), "配合");
    let leads = cell(&ledger, r, 2);
    assert!(leads.starts_with("市发展改革局、市教育局、") && leads.ends_with("、市税务局"), "{leads}");
    assert_eq!(leads.split('、').count(), 18, "{leads}");
}

#[test]
fn the_problems_sheet_speaks_chinese() {
    let plan = seed();
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let problems = open(&bytes).worksheet_range("问题").unwrap();
    assert_eq!(row(&problems, 0), ["行", "列", "级别", "问题类型", "说明", "建议修改"]);
    let r = (1..problems.height()).find(|&r| cell(&problems, r, 0) == "83").expect("the bracket on line 83");
    assert_eq!(cell(&problems, r, 2), "警告");
    assert_eq!(cell(&problems, r, 3), "括号未闭合（unclosed-bracket）");
    assert_eq!(cell(&problems, r, 4), "expected `）` to close `（` at line 83, column 19 before `和`");
    let r = (1..problems.height()).find(|&r| cell(&problems, r, 0) == "14").expect("the note on line 14");
    assert_eq!(cell(&problems, r, 2), "提示");
    assert_eq!(cell(&problems, r, 3), "单位栏中的说明（units-note）");
}

#[test]
fn the_ledger_sheets_filter_their_header_and_print_landscape_on_a4_one_page_wide() {
    let plan = seed();
    let bytes = fengong::export::xlsx::write_buffer(&plan).unwrap();
    let workbook = part(&bytes, "xl/workbook.xml");
    // Autofilters from the header over every row; the header row alone
    // repeated on each printed page.
    for name in [
        r#"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">任务分工!$A$2:$K$29</definedName>"#,
        r#"<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">单位台账!$A$2:$H$82</definedName>"#,
        r#"<definedName name="_xlnm._FilterDatabase" localSheetId="3" hidden="1">问题!$A$1:$F$4</definedName>"#,
        r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">任务分工!$2:$2</definedName>"#,
        r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">单位台账!$2:$2</definedName>"#,
        r#"<definedName name="_xlnm.Print_Titles" localSheetId="3">问题!$1:$1</definedName>"#,
    ] {
        assert!(workbook.contains(name), "{name} in {workbook}");
    }
    for (n, filter) in [(1, "A2:K29"), (2, "A2:H82"), (4, "A1:F4")] {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(xml.contains(&format!(r#"<autoFilter ref="{filter}"/>"#)), "sheet{n}: {xml}");
        // One page wide (fitToWidth's default of 1), as many pages tall as it takes.
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "sheet{n}: {xml}");
        assert!(xml.contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#), "sheet{n}: {xml}");
        assert!(!xml.contains("fitToWidth"), "sheet{n}: {xml}");
    }
    let matrix = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(!matrix.contains("<autoFilter") && !matrix.contains("<pageSetup"), "{matrix}");
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

#[test]
fn a_title_longer_than_a_cell_holds_fails_saying_where() {
    let mut plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
    plan.title = "做".repeat(40_000).into();
    let err = fengong::export::xlsx::write_buffer(&plan).expect_err("over 32,767 characters").to_string();
    assert!(err.contains("sheet 任务分工, row 1: the plan's title is 40000 characters long"), "{err}");
}
