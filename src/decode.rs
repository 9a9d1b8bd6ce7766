//! Bytes into text: UTF-8 with or without a byte-order mark, UTF-16 LE/BE
//! with one, and GB18030 (which GBK is a subset of) without one, the way
//! most plans saved on Windows come.
//!
//! Without a BOM, strict UTF-8 is tried first, then GB18030; bytes valid in
//! neither are an error that names the offset of the first bad byte in the
//! encoding that read furthest.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::error::Error;

/// Text decoded from bytes, and what it was decoded from.
///
/// ```
/// let d = fengong::decode(b"\xef\xbb\xbf\xe4\xb8\x80").unwrap();
/// assert_eq!((d.encoding, d.text.as_ref()), ("UTF-8", "\u{feff}一"));
/// let d = fengong::decode(b"\xd2\xbb\xa1\xa2").unwrap(); // 一、 in GB18030
/// assert_eq!((d.encoding, d.text.as_ref()), ("GB18030", "一、"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text. For UTF-8 input it borrows the bytes (a BOM stays in the
    /// text as its first character, so spans are byte offsets into the
    /// input); other encodings are decoded into a new string without the BOM.
    pub text: Cow<'a, str>,
    /// The encoding used: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, or
    /// `GB18030 read as Latin-1` for UTF-8 text a tool made by reading a
    /// GB18030 page as Latin-1 (`Ç£Í·µ¥Î»` for `牵头单位`), repaired.
    pub encoding: &'static str,
}

impl Decoded<'_> {
    /// Parses the decoded text; the plan's `encoding` is the one decoded from.
    /// Keep the `Decoded` to slice the plan's spans.
    ///
    /// ```
    /// let bytes = "一、其他\n1.做好公开。\n市财政局\n".as_bytes();
    /// let decoded = fengong::decode(bytes).unwrap();
    /// let plan = decoded.parse_with(&fengong::Options::default());
    /// let unit = &plan.sections[0].tasks[0].responsible[0];
    /// assert_eq!(unit.span.slice(&decoded.text), "市财政局");
    /// ```
    pub fn parse_with(&self, options: &crate::Options) -> crate::Plan<'_> {
        let mut plan = crate::parse_with(&self.text, options);
        plan.encoding = Some(self.encoding.to_string());
        plan
    }
}

/// Decodes a plan's bytes: UTF-8 with or without a byte-order mark, UTF-16
/// LE/BE with one, GB18030 (and so GBK) without one. Without a BOM, strict
/// UTF-8 is tried first, then GB18030; bytes valid in neither are an
/// [`Error::Decode`](crate::Error::Decode) naming the offset of the first bad
/// byte in the encoding that read furthest.
///
/// ```
/// let bytes = [0xFF, 0xFE, 0x00, 0x4E]; // UTF-16LE BOM, then 一
/// let d = fengong::decode(&bytes).unwrap();
/// assert_eq!((d.encoding, d.text.as_ref()), ("UTF-16LE", "一"));
/// let err = fengong::decode(b"\xe4\xb8\x80\xff\xff").unwrap_err();
/// assert_eq!(err.to_string(), "input is not valid UTF-8: invalid byte at offset 3");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return utf8(bytes);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return strict(UTF_16LE, &bytes[2..], 2).map(|t| Decoded { text: Cow::Owned(t), encoding: "UTF-16LE" });
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return strict(UTF_16BE, &bytes[2..], 2).map(|t| Decoded { text: Cow::Owned(t), encoding: "UTF-16BE" });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(match latin1_mojibake(text) {
            Some(fixed) => Decoded { text: Cow::Owned(fixed), encoding: MOJIBAKE },
            None => Decoded { text: Cow::Borrowed(text), encoding: "UTF-8" },
        }),
        Err(utf8_err) => match strict(GB18030, bytes, 0) {
            Ok(text) => Ok(Decoded { text: Cow::Owned(text), encoding: "GB18030" }),
            Err(Error::Decode { offset, .. }) if offset > utf8_err.valid_up_to() => {
                Err(Error::Decode { encoding: "GB18030", offset })
            }
            Err(_) => Err(Error::Decode { encoding: "UTF-8", offset: utf8_err.valid_up_to() }),
        },
    }
}

