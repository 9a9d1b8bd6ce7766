//! Columns followed from the edges each line's text starts at, moving
//! down the page (the reader's last resort: rows written each on one
//! ragged line, or columns that no gap parts).

use super::{EDGE_TOLERANCE, Seg, Tok, chunks, width};

/// The most width a column's width count keeps apart.
pub(super) const MAX_WIDTH: usize = 256;

/// The left edges of the columns as the text shows them, and how wide
/// (in display columns) the lines of each have been.
pub(super) struct Columns {
    pub(super) edges: Vec<usize>,
    /// Segments that started at their column's edge as last seen, and all.
    pub(super) aligned: usize,
    pub(super) placed: usize,
    /// Whether each column has had text (its edge then comes from the text).
    pub(super) seen: Vec<bool>,
    /// For each column, how many whole lines of each width it has had.
    pub(super) widths: Vec<Vec<u32>>,
    /// For each column, the line its text was last on and where that text
    /// stood.
    pub(super) last: Vec<Option<(usize, usize, usize)>>,
    /// Lines assigned so far.
    pub(super) line: usize,
}

/// How many lines back a column's text counts for a short line centred
/// under it (`pdftotext -layout` prints another column's line between).
const UNDER_LINES: usize = 2;

impl Columns {
    /// Columns starting at `edges`, no text seen yet.
    pub(super) fn new(edges: Vec<usize>) -> Columns {
        let n = edges.len();
        Columns {
            edges,
            aligned: 0,
            placed: 0,
            seen: vec![false; n],
            widths: vec![vec![0; MAX_WIDTH]; n],
            last: vec![None; n],
            line: 0,
        }
    }

    /// The column, from `min` on, whose text on a line just above covers
    /// all of `tok` (the short last line of a centred cell, `处` under
    /// `知识产权`); the nearest such.
    fn above(&self, tok: &Tok, min: usize) -> Option<usize> {
        (min..self.edges.len())
            .filter(|&c| {
                self.last[c].is_some_and(|(l, x, end)| {
                    self.line - l <= UNDER_LINES && x <= tok.x && tok.end_x <= end && tok.x > x
                })
            })
            .min_by_key(|&c| self.edges[c].abs_diff(tok.x))
    }

    /// The column whose edge is nearest `x`, from `min` on.
    pub(super) fn nearest(&self, x: usize, min: usize) -> usize {
        let last = self.edges.len() - 1;
        (min.min(last)..=last).min_by_key(|&c| self.edges[c].abs_diff(x)).unwrap_or(last)
    }

    /// The width a column's lines wrap at: the most frequent width of its
    /// lines (a wrapped cell's lines are mostly full), 0 before any.
    pub(super) fn limit(&self, col: usize) -> usize {
        let counts = &self.widths[col];
        (1..counts.len()).filter(|&w| counts[w] > 0).max_by_key(|&w| (counts[w], w)).unwrap_or(0)
    }

    /// The display width of tokens: their widths and the spaces between
    /// them (none inside a letter-spaced run).
    pub(super) fn span_width(src: &str, toks: &[Tok]) -> usize {
        let mut w = 0;
        for (k, t) in toks.iter().enumerate() {
            w += t.span.slice(src).chars().map(|c| width(c, false)).sum::<usize>();
            if k > 0 && !(t.single && toks[k - 1].single) {
                w += 1;
            }
        }
        w
    }

    /// Where to cut tokens `a..b` (a chunk going to column `col`): the first
    /// token of the next column's part. The last cut whose left part fits
    /// the column's width, else the one nearest a column's edge.
    pub(super) fn cut(&self, src: &str, toks: &[Tok], a: usize, b: usize, col: usize) -> Option<usize> {
        let limit = self.limit(col);
        let whole = Self::span_width(src, &toks[a..b]);
        let over = limit > 0 && whole > limit + 2;
        // A chunk no wider than its column's lines is cut only where a
        // token starts right at a column's edge.
        let fits = limit > 0 && whole <= limit;
        let (mut fit, mut near): (Option<usize>, Option<(usize, usize)>) = (None, None);
        for q in a + 1..b {
            if toks[q].x < toks[a].x + 4 {
                continue;
            }
            // Never before a closing mark (no cell starts with one).
            if starts_closing(src, &toks[q]) {
                continue;
            }
            let single = toks[q].single && toks[q - 1].single;
            let tolerance = match (single, over) {
                (true, false) => 1,
                (false, false) if fits => 0,
                (false, false) => EDGE_TOLERANCE,
                (_, true) => 2 * EDGE_TOLERANCE,
            };
            let found = (col + 1..self.edges.len())
                .map(|j| self.edges[j].abs_diff(toks[q].x))
                .filter(|&d| d <= tolerance)
                .min();
            let Some(d) = found else { continue };
            if limit > 0 && Self::span_width(src, &toks[a..q]) <= limit + 1 {
                fit = Some(q);
            }
            if near.is_none_or(|(_, bd)| d < bd) {
                near = Some((q, d));
            }
        }
        fit.or(near.map(|(q, _)| q))
    }

    /// Cuts a line's tokens into segments of columns, moving the edges.
    pub(super) fn assign(&mut self, src: &str, toks: &[Tok]) -> Vec<Seg> {
        let mut segs = Vec::new();
        let mut min = 0;
        for (start, b) in chunks(toks) {
            let mut a = start;
            while a < b {
                let col = self.above(&toks[a], min).unwrap_or_else(|| self.nearest(toks[a].x, min));
                let to = self.cut(src, toks, a, b, col).unwrap_or(b);
                if to == b && a == start {
                    let w = Self::span_width(src, &toks[a..to]).min(MAX_WIDTH - 1);
                    self.widths[col][w] += 1;
                }
                if self.seen[col] {
                    self.placed += 1;
                    self.aligned += usize::from(self.edges[col].abs_diff(toks[a].x) <= 2);
                }
                self.seen[col] = true;
                self.edges[col] = toks[a].x;
                self.last[col] = Some((self.line, toks[a].x, toks[to - 1].end_x));
                segs.push(Seg { col, from: a, to });
                min = col + 1;
                a = to;
            }
        }
        self.line += 1;
        segs
    }
}

/// True when `tok` starts with a mark that closes a clause or a quote (a
/// line of a cell may start with one, a cell never does).
fn starts_closing(src: &str, tok: &Tok) -> bool {
    tok.span
        .slice(src)
        .starts_with(['。', '，', '、', '；', '：', '）', '」', '』', '”', '！', '？', ',', '.', ';', ':', ')'])
}
