//! The plan as JSON and JSON Lines: UTF-8, Chinese unescaped.

use std::io;

use crate::diag::Diagnostic;
use crate::model::{Layout, Piece, Plan, Section, Segment, SegmentKind, Task, Unit};
use crate::source::{Origin, Source};
use crate::span::Span;

/// Writes the plan as pretty-printed JSON (UTF-8, Chinese unescaped).
///
/// ```
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_pretty(&plan, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("\"name\": \"市财政局\""));
/// ```
pub fn write_pretty<W: io::Write>(plan: &Plan<'_>, out: W) -> serde_json::Result<()> {
    let Some(doc) = plan.source.as_deref() else { return serde_json::to_writer_pretty(out, plan) };
    // A plan read from a file: each section, task, unit and diagnostic
    // gains the `origin` of its span.
    let mut value = serde_json::to_value(plan)?;
    add_origins(&mut value, doc, Field::Plan);
    serde_json::to_writer_pretty(out, &value)
}

/// Which of the plan's objects a JSON value is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Plan,
    Section,
    Task,
    Unit,
    Diagnostic,
    Other,
}

/// Adds `origin` to the sections, tasks, units and diagnostics in `v` (a
/// plan's JSON), from their spans.
fn add_origins(v: &mut serde_json::Value, doc: &Source, field: Field) {
    match v {
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| add_origins(i, doc, field)),
        serde_json::Value::Object(map) => {
            if matches!(field, Field::Section | Field::Task | Field::Unit | Field::Diagnostic) {
                let span = map.get("span").and_then(|s| serde_json::from_value::<Span>(s.clone()).ok());
                if let Some(o) = span.and_then(|s| doc.origin(s)) {
                    map.insert("origin".into(), serde_json::to_value(o).unwrap_or_default());
                }
            }
            if field == Field::Diagnostic || field == Field::Unit {
                return;
            }
            for (k, child) in map.iter_mut() {
                let f = match k.as_str() {
                    "sections" => Field::Section,
                    "tasks" => Field::Task,
                    "lead" | "supporting" | "responsible" => Field::Unit,
                    "diagnostics" => Field::Diagnostic,
                    _ => Field::Other,
                };
                if f != Field::Other {
                    add_origins(child, doc, f);
                }
            }
        }
        _ => {}
    }
}

/// Writes the plan as compact JSON on one line (no final newline).
///
/// ```
/// let plan = fengong::parse("一、其他\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_compact(&plan, &mut out).unwrap();
/// assert!(!out.contains(&b'\n'));
/// ```
pub fn write_compact<W: io::Write>(plan: &Plan<'_>, out: W) -> serde_json::Result<()> {
    let mut json = Compact::new(out, plan.source.as_deref());
    json.buf.push(b'{');
    json.plan(plan).map_err(serde_json::Error::io)?;
    json.buf.push(b'}');
    json.finish().map_err(serde_json::Error::io)
}

/// Writes the plan as one line of JSON Lines: compact JSON and `\n`, with a
/// `source` field first when given (the path the plan was read from).
///
/// ```
/// let plan = fengong::parse("一、其他\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_line(&plan, Some("a/plan.txt"), &mut out).unwrap();
/// let line = String::from_utf8(out).unwrap();
/// assert!(line.starts_with("{\"source\":\"a/plan.txt\",\"title\""));
/// assert!(line.ends_with("}\n") && line.matches('\n').count() == 1);
/// ```
pub fn write_line<W: io::Write>(plan: &Plan<'_>, source: Option<&str>, out: W) -> io::Result<()> {
    let mut json = Compact::new(out, plan.source.as_deref());
    json.buf.push(b'{');
    if let Some(source) = source {
        json.raw(b"\"source\":");
        json.str(source);
        json.buf.push(b',');
    }
    json.plan(plan)?;
    json.buf.extend_from_slice(b"}\n");
    json.finish()
}

/// One flat row of [`write_rows`]: the fields of the CSV rows of
/// [`crate::export::csv::RowsWriter`], under the same English names.
#[derive(serde::Serialize)]
struct Row<'r> {
    source: Option<&'r str>,
    plan_title: &'r str,
    section_numbers: &'r str,
    section_titles: &'r str,
    task_number: u32,
    task_text: &'r str,
    role: crate::model::Role,
    unit: &'r str,
    unit_raw: &'r str,
    line: usize,
    task_line: usize,
    deadline: Option<&'r str>,
}

