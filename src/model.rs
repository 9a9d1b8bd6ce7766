//! The public output types. Plain data with serde; no parsing logic lives here.
//!
//! The JSON form of these types is a contract read by other programs: field
//! names and the meaning of each field only change with a new major version.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::source::{Origin, Source};
use crate::span::Span;

/// A parsed plan: title, header columns, sections with their tasks, and the
/// diagnostics found on the way.
///
/// Every byte of the input belongs to exactly one of [`Plan::segments`].
///
/// Texts borrow from the input wherever they stand in it unchanged (most
/// names, task texts and units texts), so a plan costs little more memory
/// than its text; [`Plan::into_owned`] copies them when the plan must
/// outlive the text.
///
/// ```
/// let plan = fengong::parse("一、总体要求\n1.建立台账。\n市府办公室牵头，市财政局配合\n");
/// assert_eq!(plan.sections[0].title, "总体要求");
/// let task = &plan.sections[0].tasks[0];
/// assert_eq!(task.lead[0].name, "市府办公室");
/// assert_eq!(task.supporting[0].name, "市财政局");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan<'a> {
    /// The plan's title, joined when it was split over several lines.
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// Spans of the lines that make up the title.
    pub title_spans: Vec<Span>,
    /// Text before the plan proper (an issuing notice, an introduction).
    #[serde(borrow)]
    pub preamble: Vec<Piece<'a>>,
    /// The header row's cells when the plan is a table (`工作事项`, `具体任务`, `牵头及责任单位`).
    #[serde(borrow)]
    pub columns: Vec<Cow<'a, str>>,
    /// Span of the header row, when present.
    pub header_span: Option<Span>,
    /// The layout the parser recognised.
    pub layout: Layout,
    /// The encoding the bytes were read in (`UTF-8`, `UTF-16LE`, `UTF-16BE`,
    /// `GB18030`); `None` when the plan was parsed from text.
    pub encoding: Option<String>,
    /// Top-level sections in plan order.
    #[serde(borrow)]
    pub sections: Vec<Section<'a>>,
    /// Lines that fit nothing, kept as written.
    #[serde(borrow)]
    pub unparsed: Vec<Piece<'a>>,
    /// Problems found, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The input cut into kinded spans that tile it exactly, in order.
    pub segments: Vec<Segment>,
    /// For a plan read from a file ([`crate::parse_document`]): the file's
    /// kind, the text extracted from it (which the spans index) and where
    /// each stretch of it stands in the file. `None` for text input. In the
    /// JSON: `document` (kind, tool, text), and an `origin` on each section,
    /// task, unit and diagnostic.
    #[serde(rename = "document", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<Source>>,
}

/// How the plan was laid out in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Layout {
    /// Nothing recognisable (empty or unstructured input).
    #[default]
    Unknown,
    /// A table flattened with one cell per line under a header row: section,
    /// task and units cells each on a line of their own.
    CellPerLine,
    /// Tasks each followed by a units line of its own, with no header row.
    UnitsLines,
    /// A table pasted as text, one row per line, cells split by tabs.
    TabTable,
    /// A pipe table (`| a | b |` rows, or one cell per line with `|` lines between).
    PipeTable,
    /// Units in brackets at the end of each task: `（牵头单位：X，配合单位：Y）`.
    Parenthetical,
    /// Labelled lines under each task: `牵头单位：`, `责任单位：`.
    Labelled,
    /// Units in the last sentence of each task: `…。X牵头，Y配合。`
    Inline,
    /// A whole plan on one line, its line breaks lost.
    OneLine,
    /// Text extracted from a PDF: hard-wrapped lines and page numbers.
    PdfText,
    /// A table written as HTML markup inside text (`<table>`, `<tr>`, `<td
    /// rowspan=…>`), as pandoc writes one with merged cells into Markdown.
    MarkupTable,
    /// A table drawn as a grid of box characters (`┌─┬─┐`, `+---+`), as
    /// `w3m -dump` and pandoc's grid tables draw one.
    BoxGrid,
    /// A table under dashed rules, its columns set by the dashes (pandoc's
    /// simple and multiline tables).
    DashedTable,
    /// A table whose columns are set apart by runs of spaces over many
    /// lines (`w3m -dump` without borders, `pdftotext -layout`).
    SpacedTable,
    /// A table read from a file's own rows and cells: a web page's
    /// `<table>`, a Word table, a sheet ([`crate::parse_document`]).
    Table,
}

