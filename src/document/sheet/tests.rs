//! Tests of the workbook reader: small workbooks made here, and the hostile
//! files of issue 12 (a cell at XFD1048576, a zip bomb, a Word file given
//! as a workbook, a truncated file).

use super::*;
use crate::Options;
use crate::document::archive::zip_of;

/// Options that read `bytes` as `kind`.
fn as_kind(kind: DocumentKind) -> Options {
    Options { kind: Some(kind), ..Options::default() }
}

/// An `.xlsx` written by hand whose one sheet holds `cells` (the XML of
/// its `<sheetData>`).
fn xlsx_by_hand(sheet_data: &str) -> Vec<u8> {
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let book_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let sheet = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    zip_of(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// An inline-string cell at `at`.
fn cell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn numbers_and_dates_read_as_people_write_them() {
    assert_eq!(number(1.0), "1");
    assert_eq!(number(2.5), "2.5");
    assert_eq!(number(-3.0), "-3");
    let d = calamine::ExcelDateTime::new(43190.0, calamine::ExcelDateTimeType::DateTime, false);
    assert_eq!(date(&d), "2018年3月31日");
}

#[test]
fn a_hand_written_sheet_reads_its_cells_at_their_places() {
    let rows = format!(
        "<row r=\"2\">{}{}{}</row><row r=\"3\">{}{}{}</row>",
        cell("A2", "序号"),
        cell("B2", "工作任务"),
        cell("C2", "牵头单位"),
        "<c r=\"A3\"><v>1</v></c>",
        cell("B3", "做好政务公开。"),
        cell("C3", "市财政局")
    );
    let plan = crate::parse_document(&xlsx_by_hand(&rows), &Options::default()).unwrap();
    let task = plan.tasks().next().unwrap().task;
    assert_eq!(task.lead[0].name, "市财政局");
    assert_eq!(plan.origin(task.lead[0].span).unwrap().to_string(), "Sheet1!C3");
    assert!(plan.source.as_ref().unwrap().text.starts_with("序号\t工作任务\t牵头单位\n1\t"));
}

#[test]
fn a_cell_at_the_last_slot_of_a_sheet_is_refused_not_allocated() {
    let rows =
        format!("<row r=\"1\">{}</row><row r=\"1048576\">{}</row>", cell("A1", "一、其他"), cell("XFD1048576", "x"));
    let file = xlsx_by_hand(&rows);
    assert!(file.len() < 5_000, "{}", file.len());
    let got = crate::parse_document(&file, &Options::default());
    assert!(matches!(got, Err(Error::Malformed { .. })), "{got:?}");
    // Its cell far out but within the caps: the box is capped instead.
    let rows = format!("<row r=\"1\">{}</row><row r=\"99999\">{}</row>", cell("A1", "一、其他"), cell("ALK99999", "x"));
    let plan = crate::parse_document(&xlsx_by_hand(&rows), &Options::default());
    assert!(plan.is_ok());
}

#[test]
fn a_zip_bomb_is_refused_before_calamine_opens_it() {
    let zeros = vec![b' '; 64 << 20];
    let bomb = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/sharedStrings.xml", &zeros)]);
    assert!(bomb.len() < 1 << 20);
    assert!(matches!(read(&bomb, DocumentKind::Xlsx, 1 << 30), Err(Error::Malformed { .. })));
}

#[test]
fn a_word_file_given_as_a_workbook_is_malformed() {
    let docx = zip_of(&[("word/document.xml", b"<w:document/>"), ("[Content_Types].xml", b"<Types/>")]);
    let got = crate::parse_document(&docx, &as_kind(DocumentKind::Xlsx));
    assert!(matches!(got, Err(Error::Malformed { .. })), "{got:?}");
    let got = crate::parse_document(&docx, &as_kind(DocumentKind::Ods));
    assert!(matches!(got, Err(Error::Malformed { .. })), "{got:?}");
}

#[test]
fn a_truncated_workbook_is_an_error() {
    let rows = format!("<row r=\"1\">{}</row>", cell("A1", "一、其他"));
    let file = xlsx_by_hand(&rows);
    for cut in [4, 30, file.len() / 2, file.len() - 10] {
        let got = read(&file[..cut], DocumentKind::Xlsx, 1 << 20);
        assert!(got.is_err(), "cut at {cut}");
    }
}

#[test]
fn an_xls_that_is_not_a_compound_file_is_malformed() {
    let mut fake = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    fake.extend(std::iter::repeat_n(0xFFu8, 600));
    assert!(matches!(read(&fake, DocumentKind::Xls, 1 << 20), Err(Error::Malformed { .. })));
    assert!(matches!(read(b"junk", DocumentKind::Xls, 1 << 20), Err(Error::Malformed { .. })));
}

#[test]
fn a_dimensions_record_past_the_cap_is_refused() {
    // rows 0..0xFFFFFFFF claimed (the 14-byte form), 256 columns.
    let mut d = Vec::new();
    d.extend(0u32.to_le_bytes());
    d.extend(u32::MAX.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(256u16.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    assert!(precheck::check_dimensions(&d).is_err());
}

#[cfg(feature = "xlsx")]
mod written {
    use rust_xlsxwriter::{Format, Workbook};

    use super::*;

    /// A workbook of a plan sheet (a title merged across, a header, two
    /// tasks whose units cell is merged over both, a cell of two lines) and
    /// a notes sheet.
    fn plan_book() -> Vec<u8> {
        let mut book = Workbook::new();
        let f = Format::new();
        let plan = book.add_worksheet();
        plan.set_name("分工").unwrap();
        plan.merge_range(0, 0, 0, 2, "重点工作任务分工表", &f).unwrap();
        for (c, h) in ["序号", "工作任务", "责任单位"].iter().enumerate() {
            plan.write_string(1, c as u16, *h).unwrap();
        }
        plan.write_number(2, 0, 1.0).unwrap();
        plan.write_string(2, 1, "做好政务公开。").unwrap();
        plan.merge_range(2, 2, 3, 2, "市财政局\n市税务局", &f).unwrap();
        plan.write_number(3, 0, 2.0).unwrap();
        plan.write_string(3, 1, "做好信息发布。").unwrap();
        let notes = book.add_worksheet();
        notes.set_name("说明").unwrap();
        notes.write_string(0, 0, "本表由办公室整理。").unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_plan_sheet_reads_its_merged_units_for_both_tasks() {
        let plan = crate::parse_document(&plan_book(), &Options::default()).unwrap();
        let tasks: Vec<_> = plan.tasks().map(|t| t.task).collect();
        assert_eq!(tasks.len(), 2, "{}", plan.source.as_ref().unwrap().text);
        for t in &tasks {
            let names: Vec<&str> = t.responsible.iter().chain(&t.lead).map(|u| &*u.name).collect();
            assert_eq!(names, ["市财政局", "市税务局"], "{t:?}");
        }
        let unit = tasks[0].responsible.iter().chain(&tasks[0].lead).next().unwrap();
        assert_eq!(plan.origin(unit.span).unwrap().to_string(), "分工!C3");
        let text = &plan.source.as_ref().unwrap().text;
        assert!(text.starts_with("重点工作任务分工表\n序号\t"), "{text}");
        assert!(text.contains("1\t做好政务公开。\t市财政局\n市税务局\n"), "{text}");
    }

    #[test]
    fn a_workbook_gives_the_sheets_that_hold_a_plan() {
        let book = plan_book();
        let sheets = read(&book, DocumentKind::Xlsx, 1 << 20).unwrap();
        assert_eq!(sheets.len(), 2);
        assert!(sheets[1].text.contains("本表由办公室整理。"));
        let plans = crate::parse_document_plans(&book, &Options::default()).unwrap();
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].tasks().count(), 2);
    }
}

/// An `.ods` written by hand: one sheet, its `content.xml` rows as given.
fn ods_by_hand(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="分工"><table:table-column table:number-columns-repeated="3"/>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
    ])
}

#[test]
fn an_ods_cell_merged_down_two_rows_gives_both_rows_its_units() {
    let c =
        |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    let rows = [
        format!("<table:table-row>{}{}{}</table:table-row>", c("序号"), c("工作任务"), c("牵头单位")),
        format!(
            r#"<table:table-row>{}{}<table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>市财政局</text:p></table:table-cell></table:table-row>"#,
            c("1"),
            c("做好政务公开。")
        ),
        format!("<table:table-row>{}{}<table:covered-table-cell/></table:table-row>", c("2"), c("加强政策解读。")),
    ]
    .concat();
    let file = ods_by_hand(&rows);
    assert_eq!(DocumentKind::sniff(&file), DocumentKind::Ods);
    let plan = crate::parse_document(&file, &Options::default()).unwrap();
    let leads: Vec<Vec<String>> =
        plan.tasks().map(|t| t.task.lead.iter().map(|u| u.name.to_string()).collect()).collect();
    assert_eq!(leads, [["市财政局"], ["市财政局"]]);
    let merges = precheck::ods(&file).unwrap();
    assert_eq!(merges[0].0, "分工");
    assert_eq!((merges[0].1[0].start, merges[0].1[0].end), ((1, 2), (2, 2)));
}
