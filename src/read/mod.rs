//! Readers: text as a tool flattened it, back into a document of blocks.
//!
//! A plan comes as a web page, a Word file or a PDF, and people turn it into
//! text with a tool: `w3m -dump` draws a table as a box grid, `pandoc` writes
//! its rows as raw `<table>` markup or as dashed columns, `lynx` and
//! `pdftotext -layout` set columns apart by spaces. Each reader here knows
//! one of these shapes, and gives back the same thing: a [`Document`], a
//! sequence of [`Block`]s, each a paragraph or a table; a table is rows of
//! cells on one grid, with row and column spans resolved; every text is
//! [`Piece`]s of the input, so that nothing is lost.
//!
//! Where is what:
//! - HTML table markup inside text (pandoc's Markdown): [`markup`];
//! - box-drawn grids, Unicode and ASCII (w3m, pandoc's grid tables): [`grid`];
//! - dashed rules over space-aligned columns (pandoc's simple and multiline
//!   tables): [`dashed`];
//! - columns set apart by spaces (w3m without borders, `pdftotext -layout`):
//!   [`spaced`];
//! - one cell per line under a header (docx2txt, LibreOffice's text): [`cells`];
//! - one cell per paragraph under a header (lynx, a table it does not lay
//!   out): [`paras`];
//! - a table's lines interleaved as `pdftotext` writes them (no `-layout`):
//!   [`pdftext`];
//! - prose hard-wrapped at a page's width (`pdftotext`): [`wrapped`].
//!
//! What each column of a table holds (section, 序号, task, lead, supporting
//! or responsible units, deadline, leaders) is decided in one place,
//! [`classify`], from the header's names as [`crate::lexicon::column_kind`]
//! reads them.
//!
//! Text that none of them claims is read line by line, as ever, by
//! `lines` (tab rows, pipe rows, CSV, one cell per line, prose lines into
//! cells) and then `outline`.
//!
//! A claimed document is handed on by [`flatten`]: its paragraphs and its
//! tables' rows become the cells the outline reads (the same cells the
//! line reader makes of a text: a paragraph a line, a row's cells in
//! classified columns under a header of names the outline knows), written
//! into one text that holds their words, and a map from that text back to
//! the input carries every span of the plan back ([`Flat::remap`]), so that
//! the segments still tile the input. The cells are never cut from that
//! text again: a paragraph is a paragraph, whatever spaces or pipes it holds.

pub(crate) mod cells;
pub(crate) mod classify;
pub(crate) mod dashed;
pub(crate) mod grid;
pub(crate) mod markup;
pub(crate) mod paras;
pub(crate) mod pdftext;
pub(crate) mod spaced;
pub(crate) mod wrapped;

use std::borrow::Cow;

use crate::diag::Diagnostic;
use crate::fold::trim;
use crate::lines;
use crate::model::{Layout, Piece as TextPiece, Plan, Role, Section, Segment, SegmentKind, Task, Unit};
use crate::span::{LineIndex, Span};
use classify::Col;

/// A stretch of a text: a span of the input, or text the reader put in its
/// place (an entity decoded, `&amp;` → `&`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Bytes of the input, as they stand.
    Src(Span),
    /// Text standing for markup.
    Lit(&'static str),
    /// A character standing for markup (an entity decoded: `&amp;` → `&`).
    Char(char),
}

/// The text of a paragraph or of a cell: paragraphs, each the pieces that
/// follow one another with nothing between them (a cell's text wrapped over
/// several lines of a grid is one paragraph, its pieces one a line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Text {
    pub paras: Vec<Vec<Piece>>,
}

impl Text {
    /// A text of one piece of the input.
    pub(crate) fn of(span: Span) -> Text {
        Text { paras: vec![vec![Piece::Src(span)]] }
    }

    /// Bytes of the input and of the text put in its place it holds (at
    /// most what writing it out takes, separators aside).
    pub(crate) fn len(&self) -> usize {
        self.paras
            .iter()
            .flatten()
            .map(|p| match p {
                Piece::Src(s) => s.len(),
                Piece::Lit(l) => l.len(),
                Piece::Char(c) => c.len_utf8(),
            })
            .sum()
    }

    /// True when it holds no piece with a byte that is not white space.
    pub(crate) fn is_blank(&self, src: &str) -> bool {
        self.paras.iter().flatten().all(|p| match p {
            Piece::Src(s) => s.slice(src).trim().is_empty(),
            Piece::Lit(l) => l.trim().is_empty(),
            Piece::Char(c) => c.is_whitespace(),
        })
    }

