//! Throughput on large plans built from the fixtures (see `plans/mod.rs`):
//!
//! - `floor/N`: read an N MiB plan from disk, check its UTF-8, walk its
//!   characters once: the least any conversion must do;
//! - `parse/N`: `fengong::parse` on the text in memory (on as many threads
//!   as the machine has cores, see `Options::threads`);
//! - `parse_1t/N`: the same on the calling thread alone;
//! - `end_to_end/N`: read, decode, parse and write compact JSON out (to a
//!   writer that counts the bytes, see `plans::end_to_end`);
//! - `layout/NAME`: `fengong::parse` on an 8 MiB plan of one layout family,
//!   on the calling thread alone.
//!
//! For N = 1, 8 and 64 MiB, with every layout mixed in one text. Criterion
//! reports bytes per second (`Throughput::Bytes`); time per byte is its
//! inverse. Run with `cargo bench --bench throughput`; a quick run of the
//! 64 MiB cases alone: `cargo bench --bench throughput -- /64`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main, measurement::WallTime,
};

mod plans;

const SIZES_MB: [usize; 3] = [1, 8, 64];

/// Fewer, flat samples for the large plans, so that the run takes minutes.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, mb: usize) {
    if mb >= 8 {
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(if mb >= 64 { 20 } else { 5 }));
    } else {
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(5));
    }
}

fn sizes(c: &mut Criterion) {
    for mb in SIZES_MB {
        let path = plans::mixed_file(mb);
        let text = std::fs::read_to_string(&path).expect("read the plan");
        let bytes = text.len() as u64;

        let mut group = c.benchmark_group("floor");
        configure(&mut group, mb);
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(format!("{mb}"), |b| b.iter(|| plans::floor(black_box(&path))));
        group.finish();

        let mut group = c.benchmark_group("parse");
        configure(&mut group, mb);
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(format!("{mb}"), |b| b.iter(|| fengong::parse(black_box(&text))));
        group.finish();

        let mut group = c.benchmark_group("parse_1t");
        configure(&mut group, mb);
        group.throughput(Throughput::Bytes(bytes));
        let one = fengong::Options::default().threads(1);
        group.bench_function(format!("{mb}"), |b| b.iter(|| fengong::parse_with(black_box(&text), &one)));
        group.finish();

        let mut group = c.benchmark_group("end_to_end");
        configure(&mut group, mb);
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(format!("{mb}"), |b| b.iter(|| plans::end_to_end(black_box(&path))));
        group.finish();
    }
}

fn layouts(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    configure(&mut group, 8);
    for (family, _) in plans::LAYOUTS {
        let text = plans::layout(family, 8 << 20);
        group.throughput(Throughput::Bytes(text.len() as u64));
        let one = fengong::Options::default().threads(1);
        group.bench_function(*family, |b| b.iter(|| fengong::parse_with(black_box(&text), &one)));
    }
    group.finish();
}

criterion_group!(benches, sizes, layouts);
criterion_main!(benches);
