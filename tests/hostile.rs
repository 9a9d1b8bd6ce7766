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
//! Inputs that once crashed a fuzz target live in `tests/regressions/`, one
//! file per crash; `regression_inputs` at the end of this file runs each.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::assert_tiles;
use fengong::{Code, Error, Layout, Options, Plan, SegmentKind, Severity};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn codes(plan: &Plan) -> Vec<&'static str> {
    plan.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn fixture(path: &str) -> Vec<u8> {
    fs::read(Path::new(MANIFEST_DIR).join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// A small xorshift generator: the same "random" bytes on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
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
// The `convert` example, built once
// ---------------------------------------------------------------------------

fn converter() -> &'static Path {
    common::converter()
}

fn convert(args: &[&str]) -> Output {
    Command::new(converter()).args(args).current_dir(MANIFEST_DIR).output().expect("run convert")
}

/// A fresh empty directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{test}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch directory");
    dir
}

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

// ---------------------------------------------------------------------------
// Empty and meaningless input
// ---------------------------------------------------------------------------

#[test]
fn an_empty_file() {
    for plan in [fengong::parse(""), fengong::parse_bytes(b"").expect("empty input decodes")] {
        assert_tiles("", &plan);
        assert!(plan.segments.is_empty() && plan.sections.is_empty() && plan.title.is_empty());
        assert_eq!(plan.layout, Layout::Unknown);
        assert!(plan.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", codes(&plan));
    }
    // A byte-order mark and nothing else: still empty.
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        let plan = fengong::parse_bytes(bom).expect("a BOM alone decodes");
        assert!(plan.sections.is_empty(), "{bom:?}");
    }
}

#[test]
fn a_file_of_only_whitespace() {
    let cases =
        [" ", "\n", "\r\n\r\n", "\t\t\n", "\u{3000}\u{3000}\n", " \n\t\r\n\u{a0}\u{3000}\r", &" \n".repeat(100_000)];
    for text in cases {
        let plan = fengong::parse_bytes(text.as_bytes()).expect("whitespace decodes");
        assert_tiles(text, &plan);
        assert!(plan.sections.is_empty() && plan.title.is_empty(), "{text:?}");
        assert!(plan.segments.iter().all(|s| s.kind == SegmentKind::Trivia), "{text:?}: {:?}", plan.segments);
        // Nothing is wrong with the text, but there is no plan in it.
        assert_eq!(codes(&plan), ["no-tasks"], "{text:?}");
    }
}

