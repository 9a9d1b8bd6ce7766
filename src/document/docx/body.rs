//! The walk of `word/document.xml`: paragraphs and tables in the body's
//! order, each paragraph's text from its runs.
//!
//! A run's `w:t` is its text, `w:tab` a space, `w:br`/`w:cr` a line break
//! (another paragraph, in a cell too); content controls (`w:sdt`) are read
//! through, tracked insertions (`w:ins`, `w:moveTo`) kept and deletions
//! (`w:del`, `w:moveFrom`, `w:delText`) dropped, as are field codes, hidden
//! runs (`w:vanish`), drawings and the old properties of tracked changes.
//! A numbered paragraph's label ([`Numbering::label`]) is put before its
//! text. The walk keeps its own stack of open tables, so a table in a cell
//! costs no recursion.

use quick_xml::events::BytesStart;

use crate::document::build::LABEL_END;
use crate::error::Error;

use super::numbering::Numbering;
use super::table::{CellIn, MAX_SLOTS, Out, RowIn, TableIn, VMerge};
use super::xml::{Ev, Xml, local, num, on};

/// Elements whose content is never text of the document.
const SKIPPED: [&[u8]; 18] = [
    b"rt",
    b"del",
    b"moveFrom",
    b"delText",
    b"instrText",
    b"delInstrText",
    b"drawing",
    b"pict",
    b"object",
    b"Fallback",
    b"sdtPr",
    b"pPrChange",
    b"rPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"sectPrChange",
    b"numberingChange",
];

/// The paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

/// The state of the walk.
struct Walk<'n> {
    numbering: &'n mut Numbering,
    /// The body's blocks so far.
    out: Vec<Out>,
    /// Tables open, the innermost last.
    tables: Vec<TableIn>,
    para: Option<Para>,
    /// Paragraphs and tables opened inside the open paragraph (a text
    /// box's): their text joins it, a line each.
    inner: usize,
    in_ppr: bool,
    in_text: bool,
    hidden: bool,
    /// Slots left for tables' grids.
    budget: usize,
}

