//! Pass 1: the text into lines that tile it exactly, and lines into cells.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`. A cell is the trimmed content
//! of a line, or of one tab-separated field of a line that holds a table row.
//! Everything outside cells (indentation, tabs between cells, line ends) is
//! trivia.

use crate::fold::{fold, is_space, trim};
use crate::lexicon;
use crate::marker::{self, MarkerKind};
use crate::span::{LineIndex, Span};

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

/// A line this long, holding most of the text, may be a whole plan whose line
/// breaks were lost (web page text).
const LONG_LINE: usize = 2000;

/// Splits the cells of a plan whose line breaks were lost into the cells its
/// lines would have been: before each section or task marker that continues
/// its sequence (`二、` after `一、`, `2.` after `1.`, `1.` again after a new
/// heading) and before each units label (`牵头单位：`), where a sentence, a
/// bracket or a space ends what came before. Returns true when it split any.
///
/// The sequence is what keeps false markers out: `2.2021年底前` is task 2
/// when task 1 came before it, `增长6.2%` never is.
pub(crate) fn split_run_on(src: &str, cells: &mut Vec<Cell>) -> bool {
    let total: usize = cells.iter().map(|c| c.span.len()).sum();
    let long = |c: &Cell| c.cols == 1 && c.span.len() >= LONG_LINE.min(total) && c.span.len() * 2 >= total;
    if !cells.iter().any(long) {
        return false;
    }
    let mut out = Vec::with_capacity(cells.len() * 4);
    let mut split_any = false;
    for cell in cells.drain(..) {
        if !long(&cell) {
            out.push(cell);
            continue;
        }
        let cuts = cut_points(src, cell.span);
        if cuts.len() < 3 {
            out.push(cell);
            continue;
        }
        split_any = true;
        let mut start = cell.span.start;
        for at in cuts.into_iter().chain(std::iter::once(cell.span.end)) {
            let (a, b) = trim(src, start, at);
            if a < b {
                out.push(Cell { span: Span::new(a, b), ..cell });
            }
            start = at;
        }
    }
    *cells = out;
    split_any
}

/// Where the markers and labels of a run-on line start.
fn cut_points(src: &str, span: Span) -> Vec<usize> {
    let text = span.slice(src);
    let mut cuts = Vec::new();
    // Per marker shape: the last number accepted and when (a running count).
    let mut last: [Option<(u64, usize)>; 10] = [None; 10];
    let mut seq = 0;
    let mut prev: Option<char> = None;
    let mut last_cut = 0;
    for (i, c) in text.char_indices() {
        let before = prev;
        prev = Some(fold(c));
        let boundary = match before {
            None => true,
            Some(p) => is_space(p) || matches!(p, '。' | ';' | '!' | '?' | ')' | '〕' | ']' | '】' | ':'),
        };
        let rest = &text[i..];
        // A marker never starts inside a number.
        if before.is_some_and(|p| p.is_ascii_digit() || crate::numeral::is_numeral_char(p)) {
            continue;
        }
        if i > 0 && boundary && starts_label(rest) {
            cuts.push(span.start + i);
            last_cut = i;
            continue;
        }
        let Some(m) = marker::recognise(rest) else {
            continue;
        };
        if m.weak && !boundary {
            continue;
        }
        let Some(n) = m.number else { continue };
        let k = m.kind as usize;
        let expected = match last[k] {
            Some((ln, at)) => {
                // A shallower marker since the last of this shape: numbering may restart.
                let restart = last[..k].iter().flatten().any(|&(_, s)| s > at);
                n == ln + 1 || (restart && n == 1)
            }
            None => n == 1,
        };
        // A marker with no space or stop before it: a task number after
        // Chinese text, a second or later heading (`…管理局二、加强`), or a
        // first heading right after the title (`…分工方案一、推进`).
        let near = i - last_cut < 12;
        let tight_ok = !near
            && before.is_some_and(marker::is_cjk)
            && match m.kind {
                MarkerKind::Arabic => true,
                MarkerKind::Chinese | MarkerKind::Part | MarkerKind::Chapter | MarkerKind::Article => {
                    n >= 2 || lexicon::TITLE_ENDS.iter().any(|w| text[..i].ends_with(w))
                }
                _ => false,
            };
        if expected && (boundary || tight_ok) {
            seq += 1;
            last[k] = Some((n, seq));
            if i > 0 {
                cuts.push(span.start + i);
            }
            last_cut = i;
        }
    }
    cuts
}

