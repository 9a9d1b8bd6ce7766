//! Pass 2a: what each cell is, asked of every cell before the outline is
//! built on them: its marker (or that it is a page number), whether it
//! reads as a units text, the units at the end of its text, and for a
//! heading whether its text reads like a title.
//!
//! Each answer depends on the cell's own text alone, so the answers for a
//! large plan are worked out on several threads, each with a share of the
//! cells; the answers are the same however many threads there are. The
//! outline then only looks them up.

use crate::fold::{compact, compact_chars, fold, is_space, marks};
use crate::lexicon;
use crate::lines::{self, Cell};
use crate::marker::{self, Marker, MarkerKind};
use crate::span::Span;
use crate::units::{self, Cx, Stop};

/// What a cell is, before the outline decides where it goes.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Marker(Marker),
    /// Page furniture: a page number, or a line of a web site's footer.
    PageNo,
    Text,
}

fn classify(s: &str) -> Kind {
    if lines::is_page_number(s) || lines::is_site_footer(s) {
        return Kind::PageNo;
    }
    match marker::recognise(s) {
        Some(m) => Kind::Marker(m),
        None => Kind::Text,
    }
}

/// The units found at the end of a cell's text: the whole units part
/// (brackets included) and the phrase to read (inside them).
pub(crate) type Trailing = Option<(Span, Span)>;

/// What was found of every cell, by cell index.
pub(crate) struct Survey {
    pub kinds: Vec<Kind>,
    /// Whether each cell reads as a units text (false for markers and page numbers).
    pub units: Vec<bool>,
    /// The trailing units of each cell's natural span (see [`natural`]), for
    /// the cells the outline may ask about: all but units texts and page
    /// numbers.
    pub trailing: Vec<Option<Trailing>>,
    /// For a heading marker (a shape above task numbers, not weak), whether
    /// the text after it reads like a title (see [`is_title_like`]).
    pub heading_like: Vec<bool>,
}

/// Surveys every cell, on up to `threads` threads.
pub(crate) fn survey(cx: &Cx<'_, '_>, cells: &[Cell], threads: usize) -> Survey {
    let n = cells.len();
    let mut kinds = vec![Kind::Text; n];
    let mut units = vec![false; n];
    let mut trailing = vec![None; n];
    let mut heading_like = vec![false; n];
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        fill(cx, cells, &mut kinds, &mut units, &mut trailing, &mut heading_like);
    } else {
        let chunk = n.div_ceil(threads);
        let (src, opts, index) = (cx.src, cx.opts, cx.index);
        std::thread::scope(|scope| {
            let parts = cells
                .chunks(chunk)
                .zip(kinds.chunks_mut(chunk))
                .zip(units.chunks_mut(chunk).zip(trailing.chunks_mut(chunk)))
                .zip(heading_like.chunks_mut(chunk));
            for (((cells, kinds), (units, trailing)), heading_like) in parts {
                scope.spawn(move || fill(&Cx::new(src, opts, index), cells, kinds, units, trailing, heading_like));
            }
        });
    }
    Survey { kinds, units, trailing, heading_like }
}

fn fill(
    cx: &Cx<'_, '_>,
    cells: &[Cell],
    kinds: &mut [Kind],
    units: &mut [bool],
    trailing: &mut [Option<Trailing>],
    heading_like: &mut [bool],
) {
    for (k, cell) in cells.iter().enumerate() {
        let text = cell.span.slice(cx.src);
        let kind = classify(text);
        if let Kind::Marker(m) = &kind {
            heading_like[k] = !m.weak && m.kind < MarkerKind::Arabic && is_title_like(&text[m.body..]);
        }
        let names = may_name_units(text);
        units[k] = names && matches!(kind, Kind::Text) && reads_as_units(cx, cell.span);
        if !units[k] && !matches!(kind, Kind::PageNo) {
            trailing[k] = Some(if names { split_trailing_units(cx, natural(cell, &kind)) } else { None });
        }
        kinds[k] = kind;
    }
}

/// False when no part of `s` can read as units, whatever the grammar makes
/// of it: every unit name, role word and label holds a character at or
/// above U+2E80 (an ideograph, a radical PDF extraction left, a full-width
/// form), all of whose UTF-8 encodings start at byte `E2` or above, but the
/// label `/`. A row of ASCII cells, a line of digits or symbols, is passed
/// over in one look at its bytes.
fn may_name_units(s: &str) -> bool {
    s.bytes().any(|b| b >= 0xE2 || b == b'/')
}

/// The span of a cell whose trailing units the outline asks about: after
/// its marker, or the whole cell.
pub(crate) fn natural(cell: &Cell, kind: &Kind) -> Span {
    match kind {
        Kind::Marker(m) if !m.weak => Span::new(cell.span.start + m.body, cell.span.end),
        _ => cell.span,
    }
}

