//! Tests of the words reader on small hand-written pages.

use super::*;

/// Prints the regions of a file named by `WORDS_DEBUG` (a debugging aid).
#[test]
fn debug_regions() {
    let Ok(path) = std::env::var("WORDS_DEBUG") else { return };
    let bytes = std::fs::read(path).unwrap_or_default();
    let (words, _) = xml::words(&bytes, usize::MAX);
    let lines = lines::lines(words);
    let (left, right) = edges(&lines);
    eprintln!("edges {left} {right}");
    for r in region::regions(&lines, left, right) {
        match r {
            Region::Para(k) => eprintln!(
                "P p{} {:.0}-{:.0} y{:.0} {}",
                lines[k].page,
                lines[k].x0,
                lines[k].x1,
                lines[k].y0,
                lines[k].text()
            ),
            Region::Table { start, end, spanning, gaps } => {
                eprintln!("TABLE {start}..{end} gaps {gaps:?}");
                for (k, s) in (start..end).zip(spanning) {
                    eprintln!(
                        "  {} p{} {:.0}-{:.0} y{:.0} {}",
                        if s { "S" } else { " " },
                        lines[k].page,
                        lines[k].x0,
                        lines[k].x1,
                        lines[k].y0,
                        lines[k].text()
                    );
                }
            }
        }
    }
}
