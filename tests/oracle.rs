//! The behaviour lock: a hash of the compact JSON of about 9,000 inputs
//! (every fixture, every line of the units spec, and random texts, plans and
//! phrases from a fixed seed), kept as one insta snapshot.
//!
//! It exists for work that must not change what fengong outputs, above all
//! performance work: any change to any output of any of these inputs shows
//! as the lines of the inputs whose hash changed. When a change of output is
//! meant, accept the new hashes (`cargo insta review`, or run with
//! `INSTA_UPDATE=always`) and say in the commit which outputs changed and why.
//!
//! To see what changed, dump the JSON before and after the change and
//! compare the two files:
//!
//! ```text
//! FENGONG_ORACLE_DUMP=/tmp/before.tsv cargo test --release --test oracle
//! # … the change …
//! FENGONG_ORACLE_DUMP=/tmp/after.tsv cargo test --release --test oracle
//! diff /tmp/before.tsv /tmp/after.tsv
//! ```

mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use common::{Rng, plans_under};

const CJK: &[&str] = &[
    "市", "县", "区", "局", "委", "办", "府", "厅", "部", "门", "各", "直", "属", "人", "民", "政", "和", "合", "及",
    "与", "等", "公", "开", "工", "作", "务", "镇", "街", "道", "年", "月", "底", "前", "第", "章", "节", "由", "会",
    "同", "以", "上", "项", "中", "心", "社", "区", "村", "级", "场", "有", "关", "相",
];

/// Words of plans: role words, labels, unit names, headers, dates, page
/// numbers, list numbers, Markdown and HTML marks.
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
    "市税务局",
    "市委",
    "市政府督查室",
    "各区、县级市",
    "以上3项由",
    "会同",
    "分别牵头",
    "等有关部门",
    "无",
    "——",
    "2023年底前",
    "6.2%",
    "县委各巡察组",
    "抄送",
    "2019年3月23日",
    "— 3 —",
    "第3页 共9页",
    "方案",
    "分工方案",
    "通知",
    "<br>",
    "1.区教育局",
    "序号",
    "完成时限",
    "责任领导",
    "| --- |",
    "**",
    "# ",
    "• ",
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
    "1 ",
    "3.",
    "4、",
    "（三）",
    "三、",
    "1）",
    "2)",
];
const PUNCTUATION: &[&str] = &["、", "，", ",", "；", ";", "。", "：", ":", "．", "-", "—", "\"", ","];
const SPACES: &[&str] = &[" ", "\t", "\n", "\n", "\n", "\n\n", "\r\n", "\r", "\u{a0}", "\u{3000}", "  "];
const ODD: &[&str] = &["a", "Z", "\u{feff}", "\0", "\u{200b}", "😀", "\u{2028}", "\u{fffd}", "\u{7f}", "⼀", "﹙"];

fn token(r: &mut Rng, out: &mut String) {
    let s = match r.below(95) {
        0..=29 => r.pick(CJK),
        30..=33 => {
            out.push(char::from_u32(0x4E00 + r.below(0x51FF) as u32).unwrap_or('一'));
            return;
        }
        34..=45 => r.pick(WORDS),
        46..=51 => r.pick(DIGITS),
        52..=57 => r.pick(BRACKETS),
        58..=65 => r.pick(MARKERS),
        66..=73 => r.pick(PUNCTUATION),
        74..=93 => r.pick(SPACES),
        _ => r.pick(ODD),
    };
    out.push_str(s);
}

fn tokens(r: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        token(r, &mut s);
    }
    s
}

