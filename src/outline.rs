//! Pass 2: cells into title, preamble, header, sections and tasks.
//!
//! # Invariants
//!
//! - Every cell ends up in exactly one segment kind (title, preamble, header,
//!   section, task, units, trivia, unparsed); the bytes between cells are
//!   trivia. The segments therefore tile the input.
//! - Which marker shape is the task level is decided per document: the shape
//!   whose items carry units most often (`1.` in most plans, `（一）` in some).
//!   Shallower shapes are sections, deeper ones are part of a task's text.
//!
//! # Recovery
//!
//! - A text cell after a task that has no units yet continues the task (a
//!   wrapped line); after a task with units, a text cell followed by units
//!   starts an unnumbered task; anything else is unparsed, with a diagnostic.
//! - Units with no task before them are kept as unparsed (`orphan-units`).
//! - A task before any section goes into an implicit section (number 0).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::{compact, compact_chars, fold, is_space, marks};
use crate::lexicon::{self, ColumnKind};
use crate::lines::{self, Cell};
use crate::marker::{Marker, MarkerKind};
use crate::model::{Layout, Piece, Plan, Role, Section, Segment, SegmentKind, Task};
use crate::span::Span;
use crate::survey::{self, Kind, Survey, Trailing, bracket_inner, is_bracketed, is_title_like, split_trailing_units};
use crate::units::{self, Acc, Cx, Stop};

/// A task being built: its pieces of text and of units.
#[derive(Debug, Default)]
struct TaskB {
    section: usize,
    number: u32,
    /// The marker as written (empty for an unnumbered task).
    marker_span: Span,
    text: Vec<Span>,
    units: Vec<UnitsPiece>,
    /// Units of the group the task stands in, used when it names none:
    /// shared by the group's tasks, not copied into each (a group of many
    /// lines over many tasks would cost their product).
    group: Option<Arc<[UnitsPiece]>>,
    /// Deadline and leaders cells of a table row, which few tasks have: kept
    /// apart so that the others do not carry two empty lists.
    cells: Option<Box<RowCells>>,
}

/// The deadline (`完成时限`) and leaders (`责任领导`) cells of a task's row.
#[derive(Debug, Default)]
struct RowCells {
    deadline: Vec<Span>,
    leaders: Vec<Span>,
}

impl TaskB {
    fn has_units(&self) -> bool {
        !self.units.is_empty()
    }

    /// Adds a piece of the task's text. Room is made for one at first: most
    /// tasks have one piece of text and one of units.
    fn push_text(&mut self, span: Span) {
        push_one(&mut self.text, span);
    }

    /// Adds a piece of the task's units (see [`TaskB::push_text`]).
    fn push_units(&mut self, piece: UnitsPiece) {
        push_one(&mut self.units, piece);
    }

    /// The deadline cells of the task's row.
    fn deadline(&self) -> &[Span] {
        self.cells.as_ref().map_or(&[], |c| &c.deadline)
    }

    /// The leaders cells of the task's row.
    fn leaders(&self) -> &[Span] {
        self.cells.as_ref().map_or(&[], |c| &c.leaders)
    }

    /// The task's row cells, made when the first is added.
    fn cells_mut(&mut self) -> &mut RowCells {
        self.cells.get_or_insert_with(Box::default)
    }

    /// The units pieces the task is read from: its own, or when it names
    /// none, those of its group.
    fn pieces(&self) -> &[UnitsPiece] {
        if self.units.is_empty() { self.group.as_deref().unwrap_or(&[]) } else { &self.units }
    }
}

/// Pushes `x`, making room for exactly one when `v` has none.
fn push_one<T>(v: &mut Vec<T>, x: T) {
    if v.capacity() == 0 {
        v.reserve_exact(1);
    }
    v.push(x);
}

/// A piece of a task's units text: where it is, the role a table column
/// gives it, and how it was written.
#[derive(Clone, Copy, Debug)]
struct UnitsPiece {
    span: Span,
    role: Option<Role>,
    origin: Origin,
    /// The cell it came from (the last one, when wrapped lines were joined).
    cell: usize,
}

/// How a units text was written, for telling the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// In brackets at the end of the task: `（牵头单位：…）`.
    Parenthetical,
    /// A last sentence of the task: `…。市发改委牵头，市财政局配合。`
    Sentence,
    /// A line of its own starting with a label: `牵头单位：…`.
    Label,
    /// A line of its own: `各县（区）人民政府，市府直属各部门`.
    Line,
    /// A cell of a tab or pipe row.
    Column,
}

/// A section being built.
#[derive(Debug)]
struct SecB<'c> {
    parent: Option<usize>,
    level: usize,
    /// Sections directly under this one so far.
    children: u32,
    number: u32,
    marker: &'c str,
    title: &'c str,
    text: &'c str,
    span: Span,
    /// The heading as written; headings that read the same when compacted
    /// name the same section.
    key: Span,
}

