//! Levels and numbering: which marker shape is the task level, the
//! section stack, and the checks on section and task numbers.

use std::collections::HashSet;

use crate::diag::{Code, Severity};
use crate::fold::is_space;
use crate::marker::{Marker, MarkerKind};
use crate::model::SegmentKind;
use crate::span::Span;
use crate::survey::Kind;

use super::front::split_title;
use super::rows::is_bare_number;
use super::{Outline, SecB};

/// Numbering checks for tasks: gaps and duplicates, restarts allowed at a new section.
#[derive(Default)]
pub(super) struct Numbering {
    last: Option<(usize, u32)>,
    seen: HashSet<u32>,
}

impl Numbering {
    /// True when `n` is the number that comes next: one more than the last,
    /// or 1 when a new section restarts the numbering.
    pub(super) fn expects(&self, section: Option<usize>, n: u64) -> bool {
        match self.last {
            Some((s, last)) => n == u64::from(last) + 1 || (n == 1 && Some(s) != section),
            None => n == 1,
        }
    }

    pub(super) fn check(&mut self, o: &mut Outline<'_, '_>, section: usize, n: u32, span: Span) {
        let restart = n == 1 && self.last.is_some_and(|(s, _)| s != section);
        if restart {
            // Clearing costs the set's room, not its numbers: a set grown by
            // a long section is dropped, not cleared at every later restart.
            if self.seen.capacity() > 4 * self.seen.len() + 64 {
                self.seen = HashSet::new();
            } else {
                self.seen.clear();
            }
        }
        if let Some((_, last)) = self.last {
            if !restart {
                if self.seen.contains(&n) {
                    o.diag(
                        Code::DuplicateTaskNumber,
                        Severity::Warning,
                        span,
                        format!("task number {n} is used twice"),
                    );
                } else if n != last.saturating_add(1) {
                    o.diag(
                        Code::TaskNumberGap,
                        Severity::Warning,
                        span,
                        format!("task {n} follows task {last}; expected {}", last.saturating_add(1)),
                    );
                }
            }
        }
        self.seen.insert(n);
        self.last = Some((section, n));
    }
}

impl<'a, 'c> Outline<'a, 'c> {
    /// The marker shape that is the task level: the one whose items carry
    /// units most often.
    pub(super) fn task_kind(&mut self, body: usize) -> Option<MarkerKind> {
        let n = self.cells.len();
        let mut counts: Vec<(MarkerKind, usize, usize)> = Vec::new();
        let is_marker = |k: &Kind| matches!(k, Kind::Marker(m) if !m.weak);
        let mut units_anywhere = false;
        let mut i = body;
        while i < n {
            let Kind::Marker(m) = &self.kinds[i] else {
                i += 1;
                continue;
            };
            if m.weak {
                i += 1;
                continue;
            }
            let (kind, body_off) = (m.kind, m.body);
            let body_at = self.cells[i].span.start + body_off;
            let mut has = self.trailing(i, Span::new(body_at, self.cells[i].span.end)).is_some();
            // Units in the lines after the item count for it, unless an
            // unnumbered task stands between: a short heading followed by
            // text and units is a section over unnumbered tasks.
            let heading_like = self.heading_like[i];
            let mut j = i + 1;
            // A table row of its own (or a number cell) is another item's.
            let line = self.cells[i].line;
            while !has
                && j < n
                && !is_marker(&self.kinds[j])
                && (self.cells[j].cols == 1 || self.cells[j].line == line)
                && !is_bare_number(self.text(j))
            {
                if self.is_units(j) {
                    has = true;
                    break;
                }
                if heading_like && j + 1 < n && self.is_units(j + 1) {
                    break;
                }
                j += 1;
            }
            units_anywhere |= has;
            // Units over a group of deeper items are the group's, not the
            // item's: each item of the group counts for the deeper shape.
            if has && self.items_follow(i, kind) {
                has = false;
                if let Some((deeper, items)) = self.group_items(i, kind) {
                    match counts.iter_mut().find(|c| c.0 == deeper) {
                        Some(c) => c.1 += items,
                        None => counts.push((deeper, items, 0)),
                    }
                }
            }
            match counts.iter_mut().find(|c| c.0 == kind) {
                Some(c) => {
                    c.1 += usize::from(has);
                    c.2 += 1;
                }
                None => counts.push((kind, usize::from(has), 1)),
            }
            i += 1;
        }
        if let Some(best) = counts.iter().filter(|c| c.1 > 0).max_by_key(|c| (c.1, c.0)) {
            return Some(best.0);
        }
        // No marked item carries units. If units stand anywhere, the tasks are
        // unnumbered and every marker is a heading.
        if !units_anywhere && (body..n).any(|k| self.is_units(k)) {
            return None;
        }
        let prefer = [
            MarkerKind::Arabic,
            MarkerKind::ArabicParen,
            MarkerKind::ParenChinese,
            MarkerKind::ParenArabic,
            MarkerKind::Circled,
        ];
        prefer.into_iter().find(|k| counts.iter().any(|c| c.0 == *k))
    }

