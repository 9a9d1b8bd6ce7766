//! Zips (Word and Excel files) read within limits: a zip bomb, a truncated
//! archive or an entry that claims more than it holds gives an error, never
//! a panic, a hang or memory out of proportion to the file.
//!
//! The limits are checked on what the archive claims before anything is
//! decompressed (the number of entries, each entry's size, their total),
//! and every entry is read through a reader that stops at its claimed size
//! and at the limit, so a lying header cannot make it read more; nothing
//! is allocated ahead from a size the archive claims.

use std::io::{Cursor, Read};

use crate::error::Error;
use crate::source::DocumentKind;

/// Most entries an archive may hold.
pub(crate) const MAX_ENTRIES: usize = 10_000;
/// Most bytes one entry may decompress to.
pub(crate) const MAX_ENTRY: u64 = 256 << 20;
/// Most bytes all entries together may decompress to.
pub(crate) const MAX_TOTAL: u64 = 1 << 30;
/// Most times an entry may be larger than the whole archive, past
/// [`MIN_CAP`] (deflate reaches about 1,000 on the most repetitive data; an
/// XML part of a real file 10 to 100).
pub(crate) const MAX_RATIO: u64 = 200;
/// An entry may always be this large, whatever the ratio.
pub(crate) const MIN_CAP: u64 = 16 << 20;

/// A zip opened and checked against the limits.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    kind: DocumentKind,
    /// The bytes read out so far.
    read: u64,
    /// The most bytes any entry may be: [`MAX_RATIO`] times the archive,
    /// at least [`MIN_CAP`], at most [`MAX_ENTRY`].
    cap: u64,
}

impl<'a> Archive<'a> {
    /// Opens the zip in `bytes` (a file of `kind`, for messages) and checks
    /// what its directory claims against the limits.
    pub(crate) fn open(bytes: &'a [u8], kind: DocumentKind) -> Result<Archive<'a>, Error> {
        let zip = catch(kind, || zip::ZipArchive::new(Cursor::new(bytes)))?
            .map_err(|e| malformed(kind, format!("not a readable zip ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(malformed(kind, format!("{} entries, more than the {MAX_ENTRIES} read", zip.len())));
        }
        let cap = MAX_ENTRY.min((bytes.len() as u64).saturating_mul(MAX_RATIO).max(MIN_CAP));
        Ok(Archive { zip, kind, read: 0, cap })
    }

    /// The bytes of entry `name`, `None` when there is none; an error when
    /// it claims or holds more than the limits, or does not decompress.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let kind = self.kind;
        let cap = self.cap.min(MAX_TOTAL.saturating_sub(self.read));
        let got = catch(kind, || -> Result<Option<Vec<u8>>, Error> {
            let mut file = match self.zip.by_name(name) {
                Ok(f) => f,
                Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                Err(e) => return Err(malformed(kind, format!("entry {name}: {e}"))),
            };
            if file.size() > cap {
                return Err(too_big(kind, name, cap));
            }
            let mut out = Vec::new();
            let limit = file.size().min(cap);
            file.by_ref()
                .take(limit.saturating_add(1))
                .read_to_end(&mut out)
                .map_err(|e| malformed(kind, format!("entry {name}: {e}")))?;
            if out.len() as u64 > limit {
                return Err(too_big(kind, name, cap));
            }
            Ok(Some(out))
        })??;
        if let Some(b) = &got {
            self.read += b.len() as u64;
        }
        Ok(got)
    }
}

/// Checks a zip for a workbook reader that opens it itself: the entries'
/// number and claimed sizes against the limits.
pub(crate) fn check(bytes: &[u8], kind: DocumentKind) -> Result<(), Error> {
    let mut a = Archive::open(bytes, kind)?;
    let mut total: u64 = 0;
    for k in 0..a.zip.len() {
        let size = catch(kind, || a.zip.by_index_raw(k).map(|f| f.size()))?
            .map_err(|e| malformed(kind, format!("entry {k}: {e}")))?;
        if size > a.cap {
            return Err(too_big(kind, &format!("#{k}"), a.cap));
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL {
            return Err(malformed(kind, format!("entries claim more than {MAX_TOTAL} bytes in all")));
        }
    }
    Ok(())
}

/// Runs a third-party parser, turning a panic in it into an error.
pub(crate) fn catch<T>(kind: DocumentKind, f: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| malformed(kind, "the reader of this kind of file failed on it".into()))
}

/// An [`Error::Malformed`].
pub(crate) fn malformed(kind: DocumentKind, reason: String) -> Error {
    Error::Malformed { kind, reason }
}

fn too_big(kind: DocumentKind, name: &str, cap: u64) -> Error {
    malformed(kind, format!("entry {name} holds more than {cap} bytes (a zip bomb?)"))
}

/// A zip of `entries`, deflated: for the readers' tests.
#[cfg(test)]
pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        // An OpenDocument file's `mimetype` is stored, as the format asks.
        let method =
            if *name == "mimetype" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        w.start_file(*name, opts.compression_method(method)).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_by_name() {
        let z = zip_of(&[("word/document.xml", b"<w:document/>")]);
        let mut a = Archive::open(&z, DocumentKind::Docx).unwrap();
        assert_eq!(a.read("word/document.xml").unwrap().as_deref(), Some(&b"<w:document/>"[..]));
        assert_eq!(a.read("word/numbering.xml").unwrap(), None);
    }

    #[test]
    fn a_bomb_is_refused_before_it_is_inflated() {
        let zeros = vec![0u8; 64 << 20];
        let z = zip_of(&[("word/document.xml", &zeros)]);
        assert!(z.len() < 1 << 20, "{}", z.len());
        let mut a = Archive::open(&z, DocumentKind::Docx).unwrap();
        assert!(matches!(a.read("word/document.xml"), Err(Error::Malformed { .. })));
        assert!(check(&z, DocumentKind::Xlsx).is_err());
    }

    #[test]
    fn a_truncated_zip_is_an_error() {
        let z = zip_of(&[("word/document.xml", b"<w:document/>")]);
        for cut in [10, z.len() / 2, z.len() - 5] {
            assert!(
                Archive::open(&z[..cut], DocumentKind::Docx).and_then(|mut a| a.read("word/document.xml")).is_err()
            );
        }
    }
}
