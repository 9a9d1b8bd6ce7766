//! `fengong::parse` on any UTF-8 text: no panic, and the plan is lossless.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|text: &str| {
    let plan = fengong::parse(text);
    check::tiles(text, &plan);
});
