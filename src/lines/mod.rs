//! Pass 1: the text into lines that tile it exactly, and lines into cells.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`. A cell is the trimmed content
//! of a line, or of one tab-separated field of a line that holds a table row.
//! Everything outside cells (indentation, tabs between cells, line ends) is
//! trivia.
//!
//! This file cuts lines into cells; [`fields`] finds the fields of a row and
//! trims marks off a cell, [`rejoin`] mends lines a converter broke or ran
//! together, and [`page`] knows a page's footers.

mod fields;
mod page;
mod rejoin;

use crate::fold::{is_space, trim};
use crate::lexicon;
use crate::marker;
use crate::span::{LineIndex, Span};
pub(crate) use fields::strip_marks;
use fields::{csv_fields, space_field_count, space_fields, unquote};
pub(crate) use page::{is_page_number, is_site_footer};
pub(crate) use rejoin::{join_wrapped, split_run_on};

/// A non-blank stretch of a line: the unit the outline works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    pub span: Span,
    /// Index of the line (0-based).
    pub line: usize,
    /// Column within a tab-separated row (0 for a plain line).
    pub col: usize,
    /// Number of fields in the row (1 for a plain line).
    pub cols: usize,
}

/// What pass 1 saw of the layout: counts of table rows and pipe lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    pub tab_rows: usize,
    pub pipe_rows: usize,
    pub pipe_lines: usize,
    /// True when a run-on line was cut at its markers.
    pub run_on: bool,
    /// Lines joined to the line before them (hard-wrapped PDF text).
    pub wrapped: usize,
}

