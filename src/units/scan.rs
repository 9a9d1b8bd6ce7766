//! Step 1, brackets: one scan pairs the brackets of a phrase, records the
//! repairs of stray and unclosed ones, and keeps the compact view the
//! later steps read.

use std::sync::OnceLock;

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::{fold, is_space};
use crate::lexicon::{self};
use crate::options::Options;
use crate::span::Span;

use super::{CLOSE_WINDOW, Ch, Edit, MAX_BRACKET_REPORTS, Scratch, Sink, role_word_at};

pub(super) fn closer_for(open: char) -> char {
    match open {
        '（' => '）',
        '(' => ')',
        '〔' => '〕',
        '【' => '】',
        '[' => ']',
        '［' => '］',
        _ => '）',
    }
}

pub(super) fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '〔' | '【' | '[' | '［' | '｛' | '{')
}

pub(super) fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '〕' | '】' | ']' | '］' | '｝' | '}')
}

pub(super) fn is_quote_open(c: char) -> bool {
    matches!(c, '“' | '《' | '「' | '『' | '〈')
}

pub(super) fn is_quote_close(c: char) -> bool {
    matches!(c, '”' | '》' | '」' | '』' | '〉')
}

/// True when the last character kept is a separator or a colon.
pub(super) fn last_sep(chars: &[Ch]) -> bool {
    chars.last().is_some_and(|c| matches!(c.c, '、' | ',' | ';' | ':' | '。'))
}

/// Bytes of a list number at the start of `s` (`1.`, `2、`, `3)`) when a
/// name follows it, not a digit.
pub(super) fn enumerator(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let mark = s[digits..].chars().next()?;
    if !matches!(fold(mark), '.' | '、' | ')') {
        return None;
    }
    let after = digits + mark.len_utf8();
    let next = s[after..].chars().next()?;
    (!fold(next).is_ascii_digit()).then_some(after)
}

/// Bytes of an HTML line break at the start of `s`: `<br>`, `<br/>`, `<BR />`.
pub(super) fn html_break(s: &str) -> Option<usize> {
    let head = s.get(..3)?;
    if !head.eq_ignore_ascii_case("<br") {
        return None;
    }
    let close = s[3..].char_indices().take(4).find(|(_, c)| *c == '>')?.0;
    s[3..3 + close].chars().all(|c| c == '/' || c == ' ').then_some(3 + close + 1)
}

pub(super) fn is_half(c: char) -> bool {
    matches!(c, '(' | ')')
}

pub(super) fn full_of(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        _ => c,
    }
}

