//! A table flattened one cell per line, as `docx2txt` and LibreOffice's
//! "save as text" write a Word table: the header's cells one a line, then
//! each row's cells one a line in order; an empty cell is an empty line (or
//! a line of spaces), a cell of several paragraphs runs over several lines,
//! and a merged cell stands in its first row only, the later rows holding an
//! empty line in its place.
//!
//! Nothing in the text marks where a row starts: the rows are rebuilt from
//! what each line is. The header's names say what each column holds
//! (`crate::lexicon::column_kind`: a task, units, a deadline, a group), and
//! each line is read for what it looks like (a section marker `一、`, a task
//! number `1.`, a units list, a date, an empty cell). The rows are the best
//! alignment of the lines to the columns, row after row: each line either
//! starts the next cell or is one more paragraph of the cell before it, an
//! empty line is always a cell of its own, and a line across the whole
//! table (a section heading spanning every column) is a row of its own. The
//! best alignment is found by dynamic programming over the lines, in one
//! pass (a few states per column, a line at a time), and it also says where
//! the table ends. Where the header is unsure (a name over two columns, a
//! line before or after it that may or may not be a column name), the
//! readings are compared on the first rows and the best one is kept.
//!
//! A text is claimed only when a header names a units column and a task,
//! group or number column, and its table holds empty cells written as empty
//! lines inside its rows: without them the rows are plain lines, which the
//! line-based outline reads as it always has. A text of several such tables
//! is not claimed either: the document's tables would each be written
//! under a header of their own, and the outline reads every header but the
//! first as a row.

use super::{Block, Cell, Document, Piece, Table, Text};
use crate::fold::{self, fold, is_space};
use crate::lexicon::{self, ColumnKind};
use crate::marker::{self, MarkerKind};
use crate::model::Layout;
use crate::span::{LineIndex, Span};
use crate::units::{self, Stop};

/// Words one of which a units column's name holds: a text without any is
/// not looked at further.
pub(super) const UNIT_WORDS: [&str; 9] = ["单位", "部门", "科室", "处室", "分工", "责任", "牵头", "配合", "协办"];
/// Fewest columns of a table read.
const MIN_COLUMNS: usize = 3;
/// Most columns a header may name.
const MAX_COLUMNS: usize = 16;
/// Most headers a text may hold: past that it is no document of tables.
pub(super) const MAX_HEADS: usize = 64;
/// How many of the first lines a header is looked for in.
pub(super) const HEAD_ZONE_LINES: usize = 400;
/// Most characters of a header line (the lexicon reads no longer name).
const MAX_NAME_CHARS: usize = 12;
/// Most lines a header's run may hold.
const MAX_HEADER_LINES: usize = 2 * MAX_COLUMNS;
/// Most lines of a table's body read: past that the text is not claimed.
pub(super) const MAX_BODY_LINES: usize = 200_000;
/// Lines of the body the readings of a header are compared on.
pub(super) const TRIAL_LINES: usize = 300;
/// Most cells at either end of a header's run that a reading may leave out.
pub(super) const MAX_DROPPED: usize = 2;
/// Most cells of a header tried as a name over two columns.
const MAX_SPANS: usize = 2;
/// Characters of a line looked at to tell how long it is.
const LONG_CHARS: usize = 40;

/// A line of the input: its text, white space trimmed (empty for a blank
/// line).
#[derive(Clone, Copy, Debug)]
pub(super) struct Line {
    /// Its text, trimmed.
    pub(super) text: Span,
}

/// The lines of `src`, each with its trimmed text.
fn lines_of(src: &str, index: &LineIndex) -> Vec<Line> {
    index
        .lines(src)
        .map(|s| {
            let (a, b) = fold::trim(src, s.start, s.end);
            Line { text: Span::new(a, b) }
        })
        .collect()
}

/// The document of `src`, when it holds a table flattened one cell per
/// line with empty cells as empty lines (see the module); `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    // The header is looked for in the first lines only (a page's menus and
    // a notice stand before the table, the plan's rows after it): a long
    // text costs no more to turn down than a page.
    let b = src.as_bytes();
    let zone_end = memchr::memchr_iter(b'\n', b).nth(HEAD_ZONE_LINES).map_or(b.len(), |p| p + 1);
    let zone = &b[..zone_end];
    if memchr::memchr(b'\n', zone).is_none()
        || !UNIT_WORDS.iter().any(|w| memchr::memmem::find(zone, w.as_bytes()).is_some())
    {
        return None;
    }
    let index = LineIndex::new(src);
    let lines = lines_of(src, &index);
    let heads = headers(src, &lines[..lines.len().min(HEAD_ZONE_LINES + 1)]);
    if heads.is_empty() || heads.len() > MAX_HEADS {
        return None;
    }
    let opts = crate::Options::default();
    let cx = units::Cx::new(src, &opts, &index);
    let found = one_table(&heads, lines.len(), |head, limit| table(&cx, &lines, head, limit))?;
    let mut blocks = Vec::new();
    paras(src, &lines, 0, found.first, &mut blocks);
    blocks.push(Block::Table(found.table));
    paras(src, &lines, found.end, lines.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::CellPerLine })
}

/// Lines `from..to` as paragraph blocks, one a line; a line holding tabs or
/// pipes one a field (the flat text the outline reads keeps neither, and a
/// name must not run over one).
fn paras(src: &str, lines: &[Line], from: usize, to: usize, out: &mut Vec<Block>) {
    for line in lines.get(from..to).unwrap_or_default() {
        out.extend(fields(src, line.text).map(|f| Block::Para(Text::of(f))));
    }
}

