//! A table flattened one cell per paragraph, as `lynx -dump` writes a table
//! it does not lay out as a grid (merged cells, cells holding paragraphs):
//! each cell's text stands as a paragraph of its own, a blank line before
//! and after it, its lines indented (a header's names centred by long runs
//! of spaces); a cell of several paragraphs is several such paragraphs, or
//! lines one under the other; an empty cell leaves one more blank line, and
//! a cell merged down from a row above leaves nothing at all in the rows it
//! covers.
//!
//! Take away the one blank line that follows every paragraph, and what is
//! left is the shape [`cells`] reads: a cell a line (a paragraph of a cell a
//! line), an empty cell an empty line. So the lines are read as that
//! reader's lines, with its header, its reading of what each line is and
//! its alignment of lines to columns; only the test of the rows differs, as
//! rows here may lack the merged cells the other shape writes as empty
//! lines, and hold no empty line at all.
//!
//! A text is claimed only when its header's names stand each in a paragraph
//! of its own, one blank line between them (one name a line, no blank line
//! between, is the other shape), over three rows or more that fit their
//! columns.

use super::cells::{self, Feat, Found, Head, Kind, Line, Row};
use super::{Block, Cell, Document, Piece, Table, Text};
use crate::fold;
use crate::model::Layout;
use crate::span::{LineIndex, Span};
use crate::units;

/// Fewest characters of a line at which the tool may have wrapped it.
const MIN_WRAP: usize = 60;
/// Characters short of the widest line that a wrapped line may stop (a
/// wrap that fell before a character too wide to fit).
const WRAP_SLACK: usize = 2;

/// The lines the cells are read from: the lines of the input but for the
/// blank line after each line with text, a line the tool wrapped being one
/// with the lines it runs on to.
struct Lines {
    /// The lines kept, each its first line of the input.
    lines: Vec<Line>,
    /// For each kept line, the number of its first line among the input's.
    at: Vec<usize>,
    /// For each kept line, the number of its last line among the input's
    /// (past `at` for a wrapped line).
    last: Vec<usize>,
    /// The input's lines.
    raw: Vec<Line>,
}

impl Lines {
    /// Lines `raw` of the input read as cells (see [`Lines`]), `wrapped`
    /// telling which of them the tool wrapped.
    fn of(raw: Vec<Line>, wrapped: &[bool]) -> Lines {
        let mut out = Lines { lines: Vec::with_capacity(raw.len()), at: Vec::new(), last: Vec::new(), raw: Vec::new() };
        for (i, line) in raw.iter().enumerate() {
            let blank = line.text.is_empty();
            let prev_text = i > 0 && raw.get(i - 1).is_some_and(|l| !l.text.is_empty());
            if blank && prev_text {
                continue;
            }
            if !blank && prev_text && wrapped.get(i - 1).copied().unwrap_or(false) {
                if let Some(last) = out.last.last_mut() {
                    *last = i;
                    continue;
                }
            }
            out.lines.push(*line);
            out.at.push(i);
            out.last.push(i);
        }
        out.raw = raw;
        out
    }

    /// True when lines `first..end` (kept lines) stood each in a paragraph
    /// of its own in the input, one blank line after each: no two of them
    /// next to each other, nor an empty line between them.
    fn apart(&self, first: usize, end: usize) -> bool {
        first < end
            && (first + 1..end).all(|k| self.at.get(k).zip(self.last.get(k - 1)).is_some_and(|(a, b)| *a == b + 2))
    }

    /// Kept lines `range` as the paragraphs of one text, blank lines left
    /// out: a line a paragraph, a wrapped line one paragraph of the pieces
    /// of its lines in the input (a line holding tabs or pipes, as in
    /// [`cells`], a paragraph a field).
    fn text(&self, src: &str, range: std::ops::Range<usize>) -> Text {
        let mut text = Text::default();
        for k in range {
            let (Some(&a), Some(&b)) = (self.at.get(k), self.last.get(k)) else { continue };
            let pieces = self.raw.get(a..=b).unwrap_or_default().iter().flat_map(|l| cells::fields(src, l.text));
            if a == b {
                text.paras.extend(pieces.map(|f| vec![Piece::Src(f)]));
            } else {
                text.paras.push(pieces.map(Piece::Src).collect());
            }
        }
        text
    }

