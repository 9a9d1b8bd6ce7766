//! Prose hard-wrapped at a page's width, as `pdftotext` gives a PDF's text:
//! each paragraph cut into lines of the same width, a word, a unit's name
//! or a bracket broken at the end of a line.
//!
//! The width is the one most lines reach. A line that reaches it, and does
//! not end a sentence, goes on in the next line, unless that line starts a
//! new item (`一、`, `1.`, `（一）`): the lines of a paragraph become one
//! paragraph of pieces, so that what the wrap cut (`（交通⏎运输部负责）`)
//! reads whole. The first line of a paragraph is indented on the page by two
//! ideographs, which `pdftotext` leaves out: it reaches the width when it
//! comes within [`INDENT`] of it (`责任单位：X牵头，各片区项⏎目建设指挥部`).
//!
//! `pdftotext` sets a run of Latin letters or digits apart from the
//! ideographs around it by spaces (`2019 年 1 月`) that take no room on the
//! page: a line is judged past the width only by what it holds without
//! them ([`print_width`]).

use unicode_width::UnicodeWidthStr;

use super::{Block, Document, Piece, Text};
use crate::model::Layout;
use crate::span::Span;

/// Fewest lines of text for a text to be judged wrapped.
const MIN_LINES: usize = 12;
/// Narrowest page width taken for a wrap, in display columns (15 ideographs).
const MIN_WIDTH: usize = 30;
/// How many of the first lines judge the text (the walk costs no more for a
/// long text than for a page or two).
const JUDGED_LINES: usize = 400;
/// How far short of the width a wrapped line may end (a wide character or
/// punctuation that did not fit).
const SLACK: usize = 3;
/// What ends a sentence, and with it a line that does not go on.
const ENDS: [char; 7] = ['。', '；', '！', '？', '：', ':', ';'];
/// How much narrower the first line of a paragraph is: the indent of two
/// ideographs.
const INDENT: usize = 4;

/// The document of `src` when it reads as hard-wrapped prose.
pub(crate) fn read(src: &str) -> Option<Document> {
    if memchr::memchr(b'\t', src.as_bytes()).is_some() {
        return None;
    }
    let width = page_width(src)?;
    // The first line of a paragraph stands in by its indent.
    let full = |l: &Span, first: bool| l.slice(src).width() + SLACK + if first { INDENT } else { 0 } >= width;
    let mut blocks = Vec::new();
    let mut para: Vec<Piece> = Vec::new();
    let mut lines = lines(src).peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            flush(&mut para, &mut blocks);
            continue;
        }
        let first = para.is_empty();
        para.push(Piece::Src(line));
        let text = line.slice(src);
        // A line that starts like an item (`二、三级渔港`) goes on the line
        // before when that one broke off inside a phrase and this one, at
        // the page's full width, is no indented first line.
        let goes_on = full(&line, first)
            && !text.ends_with(ENDS)
            && lines.peek().is_some_and(|next| {
                !next.is_empty() && (!starts_item(next.slice(src)) || breaks_off(text) && full(next, false))
            });
        if !goes_on {
            flush(&mut para, &mut blocks);
        }
    }
    flush(&mut para, &mut blocks);
    Some(Document { blocks, layout: Layout::Unknown })
}

/// Each line's trimmed span, a form feed (a page break) at its start left
/// out; an empty span for a blank line.
fn lines(src: &str) -> impl Iterator<Item = Span> + '_ {
    let mut at = 0;
    src.split_inclusive('\n').map(move |line| {
        let body = line.trim_end_matches(['\n', '\r']).trim_end();
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim_start();
        let skip = trimmed.len() - trimmed.trim_start_matches('\u{c}').trim_start().len();
        let start = at + lead + skip;
        let span = Span::new(start, (at + lead + trimmed.len()).max(start));
        at += line.len();
        span
    })
}