    /// True when marked item `i` names units of its own: at the end of its
    /// text, or on the line right after it.
    pub(super) fn carries_units(&mut self, i: usize, m: &Marker) -> bool {
        let cell = self.cells[i].span;
        let body = Span::new(cell.start + m.body, cell.end);
        let has = self.trailing(i, body).is_some()
            || (i + 1 < self.cells.len() && self.cells[i + 1].cols == 1 && self.is_units(i + 1));
        has && !self.items_follow(i, m.kind)
    }

    /// The first cell after cell `i` that is not a units line of its own
    /// (one cell a line, reading as units). Worked out for all cells at the
    /// first call, from the end: asked of each cell of a long run of units
    /// lines, a walk to the run's end each time would be quadratic.
    pub(super) fn past_units(&mut self, i: usize) -> usize {
        let n = self.cells.len();
        if self.past_units.len() != n + 1 {
            let mut past = vec![n; n + 1];
            for j in (0..n).rev() {
                past[j] = if self.cells[j].cols == 1 && self.units[j] { past[j + 1] } else { j };
            }
            self.past_units = past;
        }
        self.past_units[(i + 1).min(n)]
    }

    /// True when, past the units lines after item `i`, the next marked line
    /// is a deeper item: the units are the group's (`（一）健全监测机制（市乡村
    /// 振兴局牵头）` over `1.` and `2.`).
    pub(super) fn items_follow(&mut self, i: usize, kind: MarkerKind) -> bool {
        let j = self.past_units(i);
        matches!(self.kinds.get(j), Some(Kind::Marker(n)) if !n.weak && n.kind > kind)
    }

    /// True when the lines after units cell `i` (past more units lines) start
    /// a marked item: the units head a group of tasks.
    pub(super) fn next_is_item(&mut self, i: usize) -> bool {
        let j = self.past_units(i);
        matches!(self.kinds.get(j), Some(Kind::Marker(_)))
    }

    /// The shape and number of the deeper items right after group heading `i`.
    pub(super) fn group_items(&mut self, i: usize, kind: MarkerKind) -> Option<(MarkerKind, usize)> {
        let j = self.past_units(i);
        let Some(Kind::Marker(first)) = self.kinds.get(j) else { return None };
        let deeper = first.kind;
        let mut items = 0;
        for k in &self.kinds[j..] {
            match k {
                Kind::Marker(m) if m.kind == deeper => items += 1,
                Kind::Marker(m) if !m.weak && m.kind <= kind => break,
                _ => {}
            }
        }
        Some((deeper, items))
    }

    /// True when marked item `i` ends in units of its own.
    pub(super) fn trailing_of(&mut self, i: usize, m: &Marker) -> bool {
        let cell = self.cells[i].span;
        self.trailing(i, Span::new(cell.start + m.body, cell.end)).is_some()
    }

