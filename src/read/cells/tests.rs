use super::*;

const TASKS: &str = include_str!("../../../fixtures/read/cells/docx2txt-tasks.txt");
const SPAN: &str = include_str!("../../../fixtures/read/cells/lo-text-span.txt");
const PROBLEMS: &str = include_str!("../../../fixtures/read/cells/docx2txt-problems.txt");

/// The rows of the first table of `src`, each cell's paragraphs joined
/// by `/`, a covered slot as `^row,col`.
fn rows_of(src: &str) -> Vec<Vec<String>> {
    crate::read::first_table_rows(&read(src).expect("a table"), src)
}

/// The paragraphs of `src`'s document before its first table and after
/// its last.
fn around(src: &str) -> (Vec<String>, Vec<String>) {
    let doc = read(src).expect("a table");
    let first = doc.blocks.iter().position(|b| matches!(b, Block::Table(_))).expect("a table");
    let last = doc.blocks.iter().rposition(|b| matches!(b, Block::Table(_))).expect("a table");
    let text = |b: &Block| match b {
        Block::Para(t) => t.joined(src, "/"),
        Block::Table(_) => String::new(),
    };
    (doc.blocks[..first].iter().map(text).collect(), doc.blocks[last + 1..].iter().map(text).collect())
}

#[test]
fn rows_are_rebuilt_from_cells_one_per_line() {
    let src = "分解表\n工作任务\n工作要求\n牵头单位\n配合单位\n一、加强公开\n1.做好公开。\n \n市直各单位\n\n\
               2.做好解读。\n市财政局\n市税务局\n\n3.做好回应。\n \n市直各单位\n";
    assert_eq!(
        rows_of(src),
        [
            vec!["工作任务", "工作要求", "牵头单位", "配合单位"],
            vec!["一、加强公开", "1.做好公开。", "", "市直各单位"],
            vec!["^1,0", "2.做好解读。", "市财政局", "市税务局"],
            vec!["^1,0", "3.做好回应。", "", "市直各单位"],
        ]
    );
    assert_eq!(read(src).map(|d| d.layout), Some(Layout::CellPerLine));
}

#[test]
fn a_cell_of_several_paragraphs_keeps_them_in_one_cell() {
    // A lead cell of two paragraphs (one unit each) between an empty
    // merged cell and the next column's units.
    let rows = rows_of(TASKS);
    assert_eq!(rows[2], ["^1,0", "2.规范政府信息公开申请办理，提升答复质量。", "县司法局/县政府办公室", "县直各单位"]);
    // A units cell broken after a trailing `、`, and a schedule of
    // three paragraphs.
    assert_eq!(rows_of(PROBLEMS)[2][2], "区财金局、经发局牵头，区环土局、/交建局、社会事业局");
    assert_eq!(rows_of(SPAN)[2][4], "第二季度：起草办法。/第四季度：印发实施。");
    let plan = crate::parse(TASKS);
    let task = plan.tasks().nth(1).expect("a second task").task;
    let lead: Vec<&str> = task.lead.iter().map(|u| u.span.slice(TASKS)).collect();
    assert_eq!(lead, ["县司法局", "县政府办公室"]);
}

#[test]
fn a_merged_cell_covers_the_empty_lines_below_it() {
    let rows = rows_of(PROBLEMS);
    let first: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    // The fifth row lacks the merged cell altogether: covered as well.
    assert_eq!(first, ["存在问题", "投资增长动力不足", "^1,0", "中小企业困难较大", "^3,0", "^3,0"]);
    let plan = crate::parse(PROBLEMS);
    let groups: Vec<String> = plan.tasks().map(|t| t.section_titles()).collect();
    assert_eq!(
        groups,
        ["投资增长动力不足", "投资增长动力不足", "中小企业困难较大", "中小企业困难较大", "中小企业困难较大"]
    );
}

#[test]
fn a_row_with_a_task_and_no_units_takes_the_units_merged_over_it() {
    // Rows 1 and 2 share a units cell merged over both (an empty line
    // in the second); row 3's empty lead cell stays empty, since its
    // supporting cell is filled.
    let src = "分解表\n序号\n工作任务\n牵头单位\n配合单位\n1\n做好公开。\n市财政局\n市税务局\n\
               2\n做好解读。\n\n\n3\n做好回应。\n\n市直各单位\n4\n做好培训。\n市司法局\n市人社局\n";
    let rows = rows_of(src);
    assert_eq!(rows[2], ["2", "做好解读。", "^1,2", "^1,3"]);
    assert_eq!(rows[3], ["3", "做好回应。", "", "市直各单位"]);
    let plan = crate::parse(src);
    let second = plan.tasks().nth(1).expect("a second task").task;
    assert_eq!(second.lead[0].name, "市财政局");
    assert_eq!(second.supporting[0].name, "市税务局");
    crate::read::assert_tiles(src, &plan);
}

