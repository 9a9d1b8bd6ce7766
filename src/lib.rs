//! # fengong (分工)
//!
//! Reads Chinese government task-division plans (分工方案, 工作要点分工,
//! 任务分工表) and gives back their sections, tasks and responsible units as
//! typed data: lead units (牵头), supporting units (配合, 协助, 参与) and
//! plainly responsible units (责任单位), with diagnostics that say where the
//! text is broken and how to fix it.
//!
//! ```
//! let text = "\
//! 河源市政务公开工作要点分工方案
//! 一、加快推进基层政务公开
//! 1.构建基层行政决策公众参与机制。
//! 市卫生健康局牵头，各县（区）人民政府（管委会），市府直属各部门配合
//! ";
//! let plan = fengong::parse(text);
//! assert_eq!(plan.title, "河源市政务公开工作要点分工方案");
//! let task = &plan.sections[0].tasks[0];
//! assert_eq!(task.number, 1);
//! assert_eq!(task.lead[0].name, "市卫生健康局");
//! assert_eq!(task.supporting.len(), 2);
//! ```
//!
//! Parsing is total: [`parse`] always returns a [`Plan`]; problems come back as
//! [`Diagnostic`]s with a line, a column and, where known, a [`Fix`]. Nothing
//! is lost: the plan's [`Plan::segments`] tile the input, so every byte
//! belongs to exactly one title, header, section, task, units, trivia or
//! unparsed span. Only reading bytes can fail ([`parse_bytes`], [`Error`]).
//!
//! The parser works in three passes, data flowing one way: lines into cells
//! (`lines`), cells into the outline of sections and tasks (`outline`, on
//! what a survey of each cell found: `survey`), and each responsibility
//! phrase into units (`units`), which is also available on its own as
//! [`parse_units`]. Cutting lines into cells, the survey and the reading of
//! each task's units run on several threads for a large plan
//! ([`Options::threads`]).
//!
//! A [`Plan`] borrows its texts from the input (see [`Plan::into_owned`]).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod decode;
mod diag;
mod error;
pub mod export;
mod fold;
mod hash;
mod lexicon;
mod lines;
mod marker;
mod model;
pub mod numeral;
mod options;
mod outline;
mod span;
mod survey;
mod units;
mod view;

pub use decode::{Decoded, decode};
pub use diag::{Code, Diagnostic, Fix, Severity};
pub use error::Error;
pub use model::{Layout, Piece, Plan, Role, Section, Segment, SegmentKind, Task, Unit, Units};
pub use options::Options;
pub use span::{LineIndex, Span};
pub use view::{TaskRef, UnitTask};

/// Parses a plan with the default [`Options`]. Never fails, never panics.
///
/// ```
/// let plan = fengong::parse("一、其他\n27.纳入年度报告。\n各县（区）人民政府（管委会），市府直属各部门");
/// assert_eq!(plan.sections.len(), 1);
/// assert_eq!(plan.sections[0].tasks[0].responsible[1].name, "市府直属各部门");
/// ```
pub fn parse(text: &str) -> Plan<'_> {
    parse_with(text, &Options::default())
}

/// Parses a plan with the given [`Options`].
///
/// ```
/// use fengong::{parse_with, Options};
/// let plan = parse_with("一、其他\n1.做好公开。\n市财政局市税务局\n", &Options::default().split_run_together(false));
/// assert_eq!(plan.sections[0].tasks[0].responsible.len(), 1);
/// ```
pub fn parse_with<'a>(text: &'a str, options: &Options) -> Plan<'a> {
    if text.len() as u64 > options.max_input_bytes {
        return too_large(text, options);
    }
    let index = LineIndex::new(text);
    let cx = units::Cx::new(text, options, &index);
    outline::build(&cx)
}

fn too_large<'a>(text: &'a str, options: &Options) -> Plan<'a> {
    let span = Span::new(0, text.len());
    let mut d = Diagnostic::new(
        Code::InputTooLarge,
        Severity::Error,
        Span::new(0, 0),
        format!(
            "input of {} bytes is larger than the limit of {} bytes; nothing parsed",
            text.len(),
            options.max_input_bytes
        ),
    );
    d.line = 1;
    d.column = 1;
    Plan {
        unparsed: vec![Piece { text: "".into(), span }],
        diagnostics: vec![d],
        segments: vec![Segment { kind: SegmentKind::Unparsed, span }],
        ..Plan::default()
    }
}

