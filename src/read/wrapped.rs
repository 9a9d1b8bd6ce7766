//! Prose hard-wrapped at a page's width, as `pdftotext` gives a PDF's text:
//! each paragraph cut into lines of the same width, a word, a unit's name
//! or a bracket broken at the end of a line.
//!
//! The width is the one most lines reach. A line that reaches it, and does
//! not end a sentence, goes on in the next line, unless that line starts a
//! new item (`一、`, `1.`, `（一）`): the lines of a paragraph become one
//! paragraph of pieces, so that what the wrap cut (`（交通⏎运输部负责）`)
//! reads whole.

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

/// The document of `src` when it reads as hard-wrapped prose.
pub(crate) fn read(src: &str) -> Option<Document> {
    if memchr::memchr(b'\t', src.as_bytes()).is_some() {
        return None;
    }
    let width = page_width(src)?;
    let full = |l: &Span| l.slice(src).width() + SLACK >= width;
    let mut blocks = Vec::new();
    let mut para: Vec<Piece> = Vec::new();
    let mut lines = lines(src).peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            flush(&mut para, &mut blocks);
            continue;
        }
        para.push(Piece::Src(line));
        let text = line.slice(src);
        let goes_on = full(&line)
            && !text.ends_with(['。', '；', '！', '？', '：', ':', ';'])
            && lines.peek().is_some_and(|next| !next.is_empty() && !starts_item(next.slice(src)));
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
    for line in lines(src).filter(|l| !l.is_empty()).take(JUDGED_LINES) {
        let text = line.slice(src);
        let w = text.width();
        if (width.saturating_sub(SLACK)..=width).contains(&w) {
            full += 1;
            prose += usize::from(is_prose(text));
        } else if w > width + SLACK {
            past += 1;
        }
    }
    // A third of the lines end at the page's edge, hardly any run past it,
    // and they are prose: mostly Chinese, not records of short fields
    // (`12,加强监督,市审计局`) that happen to be as long as each other.
    (full * 3 >= lines_seen && past * 20 <= lines_seen && prose * 5 >= full * 4).then_some(width)
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

    #[test]
    fn wrapped_lines_join_into_paragraphs() {
        let src = page();
        let doc = read(&src).expect("wrapped prose");
        let paras: Vec<String> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para(t) => t.joined(&src, ""),
                Block::Table(_) => String::new(),
            })
            .collect();
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
}
