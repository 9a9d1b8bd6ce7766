//! A table's cells laid out on one grid, its row and column spans
//! resolved as a browser resolves them, within limits.
//!
//! Each cell takes the first free slot of its row and covers the slots its
//! spans reach ([`Slot::Covered`]). A row span that runs past the table's
//! last row is clamped there; a row whose own cells fill the table's width
//! ends the row spans above it (Word's HTML writes `rowspan=2` on every
//! cell of a row with no second row under it; a browser would push the
//! next row's cells out of their columns). Spans are capped when read
//! ([`super::dom`]); the grid as a whole takes at most the slots it is
//! given: the rows past them are left out.

use crate::document::Slot;

/// A cell as the page writes it.
#[derive(Debug)]
pub(super) struct Raw {
    /// The rows it spans (1 or more).
    pub rows: usize,
    /// The columns it spans (1 or more).
    pub cols: usize,
    /// Its paragraphs.
    pub paras: Vec<String>,
}

/// The grid of `rows`, and the slots it takes (its width times its rows),
/// at most `slots`.
pub(super) fn lay_out(rows: Vec<Vec<Raw>>, slots: usize) -> (Vec<Vec<Slot>>, usize) {
    let n = rows.len();
    let width = rows.iter().map(|row| row.iter().map(|c| c.cols.max(1)).sum::<usize>()).max().unwrap_or(0);
    if width == 0 {
        return (Vec::new(), 0);
    }
    let keep = n.min(slots / width);
    // Row spans still open: (first column, columns, last row, origin).
    let mut open: Vec<(usize, usize, usize, (usize, usize))> = Vec::new();
    let mut grid: Vec<Vec<Slot>> = Vec::with_capacity(keep);
    for (r, row) in rows.into_iter().take(keep).enumerate() {
        open.retain(|o| o.2 >= r);
        let own: usize = row.iter().map(|c| c.cols.max(1)).sum();
        let taken: usize = open.iter().map(|o| o.1).sum();
        if own + taken > width {
            open.clear();
        }
        let mut line: Vec<Option<Slot>> = Vec::new();
        for &(c, cs, _, origin) in &open {
            if line.len() < c + cs {
                line.resize(c + cs, None);
            }
            for slot in &mut line[c..c + cs] {
                *slot = Some(Slot::Covered(origin.0, origin.1));
            }
        }
        let mut c = 0;
        for raw in row {
            while line.get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let cs = raw.cols.max(1);
            if line.len() < c + cs {
                line.resize(c + cs, None);
            }
            for slot in &mut line[c + 1..c + cs] {
                *slot = Some(Slot::Covered(r, c));
            }
            line[c] = Some(Slot::Text(raw.paras));
            if raw.rows > 1 {
                open.push((c, cs, (r + raw.rows - 1).min(n - 1), (r, c)));
            }
            c += cs;
        }
        grid.push(line.into_iter().map(Option::unwrap_or_default).collect());
    }
    let used = grid.len() * width;
    (grid, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(rows: usize, cols: usize, text: &str) -> Raw {
        Raw { rows, cols, paras: vec![text.to_string()] }
    }

    fn text(s: &Slot) -> String {
        match s {
            Slot::Text(p) => p.join("/"),
            Slot::Covered(r, c) => format!("<{r},{c}>"),
        }
    }

    fn show(grid: &[Vec<Slot>]) -> Vec<String> {
        grid.iter().map(|row| row.iter().map(text).collect::<Vec<_>>().join("|")).collect()
    }

    #[test]
    fn spans_cover_the_slots_they_reach() {
        let rows = vec![
            vec![raw(2, 1, "甲"), raw(1, 2, "乙")],
            vec![raw(1, 1, "丙"), raw(1, 1, "丁")],
            vec![raw(1, 1, "戊"), raw(5, 1, "己")],
        ];
        let (grid, used) = lay_out(rows, 100);
        assert_eq!(show(&grid), ["甲|乙|<0,1>", "<0,0>|丙|丁", "戊|己"]);
        assert_eq!(used, 9);
    }

    #[test]
    fn a_full_row_ends_the_spans_above_it() {
        let rows = vec![vec![raw(2, 1, "a"), raw(2, 1, "b")], vec![raw(1, 1, "c"), raw(1, 1, "d")]];
        assert_eq!(show(&lay_out(rows, 100).0), ["a|b", "c|d"]);
    }

    #[test]
    fn rows_past_the_slots_given_are_left_out() {
        let rows: Vec<Vec<Raw>> = (0..10).map(|_| vec![raw(1, 1, "x"), raw(1, 1, "y")]).collect();
        let (grid, used) = lay_out(rows, 7);
        assert_eq!((grid.len(), used), (3, 6));
        assert_eq!(lay_out(vec![vec![raw(65_534, 1000, "x")]], 10).0.len(), 0);
        assert_eq!(lay_out(vec![vec![raw(65_534, 1000, "x")], vec![]], 1 << 20).0.len(), 2);
    }
}
