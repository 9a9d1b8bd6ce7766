//! Step 4, names: inside an item, joiners and run-together names split it
//! into units; what is a unit name is decided by shape.

use std::borrow::Cow;

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::{fold, is_space};
use crate::lexicon::{self};
use crate::model::{Role, Unit};
use crate::span::Span;

use super::scan::{is_close, is_open};
use super::{Acc, Edit, Item, Part, Phrase, Sep};

/// True when the units text `s` ends in `。`, `；` or `.` (spaces after it aside).
/// True for a name that stands for many units: `各县（区）人民政府`,
/// `有关部门`, `相关单位`.
pub(super) fn is_collective(name: &str) -> bool {
    let name = name.trim_start_matches(is_space);
    ["各", "有关", "相关", "其他", "其它", "全市", "全区", "全县", "全省"].iter().any(|p| name.starts_with(p))
}

pub(crate) fn ends_with_stop(s: &str) -> bool {
    s.trim_end_matches(is_space).chars().next_back().is_some_and(|c| matches!(fold(c), '。' | ';' | '.'))
}

/// Drops role modifiers (`按职责分工`, `分别`) from the end of `s`.
pub(super) fn strip_modifiers(mut s: &str) -> &str {
    while let Some(n) = lexicon::modifier_suffix(s) {
        s = &s[..s.len() - n];
    }
    s
}

/// Drops bracket groups at the end of a name: `各县（区）人民政府（管委会）` → `各县（区）人民政府`.
pub(super) fn strip_brackets(mut s: &str) -> &str {
    loop {
        let t = s.trim_end_matches(is_close);
        if t.len() == s.len() {
            return s;
        }
        match t.rfind(is_open) {
            Some(i) if i > 0 => s = &t[..i],
            _ => return s,
        }
    }
}

/// True when folded, compact `s` can start a unit name after a joiner.
pub(super) fn is_unit_name_start(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    !lexicon::NOT_UNIT_STARTS.iter().any(|w| s.starts_with(w)) && lexicon::UNIT_STARTS.contains(&c)
}

/// True when folded, compact `s` has the shape of a unit name.
pub(crate) fn is_unit_like(s: &str) -> bool {
    // A plan names the same units again and again, and the reader asks
    // about each name several times: answers are kept, a bounded number of
    // them, per thread.
    thread_local! {
        static SEEN: crate::hash::Answers<bool> = Default::default();
    }
    if s.is_empty() || s.len() > 120 {
        return false;
    }
    crate::hash::remember(&SEEN, 1024, s, unit_shaped)
}

/// [`is_unit_like`], worked out.
pub(super) fn unit_shaped(s: &str) -> bool {
    // At most four bytes a character: the count is needed only in between.
    let n = match s.len() {
        0 => return false,
        len if len > 120 => return false,
        len if len <= 30 => s.chars().take(2).count(),
        _ => s.chars().count(),
    };
    if n > 30 {
        return false;
    }
    let core = strip_brackets(s);
    let shape = s.starts_with('各') || lexicon::has_unit_suffix(core) || (n >= 2 && lexicon::has_level_suffix(core));
    // Digits make a quantity, not a name; inside brackets they may be one
    // (`县政府办公室（县12345热线办）`). Digits and `%` are ASCII: a byte
    // compare finds them.
    shape && !core.is_empty() && !core.bytes().any(|b| b.is_ascii_digit() || b == b'%') && !lexicon::has_predicate(s)
}

