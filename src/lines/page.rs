//! Page furniture that is no part of a plan: page numbers and footers, and a
//! web site's footer lines.

/// True for a line of a web site's footer, kept in a saved page's text
/// after the plan: `网站标识码`, an ICP or 公网安备 number, `版权所有`,
/// `Copyright`, or `主办：…承办：…` (the site's owner and its maker, which
/// no plan writes on one line).
pub(crate) fn is_site_footer(s: &str) -> bool {
    const MARKS: [&str; 6] = ["网站标识码", "ICP备", "公网安备", "版权所有", "Copyright", "©"];
    let b = s.as_bytes();
    if b.len() > 400 {
        return false;
    }
    let has = |w: &str| memchr::memmem::find(b, w.as_bytes()).is_some();
    MARKS.iter().any(|w| has(w)) || ((has("主办：") || has("主办:")) && (has("承办：") || has("承办:")))
}

/// Page numbers and footers: `— 3 —`, `-3-`, `第3页 共9页`, `3/9`.
pub(crate) fn is_page_number(s: &str) -> bool {
    // A digit: ASCII, or full-width (EF BC 90 to EF BC 99).
    let b = s.as_bytes();
    let digit = |i: usize| {
        b[i].is_ascii_digit()
            || (b[i] == 0xEF && b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|x| (0x90..=0x99).contains(x)))
    };
    if s.len() > 48 || !(0..b.len()).any(digit) {
        return false;
    }
    // Its compact form (folded, no spaces) is at most 12 characters: digits,
    // and the rest kept here, without building a string.
    let mut rest = ['\0'; 12];
    let (mut n, mut digits) = (0, 0);
    for ch in crate::fold::compact_chars(s) {
        if n == 12 {
            return false;
        }
        n += 1;
        if ch.is_ascii_digit() {
            digits += 1;
        } else {
            rest[n - 1 - digits] = ch;
        }
    }
    if digits == 0 {
        return false;
    }
    let rest = &rest[..n - digits];
    let dashes = rest.iter().all(|ch| matches!(ch, '-' | '—' | '–' | '－' | '─' | '_'));
    (dashes && rest.len() >= 2)
        || [&['第', '页'][..], &['第', '页', '共', '页'], &['/'], &['页'], &['共', '页', '第', '页']].contains(&rest)
}
