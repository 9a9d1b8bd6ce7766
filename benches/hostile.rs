//! Time per byte on the hostile inputs of `tests/hostile.rs`, next to a
//! normal plan's, at sizes from 16 KiB to 4 MiB: a linear parser keeps
//! each row flat across the sizes and within a small factor of the normal
//! plan's. Prints a table (best of three runs; a size whose run takes more
//! than a second is the last measured for that input, since a quadratic
//! path would make the next one take minutes). The last column is the
//! peak heap (counting allocator) during one parse at the largest size
//! measured, input included, as a multiple of the input. Every parse runs
//! on the calling thread alone (`Options::threads(1)`).
//!
//! `cargo bench --bench hostile`

use std::hint::black_box;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use counting::{LIVE, peak_of};

mod counting;
mod plans;

const SIZES: [usize; 5] = [16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

/// `s` repeated until it holds at least `size` bytes.
fn repeat(s: &str, size: usize) -> String {
    s.repeat(size.div_ceil(s.len()))
}

/// The bytes of `unit` repeated to `size`, after `head`, with `bad` in the middle.
fn repeat_bytes(head: &[u8], unit: &[u8], size: usize, bad: &[u8]) -> Vec<u8> {
    let mut bytes = head.to_vec();
    while bytes.len() < size / 2 {
        bytes.extend_from_slice(unit);
    }
    bytes.extend_from_slice(bad);
    while bytes.len() < size {
        bytes.extend_from_slice(unit);
    }
    bytes
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("read a fixture")
}

const UNITS: [&str; 4] = ["市财政局", "市教育局", "市卫生健康局", "各县（区）人民政府（管委会）"];

/// On the calling thread alone, so that a size past the threshold where a
/// plan is read on several threads is timed like the smaller ones.
fn one_thread() -> fengong::Options {
    fengong::Options::default().threads(1)
}

/// An input: text for `fengong::parse`, or bytes for `fengong::parse_bytes`.
enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

impl Input {
    fn len(&self) -> usize {
        match self {
            Input::Text(t) => t.len(),
            Input::Bytes(b) => b.len(),
        }
    }

    fn run(&self) {
        match self {
            Input::Text(t) => drop(black_box(fengong::parse_with(black_box(t), &one_thread()))),
            Input::Bytes(b) => drop(black_box(fengong::parse_bytes_with(black_box(b), &one_thread()))),
        }
    }
}

type Make = Box<dyn Fn(usize) -> Input>;

/// A long first line: without one, equal-width short lines read as a
/// hard-wrapped PDF text and are joined into one cell.
const LONG: &str = "某市关于做好政务公开工作的通知某市关于做好政务公开工作的通知某市关于做好政务公开工作的通知\n";

fn inputs() -> Vec<(&'static str, Make)> {
    let gb = fixture("fixtures/ok/encoding-gb18030.txt");
    let le = fixture("fixtures/ok/encoding-utf16le.txt");
    let (gb_ok, gb_bad, le_ok, le_bad) = (gb.clone(), gb.clone(), le.clone(), le.clone());
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let random: Vec<u8> = (0..4 << 20)
        .map(|_| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng as u8
        })
        .collect();
    vec![
        ("normal plan (mixed layouts)", Box::new(|n| Input::Text(plans::mixed(n)))),
        ("normal plan, line breaks lost", Box::new(|n| Input::Text(plans::mixed(n).replace(['\n', '\r'], "")))),
        ("unclosed full-width brackets alone", Box::new(|n| Input::Text(repeat("（", n)))),
        (
            "unclosed brackets in a units line",
            Box::new(|n| Input::Text(format!("一、其他\n1.做好公开。\n市财政局牵头，{}配合\n", repeat("（", n)))),
        ),
        (
            "one long list of units",
            Box::new(|n| {
                let list: Vec<&str> = (0..n / 15).map(|i| UNITS[i % UNITS.len()]).collect();
                Input::Text(format!("一、其他\n1.做好公开。\n{}\n", list.join("、")))
            }),
        ),
        (
            "section numbers 9999 in CJK numerals",
            Box::new(|n| Input::Text(repeat("九千九百九十九、加强组织领导\n", n))),
        ),
        (
            "25-digit task numbers",
            Box::new(|n| {
                Input::Text(format!("一、其他\n{}", repeat("1234567890123456789012345.做好公开。\n市财政局\n", n)))
            }),
        ),
        ("whitespace only", Box::new(|n| Input::Text(repeat(" \n\t\u{3000}\r\n", n)))),
        ("NUL bytes", Box::new(|n| Input::Bytes(vec![0; n]))),
        ("random bytes (parse_bytes)", Box::new(move |n| Input::Bytes(random[..n].to_vec()))),
        ("GB18030 plan (parse_bytes)", Box::new(move |n| Input::Bytes(repeat_bytes(&gb_ok, &gb_ok, n, b"")))),
        ("GB18030, 0xFF in the middle", Box::new(move |n| Input::Bytes(repeat_bytes(&gb_bad, &gb_bad, n, b"\n\xFF")))),
        ("UTF-16LE plan (parse_bytes)", Box::new(move |n| Input::Bytes(repeat_bytes(&le_ok, &le_ok[2..], n, b"")))),
        (
            "UTF-16LE, lone surrogate in the middle",
            Box::new(move |n| Input::Bytes(repeat_bytes(&le_bad, &le_bad[2..], n, &0xD800u16.to_le_bytes()))),
        ),
        ("a run of ASCII digits", Box::new(|n| Input::Text(repeat("1", n)))),
        ("a run of CJK numerals (shi)", Box::new(|n| Input::Text(repeat("十", n)))),
        (
            "a run of units lines after a task",
            Box::new(|n| Input::Text(format!("{LONG}一、其他\n1.做好公开。\n{}", repeat("区司法局：\n", n)))),
        ),
        (
            "a header of thousands of columns",
            Box::new(|n| {
                let header = format!("序号\t工作任务\t牵头单位\t{}\n", "配合单位\t".repeat(n / 26));
                Input::Text(format!("{header}{}", repeat("做好公开\n", n / 2)))
            }),
        ),
        (
            "a flattened table, task column far right",
            Box::new(|n| {
                let header = format!("{LONG}序号\n{}工作任务\n牵头单位\n", "备注\n".repeat(n / 14));
                let rows: String = (1..n / 80).map(|k| format!("{k}.做好公开\n市财政局\n备注文字\n")).collect();
                Input::Text(format!("{header}{rows}"))
            }),
        ),
        (
            "joint offices in one clause",
            Box::new(|n| {
                Input::Text(format!("{LONG}一、其他\n1.做好公开。\n{}配合\n", repeat("市委、市政府督查室、", n)))
            }),
        ),
        (
            "CSV, a quote never closed",
            Box::new(|n| {
                let head = "序号,工作任务,牵头单位,配合单位\n1,\"做好公开,市财政局,市税务局\n";
                Input::Text(format!("{head}{}", repeat("2,加强监督,市审计局,市财政局\n", n)))
            }),
        ),
        ("tab-separated cells on one line", Box::new(|n| Input::Text(repeat("a\t", n)))),
        ("pipe table rows", Box::new(|n| Input::Text(repeat("| a | b |\n", n)))),
    ]
}

