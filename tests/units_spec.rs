//! Runs every case of `tests/spec/units.txt` through [`fengong::parse_units`]
//! and reports all the failing cases at once.
//!
//! The spec file documents its own format at its top. In short:
//!
//! ```text
//! # Section
//! ## case name
//! 市卫生健康局牵头，各县（区）人民政府（管委会），市府直属各部门配合
//! .
//! lead: 市卫生健康局
//! supporting: 各县（区）人民政府（管委会） | 市府直属各部门
//! ```

use std::collections::HashSet;
use std::fmt::Write as _;

/// The spec file, relative to the crate root (used in messages).
const SPEC_PATH: &str = "tests/spec/units.txt";

/// The fewest cases the spec file may hold.
const MIN_CASES: usize = 70;

/// Field names a case may use after its `.` line.
const FIELDS: &[&str] = &[
    "lead",
    "supporting",
    "responsible",
    "notes",
    "leaders",
    "deadline",
    "open-ended",
    "diagnostics",
    "no-diagnostics",
    "raw",
];

/// One case of the spec file.
#[derive(Clone, Debug, Default, PartialEq)]
struct Case {
    /// The `## ` name.
    name: String,
    /// The `# ` section the case is in (empty before the first one).
    section: String,
    /// 1-based line of the `## ` line.
    line: usize,
    /// The phrase, escapes resolved; several lines joined with `\n`.
    phrase: String,
    lead: Vec<String>,
    supporting: Vec<String>,
    responsible: Vec<String>,
    notes: Vec<String>,
    leaders: Vec<String>,
    deadline: Option<String>,
    open_ended: Vec<String>,
    /// Codes that must be present; `None` when not checked.
    diagnostics: Option<Vec<String>>,
    /// Codes that must be absent.
    no_diagnostics: Vec<String>,
    /// `(name, raw)` pairs.
    raw: Vec<(String, String)>,
}

/// Where the reader is in the file.
enum State {
    /// Between cases: prose, section headings.
    Outside,
    /// After `## `, reading phrase lines up to `.`.
    Phrase(Case, Vec<String>),
    /// After `.`, reading fields up to a blank line; the set holds the fields seen.
    Fields(Case, HashSet<String>),
}

/// Resolves `\u{XXXX}` and `\\` escapes.
fn unescape(s: &str, line: usize) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\\') => out.push('\\'),
            Some('u') => {
                if it.next() != Some('{') {
                    return Err(format!("line {line}: expected `{{` after `\\u`"));
                }
                let mut hex = String::new();
                loop {
                    match it.next() {
                        Some('}') => break,
                        Some(h) if h.is_ascii_hexdigit() => hex.push(h),
                        _ => return Err(format!("line {line}: bad `\\u{{…}}` escape")),
                    }
                }
                let code =
                    u32::from_str_radix(&hex, 16).map_err(|_| format!("line {line}: bad `\\u{{{hex}}}` escape"))?;
                let ch = char::from_u32(code).ok_or_else(|| format!("line {line}: `\\u{{{hex}}}` is no character"))?;
                out.push(ch);
            }
            other => {
                return Err(format!("line {line}: unknown escape `\\{}`", other.map(String::from).unwrap_or_default()));
            }
        }
    }
    Ok(out)
}

/// Splits a field value on ` | ` into items, escapes resolved. An empty value is an empty list.
fn list(value: &str, line: usize) -> Result<Vec<String>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(Vec::new());
    }
    value
        .split(" | ")
        .map(|item| {
            let item = item.trim();
            if item.is_empty() { Err(format!("line {line}: empty item in `{value}`")) } else { unescape(item, line) }
        })
        .collect()
}

