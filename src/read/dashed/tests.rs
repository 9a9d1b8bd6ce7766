use super::*;

const SIMPLE: &str = include_str!("../../../fixtures/read/dashed/simple.plain");
const MULTI: &str = include_str!("../../../fixtures/read/dashed/multi.plain");
const WRAPPED: &str = include_str!("../../../fixtures/read/dashed/multi-wrapped.plain");
const HEADLESS: &str = include_str!("../../../fixtures/read/dashed/headless.plain");
const MERGED: &str = include_str!("../../../fixtures/read/dashed/merged.plain");

/// The tables of the document `read` makes of `src`, each cell as its
/// paragraphs joined by `|`.
fn tables(src: &str) -> Vec<Vec<Vec<String>>> {
    let doc = read(src).expect("claimed");
    assert_eq!(doc.layout, Layout::DashedTable);
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => {
                Some(t.rows.iter().map(|r| r.iter().map(|c| c.text.joined(src, "|")).collect()).collect())
            }
            Block::Para(_) => None,
        })
        .collect()
}

/// The paragraphs of the document outside its tables.
fn paras(src: &str) -> Vec<String> {
    let doc = read(src).expect("claimed");
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(t) => Some(t.joined(src, "|")),
            Block::Table(_) => None,
        })
        .collect()
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

#[test]
fn a_simple_table_has_its_header_and_a_row_per_line() {
    let t = tables(SIMPLE);
    assert_eq!(t.len(), 1);
    assert_eq!(
        t[0],
        strings(&[
            &["工作任务", "具体措施", "牵头单位", "配合单位"],
            &["一、优化政务服务", "1.推进“一网通办”，提升网上办事效率。", "区行政审批局", "区大数据中心"],
            &["", "2.压缩企业开办时间至1个工作日以内。", "区市场监管局", "区税务局、区公安分局"],
            &["二、加强要素保障", "3.做好重点项目用地保障。", "区自然资源局", ""],
            &["", "4.落实减税降费政策。", "区税务局", "区财政局"],
        ])
    );
}

#[test]
fn columns_are_display_columns_with_cjk_two_wide() {
    // `甲局` stands at display column 15 (the second column) but byte 21,
    // past where the third column starts (20).
    let src = "  任务         牵头 配合\n  ------------ ---- ----\n  一二三四五六 甲局 乙局\n\n";
    assert_eq!(tables(src)[0], strings(&[&["任务", "牵头", "配合"], &["一二三四五六", "甲局", "乙局"]]));
}

#[test]
fn text_around_a_table_is_paragraphs() {
    let p = paras(SIMPLE);
    assert_eq!(p.first().map(String::as_str), Some("首页 > 政务公开 > 通知公告"));
    assert!(p.contains(&"2023年营商环境重点任务分工方案".to_string()));
    assert_eq!(p[p.len() - 2], "注：排在第一位的为牵头单位。");
    assert_eq!(p.last().map(String::as_str), Some("分享到：微信 微博"));
    // No rule and no table line is left among the paragraphs.
    assert!(p.iter().all(|s| !s.contains("---") && !s.contains("区税务局")), "{p:?}");
}

#[test]
fn a_multiline_header_is_one_paragraph_per_cell() {
    let doc = read(MULTI).expect("claimed");
    let Some(Block::Table(t)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("a table") };
    let header: Vec<_> = t.rows[0].iter().map(|c| c.text.paras.len()).collect();
    assert_eq!(header, vec![1, 1, 1, 1]);
    assert_eq!(tables(MULTI)[0][0], vec!["序号", "工作措施", "责任单位", "完成时限"]);
}

#[test]
fn units_one_per_line_are_paragraphs_of_one_cell() {
    let t = &tables(MULTI)[0];
    assert_eq!(t.len(), 4);
    assert_eq!(
        t[1],
        vec![
            "1",
            "完善专利权保护制度，推动建立电子商务等新业态专利权保护机制。",
            "知识产权局|市场监管局",
            "2023年6月底前"
        ]
    );
    assert_eq!(t[2][2], "科技局|工信局|商务局");
}

