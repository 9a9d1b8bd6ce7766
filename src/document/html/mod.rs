//! Web pages: the article of a saved or crawled page, its paragraphs and
//! tables, read from the tree a browser would build (`scraper`, on
//! html5ever).
//!
//! The steps, each in its module:
//! 1. the charset, from the byte-order mark, a `<meta>` declaration or the
//!    bytes themselves ([`charset`]);
//! 2. nesting too deep for the tree builder (whose time grows with the
//!    square of the depth) flattened before parsing ([`depth`]);
//! 3. the tree copied into an arena walked without recursion, each
//!    element's text measured ([`dom`]);
//! 4. the article found among the site's menus and footers ([`article`]);
//! 5. its blocks and tables read in order ([`flow`]), a table's spans laid
//!    out on a grid ([`grid`]), and handed to the [`Builder`].

mod article;
mod charset;
mod depth;
mod dom;
mod flow;
mod grid;

use super::{Builder, Extract, archive};
use crate::error::Error;
use crate::source::{DocumentKind, Origin};

/// The fewest grid slots the tables of a page may take, however small the
/// page.
const MIN_SLOTS: usize = 1 << 16;
/// The most grid slots the tables of a page may take, however large the
/// page: a plan's table holds a few thousand; past this, a page is a data
/// dump or an attack, and the rows past it are left out.
const MAX_SLOTS: usize = 250_000;
/// Bytes of markup a slot takes at the least (`<td>x</td>` and the line
/// around it): a page gets a slot per this many bytes, so that spans alone
/// cannot make more slots than the page holds cells.
const BYTES_PER_SLOT: usize = 8;

/// The document of a web page, its text at most `limit` bytes.
pub(crate) fn read(bytes: &[u8], limit: usize) -> Result<Extract, Error> {
    let kind = DocumentKind::Html;
    let text = charset::decode(bytes);
    let src = depth::flatten(&text);
    // The parsed tree is dropped once copied: the two are not kept at once
    // longer than the copy takes.
    let dom = archive::catch(kind, || dom::Dom::of(&scraper::Html::parse_document(&src)))?;
    drop(src);
    drop(text);
    let slots = (bytes.len() / BYTES_PER_SLOT).clamp(MIN_SLOTS, MAX_SLOTS);
    archive::catch(kind, || extract(&dom, limit, slots))
}

/// The article of a parsed page written by a [`Builder`].
fn extract(dom: &dom::Dom, limit: usize, slots: usize) -> Extract {
    let root = article::find(dom);
    let mut b = Builder::new(limit);
    let base = Origin::default();
    for item in flow::read(dom, root, slots) {
        match item {
            flow::Item::Para(p) => b.para(&p, &base),
            flow::Item::Table(rows) => b.table(rows, &base),
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests;
