//! Step 2, items: outside brackets, separators split the phrase into
//! items; a missing comma between two names is found and split.

use crate::diag::{Code, Diagnostic, Severity};
use crate::lexicon::{self};
use crate::span::Span;

use super::names::{is_unit_like, strip_modifiers};
use super::{Item, Phrase, Sep};

impl<'s, 'b> Phrase<'s, 'b, '_> {
    /// Step 2: items split at top-level separators.
    pub(super) fn items(&self, items: &mut Vec<Item>) {
        items.clear();
        let mut start = 0;
        for (j, ch) in self.chars.iter().enumerate() {
            if ch.depth != 0 {
                continue;
            }
            // A label at the start of a line ends the item before it:
            // `牵头单位：市财政局⏎配合单位：市审计局`.
            if ch.after_space && j > start && self.label_at(j) {
                items.push(Item { start, end: j, sep: Sep::Comma });
                start = j;
            } else if ch.after_number && j > start {
                items.push(Item { start, end: j, sep: Sep::Enum });
                start = j;
            }
            let sep = match ch.c {
                '、' => Sep::Enum,
                ',' | ';' => Sep::Comma,
                '。' => Sep::Period,
                // An ASCII full stop ends a clause, unless it stands in a number.
                '.' if !self.chars.get(j + 1).is_some_and(|n| n.c.is_ascii_digit()) => Sep::Period,
                ':' => Sep::Colon,
                _ => continue,
            };
            items.push(Item { start, end: j, sep });
            start = j + 1;
        }
        items.push(Item { start, end: self.chars.len(), sep: Sep::End });
    }

    /// True when a units, leaders or deadline label and its colon start at char `j`.
    pub(super) fn label_at(&self, j: usize) -> bool {
        let end = self.chars.len().min(j + 12);
        let Some(colon) = (j..end).find(|&k| self.chars[k].c == ':') else {
            return false;
        };
        // `单位：` alone is the end of a label broken over a line (`责任⏎单位：`);
        // `配合：` is a label of its own.
        let label = self.text_of(j, colon);
        !matches!(label, "单位" | "部门" | "科室" | "处室" | "机构") && lexicon::label_kind(label).is_some()
    }

    /// Splits an item where a role word is followed by a unit with no comma
    /// between (`市府办公室牵头各县人民政府配合`).
    pub(super) fn split_missing_comma(&mut self, item: Item, out: &mut Vec<Item>) {
        let mut start = item.start;
        let mut j = item.start + 2;
        while self.opts.split_missing_comma && j + 1 < item.end {
            if self.chars[j].depth != 0 || !self.starts_unit(j, item.end) {
                j += 1;
                continue;
            }
            // Only the last few characters can hold the role word, and a name
            // longer than a unit name can be is no unit: both bound the work.
            let head = self.text_of(self.back(j, 12, start), j);
            if let Some((_, wlen)) = lexicon::role_suffix(head) {
                let name_end = self.back(j, head[head.len() - wlen..].chars().count(), start);
                let name = if name_end - start <= 40 { self.text_of(start, name_end) } else { "" };
                let name = strip_modifiers(name);
                if is_unit_like(name) {
                    let at = Span::new(self.chars[j].at, self.chars[j].at);
                    self.sink.push(|| {
                        Diagnostic::new(
                            Code::MissingComma,
                            Severity::Warning,
                            at,
                            "expected `，` between two clauses".to_string(),
                        )
                        .with_fix(at, "，")
                    });
                    out.push(Item { start, end: j, sep: Sep::Comma });
                    start = j;
                    j += 2;
                    continue;
                }
            }
            j += 1;
        }
        out.push(Item { start, ..item });
    }
}
