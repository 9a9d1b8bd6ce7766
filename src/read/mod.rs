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
//! reads them: [`classify::columns`] for a document's tables, with what
//! their cells add; [`classify::by_names`] for the header of tab, pipe and
//! CSV rows that the line reader cuts, by the same rules.
//!
//! Text that none of them claims is read line by line, as ever, by
//! `lines` (tab rows, pipe rows, CSV, one cell per line, prose lines into
//! cells) and then `outline`.
//!
//! A claimed document is handed on by [`flatten`] (in [`flat`]): its paragraphs and its
//! tables' rows become the cells the outline reads (the same cells the
//! line reader makes of a text: a paragraph a line, a row's cells in
//! classified columns under a header of names the outline knows), written
//! into one text that holds their words, and a map from that text back to
//! the input carries every span of the plan back ([`flat::Flat::remap`]), so that
//! the segments still tile the input. The cells are never cut from that
//! text again: a paragraph is a paragraph, whatever spaces or pipes it holds.

pub(crate) mod cells;
pub(crate) mod classify;
pub(crate) mod dashed;
mod flat;
pub(crate) mod grid;
pub(crate) mod markup;
pub(crate) mod paras;
pub(crate) mod pdftext;
pub(crate) mod spaced;
pub(crate) mod wrapped;

use std::borrow::Cow;

use crate::lines;
use crate::model::{Layout, Plan};
use crate::span::{LineIndex, Span};
pub(crate) use flat::flatten;

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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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

/// The rows of the first table of `doc`, each cell's paragraphs joined by
/// `/`, a covered slot as `^row,col`: for the readers' tests.
#[cfg(test)]
pub(crate) fn first_table_rows(doc: &Document, src: &str) -> Vec<Vec<String>> {
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Para(_) => None,
        })
        .expect("a table block");
    let cell = |c: &Cell| match c.from {
        Some((r, k)) => format!("^{r},{k}"),
        None => c.text.joined(src, "/"),
    };
    table.rows.iter().map(|row| row.iter().map(cell).collect()).collect()
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
mod tests;
