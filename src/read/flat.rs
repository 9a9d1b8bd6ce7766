//! The bridge: a document as the cells the outline reads, and the plan
//! read from them carried back to the input.
//!
//! [`flatten`] writes each paragraph as a line and each row of a classified
//! table as `| a | b |` under a header of names the outline knows, keeping
//! the cells it writes ([`Flat::cells`]) and where every byte of the text
//! came from, so that [`Flat::remap`] can carry the plan's spans back.

use std::borrow::Cow;

use super::classify::{self, Col};
use super::{Block, Document, Piece, Table, Text};
use crate::diag::Diagnostic;
use crate::fold::trim;
use crate::lines;
use crate::model::{Layout, Piece as TextPiece, Plan, Role, Section, Segment, SegmentKind, Task, Unit};
use crate::span::{LineIndex, Span};

/// A run of the flat text copied from the input: `len` bytes at `ext` in the
/// flat text came from `src` in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    ext: usize,
    src: usize,
    len: usize,
}

/// A document written out as text the outline reads, with where each byte
/// of it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Flat {
    pub text: String,
    runs: Vec<Run>,
    /// The cells of the text as written, for the outline: each table row's
    /// cells and each paragraph's line, with spans into `text`.
    pub cells: Vec<lines::Cell>,
    /// Table rows written.
    pub rows: usize,
    /// The line being written (0-based).
    line: usize,
}

impl Flat {
    /// Copies `span` of `src`, leaving out tabs, pipes and line breaks (a
    /// flat row is one line, its cells apart by pipes).
    fn copy(&mut self, src: &str, span: Span) {
        let text = span.slice(src);
        let mut start = 0;
        for (i, b) in text.bytes().enumerate().chain(std::iter::once((text.len(), b'\n'))) {
            if matches!(b, b'\t' | b'\n' | b'\r' | b'|') {
                if i > start {
                    self.runs.push(Run { ext: self.text.len(), src: span.start + start, len: i - start });
                    self.text.push_str(&text[start..i]);
                }
                start = i + 1;
            }
        }
    }

