//! The web page reader through `parse_document`: small pages for each of
//! its features, and the hostile pages of issue 12 (deep nesting, huge
//! spans, a million cells, a GBK page, no body, no bytes), none of which
//! may panic, hang or take memory out of proportion to the page.
#![cfg(feature = "documents")]

use fengong::{DocumentKind, Options, Plan};

/// The plan of a page read as HTML, whatever its first bytes.
fn read(page: &[u8]) -> Plan<'static> {
    fengong::parse_document(page, &Options::default().document_kind(DocumentKind::Html)).unwrap()
}

/// The text the reader extracted from a page.
fn text(page: &[u8]) -> String {
    read(page).source.as_deref().map(|s| s.text.clone()).unwrap_or_default()
}

/// The (task, lead units) of each task of a plan.
fn tasks(plan: &Plan) -> Vec<(String, Vec<String>)> {
    plan.tasks().map(|t| (t.task.text.to_string(), t.task.lead.iter().map(|u| u.name.to_string()).collect())).collect()
}

const PLAN: &str = "<tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>\
    <tr><td>1</td><td>做好政务公开。</td><td>市财政局</td></tr>\
    <tr><td>2</td><td>推进数据开放。</td><td>市税务局</td></tr>";

#[test]
fn a_plan_table_in_a_site_page_reads_its_tasks() {
    let page = format!(
        "<!DOCTYPE html><html><head><title>通知</title><style>td{{}}</style></head><body>\
         <div class=nav><a href=/>首页</a> &gt; <a>政务公开</a></div>\
         <div class=TRS_Editor><p>一、工作任务</p><table>{PLAN}</table></div>\
         <div class=footer>网站标识码：1234 版权所有</div></body></html>"
    );
    let plan = read(page.as_bytes());
    let got = tasks(&plan);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1, ["市税务局"]);
    let src = plan.source.as_deref().unwrap();
    assert!(!src.text.contains("首页") && !src.text.contains("版权所有"), "{}", src.text);
}

#[test]
fn a_layout_table_around_the_plan_is_not_a_plan_table() {
    let page = format!(
        "<body><table><tr><td><a>首页</a></td></tr><tr><td id=UCAP-CONTENT><p>一、工作任务</p>\
         <table>{PLAN}</table></td></tr></table></body>"
    );
    let plan = read(page.as_bytes());
    assert_eq!(tasks(&plan).len(), 2);
    let src = plan.source.as_deref().unwrap();
    let lead = plan.tasks().next().unwrap().task.lead[0].span;
    assert_eq!(src.origin(lead).unwrap().to_string(), "table 1, row 2, column 3");
}

#[test]
fn line_breaks_inside_cells_part_paragraphs() {
    let page = "<table><tr><td>甲<br>乙<p>丙</p><div>丁</div></td><td>戊</td></tr></table>";
    assert_eq!(text(page.as_bytes()), "甲\n乙\n丙\n丁\t戊\n");
}

#[test]
fn a_row_span_past_the_last_row_does_not_shift_the_rows_after_it() {
    let page = "<table><tr><td>问题</td><td>措施</td><td>单位</td></tr>\
        <tr><td rowspan=2>甲</td><td rowspan=2>做甲</td><td rowspan=2>市财政局</td></tr>\
        <tr><td>乙</td><td>做乙</td><td>市税务局</td></tr>\
        <tr><td rowspan=5>丙</td><td>做丙</td><td>市审计局</td></tr></table>";
    assert_eq!(text(page.as_bytes()), "问题\t措施\t单位\n甲\t做甲\t市财政局\n乙\t做乙\t市税务局\n丙\t做丙\t市审计局\n");
}

#[test]
fn a_gbk_page_with_a_meta_charset() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head>\
        <body><p>一、其他</p><p>1.做好公开。（市财政局负责）</p></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(page);
    assert_eq!(text(&bytes), "一、其他\n1.做好公开。（市财政局负责）\n");
    // Told by content, without naming the kind.
    let plan = fengong::parse_document(&bytes, &Options::default()).unwrap();
    assert_eq!(plan.source.as_deref().unwrap().kind, DocumentKind::Html);
}

#[test]
fn empty_and_bodyless_pages() {
    assert_eq!(text(b""), "");
    assert_eq!(text(b"<html><head><title>x</title></head></html>"), "");
    assert_eq!(text(b"<html><head><meta charset=utf-8>"), "");
    assert_eq!(text("<p>一、其他".as_bytes()), "一、其他\n");
    let _ = text(b"\xff\xfe\xff\xfe<");
}

