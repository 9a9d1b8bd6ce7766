//! Cutting lines into cells: each run of text goes to the column its start
//! stands in, on display columns; a cell's lines make its paragraphs.

use unicode_width::UnicodeWidthChar;

use super::TAB;
use super::lines::{Column, Line};
use crate::read::{Cell, Piece, Text};
use crate::span::Span;

/// How well a table's lines fit its columns.
#[derive(Debug, Default)]
pub(super) struct Fit {
    /// Lines cut.
    pub(super) lines: usize,
    /// Lines with a run of text across the edge of a column.
    pub(super) misfits: usize,
}

/// A line's text in one column: its span, and whether its first and last
/// characters are wide (CJK).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bit {
    span: Span,
    first_wide: bool,
    last_wide: bool,
}

/// A run of non-space characters of a line.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// Byte offsets in the input.
    start: usize,
    end: usize,
    /// Display columns of the line.
    from: usize,
    to: usize,
    first_wide: bool,
    last_wide: bool,
}

/// The runs of non-space characters of `line`, with their display columns.
fn runs(src: &str, line: Line) -> Vec<Run> {
    let mut out = Vec::new();
    let mut open: Option<Run> = None;
    let mut pos = 0;
    for (i, c) in line.text(src).char_indices() {
        let at = line.start + i;
        let width = if c == '\t' { TAB - pos % TAB } else { c.width().unwrap_or(0) };
        if c.is_whitespace() {
            out.extend(open.take());
        } else {
            let wide = width > 1;
            let run =
                open.get_or_insert(Run { start: at, end: at, from: pos, to: pos, first_wide: wide, last_wide: wide });
            run.end = at + c.len_utf8();
            run.to = pos + width;
            run.last_wide = wide;
        }
        pos += width;
    }
    out.extend(open);
    out
}

/// `line` cut by `columns`: each column's text on it, and whether a run of
/// text crosses into the next column. A run goes to the column its start
/// stands in; one that starts in the space after a column's dashes goes to
/// the next (a width measured one short), and one left of the first column
/// to the first.
fn cut(src: &str, line: Line, columns: &[Column]) -> (Vec<Option<Bit>>, bool) {
    let mut bits: Vec<Option<Bit>> = vec![None; columns.len()];
    let mut misfit = false;
    let mut k = 0;
    for run in runs(src, line) {
        while columns.get(k + 1).is_some_and(|c| c.start <= run.from) {
            k += 1;
        }
        if k + 1 < columns.len() && run.from >= columns[k].end {
            k += 1;
        }
        misfit |= columns.get(k + 1).is_some_and(|c| run.to > c.start);
        let bit = bits[k].get_or_insert(Bit {
            span: Span::new(run.start, run.end),
            first_wide: run.first_wide,
            last_wide: false,
        });
        bit.span.end = run.end;
        bit.last_wide = run.last_wide;
    }
    (bits, misfit)
}

/// The row that `lines` make (one line of a simple table, the lines of a
/// multiline table's row or header): each column's text on them, a new
/// paragraph where a cell's text breaks between two wide characters or
/// skips a line (not in a header, whose cells are one paragraph each).
pub(super) fn row(src: &str, lines: &[Line], columns: &[Column], header: bool, fit: &mut Fit) -> Vec<Cell> {
    let mut paras: Vec<Vec<Vec<Piece>>> = vec![Vec::new(); columns.len()];
    // For each column: the line its text was last on, and whether that text ended wide.
    let mut last: Vec<Option<(usize, bool)>> = vec![None; columns.len()];
    for (n, &line) in lines.iter().enumerate() {
        let (bits, misfit) = cut(src, line, columns);
        fit.lines += 1;
        fit.misfits += usize::from(misfit);
        for (k, bit) in bits.into_iter().enumerate() {
            let Some(bit) = bit else { continue };
            let broken = |(at, wide): (usize, bool)| at + 1 != n || (wide && bit.first_wide);
            let new_para = match last[k] {
                None => true,
                Some(prev) => !header && broken(prev),
            };
            if new_para {
                paras[k].push(Vec::new());
            }
            if let Some(para) = paras[k].last_mut() {
                para.push(Piece::Src(bit.span));
            }
            last[k] = Some((n, bit.last_wide));
        }
    }
    paras.into_iter().map(|paras| Cell { text: Text { paras }, from: None }).collect()
}
