//! Workbooks: to be written (calamine).

use super::Extract;
use crate::DocumentKind;
use crate::error::Error;

/// The documents of a workbook's sheets, one each.
pub(crate) fn read(bytes: &[u8], kind: DocumentKind, limit: usize) -> Result<Vec<Extract>, Error> {
    let _ = (bytes, limit);
    Err(super::archive::malformed(kind, "this kind of file is not read yet".into()))
}
