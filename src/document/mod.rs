//! Files read natively: web pages, Word and Excel files, and the words of a
//! PDF with their positions (`pdftotext -bbox-layout`).
//!
//! Each reader fills the same [`crate::read::Document`] of paragraphs and
//! tables that the text readers make, from the file's own structure (a
//! table's rows and cells, its row and column spans), through a
//! [`build::Builder`] that writes the text the plan's spans index and
//! records where in the file each stretch of it stands. The outline reads
//! the document as it reads any other ([`crate::read::parse`]).
//!
//! Where is what:
//! - telling the kind of a file from its bytes: [`crate::DocumentKind::sniff`];
//! - the text and document every reader fills: [`build`];
//! - zips read within limits (a zip bomb, a truncated archive): [`archive`];
//! - web pages: `html`; Word files: `docx`; workbooks: `sheet`; a PDF's
//!   words: `words`.

pub(crate) mod archive;
pub(crate) mod build;
mod docx;
mod html;
mod sheet;
mod words;

use crate::error::Error;
use crate::model::{Layout, Plan};
use crate::options::Options;
use crate::read::Block;
use crate::source::{DocumentKind, Source};

pub(crate) use build::{Builder, Extract, Slot};

/// Parses a plan from a file's bytes, whatever kind of file it is: a web
/// page, a Word file (`.docx`), an Excel or OpenDocument workbook (`.xlsx`,
/// `.xls`, `.ods`; the sheet that holds the most tasks), the words of a PDF
/// as `pdftotext -bbox-layout` writes them, or text ([`crate::parse_bytes`]).
/// The kind is told from the content ([`DocumentKind::sniff`]) unless
/// [`Options::document_kind`] names it.
///
/// The plan's [`Plan::source`] keeps the text the reader extracted (its
/// spans index it, its segments tile it) and where in the file each
/// stretch of it stands ([`Plan::origin`]). A PDF, an old Word or WPS file
/// (`.doc`, `.wps`), an `.odt` or an `.rtf` is read through an outside tool,
/// which the library does not run: it answers [`Error::NeedsTool`], and the
/// converter runs the tool. Bytes of no document kind are
/// [`Error::NotADocument`]; a broken file or one past the readers' limits
/// is [`Error::Malformed`].
///
/// ```
/// let page = "<html><body><h1>工作分工</h1><table>\
///     <tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>\
///     <tr><td>1</td><td>做好政务公开。</td><td>市财政局</td></tr></table></body></html>";
/// let plan = fengong::parse_document(page.as_bytes(), &fengong::Options::default()).unwrap();
/// let task = plan.tasks().next().unwrap().task;
/// assert_eq!(task.lead[0].name, "市财政局");
/// assert_eq!(plan.origin(task.lead[0].span).unwrap().to_string(), "table 1, row 2, column 3");
/// assert!(matches!(fengong::parse_document(b"%PDF-1.4", &fengong::Options::default()),
///     Err(fengong::Error::NeedsTool { .. })));
/// ```
pub fn parse_document(bytes: &[u8], options: &Options) -> Result<Plan<'static>, Error> {
    let mut plans = parse_document_plans(bytes, options)?;
    // The plan with the most tasks (a workbook's sheet), the first of equals.
    let best = (0..plans.len()).rev().max_by_key(|&k| plans[k].tasks().count()).unwrap_or(0);
    Ok(plans.swap_remove(best))
}

/// Like [`parse_document`], but a workbook gives a plan for each sheet that
/// holds one (every sheet with a task; the first sheet when none has), in
/// the workbook's order. Any other file gives one plan.
///
/// ```
/// let text = "一、其他\n1.做好公开。\n市财政局\n";
/// let plans = fengong::parse_document_plans(text.as_bytes(), &fengong::Options::default()).unwrap();
/// assert_eq!(plans.len(), 1);
/// ```
pub fn parse_document_plans(bytes: &[u8], options: &Options) -> Result<Vec<Plan<'static>>, Error> {
    if bytes.len() as u64 > options.max_input_bytes {
        return Err(Error::TooLarge { size: bytes.len() as u64, limit: options.max_input_bytes });
    }
    let kind = options.kind.unwrap_or_else(|| DocumentKind::sniff(bytes));
    let limit = usize::try_from(options.max_input_bytes).unwrap_or(usize::MAX);
    let extracts: Vec<Extract> = match kind {
        DocumentKind::Text => return Ok(vec![crate::parse_bytes_with(bytes, options)?.into_owned()]),
        DocumentKind::Pdf => return Err(needs_pdftotext(kind)),
        DocumentKind::Ole | DocumentKind::Rtf | DocumentKind::Odt => return Err(needs_soffice(kind)),
        DocumentKind::Zip => return Err(Error::NotADocument { what: "a zip archive of other files" }),
        DocumentKind::Binary => return Err(Error::NotADocument { what: "binary data" }),
        DocumentKind::Html => vec![html::read(bytes, limit)?],
        DocumentKind::Docx => vec![docx::read(bytes, limit)?],
        DocumentKind::Xlsx | DocumentKind::Xls | DocumentKind::Ods => sheet::read(bytes, kind, limit)?,
        DocumentKind::PdfWords => vec![words::read(bytes, limit)?],
    };
    let mut plans: Vec<Plan<'static>> = extracts.into_iter().map(|e| parse_extract(e, kind, options)).collect();
    if plans.len() > 1 {
        let any = plans.iter().any(|p| p.tasks().next().is_some());
        plans.retain(|p| !any || p.tasks().next().is_some());
    }
    Ok(plans)
}

/// The plan of a reader's extract, which keeps the extracted text.
pub(crate) fn parse_extract(ex: Extract, kind: DocumentKind, options: &Options) -> Plan<'static> {
    let mut doc = ex.doc;
    if doc.layout == Layout::Unknown && doc.blocks.iter().any(|b| matches!(b, Block::Table(_))) {
        doc.layout = Layout::Table;
    }
    let mut plan = crate::read::parse(&ex.text, &doc, options);
    crate::quotes::repair(&mut plan, &ex.text);
    let mut plan = plan.into_owned();
    plan.source = Some(Box::new(Source { kind, text: ex.text, tool: None, origins: ex.origins }));
    plan
}

/// The error for a PDF given to the library.
fn needs_pdftotext(kind: DocumentKind) -> Error {
    Error::NeedsTool {
        kind,
        tool: "pdftotext",
        hint: "run `pdftotext -bbox-layout FILE.pdf FILE.html` (Debian package poppler-utils) and read that, \
               or give the file to the converter, which does"
            .into(),
    }
}

/// The error for a file LibreOffice turns into a Word file.
fn needs_soffice(kind: DocumentKind) -> Error {
    Error::NeedsTool {
        kind,
        tool: "LibreOffice",
        hint: "run `soffice --headless --convert-to docx FILE` (Debian package libreoffice-writer-nogui) and read \
               the .docx, or give the file to the converter, which does"
            .into(),
    }
}
