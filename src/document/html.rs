//! Web pages: to be written (scraper).

use super::Extract;
use crate::error::Error;

/// The document of a web page.
pub(crate) fn read(bytes: &[u8], limit: usize) -> Result<Extract, Error> {
    let _ = (bytes, limit);
    Err(super::archive::malformed(crate::DocumentKind::Html, "this kind of file is not read yet".into()))
}
