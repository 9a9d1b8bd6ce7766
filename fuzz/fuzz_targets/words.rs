//! `fengong::parse_document` on any bytes read as the words of a PDF as pdftotext -bbox-layout writes them: no panic, no
//! hang, and a plan that is lossless over the text its reader extracted.
#![no_main]

use fengong::{DocumentKind, Options};
use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|bytes: &[u8]| {
    let opts = Options::default().document_kind(DocumentKind::PdfWords);
    if let Ok(plan) = fengong::parse_document(bytes, &opts) {
        let text = plan.source.as_deref().map(|s| s.text.clone()).unwrap_or_default();
        check::tiles(&text, &plan);
    }
});
