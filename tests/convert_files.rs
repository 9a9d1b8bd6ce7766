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
