//! The README is documentation users read first: it must list every
//! diagnostic code the library can emit.

#[test]
fn readme_lists_every_diagnostic_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let missing: Vec<&str> =
        fengong::Code::ALL.iter().map(|c| c.as_str()).filter(|c| !readme.contains(&format!("`{c}`"))).collect();
    assert!(missing.is_empty(), "README lacks codes {missing:?}");
}
