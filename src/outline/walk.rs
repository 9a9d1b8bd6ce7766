//! The walk over the body: each cell, by what it is, to a section, a task,
//! a row's number, or text for the open task.

use std::collections::HashSet;

use crate::fold::{compact, compact_chars};
use crate::marker::{Marker, MarkerKind};
use crate::model::SegmentKind;
use crate::read::classify::Col;
use crate::span::Span;
use crate::survey::Kind;

use super::levels::Numbering;
use super::rows::{ColState, Placed};
use super::{Origin, Outline, UnitsPiece};

/// Where the walk stands between cells.
struct Walk {
    /// The task level's marker shape, if any (see `Outline::task_kind`).
    task_kind: Option<MarkerKind>,
    /// Section levels: the marker shapes shallower than the task level, in
    /// the order of depth.
    levels: Vec<MarkerKind>,
    /// Where the closing matter starts.
    end: usize,
    /// The task open for text and units.
    current: Option<usize>,
    numbering: Numbering,
    cols: ColState,
    /// Whether the sub-items of the current task name units of their own.
    sub_items_own_units: bool,
    /// Cells already read out of order: a row's heading read before its number.
    done: Vec<bool>,
}

impl Walk {
    fn level(&self, kind: MarkerKind) -> usize {
        self.levels.iter().position(|k| *k == kind).unwrap_or(0)
    }
}

/// The header's names, looked up by each short text cell (a table may have
/// thousands of columns): a header repeated on every page of a table.
struct HeaderNames {
    names: Vec<String>,
    set: HashSet<String>,
}

impl HeaderNames {
    fn new(columns: &[(&str, Col)]) -> HeaderNames {
        let names: Vec<String> = columns.iter().map(|c| compact(c.0)).collect();
        let set = if names.len() > 16 { names.iter().cloned().collect() } else { HashSet::new() };
        HeaderNames { names, set }
    }

    fn repeats(&self, text: &str) -> bool {
        if self.names.is_empty() || text.len() > 40 {
            return false;
        }
        if self.names.len() <= 16 {
            self.names.iter().any(|h| compact_chars(text).eq(h.chars()))
        } else {
            self.set.contains(compact(text).as_str())
        }
    }
}

impl<'a, 'c> Outline<'a, 'c> {
    /// Reads the body from cell `start` on: every cell to a section, a task,
    /// a row's number or the open task's text (see [`Walk`]).
    pub(super) fn body(&mut self, start: usize, task_kind: Option<MarkerKind>) {
        let n = self.closing_matter(start);
        self.last_marker = (start..n).rev().find(|&i| matches!(self.kinds[i], Kind::Marker(_)));
        let mut levels: Vec<MarkerKind> = (start..n)
            .filter_map(|i| match &self.kinds[i] {
                Kind::Marker(m) if !m.weak && task_kind.is_none_or(|t| m.kind < t) => Some(m.kind),
                _ => None,
            })
            .collect();
        levels.sort();
        levels.dedup();
        let header = HeaderNames::new(&self.columns);
        self.task_col = self.columns.iter().position(|c| c.1 == Col::Task);
        self.number_col = self.columns.iter().position(|c| c.1 == Col::Number);
        let mut w = Walk {
            task_kind,
            levels,
            end: n,
            current: None,
            numbering: Numbering::default(),
            cols: ColState::default(),
            sub_items_own_units: false,
            done: vec![false; n],
        };
        w.cols.set_columns(&self.columns);
        for i in start..n {
            if w.done[i] {
                continue;
            }
            if matches!(self.kinds[i], Kind::Text) && header.repeats(self.text(i)) {
                self.seg(SegmentKind::Header, self.cells[i].span);
                continue;
            }
            let col = self.column_of(i, &mut w.cols, task_kind);
            let placed = self.place(i, col, &mut w);
            w.cols.placed(&self.columns, placed, col);
        }
    }

