//! Where a plan read from a file came from: the kind of file, the text
//! extracted from it (which the plan's spans index), and for each stretch of
//! that text the place in the file it was read from (a table's row and
//! column, a paragraph, a sheet's cell).
//!
//! A plan parsed from text has no [`Source`]: its spans index the text
//! itself. A plan read by [`crate::parse_document`] keeps the text its
//! reader extracted in [`Source::text`], so that its segments still tile
//! something, and [`Plan::origin`](crate::Plan::origin) tells where in the
//! file any span stands.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// The kind of a document's bytes, told by their content
/// ([`DocumentKind::sniff`]), not by a file's name.
///
/// ```
/// use fengong::DocumentKind;
/// assert_eq!(DocumentKind::sniff(b"%PDF-1.7\n"), DocumentKind::Pdf);
/// assert_eq!(DocumentKind::sniff(b"<!DOCTYPE html><html>"), DocumentKind::Html);
/// assert_eq!(DocumentKind::sniff(b"<tbody><tr><td>"), DocumentKind::Html);
/// assert_eq!(DocumentKind::sniff("<div class=\"wrap\">\n一、其他".as_bytes()), DocumentKind::Text);
/// assert_eq!(DocumentKind::sniff("一、其他\n".as_bytes()), DocumentKind::Text);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// Plain text (or Markdown): read by [`crate::parse_bytes`].
    #[default]
    Text,
    /// A web page.
    Html,
    /// A Word file (`.docx`): a zip holding `word/document.xml`.
    Docx,
    /// An Excel workbook (`.xlsx`): a zip holding `xl/workbook.xml`.
    Xlsx,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
    /// An OpenDocument text (`.odt`): read through LibreOffice.
    Odt,
    /// An old Excel workbook (`.xls`): an OLE compound file holding a
    /// `Workbook` stream.
    Xls,
    /// Another OLE compound file: an old Word (`.doc`) or WPS (`.wps`) file,
    /// read through LibreOffice.
    Ole,
    /// A PDF: read through `pdftotext -bbox-layout`.
    Pdf,
    /// The words of a PDF with their positions, as `pdftotext -bbox-layout`
    /// writes them (an XHTML page of `<word xMin=…>` elements).
    PdfWords,
    /// Rich text (`.rtf`): read through LibreOffice.
    Rtf,
    /// A zip that is none of the above.
    Zip,
    /// Bytes that are none of these (an image, an executable).
    Binary,
}

