//! The charset of a web page, told as a browser tells it: a byte-order
//! mark first, then a `<meta charset>` or `http-equiv` declaration in the
//! first 1,024 bytes, then fengong's own order for text (UTF-8 when the
//! bytes are valid UTF-8, GB18030 otherwise). GBK and GB2312 pages are read
//! as GB18030, their superset. A declaration the bytes belie (a page that
//! says `gb2312` and is UTF-8) gives way to the encoding that reads them
//! without a fault; otherwise faulty bytes become U+FFFD, as in a browser.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// How far into the page a declaration is looked for (the HTML standard's
/// prescan length).
const PRESCAN: usize = 1024;

/// The text of a page's bytes.
pub(super) fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return UTF_8.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return UTF_16LE.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return UTF_16BE.decode_without_bom_handling(rest).0.into_owned();
    }
    let Some(encoding) = declared(&bytes[..bytes.len().min(PRESCAN)]) else {
        return guess(bytes).unwrap_or_else(|| GB18030.decode_without_bom_handling(bytes).0.into_owned());
    };
    if encoding != UTF_8 && !bytes.is_ascii() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            // Text beyond ASCII that is valid UTF-8 is UTF-8, whatever the
            // page says (a site's template keeps an old declaration).
            return text.to_owned();
        }
    }
    let (text, faulty) = encoding.decode_without_bom_handling(bytes);
    if faulty {
        if let Some(clean) = guess(bytes) {
            return clean;
        }
    }
    text.into_owned()
}

/// The bytes as UTF-8 when they are valid UTF-8, else as GB18030 when they
/// are valid GB18030; `None` when neither reads them without a fault.
fn guess(bytes: &[u8]) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_owned());
    }
    GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|t| t.into_owned())
}

/// The encoding a `<meta>` tag in `head` declares (`<meta charset=gbk>`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`).
/// A UTF-16 label in a page that has no UTF-16 byte-order mark means UTF-8,
/// as the standard says; GBK means GB18030.
pub(super) fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for at in memchr::memmem::find_iter(&lower, b"<meta") {
        let tag = &lower[at..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        let Some(k) = memchr::memmem::find(tag, b"charset") else { continue };
        let rest = tag[k + 7..].trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest.trim_ascii_start();
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest.iter().position(|&c| !(c.is_ascii_alphanumeric() || b"-_.:".contains(&c))).unwrap_or(rest.len());
        let Some(encoding) = Encoding::for_label(&rest[..end]) else { continue };
        return Some(if encoding == GBK {
            GB18030
        } else if encoding == UTF_16LE || encoding == UTF_16BE {
            UTF_8
        } else {
            encoding
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meta_charset_names_the_encoding() {
        assert_eq!(declared(b"<html><head><meta charset=\"GBK\">"), Some(GB18030));
        assert_eq!(declared(b"<META http-equiv=Content-Type content='text/html; charset=gb2312'>"), Some(GB18030));
        assert_eq!(declared(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(declared(b"<meta name=viewport content=width=device-width><p>charset=gbk"), None);
        assert_eq!(declared(b"<meta charset=nonsense>"), None);
    }

    #[test]
    fn the_bytes_are_read_in_the_declared_or_the_guessed_encoding() {
        let (gbk, _, _) = GB18030.encode("<meta charset=gbk><p>市财政局</p>");
        assert!(decode(&gbk).contains("市财政局"));
        let (gbk, _, _) = GB18030.encode("<p>市财政局</p>");
        assert!(decode(&gbk).contains("市财政局"));
        // A page that says GB2312 but is UTF-8.
        assert!(decode("<meta charset=gb2312><p>市财政局</p>".as_bytes()).contains("市财政局"));
        assert_eq!(decode(b"\xEF\xBB\xBF<p>a"), "<p>a");
        assert_eq!(decode(b"\xFF\xFE<\0p\0>\0"), "<p>");
        assert_eq!(decode(b""), "");
    }
}
