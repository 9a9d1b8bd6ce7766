//! Section and task markers at the start of a line or cell: `一、`, `（一）`,
//! `1.`, `１．`, `1、`, `(1)`, `⑴`, `①`, `第一部分`.

use crate::diag::Code;
use crate::fold::{fold, is_space};
use crate::numeral;

/// The shape of a marker, from the outermost level of GB/T 9704 numbering to the innermost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum MarkerKind {
    /// `第一部分`, `第一篇`
    Part,
    /// `第一章`
    Chapter,
    /// `第一节`
    Article,
    /// `一、`
    Chinese,
    /// `（一）`
    ParenChinese,
    /// `1.`, `1、`, `１．`
    Arabic,
    /// `1）`, `1)`: a level of its own, above `（1）`
    ArabicParen,
    /// `（1）`, `1）`, `⑴`
    ParenArabic,
    /// `①`
    Circled,
}

/// A marker found at the start of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    pub kind: MarkerKind,
    /// The number, `None` when too large to read.
    pub number: Option<u64>,
    /// Bytes of the marker as written (`一、`), without the spaces after it.
    pub len: usize,
    /// Bytes up to the text after the marker (spaces skipped).
    pub body: usize,
    /// Set when the marker's punctuation is missing or unusual: the code, the
    /// byte range to replace (relative), and the replacement.
    pub issue: Option<(Code, usize, usize, &'static str)>,
    /// True when only a missing dot makes this a marker (`1 构建…`): the
    /// outline accepts it only where the number is the one expected.
    pub weak: bool,
}

fn skip_spaces(s: &str, at: usize) -> usize {
    at + s[at..].len() - s[at..].trim_start_matches(is_space).len()
}

fn next_char(s: &str, at: usize) -> Option<char> {
    s[at..].chars().next().map(fold)
}

/// Recognises a marker at the start of `s` (already trimmed).
///
/// The pattern of each shape, with a real sample:
/// - `一、加快推进基层政务公开` (also `一．`, `一.`, and `一 加快` with a warning)
/// - `（一）产业提升人才行动计划` (full- or half-width brackets)
/// - `1.构建基层行政决策` (also `1、` `１．` `1. ` and `1 构建` when expected)
/// - `（1）`, `1）`, `⑴`, `①`, `⒈`
/// - `第一部分 总体要求`, `第二章`
pub(crate) fn recognise(s: &str) -> Option<Marker> {
    let first = fold(s.chars().next()?);
    // Most text starts with a letter or an ideograph that starts no marker:
    // of ASCII only digits and `(`, of ideographs only `第` and numerals do
    // (enclosed numbers such as `①` and `㈠` lie outside both ranges).
    if (first.is_ascii() && !first.is_ascii_digit() && first != '(')
        || (('\u{4E00}'..='\u{9FFF}').contains(&first) && first != '第' && !numeral::is_numeral_char(first))
    {
        return None;
    }
    if first == '第' {
        return part(s);
    }
    if first == '(' {
        return paren(s);
    }
    if let Some((n, kind, len)) = numeral::enclosed(s) {
        let kind = match kind {
            numeral::Enclosed::Circled => MarkerKind::Circled,
            numeral::Enclosed::Paren => MarkerKind::ParenArabic,
            numeral::Enclosed::Dotted => MarkerKind::Arabic,
        };
        return Some(Marker { kind, number: Some(n), len, body: skip_spaces(s, len), issue: None, weak: false });
    }
    if let Some((number, n)) = numeral::arabic(s) {
        return arabic(s, number, n);
    }
    if let Some((number, n)) = numeral::chinese(s) {
        return chinese(s, number, n);
    }
    None
}

fn part(s: &str) -> Option<Marker> {
    let at = '第'.len_utf8();
    let (number, n) = numeral::chinese(&s[at..]).or_else(|| numeral::arabic(&s[at..]))?;
    let rest = &s[at + n..];
    let (word, kind) = [
        ("部分", MarkerKind::Part),
        ("篇", MarkerKind::Part),
        ("章", MarkerKind::Chapter),
        ("节", MarkerKind::Article),
    ]
    .into_iter()
    .find(|(w, _)| rest.starts_with(w))?;
    let mut len = at + n + word.len();
    if let Some(c) = next_char(s, len) {
        if matches!(c, '、' | ':' | '.') {
            len += s[len..].chars().next().map_or(0, char::len_utf8);
        }
    }
    Some(Marker { kind, number, len, body: skip_spaces(s, len), issue: None, weak: false })
}

fn paren(s: &str) -> Option<Marker> {
    let open = s.chars().next()?.len_utf8();
    let inner = &s[open..];
    let (number, n, kind) = if let Some((v, n)) = numeral::chinese(inner) {
        (v, n, MarkerKind::ParenChinese)
    } else if let Some((v, n)) = numeral::arabic(inner) {
        (v, n, MarkerKind::ParenArabic)
    } else {
        return None;
    };
    if next_char(s, open + n)? != ')' {
        return None;
    }
    let len = open + n + s[open + n..].chars().next()?.len_utf8();
    Some(Marker { kind, number, len, body: skip_spaces(s, len), issue: None, weak: false })
}