#[test]
fn a_header_name_over_two_lines_or_two_columns_is_one_cell() {
    let rows = rows_of(SPAN);
    // `负责` / `部门`: one name in two lines; `工作措施` over the group
    // column and the task column.
    assert_eq!(rows[0], ["工作措施", "^0,0", "工作目标", "具体内容", "进度安排", "负责/部门", "完成标准"]);
    // A section heading across the table, then a group cell and a task.
    assert_eq!(rows[1][..2], ["一、“制度建设”主体任务", "^1,0"]);
    assert_eq!(rows[2][..2], ["（一）完善知识产权政策体系", "1.制定专利资助办法"]);
    assert_eq!(rows[3][5], "知识产权科/执法稽查大队/各分局");
    let plan = crate::parse(SPAN);
    let units: Vec<usize> = plan.tasks().map(|t| t.task.responsible.len()).collect();
    assert_eq!(units, [1, 3, 1, 1]);
}

#[test]
fn text_around_the_table_is_paragraphs() {
    let (before, after) = around(TASKS);
    assert!(before.contains(&"各乡镇人民政府，县直各单位：".to_string()), "{before:?}");
    assert_eq!(before.last().map(String::as_str), Some("2023年全县政务公开重点任务分工表"));
    // The page's footer after the last row is no row of the table.
    assert_eq!(after.first().map(String::as_str), Some("来源：某县人民政府办公室"));
    assert_eq!(rows_of(TASKS).last().map(|r| r[1].as_str()), Some("5.将政务公开工作纳入年度绩效考核。"));
    // A line of fields apart by pipes: a paragraph a field.
    assert!(after.windows(3).any(|w| w == ["使用帮助", "联系我们", "网站地图"]), "{after:?}");
    let plan = crate::parse(TASKS);
    assert_eq!(plan.title, "2023年全县政务公开重点任务分工表");
    assert_eq!(plan.tasks().count(), 5);
}

#[test]
fn texts_of_other_shapes_are_not_claimed() {
    // Prose, with no header.
    assert!(read("一、总体要求\n1.做好公开。（市财政局牵头）\n\n2.做好解读。（市税务局负责）\n").is_none());
    // One cell per line with no empty cell: plain lines, the outline's.
    let plain = "工作事项\n具体任务\n牵头及责任单位\n一、深化公开\n1.做好财政公开。\n市财政局牵头，各县配合\n\
                 2.推进项目公开。\n市发展改革委牵头\n二、加强解读\n3.健全解读机制。\n市府直属各部门\n";
    assert!(read(plain).is_none());
    // A tab table, and a header with nothing under it.
    assert!(read("工作任务\t牵头单位\n1.做好公开。\t市财政局\n\n2.做好解读。\t市税务局\n").is_none());
    assert!(read("工作任务\n牵头单位\n配合单位\n\n附件\n").is_none());
    // Rows that lack their merged cells, no empty line standing for
    // them: plain lines again, whatever empty lines come between.
    let short = "工作事项\n具体任务\n责任单位\n一、公开\n1.做好公开。\n市财政局\n2.做好解读。\n市税务局\n\n\
                 3.做好回应。\n市审计局\n\n二、培训\n4.做好培训。\n市统计局\n5.做好宣传。\n市文旅局\n\n";
    assert!(read(short).is_none());
    // Two tables: the outline would read the second's header as a row.
    assert!(read(&format!("{TASKS}\n{PROBLEMS}")).is_none());
}

#[test]
fn fixtures_parse_losslessly() {
    for src in [TASKS, SPAN, PROBLEMS] {
        let plan = crate::parse(src);
        assert_eq!(plan.layout, Layout::CellPerLine);
        crate::read::assert_tiles(src, &plan);
    }
}

#[test]
fn reading_is_total_and_cheap() {
    for src in [TASKS, SPAN, PROBLEMS] {
        for cut in (0..src.len()).filter(|&c| src.is_char_boundary(c)) {
            let _ = read(&src[..cut]);
        }
    }
    // One line of 10 MB, a header over a body too long to read, a
    // header of more columns than a table has.
    let line = "市财政局、".repeat(2_000_000);
    assert!(read(&format!("工作任务\n牵头单位\n配合单位\n{line}\n")).is_none());
    let body = "1.做好公开。\n\n市财政局\n".repeat(MAX_BODY_LINES / 3 + 1);
    assert!(read(&format!("工作任务\n牵头单位\n配合单位\n{body}")).is_none());
    let wide = "工作任务\n牵头单位\n".repeat(MAX_COLUMNS);
    assert!(read(&format!("{wide}1.做好公开。\n\n市财政局\n")).is_none());
}
