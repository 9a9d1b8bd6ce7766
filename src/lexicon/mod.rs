//! The word tables: role words, unit-name suffixes, label and header names.
//! Every table holds folded text (full-width forms already ASCII). Plans keep
//! inventing new words for old ideas; they are added here, never as checks
//! scattered in the parsers.
//!
//! This file holds the tables of words in unit names and the questions asked
//! of a name; [`names`] reads the names of labels and table columns, and
//! [`by_char`] is the lookup every table is asked through.

mod by_char;
mod names;

use crate::hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::model::Role;
use by_char::ByChar;
pub(crate) use names::{ColumnKind, LabelKind, column_kind, label_kind};

/// Role words, longest first so that `牵头落实` wins over `牵头`.
/// A role word ends a clause: `市财政局牵头`, `各县配合`.
pub(crate) const ROLE_WORDS: &[(&str, Role)] = &[
    ("牵头负责", Role::Lead),
    ("牵头落实", Role::Lead),
    ("牵头实施", Role::Lead),
    ("牵头办理", Role::Lead),
    ("牵头", Role::Lead),
    ("主办", Role::Lead),
    ("牵总", Role::Lead),
    ("配合落实", Role::Supporting),
    ("协助落实", Role::Supporting),
    ("配合", Role::Supporting),
    ("协助", Role::Supporting),
    ("协办", Role::Supporting),
    ("会办", Role::Supporting),
    ("参与", Role::Supporting),
    ("协同", Role::Supporting),
    ("负总责", Role::Lead),
    ("负责落实", Role::Responsible),
    ("负责", Role::Responsible),
    ("落实", Role::Responsible),
    ("办理", Role::Responsible),
    ("承办", Role::Responsible),
    ("实施", Role::Responsible),
];

/// Modifiers that may stand between a unit name and its role word:
/// `按照职能分工牵头`, `分别牵头落实`, `按职责分工负责`. Longest first.
pub(crate) const ROLE_MODIFIERS: &[&str] = &[
    "按照职能分工",
    "按照职责分工",
    "按职能分工",
    "按职责分工",
    "根据职责分工",
    "按照职责",
    "按照职能",
    "按职责",
    "按职能",
    "分别",
    "共同",
    "具体",
    "分头",
    "各自",
    "依职责",
];

/// Words after the last unit of an open-ended list, longest first.
pub(crate) const ETC_WORDS: &[&str] =
    &["等有关单位", "等相关单位", "等有关部门", "等相关部门", "等单位", "等部门", "等"];

/// Suffixes that end a unit name. Used both to tell a unit from a remark and
/// to split names run together (`市财政局市税务局`).
/// True for a note under a table or at the end of a plan (`注：`, `备注：`,
/// `说明：`), given its text trimmed at the start.
pub(crate) fn is_note(t: &str) -> bool {
    ["注：", "注:", "注 ", "备注", "说明：", "说明:"].iter().any(|p| t.starts_with(p))
}

pub(crate) const UNIT_SUFFIXES: &[&str] = &[
    "局",
    "委",
    "办",
    "厅",
    "院",
    "室",
    "中心",
    "政府",
    "管委会",
    "委员会",
    "部门",
    "单位",
    "部",
    "处",
    "科",
    "所",
    "站",
    "队",
    "银行",
    "人行",
    "司",
    "公司",
    "集团",
    "海关",
    "街道",
    "办事处",
    "开发区",
    "高新区",
    "新区",
    "园区",
    "实验区",
    "试验区",
    "示范区",
    "专班",
    "本级",
    "机构",
    "联",
    "协",
    "会",
    "社",
    "组",
    "署",
    "馆",
    "台",
    "校",
    "团",
    "党委",
    "党组",
    "法院",
    "检察院",
    "指挥部",
    "分局",
    "支行",
    "分行",
    "总队",
    "支队",
    "大队",
    "中队",
    "监狱",
    "报社",
    "集团",
    "企业",
    "医院",
    "大学",
    "学院",
];

/// Level nouns that name collectives after `各` (`各区`, `各县、市、区政府`)
/// and also end plain unit names (`越秀区`).
pub(crate) const LEVEL_NOUNS: &[&str] =
    &["县级市", "街道", "社区", "省", "市", "县", "区", "镇", "乡", "村", "旗", "州", "盟", "地"];

/// Characters a unit name starts with when it follows another without a
/// separator (`市财政局市税务局`).
pub(crate) const UNIT_STARTS: &[char] = &['市', '区', '县', '省', '各', '州', '镇', '乡'];

/// Two-character starts that look like a unit start but begin ordinary words.
pub(crate) const NOT_UNIT_STARTS: &[&str] = &[
    "市场", "市民", "市级", "市区", "市县", "市属", "区域", "区级", "区县", "区属", "县级", "县区", "县域", "省级",
    "省内", "省外", "各项", "各类", "各种", "各位", "各自", "各方", "镇村", "乡村",
];

/// True when the characters `c` and `next` begin one of [`NOT_UNIT_STARTS`].
pub(crate) fn is_not_unit_start(c: char, next: char) -> bool {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        NOT_UNIT_STARTS
            .iter()
            .filter_map(|w| {
                let mut it = w.chars();
                Some((it.next()?, it.next()?))
            })
            .collect()
    });
    pairs.contains(&(c, next))
}

