//! Box-drawn grids, Unicode (`┌─┬─┐ │ ├─┼─┤ └─┴─┘`) and ASCII (`+---+`, `|`), as
//! `w3m -dump` and pandoc's grid tables draw a table.
//!
//! A grid is read on display columns: every character of a grid line stands
//! at a column (a CJK character, and in w3m's East Asian mode a box
//! character too, takes two), and the walls of the grid stand at the same
//! columns on every line. The columns of the table are the places where
//! walls stand on several lines; each line is cut there (at its wall
//! character, or where the wall would be when a merged cell has none), so
//! that a line whose characters are measured a column off still falls apart
//! right. A line whose piece in some column is a run of rule characters is a
//! rule; the lines between two rules are a row. A cell runs on into the next
//! column when its row has no wall there (a column span), and into the next
//! row when the rule between has text or blanks in its column instead of a
//! rule (a row span). A cell's lines are pieces of one paragraph; a blank
//! line in it, or, in w3m's grids, a line that stops short where the next
//! word would still have fitted, starts a new paragraph.

use unicode_width::UnicodeWidthChar;

use super::{Block, Cell, Document, Piece, Table, Text, lines_as_paras};
use crate::model::Layout;
use crate::span::Span;

/// The longest line (in bytes) that can be a line of a grid.
const MAX_LINE: usize = 1 << 16;
/// The most columns a grid may have.
const MAX_COLUMNS: usize = 512;
/// The most cuts (lines × walls) and slots (rows × columns) of one grid.
const MAX_CELLS: usize = 1 << 20;
/// The most bytes one grid may take (its lines are measured character by
/// character).
const MAX_GRID: usize = 1 << 21;
/// How far (in display columns) a wall may stand from where the grid's
/// column boundary is and still be that boundary's wall.
const TOLERANCE: isize = 1;

/// Which characters draw the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// Unicode box drawing, as w3m draws a table with a border.
    Boxed,
    /// `+`, `-`, `=` and `|`, as pandoc's grid tables and w3m's ASCII mode.
    Ascii,
}

