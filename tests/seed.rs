//! The seed plan, `fixtures/heyuan-2020.txt`, against its gold annotation,
//! scored the way `../shared/eval/score.py` scores it (see `common::score`).

mod common;

use std::sync::OnceLock;

use fengong::{Code, Plan, Task};
use serde_json::Value;

struct Seed {
    text: String,
    gold: Value,
    plan: Plan<'static>,
}

fn seed() -> &'static Seed {
    static SEED: OnceLock<Seed> = OnceLock::new();
    SEED.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let text = std::fs::read_to_string(format!("{dir}/heyuan-2020.txt")).expect("read the seed plan");
        let gold = std::fs::read_to_string(format!("{dir}/heyuan-2020.gold.json")).expect("read the seed gold");
        let gold: Value = serde_json::from_str(&gold).expect("the seed gold is JSON");
        let plan = fengong::parse(&text).into_owned();
        Seed { text, gold, plan }
    })
}

/// Tasks depth-first, in plan order.
fn tasks<'p>(plan: &'p Plan<'_>) -> Vec<&'p Task<'p>> {
    fn walk<'a>(sections: &'a [fengong::Section<'a>], out: &mut Vec<&'a Task<'a>>) {
        for s in sections {
            out.extend(&s.tasks);
            walk(&s.sections, out);
        }
    }
    let mut out = Vec::new();
    walk(&plan.sections, &mut out);
    out
}

fn gold_sections(gold: &Value) -> &Vec<Value> {
    gold["sections"].as_array().expect("gold has a sections array")
}

#[test]
fn every_task_has_exactly_the_gold_units() {
    let Seed { gold, plan, .. } = seed();
    let plan_json = serde_json::to_value(plan).expect("a plan serializes");
    let s = common::score(gold, &plan_json);
    assert_eq!(s.gold_tasks, 27, "the seed gold should hold 27 tasks");
    assert!(
        s.bad.is_empty() && s.exact == 27 && s.matched == 27,
        "{} of 27 tasks exactly right, {} found; mismatches:\n{}",
        s.exact,
        s.matched,
        s.report()
    );
    assert_eq!(s.pred_tasks, 27, "the parser found extra tasks");
    assert_eq!((s.fp, s.fn_), (0, 0), "unit-role false positives / false negatives");
}

#[test]
fn title_matches_gold() {
    let Seed { gold, plan, .. } = seed();
    assert_eq!(plan.title, gold["title"].as_str().expect("gold title is a string"));
    assert_eq!(plan.title, "河源市贯彻落实2020年政务公开工作要点分工方案");
}

#[test]
fn eight_top_level_sections_numbered_and_titled_as_gold() {
    let Seed { gold, plan, .. } = seed();
    let got: Vec<(u32, &str)> = plan.sections.iter().map(|s| (s.number, &*s.title)).collect();
    let want: Vec<(u32, &str)> = gold_sections(gold)
        .iter()
        .map(|s| {
            let n = s["number"].as_u64().expect("gold section number is an integer") as u32;
            (n, s["title"].as_str().expect("gold section title is a string"))
        })
        .collect();
    assert_eq!(want.len(), 8, "the seed gold should hold 8 sections");
    assert_eq!(got, want);
    let numbers: Vec<u32> = plan.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (1..=8).collect::<Vec<u32>>());
}

#[test]
fn task_numbers_run_from_1_to_27_in_order() {
    let Seed { plan, .. } = seed();
    let numbers: Vec<u32> = tasks(plan).iter().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=27).collect::<Vec<u32>>());
}

#[test]
fn tasks_sit_in_their_gold_sections() {
    let Seed { gold, plan, .. } = seed();
    let got: Vec<Vec<u32>> = plan.sections.iter().map(|s| s.tasks.iter().map(|t| t.number).collect()).collect();
    let want: Vec<Vec<u32>> = gold_sections(gold)
        .iter()
        .map(|s| {
            let tasks = s["tasks"].as_array().expect("gold section has tasks");
            tasks.iter().map(|t| t["number"].as_str().and_then(|n| n.parse().ok()).expect("gold task number")).collect()
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn unclosed_bracket_on_line_83_and_he_typo_on_line_91_come_with_fixes() {
    let Seed { text, plan, .. } = seed();
    let find = |line: usize, code: Code| {
        plan.diagnostics.iter().find(|d| d.line == line && d.code == code).unwrap_or_else(|| {
            let all: Vec<String> = plan.diagnostics.iter().map(|d| format!("{}:{}", d.line, d.code.as_str())).collect();
            panic!("no {} diagnostic on line {line}; diagnostics: {all:?}", code.as_str())
        })
    };

    let unclosed = find(83, Code::UnclosedBracket);
    let fix = unclosed.fix.as_ref().expect("the unclosed bracket has a fix");
    assert_eq!(fix.replacement, "）");
    assert!(fix.span.is_empty(), "closing the bracket inserts, got {:?}", fix.span);
    // The bracket is `（管委会` in `各县（区）人民政府（管委会和市府直属各部门配合`.
    assert!(text[..fix.span.start].ends_with("（管委会"), "fix at {:?}", fix.span);

    let he = find(91, Code::HeTypo);
    let fix = he.fix.as_ref().expect("the 合 typo has a fix");
    assert_eq!(fix.replacement, "和");
    assert_eq!(fix.span.slice(text), "合");
}

#[test]
fn task_2_keeps_its_remark_as_a_note() {
    let Seed { plan, .. } = seed();
    let task = tasks(plan).into_iter().find(|t| t.number == 2).expect("task 2");
    let notes: Vec<&str> = task.notes.iter().map(|n| &*n.text).collect();
    assert!(notes.contains(&"目录范围应当涵盖各镇人民政府、街道办事处"), "task 2 notes: {notes:?}");
}

#[test]
fn header_columns_are_read() {
    let Seed { plan, .. } = seed();
    assert_eq!(plan.columns, ["工作事项", "具体任务", "牵头及责任单位"]);
}
