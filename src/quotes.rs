//! Chinese curly quotes given back where a tool wrote straight ones.
//!
//! docx2txt writes a Word file's `“…”` as `"…"` and keeps every other
//! full-width mark as it was, so a plan read from its text would report
//! `推进"互联网＋海洋"建设` where the plan says `推进“互联网＋海洋”建设`.
//! A plan typed with half-width punctuation throughout (`,` `.` `(` `"`)
//! keeps its quotes as written: only a text whose commas are full-width and
//! which holds no curly double quote at all is taken for one a tool
//! flattened. The repair is made in the texts a plan reports (its title,
//! section titles, task texts); spans still point at the input as it is.

use std::borrow::Cow;

use crate::fold::is_space;
use crate::model::{Plan, Section};

/// `，` in UTF-8.
const WIDE_COMMA: &[u8] = "，".as_bytes();
/// `“` and `”` in UTF-8.
const CURLY: [&[u8]; 2] = ["“".as_bytes(), "”".as_bytes()];

/// True when `src` reads as Chinese text whose curly double quotes a tool
/// made straight: a `"` stands beside a character that is not ASCII, no `“`
/// or `”` is written anywhere, and more of its commas are `，` than `,`
/// written after a character that is not ASCII.
pub(crate) fn flattened(src: &str) -> bool {
    let b = src.as_bytes();
    let beside_wide = |i: usize| (i > 0 && b[i - 1] >= 0x80) || b.get(i + 1).is_some_and(|&c| c >= 0x80);
    if !memchr::memchr_iter(b'"', b).any(beside_wide) {
        return false;
    }
    if CURLY.iter().any(|q| memchr::memmem::find(b, q).is_some()) {
        return false;
    }
    let wide = memchr::memmem::find_iter(b, WIDE_COMMA).count();
    let narrow = memchr::memchr_iter(b',', b).filter(|&i| i > 0 && b[i - 1] >= 0x80).count();
    wide > narrow
}

/// `s` with its straight double quotes made `“` and `”` in turn, when every
/// one of them stands beside a character that is neither ASCII nor a space
/// and they pair up; otherwise `s` as it is.
pub(crate) fn curl(s: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(b'"', s.as_bytes()).is_none() {
        return s;
    }
    let chinese = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && !is_space(c));
    let mut count = 0usize;
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if !chinese(prev) && !chinese(chars.peek().copied()) {
                return s;
            }
            count += 1;
        }
        prev = Some(c);
    }
    if count % 2 == 1 {
        return s;
    }
    let mut open = false;
    let out = s
        .chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open { '“' } else { '”' }
            }
            _ => c,
        })
        .collect();
    Cow::Owned(out)
}

/// Gives back curly quotes in the texts of `plan` (title, section titles,
/// task texts) when `src`, the text it was read from, is [`flattened`].
pub(crate) fn repair(plan: &mut Plan<'_>, src: &str) {
    if !flattened(src) {
        return;
    }
    fn section(s: &mut Section<'_>) {
        s.title = curl(std::mem::take(&mut s.title));
        for t in &mut s.tasks {
            t.text = curl(std::mem::take(&mut t.text));
        }
        s.sections.iter_mut().for_each(section);
    }
    plan.title = curl(std::mem::take(&mut plan.title));
    plan.sections.iter_mut().for_each(section);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &'static str) -> String {
        curl(Cow::Borrowed(s)).into_owned()
    }

    #[test]
    fn straight_quotes_beside_chinese_curl_in_pairs() {
        assert_eq!(c(r#"开展"蓝剑""碧海"等行动"#), "开展“蓝剑”“碧海”等行动");
        assert_eq!(c(r#"依托"6·8"海洋日"#), "依托“6·8”海洋日");
        // Odd quotes, English words and quotes between spaces stay.
        assert_eq!(c(r#"开展"蓝剑行动"#), r#"开展"蓝剑行动"#);
        assert_eq!(c(r#"the "best" way"#), r#"the "best" way"#);
        assert_eq!(c(r#"市局 "a" 区局"#), r#"市局 "a" 区局"#);
        assert!(matches!(curl(Cow::Borrowed("无引号")), Cow::Borrowed(_)));
    }

    #[test]
    fn only_a_text_with_wide_commas_and_no_curly_quotes_is_flattened() {
        assert!(flattened(r#"一、推进"互联网＋海洋"建设，开发系统。"#));
        // Half-width punctuation throughout: the quotes are as written.
        assert!(!flattened(r#"全面推行"三项制度",公示率达到100%."#));
        // Curly quotes written elsewhere: the straight ones are meant.
        assert!(!flattened(r#"推进"互联网"建设，开展“蓝剑”行动。"#));
        assert!(!flattened("推进建设，开发系统。"));
        assert!(!flattened(r#"<a title="x">首页，要闻</a>"#));
    }

    #[test]
    fn a_plan_read_from_docx2txt_text_gets_its_quotes_back() {
        let src = "关于印发\"十三五\"规划工作要点的通知\n一、做大\"海洋\"品牌\n（一）加快\"美丽海岛\"建设，提升品牌。\n责任单位：旅游局牵头，农业局配合\n（二）办好\"海洋杯\"比赛。\n责任单位：体育局\n";
        let plan = crate::parse(src);
        crate::read::assert_tiles(src, &plan);
        assert_eq!(plan.title, "关于印发“十三五”规划工作要点的通知");
        let s = &plan.sections[0];
        assert_eq!(s.title, "做大“海洋”品牌");
        let texts: Vec<&str> = s.tasks.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(texts, ["加快“美丽海岛”建设，提升品牌。", "办好“海洋杯”比赛。"]);
        assert_eq!(s.tasks[0].lead[0].name, "旅游局");
        // The spans still point at the input as written.
        assert!(s.tasks[1].span.slice(src).contains("\"海洋杯\""));
    }
}