impl DocumentKind {
    /// The kind of `bytes`, from their first bytes and, for a zip, the names
    /// of its entries.
    ///
    /// ```
    /// use fengong::DocumentKind;
    /// assert_eq!(DocumentKind::sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), DocumentKind::Ole);
    /// assert_eq!(DocumentKind::sniff(b"{\\rtf1\\ansi"), DocumentKind::Rtf);
    /// assert_eq!(DocumentKind::sniff(b"\x89PNG\r\n\x1a\n\0\0"), DocumentKind::Binary);
    /// ```
    pub fn sniff(bytes: &[u8]) -> DocumentKind {
        let head = &bytes[..bytes.len().min(1024)];
        if bytes.starts_with(b"%PDF") {
            return DocumentKind::Pdf;
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            // The directory names its streams in UTF-16: a workbook's is
            // `Workbook` (`Book` before Excel 97).
            let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
            let book = [utf16("Workbook"), utf16("Book\0")];
            if book.iter().any(|n| memchr::memmem::find(bytes, n).is_some()) {
                return DocumentKind::Xls;
            }
            return DocumentKind::Ole;
        }
        if bytes.starts_with(b"{\\rtf") {
            return DocumentKind::Rtf;
        }
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return zip_kind(bytes);
        }
        let text = trim_start(head);
        let lower: Vec<u8> = text.iter().take(512).map(u8::to_ascii_lowercase).collect();
        if lower.starts_with(b"<?xml") || lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
            if memchr::memmem::find(&lower, b"<doc>").is_some() || find(bytes, b"<word xMin=") {
                return DocumentKind::PdfWords;
            }
            if lower.starts_with(b"<?xml") && memchr::memmem::find(&lower, b"<html").is_none() {
                return if find(bytes, b"<word xMin=") { DocumentKind::PdfWords } else { DocumentKind::Text };
            }
            return DocumentKind::Html;
        }
        // A page saved without its head may start at its table. (Not at a
        // `<div>` or a `<p>`: pandoc's Markdown of a page starts so, and
        // its text between the tags is Markdown, which the text readers
        // read.)
        let starts = ["<head", "<meta", "<body", "<!--", "<title", "<table", "<tbody"];
        if starts.iter().any(|t| lower.starts_with(t.as_bytes())) {
            return DocumentKind::Html;
        }
        if bytes.contains(&0) && !utf16(bytes) {
            return DocumentKind::Binary;
        }
        DocumentKind::Text
    }

    /// The name used in messages and the JSON (`docx`, `html`).
    ///
    /// ```
    /// assert_eq!(fengong::DocumentKind::Docx.as_str(), "docx");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Text => "text",
            DocumentKind::Html => "html",
            DocumentKind::Docx => "docx",
            DocumentKind::Xlsx => "xlsx",
            DocumentKind::Ods => "ods",
            DocumentKind::Odt => "odt",
            DocumentKind::Xls => "xls",
            DocumentKind::Ole => "ole",
            DocumentKind::Pdf => "pdf",
            DocumentKind::PdfWords => "pdf-words",
            DocumentKind::Rtf => "rtf",
            DocumentKind::Zip => "zip",
            DocumentKind::Binary => "binary",
        }
    }
}

/// Writes [`DocumentKind::as_str`].
impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The bytes after leading white space and a UTF-8 byte-order mark.
fn trim_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let k = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[k..]
}

/// True when `needle` stands in the first 64 KiB of `bytes`.
fn find(bytes: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1 << 16)], needle).is_some()
}

/// True for UTF-16 text with a byte-order mark (its NULs are text).
fn utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// The kind of a zip, from the names its local headers carry (each
/// `PK\x03\x04` header holds its entry's name 30 bytes in).
fn zip_kind(bytes: &[u8]) -> DocumentKind {
    let mut kind = DocumentKind::Zip;
    for at in memchr::memmem::find_iter(bytes, b"PK\x03\x04").take(4096) {
        let Some(h) = bytes.get(at..at + 30) else { break };
        let n = u16::from_le_bytes([h[26], h[27]]) as usize;
        let Some(name) = bytes.get(at + 30..at + 30 + n) else { break };
        match name {
            b"word/document.xml" => return DocumentKind::Docx,
            b"xl/workbook.xml" => return DocumentKind::Xlsx,
            b"mimetype" => {
                let rest = &bytes[at + 30 + n..bytes.len().min(at + 30 + n + 80)];
                if find(rest, b"opendocument.spreadsheet") {
                    kind = DocumentKind::Ods;
                } else if find(rest, b"opendocument.text") {
                    kind = DocumentKind::Odt;
                }
            }
            _ => {}
        }
    }
    kind
}

/// Where a stretch of a document's text stands in the file: a table's row
/// and column (1-based), a paragraph outside tables, a sheet's cell.
///
/// ```
/// let mut cell = fengong::Origin::default();
/// (cell.table, cell.row, cell.column) = (Some(1), Some(4), Some(3));
/// assert_eq!(cell.to_string(), "table 1, row 4, column 3");
/// let mut sheet = fengong::Origin::default();
/// (sheet.sheet, sheet.row, sheet.column) = (Some("Sheet1".into()), Some(7), Some(3));
/// assert_eq!(sheet.to_string(), "Sheet1!C7");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Origin {
    /// The sheet of a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The page (of a PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The table, counted from 1 in the document's order (nested tables
    /// count where they start).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    /// The row: of the table, or of the sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The column: of the table's grid (after spans), or of the sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The paragraph outside tables, counted from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// True for a list's label that the file does not hold as text but
    /// draws from its numbering (Word's automatic `一、`, `（一）`, `1.`):
    /// the reader wrote it from the list's definition.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub numbering: bool,
}