/// True when `s` starts with a units, leaders or deadline label and its colon.
fn starts_label(s: &str) -> bool {
    let mut label = String::new();
    for c in s.chars().take(11) {
        let f = fold(c);
        if f == ':' {
            return !label.is_empty() && lexicon::label_kind(&label).is_some();
        }
        // A label is words only: `县财政局。完成时限：` is a name, a stop and a label.
        if !marker::is_cjk(f) && f != '/' {
            return false;
        }
        label.push(f);
    }
    false
}

/// True for a line of a web site's footer, kept in a saved page's text
/// after the plan: `网站标识码`, an ICP or 公网安备 number, `版权所有`,
/// `Copyright`, or `主办：…承办：…` (the site's owner and its maker, which
/// no plan writes on one line).
pub(crate) fn is_site_footer(s: &str) -> bool {
    const MARKS: [&str; 6] = ["网站标识码", "ICP备", "公网安备", "版权所有", "Copyright", "©"];
    let b = s.as_bytes();
    if b.len() > 400 {
        return false;
    }
    let has = |w: &str| memchr::memmem::find(b, w.as_bytes()).is_some();
    MARKS.iter().any(|w| has(w)) || ((has("主办：") || has("主办:")) && (has("承办：") || has("承办:")))
}

/// Page numbers and footers: `— 3 —`, `-3-`, `第3页 共9页`, `3/9`.
pub(crate) fn is_page_number(s: &str) -> bool {
    // A digit: ASCII, or full-width (EF BC 90 to EF BC 99).
    let b = s.as_bytes();
    let digit = |i: usize| {
        b[i].is_ascii_digit()
            || (b[i] == 0xEF && b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|x| (0x90..=0x99).contains(x)))
    };
    if s.len() > 48 || !(0..b.len()).any(digit) {
        return false;
    }
    // Its compact form (folded, no spaces) is at most 12 characters: digits,
    // and the rest kept here, without building a string.
    let mut rest = ['\0'; 12];
    let (mut n, mut digits) = (0, 0);
    for ch in crate::fold::compact_chars(s) {
        if n == 12 {
            return false;
        }
        n += 1;
        if ch.is_ascii_digit() {
            digits += 1;
        } else {
            rest[n - 1 - digits] = ch;
        }
    }
    if digits == 0 {
        return false;
    }
    let rest = &rest[..n - digits];
    let dashes = rest.iter().all(|ch| matches!(ch, '-' | '—' | '–' | '－' | '─' | '_'));
    (dashes && rest.len() >= 2)
        || [&['第', '页'][..], &['第', '页', '共', '页'], &['/'], &['页'], &['共', '页', '第', '页']].contains(&rest)
}

/// Fewest characters a line a browser wrapped holds (see [`join_wrapped`]).
const MIN_WRAP: usize = 60;

