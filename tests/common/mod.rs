//! Helpers shared by the integration tests.
//!
//! [`score`] is a Rust port of `../shared/eval/score.py`, the scorer that
//! measures fengong against gold annotations, so that tests can assert what
//! the scorer would report without running Python.
//!
//! One difference, on purpose: score.py normalises names and texts with
//! Unicode NFKC, which needs tables this crate does not depend on. [`norm`]
//! only folds what plans actually contain: full-width ASCII (U+FF01..=U+FF5E,
//! `（`, `，`, `１`, `Ａ`, …) to ASCII and the ideographic space U+3000 to a
//! space, then drops every whitespace character (Rust's `char::is_whitespace`
//! plus U+001C..=U+001F, which Python's `str.isspace` also counts). Other
//! compatibility characters (circled digits, CJK compatibility ideographs, …)
//! are left as they are, so for texts holding them this scorer can be stricter
//! than score.py.

#![allow(dead_code)] // each test binary uses a different part of this module

pub mod cli;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use fengong::{Plan, Span};
use serde_json::Value;

/// The three roles, in the order score.py uses.
pub const ROLES: [&str; 3] = ["lead", "supporting", "responsible"];

/// What score.py reports for one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    /// Tasks in the gold annotation.
    pub gold_tasks: usize,
    /// Tasks in the prediction.
    pub pred_tasks: usize,
    /// Gold tasks aligned with a predicted task.
    pub matched: usize,
    /// Gold tasks whose units are exactly right in every role.
    pub exact: usize,
    /// (unit, role) pairs both in the gold and in the prediction.
    pub tp: usize,
    /// (unit, role) pairs predicted but not in the gold (units of unaligned
    /// predicted tasks included).
    pub fp: usize,
    /// (unit, role) pairs in the gold but not predicted.
    pub fn_: usize,
    /// Top-level sections in the gold.
    pub gold_sections: usize,
    /// Top-level sections in the prediction.
    pub pred_sections: usize,
    /// True when the normalised titles are equal.
    pub title_ok: bool,
    /// Every gold task that is not exactly right, in gold order.
    pub bad: Vec<Mismatch>,
}

/// A gold task whose predicted units differ, or which was not found at all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mismatch {
    /// The gold task's number, as written in the gold.
    pub number: String,
    /// The gold task's `text_start`.
    pub text_start: String,
    /// Per role, normalised names in the gold but not predicted.
    pub missing: BTreeMap<&'static str, Vec<String>>,
    /// Per role, normalised names predicted but not in the gold.
    pub extra: BTreeMap<&'static str, Vec<String>>,
    /// True when no predicted task was aligned with this gold task.
    pub lost: bool,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "task {} ({}…):", self.number, self.text_start)?;
        if self.lost {
            write!(f, " NOT FOUND;")?;
        }
        for role in ROLES {
            if let Some(names) = self.missing.get(role) {
                write!(f, " {role} missing {names:?};")?;
            }
            if let Some(names) = self.extra.get(role) {
                write!(f, " {role} extra {names:?};")?;
            }
        }
        Ok(())
    }
}

impl Score {
    /// Every mismatch, one per line, for an assertion message.
    pub fn report(&self) -> String {
        self.bad.iter().map(|m| format!("  {m}\n")).collect()
    }
}

/// score.py's `norm`, with the NFKC approximation described in the module docs.
pub fn norm(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .filter(|&c| !(c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)))
        .collect()
}

/// The first `n` characters of `s` (Python's `s[:n]`).
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// score.py's `unit_name`: a string, or an object's `name`/`raw`/`text`/`unit`.
fn unit_name(u: &Value) -> String {
    match u {
        Value::String(s) => s.clone(),
        Value::Object(o) => ["name", "raw", "text", "unit"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .map(str::to_string)
            .unwrap_or_else(|| u.to_string()),
        _ => u.to_string(),
    }
}

fn role_alias(role: &str) -> Option<&'static str> {
    Some(match role {
        "lead" | "leading" | "牵头" => "lead",
        "supporting" | "support" | "cooperating" | "assisting" | "配合" => "supporting",
        "responsible" | "owner" | "责任" | "负责" => "responsible",
        _ => return None,
    })
}

type RoleSets = BTreeMap<&'static str, BTreeSet<String>>;

fn empty_roles() -> RoleSets {
    ROLES.iter().map(|r| (*r, BTreeSet::new())).collect()
}

