//! Step 3, clauses: labels and role words give each item its role, and a
//! clause that names no unit is a note.

use std::borrow::Cow;

use crate::diag::{Code, Diagnostic, Severity};
use crate::fold::is_space;
use crate::lexicon::{self, LabelKind};
use crate::model::{Piece, Role};

use super::names::is_collective;
use super::{Acc, Clause, Item, Part, Phrase, Sep};

impl<'s, 'b> Phrase<'s, 'b, '_> {
    /// Step 3: labels, clauses and roles.
    ///
    /// One loop over the items on purpose: the clause state (open label,
    /// pending roleless items, the clause's start) changes at every item.
    pub(super) fn clauses(&mut self, items: &[Item], default_role: Option<Role>, acc: &mut Acc<'s>, st: &mut Clause) {
        let mut label: Option<LabelKind> = None;
        let mut i = 0;
        // Items are expanded at missing commas into sub-items; a queue keeps them in order.
        while i < items.len() || !self.queue.is_empty() {
            let item = match self.queue.pop() {
                Some(item) => item,
                None => {
                    let it = items[i];
                    i += 1;
                    let mut queue = std::mem::take(&mut self.queue);
                    self.split_missing_comma(it, &mut queue);
                    queue.reverse();
                    self.queue = queue;
                    continue;
                }
            };
            let text = self.text_of(item.start, item.end);
            // A label: `牵头单位：`.
            if item.sep == Sep::Colon {
                if let Some(kind) = lexicon::label_kind(text) {
                    self.flush_clause(st, label, acc);
                    self.resolve_pending(&mut st.pending, label, default_role, acc);
                    acc.stats.labels += 1;
                    if st.first {
                        // Units, leaders and deadlines all belong to a task's units block.
                        acc.stats.first_is_unit = true;
                        st.first = false;
                    }
                    label = Some(kind);
                    continue;
                }
            }
            if item.start < item.end {
                st.start.get_or_insert(item.start);
                st.end = item.end;
            }
            match label {
                Some(LabelKind::Leaders) => {
                    if item.start < item.end && !self.probe {
                        let span = self.span_of(item.start, item.end);
                        let raw = span.slice(self.src);
                        let text = if raw == text { Cow::Borrowed(raw) } else { Cow::Owned(text.to_string()) };
                        acc.leaders.push(Piece { text, span });
                    }
                }
                Some(LabelKind::Deadline) => {
                    if item.start < item.end && !self.probe {
                        let raw = self.name(item.start, item.end);
                        match &mut acc.deadline {
                            Some(d) => {
                                let d = d.to_mut();
                                d.push('，');
                                d.push_str(&raw);
                            }
                            None => acc.deadline = Some(raw),
                        }
                    }
                }
                _ => {
                    let before = st.parts.len();
                    let labelled = matches!(label, Some(LabelKind::Units(_)));
                    st.is_note |= self.parts(item, &mut st.parts, acc, labelled);
                    if st.parts.len() > before {
                        if let Some(last) = st.parts.last_mut() {
                            last.enum_after = item.sep == Sep::Enum;
                        }
                    }
                }
            }
            if item.sep != Sep::Enum {
                if matches!(label, Some(LabelKind::Leaders) | Some(LabelKind::Deadline)) {
                    if st.first && st.start.is_some() {
                        st.first = false;
                    }
                    st.is_note = false;
                    st.start = None;
                } else {
                    self.flush_clause(st, label, acc);
                }
                if self.probe && !st.first && !acc.stats.first_is_unit {
                    return;
                }
                if self.stop.is_some_and(|s| acc.stats.decided(s)) {
                    return;
                }
            }
        }
        self.flush_clause(st, label, acc);
        self.resolve_pending(&mut st.pending, label, default_role, acc);
    }

    /// Ends a clause: a note when any part of it is no unit, else its parts
    /// join the pending list, and a role word settles the pending ones.
    pub(super) fn flush_clause(&mut self, st: &mut Clause, label: Option<LabelKind>, acc: &mut Acc<'s>) {
        let is_note = std::mem::take(&mut st.is_note);
        let Some(start) = st.start.take() else {
            // A clause of role words only (`按职责分工负责`) settles what is pending.
            for p in st.parts.drain(..) {
                if let Some(role) = p.role {
                    for q in st.pending.iter_mut() {
                        q.role.get_or_insert(role);
                    }
                    self.emit_pending(&mut st.pending, acc);
                }
            }
            return;
        };
        if is_note {
            let span = self.span_of(start, st.end);
            self.sink.push(|| {
                Diagnostic::new(
                    Code::UnitsNote,
                    Severity::Info,
                    span,
                    "clause names no unit; kept as a note".to_string(),
                )
            });
            if !self.probe {
                acc.notes.push(Piece { text: Cow::Borrowed(span.slice(self.src).trim_matches(is_space)), span });
            }
            acc.stats.notes += 1;
            st.parts.clear();
            st.first = false;
            return;
        }
        if st.first {
            acc.stats.first_is_unit = !st.parts.is_empty() || matches!(label, Some(LabelKind::Units(_)));
            st.first = false;
        }
        if !self.probe {
            self.merge_distributive(&mut st.parts);
        }
        // Units still waiting from the clauses before this one.
        let mut earlier = st.pending.len();
        for p in st.parts.drain(..) {
            let role = p.role;
            if p.start < p.end {
                st.pending.push(p);
            }
            if let Some(role) = role {
                // `X，Y配合` with no lead named: X is the unit Y assists
                // (not a collective, `各县（区）人民政府，Y配合`, which
                // supports with Y).
                let assisted = st.free
                    && label.is_none()
                    && role == Role::Supporting
                    && acc.lead.is_empty()
                    && earlier > 0
                    && st.pending.len() > earlier
                    && st.pending[..earlier].iter().all(|q| !is_collective(self.text_of(q.start, q.end)));
                for (k, q) in st.pending.iter_mut().enumerate() {
                    q.role.get_or_insert(if assisted && k < earlier { Role::Lead } else { role });
                }
                earlier = 0;
                self.emit_pending(&mut st.pending, acc);
            }
        }
    }

    pub(super) fn emit_pending(&mut self, pending: &mut Vec<Part>, acc: &mut Acc<'s>) {
        if self.probe {
            acc.stats.units += pending.len();
            pending.clear();
            return;
        }
        for p in pending.drain(..) {
            let role = p.role.unwrap_or(Role::Responsible);
            let unit = self.unit(&p);
            acc.stats.units += 1;
            acc.push(role, unit);
        }
    }

    pub(super) fn resolve_pending(
        &mut self,
        pending: &mut Vec<Part>,
        label: Option<LabelKind>,
        default_role: Option<Role>,
        acc: &mut Acc<'s>,
    ) {
        let role = match label {
            Some(LabelKind::Units(Some(r))) => Some(r),
            _ => default_role,
        };
        for q in pending.iter_mut() {
            q.role = q.role.or(role);
        }
        self.emit_pending(pending, acc);
    }
}