/// The fields of the text at `span`, apart by tabs and pipes, each trimmed;
/// empty ones left out.
pub(super) fn fields(src: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let text = span.slice(src);
    let cuts = memchr::memchr2_iter(b'\t', b'|', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    cuts.filter_map(move |cut| {
        let (a, b) = fold::trim(src, span.start + start, span.start + cut);
        start = cut + 1;
        (a < b).then(|| Span::new(a, b))
    })
}

// ---------------------------------------------------------------------------
// The header
// ---------------------------------------------------------------------------

/// A cell of a header: its lines (a name may be written over two, `负责` /
/// `部门`) and the kind of column it names.
#[derive(Clone, Debug)]
pub(super) struct HeadCell {
    /// Its first line and one past its last.
    pub(super) first: usize,
    pub(super) end: usize,
    /// The kind of column it names, when the lexicon knows the name.
    kind: Option<ColumnKind>,
}

/// A run of lines that may be a header: its cells in order.
#[derive(Clone, Debug)]
pub(super) struct Head {
    /// The first line of the run.
    pub(super) first: usize,
    /// Its cells in order.
    pub(super) cells: Vec<HeadCell>,
}

/// The column kind a header text names.
fn name_kind(text: &str) -> Option<ColumnKind> {
    lexicon::column_kind(&fold::compact(text))
}

/// True when line `line` may be a header cell: a short name, ideographs
/// with at most a slash, a `、` or brackets between them (`配合/责任单位`,
/// `责任单位（部门）`), and no marker.
fn header_like(src: &str, line: &Line) -> bool {
    let text = line.text.slice(src);
    !text.is_empty()
        && text.len() <= 4 * 3 * MAX_NAME_CHARS
        && fold::compact_chars(text).count() <= MAX_NAME_CHARS
        && fold::compact_chars(text).all(|c| marker::is_cjk(c) || matches!(c, '/' | '、' | '(' | ')'))
        && marker::recognise(text).is_none()
}

/// The runs of header-like lines that name a units column and a task,
/// group or number column.
pub(super) fn headers(src: &str, lines: &[Line]) -> Vec<Head> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !header_like(src, &lines[i]) {
            i += 1;
            continue;
        }
        let first = i;
        while i < lines.len() && header_like(src, &lines[i]) {
            i += 1;
        }
        if i - first > MAX_HEADER_LINES {
            continue;
        }
        let mut cells = head_cells(src, lines, first, i);
        // Of the lines naming nothing before the first name, the last few
        // may be unknown column names; the others are text before the table.
        let unnamed = cells.iter().take_while(|c| c.kind.is_none()).count();
        cells.drain(..unnamed.saturating_sub(MAX_DROPPED));
        let names = |k: &dyn Fn(&ColumnKind) -> bool| cells.iter().filter_map(|c| c.kind).any(|c| k(&c));
        if cells.len() >= 2
            && names(&|k| matches!(k, ColumnKind::Units(_)))
            && names(&|k| matches!(k, ColumnKind::Task | ColumnKind::Section | ColumnKind::Number))
        {
            out.push(Head { first: cells[0].first, cells });
        }
    }
    out
}

/// The cells of header lines `first..end`: a short line naming nothing
/// joins the short line after it when the two together name a column (a
/// name broken over two lines in a narrow column: `负责` + `部门`).
fn head_cells(src: &str, lines: &[Line], first: usize, end: usize) -> Vec<HeadCell> {
    let mut cells = Vec::new();
    let mut i = first;
    while i < end {
        let text = lines[i].text.slice(src);
        let kind = name_kind(text);
        let short = |l: &Line| l.text.slice(src).chars().count() <= 3;
        if kind.is_none() && i + 1 < end && short(&lines[i]) && short(&lines[i + 1]) {
            let joined = format!("{text}{}", lines[i + 1].text.slice(src));
            if let Some(k) = name_kind(&joined) {
                cells.push(HeadCell { first: i, end: i + 2, kind: Some(k) });
                i += 2;
                continue;
            }
        }
        cells.push(HeadCell { first: i, end: i + 1, kind });
        i += 1;
    }
    cells
}

/// One reading of a header: which of its run's cells it keeps, and which
/// cell, if any, spans two columns (a name over a group and a task).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Reading {
    /// Cells left out at the start (lines before the table) and at the end
    /// (cells of the first row).
    drop_first: usize,
    drop_last: usize,
    /// The kept cell (by its place among the kept) that spans two columns.
    span: Option<usize>,
}

impl Reading {
    /// The kept cells.
    pub(super) fn cells<'h>(&self, head: &'h Head) -> &'h [HeadCell] {
        &head.cells[self.drop_first..head.cells.len() - self.drop_last]
    }

    /// The kind of each column, spans laid out: the first column of a name
    /// over two holds groups.
    pub(super) fn kinds(&self, head: &Head) -> Vec<Kind> {
        let mut kinds = Vec::new();
        for (k, cell) in self.cells(head).iter().enumerate() {
            if self.span == Some(k) {
                kinds.push(Kind::Group);
            }
            kinds.push(Kind::of(cell.kind));
        }
        kinds
    }

    /// True when the kept cells still name a units column and a task,
    /// group or number column, in three columns or more (fewer would not
    /// tell rows apart).
    fn valid(&self, head: &Head) -> bool {
        let kinds = self.kinds(head);
        kinds.len() >= MIN_COLUMNS
            && kinds.len() <= MAX_COLUMNS
            && kinds.contains(&Kind::Units)
            && kinds.iter().any(|k| matches!(k, Kind::Task | Kind::Group | Kind::Number))
    }

    /// Points off a reading that departs from the header as written.
    pub(super) fn cost(&self) -> i64 {
        2 * (self.drop_first + self.drop_last + usize::from(self.span.is_some())) as i64
    }
}

