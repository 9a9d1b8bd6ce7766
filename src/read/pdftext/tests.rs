use super::*;

/// The rows of the table `src` reads as, each cell's paragraphs joined
/// by `/`.
fn rows_of(src: &str) -> Vec<Vec<String>> {
    let doc = read(src).expect("a table");
    let table = doc.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        Block::Para(_) => None,
    });
    table.expect("a table").rows.iter().map(|r| r.iter().map(|c| c.text.joined(src, "/")).collect()).collect()
}

/// A page of a three-column table: tasks 24 wide, lead units 10 and
/// other units 16; the lines of a row's cells interleaved, a lead and
/// the units beside it on one line, the units of a row written just
/// before its task number, a task's last line after a page break.
const PAGE: &str = "\
市政府办公室关于印发工作分解表的通知
各单位：现将分解表印发给你们。

工作要求

牵头单位

配合单位

1.做好政府信息公开工作， 市发展改革
市直各有关单位，
提升公开质量。
委
各县政府

2.加强政策解读和回应，做
市审计局
市直各有关单位，
好政务公开平台建设。
各区人民政府
市直各有关单位，
3.推进数据开放，加强数据
市数据管理 各乡镇
\x0c安全管理工作。
局
4.深化公开平台建设。
市发展改革 市直各有关单位，
委
各街道办事处
来源：市人民政府办公室网站（政务公开专栏）
";

#[test]
fn interleaved_cells_go_to_the_rows_they_stand_beside() {
    let rows = rows_of(PAGE);
    assert_eq!(rows[0], ["工作要求", "牵头单位", "配合单位"]);
    assert_eq!(rows[1], ["1.做好政府信息公开工作，提升公开质量。", "市发展改革委", "市直各有关单位，各县政府"]);
    assert_eq!(rows[2], ["2.加强政策解读和回应，做好政务公开平台建设。", "市审计局", "市直各有关单位，各区人民政府"]);
    assert_eq!(rows[3], ["3.推进数据开放，加强数据安全管理工作。", "市数据管理局", "市直各有关单位，各乡镇"]);
    assert_eq!(rows[4], ["4.深化公开平台建设。", "市发展改革委", "市直各有关单位，各街道办事处"]);
    assert_eq!(rows.len(), 5);
    let plan = crate::parse(PAGE);
    let lead: Vec<Vec<&str>> = plan.tasks().map(|t| t.task.lead.iter().map(|u| u.span.slice(PAGE)).collect()).collect();
    assert_eq!(lead[1], ["市审计局"]);
    crate::read::assert_tiles(PAGE, &plan);
}

#[test]
fn a_text_with_no_page_break_or_no_header_is_not_claimed() {
    assert!(read(&PAGE.replace('\x0c', "")).is_none());
    assert!(read(&PAGE.replace("牵头单位", "有关情况").replace("配合单位", "其他说明")).is_none());
}

/// A table of unnumbered tasks (each ending a sentence) 16 wide and
/// units 12 wide, a problem column 20 wide whose cells span rows; the
/// first line of the body is short enough to look like a header name.
const UNNUMBERED: &str = "\
存在问题

整改目标和措
施

责任单位

区经发局牵头
出台年度扩大有效
区交建局、环
投资的实施意见，
土局、电信公
细分投资领域。
司

投资增长动力不足

创新应用各种投融 区财金局牵头
资方式，推广建设 区环土局
运营模式。
抓好科学发展跨越 区经发局牵头
发展行动计划重大 区财金局、纪
项目建设。 工委
产业结构不够优、竞争 落实省委省政府关
区社会事业局
力不强，龙头企业偏少 于加快产业转型的
牵头
若干意见。
中心城市辐射带动力不 推动区域中心城市 区经发局
够强
\x0c发展。

来源：平潭综合实验区管委会办公室网站
";