/// Step 1 and the compact view: pairs brackets, records repairs, and keeps
/// every non-space character with its depth, in `buf`.
///
/// One function on purpose: it is the single pass over the phrase's bytes,
/// a state machine (bracket stack, quotes, enumerators, `<br>`) whose
/// states every branch reads and writes; cut apart, each piece would take
/// the whole state as arguments.
pub(super) fn scan(src: &str, opts: &Options, span: Span, buf: &mut Scratch, sink: &mut Sink<'_>) {
    let Scratch { chars, folded, fpos, edits, stack, .. } = buf;
    chars.clear();
    folded.clear();
    fpos.clear();
    edits.clear();
    stack.clear();
    let text = span.slice(src);
    chars.reserve(text.len() / 3 + 4);
    fpos.reserve(text.len() / 3 + 5);
    folded.reserve(text.len());
    let mut saw_break = false;
    let mut saw_space = false;
    let mut saw_number = false;
    // Quotation marks nest like brackets for splitting (`县“双随机、一公开”
    // 联席会议`), but are never repaired.
    let mut quotes: u32 = 0;
    let mut skip_to = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if i < skip_to {
            i = skip_to;
            continue;
        }
        // Most characters are ideographs (U+4000 to U+9FFF, three bytes led
        // by `E4` to `E9`): no space, digit, bracket or quote, and their own
        // folded form. A run of them is taken in one go.
        if (0xE4..=0xE9).contains(&bytes[i]) {
            let (run, folded_at) = (i, folded.len());
            let depth = stack.len() as u32 + quotes;
            let mut first = true;
            while i + 2 < bytes.len() && (0xE4..=0xE9).contains(&bytes[i]) {
                let u = (u32::from(bytes[i]) & 0x0F) << 12
                    | (u32::from(bytes[i + 1]) & 0x3F) << 6
                    | (u32::from(bytes[i + 2]) & 0x3F);
                fpos.push((folded_at + (i - run)) as u32);
                chars.push(Ch {
                    at: span.start + i,
                    len: 3,
                    c: char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER),
                    depth,
                    after_break: first && saw_break,
                    after_space: first && saw_space,
                    after_number: first && saw_number,
                    stray: false,
                });
                first = false;
                i += 3;
            }
            folded.push_str(&text[run..i]);
            saw_break = false;
            saw_space = false;
            saw_number = false;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let start = i;
        let at = span.start + i;
        i += c.len_utf8();
        if is_space(c) {
            saw_break |= c == '\n' || c == '\r';
            saw_space = true;
            continue;
        }
        // `1.区教育局 2.区发改局`: a number before a name in a list is a break.
        if c.is_ascii_digit() && stack.is_empty() && (start == 0 || saw_space || last_sep(chars)) {
            if let Some(n) = enumerator(&text[start..]) {
                skip_to = start + n;
                saw_break = true;
                saw_space = true;
                saw_number = true;
                continue;
            }
        }
        // `<br>` from an HTML table cell is a line break.
        if c == '<' {
            if let Some(n) = html_break(&text[start..]) {
                skip_to = start + n;
                saw_break = true;
                saw_space = true;
                continue;
            }
        }
        if is_quote_close(c) {
            quotes = quotes.saturating_sub(1);
        }
        let depth = stack.len() as u32 + quotes;
        if is_quote_open(c) {
            quotes += 1;
        }
        if is_open(c) {
            stack.push((at, c, chars.len()));
        } else if is_close(c) {
            match stack.pop() {
                Some((oat, oc, _)) => {
                    if is_half(oc) != is_half(c) {
                        // `(区）`: the half-width one is the odd one out.
                        let (bad_at, bad) = if is_half(oc) { (oat, oc) } else { (at, c) };
                        let good = full_of(bad);
                        let s = Span::new(bad_at, bad_at + bad.len_utf8());
                        sink.push(|| {
                            Diagnostic::new(
                                Code::MixedBrackets,
                                Severity::Warning,
                                s,
                                format!("half-width `{bad}` paired with a full-width bracket"),
                            )
                            .with_fix(s, &good.to_string())
                        });
                        if opts.unify_brackets {
                            edits.push((bad_at, Edit::Replace(good)));
                        }
                    }
                }
                None => {
                    let s = Span::new(at, at + c.len_utf8());
                    sink.push(|| {
                        Diagnostic::new(Code::StrayBracket, Severity::Warning, s, format!("`{c}` closes no bracket"))
                            .with_fix(s, "")
                    });
                    if opts.drop_stray_brackets {
                        edits.push((at, Edit::Drop));
                    }
                }
            }
        }
        let depth_now = if is_close(c) { stack.len() as u32 + quotes } else { depth };
        let stray = is_close(c) && depth == 0;
        let f = fold(c);
        fpos.push(folded.len() as u32);
        if !stray {
            folded.push(f);
        }
        chars.push(Ch {
            at,
            len: c.len_utf8() as u8,
            c: f,
            depth: depth_now,
            after_break: saw_break,
            after_space: saw_space,
            after_number: saw_number,
            stray,
        });
        saw_break = false;
        saw_space = false;
        saw_number = false;
    }
    fpos.push(folded.len() as u32);
    if !stack.is_empty() {
        close_unclosed(src, opts, chars, stack, edits, sink);
    }
    edits.sort_by_key(|e| e.0);
}

