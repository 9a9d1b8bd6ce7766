//! Lines of words: the words of a page that stand at one height, left to
//! right; the lines at the top and bottom of pages that are page numbers or
//! repeat from page to page (headers, footers) dropped; and the text of a
//! run of words, spaces kept only between Latin letters or digits.

use std::collections::HashMap;

use super::xml::Word;

/// A line: words at one height on one page, left to right.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub page: u32,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub words: Vec<Word>,
}

impl Line {
    /// A line of `words` (not empty), sorted left to right.
    pub fn of(mut words: Vec<Word>) -> Line {
        words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let f = |g: fn(&Word) -> f64, max: bool| {
            let it = words.iter().map(g);
            if max { it.fold(f64::MIN, f64::max) } else { it.fold(f64::MAX, f64::min) }
        };
        let page = words.first().map_or(1, |w| w.page);
        Line {
            page,
            x0: f(|w| w.x0, false),
            y0: f(|w| w.y0, false),
            x1: f(|w| w.x1, true),
            y1: f(|w| w.y1, true),
            words,
        }
    }

    /// The line's height, at least a point.
    pub fn height(&self) -> f64 {
        (self.y1 - self.y0).max(1.0)
    }

    /// The line's text.
    pub fn text(&self) -> String {
        join_words(self.words.iter().map(|w| w.text.as_str()))
    }
}

/// Words joined: a space only between two Latin letters or digits (CJK
/// text stands without spaces; justified text spreads its characters).
pub(crate) fn join_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        push_joined(&mut out, w);
    }
    out
}

/// Appends `w` to `out`, with a space when both sides are Latin.
pub(crate) fn push_joined(out: &mut String, w: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(out.chars().next_back()) && latin(w.chars().next()) {
        out.push(' ');
    }
    out.push_str(w);
}

/// The lines of each page, pages in order, lines top to bottom.
pub(crate) fn lines(mut words: Vec<Word>) -> Vec<Line> {
    words.sort_by(|a, b| a.page.cmp(&b.page).then(a.ymid().total_cmp(&b.ymid())));
    let mut out: Vec<Line> = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    let (mut page, mut mid, mut h) = (0u32, 0.0f64, 0.0f64);
    for w in words {
        let same = !cur.is_empty() && w.page == page && (w.ymid() - mid).abs() < 0.3 * h.max(w.height());
        if !same && !cur.is_empty() {
            out.push(Line::of(std::mem::take(&mut cur)));
        }
        if cur.is_empty() {
            (page, mid, h) = (w.page, w.ymid(), w.height());
        }
        cur.push(w);
    }
    if !cur.is_empty() {
        out.push(Line::of(cur));
    }
    drop_furniture(out)
}

/// True for a page number: `3`, `- 3 -`, `第3页`, `第 3 页 共 9 页`, `3/9`.
fn page_number(s: &str) -> bool {
    let rest: String = s.chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace()).collect();
    let digits = s.chars().any(|c| c.is_ascii_digit());
    digits
        && rest.chars().all(|c| matches!(c, '-' | '—' | '–' | '第' | '页' | '共' | '/' | '·' | '.' | 'P' | 'p' | '／'))
}

/// The lines without the pages' furniture: a first or last line of a page
/// that is a page number, or whose text (digits aside) stands first or last
/// on at least three pages and half of them.
fn drop_furniture(lines: Vec<Line>) -> Vec<Line> {
    let mut ends: Vec<(usize, usize)> = Vec::new(); // (first, last) line of each page
    for (k, l) in lines.iter().enumerate() {
        match ends.last_mut() {
            Some(e) if lines[e.0].page == l.page => e.1 = k,
            _ => ends.push((k, k)),
        }
    }
    let key = |l: &Line| l.text().chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace()).collect::<String>();
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for &(a, b) in &ends {
        *seen.entry((true, key(&lines[a]))).or_default() += 1;
        if b != a {
            *seen.entry((false, key(&lines[b]))).or_default() += 1;
        }
    }
    let pages = ends.len();
    let repeated = |top: bool, l: &Line| {
        let n = seen.get(&(top, key(l))).copied().unwrap_or(0);
        pages >= 3 && n >= 3 && 2 * n >= pages
    };
    let mut drop = vec![false; lines.len()];
    for &(a, b) in &ends {
        drop[a] = page_number(&lines[a].text()) || repeated(true, &lines[a]);
        if b != a {
            drop[b] = page_number(&lines[b].text()) || repeated(false, &lines[b]);
        }
    }
    lines.into_iter().zip(drop).filter(|(_, d)| !d).map(|(l, _)| l).collect()
}

/// The median of `v` (0 when empty).
pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The paragraphs of a run of lines outside tables, each with its page: a
/// line ending short of the text's right edge ends a paragraph, a line
/// starting indented or after a blank starts one.
pub(crate) fn paragraphs(lines: &[Line], left: f64, right: f64) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut open = false;
    let mut prev: Option<&Line> = None;
    for l in lines {
        let ch = l.height();
        let indented = l.x0 > left + 0.8 * ch;
        let gap = prev.is_some_and(|p| p.page == l.page && l.y0 - p.y1 > 1.2 * ch);
        if !open || indented || gap {
            out.push((l.page, String::new()));
        }
        if let Some((_, text)) = out.last_mut() {
            push_joined(text, &l.text());
        }
        open = l.x1 >= right - 1.5 * ch;
        prev = Some(l);
    }
    out
}
