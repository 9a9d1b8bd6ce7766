//! What each line looks like, and how well it fits each column.

use crate::fold::{fold, is_space};
use crate::lexicon::{self, ColumnKind};
use crate::marker::{self, MarkerKind};
use crate::units::{self, Stop};

use super::*;

/// What a column holds, for fitting lines to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::read) enum Kind {
    /// A task's number (`序号`).
    Number,
    /// Groups of tasks: section headings.
    Group,
    /// The task's text.
    Task,
    /// Units, whatever their role.
    Units,
    /// A deadline or a schedule.
    Deadline,
    /// People responsible.
    Leaders,
    /// Other content the lexicon names (`备注`).
    Other,
    /// A column whose name the lexicon does not know.
    Unknown,
}

impl Kind {
    /// The kind of a column the header names as `kind`.
    pub(super) fn of(kind: Option<ColumnKind>) -> Kind {
        match kind {
            Some(ColumnKind::Number) => Kind::Number,
            Some(ColumnKind::Section) => Kind::Group,
            Some(ColumnKind::Task) => Kind::Task,
            Some(ColumnKind::Units(_)) => Kind::Units,
            Some(ColumnKind::Deadline) => Kind::Deadline,
            Some(ColumnKind::Leaders) => Kind::Leaders,
            Some(ColumnKind::Other) => Kind::Other,
            None => Kind::Unknown,
        }
    }
}

/// The marker a line starts with, coarsely.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Mark {
    /// No marker.
    #[default]
    None,
    /// `一、`, `（一）`, `第一部分`: a group.
    Section,
    /// `1.`, `（1）`, `①` with text after it: a task.
    Item,
    /// A number alone (`1`, `1.`): a number cell.
    Number,
    /// A list item's bullet (`*`, `•`): a page's menus, no cell.
    Bullet,
}

/// True when `text` starts with a bullet and a space (or is one).
pub(super) fn is_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| matches!(c, '*' | '•' | '◦' | '▪' | '●' | '○' | '·' | '-' | '‧'))
        && chars.next().is_none_or(is_space)
}

/// What a line looks like.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::read) struct Feat {
    /// An empty line (or one of white space only).
    pub(in crate::read) blank: bool,
    /// The marker it starts with.
    pub(super) mark: Mark,
    /// The marker's own kind, for [`Mark::Section`] and [`Mark::Item`].
    pub(super) marker: Option<MarkerKind>,
    /// Reads as units (`市财政局牵头，市税务局配合`, `知识产权处`).
    pub(super) units: bool,
    /// Units, one name with no separator in it.
    single: bool,
    /// Units ending in a separator (`区财金局、纪工委、`): the cell goes on.
    open: bool,
    /// A date or a time (`2021年12月底`, `第二季度`, `长期`).
    date: bool,
    /// A person's name (two to four ideographs, no unit suffix).
    person: bool,
    /// A sentence: long, or ending in `。`.
    long: bool,
}

/// Words of a date or a schedule.
pub(super) const DATE_WORDS: [&str; 12] =
    ["年", "月", "季度", "长期", "持续", "常态", "全年", "每年", "每月", "每季", "年底", "日前"];

/// True when `text` (of `chars` characters, counted up to [`LONG_CHARS`]
/// and one) is a date or a schedule: a short text with a date word, or a
/// text that starts with one (`第二季度：…`, `2021年底前…`).
pub(super) fn is_date(text: &str, chars: usize) -> bool {
    let head: String = text.chars().take(6).collect();
    let lead = head.starts_with('第') || head.starts_with(|c: char| fold(c).is_ascii_digit());
    DATE_WORDS.iter().any(|w| if chars <= LONG_CHARS / 2 { text.contains(w) } else { lead && head.contains(w) })
}

