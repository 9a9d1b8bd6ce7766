//! Word files (`.docx`): the body's paragraphs and tables in order, read
//! from `word/document.xml` by walking its XML by hand (`quick-xml`; the
//! Word crates examined hang on wrong input, drop tables or lose merges),
//! with the labels of automatically numbered paragraphs rendered from
//! `word/numbering.xml` and `word/styles.xml`.
//!
//! Parts:
//! - `xml`: events within limits (depth, element count), entities never
//!   expanded;
//! - `body`: the walk of the body (runs, breaks, content controls, tracked
//!   changes, tables in tables);
//! - `table`: a table's grid (column spans, vertical merges, empty slots
//!   before and after a row), layout tables read as blocks;
//! - `numbering`: list definitions, counters and number formats.
//!
//! A numbering label is written by Word, not typed: it has no place in
//! `document.xml`. The reader puts it at the start of its paragraph's text
//! (`一、`, `（一）`, `1.` followed by the paragraph), so the outline reads
//! it as it reads a typed one; the paragraph's origin (its number in the
//! body or its table cell) covers the label with the text, which is where
//! Word draws it.

mod body;
mod numbering;
mod table;
mod xml;

use super::archive::{Archive, catch};
use super::{Builder, Extract};
use crate::error::Error;
use crate::source::{DocumentKind, Origin};

use table::Out;

/// The main part of a Word file when its relationships name none.
const DOCUMENT: &str = "word/document.xml";

/// The document of a Word file: its body's paragraphs and tables, at most
/// `limit` bytes of text. A zip that holds no Word body (a workbook given
/// as a Word file), a broken part or one past the limits is
/// [`Error::Malformed`].
pub(crate) fn read(bytes: &[u8], limit: usize) -> Result<Extract, Error> {
    let kind = DocumentKind::Docx;
    let mut zip = Archive::open(bytes, kind)?;
    let name = main_part(&mut zip)?;
    let Some(document) = zip.read(&name)? else {
        return Err(xml::bad(format!("no {name} in the archive: not a Word file")));
    };
    let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
    let part = |n: &str| if dir.is_empty() { n.to_string() } else { format!("{dir}/{n}") };
    let numbering_xml = zip.read(&part("numbering.xml"))?;
    let styles_xml = zip.read(&part("styles.xml"))?;
    // Broken list definitions lose the labels, not the document.
    let mut numbering =
        catch(kind, || numbering::Numbering::new(numbering_xml.as_deref(), styles_xml.as_deref()))?.unwrap_or_default();
    let blocks = catch(kind, || body::read(&document, &mut numbering))??;
    let mut b = Builder::new(limit).with_labels();
    let base = Origin::default();
    for block in blocks {
        match block {
            Out::Para(text) => b.para(&text, &base),
            Out::Table(rows) => b.table(rows, &base),
        }
    }
    Ok(b.finish())
}

/// The name of the main part: the target of the package's
/// `officeDocument` relationship, else [`DOCUMENT`].
fn main_part(zip: &mut Archive<'_>) -> Result<String, Error> {
    let Some(rels) = zip.read("_rels/.rels")? else { return Ok(DOCUMENT.into()) };
    let mut x = xml::Xml::new(&rels);
    loop {
        match x.next() {
            Ok(xml::Ev::Start(e) | xml::Ev::Empty(e)) => {
                let office = xml::attr(&e, b"Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if let Some(target) = xml::attr(&e, b"Target").filter(|_| office) {
                    let target = target.trim_start_matches('/');
                    if !target.is_empty() && !target.contains("..") {
                        return Ok(target.to_string());
                    }
                }
            }
            Ok(xml::Ev::Eof) | Err(_) => return Ok(DOCUMENT.into()),
            Ok(_) => {}
        }
    }
}
