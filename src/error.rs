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
}
