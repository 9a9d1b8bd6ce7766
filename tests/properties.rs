//! Properties of the parser on random input (proptest).
//!
//! 1. On random text built from CJK characters, digits, brackets, markers,
//!    role words and whitespace: parsing never panics, is lossless (the
//!    segments tile the text) and deterministic, reading the same text from
//!    UTF-16 bytes gives the same plan, and the compact JSON writer writes
//!    what serde_json writes.
//! 2. On random well-formed plans in the "units line after each task" layout
//!    (`Layout::UnitsLines`, or `Layout::Labelled` when the lines are
//!    labelled): rendering the plan to JSON, taking each task's
//!    `units_text` from the JSON and running `fengong::parse_units` on it gives
//!    the same unit names in each role as the task has in the JSON, and those
//!    are the names the generator wrote.
//!
//! Scope of property 2. A task's units do not always come from its
//! `units_text` alone, so the round trip is only checked where they must:
//! - in tables (cell-per-line, tab and pipe tables) a column header such as
//!   `牵头单位` or `配合单位` gives its cells their role, and the cell text
//!   alone names none;
//! - a convention stated once for the whole plan (`排在第一位的为牵头单位`)
//!   changes the roles of every bare list;
//! - units named in a parenthetical inside the task's text (`（市财政局牵头）`)
//!   are the task's units but not part of its `units_text`;
//! - labels that stand on lines of their own (`牵头单位：` / `配合单位：` under a
//!   task) are joined into `units_text` with line breaks, and a label that
//!   was broken over two lines is read as one label by the plan parser only.
//!
//! The generated plans therefore have a title, section headings (`一、`),
//! numbered tasks (`1.`, `2、`) and one units line after each task, written as a
//! bare list, `X牵头，Y配合`, `X牵头`, or labels on that one line
//! (`牵头单位：X；配合单位：Y`, `责任单位：X`), with varied separators, line
//! ends and blank lines.

mod common;

use common::check_tiles;
use proptest::prelude::*;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

/// Unit names per role, lead / supporting / responsible.
type Roles = [Vec<String>; 3];

