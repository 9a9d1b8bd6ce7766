//! The converter on files that are not text, as a clerk or a researcher
//! gives them: a saved page, a Word file, an RTF (through LibreOffice), a
//! PDF (through poppler's `pdftotext`), a folder of them mixed, and bytes
//! that are no document. `.ci/test` installs the two tools.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::cli::{json_tasks, run, scratch};
use serde_json::Value;

/// A small plan as a web page: a notice paragraph and a table.
const PAGE: &str = "<html><head><meta charset=\"utf-8\"><title>通知</title></head><body>\
    <p>关于印发政务公开工作分工的通知</p>\
    <table border=\"1\"><tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>配合单位</th></tr>\
    <tr><td>1</td><td>做好政府信息公开工作。</td><td>市政府办公室</td><td>市财政局</td></tr>\
    <tr><td>2</td><td>加强政策解读。</td><td>市发展改革委</td><td>市审计局</td></tr></table></body></html>";

/// The same plan as RTF (its Chinese as `\u` escapes), which LibreOffice
/// turns into a Word file.
fn rtf() -> String {
    let esc = |s: &str| s.encode_utf16().map(|u| format!("\\u{}?", u as i16)).collect::<String>();
    let mut out = String::from("{\\rtf1\\ansi\\deff0\n");
    for line in [
        "一、做好公开",
        "1.做好政府信息公开工作。",
        "市政府办公室牵头，市财政局配合。",
        "2.加强政策解读。",
        "市发展改革委牵头，市审计局配合。",
    ] {
        out.push_str(&format!("{{\\pard {}\\par}}\n", esc(line)));
    }
    out.push('}');
    out
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "convert failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn a_saved_page_converts_with_the_origin_of_each_unit() {
    let dir = scratch("page");
    let page = dir.join("plan.html");
    fs::write(&page, PAGE).unwrap();
    let plan = json(&run(&[page.to_str().unwrap()]));
    let tasks = json_tasks(&plan);
    assert_eq!(tasks.len(), 2, "{plan}");
    assert_eq!(tasks[0]["lead"][0]["name"], "市政府办公室");
    assert_eq!(tasks[1]["supporting"][0]["name"], "市审计局");
    assert_eq!(tasks[0]["lead"][0]["origin"], serde_json::json!({"table": 1, "row": 2, "column": 3}));
    assert_eq!(plan["document"]["kind"], "html");
}

#[test]
fn an_rtf_goes_through_libreoffice() {
    let dir = scratch("rtf");
    let file = dir.join("plan.rtf");
    fs::write(&file, rtf()).unwrap();
    let plan = json(&run(&[file.to_str().unwrap()]));
    let tasks = json_tasks(&plan);
    assert_eq!(tasks.len(), 2, "{plan}");
    assert_eq!(tasks[1]["lead"][0]["name"], "市发展改革委");
    assert_eq!(plan["document"]["kind"], "rtf");
    assert!(plan["document"]["tool"].as_str().unwrap().starts_with("soffice"));
}

#[test]
fn a_real_pdf_goes_through_pdftotext() {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real/chains/pb06-guobanfa-duchajili-2018.pdf.pdf");
    if !pdf.is_file() {
        eprintln!("skipped: {} is not here", pdf.display());
        return;
    }
    let plan = json(&run(&[pdf.to_str().unwrap()]));
    assert!(json_tasks(&plan).len() >= 20, "{}", json_tasks(&plan).len());
    assert_eq!(plan["document"]["kind"], "pdf");
    assert_eq!(plan["document"]["tool"], "pdftotext -bbox-layout");
    assert!(json_tasks(&plan)[0]["origin"]["page"].is_number(), "{}", json_tasks(&plan)[0]);
}