/// Words that never stand in a unit name but make a clause a remark:
/// `目录范围应当涵盖各镇人民政府`.
pub(crate) const PREDICATE_WORDS: &[&str] = &[
    "应当",
    "应该",
    "应在",
    "必须",
    "需要",
    "要求",
    "涵盖",
    "包括",
    "确保",
    "做好",
    "加强",
    "开展",
    "推进",
    "推动",
    "完成",
    "提供",
    "报送",
    "指导",
    "督促",
    "统筹",
    "做到",
    "提高",
    "提升",
    "完善",
    "建立",
    "健全",
    "进行",
    "按时",
    "及时",
    "明确",
    "季度",
    "参照",
    "抓好",
    "切实",
    "认真",
    "结合实际",
    "为主",
    "其中",
    "以上",
    "以下",
    "之前",
    "月底",
    "年底",
    "前完成",
    "如下",
    "下同",
    "的",
    "。",
    "?",
    "!",
];

/// Words that end a plan's title (`…分工方案`, `…的通知`).
pub(crate) const TITLE_ENDS: &[&str] =
    &["方案", "通知", "意见", "要点", "清单", "计划", "办法", "安排", "分解表", "任务表", "分工表", "台账", "细则"];

/// Bytes of the role modifier `s` ends with (`分别`, `按职责分工`), if any.
pub(crate) fn modifier_suffix(s: &str) -> Option<usize> {
    static BY_LAST: OnceLock<ByChar> = OnceLock::new();
    BY_LAST.get_or_init(|| ByChar::last(ROLE_MODIFIERS.iter().copied())).ends(s).map(str::len)
}

/// The word of [`ETC_WORDS`] that `s` ends with, if any.
pub(crate) fn etc_suffix(s: &str) -> Option<&'static str> {
    static BY_LAST: OnceLock<ByChar> = OnceLock::new();
    BY_LAST.get_or_init(|| ByChar::last(ETC_WORDS.iter().copied())).ends(s)
}

/// The role word at the end of `s` (folded), longest match, with its length in bytes.
pub(crate) fn role_suffix(s: &str) -> Option<(Role, usize)> {
    static BY_LAST: OnceLock<ByChar> = OnceLock::new();
    let table = BY_LAST.get_or_init(|| ByChar::last(ROLE_WORDS.iter().map(|(w, _)| *w)));
    let k = table.ends(s)?;
    ROLE_WORDS.iter().find(|(w, _)| *w == k).map(|(w, r)| (*r, w.len()))
}

/// True when `s` (folded, compact) ends like a unit name.
pub(crate) fn has_unit_suffix(s: &str) -> bool {
    static BY_LAST: OnceLock<ByChar> = OnceLock::new();
    BY_LAST.get_or_init(|| ByChar::last(UNIT_SUFFIXES.iter().copied())).ends(s).is_some()
}

/// True when `s` (folded, compact) ends with a level noun (`区`, `县级市`).
pub(crate) fn has_level_suffix(s: &str) -> bool {
    static BY_LAST: OnceLock<ByChar> = OnceLock::new();
    BY_LAST.get_or_init(|| ByChar::last(LEVEL_NOUNS.iter().copied())).ends(s).is_some()
}

/// True when `s` (folded, compact) holds a word no unit name holds.
pub(crate) fn has_predicate(s: &str) -> bool {
    static BY_FIRST: OnceLock<ByChar> = OnceLock::new();
    BY_FIRST.get_or_init(|| ByChar::first(PREDICATE_WORDS.iter().copied())).any_in(s)
}

/// True when `s` (folded, compact) is a bare level noun, perhaps with a
/// government word after it: `市`, `县级市`, `区政府`.
pub(crate) fn is_level_item(s: &str) -> bool {
    // Bracketed alternatives do not change the level: `县（市、区、特区）`.
    let mut bare = String::new();
    let bare = if s.contains(['(', '（', ')', '）']) {
        let mut depth = 0usize;
        for c in s.chars() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth = depth.saturating_sub(1),
                _ if depth == 0 => bare.push(c),
                _ => {}
            }
        }
        bare.as_str()
    } else {
        s
    };
    let s = ["人民政府", "政府", "党委", "管委会"].iter().find_map(|w| bare.strip_suffix(w)).unwrap_or(bare);
    LEVEL_NOUNS.contains(&s)
        || (!s.is_empty() && s.chars().count() <= 4 && s.chars().all(|c| "省市县区镇乡级州盟旗".contains(c)))
        // Level words of more than one character.
        || ["县级市", "直管市", "林区", "特区", "自治县", "自治州", "自治旗", "新区", "开发区", "管理区", "高新区"]
            .contains(&s)
}

/// True for a place ending in a level noun followed by an office:
/// `神农架林区党委宣传部`, `直管市人民政府`.
pub(crate) fn place_then_office(s: &str) -> bool {
    let n = s.chars().count();
    n <= 16
        && s.char_indices().skip(1).take(6).any(|(i, c)| {
            "市州区县旗盟".contains(c) && {
                let rest = &s[i + c.len_utf8()..];
                !rest.is_empty() && has_unit_suffix(rest) && !rest.starts_with(['市', '区', '县'])
            }
        })
}

/// True for a collective that names no place: `省直有关部门`, `各有关单位`,
/// `市直相关部门`; what follows `等` at the end of a list.
pub(crate) fn is_generic_collective(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && ["部门", "单位", "机构", "处室", "科室", "司局"].iter().any(|w| s.ends_with(w))
        && (n <= 4 || ["有关", "相关", "各", "直"].iter().any(|w| s.contains(w)))
}

/// True when `s` (folded, compact) is a distributive head: `各区`, `各有关区`, `各县`.
pub(crate) fn is_distributive_head(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('各') else {
        return false;
    };
    let rest = rest.strip_prefix("有关").or_else(|| rest.strip_prefix("相关")).unwrap_or(rest);
    // `各县市区人民政府` is a whole name already: what follows it stands alone.
    is_level_item(rest) && !["政府", "管委会", "党委"].iter().any(|w| rest.ends_with(w))
}

#[cfg(test)]
mod tests;
