//! The words of `pdftotext -bbox-layout` output, read with quick-xml as a
//! flat stream of events (no tree, so depth costs nothing): each
//! `<page>` and the `<word xMin yMin xMax yMax>` elements in it. Entities
//! are never expanded: the five of XML and character references are
//! decoded, any other reference is dropped. Coordinates that are not
//! finite numbers of a sane size drop their word.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The most words read; the rest of the file is left out.
pub(crate) const MAX_WORDS: usize = 1 << 20;
/// The most XML events read (elements, texts, references).
const MAX_EVENTS: usize = 1 << 24;
/// The largest coordinate taken (a page is under 15,000 points wide).
const MAX_COORD: f64 = 1.0e6;

/// A word and its box on its page (points, y growing down the page).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Word {
    /// The page, counted from 1.
    pub page: u32,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

impl Word {
    /// The middle of the word's height.
    pub fn ymid(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
    /// The word's height, at least a point.
    pub fn height(&self) -> f64 {
        (self.y1 - self.y0).max(1.0)
    }
}

/// The words of the file in its order, and whether some were left out for
/// the caps (`limit` bytes of text at most).
pub(crate) fn words(bytes: &[u8], limit: usize) -> (Vec<Word>, bool) {
    let mut reader = Reader::from_reader(bytes);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.expand_empty_elements = false;
    let mut out: Vec<Word> = Vec::new();
    let mut page: u32 = 0;
    let mut open: Option<Word> = None;
    let mut text_bytes = 0usize;
    let mut buf = Vec::new();
    for _ in 0..MAX_EVENTS {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            // A broken file: keep what was read before the break.
            Err(_) => return (out, true),
        };
        match event {
            Event::Eof => return (out, false),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"page" => {
                page = page.saturating_add(1);
                open = None;
            }
            Event::Start(e) if e.local_name().as_ref() == b"word" => open = word_box(&e, page.max(1)),
            Event::Text(t) => {
                if let (Some(w), Ok(s)) = (open.as_mut(), t.decode()) {
                    w.text.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = open.as_mut() {
                    w.text.extend(reference(&r));
                }
            }
            Event::CData(t) => {
                if let (Some(w), Ok(s)) = (open.as_mut(), t.decode()) {
                    w.text.push_str(&s);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"word" => {
                if let Some(mut w) = open.take() {
                    w.text = w.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if w.text.is_empty() {
                        continue;
                    }
                    text_bytes += w.text.len() + 1;
                    if out.len() >= MAX_WORDS || text_bytes > limit {
                        return (out, true);
                    }
                    out.push(w);
                }
            }
            _ => {}
        }
    }
    (out, true)
}

/// The character a reference stands for: a character reference or one of
/// XML's five entities; any other entity is not expanded.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    let name: &[u8] = r;
    match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

/// An empty word with the box of `<word>`'s attributes, or `None` when a
/// coordinate is missing or not a sane number.
fn word_box(e: &BytesStart<'_>, page: u32) -> Option<Word> {
    let mut c = [f64::NAN; 4];
    for a in e.attributes().with_checks(false).flatten() {
        let k = match a.key.local_name().as_ref() {
            b"xMin" => 0,
            b"yMin" => 1,
            b"xMax" => 2,
            b"yMax" => 3,
            _ => continue,
        };
        c[k] = std::str::from_utf8(&a.value).ok()?.trim().parse().ok()?;
    }
    if c.iter().any(|v| !v.is_finite() || v.abs() > MAX_COORD) || c[2] < c[0] || c[3] < c[1] {
        return None;
    }
    Some(Word { page, x0: c[0], y0: c[1], x1: c[2], y1: c[3], text: String::new() })
}