/// Every reading of `head` worth comparing.
pub(super) fn readings(head: &Head) -> Vec<Reading> {
    let n = head.cells.len();
    let mut out = Vec::new();
    // Cells before the first the lexicon knows may be lines before the
    // table; a known name is never left out at the start.
    let unnamed = head.cells.iter().take_while(|c| c.kind.is_none()).count();
    for drop_first in 0..=MAX_DROPPED.min(unnamed) {
        for drop_last in 0..=MAX_DROPPED.min(n - drop_first) {
            // A units or task name is never the first row's text: a cell of
            // that row reads as a unit's name or a task, not as a column's.
            let names_work = |c: &HeadCell| matches!(c.kind, Some(ColumnKind::Units(_) | ColumnKind::Task));
            if head.cells[n - drop_last..].iter().any(names_work) {
                continue;
            }
            let base = Reading { drop_first, drop_last, span: None };
            let kept = base.cells(head);
            let spans = kept
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.kind, Some(ColumnKind::Task | ColumnKind::Section)))
                .map(|(k, _)| Some(k))
                .take(MAX_SPANS);
            for span in std::iter::once(None).chain(spans) {
                let r = Reading { span, ..base };
                if r.valid(head) {
                    out.push(r);
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// What each line looks like, and how well it fits each column
// ---------------------------------------------------------------------------

/// What a column holds, for fitting lines to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A task's number (`序号`).
    Number,
    /// Groups of tasks: section headings.
    Group,
    /// The task's text.
    Task,
    /// Units, whatever their role.
    Units,
    /// A deadline or a schedule.
    Deadline,
    /// People responsible.
    Leaders,
    /// Other content the lexicon names (`备注`).
    Other,
    /// A column whose name the lexicon does not know.
    Unknown,
}

impl Kind {
    /// The kind of a column the header names as `kind`.
    fn of(kind: Option<ColumnKind>) -> Kind {
        match kind {
            Some(ColumnKind::Number) => Kind::Number,
            Some(ColumnKind::Section) => Kind::Group,
            Some(ColumnKind::Task) => Kind::Task,
            Some(ColumnKind::Units(_)) => Kind::Units,
            Some(ColumnKind::Deadline) => Kind::Deadline,
            Some(ColumnKind::Leaders) => Kind::Leaders,
            Some(ColumnKind::Other) => Kind::Other,
            None => Kind::Unknown,
        }
    }
}

/// The marker a line starts with, coarsely.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Mark {
    /// No marker.
    #[default]
    None,
    /// `一、`, `（一）`, `第一部分`: a group.
    Section,
    /// `1.`, `（1）`, `①` with text after it: a task.
    Item,
    /// A number alone (`1`, `1.`): a number cell.
    Number,
    /// A list item's bullet (`*`, `•`): a page's menus, no cell.
    Bullet,
}

/// True when `text` starts with a bullet and a space (or is one).
fn is_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| matches!(c, '*' | '•' | '◦' | '▪' | '●' | '○' | '·' | '-' | '‧'))
        && chars.next().is_none_or(is_space)
}

/// What a line looks like.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Feat {
    /// An empty line (or one of white space only).
    pub(super) blank: bool,
    /// The marker it starts with.
    mark: Mark,
    /// The marker's own kind, for [`Mark::Section`] and [`Mark::Item`].
    marker: Option<MarkerKind>,
    /// Reads as units (`市财政局牵头，市税务局配合`, `知识产权处`).
    units: bool,
    /// Units, one name with no separator in it.
    single: bool,
    /// Units ending in a separator (`区财金局、纪工委、`): the cell goes on.
    open: bool,
    /// A date or a time (`2021年12月底`, `第二季度`, `长期`).
    date: bool,
    /// A person's name (two to four ideographs, no unit suffix).
    person: bool,
    /// A sentence: long, or ending in `。`.
    long: bool,
}

/// Words of a date or a schedule.
const DATE_WORDS: [&str; 12] =
    ["年", "月", "季度", "长期", "持续", "常态", "全年", "每年", "每月", "每季", "年底", "日前"];

/// True when `text` (of `chars` characters, counted up to [`LONG_CHARS`]
/// and one) is a date or a schedule: a short text with a date word, or a
/// text that starts with one (`第二季度：…`, `2021年底前…`).
fn is_date(text: &str, chars: usize) -> bool {
    let head: String = text.chars().take(6).collect();
    let lead = head.starts_with('第') || head.starts_with(|c: char| fold(c).is_ascii_digit());
    DATE_WORDS.iter().any(|w| if chars <= LONG_CHARS / 2 { text.contains(w) } else { lead && head.contains(w) })
}

/// What line `line` looks like.
pub(super) fn feat(cx: &units::Cx<'_, '_>, line: &Line) -> Feat {
    let text = line.text.slice(cx.src);
    if text.is_empty() {
        return Feat { blank: true, ..Feat::default() };
    }
    let chars = text.chars().take(LONG_CHARS + 1).count();
    let digits = text.chars().all(|c| fold(c).is_ascii_digit());
    let found = marker::recognise(text);
    let mark = match &found {
        _ if is_bullet(text) => Mark::Bullet,
        _ if digits && chars <= 4 => Mark::Number,
        Some(m) if m.body >= text.len() => Mark::Number,
        Some(m) if m.kind <= MarkerKind::ParenChinese => Mark::Section,
        Some(_) => Mark::Item,
        None => Mark::None,
    };
    let marker = found.map(|m| m.kind).filter(|_| matches!(mark, Mark::Section | Mark::Item));
    let units = mark == Mark::None && !digits && units::probe(cx, line.text, Some(Stop::OnRole)).is_units();
    let separator = |c: char| matches!(fold(c), '、' | ',' | ';' | '，' | '；');
    let last = text.chars().next_back().map(fold);
    let long = chars > LONG_CHARS || last == Some('。');
    let person = !units
        && mark == Mark::None
        && (2..=4).contains(&chars)
        && text.chars().all(marker::is_cjk)
        && !lexicon::has_unit_suffix(text);
    Feat {
        blank: false,
        mark,
        marker,
        units,
        single: units && !text.chars().any(separator),
        open: units && last.is_some_and(separator),
        date: !units && is_date(text, chars),
        person,
        long,
    }
}

/// Points for line `f` starting a cell of a column of `kind`.
pub(super) fn start_points(kind: Kind, f: &Feat) -> i32 {
    if kind == Kind::Unknown {
        return start_points(Kind::Group, f).max(start_points(Kind::Other, f));
    }
    if f.blank {
        return if matches!(kind, Kind::Task | Kind::Number) { -2 } else { -1 };
    }
    let plain = if f.long { 0 } else { 2 };
    match (kind, f.mark) {
        (_, Mark::Bullet) => -6,
        (Kind::Number, Mark::Number) => 6,
        (Kind::Number, _) => -4,
        (Kind::Group, Mark::Section) => 6,
        (Kind::Group, Mark::Item | Mark::Number) => -6,
        (Kind::Task, Mark::Item) => 6,
        (Kind::Task, Mark::Section) => -2,
        (Kind::Task, Mark::Number) => -6,
        (Kind::Units, Mark::Item) => -8,
        (Kind::Units, Mark::Section | Mark::Number) => -6,
        (Kind::Deadline | Kind::Leaders | Kind::Other, Mark::Item | Mark::Section) => -5,
        (_, _) if f.units => match kind {
            Kind::Units => 6,
            Kind::Leaders => 0,
            Kind::Other => -2,
            _ => -5,
        },
        (Kind::Units, _) => -4,
        (Kind::Deadline, Mark::Number) => -2,
        (Kind::Deadline, _) if f.date => 6,
        (Kind::Deadline, _) => -1,
        (Kind::Leaders, _) if f.person => 4,
        (Kind::Leaders, _) => -2,
        (Kind::Other | Kind::Unknown, Mark::Number) => -4,
        (Kind::Other | Kind::Unknown, _) => 0,
        (Kind::Group | Kind::Task, _) if f.date && !f.long => -2,
        (Kind::Group | Kind::Task, _) => plain,
    }
}

