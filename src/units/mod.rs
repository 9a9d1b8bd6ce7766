//! Pass 3: a responsibility phrase into lead / supporting / responsible units,
//! leaders, a deadline and notes, with repairs.
//!
//! # Advice for hackers
//!
//! The phrase is read in four steps, each linear in its length, each in a
//! module of its own ([`scan`](mod@scan), [`items`], [`clauses`], [`names`]):
//!
//! 1. **Brackets.** One scan pairs `（）()〔〕【】[]`. A closer with no opener is
//!    stray; an opener never closed is closed before the first separator or
//!    joiner after it (within a short window, so that a million unclosed
//!    brackets stay linear). Repairs are recorded as edits to apply to names;
//!    the text is never changed.
//! 2. **Items.** Outside brackets, `、，,；;。` and `：` split the phrase into
//!    items. Whitespace, line breaks included, is dropped from names; a line
//!    break between two complete unit names splits them quietly.
//! 3. **Clauses.** `，；。` end a clause, `、` does not. A label before `：`
//!    (`牵头单位：`) gives the role of what follows until the next label. A
//!    role word at the end of an item (`牵头`, `配合`, `按职责分工负责`) gives
//!    the role of that item and of every role-less item before it back to the
//!    previous role. A clause that names no unit is a note.
//! 4. **Names.** Inside an item, `和 及 与` (and the typo `合`) split two unit
//!    names, and so does a unit suffix followed by a unit start
//!    (`市财政局市税务局`); `等单位` is dropped and marks the list open-ended;
//!    `各区、县级市` stays one collective unit.
//!
//! What is a unit name is decided by shape, never by a list of names: it ends
//! in a unit suffix (`局`, `委`, `办`, `中心`, `政府`, …) or a level noun, or
//! starts with the distributive `各`, and holds no predicate (`应当`, `加强`).

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use crate::diag::Diagnostic;
use crate::fold::fold;
use crate::lexicon::{self};
use crate::model::{Piece, Role, Unit, Units};
use crate::options::Options;
use crate::span::{LineIndex, Span};

mod clauses;
mod items;
mod names;
mod scan;

pub(crate) use names::{ends_with_stop, is_unit_like};
use scan::{first_chars, scan};

/// Most unclosed brackets reported in one phrase.
const MAX_BRACKET_REPORTS: usize = 16;

/// Longest stretch, in characters, searched for the place to close a bracket
/// that the text never closes.
const CLOSE_WINDOW: usize = 40;

/// One character of the phrase with whitespace dropped: where it stands, its
/// folded form, its bracket depth, and whether a line break came before it.
#[derive(Clone, Copy, Debug)]
struct Ch {
    at: usize,
    len: u8,
    c: char,
    depth: u32,
    after_break: bool,
    /// Whitespace (a line break or not) came before it.
    after_space: bool,
    /// A list number (`2.`) came before it: a separator like `、`.
    after_number: bool,
    /// A closing bracket that closes nothing: left out when names are matched.
    stray: bool,
}

/// An edit to apply when a name is built from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    /// Insert this closer after the character ending at the position.
    Close(char),
    /// Drop the character at the position.
    Drop,
    /// Write this character instead of the one at the position.
    Replace(char),
}

/// What separated an item from the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    Enum,
    Comma,
    Colon,
    Period,
    End,
}

/// The running result of one or more phrases: what a task collects.
#[derive(Clone, Debug, Default)]
pub(crate) struct Acc<'a> {
    pub lead: Vec<Unit<'a>>,
    pub supporting: Vec<Unit<'a>>,
    pub responsible: Vec<Unit<'a>>,
    pub leaders: Vec<Piece<'a>>,
    pub deadline: Option<Cow<'a, str>>,
    pub notes: Vec<Piece<'a>>,
    /// Counts used to tell a units line from prose.
    pub stats: Stats,
}