/// Writes one JSON line per (task, unit) of the plan, flat, with `source`
/// and the plan's title on each: what a researcher loads into pandas
/// (`read_json(path, lines=True)`) or DuckDB (`read_json_auto`) with no
/// unnesting. Fields: `source`, `plan_title`, `section_numbers` (`2 / 1`),
/// `section_titles` (`甲 / 子甲`), `task_number`, `task_text`, `role`
/// (`lead`, `supporting`, `responsible`), `unit`, `unit_raw`, `line` (the
/// unit's), `task_line` and `deadline` (null when none).
///
/// ```
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，市财政局配合\n");
/// let mut out = Vec::new();
/// fengong::export::json::write_rows(&plan, Some("plan.txt"), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// let lines: Vec<&str> = text.lines().collect();
/// assert_eq!(lines.len(), 2);
/// assert_eq!(lines[0], r#"{"source":"plan.txt","plan_title":"","section_numbers":"1","section_titles":"其他","task_number":1,"task_text":"做好公开。","role":"lead","unit":"市府办","unit_raw":"市府办","line":3,"task_line":2,"deadline":null}"#);
/// ```
pub fn write_rows<W: io::Write>(plan: &Plan<'_>, source: Option<&str>, mut out: W) -> serde_json::Result<()> {
    for t in plan.tasks() {
        let (numbers, titles) = (t.section_numbers(), t.section_titles());
        for (role, u) in t.task.units() {
            let row = Row {
                source,
                plan_title: &plan.title,
                section_numbers: &numbers,
                section_titles: &titles,
                task_number: t.task.number,
                task_text: &t.task.text,
                role,
                unit: &u.name,
                unit_raw: &u.raw,
                line: u.line,
                task_line: t.task.line,
                deadline: t.task.deadline.as_deref(),
            };
            serde_json::to_writer(&mut out, &row)?;
            out.write_all(b"\n").map_err(serde_json::Error::io)?;
        }
    }
    Ok(())
}

/// A compact JSON writer for the plan, field for field what serde_json
/// writes for its `Serialize` (a test holds the two to the same bytes),
/// straight into a buffer: a large plan's JSON is several times the size of
/// its text, and the generic serializer spent more time on each of its
/// many small fields than on the text.
struct Compact<'d, W: io::Write> {
    out: W,
    buf: Vec<u8>,
    /// The file a plan was read from, for its objects' `origin`.
    doc: Option<&'d Source>,
}

/// How much JSON is gathered before it is handed to the writer.
const CHUNK: usize = 1 << 16;

impl<'d, W: io::Write> Compact<'d, W> {
    fn new(out: W, doc: Option<&'d Source>) -> Self {
        Compact { out, buf: Vec::with_capacity(CHUNK + 4096), doc }
    }

    /// `,"origin":{…}` when the plan was read from a file and `span` came
    /// from a known place in it.
    fn origin(&mut self, span: Span) {
        if let Some(o) = self.doc.and_then(|d| d.origin(span)) {
            self.raw(b",\"origin\":");
            self.origin_object(o);
        }
    }

    fn origin_object(&mut self, o: &Origin) {
        // Origin's fields are names and numbers: serde writes them as is.
        let _ = serde_json::to_writer(&mut self.buf, o);
    }

