//! The JSON writers against serde_json: `export::json::write_compact` and
//! `write_line` write the plan themselves, for speed, and must write exactly
//! the bytes serde_json writes for the plan's `Serialize` (the contract of
//! the README's JSON schema), on every plan the crate ships and on texts
//! full of what JSON escapes.

mod common;

use std::fs;
use std::path::Path;

use common::plans_under;
use fengong::Plan;

fn serde_line(plan: &Plan<'_>, source: Option<&str>) -> Vec<u8> {
    let json = serde_json::to_vec(plan).expect("serde_json writes the plan");
    let mut line = Vec::new();
    match source {
        Some(source) => {
            line.extend_from_slice(b"{\"source\":");
            line.extend(serde_json::to_vec(source).expect("a path is a JSON string"));
            line.push(b',');
            line.extend_from_slice(&json[1..]);
        }
        None => line.extend_from_slice(&json),
    }
    line.push(b'\n');
    line
}

fn assert_same(plan: &Plan<'_>, what: &str) {
    let mut compact = Vec::new();
    fengong::export::json::write_compact(plan, &mut compact).expect("write_compact writes");
    let expected = serde_json::to_vec(plan).expect("serde_json writes the plan");
    assert!(compact == expected, "{what}: write_compact differs from serde_json");
    for source in [None, Some("folder/plan \"one\".txt")] {
        let mut line = Vec::new();
        fengong::export::json::write_line(plan, source, &mut line).expect("write_line writes");
        assert!(line == serde_line(plan, source), "{what}: write_line differs from serde_json");
    }
}

#[test]
fn every_shipped_plan_is_written_as_serde_writes_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    plans_under(&root.join("fixtures"), &mut files);
    plans_under(&root.join("../shared/corpus/docs"), &mut files);
    assert!(files.len() > 50, "the fixtures are there");
    for path in files {
        let bytes = fs::read(&path).expect("read a plan");
        if let Ok(plan) = fengong::parse_bytes(&bytes) {
            assert_same(&plan, &path.display().to_string());
        }
    }
}

#[test]
fn escapes_are_written_as_serde_writes_them() {
    // Every control character, quotes, backslashes, line separators and a
    // byte-order mark, in titles, task texts, unit names and diagnostics.
    let controls: String = (0u8..0x20).map(char::from).collect();
    let text = format!(
        "标题\"{controls}\\方案\n一、总\t\"体\"\\要求\u{2028}\n1.做好\u{7f}公开\u{feff}。\n市财政局\\牵头，市\"税务\"局配合\r\n2.{controls}\n"
    );
    assert_same(&fengong::parse(&text), "control characters");
    assert_same(&fengong::parse(""), "empty text");
    assert_same(&fengong::parse_bytes(b"\xef\xbb\xbf\xe4\xb8\x80\xe3\x80\x81\x22").unwrap(), "with an encoding");
}