/// The width most long lines reach, when enough lines reach it for the
/// text to be wrapped prose; none otherwise. Two walks over the first
/// [`JUDGED_LINES`] lines of text, and room only for the distinct widths.
fn page_width(src: &str) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    let mut lines_seen = 0usize;
    for line in lines(src).filter(|l| !l.is_empty()).take(JUDGED_LINES) {
        lines_seen += 1;
        let w = line.slice(src).width();
        if w >= MIN_WIDTH {
            *counts.entry(w).or_insert(0usize) += 1;
        }
    }
    if lines_seen < MIN_LINES {
        return None;
    }
    let (&width, _) = counts.iter().max_by_key(|(w, n)| (**n, **w))?;
    let (mut full, mut prose, mut past) = (0usize, 0usize, 0usize);
    // Whether the line before ended a paragraph (or there was none).
    let mut after_end = true;
    for line in lines(src).filter(|l| !l.is_empty()).take(JUDGED_LINES) {
        let text = line.slice(src);
        let w = text.width();
        // A first line whose indent the text left out (not kept as
        // ideographic spaces) reaches the width less the indent.
        let indent_dropped = after_end && !src[..line.start].ends_with('\u{3000}');
        let short_by = SLACK + if indent_dropped { INDENT } else { 0 };
        if (width.saturating_sub(short_by)..=width).contains(&w) {
            full += 1;
            prose += usize::from(is_prose(text));
        } else if print_width(text) > width + SLACK {
            past += 1;
        }
        after_end = w + SLACK < width || text.ends_with(ENDS);
    }
    // A third of the lines end at the page's edge, hardly any run past it,
    // and they are prose: mostly Chinese, not records of short fields
    // (`12,加强监督,市审计局`) that happen to be as long as each other.
    (full * 3 >= lines_seen && past * 20 <= lines_seen && prose * 5 >= full * 4).then_some(width)
}

/// The display width of `line` without the spaces that set a run of ASCII
/// apart from the ideographs beside it (`年 1 月`): what the line takes on
/// the page, more nearly than its width as text.
fn print_width(line: &str) -> usize {
    let mut width = 0;
    let mut prev: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let beside_wide = |o: Option<char>| o.is_some_and(|o| !o.is_ascii());
        if !(c == ' ' && (beside_wide(prev) || beside_wide(chars.peek().copied()))) {
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        prev = Some(c);
    }
    width
}

/// True for a line of running text: four in five of its characters are not
/// ASCII.
fn is_prose(line: &str) -> bool {
    let (all, ascii) = line.chars().fold((0, 0), |(a, b), c| (a + 1, b + usize::from(c.is_ascii())));
    ascii * 5 <= all
}

/// True when a line starts an item of its own: a section or task marker.
fn starts_item(line: &str) -> bool {
    crate::marker::recognise(line).is_some()
}

/// True when a line breaks off inside a phrase: it ends in a letter or an
/// ideograph, or in a comma (not in a closing bracket or quote, which may
/// end an item).
fn breaks_off(line: &str) -> bool {
    line.chars().next_back().is_some_and(|c| c.is_alphanumeric() || matches!(c, '、' | '，' | ','))
}

