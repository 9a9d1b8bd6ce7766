//! Box-drawn grids, Unicode (`┌─┬─┐ │ ├─┼─┤ └─┴─┘`) and ASCII (`+---+`, `|`), as
//! `w3m -dump` and pandoc's grid tables draw a table.
//!
//! A grid is read on display columns: every character of a grid line stands
//! at a column (a CJK character, and in w3m's East Asian mode a box
//! character too, takes two), and the walls of the grid stand at the same
//! columns on every line. The columns of the table are the places where
//! walls stand on several lines; each line is cut there (at its wall
//! character, or where the wall would be when a merged cell has none), so
//! that a line whose characters are measured a column off still falls apart
//! right. A line whose piece in some column is a run of rule characters is a
//! rule; the lines between two rules are a row. A cell runs on into the next
//! column when its row has no wall there (a column span), and into the next
//! row when the rule between has text or blanks in its column instead of a
//! rule (a row span). A cell's lines are pieces of one paragraph; a blank
//! line in it, or, in w3m's grids, a line that stops short where the next
//! word would still have fitted, starts a new paragraph.
//!
//! This file finds the grids and reads each into a table; [`measure`] sets
//! each character of a line at its display column and finds where a grid
//! starts and ends, [`cut`] cuts the lines at the column boundaries, and
//! [`cells`] sorts the lines into rows, merges spanned slots and gathers
//! each cell's text.

mod cells;
mod cut;
mod measure;

use super::{Block, Cell, Document, Table, Text, lines_as_paras};
use crate::model::Layout;
use crate::span::Span;
use cells::{cell_text, collect, merge, rows};
use cut::{Cutline, Fragment, cut};
use measure::{GridLine, Kind, Style, boundaries, extent, measure, top_border, width};

/// The longest line (in bytes) that can be a line of a grid.
const MAX_LINE: usize = 1 << 16;
/// The most columns a grid may have.
const MAX_COLUMNS: usize = 512;
/// The most cuts (lines × walls) and slots (rows × columns) of one grid.
const MAX_CELLS: usize = 1 << 20;
/// The most bytes one grid may take (its lines are measured character by
/// character).
const MAX_GRID: usize = 1 << 21;
/// How far (in display columns) a wall may stand from where the grid's
/// column boundary is and still be that boundary's wall.
const TOLERANCE: isize = 1;

/// Reads the grid on `spans` (its lines, top border to bottom) into a table.
fn build(src: &str, spans: &[Span], style: Style) -> Option<Table> {
    let bytes = spans.last()?.end - spans.first()?.start;
    if bytes > MAX_GRID {
        return None;
    }
    let wide = pick_wide(src, spans, style);
    let measured: Vec<GridLine> = spans.iter().map(|&s| measure(src, s, style, wide)).collect();
    let bounds = boundaries(&measured)?;
    let width = bounds.len() - 1;
    if spans.len().saturating_mul(bounds.len()) > MAX_CELLS {
        return None;
    }
    let lines: Vec<Cutline> = measured
        .into_iter()
        .map(|line| {
            let cuts = cut(&line, &bounds);
            Cutline { line, cuts }
        })
        .collect();
    let rows = rows(&lines);
    let height = rows.content.len();
    if height == 0 {
        return None;
    }
    let mut slots = merge(&lines, &rows, width);
    let wall_width = if style == Style::Boxed && wide { 2 } else { 1 };
    let geometry = (bounds.as_slice(), wall_width);
    // Each line's fragments by the root slot of their cell, in line order.
    let mut frags: Vec<(usize, Fragment)> = Vec::new();
    for r in 0..height {
        for &i in &rows.rules[r] {
            let line = &lines[i];
            collect(line, r, width, geometry, &mut slots, |c| !line.stroke(c), &mut frags);
        }
        for &i in &rows.content[r] {
            collect(&lines[i], r, width, geometry, &mut slots, |_| true, &mut frags);
        }
    }
    let reflow = style == Style::Boxed || lines.iter().skip(1).any(|l| l.is_rule() && starts_with_wall_bar(src, l));
    // Stable: a cell's fragments stay in line order.
    frags.sort_by_key(|f| f.0);
    let mut next = 0;
    let mut table = Table { rows: Vec::with_capacity(height) };
    for r in 0..height {
        let mut row = Vec::with_capacity(width);
        for c in 0..width {
            let slot = r * width + c;
            let root = slots.find(slot);
            row.push(if root == slot {
                let from = next + frags[next..].partition_point(|f| f.0 < slot);
                next = from + frags[from..].partition_point(|f| f.0 == slot);
                Cell { text: cell_text(src, frags[from..next].iter().map(|f| &f.1), reflow), from: None }
            } else {
                Cell { text: Text::default(), from: Some((root / width, root % width)) }
            });
        }
        table.rows.push(row);
    }
    Some(table)
}

