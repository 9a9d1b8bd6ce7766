use super::*;

const ROWS: &str = include_str!("../../../fixtures/read/grid/w3m-rows.txt");
const COLUMN: &str = include_str!("../../../fixtures/read/grid/w3m-column.txt");
const COLUMN_WIDE: &str = include_str!("../../../fixtures/read/grid/w3m-column-wide.txt");
const COLUMN_ASCII: &str = include_str!("../../../fixtures/read/grid/w3m-column-ascii.txt");
const PANDOC: &str = include_str!("../../../fixtures/read/grid/pandoc-rows.txt");
const FIXTURES: [&str; 5] = [ROWS, COLUMN, COLUMN_WIDE, COLUMN_ASCII, PANDOC];

/// The one table of `src`'s document, and the document.
fn table(src: &str) -> (Table, Document) {
    let doc = read(src).expect("a grid");
    let tables: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Para(_) => None,
        })
        .collect();
    assert_eq!(tables.len(), 1);
    (tables[0].clone(), doc)
}

/// A cell's text, its paragraphs apart by `|`.
fn text(src: &str, t: &Table, r: usize, c: usize) -> String {
    t.rows[r][c].text.joined(src, "|")
}

/// Every cell's text, row by row, a covered slot as `^`.
fn grid(src: &str, t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|row| row.iter().map(|c| if c.from.is_some() { "^".into() } else { c.text.joined(src, "|") }).collect())
        .collect()
}

#[test]
fn a_cell_wrapped_over_lines_is_one_paragraph_of_its_lines() {
    let (t, _) = table(ROWS);
    let cell = &t.rows[2][1].text;
    assert_eq!(cell.paras.len(), 1);
    assert_eq!(cell.paras[0].len(), 2, "one piece a line");
    assert_eq!(
        text(ROWS, &t, 2, 1),
        "深化“一网通办”改革，推动高频政务服务事项全程网办，企业开办时间压缩至1个工作日以内。"
    );
    assert_eq!(text(ROWS, &t, 2, 3), "县市场监管局、县税务局、县公安局");
    assert_eq!(text(ROWS, &t, 2, 4), "2023年6月底前");
    // Latin words wrapped at a space keep it.
    assert_eq!(text(PANDOC, &table(PANDOC).0, 7, 1), "加强 Enterprise Credit Rating结果应用。");
}

#[test]
fn the_header_row_is_read_with_its_wrapped_names_whole() {
    let (t, _) = table(ROWS);
    assert_eq!(grid(ROWS, &t)[0], ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]);
    let (t, _) = table(COLUMN_ASCII);
    assert_eq!(grid(COLUMN_ASCII, &t)[0], ["工作任务", "工作要求", "牵头单位", "配合/责任单位"]);
}

#[test]
fn a_row_with_no_walls_is_one_cell_over_the_columns() {
    let (t, _) = table(ROWS);
    assert_eq!(text(ROWS, &t, 1, 0), "一、提升政务服务效能");
    assert!(t.rows[1][1..].iter().all(|c| c.from == Some((1, 0)) && c.text.paras.is_empty()));
    assert_eq!(t.rows[5][4].from, Some((5, 0)));
}

#[test]
fn a_cell_with_no_rule_under_it_runs_down_the_rows() {
    let (t, _) = table(ROWS);
    assert_eq!(text(ROWS, &t, 3, 2), "县政务服务中心");
    assert_eq!(t.rows[4][2].from, Some((3, 2)));
    // Its text crosses the rule of the other columns.
    assert_eq!(text(ROWS, &t, 6, 3), "县司法局、县发展改革局、各乡镇人民政府");
    assert_eq!(t.rows[7][3].from, Some((6, 3)));
    // A first column merged down: the rules between start with a wall.
    let (t, _) = table(COLUMN);
    assert_eq!(text(COLUMN, &t, 1, 0), "一、加强涉及市场主体的信息公开");
    assert_eq!((t.rows[2][0].from, t.rows[3][0].from), (Some((1, 0)), Some((1, 0))));
    assert_eq!(t.rows[5][0].from, Some((4, 0)));
}

#[test]
fn separate_paragraphs_of_a_cell_stay_apart() {
    let (t, _) = table(ROWS);
    assert_eq!(text(ROWS, &t, 3, 3), "县发展改革局|县自然资源局");
    let (t, _) = table(PANDOC);
    assert_eq!(text(PANDOC, &t, 3, 3), "县发展改革局|县自然资源局");
    // A line that stops short of its column where the next word fits
    // was broken on purpose (w3m): a new paragraph.
    let src = "┌────────┬──────┐\n│单位    │任务  │\n├────────┼──────┤\n│县财政局│做好  │\n│县审计局│审计。│\n└────────┴──────┘\n";
    let (t, _) = table(src);
    assert_eq!(text(src, &t, 1, 0), "县财政局县审计局", "a full line wraps");
    assert_eq!(text(src, &t, 1, 1), "做好|审计。", "a short one is broken");
}

