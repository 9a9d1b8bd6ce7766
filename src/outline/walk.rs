//! The walk over the body: each cell, by what it is, to a section, a task,
//! a row's number, or text for the open task.

use std::collections::HashSet;

use crate::fold::{compact, compact_chars};
use crate::lexicon::ColumnKind;
use crate::marker::{Marker, MarkerKind};
use crate::model::SegmentKind;
use crate::span::Span;
use crate::survey::Kind;

use super::levels::Numbering;
use super::rows::{ColState, Placed};
use super::{Origin, Outline, UnitsPiece};

impl<'a, 'c> Outline<'a, 'c> {
    pub(super) fn body(&mut self, start: usize, task_kind: Option<MarkerKind>) {
        let n = self.closing_matter(start);
        self.last_marker = (start..n).rev().find(|&i| matches!(self.kinds[i], Kind::Marker(_)));
        // Section levels: the marker shapes shallower than the task level, in the order of depth.
        let mut levels: Vec<MarkerKind> = (start..n)
            .filter_map(|i| match &self.kinds[i] {
                Kind::Marker(m) if !m.weak && task_kind.is_none_or(|t| m.kind < t) => Some(m.kind),
                _ => None,
            })
            .collect();
        levels.sort();
        levels.dedup();
        let mut current: Option<usize> = None;
        let mut numbering = Numbering::default();
        let mut cols = ColState::default();
        // Whether the sub-items of the current task name units of their own.
        let mut sub_items_own_units = false;
        // The header's names, looked up by each short text cell (a table may
        // have thousands of columns), and its column indexes.
        let header_names: Vec<String> = self.columns.iter().map(|c| compact(c.0)).collect();
        let header_set: HashSet<&str> = header_names.iter().map(String::as_str).collect();
        self.task_col = self.columns.iter().position(|c| c.1 == ColumnKind::Task);
        self.number_col = self.columns.iter().position(|c| c.1 == ColumnKind::Number);
        cols.set_columns(&self.columns);
        // Cells already read out of order: a row's heading read before its number.
        let mut done = vec![false; n];
        for i in start..n {
            if done[i] {
                continue;
            }
            let span = self.cells[i].span;
            // A header repeated on every page of a table is the header again.
            if !header_names.is_empty()
                && matches!(self.kinds[i], Kind::Text)
                && self.cells[i].span.len() <= 40
                && if header_names.len() <= 16 {
                    header_names.iter().any(|h| compact_chars(self.text(i)).eq(h.chars()))
                } else {
                    header_set.contains(compact(self.text(i)).as_str())
                }
            {
                self.seg(SegmentKind::Header, span);
                continue;
            }
            let col = self.column_of(i, &mut cols, task_kind);
            let placed = match self.kinds[i].clone() {
                Kind::PageNo => {
                    self.seg(SegmentKind::Trivia, span);
                    Placed::Nothing
                }
                Kind::Marker(m) if m.weak => {
                    let section = self.stack.last().copied();
                    if Some(m.kind) == task_kind
                        && m.number.is_some_and(|n| numbering.expects(section, n))
                        && self.cx.opts.lenient_markers
                    {
                        current = Some(self.start_task(i, &m, &mut numbering));
                        Placed::Task
                    } else {
                        self.text_cell(i, &mut current, col)
                    }
                }
                Kind::Marker(m) if task_kind.is_none_or(|t| m.kind < t) => {
                    let level = levels.iter().position(|k| *k == m.kind).unwrap_or(0);
                    if task_kind.is_some() && self.carries_units(i, &m) {
                        // A heading-level item with units of its own is a task
                        // beside the sections of its level, not one of them.
                        while self.stack.last().is_some_and(|&top| self.sections[top].level >= level) {
                            self.stack.pop();
                        }
                        current = Some(self.start_task(i, &m, &mut numbering));
                        Placed::Task
                    } else {
                        self.start_section(i, &m, level);
                        current = None;
                        // Units at the end of a heading are the group's.
                        let cell = self.cells[i].span;
                        if let Some((whole, phrase)) = self.trailing(i, Span::new(cell.start + m.body, cell.end)) {
                            self.check_outer_brackets(whole, phrase);
                            self.group =
                                vec![UnitsPiece { span: phrase, role: None, origin: Origin::Parenthetical, cell: i }];
                            self.group_shared = None;
                        }
                        Placed::Section
                    }
                }
                Kind::Marker(m) if Some(m.kind) == task_kind => {
                    current = Some(self.start_task(i, &m, &mut numbering));
                    sub_items_own_units = false;
                    Placed::Task
                }
                Kind::Marker(m) => {
                    // Deeper than the task level: part of the open task's
                    // text, unless the sub-items name units of their own (a
                    // units line after the last one belongs to the task).
                    let own = self.trailing_of(i, &m)
                        || (self.carries_units(i, &m) && (sub_items_own_units || self.units_then_sibling(i, &m)));
                    match current {
                        Some(t) if !self.tasks[t].has_units() && !own => {
                            self.tasks[t].push_text(span);
                            self.seg(SegmentKind::Task, span);
                        }
                        _ => {
                            sub_items_own_units |= own;
                            current = Some(self.start_task(i, &m, &mut numbering));
                        }
                    }
                    Placed::Task
                }
                Kind::Text if col == Some(ColumnKind::Number) => {
                    // `1 | 开办企业 | 推行…`: the row's heading comes first, then its task.
                    // Never one of the closing matter's cells (from `n` on),
                    // which are kept apart after the body.
                    if let Some(k) = self.row_heading(i, &mut cols, task_kind).filter(|&k| k < n) {
                        match self.kinds[k].clone() {
                            Kind::Marker(m) => {
                                let level = levels.iter().position(|x| *x == m.kind).unwrap_or(0);
                                self.start_section(k, &m, level);
                            }
                            _ => {
                                let key = self.cells[k].span;
                                if self.stack.last().is_some_and(|&s| self.same_key(self.sections[s].key, key)) {
                                    self.seg(SegmentKind::Section, self.cells[k].span);
                                } else {
                                    self.start_unnumbered_section(k);
                                }
                            }
                        }
                        done[k] = true;
                    }
                    let text = self.text(i);
                    let number = crate::numeral::arabic(text).and_then(|x| x.0);
                    let m = Marker {
                        kind: task_kind.unwrap_or(MarkerKind::Arabic),
                        number,
                        len: text.len(),
                        body: text.len(),
                        issue: None,
                        weak: false,
                    };
                    current = Some(self.start_task(i, &m, &mut numbering));
                    Placed::Number
                }
                Kind::Text => self.text_cell(i, &mut current, col),
            };
            cols.placed(&self.columns, placed, col);
        }
    }
}
