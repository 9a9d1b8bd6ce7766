//! Pages placed anew: `pdftotext -layout` starts each page's text at the
//! page's leftmost text, so a page whose first columns hold nothing (a
//! group cell ended on the page before) is printed further left, its task
//! text where the group column stood and its units where the task column
//! stood. The units show it: on such a page the pieces that end like unit
//! names stand nearer another column's edge than the units column's; the
//! page's positions are then moved right by the difference.

use super::{EDGE_TOLERANCE, Tok, chunks, compact};
use crate::lexicon;

/// The fewest unit-like pieces a page needs to be moved.
const MIN_UNITS: usize = 2;

/// Moves right the positions of each page of `raw` whose rightmost
/// unit-like piece stands at another column's edge (of `edges`; not the
/// first's, and with text left of it) instead of the units column
/// `units`'s.
pub(super) fn shift(src: &str, raw: &mut [Vec<Tok>], edges: &[usize], units: usize) {
    let Some(&unit_x) = edges.get(units) else { return };
    let starts: Vec<usize> =
        (0..raw.len()).filter(|&i| i == 0 || raw[i].first().is_some_and(|t| page_start(src, t))).collect();
    for (k, &from) in starts.iter().enumerate() {
        let to = starts.get(k + 1).copied().unwrap_or(raw.len());
        let mut xs: Vec<usize> = Vec::new();
        for toks in &raw[from..to] {
            let parts = chunks(toks);
            // A line's pieces after its first, or its only one.
            for &(a, b) in parts.iter().skip(usize::from(parts.len() > 1)) {
                let text = compact(src, &toks[a..b]);
                if lexicon::has_unit_suffix(&text) || text.ends_with("牵头") {
                    xs.push(toks[a].x);
                }
            }
        }
        if xs.len() < MIN_UNITS {
            continue;
        }
        // The rightmost: a task's text may end like a unit name too.
        let Some(&x) = xs.iter().max() else { continue };
        let leftmost = raw[from..to].iter().filter_map(|t| t.first()).map(|t| t.x).min().unwrap_or(x);
        let nearest = (0..edges.len()).min_by_key(|&c| edges[c].abs_diff(x)).unwrap_or(units);
        if nearest == units
            || nearest == 0
            || x >= unit_x
            || edges[nearest].abs_diff(x) > EDGE_TOLERANCE
            || leftmost + EDGE_TOLERANCE >= x
        {
            continue;
        }
        let by = unit_x - x;
        for tok in raw[from..to].iter_mut().flatten() {
            tok.x += by;
            tok.end_x += by;
        }
    }
}

/// True when the line of `tok` (its first token) starts with a form feed.
pub(super) fn page_start(src: &str, tok: &Tok) -> bool {
    let start = src[..tok.span.start].rfind('\n').map_or(0, |p| p + 1);
    src[start..tok.span.start].contains('\x0c')
}
