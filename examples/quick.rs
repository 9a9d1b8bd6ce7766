//! Prints the plan parsed from a file as JSON; a minimal use of the library.
//!
//! `cargo run --example quick -- fixtures/heyuan-2020.txt`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: quick FILE");
        std::process::exit(2);
    };
    match std::fs::read(&path).map_err(fengong::Error::from).and_then(|b| fengong::parse_bytes(&b)) {
        Ok(plan) => println!("{}", serde_json::to_string_pretty(&plan).expect("a plan always serializes")),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