/// A plan of one to four sections of a few tasks, in one of several layouts,
/// with random task texts and units in one of eight shapes.
fn plan_like(r: &mut Rng) -> String {
    const NAMES: &[&str] = &[
        "市财政局",
        "市税务局",
        "市卫生健康局",
        "各县（区）人民政府（管委会）",
        "市府直属各部门",
        "市发展改革委",
        "区教育局",
        "县政府办公室",
        "市委宣传部",
        "各乡镇人民政府",
        "市住房和城乡建设局",
    ];
    let mut s = String::new();
    if r.below(2) == 0 {
        s.push_str("某市政务公开工作要点分工方案\n");
    }
    if r.below(4) == 0 {
        s.push_str("工作事项\n具体任务\n牵头及责任单位\n");
    }
    let tab = r.below(5) == 0;
    let mut t = 0;
    for section in ["一", "二", "三", "四"].iter().take(1 + r.below(4)) {
        let _ = writeln!(s, "{section}、推进某项工作");
        for _ in 0..1 + r.below(5) {
            t += 1;
            let n = 3 + r.below(20);
            let text = tokens(r, n).replace(['\n', '\r', '\t', '|'], "");
            let units = match r.below(8) {
                0 => format!("{}牵头，{}、{}配合", r.pick(NAMES), r.pick(NAMES), r.pick(NAMES)),
                1 => format!("牵头单位：{}\n配合单位：{}", r.pick(NAMES), r.pick(NAMES)),
                2 => format!("{}、{}", r.pick(NAMES), r.pick(NAMES)),
                3 => format!("（{}牵头，{}配合）", r.pick(NAMES), r.pick(NAMES)),
                4 => format!("责任单位：{}；{}", r.pick(NAMES), r.pick(NAMES)),
                5 => format!("{}{}牵头{}配合", r.pick(NAMES), r.pick(NAMES), r.pick(NAMES)),
                6 => {
                    let n = r.below(12);
                    tokens(r, n)
                }
                _ => format!("{}牵头，{}合{}配合。", r.pick(NAMES), r.pick(NAMES), r.pick(NAMES)),
            };
            let marker = ["1.", "1、", "（1）", "①"][r.below(4)].replace('1', &t.to_string());
            if tab {
                let _ = writeln!(s, "{marker}\t{text}\t{}", units.replace('\n', " "));
            } else if r.below(3) == 0 {
                let _ = writeln!(s, "{marker}{text}。{units}");
            } else {
                let _ = writeln!(s, "{marker}{text}\n{units}");
            }
        }
    }
    s
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and build.
#[derive(Default)]
struct Fnv(u64);

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.0 == 0 {
            self.0 = 0xCBF2_9CE4_8422_2325;
        }
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The hashes (and, when dumping, the JSON) of every input, one line each.
struct Record {
    hashes: String,
    dump: Option<std::io::BufWriter<std::fs::File>>,
}

impl Record {
    fn add(&mut self, name: &str, json: &[u8]) {
        let mut h = Fnv::default();
        h.write_all(json).expect("hashing cannot fail");
        let _ = writeln!(self.hashes, "{name} {:016x}", h.0);
        if let Some(dump) = &mut self.dump {
            let line = [name.as_bytes(), b"\t", json, b"\n"].concat();
            dump.write_all(&line).expect("write the dump");
        }
    }

    fn plan(&mut self, name: &str, plan: &fengong::Plan<'_>) {
        let mut json = Vec::new();
        fengong::export::json::write_compact(plan, &mut json).expect("writing to a Vec cannot fail");
        self.add(name, &json);
    }

    fn units(&mut self, name: &str, units: &fengong::Units<'_>) {
        self.add(name, &serde_json::to_vec(units).expect("units serialize"));
    }
}

#[test]
fn outputs_are_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dump = std::env::var_os("FENGONG_ORACLE_DUMP")
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("create the dump file")));
    let mut rec = Record { hashes: String::new(), dump };

    // Every plan the crate ships, read as bytes (any encoding).
    let mut files = Vec::new();
    plans_under(&root.join("fixtures"), &mut files);
    plans_under(&root.join("tests/regressions"), &mut files);
    files.retain(|p| !p.ends_with("README.md"));
    files.sort();
    for path in &files {
        let name = path.strip_prefix(root).expect("under the crate").display().to_string().replace('\\', "/");
        let bytes = std::fs::read(path).expect("read a fixture");
        match fengong::parse_bytes(&bytes) {
            Ok(plan) => rec.plan(&name, &plan),
            Err(e) => rec.add(&name, e.to_string().as_bytes()),
        }
    }
    // The seed with the strict options and with one repair turned off.
    let seed = std::fs::read_to_string(root.join("fixtures/heyuan-2020.txt")).expect("read the seed");
    rec.plan("seed-strict", &fengong::parse_with(&seed, &fengong::Options::strict()));
    rec.plan("seed-no-split", &fengong::parse_with(&seed, &fengong::Options::default().split_run_together(false)));

    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..2500 {
        let n = r.below(400);
        let mut text = tokens(&mut r, n);
        if i % 2 == 0 {
            text = text.replace(['\t', '|'], "");
        }
        rec.plan(&format!("text{i}"), &fengong::parse(&text));
    }
    for i in 0..2000 {
        let text = plan_like(&mut r);
        rec.plan(&format!("plan{i}"), &fengong::parse(&text));
    }
    let spec = std::fs::read_to_string(root.join("tests/spec/units.txt")).expect("read the units spec");
    for (i, line) in spec.lines().enumerate() {
        rec.units(&format!("spec{i}"), &fengong::parse_units(line));
    }
    for i in 0..2500 {
        let n = r.below(60);
        let phrase = tokens(&mut r, n);
        rec.units(&format!("phrase{i}"), &fengong::parse_units(&phrase));
    }
    if let Some(mut dump) = rec.dump.take() {
        dump.flush().expect("flush the dump");
    }
    insta::assert_snapshot!("hashes", rec.hashes);
}