/// Ends the paragraph being read.
fn flush(para: &mut Vec<Piece>, blocks: &mut Vec<Block>) {
    if !para.is_empty() {
        blocks.push(Block::Para(Text { paras: vec![std::mem::take(para)] }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items of three lines: two at the page's width (40 ideographs), the
    /// second broken inside a unit's name, then the rest of the units.
    fn page() -> String {
        let filler: Vec<char> =
            "对深化商事制度改革成效显著落实事中事后监管等相关政策措施社会反映好的市县优先纳入深化".chars().collect();
        let take = |n: usize| filler.iter().cycle().take(n).collect::<String>();
        let mut s = String::from("某部关于进一步加大激励支持力度的通知\n");
        for n in ["一", "二", "三", "四", "五", "六"] {
            s.push_str(&format!("{n}、{}\n", take(38)));
            s.push_str(&format!("{}。（交通\n", take(36)));
            s.push_str("运输部、财政部负责）\n");
        }
        s
    }

    /// The paragraphs the reader makes of `src`, each joined.
    fn paras_of(src: &str) -> Vec<String> {
        let doc = read(src).expect("wrapped prose");
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Para(t) => t.joined(src, ""),
                Block::Table(_) => String::new(),
            })
            .collect()
    }

    #[test]
    fn wrapped_lines_join_into_paragraphs() {
        let src = page();
        let paras = paras_of(&src);
        assert_eq!(paras.len(), 1 + 6, "{paras:#?}");
        assert!(paras[1].starts_with("一、对深化") && paras[1].ends_with("（交通运输部、财政部负责）"), "{}", paras[1]);
        let plan = crate::parse(&src);
        let units: Vec<String> =
            plan.tasks().flat_map(|t| t.task.units().map(|(_, u)| u.name.to_string()).collect::<Vec<_>>()).collect();
        assert_eq!(units.iter().filter(|u| *u == "交通运输部").count(), 6, "{units:?}");
        crate::read::assert_tiles(&src, &plan);
    }

    #[test]
    fn short_lines_are_not_wrapped_prose() {
        let src = "一、总体要求\n1.做好公开。\n市财政局\n".repeat(10);
        assert!(read(&src).is_none());
        assert!(read("甲\t乙\n").is_none());
        let records: String = (10_000..10_040).map(|i| format!("{i},加强监督,市审计局,市财政局\n")).collect();
        assert!(read(&records).is_none(), "records of fields, not prose");
    }

    /// Paragraphs as a page with indented first lines sets them: the first
    /// line two ideographs short of the width, a line of dates whose spaces
    /// run past the width as text, a line that starts like an item
    /// (`二、三级`) but goes on the line before, and a units line indented
    /// and broken inside a name.
    fn indented_page() -> String {
        let filler: Vec<char> = "推动港口公共航道防波堤公共锚地以及集疏运通道等基础设施建设".chars().collect();
        let take = |n: usize| filler.iter().cycle().take(n).collect::<String>();
        let mut s = String::from("关于印发全区海洋经济工作要点的通知\n");
        for n in ["一", "二", "三", "四", "五", "六"] {
            s.push_str(&format!("（{n}）{}\n", take(35)));
            s.push_str(&format!("{} 2019 年 1 月 1 日\n", take(34)));
            s.push_str(&format!("{}\n", take(40)));
            s.push_str(&format!("二、三级{}\n", take(36)));
            s.push_str(&format!("{}。\n", take(10)));
            s.push_str("责任单位：市交通运输局牵头，市财政局、市审计局、市统计局、市商务局、市民政\n");
            s.push_str("局配合\n");
        }
        s
    }

    #[test]
    fn indented_first_lines_and_spaced_dates_still_join() {
        let src = indented_page();
        let paras = paras_of(&src);
        assert_eq!(paras.len(), 1 + 6 * 2, "{paras:#?}");
        assert!(
            paras[1].starts_with("（一）") && paras[1].contains("1 日") && paras[1].ends_with("。"),
            "{}",
            paras[1]
        );
        assert!(paras[1].contains("二、三级"), "{}", paras[1]);
        assert!(paras[2].ends_with("市民政局配合"), "{}", paras[2]);
        let plan = crate::parse(&src);
        let tasks: Vec<_> = plan.tasks().collect();
        assert_eq!(tasks.len(), 6);
        let supporting: Vec<&str> = tasks[5].task.supporting.iter().map(|u| u.name.as_ref()).collect();
        assert!(supporting.contains(&"市民政局"), "{supporting:?}");
        crate::read::assert_tiles(&src, &plan);
    }

    #[test]
    fn print_width_leaves_out_the_spaces_around_ascii() {
        assert_eq!(print_width("至 12 月 31 日"), "至12月31日".width());
        assert_eq!(print_width("IPV6 地址 a b"), "IPV6地址a b".width());
    }

    /// Items of four lines: a heading, a first line short of the width by
    /// its indent, a full line and a last line. Only with the first lines
    /// counted do a third of the lines reach the width; an indent kept as
    /// ideographic spaces is measured as it stands.
    #[test]
    fn first_lines_count_as_full_only_when_their_indent_was_left_out() {
        let filler: Vec<char> = "推动港口公共航道防波堤公共锚地以及集疏运通道等基础设施建设".chars().collect();
        let take = |n: usize| filler.iter().cycle().take(n).collect::<String>();
        let page = |indent: &str| {
            let mut s = String::new();
            for n in ["一", "二", "三", "四", "五", "六"] {
                s.push_str(&format!("{n}、港口建设\n{indent}{}\n{}\n{}。\n", take(38), take(40), take(9)));
            }
            s
        };
        let dropped = page("");
        let doc = read(&dropped).expect("first lines reach the width less the indent");
        assert_eq!(doc.blocks.len(), 6 * 2);
        assert!(read(&page("\u{3000}\u{3000}")).is_none(), "an indent kept in the text is no indent left out");
    }
}