/// What a phrase turned out to hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    pub units: usize,
    pub notes: usize,
    pub roles: usize,
    pub labels: usize,
    /// True when the first clause named a unit (or was a units label).
    pub first_is_unit: bool,
}

impl Stats {
    /// True when the phrase reads as a units text rather than prose.
    pub fn is_units(&self) -> bool {
        if self.units == 0 {
            return self.labels > 0 && self.first_is_unit;
        }
        self.first_is_unit && (self.notes == 0 || self.roles > 0 || self.labels > 0)
    }
}

impl<'a> Acc<'a> {
    /// Moves the responsible units to the supporting ones when the task has a
    /// lead: a separate responsible list beside a lead shares the work.
    pub fn settle(&mut self) {
        if !self.lead.is_empty() && !self.responsible.is_empty() {
            let r = std::mem::take(&mut self.responsible);
            self.supporting.extend(r);
            self.supporting.sort_by_key(|u| u.span.start);
        }
    }

    pub fn into_units(mut self, diagnostics: Vec<Diagnostic>) -> Units<'a> {
        self.settle();
        Units {
            lead: self.lead,
            supporting: self.supporting,
            responsible: self.responsible,
            leaders: self.leaders,
            deadline: self.deadline,
            notes: self.notes,
            diagnostics,
        }
    }

    fn push(&mut self, role: Role, unit: Unit<'a>) {
        match role {
            Role::Lead => self.lead.push(unit),
            Role::Supporting => self.supporting.push(unit),
            Role::Responsible => self.responsible.push(unit),
        }
    }
}

/// Parses the phrase at `span` of `src` into `acc`, pushing diagnostics.
/// `default_role` is the role of units no word or label gives a role (a
/// table column's role); `None` means responsible.
pub(crate) fn parse_phrase<'s>(
    cx: &Cx<'s, '_>,
    span: Span,
    default_role: Option<Role>,
    acc: &mut Acc<'s>,
    diags: &mut Vec<Diagnostic>,
) {
    read(cx, span, default_role, acc, Mode::Full(diags));
}

/// When a probe may stop reading, its answer known: reading on could only
/// add to counts that no longer change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Once the phrase reads as units with a role or a label (`is_units()`
    /// holds, and so does `labels > 0 || roles > 0`).
    OnRole,
    /// Once a clause turns out to be prose (`notes > 0`).
    OnNote,
}

impl Stats {
    fn decided(&self, stop: Stop) -> bool {
        match stop {
            Stop::OnRole => self.first_is_unit && (self.labels > 0 || (self.units > 0 && self.roles > 0)),
            Stop::OnNote => self.notes > 0,
        }
    }
}

/// How a phrase is read.
enum Mode<'d> {
    /// In full: units, notes and diagnostics (pushed to the list).
    Full(&'d mut Vec<Diagnostic>),
    /// Counting only, for [`probe`]: no names, no diagnostics, and reading
    /// stops once the first clause is prose, or when the rule says.
    Probe(Option<Stop>),
}

/// Reads the phrase at `span` as `mode` says.
fn read<'s>(cx: &Cx<'s, '_>, span: Span, default_role: Option<Role>, acc: &mut Acc<'s>, mode: Mode<'_>) {
    let mut guard = cx.scratch.borrow_mut();
    let buf = &mut *guard;
    let (probe, stop, mut sink) = match mode {
        Mode::Full(diags) => (false, None, Sink(Some(diags))),
        Mode::Probe(stop) => (true, stop, Sink(None)),
    };
    scan(cx.src, cx.opts, span, buf, &mut sink);
    let mut work = std::mem::take(&mut buf.work);
    let mut p = Phrase {
        src: cx.src,
        opts: cx.opts,
        index: cx.index,
        chars: &buf.chars,
        folded: &buf.folded,
        fpos: &buf.fpos,
        edits: &buf.edits,
        sink,
        probe,
        stop,
        queue: std::mem::take(&mut work.queue),
        cuts: std::mem::take(&mut work.cuts),
    };
    p.items(&mut work.items);
    let mut st = Clause {
        first: true,
        free: default_role.is_none(),
        parts: std::mem::take(&mut work.parts),
        pending: std::mem::take(&mut work.pending),
        ..Clause::default()
    };
    st.parts.clear();
    st.pending.clear();
    p.queue.clear();
    p.clauses(&work.items, default_role, acc, &mut st);
    if !probe {
        p.check_final_stop(span);
    }
    buf.work = Work { items: work.items, queue: p.queue, cuts: p.cuts, parts: st.parts, pending: st.pending };
}

