//! Pass 3: a responsibility phrase into lead / supporting / responsible units,
//! leaders, a deadline and notes, with repairs.
//!
//! # Advice for hackers
//!
//! The phrase is read in four steps, each linear in its length:
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

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::{fold, is_space};
use crate::lexicon::{self, LabelKind};
use crate::model::{Piece, Role, Unit, Units};
use crate::options::Options;
use crate::span::{LineIndex, Span};

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

fn closer_for(open: char) -> char {
    match open {
        '（' => '）',
        '(' => ')',
        '〔' => '〕',
        '【' => '】',
        '[' => ']',
        '［' => '］',
        _ => '）',
    }
}

fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '〔' | '【' | '[' | '［' | '｛' | '{')
}

fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '〕' | '】' | ']' | '］' | '｝' | '}')
}

fn is_quote_open(c: char) -> bool {
    matches!(c, '“' | '《' | '「' | '『' | '〈')
}

fn is_quote_close(c: char) -> bool {
    matches!(c, '”' | '》' | '」' | '』' | '〉')
}

/// True when the last character kept is a separator or a colon.
fn last_sep(chars: &[Ch]) -> bool {
    chars.last().is_some_and(|c| matches!(c.c, '、' | ',' | ';' | ':' | '。'))
}

/// Bytes of a list number at the start of `s` (`1.`, `2、`, `3)`) when a
/// name follows it, not a digit.
fn enumerator(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let mark = s[digits..].chars().next()?;
    if !matches!(fold(mark), '.' | '、' | ')') {
        return None;
    }
    let after = digits + mark.len_utf8();
    let next = s[after..].chars().next()?;
    (!fold(next).is_ascii_digit()).then_some(after)
}

/// Bytes of an HTML line break at the start of `s`: `<br>`, `<br/>`, `<BR />`.
fn html_break(s: &str) -> Option<usize> {
    let head = s.get(..3)?;
    if !head.eq_ignore_ascii_case("<br") {
        return None;
    }
    let close = s[3..].char_indices().take(4).find(|(_, c)| *c == '>')?.0;
    s[3..3 + close].chars().all(|c| c == '/' || c == ' ').then_some(3 + close + 1)
}

fn is_half(c: char) -> bool {
    matches!(c, '(' | ')')
}

fn full_of(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        _ => c,
    }
}

/// Step 1 and the compact view: pairs brackets, records repairs, and keeps
/// every non-space character with its depth, in `buf`.
fn scan(src: &str, opts: &Options, span: Span, buf: &mut Scratch, sink: &mut Sink<'_>) {
    let Scratch { chars, folded, fpos, edits, stack, .. } = buf;
    chars.clear();
    folded.clear();
    fpos.clear();
    edits.clear();
    stack.clear();
    let text = span.slice(src);
    chars.reserve(text.len() / 3 + 4);
    fpos.reserve(text.len() / 3 + 5);
    folded.reserve(text.len());
    let mut saw_break = false;
    let mut saw_space = false;
    let mut saw_number = false;
    // Quotation marks nest like brackets for splitting (`县“双随机、一公开”
    // 联席会议`), but are never repaired.
    let mut quotes: u32 = 0;
    let mut skip_to = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if i < skip_to {
            i = skip_to;
            continue;
        }
        // Most characters are ideographs (U+4000 to U+9FFF, three bytes led
        // by `E4` to `E9`): no space, digit, bracket or quote, and their own
        // folded form. A run of them is taken in one go.
        if (0xE4..=0xE9).contains(&bytes[i]) {
            let (run, folded_at) = (i, folded.len());
            let depth = stack.len() as u32 + quotes;
            let mut first = true;
            while i + 2 < bytes.len() && (0xE4..=0xE9).contains(&bytes[i]) {
                let u = (u32::from(bytes[i]) & 0x0F) << 12
                    | (u32::from(bytes[i + 1]) & 0x3F) << 6
                    | (u32::from(bytes[i + 2]) & 0x3F);
                fpos.push((folded_at + (i - run)) as u32);
                chars.push(Ch {
                    at: span.start + i,
                    len: 3,
                    c: char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER),
                    depth,
                    after_break: first && saw_break,
                    after_space: first && saw_space,
                    after_number: first && saw_number,
                    stray: false,
                });
                first = false;
                i += 3;
            }
            folded.push_str(&text[run..i]);
            saw_break = false;
            saw_space = false;
            saw_number = false;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let start = i;
        let at = span.start + i;
        i += c.len_utf8();
        if is_space(c) {
            saw_break |= c == '\n' || c == '\r';
            saw_space = true;
            continue;
        }
        // `1.区教育局 2.区发改局`: a number before a name in a list is a break.
        if c.is_ascii_digit() && stack.is_empty() && (start == 0 || saw_space || last_sep(chars)) {
            if let Some(n) = enumerator(&text[start..]) {
                skip_to = start + n;
                saw_break = true;
                saw_space = true;
                saw_number = true;
                continue;
            }
        }
        // `<br>` from an HTML table cell is a line break.
        if c == '<' {
            if let Some(n) = html_break(&text[start..]) {
                skip_to = start + n;
                saw_break = true;
                saw_space = true;
                continue;
            }
        }
        if is_quote_close(c) {
            quotes = quotes.saturating_sub(1);
        }
        let depth = stack.len() as u32 + quotes;
        if is_quote_open(c) {
            quotes += 1;
        }
        if is_open(c) {
            stack.push((at, c, chars.len()));
        } else if is_close(c) {
            match stack.pop() {
                Some((oat, oc, _)) => {
                    if is_half(oc) != is_half(c) {
                        // `(区）`: the half-width one is the odd one out.
                        let (bad_at, bad) = if is_half(oc) { (oat, oc) } else { (at, c) };
                        let good = full_of(bad);
                        let s = Span::new(bad_at, bad_at + bad.len_utf8());
                        sink.push(|| {
                            Diagnostic::new(
                                Code::MixedBrackets,
                                Severity::Warning,
                                s,
                                format!("half-width `{bad}` paired with a full-width bracket"),
                            )
                            .with_fix(s, &good.to_string())
                        });
                        if opts.unify_brackets {
                            edits.push((bad_at, Edit::Replace(good)));
                        }
                    }
                }
                None => {
                    let s = Span::new(at, at + c.len_utf8());
                    sink.push(|| {
                        Diagnostic::new(Code::StrayBracket, Severity::Warning, s, format!("`{c}` closes no bracket"))
                            .with_fix(s, "")
                    });
                    if opts.drop_stray_brackets {
                        edits.push((at, Edit::Drop));
                    }
                }
            }
        }
        let depth_now = if is_close(c) { stack.len() as u32 + quotes } else { depth };
        let stray = is_close(c) && depth == 0;
        let f = fold(c);
        fpos.push(folded.len() as u32);
        if !stray {
            folded.push(f);
        }
        chars.push(Ch {
            at,
            len: c.len_utf8() as u8,
            c: f,
            depth: depth_now,
            after_break: saw_break,
            after_space: saw_space,
            after_number: saw_number,
            stray,
        });
        saw_break = false;
        saw_space = false;
        saw_number = false;
    }
    fpos.push(folded.len() as u32);
    if !stack.is_empty() {
        close_unclosed(src, opts, chars, stack, edits, sink);
    }
    edits.sort_by_key(|e| e.0);
}

