//! `fengong::parse_bytes` on any bytes: no panic; an error only for bytes
//! that do not decode, naming an offset inside them; otherwise the plan is
//! lossless over the decoded text and the same as decoding, then parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|bytes: &[u8]| {
    match fengong::parse_bytes(bytes) {
        Ok(plan) => {
            let decoded = fengong::decode(bytes).expect("parse_bytes decoded these bytes");
            check::tiles(&decoded.text, &plan);
            assert_eq!(plan.encoding.as_deref(), Some(decoded.encoding));
        }
        Err(fengong::Error::Decode { offset, .. }) => {
            assert!(offset <= bytes.len(), "decode error at {offset}, past the end of {} bytes", bytes.len());
            assert!(fengong::decode(bytes).is_err());
        }
        Err(e) => panic!("parse_bytes failed with {e}, not a decode error"),
    }
});