    fn lit(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Ends the line being written.
    fn newline(&mut self) {
        self.text.push('\n');
        self.line += 1;
    }

    /// Writes a paragraph as a line of its own, and its cells (see
    /// [`lines::plain_line`]).
    fn para(&mut self, src: &str, text: &Text) {
        let start = self.text.len();
        self.text(src, text, "");
        let (s, e) = trim(&self.text, start, self.text.len());
        if s < e {
            lines::plain_line(&self.text, Span::new(s, e), self.line, &mut self.cells);
        }
        self.newline();
    }

    /// Writes a text's paragraphs, trimmed, joined by `sep` unless the
    /// paragraph before ends in a separator of its own.
    fn text(&mut self, src: &str, text: &Text, sep: &str) {
        let mut first = true;
        for para in &text.paras {
            let mark = self.text.len();
            if !first && !self.text.ends_with(['、', '，', ',', '；', ';']) {
                self.lit(sep);
            }
            let before = self.text.len();
            for (k, piece) in para.iter().enumerate() {
                match *piece {
                    Piece::Src(span) => {
                        let s = span.slice(src);
                        // Trim the paragraph's ends, keep the inside.
                        let s_trim = if k == 0 { s.trim_start() } else { s };
                        let s_trim = if k + 1 == para.len() { s_trim.trim_end() } else { s_trim };
                        let lead = s_trim.as_ptr() as usize - s.as_ptr() as usize;
                        self.copy(src, Span::new(span.start + lead, span.start + lead + s_trim.len()));
                    }
                    Piece::Lit(l) => self.lit(l),
                    // An entity for a line break, a tab or a pipe is a space
                    // here: a paragraph is a line, a cell a stretch of one.
                    Piece::Char('\n' | '\r' | '\t' | '|') => self.text.push(' '),
                    Piece::Char(c) => self.text.push(c),
                }
            }
            if self.text.len() == before {
                // An empty paragraph: no separator for it either.
                self.text.truncate(mark);
            } else {
                first = false;
            }
        }
    }

    /// The runs that overlap `[a, b)` of the flat text.
    fn overlapping(&self, a: usize, b: usize) -> impl Iterator<Item = &Run> {
        let from = self.runs.partition_point(|r| r.ext + r.len <= a);
        self.runs[from..].iter().take_while(move |r| r.ext < b)
    }

    /// The input position of flat position `p`: exact inside a run; else
    /// the start of the next run (the end of the input past the last).
    fn point(&self, p: usize, src_len: usize) -> usize {
        let k = self.runs.partition_point(|r| r.ext + r.len <= p);
        match self.runs.get(k) {
            Some(r) if r.ext <= p => r.src + (p - r.ext),
            Some(r) => r.src,
            None => src_len,
        }
    }

    /// The input span that covers what `span` of the flat text came from.
    fn hull(&self, span: Span, src_len: usize) -> Span {
        let (mut lo, mut hi) = (usize::MAX, 0);
        for r in self.overlapping(span.start, span.end) {
            let a = span.start.max(r.ext) - r.ext + r.src;
            let b = span.end.min(r.ext + r.len) - r.ext + r.src;
            lo = lo.min(a);
            hi = hi.max(b);
        }
        if lo == usize::MAX {
            let p = self.point(span.start, src_len);
            return Span::new(p, p);
        }
        Span::new(lo, hi)
    }

    /// The plan read from [`Flat::text`], its spans carried back to `src`:
    /// each span covers what its text came from, and the segments tile `src`
    /// (what no segment took, markup and rules, is trivia).
    pub(crate) fn remap(&self, plan: Plan<'static>, src: &str, layout: Layout) -> Plan<'static> {
        let n = src.len();
        let hull = |s: Span| self.hull(s, n);
        let piece = |p: TextPiece<'static>| TextPiece { span: hull(p.span), ..p };
        let index = LineIndex::new(src);
        fn task(t: Task<'static>, hull: &dyn Fn(Span) -> Span) -> Task<'static> {
            let unit = |u: Unit<'static>| Unit { span: hull(u.span), ..u };
            let piece = |p: TextPiece<'static>| TextPiece { span: hull(p.span), ..p };
            Task {
                span: hull(t.span),
                units_span: t.units_span.map(hull),
                lead: t.lead.into_iter().map(unit).collect(),
                supporting: t.supporting.into_iter().map(unit).collect(),
                responsible: t.responsible.into_iter().map(unit).collect(),
                leaders: t.leaders.into_iter().map(piece).collect(),
                notes: t.notes.into_iter().map(piece).collect(),
                ..t
            }
        }
        fn section(s: Section<'static>, hull: &dyn Fn(Span) -> Span) -> Section<'static> {
            Section {
                span: hull(s.span),
                tasks: s.tasks.into_iter().map(|t| task(t, hull)).collect(),
                sections: s.sections.into_iter().map(|c| section(c, hull)).collect(),
                ..s
            }
        }
        let mut sections: Vec<Section<'static>> = plan.sections.into_iter().map(|s| section(s, &hull)).collect();
        relines(&mut sections, &index, src);
        let mut diagnostics: Vec<Diagnostic> = plan
            .diagnostics
            .into_iter()
            .map(|mut d| {
                d.span = hull(d.span);
                if let Some(f) = &mut d.fix {
                    f.span = hull(f.span);
                }
                d
            })
            .collect();
        diagnostics.sort_by_key(|d| d.span.start);
        let at: Vec<usize> = diagnostics.iter().map(|d| d.span.start).collect();
        for (d, (l, c)) in diagnostics.iter_mut().zip(index.line_cols(src, &at)) {
            d.line = l;
            d.column = c;
        }
        Plan {
            title_spans: plan.title_spans.into_iter().map(hull).collect(),
            preamble: plan.preamble.into_iter().map(piece).collect(),
            header_span: plan.header_span.map(hull),
            // A reader that found no table keeps what the outline found.
            layout: if layout == Layout::Unknown { plan.layout } else { layout },
            sections,
            unparsed: plan.unparsed.into_iter().map(piece).collect(),
            diagnostics,
            segments: self.segments(&plan.segments, n),
            ..plan
        }
    }

    /// The flat text's segments carried back to the input: each run a
    /// segment of its kind, the first to claim a byte keeping it (a merged
    /// cell written into every row it spans comes from one place), and what
    /// none claims trivia.
    fn segments(&self, flat: &[Segment], n: usize) -> Vec<Segment> {
        let mut pieces: Vec<(Span, SegmentKind)> = Vec::new();
        for seg in flat {
            if seg.kind == SegmentKind::Trivia {
                continue;
            }
            for r in self.overlapping(seg.span.start, seg.span.end) {
                let a = seg.span.start.max(r.ext) - r.ext + r.src;
                let b = seg.span.end.min(r.ext + r.len) - r.ext + r.src;
                if b > a {
                    pieces.push((Span::new(a, b), seg.kind));
                }
            }
        }
        // Stable: of two claims on one byte, the earlier in the flat text wins.
        pieces.sort_by_key(|p| p.0.start);
        let mut out: Vec<Segment> = Vec::with_capacity(pieces.len() * 2 + 1);
        let mut at = 0;
        let push = |kind: SegmentKind, span: Span, out: &mut Vec<Segment>| match out.last_mut() {
            Some(last) if last.kind == kind && last.span.end == span.start => last.span.end = span.end,
            _ => out.push(Segment { kind, span }),
        };
        for (span, kind) in pieces {
            if span.end <= at {
                continue;
            }
            let start = span.start.max(at);
            if start > at {
                push(SegmentKind::Trivia, Span::new(at, start), &mut out);
            }
            push(kind, Span::new(start, span.end), &mut out);
            at = span.end;
        }
        if at < n {
            push(SegmentKind::Trivia, Span::new(at, n), &mut out);
        }
        out
    }
}

/// Sets each task's and unit's line from its span in the input, and a
/// unit's raw text to the input at its span when they differ (a unit
/// written over two lines of a grid cell, or across markup: its span runs
/// from its first piece to its last, what stands between included).
fn relines(sections: &mut [Section<'_>], index: &LineIndex, src: &str) {
    for s in sections {
        for t in &mut s.tasks {
            t.line = index.line_of(t.span.start);
            for u in t.lead.iter_mut().chain(&mut t.supporting).chain(&mut t.responsible) {
                u.line = index.line_of(u.span.start);
                let at = u.span.slice(src);
                if u.raw != at {
                    u.raw = Cow::Owned(at.to_string());
                }
            }
        }
        relines(&mut s.sections, index, src);
    }
}

/// The columns a classified table is written out with, in this order, each
/// under a name the outline knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Out {
    Section,
    Number,
    Task,
    Lead,
    Supporting,
    Responsible,
    Deadline,
    Leaders,
}

impl Out {
    const ALL: [Out; 8] = [
        Out::Section,
        Out::Number,
        Out::Task,
        Out::Lead,
        Out::Supporting,
        Out::Responsible,
        Out::Deadline,
        Out::Leaders,
    ];

    fn name(self) -> &'static str {
        match self {
            Out::Section => "工作事项",
            Out::Number => "序号",
            Out::Task => "具体任务",
            Out::Lead => "牵头单位",
            Out::Supporting => "配合单位",
            Out::Responsible => "责任单位",
            Out::Deadline => "完成时限",
            Out::Leaders => "责任领导",
        }
    }

    /// Where a column of `col` goes.
    fn of(col: Col) -> Option<Out> {
        Some(match col {
            Col::Section => Out::Section,
            Col::Number => Out::Number,
            Col::Task => Out::Task,
            Col::Units(Some(Role::Lead)) => Out::Lead,
            Col::Units(Some(Role::Supporting)) => Out::Supporting,
            Col::Units(_) => Out::Responsible,
            Col::Deadline => Out::Deadline,
            Col::Leaders => Out::Leaders,
            Col::Other => return None,
        })
    }

    /// True for what a cell spanning rows gives every row it spans: units
    /// (a task's units are the unit cells of its row, a merged one included),
    /// a deadline, leaders. A group or a task is written once.
    fn spreads(self) -> bool {
        matches!(self, Out::Lead | Out::Supporting | Out::Responsible | Out::Deadline | Out::Leaders)
    }

    /// What a cell's paragraphs are joined with: units one per paragraph
    /// are several units; elsewhere a paragraph goes on the one before.
    fn joiner(self) -> &'static str {
        if matches!(self, Out::Lead | Out::Supporting | Out::Responsible) { "、" } else { "" }
    }
}

impl Flat {
    /// Writes one row: `| a | b |`, each cell the texts given for it.
    fn row(&mut self, src: &str, cells: &[(Out, Vec<&Text>)]) {
        self.lit("|");
        for (col, (out, texts)) in cells.iter().enumerate() {
            self.lit(" ");
            let start = self.text.len();
            for (k, text) in texts.iter().enumerate() {
                if k > 0 && !self.text.ends_with(' ') && !self.text.ends_with(['、', '，', ',', '；', ';']) {
                    self.lit(out.joiner());
                }
                self.text(src, text, out.joiner());
            }
            self.cell(start, col, cells.len());
            self.lit(" |");
        }
        self.rows += 1;
        self.newline();
    }

    /// Records the cell written from `start` on, trimmed, as column `col` of
    /// a row of `cols` cells; an empty cell counts as a column, and is no cell.
    fn cell(&mut self, start: usize, col: usize, cols: usize) {
        let (s, e) = trim(&self.text, start, self.text.len());
        let (s, e) = lines::strip_marks(&self.text, s, e);
        if s < e {
            self.cells.push(lines::Cell { span: Span::new(s, e), line: self.line, col, cols });
        }
    }

    /// Writes a table whose columns are known: the rows above its header as
    /// paragraphs, then a header of the names the outline knows, then each
    /// row with its cells in that order; a row that holds one text across
    /// the table, and each group that starts on a row but the last, as a
    /// row of its own with that text as its group.
    fn classified(&mut self, src: &str, table: &Table, columns: &classify::Columns, copied: &mut usize) {
        for row in &table.rows[..columns.top] {
            for cell in row.iter().filter(|c| c.from.is_none() && !c.text.is_blank(src)) {
                self.para(src, &cell.text);
            }
        }
        let present: Vec<Out> = Out::ALL
            .into_iter()
            .filter(|o| *o == Out::Section || columns.cols.iter().any(|c| Out::of(*c) == Some(*o)))
            .collect();
        let header: Vec<Text> = present.iter().map(|o| Text { paras: vec![vec![Piece::Lit(o.name())]] }).collect();
        self.row(src, &present.iter().zip(&header).map(|(o, t)| (*o, vec![t])).collect::<Vec<_>>());
        let header_texts: Vec<Vec<String>> = (columns.top..=columns.header)
            .map(|r| table.rows[r].iter().map(|c| c.text.joined(src, "")).collect())
            .collect();
        for (r, row) in table.rows.iter().enumerate().skip(columns.header + 1) {
            let starts: Vec<usize> =
                (0..row.len()).filter(|&c| row[c].from.is_none() && !row[c].text.is_blank(src)).collect();
            // Compared cell by cell, stopping at the first that differs.
            let repeats = |h: &Vec<String>| {
                h.len() == row.len() && row.iter().zip(h).all(|(c, name)| c.text.joined(src, "") == *name)
            };
            if starts.is_empty() || header_texts.iter().any(repeats) {
                // Empty, or the header again (a table broken over pages).
                continue;
            }
            let across = starts.len() == 1
                && row.iter().enumerate().all(|(c, cell)| {
                    c == starts[0]
                        || cell.from == Some((r, starts[0]))
                        || cell.text.is_blank(src) && cell.from.is_none()
                });
            let groups: Vec<usize> =
                starts.iter().copied().filter(|&c| columns.cols.get(c) == Some(&Col::Section)).collect();
            let heading = |flat: &mut Flat, text: &Text| {
                let cells: Vec<(Out, Vec<&Text>)> =
                    present.iter().map(|o| (*o, if *o == Out::Section { vec![text] } else { Vec::new() })).collect();
                flat.row(src, &cells);
            };
            if across && columns.cols.get(starts[0]).copied().and_then(Out::of).is_none_or(|o| o != Out::Task) {
                heading(self, &row[starts[0]].text);
                continue;
            }
            for &g in groups.iter().rev().skip(1).rev() {
                heading(self, &row[g].text);
            }
            // A row that starts a task (its own task or 序号 cell) takes the
            // units, deadline and leaders of cells merged down over it; a
            // row that goes on with the task above has them from there.
            let starts_task = (0..row.len()).any(|c| {
                matches!(columns.cols.get(c), Some(Col::Task | Col::Number))
                    && row[c].from.is_none()
                    && !row[c].text.is_blank(src)
            });
            let cells: Vec<(Out, Vec<&Text>)> = present
                .iter()
                .map(|&o| {
                    let texts: Vec<&Text> = (0..row.len())
                        .filter(|&c| columns.cols.get(c).copied().and_then(Out::of) == Some(o))
                        .filter(|&c| o != Out::Section || groups.last() == Some(&c))
                        .filter_map(|c| match row[c].from {
                            None => Some(&row[c].text),
                            // Spread down from the cell above, in its own
                            // column, while the copies stay within the
                            // input's size (a long cell over thousands of
                            // rows would be copied into each).
                            Some((fr, fc))
                                if o.spreads() && starts_task && fc == c && fr < r && *copied <= src.len() =>
                            {
                                let text = table.rows.get(fr).and_then(|x| x.get(fc)).map(|x| &x.text)?;
                                *copied += text.len();
                                Some(text)
                            }
                            Some(_) => None,
                        })
                        .filter(|t| !t.is_blank(src))
                        .collect();
                    (o, texts)
                })
                .collect();
            self.row(src, &cells);
        }
    }

    /// Writes a table whose columns are not known as it stands: each row's
    /// cells in their order, a cell spanning rows in its first row only.
    fn raw(&mut self, src: &str, table: &Table) {
        for row in &table.rows {
            if row.iter().all(|c| c.from.is_some() || c.text.is_blank(src)) {
                continue;
            }
            self.lit("|");
            for (col, cell) in row.iter().enumerate() {
                self.lit(" ");
                let start = self.text.len();
                if cell.from.is_none() {
                    self.text(src, &cell.text, "");
                }
                self.cell(start, col, row.len());
                self.lit(" |");
            }
            self.rows += 1;
            self.newline();
        }
    }
}

/// Writes `doc` out as text the outline reads: paragraphs as lines, each
/// table row as a line of pipe-separated cells (`| a | b |`, an empty cell
/// as `|  |`, so that no cell is lost or shifted). A table whose columns
/// [`classify`] knows is written with a header of names the outline knows,
/// its columns in one order, other content left out.
///
/// When the plan is a table (one whose columns are known), the paragraphs
/// after the last such table are closing matter (a signature, a date, a
/// saved page's links and footer) and are left out, but for notes
/// (`注：…`), which may state a convention for the table's units.
pub(crate) fn flatten(doc: &Document, src: &str) -> Flat {
    let mut flat = Flat::default();
    // Bytes of cells spread down into the rows they cover, over all tables.
    let mut copied = 0;
    let columns: Vec<Option<classify::Columns>> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => classify::columns(t, src),
            Block::Para(_) => None,
        })
        .collect();
    let last_plan_table = columns.iter().rposition(Option::is_some);
    for (k, block) in doc.blocks.iter().enumerate() {
        match (block, &columns[k]) {
            (Block::Para(text), _) if last_plan_table.is_some_and(|t| k > t) && !is_note(text, src) => {}
            (Block::Para(text), _) => flat.para(src, text),
            (Block::Table(table), Some(columns)) => flat.classified(src, table, columns, &mut copied),
            (Block::Table(table), None) => flat.raw(src, table),
        }
    }
    flat
}

/// True for a note under a table: `注：`, `备注：`, `说明：`.
fn is_note(text: &Text, src: &str) -> bool {
    crate::lexicon::is_note(text.joined(src, "").trim_start())
}