/// Points for line `f` being one more paragraph of a cell of a column of
/// `kind` whose last paragraph is `prev`.
pub(super) fn more_points(kind: Kind, f: &Feat, prev: &Feat) -> i32 {
    match kind {
        Kind::Unknown => more_points(Kind::Group, f, prev).max(more_points(Kind::Other, f, prev)),
        Kind::Number => -8,
        _ if f.mark == Mark::Bullet => -6,
        Kind::Units if f.units && prev.open => 4,
        Kind::Units if f.units && f.single && prev.single => 2,
        Kind::Units if f.units => -1,
        Kind::Units => -6,
        _ if f.mark == Mark::Number => -6,
        // A task number starts a cell rather than goes on one.
        _ if f.mark == Mark::Item => -5,
        _ if f.mark != Mark::None => -3,
        Kind::Deadline if f.date => 1,
        Kind::Leaders if f.person => 1,
        _ if f.units => -5,
        _ => -1,
    }
}

/// Points for a section heading (`一、`) being a row of its own across the
/// table: fewer than for a group cell, which a heading is where the table
/// has a column for it.
const ACROSS_POINTS: i32 = 4;

// ---------------------------------------------------------------------------
// The alignment
// ---------------------------------------------------------------------------

/// Points lost by a row that starts past its first columns (groups merged
/// down, written in their first row only).
const SKIP_POINTS: i32 = -3;
/// No path.
const NONE: i64 = i64::MIN / 4;
/// Points of a blank line between rows, in no cell.
const BLANKS_POINTS: i32 = -1;

/// Where the alignment stands after a line: in cell `c` (its text blank or
/// not), in a row across the table, in blank lines between rows (a row of
/// empty cells, of any length), past the table, or before any line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// In the cell of column `.0`, whose text is blank when `.1`.
    Cell(usize, bool),
    /// In a row across the table.
    Across,
    /// In blank lines between rows.
    Blanks,
    /// Past the table.
    Out,
    /// Before the first line.
    Start,
}

/// The states of a table of `m` columns, as indices.
struct States {
    /// The table's columns.
    m: usize,
}

impl States {
    /// How many states there are.
    fn count(&self) -> usize {
        2 * self.m + 4
    }

    /// The index of state `s`.
    fn index(&self, s: State) -> usize {
        match s {
            State::Cell(c, blank) => 2 * c + usize::from(blank),
            State::Across => 2 * self.m,
            State::Blanks => 2 * self.m + 1,
            State::Out => 2 * self.m + 2,
            State::Start => 2 * self.m + 3,
        }
    }

    /// The state of index `i`.
    fn state(&self, i: usize) -> State {
        match i.checked_sub(2 * self.m) {
            None => State::Cell(i / 2, i % 2 == 1),
            Some(0) => State::Across,
            Some(1) => State::Blanks,
            Some(2) => State::Out,
            Some(_) => State::Start,
        }
    }

    /// True where a row has just ended (or none has begun).
    fn at_row_end(&self, s: State) -> bool {
        match s {
            State::Cell(c, _) => c + 1 == self.m,
            State::Across | State::Blanks | State::Start => true,
            State::Out => false,
        }
    }
}

/// The best alignment of some lines to a table's columns: its points, and
/// the state after each line.
struct Alignment {
    /// The alignment's points: the higher, the better the lines fit.
    points: i64,
    /// The state after each line.
    states: Vec<State>,
}

/// Aligns lines `feats` to columns `kinds` (see the module).
fn align(kinds: &[Kind], feats: &[Feat]) -> Alignment {
    let st = States { m: kinds.len() };
    let n = st.count();
    // How many leading group columns a row may lack (a merged cell that
    // left no line in the rows below it), leaving two columns to fill.
    let skip = kinds
        .iter()
        .take_while(|k| matches!(k, Kind::Group | Kind::Unknown))
        .count()
        .min(kinds.len().saturating_sub(2));
    let out = st.index(State::Out);
    let mut best = vec![NONE; n];
    best[st.index(State::Start)] = 0;
    let mut back: Vec<u8> = Vec::with_capacity(feats.len().saturating_mul(n));
    let mut next = vec![NONE; n];
    let mut from = vec![0u8; n];
    for (i, f) in feats.iter().enumerate() {
        next.fill(NONE);
        let mut step = Step { st: &st, next: &mut next, from: &mut from };
        // Out first: of equal paths, the table that ends sooner.
        for p in std::iter::once(out).chain((0..n).filter(|&p| p != out)) {
            if best[p] > NONE {
                let prev = if i > 0 { feats.get(i - 1) } else { None };
                step.moves_from(p, best[p], kinds, skip, f, prev);
            }
        }
        std::mem::swap(&mut best, &mut next);
        back.extend_from_slice(&from);
    }
    finish(&st, &best, &back, feats.len())
}

/// One line's moves of the alignment: the best points of each state after
/// it, and the state each came from.
struct Step<'a> {
    /// The states of the table.
    st: &'a States,
    /// The best points of each state after the line.
    next: &'a mut [i64],
    /// The state before the line that each best path came from.
    from: &'a mut [u8],
}