#[test]
fn a_hundred_thousand_nested_divs_are_read_quickly() {
    let n = 100_000;
    let page = "<div>".repeat(n) + "一、其他" + &"</div>".repeat(n) + "<p>1.做好公开。</p>";
    assert_eq!(text(page.as_bytes()), "一、其他\n1.做好公开。\n");
    let unclosed = "<div><span><table><tr><td>".repeat(n / 4) + "甲";
    assert!(text(unclosed.as_bytes()).contains('甲'));
}

#[test]
fn huge_spans_are_capped() {
    let page = "<table><tr><td colspan=1000 rowspan=65534>甲</td></tr><tr><td>乙</td></tr></table>";
    let t = text(page.as_bytes());
    assert!(t.starts_with("甲\t") && t.ends_with("\n乙\n"), "{t:.40}");
    let many = "<table><tr>".to_string() + &"<td colspan=1000 rowspan=65534>x".repeat(2000) + "</table>";
    assert!(text(many.as_bytes()).len() < 4 << 20);
}

#[test]
fn a_table_of_a_million_cells_is_capped() {
    let row = "<tr>".to_string() + &"<td>x".repeat(1000);
    let page = "<table>".to_string() + &row.repeat(1000) + "</table>";
    let t = text(page.as_bytes());
    let rows = t.lines().count();
    // A page's tables get at most 250,000 slots: 250 rows of 1,000.
    assert!(rows > 0 && rows <= 250, "{rows}");
    // Past the cap no row is added, whatever the spans.
    let wide =
        "<table>".to_string() + &("<tr>".to_string() + &"<td colspan=1000>x".repeat(10)).repeat(200) + "</table>";
    let t = text(wide.as_bytes());
    assert!(t.lines().count() * 10_000 <= 250_000, "{}", t.lines().count());
}

#[test]
fn broken_markup_never_panics() {
    for page in [
        "<table><tr><td rowspan=-1 colspan=abc>x",
        "<table><td><table><td><table></td>",
        "</td></tr></table><tr><td>",
        "<<<>>>&&&#xFFFFFFFF;&#0;",
        "<svg><foreignObject><table><tr><td>x</table>",
        "<p>a<b>b<p>c</b>d<i>e<table>f</i>g",
        "<frameset><frame></frameset>",
        "<plaintext><table><tr><td>x",
    ] {
        let _ = text(page.as_bytes());
    }
}

#[test]
fn a_header_of_two_rows_gives_the_roles_under_its_spanning_name() {
    let page = "<table><tr><th rowspan=2>序号</th><th rowspan=2>工作任务</th><th colspan=2>责任单位</th>\
        <th rowspan=2>完成时限</th></tr><tr><th>牵头单位</th><th>配合单位</th></tr>\
        <tr><td colspan=5>一、优化政务服务</td></tr>\
        <tr><td>1</td><td>推行企业开办一网通办。</td><td>市市场监管局</td><td>市公安局、市税务局</td><td>7月底前</td></tr>\
        <tr><td>2</td><td>深化审批制度改革。</td><td>市住房城乡建设局</td><td>市发展改革委</td><td>8月底前</td></tr></table>";
    let plan = read(page.as_bytes());
    let got: Vec<(Vec<String>, Vec<String>)> = plan
        .tasks()
        .map(|t| {
            let names = |us: &[fengong::Unit<'_>]| us.iter().map(|u| u.name.to_string()).collect::<Vec<_>>();
            (names(&t.task.lead), names(&t.task.supporting))
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [(s(&["市市场监管局"]), s(&["市公安局", "市税务局"])), (s(&["市住房城乡建设局"]), s(&["市发展改革委"]))]
    );
    assert_eq!(plan.sections.len(), 1);
}

#[test]
fn a_short_task_that_ends_like_a_unit_name_is_the_rows_task() {
    let page = "<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>协办单位</td></tr>\
        <tr><td>1</td><td>建设产业园区</td><td>市工信局</td><td>市科技局</td></tr></table>";
    let plan = read(page.as_bytes());
    let task = plan.tasks().next().expect("a task").task;
    assert_eq!(task.text, "建设产业园区");
    let names = |us: &[fengong::Unit<'_>]| us.iter().map(|u| u.name.to_string()).collect::<Vec<_>>();
    assert_eq!(
        (names(&task.lead), names(&task.supporting)),
        (vec!["市工信局".to_string()], vec!["市科技局".to_string()])
    );
}