/// True when the text cell at `span` reads as a units text. Prose is ruled
/// out on its first item; a cell that may be units is counted through
/// without building anything: its units are read once, for the task it
/// joins.
fn reads_as_units(cx: &Cx<'_, '_>, span: Span) -> bool {
    let span = if is_bracketed(span.slice(cx.src)) { bracket_inner(cx.src, span) } else { span };
    units::probe(cx, span, Some(Stop::OnRole)).is_units()
}

/// Where a convention stated after the names of a units bracket starts
/// (`X、Y，排在第一位的为牵头单位`): the clause after the last comma before
/// `为牵头` (`是牵头`, `为主要牵头`) that holds `第` or `首`; `None` when the
/// bracket states none, or states it first. Read by its words, without the
/// pattern of the plan-wide search ([`crate::outline`]'s), which is
/// compiled once and run once a plan.
pub(crate) fn convention_clause(inner: &str) -> Option<usize> {
    // `牵头` after `为`, `是` or `为主要`: one scan for `牵头`, which most
    // units text holds only after a name.
    let lead = memchr::memmem::find_iter(inner.as_bytes(), "牵头".as_bytes())
        .find(|&i| inner[..i].ends_with(['为', '是']) || inner[..i].ends_with("为主要"))?;
    let head = &inner[..lead];
    let comma = head.char_indices().rev().find(|(_, c)| matches!(fold(*c), ',' | ';'))?;
    let clause = &head[comma.0..];
    (comma.0 > 0 && (clause.contains('第') || clause.contains('首'))).then_some(comma.0)
}

/// The units part at the end of a task's text: a bracketed group whose
/// content reads as units (`（牵头单位：市发展改革委，配合单位：…）`), or a last
/// sentence that does (`…。市发改委牵头，市财政局配合。`).
///
/// Returns the span of the whole units part (brackets included) and the span
/// of the phrase to parse (inside the brackets).
pub(crate) fn split_trailing_units(cx: &Cx<'_, '_>, body: Span) -> Option<(Span, Span)> {
    let text = body.slice(cx.src);
    let trimmed = text.trim_end_matches(|c: char| is_space(c) || matches!(fold(c), '。' | ';' | '.'));
    let last = trimmed.chars().next_back()?;
    // A parenthetical never closed (`…。(牵头单位:县财政局;配合单位:县直各部门`),
    // or closed by a bracket that an inner one took (`…(街道办事处、县财政局)`):
    // the outermost opener left open starts the units, when they read as units.
    if let Some(open_at) = outermost_unclosed(trimmed) {
        let inner_start = open_at + trimmed[open_at..].chars().next()?.len_utf8();
        let closed = matches!(fold(last), ')' | '〕' | ']' | '】');
        let inner_end = if closed { trimmed.len() - last.len_utf8() } else { trimmed.len() };
        if inner_start < inner_end {
            let inner = Span::new(body.start + inner_start, body.start + inner_end);
            let stats = units::probe(cx, inner, Some(Stop::OnRole));
            if stats.is_units() && (stats.labels > 0 || stats.roles > 0) {
                return Some((Span::new(body.start + open_at, body.start + trimmed.len()), inner));
            }
        }
    }
    if matches!(fold(last), ')' | '〕' | ']' | '】') {
        // Find the matching opener, scanning back.
        let mut depth = 0usize;
        let mut open_at = None;
        for (i, c) in marks(trimmed).rev() {
            match c {
                ')' | '〕' | ']' | '】' => depth += 1,
                '(' | '〔' | '[' | '【' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        open_at = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let open_at = open_at?;
        let inner_start = open_at + trimmed[open_at..].chars().next()?.len_utf8();
        let inner_end = trimmed.len() - last.len_utf8();
        if inner_start >= inner_end {
            return None;
        }
        let inner = Span::new(body.start + inner_start, body.start + inner_end);
        // A convention stated after the names (`X、Y，排在第一位的为牵头单位`)
        // is no unit: the names before it are read.
        let names = match convention_clause(inner.slice(cx.src)) {
            Some(at) => Span::new(inner.start, inner.start + at),
            None => inner,
        };
        let stats = units::probe(cx, names, Some(Stop::OnRole));
        // With no role and no label, the brackets must hold a unit name of
        // their own: `…各村（社区）` ends a name, `…（市财政局）` names a unit.
        let bare = stats.labels == 0 && stats.roles == 0;
        let named = !bare || lexicon::has_unit_suffix(&compact(inner.slice(cx.src)));
        if named && stats.is_units() && (stats.labels > 0 || stats.roles > 0 || stats.notes == 0) {
            return Some((Span::new(body.start + open_at, body.start + trimmed.len()), inner));
        }
        return None;
    }
    // A last sentence with role words or labels.
    let stop = last_stop(trimmed);
    if let Some(cut) = stop {
        let (s, e) = crate::fold::trim(cx.src, body.start + cut, body.start + trimmed.len());
        if s < e {
            let stats = units::probe(cx, Span::new(s, e), Some(Stop::OnNote));
            if stats.is_units() && (stats.roles > 0 || stats.labels > 0) && stats.notes == 0 {
                let whole = Span::new(s, body.start + text.trim_end_matches(is_space).len());
                return Some((whole, whole));
            }
        }
    }
    // A last clause that gives the work to units: `…，由市河长办负责。`
    let sentence_start = stop.unwrap_or(0);
    let tail = &trimmed[sentence_start..];
    let by = last_by(tail)?;
    let start = sentence_start + by;
    let span = Span::new(body.start + start, body.start + trimmed.len());
    let stats = units::probe(cx, span, Some(Stop::OnNote));
    if stats.is_units() && stats.roles > 0 && stats.notes == 0 {
        let whole = Span::new(span.start, body.start + text.trim_end_matches(is_space).len());
        return Some((whole, span));
    }
    None
}

/// Byte offset of the outermost bracket opened in `s` and never closed.
fn outermost_unclosed(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut outer = None;
    for (i, c) in marks(s) {
        match c {
            '(' | '〔' | '[' | '【' => {
                if depth == 0 {
                    outer = Some(i);
                }
                depth += 1;
            }
            ')' | '〕' | ']' | '】' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    outer = None;
                }
            }
            _ => {}
        }
    }
    outer
}

