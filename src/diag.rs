//! Diagnostics: plain data (code, severity, span, message, fix), and their
//! rendering for people as `path:line:column` with the source line and carets.

use serde::{Deserialize, Serialize};

use std::borrow::Cow;

use crate::span::{LineIndex, Span};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The text is broken in a way the parser could not repair.
    Error,
    /// The text is broken; the parser repaired it and says how.
    Warning,
    /// Worth knowing, nothing is wrong.
    Info,
}

impl Severity {
    /// The lowercase name, as printed by `--check`.
    ///
    /// ```
    /// assert_eq!(fengong::Severity::Warning.as_str(), "warning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Chinese label, as a ledger's 问题 sheet prints it: 错误, 警告, 提示.
    ///
    /// ```
    /// assert_eq!(fengong::Severity::Warning.chinese(), "警告");
    /// ```
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// Writes the name the JSON uses (`warning`).
///
/// ```
/// assert_eq!(fengong::Severity::Info.to_string(), "info");
/// ```
impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Stable diagnostic codes. Serialized in kebab-case (`unclosed-bracket`).
///
/// ```
/// assert_eq!(fengong::Code::UnclosedBracket.as_str(), "unclosed-bracket");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// An opening bracket that is never closed; the repair closes it.
    UnclosedBracket,
    /// A closing bracket with no opening one; the repair drops it.
    StrayBracket,
    /// A half-width bracket paired with a full-width one.
    MixedBrackets,
    /// `合` typed for `和` between two units.
    HeTypo,
    /// Two clauses with no comma between them (`X牵头Y配合`).
    MissingComma,
    /// Two unit names run together with no separator (`市财政局市税务局`).
    RunTogetherUnits,
    /// A clause of the units text that names no unit; kept as a note.
    UnitsNote,
    /// A section marker without its `、` (`一 加快…`, `一．`).
    SectionMarkerPunctuation,
    /// A task number without its dot (`1 构建…`).
    TaskMarkerPunctuation,
    /// A units line whose final `。` or `；` is doubled, or missing where the plan uses one.
    UnitsPunctuation,
    /// Task numbers skip one or more numbers.
    TaskNumberGap,
    /// A task number used twice.
    DuplicateTaskNumber,
    /// A task before the first section heading.
    TaskBeforeSection,
    /// A number too large to read.
    NumberOverflow,
    /// A task with no units at all.
    MissingUnits,
    /// Units text with no task to belong to.
    OrphanUnits,
    /// A line that fits nothing; kept as unparsed.
    Unparsed,
    /// The input is larger than the limit set in the options.
    InputTooLarge,
    /// Units are written in more than one way in one plan (low confidence in the layout).
    MixedLayout,
    /// The plan states a convention the parser applied (`排在第一位的为牵头单位`).
    Convention,
    /// The text holds no task, or no item of it names a unit: a notice, an
    /// empty file or a page of something else, not a plan that divides tasks.
    NoTasks,
}

