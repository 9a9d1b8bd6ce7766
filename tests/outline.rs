//! The outline rules of issue 2, one small plan each: numbering, markers
//! with missing punctuation, units-line punctuation, unparsed lines.

use fengong::{Code, Severity, parse};

fn codes(text: &str) -> Vec<Code> {
    parse(text).diagnostics.iter().map(|d| d.code).collect()
}

fn task_numbers(text: &str) -> Vec<u32> {
    let plan = parse(text);
    plan.sections.iter().flat_map(|s| s.tasks.iter().map(|t| t.number)).collect()
}

#[test]
fn numbering_runs_on_across_sections() {
    let text = "一、甲\n1.做甲。\n市财政局\n二、乙\n2.做乙。\n市税务局\n";
    assert_eq!(task_numbers(text), [1, 2]);
    assert!(!codes(text).contains(&Code::TaskNumberGap));
}

#[test]
fn numbering_restarts_per_section() {
    let text = "一、甲\n1.做甲。\n市财政局\n2.做丙。\n市财政局\n二、乙\n1.做乙。\n市税务局\n";
    assert_eq!(task_numbers(text), [1, 2, 1]);
    let c = codes(text);
    assert!(!c.contains(&Code::TaskNumberGap) && !c.contains(&Code::DuplicateTaskNumber), "{c:?}");
}

#[test]
fn gap_and_duplicate_are_reported() {
    let plan = parse("一、甲\n1.做甲。\n市财政局\n3.做丙。\n市财政局\n3.做丁。\n市税务局\n");
    let gap = plan.diagnostics.iter().find(|d| d.code == Code::TaskNumberGap).expect("gap");
    assert_eq!((gap.line, gap.column), (4, 1));
    assert_eq!(gap.message, "task 3 follows task 1; expected 2");
    let dup = plan.diagnostics.iter().find(|d| d.code == Code::DuplicateTaskNumber).expect("duplicate");
    assert_eq!(dup.line, 6);
}

#[test]
fn task_before_any_section() {
    let plan = parse("1.先做。\n市财政局\n一、甲\n2.做甲。\n市税务局\n");
    let d = plan.diagnostics.iter().find(|d| d.code == Code::TaskBeforeSection).expect("diagnostic");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(plan.sections[0].number, 0);
    assert_eq!(plan.sections[0].tasks[0].text, "先做。");
    assert_eq!(plan.sections[1].tasks[0].number, 2);
}

#[test]
fn section_marker_without_comma() {
    let plan = parse("一 加快推进\n1.构建机制。\n市财政局\n");
    assert_eq!(plan.sections[0].title, "加快推进");
    let d = plan.diagnostics.iter().find(|d| d.code == Code::SectionMarkerPunctuation).expect("diagnostic");
    assert_eq!(d.fix.as_ref().unwrap().replacement, "、");
    let plan = parse("一．加快推进\n1.构建机制。\n市财政局\n");
    assert_eq!(plan.sections[0].title, "加快推进");
    assert!(plan.diagnostics.iter().any(|d| d.code == Code::SectionMarkerPunctuation));
}

#[test]
fn task_number_without_dot_where_expected() {
    let plan = parse("一、甲\n1.做甲。\n市财政局\n2 构建机制。\n市税务局\n");
    let t = &plan.sections[0].tasks[1];
    assert_eq!((t.number, &*t.text), (2, "构建机制。"));
    assert_eq!(t.responsible[0].name, "市税务局");
    assert!(plan.diagnostics.iter().any(|d| d.code == Code::TaskMarkerPunctuation));
    // Not the number expected: a quantity, not a marker.
    let plan = parse("一、甲\n1.做甲：\n25 个部门完成。\n市财政局\n");
    assert_eq!(plan.sections[0].tasks.len(), 1);
    assert_eq!(plan.sections[0].tasks[0].text, "做甲：25 个部门完成。");
}

#[test]
fn full_width_and_other_task_markers() {
    for (text, marker) in [
        ("一、甲\n１．做甲。\n市财政局\n", "１．"),
        ("一、甲\n1、做甲。\n市财政局\n", "1、"),
        ("一、甲\n1. 做甲。\n市财政局\n", "1."),
    ] {
        let t = &parse(text).sections[0].tasks[0];
        assert_eq!((&*t.marker, &*t.text), (marker, "做甲。"), "{text}");
    }
}