/// The encoding named for text repaired by [`latin1_mojibake`].
const MOJIBAKE: &str = "GB18030 read as Latin-1";

/// The text a tool made by reading GB18030 (or UTF-8) bytes as Latin-1 and
/// writing the characters out as UTF-8 (`Ç£Í·µ¥Î»` for `牵头单位`: pandoc on
/// a GBK page whose charset it was not told), read again as it was
/// written; `None` for any other text. It is such text when it holds no
/// ideograph, only characters up to U+00FF, and at least 64 of them above
/// U+007F, and those bytes read as GB18030 (or UTF-8) give ideographs.
fn latin1_mojibake(text: &str) -> Option<String> {
    let (mut high, mut visible) = (0usize, 0usize);
    for c in text.chars() {
        match c as u32 {
            0..=0x7F => visible += usize::from(!c.is_ascii_whitespace()),
            0x80..=0xFF => high += 1,
            // An ideograph, or any character Latin-1 has not: real text.
            _ => return None,
        }
    }
    // Two bytes an ideograph: most of the text (a Latin text has a few accents).
    if high < 64 || high < visible {
        return None;
    }
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    let fixed = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => strict(GB18030, e.as_bytes(), 0).ok()?,
    };
    let ideographs = fixed.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count();
    (ideographs * 4 >= high).then_some(fixed)
}

fn utf8(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    std::str::from_utf8(bytes)
        .map(|t| Decoded { text: Cow::Borrowed(t), encoding: "UTF-8" })
        .map_err(|e| Error::Decode { encoding: "UTF-8", offset: e.valid_up_to() })
}

/// Decodes with no replacement characters: the first malformed sequence is
/// an error naming its byte offset (plus `skip`, the BOM already read).
fn strict(encoding: &'static Encoding, bytes: &[u8], skip: usize) -> Result<String, Error> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, after) => Err(Error::Decode {
            encoding: encoding.name(),
            offset: skip + read - usize::from(bad) - usize::from(after),
        }),
        DecoderResult::OutputFull => Err(Error::Decode { encoding: encoding.name(), offset: skip + read }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_lone_surrogate_names_the_offset() {
        // BOM, 一, then a lone high surrogate D800 followed by 'a'.
        let bytes = [0xFF, 0xFE, 0x00, 0x4E, 0x00, 0xD8, 0x61, 0x00];
        let err = decode(&bytes).unwrap_err();
        assert!(matches!(err, Error::Decode { encoding: "UTF-16LE", offset: 4 }), "{err}");
    }

    #[test]
    fn gb18030_with_bad_bytes_in_the_middle() {
        let mut bytes = Vec::new();
        for _ in 0..10 {
            bytes.extend_from_slice(b"\xd2\xbb\xa1\xa2"); // 一、
        }
        let at = bytes.len();
        bytes.extend_from_slice(b"\x81\x20"); // a lead byte with an ASCII trail: malformed
        let err = decode(&bytes).unwrap_err();
        assert!(matches!(err, Error::Decode { encoding: "GB18030", offset } if offset == at), "{err}");
    }

    #[test]
    fn gb18030_a_tool_read_as_latin1_is_repaired() {
        let plan = "一、做好政务公开\n1.推进决策公开。（市政府办公室牵头，市财政局、市税务局配合）\n".repeat(3);
        let (gbk, _, _) = GB18030.encode(&plan);
        // What pandoc writes of a GBK page it reads as Latin-1.
        let mojibake: String = gbk.iter().map(|&b| char::from(b)).collect();
        let d = decode(mojibake.as_bytes()).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), (MOJIBAKE, plan.as_str()));
        // A Latin text with its accents, and Chinese text, stay as they are.
        let french = "Le président a réuni les élus à la mairie. ".repeat(20);
        assert_eq!(decode(french.as_bytes()).unwrap().encoding, "UTF-8");
        assert_eq!(decode(plan.as_bytes()).unwrap().encoding, "UTF-8");
    }

    #[test]
    fn utf16_big_endian() {
        let d = decode(&[0xFE, 0xFF, 0x4E, 0x00, 0x00, 0x0A]).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), ("UTF-16BE", "一\n"));
    }
}