impl Layout {
    /// The name the JSON uses (`cell-per-line`).
    ///
    /// ```
    /// assert_eq!(fengong::Layout::TabTable.as_str(), "tab-table");
    /// assert_eq!(fengong::parse("一、其他\n1.做好公开。\n市财政局\n").layout.to_string(), "units-lines");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Unknown => "unknown",
            Layout::CellPerLine => "cell-per-line",
            Layout::UnitsLines => "units-lines",
            Layout::TabTable => "tab-table",
            Layout::PipeTable => "pipe-table",
            Layout::Parenthetical => "parenthetical",
            Layout::Labelled => "labelled",
            Layout::Inline => "inline",
            Layout::OneLine => "one-line",
            Layout::PdfText => "pdf-text",
            Layout::MarkupTable => "markup-table",
            Layout::BoxGrid => "box-grid",
            Layout::DashedTable => "dashed-table",
            Layout::SpacedTable => "spaced-table",
            Layout::Table => "table",
        }
    }
}

/// Writes the name the JSON uses, see [`Layout::as_str`].
impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A section heading (`一、`, `（一）`, …) with its tasks and nested sections.
///
/// ```
/// let plan = fengong::parse("三、着力加强信息公开\n7.坚持及时发布。\n市卫生健康局\n");
/// let s = &plan.sections[0];
/// assert_eq!((s.number, &*s.marker, &*s.title), (3, "三、", "着力加强信息公开"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Section<'a> {
    /// The number, read from the marker (`十二、` → 12); the position among its
    /// siblings when the heading has no number.
    pub number: u32,
    /// The marker as written (`一、`, `（二）`), empty when there is none.
    #[serde(borrow)]
    pub marker: Cow<'a, str>,
    /// The heading's title: its first sentence, without the marker.
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// Text of the heading after its title sentence, if any.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// Span of the whole heading, marker included.
    pub span: Span,
    /// Tasks directly under this section.
    #[serde(borrow)]
    pub tasks: Vec<Task<'a>>,
    /// Nested sections (empty when none).
    #[serde(borrow)]
    pub sections: Vec<Section<'a>>,
}

/// One numbered task with the units that carry it out.
///
/// ```
/// let plan = fengong::parse("一、其他\n27.纳入年度报告予以公开。\n各县（区）人民政府，市府直属各部门\n");
/// let t = &plan.sections[0].tasks[0];
/// assert_eq!(t.number, 27);
/// assert_eq!(t.text, "纳入年度报告予以公开。");
/// assert_eq!(t.responsible.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task<'a> {
    /// The number as written; the position in the plan when the task has none.
    pub number: u32,
    /// The number marker as written (`1.`, `（一）`), empty when there is none.
    #[serde(borrow)]
    pub marker: Cow<'a, str>,
    /// The task's text without its marker and without its units; lines that
    /// were wrapped inside the task are joined. Where a tool wrote a Chinese
    /// text's curly quotes as `"` (docx2txt), they are given back as `“”`
    /// here, in section titles and in the plan's title.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// Span of the task's text, marker included (covering, when it runs over lines).
    pub span: Span,
    /// Lead units (牵头).
    #[serde(borrow)]
    pub lead: Vec<Unit<'a>>,
    /// Supporting units (配合, 协助, 参与).
    #[serde(borrow)]
    pub supporting: Vec<Unit<'a>>,
    /// Units named with no lead/support distinction (责任单位, or a bare list).
    #[serde(borrow)]
    pub responsible: Vec<Unit<'a>>,
    /// People named as responsible (责任领导); never units.
    #[serde(borrow)]
    pub leaders: Vec<Piece<'a>>,
    /// The deadline, when the plan gives one (完成时限).
    #[serde(borrow)]
    pub deadline: Option<Cow<'a, str>>,
    /// Remarks in the units text that name no unit.
    #[serde(borrow)]
    pub notes: Vec<Piece<'a>>,
    /// The units text as written (several pieces are joined with a line break).
    #[serde(borrow)]
    pub units_text: Cow<'a, str>,
    /// Span covering the units text, when there is one.
    pub units_span: Option<Span>,
    /// 1-based line where the task starts.
    pub line: usize,
}

/// A responsible unit as named in a plan.
///
/// ```
/// let units = fengong::parse_units("市府办公室牵头，各县（区）人民政府（管委会配合");
/// let u = &units.supporting[0];
/// assert_eq!(u.name, "各县（区）人民政府（管委会）");
/// assert_eq!(u.raw, "各县（区）人民政府（管委会");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unit<'a> {
    /// The name, repaired: brackets closed, whitespace dropped, role words and `等单位` dropped.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// The name exactly as written.
    #[serde(borrow)]
    pub raw: Cow<'a, str>,
    /// Span of `raw`.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// True when the list ended in `等`, `等单位` or `等部门` right after this unit.
    pub open_ended: bool,
}

/// A stretch of text kept as written: a note, a leader's name, a preamble line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece<'a> {
    /// The text, trimmed.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// Where it stands.
    pub span: Span,
}

