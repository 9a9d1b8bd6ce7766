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
                for (k, &s) in (start..end).zip(&spanning) {
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
                let g = table::grid(&lines[start..end], &spanning, &gaps);
                for (r, row) in g.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|s| match s {
                            crate::document::Slot::Text(p) => p.join("/"),
                            crate::document::Slot::Covered(a, b) => format!("^{a},{b}"),
                        })
                        .collect();
                    eprintln!("  R{r} p{} {}", g.pages.get(r).copied().unwrap_or(0), cells.join(" | "));
                }
            }
        }
    }
}

/// A `<word>` at (x0, y0), `w` points wide, 15 high.
fn word(x0: f64, y0: f64, w: f64, text: &str) -> String {
    format!(r#"<word xMin="{x0}" yMin="{y0}" xMax="{}" yMax="{}">{text}</word>"#, x0 + w, y0 + 15.0)
}

/// A page of words.
fn page(words: &[String]) -> String {
    format!(r#"<page width="595" height="842"><flow><block><line>{}</line></block></flow></page>"#, words.concat())
}

/// A document of pages.
fn doc(pages: &[String]) -> Vec<u8> {
    format!("<?xml version=\"1.0\"?><html><body><doc>{}</doc></body></html>", pages.concat()).into_bytes()
}

/// The rows of the first table of an extract, a row's cells apart by `|`.
fn table_text(ex: &Extract) -> Vec<String> {
    let Some(crate::read::Block::Table(t)) = ex.doc.blocks.iter().find(|b| matches!(b, crate::read::Block::Table(_)))
    else {
        return Vec::new();
    };
    t.rows.iter().map(|r| r.iter().map(|c| c.text.joined(&ex.text, "/")).collect::<Vec<_>>().join("|")).collect()
}

#[test]
fn a_two_column_table_is_read_cell_by_cell() {
    let mut w = vec![word(60.0, 100.0, 60.0, "工作任务"), word(300.0, 100.0, 60.0, "责任单位")];
    for (k, y) in [130.0, 170.0, 210.0].iter().enumerate() {
        w.push(word(60.0, *y, 200.0, &format!("{}.做好公开工作。", k + 1)));
        w.push(word(300.0, *y, 60.0, "市财政局"));
    }
    let ex = read(&doc(&[page(&w)]), 1 << 20).unwrap();
    assert_eq!(
        table_text(&ex),
        ["工作任务|责任单位", "1.做好公开工作。|市财政局", "2.做好公开工作。|市财政局", "3.做好公开工作。|市财政局"]
    );
    assert!(ex.origins.iter().any(|(_, o)| o.to_string() == "page 1, table 1, row 2, column 2"));
}

/// A cell's text centred on the middle one of three rows, the rows above
/// and below empty in its column, is a cell merged over the three.
#[test]
fn a_cell_beside_the_middle_of_three_rows_covers_them() {
    let mut w = vec![
        word(60.0, 100.0, 60.0, "存在问题"),
        word(200.0, 100.0, 60.0, "整改措施"),
        word(400.0, 100.0, 60.0, "责任单位"),
    ];
    for (k, y) in [130.0, 170.0, 210.0].iter().enumerate() {
        w.push(word(200.0, *y, 150.0, &format!("措施{k}。")));
        w.push(word(400.0, *y, 60.0, "区财金局"));
    }
    w.push(word(60.0, 170.0, 100.0, "投资不足"));
    let ex = read(&doc(&[page(&w)]), 1 << 20).unwrap();
    let Some(crate::read::Block::Table(t)) = ex.doc.blocks.last() else { panic!("a table") };
    assert_eq!(t.rows[1][0].text.joined(&ex.text, "/"), "投资不足");
    assert_eq!(t.rows[2][0].from, Some((1, 0)));
    assert_eq!(t.rows[3][0].from, Some((1, 0)));
}

#[test]
fn a_table_broken_by_a_page_is_one_table_its_cut_row_joined() {
    let header = vec![word(60.0, 100.0, 60.0, "工作任务"), word(300.0, 100.0, 60.0, "责任单位")];
    let mut p1 = header.clone();
    p1.push(word(60.0, 130.0, 200.0, "1.做好公开工作。"));
    p1.push(word(300.0, 130.0, 60.0, "市财政局"));
    p1.push(word(60.0, 170.0, 220.0, "2.推进政务服务标准化规范化便利化"));
    p1.push(word(300.0, 170.0, 60.0, "市政务办"));
    let mut p2 = vec![word(60.0, 10.0, 60.0, "工作任务"), word(300.0, 10.0, 60.0, "责任单位")];
    p2.push(word(60.0, 40.0, 100.0, "建设工作。"));
    p2.push(word(60.0, 80.0, 200.0, "3.做好解读回应。"));
    p2.push(word(300.0, 80.0, 60.0, "市委宣传部"));
    let ex = read(&doc(&[page(&p1), page(&p2)]), 1 << 20).unwrap();
    let tables = ex.doc.blocks.iter().filter(|b| matches!(b, crate::read::Block::Table(_))).count();
    assert_eq!(tables, 1, "{}", ex.text);
    let rows = table_text(&ex);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[2], "2.推进政务服务标准化规范化便利化建设工作。|市政务办");
}

#[test]
fn a_paragraph_wrapped_over_lines_is_one_paragraph() {
    let w = vec![
        word(90.0, 100.0, 450.0, "一、加强组织领导，做好各项工作的"),
        word(60.0, 120.0, 480.0, "统筹协调，确保任务落实到位，按时完成"),
        word(60.0, 140.0, 100.0, "目标。"),
        word(90.0, 160.0, 450.0, "二、强化督促检查，对工作进展情况"),
        word(60.0, 180.0, 200.0, "开展督查。"),
    ];
    let ex = read(&doc(&[page(&w)]), 1 << 20).unwrap();
    assert_eq!(
        ex.text,
        "一、加强组织领导，做好各项工作的统筹协调，确保任务落实到位，按时完成目标。\n二、强化督促检查，对工作进展情况开展督查。\n"
    );
    assert_eq!(ex.origins[1].1.to_string(), "page 1, paragraph 2");
}

#[test]
fn page_numbers_are_dropped() {
    let p = |n: u32| {
        page(&[word(60.0, 100.0, 200.0, &format!("第{n}页的正文。")), word(290.0, 800.0, 20.0, &format!("- {n} -"))])
    };
    let ex = read(&doc(&[p(1), p(2)]), 1 << 20).unwrap();
    assert!(!ex.text.contains('-'), "{}", ex.text);
}

#[test]
fn hostile_inputs_give_no_panic() {
    let deep = format!("<doc>{}{}</doc>", "<a>".repeat(100_000), word(1.0, 1.0, 1.0, "字"));
    let entities = b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\
        <doc><page><word xMin=\"1\" yMin=\"1\" xMax=\"9\" yMax=\"9\">&b;&amp;&#x5B57;</word></page></doc>";
    let garbage = [
        r#"<doc><page><word xMin="NaN" yMin="1" xMax="2" yMax="3">字</word></page></doc>"#,
        r#"<doc><page><word xMin="-5" yMin="-9" xMax="-1" yMax="-2">字</word></page></doc>"#,
        r#"<doc><page><word xMin="1e308" yMin="1" xMax="inf" yMax="3">字</word></page></doc>"#,
        r#"<doc><page><word xMin="9" yMin="9" xMax="1" yMax="1">字</word><word>无坐标</word></page></doc>"#,
        "<doc><page></page></doc>",
        "<doc><page><word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">",
    ];
    assert!(read(deep.as_bytes(), 1 << 20).is_ok());
    let ex = read(entities, 1 << 20).unwrap();
    assert_eq!(ex.text, "&字\n");
    for g in garbage {
        assert!(read(g.as_bytes(), 1 << 20).is_ok(), "{g}");
    }
    assert_eq!(read(b"", 1 << 20).unwrap().text, "");
    let many: String = (0..3000).map(|k| word(f64::from(k % 50) * 10.0, f64::from(k / 50) * 20.0, 8.0, "字")).collect();
    assert!(read(format!("<doc><page>{many}</page></doc>").as_bytes(), 1 << 20).is_ok());
}

/// Rows whose text fills them to the border: the gap between two rows is
/// narrower than a third of a line, but the step from a row's last line to
/// the next row's first is longer than the cells' line pitch.
#[test]
fn rows_filled_to_the_border_split_at_the_longer_step() {
    let mut w = vec![word(60.0, 100.0, 60.0, "工作任务"), word(300.0, 100.0, 60.0, "责任单位")];
    for (k, top) in [130.0, 175.0, 220.0].iter().enumerate() {
        for (n, part) in ["做好政务", "公开各项", "工作。"].iter().enumerate() {
            let text = if n == 0 { format!("{}.{part}", k + 1) } else { (*part).to_string() };
            w.push(word(60.0, top + 14.0 * n as f64, 200.0, &text));
        }
        w.push(word(300.0, top + 14.0, 60.0, "市财政局"));
    }
    let ex = read(&doc(&[page(&w)]), 1 << 20).unwrap();
    assert_eq!(
        table_text(&ex),
        [
            "工作任务|责任单位",
            "1.做好政务公开各项工作。|市财政局",
            "2.做好政务公开各项工作。|市财政局",
            "3.做好政务公开各项工作。|市财政局"
        ]
    );
}

/// Lines well below a table's last row, whose words happen to leave its
/// column gaps empty (a signature, a date), are paragraphs after the
/// table, not rows of it.
#[test]
fn a_table_ends_at_its_last_row() {
    let mut w = vec![word(60.0, 100.0, 60.0, "工作任务"), word(300.0, 100.0, 60.0, "责任单位")];
    for (k, y) in [130.0, 170.0, 210.0].iter().enumerate() {
        w.push(word(60.0, *y, 200.0, &format!("{}.做好公开工作。", k + 1)));
        w.push(word(300.0, *y, 60.0, "市财政局"));
    }
    w.push(word(300.0, 400.0, 120.0, "市人民政府办公室"));
    w.push(word(300.0, 430.0, 90.0, "2020年3月1日"));
    let ex = read(&doc(&[page(&w)]), 1 << 20).unwrap();
    assert_eq!(table_text(&ex).len(), 4, "{:?}", table_text(&ex));
    let after = ex.doc.blocks.iter().skip_while(|b| !matches!(b, crate::read::Block::Table(_))).skip(1);
    let paras: Vec<String> = after
        .filter_map(|b| match b {
            crate::read::Block::Para(t) => Some(t.joined(&ex.text, "")),
            crate::read::Block::Table(_) => None,
        })
        .collect();
    assert_eq!(paras, ["市人民政府办公室", "2020年3月1日"]);
}

/// A header name merged over two columns covers the gap between them on
/// the table's first line; the rows below cross it, so it is a gap between
/// columns all the same.
#[test]
fn a_column_gap_under_a_merged_header_name_is_found() {
    let mut w = vec![word(60.0, 100.0, 60.0, "工作任务"), word(330.0, 100.0, 120.0, "责任单位")];
    for k in 0..12 {
        let y = 130.0 + 30.0 * f64::from(k);
        w.push(word(60.0, y, 190.0, &format!("{}.做好公开工作。", k + 1)));
        w.push(word(300.0, y, 60.0, "市财政局"));
        w.push(word(420.0, y, 60.0, "市税务局"));
    }
    let ex = read(&doc(&[page(&w)]), 1 << 20).unwrap();
    let rows = table_text(&ex);
    assert_eq!(rows.len(), 13, "{rows:?}");
    assert_eq!(rows[1], "1.做好公开工作。|市财政局|市税务局");
}

/// A cell of many lines beside two rows (units merged over both) goes on
/// down its column; the second task, which starts below the first, is a
/// row of its own.
#[test]
fn a_tall_merged_cell_does_not_hold_two_rows_together() {
    let mut w = vec![word(60.0, 100.0, 60.0, "工作任务"), word(300.0, 100.0, 60.0, "责任单位")];
    w.push(word(60.0, 130.0, 150.0, "1.做好公开。"));
    w.push(word(60.0, 175.0, 150.0, "2.做好解读。"));
    for (k, unit) in ["市财政局", "市税务局", "市审计局", "市统计局", "市商务局"].iter().enumerate()
    {
        w.push(word(300.0, 130.0 + 15.0 * k as f64, 60.0, unit));
    }
    let ex = read(&doc(&[page(&w)]), 1 << 20).unwrap();
    let rows = table_text(&ex);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[1].starts_with("1.做好公开。|"), "{rows:?}");
    assert!(rows[2].starts_with("2.做好解读。|"), "{rows:?}");
}

/// At a page break, a row is cut (and joined again) only when every column
/// with text on both sides left its sentence open: here the task column
/// ended its sentence, so the next page starts a new row.
#[test]
fn a_page_break_after_an_ended_sentence_starts_a_row() {
    let header = |y: f64| vec![word(60.0, y, 60.0, "工作任务"), word(300.0, y, 60.0, "责任单位")];
    let mut p1 = header(100.0);
    p1.push(word(60.0, 130.0, 200.0, "1.做好公开工作。"));
    p1.push(word(300.0, 130.0, 60.0, "市财政局"));
    p1.push(word(60.0, 170.0, 150.0, "2.做好解读回应。"));
    p1.push(word(300.0, 170.0, 120.0, "市政务办、市财政局、市税务"));
    let mut p2 = header(10.0);
    p2.push(word(60.0, 40.0, 150.0, "3.加强政策宣传。"));
    p2.push(word(300.0, 40.0, 60.0, "市委宣传部"));
    let ex = read(&doc(&[page(&p1), page(&p2)]), 1 << 20).unwrap();
    let rows = table_text(&ex);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[3], "3.加强政策宣传。|市委宣传部");
}