/// `Sheet1!C7`, `table 1, row 4, column 3`, `page 2, paragraph 12`.
impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(sheet), Some(row), Some(col)) = (&self.sheet, self.row, self.column) {
            return write!(f, "{sheet}!{}{row}", column_letters(col));
        }
        let mut parts: Vec<String> = Vec::new();
        if let Some(s) = &self.sheet {
            parts.push(format!("sheet {s}"));
        }
        let named = [("page", self.page), ("table", self.table), ("row", self.row), ("column", self.column)];
        parts.extend(named.iter().filter_map(|(n, v)| v.map(|v| format!("{n} {v}"))));
        if let Some(p) = self.paragraph {
            parts.push(format!("paragraph {p}"));
        }
        f.write_str(&parts.join(", "))?;
        if self.numbering {
            f.write_str(" (its list's numbering)")?;
        }
        Ok(())
    }
}

/// A sheet's column letters: 1 → `A`, 27 → `AA`.
fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    while col > 0 {
        let r = (col - 1) % 26;
        out.push(b'A' + r as u8);
        col = (col - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// What a plan read from a file was read from: the file's kind, the text
/// its reader extracted (the plan's spans index it, and its segments tile
/// it), the tool that made the text when one did, and the place in the file
/// of each stretch of the text.
///
/// ```
/// let page = "<html><body><p>一、其他</p><table><tr><td>1.做好公开。</td><td>市财政局</td></tr></table></body></html>";
/// # #[cfg(feature = "documents")] {
/// let plan = fengong::parse_document(page.as_bytes(), &fengong::Options::default()).unwrap();
/// let source = plan.source.as_deref().unwrap();
/// assert_eq!(source.kind, fengong::DocumentKind::Html);
/// let unit = &plan.sections[0].tasks[0].responsible[0];
/// assert_eq!(unit.span.slice(&source.text), "市财政局");
/// assert_eq!(plan.origin(unit.span).unwrap().to_string(), "table 1, row 1, column 2");
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// The kind of file.
    pub kind: DocumentKind,
    /// The text extracted from the file: paragraphs a line each, a table's
    /// row a line with its cells apart by tabs (a cell's paragraphs on lines
    /// of their own).
    pub text: String,
    /// The tool that turned the file into what was read, when one did
    /// (`pdftotext -bbox-layout`, `soffice`).
    pub tool: Option<String>,
    /// Each stretch of [`Source::text`] that came from one place of the
    /// file, in the order of the text. Not in the JSON, which gives each
    /// section, task, unit and diagnostic its `origin` instead.
    #[serde(skip)]
    pub origins: Vec<(Span, Origin)>,
}

impl Source {
    /// Where the text at `span` came from: the place of the stretch that
    /// holds its start.
    ///
    /// ```
    /// let mut s = fengong::Source::default();
    /// let mut first = fengong::Origin::default();
    /// first.paragraph = Some(1);
    /// s.origins.push((fengong::Span::new(0, 6), first));
    /// assert_eq!(s.origin(fengong::Span::new(3, 4)).unwrap().paragraph, Some(1));
    /// assert!(s.origin(fengong::Span::new(6, 7)).is_none());
    /// ```
    pub fn origin(&self, span: Span) -> Option<&Origin> {
        let k = self.origins.partition_point(|(s, _)| s.start <= span.start);
        let (s, o) = self.origins.get(k.checked_sub(1)?)?;
        (span.start < s.end || s.is_empty() && span.start == s.start).then_some(o)
    }
}