    /// The text as one string, paragraphs joined by `sep` (for classifying
    /// cells; the plan's texts come from [`flatten`]).
    pub(crate) fn joined(&self, src: &str, sep: &str) -> String {
        let mut out = String::new();
        for (k, para) in self.paras.iter().filter(|p| !p.is_empty()).enumerate() {
            if k > 0 {
                out.push_str(sep);
            }
            for p in para {
                match p {
                    Piece::Src(s) => out.push_str(s.slice(src).trim()),
                    Piece::Lit(l) => out.push_str(l),
                    Piece::Char(c) => out.push(*c),
                }
            }
        }
        out
    }
}

/// One slot of a table's grid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    /// The cell's text; empty in a slot covered by a span from another.
    pub text: Text,
    /// For a slot covered by a row or column span: the (row, column) of the
    /// slot where the spanning cell starts.
    pub from: Option<(usize, usize)>,
}

/// A table: rows of cells on one grid (every row as long as the widest),
/// spans resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Pads every row with empty cells to the width of the widest.
    pub(crate) fn square(&mut self) {
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut self.rows {
            row.resize_with(width, Cell::default);
        }
    }
}

/// A block of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph outside any table (a heading, a line of the notice).
    Para(Text),
    /// A table.
    Table(Table),
}

/// What a reader made of a text: its blocks in order, and which layout it
/// read them as ([`Layout::Unknown`]: the outline's, for paragraphs alone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Document {
    pub blocks: Vec<Block>,
    pub layout: Layout,
}

/// The readers, in the order they are tried: each claims a text only when it
/// finds the shape it knows in it.
const READERS: [fn(&str) -> Option<Document>; 8] =
    [markup::read, grid::read, dashed::read, spaced::read, cells::read, paras::read, pdftext::read, wrapped::read];

/// The document a reader makes of `src`, when one claims it.
pub(crate) fn document(src: &str) -> Option<Document> {
    READERS.iter().find_map(|read| read(src))
}

/// The spans of the lines of `src`, without their line ends, as the rest of
/// the crate counts lines ([`LineIndex::lines`]): `\n`, `\r\n` or a lone
/// `\r` ends one, and an empty line after the last line end is none.
pub(crate) fn line_spans(src: &str) -> Vec<Span> {
    LineIndex::new(src).lines(src).collect()
}

/// Every line of `src` from `from` to `to` (byte offsets on line starts) as
/// a paragraph of its trimmed text; blank lines give none. For readers,
/// around the tables they find.
pub(crate) fn lines_as_paras(src: &str, from: usize, to: usize, out: &mut Vec<Block>) {
    let mut at = from;
    for line in src[from..to].split_inclusive('\n') {
        let (lead, body) = (line.len() - line.trim_start().len(), line.trim());
        if !body.is_empty() {
            out.push(Block::Para(Text::of(Span::new(at + lead, at + lead + body.len()))));
        }
        at += line.len();
    }
}

