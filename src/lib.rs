//! # fengong (分工)
//!
//! Reads Chinese government task-division plans (分工方案, 工作要点分工,
//! 任务分工表) and gives back their sections, their numbered tasks, and for
//! each task the lead units (牵头), supporting units (配合, 协助, 参与) and
//! plainly responsible units (责任单位), as typed data. It never gives up on
//! a messy plan: it repairs what it can, such as an unclosed `（` or `合`
//! typed for `和`, and reports each flaw as a [`Diagnostic`] with a line, a
//! column and a suggested [`Fix`].
//!
//! # Reading a plan
//!
//! - [`parse`] reads a plan from text. It never fails and never panics.
//! - [`parse_with`] does the same with [`Options`]: which repairs to make
//!   ([`Options::strict`] turns them all off), the largest input to read
//!   ([`Options::max_input_bytes`]) and how many threads a large plan is
//!   read on ([`Options::threads`]; the plan is the same whatever the
//!   number).
//! - [`parse_bytes`] reads raw bytes: UTF-8 with or without a byte-order
//!   mark, UTF-16 with one, or GB18030/GBK. It fails only when the bytes
//!   cannot be decoded ([`Error`]).
//! - [`read_file`] reads a file's bytes, refusing a file over the size limit
//!   before reading it.
//! - [`decode`] turns bytes into text and keeps the text, so that you can
//!   slice the plan's spans out of it ([`Decoded::parse_with`]).
//! - [`parse_units`] reads one responsibility phrase (`X牵头，Y配合`), for
//!   users who already have the cells of a table.
//!
//! # Walking a plan
//!
//! A [`Plan`] holds a tree of [`Section`]s, each with its [`Task`]s and
//! nested sections. Two views flatten it: [`Plan::tasks`] lists every task
//! in the order of the text as a [`TaskRef`] (the task and the sections it
//! stands in), and [`Plan::by_unit`] maps each unit's name to its tasks, as
//! [`UnitTask`]s with the unit's [`Role`] in each.
//!
//! ```
//! use fengong::Role;
//!
//! let text = "\
//! 河源市政务公开工作要点分工方案
//! 一、加快推进基层政务公开
//! 1.构建基层行政决策公众参与机制。
//! 市卫生健康局牵头，各县（区）人民政府（管委会），市府直属各部门配合
//! 2.推进基层政务公开标准目录编制。
//! 市政务服务数据管理局牵头，市卫生健康局配合
//! ";
//! let plan = fengong::parse(text);
//! assert_eq!(plan.title, "河源市政务公开工作要点分工方案");
//!
//! for t in plan.tasks() {
//!     println!("{} / {}. {}", t.section_titles(), t.task.number, t.task.text);
//!     for (role, unit) in t.task.units() {
//!         println!("  {} {}", role.chinese(), unit.name);
//!     }
//! }
//! let first = plan.tasks().next().unwrap();
//! assert_eq!(first.section_titles(), "加快推进基层政务公开");
//! assert_eq!(first.task.lead[0].name, "市卫生健康局");
//! assert_eq!(first.task.supporting.len(), 2);
//!
//! let units = plan.by_unit();
//! let roles: Vec<(Role, u32)> = units["市卫生健康局"].iter().map(|ut| (ut.role, ut.task.task.number)).collect();
//! assert_eq!(roles, [(Role::Lead, 1), (Role::Supporting, 2)]);
//! ```
//!
//! A plan borrows its texts from the input, so it costs little more memory
//! than the text; [`Plan::into_owned`] gives a plan that outlives it.
//!
//! # Writing it out
//!
//! - [`export::json`]: the plan as pretty JSON, compact JSON or a line of
//!   JSON Lines. The field names are a contract, listed in the README's JSON
//!   schema.
//! - [`export::csv`]: the plan as CSV, with a byte-order mark and CRLF line
//!   ends by default so that Excel opens it correctly.
//! - `export::xlsx` (cargo feature `xlsx`, on by default): an Excel
//!   workbook, the ledger (台账) an office keeps.
//!
//! The crate comes with a converter that does all of this from the command
//! line (the README lists its options):
//!
//! ```text
//! cargo run --release --example convert -- plan.txt --format xlsx --output plan.xlsx
//! ```
//!
//! # Diagnostics and losslessness
//!
//! Every flaw found is a [`Diagnostic`] in [`Plan::diagnostics`], in source
//! order: a stable [`Code`], a [`Severity`] (an error was not repaired, a
//! warning was, an info is only worth knowing), a message, a 1-based line
//! and column, a [`Span`] of byte offsets into the input, and a [`Fix`]
//! when one is known.
//!
//! Nothing is lost: the plan's [`Plan::segments`] tile the input, so every
//! byte belongs to exactly one title, preamble, header, section, task,
//! units, trivia or unparsed span, and every output can be traced back to
//! the text it came from.
//!
//! ```
//! let text = "一、其他\n1.做好公开。\n市府办牵头，各县（区配合\n";
//! let plan = fengong::parse(text);
//!
//! let d = &plan.diagnostics[0];
//! assert_eq!(d.code, fengong::Code::UnclosedBracket);
//! assert_eq!((d.line, d.column), (3, 11));
//! assert_eq!(d.fix.as_ref().unwrap().replacement, "）");
//! assert_eq!(plan.sections[0].tasks[0].supporting[0].name, "各县（区）");
//!
//! let rebuilt: String = plan.segments.iter().map(|s| s.span.slice(text)).collect();
//! assert_eq!(rebuilt, text);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod decode;
mod diag;
#[cfg(feature = "documents")]
mod document;
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
mod quotes;
mod read;
mod source;
mod span;
mod survey;
mod units;
mod view;

pub use decode::{Decoded, decode};
pub use diag::{Code, Diagnostic, Fix, Severity};
#[cfg(feature = "documents")]
pub use document::{parse_document, parse_document_plans};
pub use error::Error;
pub use model::{Layout, Piece, Plan, Role, Section, Segment, SegmentKind, Task, Unit, Units};
pub use options::Options;
pub use source::{DocumentKind, Origin, Source};
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
    let mut plan = match read::document(text) {
        Some(doc) => read::parse(text, &doc, options),
        None => parse_lines(text, options),
    };
    quotes::repair(&mut plan, text);
    plan
}

/// Parses a text line by line: cells cut from lines (tab rows, pipe rows, one
/// cell per line, prose), then the outline. The path of every text that no
/// reader of [`read`] claims, and of the text a claimed document is written
/// out as.
pub(crate) fn parse_lines<'a>(text: &'a str, options: &Options) -> Plan<'a> {
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
/// text, which for UTF-8 input is the input itself (a BOM is trivia), but for
/// GB18030 text that a tool read as Latin-1, repaired (see [`Decoded::encoding`]).
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
