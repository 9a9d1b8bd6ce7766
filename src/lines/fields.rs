//! The fields of a table row written as text (runs of spaces, CSV commas and
//! quotes), and the marks trimmed off a cell's ends (Markdown bold, HTML
//! tags).

use crate::fold::{is_space, trim};

/// Fields of `s` set apart by runs of two or more spaces (or one ideographic
/// space between two fields), as byte ranges of `s`.
pub(super) fn space_fields(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    each_space_field(s, |a, b| out.push((a, b)));
    out
}

/// How many fields [`space_fields`] finds in `s`, counted without building them.
pub(super) fn space_field_count(s: &str) -> usize {
    let mut n = 0;
    each_space_field(s, |_, _| n += 1);
    n
}

/// Calls `field` with the byte range of each field of [`space_fields`].
fn each_space_field(s: &str, mut field: impl FnMut(usize, usize)) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut run_start = None;
    let mut run_len = 0;
    let mut wide = false;
    let mut i = 0;
    while i < bytes.len() {
        // An ideograph (three bytes led by `E4` to `E9`) is no space: it is
        // stepped over by its first byte.
        let (c, len) = if (0xE4..=0xE9).contains(&bytes[i]) {
            ('一', 3)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if is_space(c) {
            if run_start.is_none() {
                run_start = Some(i);
                run_len = 0;
                wide = false;
            }
            run_len += 1;
            wide |= c == '\u{3000}';
        } else if let Some(rs) = run_start.take() {
            if run_len >= 2 || wide {
                field(start, rs);
                start = i;
            }
        }
        i += len;
    }
    field(start, s.len());
}

/// Fields of a CSV line, as byte ranges of `s` inside their quotes:
/// `1,"推行…,实现…",市局` has three.
pub(super) fn csv_fields(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(unquote(s, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(unquote(s, start, s.len()));
    out
}

pub(super) fn unquote(s: &str, a: usize, b: usize) -> (usize, usize) {
    let f = &s[a..b];
    if f.len() >= 2 && f.starts_with('"') && f.ends_with('"') { (a + 1, b - 1) } else { (a, b) }
}

/// Drops Markdown bold marks around a cell: `**一、做强数字产业**`.
fn strip_bold(src: &str, a: usize, b: usize) -> (usize, usize) {
    let t = &src[a..b];
    if t.len() > 4 && t.starts_with("**") && t.ends_with("**") {
        return trim(src, a + 2, b - 2);
    }
    (a, b)
}

/// Bytes an HTML tag is looked for in (`<span style="font-family:…">`).
const MAX_TAG: usize = 400;

/// The text at `a..b` without the Markdown bold marks and the HTML tags
/// around it: a page converted to Markdown keeps its `<div class=…>` lines
/// and wraps a table's cells in `<span style=…>…</span>`. Only tags at the
/// ends go (`<` then a letter or `/`, up to the first `>` on the line);
/// the text keeps those inside it, and the bytes left out are trivia.
pub(crate) fn strip_marks(src: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    // `<` then a letter or `/`: a tag starts at `i` of `bytes`.
    let tag_at = |bytes: &[u8], i: usize| {
        bytes.get(i) == Some(&b'<') && bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
    };
    loop {
        let (a0, b0) = (a, b);
        (a, b) = strip_bold(src, a, b);
        let bytes = &src.as_bytes()[a..b];
        if tag_at(bytes, 0) {
            let window = &bytes[..bytes.len().min(MAX_TAG)];
            if let Some(end) = memchr::memchr(b'>', window).filter(|&e| !window[..e].contains(&b'\n')) {
                (a, b) = trim(src, a + end + 1, b);
            }
        }
        let bytes = &src.as_bytes()[a..b];
        if bytes.last() == Some(&b'>') {
            let from = bytes.len().saturating_sub(MAX_TAG);
            let open = memchr::memrchr(b'<', &bytes[from..]).map(|k| from + k).filter(|&k| tag_at(bytes, k));
            if let Some(open) = open.filter(|&k| !bytes[k..].contains(&b'\n')) {
                (a, b) = trim(src, a, a + open);
            }
        }
        if (a, b) == (a0, b0) {
            return (a, b);
        }
    }
}