// ---------------------------------------------------------------------------
// The bridge: a document as tab rows, and back
// ---------------------------------------------------------------------------

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
    rows: usize,
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
        for row in &table.rows[..columns.header] {
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
        let header_texts: Vec<String> = table.rows[columns.header].iter().map(|c| c.text.joined(src, "")).collect();
        for (r, row) in table.rows.iter().enumerate().skip(columns.header + 1) {
            let starts: Vec<usize> =
                (0..row.len()).filter(|&c| row[c].from.is_none() && !row[c].text.is_blank(src)).collect();
            if starts.is_empty() || row.iter().map(|c| c.text.joined(src, "")).eq(header_texts.iter().cloned()) {
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
                            Some((fr, fc)) if o.spreads() && fc == c && fr < r && *copied <= src.len() => {
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
    let t = text.joined(src, "");
    let t = t.trim_start();
    ["注：", "注:", "注 ", "备注", "说明：", "说明:"].iter().any(|p| t.starts_with(p))
}

/// Parses `src` through the document a reader made of it.
pub(crate) fn parse<'a>(src: &'a str, doc: &Document, options: &crate::Options) -> Plan<'a> {
    let mut flat = flatten(doc, src);
    let cells = std::mem::take(&mut flat.cells);
    let shape = lines::Shape { pipe_rows: flat.rows, ..lines::Shape::default() };
    let index = LineIndex::new(&flat.text);
    let cx = crate::units::Cx::new(&flat.text, options, &index);
    let plan = crate::outline::read(&cx, cells, shape).into_owned();
    let mut plan = flat.remap(plan, src, doc.layout);
    if plan.title.is_empty() {
        plan.title = Cow::Borrowed("");
    }
    plan
}

/// Asserts that the segments of `plan` tile `src`, in order and whole: the
/// lossless property, for the readers' tests.
#[cfg(test)]
pub(crate) fn assert_tiles(src: &str, plan: &Plan<'_>) {
    let mut end = 0;
    for seg in &plan.segments {
        assert_eq!(seg.span.start, end, "{:?}", plan.segments);
        end = seg.span.end;
    }
    assert_eq!(end, src.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(src: &str, s: &str) -> Text {
        let at = src.find(s).expect("in the text");
        Text::of(Span::new(at, at + s.len()))
    }

    #[test]
    fn a_table_flattens_to_tab_rows_and_its_spans_come_back() {
        let src = "<t>工作任务|牵头单位|配合单位\n一、公开|1.做好公开。|市财政局|市税务局\n2.做好审计。|市审计局</t>";
        let cell = |s: &str| Cell { text: para(src, s), from: None };
        let table = Table {
            rows: vec![
                vec![cell("工作任务"), cell("牵头单位"), cell("配合单位")],
                vec![cell("1.做好公开。"), cell("市财政局"), cell("市税务局")],
                vec![cell("2.做好审计。"), cell("市审计局"), Cell { text: Text::default(), from: Some((1, 2)) }],
            ],
        };
        let doc = Document {
            blocks: vec![Block::Para(para(src, "一、公开")), Block::Table(table)],
            layout: Layout::MarkupTable,
        };
        let flat = flatten(&doc, src);
        assert_eq!(
            flat.text,
            "一、公开\n| 工作事项 | 具体任务 | 牵头单位 | 配合单位 |\n|  | 1.做好公开。 | 市财政局 | 市税务局 |\n|  | 2.做好审计。 | 市审计局 | 市税务局 |\n"
        );
        let plan = parse(src, &doc, &crate::Options::default());
        let tasks: Vec<_> = plan.tasks().collect();
        assert_eq!(tasks.len(), 2);
        let t = tasks[1].task;
        assert_eq!(t.lead[0].name, "市审计局");
        assert_eq!(t.lead[0].span.slice(src), "市审计局");
        // The merged cell's unit points at the one place it is written.
        assert_eq!(t.supporting[0].span.slice(src), "市税务局");
        assert_eq!(t.span.slice(src), "2.做好审计。");
        crate::read::assert_tiles(src, &plan);
    }

    #[test]
    fn units_on_one_long_line_get_their_line_without_a_walk_each() {
        // Each unit's line was found with its column, walking the line from
        // its start: quadratic in a line of thousands of units.
        let units = "市税务局、".repeat(20_000);
        let src = format!("<t>工作任务|牵头单位|配合单位\n1.做好公开。|市财政局|{units}</t>");
        let src = src.as_str();
        let cell = |s: &str| Cell { text: para(src, s), from: None };
        let table = Table {
            rows: vec![
                vec![cell("工作任务"), cell("牵头单位"), cell("配合单位")],
                vec![cell("1.做好公开。"), cell("市财政局"), cell(units.trim_end_matches('、'))],
            ],
        };
        let doc = Document { blocks: vec![Block::Table(table)], layout: Layout::MarkupTable };
        let plan = parse(src, &doc, &crate::Options::default());
        let t = plan.tasks().next().expect("a task").task;
        assert_eq!(t.line, 2);
        assert!(!t.supporting.is_empty());
        assert!(t.supporting.iter().all(|u| u.line == 2 && u.raw == "市税务局"));
        crate::read::assert_tiles(src, &plan);
    }

    #[test]
    fn a_long_cell_spread_over_many_rows_is_copied_within_the_input_size() {
        // One units cell merged over 2,000 rows, as a reader marks it: each
        // row would be written with a copy of it.
        let units = "市税务局、".repeat(2_000);
        let mut src = format!("<t>工作任务|牵头单位\n1.做好公开。|{units}\n");
        for k in 2..2_000 {
            src.push_str(&format!("{k}.做好公开。\n"));
        }
        src.push_str("</t>");
        let src = src.as_str();
        let cell = |s: &str| Cell { text: para(src, s), from: None };
        let mut rows = vec![vec![cell("工作任务"), cell("牵头单位")], vec![cell("1.做好公开。"), cell(&units)]];
        for k in 2..2_000 {
            let task = format!("{k}.做好公开。");
            rows.push(vec![cell(&task), Cell { text: Text::default(), from: Some((1, 1)) }]);
        }
        let doc = Document { blocks: vec![Block::Table(Table { rows })], layout: Layout::MarkupTable };
        let flat = flatten(&doc, src);
        assert!(flat.text.len() <= 3 * src.len(), "{} bytes written of {}", flat.text.len(), src.len());
        let plan = parse(src, &doc, &crate::Options::default());
        // The first rows under the cell still get its units.
        assert!(plan.tasks().nth(1).is_some_and(|t| !t.task.lead.is_empty()));
        crate::read::assert_tiles(src, &plan);
    }
}