/// Tells whether the phrase at `span` reads as a units text, without
/// building names or diagnostics, and stopping as soon as the first clause
/// turns out to be prose, or as soon as `stop` says the counts asked for
/// are known (the counts returned are then partial).
pub(crate) fn probe(cx: &Cx<'_, '_>, span: Span, stop: Option<Stop>) -> Stats {
    // Prose shows itself in its first clause: read that alone first, so that
    // a long paragraph costs no more than its first few characters.
    let head = first_clause_end(span.slice(cx.src));
    if head < span.len() {
        let stats = probe_all(cx, Span::new(span.start, span.start + head), stop);
        if !stats.first_is_unit {
            return stats;
        }
    }
    probe_all(cx, span, stop)
}

/// Bytes of the first item of `s`: up to the first `、，；。` outside
/// brackets, or 64 characters at most (longer, it can be no unit name).
fn first_clause_end(s: &str) -> usize {
    let mut depth = 0usize;
    for (n, (i, c)) in s.char_indices().enumerate() {
        match fold(c) {
            _ if n >= 64 => return i,
            '(' | '〔' | '[' | '【' => depth += 1,
            ')' | '〕' | ']' | '】' => depth = depth.saturating_sub(1),
            '、' | ',' | ';' | '。' if depth == 0 => return i,
            _ => {}
        }
    }
    s.len()
}

fn probe_all(cx: &Cx<'_, '_>, span: Span, stop: Option<Stop>) -> Stats {
    let mut acc = Acc::default();
    read(cx, span, None, &mut acc, Mode::Probe(stop));
    acc.stats
}

/// What every pass reads: the text, the options, and the line index for
/// messages; and the buffers every phrase is read in, reused from one
/// phrase to the next so that reading one allocates only its output.
pub(crate) struct Cx<'s, 'x> {
    pub src: &'s str,
    pub opts: &'x Options,
    pub index: &'x LineIndex,
    scratch: RefCell<Scratch>,
}

impl<'s, 'x> Cx<'s, 'x> {
    pub fn new(src: &'s str, opts: &'x Options, index: &'x LineIndex) -> Cx<'s, 'x> {
        Cx { src, opts, index, scratch: RefCell::default() }
    }
}

/// The phrase being read, as step 1 leaves it: its characters, their folded
/// text, and the repairs to apply to names.
#[derive(Default)]
struct Scratch {
    chars: Vec<Ch>,
    /// The folded characters of `chars`, stray closers left out: what names
    /// are matched against.
    folded: String,
    /// `fpos[j]`: where the folded text of `chars[j..]` starts in `folded`
    /// (one more entry than `chars`).
    fpos: Vec<u32>,
    edits: Vec<(usize, Edit)>,
    /// Brackets open during the scan: where, which, and the index of its char.
    stack: Vec<(usize, char, usize)>,
    /// Buffers of steps 2 to 4.
    work: Work,
}

/// The buffers steps 2 to 4 fill and empty again.
#[derive(Default)]
struct Work {
    items: Vec<Item>,
    queue: Vec<Item>,
    cuts: Vec<(usize, usize)>,
    parts: Vec<Part>,
    pending: Vec<Part>,
}

/// Where diagnostics go: nowhere when only probing.
struct Sink<'d>(Option<&'d mut Vec<Diagnostic>>);

