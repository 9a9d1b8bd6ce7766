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

/// A borderless table as `w3m -dump` prints it: display columns one space
/// apart, a header name wrapped above and below its line (`负责`/`部门`),
/// `工作措施` over two columns (a section cell and the task), a heading row
/// across the table, a section cell wrapped over lines beside the rows it
/// spans, a units cell of two paragraphs apart by an empty line, and a
/// page's links after the table.
const W3M: &str = concat!(
    "附件\n",
    "\n",
    "                                        任务分解表\n",
    "\n",
    "                                       负责\n",
    "       工作措施           工作目标              绩效指标\n",
    "                                       部门\n",
    "\n",
    "一、制度创新主体任务\n",
    "\n",
    "             1.推动制定 贯彻落实强国 知识产权处 完成相关\n",
    "（一）完善与 与知识产权 建设部署。              政策。\n",
    "强国建设目标 政策。\n",
    "             2.完善专利 建立保护机   知识产权处 年内有阶\n",
    "             保护制度。 制，开展执              段成果。\n",
    "                        法行动。     稽查支队\n",
    "\n",
    "（二）构建与 3.推进知识 推进强省建   知识产权处 年内有阶\n",
    "工作推进体系 产权强省。 设。                    段成果。\n",
    "\n",
    "             4.实施知识 培育优势企   知识产权处 申报工作\n",
    "（三）推进与 产权强企。 业。                    有进展。\n",
    "领域改革     5.深化管理 推动管理体\n",
    "             体制改革。 制运转。     稽查支队\n",
    "\n",
    "链接0\n",
    "链接1\n",
    "链接2\n",
    "链接3\n",
    "链接4\n",
    "链接5\n",
    "链接6\n",
    "链接7\n",
    "链接8\n",
    "链接9\n",
    "链接10\n",
    "链接11\n",
    "链接12\n",
    "链接13\n",
    "链接14\n",
    "链接15\n",
    "\n",
);

/// A table as `pdftotext -layout` prints one whose rows it places anew:
/// each row's columns a few places off the row before's, a row with no
/// lead unit whose units stand where the lead column was, a cell's end
/// carried over a page break, a letter-spaced section cell, a lead cell's
/// last character printed lines below.
const PDF_ROWS: &str = concat!(
    "2022年任务分解表\n",
    "\n",
    " 工作任务             工作要求          牵头单位      配合/责任单位\n",
    "\n",
    "\n",
    "一、加强                                     区直各有关单位，各\n",
    "     1.增强政策制定实施的透明度和可\n",
    "涉及市场                                     区属事业单位，各片\n",
    "     预期性，提振市场主体信心。\n",
    "主体公开                                     区管理局\n",
    "\n",
    "      2.建立市场主体反映投资和工程建     区经济发展 区直各有关单位\n",
    "      设项目审批问题的办理机制。          局\n",
    "\n",
    "      3.持续推进反垄断和反不正当竞争          区直各有关单位\n",
    "      执法信息公开工作。\n",
    "\n",
    "      4.加大政策公开力度，促进稳就           区直各有关单位，各\n",
    "      业和消费恢复。                   乡镇人民政府（街道办事\n",
    "\x0c                                处）\n",
    "\n",
    "二 、 加 强 5.严格执行疫情防控信息发布     区社会事业 区直各有关单位\n",
    "做 好 疫 情 制度，统筹用好各类信息发             区属事业单位\n",
    "      布平台，及时回应关切。\n",
    "                             局\n",
    "\n",
    "\n",
    "\n",
    "来源：区政府办公室\n",
);