/// Checks what can be checked of a case without running the parser.
fn validate(case: &Case) -> Result<(), String> {
    let known: HashSet<&str> = fengong::Code::ALL.iter().map(|c| c.as_str()).collect();
    let at = format!("line {}: case `{}`", case.line, case.name);
    let codes = case.diagnostics.iter().flatten().chain(&case.no_diagnostics);
    for code in codes {
        if !known.contains(code.as_str()) {
            return Err(format!("{at}: unknown diagnostic code `{code}`"));
        }
    }
    let units: Vec<&String> = case.lead.iter().chain(&case.supporting).chain(&case.responsible).collect();
    for name in &case.open_ended {
        if !units.contains(&name) {
            return Err(format!("{at}: open-ended `{name}` is not one of the case's expected units"));
        }
    }
    for (name, _) in &case.raw {
        if !units.contains(&name) {
            return Err(format!("{at}: raw `{name}` is not one of the case's expected units"));
        }
    }
    Ok(())
}

/// Reads one `field: value` line into the case.
fn field(case: &mut Case, seen: &mut HashSet<String>, text: &str, line: usize) -> Result<(), String> {
    let Some((key, value)) = text.split_once(':') else {
        return Err(format!("line {line}: expected `field: value`, found `{text}`"));
    };
    let key = key.trim();
    if !FIELDS.contains(&key) {
        return Err(format!("line {line}: unknown field `{key}` (known: {})", FIELDS.join(", ")));
    }
    if !seen.insert(key.to_string()) {
        return Err(format!("line {line}: field `{key}` given twice"));
    }
    let items = list(value, line)?;
    match key {
        "lead" => case.lead = items,
        "supporting" => case.supporting = items,
        "responsible" => case.responsible = items,
        "notes" => case.notes = items,
        "leaders" => case.leaders = items,
        "deadline" => {
            if items.len() != 1 {
                return Err(format!("line {line}: `deadline` takes exactly one value"));
            }
            case.deadline = items.into_iter().next();
        }
        "open-ended" => case.open_ended = items,
        "diagnostics" => case.diagnostics = Some(items),
        "no-diagnostics" => case.no_diagnostics = items,
        "raw" => {
            for item in items {
                let Some((name, raw)) = item.split_once(" => ") else {
                    return Err(format!("line {line}: `raw` items are `NAME => RAW`, found `{item}`"));
                };
                case.raw.push((name.trim().to_string(), raw.trim().to_string()));
            }
        }
        _ => unreachable!("every known field is handled"),
    }
    Ok(())
}

/// Reads the spec file. Any malformed line is an error naming its line.
fn parse_spec(text: &str) -> Result<Vec<Case>, String> {
    let mut cases: Vec<Case> = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut section = String::new();
    let mut state = State::Outside;

    let mut finish = |case: Case, cases: &mut Vec<Case>| -> Result<(), String> {
        validate(&case)?;
        if !names.insert(case.name.clone()) {
            return Err(format!("line {}: case name `{}` used twice", case.line, case.name));
        }
        cases.push(case);
        Ok(())
    };

    for (i, raw_line) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        state = match state {
            State::Phrase(mut case, mut lines) => {
                if l == "." {
                    if lines.is_empty() {
                        return Err(format!("line {line}: case `{}` has an empty phrase", case.name));
                    }
                    let joined = lines.join("\n");
                    case.phrase = unescape(&joined, case.line)?;
                    State::Fields(case, HashSet::new())
                } else if l.trim().is_empty() {
                    return Err(format!("line {line}: blank line in the phrase of `{}` (missing `.`?)", case.name));
                } else if l.starts_with('#') {
                    return Err(format!("line {line}: heading inside the phrase of `{}` (missing `.`?)", case.name));
                } else {
                    lines.push(l.to_string());
                    State::Phrase(case, lines)
                }
            }
            State::Fields(case, mut seen) => {
                if l.trim().is_empty() {
                    finish(case, &mut cases)?;
                    State::Outside
                } else if l.starts_with('#') {
                    finish(case, &mut cases)?;
                    heading(l, line, &mut section)?
                } else {
                    let mut case = case;
                    field(&mut case, &mut seen, l, line)?;
                    State::Fields(case, seen)
                }
            }
            State::Outside => {
                if l.starts_with('#') {
                    heading(l, line, &mut section)?
                } else if l == "." {
                    return Err(format!("line {line}: `.` outside a case (missing `## ` line?)"));
                } else {
                    State::Outside
                }
            }
        };
        if let State::Phrase(case, _) = &mut state {
            if case.line == 0 {
                case.line = line;
                case.section = section.clone();
            }
        }
    }
    match state {
        State::Outside => {}
        State::Phrase(case, _) => {
            return Err(format!("line {}: case `{}` has no `.` line", case.line, case.name));
        }
        State::Fields(case, _) => finish(case, &mut cases)?,
    }
    Ok(cases)
}

