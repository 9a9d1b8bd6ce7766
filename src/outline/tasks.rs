//! Tasks: starting one, its text, and the units that follow it (at the end
//! of its text, on lines of their own, in a units column).

use std::borrow::Cow;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::{compact, compact_chars, fold, is_space, marks};
use crate::lexicon;
use crate::marker::Marker;
use crate::model::{Piece, SegmentKind};
use crate::read::classify::Col;
use crate::span::Span;
use crate::survey::{bracket_inner, is_bracketed};
use crate::units::{self, Cx, Stop};

use super::front::is_units_heading;
use super::levels::Numbering;
use super::rows::Placed;
use super::{Origin, Outline, TaskB, UnitsPiece};

/// Bracketed groups inside a task's text whose content names units with a
/// role or a label: `（省编办牵头）`. Returns the spans inside the brackets.
pub(super) fn inline_units(cx: &Cx<'_, '_>, span: Span) -> Vec<Span> {
    let text = span.slice(cx.src);
    let b = text.as_bytes();
    if memchr::memchr(b'(', b).is_none() && memchr::memmem::find(b, "（".as_bytes()).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in marks(text) {
        match c {
            '(' => {
                if depth == 0 {
                    open = Some(i + text[i..].chars().next().map_or(1, char::len_utf8));
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if let (0, Some(s)) = (depth, open) {
                    let inner = Span::new(span.start + s, span.start + i);
                    if inner.len() <= 300 {
                        let stats = units::probe(cx, inner, Some(Stop::OnNote));
                        if stats.is_units() && stats.notes == 0 && (stats.roles > 0 || stats.labels > 0) {
                            out.push(inner);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// True when `s` starts with a label and its colon (`牵头单位：`).
pub(super) fn starts_with_label(s: &str) -> bool {
    // The text before a colon among the first 12 characters, or all of a
    // shorter text: nothing else can be a label.
    let mut head = s.len();
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n == 12 {
            return false;
        }
        if fold(c) == ':' {
            head = i;
            break;
        }
    }
    lexicon::label_kind(&compact(&s[..head])).is_some()
}

/// Where a task's text ends before its units: spaces and a dangling comma
/// (`…巡河制度，由市河长办负责`) are left out.
pub(super) fn trim_end(src: &str, start: usize, end: usize) -> usize {
    start + src[start..end].trim_end_matches(|c: char| is_space(c) || matches!(c, '，' | ',')).len()
}

/// Joins a task's text pieces: lines wrapped inside Chinese text join
/// without a space.
pub(super) fn join_text<'s>(src: &'s str, pieces: &[Span]) -> Cow<'s, str> {
    let mut lines = pieces.iter().flat_map(|p| p.slice(src).lines()).map(|l| l.trim_matches(is_space));
    let mut lines = lines.by_ref().filter(|t| !t.is_empty());
    let Some(first) = lines.next() else { return Cow::Borrowed("") };
    let Some(second) = lines.next() else { return Cow::Borrowed(first) };
    let mut out = String::with_capacity(pieces.iter().map(Span::len).sum());
    for t in [first, second].into_iter().chain(lines) {
        if let (Some(a), Some(b)) = (out.chars().next_back(), t.chars().next()) {
            if a.is_ascii() && b.is_ascii() {
                out.push(' ');
            }
        }
        out.push_str(t);
    }
    Cow::Owned(out)
}

impl<'a, 'c> Outline<'a, 'c> {
    pub(super) fn start_task(&mut self, i: usize, m: &Marker, numbering: &mut Numbering) -> usize {
        let span = self.cells[i].span;
        let text = self.text(i);
        let section = self.current_section(span);
        self.marker_issue(span.start, m);
        let number = match m.number.and_then(|n| u32::try_from(n).ok()) {
            Some(n) => {
                numbering.check(self, section, n, Span::new(span.start, span.start + m.len));
                n
            }
            None => {
                let shown: String = text[..m.len].chars().take(30).collect();
                self.diag(
                    Code::NumberOverflow,
                    Severity::Warning,
                    Span::new(span.start, span.start + m.len),
                    format!("task number `{shown}` is too large"),
                );
                self.tasks.len() as u32 + 1
            }
        };
        let body = Span::new(span.start + m.body, span.end);
        let mut t = TaskB {
            section,
            number,
            marker_span: Span::new(span.start, span.start + m.len),
            group: self.shared_group(),
            ..TaskB::default()
        };
        self.task_body(&mut t, span, body, i);
        self.tasks.push(t);
        let t = self.tasks.len() - 1;
        self.spread_group(t);
        t
    }

    /// A parenthetical that speaks for the items before it (`（以上3项由市发改委
    /// 牵头）`) also gives its units to the tasks before it that have none.
    pub(super) fn spread_group(&mut self, t: usize) {
        let Some(&piece) = self.tasks[t].units.first() else {
            return;
        };
        let head: String = piece.span.slice(self.src).chars().take(2).map(fold).collect();
        if piece.origin != Origin::Parenthetical || !(head == "以上" || head == "上述") {
            return;
        }
        let section = self.tasks[t].section;
        let mut k = t;
        while k > 0 && self.tasks[k - 1].section == section && !self.tasks[k - 1].has_units() {
            k -= 1;
            self.tasks[k].push_units(piece);
        }
    }

    /// The current group as a task takes it: none when empty, else one copy
    /// shared by every task until the group changes.
    pub(super) fn shared_group(&mut self) -> Option<Arc<[UnitsPiece]>> {
        if self.group.is_empty() {
            return None;
        }
        Some(self.group_shared.get_or_insert_with(|| Arc::from(self.group.as_slice())).clone())
    }

    /// Splits a task cell into its text and a trailing units part.
    pub(super) fn task_body(&mut self, t: &mut TaskB, whole: Span, body: Span, cell: usize) {
        match self.trailing(cell, body) {
            Some((units, phrase)) => {
                let text_end = trim_end(self.src, whole.start, units.start);
                self.seg(SegmentKind::Task, Span::new(whole.start, text_end));
                t.push_text(Span::new(body.start, text_end.max(body.start)));
                self.seg(SegmentKind::Trivia, Span::new(text_end, units.start));
                self.seg(SegmentKind::Units, Span::new(units.start, whole.end));
                let origin = if phrase == units { Origin::Sentence } else { Origin::Parenthetical };
                self.check_outer_brackets(units, phrase);
                t.push_units(UnitsPiece { span: phrase, role: None, origin, cell });
            }
            None => {
                self.seg(SegmentKind::Task, whole);
                t.push_text(body);
            }
        }
        // Parentheticals inside the text that name units with a role
        // (`…事项（省编办牵头）；…`) add to the task's units.
        let text_span = t.text.last().copied().unwrap_or(body);
        for inner in inline_units(self.cx, text_span) {
            t.push_units(UnitsPiece { span: inner, role: None, origin: Origin::Parenthetical, cell });
        }
    }

    /// A text cell of the body (no marker): a cell of a known column, a
    /// units text, more of the open task's text, an unnumbered task, or, if
    /// none of these, unparsed with a diagnostic.
    pub(super) fn text_cell(&mut self, i: usize, current: &mut Option<usize>, col: Option<Col>) -> Placed {
        if let Some(placed) = self.column_cell(i, current, col) {
            return placed;
        }
        // A sentence in a table row's task column is a task, though it ends
        // like a unit's name (`建成县残疾人综合服务中心。`).
        // So is the first text of a task its row's number opened, in a row
        // or one cell a line, though it ends like an organisation's name
        // (`建设产业园区`, `推行一网通办`).
        let opens_task =
            current.is_some_and(|t| self.tasks[t].text.iter().all(|s| s.is_empty()) && !self.tasks[t].has_units());
        let task_sentence = col == Some(Col::Task)
            && (opens_task || self.cells[i].cols >= 2 && self.text(i).trim_end_matches(is_space).ends_with('。'));
        if self.is_units(i) && !task_sentence {
            return self.units_cell(i, current);
        }
        let span = self.cells[i].span;
        if let Some(t) = *current {
            if !self.tasks[t].has_units() && col.is_none_or(|c| c == Col::Task) {
                self.more_text(t, i);
                return Placed::Task;
            }
        }
        let next_is_units = i + 1 < self.cells.len() && self.is_units(i + 1);
        let own_units = self.trailing(i, span).is_some();
        if next_is_units || own_units || col == Some(Col::Task) {
            let section = self.current_section(span);
            let number = self.tasks.len() as u32 + 1;
            let mut t = TaskB {
                section,
                number,
                marker_span: Span::new(span.start, span.start),
                group: self.shared_group(),
                ..TaskB::default()
            };
            self.task_body(&mut t, span, span, i);
            self.tasks.push(t);
            *current = Some(self.tasks.len() - 1);
            return Placed::Task;
        }
        // After the last heading or task, prose is the plan's closing words.
        let severity = if self.last_marker.is_some_and(|m| i > m) { Severity::Info } else { Severity::Warning };
        self.diag(Code::Unparsed, severity, span, "line fits no part of a plan; kept as unparsed".to_string());
        self.seg(SegmentKind::Unparsed, span);
        self.unparsed.push(Piece { text: Cow::Borrowed(self.text(i)), span });
        Placed::Nothing
    }

    /// Cell `i` read by the header column it falls in: units, a deadline,
    /// leaders or a section. In a table flattened one cell per line the
    /// column is a guess, so the cell's own shape must agree with it.
    fn column_cell(&mut self, i: usize, current: &mut Option<usize>, col: Option<Col>) -> Option<Placed> {
        let span = self.cells[i].span;
        let row_cell = self.cells[i].cols >= 2;
        let text = self.text(i);
        let short = || compact_chars(text).nth(20).is_none() && !text.contains('。');
        match col {
            Some(Col::Units(role)) if current.is_some() && (row_cell || self.is_units(i)) => {
                let t = current.expect("checked");
                self.tasks[t].push_units(UnitsPiece { span, role, origin: Origin::Column, cell: i });
                self.seg(SegmentKind::Units, span);
                Some(Placed::Units)
            }
            Some(Col::Deadline) if current.is_some() && (row_cell || short()) => {
                let t = current.expect("checked");
                self.tasks[t].cells_mut().deadline.push(span);
                self.seg(SegmentKind::Units, span);
                Some(Placed::Deadline)
            }
            Some(Col::Leaders) if current.is_some() && (row_cell || short()) => {
                let t = current.expect("checked");
                self.tasks[t].cells_mut().leaders.push(span);
                self.seg(SegmentKind::Units, span);
                Some(Placed::Deadline)
            }
            Some(Col::Section) if row_cell || (short() && !self.is_units(i)) => {
                if self.stack.last().is_some_and(|&s| self.same_key(self.sections[s].key, span)) {
                    self.seg(SegmentKind::Section, span);
                } else {
                    self.start_unnumbered_section(i);
                }
                *current = None;
                Some(Placed::Section)
            }
            _ => None,
        }
    }

    /// Units cell `i` outside a units column: the units of a group of tasks
    /// after it, the open task's units, or orphan units.
    fn units_cell(&mut self, i: usize, current: &mut Option<usize>) -> Placed {
        let span = self.cells[i].span;
        let text = self.text(i);
        // `区司法局：` over the tasks that follow, or labelled lines before
        // any task of a section: units of the group of tasks after them.
        // A task with its group's units and none of its own is followed by
        // the units of the next group, not its own (`牵头单位：X` between tasks).
        let group_task = current.is_some_and(|t| !self.tasks[t].has_units() && self.tasks[t].group.is_some());
        let heads_group = is_units_heading(text) || current.is_none() || group_task;
        if heads_group && self.cells[i].cols == 1 && self.next_is_item(i) {
            let piece = UnitsPiece { span, role: None, origin: Origin::Label, cell: i };
            let continues = self.group.last().is_some_and(|g| g.cell + 1 == i);
            if !continues {
                self.group.clear();
            }
            self.group.push(piece);
            self.group_shared = None;
            self.seg(SegmentKind::Units, span);
            *current = None;
            return Placed::Units;
        }
        if let Some(t) = *current {
            self.units_line(t, i);
            return Placed::Units;
        }
        self.diag(Code::OrphanUnits, Severity::Warning, span, "units text with no task before it".to_string());
        self.seg(SegmentKind::Unparsed, span);
        self.unparsed.push(Piece { text: Cow::Borrowed(text), span });
        Placed::Nothing
    }

    /// Cell `i` as more of task `t`'s text, with the units at its end.
    fn more_text(&mut self, t: usize, i: usize) {
        let span = self.cells[i].span;
        let (text_span, units) = match self.trailing(i, span) {
            Some(u) => (Span::new(span.start, trim_end(self.src, span.start, u.0.start)), Some(u)),
            None => (span, None),
        };
        self.tasks[t].push_text(text_span);
        self.seg(SegmentKind::Task, text_span);
        if let Some((whole, phrase)) = units {
            self.seg(SegmentKind::Trivia, Span::new(text_span.end, whole.start));
            self.seg(SegmentKind::Units, Span::new(whole.start, span.end));
            let origin = if phrase == whole { Origin::Sentence } else { Origin::Parenthetical };
            self.check_outer_brackets(whole, phrase);
            self.tasks[t].push_units(UnitsPiece { span: phrase, role: None, origin, cell: i });
        }
    }

    /// Reports a units parenthetical opened with a half-width bracket and
    /// closed with a full-width one, or the other way round.
    pub(super) fn check_outer_brackets(&mut self, whole: Span, phrase: Span) {
        if whole == phrase || phrase.start <= whole.start {
            return;
        }
        if phrase.end >= whole.end {
            // Never closed: the closer goes at the end of the units.
            let open = self.src[whole.start..phrase.start].chars().next().unwrap_or('（');
            let close = if open == '(' { ")" } else { "）" };
            let at = Span::new(whole.end, whole.end);
            let d = Diagnostic::new(
                Code::UnclosedBracket,
                Severity::Warning,
                at,
                format!("expected `{close}` to close `{open}` at {{at}}"),
            );
            let mut d = d.with_fix(at, close);
            d.related = Some(whole.start);
            self.diags.push(d);
            return;
        }
        let open = &self.src[whole.start..phrase.start];
        let close = &self.src[phrase.end..whole.end];
        let (Some(o), Some(c)) = (open.chars().next(), close.chars().next()) else { return };
        let half = |x: char| x == '(' || x == ')';
        if half(o) == half(c) {
            return;
        }
        let (at, bad, good) = if half(o) { (whole.start, o, "（") } else { (phrase.end, c, "）") };
        let span = Span::new(at, at + bad.len_utf8());
        let d = Diagnostic::new(
            Code::MixedBrackets,
            Severity::Warning,
            span,
            format!("half-width `{bad}` paired with a full-width bracket"),
        );
        self.diags.push(d.with_fix(span, good));
    }

    /// A units line of its own after task `t`. A line that continues the
    /// previous one (a hard wrap: no label, and the previous line ends
    /// without punctuation) joins it; a bracketed line after several tasks
    /// with no units belongs to all of them.
    pub(super) fn units_line(&mut self, t: usize, i: usize) {
        let span = self.cells[i].span;
        let text = self.text(i);
        self.seg(SegmentKind::Units, span);
        let labelled = starts_with_label(text);
        if let Some(last) = self.tasks[t].units.last_mut() {
            let prev = last.span.slice(self.src).trim_end_matches(is_space);
            let open_end = !prev.ends_with(|c: char| matches!(fold(c), '。' | ';' | ',' | '、' | ')' | ':'));
            if last.cell + 1 == i && matches!(last.origin, Origin::Line | Origin::Label) && open_end && !labelled {
                last.span = last.span.cover(span);
                last.cell = i;
                return;
            }
        }
        let bracketed = is_bracketed(text);
        let origin = match (labelled, bracketed) {
            (_, true) => Origin::Parenthetical,
            (true, false) => Origin::Label,
            (false, false) => Origin::Line,
        };
        let piece = UnitsPiece { span, role: None, origin, cell: i };
        if bracketed && !self.tasks[t].has_units() {
            // A group parenthetical: every task before it with no units, back
            // to the last one that has some, in the same section.
            let section = self.tasks[t].section;
            let mut k = t;
            while k > 0 && self.tasks[k - 1].section == section && !self.tasks[k - 1].has_units() {
                k -= 1;
            }
            if t - k >= 1 {
                let inner = bracket_inner(self.src, span);
                for task in &mut self.tasks[k..=t] {
                    task.push_units(UnitsPiece { span: inner, ..piece });
                }
                return;
            }
        }
        let span = if bracketed { bracket_inner(self.src, span) } else { span };
        self.tasks[t].push_units(UnitsPiece { span, ..piece });
    }
}
