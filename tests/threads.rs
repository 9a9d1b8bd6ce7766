//! Large plans are read on several threads (`Options::threads`): the plan
//! must not depend on how many. A plan of every fixture and corpus document
//! in turn, past the size where threads are used, is read on 1, 2 and 3
//! threads; the plans and their JSON are the same, and the plan is still
//! lossless.

mod common;

use std::fs;
use std::path::Path;

use common::assert_tiles;
use fengong::Options;

/// Every UTF-8 plan the crate ships, one after another, until the text
/// holds `size` bytes.
fn big_plan(size: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    for dir in ["fixtures/ok", "fixtures/err", "fixtures/dev-corpus/docs", "../shared/corpus/docs"] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        docs.extend(paths.iter().filter_map(|p| fs::read_to_string(p).ok()));
    }
    docs.push(fs::read_to_string(root.join("fixtures/heyuan-2020.txt")).expect("read the seed"));
    let mut text = String::with_capacity(size + (1 << 16));
    for doc in docs.iter().cycle() {
        if text.len() >= size {
            break;
        }
        text.push_str(doc.trim_start_matches('\u{feff}'));
        text.push_str("\n\n");
    }
    text
}

#[test]
fn the_plan_is_the_same_on_any_number_of_threads() {
    same_on_any_number_of_threads(&big_plan((1 << 20) + (1 << 18)));
}

/// Lines are cut into cells on several threads only when no quoted CSV cell
/// can run over a line break: a plan without `"` takes that path too.
#[test]
fn lines_cut_on_several_threads_give_the_same_cells() {
    let text = big_plan((1 << 20) + (1 << 18)).replace('"', "“");
    same_on_any_number_of_threads(&text);
}

fn same_on_any_number_of_threads(text: &str) {
    let one = fengong::parse_with(text, &Options::default().threads(1));
    assert!(one.sections.len() > 100, "the plan has its sections");
    assert_tiles(text, &one);
    let mut json_one = Vec::new();
    fengong::export::json::write_compact(&one, &mut json_one).unwrap();
    // A million threads asked for: the same plan (at most 64 threads start).
    for threads in [2, 3, 1_000_000] {
        let many = fengong::parse_with(text, &Options::default().threads(threads));
        assert!(many == one, "{threads} threads give another plan");
        let mut json = Vec::new();
        fengong::export::json::write_compact(&many, &mut json).unwrap();
        assert!(json == json_one, "{threads} threads give other JSON");
    }
}