#[test]
fn columns_come_from_the_gaps_down_the_table() {
    let doc = read(W3M).expect("claimed");
    let Some(Block::Table(table)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("a table") };
    let rows = texts(W3M, &doc);
    assert_eq!(rows[0], ["工作措施", "", "工作目标", "负责部门", "绩效指标"]);
    // The name over two columns spans them.
    assert_eq!(table.rows[0][1].from, Some((0, 0)));
    // A heading row across the table is one cell.
    assert_eq!(rows[1], ["一、制度创新主体任务", "", "", "", ""]);
    assert_eq!(
        rows[2][..4],
        ["（一）完善与强国建设目标", "1.推动制定与知识产权政策。", "贯彻落实强国建设部署。", "知识产权处"]
    );
    assert_eq!(rows[3][1..4], ["2.完善专利保护制度。", "建立保护机制，开展执法行动。", "知识产权处|稽查支队"]);
    assert_eq!(table.rows[3][0].from, Some((2, 0)));
    assert_eq!(rows[6][1..4], ["5.深化管理体制改革。", "推动管理体制运转。", "稽查支队"]);
    assert_eq!(rows.len(), 7, "{rows:?}");
}

#[test]
fn a_page_footer_after_the_table_is_not_in_it() {
    let doc = read(W3M).expect("claimed");
    let paras: Vec<String> =
        doc.blocks.iter().filter_map(|b| if let Block::Para(t) = b { Some(t.joined(W3M, "")) } else { None }).collect();
    assert_eq!(paras.len(), 2 + 16, "{paras:?}");
    assert_eq!(paras[2], "链接0");
}

#[test]
fn a_borderless_table_reads_as_a_plan() {
    let plan = crate::parse(W3M);
    crate::read::assert_tiles(W3M, &plan);
    let tasks: Vec<_> = plan.tasks().map(|t| t.task).collect();
    assert_eq!(tasks.len(), 5);
    let units: Vec<&str> = tasks[1].responsible.iter().map(|u| u.name.as_ref()).collect();
    assert_eq!(units, ["知识产权处", "稽查支队"]);
}

#[test]
fn rows_placed_anew_are_read_block_by_block() {
    let doc = read(PDF_ROWS).expect("claimed");
    let rows = texts(PDF_ROWS, &doc);
    assert_eq!(rows[0], ["工作任务", "工作要求", "牵头单位", "配合/责任单位"]);
    assert_eq!(
        rows[1],
        [
            "一、加强涉及市场主体公开",
            "1.增强政策制定实施的透明度和可预期性，提振市场主体信心。",
            "",
            "区直各有关单位，各区属事业单位，各片区管理局"
        ]
    );
    assert_eq!(
        rows[2][1..],
        ["2.建立市场主体反映投资和工程建设项目审批问题的办理机制。", "区经济发展局", "区直各有关单位"]
    );
    // Units placed where the lead column stood in the rows above.
    assert_eq!(rows[3][1..], ["3.持续推进反垄断和反不正当竞争执法信息公开工作。", "", "区直各有关单位"]);
    // A cell's end after a page break.
    assert_eq!(rows[4][3], "区直各有关单位，各乡镇人民政府（街道办事处）");
    // A letter-spaced section cell beside the task; a lead cell's last
    // character lines below its first line.
    assert_eq!(
        rows[5][..3],
        [
            "二、加强做好疫情",
            "5.严格执行疫情防控信息发布制度，统筹用好各类信息发布平台，及时回应关切。",
            "区社会事业局"
        ]
    );
    assert_eq!(rows.len(), 6, "{rows:?}");
}

#[test]
fn rows_placed_anew_read_as_a_plan() {
    let plan = crate::parse(PDF_ROWS);
    crate::read::assert_tiles(PDF_ROWS, &plan);
    let tasks: Vec<_> = plan.tasks().map(|t| t.task).collect();
    assert_eq!(tasks.len(), 5);
    assert_eq!(tasks[1].lead[0].name, "区经济发展局");
    assert!(tasks[2].lead.is_empty());
}

#[test]
fn block_columns_match_header_cells_in_order() {
    use super::gaps::Range;
    let r = |x, end| Range { x, end };
    let heads = [r(1, 5), r(18, 22), r(32, 36), r(42, 49)];
    // Squeezed left: the units column stands nearer the lead header.
    let local = [r(6, 22), r(27, 32), r(33, 42)];
    assert_eq!(super::blocks::match_ranges(&local, &heads), [1, 2, 3]);
    assert_eq!(super::blocks::match_ranges(&[], &heads), Vec::<usize>::new());
}

