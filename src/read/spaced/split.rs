//! A header name over two columns, in text whose columns are followed from
//! their edges: `工作措施` written once over a group column and the task
//! column beside it. Its lines show it: many lines hold two pieces (apart
//! by two spaces or more) that both stand nearer that name than any other,
//! the first where the group's text starts, the second where the task's
//! does.

use super::header::Header;
use super::{Tok, chunks};

/// The fewest lines with two pieces under one name that split it.
const MIN_PAIRS: usize = 4;
/// Of the lines with two pieces or more, at least one in this many hold
/// such a pair.
const PAIR_SHARE: usize = 10;
/// The fewest places apart the two pieces' starts stand.
const MIN_APART: usize = 3;

/// The header cell that stands over two columns, with where each of its
/// columns starts (the middle of the starts of the first and second piece
/// of the lines that hold both); `None` when no cell does.
pub(super) fn two_columns(header: &Header, raw: &[Vec<Tok>]) -> Option<(usize, usize, usize)> {
    let n = header.cells.len();
    if n < 2 {
        return None;
    }
    let nearest = |x: usize| {
        let dist = |h: usize| {
            let c = &header.cells[h];
            if x < c.x { c.x - x } else { x.saturating_sub(c.end_x.saturating_sub(1)) }
        };
        (0..n).min_by_key(|&h| dist(h)).unwrap_or(0)
    };
    let mut pairs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut multi = 0;
    for toks in raw {
        let parts = chunks(toks);
        if parts.len() < 2 {
            continue;
        }
        multi += 1;
        let owners: Vec<usize> = parts.iter().map(|&(a, _)| nearest(toks[a].x)).collect();
        // The first two pieces of a line under one cell, none else there.
        for (h, found) in pairs.iter_mut().enumerate() {
            let under: Vec<usize> = (0..parts.len()).filter(|&k| owners[k] == h).collect();
            if let [a, b] = under[..] {
                let (xa, xb) = (toks[parts[a].0].x, toks[parts[b].0].x);
                if xb >= xa + MIN_APART {
                    found.push((xa, xb));
                }
            }
        }
    }
    let h = (0..n).max_by_key(|&h| pairs[h].len())?;
    let found = &mut pairs[h];
    if found.len() < MIN_PAIRS || found.len() * PAIR_SHARE < multi {
        return None;
    }
    let mut first: Vec<usize> = found.iter().map(|p| p.0).collect();
    let mut second: Vec<usize> = found.iter().map(|p| p.1).collect();
    first.sort_unstable();
    second.sort_unstable();
    let (x0, x1) = (first[first.len() / 2], second[second.len() / 2]);
    // The next cell's column must still start after the second.
    let next_x = header.cells.get(h + 1).map_or(usize::MAX, |c| c.x);
    (x0 + MIN_APART <= x1 && x1 < next_x).then_some((h, x0, x1))
}