/// Closes brackets the text never closed: before the first separator or
/// joiner after the opener, within a short window. Depths are lowered for
/// what follows the repair, so that separators there split items again.
fn close_unclosed(
    src: &str,
    opts: &Options,
    chars: &mut [Ch],
    unclosed: &[(usize, char, usize)],
    edits: &mut Vec<(usize, Edit)>,
    sink: &mut Sink<'_>,
) {
    let mut cuts = Vec::new();
    let mut reported = 0;
    for &(open_at, open, first) in unclosed {
        let close = closer_for(open);
        let base_depth = chars[first].depth;
        // `各县（市、区人民政府`: a list of level nouns is the bracket's content.
        let mut cut = level_list_end(chars, first + 1);
        for j in first + 1..chars.len().min(first + 1 + CLOSE_WINDOW) {
            if cut.is_some() {
                break;
            }
            let c = chars[j].c;
            let sep = matches!(c, '、' | ',' | ';' | '。' | ':' | '和' | '及' | '与' | '合')
                || role_word_at(chars, j).is_some();
            // A separator right after the opener closes nothing.
            if sep && j > first + 1 && chars[j].depth == base_depth + 1 {
                cut = Some(j);
                break;
            }
            if is_open(chars[j].c) {
                break;
            }
        }
        let end_j = cut.unwrap_or(chars.len());
        let last = &chars[end_j - 1];
        let insert_at = last.at + last.len as usize;
        let at = Span::new(insert_at, insert_at);
        // A phrase with a run of unclosed brackets is one flaw many times
        // over: the first few are reported, all are repaired.
        if reported < MAX_BRACKET_REPORTS {
            reported += 1;
            sink.push(|| {
                let before = match cut {
                    Some(j) => format!(
                        " before `{}`",
                        role_word_at(chars, j).unwrap_or(&src[chars[j].at..chars[j].at + chars[j].len as usize])
                    ),
                    None => String::new(),
                };
                let msg = format!("expected `{close}` to close `{open}` at {{at}}{before}");
                let mut d =
                    Diagnostic::new(Code::UnclosedBracket, Severity::Warning, at, msg).with_fix(at, &close.to_string());
                d.related = Some(open_at);
                d
            });
        }
        if opts.close_brackets {
            edits.push((insert_at, Edit::Close(close)));
            cuts.push(end_j);
        }
    }
    if !cuts.is_empty() {
        redo_depths(chars, &mut cuts);
    }
}

/// Where a list of two or more level nouns joined by `、` starting at char
/// `j` ends (`市、区` in `（市、区人民政府`), when something else follows it.
fn level_list_end(chars: &[Ch], mut j: usize) -> Option<usize> {
    static FIRST: OnceLock<Vec<char>> = OnceLock::new();
    let first = FIRST.get_or_init(|| first_chars(lexicon::LEVEL_NOUNS.iter().copied()));
    let mut items = 0;
    loop {
        if !first.contains(&chars.get(j)?.c) {
            return None;
        }
        let word = lexicon::LEVEL_NOUNS.iter().find(|w| {
            let n = w.chars().count();
            j + n <= chars.len() && w.chars().zip(&chars[j..j + n]).all(|(a, b)| a == b.c)
        })?;
        j += word.chars().count();
        items += 1;
        match chars.get(j).map(|c| c.c) {
            Some('、') => j += 1,
            Some(c) if items >= 2 && !is_close(c) => return Some(j),
            _ => return None,
        }
    }
}