struct Outline<'a, 'c> {
    cx: &'a Cx<'c, 'a>,
    src: &'c str,
    cells: Vec<Cell>,
    kinds: Vec<Kind>,
    /// Whether each cell reads as a units text.
    units: Vec<bool>,
    /// The trailing units of each cell's natural span (after its marker, or
    /// the whole cell), when worked out.
    trailing: Vec<Option<Trailing>>,
    /// Whether each heading marker's text reads like a title (see [`survey`]).
    heading_like: Vec<bool>,
    segments: Vec<Segment>,
    diags: Vec<Diagnostic>,
    sections: Vec<SecB<'c>>,
    stack: Vec<usize>,
    tasks: Vec<TaskB>,
    unparsed: Vec<Piece<'c>>,
    columns: Vec<(&'c str, ColumnKind)>,
    shape: lines::Shape,
    /// Top-level sections so far.
    roots: u32,
    /// Units heading the tasks that follow, until the next such units or section.
    group: Vec<UnitsPiece>,
    /// `group` as the tasks share it, made at the first task after each change.
    group_shared: Option<Arc<[UnitsPiece]>>,
    /// The last cell with a marker, before the closing matter.
    last_marker: Option<usize>,
    /// Whether any heading marker stands in the plan (worked out once).
    headings_ahead: Option<bool>,
    /// See [`Outline::past_units`]: empty until first asked.
    past_units: Vec<usize>,
    /// The header's task and 序号 columns, once the header is known.
    task_col: Option<usize>,
    number_col: Option<usize>,
    title: Cow<'c, str>,
    title_spans: Vec<Span>,
    preamble: Vec<Piece<'c>>,
}

/// Parses the whole text into a plan.
pub(crate) fn build<'c>(cx: &Cx<'c, '_>) -> Plan<'c> {
    let src = cx.src;
    let mut shape = lines::Shape::default();
    let mut cells = lines::cells(src, cx.index, &mut shape, cx.opts.threads_for(src.len()));
    shape.run_on = lines::split_run_on(src, &mut cells);
    if !shape.run_on {
        shape.wrapped = lines::join_wrapped(src, &mut cells);
    }
    let Survey { kinds, units, trailing, heading_like } = survey::survey(cx, &cells, cx.opts.threads_for(src.len()));
    let n = cells.len();
    let o = Outline {
        cx,
        src,
        cells,
        kinds,
        units,
        trailing,
        heading_like,
        segments: Vec::with_capacity(n * 2),
        diags: Vec::new(),
        sections: Vec::new(),
        stack: Vec::new(),
        tasks: Vec::new(),
        unparsed: Vec::new(),
        columns: Vec::new(),
        shape,
        roots: 0,
        headings_ahead: None,
        past_units: Vec::new(),
        task_col: None,
        number_col: None,
        last_marker: None,
        group: Vec::new(),
        group_shared: None,
        title: Cow::Borrowed(""),
        title_spans: Vec::new(),
        preamble: Vec::new(),
    };
    o.run()
}

impl<'a, 'c> Outline<'a, 'c> {
    fn seg(&mut self, kind: SegmentKind, span: Span) {
        if !span.is_empty() {
            self.segments.push(Segment { kind, span });
        }
    }

    fn text(&self, i: usize) -> &'c str {
        self.cells[i].span.slice(self.src)
    }

    /// True when two headings read the same once folded and compacted.
    fn same_key(&self, a: Span, b: Span) -> bool {
        compact_chars(a.slice(self.src)).eq(compact_chars(b.slice(self.src)))
    }

