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
            let mut gaps = interior(&run.free, run.lo, run.hi);
            let mut spanning = run.spanning;
            let end = i + kept(&lines[i..j], &spanning, &gaps);
            spanning.truncate(end - i);
            narrow_gaps(&lines[i..end], &covers[i..end], &mut spanning, &mut gaps, (run.lo, run.hi));
            out.push(Region::Table { start: i, end, spanning, gaps });
            // The lines after the table's last row are prose (not searched
            // again, which keeps the search linear).
            out.extend((end..j).map(Region::Para));
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

/// Adds the gaps between columns that a few lines cover: a header merged
/// over two columns, a section's title over the table's width. An x gap
/// inside the table that at most a tenth of its lines cover (at least
/// one) and more lines cross than cover (three or more) is a gap between
/// columns too; a line after the first that covers it with a few words is
/// a line over the table's width.
fn narrow_gaps(lines: &[Line], covers: &[Vec<Iv>], spanning: &mut [bool], gaps: &mut Vec<Iv>, (lo, hi): Iv) {
    let n = lines.len();
    let few = (n / 10).max(1);
    // How many lines cover each stretch between the covers' ends.
    let mut ev: Vec<(f64, i32)> = Vec::new();
    for (cov, _) in covers.iter().zip(spanning.iter()).filter(|(_, s)| !**s) {
        for c in cov {
            ev.push((c.0, 1));
            ev.push((c.1, -1));
        }
    }
    ev.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // Stretches (from, to, lines covering), then the low ones' deepest part.
    let mut seg: Vec<(f64, f64, usize)> = Vec::new();
    let mut depth = 0i32;
    for w in ev.windows(2) {
        depth += w[0].1;
        if w[1].0 > w[0].0 {
            seg.push((w[0].0, w[1].0, usize::try_from(depth).unwrap_or(0)));
        }
    }
    // The runs of stretches that at most `t` lines cover, for `t` halving
    // from `few` (a narrow valley between two columns shows at some `t`).
    let mut found: Vec<Iv> = Vec::new();
    let mut t = few;
    loop {
        for run in seg.chunk_by(|x, y| (x.2 <= t) == (y.2 <= t)).filter(|r| r.iter().all(|s| s.2 <= t)) {
            found.push((run[0].0, run[run.len() - 1].1));
        }
        if t <= 1 {
            break;
        }
        t /= 2;
    }
    found.reverse();
    let mut added = Vec::new();
    for (a, b) in found {
        let taken = |g: &Iv| g.0 < b && g.1 > a;
        if b - a < MIN_GAP || a <= lo || b >= hi || gaps.iter().any(taken) || added.iter().any(taken) {
            continue;
        }
        let f = Free { a, b, crossed: 0 };
        let crossing = lines.iter().zip(covers).filter(|(l, c)| crosses(l, c, &f)).count();
        let covering = covers.iter().filter(|c| c.iter().any(|c| c.0 <= a && c.1 >= b)).count();
        if crossing >= 3 && crossing > covering {
            added.push((a, b));
        }
    }
    for &(a, b) in &added {
        for (k, c) in covers.iter().enumerate().skip(1) {
            if c.iter().any(|c| c.0 <= a && c.1 >= b) && lines[k].words.len() <= 3 {
                spanning[k] = true;
            }
        }
    }
    gaps.extend(added);
    gaps.sort_by(|x, y| x.0.total_cmp(&y.0));
}

/// How many of the table's `lines` to keep: up to its last line with words
/// in two columns, and the lines that follow that one closely on its page
/// (the last row's taller cells). Lines further down (a page's footer, a
/// list of links whose words happen to leave the gaps empty) are not rows.
fn kept(lines: &[Line], spanning: &[bool], gaps: &[Iv]) -> usize {
    let cuts: Vec<f64> = gaps.iter().map(|g| (g.0 + g.1) / 2.0).collect();
    let col = |x: f64| cuts.partition_point(|&c| c < x);
    let crossing = |(l, s): (&Line, &bool)| {
        !*s && l.words.windows(2).any(|w| col((w[0].x0 + w[0].x1) / 2.0) != col((w[1].x0 + w[1].x1) / 2.0))
    };
    let Some(last) = lines.iter().zip(spanning).rposition(crossing) else { return lines.len() };
    let lh = super::lines::median(lines.iter().map(Line::height).collect());
    let mut end = last + 1;
    while let (Some(prev), Some(l)) = (lines.get(end - 1), lines.get(end)) {
        if l.page != prev.page || l.y0 - prev.y1 > 1.5 * lh {
            break;
        }
        end += 1;
    }
    end
}