    /// Where the kept lines from `from` on stood in the input.
    fn places(&self, from: usize) -> Places<'_> {
        Places { at: self.at.get(from..).unwrap_or_default(), last: self.last.get(from..).unwrap_or_default() }
    }

    /// Kept lines `from..to` as paragraph blocks, one a line.
    fn paras(&self, src: &str, from: usize, to: usize, out: &mut Vec<Block>) {
        for k in from..to.min(self.lines.len()) {
            out.extend(self.text(src, k..k + 1).paras.into_iter().map(|p| Block::Para(Text { paras: vec![p] })));
        }
    }
}

/// Where some kept lines stood in the input: for each, the numbers of its
/// first and last lines among the input's.
#[derive(Clone, Copy)]
struct Places<'a> {
    at: &'a [usize],
    last: &'a [usize],
}

/// For each line of `src`, true when the tool wrapped it: it is as wide as
/// the widest lines of the text, and two lines or more are that wide (the
/// width the tool wraps at), in characters, its indentation counted.
fn wrapped(src: &str, index: &LineIndex) -> Vec<bool> {
    let widths: Vec<usize> = index.lines(src).map(|s| s.slice(src).trim_end().chars().count()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    let wide = |w: usize| w >= MIN_WRAP && w + WRAP_SLACK >= widest;
    if widths.iter().filter(|w| wide(**w)).count() < 2 {
        return vec![false; widths.len()];
    }
    widths.into_iter().map(wide).collect()
}

/// How many of the first lines of the input a header is looked for in
/// (twice [`cells`]'s: a blank line follows each of its lines here).
const ZONE_LINES: usize = 2 * cells::HEAD_ZONE_LINES;

/// The headers among the first kept lines of `lines` whose names stand
/// apart (see [`Lines::apart`]).
fn heads(src: &str, lines: &Lines) -> Vec<Head> {
    let zone = lines.at.partition_point(|&i| i <= ZONE_LINES);
    cells::headers(src, &lines.lines[..zone])
        .into_iter()
        .filter(|h| lines.apart(h.first, h.cells.last().map_or(h.first, |c| c.end)))
        .collect()
}

/// The document of `src`, when it holds a table flattened one cell per
/// paragraph (see the module); `None` otherwise.
pub(crate) fn read(src: &str) -> Option<Document> {
    let b = src.as_bytes();
    let zone_end = memchr::memchr_iter(b'\n', b).nth(ZONE_LINES).map_or(b.len(), |p| p + 1);
    let zone = &b[..zone_end];
    if !cells::UNIT_WORDS.iter().any(|w| memchr::memmem::find(zone, w.as_bytes()).is_some()) {
        return None;
    }
    // The first lines alone first: a text with no header costs no more
    // than them to turn down.
    let index = LineIndex::new(src);
    let trim = |s: Span| {
        let (a, b) = fold::trim(src, s.start, s.end);
        Line { text: Span::new(a, b) }
    };
    let first: Vec<Line> = index.lines(src).take(ZONE_LINES + 1).map(trim).collect();
    if heads(src, &Lines::of(first, &[])).is_empty() {
        return None;
    }
    let lines = Lines::of(index.lines(src).map(trim).collect(), &wrapped(src, &index));
    let heads = heads(src, &lines);
    if heads.is_empty() || heads.len() > cells::MAX_HEADS {
        return None;
    }
    let opts = crate::Options::default();
    let cx = units::Cx::new(src, &opts, &index);
    let found = cells::one_table(&heads, lines.lines.len(), |head, limit| table(&cx, &lines, head, limit))?;
    let mut blocks = Vec::new();
    lines.paras(src, 0, found.first, &mut blocks);
    blocks.push(Block::Table(found.table));
    lines.paras(src, found.end, lines.lines.len(), &mut blocks);
    Some(Document { blocks, layout: Layout::CellPerLine })
}

/// The table under `head`, its body no further than kept line `limit`,
/// when the header's kept names stood apart and the rows fit the columns.
fn table(cx: &units::Cx<'_, '_>, lines: &Lines, head: &Head, limit: usize) -> Option<Found> {
    let all = &lines.lines;
    let run_end = head.cells.last()?.end;
    let body_from = head.cells[head.cells.len().saturating_sub(cells::MAX_DROPPED)..].first()?.first.min(run_end);
    if limit.saturating_sub(body_from) > cells::MAX_BODY_LINES {
        return None;
    }
    let limit = limit.max(body_from);
    let trial_end = run_end.saturating_add(cells::TRIAL_LINES).clamp(body_from, limit);
    let mut feats: Vec<Feat> = all[body_from..trial_end].iter().map(|l| cells::feat(cx, l)).collect();
    let body_of = |r: &cells::Reading| r.cells(head).last().map_or(run_end, |c| c.end) - body_from;
    let trial = |r: &cells::Reading, feats: &[Feat]| {
        let kept = r.cells(head);
        if !lines.apart(kept.first()?.first, kept.last()?.end) {
            return None;
        }
        let body = feats.get(body_of(r)..).unwrap_or_default();
        let body = &body[..body.len().min(cells::TRIAL_LINES)];
        let at = lines.places(body_from + body_of(r));
        let kinds = r.kinds(head);
        let (points, rows) = cut(&kinds, body, at);
        fits(&rows, body, at, &kinds).then_some(points - r.cost())
    };
    let reading = cells::readings(head)
        .into_iter()
        .filter_map(|r| Some((trial(&r, &feats)?, r)))
        .max_by_key(|(p, r)| (*p, std::cmp::Reverse(r.cost())))?
        .1;
    feats.extend(all[trial_end..limit].iter().map(|l| cells::feat(cx, l)));
    let kinds = reading.kinds(head);
    let body = &feats[body_of(&reading)..];
    let at = lines.places(body_from + body_of(&reading));
    let (_, rows) = cut(&kinds, body, at);
    if !fits(&rows, body, at, &kinds) {
        return None;
    }
    let from = body_from + body_of(&reading);
    let mut table = Table { rows: vec![cells::header_row(cx.src, all, head, &reading)] };
    for row in &rows {
        let r = table.rows.len();
        let text = |c: &std::ops::Range<usize>| lines.text(cx.src, from + c.start..from + c.end);
        let cells: Vec<Cell> = if row.across {
            let first = row.cells.first().map(text).unwrap_or_default();
            std::iter::once(Cell { text: first, from: None })
                .chain((1..kinds.len()).map(|_| Cell { text: Text::default(), from: Some((r, 0)) }))
                .collect()
        } else {
            row.cells.iter().map(|c| Cell { text: text(c), from: None }).collect()
        };
        table.rows.push(cells);
    }
    cells::merge_down(&mut table, &kinds, cx.src);
    let end = from + rows.last().map_or(0, |r| r.end);
    Some(Found { first: reading.cells(head).first()?.first, end, table })
}

/// The rows of lines `feats` aligned to columns `kinds`, and the points of
/// the alignment, as [`cells::cut`] gives them, less the rows at the end
/// that do not fit their columns: a page's links and footer after the
/// table, which the alignment took for rows.
fn cut(kinds: &[Kind], feats: &[Feat], at: Places<'_>) -> (i64, Vec<Row>) {
    let (points, mut rows) = cells::cut(kinds, feats);
    while rows.last().is_some_and(|r| !good(r, feats, at, kinds)) {
        rows.pop();
    }
    (points, rows)
}

/// True when row `r` holds a task or units where its columns say, no line
/// that does not belong where it stands, and a blank line of the input
/// between each cell with text and the next (`at`: each line's number in
/// the input): lines next to each other are one cell's.
fn good(r: &Row, feats: &[Feat], at: Places<'_>, kinds: &[Kind]) -> bool {
    let filled: Vec<&std::ops::Range<usize>> =
        r.cells.iter().filter(|c| feats.get((*c).clone()).is_some_and(|f| f.iter().any(|f| !f.blank))).collect();
    let apart = filled
        .windows(2)
        .all(|w| at.at.get(w[1].start).zip(at.last.get(w[0].end.saturating_sub(1))).is_some_and(|(b, a)| *b >= a + 2));
    apart
        && r.anchored(feats, kinds)
        && r.cells.iter().zip(kinds).all(|(c, k)| {
            let cell = feats.get(c.clone()).unwrap_or_default();
            cell.iter().enumerate().all(|(i, f)| {
                let points = if i == 0 { cells::start_points(*k, f) } else { cells::more_points(*k, f, &cell[i - 1]) };
                points > cells::MISFIT
            })
        })
}

/// True when the rows are a table of the shape read here: three rows or
/// more with text, most holding a task or units where their columns say and
/// nothing out of place, every named column holding text somewhere, and
/// each kind of marker starting the cells of one column. Unlike
/// [`cells`]'s test, rows may lack their first cells (merged down, written
/// in their first row only) and need hold no empty cell.
fn fits(rows: &[Row], feats: &[Feat], at: Places<'_>, kinds: &[Kind]) -> bool {
    let full: Vec<&Row> = rows.iter().filter(|r| !r.across && !r.is_blank(feats)).collect();
    if full.len() < cells::MIN_ROWS {
        return false;
    }
    let first = |c: &std::ops::Range<usize>| feats.get(c.start).filter(|_| !c.is_empty()).copied();
    let fitting = full.iter().filter(|r| good(r, feats, at, kinds)).count();
    let named_filled = kinds
        .iter()
        .enumerate()
        .all(|(c, k)| *k == Kind::Other || full.iter().any(|r| first(&r.cells[c]).is_some_and(|f| !f.blank)));
    fitting * 4 >= full.len() * 3 && named_filled && cells::markers_agree(&full, feats)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page as lynx dumps it: a notice, a table one cell per paragraph
    /// (an empty lead cell as one more blank line, a group cell merged over
    /// two rows written in the first only, a lead cell of two paragraphs),
    /// then the page's footer.
    const PAGE: &str = "各单位：\n\n    现将任务分工表印发给你们。\n\n附件\n\n\
                        \x20                 2024年政务公开任务分工表\n\n\
                        \x20                         工作任务\n\n\
                        \x20                         工作要求\n\n\
                        \x20                         牵头单位\n\n\
                        \x20                       配合/责任单位\n\n\
                        \x20  一、加强公开\n\n   1.做好财政公开。\n\n\n   市直各单位\n\n\
                        \x20  2.做好项目公开。\n\n                        市财政局\n\n                        市审计局\n\n\
                        \x20  市直各单位\n\n\
                        \x20  二、加强解读\n\n   3.做好政策解读。\n\n                        市发展改革委\n\n   市直各单位\n\n\
                        \x20  4.做好回应。\n\n\n   各县（区）人民政府\n\n\
                        \x20  来源：市政府办公室\n   附件下载\n     * 任务分工表.pdf\n     * 首页\n";

    /// The rows of the table of `src`, each cell's paragraphs joined by
    /// `/`, a covered slot as `^row,col`.
    fn rows_of(src: &str) -> Vec<Vec<String>> {
        crate::read::first_table_rows(&read(src).expect("a table"), src)
    }

    /// The paragraphs of `src`'s document after its table.
    fn after(src: &str) -> Vec<String> {
        let doc = read(src).expect("a table");
        let at = doc.blocks.iter().position(|b| matches!(b, Block::Table(_))).expect("a table");
        let text = |b: &Block| match b {
            Block::Para(t) => t.joined(src, "/"),
            Block::Table(_) => String::new(),
        };
        doc.blocks[at + 1..].iter().map(text).collect()
    }

    #[test]
    fn rows_are_rebuilt_from_cells_one_per_paragraph() {
        assert_eq!(
            rows_of(PAGE),
            [
                vec!["工作任务", "工作要求", "牵头单位", "配合/责任单位"],
                vec!["一、加强公开", "1.做好财政公开。", "", "市直各单位"],
                vec!["^1,0", "2.做好项目公开。", "市财政局/市审计局", "市直各单位"],
                vec!["二、加强解读", "3.做好政策解读。", "市发展改革委", "市直各单位"],
                vec!["^3,0", "4.做好回应。", "", "各县（区）人民政府"],
            ]
        );
        let plan = crate::parse(PAGE);
        assert_eq!(plan.layout, Layout::CellPerLine);
        let lead: Vec<Vec<&str>> =
            plan.tasks().map(|t| t.task.lead.iter().map(|u| u.span.slice(PAGE)).collect()).collect();
        assert_eq!(lead, [vec![], vec!["市财政局", "市审计局"], vec!["市发展改革委"], vec![]]);
        let groups: Vec<String> = plan.tasks().map(|t| t.section_titles()).collect();
        assert_eq!(groups, ["加强公开", "加强公开", "加强解读", "加强解读"]);
        crate::read::assert_tiles(PAGE, &plan);
    }

    #[test]
    fn the_footer_after_the_table_is_no_row() {
        // Lines next to each other, bullets: no cells of this shape.
        assert_eq!(after(PAGE), ["来源：市政府办公室", "附件下载", "* 任务分工表.pdf", "* 首页"]);
        let plan = crate::parse(PAGE);
        assert_eq!(plan.tasks().count(), 4);
    }

    #[test]
    fn a_wrapped_cell_is_one_paragraph_and_a_heading_a_row_across() {
        let long = |n: &str, w: &str| format!("   {n}.做好{}\n   工作。\n\n", w.repeat(28));
        let src = format!(
            "                    具体任务\n\n                    牵头单位\n\n                    配合单位\n\n\
             \x20  一、加强公开\n\n{}   市财政局\n\n   市审计局\n\n{}   市统计局\n\n   市审计局\n\n\
             \x20  3.做好回应。\n\n   市政府办公室\n\n   市直各单位\n",
            long("1", "公开"),
            long("2", "解读")
        );
        let rows = rows_of(&src);
        assert_eq!(rows[1], ["一、加强公开", "^1,0", "^1,0"]);
        assert_eq!(rows[2][0], format!("1.做好{}工作。", "公开".repeat(28)));
        assert_eq!(rows[3][1..], ["市统计局", "市审计局"]);
        assert_eq!(rows.len(), 5);
        let plan = crate::parse(&src);
        let first = plan.tasks().next().expect("a task").task;
        assert!(first.text.ends_with("公开工作。"), "{}", first.text);
        crate::read::assert_tiles(&src, &plan);
    }

    #[test]
    fn texts_of_other_shapes_are_not_claimed() {
        // One cell per line, the header's names next to each other: `cells`.
        let lines = "工作任务\n工作要求\n牵头单位\n配合单位\n一、加强公开\n1.做好公开。\n \n市直各单位\n\n\
                     2.做好解读。\n市财政局\n市税务局\n\n3.做好回应。\n \n市直各单位\n";
        assert!(read(lines).is_none());
        assert!(crate::read::cells::read(lines).is_some());
        // Prose, and a header over too few rows.
        assert!(read("一、总体要求\n\n1.做好公开。（市财政局牵头）\n\n2.做好解读。（市税务局负责）\n").is_none());
        let few =
            "工作任务\n\n工作要求\n\n牵头单位\n\n一、公开\n\n1.做好公开。\n\n市财政局\n\n2.做好解读。\n\n市税务局\n";
        assert!(read(few).is_none());
        // Two tables: the outline would read the second's header as a row.
        assert!(read(&format!("{PAGE}\n{PAGE}")).is_none());
    }

    #[test]
    fn reading_is_total_and_cheap() {
        for cut in (0..PAGE.len()).filter(|&c| PAGE.is_char_boundary(c)) {
            let _ = read(&PAGE[..cut]);
        }
        let line = "市财政局、".repeat(2_000_000);
        assert!(read(&format!("工作任务\n\n牵头单位\n\n配合单位\n\n{line}\n")).is_none());
        let blanks = "\n".repeat(1_000_000);
        assert!(read(&format!("工作任务\n\n工作要求\n\n牵头单位\n{blanks}1.做好公开。\n")).is_none());
    }

    /// A header whose last name is a units column (`配合单位`) and cells
    /// one to a paragraph: no reading takes that name for the first row's
    /// text, so each task's second units cell is its supporting units.
    #[test]
    fn a_units_name_ending_the_header_is_no_cell_of_the_first_row() {
        let mut src = String::from("某区工作任务分解表\n\n   序号\n\n   工作任务\n\n   牵头单位\n\n   配合单位\n\n");
        let rows = [
            ("做好政务公开工作", "市财政局", "市税务局"),
            ("加强政策解读", "市发展改革委", "市商务局"),
            ("推进数据开放", "市数据局", "市统计局"),
            ("优化营商环境", "市市场监管局", "市司法局"),
        ];
        for (k, (task, lead, support)) in rows.iter().enumerate() {
            src.push_str(&format!("   {}\n\n   {task}\n\n   {lead}\n\n   {support}\n\n", k + 1));
        }
        let plan = crate::parse(&src);
        let with_units: Vec<_> = plan.tasks().filter(|t| !t.task.lead.is_empty()).collect();
        assert_eq!(with_units.len(), 4);
        for t in with_units {
            assert_eq!(t.task.lead.len(), 1, "{}", t.task.text);
            assert_eq!(t.task.supporting.len(), 1, "{}", t.task.text);
        }
        crate::read::assert_tiles(&src, &plan);
    }
}
