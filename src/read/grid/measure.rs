//! A grid's lines measured: what each character is (rule stroke, wall,
//! junction, text) and the display column it stands at; where a grid starts
//! and ends, and where its column boundaries are.

use unicode_width::UnicodeWidthChar;

use super::{MAX_COLUMNS, MAX_LINE};
use crate::span::Span;

/// Which characters draw the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// Unicode box drawing, as w3m draws a table with a border.
    Boxed,
    /// `+`, `-`, `=` and `|`, as pandoc's grid tables and w3m's ASCII mode.
    Ascii,
}

/// What a character is in a grid line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A stroke of a rule: `─`, `-`, `=`.
    Horizontal,
    /// A wall: `│`, `|`.
    Vertical,
    /// A corner, a tee or a crossing: `┼`, `+`.
    Junction,
    /// White space.
    Space,
    /// Anything else: the text of a cell.
    Text,
}

/// The kind of `c` in a grid of `style`.
pub(super) fn kind(c: char, style: Style) -> Kind {
    if c.is_whitespace() {
        return Kind::Space;
    }
    match style {
        Style::Boxed => match c {
            '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '╴' | '╶' | '╸' | '╺' | '╼' | '╾' => {
                Kind::Horizontal
            }
            '│' | '┃' | '║' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '╵' | '╷' | '╹' | '╻' | '╽' | '╿' => {
                Kind::Vertical
            }
            '\u{2500}'..='\u{2570}' => Kind::Junction,
            _ => Kind::Text,
        },
        Style::Ascii => match c {
            '-' | '=' | ':' => Kind::Horizontal,
            '|' => Kind::Vertical,
            '+' => Kind::Junction,
            _ => Kind::Text,
        },
    }
}

/// A character of a grid line, where it stands.
#[derive(Clone, Copy, Debug)]
pub(super) struct Glyph {
    /// Byte offset in the input.
    pub(super) at: usize,
    /// Byte offset in the input just past it.
    pub(super) end: usize,
    /// Display column it starts at.
    pub(super) pos: usize,
    /// Display columns it takes.
    pub(super) width: usize,
    /// What it is in the grid.
    pub(super) kind: Kind,
    /// True when it may be a wall: a vertical, or a junction (in ASCII, a
    /// `+` next to a rule stroke or at an end of the line).
    pub(super) wall: bool,
}

/// A line of a grid, measured.
#[derive(Debug)]
pub(super) struct GridLine {
    /// Its characters, in order.
    pub(super) glyphs: Vec<Glyph>,
}

/// The display width of `c`: East Asian ambiguous characters (box drawing
/// among them) count two when `wide`.
pub(super) fn width(c: char, wide: bool) -> usize {
    if wide { c.width_cjk() } else { c.width() }.unwrap_or(0)
}

/// Measures the line `span` of `src`.
pub(super) fn measure(src: &str, span: Span, style: Style, wide: bool) -> GridLine {
    let text = span.slice(src);
    let mut glyphs = Vec::with_capacity(text.len());
    let mut pos = 0;
    for (i, c) in text.char_indices() {
        let w = width(c, wide);
        let k = kind(c, style);
        let at = span.start + i;
        glyphs.push(Glyph { at, end: at + c.len_utf8(), pos, width: w, kind: k, wall: false });
        pos += w;
    }
    let n = glyphs.len();
    for i in 0..n {
        glyphs[i].wall = match (style, glyphs[i].kind) {
            (_, Kind::Vertical) | (Style::Boxed, Kind::Junction) => true,
            (Style::Ascii, Kind::Junction) => {
                let stroke =
                    |j: Option<usize>| j.and_then(|j| glyphs.get(j)).is_none_or(|g| g.kind == Kind::Horizontal);
                stroke(i.checked_sub(1)) || stroke(Some(i + 1))
            }
            _ => false,
        };
    }
    GridLine { glyphs }
}

/// The style of the grid whose top border `line` is, if it is one.
pub(super) fn top_border(line: &str) -> Option<Style> {
    let t = line.trim();
    let first = t.chars().next()?;
    let last = t.chars().next_back()?;
    let inner = t.get(first.len_utf8()..t.len() - last.len_utf8())?;
    if matches!(first, '┌' | '┍' | '┎' | '┏' | '╒' | '╓' | '╔' | '╭')
        && matches!(last, '┐' | '┑' | '┒' | '┓' | '╕' | '╖' | '╗' | '╮')
        && inner.chars().all(|c| kind(c, Style::Boxed) == Kind::Horizontal || kind(c, Style::Boxed) == Kind::Junction)
        && inner.chars().any(|c| kind(c, Style::Boxed) == Kind::Horizontal)
    {
        return Some(Style::Boxed);
    }
    let ascii_rule = first == '+'
        && last == '+'
        && inner.len() >= 2
        && inner.bytes().all(|b| matches!(b, b'-' | b'=' | b':' | b'+'))
        && inner.bytes().any(|b| matches!(b, b'-' | b'='));
    ascii_rule.then_some(Style::Ascii)
}

/// True when `line` can be a line of a grid of `style` (below its top).
fn grid_line(line: &str, style: Style) -> bool {
    if line.len() > MAX_LINE {
        return false;
    }
    match (style, line.trim_start().chars().next()) {
        (Style::Boxed, Some(c)) => matches!(kind(c, style), Kind::Vertical | Kind::Junction),
        (Style::Ascii, Some(c)) => c == '+' || c == '|',
        _ => false,
    }
}

/// The index of the last line of the grid whose top border is line `top`
/// (its bottom border, or else its last rule), or `Err` with the last grid
/// line seen when no rule follows the top (then no grid starts before it).
pub(super) fn extent(src: &str, lines: &[Span], top: usize, style: Style) -> Result<usize, usize> {
    let mut last_rule = None;
    let mut seen = top;
    for (i, span) in lines.iter().enumerate().skip(top + 1) {
        let line = span.slice(src);
        if !grid_line(line, style) {
            break;
        }
        seen = i;
        let t = line.trim();
        let rule = match style {
            Style::Boxed => {
                let first = t.chars().next();
                if matches!(first, Some('└' | '┕' | '┖' | '┗' | '╘' | '╙' | '╚' | '╰')) {
                    return Ok(i);
                }
                t.chars().all(|c| matches!(kind(c, style), Kind::Horizontal | Kind::Junction))
            }
            Style::Ascii => top_border(t).is_some(),
        };
        if rule {
            last_rule = Some(i);
        }
    }
    last_rule.ok_or(seen)
}

/// The columns where the grid's walls stand: where a wall character stands
/// on two lines or more (a junction counts twice), ends included.
pub(super) fn boundaries(lines: &[GridLine]) -> Option<Vec<usize>> {
    let max = lines.iter().filter_map(|l| l.glyphs.last()).map(|g| g.pos).max()?;
    if max > 2 * MAX_LINE {
        return None;
    }
    let mut count = vec![0u32; max + 1];
    for g in lines.iter().flat_map(|l| &l.glyphs).filter(|g| g.wall) {
        count[g.pos] += if g.kind == Kind::Junction { 2 } else { 1 };
    }
    let out: Vec<usize> = (0..=max).filter(|&p| count[p] >= 2).collect();
    (out.len() >= 2 && out.len() <= MAX_COLUMNS + 1).then_some(out)
}
