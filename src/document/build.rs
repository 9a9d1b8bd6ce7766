//! What every file reader fills: the text of a document, written out as it
//! is read, and the [`Document`] of blocks over it, with the place in the
//! file of each stretch.
//!
//! A reader hands over paragraphs and tables as the file holds them (a
//! table's grid with its spans resolved); the builder writes each paragraph
//! on a line of its own, each table row on a line with its cells apart by
//! tabs (a cell's paragraphs on lines of their own), and records the span
//! of each in the blocks the outline reads and, with its [`Origin`], in the
//! map that [`crate::Source::origin`] searches. The cells are never cut from
//! that text again: a tab or a line break inside a cell is a space.

use crate::read::{Block, Cell, Document, Piece, Table, Text};
use crate::source::Origin;
use crate::span::Span;

/// One slot of a table's grid as a reader fills it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A cell's paragraphs.
    Text(Vec<String>),
    /// A slot covered by the cell that starts at (row, column) of the grid,
    /// which spans it.
    Covered(usize, usize),
}

impl Default for Slot {
    fn default() -> Slot {
        Slot::Text(Vec::new())
    }
}

/// The text a reader extracted from a file, the document over it, and the
/// place of each stretch of it in the file.
#[derive(Debug, Default)]
pub(crate) struct Extract {
    pub text: String,
    pub doc: Document,
    pub origins: Vec<(Span, Origin)>,
}

/// Ends a list's label at the start of a paragraph that a reader drew from
/// the file's numbering (see [`Builder::with_labels`]). A control character
/// no text of such a file holds (XML allows none).
pub(crate) const LABEL_END: char = '\u{1}';

/// Writes a document's paragraphs and tables into an [`Extract`].
#[derive(Debug, Default)]
pub(crate) struct Builder {
    out: Extract,
    paragraphs: u32,
    tables: u32,
    /// The most bytes of text written; what comes after is left out.
    limit: usize,
    /// True once something was left out for the limit.
    pub truncated: bool,
    /// Whether a paragraph may start with a label ended by [`LABEL_END`].
    labels: bool,
}

impl Builder {
    /// A builder that writes at most `limit` bytes of text.
    pub(crate) fn new(limit: usize) -> Builder {
        Builder { limit, ..Builder::default() }
    }

    /// A builder for a reader that draws lists' labels (Word's automatic
    /// numbering): a paragraph's text up to [`LABEL_END`] is its label,
    /// written without the mark, its origin marked
    /// [`Origin::numbering`].
    pub(crate) fn with_labels(mut self) -> Builder {
        self.labels = true;
        self
    }

    /// Writes one paragraph (a line), its label apart when it has one: the
    /// paragraph's span, and its label's.
    fn write_para(&mut self, p: &str) -> Option<(Span, Option<Span>)> {
        match p.split_once(LABEL_END).filter(|_| self.labels) {
            Some((label, rest)) => {
                let at = self.write(label)?;
                let end = self.write(rest.trim_start())?.end;
                Some((Span::new(at.start, end), Some(at).filter(|l| !l.is_empty())))
            }
            None => self.write(p).map(|span| (span, None)),
        }
    }

    /// Records that `span` comes from `origin`, but for the `labels` in it
    /// (in order), which the file's numbering drew.
    fn place(&mut self, span: Span, labels: &[Span], origin: Origin) {
        let mut at = span.start;
        for l in labels {
            if l.start > at {
                self.out.origins.push((Span::new(at, l.start), origin.clone()));
            }
            self.out.origins.push((*l, Origin { numbering: true, ..origin.clone() }));
            at = l.end;
        }
        if at < span.end || labels.is_empty() {
            self.out.origins.push((Span::new(at, span.end), origin));
        }
    }

    /// Adds a paragraph outside any table (a line break inside it starts
    /// another), its origin the next paragraph's number with `base`'s
    /// sheet or page.
    pub(crate) fn para(&mut self, text: &str, base: &Origin) {
        for line in text.split('\n') {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            self.paragraphs += 1;
            let Some((span, label)) = self.write_para(line) else { return };
            self.out.text.push('\n');
            self.out.doc.blocks.push(Block::Para(Text::of(span)));
            let origin = Origin { paragraph: Some(self.paragraphs), ..base.clone() };
            self.place(span, label.as_slice(), origin);
        }
    }

    /// Adds a table of `rows` (a grid, spans resolved: see [`Slot`]); the
    /// origin of the slot at (row, column) is `at(row, column)`, by default
    /// (see [`Builder::table`]) the table's number, row and column.
    pub(crate) fn table_at(&mut self, rows: Vec<Vec<Slot>>, at: &dyn Fn(usize, usize) -> Origin) {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        let mut table = Table::default();
        for (r, row) in rows.into_iter().enumerate() {
            let mut cells = Vec::with_capacity(width);
            for (c, slot) in row.into_iter().enumerate() {
                if c > 0 {
                    self.out.text.push('\t');
                }
                cells.push(self.cell(slot, r, c, at));
            }
            self.out.text.push('\n');
            table.rows.push(cells);
        }
        table.square();
        self.out.doc.blocks.push(Block::Table(table));
    }