    fn diag(&mut self, code: Code, severity: Severity, span: Span, message: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(code, severity, span, message));
        self.diags.last_mut().expect("just pushed")
    }

    /// The units part at the end of the text at `body` of cell `i`: what the
    /// survey found when `body` is the cell's natural span, else worked out.
    fn trailing(&mut self, i: usize, body: Span) -> Trailing {
        if body != survey::natural(&self.cells[i], &self.kinds[i]) {
            return split_trailing_units(self.cx, body);
        }
        *self.trailing[i].get_or_insert_with(|| split_trailing_units(self.cx, body))
    }

    /// True when cell `i` reads as a units text (see [`survey`]).
    fn is_units(&self, i: usize) -> bool {
        self.units[i]
    }

    fn run(mut self) -> Plan<'c> {
        let n = self.cells.len();
        let first_marker =
            (0..n).find(|&i| matches!(&self.kinds[i], Kind::Marker(m) if !m.weak && m.kind != MarkerKind::Circled));

        let mut body = first_marker.unwrap_or(n);
        // The header row stands before the first task; headings may come
        // before it (`一、…` over each table of a plan).
        let first_task =
            (0..n).find(|&i| matches!(&self.kinds[i], Kind::Marker(m) if !m.weak && m.kind >= MarkerKind::Arabic));
        let header = self.find_header(first_task.unwrap_or(n));
        if first_marker.is_none() && header.is_none() {
            // No marker and no header: the body starts at the first text
            // followed by units (a table of unnumbered tasks).
            let first_pair = (0..n.saturating_sub(1)).find(|&i| {
                matches!(self.kinds[i], Kind::Text)
                    && !self.is_units(i)
                    && self.is_units(i + 1)
                    && !is_title_like(self.text(i))
            });
            body = first_pair.unwrap_or(n);
        }
        if let Some((hs, he)) = header {
            for i in hs..he {
                let name = self.text(i);
                let kind = lexicon::column_kind(&compact(name)).unwrap_or(ColumnKind::Other);
                self.columns.push((name, kind));
            }
            // A header with no task column: its last section-like column
            // holds the tasks (`序号 | 重点任务 | 牵头单位`).
            if !self.columns.iter().any(|c| c.1 == ColumnKind::Task) {
                if let Some(c) = self.columns.iter_mut().rev().find(|c| c.1 == ColumnKind::Section) {
                    c.1 = ColumnKind::Task;
                }
            }
            if hs <= body {
                self.front(hs);
                for i in hs..he {
                    self.seg(SegmentKind::Header, self.cells[i].span);
                }
                body = he;
            } else {
                // Headings before the header: the body loop meets it as a header again.
                self.front(body);
            }
        } else {
            self.front(body);
        }
        let task_kind = self.task_kind(body);
        self.body(body, task_kind);
        let header_span = header.map(|(s, e)| self.cells[s].span.cover(self.cells[e - 1].span));
        self.finish(header_span)
    }

    /// The header row: two or more cells in a row that are column names,
    /// before the body.
    fn find_header(&self, body: usize) -> Option<(usize, usize)> {
        let is_col = |i: usize| -> bool {
            // Every column name holds an ideograph, which is encoded from
            // byte `E2` up (as is every character that folds to one).
            let text = self.text(i);
            if !text.bytes().any(|b| b >= 0xE2)
                || matches!(self.kinds[i], Kind::Marker(_))
                || compact_chars(text).nth(10).is_some()
            {
                return false;
            }
            let t = compact(self.text(i));
            !is_title_end(&t) && lexicon::column_kind(&t).is_some()
        };
        let limit = (body + 1).min(self.cells.len());
        let mut i = 0;
        while i < limit {
            if is_col(i) {
                // A header is one row of a table, or lines of one cell each.
                let row = self.cells[i].cols > 1;
                let mut j = i;
                while j < self.cells.len()
                    && is_col(j)
                    && (self.cells[j].cols > 1) == row
                    && (!row || self.cells[j].line == self.cells[i].line)
                {
                    j += 1;
                }
                let same_row = self.cells[i].cols > 1;
                if j - i >= 2 || (same_row && j > i) {
                    let kinds: Vec<ColumnKind> =
                        (i..j).filter_map(|k| lexicon::column_kind(&compact(self.text(k)))).collect();
                    let useful = kinds.iter().any(|k| matches!(k, ColumnKind::Units(_) | ColumnKind::Task));
                    if useful {
                        return Some((i, j));
                    }
                }
                i = j;
            } else {
                i += 1;
            }
        }
        None
    }

    /// Title and preamble: the last run of title-like lines before the body
    /// is the title; the rest is preamble.
    fn front(&mut self, end: usize) {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < end {
            if !is_title_like(self.text(i)) {
                i += 1;
                continue;
            }
            let start = i;
            while i < end && is_title_like(self.text(i)) {
                let ends = is_title_end(&compact(self.text(i)));
                i += 1;
                if ends {
                    break;
                }
            }
            runs.push((start, i));
        }
        let title = runs.last().copied();
        let mut title_text: Cow<'c, str> = Cow::Borrowed("");
        for k in 0..end {
            let span = self.cells[k].span;
            if title.is_some_and(|(s, e)| k >= s && k < e) {
                let line = self.text(k);
                if title_text.is_empty() && line.chars().all(|c| crate::fold::fold_compat(c) == c) {
                    title_text = Cow::Borrowed(line);
                } else {
                    title_text.to_mut().extend(line.chars().map(crate::fold::fold_compat));
                }
                self.seg(SegmentKind::Title, span);
            } else if matches!(self.kinds[k], Kind::PageNo) {
                self.seg(SegmentKind::Trivia, span);
            } else {
                self.seg(SegmentKind::Preamble, span);
            }
        }
        self.title = title_text;
        self.title_spans = title.map_or_else(Vec::new, |(s, e)| (s..e).map(|k| self.cells[k].span).collect());
        self.preamble = (0..end)
            .filter(|k| !title.is_some_and(|(s, e)| *k >= s && *k < e) && !matches!(self.kinds[*k], Kind::PageNo))
            .map(|k| Piece { text: Cow::Borrowed(self.text(k)), span: self.cells[k].span })
            .collect();
    }

    /// The marker shape that is the task level: the one whose items carry
    /// units most often.
    fn task_kind(&mut self, body: usize) -> Option<MarkerKind> {
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

    fn body(&mut self, start: usize, task_kind: Option<MarkerKind>) {
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

    /// True when marked item `i` names units of its own: at the end of its
    /// text, or on the line right after it.
    fn carries_units(&mut self, i: usize, m: &Marker) -> bool {
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
    fn past_units(&mut self, i: usize) -> usize {
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
    fn items_follow(&mut self, i: usize, kind: MarkerKind) -> bool {
        let j = self.past_units(i);
        matches!(self.kinds.get(j), Some(Kind::Marker(n)) if !n.weak && n.kind > kind)
    }

    /// True when the lines after units cell `i` (past more units lines) start
    /// a marked item: the units head a group of tasks.
    fn next_is_item(&mut self, i: usize) -> bool {
        let j = self.past_units(i);
        matches!(self.kinds.get(j), Some(Kind::Marker(_)))
    }

    /// The shape and number of the deeper items right after group heading `i`.
    fn group_items(&mut self, i: usize, kind: MarkerKind) -> Option<(MarkerKind, usize)> {
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
    fn trailing_of(&mut self, i: usize, m: &Marker) -> bool {
        let cell = self.cells[i].span;
        self.trailing(i, Span::new(cell.start + m.body, cell.end)).is_some()
    }

    /// True when the units lines after marked item `i` are followed by an
    /// item of the same shape: each item has its own units.
    fn units_then_sibling(&mut self, i: usize, m: &Marker) -> bool {
        let j = self.past_units(i);
        j > i + 1 && matches!(self.kinds.get(j), Some(Kind::Marker(n)) if n.kind == m.kind)
    }

    /// Cuts the closing matter off the end of the plan: the date, the
    /// signature before it, notes such as `（此件公开发布）`, page numbers.
    /// They are kept as unparsed, with an info diagnostic; returns where
    /// the closing matter starts.
    fn closing_matter(&mut self, start: usize) -> usize {
        let mut n = self.cells.len();
        let mut dated = false;
        while n > start {
            let text = self.text(n - 1);
            let c = compact(text);
            let closing = matches!(self.kinds[n - 1], Kind::PageNo)
                || is_date(&c)
                || (is_bracketed(text) && c.chars().count() <= 12 && !self.is_units(n - 1))
                || c.starts_with("抄送")
                || c.starts_with("印发")
                || (dated && c.chars().count() <= 20 && units::is_unit_like(&c));
            if !closing {
                break;
            }
            dated |= is_date(&c);
            n -= 1;
        }
        for k in n..self.cells.len() {
            let span = self.cells[k].span;
            if matches!(self.kinds[k], Kind::PageNo) {
                self.seg(SegmentKind::Trivia, span);
                continue;
            }
            self.seg(SegmentKind::Unparsed, span);
            self.unparsed.push(Piece { text: Cow::Borrowed(self.text(k)), span });
            self.diag(
                Code::Unparsed,
                Severity::Info,
                span,
                "closing matter after the plan; kept as unparsed".to_string(),
            );
        }
        n
    }

    /// The header's 序号 column, if any.
    fn number_col(&self) -> Option<usize> {
        self.number_col
    }

    /// The heading cell later in the same table row as number cell `i`: a
    /// section marker, or text in a section column.
    fn row_heading(&self, i: usize, cols: &mut ColState, task_kind: Option<MarkerKind>) -> Option<usize> {
        let line = self.cells[i].line;
        if self.cells[i].cols < 2 {
            // One cell per line: the row's cells stand on the lines after the number.
            let nc = self.number_col()?;
            return (i + 1..self.cells.len())
                .take_while(|&k| {
                    self.cells[k].cols == 1
                        && nc + self.cells[k].line - line < self.columns.len()
                        && !is_bare_number(self.text(k))
                })
                .find(|&k| match &self.kinds[k] {
                    Kind::Marker(m) => task_kind.is_none_or(|t| m.kind < t),
                    Kind::Text => self.columns[nc + self.cells[k].line - line].1 == ColumnKind::Section,
                    _ => false,
                });
        }
        // The first heading past cell `i` in its row: what was found for an
        // earlier cell of the row holds until `i` passes it, so that a row of
        // many number cells is scanned once, not once for each.
        let offset = cols.offset;
        if let Some((l, at, from, found)) = cols.heading {
            if l == line && at == offset && from <= i + 1 && found.is_none_or(|k| k > i) {
                return found;
            }
        }
        let found =
            (i + 1..self.cells.len()).take_while(|&k| self.cells[k].line == line).find(|&k| match &self.kinds[k] {
                Kind::Marker(m) => task_kind.is_none_or(|t| m.kind < t),
                Kind::Text => {
                    let col = self.cells[k].col + offset;
                    self.columns.get(col).is_some_and(|c| c.1 == ColumnKind::Section)
                }
                _ => false,
            });
        cols.heading = Some((line, offset, i + 1, found));
        found
    }

    /// The column a cell stands in, when the header is known. A row of tab-
    /// or pipe-separated cells is aligned on its task cell (merged cells are
    /// missing at its start); a row with no task cell continues an unfinished
    /// row. In a table flattened one cell per line, cells follow the columns
    /// in order, a marker tells where a row starts, and after the last
    /// column a new row starts with a heading (when a task follows) or a task.
    fn column_of(&mut self, i: usize, st: &mut ColState, task_kind: Option<MarkerKind>) -> Option<ColumnKind> {
        let cell = self.cells[i];
        let ncols = self.columns.len();
        if ncols == 0 {
            return None;
        }
        let task_col = self.task_col;
        if cell.cols >= 2 {
            if st.line != Some(cell.line) {
                // A row is aligned on its task marker, or on its number when
                // the header has a 序号 column.
                let number_col = self.number_col;
                let anchor = (i..self.cells.len()).take_while(|&k| self.cells[k].line == cell.line).find_map(|k| {
                    match &self.kinds[k] {
                        Kind::Marker(m) if Some(m.kind) == task_kind => task_col.map(|c| (c, self.cells[k].col)),
                        Kind::Text if is_bare_number(self.text(k)) => number_col.map(|c| (c, self.cells[k].col)),
                        _ => None,
                    }
                });
                st.offset = match anchor {
                    Some((c, at)) if c >= at => c - at,
                    _ if cell.cols >= ncols => 0,
                    _ => ncols - cell.cols,
                };
                st.line = Some(cell.line);
            }
            return self.columns.get(cell.col + st.offset).map(|c| c.1);
        }
        st.line = None;
        let task_col = task_col?;
        match &self.kinds[i] {
            Kind::PageNo => None,
            Kind::Marker(_) => {
                st.number_line = None;
                None
            }
            Kind::Text => {
                if is_bare_number(self.text(i)) {
                    st.number_line = Some(cell.line);
                    return Some(ColumnKind::Number);
                }
                // After a number in a table flattened one cell per line, a
                // cell's column is its line's distance from the number: a
                // blank line is an empty cell.
                if let (Some(l), Some(nc)) = (st.number_line, self.number_col()) {
                    let mut col = nc + cell.line.saturating_sub(l);
                    // A labelled line under a labelled units cell continues
                    // that cell (`牵头：X` then `配合：Y`); the row shifts down.
                    let prev_units = col > 0 && matches!(self.columns.get(col - 1), Some((_, ColumnKind::Units(_))));
                    if prev_units
                        && starts_with_label(self.text(i))
                        && !matches!(self.columns.get(col), Some((_, ColumnKind::Units(_))))
                    {
                        col -= 1;
                        st.number_line = Some(l + 1);
                    }
                    if col < ncols {
                        st.next = col;
                        return self.columns.get(col).map(|c| c.1);
                    }
                    st.number_line = None;
                }
                let mut col = st.next;
                if col >= ncols {
                    let next_is_task = self.cells.get(i + 1).is_some_and(|_| {
                        matches!(self.kinds[i + 1], Kind::Marker(_)) || is_bare_number(self.text(i + 1))
                    });
                    col = if next_is_task { st.row_start } else { task_col };
                }
                st.next = col;
                self.columns.get(col).map(|c| c.1)
            }
        }
    }

    fn start_section(&mut self, i: usize, m: &Marker, level: usize) {
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

    fn marker_issue(&mut self, base: usize, m: &Marker) {
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
    fn current_section(&mut self, at: Span) -> usize {
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

    fn start_task(&mut self, i: usize, m: &Marker, numbering: &mut Numbering) -> usize {
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
    fn spread_group(&mut self, t: usize) {
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
    fn shared_group(&mut self) -> Option<Arc<[UnitsPiece]>> {
        if self.group.is_empty() {
            return None;
        }
        Some(self.group_shared.get_or_insert_with(|| Arc::from(self.group.as_slice())).clone())
    }

    /// Splits a task cell into its text and a trailing units part.
    fn task_body(&mut self, t: &mut TaskB, whole: Span, body: Span, cell: usize) {
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

    /// A cell with no marker: units, a continued task, an unnumbered task, a
    /// heading from a table's section column, or unparsed.
    fn text_cell(&mut self, i: usize, current: &mut Option<usize>, col: Option<ColumnKind>) -> Placed {
        let span = self.cells[i].span;
        let row_cell = self.cells[i].cols >= 2;
        let text = self.text(i);
        // In a table flattened one cell per line the column is a guess: the
        // cell's own shape must agree with it.
        let short = || compact_chars(text).nth(20).is_none() && !text.contains('。');
        match col {
            Some(ColumnKind::Units(role)) if current.is_some() && (row_cell || self.is_units(i)) => {
                let t = current.expect("checked");
                self.tasks[t].push_units(UnitsPiece { span, role, origin: Origin::Column, cell: i });
                self.seg(SegmentKind::Units, span);
                return Placed::Units;
            }
            Some(ColumnKind::Deadline) if current.is_some() && (row_cell || short()) => {
                let t = current.expect("checked");
                self.tasks[t].cells_mut().deadline.push(span);
                self.seg(SegmentKind::Units, span);
                return Placed::Deadline;
            }
            Some(ColumnKind::Leaders) if current.is_some() && (row_cell || short()) => {
                let t = current.expect("checked");
                self.tasks[t].cells_mut().leaders.push(span);
                self.seg(SegmentKind::Units, span);
                return Placed::Deadline;
            }
            Some(ColumnKind::Section) if row_cell || (short() && !self.is_units(i)) => {
                let key = span;
                if self.stack.last().is_some_and(|&s| self.same_key(self.sections[s].key, key)) {
                    self.seg(SegmentKind::Section, span);
                } else {
                    self.start_unnumbered_section(i);
                }
                *current = None;
                return Placed::Section;
            }
            _ => {}
        }
        if self.is_units(i) {
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
            match *current {
                Some(t) => {
                    self.units_line(t, i);
                    return Placed::Units;
                }
                None => {
                    self.diag(
                        Code::OrphanUnits,
                        Severity::Warning,
                        span,
                        "units text with no task before it".to_string(),
                    );
                    self.seg(SegmentKind::Unparsed, span);
                    self.unparsed.push(Piece { text: Cow::Borrowed(text), span });
                    return Placed::Nothing;
                }
            }
        }
        if let Some(t) = *current {
            if !self.tasks[t].has_units() && col.is_none_or(|c| c == ColumnKind::Task) {
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
                return Placed::Task;
            }
        }
        let next_is_units = i + 1 < self.cells.len() && self.is_units(i + 1);
        let own_units = self.trailing(i, span).is_some();
        if next_is_units || own_units || col == Some(ColumnKind::Task) {
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
        self.unparsed.push(Piece { text: Cow::Borrowed(text), span });
        Placed::Nothing
    }

    /// Reports a units parenthetical opened with a half-width bracket and
    /// closed with a full-width one, or the other way round.
    fn check_outer_brackets(&mut self, whole: Span, phrase: Span) {
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
    fn units_line(&mut self, t: usize, i: usize) {
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

    fn start_unnumbered_section(&mut self, i: usize) {
        let m = Marker { kind: MarkerKind::Chinese, number: None, len: 0, body: 0, issue: None, weak: false };
        self.start_section(i, &m, 0);
        if let Some(&s) = self.stack.last() {
            self.sections[s].marker = "";
        }
    }

    fn finish(mut self, header_span: Option<Span>) -> Plan<'c> {
        let cx = self.cx;
        // Tasks: settle units.
        let layout = self.layout();
        let convention = first_leads_statement(self.src);
        // The cells and what was found of them are done with: their room
        // goes to the plan.
        self.cells = Vec::new();
        self.kinds = Vec::new();
        self.units = Vec::new();
        self.trailing = Vec::new();
        self.heading_like = Vec::new();
        self.past_units = Vec::new();
        let mut tasks = std::mem::take(&mut self.tasks);
        tasks.shrink_to_fit();
        // A group's units are reported once, however many tasks share them:
        // by the first task that reads them. The others read them quietly.
        let mut quiet_at = Vec::with_capacity(tasks.len() + 1);
        let mut quiet = Vec::new();
        let mut group_seen: HashSet<Span> = HashSet::new();
        let mut stops: Vec<(Span, bool)> = Vec::new();
        for t in &tasks {
            quiet_at.push(quiet.len());
            if t.units.is_empty() {
                quiet.extend(t.pieces().iter().map(|p| !group_seen.insert(p.span)));
            }
            stops.extend(t.pieces().iter().map(|p| (p.span, units::ends_with_stop(p.span.slice(self.src)))));
        }
        quiet_at.push(quiet.len());
        drop(group_seen);
        // The tasks of each section, in plan order: each section gets room
        // for exactly its tasks, and each task takes its place as it is
        // settled.
        let mut starts = vec![0usize; self.sections.len() + 1];
        for t in &tasks {
            starts[t.section + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut order = vec![0usize; tasks.len()];
        let mut next = starts.clone();
        for (i, t) in tasks.iter().enumerate() {
            order[next[t.section]] = i;
            next[t.section] += 1;
        }
        let mut secs: Vec<Section<'c>> = self
            .sections
            .iter()
            .map(|s| Section {
                number: s.number,
                marker: Cow::Borrowed(s.marker),
                title: Cow::Borrowed(s.title),
                text: Cow::Borrowed(s.text),
                span: s.span,
                tasks: Vec::new(),
                sections: Vec::new(),
            })
            .collect();
        let parents: Vec<Option<usize>> = self.sections.iter().map(|s| s.parent).collect();
        self.sections = Vec::new();
        // Settle the tasks a share of the sections at a time, on several
        // threads for a large plan; the diagnostics go back in plan order.
        let settle =
            Settle { tasks: &tasks, order: &order, starts: &starts, quiet: &quiet, quiet_at: &quiet_at, convention };
        let threads = cx.opts.threads_for(self.src.len());
        let mut found = if threads <= 1 {
            settle.sections(cx, 0, &mut secs)
        } else {
            let (src, opts, index) = (cx.src, cx.opts, cx.index);
            let shares = settle.shares(secs.len(), threads);
            let mut rest: &mut [Section<'c>] = &mut secs;
            let mut taken = 0;
            std::thread::scope(|scope| {
                let mut handles = Vec::new();
                for &end in &shares {
                    let (share, tail) = std::mem::take(&mut rest).split_at_mut(end - taken);
                    rest = tail;
                    let first = taken;
                    taken = end;
                    let settle = &settle;
                    handles.push(scope.spawn(move || settle.sections(&Cx::new(src, opts, index), first, share)));
                }
                let mut all = Found::default();
                for h in handles {
                    let found = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                    all.applied += found.applied;
                    all.diags.extend(found.diags);
                }
                all
            })
        };
        found.diags.sort_by_key(|d| d.0);
        self.diags.extend(found.diags.into_iter().flat_map(|d| d.1));
        let applied = found.applied;
        self.check_stops(&stops);
        // A notice, an empty file or a page of something else: no task, or
        // none that names a unit (a notice's numbered paragraphs).
        let with_units = secs.iter().flat_map(|s| &s.tasks).filter(|t| t.units().next().is_some()).count();
        if with_units == 0 {
            let message = if tasks.is_empty() {
                "no tasks found: the text reads as a notice, an empty file or another kind of page, not a plan \
                 of tasks and the units responsible for them"
                    .to_string()
            } else {
                let items = match tasks.len() {
                    1 => "its one item names no responsible unit".to_string(),
                    n => format!("none of its {n} items names a responsible unit"),
                };
                format!("no tasks found: {items}, so the text reads as a notice or a work plan that divides no tasks")
            };
            self.diags.push(Diagnostic::new(Code::NoTasks, Severity::Warning, Span::new(0, 0), message));
        }
        // The builders are done with: their room goes to the tree and the
        // segments.
        drop((tasks, order, starts, quiet, quiet_at, stops));
        if let Some(c) = convention {
            self.diags.push(Diagnostic::new(
                Code::Convention,
                Severity::Info,
                c,
                format!("the plan names the first unit of each list as the lead; applied to {applied} tasks"),
            ));
        }
        // Sections into a tree. Children come after their parents: attach
        // from the last one backwards, then put each list of children back
        // in plan order.
        let mut children = vec![0usize; secs.len()];
        for p in parents.iter().flatten() {
            children[*p] += 1;
        }
        for (s, n) in secs.iter_mut().zip(children) {
            s.sections.reserve_exact(n);
        }
        let mut roots = Vec::with_capacity(parents.iter().filter(|p| p.is_none()).count());
        let mut slots: Vec<Option<Section>> = secs.into_iter().map(Some).collect();
        for k in (0..slots.len()).rev() {
            let mut s = slots[k].take().expect("each section taken once");
            s.sections.reverse();
            match parents[k] {
                Some(p) => slots[p].as_mut().expect("parent before child").sections.push(s),
                None => roots.push(s),
            }
        }
        roots.reverse();
        let tiled = tile(std::mem::take(&mut self.segments), self.src.len());
        let mut diags = std::mem::take(&mut self.diags);
        Diagnostic::locate_all(&mut diags, self.src, cx.index);
        Plan {
            title: std::mem::take(&mut self.title),
            title_spans: std::mem::take(&mut self.title_spans),
            preamble: std::mem::take(&mut self.preamble),
            columns: self.columns.iter().map(|c| Cow::Borrowed(c.0)).collect(),
            header_span,
            layout,
            encoding: None,
            sections: roots,
            unparsed: std::mem::take(&mut self.unparsed),
            diagnostics: diags,
            segments: tiled,
        }
    }

    /// Where most units texts end in `。` or `；`, one that does not is reported.
    fn check_stops(&mut self, stops: &[(Span, bool)]) {
        let with = stops.iter().filter(|s| s.1).count();
        if stops.len() < 3 || with * 2 <= stops.len() {
            return;
        }
        for (span, stop) in stops {
            if !stop {
                let at = Span::new(span.end, span.end);
                let d = Diagnostic::new(
                    Code::UnitsPunctuation,
                    Severity::Info,
                    at,
                    "units text lacks the final `。` the plan uses elsewhere".to_string(),
                );
                self.diags.push(d.with_fix(at, "。"));
            }
        }
    }

    /// The layout, from how pass 1 cut the text and how the units were
    /// written. A plan whose units are written in several ways gets an info
    /// diagnostic saying so.
    fn layout(&mut self) -> Layout {
        let mut counts = [0usize; 5];
        for t in &self.tasks {
            if let Some(p) = t.units.first() {
                counts[p.origin as usize] += 1;
            }
        }
        let total: usize = counts.iter().sum();
        let (best, n) = counts.iter().enumerate().max_by_key(|c| *c.1).map_or((0, 0), |(i, n)| (i, *n));
        if total >= 4 && n * 10 < total * 7 {
            let names = ["parenthetical", "last sentence", "labelled line", "own line", "table cell"];
            let mix: Vec<String> =
                counts.iter().zip(names).filter(|(c, _)| **c > 0).map(|(c, name)| format!("{c} {name}")).collect();
            self.diags.push(Diagnostic::new(
                Code::MixedLayout,
                Severity::Info,
                Span::new(0, 0),
                format!("units are written in more than one way ({}); each task was read on its own", mix.join(", ")),
            ));
        }
        let pages = self.kinds.iter().filter(|k| matches!(k, Kind::PageNo)).count();
        let wrapped = self.tasks.iter().filter(|t| t.text.len() > 1).count();
        if self.shape.run_on {
            Layout::OneLine
        } else if self.shape.pipe_rows + self.shape.pipe_lines > self.shape.tab_rows
            && self.shape.pipe_rows + self.shape.pipe_lines > 0
        {
            Layout::PipeTable
        } else if self.shape.tab_rows > 0 {
            Layout::TabTable
        } else if self.shape.wrapped >= 3 || (pages > 0 && wrapped * 4 >= self.tasks.len().max(1)) {
            Layout::PdfText
        } else if total == 0 {
            Layout::Unknown
        } else {
            match best {
                0 => Layout::Parenthetical,
                1 => Layout::Inline,
                2 => Layout::Labelled,
                3 if self.columns.is_empty() => Layout::UnitsLines,
                _ => Layout::CellPerLine,
            }
        }
    }
}

/// What the tasks of some sections yielded beside the tasks: the
/// diagnostics of each task that has some (by task index), and how many
/// tasks the plan's convention was applied to.
#[derive(Default)]
struct Found {
    diags: Vec<(usize, Vec<Diagnostic>)>,
    applied: usize,
}

/// Everything settling a task needs besides the task: see `Outline::finish`.
struct Settle<'t> {
    tasks: &'t [TaskB],
    /// Task indices ordered by section, the tasks of section `s` at
    /// `order[starts[s]..starts[s + 1]]`.
    order: &'t [usize],
    starts: &'t [usize],
    /// Whether each group piece is read without reporting, task `t`'s at
    /// `quiet[quiet_at[t]..quiet_at[t + 1]]`.
    quiet: &'t [bool],
    quiet_at: &'t [usize],
    convention: Option<Span>,
}

impl Settle<'_> {
    /// Where to cut the sections into `n` shares of about as many tasks
    /// each: the end of each share.
    fn shares(&self, sections: usize, n: usize) -> Vec<usize> {
        let per = self.tasks.len().div_ceil(n).max(1);
        let mut ends = Vec::with_capacity(n);
        let mut s = 0;
        for k in 1..n {
            while s < sections && self.starts[s + 1] < per * k {
                s += 1;
            }
            if s > ends.last().copied().unwrap_or(0) {
                ends.push(s);
            }
        }
        ends.push(sections);
        ends
    }

    /// Settles the tasks of `sections`, the first of which is section `first`.
    fn sections<'c>(&self, cx: &Cx<'c, '_>, first: usize, sections: &mut [Section<'c>]) -> Found {
        let mut found = Found::default();
        for (k, sec) in sections.iter_mut().enumerate() {
            let s = first + k;
            let mine = &self.order[self.starts[s]..self.starts[s + 1]];
            sec.tasks.reserve_exact(mine.len());
            for &t in mine {
                let mut diags = Vec::new();
                let quiet = &self.quiet[self.quiet_at[t]..self.quiet_at[t + 1]];
                let (task, applied) = settle_task(cx, &self.tasks[t], quiet, self.convention, &mut diags);
                sec.tasks.push(task);
                found.applied += usize::from(applied);
                if !diags.is_empty() {
                    found.diags.push((t, diags));
                }
            }
        }
        found
    }
}

/// Settles one task: reads its units pieces (reporting what they find
/// unless `quiet` says the piece was reported with an earlier task), joins
/// its text, and applies the plan's convention (`排在第一位的为牵头单位`)
/// when it stands before the task's units. Returns the task and whether the
/// convention was applied.
fn settle_task<'c>(
    cx: &Cx<'c, '_>,
    t: &TaskB,
    quiet: &[bool],
    convention: Option<Span>,
    diags: &mut Vec<Diagnostic>,
) -> (Task<'c>, bool) {
    let src = cx.src;
    let mut acc = Acc::default();
    let mut units_text: Cow<'c, str> = Cow::Borrowed("");
    let mut units_span: Option<Span> = None;
    let pieces = t.pieces();
    for (k, UnitsPiece { span, role, .. }) in pieces.iter().enumerate() {
        if quiet.get(k).copied().unwrap_or(false) {
            units::parse_phrase(cx, *span, *role, &mut acc, &mut Vec::new());
        } else {
            units::parse_phrase(cx, *span, *role, &mut acc, diags);
        }
        if k == 0 {
            units_text = Cow::Borrowed(span.slice(src));
        } else {
            let joined = units_text.to_mut();
            joined.push('\n');
            joined.push_str(span.slice(src));
        }
        units_span = Some(units_span.map_or(*span, |s| s.cover(*span)));
    }
    for span in t.leaders() {
        acc.leaders.push(Piece { text: Cow::Borrowed(span.slice(src).trim_matches(is_space)), span: *span });
    }
    if !t.deadline().is_empty() {
        acc.deadline = Some(match t.deadline() {
            [one] => Cow::Borrowed(one.slice(src)),
            many => Cow::Owned(many.iter().map(|s| s.slice(src)).collect()),
        });
    }
    // The plan's own convention: the first unit of a responsible list leads,
    // in the task that states it and in those that follow.
    let end = t.units.last().map_or(t.marker_span.end, |p| p.span.end);
    let applied = convention.is_some_and(|c| end >= c.start) && acc.lead.is_empty() && !acc.responsible.is_empty();
    if applied {
        let first = acc.responsible.remove(0);
        acc.lead.push(first);
    }
    acc.settle();
    let text = join_text(src, &t.text);
    let span = t.text.iter().fold(t.marker_span, |a, s| if s.is_empty() { a } else { a.cover(*s) });
    if pieces.is_empty() && t.leaders().is_empty() {
        diags.push(Diagnostic::new(
            Code::MissingUnits,
            Severity::Info,
            t.marker_span.cover(Span::new(t.marker_span.start, t.text.first().map_or(t.marker_span.end, |s| s.start))),
            "task names no units".to_string(),
        ));
    }
    let task = Task {
        number: t.number,
        marker: Cow::Borrowed(t.marker_span.slice(src)),
        text,
        span,
        lead: exact(acc.lead),
        supporting: exact(acc.supporting),
        responsible: exact(acc.responsible),
        leaders: exact(acc.leaders),
        deadline: acc.deadline,
        notes: exact(acc.notes),
        units_text,
        units_span,
        line: cx.index.line_of(span.start),
    };
    (task, applied)
}

/// What a cell became, for the column tracking of flattened tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placed {
    Nothing,
    Section,
    Task,
    Number,
    Units,
    Deadline,
}

/// Where the column tracking stands: the row being aligned (tab and pipe
/// rows) and the column the next cell of a flattened table falls in.
#[derive(Default)]
struct ColState {
    line: Option<usize>,
    offset: usize,
    next: usize,
    /// The line of the number that began the current row of a flattened table.
    number_line: Option<usize>,
    /// The header's task column (0 when it has none), and the column after
    /// its first units column past the task column (the one after the task
    /// when there is none): worked out once, not at every cell.
    task_col: usize,
    after_units: usize,
    /// Where a new row of a flattened table starts when a task follows: the
    /// header's first section column before the task column, else the task
    /// column (also worked out once: a wide header made it cost its width
    /// at every row).
    row_start: usize,
    /// The row heading found last (see `Outline::row_heading`): its line,
    /// the row's offset, the first cell searched and the heading, if any.
    heading: Option<(usize, usize, usize, Option<usize>)>,
}

impl ColState {
    fn set_columns(&mut self, columns: &[(&str, ColumnKind)]) {
        self.task_col = columns.iter().position(|c| c.1 == ColumnKind::Task).unwrap_or(0);
        self.after_units = columns
            .iter()
            .enumerate()
            .skip(self.task_col + 1)
            .find(|c| matches!(c.1.1, ColumnKind::Units(_)))
            .map_or(self.task_col + 1, |c| c.0 + 1);
        self.row_start =
            columns[..self.task_col].iter().position(|c| c.1 == ColumnKind::Section).unwrap_or(self.task_col);
    }

    fn placed(&mut self, columns: &[(&str, ColumnKind)], placed: Placed, col: Option<ColumnKind>) {
        let task_col = self.task_col;
        let guessed = col.is_some() && self.next < columns.len() && Some(columns[self.next].1) == col;
        self.next = match placed {
            Placed::Nothing => self.next,
            Placed::Section | Placed::Number => task_col,
            Placed::Task => task_col + 1,
            Placed::Units | Placed::Deadline if guessed => self.next + 1,
            Placed::Units => self.after_units,
            Placed::Deadline => self.next + 1,
        };
    }
}

/// A cell of digits alone (`1`, `12`): a task number in a table.
fn is_bare_number(s: &str) -> bool {
    // Four characters are at most twelve bytes of full-width digits.
    !s.is_empty() && s.len() <= 12 && s.chars().count() <= 4 && s.chars().all(|c| fold(c).is_ascii_digit())
}

/// Numbering checks for tasks: gaps and duplicates, restarts allowed at a new section.
#[derive(Default)]
struct Numbering {
    last: Option<(usize, u32)>,
    seen: HashSet<u32>,
}

impl Numbering {
    /// True when `n` is the number that comes next: one more than the last,
    /// or 1 when a new section restarts the numbering.
    fn expects(&self, section: Option<usize>, n: u64) -> bool {
        match self.last {
            Some((s, last)) => n == u64::from(last) + 1 || (n == 1 && Some(s) != section),
            None => n == 1,
        }
    }

    fn check(&mut self, o: &mut Outline<'_, '_>, section: usize, n: u32, span: Span) {
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

/// Where the plan states that the first unit of each list leads:
/// `（排在第一位的为牵头单位，下同）`, `第一责任单位为牵头单位`.
fn first_leads_statement(src: &str) -> Option<Span> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        // White space may stand between any two characters: a line wrapped
        // inside the sentence (`列第一位⏎者为牵头单位`).
        let groups: [&[&str]; 9] = [
            &["排在", "排名", "列在", "位列", "列", "排", ""],
            &["第一位", "第一个", "第一", "首位"],
            &["责任", ""],
            &["的", "者", ""],
            &["单位", "部门", ""],
            &["的", "者", ""],
            &["为", "是"],
            &["主要", ""],
            &["牵头"],
        ];
        let spaced = |w: &str| w.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(r"\s*");
        let mut pattern: Vec<String> = groups
            .iter()
            .map(|words| format!("(?:{})", words.iter().map(|w| spaced(w)).collect::<Vec<_>>().join("|")))
            .collect();
        pattern.push(r"(?:单位|部门)?".to_string());
        regex::Regex::new(&pattern.join(r"\s*")).expect("the pattern compiles")
    });
    re.find(src).map(|m| Span::new(m.start(), m.end()))
}

/// Bracketed groups inside a task's text whose content names units with a
/// role or a label: `（省编办牵头）`. Returns the spans inside the brackets.
fn inline_units(cx: &Cx<'_, '_>, span: Span) -> Vec<Span> {
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

/// True for a date line: `2019年3月23日`, `二〇一九年三月二十三日`.
fn is_date(c: &str) -> bool {
    let n = c.chars().count();
    (6..=16).contains(&n) && c.ends_with('日') && c.contains('年') && c.contains('月')
}

/// True for a line that names units and ends in a colon: `区司法局：`.
fn is_units_heading(s: &str) -> bool {
    let t = s.trim_end_matches(is_space);
    t.ends_with([':', '：']) && !starts_with_label(t)
}

/// True when `s` starts with a label and its colon (`牵头单位：`).
fn starts_with_label(s: &str) -> bool {
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

/// A list that holds no more room than its items need: a plan keeps
/// thousands of short lists.
fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// Sorts the segments, drops any that overlaps the one before it, and fills
/// the gaps between them (and to `len`) with trivia, in place: the
/// segments then tile the text.
fn tile(mut segs: Vec<Segment>, len: usize) -> Vec<Segment> {
    // Mostly pushed in text order already; a stable sort would take a
    // buffer as large as the list even then.
    if !segs.is_sorted_by_key(|s| s.span.start) {
        segs.sort_by_key(|s| s.span.start);
    }
    let (mut at, mut kept, mut gaps) = (0, 0, 0);
    for k in 0..segs.len() {
        let s = segs[k];
        if s.span.start >= at {
            gaps += usize::from(s.span.start > at);
            at = s.span.end;
            segs[kept] = s;
            kept += 1;
        }
    }
    let tail = at < len;
    let total = kept + gaps + usize::from(tail);
    segs.truncate(kept);
    // Exactly the room needed: `resize` alone could double the capacity.
    segs.reserve_exact(total - kept);
    let trivia = |start, end| Segment { kind: SegmentKind::Trivia, span: Span::new(start, end) };
    segs.resize(total, trivia(0, 0));
    // Fill from the back: the write position never falls below the item
    // read, so nothing is overwritten before it is moved.
    let mut w = total;
    if tail {
        w -= 1;
        segs[w] = trivia(at, len);
    }
    for r in (0..kept).rev() {
        let s = segs[r];
        let before = if r > 0 { segs[r - 1].span.end } else { 0 };
        w -= 1;
        segs[w] = s;
        if s.span.start > before {
            w -= 1;
            segs[w] = trivia(before, s.span.start);
        }
    }
    exact(segs)
}

/// Where a task's text ends before its units: spaces and a dangling comma
/// (`…巡河制度，由市河长办负责`) are left out.
fn trim_end(src: &str, start: usize, end: usize) -> usize {
    start + src[start..end].trim_end_matches(|c: char| is_space(c) || matches!(c, '，' | ',')).len()
}

/// Joins a task's text pieces: lines wrapped inside Chinese text join
/// without a space.
fn join_text<'s>(src: &'s str, pieces: &[Span]) -> Cow<'s, str> {
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

/// A heading's title is its first sentence; the rest is its text.
fn split_title(body: &str) -> (&str, &str) {
    match marks(body).find(|&(_, c)| matches!(c, '。' | ':')) {
        Some((i, _)) if i > 0 => {
            let after = i + body[i..].chars().next().map_or(0, char::len_utf8);
            (body[..i].trim_matches(is_space), body[after..].trim_matches(is_space))
        }
        _ => (body, ""),
    }
}

/// Words that end a plan's title (`…分工方案`, `…的通知`).
fn is_title_end(s: &str) -> bool {
    lexicon::TITLE_ENDS.iter().any(|w| s.ends_with(w))
}