impl Step<'_> {
    /// Keeps the move to `to` from state `p` when it beats the best so far.
    fn relax(&mut self, to: State, points: i64, p: usize) {
        let t = self.st.index(to);
        if points > self.next[t] {
            self.next[t] = points;
            // At most 2 * MAX_COLUMNS + 4 states: an index fits a byte.
            self.from[t] = p as u8;
        }
    }

    /// Every move from state `p` (with `base` points) on line `f`, the line
    /// before being `prev`.
    fn moves_from(&mut self, p: usize, base: i64, kinds: &[Kind], skip: usize, f: &Feat, prev: Option<&Feat>) {
        let s = self.st.state(p);
        if s == State::Out {
            self.relax(State::Out, base, p);
            return;
        }
        if self.st.at_row_end(s) {
            self.relax(State::Out, base, p);
            if f.blank {
                self.relax(State::Blanks, base + i64::from(BLANKS_POINTS), p);
            } else if f.mark == Mark::Section {
                self.relax(State::Across, base + i64::from(ACROSS_POINTS), p);
            }
            for (k, kind) in kinds.iter().enumerate().take(skip + 1) {
                let points = start_points(*kind, f) + if k > 0 { SKIP_POINTS } else { 0 };
                self.relax(State::Cell(k, f.blank), base + i64::from(points), p);
            }
        }
        if let State::Cell(c, blank) = s {
            if let Some(kind) = kinds.get(c + 1) {
                self.relax(State::Cell(c + 1, f.blank), base + i64::from(start_points(*kind, f)), p);
            }
            if let Some(prev) = prev.filter(|_| !blank && !f.blank) {
                self.relax(State::Cell(c, false), base + i64::from(more_points(kinds[c], f, prev)), p);
            }
        }
    }
}

/// The best path's end and its states, traced back.
fn finish(st: &States, best: &[i64], back: &[u8], len: usize) -> Alignment {
    let n = st.count();
    let ends = std::iter::once(st.index(State::Out)).chain((0..n).filter(|&p| st.at_row_end(st.state(p))));
    let mut end = st.index(State::Out);
    for p in ends {
        if best[p] > best[end] {
            end = p;
        }
    }
    let points = best[end];
    let mut states = vec![State::Out; len];
    let mut at = end;
    for i in (0..len).rev() {
        states[i] = st.state(at);
        at = usize::from(back[i * n + at]);
    }
    Alignment { points, states }
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

/// A table found: its lines `first..end` and the table.
pub(super) struct Found {
    /// The table's first line (its header's) and one past its last row.
    pub(super) first: usize,
    pub(super) end: usize,
    /// The table, its header first.
    pub(super) table: Table,
}

/// The one table under `heads` (each tried as `table(head, limit)`, its
/// body no further than the next header or line `lines`), or `None` when
/// none is or several are: each would be written under a header of its
/// own, which the outline reads as one more row.
pub(super) fn one_table(
    heads: &[Head],
    lines: usize,
    mut table: impl FnMut(&Head, usize) -> Option<Found>,
) -> Option<Found> {
    let mut found: Option<Found> = None;
    for (k, head) in heads.iter().enumerate() {
        if found.as_ref().is_some_and(|f| head.first < f.end) {
            continue;
        }
        let limit = heads.get(k + 1).map_or(lines, |h| h.first);
        if let Some(t) = table(head, limit) {
            if found.is_some() {
                return None;
            }
            found = Some(t);
        }
    }
    found
}

/// The table under `head`, its body no further than line `limit`, when its
/// rows fit its columns and hold empty cells as empty lines.
fn table(cx: &units::Cx<'_, '_>, lines: &[Line], head: &Head, limit: usize) -> Option<Found> {
    let run_end = head.cells.last()?.end;
    // The lines that may be body: from the first cell a reading may leave out.
    let body_from = head.cells[head.cells.len().saturating_sub(MAX_DROPPED)..].first()?.first.min(run_end);
    if limit.saturating_sub(body_from) > MAX_BODY_LINES {
        return None;
    }
    // The lines' features for the trials first; the rest of the body's
    // only when a reading fits (a text that is no such table pays for the
    // first lines under each header, not for all of them).
    let limit = limit.max(body_from);
    let trial_end = run_end.saturating_add(TRIAL_LINES).clamp(body_from, limit);
    let mut feats: Vec<Feat> = lines[body_from..trial_end].iter().map(|l| feat(cx, l)).collect();
    let body_of = |r: &Reading| r.cells(head).last().map_or(run_end, |c| c.end) - body_from;
    // Each reading tried on the first lines; of those whose rows fit, the
    // best, the one closest to the header as written among equals.
    let trial = |r: &Reading, feats: &[Feat]| {
        let body = feats.get(body_of(r)..).unwrap_or_default();
        let body = &body[..body.len().min(TRIAL_LINES)];
        let kinds = r.kinds(head);
        let (points, rows) = cut(&kinds, body);
        fits(&rows, body, &kinds).then_some(points - r.cost())
    };
    let reading = readings(head)
        .into_iter()
        .filter_map(|r| Some((trial(&r, &feats)?, r)))
        .max_by_key(|(p, r)| (*p, std::cmp::Reverse(r.cost())))?
        .1;
    feats.extend(lines[trial_end..limit].iter().map(|l| feat(cx, l)));
    let kinds = reading.kinds(head);
    let body = &feats[body_of(&reading)..];
    let (_, rows) = cut(&kinds, body);
    if !fits(&rows, body, &kinds) {
        return None;
    }
    let from = body_from + body_of(&reading);
    let mut table = Table { rows: vec![header_row(cx.src, lines, head, &reading)] };
    for row in &rows {
        table.rows.push(row.cells(cx.src, lines, from, table.rows.len(), kinds.len()));
    }
    merge_down(&mut table, &kinds, cx.src);
    let end = from + rows.last().map_or(0, |r| r.end);
    Some(Found { first: reading.cells(head).first()?.first, end, table })
}

/// The rows of lines `feats` aligned to columns `kinds`, and the points of
/// the alignment. Rows after the last that holds a task or units are the
/// text after the table, which happened to fit: they are left out.
pub(super) fn cut(kinds: &[Kind], feats: &[Feat]) -> (i64, Vec<Row>) {
    let aligned = align(kinds, feats);
    let mut rows = rows(&aligned.states, kinds);
    while rows.last().is_some_and(|r| !r.anchored(feats, kinds)) {
        rows.pop();
    }
    (aligned.points, rows)
}

/// Marks the empty cells of the group columns left of the task as covered
/// by the last cell above them with text: a cell merged over rows is
/// written in its first row only, an empty line standing for it in the
/// others. A row across the table ends such spans. A units cell may as well
/// be empty (no lead named), so units are merged down only into a row with
/// a task and no units in any column: a task's units are never all left out
/// of a table, so its units cells are the ones merged over it from above.
pub(super) fn merge_down(table: &mut Table, kinds: &[Kind], src: &str) {
    // The tasks' column: the one named so, else the last group column (a
    // header of `工作任务` / `牵头单位` names no other).
    let tasks = kinds.iter().position(|k| *k == Kind::Task).or_else(|| kinds.iter().rposition(|k| *k == Kind::Group));
    if let Some(t) = tasks {
        merge_units_down(table, kinds, t, src);
    }
    let Some(task) = kinds.iter().position(|k| *k == Kind::Task) else { return };
    for c in (0..task).filter(|&c| matches!(kinds[c], Kind::Group | Kind::Other | Kind::Unknown)) {
        let mut above: Option<usize> = None;
        for r in 1..table.rows.len() {
            let row = &mut table.rows[r];
            let across = row.get(1).is_some_and(|cell| cell.from == Some((r, 0)));
            let Some(cell) = row.get_mut(c) else { continue };
            if across {
                above = None;
            } else if !cell.text.is_blank(src) {
                above = Some(r);
            } else if let Some(a) = above {
                cell.from = Some((a, c));
            }
        }
    }
}

/// See [`merge_down`]: a row with a task and no units takes the units cells
/// of the row above (of what they are covered by, when they are).
fn merge_units_down(table: &mut Table, kinds: &[Kind], task: usize, src: &str) {
    let units: Vec<usize> = (0..kinds.len()).filter(|&c| kinds[c] == Kind::Units).collect();
    if units.is_empty() {
        return;
    }
    for r in 2..table.rows.len() {
        let (done, rest) = table.rows.split_at_mut(r);
        let (above, row) = (&done[r - 1], &mut rest[0]);
        let filled = |row: &[Cell], c: usize| row.get(c).is_some_and(|x| x.from.is_some() || !x.text.is_blank(src));
        let has_task = row.get(task).is_some_and(|x| x.from.is_none() && !x.text.is_blank(src));
        if !has_task || units.iter().any(|&c| filled(row, c)) || !units.iter().any(|&c| filled(above, c)) {
            continue;
        }
        for &c in &units {
            let from = match above.get(c) {
                Some(x) if x.from.is_some() => x.from,
                Some(x) if !x.text.is_blank(src) => Some((r - 1, c)),
                _ => None,
            };
            if let (Some(cell), Some(from)) = (row.get_mut(c), from) {
                cell.from = Some(from);
            }
        }
    }
}

/// The header's row: each kept cell's lines as its paragraphs, the second
/// slot of a name over two columns covered by the first.
pub(super) fn header_row(src: &str, lines: &[Line], head: &Head, reading: &Reading) -> Vec<Cell> {
    let mut row = Vec::new();
    for (k, cell) in reading.cells(head).iter().enumerate() {
        let text = paragraphs(src, lines, cell.first..cell.end);
        row.push(Cell { text, from: None });
        if reading.span == Some(k) {
            let at = row.len() - 1;
            row.push(Cell { text: Text::default(), from: Some((0, at)) });
        }
    }
    row
}

/// Lines `range` as the paragraphs of one text, blank lines left out (a
/// line with tabs or pipes: a paragraph a field, as for [`paras`]).
fn paragraphs(src: &str, lines: &[Line], range: std::ops::Range<usize>) -> Text {
    Text { paras: lines[range].iter().flat_map(|l| fields(src, l.text)).map(|f| vec![Piece::Src(f)]).collect() }
}

/// A row of the body as the alignment cut it: lines relative to the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Row {
    /// True for a row across the table.
    pub(super) across: bool,
    /// For each column, the lines of its cell (empty for a cell the row lacks).
    pub(super) cells: Vec<std::ops::Range<usize>>,
    /// One past the row's last line.
    pub(super) end: usize,
}

