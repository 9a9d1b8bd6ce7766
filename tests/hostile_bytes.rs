//! Hostile bytes (issue 5): empty, meaningless, undecodable and oversized
//! input, through the library and the converter. Each test asserts the
//! outcome that is right for its input; none may panic.
//!
//! Inputs that once crashed a fuzz target live in `tests/regressions/`, one
//! file per crash; `regression_inputs` at the end of this file runs each.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::cli::{run as convert, scratch};
use common::{Rng, assert_tiles};
use fengong::{Error, Layout, Options, Plan, SegmentKind, Severity};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn codes(plan: &Plan) -> Vec<&'static str> {
    plan.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn fixture(path: &str) -> Vec<u8> {
    fs::read(Path::new(MANIFEST_DIR).join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
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