impl Code {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnclosedBracket => "unclosed-bracket",
            Code::StrayBracket => "stray-bracket",
            Code::MixedBrackets => "mixed-brackets",
            Code::HeTypo => "he-typo",
            Code::MissingComma => "missing-comma",
            Code::RunTogetherUnits => "run-together-units",
            Code::UnitsNote => "units-note",
            Code::SectionMarkerPunctuation => "section-marker-punctuation",
            Code::TaskMarkerPunctuation => "task-marker-punctuation",
            Code::UnitsPunctuation => "units-punctuation",
            Code::TaskNumberGap => "task-number-gap",
            Code::DuplicateTaskNumber => "duplicate-task-number",
            Code::TaskBeforeSection => "task-before-section",
            Code::NumberOverflow => "number-overflow",
            Code::MissingUnits => "missing-units",
            Code::OrphanUnits => "orphan-units",
            Code::Unparsed => "unparsed",
            Code::InputTooLarge => "input-too-large",
            Code::MixedLayout => "mixed-layout",
            Code::Convention => "convention",
            Code::NoTasks => "no-tasks",
        }
    }

    /// A short Chinese label, as a ledger's 问题 sheet prints it.
    ///
    /// ```
    /// assert_eq!(fengong::Code::HeTypo.chinese(), "“合”应为“和”");
    /// assert!(fengong::Code::ALL.iter().all(|c| !c.chinese().is_empty()));
    /// ```
    pub fn chinese(self) -> &'static str {
        match self {
            Code::UnclosedBracket => "括号未闭合",
            Code::StrayBracket => "多余的右括号",
            Code::MixedBrackets => "中英文括号混用",
            Code::HeTypo => "“合”应为“和”",
            Code::MissingComma => "缺少逗号",
            Code::RunTogetherUnits => "单位名称连写",
            Code::UnitsNote => "单位栏中的说明",
            Code::SectionMarkerPunctuation => "章节序号缺少顿号",
            Code::TaskMarkerPunctuation => "任务序号缺少点号",
            Code::UnitsPunctuation => "单位栏标点",
            Code::TaskNumberGap => "任务序号跳号",
            Code::DuplicateTaskNumber => "任务序号重复",
            Code::TaskBeforeSection => "任务在第一个章节之前",
            Code::NumberOverflow => "数字过大",
            Code::MissingUnits => "任务缺少责任单位",
            Code::OrphanUnits => "单位无所属任务",
            Code::Unparsed => "未能识别的文字",
            Code::InputTooLarge => "文件过大",
            Code::MixedLayout => "单位写法不一",
            Code::Convention => "采用方案所述牵头约定",
            Code::NoTasks => "未找到任务",
        }
    }

    /// Every code, for documentation and tests.
    pub const ALL: &'static [Code] = &[
        Code::UnclosedBracket,
        Code::StrayBracket,
        Code::MixedBrackets,
        Code::HeTypo,
        Code::MissingComma,
        Code::RunTogetherUnits,
        Code::UnitsNote,
        Code::SectionMarkerPunctuation,
        Code::TaskMarkerPunctuation,
        Code::UnitsPunctuation,
        Code::TaskNumberGap,
        Code::DuplicateTaskNumber,
        Code::TaskBeforeSection,
        Code::NumberOverflow,
        Code::MissingUnits,
        Code::OrphanUnits,
        Code::Unparsed,
        Code::InputTooLarge,
        Code::MixedLayout,
        Code::Convention,
        Code::NoTasks,
    ];
}

/// Writes the name the JSON uses (`he-typo`).
///
/// ```
/// assert_eq!(fengong::Code::NoTasks.to_string(), "no-tasks");
/// ```
impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A suggested edit: replace `span` with `replacement` (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What to replace.
    pub span: Span,
    /// What to put there.
    pub replacement: String,
}

