//! The fatal errors: only I/O and bytes that cannot be decoded. Everything
//! else the parser meets is a [`crate::Diagnostic`].

/// Why a plan could not be read at all.
///
/// ```
/// let err = fengong::parse_bytes(b"\xe4\xb8\x80\xff").unwrap_err();
/// assert_eq!(err.to_string(), "input is not valid UTF-8: invalid byte at offset 3");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not valid in the encoding they were read as.
    #[error("input is not valid {encoding}: invalid byte at offset {offset}")]
    Decode {
        /// The encoding tried.
        encoding: &'static str,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The input is larger than [`crate::Options::max_input_bytes`].
    #[error("input of {size} bytes is larger than the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: u64,
        /// The limit set in the options.
        limit: u64,
    },
    /// Reading failed.
    #[error("cannot read input: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are no kind of document a plan comes in (an image, an
    /// archive of other files).
    #[error("not a plan document: the bytes are {what}, not a web page, Word, Excel, PDF or text file")]
    NotADocument {
        /// What the bytes look like.
        what: &'static str,
    },
    /// A file of a kind that is read through an outside tool (PDF through
    /// poppler's `pdftotext`, `.doc`/`.wps`/`.rtf` through LibreOffice),
    /// given to the library, or the tool is missing.
    #[error("a {kind} file is read through {tool}: {hint}")]
    NeedsTool {
        /// The kind of file.
        kind: crate::DocumentKind,
        /// The tool.
        tool: &'static str,
        /// What to do (which Debian package to install, or what to run).
        hint: String,
    },
    /// A document whose structure is broken or beyond the reader's limits
    /// (a truncated zip, XML that does not parse, a zip bomb, a sheet of
    /// more cells than are read).
    #[error("cannot read the {kind} file: {reason}")]
    Malformed {
        /// The kind of file.
        kind: crate::DocumentKind,
        /// What is wrong.
        reason: String,
    },
}