/// score.py's `task_units`: a predicted task's normalised names per role.
fn task_units(t: &Value) -> RoleSets {
    let mut out = empty_roles();
    let names = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().map(|u| norm(&unit_name(u))).collect()).unwrap_or_default()
    };
    for role in ROLES {
        for key in [role.to_string(), format!("{role}_units"), format!("{role}s")] {
            if let Some(v) = t.get(&key) {
                out.get_mut(role).unwrap().extend(names(v));
            }
        }
    }
    for key in ["units", "assignments", "responsibilities"] {
        match t.get(key) {
            Some(Value::Object(o)) => {
                for role in ROLES {
                    if let Some(v) = o.get(role) {
                        out.get_mut(role).unwrap().extend(names(v));
                    }
                }
            }
            Some(Value::Array(a)) => {
                for u in a.iter().filter(|u| u.is_object()) {
                    let role = match u.get("role") {
                        Some(Value::String(s)) => s.to_lowercase(),
                        Some(Value::Null) | None => String::new(),
                        Some(other) => other.to_string().to_lowercase(),
                    };
                    if let Some(role) = role_alias(&role) {
                        out.get_mut(role).unwrap().insert(norm(&unit_name(u)));
                    }
                }
            }
            _ => {}
        }
    }
    for set in out.values_mut() {
        set.remove("");
    }
    out
}

/// score.py's `task_text`.
fn task_text(t: &Value) -> &str {
    ["text", "text_start", "content", "body", "description"]
        .iter()
        .find_map(|k| t.get(*k).and_then(Value::as_str))
        .unwrap_or("")
}

/// score.py's `flatten`: tasks depth-first, sub-tasks right after their task.
fn flatten(doc: &Value) -> Vec<&Value> {
    fn walk<'a>(secs: Option<&'a Value>, tasks: &mut Vec<&'a Value>) {
        for s in secs.and_then(Value::as_array).into_iter().flatten() {
            for t in s.get("tasks").and_then(Value::as_array).into_iter().flatten() {
                tasks.push(t);
                for k in ["subtasks", "children"] {
                    if let Some(Value::Array(sub)) = t.get(k) {
                        tasks.extend(sub);
                    }
                }
            }
            for k in ["sections", "subsections", "children"] {
                if let Some(v @ Value::Array(_)) = s.get(k) {
                    walk(Some(v), tasks);
                }
            }
        }
    }
    let mut tasks = Vec::new();
    walk(doc.get("sections"), &mut tasks);
    tasks
}

/// score.py's `strip_number`: the normalised text without a leading task number.
fn strip_number(text: &str) -> String {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"^(?:\(?[0-9一二三四五六七八九十]+[\).、．:]?|[0-9]+\.)").unwrap());
    re.replace(&norm(text), "").into_owned()
}

/// score.py's `align`: greedy in-order alignment by the first ten normalised
/// characters of each gold `text_start`; falls back to any unused predicted task.
fn align(gold: &[&Value], pred: &[&Value]) -> (Vec<Option<usize>>, BTreeSet<usize>) {
    let pred_texts: Vec<String> = pred.iter().map(|t| norm(task_text(t))).collect();
    let mut pairs = Vec::with_capacity(gold.len());
    let mut used = BTreeSet::new();
    let mut next = 0;
    for g in gold {
        let want_full = norm(g.get("text_start").and_then(Value::as_str).unwrap_or(""));
        let want = prefix(&want_full, 10);
        let mut hit = None;
        if !want.is_empty() {
            hit = (next..pred.len()).find(|&pi| {
                let txt = &pred_texts[pi];
                txt.starts_with(want) || strip_number(txt).starts_with(want) || prefix(txt, 40).contains(want)
            });
            if hit.is_none() {
                hit = (0..pred.len()).find(|&pi| !used.contains(&pi) && prefix(&pred_texts[pi], 60).contains(want));
            }
        }
        if let Some(pi) = hit {
            used.insert(pi);
            next = pi + 1;
        }
        pairs.push(hit);
    }
    (pairs, used)
}

fn value_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Scores a plan's JSON (`serde_json::to_value(&plan)`) against a gold
/// annotation, as score.py's `score` does.
pub fn score(gold: &Value, plan_json: &Value) -> Score {
    let gt = flatten(gold);
    let pt = flatten(plan_json);
    let (pairs, used) = align(&gt, &pt);
    let mut s = Score { gold_tasks: gt.len(), pred_tasks: pt.len(), ..Score::default() };
    for (g, hit) in gt.iter().zip(&pairs) {
        let gu: RoleSets = ROLES
            .iter()
            .map(|r| {
                let names = g.get(*r).and_then(Value::as_array);
                (*r, names.into_iter().flatten().map(|u| norm(&value_text(Some(u)))).collect())
            })
            .collect();
        let pu = hit.map(|pi| task_units(pt[pi])).unwrap_or_else(empty_roles);
        let mut m = Mismatch {
            number: value_text(g.get("number")),
            text_start: value_text(g.get("text_start")),
            lost: hit.is_none(),
            ..Mismatch::default()
        };
        for role in ROLES {
            let (want, got) = (&gu[role], &pu[role]);
            s.tp += want.intersection(got).count();
            let missing: Vec<String> = want.difference(got).cloned().collect();
            let extra: Vec<String> = got.difference(want).cloned().collect();
            s.fn_ += missing.len();
            s.fp += extra.len();
            if !missing.is_empty() {
                m.missing.insert(role, missing);
            }
            if !extra.is_empty() {
                m.extra.insert(role, extra);
            }
        }
        if !m.lost && m.missing.is_empty() && m.extra.is_empty() {
            s.exact += 1;
        } else {
            s.bad.push(m);
        }
    }
    for (pi, t) in pt.iter().enumerate() {
        if !used.contains(&pi) {
            s.fp += task_units(t).values().map(BTreeSet::len).sum::<usize>();
        }
    }
    s.matched = pairs.iter().filter(|p| p.is_some()).count();
    s.gold_sections = gold.get("sections").and_then(Value::as_array).map_or(0, Vec::len);
    s.pred_sections = plan_json.get("sections").and_then(Value::as_array).map_or(0, Vec::len);
    s.title_ok = norm(&value_text(gold.get("title"))) == norm(&value_text(plan_json.get("title")));
    s
}