/// The characters `words` start with, each once: a word table is compared
/// at a character only when one of its words can start there.
fn first_chars(words: impl Iterator<Item = &'static str>) -> Vec<char> {
    let mut first: Vec<char> = words.filter_map(|w| w.chars().next()).collect();
    first.sort_unstable();
    first.dedup();
    first
}

/// Recomputes bracket depths in one pass once repairs have closed brackets
/// before the chars at `cuts`.
fn redo_depths(chars: &mut [Ch], cuts: &mut [usize]) {
    cuts.sort_unstable();
    let mut k = 0;
    let mut depth: u32 = 0;
    for (j, ch) in chars.iter_mut().enumerate() {
        while k < cuts.len() && cuts[k] == j {
            depth = depth.saturating_sub(1);
            k += 1;
        }
        if is_quote_close(ch.c) {
            depth = depth.saturating_sub(1);
            ch.depth = depth;
        } else if is_open(ch.c) || is_quote_open(ch.c) {
            ch.depth = depth;
            depth += 1;
        } else if is_close(ch.c) {
            depth = depth.saturating_sub(1);
            ch.depth = depth;
        } else {
            ch.depth = depth;
        }
    }
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
    /// Step 2: items split at top-level separators.
    fn items(&self, items: &mut Vec<Item>) {
        items.clear();
        let mut start = 0;
        for (j, ch) in self.chars.iter().enumerate() {
            if ch.depth != 0 {
                continue;
            }
            // A label at the start of a line ends the item before it:
            // `牵头单位：市财政局⏎配合单位：市审计局`.
            if ch.after_space && j > start && self.label_at(j) {
                items.push(Item { start, end: j, sep: Sep::Comma });
                start = j;
            } else if ch.after_number && j > start {
                items.push(Item { start, end: j, sep: Sep::Enum });
                start = j;
            }
            let sep = match ch.c {
                '、' => Sep::Enum,
                ',' | ';' => Sep::Comma,
                '。' => Sep::Period,
                // An ASCII full stop ends a clause, unless it stands in a number.
                '.' if !self.chars.get(j + 1).is_some_and(|n| n.c.is_ascii_digit()) => Sep::Period,
                ':' => Sep::Colon,
                _ => continue,
            };
            items.push(Item { start, end: j, sep });
            start = j + 1;
        }
        items.push(Item { start, end: self.chars.len(), sep: Sep::End });
    }

    /// True when a units, leaders or deadline label and its colon start at char `j`.
    fn label_at(&self, j: usize) -> bool {
        let end = self.chars.len().min(j + 12);
        let Some(colon) = (j..end).find(|&k| self.chars[k].c == ':') else {
            return false;
        };
        // `单位：` alone is the end of a label broken over a line (`责任⏎单位：`);
        // `配合：` is a label of its own.
        let label = self.text_of(j, colon);
        !matches!(label, "单位" | "部门" | "科室" | "处室" | "机构") && lexicon::label_kind(label).is_some()
    }

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

    /// Step 3: labels, clauses and roles.
    fn clauses(&mut self, items: &[Item], default_role: Option<Role>, acc: &mut Acc<'s>, st: &mut Clause) {
        let mut label: Option<LabelKind> = None;
        let mut i = 0;
        // Items are expanded at missing commas into sub-items; a queue keeps them in order.
        while i < items.len() || !self.queue.is_empty() {
            let item = match self.queue.pop() {
                Some(item) => item,
                None => {
                    let it = items[i];
                    i += 1;
                    let mut queue = std::mem::take(&mut self.queue);
                    self.split_missing_comma(it, &mut queue);
                    queue.reverse();
                    self.queue = queue;
                    continue;
                }
            };
            let text = self.text_of(item.start, item.end);
            // A label: `牵头单位：`.
            if item.sep == Sep::Colon {
                if let Some(kind) = lexicon::label_kind(text) {
                    self.flush_clause(st, label, acc);
                    self.resolve_pending(&mut st.pending, label, default_role, acc);
                    acc.stats.labels += 1;
                    if st.first {
                        // Units, leaders and deadlines all belong to a task's units block.
                        acc.stats.first_is_unit = true;
                        st.first = false;
                    }
                    label = Some(kind);
                    continue;
                }
            }
            if item.start < item.end {
                st.start.get_or_insert(item.start);
                st.end = item.end;
            }
            match label {
                Some(LabelKind::Leaders) => {
                    if item.start < item.end && !self.probe {
                        let span = self.span_of(item.start, item.end);
                        let raw = span.slice(self.src);
                        let text = if raw == text { Cow::Borrowed(raw) } else { Cow::Owned(text.to_string()) };
                        acc.leaders.push(Piece { text, span });
                    }
                }
                Some(LabelKind::Deadline) => {
                    if item.start < item.end && !self.probe {
                        let raw = self.name(item.start, item.end);
                        match &mut acc.deadline {
                            Some(d) => {
                                let d = d.to_mut();
                                d.push('，');
                                d.push_str(&raw);
                            }
                            None => acc.deadline = Some(raw),
                        }
                    }
                }
                _ => {
                    let before = st.parts.len();
                    let labelled = matches!(label, Some(LabelKind::Units(_)));
                    st.is_note |= self.parts(item, &mut st.parts, acc, labelled);
                    if st.parts.len() > before {
                        if let Some(last) = st.parts.last_mut() {
                            last.enum_after = item.sep == Sep::Enum;
                        }
                    }
                }
            }
            if item.sep != Sep::Enum {
                if matches!(label, Some(LabelKind::Leaders) | Some(LabelKind::Deadline)) {
                    if st.first && st.start.is_some() {
                        st.first = false;
                    }
                    st.is_note = false;
                    st.start = None;
                } else {
                    self.flush_clause(st, label, acc);
                }
                if self.probe && !st.first && !acc.stats.first_is_unit {
                    return;
                }
                if self.stop.is_some_and(|s| acc.stats.decided(s)) {
                    return;
                }
            }
        }
        self.flush_clause(st, label, acc);
        self.resolve_pending(&mut st.pending, label, default_role, acc);
    }

    /// Ends a clause: a note when any part of it is no unit, else its parts
    /// join the pending list, and a role word settles the pending ones.
    fn flush_clause(&mut self, st: &mut Clause, label: Option<LabelKind>, acc: &mut Acc<'s>) {
        let is_note = std::mem::take(&mut st.is_note);
        let Some(start) = st.start.take() else {
            // A clause of role words only (`按职责分工负责`) settles what is pending.
            for p in st.parts.drain(..) {
                if let Some(role) = p.role {
                    for q in st.pending.iter_mut() {
                        q.role.get_or_insert(role);
                    }
                    self.emit_pending(&mut st.pending, acc);
                }
            }
            return;
        };
        if is_note {
            let span = self.span_of(start, st.end);
            self.sink.push(|| {
                Diagnostic::new(
                    Code::UnitsNote,
                    Severity::Info,
                    span,
                    "clause names no unit; kept as a note".to_string(),
                )
            });
            if !self.probe {
                acc.notes.push(Piece { text: Cow::Borrowed(span.slice(self.src).trim_matches(is_space)), span });
            }
            acc.stats.notes += 1;
            st.parts.clear();
            st.first = false;
            return;
        }
        if st.first {
            acc.stats.first_is_unit = !st.parts.is_empty() || matches!(label, Some(LabelKind::Units(_)));
            st.first = false;
        }
        if !self.probe {
            self.merge_distributive(&mut st.parts);
        }
        // Units still waiting from the clauses before this one.
        let mut earlier = st.pending.len();
        for p in st.parts.drain(..) {
            let role = p.role;
            if p.start < p.end {
                st.pending.push(p);
            }
            if let Some(role) = role {
                // `X，Y配合` with no lead named: X is the unit Y assists
                // (not a collective, `各县（区）人民政府，Y配合`, which
                // supports with Y).
                let assisted = st.free
                    && label.is_none()
                    && role == Role::Supporting
                    && acc.lead.is_empty()
                    && earlier > 0
                    && st.pending.len() > earlier
                    && st.pending[..earlier].iter().all(|q| !is_collective(self.text_of(q.start, q.end)));
                for (k, q) in st.pending.iter_mut().enumerate() {
                    q.role.get_or_insert(if assisted && k < earlier { Role::Lead } else { role });
                }
                earlier = 0;
                self.emit_pending(&mut st.pending, acc);
            }
        }
    }

    fn emit_pending(&mut self, pending: &mut Vec<Part>, acc: &mut Acc<'s>) {
        if self.probe {
            acc.stats.units += pending.len();
            pending.clear();
            return;
        }
        for p in pending.drain(..) {
            let role = p.role.unwrap_or(Role::Responsible);
            let unit = self.unit(&p);
            acc.stats.units += 1;
            acc.push(role, unit);
        }
    }

    fn resolve_pending(
        &mut self,
        pending: &mut Vec<Part>,
        label: Option<LabelKind>,
        default_role: Option<Role>,
        acc: &mut Acc<'s>,
    ) {
        let role = match label {
            Some(LabelKind::Units(Some(r))) => Some(r),
            _ => default_role,
        };
        for q in pending.iter_mut() {
            q.role = q.role.or(role);
        }
        self.emit_pending(pending, acc);
    }

    fn unit(&self, p: &Part) -> Unit<'s> {
        let span = self.span_of(p.start, p.end);
        Unit {
            name: self.name(p.start, p.end),
            raw: Cow::Borrowed(span.slice(self.src)),
            span,
            line: self.index.line_of(span.start),
            open_ended: p.open_ended,
        }
    }

    /// The repaired name of chars `[start, end)`: written as in the text,
    /// whitespace dropped, edits applied.
    fn name(&self, start: usize, end: usize) -> Cow<'s, str> {
        let chars = &self.chars[start..end];
        let (Some(first), Some(last)) = (chars.first(), chars.last()) else {
            return Cow::Borrowed("");
        };
        // Most names stand in the text as they are: no space inside, no
        // repair, no compatibility character.
        let (from, to) = (first.at, last.at + last.len as usize);
        let b = self.src.as_bytes();
        let plain = self.edits_within(from, to).is_empty()
            && chars.windows(2).all(|w| w[0].at + w[0].len as usize == w[1].at)
            && chars.iter().all(|ch| {
                ch.len != 3
                    || !matches!(b[ch.at], 0xE2 | 0xEF)
                    || self.src[ch.at..].chars().next().is_none_or(|c| crate::fold::fold_compat(c) == c)
            });
        if plain {
            return Cow::Borrowed(&self.src[from..to]);
        }
        let mut out = String::with_capacity(chars.len() * 3);
        for ch in chars {
            let ch_end = ch.at + ch.len as usize;
            let mut written = false;
            for (_, e) in self.edits_at(ch.at) {
                match *e {
                    Edit::Drop => written = true,
                    Edit::Replace(r) => {
                        out.push(r);
                        written = true;
                    }
                    Edit::Close(_) => {}
                }
            }
            if !written {
                let orig = &self.src[ch.at..ch_end];
                match orig.chars().next() {
                    Some(c) if ch.len > 2 && crate::fold::fold_compat(c) != c => out.push(crate::fold::fold_compat(c)),
                    _ => out.push_str(orig),
                }
            }
            for (_, e) in self.edits_at(ch_end) {
                if let Edit::Close(c) = *e {
                    out.push(c);
                }
            }
        }
        Cow::Owned(out)
    }

    /// The edits at positions `from..=to`.
    fn edits_within(&self, from: usize, to: usize) -> &[(usize, Edit)] {
        let lo = self.edits.partition_point(|e| e.0 < from);
        let hi = self.edits.partition_point(|e| e.0 <= to);
        &self.edits[lo..hi]
    }

    fn edits_at(&self, pos: usize) -> &[(usize, Edit)] {
        if self.edits.is_empty() {
            return &[];
        }
        let lo = self.edits.partition_point(|e| e.0 < pos);
        let hi = self.edits.partition_point(|e| e.0 <= pos);
        &self.edits[lo..hi]
    }

    /// Splits an item where a role word is followed by a unit with no comma
    /// between (`市府办公室牵头各县人民政府配合`).
    fn split_missing_comma(&mut self, item: Item, out: &mut Vec<Item>) {
        let mut start = item.start;
        let mut j = item.start + 2;
        while self.opts.split_missing_comma && j + 1 < item.end {
            if self.chars[j].depth != 0 || !self.starts_unit(j, item.end) {
                j += 1;
                continue;
            }
            // Only the last few characters can hold the role word, and a name
            // longer than a unit name can be is no unit: both bound the work.
            let head = self.text_of(self.back(j, 12, start), j);
            if let Some((_, wlen)) = lexicon::role_suffix(head) {
                let name_end = self.back(j, head[head.len() - wlen..].chars().count(), start);
                let name = if name_end - start <= 40 { self.text_of(start, name_end) } else { "" };
                let name = strip_modifiers(name);
                if is_unit_like(name) {
                    let at = Span::new(self.chars[j].at, self.chars[j].at);
                    self.sink.push(|| {
                        Diagnostic::new(
                            Code::MissingComma,
                            Severity::Warning,
                            at,
                            "expected `，` between two clauses".to_string(),
                        )
                        .with_fix(at, "，")
                    });
                    out.push(Item { start, end: j, sep: Sep::Comma });
                    start = j;
                    j += 2;
                    continue;
                }
            }
            j += 1;
        }
        out.push(Item { start, ..item });
    }

    /// True when chars `[j, end)` are `各` and a generic collective with no
    /// place in it (`各部门`, `各成员单位`, `各有关单位`): after a unit name they
    /// name its parts (`市政府各部门`), not a unit of their own.
    fn generic_collective(&self, j: usize, end: usize) -> bool {
        if self.chars[j].c != '各' || end - j > 16 {
            return false;
        }
        // `县委各巡察组`, `县纪委监委各派驻（出）纪检监察组`: parts of the unit
        // before; `各街道`, `各县（区）人民政府` name places of their own.
        let rest = self.text_of(j + 1, end);
        !rest.chars().any(|c| "省市县区镇乡村州旗盟".contains(c)) && !rest.contains("街道") && !rest.contains("社区")
    }

    /// True when chars from `j` start a unit name: a unit-start character not
    /// beginning an ordinary word.
    fn starts_unit(&self, j: usize, end: usize) -> bool {
        let c = self.chars[j].c;
        if !lexicon::UNIT_STARTS.contains(&c) {
            return false;
        }
        !(j + 1 < end && lexicon::is_not_unit_start(c, self.chars[j + 1].c))
    }

    /// Step 4 for one item: role word, `等`, joiners and run-together names.
    /// Pushes the names found to `clause`; returns true when the item is no unit.
    fn parts(&mut self, item: Item, clause: &mut Vec<Part>, acc: &mut Acc<'s>, labelled: bool) -> bool {
        if item.start >= item.end {
            return false;
        }
        let text = self.text_of(item.start, item.end);
        let mut end = item.end;
        let mut start = item.start;
        let mut role = None;
        // Role words and their modifiers, from the end; a role in brackets
        // after the name counts the same: `县数据资源局（牵头）`.
        let mut t: &str = text;
        if let Some(inner) = t.strip_suffix(')').and_then(|x| x.rfind('(').map(|k| (k, &x[k + 1..]))) {
            let (k, word) = inner;
            let word = strip_modifiers(word);
            if let Some((r, wlen)) = lexicon::role_suffix(word) {
                if wlen == word.len() && k > 0 {
                    role = Some(r);
                    t = &t[..k];
                }
            }
        }
        while let Some((r, wlen)) = lexicon::role_suffix(t) {
            role = Some(match role {
                Some(Role::Lead) => Role::Lead,
                Some(Role::Supporting) if r == Role::Responsible => Role::Supporting,
                _ => r,
            });
            t = &t[..t.len() - wlen];
            t = strip_modifiers(t);
        }
        if role.is_some() {
            acc.stats.roles += 1;
        }
        let mut open_ended = false;
        if let Some(w) = lexicon::etc_suffix(t) {
            t = &t[..t.len() - w.len()];
            open_ended = true;
        } else if let Some(k) = t.rfind('等') {
            // `省医保局等省直有关部门`: what follows 等 names the rest of the list.
            let tail = &t[k + '等'.len_utf8()..];
            if k > 0 && lexicon::is_generic_collective(tail) {
                t = &t[..k];
                open_ended = true;
            }
        }
        // `t` is what is left of the front of `text`.
        end = self.back(end, text[t.len()..].chars().count(), start);
        // `由X牵头`, `会同X`, `以上3项由X牵头`.
        let summary = (t.starts_with("以上") || t.starts_with("上述"))
            .then(|| &t[..t.char_indices().nth(12).map_or(t.len(), |(i, _)| i)])
            .filter(|head| head.contains('由'));
        let skip = if let Some(head) = summary {
            head.find('由').map(|b| head[..b].chars().count() + 1)
        } else {
            ["由", "会同", "请"].iter().find(|w| t.starts_with(*w) && t.len() > w.len()).map(|w| {
                if *w == "会同" && role.is_none() {
                    role = Some(Role::Supporting);
                }
                w.chars().count()
            })
        };
        if let Some(n) = skip {
            start = self.fwd(start, n, end);
        }
        // `无`, `无牵头单位`, `/`: a cell that says there is none.
        if matches!(
            self.text_of(start, end),
            "无" | "暂无" | "无牵头单位" | "无配合单位" | "无责任单位" | "不涉及" | "/" | "-" | "—" | "——"
        ) {
            return false;
        }
        if start >= end {
            // Nothing but role words: settles what is pending.
            clause.push(Part { start, end: start, role, open_ended: false, enum_after: false });
            return false;
        }
        // `信用监督管理司会同登记注册局负责`: the first leads, the rest support.
        if let Some(k) = (start + 2..end.saturating_sub(2))
            .find(|&k| self.chars[k].depth == 0 && self.chars[k].c == '会' && self.chars[k + 1].c == '同')
        {
            let left = self.text_of(start, k);
            let right = self.text_of(k + 2, end);
            if is_unit_like(left) && is_unit_like(right) {
                let both_lead = role == Some(Role::Lead);
                let lead = Item { start, end: k, sep: Sep::Enum };
                let rest = Item { start: k + 2, end, sep: Sep::Enum };
                let note = self.named_parts(lead, Some(Role::Lead), false, clause, labelled)
                    || self.named_parts(
                        rest,
                        Some(if both_lead { Role::Lead } else { Role::Supporting }),
                        open_ended,
                        clause,
                        labelled,
                    );
                return note;
            }
        }
        self.named_parts(Item { start, end, sep: Sep::Enum }, role, open_ended, clause, labelled)
    }

    /// The names in chars `[item.start, item.end)`, all with `role`: split at
    /// joiners and where names run together. Returns true when it is no unit.
    fn named_parts(
        &mut self,
        item: Item,
        role: Option<Role>,
        open_ended: bool,
        clause: &mut Vec<Part>,
        labelled: bool,
    ) -> bool {
        let (start, end) = (item.start, item.end);
        let name = self.text_of(start, end);
        // A bare level noun (`市` in `各县、市、区政府`) is a unit only beside a
        // distributive head; `merge_distributive` joins them.
        // Under a units label (`牵头单位：县财政居`) a short name with no
        // predicate is a unit even when its suffix is unknown or mistyped.
        let named = labelled
            && name.chars().count() <= 15
            && !lexicon::has_predicate(name)
            && !name.chars().any(|c| c.is_ascii_digit())
            && !name.ends_with(['年', '月', '日', '前', '底']);
        if !named && !is_unit_like(name) && !lexicon::is_level_item(name) {
            return true;
        }
        // A probe counts whether names were found, not how many: the one
        // item stands for all it holds.
        if self.probe {
            clause.push(Part { start, end, role, open_ended, enum_after: false });
            return false;
        }
        // Joiners and run-together names split the item into names.
        let mut cuts = std::mem::take(&mut self.cuts);
        cuts.clear();
        self.split_names(start, end, &mut cuts);
        let mut s = start;
        let n = cuts.len();
        for (k, &cut) in cuts.iter().chain(std::iter::once(&(end, end))).enumerate() {
            let (name_end, next_start) = cut;
            if name_end > s {
                clause.push(Part {
                    start: s,
                    end: name_end,
                    role,
                    open_ended: open_ended && k == n,
                    enum_after: false,
                });
            }
            s = next_start;
        }
        self.cuts = cuts;
        false
    }

    /// Finds cuts inside a unit-like range: `(end of one name, start of the next)`.
    fn split_names(&mut self, start: usize, end: usize, cuts: &mut Vec<(usize, usize)>) {
        let mut s = start;
        let mut j = start + 1;
        while j + 1 < end {
            let ch = self.chars[j];
            if ch.depth != 0 {
                j += 1;
                continue;
            }
            // Joiners: `和 及 与 以及`, and `合` typed for `和`.
            let joiner_len = if ch.c == '以' && self.chars[j + 1].c == '及' {
                2
            } else if matches!(ch.c, '和' | '及' | '与' | '合') {
                1
            } else {
                0
            };
            if joiner_len > 0 && j + joiner_len < end {
                let left = self.text_of(s, j);
                let right = self.text_of(j + joiner_len, end);
                // `法制司和政策研究室`: both sides end like units. `合` is a typo
                // only before a unit start (`市政府合作交流办公室` is one name).
                let left_ok = left.starts_with('各') || lexicon::has_unit_suffix(strip_brackets(left));
                // `各有关部门和单位`: a bare `单位` after 和 ends the collective.
                let bare = matches!(right, "单位" | "部门" | "机构" | "组织" | "企业" | "个人" | "团体");
                let right_ok = !bare
                    && if ch.c == '合' {
                        is_unit_name_start(right)
                    } else {
                        right.chars().count() >= 2
                            && !lexicon::NOT_UNIT_STARTS.iter().any(|w| right.starts_with(w))
                            && (is_unit_name_start(right) || lexicon::has_unit_suffix(strip_brackets(right)))
                    };
                if left_ok && right_ok && is_unit_like(left) && is_unit_like(right) {
                    if ch.c == '合' {
                        let sp = Span::new(ch.at, ch.at + ch.len as usize);
                        self.sink.push(|| {
                            Diagnostic::new(
                                Code::HeTypo,
                                Severity::Warning,
                                sp,
                                "`合` between two units reads as `和`".to_string(),
                            )
                            .with_fix(sp, "和")
                        });
                        if !self.opts.read_he_typo {
                            j += 1;
                            continue;
                        }
                    }
                    cuts.push((j, j + joiner_len));
                    s = j + joiner_len;
                    j = s + 1;
                    continue;
                }
            }
            // A line break between two whole names splits them quietly; a
            // unit suffix followed by a unit start splits them with a warning.
            if j >= s + 2 {
                let quiet = ch.after_break;
                if self.starts_unit(j, end) && !self.generic_collective(j, end) {
                    let left = self.text_of(s, j);
                    let right = self.text_of(j, end);
                    // `各社区`: a name of two characters is a unit only as `市委`, `县委`.
                    let party_committee = left.ends_with('委') && !left.starts_with('各');
                    let short = left.chars().count() < 3 && !party_committee;
                    let left_ok = if quiet {
                        is_unit_like(left)
                    } else {
                        !short && lexicon::has_unit_suffix(strip_brackets(left)) && is_unit_like(left)
                    };
                    if left_ok && right.chars().count() >= 2 && is_unit_like(right) {
                        if !quiet {
                            let at = Span::new(ch.at, ch.at);
                            self.sink.push(|| {
                                Diagnostic::new(
                                    Code::RunTogetherUnits,
                                    Severity::Warning,
                                    at,
                                    format!("expected `、` between `{left}` and the unit after it"),
                                )
                                .with_fix(at, "、")
                            });
                            if !self.opts.split_run_together {
                                j += 1;
                                continue;
                            }
                        }
                        cuts.push((j, j));
                        s = j;
                        j = s + 2;
                        continue;
                    }
                }
            }
            j += 1;
        }
    }

    /// Joins `各区、县级市` into one collective unit.
    fn merge_distributive(&self, clause: &mut Vec<Part>) {
        self.merge_joint_offices(clause);
        // Parts are merged as they are copied down, in one pass: draining a
        // merged run out of the list each time would make a long clause of
        // lists quadratic.
        let (mut r, mut w) = (0, 0);
        while r < clause.len() {
            let k = r;
            let mut part = clause[k];
            let mut m = k;
            if lexicon::is_distributive_head(self.text_of(part.start, part.end)) {
                while m + 1 < clause.len() && clause[m].enum_after {
                    let next = self.text_of(clause[m + 1].start, clause[m + 1].end);
                    if lexicon::is_level_item(next) {
                        m += 1;
                        continue;
                    }
                    // A long list may end in a place with the office all its
                    // items share: `各市、州、直管市、神农架林区党委宣传部`.
                    if m - k >= 2 && lexicon::place_then_office(next) {
                        m += 1;
                    }
                    break;
                }
                if m > k {
                    let last = clause[m];
                    part.end = last.end;
                    part.role = last.role.or(part.role);
                    part.open_ended = last.open_ended;
                    part.enum_after = last.enum_after;
                }
            }
            clause[w] = part;
            w += 1;
            r = m + 1;
        }
        clause.truncate(w);
    }

    /// Joins the joint office of a party committee and its government:
    /// `市委、市政府督查室` is one office, `县委办、县政府办` two. In one pass,
    /// as [`Phrase::merge_distributive`] merges.
    fn merge_joint_offices(&self, clause: &mut Vec<Part>) {
        let (mut r, mut w) = (0, 0);
        while r < clause.len() {
            let mut part = clause[r];
            r += 1;
            if r < clause.len() && part.enum_after && self.joint_office(part, clause[r]) {
                let last = clause[r];
                part.end = last.end;
                part.role = last.role.or(part.role);
                part.enum_after = last.enum_after;
                part.open_ended = last.open_ended;
                r += 1;
            }
            clause[w] = part;
            w += 1;
        }
        clause.truncate(w);
    }

    /// True when `first` is a party committee (`市委`) and `next` an office of
    /// the government of the same place (`市政府督查室`).
    fn joint_office(&self, first: Part, next: Part) -> bool {
        let first = self.text_of(first.start, first.end);
        let next = self.text_of(next.start, next.end);
        first.chars().count() == 2
            && first.ends_with('委')
            && first.starts_with(['省', '市', '县', '区'])
            && ["政府", "人民政府"].iter().any(|g| {
                let head = format!("{}{g}", &first[..first.len() - '委'.len_utf8()]);
                next.strip_prefix(head.as_str()).is_some_and(|office| office.chars().count() >= 2)
            })
    }

    /// Reports a units text whose final `。` or `；` is doubled.
    fn check_final_stop(&mut self, span: Span) {
        let text = span.slice(self.src).trim_end_matches(is_space);
        let mut it = text.chars().rev().map(fold);
        let stop = |c: Option<char>| matches!(c, Some('。' | ';' | '.'));
        if stop(it.next()) && stop(it.next()) {
            let end = span.start + text.len();
            let c = text.chars().next_back().map_or(1, char::len_utf8);
            let s = Span::new(end - c, end);
            self.sink.push(|| {
                Diagnostic::new(
                    Code::UnitsPunctuation,
                    Severity::Warning,
                    s,
                    "final punctuation of the units text is doubled".to_string(),
                )
                .with_fix(s, "")
            });
        }
    }
}

