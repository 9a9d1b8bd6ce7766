//! HTML table markup inside text (`<table>`, `<tr>`, `<td rowspan=…>`,
//! `<br>`), as pandoc writes a table with merged cells into Markdown, and as
//! text copied from a page's source holds it.
//!
//! The markup is read as a browser reads it, leniently: a tag is `<`, an
//! optional `/`, a name and everything to the next `>`; a cell ends at the
//! next cell, row or table tag whether or not it was closed; `<p>`, `<br>`,
//! `<div>` and `<li>` part a cell's paragraphs; row and column spans are
//! laid out on one grid, a row span clamped at the table's last row; tables
//! inside a cell give their cells to it as paragraphs. Scripts, styles and
//! comments are skipped; entities are decoded. Outside the tables, each line
//! is a paragraph (Markdown's), with its tags left out.

use super::{Block, Cell, Document, Piece, Table, Text};
use crate::model::Layout;
use crate::span::Span;

/// Most slots a table's grid takes with its spans laid out; past that its
/// spans are dropped (each cell one slot).
const MAX_SLOTS: usize = 1 << 22;
/// Most rows or columns one cell may span.
const MAX_SPAN: usize = 1000;
/// Longest tag name read.
const MAX_NAME: usize = 10;
/// Most tables open inside one another; a deeper `<table>` is read as part
/// of the table it stands in (each closing moves the inner cells out once,
/// so depth must not grow with the text).
const MAX_DEPTH: usize = 8;

/// The document of `src`, when it holds a table written as HTML markup, or
/// paragraphs in markup (`<span style=…>` around each, as pandoc keeps a
/// Word page's styled text).
pub(crate) fn read(src: &str) -> Option<Document> {
    let table = has_tag(src, "table") && (has_tag(src, "td") || has_tag(src, "th"));
    if !table && (block_tags(src, 4) < 4 || pipe_rows(src, 2) >= 2) {
        // Styled paragraphs around a Markdown pipe table (pandoc writes one
        // when no cell is merged, each cell in a `<span style=…>`): the
        // table is the lines' to read, row by row.
        return None;
    }
    let mut reader =
        Reader { src, blocks: Vec::new(), para: Vec::new(), tables: Vec::new(), next_gt: Some(0), too_deep: 0 };
    reader.run();
    let table = reader.blocks.iter().any(|b| matches!(b, Block::Table(_)));
    // Paragraphs alone keep the layout the outline finds in them.
    Some(Document { blocks: reader.blocks, layout: if table { Layout::MarkupTable } else { Layout::Unknown } })
}

/// How many lines of `src` are pipe-table rows (`| a | b |`), counting up
/// to `enough`.
fn pipe_rows(src: &str, enough: usize) -> usize {
    src.lines()
        .filter(|l| {
            let l = l.trim();
            l.len() > 2 && l.starts_with('|') && l.ends_with('|') && l[1..l.len() - 1].contains('|')
        })
        .take(enough)
        .count()
}

/// How many tags that hold a page's text (`span`, `p`, `div`, `font`, and
/// the table's) `src` has, counting up to `enough`.
fn block_tags(src: &str, enough: usize) -> usize {
    const NAMES: [&str; 8] = ["span", "p", "div", "font", "table", "tr", "td", "th"];
    let b = src.as_bytes();
    memchr::memchr_iter(b'<', b)
        .filter(|&lt| name_at(b, lt + 1).is_some_and(|(n, _)| NAMES.iter().any(|k| n.eq_ignore_ascii_case(k))))
        .take(enough)
        .count()
}

/// True when `src` has an opening tag `<name` (any case) followed by white
/// space, `/` or `>`.
fn has_tag(src: &str, name: &str) -> bool {
    let b = src.as_bytes();
    memchr::memchr_iter(b'<', b).any(|lt| name_at(b, lt + 1).is_some_and(|(n, _)| n.eq_ignore_ascii_case(name)))
}

/// The tag name starting at `at` (ASCII letters and digits, a letter first,
/// at most [`MAX_NAME`]), and where it ends; none unless it is followed by
/// white space, `/` or `>`.
fn name_at(b: &[u8], at: usize) -> Option<(&str, usize)> {
    let first = *b.get(at)?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let len = b[at..].iter().take(MAX_NAME + 1).take_while(|c| c.is_ascii_alphanumeric()).count();
    if len > MAX_NAME {
        return None;
    }
    let end = at + len;
    match b.get(end) {
        Some(c) if c.is_ascii_whitespace() || *c == b'/' || *c == b'>' => {
            // ASCII only: the bytes are a valid str.
            std::str::from_utf8(&b[at..end]).ok().map(|n| (n, end))
        }
        _ => None,
    }
}