#[test]
fn a_wrapped_cell_is_one_paragraph_in_pieces() {
    let doc = read(WRAPPED).expect("claimed");
    let Some(Block::Table(t)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("a table") };
    let cell = &t.rows[3][1];
    assert_eq!(cell.text.paras.len(), 1);
    assert_eq!(cell.text.paras[0].len(), 2);
    assert_eq!(
        cell.text.joined(WRAPPED, "|"),
        "Build a patent insurance pilot for small firms and report onit twice a year."
    );
}

#[test]
fn tables_without_header_close_with_a_rule() {
    let t = tables(HEADLESS);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0], strings(&[&["1", "做好政务公开“堵点”工作。", "区财政局"], &["2", "加强审计。", "区审计局"]]));
    assert_eq!(t[1], strings(&[&["1", "做好政务公开工作。", "区财政局|区税务局"], &["2", "加强审计。", "区审计局"]]));
    assert_eq!(paras(HEADLESS), vec!["附件"]);
    // Without its closing rule, it is no table.
    let open = "  --- ------\n  1   甲局\n  2   乙局\n";
    assert!(read(open).is_none());
}

#[test]
fn a_first_row_that_names_the_columns_is_read_as_a_header() {
    // A page that wrote its header as plain cells: pandoc makes a table without header.
    let src = "  -------------- ------------- ----------\n  序号           工作任务      负责\n                               部门\n\n  1              做好公开。    区财政局\n                               区税务局\n  -------------- ------------- ----------\n";
    let doc = read(src).expect("claimed");
    let Some(Block::Table(t)) = doc.blocks.first() else { panic!("a table first") };
    assert_eq!(t.rows[0][2].text.paras.len(), 1, "one paragraph: 负责部门");
    assert_eq!(t.rows[1][2].text.paras.len(), 2, "two units");
    assert_eq!(
        tables(src)[0],
        strings(&[&["序号", "工作任务", "负责部门"], &["1", "做好公开。", "区财政局|区税务局"]])
    );
}

#[test]
fn rows_without_header_are_lines_or_runs_as_pandoc_parts_them() {
    // Simple: a line a row, a row of empty cells padded with spaces.
    let simple = "  --- ------------\n  1   做好公开。\n      \n  2   加强审计。\n  --- ------------\n";
    assert_eq!(tables(simple)[0], strings(&[&["1", "做好公开。"], &["2", "加强审计。"]]));
    // Multiline of one row: an empty line before the closing rule.
    let multi = "  ------- -----------\n  1       区财政局\n          区税务局\n\n  ------- -----------\n";
    assert_eq!(tables(multi)[0], strings(&[&["1", "区财政局|区税务局"]]));
    // A simple table with a header ends at its blank line, a padded one included.
    let open = "  序号   名称\n  ------ ------\n  1      甲局\n         \n  2      乙局\n\n后记\n";
    assert_eq!(tables(open)[0].len(), 3);
    assert_eq!(paras(open), vec!["后记"]);
}

#[test]
fn merged_cells_that_pandoc_2_left_blank_are_spans_again() {
    let doc = read(MERGED).expect("claimed");
    let Some(Block::Table(t)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("a table") };
    let from = |r: usize, c: usize| t.rows[r][c].from;
    // `工作措施` over two columns.
    assert_eq!(from(0, 1), Some((0, 0)));
    assert_eq!(from(0, 2), None);
    // A heading over its whole row.
    assert_eq!([from(1, 1), from(1, 2), from(1, 3)], [Some((1, 0)); 3]);
    // `（一）政务服务` over two rows; `（二）要素保障` over one.
    assert_eq!(from(3, 0), Some((2, 0)));
    assert_eq!(from(4, 0), None);
    // A lead cell left empty is no span: only groups at the left are.
    assert_eq!(from(3, 2), None);
    assert!(t.rows[3][2].text.paras.is_empty());
    assert_eq!(tables(MERGED)[0][3], vec!["", "2.压缩开办时间。", "", "区税务局|区公安分局"]);
    // The classified columns: a group column, then the task.
    let plan = crate::parse(MERGED);
    let tasks: Vec<_> = plan.tasks().collect();
    assert_eq!(tasks.len(), 3, "{tasks:#?}");
    assert!(tasks[1].task.lead.is_empty());
    let supporting: Vec<_> = tasks[1].task.supporting.iter().map(|u| u.name.as_ref()).collect();
    assert_eq!(supporting, vec!["区税务局", "区公安分局"]);
}

