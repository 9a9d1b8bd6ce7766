//! The parsed page copied into a flat arena the reader walks without
//! recursion (a node's children by index), with what the reader asks of
//! each element worked out once: its name, its spans, whether it is hidden
//! or holds no content to read, how much text it holds outside links, and
//! for a table whether another table stands inside it (a layout table).

/// Most rows a cell may span (the HTML standard's cap).
pub(super) const MAX_ROWSPAN: usize = 65_534;
/// Most columns a cell may span (the HTML standard's cap).
pub(super) const MAX_COLSPAN: usize = 1_000;

/// Elements whose content is never read: the head, scripts, styles,
/// embedded objects and form controls.
const SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "select",
    "textarea", "button", "canvas", "audio", "video", "map", "input",
];

/// Names the reader tells apart; any other element's name is `""`.
const NAMES: &[&str] = &[
    "a",
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
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
    "font",
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
    "span",
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

/// No node: the end of a list of children.
const NONE: usize = usize::MAX;

/// A node of the page, linked to its parent, first child and next sibling
/// (no allocation per node beyond its text: a page of a million cells
/// takes a few tens of bytes a node).
#[derive(Debug)]
pub(super) struct Node {
    /// What the node is.
    pub kind: Kind,
    /// Its parent (`usize::MAX` for the document).
    pub parent: usize,
    /// Its first child.
    first: usize,
    /// Its last child (while the arena is built).
    last: usize,
    /// Its next sibling.
    next: usize,
}

/// What a node is.
#[derive(Debug)]
pub(super) enum Kind {
    /// Text.
    Text(Box<str>),
    /// An element.
    Elem(Elem),
    /// The document, a comment, a doctype.
    Other,
}

/// An element: its name and the attributes the reader uses.
#[derive(Debug, Default)]
pub(super) struct Elem {
    /// The name, in lower case, when it is one of [`NAMES`] or [`SKIP`];
    /// else `""`.
    pub name: &'static str,
    /// The `class` attribute.
    pub class: Box<str>,
    /// The `id` attribute.
    pub id: Box<str>,
    /// True for an element not shown (`display:none`, `hidden`) or whose
    /// content is not read ([`SKIP`]).
    pub skip: bool,
    /// The rows a cell spans, 1 to [`MAX_ROWSPAN`] (`rowspan=0`, "to the
    /// end", is the most).
    pub rowspan: u32,
    /// The columns a cell spans, 1 to [`MAX_COLSPAN`].
    pub colspan: u16,
}

/// The page's nodes in document order (a parent before its children).
#[derive(Debug, Default)]
pub(super) struct Dom {
    /// The nodes; the document is node 0.
    pub nodes: Vec<Node>,
    /// Per node, the characters of text it holds outside links and
    /// skipped elements, white space not counted.
    pub size: Vec<usize>,
    /// Per node, true for a table that holds another table.
    pub layout: Vec<bool>,
}

impl Dom {
    /// The arena of a parsed page.
    pub(super) fn of(html: &scraper::Html) -> Dom {
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack = vec![(html.tree.root(), usize::MAX)];
        while let Some((node, parent)) = stack.pop() {
            let kind = match node.value() {
                scraper::Node::Text(t) => Kind::Text(Box::from(&**t)),
                scraper::Node::Element(e) => Kind::Elem(Elem::of(e)),
                _ => Kind::Other,
            };
            let id = nodes.len();
            nodes.push(Node { kind, parent, first: NONE, last: NONE, next: NONE });
            if let Some(p) = nodes.get_mut(parent) {
                let last = std::mem::replace(&mut p.last, id);
                match nodes.get_mut(last) {
                    Some(l) => l.next = id,
                    None => nodes[parent].first = id,
                }
            }
            let from = stack.len();
            stack.extend(node.children().map(|c| (c, id)));
            stack[from..].reverse();
        }
        let mut dom = Dom { nodes, ..Dom::default() };
        dom.measure();
        dom
    }

    /// The element at `id`, if it is one.
    pub(super) fn elem(&self, id: usize) -> Option<&Elem> {
        match &self.nodes.get(id)?.kind {
            Kind::Elem(e) => Some(e),
            _ => None,
        }
    }

    /// The name of the element at `id` (`""` for any other node).
    pub(super) fn name(&self, id: usize) -> &'static str {
        self.elem(id).map_or("", |e| e.name)
    }

    /// The children of `id`, in order.
    pub(super) fn children(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes.get(id).map(|n| n.first).filter(|&c| c != NONE), |&c| {
            Some(self.nodes[c].next).filter(|&n| n != NONE)
        })
    }

    /// The element children of `id` named one of `names`.
    pub(super) fn children_named<'a>(&'a self, id: usize, names: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
        self.children(id).filter(move |&c| names.contains(&self.name(c)))
    }

    /// Fills [`Dom::size`] and [`Dom::layout`], in two passes over the
    /// arena (parents come before children, so a backward pass sums up).
    fn measure(&mut self) {
        let n = self.nodes.len();
        let mut out = vec![false; n];
        for id in 0..n {
            let node = &self.nodes[id];
            let parent_out = out.get(node.parent).copied().unwrap_or(false);
            out[id] = parent_out || matches!(&node.kind, Kind::Elem(e) if e.skip || e.name == "a");
        }
        let mut size = vec![0usize; n];
        let mut below = vec![false; n];
        for id in (0..n).rev() {
            let node = &self.nodes[id];
            if let Kind::Text(t) = &node.kind {
                if !out[id] {
                    size[id] += t.chars().filter(|c| !c.is_whitespace()).count();
                }
            }
            if node.parent < n {
                size[node.parent] += size[id];
                if below[id] || self.name(id) == "table" {
                    below[node.parent] = true;
                }
            }
        }
        self.layout = (0..n).map(|id| below[id] && self.name(id) == "table").collect();
        self.size = size;
    }
}