#[test]
fn nul_bytes() {
    // NUL is valid UTF-8: the text decodes and parses to nothing.
    let zeros = vec![0u8; 1 << 20];
    let plan = fengong::parse_bytes(&zeros).expect("NUL bytes are valid UTF-8");
    assert_tiles(std::str::from_utf8(&zeros).unwrap(), &plan);
    assert!(plan.sections.is_empty());

    // NULs sprinkled through a real plan: it still parses, and still tiles.
    let seed = String::from_utf8(fixture("fixtures/heyuan-2020.txt")).unwrap();
    let mut text = String::new();
    for (i, c) in seed.chars().enumerate() {
        text.push(c);
        if i % 7 == 0 {
            text.push('\0');
        }
    }
    let plan = fengong::parse_bytes(text.as_bytes()).expect("decodes");
    assert_tiles(&text, &plan);
    assert!(!plan.sections.is_empty());
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut decode_errors) = (0, 0);
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for _ in 0..2000 {
        let len = rng.below(2048);
        inputs.push(rng.bytes(len));
    }
    // Plan-like text in each encoding the decoder reads, half of it with one byte changed.
    const ALPHABET: &[&str] =
        &["一、", "1.", "（", "）", "牵头", "配合", "市财政局", "，", "\n", "\t", " ", "a", "😀", "\0"];
    for i in 0..1000 {
        let mut text = String::new();
        for _ in 0..rng.below(200) {
            text.push_str(ALPHABET[rng.below(ALPHABET.len())]);
        }
        let mut b = match i % 5 {
            0 => text.into_bytes(),
            1 => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            2 => b"\xFF\xFE".iter().copied().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            3 => b"\xFE\xFF".iter().copied().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
            // GBK pairs (lead 0xB0..=0xF7, trail 0xA1..=0xFE) between ASCII.
            _ => (0..rng.below(400))
                .flat_map(|_| match rng.below(3) {
                    0 => vec![b"\n1. "[rng.below(4)]],
                    _ => vec![0xB0 + rng.below(0x48) as u8, 0xA1 + rng.below(0x5E) as u8],
                })
                .collect(),
        };
        if rng.below(2) == 0 && !b.is_empty() {
            let at = rng.below(b.len());
            b[at] = rng.next() as u8;
        }
        inputs.push(b);
    }
    inputs.push(rng.bytes(1 << 20));
    for bytes in &inputs {
        match fengong::parse_bytes(bytes) {
            Ok(plan) => {
                let decoded = fengong::decode(bytes).expect("parse_bytes decoded it");
                assert_tiles(&decoded.text, &plan);
                assert_eq!(plan.encoding.as_deref(), Some(decoded.encoding));
                ok += 1;
            }
            Err(Error::Decode { offset, .. }) => {
                assert!(offset <= bytes.len(), "offset {offset} past the end of {} bytes", bytes.len());
                decode_errors += 1;
            }
            Err(e) => panic!("unexpected error {e}"),
        }
    }
    // Both outcomes happen: the test is not vacuous.
    assert!(ok > 100 && decode_errors > 100, "{ok} decoded, {decode_errors} decode errors");
}

// ---------------------------------------------------------------------------
// Undecodable input
// ---------------------------------------------------------------------------

/// The GB18030 fixture with `bad` inserted after a line break near its
/// middle (a line break is a single byte in GB18030, never a trail byte), and
/// the offset of `bad`.
fn gb18030_with(bad: &[u8]) -> (Vec<u8>, usize) {
    let mut bytes = fixture("fixtures/ok/encoding-gb18030.txt");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is not UTF-8");
    let at = bytes[bytes.len() / 2..].iter().position(|&b| b == b'\n').expect("a line break") + bytes.len() / 2 + 1;
    bytes.splice(at..at, bad.iter().copied());
    (bytes, at)
}

#[test]
fn invalid_bytes_in_the_middle_of_a_gb18030_file() {
    // 0xFF is invalid everywhere; 0x81 0x20 is a lead byte with an ASCII trail; 0x81 0x30 0x81 is a cut four-byte sequence.
    for bad in [&b"\xFF"[..], b"\x81\x20", b"\x81\x30\x81\x20", b"\xFE\x7F"] {
        let (bytes, at) = gb18030_with(bad);
        let err = fengong::parse_bytes(&bytes).expect_err("invalid GB18030");
        assert!(matches!(err, Error::Decode { encoding: "GB18030", offset } if offset == at), "{bad:?}: {err}");
        assert_eq!(err.to_string(), format!("input is not valid GB18030: invalid byte at offset {at}"));
    }
    // The same file without the bad bytes decodes.
    let (bytes, _) = gb18030_with(b"");
    assert_eq!(fengong::parse_bytes(&bytes).expect("valid GB18030").encoding.as_deref(), Some("GB18030"));
}

#[test]
fn invalid_utf8_in_the_middle_of_a_utf8_file() {
    let mut bytes = fixture("fixtures/heyuan-2020.txt");
    let at = bytes.len() / 2;
    let at = (at..).find(|&i| bytes[i] == b'\n').unwrap() + 1;
    bytes.splice(at..at, *b"\xE4\xB8\xFF\xFF");
    let err = fengong::parse_bytes(&bytes).expect_err("invalid UTF-8");
    // GB18030 gives up earlier (the UTF-8 CJK before it is not all valid GB18030), so the UTF-8 offset is named.
    assert!(matches!(err, Error::Decode { offset, .. } if offset == at), "{err}");
}