    /// Adds a table, its slots' origins the table's number (counted from 1
    /// in the order tables are added) with `base`'s sheet or page, and the
    /// slot's row and column counted from 1.
    pub(crate) fn table(&mut self, rows: Vec<Vec<Slot>>, base: &Origin) {
        if rows.iter().all(Vec::is_empty) {
            return;
        }
        self.tables += 1;
        let n = self.tables;
        let at = |r: usize, c: usize| Origin {
            table: Some(n),
            row: Some(to_u32(r + 1)),
            column: Some(to_u32(c + 1)),
            ..base.clone()
        };
        self.table_at(rows, &at);
    }

    /// The builder's text and document.
    pub(crate) fn finish(self) -> Extract {
        self.out
    }

    /// Writes a slot's paragraphs, a line each, and gives its cell.
    fn cell(&mut self, slot: Slot, r: usize, c: usize, at: &dyn Fn(usize, usize) -> Origin) -> Cell {
        let paras = match slot {
            Slot::Covered(row, col) if row < r || row == r && col < c => {
                return Cell { text: Text::default(), from: Some((row, col)) };
            }
            Slot::Covered(..) => Vec::new(),
            Slot::Text(paras) => paras,
        };
        let mut text = Text::default();
        let start = self.out.text.len();
        let mut labels = Vec::new();
        for p in paras.iter().flat_map(|p| p.split('\n')) {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            if !text.paras.is_empty() {
                self.out.text.push('\n');
            }
            let Some((span, label)) = self.write_para(p) else { break };
            labels.extend(label);
            text.paras.push(vec![Piece::Src(span)]);
        }
        let end = self.out.text.len();
        if end > start {
            self.place(Span::new(start, end), &labels, at(r, c));
        }
        Cell { text, from: None }
    }

    /// Writes `s` (a tab in it as a space) and gives its span, or `None`
    /// when the limit is reached.
    fn write(&mut self, s: &str) -> Option<Span> {
        if self.out.text.len() + s.len() > self.limit {
            self.truncated = true;
            return None;
        }
        let start = self.out.text.len();
        if s.contains(['\t', '\r']) {
            self.out.text.extend(s.chars().map(|c| if matches!(c, '\t' | '\r') { ' ' } else { c }));
        } else {
            self.out.text.push_str(s);
        }
        Some(Span::new(start, self.out.text.len()))
    }
}

/// `n` as a `u32`, saturating.
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_drawn_by_a_numbering_are_written_and_marked() {
        let mut b = Builder::new(1 << 20).with_labels();
        b.para("一、\u{1}其他", &Origin::default());
        let rows = vec![vec![Slot::Text(vec!["1.\u{1}做好公开。".into(), "2.\u{1}做好解读。".into()])]];
        b.table(rows, &Origin::default());
        let ex = b.finish();
        assert_eq!(ex.text, "一、其他\n1.做好公开。\n2.做好解读。\n");
        let places: Vec<(&str, bool)> = ex.origins.iter().map(|(s, o)| (s.slice(&ex.text), o.numbering)).collect();
        assert_eq!(
            places,
            [
                ("一、", true),
                ("其他", false),
                ("1.", true),
                ("做好公开。\n", false),
                ("2.", true),
                ("做好解读。", false)
            ]
        );
        // Without labels, the mark is text like any other.
        let mut b = Builder::new(1 << 20);
        b.para("一、\u{1}其他", &Origin::default());
        assert_eq!(b.finish().origins.len(), 1);
    }

    #[test]
    fn paragraphs_and_a_table_are_written_a_line_each_with_their_places() {
        let mut b = Builder::new(1 << 20);
        b.para("一、其他\n", &Origin::default());
        let rows = vec![
            vec![Slot::Text(vec!["1.做好公开。".into()]), Slot::Text(vec!["市财政局".into(), "市税务局".into()])],
            vec![Slot::Covered(0, 0), Slot::Text(vec!["市\t审计局".into()])],
        ];
        b.table(rows, &Origin::default());
        let ex = b.finish();
        assert_eq!(ex.text, "一、其他\n1.做好公开。\t市财政局\n市税务局\n\t市 审计局\n");
        let Block::Table(t) = &ex.doc.blocks[1] else { panic!("a table") };
        assert_eq!(t.rows[1][0].from, Some((0, 0)));
        assert_eq!(t.rows[0][1].text.joined(&ex.text, "/"), "市财政局/市税务局");
        let places: Vec<String> = ex.origins.iter().map(|(_, o)| o.to_string()).collect();
        assert_eq!(
            places,
            ["paragraph 1", "table 1, row 1, column 1", "table 1, row 1, column 2", "table 1, row 2, column 2"]
        );
    }

    #[test]
    fn the_limit_stops_the_text() {
        let mut b = Builder::new(14);
        b.para("一、其他\n二、更多", &Origin::default());
        assert!(b.truncated);
        assert_eq!(b.finish().text, "一、其他\n");
    }
}
