//! The space-aligned reader's tests.

use super::*;

/// A table as `pdftotext -layout` prints it: a form feed between pages,
/// positions counted in characters, a units cell wrapped, a section cell
/// beside its rows, text before and after.
const PDF: &str = "附件\n\n            2022年工作任务分解表\n\n工作任务     工作要求                  牵头单位      配合单位\n\n一、公开     1.加快推进政务公开标准化         区政务办      区财政局\n         建设，做好目录编制。                      区审计局\n\n         2.做好政策解读工作，           区融媒体      区司法局\n         及时回应关切。               中心\n\n\x0c\n         3.加强平台建设，完善           区数据局      区网信办\n         栏目设置。\n\n二、监督     4.规范依申请公开，            区司法局      区政务办\n         提高答复质量。\n\n         5.加强考核评估，             区政务办      各街道\n         强化结果运用。\n\n\n\n来源：区政府办公室\n";

/// A table as lynx prints a narrow one: display columns (CJK characters
/// two wide), rows apart by blank lines.
const LYNX: &str = "   任务分解表\n\n   序号   工作任务                    责任单位\n\n   1      推进审批制度改革，          区审批局\n          压缩办理时限。\n\n   2      做好信息公开，              区政务办\n          及时回应关切。\n\n   3      加强督查考核。              区督查室\n\n   4      规范行政执法，              区司法局\n          提高执法水平。\n\n   5      优化营商环境，              区发改局\n          提升服务质量。              区市场局\n\n   6      加强队伍建设，              区人社局\n          开展业务培训。\n\n   7      完善制度体系，              区政务办\n          健全长效机制。\n";

fn texts(src: &str, doc: &Document) -> Vec<Vec<String>> {
    let table = doc.blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None });
    table.expect("a table").rows.iter().map(|r| r.iter().map(|c| c.text.joined(src, "|")).collect()).collect()
}

#[test]
fn a_header_of_column_names_starts_a_table() {
    let doc = read(PDF).expect("claimed");
    assert_eq!(doc.layout, Layout::SpacedTable);
    let rows = texts(PDF, &doc);
    assert_eq!(rows[0], ["工作任务", "工作要求", "牵头单位", "配合单位"]);
    assert_eq!(rows.len(), 6, "{rows:?}");
}

#[test]
fn a_cell_wrapped_over_lines_is_one_paragraph() {
    let doc = read(PDF).expect("claimed");
    let rows = texts(PDF, &doc);
    assert_eq!(rows[1][1], "1.加快推进政务公开标准化建设，做好目录编制。");
    assert_eq!(rows[2][2], "区融媒体中心");
    assert_eq!(rows[1][3], "区财政局区审计局");
}

#[test]
fn a_page_break_keeps_the_columns() {
    let doc = read(PDF).expect("claimed");
    let rows = texts(PDF, &doc);
    assert_eq!(rows[3][1..], ["3.加强平台建设，完善栏目设置。", "区数据局", "区网信办"]);
}

#[test]
fn a_section_cell_covers_the_rows_under_it() {
    let doc = read(PDF).expect("claimed");
    let Some(Block::Table(table)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("a table") };
    assert_eq!(table.rows[1][0].text.joined(PDF, ""), "一、公开");
    assert_eq!(table.rows[2][0].from, Some((1, 0)));
    assert_eq!(table.rows[3][0].from, Some((1, 0)));
    assert_eq!(table.rows[4][0].text.joined(PDF, ""), "二、监督");
    assert_eq!(table.rows[5][0].from, Some((4, 0)));
}

#[test]
fn text_around_the_table_is_paragraphs() {
    let doc = read(PDF).expect("claimed");
    let paras: Vec<String> =
        doc.blocks.iter().filter_map(|b| if let Block::Para(t) = b { Some(t.joined(PDF, "")) } else { None }).collect();
    assert_eq!(paras, ["附件", "2022年工作任务分解表", "来源：区政府办公室"]);
}

#[test]
fn display_columns_without_form_feeds() {
    let doc = read(LYNX).expect("claimed");
    let rows = texts(LYNX, &doc);
    assert_eq!(rows[0], ["序号", "工作任务", "责任单位"]);
    assert_eq!(rows[1], ["1", "推进审批制度改革，压缩办理时限。", "区审批局"]);
    assert_eq!(rows[3], ["3", "加强督查考核。", "区督查室"]);
    assert_eq!(rows[5], ["5", "优化营商环境，提升服务质量。", "区发改局区市场局"]);
}

#[test]
fn squeezed_cells_are_cut_at_the_next_column() {
    // pdftotext leaves one space between cells whose text fills them.
    let src = concat!(
        "\x0c 存在问题   整改目标和措施  责任单位\n",
        "投资不足     出台扩大有效投资   区经发局牵\n",
        "         的实施意见。     头，区交建局\n",
        "         创新应用各种投融 区财金局牵\n",
        "         资方式。       头\n",
        "服务不优     简化审批流程，压   区审批局牵\n",
        "         缩办理时限。     头，区政务办\n",
        "         推行网上办理，提 区数据局牵\n",
        "         升便利程度。     头\n",
        "监管不严     加强事中事后监管   区市场局牵\n",
        "         ，完善信用体系。 头，区司法局\n",
        "         开展联合执法检查 区执法局牵\n",
        "         ，形成监管合力。 头\n",
    );
    let rows = texts(src, &read(src).expect("claimed"));
    assert_eq!(rows[1][1..], ["出台扩大有效投资的实施意见。", "区经发局牵头，区交建局"]);
    assert_eq!(rows[2][1..], ["创新应用各种投融资方式。", "区财金局牵头"]);
    assert_eq!(rows[4][1..], ["推行网上办理，提升便利程度。", "区数据局牵头"]);
}

#[test]
fn prose_and_ragged_rows_are_not_claimed() {
    let prose = "关于印发方案的通知\n\n各单位：\n    现将方案印发给你们，请认真贯彻落实。  有关事项通知如下：\n    一、提高认识。各单位要加强领导。\n";
    assert!(read(prose).is_none());
    let ragged = "序号  工作任务   牵头单位  配合单位\n1  制定责任清单，严格落实要求。    市应急局   市司法局\n2      修订考核办法，开展年度考核巡查工作。  市安委办  市委组织部\n3 督促企业建立责任制。      市安委会各成员单位    市应急局\n4         加强道路交通安全治理。 市公安局   市交通局\n";
    assert!(read(ragged).is_none());
    let no_units = "姓名      年龄      地址\n张三      30        北京\n李四      40        上海\n";
    assert!(read(no_units).is_none());
    // A line whose parts name columns but are not names alone (random
    // text, a sentence with gaps) is no header.
    let header = LYNX.replace("责任单位", "配合单位：门");
    assert!(read(&header).is_none());
}

#[test]
fn odd_inputs_do_not_panic() {
    for src in ["", "  ", "\x0c", "工作任务  牵头单位\n", "工作任务  牵头单位\n\x0c  \u{3000} 1.  甲\n", "a  b\n\n\n\n"]
    {
        let _ = read(src);
    }
    let long = format!("工作任务  牵头单位\n{}\n", "甲 ".repeat(100_000));
    let _ = read(&long);
}

#[test]
fn segments_tile_the_input() {
    for src in [PDF, LYNX] {
        let plan = crate::parse(src);
        crate::read::assert_tiles(src, &plan);
        assert!(plan.tasks().count() >= 3, "{}", src);
    }
}