#[test]
fn doubled_and_missing_final_stop_of_units() {
    let plan = parse("一、甲\n1.做甲。\n市财政局。。\n");
    assert_eq!(plan.sections[0].tasks[0].responsible[0].name, "市财政局");
    assert!(plan.diagnostics.iter().any(|d| d.code == Code::UnitsPunctuation && d.severity == Severity::Warning));
    let text = "一、甲\n1.甲。\n市财政局。\n2.乙。\n市税务局。\n3.丙。\n市审计局。\n4.丁。\n市统计局\n";
    let plan = parse(text);
    let d = plan.diagnostics.iter().find(|d| d.code == Code::UnitsPunctuation).expect("missing stop");
    assert_eq!(d.line, 9);
    assert_eq!(plan.sections[0].tasks[3].responsible[0].name, "市统计局");
}

#[test]
fn unparsed_lines_are_kept() {
    let text = "一、甲\n1.做甲。\n市财政局\n二〇二〇年三月的一些说明文字，与任务无关。\n二、乙\n";
    let plan = parse(text);
    assert_eq!(plan.unparsed.len(), 1);
    assert!(plan.unparsed[0].text.starts_with("二〇二〇年"));
    assert!(plan.diagnostics.iter().any(|d| d.code == Code::Unparsed && d.line == 4));
}

#[test]
fn whitespace_lines_and_no_final_newline() {
    let text = "一、甲\n\t\u{a0}\n\u{3000}\n1.做甲。\r\n市财政局";
    let plan = parse(text);
    assert_eq!(plan.sections[0].tasks[0].responsible[0].name, "市财政局");
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
}

#[test]
fn wrapped_task_text_joins_without_space() {
    let plan = parse("一、甲\n1.构建基层行政决策公众参与机\n制，听取意见。\n市财政局\n");
    assert_eq!(plan.sections[0].tasks[0].text, "构建基层行政决策公众参与机制，听取意见。");
}

#[test]
fn chinese_numerals_of_sections() {
    let plan = parse("十一、甲\n1.做。\n市财政局\n九十九、乙\n2.做。\n市财政局\n一百零一、丙\n3.做。\n市财政局\n");
    let n: Vec<u32> = plan.sections.iter().map(|s| s.number).collect();
    assert_eq!(n, [11, 99, 101]);
}

#[test]
fn sub_sections_nest() {
    let plan = parse("一、甲\n（一）子甲\n1.做。\n市财政局\n（二）子乙\n2.做。\n市税务局\n二、乙\n3.做。\n市审计局\n");
    assert_eq!(plan.sections.len(), 2);
    assert_eq!(plan.sections[0].sections.len(), 2);
    assert_eq!(plan.sections[0].sections[1].tasks[0].responsible[0].name, "市税务局");
    assert_eq!(plan.sections[1].tasks[0].number, 3);
}

