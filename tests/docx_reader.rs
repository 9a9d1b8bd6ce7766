//! The Word reader through `parse_document`: Word files made here, part by
//! part, with the `zip` crate (automatic numbering, merged cells, layout
//! tables, tracked changes), and the hostile files of issue 12 (a zip bomb,
//! a workbook given as a Word file, a truncated zip, XML nested 100,000
//! deep, entities declared to be expanded).

use std::io::{Cursor, Write};

use fengong::{DocumentKind, Error, Options, Plan, parse_document};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip of `entries`, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A Word file whose body is `body`, with the list definitions below.
fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
    ])
}

/// List 1: `一、` / `（一）` / `1.`; list 2: `1` (a table's 序号 column),
/// as Word writes them.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

/// Heading 1 is numbered by its style (list 1, level 1).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"#;

/// A paragraph of `text`, in the style `style` and list `num` (id, level)
/// when given.
fn p(text: &str, style: Option<&str>, num: Option<(u32, u32)>) -> String {
    let style = style.map(|s| format!("<w:pStyle w:val=\"{s}\"/>")).unwrap_or_default();
    let num = num
        .map(|(id, l)| format!("<w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"{id}\"/></w:numPr>"))
        .unwrap_or_default();
    format!("<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A cell of paragraphs `paras`, with cell properties `props`.
fn tc(props: &str, paras: &[String]) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", paras.concat())
}

fn text(plan: &Plan<'_>) -> String {
    plan.source.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn read(bytes: &[u8]) -> Plan<'static> {
    assert_eq!(DocumentKind::sniff(bytes), DocumentKind::Docx);
    parse_document(bytes, &Options::default()).unwrap()
}

#[test]
fn automatic_numbering_reads_as_word_draws_it() {
    let body = [
        p("某区政务公开工作任务分工方案", None, None),
        p("重点任务", Some("Heading1"), None),
        p("做好政府信息公开。（区财政局牵头，区税务局配合）", None, Some((1, 2))),
        p("推进政务服务公开。（区政务服务中心负责）", None, Some((1, 2))),
        p("保障措施", Some("Heading1"), None),
        p("加强组织领导", None, Some((1, 1))),
        p("健全工作机制。（区政府办公室牵头）", None, Some((1, 2))),
    ]
    .concat();
    let plan = read(&docx(&body));
    let text = text(&plan);
    for line in [
        "一、重点任务",
        "1.做好政府信息公开。",
        "2.推进政务服务公开。",
        "二、保障措施",
        "（一）加强组织领导",
        "1.健全工作机制。",
    ] {
        assert!(text.lines().any(|l| l.starts_with(line)), "{line} in\n{text}");
    }
    let tasks: Vec<(String, u32, String)> = plan
        .tasks()
        .map(|t| (t.section_numbers(), t.task.number, t.task.lead.iter().map(|u| u.name.to_string()).collect()))
        .collect();
    assert_eq!(tasks.len(), 3, "{tasks:?}");
    assert_eq!(plan.sections.len(), 2);
    assert_eq!((plan.sections[0].number, &*plan.sections[0].title), (1, "重点任务"));
    assert_eq!(plan.sections[1].number, 2);
    assert_eq!((tasks[0].1, &*tasks[0].2), (1, "区财政局"));
    assert_eq!(tasks[1].1, 2);
    assert_eq!((tasks[2].1, &*tasks[2].2), (1, "区政府办公室"));
    // The labels are marked as drawn by the numbering, the text after them not.
    let section = &plan.sections[0];
    let origin = plan.origin(section.span).expect("an origin");
    assert!(origin.numbering, "{origin:?}");
    assert_eq!(origin.to_string(), "paragraph 2 (its list's numbering)");
    let first = plan.tasks().next().unwrap().task;
    let unit = plan.origin(first.lead[0].span).expect("an origin");
    assert!(!unit.numbering && unit.paragraph == Some(3), "{unit:?}");
    let mut json = Vec::new();
    fengong::export::json::write_compact(&plan, &mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(json.contains(r#""origin":{"paragraph":2,"numbering":true}"#), "{json}");
}

/// A table whose 序号 column is numbered by Word, its lead units merged
/// down two rows, its title row spread over every column.
fn plan_table() -> String {
    let head = ["序号", "工作任务", "牵头单位", "配合单位"].map(|h| tc("", &[p(h, None, None)])).concat();
    let row = |task: &str, lead: &str, merge: &str, support: &str| {
        [
            tc("", &[p("", None, Some((2, 0)))]),
            tc("", &[p(task, None, None)]),
            tc(merge, &[p(lead, None, None)]),
            tc("", &[p(support, None, None)]),
        ]
        .concat()
    };
    let rows = [
        format!("<w:tr>{}</w:tr>", tc("<w:gridSpan w:val=\"4\"/>", &[p("重点任务分工表", None, None)])),
        format!("<w:tr>{head}</w:tr>"),
        format!("<w:tr>{}</w:tr>", row("做好政府信息公开。", "区财政局", "<w:vMerge w:val=\"restart\"/>", "区税务局")),
        format!("<w:tr>{}</w:tr>", row("推进政务服务公开。", "", "<w:vMerge/>", "区审计局")),
        format!("<w:tr>{}</w:tr>", row("健全工作机制。", "区政府办公室", "", "")),
    ];
    format!("<w:tbl><w:tblGrid/>{}</w:tbl>", rows.concat())
}

fn check_plan_table(plan: &Plan<'_>) {
    let tasks: Vec<(u32, Vec<String>, Vec<String>)> = plan
        .tasks()
        .map(|t| {
            let names = |us: &[fengong::Unit<'_>]| us.iter().map(|u| u.name.to_string()).collect::<Vec<_>>();
            (t.task.number, names(&t.task.lead), names(&t.task.supporting))
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        tasks,
        vec![
            (1, s(&["区财政局"]), s(&["区税务局"])),
            (2, s(&["区财政局"]), s(&["区审计局"])),
            (3, s(&["区政府办公室"]), s(&[])),
        ],
        "{}",
        text(plan)
    );
}

#[test]
fn merged_cells_and_numbered_rows_read_as_a_grid() {
    let body = [p("某区政务公开工作任务分工方案", None, None), plan_table()].concat();
    let plan = read(&docx(&body));
    check_plan_table(&plan);
    let t = plan.tasks().nth(1).unwrap().task;
    assert_eq!(plan.origin(t.lead[0].span).unwrap().to_string(), "table 1, row 3, column 3");
}

#[test]
fn a_layout_table_around_the_plan_gives_the_inner_table() {
    let inner = plan_table();
    let title = tc("", &[p("某区政务公开工作任务分工方案", None, None)]);
    let layout = format!("<w:tbl><w:tr>{title}</w:tr><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>");
    check_plan_table(&read(&docx(&layout)));
}

#[test]
fn runs_breaks_content_controls_and_tracked_changes() {
    let body = format!(
        "<w:p><w:r><w:t>一、</w:t></w:r><w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t>其他</w:t></w:r>\
         </w:sdtContent></w:sdt></w:p>\
         <w:p><w:r><w:t>1.做好</w:t></w:r><w:ins w:id=\"1\"><w:r><w:t>政务</w:t></w:r></w:ins><w:del w:id=\"2\"><w:r><w:delText>删掉</w:delText>\
         </w:r></w:del><w:r><w:tab/><w:t>公开。</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>\
         <w:r><w:instrText>HYPERLINK \"x\"</w:instrText></w:r><w:r><w:br/><w:t>市财政局</w:t></w:r></w:p>\
         <w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        tc("", &[p("甲", None, None)]),
        "<w:tc><w:p><w:r><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p></w:tc>"
    );
    let plan = read(&docx(&body));
    assert_eq!(text(&plan), "一、其他\n1.做好政务 公开。\n市财政局\n甲\t乙\n丙\n");
}

#[test]
fn a_zip_bomb_is_refused() {
    let zeros = vec![b' '; 64 << 20];
    let bomb = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1 << 20);
    let got = parse_document(&bomb, &Options::default());
    assert!(matches!(got, Err(Error::Malformed { kind: DocumentKind::Docx, .. })), "{got:?}");
}

#[test]
fn a_workbook_given_as_a_word_file_is_malformed() {
    let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let xlsx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", b"<workbook><sheets><sheet name=\"a\" sheetId=\"1\"/></sheets></workbook>"),
    ]);
    assert_eq!(DocumentKind::sniff(&xlsx), DocumentKind::Xlsx);
    let got = parse_document(&xlsx, &Options::default().document_kind(DocumentKind::Docx));
    assert!(matches!(got, Err(Error::Malformed { kind: DocumentKind::Docx, .. })), "{got:?}");
    let bare = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    let got = parse_document(&bare, &Options::default().document_kind(DocumentKind::Docx));
    assert!(matches!(got, Err(Error::Malformed { .. })), "{got:?}");
}

#[test]
fn a_truncated_word_file_is_an_error() {
    let whole = docx(&p("一、其他", None, None));
    for cut in (0..whole.len()).step_by(97) {
        let got = parse_document(&whole[..cut], &Options::default().document_kind(DocumentKind::Docx));
        assert!(got.is_err(), "cut at {cut}");
    }
}

#[test]
fn xml_nested_100000_deep_is_an_error_not_a_stack_overflow() {
    for tag in ["w:sdt", "w:tbl", "w:p", "w:tc"] {
        let deep = format!("{}{}", format!("<{tag}>").repeat(100_000), format!("</{tag}>").repeat(100_000));
        let got = parse_document(&docx(&deep), &Options::default());
        assert!(matches!(got, Err(Error::Malformed { .. })), "{tag}: {got:?}");
    }
}

#[test]
fn entities_are_never_expanded() {
    let mut lol = String::from("<!ENTITY lol0 \"lollollollollollollollollollol\">");
    for k in 1..10 {
        let refs = format!("&lol{};", k - 1).repeat(10);
        lol.push_str(&format!("<!ENTITY lol{k} \"{refs}\">"));
    }
    let document = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [{lol}]><w:document xmlns:w=\"{W}\"><w:body>\
         <w:p><w:r><w:t>一、其他&lol9;</w:t></w:r></w:p><w:p><w:r><w:t>1.做好公开&amp;发布。</w:t></w:r></w:p></w:body></w:document>"
    );
    let file = zip_of(&[("word/document.xml", document.as_bytes())]);
    let plan = read(&file);
    assert_eq!(text(&plan), "一、其他\n1.做好公开&发布。\n");
}