#[test]
fn unnumbered_tasks_are_rows_and_units_cells_end_where_a_row_starts() {
    let rows = rows_of(UNNUMBERED);
    assert_eq!(rows[0], ["存在问题", "整改目标和措施", "责任单位"]);
    assert_eq!(
        rows[1][1..],
        ["出台年度扩大有效投资的实施意见，细分投资领域。", "区经发局牵头区交建局、环土局、电信公司"]
    );
    assert_eq!(rows[2][2], "区财金局牵头区环土局");
    assert_eq!(rows[3][1..], ["抓好科学发展跨越发展行动计划重大项目建设。", "区经发局牵头区财金局、纪工委"]);
    assert_eq!(rows[4][1..], ["落实省委省政府关于加快产业转型的若干意见。", "区社会事业局牵头"]);
    assert_eq!(rows[5][1..], ["推动区域中心城市发展。", "区经发局"]);
    assert_eq!(rows.len(), 6);
    let plan = crate::parse(UNNUMBERED);
    crate::read::assert_tiles(UNNUMBERED, &plan);
}

#[test]
fn a_line_is_cut_between_words_of_ideographs_only() {
    let src = "区经济发展 区直各有关单位\n区 经 发 局 牵\n项目和 2016 年度\n四 、 持 续 9.严格执行\n\
               抓好科学发展跨越 头 ， 区 财 金\n改造任务。 局\n";
    let lines: Vec<Span> = LineIndex::new(src).lines(src).collect();
    let texts: Vec<&str> = fragments(src, &lines, 0).iter().map(|f| f.span.slice(src)).collect();
    assert_eq!(
        texts,
        [
            "区经济发展",
            "区直各有关单位",
            "区 经 发 局 牵",
            "项目和 2016 年度",
            "四 、 持 续",
            "9.严格执行",
            "抓好科学发展跨越",
            "头 ， 区 财 金",
            "改造任务。",
            "局"
        ]
    );
    // The spaces about digits take room; a justified line's do not.
    assert_eq!(width("项目和 2016 年度"), 16);
    assert_eq!(width("头 ， 区 财 金"), 10);
    assert_eq!(width("解决“堵点”问"), 14);
}

/// A page of a table whose columns are too alike for their widths to be
/// learnt: the numbered task column, the units column and the deadline
/// column all four ideographs wide, the content column six; the units
/// cells written beside the deadline's lines, below their task's lines,
/// a tail `处` wrapped from `知识产权`.
const NARROW: &str = "\
某局关于印发重点工作分解表的通知

工作措施

具体内容

负责部门

进度安排

1.推动制 开展专利政策
定专利政 制定工作。
策

知识产权 全年推进
处
落实。

2.完善专 加强专利保护
利权保护 工作。
制度

年内推进
稽查支队
落实。
各分局

3.推进强 深入推进试点
省建设 工作。

第二季度
知识产权
完成。
处
\x0c
来源：某某网站
";

#[test]
fn narrow_columns_of_one_width_are_read_from_task_numbers_and_units_names() {
    // The widths give no table with units beside its numbered rows.
    let lines: Vec<Span> = LineIndex::new(NARROW).lines(NARROW).map(|s| trimmed(NARROW, s)).collect();
    let (heads, body) = header(NARROW, &lines).expect("a header");
    let frags = fragments(NARROW, &lines, body);
    let by = by_width(NARROW, &frags, heads.clone());
    assert!(by.is_none_or(|(t, _)| numbered_with_units(NARROW, &t, &heads) < MIN_ROWS));
    let rows = rows_of(NARROW);
    assert_eq!(rows[0], ["工作措施", "具体内容", "负责部门", "进度安排"]);
    assert_eq!(rows[1][0], "1.推动制定专利政策");
    assert_eq!(rows[1][2], "知识产权处");
    assert_eq!(rows[2][0], "2.完善专利权保护制度");
    assert_eq!(rows[2][2], "稽查支队/各分局");
    assert_eq!(rows[3][0], "3.推进强省建设");
    assert_eq!(rows[3][2], "知识产权处");
    assert_eq!(rows.len(), 4);
    let plan = crate::parse(NARROW);
    let units: Vec<Vec<&str>> = plan
        .tasks()
        .map(|t| t.task.lead.iter().chain(&t.task.responsible).map(|u| u.name.as_ref()).collect())
        .collect();
    assert_eq!(units, [vec!["知识产权处"], vec!["稽查支队", "各分局"], vec!["知识产权处"]]);
    crate::read::assert_tiles(NARROW, &plan);
}
