//! Settling: each task's units read, conventions applied, sections and
//! tasks put together, and the segments made to tile the text.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::is_space;
use crate::model::{Layout, Piece, Plan, Section, Segment, SegmentKind, Task};
use crate::span::Span;
use crate::survey::{Kind, convention_clause};
use crate::units::{self, Acc, Cx};

use super::front::first_leads_statement;
use super::tasks::join_text;
use super::{Outline, TaskB, UnitsPiece, exact};

/// Which units pieces each task reads quietly, and whether each piece ends
/// in a stop. A group's units are reported once, however many tasks share
/// them: by the first task that reads them; the others read them quietly.
/// Task `t`'s flags are `quiet[quiet_at[t]..quiet_at[t + 1]]`.
fn quiet_and_stops(src: &str, tasks: &[TaskB]) -> (Vec<bool>, Vec<usize>, Vec<(Span, bool)>) {
    let mut quiet_at = Vec::with_capacity(tasks.len() + 1);
    let mut quiet = Vec::new();
    let mut group_seen: HashSet<Span> = HashSet::new();
    let mut stops: Vec<(Span, bool)> = Vec::new();
    for t in tasks {
        quiet_at.push(quiet.len());
        if t.units.is_empty() {
            quiet.extend(t.pieces().iter().map(|p| !group_seen.insert(p.span)));
        }
        stops.extend(t.pieces().iter().map(|p| (p.span, units::ends_with_stop(p.span.slice(src)))));
    }
    quiet_at.push(quiet.len());
    (quiet, quiet_at, stops)
}

/// The tasks of each section, in plan order: the tasks of section `s` are
/// `order[starts[s]..starts[s + 1]]`, so that each section gets room for
/// exactly its tasks, and each task takes its place as it is settled.
fn section_order(tasks: &[TaskB], sections: usize) -> (Vec<usize>, Vec<usize>) {
    let mut starts = vec![0usize; sections + 1];
    for t in tasks {
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
    (starts, order)
}

/// Sections into a tree. Children come after their parents: attach from the
/// last one backwards, then put each list of children back in plan order.
fn section_tree<'c>(mut secs: Vec<Section<'c>>, parents: &[Option<usize>]) -> Vec<Section<'c>> {
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
        let Some(mut s) = slots[k].take() else { continue };
        s.sections.reverse();
        match parents[k].and_then(|p| slots.get_mut(p)).and_then(Option::as_mut) {
            Some(parent) => parent.sections.push(s),
            None => roots.push(s),
        }
    }
    roots.reverse();
    roots
}

/// What the tasks of some sections yielded beside the tasks: the
/// diagnostics of each task that has some (by task index), and how many
/// tasks the plan's convention was applied to.
#[derive(Default)]
pub(super) struct Found {
    diags: Vec<(usize, Vec<Diagnostic>)>,
    applied: usize,
}

/// Everything settling a task needs besides the task: see `Outline::finish`.
pub(super) struct Settle<'t> {
    tasks: &'t [TaskB],
    /// Task indices ordered by section, the tasks of section `s` at
    /// `order[starts[s]..starts[s + 1]]`.
    order: &'t [usize],
    starts: &'t [usize],
    /// Whether each group piece is read without reporting, task `t`'s at
    /// `quiet[quiet_at[t]..quiet_at[t + 1]]`.
    quiet: &'t [bool],
    quiet_at: &'t [usize],
    /// The plan's convention (`排在第一位的为牵头单位`) and where it starts
    /// to govern: its own place, or the start of the plan when it stands
    /// after every task's units (a note under a table:
    /// `注：主要责任单位第一个为牵头单位`).
    convention: Option<(Span, usize)>,
}