/// Where the text after the last full stop of `s` starts: `。` (E3 80 82),
/// or the vertical form `︒` (EF B8 92) that folds to it. Found from the end
/// by their last bytes.
fn last_stop(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memrchr2_iter(0x82, 0x92, b)
        .find(|&i| i >= 2 && matches!(b[i - 2..=i], [0xE3, 0x80, 0x82] | [0xEF, 0xB8, 0x92]))
        .map(|i| i + 1)
}

/// Where the units of a last clause `…，由市河长办负责` start (at `由`): after
/// the last `，由`, or when there is none, the last `,由`. Found from the end
/// by the last byte of `由` (E7 94 B1).
fn last_by(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut half = None;
    for i in memchr::memrchr_iter(0xB1, b) {
        if i < 2 || b[i - 2..=i] != [0xE7, 0x94, 0xB1] {
            continue;
        }
        let at = i - 2;
        if b[..at].ends_with("，".as_bytes()) {
            return Some(at);
        }
        if half.is_none() && b[..at].ends_with(b",") {
            half = Some(at);
        }
    }
    half
}

/// True when `s` is one bracketed group: `（市发改委牵头）`.
pub(crate) fn is_bracketed(s: &str) -> bool {
    let mut chars = s.chars().map(fold);
    let (Some(first), Some(last)) = (chars.next(), s.chars().next_back().map(fold)) else {
        return false;
    };
    if !matches!((first, last), ('(', ')') | ('〔', '〕') | ('[', ']') | ('【', '】')) {
        return false;
    }
    // The first bracket closes only at the end.
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match fold(c) {
            '(' | '〔' | '[' | '【' => depth += 1,
            ')' | '〕' | ']' | '】' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + c.len_utf8() < s.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// The span inside the outer brackets of a bracketed cell.
pub(crate) fn bracket_inner(src: &str, span: Span) -> Span {
    let text = span.slice(src);
    let open = text.chars().next().map_or(0, char::len_utf8);
    let close = text.chars().next_back().map_or(0, char::len_utf8);
    if open + close > text.len() {
        return span;
    }
    Span::new(span.start + open, span.end - close)
}

/// True for a line that could be (part of) a title: short, no sentence
/// punctuation, not a date, a document number, a signature or `附件`.
pub(crate) fn is_title_like(s: &str) -> bool {
    // The cheap refusals first: plain ASCII (a title holds something
    // else), sentence punctuation, length, a marker.
    if s.is_ascii()
        || marks(s).any(|(_, c)| matches!(c, ',' | '。' | ';' | ':' | '!' | '?' | '、'))
        || compact_chars(s).nth(40).is_some()
        || marker::recognise(s).is_some()
        || lines::is_page_number(s)
    {
        return false;
    }
    // Folded, without spaces: at most 40 characters, none of them the
    // punctuation refused above.
    let c = compact(s);
    let n = c.chars().count();
    if n == 0 {
        return false;
    }
    if c.starts_with('(') && c.ends_with(')') {
        return false;
    }
    if c.starts_with("附件") && c.chars().count() <= 4 {
        return false;
    }
    let digits = c.chars().filter(char::is_ascii_digit).count();
    if c.contains('号') && digits > 0 && (c.contains('〔') || c.contains('[') || c.contains('(')) {
        return false;
    }
    if c.contains('年') && c.contains('月') && c.ends_with('日') && n <= 12 {
        return false;
    }
    if units::is_unit_like(&c) {
        return false;
    }
    !c.is_ascii()
}