#[test]
fn a_cell_taller_than_its_task_keeps_its_last_line_in_w3m() {
    // w3m sets a shorter cell at the top of its row (half the difference
    // rounded down): a units cell's third line, below its task's two, is
    // its own row's, not the next one's.
    let src = concat!(
        "工作任务    工作要求             牵头单位   配合单位\n",
        "\n",
        "         1.加强政务公开标准   区政务办   区直各有关单位\n",
        "         化建设。                        ，各乡镇人民政\n",
        "一、公开                                 府（街道办事处）\n",
        "加强\n",
        "         2.做好政策解读工作   区政务办   区直各有关单位\n",
        "         ，及时回应关切。                ，各乡镇人民政\n",
        "                                         府（街道办事处）\n",
        "         3.规范依申请公开，   区政务办   区直各有关单位\n",
        "         提高答复质量。                  ，各乡镇人民政\n",
        "二、监督                                 府（街道办事处）\n",
        "监督\n",
        "         4.加强平台建设，完   区政务办   区直各有关单位\n",
        "         善栏目设置。                    ，各乡镇人民政\n",
        "                                         府（街道办事处）\n",
    );
    let rows = texts(src, &read(src).expect("claimed"));
    assert_eq!(rows.len(), 5, "{rows:?}");
    for row in &rows[1..] {
        assert_eq!(row[3], "区直各有关单位，各乡镇人民政府（街道办事处）", "{rows:?}");
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    for src in ["", "  ", "\x0c", "工作任务  牵头单位\n", "工作任务  牵头单位\n\x0c  \u{3000} 1.  甲\n", "a  b\n\n\n\n"]
    {
        let _ = read(src);
    }
    let long = format!("工作任务  牵头单位\n{}\n", "甲 ".repeat(100_000));
    let _ = read(&long);
    // Many short tokens on many lines, blocks apart by blank lines, form
    // feeds: the block and gap readers stay linear.
    let row = "甲  乙 丙   丁".repeat(60);
    let wide = format!(
        "\x0c工作任务   工作要求   牵头单位   配合单位\n{}",
        format!("{row}\n{row}\n\n\x0c  单位\n\n").repeat(2_000)
    );
    let _ = read(&wide);
}

/// Rows one after another with no blank line, a name over two columns
/// (`工作措施` over the sections and the tasks), a units cell cut off the
/// text before it by one space, a line of the task column starting with a
/// closing mark near another column's edge.
const SPANNED: &str = concat!(
    "工作措施            工作目标                责任单位\n",
    "一、深化  1.推进审批   压缩办理时限，提高       区审批局\n",
    "审批      制度改革     效率。\n",
    "改革      2.做好信息   及时回应关切，公开       区政务办\n",
    "          公开工作     办理结果。\n",
    "          3.规范依申   规范答复流程，提高       区司法局\n",
    "          请公开       答复质量。\n",
    "二、加强  4.加强督查   强化考核，压实责         区督查室\n",
    "监督      考核工作     任。\n",
    "考核      5.规范行政   提高执法水平，做到       区司法局\n",
    "          执法行为     严格规范。\n",
    "          6.加强队伍   开展业务培训，提升       区人社局\n",
    "          建设工作     能力水平。\n",
);

/// The table the edge reader makes of `src`, as cell texts.
fn by_edges_texts(src: &str) -> Vec<Vec<String>> {
    let lines = crate::read::line_spans(src);
    let header = find_header(src, &lines, 0, false).expect("a header");
    let raw: Vec<Vec<Tok>> =
        lines[header.last + 1..].iter().map(|&l| tokens(src, l, false, MAX_TOKENS).expect("tokens")).collect();
    let table = by_edges(src, &header, raw).expect("a table");
    let doc = Document { blocks: vec![Block::Table(table)], layout: Layout::SpacedTable };
    texts(src, &doc)
}

#[test]
fn a_header_name_over_two_columns_spans_them() {
    let rows = by_edges_texts(SPANNED);
    assert_eq!(rows[0], ["工作措施", "", "工作目标", "责任单位"], "{rows:?}");
    assert!(rows[1][0].starts_with("一、深化"), "{rows:?}");
    assert_eq!(rows[1][1..], ["1.推进审批制度改革", "压缩办理时限，提高效率。", "区审批局"], "{rows:?}");
    assert!(rows[4][0].starts_with("二、加强"), "{rows:?}");
    assert_eq!(rows[4][1..], ["4.加强督查考核工作", "强化考核，压实责任。", "区督查室"], "{rows:?}");
    assert_eq!(rows.len(), 7, "{rows:?}");
}

#[test]
fn a_name_over_one_column_is_not_split() {
    // The same rows with no section cells: one piece under each name.
    let mut src = SPANNED.to_string();
    for name in ["一、深化", "二、加强", "审批    ", "监督    ", "改革    ", "考核    "] {
        src = src.replace(&format!("{name}  "), "          ");
    }
    let rows = by_edges_texts(&src);
    assert_eq!(rows[0], ["工作措施", "工作目标", "责任单位"], "{rows:?}");
    assert_eq!(rows[1], ["1.推进审批制度改革", "压缩办理时限，提高效率。", "区审批局"], "{rows:?}");
}

#[test]
fn a_closing_mark_near_an_edge_does_not_start_a_cell() {
    let cols = |_| Columns::new(vec![0, 10]);
    for (line, cut) in [("提高效率 。", None), ("提高效率 区政务办", Some(1))] {
        let toks = tokens(line, Span::new(0, line.len()), false, MAX_TOKENS).expect("tokens");
        assert_eq!(toks.len(), 2);
        assert_eq!(cols(2).cut(line, &toks, 0, 2, 0), cut, "{line}");
    }
}

#[test]
fn a_chunk_as_narrow_as_its_column_is_cut_only_at_an_edge() {
    // The task column's lines are 16 wide; a last line as narrow, one
    // space apart from its last word, stands three places short of the
    // units column's edge: it is not cut there.
    let mut cols = Columns::new(vec![0, 15]);
    let mut assign = |l: &str| {
        let toks = tokens(l, Span::new(0, l.len()), false, MAX_TOKENS).expect("tokens");
        cols.assign(l, &toks).iter().map(|s| (s.col, s.to - s.from)).collect::<Vec<_>>()
    };
    for _ in 0..2 {
        assert_eq!(assign("加快发展公交全省"), [(0, 1)]);
    }
    assert_eq!(assign("加快发展公交全 区交建局"), [(0, 1), (1, 1)]);
    assert_eq!(assign("交通线路 80 条"), [(0, 3)]);
}

#[test]
fn a_short_line_centred_under_a_cell_stays_in_its_column() {
    let mut cols = Columns::new(vec![0, 10, 14]);
    let lines = ["工作      知识产权", "              处"];
    let segs: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| {
            let toks = tokens(l, Span::new(0, l.len()), false, MAX_TOKENS).expect("tokens");
            cols.assign(l, &toks).iter().map(|s| s.col).collect()
        })
        .collect();
    assert_eq!(segs, [vec![0, 1], vec![1]]);
}

