//! Columns set apart by spaces (lynx, `pdftotext -layout`, Word's "save as
//! text"): columns found from the gaps that stay empty over many lines.

use super::Document;

/// The document of `src`, when it holds such a table; `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    let _ = src;
    None
}