/// Closes brackets the text never closed: before the first separator or
/// joiner after the opener, within a short window. Depths are lowered for
/// what follows the repair, so that separators there split items again.
pub(super) fn close_unclosed(
    src: &str,
    opts: &Options,
    chars: &mut [Ch],
    unclosed: &[(usize, char, usize)],
    edits: &mut Vec<(usize, Edit)>,
    sink: &mut Sink<'_>,
) {
    let mut cuts = Vec::new();
    let mut reported = 0;
    for &(open_at, open, first) in unclosed {
        let close = closer_for(open);
        let base_depth = chars[first].depth;
        // `各县（市、区人民政府`: a list of level nouns is the bracket's content.
        let mut cut = level_list_end(chars, first + 1);
        for j in first + 1..chars.len().min(first + 1 + CLOSE_WINDOW) {
            if cut.is_some() {
                break;
            }
            let c = chars[j].c;
            let sep = matches!(c, '、' | ',' | ';' | '。' | ':' | '和' | '及' | '与' | '合')
                || role_word_at(chars, j).is_some();
            // A separator right after the opener closes nothing.
            if sep && j > first + 1 && chars[j].depth == base_depth + 1 {
                cut = Some(j);
                break;
            }
            if is_open(chars[j].c) {
                break;
            }
        }
        let end_j = cut.unwrap_or(chars.len());
        let last = &chars[end_j - 1];
        let insert_at = last.at + last.len as usize;
        let at = Span::new(insert_at, insert_at);
        // A phrase with a run of unclosed brackets is one flaw many times
        // over: the first few are reported, all are repaired.
        if reported < MAX_BRACKET_REPORTS {
            reported += 1;
            sink.push(|| {
                let before = match cut {
                    Some(j) => format!(
                        " before `{}`",
                        role_word_at(chars, j).unwrap_or(&src[chars[j].at..chars[j].at + chars[j].len as usize])
                    ),
                    None => String::new(),
                };
                let msg = format!("expected `{close}` to close `{open}` at {{at}}{before}");
                let mut d =
                    Diagnostic::new(Code::UnclosedBracket, Severity::Warning, at, msg).with_fix(at, &close.to_string());
                d.related = Some(open_at);
                d
            });
        }
        if opts.close_brackets {
            edits.push((insert_at, Edit::Close(close)));
            cuts.push(end_j);
        }
    }
    if !cuts.is_empty() {
        redo_depths(chars, &mut cuts);
    }
}

/// Where a list of two or more level nouns joined by `、` starting at char
/// `j` ends (`市、区` in `（市、区人民政府`), when something else follows it.
pub(super) fn level_list_end(chars: &[Ch], mut j: usize) -> Option<usize> {
    static FIRST: OnceLock<Vec<char>> = OnceLock::new();
    let first = FIRST.get_or_init(|| first_chars(lexicon::LEVEL_NOUNS.iter().copied()));
    let mut items = 0;
    loop {
        if !first.contains(&chars.get(j)?.c) {
            return None;
        }
        let word = lexicon::LEVEL_NOUNS.iter().find(|w| {
            let n = w.chars().count();
            j + n <= chars.len() && w.chars().zip(&chars[j..j + n]).all(|(a, b)| a == b.c)
        })?;
        j += word.chars().count();
        items += 1;
        match chars.get(j).map(|c| c.c) {
            Some('、') => j += 1,
            Some(c) if items >= 2 && !is_close(c) => return Some(j),
            _ => return None,
        }
    }
}

/// The characters `words` start with, each once: a word table is compared
/// at a character only when one of its words can start there.
pub(super) fn first_chars(words: impl Iterator<Item = &'static str>) -> Vec<char> {
    let mut first: Vec<char> = words.filter_map(|w| w.chars().next()).collect();
    first.sort_unstable();
    first.dedup();
    first
}

/// Recomputes bracket depths in one pass once repairs have closed brackets
/// before the chars at `cuts`.
pub(super) fn redo_depths(chars: &mut [Ch], cuts: &mut [usize]) {
    cuts.sort_unstable();
    let mut k = 0;
    let mut depth: u32 = 0;
    for (j, ch) in chars.iter_mut().enumerate() {
        while k < cuts.len() && cuts[k] == j {
            depth = depth.saturating_sub(1);
            k += 1;
        }
        if is_quote_close(ch.c) {
            depth = depth.saturating_sub(1);
            ch.depth = depth;
        } else if is_open(ch.c) || is_quote_open(ch.c) {
            ch.depth = depth;
            depth += 1;
        } else if is_close(ch.c) {
            depth = depth.saturating_sub(1);
            ch.depth = depth;
        } else {
            ch.depth = depth;
        }
    }
}
