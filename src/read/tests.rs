use super::*;

fn para(src: &str, s: &str) -> Text {
    let at = src.find(s).expect("in the text");
    Text::of(Span::new(at, at + s.len()))
}

#[test]
fn a_table_flattens_to_tab_rows_and_its_spans_come_back() {
    let src = "<t>工作任务|牵头单位|配合单位\n一、公开|1.做好公开。|市财政局|市税务局\n2.做好审计。|市审计局</t>";
    let cell = |s: &str| Cell { text: para(src, s), from: None };
    let table = Table {
        rows: vec![
            vec![cell("工作任务"), cell("牵头单位"), cell("配合单位")],
            vec![cell("1.做好公开。"), cell("市财政局"), cell("市税务局")],
            vec![cell("2.做好审计。"), cell("市审计局"), Cell { text: Text::default(), from: Some((1, 2)) }],
        ],
    };
    let doc = Document {
        blocks: vec![Block::Para(para(src, "一、公开")), Block::Table(table)],
        layout: Layout::MarkupTable,
    };
    let flat = flatten(&doc, src);
    assert_eq!(
        flat.text,
        "一、公开\n| 工作事项 | 具体任务 | 牵头单位 | 配合单位 |\n|  | 1.做好公开。 | 市财政局 | 市税务局 |\n|  | 2.做好审计。 | 市审计局 | 市税务局 |\n"
    );
    let plan = parse(src, &doc, &crate::Options::default());
    let tasks: Vec<_> = plan.tasks().collect();
    assert_eq!(tasks.len(), 2);
    let t = tasks[1].task;
    assert_eq!(t.lead[0].name, "市审计局");
    assert_eq!(t.lead[0].span.slice(src), "市审计局");
    // The merged cell's unit points at the one place it is written.
    assert_eq!(t.supporting[0].span.slice(src), "市税务局");
    assert_eq!(t.span.slice(src), "2.做好审计。");
    crate::read::assert_tiles(src, &plan);
}

#[test]
fn units_on_one_long_line_get_their_line_without_a_walk_each() {
    // Each unit's line was found with its column, walking the line from
    // its start: quadratic in a line of thousands of units.
    let units = "市税务局、".repeat(20_000);
    let src = format!("<t>工作任务|牵头单位|配合单位\n1.做好公开。|市财政局|{units}</t>");
    let src = src.as_str();
    let cell = |s: &str| Cell { text: para(src, s), from: None };
    let table = Table {
        rows: vec![
            vec![cell("工作任务"), cell("牵头单位"), cell("配合单位")],
            vec![cell("1.做好公开。"), cell("市财政局"), cell(units.trim_end_matches('、'))],
        ],
    };
    let doc = Document { blocks: vec![Block::Table(table)], layout: Layout::MarkupTable };
    let plan = parse(src, &doc, &crate::Options::default());
    let t = plan.tasks().next().expect("a task").task;
    assert_eq!(t.line, 2);
    assert!(!t.supporting.is_empty());
    assert!(t.supporting.iter().all(|u| u.line == 2 && u.raw == "市税务局"));
    crate::read::assert_tiles(src, &plan);
}

#[test]
fn a_long_cell_spread_over_many_rows_is_copied_within_the_input_size() {
    // One units cell merged over 2,000 rows, as a reader marks it: each
    // row would be written with a copy of it.
    let units = "市税务局、".repeat(2_000);
    let mut src = format!("<t>工作任务|牵头单位\n1.做好公开。|{units}\n");
    for k in 2..2_000 {
        src.push_str(&format!("{k}.做好公开。\n"));
    }
    src.push_str("</t>");
    let src = src.as_str();
    let cell = |s: &str| Cell { text: para(src, s), from: None };
    let mut rows = vec![vec![cell("工作任务"), cell("牵头单位")], vec![cell("1.做好公开。"), cell(&units)]];
    for k in 2..2_000 {
        let task = format!("{k}.做好公开。");
        rows.push(vec![cell(&task), Cell { text: Text::default(), from: Some((1, 1)) }]);
    }
    let doc = Document { blocks: vec![Block::Table(Table { rows })], layout: Layout::MarkupTable };
    let flat = flatten(&doc, src);
    assert!(flat.text.len() <= 3 * src.len(), "{} bytes written of {}", flat.text.len(), src.len());
    let plan = parse(src, &doc, &crate::Options::default());
    // The first rows under the cell still get its units.
    assert!(plan.tasks().nth(1).is_some_and(|t| !t.task.lead.is_empty()));
    crate::read::assert_tiles(src, &plan);
}

#[test]
fn a_units_cell_merged_over_the_rows_of_one_task_is_its_units_once() {
    // Task 1 and its units cell span two rows (two lines of remarks); the
    // units cell goes on over task 2's row.
    let src = "序号|具体任务|备注|责任单位\n1|做好公开。|内容一|市财政局\n内容二\n2|加强解读。|内容三\n";
    let cell = |s: &str| Cell { text: para(src, s), from: None };
    let up = |r: usize, c: usize| Cell { text: Text::default(), from: Some((r, c)) };
    let rows = vec![
        vec![cell("序号"), cell("具体任务"), cell("备注"), cell("责任单位")],
        vec![cell("1"), cell("做好公开。"), cell("内容一"), cell("市财政局")],
        vec![up(1, 0), up(1, 1), cell("内容二"), up(1, 3)],
        vec![cell("2"), cell("加强解读。"), cell("内容三"), up(1, 3)],
    ];
    let doc = Document { blocks: vec![Block::Table(Table { rows })], layout: Layout::MarkupTable };
    let plan = parse(src, &doc, &crate::Options::default());
    let units: Vec<Vec<String>> =
        plan.tasks().map(|t| t.task.responsible.iter().map(|u| u.name.to_string()).collect()).collect();
    assert_eq!(units, [["市财政局"], ["市财政局"]]);
    crate::read::assert_tiles(src, &plan);
}