impl Elem {
    /// The element's name and the attributes read.
    fn of(e: &scraper::node::Element) -> Elem {
        let lower = e.name().to_ascii_lowercase();
        let name = NAMES.iter().chain(SKIP).find(|n| **n == lower).copied().unwrap_or("");
        let style: String =
            e.attr("style").unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        let hidden =
            e.attr("hidden").is_some() || style.contains("display:none") || style.contains("visibility:hidden");
        Elem {
            skip: hidden || SKIP.contains(&name),
            class: e.attr("class").unwrap_or("").into(),
            id: e.attr("id").unwrap_or("").into(),
            rowspan: span(e.attr("rowspan"), MAX_ROWSPAN, MAX_ROWSPAN) as u32,
            colspan: span(e.attr("colspan"), 1, MAX_COLSPAN) as u16,
            name,
        }
    }
}

/// A span attribute's value as a browser reads it (the digits after any
/// white space; none or unreadable is 1), `zero` for 0, at most `max`.
fn span(value: Option<&str>, zero: usize, max: usize) -> usize {
    let Some(v) = value else { return 1 };
    let v = v.trim_start();
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return 1;
    }
    match v[..digits].parse::<usize>() {
        Ok(0) => zero,
        Ok(n) => n.min(max),
        Err(_) => max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_read_as_a_browser_reads_them() {
        assert_eq!(span(None, 1, 1000), 1);
        assert_eq!(span(Some(" 3px"), 1, 1000), 3);
        assert_eq!(span(Some("x"), 1, 1000), 1);
        assert_eq!(span(Some("0"), 1, 1000), 1);
        assert_eq!(span(Some("0"), MAX_ROWSPAN, MAX_ROWSPAN), MAX_ROWSPAN);
        assert_eq!(span(Some("99999999999999999999999"), 1, 1000), 1000);
    }

    #[test]
    fn sizes_leave_out_links_and_scripts_and_layout_tables_are_marked() {
        let html = scraper::Html::parse_document(
            "<body><div><a>菜单菜单</a><script>var x</script>正文</div>\
             <table><tr><td><table><tr><td>甲</td></tr></table></td></tr></table></body>",
        );
        let dom = Dom::of(&html);
        let div = (0..dom.nodes.len()).find(|&i| dom.name(i) == "div").unwrap();
        assert_eq!(dom.size[div], 2);
        let tables: Vec<usize> = (0..dom.nodes.len()).filter(|&i| dom.name(i) == "table").collect();
        assert_eq!(tables.iter().map(|&t| dom.layout[t]).collect::<Vec<_>>(), [true, false]);
    }
}