/// Joins the lines of text extracted from a PDF, hard-wrapped at a fixed
/// width: a line that fills the width and ends without a stop continues on
/// the next line, unless that one starts a marker, a label or a page
/// footer. The joined cell covers the line break, which is then part of the
/// task or units it belongs to. Returns how many lines were joined.
///
/// A plan is taken to be hard-wrapped when at least five lines, and a fifth
/// of all, come within a tenth of the widest line; or, as a browser's dump
/// wraps only its longest paragraphs, when two lines or more hold exactly
/// as many characters as the widest (60 or more), each followed by a line
/// with nothing between.
pub(crate) fn join_wrapped(src: &str, cells: &mut Vec<Cell>) -> usize {
    // Characters, not display columns: digits in a proportional font take
    // about as much room as a Chinese character's share of a line.
    let width = |c: &Cell| c.span.slice(src).chars().count();
    let widths: Vec<usize> = cells.iter().map(|c| if c.cols == 1 { width(c) } else { 0 }).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    let slack = (max / 10).max(3);
    let n_full = widths.iter().filter(|w| max >= 10 && **w + slack >= max).count();
    if n_full < 5 || n_full * 5 < cells.len() {
        // A browser's dump (`lynx -dump`) wraps only the longest paragraphs,
        // each at the same count of characters: two lines or more of that
        // length, each followed by a line with nothing between, are lines
        // wrapped there, however few among the text's lines.
        let at_max: Vec<usize> = (0..cells.len()).filter(|&k| max >= MIN_WRAP && widths[k] == max).collect();
        let follows = |k: usize| cells.get(k + 1).is_some_and(|n| n.line == cells[k].line + 1 && n.cols == 1);
        if at_max.len() < 2 || !at_max.iter().all(|&k| follows(k)) {
            return 0;
        }
        return join_after(src, cells, &at_max);
    }
    let full = |w: usize| max >= 10 && w + slack >= max;
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    let mut joined = 0;
    let mut open = false;
    // Brackets opened and not yet closed in the cell being built: inside a
    // parenthetical a line always continues, even before a label.
    let mut depth = 0i64;
    for (k, cell) in cells.iter().enumerate() {
        let text = cell.span.slice(src);
        let in_bracket = depth > 0 && !is_page_number(text) && cell.cols == 1;
        let starts_new = marker::recognise(text).is_some_and(|m| !m.weak)
            || starts_label(text)
            || is_page_number(text)
            || cell.cols > 1;
        match out.last_mut() {
            Some(prev) if (in_bracket || (open && !starts_new)) && prev.line + 1 == cell.line => {
                prev.span = prev.span.cover(cell.span);
                prev.line = cell.line;
                joined += 1;
            }
            _ => {
                depth = 0;
                out.push(*cell);
            }
        }
        for c in text.chars() {
            match fold(c) {
                '(' | '〔' | '[' | '【' => depth += 1,
                ')' | '〕' | ']' | '】' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        let ends_stop =
            text.trim_end_matches(is_space).ends_with(|c: char| matches!(fold(c), '。' | ';' | ':' | '!' | '?'));
        open = cell.cols == 1 && (full(widths[k]) || depth > 0) && !ends_stop;
    }
    *cells = out;
    joined
}

/// Joins each cell of `at` (ascending) that ends without a stop with the
/// cell on the next line, unless that one starts a marker, a label or a page
/// footer: the lines a browser wrapped ([`join_wrapped`]). Only the cells
/// after those of `at` are looked at.
fn join_after(src: &str, cells: &mut Vec<Cell>, at: &[usize]) -> usize {
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    let mut joined = 0;
    let mut open = false;
    let mut next = at.iter().copied().peekable();
    for (k, cell) in cells.iter().enumerate() {
        let text = cell.span.slice(src);
        match out.last_mut() {
            Some(prev)
                if open
                    && prev.line + 1 == cell.line
                    && cell.cols == 1
                    && marker::recognise(text).is_none_or(|m| m.weak)
                    && !starts_label(text)
                    && !is_page_number(text) =>
            {
                prev.span = prev.span.cover(cell.span);
                prev.line = cell.line;
                joined += 1;
            }
            _ => out.push(*cell),
        }
        let wrapped = next.next_if_eq(&k).is_some();
        open = wrapped
            && !text.trim_end_matches(is_space).ends_with(|c: char| matches!(fold(c), '。' | ';' | ':' | '!' | '?'));
    }
    *cells = out;
    joined
}

/// Fields of `s` set apart by runs of two or more spaces (or one ideographic
/// space between two fields), as byte ranges of `s`.
fn space_fields(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    each_space_field(s, |a, b| out.push((a, b)));
    out
}

/// How many fields [`space_fields`] finds in `s`, counted without building them.
fn space_field_count(s: &str) -> usize {
    let mut n = 0;
    each_space_field(s, |_, _| n += 1);
    n
}

/// Calls `field` with the byte range of each field of [`space_fields`].
fn each_space_field(s: &str, mut field: impl FnMut(usize, usize)) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut run_start = None;
    let mut run_len = 0;
    let mut wide = false;
    let mut i = 0;
    while i < bytes.len() {
        // An ideograph (three bytes led by `E4` to `E9`) is no space: it is
        // stepped over by its first byte.
        let (c, len) = if (0xE4..=0xE9).contains(&bytes[i]) {
            ('一', 3)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if is_space(c) {
            if run_start.is_none() {
                run_start = Some(i);
                run_len = 0;
                wide = false;
            }
            run_len += 1;
            wide |= c == '\u{3000}';
        } else if let Some(rs) = run_start.take() {
            if run_len >= 2 || wide {
                field(start, rs);
                start = i;
            }
        }
        i += len;
    }
    field(start, s.len());
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

/// Fields of a CSV line, as byte ranges of `s` inside their quotes:
/// `1,"推行…,实现…",市局` has three.
fn csv_fields(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(unquote(s, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(unquote(s, start, s.len()));
    out
}

fn unquote(s: &str, a: usize, b: usize) -> (usize, usize) {
    let f = &s[a..b];
    if f.len() >= 2 && f.starts_with('"') && f.ends_with('"') { (a + 1, b - 1) } else { (a, b) }
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

/// Drops Markdown bold marks around a cell: `**一、做强数字产业**`.
fn strip_bold(src: &str, a: usize, b: usize) -> (usize, usize) {
    let t = &src[a..b];
    if t.len() > 4 && t.starts_with("**") && t.ends_with("**") {
        return trim(src, a + 2, b - 2);
    }
    (a, b)
}

/// Bytes an HTML tag is looked for in (`<span style="font-family:…">`).
const MAX_TAG: usize = 400;

/// The text at `a..b` without the Markdown bold marks and the HTML tags
/// around it: a page converted to Markdown keeps its `<div class=…>` lines
/// and wraps a table's cells in `<span style=…>…</span>`. Only tags at the
/// ends go (`<` then a letter or `/`, up to the first `>` on the line);
/// the text keeps those inside it, and the bytes left out are trivia.
pub(crate) fn strip_marks(src: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    // `<` then a letter or `/`: a tag starts at `i` of `bytes`.
    let tag_at = |bytes: &[u8], i: usize| {
        bytes.get(i) == Some(&b'<') && bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
    };
    loop {
        let (a0, b0) = (a, b);
        (a, b) = strip_bold(src, a, b);
        let bytes = &src.as_bytes()[a..b];
        if tag_at(bytes, 0) {
            let window = &bytes[..bytes.len().min(MAX_TAG)];
            if let Some(end) = memchr::memchr(b'>', window).filter(|&e| !window[..e].contains(&b'\n')) {
                (a, b) = trim(src, a + end + 1, b);
            }
        }
        let bytes = &src.as_bytes()[a..b];
        if bytes.last() == Some(&b'>') {
            let from = bytes.len().saturating_sub(MAX_TAG);
            let open = memchr::memrchr(b'<', &bytes[from..]).map(|k| from + k).filter(|&k| tag_at(bytes, k));
            if let Some(open) = open.filter(|&k| !bytes[k..].contains(&b'\n')) {
                (a, b) = trim(src, a, a + open);
            }
        }
        if (a, b) == (a0, b0) {
            return (a, b);
        }
    }
}

/// `| a | b |`: starts and ends with a pipe, with one more inside.
fn is_pipe_row(content: &str) -> bool {
    let pipe = |c: char| c == '|' || c == '｜';
    content.starts_with(pipe) && content.ends_with(pipe) && content.chars().filter(|c| pipe(*c)).count() >= 3
}

#[cfg(test)]
mod tests;