    /// True when the units lines after marked item `i` are followed by an
    /// item of the same shape: each item has its own units.
    pub(super) fn units_then_sibling(&mut self, i: usize, m: &Marker) -> bool {
        let j = self.past_units(i);
        j > i + 1 && matches!(self.kinds.get(j), Some(Kind::Marker(n)) if n.kind == m.kind)
    }

    pub(super) fn start_section(&mut self, i: usize, m: &Marker, level: usize) {
        self.group.clear();
        self.group_shared = None;
        let span = self.cells[i].span;
        let text = self.text(i);
        let marker_text = &text[..m.len];
        let body = text[m.body..].trim_matches(is_space);
        let (title, rest) = split_title(body);
        let number = m.number.and_then(|n| u32::try_from(n).ok());
        if number.is_none() && m.len > 0 {
            self.diag(
                Code::NumberOverflow,
                Severity::Warning,
                Span::new(span.start, span.start + m.len),
                format!("section number `{marker_text}` is too large"),
            );
        }
        self.marker_issue(span.start, m);
        let key = span;
        // A merged table cell repeated on a later row names the same section.
        if let Some(&top) = self.stack.last() {
            if self.same_key(self.sections[top].key, key) {
                self.seg(SegmentKind::Section, span);
                return;
            }
        }
        while self.stack.last().is_some_and(|&top| self.sections[top].level >= level) {
            self.stack.pop();
        }
        let parent = self.stack.last().copied();
        let siblings = match parent {
            Some(p) => &mut self.sections[p].children,
            None => &mut self.roots,
        };
        *siblings += 1;
        let ordinal = *siblings;
        self.sections.push(SecB {
            parent,
            level,
            children: 0,
            number: number.unwrap_or(ordinal),
            marker: marker_text,
            title,
            text: rest,
            span,
            key,
        });
        self.stack.push(self.sections.len() - 1);
        self.seg(SegmentKind::Section, span);
    }

    pub(super) fn marker_issue(&mut self, base: usize, m: &Marker) {
        if let Some((code, a, b, rep)) = m.issue {
            let fix = Span::new(base + a, base + b);
            let msg = match code {
                Code::SectionMarkerPunctuation => "expected `、` after the section number",
                _ => "expected `.` after the task number",
            };
            let severity = if b > a
                && code == Code::SectionMarkerPunctuation
                && !self.src[base + a..base + b].chars().all(is_space)
            {
                Severity::Info
            } else {
                Severity::Warning
            };
            let d = self.diag(code, severity, Span::new(base + a, base + a), msg.to_string());
            *d = d.clone().with_fix(fix, rep);
        }
    }

    /// The section new tasks go into, making an implicit one when there is none.
    pub(super) fn current_section(&mut self, at: Span) -> usize {
        if let Some(&s) = self.stack.last() {
            return s;
        }
        let later = *self.headings_ahead.get_or_insert_with(|| {
            self.kinds.iter().any(|k| matches!(k, Kind::Marker(m) if m.kind < MarkerKind::Arabic))
        });
        let severity = if later { Severity::Warning } else { Severity::Info };
        self.diag(
            Code::TaskBeforeSection,
            severity,
            Span::new(at.start, at.start),
            "task before any section heading".to_string(),
        );
        self.roots += 1;
        self.sections.push(SecB {
            parent: None,
            level: 0,
            children: 0,
            number: 0,
            marker: "",
            title: "",
            text: "",
            span: Span::new(at.start, at.start),
            key: Span::new(at.start, at.start),
        });
        self.stack.push(self.sections.len() - 1);
        self.sections.len() - 1
    }

    pub(super) fn start_unnumbered_section(&mut self, i: usize) {
        let m = Marker { kind: MarkerKind::Chinese, number: None, len: 0, body: 0, issue: None, weak: false };
        self.start_section(i, &m, 0);
        if let Some(&s) = self.stack.last() {
            self.sections[s].marker = "";
        }
    }
}