// The lossless invariant, shared by every test that parses.

/// Checks that `span` lies inside `text` on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!("{what}: span {span:?} is not inside the text of {} bytes", text.len()));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{what}: span {span:?} cuts a character"));
    }
    Ok(())
}

/// The tiling and span checks, as a `Result` so that many inputs can be
/// checked before failing.
pub fn check_tiles(text: &str, plan: &Plan) -> Result<(), String> {
    let mut end = 0;
    for (i, seg) in plan.segments.iter().enumerate() {
        let what = format!("segment {i} ({:?})", seg.kind);
        if seg.span.start != end {
            return Err(format!("{what}: starts at {} but the previous segment ended at {end}", seg.span.start));
        }
        if seg.span.is_empty() {
            return Err(format!("{what}: empty span {:?}", seg.span));
        }
        check_span(text, seg.span, &what)?;
        end = seg.span.end;
    }
    if end != text.len() {
        return Err(format!("segments end at {end}, the text at {}", text.len()));
    }
    for task in plan.tasks().map(|t| t.task) {
        let what = format!("task {}", task.number);
        check_span(text, task.span, &format!("{what} span"))?;
        if let Some(units_span) = task.units_span {
            check_span(text, units_span, &format!("{what} units_span"))?;
        }
        for (role, unit) in task.units() {
            let what = format!("{what} {} unit {:?}", role.as_str(), unit.name);
            check_span(text, unit.span, &what)?;
            if unit.raw != text[unit.span.start..unit.span.end] {
                return Err(format!(
                    "{what}: raw {:?} but the text at {:?} is {:?}",
                    unit.raw,
                    unit.span,
                    &text[unit.span.start..unit.span.end]
                ));
            }
        }
    }
    Ok(())
}

/// Asserts the lossless invariant for `plan`, parsed from `text`.
pub fn assert_tiles(text: &str, plan: &Plan) {
    if let Err(e) = check_tiles(text, plan) {
        panic!("lossless invariant broken: {e}\ninput: {text:?}\nsegments: {:?}", plan.segments);
    }
}

/// The `convert` example, built once per test binary with the same features
/// as the tests, so that the test files do not rebuild it in turn.
pub fn converter() -> &'static std::path::Path {
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::sync::OnceLock;
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let dir = env!("CARGO_MANIFEST_DIR");
        let features: &[&str] = if cfg!(feature = "xlsx") { &["--features", "xlsx"] } else { &[] };
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "convert"])
            .args(features)
            .current_dir(dir)
            .status()
            .expect("run cargo build");
        assert!(status.success(), "cargo build --example convert {features:?} failed");
        // A relative CARGO_TARGET_DIR is relative to where cargo ran: the manifest directory.
        let target = Path::new(dir).join(std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into()));
        let path = target.join("debug").join("examples").join(format!("convert{}", std::env::consts::EXE_SUFFIX));
        assert!(path.is_file(), "no binary at {}", path.display());
        path
    })
}

/// Every plan file (`.txt`, `.md`) under `dir`, its subfolders included,
/// pushed to `out` (nothing when `dir` is missing).
pub fn plans_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            plans_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
}

/// Asserts that `convert` failed with exit status 2, nothing on standard
/// output and exactly one line on standard error, and returns that line.
#[track_caller]
pub fn assert_one_line_failure(out: &std::process::Output) -> String {
    let stderr = String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8");
    assert_eq!(out.status.code(), Some(2), "exit status; stderr: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout, got {} bytes", out.stdout.len());
    assert!(stderr.ends_with('\n') && stderr.matches('\n').count() == 1, "one line on stderr, got {stderr:?}");
    stderr.trim_end().to_string()
}

/// xorshift64: the same "random" sequence on every machine, for the tests
/// that make inputs (the oracle's texts, hostile bytes).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (which is not 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `s` (not empty).
    pub fn pick<'a>(&mut self, s: &[&'a str]) -> &'a str {
        s[self.below(s.len())]
    }

    /// `len` bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}