/// A tag as read: its name in lower case, whether it closes, and its
/// attributes' text.
struct Tag<'s> {
    name: String,
    close: bool,
    attrs: &'s str,
}

/// A cell as written, before its spans are laid out.
#[derive(Default)]
struct RawCell {
    text: Text,
    rows: usize,
    cols: usize,
}

/// A table being read: its rows of cells as written, and the open cell.
#[derive(Default)]
struct RawTable {
    rows: Vec<Vec<RawCell>>,
    cell: Option<RawCell>,
}

impl RawTable {
    /// Puts the open cell, if any, at the end of the last row.
    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            match self.rows.last_mut() {
                Some(row) => row.push(cell),
                None => self.rows.push(vec![cell]),
            }
        }
    }
}

struct Reader<'s> {
    src: &'s str,
    blocks: Vec<Block>,
    /// The paragraph being read outside any table.
    para: Vec<Piece>,
    /// The tables being read, innermost last.
    tables: Vec<RawTable>,
    /// The next `>` at or after the last place looked from (none: no more).
    next_gt: Option<usize>,
    /// Tables opened past [`MAX_DEPTH`] and not yet closed.
    too_deep: usize,
}

impl<'s> Reader<'s> {
    /// Reads the whole text: text runs between tags, and the tags.
    fn run(&mut self) {
        let b = self.src.as_bytes();
        let (mut at, mut text_from) = (0, 0);
        while let Some(k) = memchr::memchr(b'<', &b[at..]) {
            let lt = at + k;
            match self.tag_at(lt) {
                Some((end, tag)) => {
                    self.text(text_from, lt);
                    at = self.tag(tag, end);
                    text_from = at;
                }
                None => at = lt + 1,
            }
        }
        self.text(text_from, self.src.len());
        self.end_para();
        while !self.tables.is_empty() {
            self.close_table();
        }
    }

    /// The next `>` at or after `from`, found once for each stretch of the
    /// text (a text of `<` with no `>` is not searched again at each).
    fn gt_from(&mut self, from: usize) -> Option<usize> {
        match self.next_gt {
            Some(p) if p >= from => Some(p),
            Some(_) => {
                self.next_gt = memchr::memchr(b'>', &self.src.as_bytes()[from..]).map(|k| from + k);
                self.next_gt
            }
            None => None,
        }
    }