/// What line `line` looks like.
pub(in crate::read) fn feat(cx: &units::Cx<'_, '_>, line: &Line) -> Feat {
    let text = line.text.slice(cx.src);
    if text.is_empty() {
        return Feat { blank: true, ..Feat::default() };
    }
    let chars = text.chars().take(LONG_CHARS + 1).count();
    let digits = text.chars().all(|c| fold(c).is_ascii_digit());
    let found = marker::recognise(text);
    let mark = match &found {
        _ if is_bullet(text) => Mark::Bullet,
        _ if digits && chars <= 4 => Mark::Number,
        Some(m) if m.body >= text.len() => Mark::Number,
        Some(m) if m.kind <= MarkerKind::ParenChinese => Mark::Section,
        Some(_) => Mark::Item,
        None => Mark::None,
    };
    let marker = found.map(|m| m.kind).filter(|_| matches!(mark, Mark::Section | Mark::Item));
    let units = mark == Mark::None && !digits && units::probe(cx, line.text, Some(Stop::OnRole)).is_units();
    let separator = |c: char| matches!(fold(c), '、' | ',' | ';' | '，' | '；');
    let last = text.chars().next_back().map(fold);
    let long = chars > LONG_CHARS || last == Some('。');
    let person = !units
        && mark == Mark::None
        && (2..=4).contains(&chars)
        && text.chars().all(marker::is_cjk)
        && !lexicon::has_unit_suffix(text);
    Feat {
        blank: false,
        mark,
        marker,
        units,
        single: units && !text.chars().any(separator),
        open: units && last.is_some_and(separator),
        date: !units && is_date(text, chars),
        person,
        long,
    }
}

/// Points for line `f` starting a cell of a column of `kind`.
pub(in crate::read) fn start_points(kind: Kind, f: &Feat) -> i32 {
    if kind == Kind::Unknown {
        return start_points(Kind::Group, f).max(start_points(Kind::Other, f));
    }
    if f.blank {
        return if matches!(kind, Kind::Task | Kind::Number) { -2 } else { -1 };
    }
    let plain = if f.long { 0 } else { 2 };
    match (kind, f.mark) {
        (_, Mark::Bullet) => -6,
        (Kind::Number, Mark::Number) => 6,
        (Kind::Number, _) => -4,
        (Kind::Group, Mark::Section) => 6,
        (Kind::Group, Mark::Item | Mark::Number) => -6,
        (Kind::Task, Mark::Item) => 6,
        (Kind::Task, Mark::Section) => -2,
        (Kind::Task, Mark::Number) => -6,
        (Kind::Units, Mark::Item) => -8,
        (Kind::Units, Mark::Section | Mark::Number) => -6,
        (Kind::Deadline | Kind::Leaders | Kind::Other, Mark::Item | Mark::Section) => -5,
        (_, _) if f.units => match kind {
            Kind::Units => 6,
            Kind::Leaders => 0,
            Kind::Other => -2,
            _ => -5,
        },
        (Kind::Units, _) => -4,
        (Kind::Deadline, Mark::Number) => -2,
        (Kind::Deadline, _) if f.date => 6,
        (Kind::Deadline, _) => -1,
        (Kind::Leaders, _) if f.person => 4,
        (Kind::Leaders, _) => -2,
        (Kind::Other | Kind::Unknown, Mark::Number) => -4,
        (Kind::Other | Kind::Unknown, _) => 0,
        (Kind::Group | Kind::Task, _) if f.date && !f.long => -2,
        (Kind::Group | Kind::Task, _) => plain,
    }
}

/// Points for line `f` being one more paragraph of a cell of a column of
/// `kind` whose last paragraph is `prev`.
pub(in crate::read) fn more_points(kind: Kind, f: &Feat, prev: &Feat) -> i32 {
    match kind {
        Kind::Unknown => more_points(Kind::Group, f, prev).max(more_points(Kind::Other, f, prev)),
        Kind::Number => -8,
        _ if f.mark == Mark::Bullet => -6,
        Kind::Units if f.units && prev.open => 4,
        Kind::Units if f.units && f.single && prev.single => 2,
        Kind::Units if f.units => -1,
        Kind::Units => -6,
        _ if f.mark == Mark::Number => -6,
        // A task number starts a cell rather than goes on one.
        _ if f.mark == Mark::Item => -5,
        _ if f.mark != Mark::None => -3,
        Kind::Deadline if f.date => 1,
        Kind::Leaders if f.person => 1,
        _ if f.units => -5,
        _ => -1,
    }
}

/// Points for a section heading (`一、`) being a row of its own across the
/// table: fewer than for a group cell, which a heading is where the table
/// has a column for it.
pub(super) const ACROSS_POINTS: i32 = 4;
