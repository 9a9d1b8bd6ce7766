//! Running the `convert` example as a user would, for the converter's
//! tests: the built binary, scratch folders, and readers of what it writes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
pub const SEED: &str = "fixtures/heyuan-2020.txt";
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn binary() -> &'static Path {
    super::converter()
}

/// Runs `convert` from the manifest directory with `args` and `stdin`.
pub fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(MANIFEST_DIR)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start convert");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // The binary may exit without reading (bad arguments); a broken pipe is fine then.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().expect("wait for convert")
}

pub fn run(args: &[&str]) -> Output {
    run_with_stdin(args, b"")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// A fresh empty directory for one test, under cargo's scratch directory for integration tests.
pub fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{}-{test}", env!("CARGO_CRATE_NAME")));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch directory");
    dir
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("scratch paths are UTF-8")
}

/// Every task of a JSON plan, nested sections included.
pub fn json_tasks(plan: &Value) -> Vec<&Value> {
    fn walk<'a>(sections: &'a Value, out: &mut Vec<&'a Value>) {
        for s in sections.as_array().expect("sections is an array") {
            out.extend(s["tasks"].as_array().expect("tasks is an array"));
            walk(&s["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&plan["sections"], &mut out);
    out
}

/// Header and data rows of a CSV that starts with a BOM.
pub fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    assert!(bytes.starts_with(BOM), "CSV starts with a UTF-8 BOM");
    csv_rows_without_bom(&bytes[BOM.len()..])
}

/// Header and data rows of a CSV, read with the csv crate.
pub fn csv_rows_without_bom(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().expect("CSV header").iter().map(str::to_string).collect();
    let rows = reader.records().collect::<Result<Vec<_>, _>>().expect("CSV rows");
    (header, rows)
}

/// Runs `convert SEED --format FORMAT` and gives the CSV it printed.
pub fn seed_csv(format: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let out = run(&[SEED, "--format", format]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    csv_rows(&out.stdout)
}

/// Copies fixtures (relative to the crate root) into `dir` under new names.
pub fn copy_fixtures(dir: &Path, files: &[(&str, &str)]) {
    for (from, to) in files {
        let to = dir.join(to);
        fs::create_dir_all(to.parent().expect("a parent")).expect("create the fixture's folder");
        fs::copy(Path::new(MANIFEST_DIR).join(from), &to).expect("copy a fixture");
    }
}

/// A folder of three plans, one in a subfolder: `a.txt`, `b.md`, `sub/c.txt`.
pub fn three_plans(test: &str) -> PathBuf {
    let dir = scratch(test).join("plans");
    copy_fixtures(
        &dir,
        &[(SEED, "a.txt"), ("fixtures/err/he-typo.txt", "b.md"), ("fixtures/ok/labelled.txt", "sub/c.txt")],
    );
    dir
}

/// The JSON lines of `bytes`, each checked to be one compact line.
pub fn json_lines(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("JSON Lines are UTF-8");
    assert!(!text.starts_with('\u{feff}'), "no BOM");
    assert!(!text.contains('\r'), "lines end with \\n only");
    assert!(text.is_empty() || text.ends_with('\n'), "a final newline");
    text.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

pub fn seed_json() -> Value {
    let out = run(&[SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}