impl Row {
    /// The row's cells on a grid of `width` columns, as row `r` of the table.
    fn cells(&self, src: &str, lines: &[Line], from: usize, r: usize, width: usize) -> Vec<Cell> {
        let text = |range: &std::ops::Range<usize>| paragraphs(src, lines, from + range.start..from + range.end);
        if self.across {
            let mut row = vec![Cell { text: text(&self.cells[0]), from: None }];
            row.extend((1..width).map(|_| Cell { text: Text::default(), from: Some((r, 0)) }));
            return row;
        }
        self.cells.iter().map(|range| Cell { text: text(range), from: None }).collect()
    }

    /// True when the row holds what only a row of the table holds: a task
    /// or a number where the columns say, or units in a units column.
    pub(super) fn anchored(&self, feats: &[Feat], kinds: &[Kind]) -> bool {
        !self.across
            && self.cells.iter().zip(kinds).any(|(c, k)| {
                let f = feats.get(c.start).filter(|_| !c.is_empty());
                f.is_some_and(|f| match k {
                    Kind::Task => f.mark == Mark::Item,
                    Kind::Number => f.mark == Mark::Number,
                    Kind::Units => f.units,
                    _ => false,
                })
            })
    }

    /// True when every cell of the row is empty.
    pub(super) fn is_blank(&self, feats: &[Feat]) -> bool {
        self.cells.iter().all(|c| feats[c.clone()].iter().all(|f| f.blank))
    }
}

/// The rows of an alignment's states.
fn rows(states: &[State], kinds: &[Kind]) -> Vec<Row> {
    let m = kinds.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut prev = State::Start;
    for (i, s) in states.iter().enumerate() {
        let new_row = match (*s, prev) {
            (State::Out, _) => break,
            (State::Across, _) => true,
            (State::Cell(c, _), State::Cell(p, _)) => c < p,
            (State::Cell(..), _) => true,
            _ => false,
        };
        if new_row {
            rows.push(Row { across: *s == State::Across, cells: vec![0..0; m], end: i });
        }
        if let (Some(row), State::Cell(..) | State::Across) = (rows.last_mut(), *s) {
            let c = if let State::Cell(c, _) = *s { c } else { 0 };
            let cell = &mut row.cells[c];
            if cell.start == cell.end {
                *cell = i..i + 1;
            } else {
                cell.end = i + 1;
            }
            row.end = i + 1;
        }
        prev = *s;
    }
    rows
}

/// Points of a line that does not belong where it stands: a marker or
/// units in a column of other content.
pub(super) const MISFIT: i32 = -4;
/// Fewest rows with text a table is claimed with.
pub(super) const MIN_ROWS: usize = 3;

