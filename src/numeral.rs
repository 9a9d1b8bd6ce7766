//! Chinese and Arabic numerals as they appear in section and task markers.

use crate::fold::fold;

/// Reads a Chinese numeral at the start of `s` (`一`, `十二`, `九十九`,
/// `一百零一`, `〇`, `两`, `九千九百九十九`), returning its value and its length
/// in bytes. `None` when `s` does not start with a numeral; a value of `None`
/// inside `Some` when the numeral is too large for `u64`.
///
/// ```
/// use fengong::numeral::chinese;
/// assert_eq!(chinese("十二、"), Some((Some(12), 6)));
/// assert_eq!(chinese("一百零一"), Some((Some(101), 12)));
/// assert_eq!(chinese("两"), Some((Some(2), 3)));
/// assert_eq!(chinese("是"), None);
/// ```
pub fn chinese(s: &str) -> Option<(Option<u64>, usize)> {
    let mut total: Option<u64> = Some(0); // sum of finished 万/亿 groups
    let mut section: Option<u64> = Some(0); // below 万
    let mut digit: Option<u64> = None;
    let mut len = 0;
    let mut any = false;
    for (n, (i, raw)) in s.char_indices().enumerate() {
        // No marker holds a longer numeral; reading on would make a long run
        // of numerals cost its length at every character of it.
        if n >= MAX_DIGITS {
            break;
        }
        let c = fold(raw);
        if let Some(d) = digit_value(c) {
            digit = Some(d);
        } else if let Some(unit) = small_unit(c) {
            let n = digit.unwrap_or(if any { 0 } else { 1 });
            let n = if n == 0 && unit == 10 { 1 } else { n };
            section = section.and_then(|s| s.checked_add(n.checked_mul(unit)?));
            digit = None;
        } else if let Some(unit) = big_unit(c) {
            if !any {
                break;
            }
            let group = section.and_then(|s| s.checked_add(digit.unwrap_or(0)));
            total = total.and_then(|t| t.checked_add(group?.checked_mul(unit)?));
            section = Some(0);
            digit = None;
        } else {
            break;
        }
        any = true;
        len = i + raw.len_utf8();
    }
    if !any {
        return None;
    }
    let value = total.and_then(|t| t.checked_add(section?)?.checked_add(digit.unwrap_or(0)));
    Some((value, len))
}

/// True when `c` alone reads as a Chinese numeral (what [`chinese`] reads
/// of it): a digit or a unit below 万, folded.
pub(crate) fn is_numeral_char(c: char) -> bool {
    let c = fold(c);
    digit_value(c).is_some() || small_unit(c).is_some()
}

/// The most characters a numeral is read over.
const MAX_DIGITS: usize = 32;

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Reads ASCII or full-width digits at the start of `s`, returning the value
/// (`None` on overflow) and the length in bytes; `None` when there is no digit.
///
/// ```
/// use fengong::numeral::arabic;
/// assert_eq!(arabic("１２．"), Some((Some(12), 6)));
/// assert_eq!(arabic("27."), Some((Some(27), 2)));
/// assert_eq!(arabic("9999999999999999999999999"), Some((None, 25)));
/// ```
pub fn arabic(s: &str) -> Option<(Option<u64>, usize)> {
    let mut value: Option<u64> = Some(0);
    let mut len = 0;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n >= MAX_DIGITS {
            break;
        }
        let f = fold(c);
        if !f.is_ascii_digit() {
            break;
        }
        value = value.and_then(|v| v.checked_mul(10)?.checked_add(u64::from(f as u8 - b'0')));
        len = i + c.len_utf8();
    }
    (len > 0).then_some((value, len))
}

/// Reads a circled or parenthesised number character (`①`…`⑳`, `⑴`…`⒇`,
/// `⒈`…`⒛`), returning its value, its kind and its length in bytes.
pub(crate) fn enclosed(s: &str) -> Option<(u64, Enclosed, usize)> {
    let c = s.chars().next()?;
    let u = c as u32;
    let len = c.len_utf8();
    let (n, kind) = match u {
        0x2460..=0x2473 => (u - 0x2460 + 1, Enclosed::Circled),
        0x2474..=0x2487 => (u - 0x2474 + 1, Enclosed::Paren),
        0x2488..=0x249B => (u - 0x2488 + 1, Enclosed::Dotted),
        0x3251..=0x325F => (u - 0x3251 + 21, Enclosed::Circled),
        0x32B1..=0x32BF => (u - 0x32B1 + 36, Enclosed::Circled),
        0x2776..=0x277F => (u - 0x2776 + 1, Enclosed::Circled),
        _ => return None,
    };
    Some((u64::from(n), kind, len))
}

/// The shape of a single-character enclosed number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Enclosed {
    /// `①`
    Circled,
    /// `⑴`
    Paren,
    /// `⒈`
    Dotted,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let v = |s: &str| chinese(s).and_then(|x| x.0);
        assert_eq!(v("一"), Some(1));
        assert_eq!(v("十"), Some(10));
        assert_eq!(v("十一"), Some(11));
        assert_eq!(v("二十"), Some(20));
        assert_eq!(v("九十九"), Some(99));
        assert_eq!(v("一百"), Some(100));
        assert_eq!(v("一百零一"), Some(101));
        assert_eq!(v("一百一十"), Some(110));
        assert_eq!(v("〇"), Some(0));
        assert_eq!(v("两"), Some(2));
        assert_eq!(v("九千九百九十九"), Some(9999));
        assert_eq!(v("一万零五"), Some(10005));
        assert_eq!(v("二十三、"), Some(23));
        assert_eq!(chinese("万"), None);
        // Kangxi radicals from PDF extraction read as the numerals they look like.
        assert_eq!(v("⼗⼆"), Some(12));
    }

    #[test]
    fn huge_numerals_do_not_overflow() {
        let s = "九".repeat(30);
        assert!(chinese(&s).is_some());
        let s = "九亿".repeat(5);
        assert_eq!(chinese(&s).map(|x| x.1), Some(s.len()));
        assert_eq!(arabic(&"9".repeat(25)).map(|x| x.0), Some(None));
        assert_eq!(arabic(&"9".repeat(40)).map(|x| x.1), Some(32));
    }

    #[test]
    fn enclosed_numbers() {
        assert_eq!(enclosed("③"), Some((3, Enclosed::Circled, 3)));
        assert_eq!(enclosed("⑵"), Some((2, Enclosed::Paren, 3)));
        assert_eq!(enclosed("x"), None);
    }
}