/// Best of three runs, or the one run when it is slow.
fn time(input: &Input) -> Duration {
    let start = Instant::now();
    input.run();
    let first = start.elapsed();
    if first > Duration::from_millis(300) {
        return first;
    }
    (0..2)
        .map(|_| {
            let start = Instant::now();
            input.run();
            start.elapsed()
        })
        .chain([first])
        .min()
        .unwrap()
}

fn main() {
    print!("{:<42}", "ns/byte at");
    for size in SIZES {
        print!("{:>10}", format!("{}K", size >> 10));
    }
    println!("{:>10}{:>12}{:>10}", "growth", "vs normal", "memory");
    let mut normal = Vec::new();
    for (name, make) in inputs() {
        let (mut row, mut memory) = (Vec::new(), 0.0);
        for size in SIZES {
            let input = make(size);
            let t = time(&input);
            row.push(t.as_nanos() as f64 / input.len() as f64);
            let base = LIVE.load(Ordering::Relaxed);
            let ((), peak) = peak_of(|| input.run());
            memory = (peak - base + input.len()) as f64 / input.len() as f64;
            if t > Duration::from_secs(1) {
                break;
            }
        }
        if normal.is_empty() {
            normal = row.clone();
        }
        print!("{name:<42}");
        for size in 0..SIZES.len() {
            match row.get(size) {
                Some(ns) if *ns < 10.0 => print!("{ns:>10.2}"),
                Some(ns) => print!("{ns:>10.1}"),
                None => print!("{:>10}", "(skipped)"),
            }
        }
        let growth = row.last().unwrap() / row[0];
        let worst = row.iter().zip(&normal).map(|(a, b)| a / b).fold(0.0, f64::max);
        println!("{growth:>9.1}x{worst:>11.1}x{memory:>9.1}x");
    }
    println!("growth: ns/byte at the largest size measured over ns/byte at 16K (1x = linear);");
    println!("vs normal: the worst ratio to the normal plan's ns/byte at the same size;");
    println!("memory: peak heap during one parse at the largest size, input included, over the input.");
}