/// Every task of a plan's JSON: its `units_text` and its unit names per role.
fn json_tasks(json: &Value) -> Vec<(String, Roles)> {
    fn names(task: &Value, role: &str) -> Vec<String> {
        task[role]
            .as_array()
            .expect("a role is an array")
            .iter()
            .map(|u| u["name"].as_str().unwrap().to_string())
            .collect()
    }
    fn walk(sections: &Value, out: &mut Vec<(String, Roles)>) {
        for s in sections.as_array().expect("sections is an array") {
            for t in s["tasks"].as_array().expect("tasks is an array") {
                let text = t["units_text"].as_str().expect("units_text is a string").to_string();
                out.push((text, [names(t, "lead"), names(t, "supporting"), names(t, "responsible")]));
            }
            walk(&s["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&json["sections"], &mut out);
    out
}

fn unit_roles(units: &fengong::Units) -> Roles {
    let names = |list: &[fengong::Unit]| list.iter().map(|u| u.name.to_string()).collect();
    [names(&units.lead), names(&units.supporting), names(&units.responsible)]
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    bytes
}

// ---------------------------------------------------------------------------
// Random text
// ---------------------------------------------------------------------------

/// One piece of random text: CJK (common plan characters and any CJK
/// ideograph), digits, brackets, markers, role words and labels, punctuation,
/// whitespace, and a few odd characters.
fn token() -> impl Strategy<Value = String> {
    const CJK: &[&str] = &[
        "市", "县", "区", "局", "委", "办", "府", "厅", "部", "门", "各", "直", "属", "人", "民", "政", "和", "合",
        "及", "与", "等", "公", "开", "工", "作", "务", "镇", "街", "道", "年", "月", "底", "前", "第", "章", "节",
    ];
    const WORDS: &[&str] = &[
        "牵头",
        "配合",
        "负责",
        "协助",
        "参与",
        "主办",
        "协办",
        "会办",
        "单位",
        "等单位",
        "等部门",
        "人民政府",
        "市财政局",
        "市府直属各部门",
        "各县（区）人民政府（管委会）",
        "牵头单位：",
        "配合单位：",
        "责任单位：",
        "责任领导：",
        "完成时限：",
        "工作事项",
        "具体任务",
        "牵头及责任单位",
        "排在第一位的为牵头单位",
        "按职责分工负责",
    ];
    const DIGITS: &[&str] = &["0", "1", "2", "9", "12", "2023", "１", "２", "〇", "一", "二", "十", "百", "千", "万"];
    const BRACKETS: &[&str] = &["（", "）", "(", ")", "〔", "〕", "【", "】", "[", "]", "《", "》", "“", "”"];
    const MARKERS: &[&str] = &[
        "一、",
        "二、",
        "十二、",
        "1.",
        "2.",
        "27.",
        "1、",
        "１．",
        "（一）",
        "（二）",
        "(1)",
        "（1）",
        "①",
        "⑴",
        "⒈",
        "一 ",
        "第一部分",
        "第二章",
        "| ",
        " |",
        "|---|",
    ];
    const PUNCT: &[&str] = &["、", "，", ",", "；", ";", "。", "：", ":", "．", "-", "—"];
    const SPACE: &[&str] = &[" ", "\t", "\n", "\n", "\n\n", "\r\n", "\r", "\u{a0}", "\u{3000}"];
    const ODD: &[&str] = &["a", "Z", "\u{feff}", "\0", "\u{200b}", "😀", "\u{2028}", "\u{fffd}", "\u{7f}"];
    prop_oneof![
        30 => proptest::sample::select(CJK).prop_map(str::to_string),
        4 => proptest::char::range('\u{4e00}', '\u{9fff}').prop_map(String::from),
        10 => proptest::sample::select(WORDS).prop_map(str::to_string),
        6 => proptest::sample::select(DIGITS).prop_map(str::to_string),
        6 => proptest::sample::select(BRACKETS).prop_map(str::to_string),
        6 => proptest::sample::select(MARKERS).prop_map(str::to_string),
        8 => proptest::sample::select(PUNCT).prop_map(str::to_string),
        12 => proptest::sample::select(SPACE).prop_map(str::to_string),
        1 => proptest::sample::select(ODD).prop_map(str::to_string),
    ]
}

/// Random text of up to 300 tokens.
fn random_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(token(), 0..300).prop_map(|tokens| tokens.concat())
}

// ---------------------------------------------------------------------------
// Random well-formed plans, a units line after each task
// ---------------------------------------------------------------------------

const NAMES: &[&str] = &[
    "市财政局",
    "市税务局",
    "市审计局",
    "市统计局",
    "市教育局",
    "市公安局",
    "市司法局",
    "市卫生健康局",
    "市发展改革委",
    "市委宣传部",
    "市住房和城乡建设局",
    "市人力资源和社会保障局",
    "市政务服务数据管理局",
    "各县（区）人民政府（管委会）",
    "市府直属各部门",
    "各乡镇人民政府",
];

const TASK_WORDS: &[&str] = &[
    "做好", "公开", "工作", "推进", "加强", "建设", "完善", "制度", "信息", "政务", "服务", "落实", "年度", "报告",
    "数据", "发布",
];

/// How a units line is written.
#[derive(Clone, Debug)]
enum UnitsLine {
    /// `A、B、C`: all responsible.
    Bare(Vec<&'static str>, &'static str),
    /// `A牵头，B、C配合` (no supporting clause when `S` is empty).
    LeadSupport(Vec<&'static str>, Vec<&'static str>),
    /// `牵头单位：A；配合单位：B、C` on one line.
    Labels(Vec<&'static str>, Vec<&'static str>, &'static str),
    /// `责任单位：A、B`.
    Responsible(Vec<&'static str>),
}

impl UnitsLine {
    fn render(&self) -> String {
        match self {
            UnitsLine::Bare(r, sep) => r.join(sep),
            UnitsLine::LeadSupport(l, s) if s.is_empty() => format!("{}牵头", l.join("、")),
            UnitsLine::LeadSupport(l, s) => format!("{}牵头，{}配合", l.join("、"), s.join("、")),
            UnitsLine::Labels(l, s, colon) if s.is_empty() => format!("牵头单位{colon}{}", l.join("、")),
            UnitsLine::Labels(l, s, colon) => {
                format!("牵头单位{colon}{}；配合单位{colon}{}", l.join("、"), s.join("、"))
            }
            UnitsLine::Responsible(r) => format!("责任单位：{}", r.join("、")),
        }
    }

    fn roles(&self) -> Roles {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            UnitsLine::Bare(r, _) | UnitsLine::Responsible(r) => [vec![], vec![], owned(r)],
            UnitsLine::LeadSupport(l, s) | UnitsLine::Labels(l, s, _) => [owned(l), owned(s), vec![]],
        }
    }
}

/// Distinct names, 1 to 4 of them.
fn names(min: usize) -> impl Strategy<Value = Vec<&'static str>> {
    proptest::sample::subsequence(NAMES, min..=4).prop_shuffle()
}

fn units_line() -> impl Strategy<Value = UnitsLine> {
    prop_oneof![
        (names(1), proptest::sample::select(&["、", "，", "；"][..])).prop_map(|(r, sep)| UnitsLine::Bare(r, sep)),
        (names(1), names(0)).prop_map(|(l, s)| UnitsLine::LeadSupport(l, s)),
        (names(1), names(0), proptest::sample::select(&["：", ":"][..]))
            .prop_map(|(l, s, c)| UnitsLine::Labels(l, s, c)),
        names(1).prop_map(UnitsLine::Responsible),
    ]
}

/// A generated plan: its text and, per task in order, the units it names.
#[derive(Clone, Debug)]
struct GeneratedPlan {
    text: String,
    expected: Vec<Roles>,
}

fn task_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(TASK_WORDS), 2..12).prop_map(|w| w.concat())
}

fn generated_plan() -> impl Strategy<Value = GeneratedPlan> {
    let section = (task_text(), proptest::collection::vec((task_text(), units_line()), 1..6));
    (
        proptest::collection::vec(section, 1..5),
        proptest::sample::select(&["\n", "\r\n"][..]),
        proptest::bool::ANY,
        proptest::sample::select(&[".", "、", "．"][..]),
        proptest::sample::select(&["", "。", "；"][..]),
    )
        .prop_map(|(sections, eol, blank_lines, dot, end)| {
            const NUMERALS: [&str; 5] = ["一", "二", "三", "四", "五"];
            let mut text = format!("江川市2023年政务公开工作要点分工方案{eol}");
            let mut expected = Vec::new();
            let mut n = 0;
            for (i, (title, tasks)) in sections.iter().enumerate() {
                text += &format!("{}、{title}{eol}", NUMERALS[i]);
                for (body, units) in tasks {
                    n += 1;
                    text += &format!("{n}{dot}{body}。{eol}{}{end}{eol}", units.render());
                    if blank_lines {
                        text += eol;
                    }
                    expected.push(units.roles());
                }
            }
            GeneratedPlan { text, expected }
        })
}

/// A random table written as a tool flattens it, each shape one reader of
/// `read/` knows: HTML markup with row and column spans (pandoc's
/// Markdown), a box-drawn grid (w3m), dashed rules over space-aligned
/// columns (pandoc's plain text), columns set apart by spaces (`pdftotext
/// -layout`), one cell per line (docx2txt) and one cell per paragraph
/// (lynx); with random cells of plan text, names and markup-like noise.
fn flattened_table() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        task_text(),
        names(1).prop_map(|n| n.join("、")),
        Just(String::new()),
        Just("<p>市财政局</p><p>市税务局</p>".to_string()),
        Just("&amp;&#39;&nbsp;<br>".to_string()),
        Just("一、加强公开".to_string()),
        Just("1.做好政务公开".to_string()),
        Just("2022年12月底前".to_string()),
    ];
    let row = prop::collection::vec((cell, 0usize..4, 0usize..3), 1..5);
    (prop::collection::vec(row, 1..8), 0usize..6).prop_map(|(rows, shape)| {
        let plain = |c: &str| c.replace(['<', '>', '&'], "");
        let mut out = String::from("某区工作任务分解表\n");
        match shape {
            0 => {
                out.push_str("┌────┬────┬────┐\n│工作任务│牵头单位│配合单位│\n├────┼────┼────┤\n");
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|(c, _, _)| plain(c)).collect();
                    out.push_str(&format!("│{}│\n", cells.join("│")));
                    out.push_str("├────┼────┼────┤\n");
                }
                out.push_str("└────┴────┴────┘\n附件");
            }
            1 => {
                out.push_str("  --------------------------------------------------\n");
                out.push_str("  工作任务                  牵头单位      配合单位\n");
                out.push_str("  ------------------------- ------------- ----------\n");
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|(c, _, _)| format!("{:<24}", plain(c))).collect();
                    out.push_str(&format!("  {}\n\n", cells.join(" ")));
                }
                out.push_str("  --------------------------------------------------\n");
            }
            2 => {
                out.push_str("        工作任务                      牵头单位          配合单位\n");
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|(c, _, _)| format!("{:<30}", plain(c))).collect();
                    out.push_str(&format!("    {}\n", cells.join("    ")));
                }
            }
            3 | 4 => {
                // One cell per line (docx2txt), or per paragraph (lynx).
                let gap = if shape == 3 { "\n" } else { "\n\n" };
                for name in ["序号", "工作任务", "牵头单位", "配合单位"] {
                    out.push_str(name);
                    out.push_str(gap);
                }
                for (k, row) in rows.iter().enumerate() {
                    out.push_str(&format!("{}{gap}", k + 1));
                    for (c, _, _) in row {
                        out.push_str(&plain(c));
                        out.push_str(gap);
                    }
                }
            }
            _ => {
                out.push_str("<table><tr><td>工作任务</td><td>牵头单位</td><td>配合单位</td></tr>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (c, rs, cs) in row {
                        out.push_str(&format!("<td rowspan=\"{rs}\" colspan={cs}>{c}</td>"));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n<p>注：排在第一位的为牵头单位</p>");
            }
        }
        out
    })
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A table flattened by a tool, read by the readers of `read/`: no
    /// panic, lossless (the segments tile the text, every unit's raw text is
    /// the text at its span), deterministic.
    #[test]
    fn flattened_tables_are_lossless_and_deterministic(text in flattened_table()) {
        let plan = fengong::parse(&text);
        if let Err(e) = check_tiles(&text, &plan) {
            return Err(TestCaseError::fail(format!("{e}\n{text}")));
        }
        prop_assert_eq!(&fengong::parse(&text), &plan);
    }

    /// No panic, lossless, deterministic; the same plan from UTF-16 bytes.
    #[test]
    fn random_text_is_lossless_and_deterministic(text in random_text()) {
        let plan = fengong::parse(&text);
        if let Err(e) = check_tiles(&text, &plan) {
            return Err(TestCaseError::fail(e));
        }
        prop_assert_eq!(&fengong::parse(&text), &plan, "a second parse differs");
        let mut json = Vec::new();
        fengong::export::json::write_compact(&plan, &mut json).unwrap();
        let mut again = Vec::new();
        fengong::export::json::write_compact(&fengong::parse(&text), &mut again).unwrap();
        prop_assert_eq!(&json, &again, "the JSON of a second parse differs");
        prop_assert!(json == serde_json::to_vec(&plan).unwrap(), "write_compact differs from serde_json");
        for little_endian in [true, false] {
            let bytes = utf16(&text, little_endian);
            let mut from_bytes = fengong::parse_bytes(&bytes).expect("UTF-16 with a BOM decodes");
            prop_assert_eq!(from_bytes.encoding.take(), Some(if little_endian { "UTF-16LE" } else { "UTF-16BE" }.to_string()));
            prop_assert_eq!(&from_bytes, &plan, "UTF-16 bytes give another plan");
        }
    }

    /// The units grammar on random text: no panic, spans point at the raw text, deterministic.
    #[test]
    fn random_phrases_parse(text in random_text()) {
        let units = fengong::parse_units(&text);
        for u in units.lead.iter().chain(&units.supporting).chain(&units.responsible) {
            prop_assert_eq!(text.get(u.span.start..u.span.end), Some(&*u.raw));
        }
        prop_assert_eq!(fengong::parse_units(&text), units);
    }

    /// The JSON round trip on plans with a units line after each task.
    #[test]
    fn units_text_in_json_parses_to_the_same_units(plan in generated_plan()) {
        let parsed = fengong::parse(&plan.text);
        if let Err(e) = check_tiles(&plan.text, &parsed) {
            return Err(TestCaseError::fail(e));
        }
        prop_assert!(
            matches!(parsed.layout, fengong::Layout::UnitsLines | fengong::Layout::Labelled),
            "layout {:?}",
            parsed.layout
        );
        let mut json = Vec::new();
        fengong::export::json::write_compact(&parsed, &mut json).unwrap();
        let json: Value = serde_json::from_slice(&json).expect("the JSON reads back");
        let tasks = json_tasks(&json);
        prop_assert_eq!(tasks.len(), plan.expected.len(), "task count");
        for (i, ((units_text, in_json), expected)) in tasks.iter().zip(&plan.expected).enumerate() {
            let reparsed = unit_roles(&fengong::parse_units(units_text));
            prop_assert_eq!(&reparsed, in_json, "task {}: parse_units({:?}) differs from the plan", i + 1, units_text);
            prop_assert_eq!(in_json, expected, "task {}: the plan's units are not the ones written", i + 1);
        }
    }
}