/// Parses a plan from bytes in any of the encodings [`decode`] reads: UTF-8
/// with or without a BOM, UTF-16 with a BOM, GB18030/GBK. The plan's
/// `encoding` says which was used. Spans are byte offsets into the decoded
/// text, which for UTF-8 input is the input itself (a BOM is trivia).
///
/// ```
/// let plan = fengong::parse_bytes("\u{feff}一、其他\n1.做好公开。\n市财政局\n".as_bytes()).unwrap();
/// assert_eq!(plan.sections[0].tasks[0].responsible[0].name, "市财政局");
/// assert_eq!(plan.encoding.as_deref(), Some("UTF-8"));
/// assert!(fengong::parse_bytes(b"\xe4\xb8\x80\xff\xff").is_err());
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Plan<'_>, Error> {
    parse_bytes_with(bytes, &Options::default())
}

/// Like [`parse_bytes`], with [`Options`]. Input larger than
/// [`Options::max_input_bytes`] is an [`Error::TooLarge`], checked before
/// anything is decoded.
///
/// ```
/// let err = fengong::parse_bytes_with(b"abc", &fengong::Options::default().max_input_bytes(2)).unwrap_err();
/// assert!(matches!(err, fengong::Error::TooLarge { size: 3, limit: 2 }));
/// ```
pub fn parse_bytes_with<'a>(bytes: &'a [u8], options: &Options) -> Result<Plan<'a>, Error> {
    if bytes.len() as u64 > options.max_input_bytes {
        return Err(Error::TooLarge { size: bytes.len() as u64, limit: options.max_input_bytes });
    }
    let decoded = decode(bytes)?;
    let encoding = decoded.encoding;
    let mut plan = match decoded.text {
        // UTF-8 input is the text itself: the plan borrows it.
        std::borrow::Cow::Borrowed(text) => parse_with(text, options),
        std::borrow::Cow::Owned(text) => parse_with(&text, options).into_owned(),
    };
    plan.encoding = Some(encoding.to_string());
    Ok(plan)
}

/// Reads a plan's bytes from a file, refusing a file larger than
/// [`Options::max_input_bytes`] before reading it (and stopping at the limit
/// should it grow meanwhile). Decode the bytes with [`decode`].
///
/// ```
/// let dir = std::env::temp_dir().join(format!("fengong-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("plan.txt");
/// std::fs::write(&path, "一、其他\n1.做好公开。\n市财政局\n").unwrap();
/// let bytes = fengong::read_file(&path, &fengong::Options::default()).unwrap();
/// assert_eq!(fengong::parse_bytes(&bytes).unwrap().sections.len(), 1);
/// let small = fengong::Options::default().max_input_bytes(8);
/// assert!(matches!(fengong::read_file(&path, &small), Err(fengong::Error::TooLarge { limit: 8, .. })));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn read_file(path: impl AsRef<std::path::Path>, options: &Options) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let limit = options.max_input_bytes;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(Error::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Parses a responsibility phrase on its own, for users who already have
/// table cells: `X牵头，Y配合`, `牵头单位：X；配合单位：Y`, a bare list.
///
/// Spans in the result are byte offsets into `phrase`.
///
/// ```
/// let units = fengong::parse_units("市府办公室牵头，各县（区）人民政府（管委会）配合");
/// assert_eq!(units.lead[0].name, "市府办公室");
/// assert_eq!(units.supporting[0].name, "各县（区）人民政府（管委会）");
/// ```
pub fn parse_units(phrase: &str) -> Units<'_> {
    parse_units_with(phrase, &Options::default())
}

/// Like [`parse_units`], with [`Options`].
///
/// ```
/// let units = fengong::parse_units_with("市财政局合市税务局", &fengong::Options::strict());
/// assert_eq!(units.responsible.len(), 1);
/// ```
pub fn parse_units_with<'a>(phrase: &'a str, options: &Options) -> Units<'a> {
    let index = LineIndex::new(phrase);
    let cx = units::Cx::new(phrase, options, &index);
    let mut acc = units::Acc::default();
    let mut diags = Vec::new();
    units::parse_phrase(&cx, Span::new(0, phrase.len()), None, &mut acc, &mut diags);
    Diagnostic::locate_all(&mut diags, phrase, &index);
    acc.into_units(diags)
}

#[cfg(test)]
mod send_sync {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<crate::Plan>();
        assert_send_sync::<crate::Units>();
        assert_send_sync::<crate::Error>();
        assert_send_sync::<crate::Options>();
    }
}
