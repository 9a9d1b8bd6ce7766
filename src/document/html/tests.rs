//! The reader on small pages: what text and blocks it makes.

use super::*;
use crate::read::Block;

/// The extract's text.
fn text(page: &str) -> String {
    read(page.as_bytes(), 1 << 20).unwrap().text
}

#[test]
fn paragraphs_and_tables_come_in_document_order() {
    let page = "<html><body><h1>工作分工</h1><div>一、总体要求<br>做好公开。</div>\
        <table><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td><p>甲</p><p>乙</p></td></tr></table>\
        <ul><li>其一</li><li>其二</li></ul></body></html>";
    let ex = read(page.as_bytes(), 1 << 20).unwrap();
    assert_eq!(ex.text, "工作分工\n一、总体要求\n做好公开。\n序号\t任务\n1\t甲\n乙\n其一\n其二\n");
    let kinds: Vec<bool> = ex.doc.blocks.iter().map(|b| matches!(b, Block::Table(_))).collect();
    assert_eq!(kinds, [false, false, false, true, false, false]);
}

#[test]
fn scripts_styles_and_hidden_elements_are_left_out_and_entities_decoded() {
    let page = "<body><script>var a='<p>x</p>';</script><style>p{}</style><noscript>开启脚本</noscript>\
        <div style='display: none'>隐藏</div><p>市&nbsp;财政局 &amp; 税务局&#x3002;</p></body>";
    assert_eq!(text(page), "市 财政局 & 税务局。\n");
}

#[test]
fn a_layout_table_gives_its_cells_as_blocks() {
    let page = "<body><table><tr><td>一、其他</td><td><table><tr><td>1.做好公开。</td><td>市财政局</td></tr>\
        </table></td></tr></table></body>";
    let ex = read(page.as_bytes(), 1 << 20).unwrap();
    assert_eq!(ex.text, "一、其他\n1.做好公开。\t市财政局\n");
    assert_eq!(ex.doc.blocks.len(), 2);
}

#[test]
fn sections_rows_are_read_in_order_with_spans() {
    let page = "<table><caption>表一</caption><thead><tr><th>任务</th><th colspan=2>单位</th></tr></thead>\
        <tbody><tr><td rowspan=3>甲</td><td>市财政局</td><td>市税务局</td></tr></tbody>\
        <tfoot><tr><td>注</td><td>乙</td></tr></tfoot></table>";
    assert_eq!(text(page), "表一\n任务\t单位\t\n甲\t市财政局\t市税务局\n\t注\t乙\n");
}

#[test]
fn the_article_is_read_without_the_site() {
    let page = "<body><div class=nav><a href=/>首页</a> &gt; <a>政务公开</a></div>\
        <div class=TRS_Editor><p>一、总体要求</p><p>做好公开。</p></div>\
        <div class=foot>主办：某某市人民政府办公室</div></body>";
    assert_eq!(text(page), "一、总体要求\n做好公开。\n");
}

#[test]
fn empty_and_bodyless_pages_read_as_nothing() {
    assert_eq!(text(""), "");
    assert_eq!(text("<html><head><title>标题</title></head></html>"), "");
    assert_eq!(text("<p>只有段落"), "只有段落\n");
}
