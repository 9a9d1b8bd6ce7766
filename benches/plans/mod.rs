//! Builds large plans for the benchmarks from the plans the crate ships:
//! the seed (`fixtures/heyuan-2020.txt`), every fixture under `fixtures/ok/`
//! and `fixtures/err/`, and the development corpus (`../shared/corpus/docs/`)
//! when it is there. Nothing is renumbered: plans are concatenated whole,
//! each after a blank line, until the size asked for is reached.
//!
//! [`mixed`] cycles through every document (every layout in one text);
//! [`layout`] repeats the documents of one layout family only.

#![allow(dead_code)] // each benchmark uses a part

use std::fs;
use std::path::{Path, PathBuf};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// A plan the generator draws from.
pub struct Doc {
    /// File name without the extension, e.g. `labelled-leaders`.
    pub name: String,
    /// The decoded text (any encoding the crate reads), without a BOM.
    pub text: String,
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.expect("a directory entry").path()).collect(),
        Err(_) => return Vec::new(),
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
}

/// Every document, in a fixed order: seed, fixtures/ok, fixtures/err, corpus.
pub fn documents() -> Vec<Doc> {
    let root = Path::new(MANIFEST_DIR);
    let mut files = vec![root.join("fixtures/heyuan-2020.txt")];
    files.extend(txt_files(&root.join("fixtures/ok")));
    files.extend(txt_files(&root.join("fixtures/err")));
    files.extend(txt_files(&root.join("../shared/corpus/docs")));
    files
        .iter()
        .map(|path| {
            let bytes = fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            let decoded = fengong::decode(&bytes).unwrap_or_else(|e| panic!("decode {}: {e}", path.display()));
            let text = decoded.text.trim_start_matches('\u{feff}').to_string();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            Doc { name, text }
        })
        .collect()
}

/// The layout families of [`layout`], each with the name prefixes of the
/// fixtures that belong to it.
pub const LAYOUTS: &[(&str, &[&str])] = &[
    ("cell-per-line", &["heyuan-2020", "cell-per-line"]),
    ("units-lines", &["markers-", "numbering-", "convention-first-lead", "kangxi"]),
    ("labelled", &["labelled", "role-words"]),
    ("parenthetical", &["parenthetical", "group-parenthetical"]),
    ("tab-table", &["tab-table"]),
    ("pipe-table", &["pipe-table"]),
    ("one-line", &["one-line"]),
    ("pdf-text", &["pdf-text"]),
];

/// Concatenates `docs` in turn, a blank line between two, until the text
/// holds at least `size` bytes.
fn fill(docs: &[&Doc], size: usize) -> String {
    assert!(!docs.is_empty(), "no documents to build a plan from");
    let mut text = String::with_capacity(size + 64 * 1024);
    for doc in docs.iter().cycle() {
        if text.len() >= size {
            break;
        }
        text.push_str(&doc.text);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
    }
    text
}

/// A plan of at least `size` bytes with every document in turn: every layout.
pub fn mixed(size: usize) -> String {
    let docs = documents();
    fill(&docs.iter().collect::<Vec<_>>(), size)
}

/// A plan of at least `size` bytes made of the documents of one family of [`LAYOUTS`].
pub fn layout(family: &str, size: usize) -> String {
    let prefixes = LAYOUTS.iter().find(|(name, _)| *name == family).expect("a known layout family").1;
    let docs = documents();
    let chosen: Vec<&Doc> = docs.iter().filter(|d| prefixes.iter().any(|p| d.name.starts_with(p))).collect();
    fill(&chosen, size)
}

/// The mixed plan of `mb` MiB written to a file under the target directory
/// (made once, reused by later runs), and its path.
pub fn mixed_file(mb: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-plans");
    fs::create_dir_all(&dir).expect("create the bench-plans directory");
    let path = dir.join(format!("mixed-{mb}mb.txt"));
    let text = mixed(mb << 20);
    if fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
        fs::write(&path, &text).expect("write the plan");
    }
    path
}

/// The floor the end-to-end conversion is compared with: read the file,
/// check its UTF-8 and walk its characters once. Returns a value that
/// depends on every character, so that the walk is not optimised away.
pub fn floor(path: &Path) -> u64 {
    let bytes = fs::read(path).expect("read the plan");
    let text = std::str::from_utf8(&bytes).expect("the plan is UTF-8");
    text.chars().fold(0u64, |acc, c| acc.wrapping_mul(31).wrapping_add(u64::from(c)))
}

/// A conversion of one file to JSON: read it, decode it, parse it and write
/// the plan as compact JSON (what `convert --format jsonl` writes) to a
/// writer that only counts the bytes, as a program would stream it to a
/// file: the JSON goes out in chunks and is never held whole (the converter
/// itself holds it whole, to replace its output file only once complete).
/// Returns the JSON's length.
pub fn end_to_end(path: &Path) -> usize {
    let bytes = fs::read(path).expect("read the plan");
    let decoded = fengong::decode(&bytes).expect("the plan decodes");
    let plan = decoded.parse_with(&fengong::Options::default());
    let mut json = Counted(0);
    fengong::export::json::write_compact(&plan, &mut json).expect("write JSON");
    json.0
}

/// A writer that keeps nothing but the count of bytes written to it.
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += std::hint::black_box(buf).len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
