//! The units grammar, `fengong::parse_units`, on any UTF-8 phrase: no panic,
//! and every unit, note, leader and diagnostic points into the phrase.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|phrase: &str| {
    let units = fengong::parse_units(phrase);
    for (role, list) in [("lead", &units.lead), ("supporting", &units.supporting), ("responsible", &units.responsible)]
    {
        for unit in list {
            check::unit_in(phrase, unit, role);
        }
    }
    for piece in units.notes.iter().chain(&units.leaders) {
        check::span_in(phrase, piece.span, "note or leader");
    }
    for d in &units.diagnostics {
        check::span_in(phrase, d.span, d.code.as_str());
    }
});
