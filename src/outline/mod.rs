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
//!
//! # Where is what
//!
//! - the header row, the title, the preamble and the closing matter: [`front`];
//! - which marker shape is the task level, sections and numbering: [`levels`];
//! - the walk over the body, cell by cell: [`walk`];
//! - a task's text and the units that follow it: [`tasks`];
//! - which header column a table cell falls in: [`rows`]; what each header
//!   column holds (section, task, units, deadline: "what decides a task's
//!   units column") is decided for every table, read from a text or from a
//!   file, in one place, [`crate::read::classify`];
//! - reading each task's units, conventions, the sections put together and
//!   the segments tiled: [`settle`].

use std::borrow::Cow;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::{compact, compact_chars};
use crate::lexicon;
use crate::lines::{self, Cell};
use crate::marker::MarkerKind;
use crate::model::{Piece, Plan, Role, Segment, SegmentKind};
use crate::read::classify::{self, Col};
use crate::span::Span;
use crate::survey::{self, Kind, Survey, Trailing, is_title_like, split_trailing_units};
use crate::units::Cx;

mod front;
mod levels;
mod rows;
mod settle;
mod tasks;
mod walk;

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
    columns: Vec<(&'c str, Col)>,
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

/// Parses the whole text into a plan: its lines cut into cells (tab rows,
/// pipe rows, prose lines; see [`lines::cells`]), then read by [`read`].
pub(crate) fn build<'c>(cx: &Cx<'c, '_>) -> Plan<'c> {
    let mut shape = lines::Shape::default();
    let cells = lines::cells(cx.src, cx.index, &mut shape, cx.opts.threads_for(cx.src.len()));
    read(cx, cells, shape)
}

/// Reads the cells of a document into a plan: each cell a paragraph's line
/// or a table row's cell (`cols` of them on its line), in the order of the
/// text, with spans into `cx.src`. The cells come from the lines of a text
/// ([`build`]) or straight from the blocks a reader made
/// ([`crate::read::flatten`]).
pub(crate) fn read<'c>(cx: &Cx<'c, '_>, mut cells: Vec<Cell>, mut shape: lines::Shape) -> Plan<'c> {
    let src = cx.src;
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

/// A list that holds no more room than its items need: a plan keeps
/// thousands of short lists.
fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
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

        // An issuing notice that numbers its own paragraphs is front matter:
        // the plan starts after it.
        let notice_end = first_marker.and_then(|m| self.after_notice(m));
        let first_marker = notice_end.or(first_marker);
        let mut body = first_marker.unwrap_or(n);
        // The header row stands before the first task; headings may come
        // before it (`一、…` over each table of a plan).
        let first_task = (notice_end.unwrap_or(0)..n)
            .find(|&i| matches!(&self.kinds[i], Kind::Marker(m) if !m.weak && m.kind >= MarkerKind::Arabic));
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
            // What each column holds is decided where a document's tables'
            // columns are: from the names, by the same rules.
            let mut names: Vec<usize> = (hs..he).collect();
            let mut kinds: Vec<_> = names.iter().map(|&i| lexicon::column_kind(&compact(self.text(i)))).collect();
            // A header of two rows, one cell a line: the second row's names
            // go under the first row's units name.
            if self.cells[hs].cols < 2 {
                if let Some(order) = classify::second_row_under_units(&kinds) {
                    names = order.iter().map(|&k| names[k]).collect();
                    kinds = order.iter().map(|&k| kinds[k]).collect();
                }
            }
            let cols = classify::by_names(&kinds);
            self.columns = names.iter().map(|&i| self.text(i)).zip(cols).collect();
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
}
