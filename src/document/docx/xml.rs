//! The XML parts of a Word file walked event by event (`quick-xml`), within
//! limits: elements nested deeper than [`MAX_DEPTH`] or more than
//! [`MAX_ELEMENTS`] of them are an error, not a stack overflow or a hang.
//!
//! Entities are never expanded: a `<!DOCTYPE>` is ignored, the five
//! predefined entities and character references are decoded, and a
//! reference to any other entity (a "billion laughs" declaration) reads as
//! nothing. Nothing here recurses, so depth costs no stack.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesEnd, BytesStart, Event};

use crate::error::Error;
use crate::source::DocumentKind;

use super::super::archive::malformed;

/// The deepest elements may nest (a Word body nests a dozen deep, a table
/// in a table's cell about six more).
pub(super) const MAX_DEPTH: usize = 256;
/// The most elements a part may hold.
pub(super) const MAX_ELEMENTS: usize = 20_000_000;

/// One event of a part, as the readers use it.
pub(super) enum Ev<'a> {
    /// An element opens (`<w:p>`).
    Start(BytesStart<'a>),
    /// An element with no content (`<w:tab/>`).
    Empty(BytesStart<'a>),
    /// An element closes.
    End(BytesEnd<'a>),
    /// Text, references decoded.
    Text(Cow<'a, str>),
    /// The end of the part.
    Eof,
}

/// A part's events with their depth counted and capped.
pub(super) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    elements: usize,
}

impl<'a> Xml<'a> {
    /// The events of `bytes` (a UTF-8 XML part).
    pub(super) fn new(bytes: &'a [u8]) -> Xml<'a> {
        let mut reader = Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.trim_text(false);
        config.allow_dangling_amp = true;
        Xml { reader, depth: 0, elements: 0 }
    }

    /// The next event, or an error for broken XML or one past the limits.
    pub(super) fn next(&mut self) -> Result<Ev<'a>, Error> {
        loop {
            let ev = self.reader.read_event().map_err(|e| bad(format!("broken XML ({e})")))?;
            match ev {
                Event::Start(e) => {
                    self.count()?;
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(bad(format!("elements nested more than {MAX_DEPTH} deep")));
                    }
                    return Ok(Ev::Start(e));
                }
                Event::Empty(e) => {
                    self.count()?;
                    return Ok(Ev::Empty(e));
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Ev::End(e));
                }
                Event::Text(t) => match t.xml10_content() {
                    Ok(s) => return Ok(Ev::Text(s)),
                    Err(_) => continue,
                },
                Event::CData(t) => match t.xml10_content() {
                    Ok(s) => return Ok(Ev::Text(s)),
                    Err(_) => continue,
                },
                Event::GeneralRef(r) => {
                    if let Some(s) = reference(&r) {
                        return Ok(Ev::Text(Cow::Owned(s)));
                    }
                }
                Event::Eof => return Ok(Ev::Eof),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    /// Skips the rest of the element just opened (its content and its end).
    pub(super) fn skip(&mut self) -> Result<(), Error> {
        let depth = self.depth;
        while self.depth >= depth {
            if let Ev::Eof = self.next()? {
                break;
            }
        }
        Ok(())
    }

    /// Counts an element against [`MAX_ELEMENTS`].
    fn count(&mut self) -> Result<(), Error> {
        self.elements += 1;
        if self.elements > MAX_ELEMENTS {
            return Err(bad(format!("more than {MAX_ELEMENTS} elements")));
        }
        Ok(())
    }
}

/// The text of a reference: a character reference or one of the five
/// predefined entities; `None` for any other (never expanded).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().map(String::from);
    }
    let s = match &**r {
        b"amp" => "&",
        b"lt" => "<",
        b"gt" => ">",
        b"quot" => "\"",
        b"apos" => "'",
        _ => return None,
    };
    Some(s.to_string())
}

/// The local name of an element (`p` for `w:p`).
pub(super) fn local(name: &[u8]) -> &[u8] {
    match memchr::memrchr(b':', name) {
        Some(k) => &name[k + 1..],
        None => name,
    }
}

/// The value of the attribute of local name `key` (`val` for `w:val`),
/// the predefined entities and character references decoded.
pub(super) fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    let a = e.attributes().with_checks(false).flatten().find(|a| local(a.key.as_ref()) == key)?;
    match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(v) => Some(v.into_owned()),
        Err(_) => Some(String::from_utf8_lossy(&a.value).into_owned()),
    }
}

/// The attribute `key` as a number, `None` when absent or not one.
pub(super) fn num(e: &BytesStart<'_>, key: &[u8]) -> Option<u32> {
    attr(e, key)?.trim().parse().ok()
}

/// True when an on/off property (`<w:vanish/>`, `<w:vanish w:val="0"/>`)
/// is on.
pub(super) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"))
}

/// An [`Error::Malformed`] of a Word file.
pub(super) fn bad(reason: String) -> Error {
    malformed(DocumentKind::Docx, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Result<String, Error> {
        let mut x = Xml::new(xml.as_bytes());
        let mut out = String::new();
        loop {
            match x.next()? {
                Ev::Text(t) => out.push_str(&t),
                Ev::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    #[test]
    fn references_are_decoded_and_entities_never_expanded() {
        assert_eq!(texts("<a>x&amp;y&#x4E00;&#20108;</a>").unwrap(), "x&y一二");
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">\
            <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\
            <l>x&c;y</l>";
        assert_eq!(texts(laughs).unwrap(), "xy");
    }

    #[test]
    fn depth_past_the_cap_is_an_error_not_a_stack_overflow() {
        let xml = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        assert!(matches!(texts(&xml), Err(Error::Malformed { .. })));
        let ok = format!("{}x{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert_eq!(texts(&ok).unwrap(), "x");
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(texts("<a><b></a>").is_err());
    }

    #[test]
    fn attributes_by_local_name() {
        let mut x = Xml::new(b"<w:numFmt w:val=\"chineseCounting\" w:n=\" 3\"/>");
        let Ok(Ev::Empty(e)) = x.next() else { panic!("an element") };
        assert_eq!(attr(&e, b"val").as_deref(), Some("chineseCounting"));
        assert_eq!(num(&e, b"n"), Some(3));
        assert!(on(&e));
    }
}