/// A problem found in the text, with where it is and how to fix it.
///
/// ```
/// let plan = fengong::parse("一、其他\n1.做好公开。\n市府办牵头，各县（区配合\n");
/// let d = &plan.diagnostics[0];
/// assert_eq!(d.code, fengong::Code::UnclosedBracket);
/// assert_eq!((d.line, d.column), (3, 11));
/// assert_eq!(d.fix.as_ref().unwrap().replacement, "）");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, lowercase, no final period.
    pub message: String,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`, in characters.
    pub column: usize,
    /// Where the problem is.
    pub span: Span,
    /// The suggested fix, when known.
    pub fix: Option<Fix>,
    /// Where the thing the message refers to stands (an opening bracket),
    /// used to fill in its line and column when the message is finished.
    #[serde(skip)]
    pub(crate) related: Option<usize>,
}

impl Diagnostic {
    pub(crate) fn new(code: Code, severity: Severity, span: Span, message: String) -> Diagnostic {
        Diagnostic { code, severity, message, line: 0, column: 0, span, fix: None, related: None }
    }

    /// Fills in `line` and `column` of every diagnostic, and the `{at}` of
    /// messages that name a related place, in one walk over the text.
    pub(crate) fn locate_all(diags: &mut [Diagnostic], text: &str, index: &LineIndex) {
        diags.sort_by_key(|d| d.span.start);
        let mut offsets: Vec<usize> = diags.iter().map(|d| d.span.start).collect();
        let mut related: Vec<(usize, usize)> =
            diags.iter().enumerate().filter_map(|(i, d)| d.related.map(|r| (r, i))).collect();
        related.sort_unstable();
        offsets.extend(related.iter().map(|r| r.0));
        let n = diags.len();
        let main = index.line_cols(text, &offsets[..n]);
        let rel = index.line_cols(text, &offsets[n..]);
        for (d, (l, c)) in diags.iter_mut().zip(main) {
            d.line = l;
            d.column = c;
        }
        for ((_, i), (l, c)) in related.into_iter().zip(rel) {
            let d = &mut diags[i];
            d.message = d.message.replace("{at}", &format!("line {l}, column {c}"));
        }
    }

    pub(crate) fn with_fix(mut self, span: Span, replacement: &str) -> Diagnostic {
        self.fix = Some(Fix { span, replacement: replacement.to_string() });
        self
    }

    /// Renders the diagnostic for a person, the way rustc does (with
    /// annotate-snippets): a title with the code, `path:line:column`, the
    /// source line with carets under the exact characters (double-width CJK
    /// characters get two carets), and the suggested fix.
    ///
    /// ```text
    /// warning[unclosed-bracket]: expected `）` to close `（` at line 3, column 9 before `配合`
    ///  --> plan.txt:3:11
    ///   |
    /// 3 | 市府办牵头，各县（区配合
    ///   |                     ^^
    ///   |
    /// help: insert `）`
    ///   |
    /// 3 | 市府办牵头，各县（区）配合
    ///   |                     ++
    /// ```
    ///
    /// ```
    /// let text = "一、其他\n1.做好公开。\n市府办牵头，各县（区配合\n";
    /// let plan = fengong::parse(text);
    /// let shown = plan.diagnostics[0].render("plan.txt", text);
    /// assert!(shown.starts_with("warning[unclosed-bracket]: expected `）`"));
    /// assert!(shown.contains("--> plan.txt:3:11"));
    /// ```
    pub fn render(&self, path: &str, text: &str) -> String {
        let index = LineIndex::new(text);
        self.render_with(path, text, &index)
    }

    /// Like [`Diagnostic::render`], with a line index made once for many diagnostics.
    ///
    /// One function on purpose: it lays out one report (header, snippet,
    /// caret, note, fix) top to bottom, each part a few lines.
    pub fn render_with(&self, path: &str, text: &str, index: &LineIndex) -> String {
        /// Longest line, in characters, whose fix is shown as a patch.
        const PATCH_LINE_CHARS: usize = 200;
        /// Longer lines are shown as a window of this many characters on
        /// each side of the span.
        const LONG_LINE_BYTES: usize = 2000;
        const WINDOW_CHARS: usize = 40;
        use annotate_snippets::{AnnotationKind, Level, Patch, Renderer, Snippet};

        let line_span = index.line_span(text, self.line.max(1));
        let full = line_span.slice(text);
        // A long line (a plan whose line breaks were lost) is shown as a
        // window around the span, `…` at each cut: the renderer reads the
        // whole line it is given, and a long line with many flaws would
        // cost its length once per flaw.
        let at = |p: usize| p.clamp(line_span.start, line_span.end) - line_span.start;
        let (a, b) = (at(self.span.start), at(self.span.end));
        let (start, end) = if full.len() > LONG_LINE_BYTES {
            let back = full[..a].char_indices().rev().nth(WINDOW_CHARS - 1).map_or(0, |(i, _)| i);
            let fwd = |from: usize, n: usize| full[from..].char_indices().nth(n).map_or(full.len(), |(i, _)| from + i);
            (back, fwd(b, WINDOW_CHARS).min(fwd(a, 3 * WINDOW_CHARS)))
        } else {
            (0, full.len())
        };
        let cut = start > 0 || end < full.len();
        let source: Cow<'_, str> = if cut {
            let left = if start > 0 { "…" } else { "" };
            let right = if end < full.len() { "…" } else { "" };
            Cow::Owned(format!("{left}{}{right}", &full[start..end]))
        } else {
            Cow::Borrowed(full)
        };
        let shift = if start > 0 { "…".len() } else { 0 };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        // The span on the line shown, relative to it; an empty span marks
        // the character after it (where something is missing).
        let local = |s: Span| -> std::ops::Range<usize> {
            let view = |p: usize| at(p).clamp(start, end) - start + shift;
            let (a, b) = (view(s.start), view(s.end));
            if b > a {
                return a..b;
            }
            let next = source[a..].chars().next().map_or(0, char::len_utf8);
            a..a + next
        };
        let snippet = Snippet::source(source.as_ref())
            .line_start(self.line.max(1))
            .path(path)
            .annotation(AnnotationKind::Primary.span(local(self.span)));
        let title = level.primary_title(self.message.as_str()).id(self.code.as_str()).element(snippet);
        let mut report = vec![title];
        let help_text;
        if let Some(fix) = &self.fix {
            let on_line = fix.span.start >= line_span.start && fix.span.end <= line_span.end;
            help_text = if fix.span.is_empty() {
                format!("insert `{}`", fix.replacement)
            } else if fix.replacement.is_empty() {
                format!("remove `{}`", fix.span.slice(text))
            } else {
                format!("replace `{}` with `{}`", fix.span.slice(text), fix.replacement)
            };
            let help = Level::HELP.secondary_title(help_text.as_str());
            let (a, b) = (fix.span.start.saturating_sub(line_span.start), fix.span.end.saturating_sub(line_span.start));
            // The patch shows the whole line twice, untrimmed: on a long line
            // (a plan whose line breaks were lost) the help's title says it all.
            let group = if on_line && !cut && source.chars().nth(PATCH_LINE_CHARS).is_none() {
                help.element(
                    Snippet::source(source.as_ref())
                        .line_start(self.line.max(1))
                        .path(path)
                        .patch(Patch::new(a..b, fix.replacement.as_str())),
                )
            } else {
                annotate_snippets::Group::with_title(help)
            };
            report.push(group);
        }
        let mut out = Renderer::plain().render(&report);
        if start > 0 {
            // The renderer counts the column from the window's start.
            let shown = source[..local(self.span).start].chars().count() + 1;
            let column = if self.column > 0 { self.column } else { index.line_col(text, self.span.start).1 };
            let line = self.line.max(1);
            out = out.replacen(&format!("{path}:{line}:{shown}"), &format!("{path}:{line}:{column}"), 1);
        }
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_as_a_window_with_the_right_column() {
        let text = format!("{}市税务局合市审计局配合\n", "市财政局、".repeat(500));
        let at = text.find('合').expect("the typo is there");
        let span = Span::new(at, at + '合'.len_utf8());
        let mut diags = vec![Diagnostic::new(Code::HeTypo, Severity::Warning, span, "typo".to_string())];
        let index = LineIndex::new(&text);
        Diagnostic::locate_all(&mut diags, &text, &index);
        let out = diags[0].render_with("plan.txt", &text, &index);
        assert!(out.contains("plan.txt:1:2505"), "{out}");
        assert!(out.contains("…、市财政局"), "{out}");
        assert!(out.len() < 1000, "{} bytes", out.len());
        // A short line is shown whole, with the column as counted.
        let short = "市税务局合市审计局\n";
        let mut diags = vec![Diagnostic::new(Code::HeTypo, Severity::Warning, Span::new(12, 15), "typo".to_string())];
        let index = LineIndex::new(short);
        Diagnostic::locate_all(&mut diags, short, &index);
        let out = diags[0].render_with("plan.txt", short, &index);
        assert!(out.contains("plan.txt:1:5") && out.contains("市税务局合市审计局") && !out.contains('…'), "{out}");
    }
}