/// What a character is in a grid line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
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
fn kind(c: char, style: Style) -> Kind {
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
struct Glyph {
    /// Byte offset in the input.
    at: usize,
    /// Byte offset in the input just past it.
    end: usize,
    /// Display column it starts at.
    pos: usize,
    /// Display columns it takes.
    width: usize,
    /// What it is in the grid.
    kind: Kind,
    /// True when it may be a wall: a vertical, or a junction (in ASCII, a
    /// `+` next to a rule stroke or at an end of the line).
    wall: bool,
}

/// A line of a grid, measured.
#[derive(Debug)]
struct GridLine {
    /// Its characters, in order.
    glyphs: Vec<Glyph>,
}

/// The display width of `c`: East Asian ambiguous characters (box drawing
/// among them) count two when `wide`.
fn width(c: char, wide: bool) -> usize {
    if wide { c.width_cjk() } else { c.width() }.unwrap_or(0)
}

/// Measures the line `span` of `src`.
fn measure(src: &str, span: Span, style: Style, wide: bool) -> GridLine {
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
fn top_border(line: &str) -> Option<Style> {
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
fn extent(src: &str, lines: &[Span], top: usize, style: Style) -> Result<usize, usize> {
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
fn boundaries(lines: &[GridLine]) -> Option<Vec<usize>> {
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

/// Where a line is cut at a column boundary: glyphs `lo..hi` are the wall
/// (none when the line has no wall there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cut {
    /// The first glyph of the wall, or the glyph the cut comes before.
    lo: usize,
    /// The first glyph after the wall (`lo` when there is no wall).
    hi: usize,
}

impl Cut {
    /// True when the line has a wall character here.
    fn wall(self) -> bool {
        self.hi > self.lo
    }
}

/// Cuts `line` at every boundary in `bounds`: at the wall that stands there
/// (within [`TOLERANCE`], a wall found correcting the columns of the rest
/// of the line), or else before the first glyph at or past it.
fn cut(line: &GridLine, bounds: &[usize]) -> Vec<Cut> {
    let mut out = Vec::with_capacity(bounds.len());
    let mut drift: isize = 0;
    let mut pending: Option<usize> = None;
    let b = |k: usize| bounds[k] as isize;
    for (i, g) in line.glyphs.iter().enumerate() {
        let q = g.pos as isize + drift;
        while out.len() < bounds.len() && q > b(out.len()) + TOLERANCE {
            let at = pending.take().unwrap_or(i);
            out.push(Cut { lo: at, hi: at });
        }
        let k = out.len();
        if k == bounds.len() {
            break;
        }
        let near = (q - b(k)).abs();
        let nearer_next = k + 1 < bounds.len() && (q - b(k + 1)).abs() < near;
        if g.wall && near <= TOLERANCE && !nearer_next {
            out.push(Cut { lo: i, hi: i + 1 });
            drift += b(k) - q;
            pending = None;
        } else if pending.is_none() && q >= b(k) {
            pending = Some(i);
        }
    }
    while out.len() < bounds.len() {
        let at = pending.take().unwrap_or(line.glyphs.len());
        out.push(Cut { lo: at, hi: at });
    }
    out
}

/// A line of the grid, cut at its columns.
struct Cutline {
    /// The line.
    line: GridLine,
    /// Its cuts, one a column boundary.
    cuts: Vec<Cut>,
}

impl Cutline {
    /// The glyphs of columns `a..b` of this line (between their walls).
    fn glyphs(&self, a: usize, b: usize) -> &[Glyph] {
        let (from, to) = (self.cuts[a].hi, self.cuts[b].lo);
        self.line.glyphs.get(from..to.max(from)).unwrap_or(&[])
    }

    /// True when column `c` of this line is a run of rule strokes.
    fn stroke(&self, c: usize) -> bool {
        let g = self.glyphs(c, c + 1);
        !g.is_empty() && g.iter().all(|g| g.kind == Kind::Horizontal)
    }

    /// True when this line is a rule: some column of it is all strokes.
    fn is_rule(&self) -> bool {
        (0..self.cuts.len() - 1).any(|c| self.stroke(c))
    }
}

/// A line's text in one cell: its trimmed span, how wide it is, and how wide
/// its first word is (for telling a wrapped line from a broken one).
#[derive(Clone, Copy, Debug)]
struct Fragment {
    /// The text, trimmed; `None` when blank.
    span: Option<Span>,
    /// Its display width.
    width: usize,
    /// The display width of its first word.
    first_word: usize,
    /// The display width the cell gives a line.
    room: usize,
}

/// The fragment of `glyphs`, in a cell `room` columns wide.
fn fragment(glyphs: &[Glyph], room: usize) -> Fragment {
    let text = |g: &&Glyph| g.kind != Kind::Space;
    let (Some(first), Some(last)) = (glyphs.iter().position(|g| text(&g)), glyphs.iter().rposition(|g| text(&g)))
    else {
        return Fragment { span: None, width: 0, first_word: 0, room };
    };
    let body = &glyphs[first..=last];
    let width = body.iter().map(|g| g.width).sum();
    // A word: a wide character alone, or a run of narrow ones up to a space.
    let first_word = if body[0].width > 1 {
        body[0].width
    } else {
        body.iter().take_while(|g| g.kind != Kind::Space && g.width == 1).map(|g| g.width).sum()
    };
    Fragment { span: Some(Span::new(body[0].at, glyphs[last].end)), width, first_word, room }
}

/// Union-find over the slots of the grid.
struct Slots {
    /// Each slot's parent (row × width + column); a root is its own.
    parent: Vec<usize>,
}

impl Slots {
    /// The root slot of `x`'s cell: the first slot of the cell (row-major).
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two slots; the smaller index (the earlier slot) stays the root.
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

/// The grid's lines sorted into rows: the content lines of each row, and the
/// rule lines before each row (after the top border).
struct Rows {
    /// Each row's content lines (indices into the grid's lines).
    content: Vec<Vec<usize>>,
    /// Each row's rule lines above it (the top border left out).
    rules: Vec<Vec<usize>>,
}

/// Sorts `lines` into rows.
fn rows(lines: &[Cutline]) -> Rows {
    let mut content: Vec<Vec<usize>> = Vec::new();
    let mut rules: Vec<Vec<usize>> = Vec::new();
    let mut pending_rules: Vec<usize> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_rule() {
            if i > 0 {
                pending_rules.push(i);
            }
            open = false;
        } else {
            if !open {
                content.push(Vec::new());
                rules.push(std::mem::take(&mut pending_rules));
                open = true;
            }
            if let Some(row) = content.last_mut() {
                row.push(i);
            }
        }
    }
    Rows { content, rules }
}

/// True when row `r` has a wall at boundary `k`: on more than half its lines.
fn has_wall(lines: &[Cutline], rows: &Rows, r: usize, k: usize) -> bool {
    let row = &rows.content[r];
    let walls = row.iter().filter(|&&i| lines[i].cuts[k].wall()).count();
    2 * walls > row.len()
}

/// True when a rule stroke runs over column `c` above row `r`.
fn ruled_above(lines: &[Cutline], rows: &Rows, r: usize, c: usize) -> bool {
    rows.rules[r].iter().any(|&i| lines[i].stroke(c))
}

/// Joins the slots of one cell: across a boundary with no wall, down across
/// a rule with no stroke.
fn merge(lines: &[Cutline], rows: &Rows, width: usize) -> Slots {
    let height = rows.content.len();
    let mut slots = Slots { parent: (0..height * width).collect() };
    for r in 0..height {
        for c in 0..width {
            if c > 0 && !has_wall(lines, rows, r, c) {
                slots.join(r * width + c - 1, r * width + c);
            }
            if r > 0 && !ruled_above(lines, rows, r, c) {
                slots.join((r - 1) * width + c, r * width + c);
            }
        }
    }
    slots
}

/// Adds to `frags` (by the root slot of each cell) the fragments of `line`:
/// runs of columns `0..width` of row `r` that `take` lets through, one
/// fragment per run of one cell.
fn collect(
    line: &Cutline,
    r: usize,
    width: usize,
    geometry: (&[usize], usize),
    slots: &mut Slots,
    take: impl Fn(usize) -> bool,
    frags: &mut Vec<(usize, Fragment)>,
) {
    let (bounds, wall_width) = geometry;
    let mut c = 0;
    while c < width {
        if !take(c) {
            c += 1;
            continue;
        }
        let root = slots.find(r * width + c);
        let mut end = c + 1;
        while end < width && take(end) && slots.find(r * width + end) == root {
            end += 1;
        }
        let room = (bounds[end] - bounds[c]).saturating_sub(wall_width);
        frags.push((root, fragment(line.glyphs(c, end), room)));
        c = end;
    }
}

/// The text of a cell from its fragments, in order. A blank fragment ends a
/// paragraph; with `reflow`, so does a line that stops where the next word
/// would have fitted.
fn cell_text<'f>(src: &str, frags: impl Iterator<Item = &'f Fragment>, reflow: bool) -> Text {
    let mut text = Text::default();
    let mut open = false;
    let mut prev: Option<Fragment> = None;
    for f in frags {
        let Some(span) = f.span else {
            open = false;
            continue;
        };
        let broken = reflow && prev.is_some_and(|p| p.width + f.first_word <= p.room);
        if !open || broken || text.paras.is_empty() {
            text.paras.push(Vec::new());
        } else if let Some(para) = text.paras.last_mut() {
            let before = para.iter().rev().find_map(|p| match p {
                Piece::Src(s) => s.slice(src).chars().next_back(),
                Piece::Lit(_) | Piece::Char(_) => None,
            });
            let after = span.slice(src).chars().next();
            if before.is_some_and(|c| c.is_ascii_graphic()) && after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                para.push(Piece::Lit(" "));
            }
        }
        if let Some(para) = text.paras.last_mut() {
            para.push(Piece::Src(span));
        }
        open = true;
        prev = Some(*f);
    }
    text
}

/// Reads the grid on `spans` (its lines, top border to bottom) into a table.
fn build(src: &str, spans: &[Span], style: Style) -> Option<Table> {
    let bytes = spans.last()?.end - spans.first()?.start;
    if bytes > MAX_GRID {
        return None;
    }
    let wide = pick_wide(src, spans, style);
    let measured: Vec<GridLine> = spans.iter().map(|&s| measure(src, s, style, wide)).collect();
    let bounds = boundaries(&measured)?;
    let width = bounds.len() - 1;
    if spans.len().saturating_mul(bounds.len()) > MAX_CELLS {
        return None;
    }
    let lines: Vec<Cutline> = measured
        .into_iter()
        .map(|line| {
            let cuts = cut(&line, &bounds);
            Cutline { line, cuts }
        })
        .collect();
    let rows = rows(&lines);
    let height = rows.content.len();
    if height == 0 {
        return None;
    }
    let mut slots = merge(&lines, &rows, width);
    let wall_width = if style == Style::Boxed && wide { 2 } else { 1 };
    let geometry = (bounds.as_slice(), wall_width);
    // Each line's fragments by the root slot of their cell, in line order.
    let mut frags: Vec<(usize, Fragment)> = Vec::new();
    for r in 0..height {
        for &i in &rows.rules[r] {
            let line = &lines[i];
            collect(line, r, width, geometry, &mut slots, |c| !line.stroke(c), &mut frags);
        }
        for &i in &rows.content[r] {
            collect(&lines[i], r, width, geometry, &mut slots, |_| true, &mut frags);
        }
    }
    let reflow = style == Style::Boxed || lines.iter().skip(1).any(|l| l.is_rule() && starts_with_wall_bar(src, l));
    // Stable: a cell's fragments stay in line order.
    frags.sort_by_key(|f| f.0);
    let mut next = 0;
    let mut table = Table { rows: Vec::with_capacity(height) };
    for r in 0..height {
        let mut row = Vec::with_capacity(width);
        for c in 0..width {
            let slot = r * width + c;
            let root = slots.find(slot);
            row.push(if root == slot {
                let from = next + frags[next..].partition_point(|f| f.0 < slot);
                next = from + frags[from..].partition_point(|f| f.0 == slot);
                Cell { text: cell_text(src, frags[from..next].iter().map(|f| &f.1), reflow), from: None }
            } else {
                Cell { text: Text::default(), from: Some((root / width, root % width)) }
            });
        }
        table.rows.push(row);
    }
    Some(table)
}

/// True when an ASCII rule line starts with `|` (w3m's rules do, pandoc's
/// start with `+`).
fn starts_with_wall_bar(src: &str, line: &Cutline) -> bool {
    line.line.glyphs.iter().find(|g| g.kind != Kind::Space).is_some_and(|g| src.as_bytes().get(g.at) == Some(&b'|'))
}

/// True when the grid on `spans` is drawn with East Asian ambiguous
/// characters two columns wide (w3m's `east_asian_width`): when more lines
/// end at the top border's last column measured so.
fn pick_wide(src: &str, spans: &[Span], style: Style) -> bool {
    let ends = |wide: bool| -> usize {
        let end_of = |s: &Span| -> usize {
            let t = s.slice(src).trim_end();
            let last = t.chars().next_back().map_or(0, |c| width(c, wide));
            t.chars().map(|c| width(c, wide)).sum::<usize>().saturating_sub(last)
        };
        let top = spans.first().map(end_of);
        spans.iter().filter(|s| Some(end_of(s)) == top).count()
    };
    style == Style::Boxed && ends(true) > ends(false)
}

/// True when `table` is one worth claiming the text for: two columns and two
/// rows at least.
fn is_table(table: &Table) -> bool {
    table.rows.len() >= 2 && table.rows.first().is_some_and(|r| r.len() >= 2)
}

/// True when `src` may hold a grid: a top-left corner, or an ASCII rule.
fn may_hold_grid(src: &str) -> bool {
    // One pass over the bytes: a `+` before `-` or `=`, or a top-left
    // corner (`┌┍┎┏` are E2 94 8C..8F, `╒╓╔` E2 95 92..94, `╭` E2 95 AD).
    let b = src.as_bytes();
    memchr::memchr2_iter(b'+', 0xE2, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1), b.get(i + 2)),
            (b'+', Some(b'-' | b'='), _)
                | (0xE2, Some(0x94), Some(0x8C..=0x8F))
                | (0xE2, Some(0x95), Some(0x92..=0x94 | 0xAD))
        )
    })
}

/// The document of `src`, when it holds such a table; `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    if !may_hold_grid(src) {
        return None;
    }
    let lines = super::line_spans(src);
    let mut blocks = Vec::new();
    let (mut done, mut found, mut i) = (0, false, 0);
    while i < lines.len() {
        let line = lines[i].slice(src);
        let style = match line.trim_start().as_bytes().first() {
            Some(b'+' | 0xE2) if line.len() <= MAX_LINE => top_border(line),
            _ => None,
        };
        let Some(style) = style else {
            i += 1;
            continue;
        };
        // Past a grid, or what looked like one, the search goes on after it:
        // no line is looked at twice.
        let end = match extent(src, &lines, i, style) {
            Ok(end) => end,
            Err(seen) => {
                i = seen + 1;
                continue;
            }
        };
        if let Some(table) = build(src, &lines[i..=end], style).filter(is_table) {
            lines_as_paras(src, done, lines[i].start, &mut blocks);
            blocks.push(Block::Table(table));
            found = true;
            done = lines.get(end + 1).map_or(src.len(), |s| s.start);
        }
        i = end + 1;
    }
    if !found {
        return None;
    }
    lines_as_paras(src, done, src.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::BoxGrid })
}

#[cfg(test)]
mod tests;
