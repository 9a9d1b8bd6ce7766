//! Hostile inputs (issue 5): huge, degenerate, undecodable and oversized
//! input. Each test asserts the outcome that is right for its input; none
//! may panic. There are no timing assertions here: time per byte on these
//! inputs is measured by `cargo bench --bench hostile`.
//!
//! Sizes: every input has the size the issue names, except the 16 MB
//! one-line plan, which is 2 MB in a debug build (`cargo test`) and 16 MB in
//! an optimised one (`cargo test --release`), so that the debug suite stays
//! quick.
//!
//! Empty, meaningless, undecodable and oversized input, and the inputs that
//! once crashed a fuzz target: `hostile_bytes.rs`.

mod common;

use common::assert_tiles;
use fengong::{Code, Layout, Plan, SegmentKind, Severity};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn codes(plan: &Plan) -> Vec<&'static str> {
    plan.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// A Chinese numeral for 1..=9999, written the way plans write section numbers.
fn chinese_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    assert!((1..10_000).contains(&n));
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (i, (&d, unit)) in digits.iter().zip(units).enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十一, not 一十一, when 十 comes first.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push_str(D[d]);
        }
        out.push_str(unit);
    }
    out
}

const UNITS: [&str; 8] = [
    "市统计局",
    "市发展改革委",
    "市教育局",
    "市卫生健康局",
    "市财政局",
    "市司法局",
    "市政务服务数据管理局",
    "各县（区）人民政府（管委会）",
];

// ---------------------------------------------------------------------------
// Size and shape
// ---------------------------------------------------------------------------

/// A well-formed plan with its line breaks lost: `target` bytes or a little
/// more, sections numbered 一、二、… and tasks 1, 2, … throughout, each task
/// with a lead unit and two supporting units. Returns the text and the
/// number of tasks.
fn one_line_plan(target: usize) -> (String, usize) {
    let mut s = String::from("江川市2021年政务公开工作要点分工方案");
    let (mut section, mut task) = (0, 0);
    while s.len() < target {
        section += 1;
        s += &format!("{}、推进第{section}方面信息公开", chinese_numeral(section));
        for _ in 0..20 {
            task += 1;
            s += &format!(
                "{task}.及时发布全市经济运行数据，做好数据解读。牵头单位：{}；配合单位：{}、{}",
                UNITS[task % 8],
                UNITS[(task + 1) % 8],
                UNITS[(task + 3) % 8]
            );
        }
    }
    (s, task)
}

#[test]
fn chinese_numerals_of_the_generator() {
    let cases = [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (101, "一百零一"), (110, "一百一十")];
    for (n, want) in cases.into_iter().chain([(1005, "一千零五"), (9999, "九千九百九十九")]) {
        assert_eq!(chinese_numeral(n), want);
        assert_eq!(fengong::numeral::chinese(want), Some((Some(n as u64), want.len())));
    }
}

#[test]
fn plan_of_16_mb_on_one_line() {
    // 2 MB in a debug build, to keep `cargo test` quick; 16 MB with --release.
    let size = if cfg!(debug_assertions) { 2 << 20 } else { 16 << 20 };
    let (text, count) = one_line_plan(size);
    assert!(!text.contains('\n'));
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    assert_eq!(plan.layout, Layout::OneLine);
    assert_eq!(plan.title, "江川市2021年政务公开工作要点分工方案");
    assert_eq!(plan.sections.len(), count / 20);
    let tasks = plan.tasks().map(|t| t.task).collect::<Vec<_>>();
    assert_eq!(tasks.len(), count);
    for (i, task) in tasks.iter().enumerate() {
        let n = i + 1;
        assert_eq!(task.number as usize, n);
        let lead: Vec<&str> = task.lead.iter().map(|u| &*u.name).collect();
        let supporting: Vec<&str> = task.supporting.iter().map(|u| &*u.name).collect();
        assert_eq!(lead, [UNITS[n % 8]], "task {n}");
        assert_eq!(supporting, [UNITS[(n + 1) % 8], UNITS[(n + 3) % 8]], "task {n}");
    }
    assert!(plan.diagnostics.is_empty(), "{:?}", codes(&plan));
}

