//! Named tolerances (which repairs the parser makes) and limits.

/// Plans at least this large are read on more than one thread.
const PARALLEL_BYTES: usize = 1 << 20;

/// The most threads a plan is read on, whatever [`Options::threads`] asks.
const MAX_THREADS: usize = 64;

/// How lenient the parser is, and how much it reads.
///
/// Every repair is on by default; each one still yields a diagnostic with a
/// fix. Turning a repair off leaves the text as written (and reported).
///
/// ```
/// use fengong::{parse_with, Options};
/// let strict = Options::default().read_he_typo(false);
/// let plan = parse_with("一、其他\n1.做好公开。\n市财政局合市税务局\n", &strict);
/// assert_eq!(plan.sections[0].tasks[0].responsible.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub(crate) close_brackets: bool,
    pub(crate) drop_stray_brackets: bool,
    pub(crate) unify_brackets: bool,
    pub(crate) read_he_typo: bool,
    pub(crate) split_run_together: bool,
    pub(crate) split_missing_comma: bool,
    pub(crate) lenient_markers: bool,
    pub(crate) max_input_bytes: u64,
    pub(crate) threads: usize,
    pub(crate) kind: Option<crate::DocumentKind>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            close_brackets: true,
            drop_stray_brackets: true,
            unify_brackets: true,
            read_he_typo: true,
            split_run_together: true,
            split_missing_comma: true,
            lenient_markers: true,
            max_input_bytes: 1 << 30,
            threads: 0,
            kind: None,
        }
    }
}

impl Options {
    /// All repairs off: the text is read as written and every flaw is still reported.
    ///
    /// ```
    /// let plan = fengong::parse_with("一、其他\n1.做好公开。\n各县（区配合\n", &fengong::Options::strict());
    /// assert_eq!(plan.sections[0].tasks[0].supporting[0].name, "各县（区");
    /// ```
    pub fn strict() -> Options {
        Options {
            close_brackets: false,
            drop_stray_brackets: false,
            unify_brackets: false,
            read_he_typo: false,
            split_run_together: false,
            split_missing_comma: false,
            lenient_markers: false,
            ..Options::default()
        }
    }

    /// Close an opening bracket that is never closed (`各县（区` → `各县（区）`).
    pub fn close_brackets(mut self, yes: bool) -> Options {
        self.close_brackets = yes;
        self
    }

    /// Drop a closing bracket that has no opening one from unit names.
    pub fn drop_stray_brackets(mut self, yes: bool) -> Options {
        self.drop_stray_brackets = yes;
        self
    }

    /// Write a half-width bracket paired with a full-width one as full-width in unit names.
    pub fn unify_brackets(mut self, yes: bool) -> Options {
        self.unify_brackets = yes;
        self
    }

    /// Read `合` between two unit names as the `和` that was meant.
    pub fn read_he_typo(mut self, yes: bool) -> Options {
        self.read_he_typo = yes;
        self
    }

    /// Split two unit names written with no separator (`市财政局市税务局`).
    pub fn split_run_together(mut self, yes: bool) -> Options {
        self.split_run_together = yes;
        self
    }

    /// Split two clauses written with no comma (`市府办牵头各县配合`).
    pub fn split_missing_comma(mut self, yes: bool) -> Options {
        self.split_missing_comma = yes;
        self
    }

    /// Accept markers with missing punctuation (`一 加快…`, `1 构建…`) where the context is unambiguous.
    pub fn lenient_markers(mut self, yes: bool) -> Options {
        self.lenient_markers = yes;
        self
    }

    /// The input size limit in bytes, see [`Options::max_input_bytes`].
    ///
    /// ```
    /// assert_eq!(fengong::Options::default().max_input_bytes_limit(), 1 << 30);
    /// ```
    pub fn max_input_bytes_limit(&self) -> u64 {
        self.max_input_bytes
    }

    /// The largest input read, in bytes (default 1 GiB). Larger input is an
    /// [`crate::Error::TooLarge`] from the byte and file readers, and a single
    /// `input-too-large` diagnostic from [`crate::parse_with`].
    pub fn max_input_bytes(mut self, limit: u64) -> Options {
        self.max_input_bytes = limit;
        self
    }

    /// How many threads a large plan (1 MiB or more) is read on: 0, the
    /// default, for as many as the machine has cores (at most 8); 1 to read
    /// every plan on the calling thread alone; at most 64 are used. Smaller
    /// plans are always read on the calling thread. The plan is the same
    /// whatever the number.
    ///
    /// ```
    /// let text = "一、其他\n1.做好公开。\n市财政局\n".repeat(50_000);
    /// let one = fengong::parse_with(&text, &fengong::Options::default().threads(1));
    /// let two = fengong::parse_with(&text, &fengong::Options::default().threads(2));
    /// assert!(text.len() >= 1 << 20);
    /// assert_eq!(one, two);
    /// ```
    pub fn threads(mut self, threads: usize) -> Options {
        self.threads = threads;
        self
    }

    /// Reads the bytes given to [`crate::parse_document`] as this kind of
    /// document, whatever their content suggests; by default the kind is
    /// told from the content ([`crate::DocumentKind::sniff`]).
    ///
    /// ```
    /// use fengong::{DocumentKind, Options};
    /// let page = "<p>一、其他</p><p>1.做好公开。</p><p>市财政局</p>";
    /// let opts = Options::default().document_kind(DocumentKind::Text);
    /// # #[cfg(feature = "documents")]
    /// assert!(fengong::parse_document(page.as_bytes(), &opts).unwrap().source.is_none());
    /// ```
    pub fn document_kind(mut self, kind: crate::DocumentKind) -> Options {
        self.kind = Some(kind);
        self
    }

    /// The number of threads to read a plan of `len` bytes on (at most
    /// [`MAX_THREADS`]).
    pub(crate) fn threads_for(&self, len: usize) -> usize {
        match self.threads {
            _ if len < PARALLEL_BYTES => 1,
            0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
            // More would only cost thread starts (and a thread that fails
            // to start is a panic).
            n => n.min(MAX_THREADS),
        }
    }
}