/// What a [`Segment`] of the input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SegmentKind {
    /// Part of the title.
    Title,
    /// Text before the plan proper.
    Preamble,
    /// The table header row.
    Header,
    /// A section heading.
    Section,
    /// A task's text, marker included.
    Task,
    /// A task's units text (units, labels, leaders, deadline).
    Units,
    /// Whitespace, line ends, table rules and page numbers.
    Trivia,
    /// Text that fits nothing.
    Unparsed,
}

impl SegmentKind {
    /// The name the JSON uses (`units`).
    ///
    /// ```
    /// assert_eq!(fengong::SegmentKind::Trivia.as_str(), "trivia");
    /// assert_eq!(fengong::SegmentKind::Task.to_string(), "task");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Title => "title",
            SegmentKind::Preamble => "preamble",
            SegmentKind::Header => "header",
            SegmentKind::Section => "section",
            SegmentKind::Task => "task",
            SegmentKind::Units => "units",
            SegmentKind::Trivia => "trivia",
            SegmentKind::Unparsed => "unparsed",
        }
    }
}

/// Writes the name the JSON uses, see [`SegmentKind::as_str`].
impl std::fmt::Display for SegmentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kinded span of the input. The segments of a plan tile its input exactly.
///
/// ```
/// let text = "一、总体要求\n1.建立台账。\n市财政局\n";
/// let plan = fengong::parse(text);
/// let mut end = 0;
/// for seg in &plan.segments {
///     assert_eq!(seg.span.start, end);
///     end = seg.span.end;
/// }
/// assert_eq!(end, text.len());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// What the span holds.
    pub kind: SegmentKind,
    /// Where it stands.
    pub span: Span,
}

/// The three roles a unit can have in a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// 牵头: leads the task.
    Lead,
    /// 配合, 协助, 参与: supports the lead.
    Supporting,
    /// 责任单位 or a bare list: responsible, no distinction made.
    Responsible,
}

impl Role {
    /// The Chinese word for the role, as a ledger would print it.
    ///
    /// ```
    /// assert_eq!(fengong::Role::Lead.chinese(), "牵头");
    /// ```
    pub fn chinese(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Supporting => "配合",
            Role::Responsible => "负责",
        }
    }

    /// The role's name in English, as used in JSON and CSV.
    ///
    /// ```
    /// assert_eq!(fengong::Role::Supporting.as_str(), "supporting");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Supporting => "supporting",
            Role::Responsible => "responsible",
        }
    }
}

/// Writes the name the JSON uses (`lead`, `supporting`, `responsible`);
/// [`Role::chinese`] gives the ledger's word.
///
/// ```
/// assert_eq!(fengong::Role::Lead.to_string(), "lead");
/// ```
impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of parsing a responsibility phrase on its own, see [`crate::parse_units`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Units<'a> {
    /// Lead units.
    #[serde(borrow)]
    pub lead: Vec<Unit<'a>>,
    /// Supporting units.
    #[serde(borrow)]
    pub supporting: Vec<Unit<'a>>,
    /// Responsible units.
    #[serde(borrow)]
    pub responsible: Vec<Unit<'a>>,
    /// People named in the phrase (责任领导：…).
    #[serde(borrow)]
    pub leaders: Vec<Piece<'a>>,
    /// A deadline named in the phrase (完成时限：…).
    #[serde(borrow)]
    pub deadline: Option<Cow<'a, str>>,
    /// Clauses that name no unit.
    #[serde(borrow)]
    pub notes: Vec<Piece<'a>>,
    /// Problems found in the phrase.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Task<'a> {
    /// Every unit of the task with its role, lead first.
    ///
    /// ```
    /// use fengong::Role;
    /// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，市财政局配合\n");
    /// let roles: Vec<Role> = plan.sections[0].tasks[0].units().map(|(r, _)| r).collect();
    /// assert_eq!(roles, [Role::Lead, Role::Supporting]);
    /// ```
    pub fn units(&self) -> impl Iterator<Item = (Role, &Unit<'a>)> {
        self.lead
            .iter()
            .map(|u| (Role::Lead, u))
            .chain(self.supporting.iter().map(|u| (Role::Supporting, u)))
            .chain(self.responsible.iter().map(|u| (Role::Responsible, u)))
    }
}

fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

fn owned_all<T, U>(items: Vec<T>, f: impl Fn(T) -> U) -> Vec<U> {
    items.into_iter().map(f).collect()
}

