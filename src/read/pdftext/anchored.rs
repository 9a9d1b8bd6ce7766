//! A second reading of a `pdftotext` table, for one whose columns' widths
//! cannot be learnt (several columns of one width, narrow ones of four
//! ideographs, a header read short): the rows are found from their task
//! numbers, the units from the last lines of their names.
//!
//! A task cell starts at a fragment `N.` whose number runs on from the one
//! before (1, 2, 3…), and goes on in the fragments of its block (the lines
//! between two blank lines) as wide as the task column (the median width of
//! the numbered fragments, one either way); a shorter one is its last line.
//! A unit's name ends at a short fragment of ideographs ending as a name
//! does (`处`, `局`); a tail of two ideographs or less is no name alone but
//! the end of one wrapped from a full line of the units column a few
//! fragments before it (on the same side of its line when one such line
//! does). A name goes to the row it stands beside; every other fragment of
//! the table goes to a third column of the row it stands in, so each lands
//! in one cell. The table ends after the last task cell and the names that
//! soon follow it.

use super::{Column, Frag, MIN_ROWS, UNIT_ENDS, beside, head_row, marker_kind};
use crate::lexicon::ColumnKind;
use crate::marker::MarkerKind;
use crate::read::{Cell, Piece, Table};

/// Widest tail of a name (two ideographs) that is no name alone.
const TAIL: usize = 4;
/// Fragments looked back for the line a tail ends.
const BACK: usize = 3;
/// Widest line of a units column.
const UNIT_LINE: usize = 12;
/// Most fragments between two of the table's cells: past them the page's
/// text after the table has begun.
const GAP: usize = 40;

/// What a fragment is taken for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    Free,
    Task,
    Unit,
}

/// The table read from its task numbers and units' names, and how many
/// fragments it takes (up to a line's start); `None` when the header names
/// no task, units and third column, or fewer than [`MIN_ROWS`] numbered
/// rows get units.
pub(super) fn read(src: &str, frags: &[Frag], heads: &[Column]) -> Option<(Table, usize)> {
    let task_col = heads.iter().position(|c| c.kind == Some(ColumnKind::Task))?;
    let units_col = heads.iter().position(|c| matches!(c.kind, Some(ColumnKind::Units(_))))?;
    let other_col =
        heads.iter().position(|c| matches!(c.kind, None | Some(ColumnKind::Deadline | ColumnKind::Other)))?;
    let mut used = vec![Use::Free; frags.len()];
    let mut cells = task_cells(src, frags, &mut used);
    let mut names = unit_names(src, frags, &mut used);
    let end = table_end(frags, &used);
    for cell in cells.iter_mut().chain(names.iter_mut()) {
        cell.retain(|&i| i < end);
    }
    cells.retain(|c| !c.is_empty());
    names.retain(|c| !c.is_empty());
    let starts: Vec<usize> = cells.iter().map(|c| c[0]).collect();
    let n = heads.len();
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::default(); n]; starts.len()];
    let pieces = |ix: &[usize]| -> Vec<Piece> { ix.iter().map(|&i| Piece::Src(frags[i].span)).collect() };
    for (row, cell) in rows.iter_mut().zip(&cells) {
        row[task_col].text.paras.push(pieces(cell));
    }
    let mut at: Vec<usize> = names
        .iter()
        .map(|name| {
            let s = name[0];
            let next = starts.partition_point(|&t| t <= s);
            match starts.get(next) {
                Some(&t) if beside(frags, s, t) => next,
                _ => next.saturating_sub(1),
            }
        })
        .collect();
    back_to_empty_rows(frags, &names, &mut at, starts.len());
    for (name, &r) in names.iter().zip(&at) {
        if let Some(row) = rows.get_mut(r) {
            row[units_col].text.paras.push(pieces(name));
        }
    }
    let mut other: Vec<Vec<usize>> = vec![Vec::new(); starts.len()];
    for i in (0..end).filter(|&i| used[i] == Use::Free) {
        let r = starts.partition_point(|&t| t <= i).saturating_sub(1);
        if let Some(o) = other.get_mut(r) {
            o.push(i);
        }
    }
    for (row, o) in rows.iter_mut().zip(&other) {
        if !o.is_empty() {
            row[other_col].text.paras.push(pieces(o));
        }
    }
    let with_units = rows.iter().filter(|r| !r[units_col].text.paras.is_empty()).count();
    if with_units < MIN_ROWS {
        return None;
    }
    let mut all = vec![head_row(heads)];
    all.extend(rows);
    Some((Table { rows: all }, end))
}

/// Gives the names of a row that has several blocks of them (lines
/// between blank lines) while rows above have none back to those rows:
/// `pdftotext` writes the units cells at the foot of a page together, after
/// the rows below them. Its last block stays with the row, the blocks
/// before it go to the rows without names, the nearest first; blocks left
/// over go with the last.
fn back_to_empty_rows(frags: &[Frag], names: &[Vec<usize>], at: &mut [usize], rows: usize) {
    let mut named = vec![false; rows];
    for &r in at.iter() {
        if let Some(n) = named.get_mut(r) {
            *n = true;
        }
    }
    // The block each name's first fragment stands in.
    let mut block = vec![0usize; frags.len()];
    for i in 1..frags.len() {
        block[i] = if frags[i].after_blank { i } else { block[i - 1] };
    }
    let mut k = names.len();
    while k > 0 {
        // The names of one row, names[from..k].
        let r = at[k - 1];
        let from = at[..k].iter().rposition(|&x| x != r).map_or(0, |p| p + 1);
        let last_block = block[names[k - 1][0]];
        let mut empty = (0..r).rev().filter(|&e| !named[e]);
        let mut to = None;
        let mut current = last_block;
        for j in (from..k).rev() {
            let b = block[names[j][0]];
            if b == last_block {
                continue;
            }
            if b != current {
                current = b;
                to = empty.next().or(to);
            }
            if let Some(e) = to {
                at[j] = e;
            }
        }
        k = from;
    }
}