/// Cuts lines into cells. A line whose trimmed content has a tab inside is a
/// table row: each tab-separated field is a cell, empty fields still count
/// as columns. A line that starts and ends with `|` is a pipe-table row; its
/// rule (`| --- | :-: |`) and lines of bare pipes are trivia.
///
/// With `threads` above one the lines are cut in shares on as many threads,
/// unless a quoted CSV cell may run over a line break (the text holds a
/// `"`): the cells are the same either way.
pub(crate) fn cells(src: &str, index: &LineIndex, shape: &mut Shape, threads: usize) -> Vec<Cell> {
    // A table whose cells are set apart by runs of spaces (a Word table saved
    // as text): three or more lines of three or more such fields, and no tabs.
    // A table exported as CSV: a header of column names set apart by commas.
    let csv = index.lines(src).take(60).any(|l| {
        let (s, e) = trim(src, l.start, l.end);
        let fields = csv_fields(&src[s..e]);
        let kinds: Vec<Option<lexicon::ColumnKind>> =
            fields.iter().map(|&(a, b)| lexicon::column_kind(&crate::fold::compact(&src[s + a..s + b]))).collect();
        let named = kinds.iter().flatten().count();
        let units = kinds.iter().flatten().any(|k| matches!(k, lexicon::ColumnKind::Units(_)));
        let work = kinds.iter().flatten().any(|k| {
            matches!(k, lexicon::ColumnKind::Task | lexicon::ColumnKind::Number | lexicon::ColumnKind::Section)
        });
        fields.len() >= 3 && named * 5 >= fields.len() * 3 && units && work
    });
    let spaced = !csv && !src.contains('\t') && {
        let rows = index
            .lines(src)
            .filter(|l| {
                let (s, e) = trim(src, l.start, l.end);
                space_field_count(&src[s..e]) >= 3
            })
            .take(3)
            .count();
        rows >= 3
    };
    let count = index.line_count(src);
    let threads = if memchr::memchr(b'"', src.as_bytes()).is_some() { 1 } else { threads.clamp(1, count.max(1)) };
    let mut out = if threads == 1 {
        cut_lines(src, index, 0..count, csv, spaced, shape)
    } else {
        let per = count.div_ceil(threads);
        let shares: Vec<(Vec<Cell>, Shape)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|k| {
                    let lines = k * per..((k + 1) * per).min(count);
                    scope.spawn(move || {
                        let mut shape = Shape::default();
                        (cut_lines(src, index, lines, csv, spaced, &mut shape), shape)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
        let mut out = Vec::with_capacity(shares.iter().map(|s| s.0.len()).sum());
        for (cells, part) in shares {
            out.extend(cells);
            shape.tab_rows += part.tab_rows;
            shape.pipe_rows += part.pipe_rows;
            shape.pipe_lines += part.pipe_lines;
        }
        out
    };
    out.shrink_to_fit();
    out
}

/// Cuts the lines `lines` (0-based) into cells; see [`cells`].
///
/// One function on purpose: a single pass over the lines with the row
/// state (delimiter, open quote, cell start) that every branch reads and
/// writes; it is the hot loop of the lexer, run once per byte of a plan.
fn cut_lines(
    src: &str,
    index: &LineIndex,
    lines: std::ops::Range<usize>,
    csv: bool,
    spaced: bool,
    shape: &mut Shape,
) -> Vec<Cell> {
    let count = index.line_count(src);
    // Grown as cells are found: a line count can be far more than the cells
    // (a text of blank lines has none).
    let mut out = Vec::new();
    let mut skip_to = 0;
    for n in lines {
        let l = index.line_span(src, n + 1);
        if n < skip_to {
            continue;
        }
        let (s, mut e) = trim(src, l.start, l.end);
        if s == e {
            continue;
        }
        // A quoted CSV cell may hold line breaks: the record runs on until
        // its quotes are balanced.
        let mut tab = memchr::memchr(b'\t', &src.as_bytes()[s..e]).is_some();
        let quoted_row = csv || (tab && src[s..e].contains("\t\""));
        let quotes = |a: usize, b: usize| memchr::memchr_iter(b'"', &src.as_bytes()[a..b]).count();
        if quoted_row && quotes(s, e) % 2 == 1 {
            // Only the quotes of each line taken in are counted: a quote
            // never closed must not make every later line recount the record.
            let mut k = n + 1;
            let mut odd = true;
            while k < count && odd {
                let next = trim(src, s, index.line_span(src, k + 1).end).1;
                odd ^= quotes(e, next) % 2 == 1;
                e = next;
                k += 1;
            }
            skip_to = k;
            tab = memchr::memchr(b'\t', &src.as_bytes()[s..e]).is_some();
        }
        // A list bullet set apart by a run of spaces (`*     首页`, `-   部门文件`:
        // a page's menus as docx2txt and pandoc write them) is no cell of a row.
        let s = if tab || csv { s } else { strip_bullet(src, s, e) };
        let content = &src[s..e];
        if content.chars().all(|c| c == '|' || c == '｜' || is_space(c)) {
            shape.pipe_lines += 1;
            continue;
        }
        let sep = if is_pipe_row(content) {
            Some('|')
        } else if csv && csv_fields(content).len() >= 2 {
            Some(',')
        } else if tab {
            Some('\t')
        } else if spaced && space_field_count(content) >= 2 {
            Some(' ')
        } else {
            None
        };
        match sep {
            Some('|') => shape.pipe_rows += 1,
            Some(_) => shape.tab_rows += 1,
            None => {}
        }
        let Some(sep) = sep else {
            plain_line(src, Span::new(s, e), n, &mut out);
            continue;
        };
        let mut fields: Vec<(usize, usize)> = Vec::new();
        if sep == ' ' {
            fields.extend(space_fields(content).into_iter().map(|(a, b)| (s + a, s + b)));
        } else if sep == ',' {
            fields.extend(csv_fields(content).into_iter().map(|(a, b)| (s + a, s + b)));
        } else {
            let mut fs = s;
            let mut prev = None;
            for (i, c) in content.char_indices() {
                // `\|` is a pipe inside a Markdown cell.
                if (c == sep || (sep == '|' && c == '｜')) && !(sep == '|' && prev == Some('\\')) {
                    fields.push((fs, s + i));
                    fs = s + i + c.len_utf8();
                }
                prev = Some(c);
            }
            fields.push((fs, e));
            if sep == '\t' {
                // A cell Excel quoted because it holds a line break.
                for f in &mut fields {
                    let (a, b) = trim(src, f.0, f.1);
                    *f = unquote(src, a, b);
                }
            }
        }
        if sep == '|' {
            // The outer pipes open and close the row: no cells outside them.
            fields.remove(0);
            fields.pop();
            let rule = fields.iter().all(|&(a, b)| {
                let f = src[a..b].trim_matches(is_space);
                !f.is_empty() && f.chars().all(|c| matches!(c, '-' | ':' | '—'))
            });
            if rule {
                continue;
            }
        }
        let cols = fields.len();
        for (col, (a, b)) in fields.into_iter().enumerate() {
            let (a, b) = trim(src, a, b);
            let (a, b) = strip_marks(src, a, b);
            if a < b {
                out.push(Cell { span: Span::new(a, b), line: n, col, cols });
            }
        }
    }
    out
}

/// The cells of line `n`, a line of prose (not a table row) whose trimmed
/// content is `line`: a Markdown heading's `#` marks and bold marks are
/// trivia, and units heading a task written on their line
/// (`区财政局：5.完善…`) are a cell of their own.
pub(crate) fn plain_line(src: &str, line: Span, n: usize, out: &mut Vec<Cell>) {
    let (s, e) = (line.start, line.end);
    let content = &src[s..e];
    let hashes = content.chars().take_while(|c| *c == '#').count();
    let s = if (1..=6).contains(&hashes) && content[hashes..].starts_with(is_space) {
        trim(src, s + hashes, e).0
    } else {
        s
    };
    let (s, e) = strip_marks(src, s, e);
    if s >= e {
        return;
    }
    let s = strip_bullet(src, s, e);
    if let Some(at) = units_then_marker(&src[s..e]) {
        out.push(Cell { span: Span::new(s, s + at.0), line: n, col: 0, cols: 1 });
        out.push(Cell { span: Span::new(s + at.1, e), line: n, col: 0, cols: 1 });
        return;
    }
    out.push(Cell { span: Span::new(s, e), line: n, col: 0, cols: 1 });
}

/// Skips a list bullet at the start of a cell (`• 区税务局`, `- 一、…`), as
/// web pages turned into text write them; a page footer (`- 4 -`) keeps its dash.
fn strip_bullet(src: &str, s: usize, e: usize) -> usize {
    let t = &src[s..e];
    let mut chars = t.chars();
    let Some(first) = chars.next() else { return s };
    let spaced = chars.next().is_some_and(is_space);
    let bullet = matches!(first, '•' | '·' | '●' | '○' | '■' | '▪' | '◆' | '◇' | '‣')
        || (matches!(first, '-' | '*' | '+') && spaced);
    if bullet && t.len() > first.len_utf8() && !is_page_number(t) {
        return trim(src, s + first.len_utf8(), e).0;
    }
    s
}

/// For a line `区财政局：5.完善…`: the end of the units and their colon, and
/// where the marked task starts.
fn units_then_marker(t: &str) -> Option<(usize, usize)> {
    // The first colon, `:` or `：` (EF BC 9A), within 25 characters: at most
    // 100 bytes in.
    let window = &t.as_bytes()[..t.len().min(100)];
    let (k, len) = memchr::memchr2_iter(b':', 0x9A, window).find_map(|i| match window[i] {
        b':' => Some((i, 1)),
        _ => (i >= 2 && window[i - 2..i] == [0xEF, 0xBC]).then(|| (i - 2, 3)),
    })?;
    if t[..k].chars().nth(24).is_some() {
        return None;
    }
    let end = k + len;
    let rest = trim(t, end, t.len()).0;
    if rest >= t.len() || marker::recognise(&t[rest..]).is_none_or(|m| m.weak) {
        return None;
    }
    let name = crate::fold::compact(&t[..k]);
    let unit =
        lexicon::has_unit_suffix(&name) && !lexicon::has_predicate(&name) && lexicon::label_kind(&name).is_none();
    unit.then_some((end, rest))
}

/// `| a | b |`: starts and ends with a pipe, with one more inside.
fn is_pipe_row(content: &str) -> bool {
    let pipe = |c: char| c == '|' || c == '｜';
    content.starts_with(pipe) && content.ends_with(pipe) && content.chars().filter(|c| pipe(*c)).count() >= 3
}

#[cfg(test)]
mod tests;
