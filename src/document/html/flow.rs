//! The article's content in document order: each block (`p`, `div`,
//! `h1`–`h6`, `li`, a line ended by `<br>`) a paragraph, each table in its
//! place, white space collapsed as a browser collapses it.
//!
//! A layout table (one whose cells hold tables) is no plan table: its
//! cells are read as blocks, row by row. Any other table becomes a grid
//! ([`super::grid`]) whose cells' paragraphs are read the same way.

use super::dom::{Dom, Kind};
use super::grid;
use crate::document::Slot;

/// Elements that stand on lines of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// What the article holds, in order.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Item {
    /// A paragraph outside tables.
    Para(String),
    /// A table's grid, spans resolved.
    Table(Vec<Vec<Slot>>),
}

/// Reads the content of `root` into items; tables' grids together take at
/// most `slots` slots.
pub(super) fn read(dom: &Dom, root: usize, slots: usize) -> Vec<Item> {
    let mut reader = Reader { dom, items: Vec::new(), slots };
    let mut lines = Lines::default();
    reader.walk(root, &mut lines, false);
    reader.flush(&mut lines);
    reader.items
}

/// Walks the page, adding items.
struct Reader<'d> {
    dom: &'d Dom,
    items: Vec<Item>,
    /// Grid slots still to be given to tables.
    slots: usize,
}

impl Reader<'_> {
    /// Reads the content of `root` into `lines`, and (outside a cell) a
    /// plan table met on the way into an item of its own. Iterative: the
    /// page may nest deep.
    fn walk(&mut self, root: usize, lines: &mut Lines, in_cell: bool) {
        let dom = self.dom;
        let mut stack = vec![(root, false)];
        let mut pre = 0usize;
        while let Some((id, closing)) = stack.pop() {
            let node = &dom.nodes[id];
            let e = match &node.kind {
                Kind::Text(t) => {
                    lines.text(t, pre > 0);
                    continue;
                }
                Kind::Other => {
                    push_children(dom, id, &mut stack);
                    continue;
                }
                Kind::Elem(e) => e,
            };
            let block = BLOCKS.contains(&e.name);
            if closing {
                pre -= usize::from(e.name == "pre" && pre > 0);
                if block {
                    lines.brk();
                }
                continue;
            }
            if e.skip {
                continue;
            }
            if e.name == "br" {
                lines.brk();
                continue;
            }
            if e.name == "table" && !in_cell && !dom.layout[id] {
                self.flush(lines);
                self.table(id);
                continue;
            }
            if block {
                lines.brk();
            }
            pre += usize::from(e.name == "pre");
            stack.push((id, true));
            push_children(dom, id, &mut stack);
        }
    }

    /// Moves the lines read into paragraph items.
    fn flush(&mut self, lines: &mut Lines) {
        self.items.extend(lines.take().into_iter().map(Item::Para));
    }

    /// Adds the table at `id`: its caption a paragraph, then its grid.
    fn table(&mut self, id: usize) {
        let dom = self.dom;
        let mut rows = Vec::new();
        for part in dom.children(id) {
            match dom.name(part) {
                "caption" => {
                    let mut lines = Lines::default();
                    self.walk(part, &mut lines, true);
                    self.flush(&mut lines);
                }
                "thead" | "tbody" | "tfoot" => rows.extend(dom.children_named(part, &["tr"])),
                "tr" => rows.push(part),
                _ => {}
            }
        }
        let mut cells = Vec::with_capacity(rows.len());
        for tr in rows {
            let mut row = Vec::new();
            for td in dom.children_named(tr, &["td", "th"]) {
                let mut lines = Lines::default();
                self.walk(td, &mut lines, true);
                let Some(e) = dom.elem(td) else { continue };
                row.push(grid::Raw { rows: e.rowspan as usize, cols: usize::from(e.colspan), paras: lines.take() });
            }
            cells.push(row);
        }
        let (grid, used) = grid::lay_out(cells, self.slots);
        self.slots -= used;
        if !grid.is_empty() {
            self.items.push(Item::Table(grid));
        }
    }
}

/// Pushes the children of `id` on a walk's stack, the first on top.
fn push_children(dom: &Dom, id: usize, stack: &mut Vec<(usize, bool)>) {
    let from = stack.len();
    stack.extend(dom.children(id).map(|c| (c, false)));
    stack[from..].reverse();
}

/// Text gathered into lines, white space collapsed as a browser does: a
/// run of white space is one space, none at a line's ends, and none where
/// the run breaks a line between two CJK characters (a page's source
/// breaks lines inside Chinese text, which a browser joins).
#[derive(Debug, Default)]
pub(super) struct Lines {
    out: Vec<String>,
    cur: String,
    /// White space seen since the last character: 1 a space, 2 a line
    /// break.
    space: u8,
}

impl Lines {
    /// Adds text; in `pre`, white space is kept and a line break ends the
    /// line.
    pub(super) fn text(&mut self, t: &str, pre: bool) {
        for c in t.chars() {
            match c {
                '\n' if pre => self.brk(),
                ' ' | '\t' | '\r' | '\x0C' if pre => self.cur.push(' '),
                '\n' | '\r' => self.space = 2,
                ' ' | '\t' | '\x0C' => self.space = self.space.max(1),
                _ => {
                    let last = self.cur.chars().next_back();
                    if self.space > 0 && last.is_some_and(|l| !(self.space == 2 && wide(l) && wide(c))) {
                        self.cur.push(' ');
                    }
                    self.space = 0;
                    self.cur.push(if c == '\u{A0}' { ' ' } else { c });
                }
            }
        }
    }

    /// Ends the line.
    pub(super) fn brk(&mut self) {
        let line = self.cur.trim();
        if !line.is_empty() {
            self.out.push(line.to_string());
        }
        self.cur.clear();
        self.space = 0;
    }

    /// The lines read, the open one ended.
    pub(super) fn take(&mut self) -> Vec<String> {
        self.brk();
        std::mem::take(&mut self.out)
    }
}

/// True for a character written full width (CJK and its punctuation).
fn wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(parts: &[(&str, bool)]) -> Vec<String> {
        let mut l = Lines::default();
        for (t, pre) in parts {
            l.text(t, *pre);
        }
        l.take()
    }

    #[test]
    fn white_space_collapses_as_in_a_browser() {
        assert_eq!(lines(&[("  做好\n  公开  工作 ", false)]), ["做好公开 工作"]);
        assert_eq!(lines(&[("Open\n data", false), ("\u{A0}", false)]), ["Open data"]);
        assert_eq!(lines(&[("a\n  b\nc", true)]), ["a", "b", "c"]);
        assert!(lines(&[(" \u{A0} ", false)]).is_empty());
    }
}