/// The number a fragment starts with, when it starts with a task number.
fn number(text: &str) -> Option<u64> {
    if marker_kind(text) != Some(MarkerKind::Arabic) {
        return None;
    }
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    text.get(..digits)?.parse().ok()
}

/// The task cells, each its fragments: one at each fragment whose number
/// runs on from the last one taken, from 1.
fn task_cells(src: &str, frags: &[Frag], used: &mut [Use]) -> Vec<Vec<usize>> {
    let mut anchors = Vec::new();
    let mut next = 1;
    for (i, f) in frags.iter().enumerate() {
        if number(f.span.slice(src)) == Some(next) {
            anchors.push(i);
            next += 1;
        }
    }
    let mut widths: Vec<usize> = anchors.iter().map(|&i| frags[i].width).collect();
    widths.sort_unstable();
    let Some(&cw) = widths.get(widths.len() / 2) else { return Vec::new() };
    let ends = |i: usize| frags[i].span.slice(src).ends_with(['。', '；', '！', '？']);
    let mut out = Vec::new();
    for (k, &a) in anchors.iter().enumerate() {
        let stop = anchors.get(k + 1).copied().unwrap_or(frags.len());
        let mut cell = vec![a];
        used[a] = Use::Task;
        for j in a + 1..stop {
            let f = &frags[j];
            if cell.last().is_some_and(|&l| ends(l)) || f.after_blank {
                break;
            }
            if marker_kind(f.span.slice(src)).is_some() {
                continue;
            }
            // A cell's next line stands on a line below its last; a short
            // one ends a cell whose last line is full.
            let Some(&l) = cell.last() else { break };
            let short = f.width + 1 < cw;
            if f.line == frags[l].line || short && frags[l].width + 1 < cw || f.width > cw + 1 {
                continue;
            }
            cell.push(j);
            used[j] = Use::Task;
            if short {
                break;
            }
        }
        out.push(cell);
    }
    out
}

/// True for a fragment of ideographs only (a justified line's spaces
/// aside).
fn ideographs(text: &str) -> bool {
    text.chars().all(|c| c == ' ' || ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The units' names, each its fragments (the line before a tail, then
/// the tail).
fn unit_names(src: &str, frags: &[Frag], used: &mut [Use]) -> Vec<Vec<usize>> {
    let text = |i: usize| frags[i].span.slice(src);
    let is_end = |used: &[Use], i: usize| {
        used[i] == Use::Free && frags[i].width <= UNIT_LINE && ideographs(text(i)) && text(i).ends_with(UNIT_ENDS)
    };
    // Each fragment's place on its line, its block's first fragment, and
    // the widest line of a units column each block holds.
    let mut place = vec![0usize; frags.len()];
    let mut block = vec![0usize; frags.len()];
    let mut full = vec![0usize; frags.len()];
    for i in 0..frags.len() {
        if i > 0 && frags[i - 1].line == frags[i].line {
            place[i] = place[i - 1] + 1;
        }
        block[i] = if i == 0 || frags[i].after_blank { i } else { block[i - 1] };
        if frags[i].width <= UNIT_LINE {
            full[block[i]] = full[block[i]].max(frags[i].width);
        }
    }
    let mut out = Vec::new();
    for j in 0..frags.len() {
        if !is_end(used, j) {
            continue;
        }
        if frags[j].width > TAIL {
            used[j] = Use::Unit;
            out.push(vec![j]);
            continue;
        }
        let mut before = Vec::new();
        for k in (block[j].max(j.saturating_sub(BACK))..j).rev() {
            if used[k] != Use::Free || is_end(used, k) {
                break;
            }
            let w = frags[k].width;
            if ideographs(text(k)) && w <= UNIT_LINE && w + 1 >= full[block[j]] {
                before.push(k);
            }
        }
        let Some(&k) = before.iter().find(|&&k| place[k] == place[j]).or(before.first()) else { continue };
        used[k] = Use::Unit;
        used[j] = Use::Unit;
        out.push(vec![k, j]);
    }
    out
}

/// Where the table ends: after the last task cell, and the units' names
/// that follow it [`GAP`] fragments apart at most, at a line's start.
fn table_end(frags: &[Frag], used: &[Use]) -> usize {
    let Some(mut last) = (0..frags.len()).rev().find(|&i| used[i] == Use::Task) else { return 0 };
    for i in (last + 1..frags.len()).filter(|&i| used[i] != Use::Free) {
        if i - last > GAP {
            break;
        }
        last = i;
    }
    let mut end = last + 1;
    while end < frags.len() && frags[end].line == frags[end - 1].line {
        end += 1;
    }
    end
}
