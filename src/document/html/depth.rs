//! Nesting measured before the page is parsed, and flattened past a limit.
//!
//! html5ever, like the standard's tree builder, searches the stack of open
//! elements for many tags, so its time grows with the square of the
//! nesting depth (a megabyte of nested `<div>` took 261 s). This module
//! scans the markup once, keeping a cheap model of that stack (a tag opens
//! an element unless it is void, a closing tag pops down to its element, a
//! cell, row, list item or paragraph closes the open one of its kind), and
//! leaves out every tag that would open an element deeper than
//! [`MAX_DEPTH`], with the closing tags that match it. The text stays; only
//! structure too deep to be a plan's is dropped. A page within the limit is
//! returned as it is.

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest nesting of elements kept. Real pages nest 20 to 60 deep.
pub(super) const MAX_DEPTH: usize = 512;
/// How far down the stack a closing tag looks for its element (a closing
/// tag with no element open near the top is a stray one, which a browser
/// ignores too).
const REACH: usize = 64;
/// The longest tag name told apart; longer names are cut.
const NAME: usize = 16;

/// Elements that never hold anything (no closing tag).
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"basefont",
    b"bgsound",
    b"br",
    b"col",
    b"embed",
    b"frame",
    b"hr",
    b"img",
    b"input",
    b"keygen",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
];
/// Elements whose content is text up to their closing tag.
const RAW: &[&[u8]] =
    &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"noscript"];

/// `src` with the tags that nest deeper than [`MAX_DEPTH`] left out.
pub(super) fn flatten(src: &str) -> Cow<'_, str> {
    let b = src.as_bytes();
    let mut stack: Vec<Vec<u8>> = Vec::new();
    // Per name, how many of its elements were left out and are still open.
    let mut dropped: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + k;
        let (end, tag) = scan_tag(b, lt);
        i = end.max(lt + 1);
        let Some((close, name)) = tag else { continue };
        let keep = if close {
            if let Some(d) = dropped.get_mut(&name).filter(|d| **d > 0) {
                *d -= 1;
                false
            } else {
                if let Some(at) = stack.iter().rev().take(REACH).position(|n| *n == name) {
                    stack.truncate(stack.len() - at - 1);
                }
                true
            }
        } else if VOID.contains(&name.as_slice()) {
            true
        } else {
            close_siblings(&mut stack, &name);
            if stack.len() >= MAX_DEPTH {
                *dropped.entry(name).or_default() += 1;
                false
            } else {
                if RAW.contains(&name.as_slice()) {
                    i = raw_end(b, i, &name);
                } else {
                    stack.push(name);
                }
                true
            }
        };
        if !keep {
            let o = out.get_or_insert_with(|| String::with_capacity(src.len()));
            o.push_str(&src[copied..lt]);
            copied = end;
        }
    }
    match out {
        None => Cow::Borrowed(src),
        Some(mut o) => {
            o.push_str(&src[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Pops the open element that a tag `name` closes by opening: a cell
/// closes the open cell of its row, a row the open row, a list item the
/// open item, a paragraph the open paragraph (looked for near the top of
/// the stack, not past the table or list that holds it).
fn close_siblings(stack: &mut Vec<Vec<u8>>, name: &[u8]) {
    let (kin, wall): (&[&[u8]], &[&[u8]]) = match name {
        b"td" | b"th" => (&[b"td", b"th"], &[b"table", b"tr"]),
        b"tr" => (&[b"tr", b"td", b"th"], &[b"table"]),
        b"thead" | b"tbody" | b"tfoot" => (&[b"thead", b"tbody", b"tfoot", b"tr", b"td", b"th"], &[b"table"]),
        b"li" => (&[b"li"], &[b"ul", b"ol"]),
        b"dt" | b"dd" => (&[b"dt", b"dd"], &[b"dl"]),
        b"option" => (&[b"option"], &[b"select"]),
        b"p" | b"div" | b"table" | b"ul" | b"ol" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
            (&[b"p"], &[b"div", b"td", b"th", b"li", b"table"])
        }
        _ => return,
    };
    // The nearest wall below the top, and the kin above it, the widest
    // kin first (a row closes its row, not only its open cell).
    let top = stack.len().saturating_sub(8);
    let floor = (top..stack.len()).rev().find(|&k| wall.contains(&stack[k].as_slice())).map_or(top, |k| k + 1);
    for k in kin {
        if let Some(at) = (floor..stack.len()).rev().find(|&at| stack[at] == *k) {
            stack.truncate(at);
            return;
        }
    }
}

/// The end of the tag at `lt` (past its `>`, or the end of the text) and,
/// when it is an element's tag, whether it closes and its name in lower
/// case. Comments, doctypes and processing instructions have no name.
fn scan_tag(b: &[u8], lt: usize) -> (usize, Option<(bool, Vec<u8>)>) {
    let rest = &b[lt..];
    if rest.starts_with(b"<!--") {
        let end = memchr::memmem::find(&rest[4..], b"-->").map_or(b.len(), |k| lt + 4 + k + 3);
        return (end, None);
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        return (memchr::memchr(b'>', rest).map_or(b.len(), |k| lt + k + 1), None);
    }
    let close = rest.get(1) == Some(&b'/');
    let from = lt + 1 + usize::from(close);
    if !b.get(from).is_some_and(u8::is_ascii_alphabetic) {
        return (lt + 1, None);
    }
    let len = b[from..].iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len() - from);
    let name: Vec<u8> = b[from..from + len.min(NAME)].iter().map(u8::to_ascii_lowercase).collect();
    (tag_end(b, from + len), Some((close, name)))
}

/// Past the `>` that ends a tag whose attributes start at `i`: a quoted
/// attribute value may hold a `>`. An unended tag runs to the end of the
/// text, as it does for a browser.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            b'=' => {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                    match memchr::memchr(q, &b[i + 1..]) {
                        Some(k) => i += k + 2,
                        None => return b.len(),
                    }
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// Where the text of a raw-text element (`<script>`) ends: at its closing
/// tag, from `i`, or the end of the text.
fn raw_end(b: &[u8], i: usize, name: &[u8]) -> usize {
    for k in memchr::memmem::find_iter(&b[i..], b"</") {
        let at = i + k + 2;
        if b.get(at..at + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return i + k;
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_within_the_limit_is_kept_as_it_is() {
        let src = "<div><p>一<p>二<table><tr><td>a<td>b<tr><td>c</table></div><script>'<div>'</script>";
        assert!(matches!(flatten(src), Cow::Borrowed(_)));
        let rows = "<table>".to_string() + &"<tr><td>a<td><p>b".repeat(10_000) + "</table>";
        assert!(matches!(flatten(&rows), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_are_left_out_with_their_closing_tags() {
        let n = 100_000;
        let src = "<div>".repeat(n) + "正文" + &"</div>".repeat(n) + "<p>后文</p>";
        let flat = flatten(&src);
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert!(flat.contains("正文") && flat.ends_with("<p>后文</p>"));
    }

    #[test]
    fn broken_tags_are_total() {
        for src in ["<", "<a", "<a b='", "<!--", "</", "<div a=\"x>y\">z", "<script>", "<a\u{4e00}>"] {
            let _ = flatten(src);
        }
        let _ = flatten(&"<a b='".repeat(10_000));
        let _ = flatten(&"<div ".repeat(10_000));
    }
}
