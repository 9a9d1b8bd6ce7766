//! Workbooks (`.xlsx`, `.xls`, `.ods`), read with calamine: every sheet in
//! the workbook's order, its cells laid out as the sheet holds them
//! ([`layout`]), merged cells expanded, each stretch of text placed at its
//! own cell (`Sheet1!C7`).
//!
//! calamine's whole-range reader allocates the rows × columns a sheet
//! claims, so a 5 KB file with one cell at XFD1048576 takes the process
//! down; it is never called on a sheet whose size was not checked first.
//! An `.xlsx` is read cell by cell (`worksheet_cells_reader`) within caps on
//! rows, columns and cells; an `.xls` and an `.ods`, which calamine builds
//! whole when it opens them, are checked first from their own records
//! ([`precheck`]), which also reads an `.ods` file's merged cells (calamine
//! reads none of them). A zip is checked against the archive limits before
//! calamine opens it, and every call into calamine runs under
//! [`archive::catch`], so a panic in it is an error.

mod layout;
mod precheck;
mod reflow;

use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Xls, Xlsx};

use super::Extract;
use super::archive::{self, catch, malformed};
use crate::DocumentKind;
use crate::error::Error;

/// Most rows a sheet may reach (the row of its last cell).
pub(crate) const MAX_ROWS: u32 = 100_000;
/// Most columns a sheet may reach (the column of its last cell).
pub(crate) const MAX_COLUMNS: u32 = 1_000;
/// Most cells with a value a sheet may hold.
pub(crate) const MAX_CELLS: usize = 1_000_000;
/// Most slots (rows × columns) of the box around a sheet's cells.
pub(crate) const MAX_SLOTS: u64 = 2_000_000;
/// Most sheets read from a workbook.
pub(crate) const MAX_SHEETS: usize = 256;

/// A sheet's cells with a value, and its merged regions, as read.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Each cell with text: row and column (0-based), its text.
    pub cells: Vec<(u32, u32, String)>,
    /// The merged regions: first and last row and column (0-based).
    pub merges: Vec<Dimensions>,
}

/// The documents of a workbook's sheets, one each, in the workbook's order.
pub(crate) fn read(bytes: &[u8], kind: DocumentKind, limit: usize) -> Result<Vec<Extract>, Error> {
    let sheets = match kind {
        DocumentKind::Xlsx => {
            archive::check(bytes, kind)?;
            catch(kind, || read_xlsx(bytes, limit))??
        }
        DocumentKind::Ods => {
            archive::check(bytes, kind)?;
            let mut merges = precheck::ods(bytes)?;
            let mut sheets = catch(kind, || read_built::<Ods<_>>(bytes, kind, limit))??;
            for sheet in &mut sheets {
                if let Some(k) = merges.iter().position(|(name, _)| *name == sheet.name) {
                    sheet.merges = std::mem::take(&mut merges[k].1);
                }
            }
            sheets
        }
        DocumentKind::Xls => {
            precheck::xls(bytes)?;
            catch(kind, || read_built::<Xls<_>>(bytes, kind, limit))??
        }
        _ => return Err(malformed(kind, "not a workbook".into())),
    };
    let mut left = limit;
    let mut out = Vec::with_capacity(sheets.len());
    for mut sheet in sheets {
        reflow::repair(&mut sheet);
        let ex = layout::layout(sheet, left);
        left = left.saturating_sub(ex.text.len());
        out.push(ex);
    }
    if out.is_empty() {
        out.push(Extract::default());
    }
    Ok(out)
}

/// Collects a sheet's cells within the caps: an error for a cell past
/// [`MAX_ROWS`] or [`MAX_COLUMNS`], for more than [`MAX_CELLS`] cells, and
/// the text stops at `limit` bytes in all.
struct Collector {
    kind: DocumentKind,
    sheet: Sheet,
    bytes: usize,
    limit: usize,
}

impl Collector {
    /// A collector for sheet `name` of a file of `kind`.
    fn new(kind: DocumentKind, name: &str, limit: usize) -> Collector {
        Collector { kind, sheet: Sheet { name: name.to_string(), ..Sheet::default() }, bytes: 0, limit }
    }