/// Reads a `# ` or `## ` line: a section heading, or the start of a case.
fn heading(l: &str, line: usize, section: &mut String) -> Result<State, String> {
    if let Some(name) = l.strip_prefix("## ") {
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("line {line}: case with no name"));
        }
        Ok(State::Phrase(Case { name: name.to_string(), ..Case::default() }, Vec::new()))
    } else if let Some(title) = l.strip_prefix("# ") {
        *section = title.trim().to_string();
        Ok(State::Outside)
    } else {
        Err(format!("line {line}: `#` lines are `# SECTION` or `## CASE`, found `{l}`"))
    }
}

fn load() -> Vec<Case> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SPEC_PATH);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_spec(&text).unwrap_or_else(|e| panic!("{SPEC_PATH}: {e}"))
}

fn show(items: &[String]) -> String {
    format!("[{}]", items.join(" | "))
}

/// Compares an expected list with what the parser gave; records a line when they differ.
fn compare(out: &mut Vec<String>, field: &str, expected: &[String], actual: Vec<String>) {
    if expected != actual.as_slice() {
        out.push(format!("{field}: expected {}, got {}", show(expected), show(&actual)));
    }
}

/// Runs one case; returns the mismatches, empty when the case passes.
fn check(case: &Case) -> Vec<String> {
    let units = fengong::parse_units(&case.phrase);
    let mut out = Vec::new();
    let names = |us: &[fengong::Unit]| us.iter().map(|u| u.name.to_string()).collect::<Vec<_>>();
    let texts = |ps: &[fengong::Piece]| ps.iter().map(|p| p.text.to_string()).collect::<Vec<_>>();
    compare(&mut out, "lead", &case.lead, names(&units.lead));
    compare(&mut out, "supporting", &case.supporting, names(&units.supporting));
    compare(&mut out, "responsible", &case.responsible, names(&units.responsible));
    compare(&mut out, "notes", &case.notes, texts(&units.notes));
    compare(&mut out, "leaders", &case.leaders, texts(&units.leaders));
    if case.deadline.as_deref() != units.deadline.as_deref() {
        out.push(format!("deadline: expected {:?}, got {:?}", case.deadline, units.deadline));
    }

    let all: Vec<&fengong::Unit> = units.lead.iter().chain(&units.supporting).chain(&units.responsible).collect();
    for u in &all {
        let expected = case.open_ended.iter().any(|n| *n == u.name);
        if u.open_ended != expected {
            out.push(format!("open-ended: `{}` expected {expected}, got {}", u.name, u.open_ended));
        }
    }
    for (name, raw) in &case.raw {
        match all.iter().find(|u| &u.name == name) {
            None => out.push(format!("raw: no unit named `{name}`")),
            Some(u) if &u.raw != raw => out.push(format!("raw: `{name}` expected raw `{raw}`, got `{}`", u.raw)),
            Some(_) => {}
        }
    }

    let codes: Vec<&str> = units.diagnostics.iter().map(|d| d.code.as_str()).collect();
    let shown = format!("[{}]", codes.join(", "));
    for code in case.diagnostics.iter().flatten() {
        if !codes.contains(&code.as_str()) {
            out.push(format!("diagnostics: expected `{code}`, got {shown}"));
        }
    }
    for code in &case.no_diagnostics {
        if codes.contains(&code.as_str()) {
            out.push(format!("diagnostics: `{code}` must be absent, got {shown}"));
        }
    }
    out
}

