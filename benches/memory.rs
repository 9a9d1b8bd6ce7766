//! Peak memory of parsing and converting the mixed plans of 1, 8 and 64 MiB
//! (see `plans/mod.rs`), measured with a counting global allocator: the
//! most bytes live on the heap at once. Also prints the time per byte of one
//! parse at each size (best of three, on all cores and on one thread), for a
//! quick check that it stays flat.
//!
//! `cargo bench --bench memory`
//!
//! - `parse peak`: most heap bytes live during `fengong::parse`, the input
//!   text included (it is live throughout), as a multiple of the input; on
//!   as many threads as the machine has cores, then on one thread;
//! - `e2e peak`: the same for read + decode + parse + compact JSON written
//!   out (see `plans::end_to_end`: the input bytes and the plan are live
//!   together with a chunk of JSON at a time);
//! - `VmHWM`: the process's peak resident set, from /proc/self/status, at
//!   the end (Linux only), for a cross-check of the allocator's count.

use std::hint::black_box;
use std::sync::atomic::Ordering;
use std::time::Instant;

use counting::{LIVE, peak_of};

mod counting;
mod plans;

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is ignored.
    println!(
        "{:>6} {:>12} {:>12} {:>8} {:>8} {:>12} {:>8} {:>10} {:>10}",
        "size", "input", "parse peak", "ratio", "1 thread", "e2e peak", "ratio", "ns/byte", "1 thread"
    );
    let one = fengong::Options::default().threads(1);
    for mb in [1, 8, 64] {
        let path = plans::mixed_file(mb);
        let mut text = std::fs::read_to_string(&path).expect("read the plan");
        text.shrink_to_fit();
        let input = text.len();

        // Parse: the input is already live; count it in.
        let base = LIVE.load(Ordering::Relaxed) - input;
        let (plan, parse_peak) = peak_of(|| fengong::parse(&text));
        drop(black_box(plan));
        let parse_peak = parse_peak - base;
        let (plan, peak_one) = peak_of(|| fengong::parse_with(&text, &one));
        drop(black_box(plan));
        let peak_one = peak_one - base;
        drop(text);

        // End to end: nothing of it is live before.
        let base = LIVE.load(Ordering::Relaxed);
        let (json_len, e2e_peak) = peak_of(|| plans::end_to_end(&path));
        black_box(json_len);
        let e2e_peak = e2e_peak - base;

        let text = std::fs::read_to_string(&path).expect("read the plan");
        let best = |options: &fengong::Options| {
            (0..3)
                .map(|_| {
                    let start = Instant::now();
                    black_box(fengong::parse_with(black_box(&text), options));
                    start.elapsed()
                })
                .min()
                .unwrap()
                .as_nanos() as f64
                / input as f64
        };
        println!(
            "{:>4}MB {:>12} {:>12} {:>7.2}x {:>7.2}x {:>12} {:>7.2}x {:>10.2} {:>10.2}",
            mb,
            input,
            parse_peak,
            parse_peak as f64 / input as f64,
            peak_one as f64 / input as f64,
            e2e_peak,
            e2e_peak as f64 / input as f64,
            best(&fengong::Options::default()),
            best(&one)
        );
    }
    if let Some(kib) = vm_hwm_kib() {
        println!("VmHWM (process peak resident set): {} MiB", kib / 1024);
    }
}
