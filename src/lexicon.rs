//! The word tables: role words, unit-name suffixes, label and header names.
//! Every table holds folded text (full-width forms already ASCII). Plans keep
//! inventing new words for old ideas; they are added here, never as checks
//! scattered in the parsers.

use crate::hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::model::Role;

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

/// The role word at the end of `s` (folded), longest match, with its length in bytes.
pub(crate) fn role_suffix(s: &str) -> Option<(Role, usize)> {
    static BY_LAST: OnceLock<ByChar> = OnceLock::new();
    let table = BY_LAST.get_or_init(|| ByChar::last(ROLE_WORDS.iter().map(|(w, _)| *w)));
    let k = table.ends(s)?;
    ROLE_WORDS.iter().find(|(w, _)| *w == k).map(|(w, r)| (*r, w.len()))
}

/// Words of a table grouped by their first or last character, so that a
/// lookup compares only the few words that can match. A small bit set of
/// the keys' low bits turns most characters away before the map is asked.
struct ByChar {
    bloom: [u64; 16],
    map: HashMap<char, Vec<&'static str>>,
}

impl ByChar {
    /// Keyed by the last character; longest first within a key.
    fn last(words: impl Iterator<Item = &'static str>) -> ByChar {
        ByChar::build(words, |w| w.chars().next_back())
    }

    /// Keyed by the first character; longest first within a key.
    fn first(words: impl Iterator<Item = &'static str>) -> ByChar {
        ByChar::build(words, |w| w.chars().next())
    }

    fn build(words: impl Iterator<Item = &'static str>, key: impl Fn(&str) -> Option<char>) -> ByChar {
        let mut map: HashMap<char, Vec<&'static str>> = HashMap::default();
        let mut bloom = [0u64; 16];
        for w in words {
            if let Some(k) = key(w) {
                map.entry(k).or_default().push(w);
                let b = k as usize & 1023;
                bloom[b >> 6] |= 1 << (b & 63);
            }
        }
        for v in map.values_mut() {
            // Stable: among words of one length the table's order stands.
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        ByChar { bloom, map }
    }

    /// The words keyed by `c`, if any.
    #[inline]
    fn get(&self, c: char) -> Option<&[&'static str]> {
        let b = c as usize & 1023;
        if self.bloom[b >> 6] & (1 << (b & 63)) == 0 {
            return None;
        }
        self.map.get(&c).map(Vec::as_slice)
    }

    /// The longest word `s` ends with.
    fn ends(&self, s: &str) -> Option<&'static str> {
        let last = s.chars().next_back()?;
        self.get(last)?.iter().copied().find(|w| s.ends_with(w))
    }

    /// True when any word occurs in `s`.
    fn any_in(&self, s: &str) -> bool {
        s.char_indices().any(|(i, c)| self.get(c).is_some_and(|ws| ws.iter().any(|w| s[i..].starts_with(w))))
    }
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
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label_kind("牵头单位"), Some(LabelKind::Units(Some(Role::Lead))));
        assert_eq!(label_kind("配合单位"), Some(LabelKind::Units(Some(Role::Supporting))));
        assert_eq!(label_kind("协同责任单位"), Some(LabelKind::Units(Some(Role::Supporting))));
        assert_eq!(label_kind("牵头责任单位"), Some(LabelKind::Units(Some(Role::Lead))));
        assert_eq!(label_kind("责任单位"), Some(LabelKind::Units(Some(Role::Responsible))));
        assert_eq!(label_kind("部门分工"), Some(LabelKind::Units(None)));
        assert_eq!(label_kind("会办单位"), Some(LabelKind::Units(Some(Role::Supporting))));
        assert_eq!(label_kind("牵头负责领导"), Some(LabelKind::Leaders));
        assert_eq!(label_kind("分管省领导"), Some(LabelKind::Leaders));
        assert_eq!(label_kind("时限要求"), Some(LabelKind::Deadline));
        assert_eq!(label_kind("主要目标"), None);
        assert_eq!(label_kind("各有关单位"), None);
        assert_eq!(label_kind("责任部门"), Some(LabelKind::Units(Some(Role::Responsible))));
    }

    #[test]
    fn columns() {
        assert_eq!(column_kind("牵头及责任单位"), Some(ColumnKind::Units(None)));
        assert_eq!(column_kind("配合/责任单位"), Some(ColumnKind::Units(Some(Role::Responsible))));
        assert_eq!(column_kind("牵头单位"), Some(ColumnKind::Units(Some(Role::Lead))));
        assert_eq!(column_kind("具体任务"), Some(ColumnKind::Task));
        assert_eq!(column_kind("工作事项"), Some(ColumnKind::Section));
        assert_eq!(column_kind("完成时限"), Some(ColumnKind::Deadline));
        assert_eq!(column_kind("责任科室"), Some(ColumnKind::Units(Some(Role::Responsible))));
    }

    #[test]
    fn distributive_heads() {
        assert!(is_distributive_head("各区"));
        assert!(is_distributive_head("各有关区"));
        assert!(is_distributive_head("各县"));
        assert!(!is_distributive_head("各部门"));
        assert!(is_level_item("县级市"));
        assert!(is_level_item("区政府"));
        assert!(!is_level_item("区市场局"));
    }
}