impl Plan<'_> {
    /// Where the text at `span` stands in the file the plan was read from
    /// (a table's row and column, a paragraph, a sheet's cell): `None` for
    /// a plan read from text, or a span outside every place the reader
    /// recorded. See [`Source`].
    ///
    /// ```
    /// let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
    /// assert!(plan.origin(plan.sections[0].span).is_none());
    /// ```
    pub fn origin(&self, span: Span) -> Option<&Origin> {
        self.source.as_deref()?.origin(span)
    }

    /// The plan with every text copied out of the input, so that it can
    /// outlive the text it was parsed from.
    ///
    /// ```
    /// fn load() -> fengong::Plan<'static> {
    ///     let text = String::from("一、其他\n1.做好公开。\n市财政局\n");
    ///     fengong::parse(&text).into_owned()
    /// }
    /// assert_eq!(load().sections[0].tasks[0].responsible[0].name, "市财政局");
    /// ```
    pub fn into_owned(self) -> Plan<'static> {
        Plan {
            title: owned(self.title),
            title_spans: self.title_spans,
            preamble: owned_all(self.preamble, Piece::into_owned),
            columns: owned_all(self.columns, owned),
            header_span: self.header_span,
            layout: self.layout,
            encoding: self.encoding,
            sections: owned_all(self.sections, Section::into_owned),
            unparsed: owned_all(self.unparsed, Piece::into_owned),
            diagnostics: self.diagnostics,
            segments: self.segments,
            source: self.source,
        }
    }
}

impl Section<'_> {
    /// The section with every text copied, see [`Plan::into_owned`].
    ///
    /// ```
    /// let plan = fengong::parse("一、其他\n");
    /// let section: fengong::Section<'static> = plan.sections[0].clone().into_owned();
    /// assert_eq!(section.title, "其他");
    /// ```
    pub fn into_owned(self) -> Section<'static> {
        Section {
            number: self.number,
            marker: owned(self.marker),
            title: owned(self.title),
            text: owned(self.text),
            span: self.span,
            tasks: owned_all(self.tasks, Task::into_owned),
            sections: owned_all(self.sections, Section::into_owned),
        }
    }
}

impl Task<'_> {
    /// The task with every text copied, see [`Plan::into_owned`].
    ///
    /// ```
    /// let plan = fengong::parse("一、其他\n1.做好公开。\n市财政局\n");
    /// let task: fengong::Task<'static> = plan.sections[0].tasks[0].clone().into_owned();
    /// assert_eq!(task.text, "做好公开。");
    /// ```
    pub fn into_owned(self) -> Task<'static> {
        Task {
            number: self.number,
            marker: owned(self.marker),
            text: owned(self.text),
            span: self.span,
            lead: owned_all(self.lead, Unit::into_owned),
            supporting: owned_all(self.supporting, Unit::into_owned),
            responsible: owned_all(self.responsible, Unit::into_owned),
            leaders: owned_all(self.leaders, Piece::into_owned),
            deadline: self.deadline.map(owned),
            notes: owned_all(self.notes, Piece::into_owned),
            units_text: owned(self.units_text),
            units_span: self.units_span,
            line: self.line,
        }
    }
}

impl Unit<'_> {
    /// The unit with its texts copied, see [`Plan::into_owned`].
    ///
    /// ```
    /// let unit = fengong::parse_units("市财政局牵头").lead[0].clone().into_owned();
    /// assert_eq!(unit.name, "市财政局");
    /// ```
    pub fn into_owned(self) -> Unit<'static> {
        Unit {
            name: owned(self.name),
            raw: owned(self.raw),
            span: self.span,
            line: self.line,
            open_ended: self.open_ended,
        }
    }
}

impl Piece<'_> {
    /// The piece with its text copied, see [`Plan::into_owned`].
    ///
    /// ```
    /// let piece = fengong::Piece { text: "备注".into(), span: fengong::Span::new(0, 6) };
    /// assert_eq!(piece.into_owned().text, "备注");
    /// ```
    pub fn into_owned(self) -> Piece<'static> {
        Piece { text: owned(self.text), span: self.span }
    }
}

impl Units<'_> {
    /// The reading with every text copied, see [`Plan::into_owned`].
    ///
    /// ```
    /// fn read(cell: String) -> fengong::Units<'static> {
    ///     fengong::parse_units(&cell).into_owned()
    /// }
    /// assert_eq!(read("市财政局牵头".to_string()).lead[0].name, "市财政局");
    /// ```
    pub fn into_owned(self) -> Units<'static> {
        Units {
            lead: owned_all(self.lead, Unit::into_owned),
            supporting: owned_all(self.supporting, Unit::into_owned),
            responsible: owned_all(self.responsible, Unit::into_owned),
            leaders: owned_all(self.leaders, Piece::into_owned),
            deadline: self.deadline.map(owned),
            notes: owned_all(self.notes, Piece::into_owned),
            diagnostics: self.diagnostics,
        }
    }
}
