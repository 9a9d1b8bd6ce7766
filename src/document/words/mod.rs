//! The words of a PDF with their positions, as `pdftotext -bbox-layout`
//! writes them: the document rebuilt from where the words stand.
//!
//! A PDF printed from a page or a Word file keeps no paragraphs and no
//! table cells, only words and their boxes (the table's borders are not
//! in the output). So the reader rebuilds them:
//! - [`xml`]: the words and their pages (quick-xml, no entity expanded);
//! - [`lines`]: lines of words by height, the pages' headers and footers
//!   (page numbers, lines repeated at the top or bottom) dropped, and
//!   paragraphs from lines (a line that ends short of the text's right
//!   edge ends one, a line starting indented starts one);
//! - [`region`]: which runs of lines are tables (x gaps that stay empty
//!   down the lines), a table continued over pages being one run;
//! - [`table`]: a table's grid: columns from the gaps, rows from the
//!   vertical gaps, cells from the words inside, merged cells from the
//!   rows their text stands beside.
//!
//! Paragraphs' origins are their page and number, cells' their page,
//! table, row and column.

mod lines;
mod region;
mod table;
mod xml;

#[cfg(test)]
mod tests;

use super::{Builder, Extract, archive};
use crate::error::Error;
use crate::source::{DocumentKind, Origin};
use lines::{Line, median};
use region::Region;

/// The document of `pdftotext -bbox-layout` output, its text at most
/// `limit` bytes.
pub(crate) fn read(bytes: &[u8], limit: usize) -> Result<Extract, Error> {
    archive::catch(DocumentKind::PdfWords, || build(bytes, limit))
}

/// The extract of the file's words.
fn build(bytes: &[u8], limit: usize) -> Extract {
    let (words, _) = xml::words(bytes, limit);
    let lines = lines::lines(words);
    let (left, right) = edges(&lines);
    let mut b = Builder::new(limit);
    let mut prose: Vec<Line> = Vec::new();
    let mut tables = 0u32;
    for region in region::regions(&lines, left, right) {
        match region {
            Region::Para(k) => prose.push(lines[k].clone()),
            Region::Table { start, end, spanning, gaps } => {
                flush(&mut b, &mut prose, left, right);
                let grid = table::grid(&lines[start..end], &spanning, &gaps);
                if grid.rows.is_empty() {
                    continue;
                }
                tables += 1;
                let pages = grid.pages;
                let at = |r: usize, c: usize| Origin {
                    page: pages.get(r).copied(),
                    table: Some(tables),
                    row: Some(super::build::to_u32(r + 1)),
                    column: Some(super::build::to_u32(c + 1)),
                    ..Origin::default()
                };
                b.table_at(grid.rows, &at);
            }
        }
    }
    flush(&mut b, &mut prose, left, right);
    b.finish()
}

/// Writes the prose lines gathered as paragraphs.
fn flush(b: &mut Builder, prose: &mut Vec<Line>, left: f64, right: f64) {
    for (page, text) in lines::paragraphs(prose, left, right) {
        b.para(&text, &Origin { page: Some(page), ..Origin::default() });
    }
    prose.clear();
}

/// The text's left and right edges: where most long lines start and end.
fn edges(lines: &[Line]) -> (f64, f64) {
    let lo = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    let hi = lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    let long: Vec<&Line> = lines.iter().filter(|l| l.x1 - l.x0 > 0.6 * (hi - lo)).collect();
    if long.is_empty() {
        return (lo.min(hi), hi.max(lo));
    }
    (median(long.iter().map(|l| l.x0).collect()), median(long.iter().map(|l| l.x1).collect()))
}