/// True when the rows are a table of the shape read here: three rows or
/// more with text, empty cells written as empty lines inside a quarter of
/// them or more, most rows holding a task or units where their columns say,
/// every named column holding text somewhere, and each kind of marker
/// (`一、`, `1.`) starting the cells of one column (rows cut wrongly put
/// like cells in different columns).
fn fits(rows: &[Row], feats: &[Feat], kinds: &[Kind]) -> bool {
    let full: Vec<&Row> = rows.iter().filter(|r| !r.across && !r.is_blank(feats)).collect();
    if full.len() < MIN_ROWS {
        return false;
    }
    let first = |c: &std::ops::Range<usize>| feats.get(c.start).filter(|_| !c.is_empty()).copied();
    let blank_cell = |r: &Row| r.cells.iter().any(|c| c.len() == 1 && feats[c.start].blank);
    let empties = full.iter().filter(|r| blank_cell(r)).count() + rows.iter().filter(|r| r.is_blank(feats)).count();
    let good = |r: &Row| {
        r.anchored(feats, kinds)
            && r.cells.iter().zip(kinds).all(|(c, k)| {
                let cell = &feats[c.clone()];
                cell.iter().enumerate().all(|(i, f)| {
                    let points = if i == 0 { start_points(*k, f) } else { more_points(*k, f, &cell[i - 1]) };
                    points > MISFIT
                })
            })
    };
    let fitting = full.iter().filter(|r| good(r)).count();
    let named_filled = kinds
        .iter()
        .enumerate()
        .all(|(c, k)| *k == Kind::Other || full.iter().any(|r| first(&r.cells[c]).is_some_and(|f| !f.blank)));
    // Rows that lack their first cells: a merged cell that left no empty
    // line, the exception in this shape.
    let short = full.iter().filter(|r| r.cells.first().is_some_and(|c| c.is_empty())).count();
    short * 8 <= full.len()
        && empties * 4 >= full.len()
        && fitting * 4 >= full.len() * 3
        && named_filled
        && markers_agree(&full, feats)
}