#[test]
fn a_row_after_a_tall_cell_keeps_the_table_on() {
    let line = |s: &str| tokens(s, Span::new(0, s.len()), false, MAX_TOKENS).expect("tokens");
    let mut raw = vec![line("甲  乙  丙")];
    raw.extend((0..20).map(|_| line("          丁")));
    raw.push(Vec::new());
    // A row of three columns after the tall cell: the table goes on.
    let mut on = raw.clone();
    on.push(line("甲  乙  丙"));
    assert_eq!(quiet_end(&on), on.len());
    // Lines of two pieces (a page's links) do not take it on.
    raw.push(line("•  首页"));
    raw.push(line("•  政务公开"));
    assert_eq!(quiet_end(&raw), 21);
}

/// Two pages of a table: on the second the first column holds nothing,
/// and `pdftotext -layout` prints it further left (tasks where the group
/// column stood, units where the tasks stood).
const SHIFTED: &str = concat!(
    "存在问题        整改措施        责任单位\n",
    "投资不足        1.创新投融资，  区财金局\n",
    "                总结推广经验。  牵头\n",
    "                2.抓好重点项，  区经发局\n",
    "                加快项目进度。  牵头\n",
    "                3.落实惠企策，  区经发局\n",
    "                减轻企业负担。  牵头\n",
    "\x0c4.优化营商环，  区市场局\n",
    "提升服务质量。  牵头\n",
    "5.深化审批改，  区审批局\n",
    "压缩办理时限。  牵头\n",
    "6.加强督查考，  区督查室\n",
    "强化结果运用。  牵头\n",
);