    /// Hands the JSON gathered so far to the writer once there is enough.
    fn flush_some(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)
    }

    fn num(&mut self, n: usize) {
        self.buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn bool(&mut self, b: bool) {
        self.buf.extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// A string, escaped as serde_json escapes it: quotes, backslashes and
    /// control characters (short forms where JSON has them).
    fn str(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.buf.push(b'"');
        let b = s.as_bytes();
        let mut from = 0;
        let Some(first) = first_escape(b) else {
            self.buf.extend_from_slice(b);
            self.buf.push(b'"');
            return;
        };
        for (i, &c) in b.iter().enumerate().skip(first) {
            let short: &[u8] = match c {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x0C => b"\\f",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1F => b"",
                _ => continue,
            };
            self.buf.extend_from_slice(&b[from..i]);
            if short.is_empty() {
                self.buf.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(c >> 4)],
                    HEX[usize::from(c & 0xF)],
                ]);
            } else {
                self.buf.extend_from_slice(short);
            }
            from = i + 1;
        }
        self.buf.extend_from_slice(&b[from..]);
        self.buf.push(b'"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.buf.extend_from_slice(b"null"),
        }
    }

    /// Punctuation and keys, written as they stand (`,"title":`).
    fn raw(&mut self, json: &[u8]) {
        self.buf.extend_from_slice(json);
    }

    fn span(&mut self, s: Span) {
        self.buf.push(b'[');
        self.num(s.start);
        self.buf.push(b',');
        self.num(s.end);
        self.buf.push(b']');
    }

    fn opt_span(&mut self, s: Option<Span>) {
        match s {
            Some(s) => self.span(s),
            None => self.buf.extend_from_slice(b"null"),
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T) -> io::Result<()>) -> io::Result<()> {
        self.buf.push(b'[');
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.buf.push(b',');
            }
            each(self, item)?;
        }
        self.buf.push(b']');
        Ok(())
    }

    /// The fields of a plan, without the braces around them.
    fn plan(&mut self, p: &Plan<'_>) -> io::Result<()> {
        self.raw(b"\"title\":");
        self.str(&p.title);
        self.raw(b",\"title_spans\":");
        self.list(&p.title_spans, |j, s| {
            j.span(*s);
            Ok(())
        })?;
        self.raw(b",\"preamble\":");
        self.list(&p.preamble, Self::piece)?;
        self.raw(b",\"columns\":");
        self.list(&p.columns, |j, c| {
            j.str(c);
            Ok(())
        })?;
        self.raw(b",\"header_span\":");
        self.opt_span(p.header_span);
        self.raw(b",\"layout\":");
        self.str(Layout::as_str(p.layout));
        self.raw(b",\"encoding\":");
        self.opt_str(p.encoding.as_deref());
        if let Some(d) = p.source.as_deref() {
            self.raw(b",\"document\":{\"kind\":");
            self.str(d.kind.as_str());
            self.raw(b",\"text\":");
            self.str(&d.text);
            self.raw(b",\"tool\":");
            self.opt_str(d.tool.as_deref());
            self.buf.push(b'}');
        }
        self.raw(b",\"sections\":");
        self.list(&p.sections, Self::section)?;
        self.raw(b",\"unparsed\":");
        self.list(&p.unparsed, Self::piece)?;
        self.raw(b",\"diagnostics\":");
        self.list(&p.diagnostics, Self::diagnostic)?;
        self.raw(b",\"segments\":");
        self.list(&p.segments, Self::segment)
    }

    fn piece(&mut self, p: &Piece<'_>) -> io::Result<()> {
        self.buf.push(b'{');
        self.raw(b"\"text\":");
        self.str(&p.text);
        self.raw(b",\"span\":");
        self.span(p.span);
        self.buf.push(b'}');
        Ok(())
    }

    fn section(&mut self, s: &Section<'_>) -> io::Result<()> {
        self.buf.push(b'{');
        self.raw(b"\"number\":");
        self.num(s.number as usize);
        self.raw(b",\"marker\":");
        self.str(&s.marker);
        self.raw(b",\"title\":");
        self.str(&s.title);
        self.raw(b",\"text\":");
        self.str(&s.text);
        self.raw(b",\"span\":");
        self.span(s.span);
        self.origin(s.span);
        self.raw(b",\"tasks\":");
        self.list(&s.tasks, Self::task)?;
        self.raw(b",\"sections\":");
        self.list(&s.sections, Self::section)?;
        self.buf.push(b'}');
        Ok(())
    }

    fn task(&mut self, t: &Task<'_>) -> io::Result<()> {
        self.buf.push(b'{');
        self.raw(b"\"number\":");
        self.num(t.number as usize);
        self.raw(b",\"marker\":");
        self.str(&t.marker);
        self.raw(b",\"text\":");
        self.str(&t.text);
        self.raw(b",\"span\":");
        self.span(t.span);
        self.origin(t.span);
        self.raw(b",\"lead\":");
        self.list(&t.lead, Self::unit)?;
        self.raw(b",\"supporting\":");
        self.list(&t.supporting, Self::unit)?;
        self.raw(b",\"responsible\":");
        self.list(&t.responsible, Self::unit)?;
        self.raw(b",\"leaders\":");
        self.list(&t.leaders, Self::piece)?;
        self.raw(b",\"deadline\":");
        self.opt_str(t.deadline.as_deref());
        self.raw(b",\"notes\":");
        self.list(&t.notes, Self::piece)?;
        self.raw(b",\"units_text\":");
        self.str(&t.units_text);
        self.raw(b",\"units_span\":");
        self.opt_span(t.units_span);
        self.raw(b",\"line\":");
        self.num(t.line);
        self.buf.push(b'}');
        self.flush_some()
    }

    fn unit(&mut self, u: &Unit<'_>) -> io::Result<()> {
        self.buf.push(b'{');
        self.raw(b"\"name\":");
        self.str(&u.name);
        self.raw(b",\"raw\":");
        self.str(&u.raw);
        self.raw(b",\"span\":");
        self.span(u.span);
        self.origin(u.span);
        self.raw(b",\"line\":");
        self.num(u.line);
        self.raw(b",\"open_ended\":");
        self.bool(u.open_ended);
        self.buf.push(b'}');
        Ok(())
    }

    fn diagnostic(&mut self, d: &Diagnostic) -> io::Result<()> {
        self.buf.push(b'{');
        self.raw(b"\"code\":");
        self.str(d.code.as_str());
        self.raw(b",\"severity\":");
        self.str(d.severity.as_str());
        self.raw(b",\"message\":");
        self.str(&d.message);
        self.raw(b",\"line\":");
        self.num(d.line);
        self.raw(b",\"column\":");
        self.num(d.column);
        self.raw(b",\"span\":");
        self.span(d.span);
        self.origin(d.span);
        self.raw(b",\"fix\":");
        match &d.fix {
            Some(f) => {
                self.buf.push(b'{');
                self.raw(b"\"span\":");
                self.span(f.span);
                self.raw(b",\"replacement\":");
                self.str(&f.replacement);
                self.buf.push(b'}');
            }
            None => self.buf.extend_from_slice(b"null"),
        }
        self.buf.push(b'}');
        self.flush_some()
    }

    fn segment(&mut self, s: &Segment) -> io::Result<()> {
        self.buf.extend_from_slice(b"{\"kind\":\"");
        self.buf.extend_from_slice(SegmentKind::as_str(s.kind).as_bytes());
        self.buf.extend_from_slice(b"\",\"span\":");
        self.span(s.span);
        self.buf.push(b'}');
        self.flush_some()
    }
}

