use super::*;

#[test]
fn line_ends() {
    let lines = |s: &str| -> Vec<String> {
        let index = LineIndex::new(s);
        index.lines(s).map(|l| l.slice(s).to_string()).collect()
    };
    assert_eq!(lines("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
    assert_eq!(lines("a\n"), ["a"]);
    assert!(lines("").is_empty());
    assert_eq!(lines("a\r\r\n\n\rb"), ["a", "", "", "", "b"]);
}

#[test]
fn lines_a_browser_wrapped_at_one_length_are_joined() {
    // `lynx -dump`: paragraphs apart by blank lines, the two longest
    // wrapped at the same count of characters, one inside a unit's name.
    let long = "加强危险化学品运输安全管控，严格落实各单位的责任".repeat(3);
    let mut s = String::from("一、总体要求\n\n");
    s.push_str(&format!("1.{long}（区交通局牵头，区公安局、环境与\n国土资源局配合）\n\n"));
    s.push_str(&format!("2.{long}（区公安局牵头，区交通局配合，持\n续推进）\n\n"));
    s.push_str("3.做好公开。（区财政局负责）\n");
    let index = LineIndex::new(&s);
    let mut c = cells(&s, &index, &mut Shape::default(), 1);
    assert_eq!(join_wrapped(&s, &mut c), 2);
    let plan = crate::parse(&s);
    let tasks: Vec<_> = plan.tasks().collect();
    let supporting: Vec<&str> = tasks[0].task.supporting.iter().map(|u| &*u.name).collect();
    assert_eq!(supporting, ["区公安局", "环境与国土资源局"]);
}

#[test]
fn html_tags_around_a_line_or_a_cell_are_no_text() {
    let s =
        "<div class=\"article\">\n| <span style=\"font-size:16pt\">序号</span> | **工作任务** |\n<p>一、总体要求</p>\n";
    let c = cells(s, &LineIndex::new(s), &mut Shape::default(), 1);
    let got: Vec<&str> = c.iter().map(|c| c.span.slice(s)).collect();
    assert_eq!(got, ["序号", "工作任务", "一、总体要求"]);
    // A tag inside the text stays, and a lone `<` is text.
    let s = "市财政局<br>市税务局\n3 < 4 >\n";
    let c = cells(s, &LineIndex::new(s), &mut Shape::default(), 1);
    let got: Vec<&str> = c.iter().map(|c| c.span.slice(s)).collect();
    assert_eq!(got, ["市财政局<br>市税务局", "3 < 4 >"]);
}

/// A page converted to Markdown by pandoc: styled paragraphs around a
/// pipe table whose cells are each in a `<span style=…>`.
#[test]
fn a_pipe_table_of_styled_cells_among_styled_paragraphs_is_read() {
    let span = |t: &str| format!("<span style=\"font-family:仿宋_GB2312\">{t}</span>");
    let mut s = String::from("<div class=\"content\">\n\n");
    s.push_str(&format!("{}\n\n{}\n\n", span("各乡镇人民政府："), span("现将任务清单印发给你们。")));
    s.push_str("|   |   |   |\n|---|---|---|\n");
    s.push_str(&format!("| {} | {} | {} |\n", span("序号"), span("工作任务"), span("责任部门")));
    s.push_str(&format!(
        "| {} | {} | {} |\n",
        span("1"),
        span("稳定粮食播种面积。"),
        span("县农业农村局（牵头）、县财政局")
    ));
    s.push_str(&format!("| {} | {} | {} |\n", span("2"), span("新建高标准农田。"), span("县自然资源局")));
    s.push_str("\n</div>\n");
    let plan = crate::parse(&s);
    assert_eq!(plan.layout, crate::Layout::PipeTable);
    let tasks: Vec<_> = plan.tasks().collect();
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0].task.lead[0].name, "县农业农村局");
    assert_eq!(tasks[0].task.supporting[0].name, "县财政局");
    crate::read::assert_tiles(&s, &plan);
}

#[test]
fn bullets_apart_by_spaces_are_no_cells() {
    // A page's menu as docx2txt (`*     `) and pandoc (`-   `) write it,
    // in a text whose lines are cut at runs of spaces.
    let s = "首页  要闻  公开\n首页  要闻  公开\n首页  要闻  公开\n    *     首页\n-   部门文件\n- 4 -\n";
    let c = cells(s, &LineIndex::new(s), &mut Shape::default(), 1);
    let got: Vec<(&str, usize)> = c.iter().skip(9).map(|c| (c.span.slice(s), c.cols)).collect();
    assert_eq!(got, [("首页", 1), ("部门文件", 1), ("- 4 -", 1)]);
}