impl<'s, 'b> Phrase<'s, 'b, '_> {
    pub(super) fn unit(&self, p: &Part) -> Unit<'s> {
        let span = self.span_of(p.start, p.end);
        Unit {
            name: self.name(p.start, p.end),
            raw: Cow::Borrowed(span.slice(self.src)),
            span,
            line: self.index.line_of(span.start),
            open_ended: p.open_ended,
        }
    }

    /// The repaired name of chars `[start, end)`: written as in the text,
    /// whitespace dropped, edits applied.
    pub(super) fn name(&self, start: usize, end: usize) -> Cow<'s, str> {
        let chars = &self.chars[start..end];
        let (Some(first), Some(last)) = (chars.first(), chars.last()) else {
            return Cow::Borrowed("");
        };
        // Most names stand in the text as they are: no space inside, no
        // repair, no compatibility character.
        let (from, to) = (first.at, last.at + last.len as usize);
        let b = self.src.as_bytes();
        let plain = self.edits_within(from, to).is_empty()
            && chars.windows(2).all(|w| w[0].at + w[0].len as usize == w[1].at)
            && chars.iter().all(|ch| {
                ch.len != 3
                    || !matches!(b[ch.at], 0xE2 | 0xEF)
                    || self.src[ch.at..].chars().next().is_none_or(|c| crate::fold::fold_compat(c) == c)
            });
        if plain {
            return Cow::Borrowed(&self.src[from..to]);
        }
        let mut out = String::with_capacity(chars.len() * 3);
        for ch in chars {
            let ch_end = ch.at + ch.len as usize;
            let mut written = false;
            for (_, e) in self.edits_at(ch.at) {
                match *e {
                    Edit::Drop => written = true,
                    Edit::Replace(r) => {
                        out.push(r);
                        written = true;
                    }
                    Edit::Close(_) => {}
                }
            }
            if !written {
                let orig = &self.src[ch.at..ch_end];
                match orig.chars().next() {
                    Some(c) if ch.len > 2 && crate::fold::fold_compat(c) != c => out.push(crate::fold::fold_compat(c)),
                    _ => out.push_str(orig),
                }
            }
            for (_, e) in self.edits_at(ch_end) {
                if let Edit::Close(c) = *e {
                    out.push(c);
                }
            }
        }
        Cow::Owned(out)
    }

    /// The edits at positions `from..=to`.
    pub(super) fn edits_within(&self, from: usize, to: usize) -> &[(usize, Edit)] {
        let lo = self.edits.partition_point(|e| e.0 < from);
        let hi = self.edits.partition_point(|e| e.0 <= to);
        &self.edits[lo..hi]
    }

    pub(super) fn edits_at(&self, pos: usize) -> &[(usize, Edit)] {
        if self.edits.is_empty() {
            return &[];
        }
        let lo = self.edits.partition_point(|e| e.0 < pos);
        let hi = self.edits.partition_point(|e| e.0 <= pos);
        &self.edits[lo..hi]
    }

    /// True when chars `[j, end)` are `各` and a generic collective with no
    /// place in it (`各部门`, `各成员单位`, `各有关单位`): after a unit name they
    /// name its parts (`市政府各部门`), not a unit of their own.
    pub(super) fn generic_collective(&self, j: usize, end: usize) -> bool {
        if self.chars[j].c != '各' || end - j > 16 {
            return false;
        }
        // `县委各巡察组`, `县纪委监委各派驻（出）纪检监察组`: parts of the unit
        // before; `各街道`, `各县（区）人民政府` name places of their own.
        let rest = self.text_of(j + 1, end);
        !rest.chars().any(|c| "省市县区镇乡村州旗盟".contains(c)) && !rest.contains("街道") && !rest.contains("社区")
    }

    /// True when chars from `j` start a unit name: a unit-start character not
    /// beginning an ordinary word.
    pub(super) fn starts_unit(&self, j: usize, end: usize) -> bool {
        let c = self.chars[j].c;
        if !lexicon::UNIT_STARTS.contains(&c) {
            return false;
        }
        !(j + 1 < end && lexicon::is_not_unit_start(c, self.chars[j + 1].c))
    }

    /// Step 4 for one item: role word, `等`, joiners and run-together names.
    /// Pushes the names found to `clause`; returns true when the item is no unit.
    ///
    /// Runs past 80 lines on purpose: the checks on an item come in the
    /// order the grammar states them, each a few lines, and each may end it.
    pub(super) fn parts(&mut self, item: Item, clause: &mut Vec<Part>, acc: &mut Acc<'s>, labelled: bool) -> bool {
        if item.start >= item.end {
            return false;
        }
        let text = self.text_of(item.start, item.end);
        let mut end = item.end;
        let mut start = item.start;
        let mut role = None;
        // Role words and their modifiers, from the end; a role in brackets
        // after the name counts the same: `县数据资源局（牵头）`.
        let mut t: &str = text;
        if let Some(inner) = t.strip_suffix(')').and_then(|x| x.rfind('(').map(|k| (k, &x[k + 1..]))) {
            let (k, word) = inner;
            let word = strip_modifiers(word);
            if let Some((r, wlen)) = lexicon::role_suffix(word) {
                if wlen == word.len() && k > 0 {
                    role = Some(r);
                    t = &t[..k];
                }
            }
        }
        while let Some((r, wlen)) = lexicon::role_suffix(t) {
            role = Some(match role {
                Some(Role::Lead) => Role::Lead,
                Some(Role::Supporting) if r == Role::Responsible => Role::Supporting,
                _ => r,
            });
            t = &t[..t.len() - wlen];
            t = strip_modifiers(t);
        }
        if role.is_some() {
            acc.stats.roles += 1;
        }
        let mut open_ended = false;
        if let Some(w) = lexicon::etc_suffix(t) {
            t = &t[..t.len() - w.len()];
            open_ended = true;
        } else if let Some(k) = t.rfind('等') {
            // `省医保局等省直有关部门`: what follows 等 names the rest of the list.
            let tail = &t[k + '等'.len_utf8()..];
            if k > 0 && lexicon::is_generic_collective(tail) {
                t = &t[..k];
                open_ended = true;
            }
        }
        // `t` is what is left of the front of `text`.
        end = self.back(end, text[t.len()..].chars().count(), start);
        // `由X牵头`, `会同X`, `以上3项由X牵头`.
        let summary = (t.starts_with("以上") || t.starts_with("上述"))
            .then(|| &t[..t.char_indices().nth(12).map_or(t.len(), |(i, _)| i)])
            .filter(|head| head.contains('由'));
        let skip = if let Some(head) = summary {
            head.find('由').map(|b| head[..b].chars().count() + 1)
        } else {
            ["由", "会同", "请"].iter().find(|w| t.starts_with(*w) && t.len() > w.len()).map(|w| {
                if *w == "会同" && role.is_none() {
                    role = Some(Role::Supporting);
                }
                w.chars().count()
            })
        };
        if let Some(n) = skip {
            start = self.fwd(start, n, end);
        }
        // `无`, `无牵头单位`, `/`: a cell that says there is none.
        if matches!(
            self.text_of(start, end),
            "无" | "暂无" | "无牵头单位" | "无配合单位" | "无责任单位" | "不涉及" | "/" | "-" | "—" | "——"
        ) {
            return false;
        }
        if start >= end {
            // Nothing but role words: settles what is pending.
            clause.push(Part { start, end: start, role, open_ended: false, enum_after: false });
            return false;
        }
        // `信用监督管理司会同登记注册局负责`: the first leads, the rest support.
        if let Some(k) = (start + 2..end.saturating_sub(2))
            .find(|&k| self.chars[k].depth == 0 && self.chars[k].c == '会' && self.chars[k + 1].c == '同')
        {
            let left = self.text_of(start, k);
            let right = self.text_of(k + 2, end);
            if is_unit_like(left) && is_unit_like(right) {
                let both_lead = role == Some(Role::Lead);
                let lead = Item { start, end: k, sep: Sep::Enum };
                let rest = Item { start: k + 2, end, sep: Sep::Enum };
                let note = self.named_parts(lead, Some(Role::Lead), false, clause, labelled)
                    || self.named_parts(
                        rest,
                        Some(if both_lead { Role::Lead } else { Role::Supporting }),
                        open_ended,
                        clause,
                        labelled,
                    );
                return note;
            }
        }
        self.named_parts(Item { start, end, sep: Sep::Enum }, role, open_ended, clause, labelled)
    }

    /// The names in chars `[item.start, item.end)`, all with `role`: split at
    /// joiners and where names run together. Returns true when it is no unit.
    pub(super) fn named_parts(
        &mut self,
        item: Item,
        role: Option<Role>,
        open_ended: bool,
        clause: &mut Vec<Part>,
        labelled: bool,
    ) -> bool {
        let (start, end) = (item.start, item.end);
        let name = self.text_of(start, end);
        // A bare level noun (`市` in `各县、市、区政府`) is a unit only beside a
        // distributive head; `merge_distributive` joins them.
        // Under a units label (`牵头单位：县财政居`) a short name with no
        // predicate is a unit even when its suffix is unknown or mistyped.
        let named = labelled
            && name.chars().count() <= 15
            && !lexicon::has_predicate(name)
            && !name.chars().any(|c| c.is_ascii_digit())
            && !name.ends_with(['年', '月', '日', '前', '底']);
        if !named && !is_unit_like(name) && !lexicon::is_level_item(name) {
            return true;
        }
        // A probe counts whether names were found, not how many: the one
        // item stands for all it holds.
        if self.probe {
            clause.push(Part { start, end, role, open_ended, enum_after: false });
            return false;
        }
        // Joiners and run-together names split the item into names.
        let mut cuts = std::mem::take(&mut self.cuts);
        cuts.clear();
        self.split_names(start, end, &mut cuts);
        let mut s = start;
        let n = cuts.len();
        for (k, &cut) in cuts.iter().chain(std::iter::once(&(end, end))).enumerate() {
            let (name_end, next_start) = cut;
            if name_end > s {
                clause.push(Part {
                    start: s,
                    end: name_end,
                    role,
                    open_ended: open_ended && k == n,
                    enum_after: false,
                });
            }
            s = next_start;
        }
        self.cuts = cuts;
        false
    }

    /// Finds cuts inside a unit-like range: `(end of one name, start of the next)`.
    ///
    /// One scan on purpose: joiners, suffix-then-start and level lists are
    /// found in a single pass over the characters, each case a few lines.
    pub(super) fn split_names(&mut self, start: usize, end: usize, cuts: &mut Vec<(usize, usize)>) {
        let mut s = start;
        let mut j = start + 1;
        while j + 1 < end {
            let ch = self.chars[j];
            if ch.depth != 0 {
                j += 1;
                continue;
            }
            // Joiners: `和 及 与 以及`, and `合` typed for `和`.
            let joiner_len = if ch.c == '以' && self.chars[j + 1].c == '及' {
                2
            } else if matches!(ch.c, '和' | '及' | '与' | '合') {
                1
            } else {
                0
            };
            if joiner_len > 0 && j + joiner_len < end {
                let left = self.text_of(s, j);
                let right = self.text_of(j + joiner_len, end);
                // `法制司和政策研究室`: both sides end like units. `合` is a typo
                // only before a unit start (`市政府合作交流办公室` is one name).
                let left_ok = left.starts_with('各') || lexicon::has_unit_suffix(strip_brackets(left));
                // `各有关部门和单位`: a bare `单位` after 和 ends the collective.
                let bare = matches!(right, "单位" | "部门" | "机构" | "组织" | "企业" | "个人" | "团体");
                let right_ok = !bare
                    && if ch.c == '合' {
                        is_unit_name_start(right)
                    } else {
                        right.chars().count() >= 2
                            && !lexicon::NOT_UNIT_STARTS.iter().any(|w| right.starts_with(w))
                            && (is_unit_name_start(right) || lexicon::has_unit_suffix(strip_brackets(right)))
                    };
                if left_ok && right_ok && is_unit_like(left) && is_unit_like(right) {
                    if ch.c == '合' {
                        let sp = Span::new(ch.at, ch.at + ch.len as usize);
                        self.sink.push(|| {
                            Diagnostic::new(
                                Code::HeTypo,
                                Severity::Warning,
                                sp,
                                "`合` between two units reads as `和`".to_string(),
                            )
                            .with_fix(sp, "和")
                        });
                        if !self.opts.read_he_typo {
                            j += 1;
                            continue;
                        }
                    }
                    cuts.push((j, j + joiner_len));
                    s = j + joiner_len;
                    j = s + 1;
                    continue;
                }
            }
            // A line break between two whole names splits them quietly; a
            // unit suffix followed by a unit start splits them with a warning.
            if j >= s + 2 {
                let quiet = ch.after_break;
                if (self.starts_unit(j, end) || self.after_alias(s, j, end)) && !self.generic_collective(j, end) {
                    let left = self.text_of(s, j);
                    let right = self.text_of(j, end);
                    // `各社区`: a name of two characters is a unit only as `市委`, `县委`.
                    let party_committee = left.ends_with('委') && !left.starts_with('各');
                    let short = left.chars().count() < 3 && !party_committee;
                    let left_ok = if quiet {
                        is_unit_like(left)
                    } else {
                        !short && lexicon::has_unit_suffix(strip_brackets(left)) && is_unit_like(left)
                    };
                    if left_ok && right.chars().count() >= 2 && is_unit_like(right) {
                        if !quiet {
                            let at = Span::new(ch.at, ch.at);
                            self.sink.push(|| {
                                Diagnostic::new(
                                    Code::RunTogetherUnits,
                                    Severity::Warning,
                                    at,
                                    format!("expected `、` between `{left}` and the unit after it"),
                                )
                                .with_fix(at, "、")
                            });
                            if !self.opts.split_run_together {
                                j += 1;
                                continue;
                            }
                        }
                        cuts.push((j, j));
                        s = j;
                        j = s + 2;
                        continue;
                    }
                }
            }
            j += 1;
        }
    }

    /// True when a name with its alias in brackets ends right before `j`
    /// and a name with a unit's suffix starts there (`综合执法局（安监局）规划局`):
    /// a bracket inside a name (`各县（市、区）人民政府`) follows no unit's
    /// suffix.
    pub(super) fn after_alias(&self, s: usize, j: usize, end: usize) -> bool {
        if !matches!(self.chars[j - 1].c, ')' | '）') {
            return false;
        }
        let (left, right) = (self.text_of(s, j), self.text_of(j, end));
        let (name, next) = (strip_brackets(left), strip_brackets(right));
        // The next name is more than a suffix (`…（高新区）管委会` is one name).
        let whole = next.chars().count() >= 3
            && !lexicon::UNIT_SUFFIXES.iter().any(|x| next.ends_with(x) && next.len() == x.len());
        left.ends_with([')', '）'])
            && name.len() < left.len()
            && name.chars().count() >= 3
            && lexicon::has_unit_suffix(name)
            && whole
            && lexicon::has_unit_suffix(next)
            && !lexicon::NOT_UNIT_STARTS.iter().any(|w| right.starts_with(w))
    }

    /// Joins `各区、县级市` into one collective unit.
    pub(super) fn merge_distributive(&self, clause: &mut Vec<Part>) {
        self.merge_joint_offices(clause);
        // Parts are merged as they are copied down, in one pass: draining a
        // merged run out of the list each time would make a long clause of
        // lists quadratic.
        let (mut r, mut w) = (0, 0);
        while r < clause.len() {
            let k = r;
            let mut part = clause[k];
            let mut m = k;
            if lexicon::is_distributive_head(self.text_of(part.start, part.end)) {
                while m + 1 < clause.len() && clause[m].enum_after {
                    let next = self.text_of(clause[m + 1].start, clause[m + 1].end);
                    if lexicon::is_level_item(next) {
                        m += 1;
                        continue;
                    }
                    // A long list may end in a place with the office all its
                    // items share: `各市、州、直管市、神农架林区党委宣传部`.
                    if m - k >= 2 && lexicon::place_then_office(next) {
                        m += 1;
                    }
                    break;
                }
                if m > k {
                    let last = clause[m];
                    part.end = last.end;
                    part.role = last.role.or(part.role);
                    part.open_ended = last.open_ended;
                    part.enum_after = last.enum_after;
                }
            }
            clause[w] = part;
            w += 1;
            r = m + 1;
        }
        clause.truncate(w);
    }

    /// Joins the joint office of a party committee and its government:
    /// `市委、市政府督查室` is one office, `县委办、县政府办` two. In one pass,
    /// as [`Phrase::merge_distributive`] merges.
    pub(super) fn merge_joint_offices(&self, clause: &mut Vec<Part>) {
        let (mut r, mut w) = (0, 0);
        while r < clause.len() {
            let mut part = clause[r];
            r += 1;
            if r < clause.len() && part.enum_after && self.joint_office(part, clause[r]) {
                let last = clause[r];
                part.end = last.end;
                part.role = last.role.or(part.role);
                part.enum_after = last.enum_after;
                part.open_ended = last.open_ended;
                r += 1;
            }
            clause[w] = part;
            w += 1;
        }
        clause.truncate(w);
    }

    /// True when `first` is a party committee (`市委`) and `next` an office of
    /// the government of the same place (`市政府督查室`).
    pub(super) fn joint_office(&self, first: Part, next: Part) -> bool {
        let first = self.text_of(first.start, first.end);
        let next = self.text_of(next.start, next.end);
        first.chars().count() == 2
            && first.ends_with('委')
            && first.starts_with(['省', '市', '县', '区'])
            && ["政府", "人民政府"].iter().any(|g| {
                let head = format!("{}{g}", &first[..first.len() - '委'.len_utf8()]);
                next.strip_prefix(head.as_str()).is_some_and(|office| office.chars().count() >= 2)
            })
    }

    /// Reports a units text whose final `。` or `；` is doubled.
    pub(super) fn check_final_stop(&mut self, span: Span) {
        let text = span.slice(self.src).trim_end_matches(is_space);
        let mut it = text.chars().rev().map(fold);
        let stop = |c: Option<char>| matches!(c, Some('。' | ';' | '.'));
        if stop(it.next()) && stop(it.next()) {
            let end = span.start + text.len();
            let c = text.chars().next_back().map_or(1, char::len_utf8);
            let s = Span::new(end - c, end);
            self.sink.push(|| {
                Diagnostic::new(
                    Code::UnitsPunctuation,
                    Severity::Warning,
                    s,
                    "final punctuation of the units text is doubled".to_string(),
                )
                .with_fix(s, "")
            });
        }
    }
}
