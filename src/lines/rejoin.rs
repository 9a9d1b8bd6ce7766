//! Lines mended after pass 1 cut them: a plan whose line breaks were lost
//! (one run-on line) is cut again at its markers and labels, and text
//! hard-wrapped at a fixed width (PDF text, a browser's dump) is joined back
//! into its lines.

use super::{Cell, is_page_number};
use crate::fold::{fold, is_space, trim};
use crate::lexicon;
use crate::marker::{self, MarkerKind};
use crate::span::Span;

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
