//! The words of a PDF with their positions: to be written.

use super::Extract;
use crate::error::Error;

/// The document of `pdftotext -bbox-layout` output.
pub(crate) fn read(bytes: &[u8], limit: usize) -> Result<Extract, Error> {
    let _ = (bytes, limit);
    Err(super::archive::malformed(crate::DocumentKind::PdfWords, "this kind of file is not read yet".into()))
}