    /// The tag at `lt` (a `<`) and where it ends, or a comment (a tag with
    /// no name); none when the `<` starts no tag.
    fn tag_at(&mut self, lt: usize) -> Option<(usize, Tag<'s>)> {
        let b = self.src.as_bytes();
        if b[lt..].starts_with(b"<!--") {
            let end = memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |k| lt + 4 + k + 3);
            return Some((end, Tag { name: String::new(), close: false, attrs: "" }));
        }
        let close = b.get(lt + 1) == Some(&b'/');
        let (name, name_end) = name_at(b, lt + 1 + usize::from(close))?;
        let gt = self.gt_from(name_end)?;
        let tag = Tag { name: name.to_ascii_lowercase(), close, attrs: &self.src[name_end..gt] };
        Some((gt + 1, tag))
    }

    /// Acts on a tag that ends at `end`; gives where reading goes on (past
    /// a script's or a style's content).
    fn tag(&mut self, tag: Tag<'_>, end: usize) -> usize {
        match (tag.name.as_str(), tag.close) {
            ("script" | "style", false) => return skip_to_close(self.src, end, &tag.name),
            ("table", false) if self.tables.len() < MAX_DEPTH => {
                self.end_para();
                self.tables.push(RawTable::default());
            }
            ("table", false) => self.too_deep += 1,
            ("table", true) if self.too_deep > 0 => self.too_deep -= 1,
            ("table", true) => self.close_table(),
            ("tr", false) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                    t.rows.push(Vec::new());
                }
            }
            ("tr", true) | ("td" | "th", true) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                }
            }
            ("td" | "th", false) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                    if t.rows.is_empty() {
                        t.rows.push(Vec::new());
                    }
                    let (rows, cols) = (span_attr(tag.attrs, "rowspan"), span_attr(tag.attrs, "colspan"));
                    t.cell = Some(RawCell { text: Text::default(), rows, cols });
                }
            }
            ("p" | "br" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "blockquote", _) => {
                self.break_para()
            }
            _ => {}
        }
        end
    }

    /// The open cell, when a table is being read and has one.
    fn cell(&mut self) -> Option<&mut RawCell> {
        self.tables.last_mut().and_then(|t| t.cell.as_mut())
    }

    /// Starts a new paragraph: in the open cell, or outside the tables.
    fn break_para(&mut self) {
        let outside = self.tables.is_empty();
        match self.cell() {
            Some(cell) => new_para(&mut cell.text),
            None if outside => self.end_para(),
            None => {}
        }
    }

    /// Ends the paragraph outside the tables, keeping it when it holds text.
    fn end_para(&mut self) {
        let pieces = std::mem::take(&mut self.para);
        let text = Text { paras: vec![pieces] };
        if !text.is_blank(self.src) {
            self.blocks.push(Block::Para(text));
        }
    }

    /// The text from `a` to `b` (between tags): entities decoded, a
    /// Markdown escape's backslash left out. In a cell a line break is
    /// white space; outside the tables it ends the paragraph.
    fn text(&mut self, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let in_table = !self.tables.is_empty();
        let mut pieces = Vec::new();
        let src = self.src;
        let bytes = src.as_bytes();
        let mut from = a;
        let mut i = a;
        while i < b {
            match bytes[i] {
                b'&' => {
                    if let Some((c, len)) = entity(&src[i..b]) {
                        push_src(&mut pieces, from, i);
                        pieces.push(Piece::Char(c));
                        i += len;
                        from = i;
                        continue;
                    }
                }
                b'\\' if bytes.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) && i + 1 < b => {
                    push_src(&mut pieces, from, i);
                    from = i + 1;
                    i += 2;
                    continue;
                }
                b'\n' if !in_table => {
                    push_src(&mut pieces, from, i);
                    self.add(std::mem::take(&mut pieces));
                    self.end_para();
                    from = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        push_src(&mut pieces, from, b);
        self.add(pieces);
    }

    /// Adds pieces to the open cell's last paragraph, or to the paragraph
    /// outside the tables; text inside a table but in no cell is left out
    /// (it is trivia).
    fn add(&mut self, pieces: Vec<Piece>) {
        if pieces.is_empty() {
            return;
        }
        if self.tables.is_empty() {
            self.para.extend(pieces);
        } else if let Some(cell) = self.cell() {
            if cell.text.paras.is_empty() {
                cell.text.paras.push(Vec::new());
            }
            if let Some(last) = cell.text.paras.last_mut() {
                last.extend(pieces);
            }
        }
    }

    /// Closes the innermost table: its grid becomes a block, or, inside a
    /// cell of an outer table, paragraphs of that cell.
    fn close_table(&mut self) {
        let Some(mut table) = self.tables.pop() else { return };
        table.close_cell();
        let grid = lay_out(table.rows);
        let outermost = self.tables.is_empty();
        match self.cell() {
            Some(outer) => {
                for cell in grid.rows.into_iter().flatten().filter(|c| c.from.is_none()) {
                    for para in cell.text.paras {
                        new_para(&mut outer.text);
                        if let Some(last) = outer.text.paras.last_mut() {
                            last.extend(para);
                        }
                    }
                }
            }
            None if outermost => self.blocks.push(Block::Table(grid)),
            // A table between an outer table's cells: its text is trivia.
            None => {}
        }
    }
}

/// Starts a new paragraph in `text`, unless its last one is still empty.
fn new_para(text: &mut Text) {
    if text.paras.last().is_none_or(|p| !p.is_empty()) {
        text.paras.push(Vec::new());
    }
}

/// Pushes the input from `a` to `b` as a piece, when not empty.
fn push_src(pieces: &mut Vec<Piece>, a: usize, b: usize) {
    if b > a {
        pieces.push(Piece::Src(Span::new(a, b)));
    }
}

/// Where the content of a `script` or `style` element that starts at `from`
/// ends: past its closing tag, or the end of the text.
fn skip_to_close(src: &str, from: usize, name: &str) -> usize {
    let b = src.as_bytes();
    let mut at = from;
    while let Some(k) = memchr::memmem::find(&b[at..], b"</") {
        let p = at + k + 2;
        if name_at(b, p).is_some_and(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return memchr::memchr(b'>', &b[p..]).map_or(b.len(), |g| p + g + 1);
        }
        at = p;
    }
    b.len()
}

/// The number of a `rowspan` or `colspan` attribute: 1 when absent or not a
/// number, at most [`MAX_SPAN`]; `0` (HTML's "to the end") is the most.
fn span_attr(attrs: &str, name: &str) -> usize {
    let lower = attrs.to_ascii_lowercase();
    let Some(k) = lower.find(name) else { return 1 };
    let rest = lower[k + name.len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else { return 1 };
    let digits: String =
        rest.trim_start().trim_start_matches(['"', '\'']).chars().take_while(char::is_ascii_digit).take(6).collect();
    match digits.parse::<usize>() {
        Ok(0) => MAX_SPAN,
        Ok(n) => n.min(MAX_SPAN),
        Err(_) => 1,
    }
}

/// The entity at the start of `s` (`&amp;`, `&#39;`, `&#x4e00;`) and its
/// length; none when `s` starts no known entity.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let body = &s[1..end];
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "middot" => '·',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        _ => {
            let num = body.strip_prefix('#')?;
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(n).filter(|c| *c != '\0')?
        }
    };
    Some((c, end + 1))
}