/// The UTF-16 fixture (`le` or big-endian) with the code unit `unit` inserted
/// near its middle, and the byte offset of the unit.
fn utf16_with(le: bool, unit: u16) -> (Vec<u8>, usize) {
    let path = if le { "fixtures/ok/encoding-utf16le.txt" } else { "fixtures/ok/encoding-utf16be.txt" };
    let mut bytes = fixture(path);
    assert_eq!(&bytes[..2], if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
    let at = bytes.len() / 2 / 2 * 2; // a code unit boundary: the BOM and every unit are 2 bytes
    let unit = if le { unit.to_le_bytes() } else { unit.to_be_bytes() };
    bytes.splice(at..at, unit);
    (bytes, at)
}

#[test]
fn a_utf16_file_with_a_lone_surrogate() {
    for le in [true, false] {
        let encoding = if le { "UTF-16LE" } else { "UTF-16BE" };
        // A high surrogate followed by a plain character, and a low surrogate with none before it.
        for unit in [0xD800, 0xDBFF, 0xDC00, 0xDFFF] {
            let (bytes, at) = utf16_with(le, unit);
            let err = fengong::parse_bytes(&bytes).expect_err("a lone surrogate");
            assert!(
                matches!(err, Error::Decode { encoding: e, offset } if e == encoding && offset == at),
                "{encoding} {unit:#x}: {err}"
            );
        }
        // A high surrogate as the very last code unit.
        let mut bytes =
            fixture(if le { "fixtures/ok/encoding-utf16le.txt" } else { "fixtures/ok/encoding-utf16be.txt" });
        let at = bytes.len();
        bytes.extend(if le { 0xD83Du16.to_le_bytes() } else { 0xD83Du16.to_be_bytes() });
        let err = fengong::parse_bytes(&bytes).expect_err("a surrogate at the end");
        assert!(matches!(err, Error::Decode { offset, .. } if offset == at), "{encoding} at the end: {err}");
        // A real pair (😀) is fine.
        let (mut bytes, at) = utf16_with(le, 0xD83D);
        bytes.splice(at + 2..at + 2, if le { 0xDE00u16.to_le_bytes() } else { 0xDE00u16.to_be_bytes() });
        let plan = fengong::parse_bytes(&bytes).expect("a surrogate pair");
        assert_eq!(plan.encoding.as_deref(), Some(encoding));
    }
}

#[test]
fn undecodable_input_is_one_line_with_the_offset_and_exit_2_in_the_converter() {
    let dir = scratch("undecodable");
    let (gb, gb_at) = gb18030_with(b"\xFF");
    let (utf16, utf16_at) = utf16_with(true, 0xD800);
    let mut utf8 = "一、其他\n1.做好公开。\n".as_bytes().to_vec();
    let utf8_at = utf8.len();
    utf8.extend_from_slice(b"\xFF\xFE\xFD\n");
    for (name, bytes, at, encoding) in [
        ("gb.txt", gb, gb_at, "GB18030"),
        ("utf16.txt", utf16, utf16_at, "UTF-16LE"),
        ("utf8.txt", utf8, utf8_at, "UTF-8"),
    ] {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        let out = convert(&[path.to_str().unwrap()]);
        let line = common::assert_one_line_failure(&out);
        assert!(line.contains(name), "{line}");
        assert!(line.contains(&format!("not valid {encoding}: invalid byte at offset {at}")), "{line}");
    }
}

// ---------------------------------------------------------------------------
// Input larger than the limit
// ---------------------------------------------------------------------------

#[test]
fn a_slice_larger_than_the_limit_is_refused_before_decoding() {
    // 1 GiB of zeros from the allocator's zeroed pages: never touched, unless
    // something reads it before checking the limit.
    let gib = vec![0u8; 1 << 30];
    let options = Options::default().max_input_bytes(16 << 20);
    let err = fengong::parse_bytes_with(&gib, &options).expect_err("larger than the limit");
    assert!(matches!(err, Error::TooLarge { size, limit } if size == 1 << 30 && limit == 16 << 20), "{err}");
    assert_eq!(err.to_string(), "input of 1073741824 bytes is larger than the limit of 16777216 bytes");
    drop(gib);

    // Bytes that could not even be decoded: the size is still checked first.
    let err = fengong::parse_bytes_with(b"\xFF\xFF\xFF\xFF", &Options::default().max_input_bytes(3)).unwrap_err();
    assert!(matches!(err, Error::TooLarge { size: 4, limit: 3 }), "{err}");
    // At the limit exactly: read.
    assert!(fengong::parse_bytes_with(b"abc", &Options::default().max_input_bytes(3)).is_ok());
}

#[test]
fn text_larger_than_the_limit_is_one_diagnostic() {
    let text = "一、其他\n1.做好公开。\n市财政局\n".repeat(1000);
    let plan = fengong::parse_with(&text, &Options::default().max_input_bytes(1000));
    assert_tiles(&text, &plan);
    assert!(plan.sections.is_empty());
    assert_eq!(codes(&plan), ["input-too-large"]);
    assert_eq!(plan.diagnostics[0].severity, Severity::Error);
}

/// A sparse file of `len` bytes (no disk used) in a fresh scratch directory.
fn sparse_file(test: &str, len: u64) -> PathBuf {
    let path = scratch(test).join("huge.txt");
    fs::File::create(&path).unwrap().set_len(len).unwrap();
    path
}

#[test]
fn a_1_gb_file_over_the_limit_is_refused_by_read_file_before_reading() {
    let path = sparse_file("read-file", 1 << 30);
    let options = Options::default().max_input_bytes(16 << 20);
    let err = fengong::read_file(&path, &options).expect_err("larger than the limit");
    assert!(matches!(err, Error::TooLarge { size, limit } if size == 1 << 30 && limit == 16 << 20), "{err}");
    // At the limit exactly, the file is read.
    fs::File::options().write(true).open(&path).unwrap().set_len(1 << 20).unwrap();
    let at_limit = Options::default().max_input_bytes(1 << 20);
    assert_eq!(fengong::read_file(&path, &at_limit).expect("at the limit").len(), 1 << 20);
    fs::remove_file(&path).unwrap();
}

#[test]
fn a_file_over_the_limit_is_refused_by_the_converter_before_reading() {
    // One byte over the default limit of 1 GiB.
    let path = sparse_file("too-large", (1 << 30) + 1);
    let out = convert(&[path.to_str().unwrap()]);
    let line = common::assert_one_line_failure(&out);
    assert!(line.contains("huge.txt") && line.contains("1073741825") && line.contains("1073741824"), "{line}");
    fs::remove_file(&path).unwrap();
}

// ---------------------------------------------------------------------------
// Crashes found by the fuzz targets (fuzz/), kept as regression tests
// ---------------------------------------------------------------------------

/// Runs an input of tests/regressions/ through every entry point the fuzz targets cover, with
/// their assertions: `parse` (when UTF-8), `parse_bytes` and `parse_units`.
fn check_regression(name: &str) {
    let bytes = fixture(&format!("tests/regressions/{name}"));
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let plan = fengong::parse(text);
        assert_tiles(text, &plan);
        let units = fengong::parse_units(text);
        for u in units.lead.iter().chain(&units.supporting).chain(&units.responsible) {
            assert_eq!(text.get(u.span.start..u.span.end), Some(&*u.raw));
        }
    }
    if let Ok(decoded) = fengong::decode(&bytes) {
        let plan = fengong::parse_bytes(&bytes).expect("decoded once, decodes again");
        assert_tiles(&decoded.text, &plan);
    }
}

/// Every file of tests/regressions/ (none yet: the fuzz runs so far found no crash).
#[test]
fn regression_inputs() {
    let mut names: Vec<String> = fs::read_dir(Path::new(MANIFEST_DIR).join("tests/regressions"))
        .expect("tests/regressions exists")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "README.md")
        .collect();
    names.sort();
    for name in &names {
        check_regression(name);
    }
}