#[test]
fn the_same_table_reads_the_same_in_every_drawing() {
    let (narrow, _) = table(COLUMN);
    let want = grid(COLUMN, &narrow);
    assert_eq!(want.len(), 6);
    assert_eq!(
        want[2],
        [
            "^",
            "2.加大帮扶政策的公开力度，促进稳就业和消费恢复。",
            "县财政局|县人社局",
            "各乡镇人民政府、县直各有关单位"
        ]
    );
    assert_eq!(want[3], ["^", "3.建立市场主体反映审批问题的办理和反馈机制。", "", "^"]);
    for src in [COLUMN_WIDE, COLUMN_ASCII] {
        assert_eq!(grid(src, &table(src).0), want);
    }
}

#[test]
fn pandoc_grid_rows_keep_their_cells_and_join_wrapped_lines() {
    let (t, _) = table(PANDOC);
    let g = grid(PANDOC, &t);
    assert_eq!(g.len(), 8);
    assert_eq!(g[1], ["一、提升政务服务效能", "", "", "", ""]);
    assert_eq!(g[2][1], "深化“一网通办”改革，推动高频政务服务事项全程网办，企业开办时间压缩至1个工作日以内。");
    assert_eq!(g[6][3], "县司法局、县发展改革局、各乡镇人民政府");
}

#[test]
fn walls_a_column_off_still_cut_the_line() {
    // The second content line is drawn one column short, as when a
    // character is measured otherwise than the tool did.
    let src = "+-----+-----+\n| 甲  | 乙  |\n| 丙 | 丁 |\n+-----+-----+\n| 戊  | 己  |\n+-----+-----+\n";
    let (t, _) = table(src);
    assert_eq!(grid(src, &t), [["甲丙", "乙丁"], ["戊", "己"]]);
}

#[test]
fn text_around_the_table_is_paragraphs_line_by_line() {
    let (_, doc) = table(ROWS);
    let paras = |blocks: &[Block]| -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Para(t) => t.joined(ROWS, "|"),
                Block::Table(_) => "<table>".into(),
            })
            .collect()
    };
    let all = paras(&doc.blocks);
    assert_eq!(all[0], "首页 | 政务公开 | 政策文件");
    assert_eq!(all[4], "2023年营商环境优化提升工作任务分工方案");
    assert_eq!(all[5], "<table>");
    assert_eq!(all[6..], ["注：列第一位者为牵头单位。", "版权所有：某县人民政府"]);
    assert_eq!(doc.layout, Layout::BoxGrid);
}

#[test]
fn texts_with_no_grid_are_not_claimed() {
    for src in [
        "",
        "一、总体要求\n1.做好公开。（市财政局牵头）\n",
        "| 工作任务 | 牵头单位 |\n|---|---|\n| 做好公开 | 市财政局 |\n",
        "+------+\n| 注意 |\n+------+\n",
        "+-5%，-3%+-2%\n+---\n|x|\n",
        "┌──┐\n│甲│\n└──┘\n",
        "┌──┬──┐\n│甲│乙│\n└──┴──┘\n",
        "+--+--+\n|a|b|\n|c|d|\n",
    ] {
        assert_eq!(read(src), None, "{src:?}");
    }
}

#[test]
fn hostile_grids_end_fast_and_whole() {
    let wide =
        format!("+{}+\n|{}|\n|{}|\n+{}+\n", "-+".repeat(5000), " |".repeat(5000), " |".repeat(5000), "-+".repeat(5000));
    assert_eq!(read(&wide), None, "too many columns");
    let long = format!("+--+--+\n|{}|b|\n+--+--+\n|c|d|\n+--+--+\n", "甲".repeat(100_000));
    assert_eq!(read(&long), None, "a line too long");
    let tall = format!("+--+--+\n{}+--+--+\n", "|a |b |\n+--+--+\n".repeat(20_000));
    let (t, _) = table(&tall);
    assert_eq!(t.rows.len(), 20_000);
    let rules = "+--+--+\n".repeat(200_000);
    assert_eq!(read(&rules), None, "rules and no rows");
    let boxes = "+--+--+\n|a |\n".repeat(100_000);
    let _ = read(&boxes);
    for src in ["┌─┬\n│", "+-+-+\n|\u{0301}|\u{200b}|\n+-+-+\n|┼|+|\n+-+-+\n", "┌┬┐\n├┼┤\n└┴┘\n"]
    {
        let _ = read(src);
    }
}

#[test]
fn a_grid_plan_parses_with_its_units_and_tiles_its_text() {
    let plan = crate::parse(ROWS);
    // The note under the table is read as a task of no units; the rows are the five with units.
    let tasks: Vec<_> = plan.tasks().map(|t| t.task).filter(|t| !t.lead.is_empty()).collect();
    assert_eq!(tasks.len(), 5);
    let names = |u: &[crate::model::Unit]| u.iter().map(|u| u.name.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&tasks[1].lead), ["县政务服务中心"]);
    assert_eq!(names(&tasks[1].supporting), ["县发展改革局", "县自然资源局"]);
    assert_eq!(names(&tasks[2].lead), ["县政务服务中心"]);
    assert_eq!(names(&tasks[4].supporting), ["县司法局", "县发展改革局", "各乡镇人民政府"]);
    for src in FIXTURES {
        let plan = crate::parse(src);
        crate::read::assert_tiles(src, &plan);
    }
}