#[test]
fn a_pdf_that_pdftotext_rejects_is_one_line_and_exit_2() {
    let dir = scratch("bad-pdf");
    let file = dir.join("plan.pdf");
    fs::write(&file, b"%PDF-1.4\nthis is no PDF at all\n").unwrap();
    let line = common::assert_one_line_failure(&run(&[file.to_str().unwrap()]));
    assert!(line.contains("pdftotext"), "{line}");
}

#[test]
fn bytes_of_no_document_kind_are_not_a_plan_document() {
    let dir = scratch("png");
    let file = dir.join("plan.txt");
    fs::write(&file, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let line = common::assert_one_line_failure(&run(&[file.to_str().unwrap()]));
    assert!(line.contains("not a plan document"), "{line}");
}

#[test]
fn a_folder_of_mixed_files_converts_in_one_command() {
    let dir = scratch("mixed");
    let input = dir.join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("a.txt"), "一、其他\n1.做好公开。\n市财政局\n").unwrap();
    fs::write(input.join("b.html"), PAGE).unwrap();
    fs::write(input.join("sub/c.rtf"), rtf()).unwrap();
    fs::write(input.join("notes.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let out = run(&[input.to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let counts: Vec<usize> = lines.iter().map(|p| json_tasks(p).len()).collect();
    assert_eq!(counts, [1, 2, 2], "{lines:?}");
    assert!(lines[2]["source"].as_str().unwrap().ends_with("c.rtf"));
}

/// A workbook of three sheets, two of which hold a plan (two tasks and
/// one), the third a note.
#[cfg(feature = "xlsx")]
fn two_plan_workbook(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheets: [(&str, &[[&str; 3]]); 3] = [
        (
            "一季度",
            &[
                ["序号", "工作任务", "牵头单位"],
                ["1", "做好政务公开。", "市政府办公室"],
                ["2", "加强政策解读。", "市发展改革委"],
            ],
        ),
        ("二季度", &[["序号", "工作任务", "牵头单位"], ["1", "推进数据开放。", "市大数据局"]]),
        ("说明", &[["本表由市政府办公室汇总。", "", ""]]),
    ];
    for (name, rows) in sheets {
        let sheet = book.add_worksheet().set_name(name).expect("a sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *text).expect("a cell");
            }
        }
    }
    book.save(path).expect("save the workbook");
}

/// A workbook gives one plan per sheet that holds one wherever the output
/// holds several; a one-plan format to one file gives the sheet with the
/// most tasks and says so.
#[cfg(feature = "xlsx")]
#[test]
fn a_workbook_gives_a_plan_per_sheet_that_holds_one() {
    let dir = scratch("workbook-sheets");
    let book = dir.join("book.xlsx");
    two_plan_workbook(&book);
    let book_str = book.to_str().expect("UTF-8 path");

    let out = run(&[book_str, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let sources: Vec<&str> = lines.iter().map(|l| l["source"].as_str().unwrap_or("")).collect();
    assert_eq!(sources, [format!("{book_str}#一季度"), format!("{book_str}#二季度")]);
    assert_eq!(lines.iter().map(|l| json_tasks(l).len()).collect::<Vec<_>>(), [2, 1]);

    let out = run(&[book_str]);
    let plan = json(&out);
    assert_eq!(json_tasks(&plan).len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 sheets hold plans; converting 一季度"), "{err}");

    let each = dir.join("each");
    let out_dir = format!("{}/", each.display());
    let out = run(&[book_str, "--format", "tasks-csv", "--output", &out_dir]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files: Vec<String> =
        fs::read_dir(&each).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files, ["book.一季度.csv", "book.二季度.csv"]);

    // In a folder: a file per sheet, beside the others' files.
    let folder = dir.join("in");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(&book, folder.join("book.xlsx")).unwrap();
    let out_dir = dir.join("out");
    let out = run(&[folder.to_str().unwrap(), "--output", &format!("{}/", out_dir.display())]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out_dir.join("book.一季度.json").is_file() && out_dir.join("book.二季度.json").is_file());
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("1 file, 3 tasks"), "{summary}");
}