/// The blocks of a Word body, labels of numbered paragraphs rendered from
/// `numbering`.
pub(super) fn read(bytes: &[u8], numbering: &mut Numbering) -> Result<Vec<Out>, Error> {
    let mut x = Xml::new(bytes);
    let mut w = Walk {
        numbering,
        out: Vec::new(),
        tables: Vec::new(),
        para: None,
        inner: 0,
        in_ppr: false,
        in_text: false,
        hidden: false,
        budget: MAX_SLOTS,
    };
    let mut root = true;
    loop {
        match x.next()? {
            Ev::Start(e) if root => {
                if local(e.name().as_ref()) != b"document" {
                    return Err(super::xml::bad("the main part is not a Word document's body".into()));
                }
                root = false;
            }
            Ev::Start(e) => {
                let name = local(e.name().as_ref()).to_vec();
                if SKIPPED.contains(&name.as_slice()) {
                    x.skip()?;
                } else {
                    w.open(&name, &e, true);
                }
            }
            Ev::Empty(_) if root => {
                return Err(super::xml::bad("the main part is not a Word document's body".into()));
            }
            Ev::Empty(e) => {
                let name = local(e.name().as_ref()).to_vec();
                w.open(&name, &e, false);
            }
            Ev::End(e) => w.close(local(e.name().as_ref())),
            Ev::Text(t) => {
                if w.in_text
                    && !w.hidden
                    && let Some(p) = w.para.as_mut()
                {
                    // No control character is text of a Word file (XML
                    // allows none but tab and line ends); one written as a
                    // character reference is dropped, so that none stands
                    // for the end of a label.
                    p.text.extend(t.chars().filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')));
                }
            }
            Ev::Eof if root => return Err(super::xml::bad("the main part is empty".into())),
            Ev::Eof => break,
        }
    }
    // A part cut short: what is open is closed.
    w.close(b"p");
    while !w.tables.is_empty() {
        w.close(b"tbl");
    }
    Ok(w.out)
}

impl Walk<'_> {
    /// An element opens (`start`: it has content to come).
    fn open(&mut self, name: &[u8], e: &BytesStart<'_>, start: bool) {
        if self.para.is_some() {
            return self.open_in_para(name, e, start);
        }
        match name {
            b"p" => {
                self.para = Some(Para::default());
                if !start {
                    self.close(b"p");
                }
            }
            b"tbl" if start => self.tables.push(TableIn::default()),
            b"tr" if start => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(RowIn::default());
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row().cells.push(CellIn { span: 1, ..CellIn::default() });
                }
            }
            b"gridBefore" | b"gridAfter" => {
                if let (Some(t), Some(n)) = (self.tables.last_mut(), num(e, b"val")) {
                    let row = t.row();
                    let n = n as usize;
                    if name == b"gridBefore" { row.before = n } else { row.after = n }
                }
            }
            b"gridSpan" => {
                if let (Some(t), Some(n)) = (self.tables.last_mut(), num(e, b"val")) {
                    t.cell().span = n as usize;
                }
            }
            b"vMerge" => {
                if let Some(t) = self.tables.last_mut() {
                    let restart = super::xml::attr(e, b"val").as_deref() == Some("restart");
                    t.cell().vmerge = Some(if restart { VMerge::Restart } else { VMerge::Continue });
                }
            }
            _ => {}
        }
    }

    /// An element opens inside a paragraph.
    fn open_in_para(&mut self, name: &[u8], e: &BytesStart<'_>, start: bool) {
        let Some(p) = self.para.as_mut() else { return };
        match name {
            b"pPr" if start => self.in_ppr = true,
            b"pStyle" if self.in_ppr && self.inner == 0 => p.style = super::xml::attr(e, b"val"),
            b"numId" if self.in_ppr && self.inner == 0 => p.num_id = num(e, b"val"),
            b"ilvl" if self.in_ppr && self.inner == 0 => p.ilvl = num(e, b"val"),
            _ if self.in_ppr => {}
            b"r" => self.hidden = false,
            b"vanish" => self.hidden = on(e),
            b"t" if start => self.in_text = true,
            b"tab" | b"ptab" if !self.hidden => p.text.push(' '),
            b"br" | b"cr" if !self.hidden => p.text.push('\n'),
            b"noBreakHyphen" if !self.hidden => p.text.push('-'),
            b"p" | b"tbl" if start => self.inner += 1,
            _ => {}
        }
    }

    /// An element closes.
    fn close(&mut self, name: &[u8]) {
        match name {
            b"pPr" => self.in_ppr = false,
            b"t" => self.in_text = false,
            b"p" | b"tbl" if self.inner > 0 => {
                self.inner -= 1;
                if let Some(p) = self.para.as_mut() {
                    p.text.push('\n');
                }
            }
            b"p" => {
                let Some(p) = self.para.take() else { return };
                self.in_ppr = false;
                self.in_text = false;
                self.hidden = false;
                let label = self.numbering.label(p.style.as_deref(), p.num_id, p.ilvl);
                let text = match label {
                    Some(l) => join_label(&l, &p.text),
                    None => p.text,
                };
                self.put(vec![Out::Para(text)]);
            }
            b"tbl" => {
                let Some(t) = self.tables.pop() else { return };
                let blocks = t.finish(&mut self.budget);
                self.put(blocks);
            }
            _ => {}
        }
    }

    /// Puts blocks in the open table's cell, or in the body.
    fn put(&mut self, blocks: Vec<Out>) {
        match self.tables.last_mut() {
            Some(t) => t.cell().items.extend(blocks),
            None => self.out.extend(blocks),
        }
    }
}

/// A paragraph's text after its label, the label ended by [`LABEL_END`]
/// (the builder marks it as drawn by the numbering): right after a label
/// that ends in punctuation (`一、`, `（一）`, `1.`), after a space otherwise
/// (`1`).
fn join_label(label: &str, text: &str) -> String {
    let text = text.trim_start();
    let tight = label.chars().last().is_some_and(|c| !c.is_alphanumeric()) || text.is_empty();
    if tight { format!("{label}{LABEL_END}{text}") } else { format!("{label} {LABEL_END}{text}") }
}