#[test]
fn the_convention_sentence_in_a_units_bracket_is_no_unit() {
    // `列第一位者为牵头单位，下同` stated inside the first task's bracket.
    let text = "一、稳定就业\n（一）加大支持力度。（甲部、乙部负责。列第一位者为牵头单位，下同）\n（二）做好培训。（丙部、丁部负责）\n";
    let plan = parse(text);
    let names = |v: &[fengong::Unit<'_>]| v.iter().map(|u| u.name.to_string()).collect::<Vec<_>>();
    let got: Vec<(Vec<String>, Vec<String>, Vec<String>)> =
        plan.sections[0].tasks.iter().map(|t| (names(&t.lead), names(&t.supporting), names(&t.responsible))).collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(got, [(s(&["甲部"]), s(&["乙部"]), s(&[])), (s(&["丙部"]), s(&["丁部"]), s(&[]))]);
}

#[test]
fn a_sentence_in_a_task_column_is_a_task_though_it_ends_like_a_unit() {
    // `建成县残疾人综合服务中心。` ends in a unit suffix (`中心`) before its stop.
    let text = "| 序号 | 具体任务 | 责任单位 |\n| 1 | 新建2座人行天桥。 | 县住建局 |\n| 2 | 建成县残疾人综合服务中心。 | 县残联 |\n";
    let plan = parse(text);
    let tasks: Vec<(String, Vec<String>)> = plan
        .tasks()
        .map(|t| (t.task.text.to_string(), t.task.responsible.iter().map(|u| u.name.to_string()).collect()))
        .collect();
    assert_eq!(tasks[1], ("建成县残疾人综合服务中心。".to_string(), vec!["县残联".to_string()]));
}

/// A note under a table that states who leads (`注：…第一个为牵头单位`)
/// governs the lists above it, and is no task of its own.
#[test]
fn a_note_under_the_table_states_the_convention_for_the_rows_above() {
    let text = "重点任务分工表\n序号\t工作任务\t责任单位\t完成时限\n\
        1\t实施技改项目30个。\t市工信局、市财政局\t6月\n\
        2\t培育专精特新企业。\t市工信局、市科技局、市财政局\t12月\n\
        注：主要责任单位第一个为牵头单位，其余为主要配合单位。\n";
    let plan = fengong::parse(text);
    let got: Vec<(usize, Vec<String>, usize)> = plan
        .tasks()
        .map(|t| {
            let lead = t.task.lead.iter().map(|u| u.name.to_string()).collect();
            (t.task.supporting.len(), lead, t.task.responsible.len())
        })
        .collect();
    let lead = vec!["市工信局".to_string()];
    assert_eq!(got, [(1, lead.clone(), 0), (2, lead, 0)]);
    assert!(plan.diagnostics.iter().any(|d| d.code == fengong::Code::Convention));
}

/// An issuing notice that numbers its own paragraphs (`一、…`) is front
/// matter: the plan starts at its own title, after the notice's date.
#[test]
fn a_notice_with_numbered_paragraphs_is_front_matter() {
    let text = "某市人民政府办公室关于印发重点工作任务分工方案的通知\n\
        各区人民政府，市政府各部门：\n\
        《重点工作任务分工方案》已经市政府同意，现印发给你们。现就有关事项通知如下：\n\
        一、统一思想认识。各单位要高度重视。\n\
        二、加强督促检查。市政府督查室要定期通报。\n\
        某市人民政府办公室\n\
        2024年2月1日\n\
        重点工作任务分工方案\n\
        一、优化营商环境\n\
        1.推行企业开办一网通办。（市市场监管局牵头，市税务局配合）\n\
        2.深化工程建设项目审批改革。（市住房城乡建设局牵头）\n";
    let plan = fengong::parse(text);
    assert_eq!(plan.title, "重点工作任务分工方案");
    let sections: Vec<&str> = plan.sections.iter().map(|s| &*s.title).collect();
    assert_eq!(sections, ["优化营商环境"]);
    assert_eq!(plan.tasks().count(), 2);
    assert!(plan.tasks().all(|t| t.task.responsible.is_empty() && t.task.lead.len() == 1));
}

/// A convention stated inside a task's units bracket, after the names
/// (`…，排在第一位的为牵头单位`), governs that list, and is no unit.
#[test]
fn a_convention_inside_a_units_bracket_is_read_not_taken_for_a_unit() {
    let text = "一、推进产业升级\n\
        1.实施技改项目。（市工信局、市财政局、市科技局，排在第一位的为牵头单位）\n\
        2.培育专精特新企业。（市科技局、市工信局，列第一位者为牵头单位）\n";
    let plan = fengong::parse(text);
    let got: Vec<(String, Vec<String>)> = plan
        .tasks()
        .map(|t| (t.task.lead[0].name.to_string(), t.task.supporting.iter().map(|u| u.name.to_string()).collect()))
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [("市工信局".to_string(), s(&["市财政局", "市科技局"])), ("市科技局".to_string(), s(&["市工信局"]))]
    );
}

/// A table of two header rows written one cell a line (docx2txt, Word's
/// text): the second row's `牵头单位` / `配合单位` go under the first row's
/// `责任单位`, and the rows read in that order.
#[test]
fn a_two_row_header_one_cell_a_line_gives_the_roles_of_its_second_row() {
    let text = "2024年重点任务分工表\n序号\n工作任务\n责任单位\n完成时限\n\n\n牵头单位\n配合单位\n\n\
        一、优化政务服务\n1\n推行企业开办一网通办\n市市场监管局\n市公安局、市税务局\n7月底前\n\
        2\n深化工程建设项目审批制度改革\n市住房城乡建设局\n市发展改革委\n8月底前\n";
    let plan = fengong::parse(text);
    let got: Vec<(String, Vec<String>, Option<String>)> = plan
        .tasks()
        .map(|t| {
            let lead = t.task.lead.iter().map(|u| u.name.to_string()).collect::<Vec<_>>().join("、");
            let supporting = t.task.supporting.iter().map(|u| u.name.to_string()).collect();
            (lead, supporting, t.task.deadline.as_deref().map(str::to_string))
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            ("市市场监管局".to_string(), s(&["市公安局", "市税务局"]), Some("7月底前".to_string())),
            ("市住房城乡建设局".to_string(), s(&["市发展改革委"]), Some("8月底前".to_string())),
        ]
    );
}