#[test]
fn a_million_unclosed_brackets_alone_are_kept_as_text() {
    let text = "（".repeat(1_000_000);
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    assert!(plan.sections.is_empty());
    // Nothing to read in it: every byte is kept as written, as text before the plan or unparsed.
    assert!(
        plan.segments.iter().all(|s| matches!(s.kind, SegmentKind::Preamble | SegmentKind::Unparsed)),
        "{:?}",
        plan.segments
    );
    let kept: usize = plan.preamble.iter().chain(&plan.unparsed).map(|p| p.text.len()).sum();
    assert_eq!(kept, text.len());
}

#[test]
fn a_million_unclosed_brackets_in_a_units_line_are_reported() {
    let text = format!("一、其他\n1.做好公开。\n市财政局牵头，{}配合\n", "（".repeat(1_000_000));
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    let task = plan.tasks().map(|t| t.task).collect::<Vec<_>>()[0];
    assert_eq!(task.lead.iter().map(|u| &*u.name).collect::<Vec<_>>(), ["市财政局"]);
    assert!(
        plan.diagnostics.iter().any(|d| d.code == Code::UnclosedBracket),
        "no unclosed-bracket diagnostic among {} diagnostics",
        plan.diagnostics.len()
    );
}

/// A quoted CSV cell may hold line breaks: its record runs on until the
/// quotes balance. A quote never closed takes in the rest of the file, and
/// each line taken in must be counted once; every line was counted again for
/// each line after it, which made this quadratic (4.8 s for 2.7 MB).
#[test]
fn a_csv_quote_never_closed() {
    use std::fmt::Write as _;
    let rows = if cfg!(debug_assertions) { 40_000 } else { 300_000 };
    let mut text = String::from("序号,工作任务,牵头单位,配合单位\n1,\"做好公开,市财政局,市税务局\n");
    for i in 2..rows {
        let _ = writeln!(text, "{i},加强监督,市审计局,市财政局");
    }
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    // One record from the quote to the end: one task, whose text runs on to
    // the last row.
    let tasks: Vec<_> = plan.tasks().map(|t| t.task).collect();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].span.end, text.trim_end().len());
}

// Shapes an adversarial hunt found quadratic (each fixed in its commit).
// Each is large enough that the old path would take minutes in a release
// build; the tests assert the outcome, `cargo bench --bench hostile` the
// time per byte.

/// Rows for a debug build (`cargo test`) or a release one.
fn rows(debug: usize, release: usize) -> usize {
    if cfg!(debug_assertions) { debug } else { release }
}

/// A long first line: without one, equal-width short lines read as a
/// hard-wrapped PDF text and are joined into one cell.
const LONG_TITLE: &str = "某市关于做好政务公开工作的通知某市关于做好政务公开工作的通知某市关于做好政务公开工作的通知\n";

#[test]
fn a_long_run_of_units_lines_after_a_task() {
    let k = rows(20_000, 200_000);
    let text = format!("{LONG_TITLE}一、其他\n1.做好公开。\n{}", "区司法局：\n".repeat(k));
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    let tasks: Vec<_> = plan.tasks().map(|t| t.task).collect();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].responsible.len(), k);
}

#[test]
fn a_header_of_thousands_of_columns() {
    let (columns, cells) = (rows(2_000, 10_000), rows(20_000, 100_000));
    let many = "配合单位\t".repeat(columns);
    // The task column second, then last.
    for header in [format!("序号\t工作任务\t牵头单位\t{many}"), format!("序号\t牵头单位\t{many}工作任务")]
    {
        let text = format!("{header}\n{}", "做好公开\n".repeat(cells));
        let plan = fengong::parse(&text);
        assert_tiles(&text, &plan);
        assert_eq!(plan.columns.len(), columns + 3);
    }
}

#[test]
fn a_table_flattened_one_cell_per_line_with_its_task_column_far_right() {
    // Many columns before 工作任务, none a section column, and a cell after
    // each row's units: every row used to search the header for where the
    // next row starts.
    let (columns, tasks) = (rows(5_000, 50_000), rows(5_000, 50_000));
    let mut text = format!("{LONG_TITLE}序号\n{}工作任务\n牵头单位\n", "备注\n".repeat(columns));
    for k in 1..=tasks {
        text.push_str(&format!("{k}.做好公开\n市财政局\n备注文字\n"));
    }
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    assert_eq!(plan.columns.len(), columns + 3);
    // The cell after each row's units falls in the task column of the next
    // row and stands as a task of its own; every numbered task keeps its lead.
    let numbered: Vec<_> = plan.tasks().map(|t| t.task).filter(|t| !t.marker.is_empty()).collect();
    assert_eq!(numbered.len(), tasks);
    assert!(numbered.iter().all(|t| t.lead.len() == 1 && t.lead[0].name == "市财政局"));
}

