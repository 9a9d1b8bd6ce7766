//! Where the tables are: runs of lines down which some x gap stays empty.
//!
//! A table's columns leave gaps between them that no word covers, line
//! after line; prose covers the width of its text. So a run of lines whose
//! words, all together, still leave an interior x gap empty (with words
//! left and right of it in the run, and lines that cross it: a row's cells
//! side by side) is a table. A line that covers the gaps (a row merged over
//! the table's width, such as a section's title) is taken into the table
//! when the line after it fits the gaps again.

use super::lines::Line;

/// An x interval.
pub(crate) type Iv = (f64, f64);

/// The narrowest gap between columns, in points.
const MIN_GAP: f64 = 1.5;
/// The fewest lines of a table (its header and rows).
const MIN_LINES: usize = 3;

/// A run of lines: prose, or a table with its column gaps.
#[derive(Debug)]
pub(crate) enum Region {
    /// A line outside tables.
    Para(usize),
    /// A table over lines `start..end`; `spanning[k]` marks the line
    /// `start + k` that covers the table's width; `gaps` the x gaps
    /// between its columns.
    Table { start: usize, end: usize, spanning: Vec<bool>, gaps: Vec<Iv> },
}

/// The x ranges a line's words cover, merged.
fn cover(l: &Line) -> Vec<Iv> {
    let mut out: Vec<Iv> = Vec::new();
    for w in &l.words {
        match out.last_mut() {
            Some(last) if w.x0 <= last.1 => last.1 = last.1.max(w.x1),
            _ => out.push((w.x0, w.x1)),
        }
    }
    out
}

/// A free x interval and how many lines of the run cross it (have words on
/// both of its sides).
#[derive(Clone, Copy, Debug)]
struct Free {
    a: f64,
    b: f64,
    crossed: usize,
}

/// True when line `l` (covering `cov`) has words on both sides of `f`,
/// apart by a third of a character or more (not the narrow gap between two
/// words of one sentence).
fn crosses(l: &Line, cov: &[Iv], f: &Free) -> bool {
    let k = cov.partition_point(|c| c.1 <= f.a);
    match (k.checked_sub(1).and_then(|p| cov.get(p)), cov.get(k)) {
        (Some(before), Some(after)) => after.0 >= f.b && after.0 - before.1 >= 0.3 * l.height(),
        _ => false,
    }
}

/// `free` without `cov` (both sorted and disjoint); each piece keeps the
/// count of the interval it is cut from.
fn subtract(free: &[Free], cov: &[Iv]) -> Vec<Free> {
    let mut out = Vec::new();
    let mut k = 0;
    for f in free {
        let mut at = f.a;
        while k < cov.len() && cov[k].1 <= at {
            k += 1;
        }
        let mut j = k;
        while j < cov.len() && cov[j].0 < f.b {
            if cov[j].0 > at {
                out.push(Free { a: at, b: cov[j].0, ..*f });
            }
            at = at.max(cov[j].1);
            j += 1;
        }
        if at < f.b {
            out.push(Free { a: at, ..*f });
        }
    }
    out
}

/// The gaps of `free` that stand inside `lo..hi` and are wide enough.
fn interior(free: &[Free], lo: f64, hi: f64) -> Vec<Iv> {
    free.iter().filter(|f| f.a > lo && f.b < hi && f.b - f.a >= MIN_GAP).map(|f| (f.a, f.b)).collect()
}

/// A run being grown: its free x ranges and its extent.
struct Run {
    free: Vec<Free>,
    lo: f64,
    hi: f64,
    spanning: Vec<bool>,
}

impl Run {
    /// The run with line `l` added, when an interior gap is left and no
    /// gap that two lines crossed is covered.
    fn with(&self, l: &Line, cov: &[Iv]) -> Option<(Vec<Free>, f64, f64)> {
        let mut free = subtract(&self.free, cov);
        let (lo, hi) = (self.lo.min(l.x0), self.hi.max(l.x1));
        let kept = |f: &Free| free.iter().any(|g| g.a >= f.a && g.b <= f.b && g.b - g.a >= MIN_GAP);
        if self.free.iter().any(|f| f.crossed >= 2 && !kept(f)) || interior(&free, lo, hi).is_empty() {
            return None;
        }
        for f in &mut free {
            f.crossed += usize::from(crosses(l, cov, f));
        }
        Some((free, lo, hi))
    }
}

/// True when the run over `lines` (with its gaps) is a table: enough
/// lines, and a gap that two lines cross (words on both of its sides).
fn is_table(lines: &[Line], run: &Run) -> bool {
    let gaps = interior(&run.free, run.lo, run.hi);
    let rows = run.spanning.iter().filter(|s| !**s).count();
    let crossing = |&(a, b): &Iv| {
        let n = lines.iter().zip(&run.spanning).filter(|(l, s)| !**s && l.x0 < a && l.x1 > b).count();
        n >= 2
    };
    rows >= MIN_LINES && gaps.iter().any(crossing)
}

/// True when words of `l` stand apart by half a character or more: a
/// table starts at such a line (its header, or a row of several cells).
fn split(l: &Line) -> bool {
    let gap = (0.5 * l.height()).max(MIN_GAP);
    l.words.windows(2).any(|w| w[1].x0 - w[0].x1 >= gap)
}

/// The regions of `lines` in order, between `left` and `right` (the text's
/// edges).
pub(crate) fn regions(lines: &[Line], left: f64, right: f64) -> Vec<Region> {
    let covers: Vec<Vec<Iv>> = lines.iter().map(cover).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if !split(l) {
            out.push(Region::Para(i));
            i += 1;
            continue;
        }
        let (lo_all, hi_all) = (left.min(l.x0), right.max(l.x1));
        let all = Free { a: lo_all, b: hi_all, crossed: 0 };
        let mut free = subtract(&[all], &covers[i]);
        for f in &mut free {
            f.crossed = usize::from(crosses(l, &covers[i], f));
        }
        let mut run = Run { free, lo: l.x0, hi: l.x1, spanning: vec![false] };
        let mut j = i + 1;
        while j < lines.len() {
            if let Some((free, lo, hi)) = run.with(&lines[j], &covers[j]) {
                (run.free, run.lo, run.hi) = (free, lo, hi);
                run.spanning.push(false);
                j += 1;
                continue;
            }
            // A line over the table's width, when the next fits again.
            let next = lines.get(j + 1).and_then(|n| run.with(n, &covers[j + 1]));
            if run.spanning.len() >= 2 && next.is_some() && lines[j].words.len() <= 3 {
                run.spanning.push(true);
                j += 1;
                continue;
            }
            break;
        }
        if is_table(&lines[i..j], &run) {
            let gaps = interior(&run.free, run.lo, run.hi);
            out.push(Region::Table { start: i, end: j, spanning: run.spanning, gaps });
            i = j;
        } else if j - i >= 8 {
            // A long run that is no table: its lines are prose (and are not
            // searched again, which keeps the search linear).
            out.extend((i..j).map(Region::Para));
            i = j;
        } else {
            out.push(Region::Para(i));
            i += 1;
        }
    }
    out
}