/// Lays the cells out on one grid: each cell at the first free slot of its
/// row, covering the slots its spans reach, a row span clamped at the last
/// row. A row whose own cells fill the table's width ends the row spans
/// above it (Word writes `rowspan=2` on every cell of a row with no second
/// row under it; a browser would push the next row's cells out of their
/// columns). Past [`MAX_SLOTS`] slots, the spans are dropped.
fn lay_out(rows: Vec<Vec<RawCell>>) -> Table {
    let n = rows.len();
    let written: usize = rows.iter().map(Vec::len).sum();
    let spanned = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().map(move |c| (r, c)))
        .fold(0usize, |acc, (r, c)| acc.saturating_add(c.rows.min(n - r).saturating_mul(c.cols)));
    let keep_spans = spanned <= MAX_SLOTS && written <= MAX_SLOTS;
    let spans = |c: &RawCell| if keep_spans { (c.rows.max(1), c.cols.max(1)) } else { (1, 1) };
    let width = rows.iter().map(|row| row.iter().map(|c| spans(c).1).sum::<usize>()).max().unwrap_or(0);
    // Row spans still open: (first column, columns, last row, origin).
    let mut open: Vec<(usize, usize, usize, (usize, usize))> = Vec::new();
    let mut table = Table { rows: Vec::with_capacity(n) };
    for (r, row) in rows.into_iter().enumerate() {
        open.retain(|o| o.2 >= r);
        let own: usize = row.iter().map(|c| spans(c).1).sum();
        let taken: usize = open.iter().map(|o| o.1).sum();
        if own + taken > width {
            open.clear();
        }
        let mut line: Vec<Option<Cell>> = Vec::new();
        for &(c, cs, _, origin) in &open {
            if line.len() < c + cs {
                line.resize_with(c + cs, || None);
            }
            for slot in &mut line[c..c + cs] {
                *slot = Some(Cell { text: Text::default(), from: Some(origin) });
            }
        }
        let mut c = 0;
        for raw in row {
            while line.get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let (rs, cs) = spans(&raw);
            if line.len() < c + cs {
                line.resize_with(c + cs, || None);
            }
            for slot in &mut line[c + 1..c + cs] {
                *slot = Some(Cell { text: Text::default(), from: Some((r, c)) });
            }
            line[c] = Some(Cell { text: raw.text, from: None });
            if rs > 1 {
                open.push((c, cs, (r + rs - 1).min(n - 1), (r, c)));
            }
            c += cs;
        }
        table.rows.push(line.into_iter().map(Option::unwrap_or_default).collect());
    }
    if width.saturating_mul(n) <= MAX_SLOTS {
        table.square();
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document, src: &str) -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Para(_) => None,
            })
            .flat_map(|t| &t.rows)
            .map(|row| {
                row.iter()
                    .map(|c| match c.from {
                        Some((r, c)) => format!("^{r},{c}"),
                        None => c.text.joined(src, "/"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rows_and_cells_with_spans_come_out_on_one_grid() {
        let src = "通知\n<table><tr><td>工作任务</td><td>牵头单位</td><td>配合单位</td></tr>\n\
            <tr><td rowspan=\"2\">一、公开</td><td>市财政局</td><td rowspan=3>市税务局</td></tr>\
            <tr><td><p>市审计局</p><p>市统计局</p></td></tr>\
            <tr><td colspan=2>合&amp;并</td></tr></table>\n附件";
        let doc = read(src).expect("a table");
        assert_eq!(
            texts(&doc, src),
            [
                vec!["工作任务", "牵头单位", "配合单位"],
                vec!["一、公开", "市财政局", "市税务局"],
                vec!["^1,0", "市审计局/市统计局", "^1,2"],
                vec!["合&并", "^3,0", "^1,2"],
            ]
        );
        assert!(matches!(doc.blocks.first(), Some(Block::Para(_))));
        assert!(matches!(doc.blocks.last(), Some(Block::Para(_))));
    }

    #[test]
    fn a_row_span_past_the_last_row_is_clamped() {
        let src = "<table><tr><td rowspan=2>甲</td><td rowspan=2>乙</td></tr></table>";
        let doc = read(src).expect("a table");
        assert_eq!(texts(&doc, src), [vec!["甲", "乙"]]);
    }

    #[test]
    fn text_without_table_markup_is_not_claimed() {
        assert!(read("一、总体要求\n1.做好公开。<br>市财政局\n").is_none());
        assert!(read("| 任务 | 单位 |\n| 做好公开<br>做好解读 | 市财政局 |\n").is_none());
        assert!(read("a < b and <table but no cells").is_none());
        assert!(read("<tablet><td>").is_none());
    }

    #[test]
    fn scripts_comments_and_unclosed_tags_are_total() {
        let src = "<table><script>var a = '<td>x</td>';</script><!-- <td>y</td> --><tr><td>甲<b>乙</td><td>丙";
        let doc = read(src).expect("a table");
        assert_eq!(texts(&doc, src), [vec!["甲乙", "丙"]]);
        for cut in 0..src.len() {
            if src.is_char_boundary(cut) {
                let _ = read(&src[..cut]);
            }
        }
        assert!(read(&"<table><tr><td>a<b<c<".repeat(10_000)).is_some());
        assert!(read(&"<a<td<table<".repeat(10_000)).is_none());
    }

    #[test]
    fn a_full_row_ends_the_row_spans_above_it() {
        let src = "<table><tr><td>问题</td><td>措施</td><td>单位</td></tr>\
            <tr><td rowspan=2>甲</td><td rowspan=2>做甲</td><td rowspan=2>市财政局</td></tr>\
            <tr><td>乙</td><td>做乙</td><td>市税务局</td></tr></table>";
        let doc = read(src).expect("a table");
        assert_eq!(texts(&doc, src)[2], ["乙", "做乙", "市税务局"]);
    }

    #[test]
    fn huge_spans_are_capped() {
        let src = "<table><tr><td colspan=1000 rowspan=65534>甲</td></tr><tr><td>乙</td></tr></table>";
        let doc = read(src).expect("a table");
        let rows = texts(&doc, src);
        assert_eq!(rows.len(), 2);
        // 乙 does not fit beside the span: the span ends above it.
        assert_eq!((rows[1].len(), rows[1][0].as_str()), (1000, "乙"));
    }

    #[test]
    fn a_plan_in_markup_parses_and_tiles() {
        let src = "<p>某区政务公开工作任务分解表</p>\n<table>\n<tr><td>工作任务</td><td>工作要求</td><td>牵头单位</td><td>配合单位</td></tr>\n\
            <tr><td rowspan=\"2\">一、加强信息公开</td><td>1.做好政策公开。</td><td>区财政局</td><td>区直各单位</td></tr>\n\
            <tr><td>2.做好解读。</td><td><p>区发改局</p><p>区审批局</p></td><td>区直各单位</td></tr>\n</table>\n";
        let plan = crate::parse(src);
        assert_eq!(plan.layout, Layout::MarkupTable);
        crate::read::assert_tiles(src, &plan);
        let tasks: Vec<_> = plan.tasks().collect();
        assert_eq!(tasks.len(), 2, "{:#?}", plan.sections);
        let units: Vec<&str> = tasks[1].task.units().map(|(_, u)| u.span.slice(src)).collect();
        assert!(units.contains(&"区发改局") && units.contains(&"区审批局"), "{units:?}");
    }
}