impl Sink<'_> {
    /// Pushes the diagnostic `make` builds, built only when it is kept.
    fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
        if let Some(d) = self.0.as_mut() {
            d.push(make());
        }
    }
}

struct Phrase<'s, 'b, 'd> {
    src: &'s str,
    opts: &'b Options,
    index: &'b LineIndex,
    /// Only counting, for [`probe`]: no names are built, and reading stops
    /// once the first clause is prose.
    probe: bool,
    /// When a probe may stop early.
    stop: Option<Stop>,
    chars: &'b [Ch],
    folded: &'b str,
    fpos: &'b [u32],
    edits: &'b [(usize, Edit)],
    sink: Sink<'d>,
    /// Items still to read, last first (see [`Phrase::clauses`]).
    queue: Vec<Item>,
    /// Where the item being read splits into names.
    cuts: Vec<(usize, usize)>,
}

/// An item: a range of `Phrase::chars`, and what ended it.
#[derive(Clone, Copy, Debug)]
struct Item {
    start: usize,
    end: usize,
    sep: Sep,
}

/// The clause being read: its names so far, the names waiting for a role
/// word, and where it stands.
#[derive(Default)]
struct Clause {
    parts: Vec<Part>,
    pending: Vec<Part>,
    is_note: bool,
    start: Option<usize>,
    end: usize,
    /// True until the first clause of the phrase has been read.
    first: bool,
    /// True when the phrase stands on its own, not in a column that gives
    /// its units a role: then in `X，Y配合` with no lead, X leads.
    free: bool,
}

/// A unit name found in a clause, before roles are settled.
#[derive(Clone, Copy, Debug)]
struct Part {
    start: usize,
    end: usize,
    role: Option<Role>,
    open_ended: bool,
    /// True when a `、` follows it in the text.
    enum_after: bool,
}

/// The role word that starts at char `j` and runs to a separator or the end:
/// `（管委会配合` closes before `配合`.
fn role_word_at(chars: &[Ch], j: usize) -> Option<&'static str> {
    static FIRST: OnceLock<Vec<char>> = OnceLock::new();
    let first = FIRST.get_or_init(|| first_chars(lexicon::ROLE_WORDS.iter().map(|(w, _)| *w)));
    if !first.contains(&chars.get(j)?.c) {
        return None;
    }
    let ahead = &chars[j..chars.len().min(j + 8)];
    lexicon::ROLE_WORDS.iter().map(|(w, _)| *w).find(|w| {
        let n = w.chars().count();
        n <= ahead.len() && w.chars().zip(ahead).all(|(a, b)| a == b.c) && {
            let k = j + n;
            k >= chars.len() || matches!(chars[k].c, '、' | ',' | ';' | '。')
        }
    })
}