impl Settle<'_> {
    /// Settles every section's tasks, a share of the sections at a time on
    /// several threads for a large plan; the diagnostics go back in plan
    /// order.
    fn all<'c>(&self, cx: &Cx<'c, '_>, secs: &mut [Section<'c>]) -> Found {
        let threads = cx.opts.threads_for(cx.src.len());
        if threads <= 1 {
            return self.sections(cx, 0, secs);
        }
        let (src, opts, index) = (cx.src, cx.opts, cx.index);
        let shares = self.shares(secs.len(), threads);
        let mut rest: &mut [Section<'c>] = secs;
        let mut taken = 0;
        std::thread::scope(|scope| {
            let mut handles = Vec::new();
            for &end in &shares {
                let (share, tail) = std::mem::take(&mut rest).split_at_mut(end - taken);
                rest = tail;
                let first = taken;
                taken = end;
                handles.push(scope.spawn(move || self.sections(&Cx::new(src, opts, index), first, share)));
            }
            let mut all = Found::default();
            for h in handles {
                let found = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                all.applied += found.applied;
                all.diags.extend(found.diags);
            }
            all
        })
    }

    /// Where to cut the sections into `n` shares of about as many tasks
    /// each: the end of each share.
    pub(super) fn shares(&self, sections: usize, n: usize) -> Vec<usize> {
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
    pub(super) fn sections<'c>(&self, cx: &Cx<'c, '_>, first: usize, sections: &mut [Section<'c>]) -> Found {
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
/// its text, and applies the plan's convention (`排在第一位的为牵头单位`,
/// its sentence and where it starts to govern) when the task's units end
/// past that place. Returns the task and whether the convention was
/// applied.
pub(super) fn settle_task<'c>(
    cx: &Cx<'c, '_>,
    t: &TaskB,
    quiet: &[bool],
    convention: Option<(Span, usize)>,
    diags: &mut Vec<Diagnostic>,
) -> (Task<'c>, bool) {
    let (convention, governs_from) = (convention.map(|c| c.0), convention.map_or(0, |c| c.1));
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
    // The convention's sentence, written inside a units bracket
    // (`（X、Y负责。列第一位者为牵头单位，下同）`), names no unit: the plan's
    // first statement, or one in this task's own units.
    let own = pieces
        .iter()
        .find_map(|p| convention_clause(p.span.slice(src)).map(|at| Span::new(p.span.start + at, p.span.end)));
    let stated = convention.filter(|c| units_span.is_some_and(|u| u.start < c.end && c.start < u.end)).or(own);
    if let Some(c) = stated {
        let apart = |u: &crate::model::Unit<'_>| u.span.end <= c.start || c.end <= u.span.start;
        acc.lead.retain(apart);
        acc.supporting.retain(apart);
        acc.responsible.retain(apart);
    }
    // The plan's own convention: the first unit of a responsible list leads,
    // in the task that states it and in those that follow.
    let end = t.units.last().map_or(t.marker_span.end, |p| p.span.end);
    let applied = convention.is_some() && end >= governs_from && acc.lead.is_empty() && !acc.responsible.is_empty();
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

/// Sorts the segments, drops any that overlaps the one before it, and fills
/// the gaps between them (and to `len`) with trivia, in place: the
/// segments then tile the text.
pub(super) fn tile(mut segs: Vec<Segment>, len: usize) -> Vec<Segment> {
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

impl<'a, 'c> Outline<'a, 'c> {
    pub(super) fn finish(mut self, header_span: Option<Span>) -> Plan<'c> {
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
        let (quiet, quiet_at, stops) = quiet_and_stops(self.src, &tasks);
        let (starts, order) = section_order(&tasks, self.sections.len());
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
        // A convention stated after every task's units (a note under the
        // table) governs the lists above it.
        let last_units = tasks.iter().filter_map(|t| t.units.last()).map(|p| p.span.end).max().unwrap_or(0);
        let governs = convention.map(|c| (c, if c.start >= last_units { 0 } else { c.start }));
        let settle = Settle {
            tasks: &tasks,
            order: &order,
            starts: &starts,
            quiet: &quiet,
            quiet_at: &quiet_at,
            convention: governs,
        };
        let mut found = settle.all(cx, &mut secs);
        found.diags.sort_by_key(|d| d.0);
        self.diags.extend(found.diags.into_iter().flat_map(|d| d.1));
        let applied = found.applied;
        self.check_stops(&stops);
        self.check_no_tasks(&secs, tasks.len());
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
        let roots = section_tree(secs, &parents);
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
            source: None,
        }
    }

    /// A notice, an empty file or a page of something else: no task, or
    /// none that names a unit (a notice's numbered paragraphs), gets a
    /// `no-tasks` warning.
    fn check_no_tasks(&mut self, secs: &[Section<'c>], tasks: usize) {
        let with_units = secs.iter().flat_map(|s| &s.tasks).filter(|t| t.units().next().is_some()).count();
        if with_units > 0 {
            return;
        }
        let message = if tasks == 0 {
            "no tasks found: the text reads as a notice, an empty file or another kind of page, not a plan \
             of tasks and the units responsible for them"
                .to_string()
        } else {
            let items = match tasks {
                1 => "its one item names no responsible unit".to_string(),
                n => format!("none of its {n} items names a responsible unit"),
            };
            format!("no tasks found: {items}, so the text reads as a notice or a work plan that divides no tasks")
        };
        self.diags.push(Diagnostic::new(Code::NoTasks, Severity::Warning, Span::new(0, 0), message));
    }

    /// Where most units texts end in `。` or `；`, one that does not is reported.
    pub(super) fn check_stops(&mut self, stops: &[(Span, bool)]) {
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
    pub(super) fn layout(&mut self) -> Layout {
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