#[test]
fn units_spec() {
    let cases = load();
    let mut report = String::new();
    let mut failed = 0;
    for case in &cases {
        let misses = check(case);
        if misses.is_empty() {
            continue;
        }
        failed += 1;
        let _ = writeln!(report, "\n{SPEC_PATH}:{}: {} [{}]", case.line, case.name, case.section);
        let _ = writeln!(report, "    phrase: {}", case.phrase.escape_debug());
        for m in misses {
            let _ = writeln!(report, "    {m}");
        }
    }
    if failed > 0 {
        panic!("{failed} of {} units spec cases failed:\n{report}", cases.len());
    }
}

#[test]
fn spec_has_enough_cases() {
    let cases = load();
    assert!(cases.len() >= MIN_CASES, "{SPEC_PATH} has {} cases, at least {MIN_CASES} expected", cases.len());
}

#[test]
fn spec_reader_reads_a_case() {
    let text = "prose\n\n# Sec\n## one\n市\\u{A0}财政局牵头，市审计局等配合\n.\nlead: 市财政局\nsupporting: 市审计局\nopen-ended: 市审计局\ndiagnostics:\nraw: 市审计局 => 市审计局等\n";
    let cases = parse_spec(text).expect("a well-formed case");
    assert_eq!(cases.len(), 1);
    let c = &cases[0];
    assert_eq!((c.name.as_str(), c.section.as_str(), c.line), ("one", "Sec", 4));
    assert_eq!(c.phrase, "市\u{a0}财政局牵头，市审计局等配合");
    assert_eq!(c.lead, ["市财政局"]);
    assert_eq!(c.supporting, ["市审计局"]);
    assert!(c.responsible.is_empty() && c.notes.is_empty() && c.leaders.is_empty());
    assert_eq!(c.deadline, None);
    assert_eq!(c.diagnostics, Some(Vec::new()));
    assert_eq!(c.raw, [("市审计局".to_string(), "市审计局等".to_string())]);
}

#[test]
fn spec_reader_rejects_unknown_fields() {
    let err = parse_spec("## typo\n市财政局\n.\nresponsibel: 市财政局\n").unwrap_err();
    assert!(err.contains("unknown field `responsibel`"), "{err}");
    assert!(err.starts_with("line 4:"), "{err}");
}

#[test]
fn spec_reader_rejects_malformed_cases() {
    let bad = [
        ("## a\n市财政局\n.\nlead: 市财政局\nlead: 市税务局\n", "given twice"),
        ("## a\n市财政局\n.\ndiagnostics: unclosed-braket\n", "unknown diagnostic code"),
        ("## a\n市财政局\n.\nno-diagnostics: he_typo\n", "unknown diagnostic code"),
        ("## a\n市财政局等\n.\nresponsible: 市财政局\nopen-ended: 市税务局\n", "not one of the case's expected units"),
        ("## a\n市财政局\n.\nresponsible: 市财政局\nraw: 市财政局\n", "NAME => RAW"),
        ("## a\n市财政局\nresponsible: 市财政局\n", "no `.` line"),
        ("## a\n市财政局\n\n.\n", "blank line in the phrase"),
        ("市财政局\n.\nresponsible: 市财政局\n", "outside a case"),
        ("## a\n.\n", "empty phrase"),
        ("### a\n市财政局\n.\n", "`#` lines are"),
        ("## a\n市财政局\n.\nresponsible 市财政局\n", "expected `field: value`"),
        ("## a\n市财政局\n.\nresponsible: 市财政局 |  | 市税务局\n", "empty item"),
        ("## a\n市财政局\n.\ndeadline: 年底 | 月底\n", "exactly one value"),
        ("## a\n市\\x财政局\n.\n", "unknown escape"),
        ("## a\n市财政局\n.\n\n## a\n市税务局\n.\n", "used twice"),
    ];
    for (text, want) in bad {
        match parse_spec(text) {
            Ok(_) => panic!("accepted malformed spec:\n{text}"),
            Err(e) => assert!(e.contains(want), "for\n{text}\nexpected an error containing `{want}`, got `{e}`"),
        }
    }
}