/// True when the units text `s` ends in `。`, `；` or `.` (spaces after it aside).
/// True for a name that stands for many units: `各县（区）人民政府`,
/// `有关部门`, `相关单位`.
fn is_collective(name: &str) -> bool {
    let name = name.trim_start_matches(is_space);
    ["各", "有关", "相关", "其他", "其它", "全市", "全区", "全县", "全省"].iter().any(|p| name.starts_with(p))
}

pub(crate) fn ends_with_stop(s: &str) -> bool {
    s.trim_end_matches(is_space).chars().next_back().is_some_and(|c| matches!(fold(c), '。' | ';' | '.'))
}

/// Drops role modifiers (`按职责分工`, `分别`) from the end of `s`.
fn strip_modifiers(mut s: &str) -> &str {
    while let Some(n) = lexicon::modifier_suffix(s) {
        s = &s[..s.len() - n];
    }
    s
}

/// Drops bracket groups at the end of a name: `各县（区）人民政府（管委会）` → `各县（区）人民政府`.
fn strip_brackets(mut s: &str) -> &str {
    loop {
        let t = s.trim_end_matches(is_close);
        if t.len() == s.len() {
            return s;
        }
        match t.rfind(is_open) {
            Some(i) if i > 0 => s = &t[..i],
            _ => return s,
        }
    }
}