fn arabic(s: &str, number: Option<u64>, n: usize) -> Option<Marker> {
    let c = next_char(s, n)?;
    let clen = s[n..].chars().next()?.len_utf8();
    match c {
        '.' | '、' => {
            let after = n + clen;
            // `6.2%` is a number, `2.2021年底前` is task 2; `11.121人才梯队`
            // is task 11 only where 11 is the number expected.
            let weak = next_char(s, after).is_some_and(|d| d.is_ascii_digit()) && !is_year(&s[after..]);
            if weak && decimal_like(&s[after..]) {
                return None;
            }
            let mut body = skip_spaces(s, after);
            // `1.、` and `1..` are one marker written twice.
            if let Some(x) = next_char(s, body) {
                if matches!(x, '.' | '、') {
                    body = skip_spaces(s, body + s[body..].chars().next()?.len_utf8());
                }
            }
            Some(Marker { kind: MarkerKind::Arabic, number, len: after, body, issue: None, weak })
        }
        ')' => Some(Marker {
            kind: MarkerKind::ArabicParen,
            number,
            len: n + clen,
            body: skip_spaces(s, n + clen),
            issue: None,
            weak: false,
        }),
        c if is_space(c) => {
            let body = skip_spaces(s, n);
            let next = next_char(s, body)?;
            if next.is_ascii_digit() || !is_cjk(next) {
                return None;
            }
            Some(Marker {
                kind: MarkerKind::Arabic,
                number,
                len: n,
                body,
                issue: Some((Code::TaskMarkerPunctuation, n, body, ".")),
                weak: true,
            })
        }
        _ => None,
    }
}

/// Digits followed by what follows a decimal number: `2%`, `5万`, `3倍`, `2亿元`.
fn decimal_like(s: &str) -> bool {
    let rest = s.trim_start_matches(|c: char| fold(c).is_ascii_digit());
    rest.is_empty()
        || rest.starts_with(|c: char| matches!(fold(c), '%' | '万' | '亿' | '倍' | '个' | '元' | '.' | '‰' | '‱'))
}

fn is_year(s: &str) -> bool {
    let digits = s.chars().take_while(|c| fold(*c).is_ascii_digit()).count();
    digits == 4 && s.chars().nth(4) == Some('年')
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn chinese(s: &str, number: Option<u64>, n: usize) -> Option<Marker> {
    let c = next_char(s, n)?;
    let clen = s[n..].chars().next()?.len_utf8();
    match c {
        '、' => Some(Marker {
            kind: MarkerKind::Chinese,
            number,
            len: n + clen,
            body: skip_spaces(s, n + clen),
            issue: None,
            weak: false,
        }),
        '.' | ',' => Some(Marker {
            kind: MarkerKind::Chinese,
            number,
            len: n + clen,
            body: skip_spaces(s, n + clen),
            issue: Some((Code::SectionMarkerPunctuation, n, n + clen, "、")),
            weak: false,
        }),
        c if is_space(c) => {
            let body = skip_spaces(s, n);
            let next = next_char(s, body)?;
            if !is_cjk(next) {
                return None;
            }
            Some(Marker {
                kind: MarkerKind::Chinese,
                number,
                len: n,
                body,
                issue: Some((Code::SectionMarkerPunctuation, n, body, "、")),
                weak: false,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Option<(MarkerKind, Option<u64>, &str)> {
        recognise(s).map(|m| (m.kind, m.number, &s[m.body..]))
    }

    #[test]
    fn every_enclosed_number_is_a_marker() {
        // The refusal by first character must let each of them through,
        // whatever they fold to.
        let ranges = [0x2460..=0x249B, 0x3251..=0x325F, 0x32B1..=0x32BF, 0x2776..=0x277F];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert!(recognise(&format!("{c}做好公开")).is_some(), "{c} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(k("一、加快推进"), Some((MarkerKind::Chinese, Some(1), "加快推进")));
        assert_eq!(k("十二、其他"), Some((MarkerKind::Chinese, Some(12), "其他")));
        assert_eq!(k("（一）产业"), Some((MarkerKind::ParenChinese, Some(1), "产业")));
        assert_eq!(k("(二)科技"), Some((MarkerKind::ParenChinese, Some(2), "科技")));
        assert_eq!(k("1.构建"), Some((MarkerKind::Arabic, Some(1), "构建")));
        assert_eq!(k("１．构建"), Some((MarkerKind::Arabic, Some(1), "构建")));
        assert_eq!(k("12、构建"), Some((MarkerKind::Arabic, Some(12), "构建")));
        assert_eq!(k("1. 地区"), Some((MarkerKind::Arabic, Some(1), "地区")));
        assert_eq!(k("（3）细化"), Some((MarkerKind::ParenArabic, Some(3), "细化")));
        assert_eq!(k("⑶细化"), Some((MarkerKind::ParenArabic, Some(3), "细化")));
        assert_eq!(k("②细化"), Some((MarkerKind::Circled, Some(2), "细化")));
        assert_eq!(k("第二部分 重点任务"), Some((MarkerKind::Part, Some(2), "重点任务")));
        assert_eq!(k("第三章 保障措施"), Some((MarkerKind::Chapter, Some(3), "保障措施")));
        assert_eq!(k("第一节 夯实基础"), Some((MarkerKind::Article, Some(1), "夯实基础")));
        assert_eq!(k("2.2021年底前完成"), Some((MarkerKind::Arabic, Some(2), "2021年底前完成")));
    }

    #[test]
    fn not_markers() {
        assert_eq!(k("6.2%左右"), None);
        assert_eq!(k("6.25亿元"), None);
        assert!(recognise("11.121人才梯队项目").is_some_and(|m| m.weak && m.number == Some(11)));
        assert_eq!(k("2020年"), None);
        assert_eq!(k("一是加强"), None);
        assert_eq!(k("各县"), None);
        assert_eq!(k("（管委会）"), None);
    }

    #[test]
    fn missing_punctuation() {
        let m = recognise("一 加快推进").unwrap();
        assert_eq!(m.issue.map(|i| i.0), Some(Code::SectionMarkerPunctuation));
        let m = recognise("1 构建机制").unwrap();
        assert!(m.weak);
        assert_eq!(m.issue.map(|i| i.0), Some(Code::TaskMarkerPunctuation));
        assert!(recognise("25 个").is_some_and(|m| m.weak));
    }
}
