//! The header: a line of column names, a name wrapped over the lines
//! above and below joined to it.

use super::{MAX_COLUMNS, chunks, compact, tokens};
use crate::lexicon::{self, ColumnKind};
use crate::span::Span;

/// The most characters of a header cell.
const MAX_HEADER_CHARS: usize = 12;
/// The most characters of a header cell part wrapped above or below.
const MAX_WRAPPED_HEADER_CHARS: usize = 6;

/// A header cell: where it stands and its pieces, in line order.
#[derive(Clone, Debug)]
pub(super) struct HeaderCell {
    pub(super) x: usize,
    pub(super) end_x: usize,
    pub(super) pieces: Vec<(usize, Span)>,
}

/// A table's header: its main line, the lines it covers, its cells.
#[derive(Clone, Debug)]
pub(super) struct Header {
    pub(super) line: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) cells: Vec<HeaderCell>,
}

/// A cheap look before the lines are indexed: some short line holds a gap
/// of two spaces and a word of a units column's name (a header, or part of
/// one wrapped over lines).
pub(super) fn may_hold_header(src: &str) -> bool {
    const WORDS: [&str; 8] = ["单位", "部门", "责任", "牵头", "配合", "负责", "科室", "处室"];
    let b = src.as_bytes();
    let mut from = 0;
    // Each gap found, its line looked at once, then on past the line.
    while let Some(k) = memchr::memmem::find(&b[from..], b"  ") {
        let at = from + k;
        let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |p| at + p);
        if end - start <= 400 {
            let line = &b[start..end];
            if WORDS.iter().any(|w| memchr::memmem::find(line, w.as_bytes()).is_some()) {
                return true;
            }
        }
        from = end;
    }
    false
}

/// The first header at or after line `from`.
pub(super) fn find_header(src: &str, lines: &[Span], from: usize, by_chars: bool) -> Option<Header> {
    (from..lines.len()).find_map(|i| header_at(src, lines, i, by_chars))
}

/// The header whose main line is `i`, if it is one.
pub(super) fn header_at(src: &str, lines: &[Span], i: usize, by_chars: bool) -> Option<Header> {
    let line = lines[i];
    // Cheap: a header line is short and has a gap of two spaces.
    if line.len() > 400 || !line.slice(src).trim().contains("  ") {
        return None;
    }
    let toks = tokens(src, line, by_chars, 4 * MAX_COLUMNS)?;
    let parts = chunks(&toks);
    if parts.len() < 2 || parts.len() > MAX_COLUMNS {
        return None;
    }
    let mut cells = Vec::with_capacity(parts.len());
    for &(a, b) in &parts {
        if compact(src, &toks[a..b]).chars().count() > MAX_HEADER_CHARS {
            return None;
        }
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        cells.push(HeaderCell { x: toks[a].x, end_x: toks[b - 1].end_x, pieces: vec![(i, span)] });
    }
    let (mut first, mut last) = (i, i);
    for j in [i.wrapping_sub(1), i + 1] {
        if j < lines.len() && wrap_into(src, lines[j], j, by_chars, &mut cells) {
            first = first.min(j);
            last = last.max(j);
        }
    }
    // Dashed rules by the header: pandoc's tables, another reader's shape.
    if (first.saturating_sub(1)..(last + 2).min(lines.len())).any(|j| is_rule(lines[j].slice(src))) {
        return None;
    }
    if !cells.iter().all(|c| is_name(&cell_text(src, c))) {
        return None;
    }
    let kinds: Vec<Option<ColumnKind>> = cells.iter().map(|c| cell_kind(src, c)).collect();
    let named = kinds.iter().flatten().count();
    let units = kinds.iter().flatten().any(|k| matches!(k, ColumnKind::Units(_)));
    (units && named >= 2 && cells.len() >= 3 && named * 2 >= cells.len() && cells.len() <= MAX_COLUMNS)
        .then_some(Header { line: i, first, last, cells })
}

/// True for a line of dashes (a rule: `-----  ----`, `=====`).
pub(super) fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '=' | ' ' | '+' | ':'))
}

/// Joins the short parts of line `j` to the header cells they stand over (a
/// header cell wrapped), or adds them as cells; false when the line is no
/// such line (blank, or holding longer text).
pub(super) fn wrap_into(src: &str, line: Span, j: usize, by_chars: bool, cells: &mut Vec<HeaderCell>) -> bool {
    let Some(toks) = tokens(src, line, by_chars, 2 * MAX_COLUMNS) else { return false };
    let parts = chunks(&toks);
    if parts.is_empty() || parts.len() > MAX_COLUMNS {
        return false;
    }
    if parts.iter().any(|&(a, b)| compact(src, &toks[a..b]).chars().count() > MAX_WRAPPED_HEADER_CHARS) {
        return false;
    }
    for &(a, b) in &parts {
        let (x, end_x) = (toks[a].x, toks[b - 1].end_x);
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        match cells.iter_mut().find(|c| x < c.end_x && c.x < end_x) {
            Some(cell) => {
                cell.pieces.push((j, span));
                cell.pieces.sort_by_key(|p| p.0);
            }
            None => {
                let at = cells.partition_point(|c| c.x < x);
                cells.insert(at, HeaderCell { x, end_x, pieces: vec![(j, span)] });
            }
        }
    }
    true
}

/// The text of a header cell, folded, spaces left out.
pub(super) fn cell_text(src: &str, cell: &HeaderCell) -> String {
    cell.pieces.iter().map(|(_, s)| crate::fold::compact(s.slice(src))).collect()
}

/// True for text shaped like a column name: two Chinese characters or more
/// and nothing but them, a slash and brackets (`配合/责任单位`,
/// `牵头单位（部门）`); no sentence punctuation, digits or marks.
pub(super) fn is_name(text: &str) -> bool {
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    text.chars().filter(|&c| is_han(c)).count() >= 2
        && text.chars().all(|c| is_han(c) || matches!(c, '/' | '／' | '（' | '）' | '(' | ')'))
}

/// The kind of column a header cell names.
pub(super) fn cell_kind(src: &str, cell: &HeaderCell) -> Option<ColumnKind> {
    lexicon::column_kind(&cell_text(src, cell))
}
