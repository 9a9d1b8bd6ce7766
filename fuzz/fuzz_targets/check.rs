//! The assertions the fuzz targets share: the lossless invariant and the
//! spans of units. Included by each target with `mod check;`.

#![allow(dead_code)] // each target uses a part of it

use fengong::{Plan, Span, Task, Unit};

/// Asserts that `span` lies inside `text` on character boundaries.
pub fn span_in(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what}: span {span:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what}: span {span:?} cuts a char");
}

/// Asserts that a unit's `raw` is the text at its span.
pub fn unit_in(text: &str, unit: &Unit, what: &str) {
    span_in(text, unit.span, what);
    assert_eq!(&text[unit.span.start..unit.span.end], unit.raw, "{what}: raw is not the text at its span");
}

/// The lossless invariant: the segments tile `text` exactly (contiguous,
/// non-empty, from 0 to the end, on character boundaries), and every task
/// and unit span points into it.
pub fn tiles(text: &str, plan: &Plan) {
    let mut end = 0;
    for (i, seg) in plan.segments.iter().enumerate() {
        assert_eq!(seg.span.start, end, "segment {i} ({:?}) starts after a gap or an overlap", seg.kind);
        assert!(!seg.span.is_empty(), "segment {i} ({:?}) is empty", seg.kind);
        span_in(text, seg.span, "segment");
        end = seg.span.end;
    }
    assert_eq!(end, text.len(), "segments end at {end}, the text at {}", text.len());
    fn walk(text: &str, sections: &[fengong::Section]) {
        for s in sections {
            span_in(text, s.span, "section");
            s.tasks.iter().for_each(|t| task(text, t));
            walk(text, &s.sections);
        }
    }
    fn task(text: &str, t: &Task) {
        span_in(text, t.span, "task");
        if let Some(span) = t.units_span {
            span_in(text, span, "units_span");
        }
        for (role, unit) in t.units() {
            unit_in(text, unit, role.as_str());
        }
    }
    walk(text, &plan.sections);
    for d in &plan.diagnostics {
        span_in(text, d.span, d.code.as_str());
    }
}