#[test]
fn a_page_printed_further_left_is_moved_back() {
    let rows = by_edges_texts(SHIFTED);
    assert_eq!(rows.len(), 7, "{rows:?}");
    assert_eq!(rows[1], ["投资不足", "1.创新投融资，总结推广经验。", "区财金局牵头"], "{rows:?}");
    assert_eq!(rows[4][1..], ["4.优化营商环，提升服务质量。", "区市场局牵头"], "{rows:?}");
    assert_eq!(rows[6][1..], ["6.加强督查考，强化结果运用。", "区督查室牵头"], "{rows:?}");
}

#[test]
fn segments_tile_the_input() {
    for src in [PDF, LYNX, W3M, PDF_ROWS, SPANNED, SHIFTED] {
        let plan = crate::parse(src);
        crate::read::assert_tiles(src, &plan);
        assert!(plan.tasks().count() >= 3, "{}", src);
    }
}

/// Header lines one after another over text that is no table.
fn false_headers(n: usize) -> String {
    "序号  工作任务  牵头单位\n这是一段很长的文字内容超过六个字\n".repeat(n)
}

#[test]
fn header_lines_down_a_text_that_is_no_table_are_read_once() {
    // Each header reads on to the text's end: tried at every one, the
    // lines were read again for each (quadratic); the retries are bounded.
    let src = false_headers(20_000);
    assert_eq!(read(&src), None);
}

#[test]
fn a_table_after_a_few_false_headers_is_read() {
    let src = format!("{}\n\n\n{LYNX}", false_headers(3));
    let doc = read(&src).expect("claimed");
    let rows = texts(&src, &doc);
    assert_eq!(rows[0], ["序号", "工作任务", "责任单位"]);
    assert_eq!(rows[5], ["5", "优化营商环境，提升服务质量。", "区发改局区市场局"]);
    crate::read::assert_tiles(&src, &crate::parse(&src));
}

/// A units column left of the task column: a long cell in the first row,
/// then `rows` rows of two task lines that leave it empty.
fn units_before_tasks(cell_lines: usize, rows: usize) -> String {
    let mut s = String::from("牵头单位      工作任务                    配合单位\n\n");
    for i in 0..cell_lines {
        let task = if i == 0 { "1.推进某项工作内容" } else { "继续推进某项工作内容" };
        s.push_str(&format!("市财政局{:03}   {task}        区审计局\n", i % 1000));
    }
    s.push('\n');
    for i in 0..rows {
        s.push_str(&format!("              {}.任务内容第一行        区审计局\n", (i + 2) % 1000));
        s.push_str("              任务内容第二行。\n\n");
    }
    s
}

#[test]
fn a_units_cell_left_of_the_tasks_covers_the_rows_under_it() {
    let src = units_before_tasks(2, 5);
    let doc = read(&src).expect("claimed");
    let Some(Block::Table(table)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("a table") };
    assert_eq!(table.rows[1][0].text.joined(&src, ""), "市财政局000市财政局001");
    assert!(table.rows[2..].iter().all(|r| r[0].from == Some((1, 0))), "{:?}", table.rows);
}

#[test]
fn a_long_units_cell_over_many_rows_is_not_copied_past_the_input_size() {
    // Each row it covers gets a copy of the cell when flattened: 2000 rows
    // under a cell of 2000 lines wrote 2000 times the cell (quadratic).
    let src = units_before_tasks(2000, 2000);
    let doc = read(&src).expect("claimed");
    let Some(Block::Table(table)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("a table") };
    assert_eq!(table.rows.len(), 2002);
    assert_eq!(table.rows[2][0].from, Some((1, 0)));
    assert_eq!(table.rows[2001][0].from, None);
    let flat = crate::read::flatten(&doc, &src);
    assert!(flat.text.len() < 3 * src.len(), "{} for {}", flat.text.len(), src.len());
}