/// Where the first byte of `b` that JSON escapes stands (a quote, a
/// backslash or a control character), eight bytes at a time.
fn first_escape(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero: the classic test, exact for the lowest such byte.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = b.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Bytes below 0x20: the top three bits are zero.
        let hit =
            zero(x & 0xE0E0_E0E0_E0E0_E0E0) | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\')));
        if hit != 0 {
            return Some(k * 8 + chunk.iter().position(|&c| c < 0x20 || c == b'"' || c == b'\\').unwrap_or(0));
        }
    }
    let rest = chunks.remainder();
    rest.iter().position(|&c| c < 0x20 || c == b'"' || c == b'\\').map(|i| b.len() - rest.len() + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan as if read from a file: its text one table row, the task's
    /// cell and the unit's cell each a place of their own.
    fn from_a_file(text: &str) -> Plan<'_> {
        let mut plan = crate::parse(text);
        let task = plan.sections[0].tasks[0].span.start;
        let unit = plan.sections[0].tasks[0].responsible[0].span;
        let cell = |column| Origin { table: Some(1), row: Some(2), column: Some(column), ..Origin::default() };
        let origins = vec![(Span::new(task, unit.start - 1), cell(1)), (unit, cell(2))];
        let kind = crate::DocumentKind::Docx;
        plan.source = Some(Box::new(Source { kind, text: text.into(), tool: None, origins }));
        plan
    }

    #[test]
    fn a_plan_from_a_file_gives_each_object_its_origin_in_both_writers() {
        let text = "一、其他\n1.做好公开。\t市财政局\n";
        let plan = from_a_file(text);
        let mut pretty = Vec::new();
        write_pretty(&plan, &mut pretty).unwrap();
        let mut compact = Vec::new();
        write_compact(&plan, &mut compact).unwrap();
        for out in [pretty, compact] {
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            let task = &v["sections"][0]["tasks"][0];
            assert_eq!(task["origin"], serde_json::json!({"table": 1, "row": 2, "column": 1}));
            assert_eq!(task["responsible"][0]["origin"]["column"], 2);
            assert!(v["sections"][0].get("origin").is_none());
            assert_eq!(v["document"]["kind"], "docx");
            assert_eq!(v["document"]["text"], text);
        }
    }

    #[test]
    fn a_plan_from_text_has_no_origin_or_document() {
        let plan = crate::parse("一、其他\n1.做好公开。\n市财政局\n");
        let mut out = Vec::new();
        write_compact(&plan, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains("\"origin\"") && !s.contains("\"document\""));
    }
}
