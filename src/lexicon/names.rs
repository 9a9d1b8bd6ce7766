//! Label and column names: what a label (`牵头单位：`) introduces, what a
//! table's header cell says its column holds, and the role such a name
//! carries.

use std::sync::OnceLock;

use super::ByChar;
use crate::model::Role;

/// What a label such as `牵头单位：` introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LabelKind {
    /// Units with this role, or with the role their own words give.
    Units(Option<Role>),
    /// People (`责任领导`, `分管省领导`).
    Leaders,
    /// A deadline (`完成时限`).
    Deadline,
}

/// Reads a label (the text before `：`), folded and compacted. Returns what
/// it introduces, or `None` when the text is not a label.
///
/// ```text
/// 牵头单位 → units, lead        配合单位 → units, supporting
/// 责任单位 → units, responsible  部门分工 → units, by their own role words
/// 牵头负责领导 → leaders          时限要求 → deadline
/// ```
pub(crate) fn label_kind(label: &str) -> Option<LabelKind> {
    // A plan writes the same few labels over and over, and each is asked
    // about several times: the answers for short texts are kept, a bounded
    // number of them, per thread.
    thread_local! {
        static SEEN: crate::hash::Answers<Option<LabelKind>> = Default::default();
    }
    if label.len() > 48 {
        return label_kind_of(label);
    }
    crate::hash::remember(&SEEN, 512, label, label_kind_of)
}

/// [`label_kind`], worked out.
fn label_kind_of(label: &str) -> Option<LabelKind> {
    // `牵头单位（部门）`: a bracketed gloss after the label changes nothing.
    let label = match label.strip_suffix(')').and_then(|x| x.rfind('(').map(|k| &x[..k])) {
        Some(head) if !head.is_empty() => head,
        _ => label,
    };
    let n = label.chars().count();
    if n == 0 || n > 10 {
        return None;
    }
    if let Some(head) = ["领导", "负责人", "责任人", "联系人"].iter().find_map(|w| label.strip_suffix(w)) {
        return (head.chars().count() <= 4).then_some(LabelKind::Leaders);
    }
    if ["时限", "时间", "期限", "时限要求", "完成时限", "完成时间", "进度安排", "时间节点"]
        .iter()
        .any(|w| label.ends_with(w))
    {
        return Some(LabelKind::Deadline);
    }
    // A units label is role words before a units noun: `牵头单位`,
    // `协同责任单位`, `部门分工`; `各有关单位` is a unit, not a label.
    let head = ["单位", "部门", "科室", "处室", "分工", "主体", "机构"]
        .iter()
        .find_map(|w| label.strip_suffix(w))
        .unwrap_or(label);
    static BY_FIRST: OnceLock<ByChar> = OnceLock::new();
    let words = BY_FIRST.get_or_init(|| ByChar::first(LABEL_WORDS.iter().copied()));
    let mut rest = head;
    while let Some(c) = rest.chars().next() {
        let w = words.get(c)?.iter().find(|w| rest.starts_with(*w))?;
        rest = &rest[w.len()..];
    }
    Some(LabelKind::Units(role_of_name(label)))
}

/// Words that may stand before the noun of a units label.
const LABEL_WORDS: &[&str] = &[
    "牵头",
    "配合",
    "协助",
    "协办",
    "会办",
    "参与",
    "协同",
    "责任",
    "负责",
    "主办",
    "主责",
    "落实",
    "承办",
    "实施",
    "具体",
    "部门",
    "主要",
    "次要",
    "相关",
    "单位",
    "及",
    "和",
    "与",
    "/",
    "、",
    // Typos real plans carry: `牵投单位`, `配和单位`.
    "牵投",
    "配和",
    "抓落实",
];

/// The role a column or label name carries (`牵头单位` → lead, `配合/责任单位`
/// → responsible, `部门分工` → none: its text carries the roles).
pub(crate) fn role_of_name(name: &str) -> Option<Role> {
    static SETS: OnceLock<[ByChar; 5]> = OnceLock::new();
    let [lead, support, alternatives, division, duty] = SETS.get_or_init(|| {
        [
            &["牵头", "主办", "主责", "主要", "牵投"][..],
            &["配合", "协助", "协办", "会办", "参与", "协同", "次要", "配和"],
            &["及", "和", "与", "、", "/", "或"],
            &["分工"],
            &["责任"],
        ]
        .map(|words| ByChar::first(words.iter().copied()))
    });
    // `牵头及责任单位`, `配合/责任单位` name two roles; `牵头责任单位` and
    // `协同责任单位` name one, with 责任 as a plain noun.
    match (lead.any_in(name), support.any_in(name), alternatives.any_in(name)) {
        (true, _, false) => Some(Role::Lead),
        (true, _, true) => None,
        (false, true, false) => Some(Role::Supporting),
        (false, false, _) if division.any_in(name) && !duty.any_in(name) => None,
        _ => Some(Role::Responsible),
    }
}

/// What a table column holds, read from its header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    Number,
    Section,
    Task,
    Units(Option<Role>),
    Leaders,
    Deadline,
    Other,
}

/// Reads a header cell (folded, compacted). `None` when it is no known column name.
pub(crate) fn column_kind(name: &str) -> Option<ColumnKind> {
    let n = name.chars().count();
    if n == 0 || n > 12 {
        return None;
    }
    // The words of each kind of column, the first kind whose word the name
    // holds winning.
    static WORDS: OnceLock<[ByChar; 7]> = OnceLock::new();
    let [number, leaders, deadline, units, task, section, other] = WORDS.get_or_init(|| {
        [
            &["序号", "编号"][..],
            &["领导"],
            &["时限", "时间", "期限", "完成时", "进度"],
            &["单位", "部门", "科室", "处室", "分工", "责任", "牵头", "配合", "协办"],
            &[
                "具体任务",
                "工作要求",
                "主要内容",
                "具体要求",
                "任务内容",
                "工作措施",
                "具体措施",
                "主要任务",
                "工作内容",
                "措施",
                "举措",
                "内容",
                "要求",
            ],
            &["事项", "任务", "目标", "类别", "领域", "项目", "工作", "重点", "分类", "板块"],
            &["备注", "说明", "情况", "成效"],
        ]
        .map(|words| ByChar::first(words.iter().copied()))
    });
    Some(if number.any_in(name) {
        ColumnKind::Number
    } else if leaders.any_in(name) {
        ColumnKind::Leaders
    } else if deadline.any_in(name) {
        ColumnKind::Deadline
    } else if units.any_in(name) {
        ColumnKind::Units(role_of_name(name))
    } else if task.any_in(name) {
        ColumnKind::Task
    } else if section.any_in(name) {
        ColumnKind::Section
    } else if other.any_in(name) {
        ColumnKind::Other
    } else {
        return None;
    })
}