impl<'s, 'b> Phrase<'s, 'b, '_> {
    /// Moves back from char index `end` over `n` chars that are not stray closers.
    fn back(&self, mut end: usize, mut n: usize, floor: usize) -> usize {
        while n > 0 && end > floor {
            end -= 1;
            if !self.chars[end].stray {
                n -= 1;
            }
        }
        end
    }

    /// Moves on from char index `start` over `n` chars that are not stray closers.
    fn fwd(&self, mut start: usize, mut n: usize, ceil: usize) -> usize {
        while n > 0 && start < ceil {
            if !self.chars[start].stray {
                n -= 1;
            }
            start += 1;
        }
        start
    }

    /// The folded text of chars `[start, end)`, stray closers left out.
    fn text_of(&self, start: usize, end: usize) -> &'b str {
        if start >= end {
            return "";
        }
        &self.folded[self.fpos[start] as usize..self.fpos[end] as usize]
    }

    fn span_of(&self, start: usize, end: usize) -> Span {
        if start >= end {
            let at = self.chars.get(start).map_or(0, |c| c.at);
            return Span::new(at, at);
        }
        let last = &self.chars[end - 1];
        Span::new(self.chars[start].at, last.at + last.len as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    fn run(s: &str) -> (Acc<'_>, Vec<Diagnostic>) {
        let mut acc = Acc::default();
        let mut d = Vec::new();
        let opts = Options::default();
        let index = LineIndex::new(s);
        let cx = Cx::new(s, &opts, &index);
        parse_phrase(&cx, Span::new(0, s.len()), None, &mut acc, &mut d);
        acc.settle();
        (acc, d)
    }

    fn names<'a>(u: &'a [Unit<'_>]) -> Vec<&'a str> {
        u.iter().map(|u| &*u.name).collect()
    }

    #[test]
    fn lead_then_supporting() {
        let (a, _) = run("市卫生健康局牵头，各县（区）人民政府（管委会），市府直属各部门配合");
        assert_eq!(names(&a.lead), ["市卫生健康局"]);
        assert_eq!(names(&a.supporting), ["各县（区）人民政府（管委会）", "市府直属各部门"]);
    }

    #[test]
    fn unclosed_bracket_closes_before_joiner() {
        let (a, d) = run("市府办公室牵头，各县（区）人民政府（管委会和市府直属各部门配合");
        assert_eq!(names(&a.supporting), ["各县（区）人民政府（管委会）", "市府直属各部门"]);
        assert_eq!(a.supporting[0].raw, "各县（区）人民政府（管委会");
        assert_eq!(d[0].code, Code::UnclosedBracket);
    }

    #[test]
    fn he_typo() {
        let (a, d) = run("市政务服务数据管理局牵头，各县（区）人民政府（管委会）合市府直属各部门配合");
        assert_eq!(names(&a.supporting), ["各县（区）人民政府（管委会）", "市府直属各部门"]);
        assert!(d.iter().any(|d| d.code == Code::HeTypo));
    }

    #[test]
    fn note_clause() {
        let (a, _) = run("各县（区）人民政府（管委会）牵头，目录范围应当涵盖各镇人民政府、街道办事处");
        assert_eq!(names(&a.lead), ["各县（区）人民政府（管委会）"]);
        assert!(a.supporting.is_empty() && a.responsible.is_empty());
        assert_eq!(a.notes[0].text, "目录范围应当涵盖各镇人民政府、街道办事处");
    }

    #[test]
    fn names_with_he_stay_whole() {
        let (a, _) = run("市人力资源和社会保障局、市科技和信息化局");
        assert_eq!(names(&a.responsible), ["市人力资源和社会保障局", "市科技和信息化局"]);
    }

    #[test]
    fn run_together_and_missing_comma() {
        let (a, d) = run("市财政局市税务局牵头各县（区）人民政府配合");
        assert_eq!(names(&a.lead), ["市财政局", "市税务局"]);
        assert_eq!(names(&a.supporting), ["各县（区）人民政府"]);
        assert!(d.iter().any(|d| d.code == Code::RunTogetherUnits));
        assert!(d.iter().any(|d| d.code == Code::MissingComma));
    }

    #[test]
    fn distributive_collective() {
        let (a, _) = run("牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市");
        assert_eq!(names(&a.lead), ["市发展改革委"]);
        assert_eq!(names(&a.supporting), ["市委组织部", "市人力资源和社会保障局", "各区、县级市"]);
        let (a, _) = run("各地、各部门配合");
        assert_eq!(names(&a.supporting), ["各地", "各部门"]);
    }

    #[test]
    fn etc_and_respectively() {
        let (a, _) = run("市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实");
        assert_eq!(names(&a.lead), ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"]);
        let (a, _) = run("市交通运输局、市林业局等单位配合");
        assert_eq!(names(&a.supporting), ["市交通运输局", "市林业局"]);
        assert!(a.supporting[1].open_ended);
    }

    #[test]
    fn a_million_unclosed_brackets_stay_linear() {
        let s = "（".repeat(100_000);
        let (_, d) = run(&s);
        assert!(!d.is_empty());
    }
}