#[test]
fn joint_offices_and_distributive_lists_in_one_clause() {
    let k = rows(20_000, 100_000);
    for (item, name) in [("市委、市政府督查室、", "市委、市政府督查室"), ("各县、区、", "各县、区")]
    {
        let text = format!("{LONG_TITLE}一、其他\n1.做好公开。\n{}配合\n", item.repeat(k));
        let plan = fengong::parse(&text);
        assert_tiles(&text, &plan);
        let task = plan.tasks().map(|t| t.task).collect::<Vec<_>>()[0];
        assert_eq!(task.supporting.len(), k, "{name}");
        assert!(task.supporting.iter().all(|u| u.name == name), "{name}");
    }
}

#[test]
fn numbering_restarts_after_a_long_section() {
    let (long, restarts) = (rows(20_000, 100_000), rows(5_000, 50_000));
    let mut text = format!("{LONG_TITLE}一、开头\n");
    for i in 1..=long {
        text.push_str(&format!("{i}.做好。\n市财政局\n"));
    }
    text.push_str(&"二、甲\n1.做好。\n市财政局\n".repeat(restarts));
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    assert_eq!(plan.tasks().count(), long + restarts);
}

#[test]
fn a_list_of_300_000_units() {
    let names: Vec<&str> = (0..300_000).map(|i| UNITS[i % UNITS.len()]).collect();
    let text = format!("一、其他\n1.做好公开。\n{}\n", names.join("、"));
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    let task = plan.tasks().map(|t| t.task).collect::<Vec<_>>()[0];
    assert!(task.lead.is_empty() && task.supporting.is_empty());
    assert_eq!(task.responsible.len(), 300_000);
    assert!(task.responsible.iter().zip(&names).all(|(u, &name)| u.name == name));
    assert_eq!(task.responsible[299_999].raw, names[299_999]);
}

#[test]
fn the_numeral_9999() {
    let text = "九千九百九十九、加强组织领导\n1.做好公开。\n市财政局\n";
    let plan = fengong::parse(text);
    assert_tiles(text, &plan);
    let section = &plan.sections[0];
    assert_eq!((section.number, &*section.marker, &*section.title), (9999, "九千九百九十九、", "加强组织领导"));
    assert_eq!(section.tasks[0].responsible[0].name, "市财政局");
    assert!(!codes(&plan).contains(&"number-overflow"));
}

#[test]
fn a_task_number_of_25_digits_is_a_number_overflow() {
    let number = "1234567890123456789012345";
    let text = format!("一、其他\n{number}.做好公开。\n市财政局\n");
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
    let overflow: Vec<_> = plan.diagnostics.iter().filter(|d| d.code == Code::NumberOverflow).collect();
    assert_eq!(overflow.len(), 1, "{:?}", codes(&plan));
    let d = overflow[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.line, d.column), (2, 1));
    assert_eq!(d.span.slice(&text), format!("{number}."));
    // The task is still read, numbered by its position.
    let task = plan.tasks().map(|t| t.task).collect::<Vec<_>>()[0];
    assert_eq!((task.number, &*task.marker, &*task.text), (1, "1234567890123456789012345.", "做好公开。"));
    assert_eq!(task.responsible[0].name, "市财政局");
}

#[test]
fn a_section_number_of_25_digits_does_not_overflow() {
    let text = "1234567890123456789012345、其他\n1.做好公开。\n市财政局\n";
    let plan = fengong::parse(text);
    assert_tiles(text, &plan);
    assert!(codes(&plan).contains(&"number-overflow"), "{:?}", codes(&plan));
}

#[test]
// A long run of numerals once cost its length at every character of it
// (a marker was tried at each one, and the numeral read to the end).
fn a_long_run_of_digits_or_numerals() {
    for text in ["1".repeat(1 << 20), "１".repeat(1 << 18), "十".repeat(1 << 18), "九十".repeat(1 << 17)] {
        let plan = fengong::parse(&text);
        assert_tiles(&text, &plan);
        assert!(plan.sections.is_empty());
    }
    let text = format!("一、其他\n1.做好公开。\n市财政局牵头，{}配合\n", "1".repeat(1 << 20));
    let plan = fengong::parse(&text);
    assert_tiles(&text, &plan);
}
