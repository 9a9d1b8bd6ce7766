//! The alignment: the lines of the body cut into rows, each cell's lines
//! fitted to the header's columns.

use super::*;

/// Points lost by a row that starts past its first columns (groups merged
/// down, written in their first row only).
pub(super) const SKIP_POINTS: i32 = -3;
/// No path.
pub(super) const NONE: i64 = i64::MIN / 4;
/// Points of a blank line between rows, in no cell.
pub(super) const BLANKS_POINTS: i32 = -1;

/// Where the alignment stands after a line: in cell `c` (its text blank or
/// not), in a row across the table, in blank lines between rows (a row of
/// empty cells, of any length), past the table, or before any line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
    /// In the cell of column `.0`, whose text is blank when `.1`.
    Cell(usize, bool),
    /// In a row across the table.
    Across,
    /// In blank lines between rows.
    Blanks,
    /// Past the table.
    Out,
    /// Before the first line.
    Start,
}

/// The states of a table of `m` columns, as indices.
pub(super) struct States {
    /// The table's columns.
    m: usize,
}

impl States {
    /// How many states there are.
    pub(super) fn count(&self) -> usize {
        2 * self.m + 4
    }

    /// The index of state `s`.
    pub(super) fn index(&self, s: State) -> usize {
        match s {
            State::Cell(c, blank) => 2 * c + usize::from(blank),
            State::Across => 2 * self.m,
            State::Blanks => 2 * self.m + 1,
            State::Out => 2 * self.m + 2,
            State::Start => 2 * self.m + 3,
        }
    }

    /// The state of index `i`.
    pub(super) fn state(&self, i: usize) -> State {
        match i.checked_sub(2 * self.m) {
            None => State::Cell(i / 2, i % 2 == 1),
            Some(0) => State::Across,
            Some(1) => State::Blanks,
            Some(2) => State::Out,
            Some(_) => State::Start,
        }
    }

    /// True where a row has just ended (or none has begun).
    pub(super) fn at_row_end(&self, s: State) -> bool {
        match s {
            State::Cell(c, _) => c + 1 == self.m,
            State::Across | State::Blanks | State::Start => true,
            State::Out => false,
        }
    }
}

/// The best alignment of some lines to a table's columns: its points, and
/// the state after each line.
pub(super) struct Alignment {
    /// The alignment's points: the higher, the better the lines fit.
    pub(super) points: i64,
    /// The state after each line.
    pub(super) states: Vec<State>,
}

/// Aligns lines `feats` to columns `kinds` (see the module).
pub(super) fn align(kinds: &[Kind], feats: &[Feat]) -> Alignment {
    let st = States { m: kinds.len() };
    let n = st.count();
    // How many leading group columns a row may lack (a merged cell that
    // left no line in the rows below it), leaving two columns to fill.
    let skip = kinds
        .iter()
        .take_while(|k| matches!(k, Kind::Group | Kind::Unknown))
        .count()
        .min(kinds.len().saturating_sub(2));
    let out = st.index(State::Out);
    let mut best = vec![NONE; n];
    best[st.index(State::Start)] = 0;
    let mut back: Vec<u8> = Vec::with_capacity(feats.len().saturating_mul(n));
    let mut next = vec![NONE; n];
    let mut from = vec![0u8; n];
    for (i, f) in feats.iter().enumerate() {
        next.fill(NONE);
        let mut step = Step { st: &st, next: &mut next, from: &mut from };
        // Out first: of equal paths, the table that ends sooner.
        for p in std::iter::once(out).chain((0..n).filter(|&p| p != out)) {
            if best[p] > NONE {
                let prev = if i > 0 { feats.get(i - 1) } else { None };
                step.moves_from(p, best[p], kinds, skip, f, prev);
            }
        }
        std::mem::swap(&mut best, &mut next);
        back.extend_from_slice(&from);
    }
    finish(&st, &best, &back, feats.len())
}

/// One line's moves of the alignment: the best points of each state after
/// it, and the state each came from.
pub(super) struct Step<'a> {
    /// The states of the table.
    st: &'a States,
    /// The best points of each state after the line.
    next: &'a mut [i64],
    /// The state before the line that each best path came from.
    from: &'a mut [u8],
}

impl Step<'_> {
    /// Keeps the move to `to` from state `p` when it beats the best so far.
    pub(super) fn relax(&mut self, to: State, points: i64, p: usize) {
        let t = self.st.index(to);
        if points > self.next[t] {
            self.next[t] = points;
            // At most 2 * MAX_COLUMNS + 4 states: an index fits a byte.
            self.from[t] = p as u8;
        }
    }

    /// Every move from state `p` (with `base` points) on line `f`, the line
    /// before being `prev`.
    pub(super) fn moves_from(
        &mut self,
        p: usize,
        base: i64,
        kinds: &[Kind],
        skip: usize,
        f: &Feat,
        prev: Option<&Feat>,
    ) {
        let s = self.st.state(p);
        if s == State::Out {
            self.relax(State::Out, base, p);
            return;
        }
        if self.st.at_row_end(s) {
            self.relax(State::Out, base, p);
            if f.blank {
                self.relax(State::Blanks, base + i64::from(BLANKS_POINTS), p);
            } else if f.mark == Mark::Section {
                self.relax(State::Across, base + i64::from(ACROSS_POINTS), p);
            }
            for (k, kind) in kinds.iter().enumerate().take(skip + 1) {
                let points = start_points(*kind, f) + if k > 0 { SKIP_POINTS } else { 0 };
                self.relax(State::Cell(k, f.blank), base + i64::from(points), p);
            }
        }
        if let State::Cell(c, blank) = s {
            if let Some(kind) = kinds.get(c + 1) {
                self.relax(State::Cell(c + 1, f.blank), base + i64::from(start_points(*kind, f)), p);
            }
            if let Some(prev) = prev.filter(|_| !blank && !f.blank) {
                self.relax(State::Cell(c, false), base + i64::from(more_points(kinds[c], f, prev)), p);
            }
        }
    }
}

/// The best path's end and its states, traced back.
pub(super) fn finish(st: &States, best: &[i64], back: &[u8], len: usize) -> Alignment {
    let n = st.count();
    let ends = std::iter::once(st.index(State::Out)).chain((0..n).filter(|&p| st.at_row_end(st.state(p))));
    let mut end = st.index(State::Out);
    for p in ends {
        if best[p] > best[end] {
            end = p;
        }
    }
    let points = best[end];
    let mut states = vec![State::Out; len];
    let mut at = end;
    for i in (0..len).rev() {
        states[i] = st.state(at);
        at = usize::from(back[i * n + at]);
    }
    Alignment { points, states }
}