#[test]
fn other_texts_are_not_claimed() {
    let not = [
        "",
        "一、总体要求\n\n--------\n\n二、主要任务\n",
        "---\ntitle: x\n---\n正文\n",
        "- - -\n\n- 首页\n-   \n",
        // A grid table is another reader's.
        "+------+------+\n| 序号 | 任务 |\n+======+======+\n| 1    | 甲   |\n+------+------+\n",
        // Prose under a dashed line runs across the columns.
        "说明\n---- ----\n本方案自印发之日起施行，由区政府办公室负责解释。\n\n",
        // One column of text only.
        "  ---- ------\n  甲\n  乙\n  ---- ------\n",
    ];
    for src in not {
        assert!(read(src).is_none(), "{src:?}");
    }
}

#[test]
fn hostile_inputs_end_fast_and_do_not_panic() {
    let many = format!("{}\n1 2\n", "-- ".repeat(10_000));
    assert!(read(&many).is_none());
    let long = format!("  ---- ----\n  {}\n  ---- ----\n", "甲".repeat(1_000_000));
    assert!(read(&long).is_none());
    let rules = "---- ----\n".repeat(100_000);
    assert!(read(&rules).is_none());
    let open = format!("  ---- ----\n{}", "  1    甲\n\n".repeat(50_000));
    assert!(read(&open).is_none());
    for src in
        ["-- --\r\n\t甲 乙\r\n-- --", "\u{3000}---- ----\n甲\u{300}乙 x\n---- ----", "--\n", "----- --\n\u{1F600}a b\n"]
    {
        let _ = read(src);
    }
    let rows = format!("  序号   名称\n  ------ ------\n{}", "  1      甲局\n".repeat(200_000));
    assert_eq!(tables(&rows)[0].len(), 200_001);
    // Sixty-four columns over half a million short rows: more cells than the text may make.
    let wide = format!("{}\n{}", "--- ".repeat(64), "1   2\n".repeat(500_000));
    assert!(read(&wide).is_none());
}

#[test]
fn the_segments_of_a_parse_tile_the_input() {
    for src in [SIMPLE, MULTI, WRAPPED, HEADLESS, MERGED] {
        let plan = crate::parse(src);
        assert_eq!(plan.layout, Layout::DashedTable);
        crate::read::assert_tiles(src, &plan);
    }
}

#[test]
fn the_outline_reads_the_tasks_of_a_simple_table() {
    let plan = crate::parse(SIMPLE);
    // The rows of the table are its tasks (the note under it is the outline's to judge).
    let tasks: Vec<_> = plan.tasks().take(4).collect();
    let texts: Vec<_> = tasks.iter().map(|t| t.task.text.as_ref()).collect();
    assert_eq!(
        texts,
        vec![
            "推进“一网通办”，提升网上办事效率。",
            "压缩企业开办时间至1个工作日以内。",
            "做好重点项目用地保障。",
            "落实减税降费政策。"
        ]
    );
    let t = tasks[1].task;
    assert_eq!(t.lead[0].name, "区市场监管局");
    assert_eq!(t.lead[0].span.slice(SIMPLE), "区市场监管局");
    let supporting: Vec<_> = t.supporting.iter().map(|u| u.name.as_ref()).collect();
    assert_eq!(supporting, vec!["区税务局", "区公安分局"]);
}