/// True when folded, compact `s` can start a unit name after a joiner.
fn is_unit_name_start(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    !lexicon::NOT_UNIT_STARTS.iter().any(|w| s.starts_with(w)) && lexicon::UNIT_STARTS.contains(&c)
}

/// True when folded, compact `s` has the shape of a unit name.
pub(crate) fn is_unit_like(s: &str) -> bool {
    // A plan names the same units again and again, and the reader asks
    // about each name several times: answers are kept, a bounded number of
    // them, per thread.
    thread_local! {
        static SEEN: crate::hash::Answers<bool> = Default::default();
    }
    if s.is_empty() || s.len() > 120 {
        return false;
    }
    crate::hash::remember(&SEEN, 1024, s, unit_shaped)
}

/// [`is_unit_like`], worked out.
fn unit_shaped(s: &str) -> bool {
    // At most four bytes a character: the count is needed only in between.
    let n = match s.len() {
        0 => return false,
        len if len > 120 => return false,
        len if len <= 30 => s.chars().take(2).count(),
        _ => s.chars().count(),
    };
    if n > 30 {
        return false;
    }
    let core = strip_brackets(s);
    let shape = s.starts_with('各') || lexicon::has_unit_suffix(core) || (n >= 2 && lexicon::has_level_suffix(core));
    // Digits make a quantity, not a name; inside brackets they may be one
    // (`县政府办公室（县12345热线办）`). Digits and `%` are ASCII: a byte
    // compare finds them.
    shape && !core.is_empty() && !core.bytes().any(|b| b.is_ascii_digit() || b == b'%') && !lexicon::has_predicate(s)
}

#[cfg(test)]
mod tests {
    use super::*;

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