/// True when each kind of marker starts cells of one column only, but for
/// one stray cell in ten (a list inside a cell of other content).
pub(super) fn markers_agree(rows: &[&Row], feats: &[Feat]) -> bool {
    let mut seen: Vec<(MarkerKind, usize, usize)> = Vec::new();
    for row in rows {
        for (c, cell) in row.cells.iter().enumerate() {
            let Some(kind) = feats.get(cell.start).filter(|_| !cell.is_empty()).and_then(|f| f.marker) else {
                continue;
            };
            match seen.iter_mut().find(|(k, col, _)| *k == kind && *col == c) {
                Some(entry) => entry.2 += 1,
                None => seen.push((kind, c, 1)),
            }
        }
    }
    seen.iter().all(|(kind, _, _)| {
        let counts = seen.iter().filter(|(k, _, _)| k == kind).map(|e| e.2);
        let (total, top) = counts.fold((0, 0), |(t, m), n| (t + n, m.max(n)));
        total - top <= (total / 10).max(1) && (total - top) * 2 < total
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TASKS: &str = include_str!("../../fixtures/read/cells/docx2txt-tasks.txt");
    const SPAN: &str = include_str!("../../fixtures/read/cells/lo-text-span.txt");
    const PROBLEMS: &str = include_str!("../../fixtures/read/cells/docx2txt-problems.txt");

    /// The rows of the first table of `src`, each cell's paragraphs joined
    /// by `/`, a covered slot as `^row,col`.
    fn rows_of(src: &str) -> Vec<Vec<String>> {
        let doc = read(src).expect("a table");
        let table = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Para(_) => None,
            })
            .expect("a table block");
        table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| match c.from {
                        Some((r, k)) => format!("^{r},{k}"),
                        None => c.text.joined(src, "/"),
                    })
                    .collect()
            })
            .collect()
    }

    /// The paragraphs of `src`'s document before its first table and after
    /// its last.
    fn around(src: &str) -> (Vec<String>, Vec<String>) {
        let doc = read(src).expect("a table");
        let first = doc.blocks.iter().position(|b| matches!(b, Block::Table(_))).expect("a table");
        let last = doc.blocks.iter().rposition(|b| matches!(b, Block::Table(_))).expect("a table");
        let text = |b: &Block| match b {
            Block::Para(t) => t.joined(src, "/"),
            Block::Table(_) => String::new(),
        };
        (doc.blocks[..first].iter().map(text).collect(), doc.blocks[last + 1..].iter().map(text).collect())
    }

    #[test]
    fn rows_are_rebuilt_from_cells_one_per_line() {
        let src = "分解表\n工作任务\n工作要求\n牵头单位\n配合单位\n一、加强公开\n1.做好公开。\n \n市直各单位\n\n\
                   2.做好解读。\n市财政局\n市税务局\n\n3.做好回应。\n \n市直各单位\n";
        assert_eq!(
            rows_of(src),
            [
                vec!["工作任务", "工作要求", "牵头单位", "配合单位"],
                vec!["一、加强公开", "1.做好公开。", "", "市直各单位"],
                vec!["^1,0", "2.做好解读。", "市财政局", "市税务局"],
                vec!["^1,0", "3.做好回应。", "", "市直各单位"],
            ]
        );
        assert_eq!(read(src).map(|d| d.layout), Some(Layout::CellPerLine));
    }

    #[test]
    fn a_cell_of_several_paragraphs_keeps_them_in_one_cell() {
        // A lead cell of two paragraphs (one unit each) between an empty
        // merged cell and the next column's units.
        let rows = rows_of(TASKS);
        assert_eq!(
            rows[2],
            ["^1,0", "2.规范政府信息公开申请办理，提升答复质量。", "县司法局/县政府办公室", "县直各单位"]
        );
        // A units cell broken after a trailing `、`, and a schedule of
        // three paragraphs.
        assert_eq!(rows_of(PROBLEMS)[2][2], "区财金局、经发局牵头，区环土局、/交建局、社会事业局");
        assert_eq!(rows_of(SPAN)[2][4], "第二季度：起草办法。/第四季度：印发实施。");
        let plan = crate::parse(TASKS);
        let task = plan.tasks().nth(1).expect("a second task").task;
        let lead: Vec<&str> = task.lead.iter().map(|u| u.span.slice(TASKS)).collect();
        assert_eq!(lead, ["县司法局", "县政府办公室"]);
    }

    #[test]
    fn a_merged_cell_covers_the_empty_lines_below_it() {
        let rows = rows_of(PROBLEMS);
        let first: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        // The fifth row lacks the merged cell altogether: covered as well.
        assert_eq!(first, ["存在问题", "投资增长动力不足", "^1,0", "中小企业困难较大", "^3,0", "^3,0"]);
        let plan = crate::parse(PROBLEMS);
        let groups: Vec<String> = plan.tasks().map(|t| t.section_titles()).collect();
        assert_eq!(
            groups,
            ["投资增长动力不足", "投资增长动力不足", "中小企业困难较大", "中小企业困难较大", "中小企业困难较大"]
        );
    }

    #[test]
    fn a_row_with_a_task_and_no_units_takes_the_units_merged_over_it() {
        // Rows 1 and 2 share a units cell merged over both (an empty line
        // in the second); row 3's empty lead cell stays empty, since its
        // supporting cell is filled.
        let src = "分解表\n序号\n工作任务\n牵头单位\n配合单位\n1\n做好公开。\n市财政局\n市税务局\n\
                   2\n做好解读。\n\n\n3\n做好回应。\n\n市直各单位\n4\n做好培训。\n市司法局\n市人社局\n";
        let rows = rows_of(src);
        assert_eq!(rows[2], ["2", "做好解读。", "^1,2", "^1,3"]);
        assert_eq!(rows[3], ["3", "做好回应。", "", "市直各单位"]);
        let plan = crate::parse(src);
        let second = plan.tasks().nth(1).expect("a second task").task;
        assert_eq!(second.lead[0].name, "市财政局");
        assert_eq!(second.supporting[0].name, "市税务局");
        crate::read::assert_tiles(src, &plan);
    }

    #[test]
    fn a_header_name_over_two_lines_or_two_columns_is_one_cell() {
        let rows = rows_of(SPAN);
        // `负责` / `部门`: one name in two lines; `工作措施` over the group
        // column and the task column.
        assert_eq!(rows[0], ["工作措施", "^0,0", "工作目标", "具体内容", "进度安排", "负责/部门", "完成标准"]);
        // A section heading across the table, then a group cell and a task.
        assert_eq!(rows[1][..2], ["一、“制度建设”主体任务", "^1,0"]);
        assert_eq!(rows[2][..2], ["（一）完善知识产权政策体系", "1.制定专利资助办法"]);
        assert_eq!(rows[3][5], "知识产权科/执法稽查大队/各分局");
        let plan = crate::parse(SPAN);
        let units: Vec<usize> = plan.tasks().map(|t| t.task.responsible.len()).collect();
        assert_eq!(units, [1, 3, 1, 1]);
    }

    #[test]
    fn text_around_the_table_is_paragraphs() {
        let (before, after) = around(TASKS);
        assert!(before.contains(&"各乡镇人民政府，县直各单位：".to_string()), "{before:?}");
        assert_eq!(before.last().map(String::as_str), Some("2023年全县政务公开重点任务分工表"));
        // The page's footer after the last row is no row of the table.
        assert_eq!(after.first().map(String::as_str), Some("来源：某县人民政府办公室"));
        assert_eq!(rows_of(TASKS).last().map(|r| r[1].as_str()), Some("5.将政务公开工作纳入年度绩效考核。"));
        // A line of fields apart by pipes: a paragraph a field.
        assert!(after.windows(3).any(|w| w == ["使用帮助", "联系我们", "网站地图"]), "{after:?}");
        let plan = crate::parse(TASKS);
        assert_eq!(plan.title, "2023年全县政务公开重点任务分工表");
        assert_eq!(plan.tasks().count(), 5);
    }

    #[test]
    fn texts_of_other_shapes_are_not_claimed() {
        // Prose, with no header.
        assert!(read("一、总体要求\n1.做好公开。（市财政局牵头）\n\n2.做好解读。（市税务局负责）\n").is_none());
        // One cell per line with no empty cell: plain lines, the outline's.
        let plain = "工作事项\n具体任务\n牵头及责任单位\n一、深化公开\n1.做好财政公开。\n市财政局牵头，各县配合\n\
                     2.推进项目公开。\n市发展改革委牵头\n二、加强解读\n3.健全解读机制。\n市府直属各部门\n";
        assert!(read(plain).is_none());
        // A tab table, and a header with nothing under it.
        assert!(read("工作任务\t牵头单位\n1.做好公开。\t市财政局\n\n2.做好解读。\t市税务局\n").is_none());
        assert!(read("工作任务\n牵头单位\n配合单位\n\n附件\n").is_none());
        // Rows that lack their merged cells, no empty line standing for
        // them: plain lines again, whatever empty lines come between.
        let short = "工作事项\n具体任务\n责任单位\n一、公开\n1.做好公开。\n市财政局\n2.做好解读。\n市税务局\n\n\
                     3.做好回应。\n市审计局\n\n二、培训\n4.做好培训。\n市统计局\n5.做好宣传。\n市文旅局\n\n";
        assert!(read(short).is_none());
        // Two tables: the outline would read the second's header as a row.
        assert!(read(&format!("{TASKS}\n{PROBLEMS}")).is_none());
    }

    #[test]
    fn fixtures_parse_losslessly() {
        for src in [TASKS, SPAN, PROBLEMS] {
            let plan = crate::parse(src);
            assert_eq!(plan.layout, Layout::CellPerLine);
            crate::read::assert_tiles(src, &plan);
        }
    }

    #[test]
    fn reading_is_total_and_cheap() {
        for src in [TASKS, SPAN, PROBLEMS] {
            for cut in (0..src.len()).filter(|&c| src.is_char_boundary(c)) {
                let _ = read(&src[..cut]);
            }
        }
        // One line of 10 MB, a header over a body too long to read, a
        // header of more columns than a table has.
        let line = "市财政局、".repeat(2_000_000);
        assert!(read(&format!("工作任务\n牵头单位\n配合单位\n{line}\n")).is_none());
        let body = "1.做好公开。\n\n市财政局\n".repeat(MAX_BODY_LINES / 3 + 1);
        assert!(read(&format!("工作任务\n牵头单位\n配合单位\n{body}")).is_none());
        let wide = "工作任务\n牵头单位\n".repeat(MAX_COLUMNS);
        assert!(read(&format!("{wide}1.做好公开。\n\n市财政局\n")).is_none());
    }
}