    /// Adds the cell at (`row`, `col`) holding `text` (nothing when empty).
    fn add(&mut self, row: u32, col: u32, text: String) -> Result<(), Error> {
        if text.trim().is_empty() {
            return Ok(());
        }
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            let at = crate::Origin {
                sheet: Some(self.sheet.name.clone()),
                row: Some(row + 1),
                column: Some(col + 1),
                ..Default::default()
            };
            return Err(malformed(
                self.kind,
                format!("a cell at {at}, past the {MAX_ROWS} rows and {MAX_COLUMNS} columns read"),
            ));
        }
        if self.sheet.cells.len() >= MAX_CELLS {
            return Err(malformed(self.kind, format!("sheet {} holds more than {MAX_CELLS} cells", self.sheet.name)));
        }
        if self.bytes + text.len() > self.limit {
            return Ok(());
        }
        self.bytes += text.len();
        self.sheet.cells.push((row, col, text));
        Ok(())
    }
}

/// The sheets of an `.xlsx`, read cell by cell.
fn read_xlsx(bytes: &[u8], limit: usize) -> Result<Vec<Sheet>, Error> {
    let kind = DocumentKind::Xlsx;
    let bad = |e: calamine::XlsxError| malformed(kind, format!("not a readable workbook ({e})"));
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let names: Vec<String> = book.sheet_names().into_iter().take(MAX_SHEETS).collect();
    let mut sheets = Vec::new();
    let mut left = limit;
    for name in names {
        let mut col = Collector::new(kind, &name, left);
        {
            // A chart sheet or a missing part is no sheet of cells.
            let Ok(mut cells) = book.worksheet_cells_reader(&name) else { continue };
            while let Some(cell) = cells.next_cell().map_err(bad)? {
                let (row, c) = cell.get_position();
                col.add(row, c, text_ref(cell.get_value()))?;
            }
        }
        if let Some(Ok(merges)) = book.worksheet_merge_cells(&name) {
            col.sheet.merges = merges;
        }
        left = left.saturating_sub(col.bytes);
        sheets.push(col.sheet);
    }
    Ok(sheets)
}

/// The sheets of a workbook calamine builds whole when it opens it (an
/// `.xls` or `.ods`, its size checked first).
fn read_built<R>(bytes: &[u8], kind: DocumentKind, limit: usize) -> Result<Vec<Sheet>, Error>
where
    R: Reader<Cursor<Vec<u8>>> + Merges,
    R::Error: std::fmt::Display,
{
    let bad = |e: R::Error| malformed(kind, format!("not a readable workbook ({e})"));
    let mut book = R::new(Cursor::new(bytes.to_vec())).map_err(bad)?;
    let names: Vec<String> = book.sheet_names().into_iter().take(MAX_SHEETS).collect();
    let mut sheets = Vec::new();
    let mut left = limit;
    for name in names {
        let Ok(range) = book.worksheet_range(&name) else { continue };
        let mut col = Collector::new(kind, &name, left);
        for (r, c, value) in range.used_cells() {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let row = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            let column = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
            col.add(row, column, text(value))?;
        }
        col.sheet.merges = book.merges(&name);
        left = left.saturating_sub(col.bytes);
        sheets.push(col.sheet);
    }
    Ok(sheets)
}

/// The merged regions of a sheet, for the readers that know them.
trait Merges {
    /// The merged regions of sheet `name`.
    fn merges(&mut self, name: &str) -> Vec<Dimensions>;
}

impl<RS: std::io::Read + std::io::Seek> Merges for Xls<RS> {
    fn merges(&mut self, name: &str) -> Vec<Dimensions> {
        self.worksheet_merge_cells(name).unwrap_or_default()
    }
}

/// calamine does not read an `.ods` file's merged cells: they are read
/// from its `content.xml` by [`precheck::ods`].
impl<RS: std::io::Read + std::io::Seek> Merges for Ods<RS> {
    fn merges(&mut self, _name: &str) -> Vec<Dimensions> {
        Vec::new()
    }
}

/// The text of a cell read from a whole range.
fn text(v: &Data) -> String {
    match v {
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => date(d),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The text of a cell read by the cell reader.
fn text_ref(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(d) => date(d),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// A number as a person writes it: a whole number without a fraction (a
/// 序号 stored as 1.0 is `1`), others in their shortest form.
fn number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

/// A date as Chinese plans write it (`2018年3月31日`), with its time when
/// it has one; a duration as a number of days.
fn date(d: &calamine::ExcelDateTime) -> String {
    if d.is_duration() {
        return number(d.as_f64());
    }
    let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
    let mut out = format!("{y}年{m}月{day}日");
    if (h, min, s) != (0, 0, 0) {
        out.push_str(&format!(" {h}:{min:02}"));
        if s != 0 {
            out.push_str(&format!(":{s:02}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
