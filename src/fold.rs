//! Character folding for matching: full-width forms to ASCII, the many
//! spaces to one, and the compatibility characters PDF extraction produces
//! (Kangxi radicals such as `⼀` for `一`, compatibility ideographs, small
//! form variants) to what NFKC makes of them. Folding is one character to one
//! character, so a position found on the folded view is a position in the
//! original text.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The ranges whose characters fold through NFKC: CJK radicals supplement and
/// Kangxi radicals, vertical and small forms, compatibility ideographs.
const NFKC_RANGES: &[(u32, u32)] = &[(0x2E80, 0x2FDF), (0xFE10, 0xFE6F), (0xF900, 0xFAFF)];

/// NFKC of every character in [`NFKC_RANGES`], where it is one character.
fn nfkc_table() -> &'static [Vec<char>] {
    static TABLE: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        NFKC_RANGES
            .iter()
            .map(|&(lo, hi)| {
                (lo..=hi)
                    .map(|u| {
                        let c = char::from_u32(u).unwrap_or(' ');
                        let mut n = std::iter::once(c).nfkc();
                        match (n.next(), n.next()) {
                            (Some(f), None) => fold_basic(f),
                            _ => c,
                        }
                    })
                    .collect()
            })
            .collect()
    })
}

/// Folds one character for matching: full-width ASCII forms (`１`, `（`, `：`)
/// to ASCII, every kind of space to `' '`; anything else is returned as is.
#[inline]
pub(crate) fn fold(c: char) -> char {
    let u = c as u32;
    if u < 0x80 || (0x4E00..=0x9FFF).contains(&u) {
        return c;
    }
    for (k, &(lo, hi)) in NFKC_RANGES.iter().enumerate() {
        if (lo..=hi).contains(&u) {
            return nfkc_table()[k][(u - lo) as usize];
        }
    }
    fold_basic(c)
}

/// Folds only the compatibility characters PDF extraction produces (Kangxi
/// radicals, compatibility ideographs): the repair made in unit names and
/// titles, where full-width punctuation is kept as written.
#[inline]
pub(crate) fn fold_compat(c: char) -> char {
    let u = c as u32;
    if u < 0x2E80 || (0x4E00..=0x9FFF).contains(&u) {
        return c;
    }
    match NFKC_RANGES.iter().position(|&(lo, hi)| (lo..=hi).contains(&u)) {
        Some(0) | Some(2) => fold(c),
        _ => c,
    }
}

fn fold_basic(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x00A0 | 0x1680 | 0x2000..=0x200B | 0x202F | 0x205F | 0x3000 | 0xFEFF => ' ',
        _ => c,
    }
}

/// The characters of `s` other than ideographs, folded, with their byte
/// offsets: what scans for punctuation, brackets and spaces look at.
///
/// Ideographs (U+4000 to U+9FFF, three bytes led by `E4` to `E9`) fold to
/// themselves and are never punctuation, so they are stepped over by their
/// first byte without being decoded: most of a plan's text costs one
/// comparison per character.
pub(crate) fn marks(s: &str) -> Marks<'_> {
    Marks { s, front: 0, back: s.len() }
}

/// Iterator of [`marks`].
#[derive(Clone)]
pub(crate) struct Marks<'a> {
    s: &'a str,
    front: usize,
    back: usize,
}

fn is_ideograph_lead(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

impl Iterator for Marks<'_> {
    type Item = (usize, char);

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        let b = self.s.as_bytes();
        while self.front < self.back {
            let at = self.front;
            if is_ideograph_lead(b[at]) {
                self.front += 3;
                continue;
            }
            let c = self.s[at..].chars().next()?;
            self.front += c.len_utf8();
            return Some((at, fold(c)));
        }
        None
    }
}

impl DoubleEndedIterator for Marks<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<(usize, char)> {
        let b = self.s.as_bytes();
        while self.back > self.front {
            // An ideograph ending here: its lead byte is three back.
            if self.back >= self.front + 3 && is_ideograph_lead(b[self.back - 3]) {
                self.back -= 3;
                continue;
            }
            let mut at = self.back - 1;
            while at > self.front && (b[at] & 0xC0) == 0x80 {
                at -= 1;
            }
            self.back = at;
            if is_ideograph_lead(b[at]) {
                continue;
            }
            let c = self.s[at..].chars().next()?;
            return Some((at, fold(c)));
        }
        None
    }
}

/// True for every kind of whitespace plenty of plans contain: ASCII space and
/// tab, NBSP, the ideographic space U+3000, zero-width space and BOM.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// Trims whitespace ([`is_space`]) from both ends of `s[start..end]`, returning the new ends.
pub(crate) fn trim(s: &str, start: usize, end: usize) -> (usize, usize) {
    let t = &s[start..end];
    let lead = t.len() - t.trim_start_matches(is_space).len();
    let t2 = t.trim_end_matches(is_space);
    if t2.len() <= lead {
        return (start + lead, start + lead);
    }
    (start + lead, start + t2.len())
}

/// `s` folded and with whitespace dropped, as an owned string.
pub(crate) fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(compact_chars(s));
    out
}

/// The characters of [`compact`]`(s)`, without building the string.
pub(crate) fn compact_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(fold).filter(|c| !is_space(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(fold('（'), '(');
        assert_eq!(fold('１'), '1');
        assert_eq!(fold('\u{3000}'), ' ');
        assert_eq!(fold('\u{a0}'), ' ');
        assert_eq!(fold('局'), '局');
        assert_eq!(compact("市 财政\u{3000}局"), "市财政局");
        assert_eq!(fold('⼀'), '一');
        assert_eq!(fold('⽂'), '文');
        assert_eq!(fold('﹑'), '、');
        assert_eq!(fold('﹙'), '(');
    }

    #[test]
    fn marks_skip_ideographs_both_ways() {
        let s = "市（财政）局，a１。";
        let fwd: Vec<(usize, char)> = marks(s).collect();
        assert_eq!(fwd, [(3, '('), (12, ')'), (18, ','), (21, 'a'), (22, '1'), (25, '。')]);
        let mut back: Vec<(usize, char)> = marks(s).rev().collect();
        back.reverse();
        assert_eq!(back, fwd);
        let mut m = marks(s);
        assert_eq!((m.next(), m.next_back()), (Some((3, '(')), Some((25, '。'))));
    }

    #[test]
    fn trims_every_space() {
        let s = "\t\u{a0} 市府 \u{3000}";
        let (a, b) = trim(s, 0, s.len());
        assert_eq!(&s[a..b], "市府");
        assert_eq!(trim(" \t", 0, 2), (2, 2));
    }
}