/// True when an ASCII rule line starts with `|` (w3m's rules do, pandoc's
/// start with `+`).
fn starts_with_wall_bar(src: &str, line: &Cutline) -> bool {
    line.line.glyphs.iter().find(|g| g.kind != Kind::Space).is_some_and(|g| src.as_bytes().get(g.at) == Some(&b'|'))
}

/// True when the grid on `spans` is drawn with East Asian ambiguous
/// characters two columns wide (w3m's `east_asian_width`): when more lines
/// end at the top border's last column measured so.
fn pick_wide(src: &str, spans: &[Span], style: Style) -> bool {
    let ends = |wide: bool| -> usize {
        let end_of = |s: &Span| -> usize {
            let t = s.slice(src).trim_end();
            let last = t.chars().next_back().map_or(0, |c| width(c, wide));
            t.chars().map(|c| width(c, wide)).sum::<usize>().saturating_sub(last)
        };
        let top = spans.first().map(end_of);
        spans.iter().filter(|s| Some(end_of(s)) == top).count()
    };
    style == Style::Boxed && ends(true) > ends(false)
}

/// True when `table` is one worth claiming the text for: two columns and two
/// rows at least.
fn is_table(table: &Table) -> bool {
    table.rows.len() >= 2 && table.rows.first().is_some_and(|r| r.len() >= 2)
}

/// True when `src` may hold a grid: a top-left corner, or an ASCII rule.
fn may_hold_grid(src: &str) -> bool {
    // One pass over the bytes: a `+` before `-` or `=`, or a top-left
    // corner (`┌┍┎┏` are E2 94 8C..8F, `╒╓╔` E2 95 92..94, `╭` E2 95 AD).
    let b = src.as_bytes();
    memchr::memchr2_iter(b'+', 0xE2, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1), b.get(i + 2)),
            (b'+', Some(b'-' | b'='), _)
                | (0xE2, Some(0x94), Some(0x8C..=0x8F))
                | (0xE2, Some(0x95), Some(0x92..=0x94 | 0xAD))
        )
    })
}

/// The document of `src`, when it holds such a table; `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    if !may_hold_grid(src) {
        return None;
    }
    let lines = super::line_spans(src);
    let mut blocks = Vec::new();
    let (mut done, mut found, mut i) = (0, false, 0);
    while i < lines.len() {
        let line = lines[i].slice(src);
        let style = match line.trim_start().as_bytes().first() {
            Some(b'+' | 0xE2) if line.len() <= MAX_LINE => top_border(line),
            _ => None,
        };
        let Some(style) = style else {
            i += 1;
            continue;
        };
        // Past a grid, or what looked like one, the search goes on after it:
        // no line is looked at twice.
        let end = match extent(src, &lines, i, style) {
            Ok(end) => end,
            Err(seen) => {
                i = seen + 1;
                continue;
            }
        };
        if let Some(table) = build(src, &lines[i..=end], style).filter(is_table) {
            lines_as_paras(src, done, lines[i].start, &mut blocks);
            blocks.push(Block::Table(table));
            found = true;
            done = lines.get(end + 1).map_or(src.len(), |s| s.start);
        }
        i = end + 1;
    }
    if !found {
        return None;
    }
    lines_as_paras(src, done, src.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::BoxGrid })
}

#[cfg(test)]
mod tests;