    /// Cell `i` of the body, by what it is; `col` is the header column it
    /// falls in, when known.
    fn place(&mut self, i: usize, col: Option<Col>, w: &mut Walk) -> Placed {
        let task_kind = w.task_kind;
        match self.kinds[i].clone() {
            Kind::PageNo => {
                self.seg(SegmentKind::Trivia, self.cells[i].span);
                Placed::Nothing
            }
            Kind::Marker(m) if m.weak => {
                let section = self.stack.last().copied();
                if Some(m.kind) == task_kind
                    && m.number.is_some_and(|n| w.numbering.expects(section, n))
                    && self.cx.opts.lenient_markers
                {
                    w.current = Some(self.start_task(i, &m, &mut w.numbering));
                    Placed::Task
                } else {
                    self.text_cell(i, &mut w.current, col)
                }
            }
            Kind::Marker(m) if task_kind.is_none_or(|t| m.kind < t) => self.heading_marker(i, &m, w),
            Kind::Marker(m) if Some(m.kind) == task_kind => {
                w.current = Some(self.start_task(i, &m, &mut w.numbering));
                w.sub_items_own_units = false;
                Placed::Task
            }
            Kind::Marker(m) => self.deeper_marker(i, &m, w),
            Kind::Text if col == Some(Col::Number) => self.number_cell(i, w),
            Kind::Text => self.text_cell(i, &mut w.current, col),
        }
    }

    /// A marker shallower than the task level: a section, or a task beside
    /// the sections of its level when it names units of its own.
    fn heading_marker(&mut self, i: usize, m: &Marker, w: &mut Walk) -> Placed {
        let level = w.level(m.kind);
        if w.task_kind.is_some() && self.carries_units(i, m) {
            while self.stack.last().is_some_and(|&top| self.sections[top].level >= level) {
                self.stack.pop();
            }
            w.current = Some(self.start_task(i, m, &mut w.numbering));
            return Placed::Task;
        }
        self.start_section(i, m, level);
        w.current = None;
        // Units at the end of a heading are the group's.
        let cell = self.cells[i].span;
        if let Some((whole, phrase)) = self.trailing(i, Span::new(cell.start + m.body, cell.end)) {
            self.check_outer_brackets(whole, phrase);
            self.group = vec![UnitsPiece { span: phrase, role: None, origin: Origin::Parenthetical, cell: i }];
            self.group_shared = None;
        }
        Placed::Section
    }

    /// A marker deeper than the task level: part of the open task's text,
    /// unless the sub-items name units of their own (a units line after the
    /// last one belongs to the task).
    fn deeper_marker(&mut self, i: usize, m: &Marker, w: &mut Walk) -> Placed {
        let own = self.trailing_of(i, m)
            || (self.carries_units(i, m) && (w.sub_items_own_units || self.units_then_sibling(i, m)));
        match w.current {
            Some(t) if !self.tasks[t].has_units() && !own => {
                let span = self.cells[i].span;
                self.tasks[t].push_text(span);
                self.seg(SegmentKind::Task, span);
            }
            _ => {
                w.sub_items_own_units |= own;
                w.current = Some(self.start_task(i, m, &mut w.numbering));
            }
        }
        Placed::Task
    }

    /// A cell in the header's 序号 column (`1 | 开办企业 | 推行…`): the row's
    /// heading comes first, then its task. The heading is never one of the
    /// closing matter's cells, which are kept apart after the body.
    fn number_cell(&mut self, i: usize, w: &mut Walk) -> Placed {
        if let Some(k) = self.row_heading(i, &mut w.cols, w.task_kind).filter(|&k| k < w.end) {
            match self.kinds[k].clone() {
                Kind::Marker(m) => {
                    let level = w.level(m.kind);
                    self.start_section(k, &m, level);
                }
                _ => {
                    let key = self.cells[k].span;
                    if self.stack.last().is_some_and(|&s| self.same_key(self.sections[s].key, key)) {
                        self.seg(SegmentKind::Section, key);
                    } else {
                        self.start_unnumbered_section(k);
                    }
                }
            }
            w.done[k] = true;
        }
        let text = self.text(i);
        let number = crate::numeral::arabic(text).and_then(|x| x.0);
        let m = Marker {
            kind: w.task_kind.unwrap_or(MarkerKind::Arabic),
            number,
            len: text.len(),
            body: text.len(),
            issue: None,
            weak: false,
        };
        w.current = Some(self.start_task(i, &m, &mut w.numbering));
        Placed::Number
    }
}