#[test]
fn a_menu_item_naming_a_column_is_no_header() {
    // `部门文件` reads as a units column's name; as a menu item it must
    // not become the header, leaving the notice above it read as tasks.
    let s = "国务院  省政府  省人大\n移动版  登录  注册\n首页  要闻  公开\n    *     首页\n    *     部门文件 \n市局关于印发工作任务分解表的通知\n\n各处室、各分局：\n现印发给你们。\n\n\
             工作任务分解表\n一、总体要求\n1.完善制度。\n知识产权处\n2.加强执法。\n稽查支队\n";
    let plan = crate::parse(s);
    crate::read::assert_tiles(s, &plan);
    assert_eq!(plan.title, "工作任务分解表");
    let tasks: Vec<(&str, Vec<&str>)> = plan
        .sections
        .iter()
        .flat_map(|x| &x.tasks)
        .map(|t| (t.text.as_ref(), t.responsible.iter().map(|u| u.name.as_ref()).collect()))
        .collect();
    assert_eq!(tasks, [("完善制度。", vec!["知识产权处"]), ("加强执法。", vec!["稽查支队"])]);
}

#[test]
fn tab_rows() {
    let s = "\t1.任务\n一、标题\t2.任务\t\t市局\n";
    let c = cells(s, &LineIndex::new(s), &mut Shape::default(), 1);
    let got: Vec<(&str, usize)> = c.iter().map(|c| (c.span.slice(s), c.col)).collect();
    assert_eq!(got, [("1.任务", 0), ("一、标题", 0), ("2.任务", 1), ("市局", 3)]);
}

#[test]
fn run_on_plan_is_cut_at_markers_in_sequence() {
    let body = "一、总体目标 1.地区生产总值增长6.2%左右。牵头单位:区发改局 责任单位:各街道 2.2021年底前完成改造。牵头单位:区住建局 二、重点任务 1.推进项目。责任单位:区商务局";
    let s = body.to_string();
    let mut c = vec![Cell { span: Span::new(0, s.len()), line: 0, col: 0, cols: 1 }];
    assert!(split_run_on(&s, &mut c));
    let got: Vec<&str> = c.iter().map(|c| c.span.slice(&s)).collect();
    assert_eq!(
        got,
        [
            "一、总体目标",
            "1.地区生产总值增长6.2%左右。",
            "牵头单位:区发改局",
            "责任单位:各街道",
            "2.2021年底前完成改造。",
            "牵头单位:区住建局",
            "二、重点任务",
            "1.推进项目。",
            "责任单位:区商务局",
        ]
    );
}

#[test]
fn pipe_rows_and_rules() {
    let s = "| 序号 | 任务 | 单位 |\n|---|:--:|---|\n| 1 | 做好 | 市局 |\n|\n办公室\n";
    let c = cells(s, &LineIndex::new(s), &mut Shape::default(), 1);
    let got: Vec<(&str, usize, usize)> = c.iter().map(|c| (c.span.slice(s), c.col, c.cols)).collect();
    let want =
        [("序号", 0, 3), ("任务", 1, 3), ("单位", 2, 3), ("1", 0, 3), ("做好", 1, 3), ("市局", 2, 3), ("办公室", 0, 1)];
    assert_eq!(got, want);
}

#[test]
fn a_site_footer_after_the_plan_is_no_task() {
    // A saved page's text: the plan's last section, then the site's footer,
    // whose `主办：X` would read as a labelled lead.
    let s = "三、工作要求\n1.做好公开。（区财政局负责）\n各单位要细化举措，按时报送进展。\n\
             主办：某区人民政府办公室承办：某区信息中心联系电话：0000-1234567\n\
             网站标识码：1234000001 备案号：某ICP备12345678号-1\n";
    let plan = crate::parse(s);
    let units: Vec<&str> = plan.tasks().flat_map(|t| t.task.units()).map(|(_, u)| &*u.name).collect();
    assert_eq!(units, ["区财政局"]);
    assert!(is_site_footer("主办：某区人民政府办公室 承办：某区信息中心"));
    assert!(!is_site_footer("主办单位：区财政局"));
    crate::read::assert_tiles(s, &plan);
}
