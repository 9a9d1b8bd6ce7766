//! Front and closing matter: the header row, the title and preamble
//! before the body, and the date, signature and notes after it.

use std::borrow::Cow;

use crate::diag::{Code, Severity};
use crate::fold::{compact, compact_chars, is_space, marks};
use crate::lexicon::{self, ColumnKind};
use crate::model::{Piece, SegmentKind};
use crate::span::Span;
use crate::survey::{Kind, is_bracketed, is_title_like};
use crate::units::{self};

use super::Outline;
use super::tasks::starts_with_label;

/// Where the plan states that the first unit of each list leads:
/// `（排在第一位的为牵头单位，下同）`, `第一责任单位为牵头单位`.
pub(super) fn first_leads_statement(src: &str) -> Option<Span> {
    // Every such sentence names the lead (`牵头`): a text without it costs
    // one scan, and no match of the pattern (whose caches a match allocates
    // on each thread it runs on).
    memchr::memmem::find(src.as_bytes(), "牵".as_bytes())?;
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
    // Every such sentence holds `第一` or `首位`: the pattern, which allows
    // white space between any two characters, runs only on a window around
    // each `第` or `首` (a plan's text holds few), not over the whole text.
    let b = src.as_bytes();
    let mut best: Option<Span> = None;
    for at in memchr::memmem::find_iter(b, "第".as_bytes()).chain(memchr::memmem::find_iter(b, "首".as_bytes())) {
        if best.is_some_and(|m| m.start + WINDOW_BEFORE <= at) {
            continue;
        }
        let from = floor_char(src, at.saturating_sub(WINDOW_BEFORE));
        let to = floor_char(src, (at + WINDOW_AFTER).min(src.len()));
        if let Some(m) = re.find(&src[from..to]) {
            let m = Span::new(from + m.start(), from + m.end());
            if best.is_none_or(|b| m.start < b.start) {
                best = Some(m);
            }
        }
    }
    // A window may have cut the sentence short: read it again from its start.
    let m = best?;
    let to = floor_char(src, (m.start + WINDOW_BEFORE + WINDOW_AFTER).min(src.len()));
    re.find(&src[m.start..to]).map(|n| Span::new(m.start + n.start(), m.start + n.end())).or(best)
}

/// Bytes of a convention sentence before its `第` or `首` (`排 在 ` and white
/// space), and from it to its end (`第一位的责任单位为主要牵头单位`, spaced).
const WINDOW_BEFORE: usize = 48;
const WINDOW_AFTER: usize = 160;

/// The largest char boundary of `s` at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// True for a date line: `2019年3月23日`, `二〇一九年三月二十三日`.
pub(super) fn is_date(c: &str) -> bool {
    let n = c.chars().count();
    (6..=16).contains(&n) && c.ends_with('日') && c.contains('年') && c.contains('月')
}

/// True for a line that names units and ends in a colon: `区司法局：`.
pub(super) fn is_units_heading(s: &str) -> bool {
    let t = s.trim_end_matches(is_space);
    t.ends_with([':', '：']) && !starts_with_label(t)
}

/// A heading's title is its first sentence; the rest is its text.
pub(super) fn split_title(body: &str) -> (&str, &str) {
    match marks(body).find(|&(_, c)| matches!(c, '。' | ':')) {
        Some((i, _)) if i > 0 => {
            let after = i + body[i..].chars().next().map_or(0, char::len_utf8);
            (body[..i].trim_matches(is_space), body[after..].trim_matches(is_space))
        }
        _ => (body, ""),
    }
}

/// Words that end a plan's title (`…分工方案`, `…的通知`).
pub(super) fn is_title_end(s: &str) -> bool {
    lexicon::TITLE_ENDS.iter().any(|w| s.ends_with(w))
}

impl<'a, 'c> Outline<'a, 'c> {
    /// The header row: two or more cells in a row that are column names,
    /// before the body.
    pub(super) fn find_header(&self, body: usize) -> Option<(usize, usize)> {
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

    /// Where the plan starts after an issuing notice that numbers paragraphs
    /// of its own (`一、提高思想认识。`, instructions, not sections): the text
    /// opens with the notice's title (`…的通知`), and after a marker comes
    /// its signature's date (`2023年3月18日`) followed, within a few lines
    /// (a signature, `附件`), by the plan's own title; the body starts at
    /// the first marker after that title. `None` for any other text.
    pub(super) fn after_notice(&self, first_marker: usize) -> Option<usize> {
        let n = self.cells.len();
        // The notice's title, its `…现印发给你们` or its addressees (`各区人民政府，市政府各部门：`).
        let notice = (0..first_marker).any(|i| {
            let c = compact(self.text(i));
            c.ends_with("通知") || c.contains("印发给你们") || (c.starts_with('各') && c.ends_with(['：', ':']))
        });
        if !notice {
            return None;
        }
        let date = (first_marker..n).find(|&k| is_date(&compact(self.text(k))))?;
        let title = (date + 1..n.min(date + 5)).find(|&k| {
            let c = compact(self.text(k));
            is_title_like(self.text(k)) && is_title_end(&c) && !c.ends_with("通知")
        })?;
        (title + 1..n).find(|&k| matches!(&self.kinds[k], Kind::Marker(m) if !m.weak))
    }

    /// Title and preamble: the last run of title-like lines before the body
    /// is the title; the rest is preamble.
    pub(super) fn front(&mut self, end: usize) {
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

    /// Cuts the closing matter off the end of the plan: the date, the
    /// signature before it, notes such as `（此件公开发布）`, page numbers.
    /// They are kept as unparsed, with an info diagnostic; returns where
    /// the closing matter starts.
    pub(super) fn closing_matter(&mut self, start: usize) -> usize {
        let mut n = self.cells.len();
        // The colophon (`X办公室 2017年3月10日印发`) ends the document: what
        // follows it on a saved page (links, the site's footer) is no plan.
        let colophon = |k: usize| self.text(k).trim_end().ends_with("印发") && is_colophon(&compact(self.text(k)));
        if let Some(k) = (start..n).rev().find(|&k| colophon(k)) {
            n = k;
        }
        let mut dated = false;
        while n > start {
            let text = self.text(n - 1);
            let c = compact(text);
            let closing = matches!(self.kinds[n - 1], Kind::PageNo)
                || is_date(&c)
                || (is_bracketed(text) && c.chars().count() <= 12 && !self.is_units(n - 1))
                || c.starts_with("抄送")
                || c.starts_with("印发")
                // A note under the table (`注：主要责任单位第一个为牵头单位`):
                // a convention it states is read from the whole text.
                || lexicon::is_note(&c)
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
}

/// True for a document's colophon line, its issuer and date of issue
/// (`平潭综合实验区管委会办公室 2017年3月10日印发`), given compact.
fn is_colophon(c: &str) -> bool {
    c.ends_with("日印发") && c.contains('年') && c.contains('月') && c.chars().count() <= 60
}
