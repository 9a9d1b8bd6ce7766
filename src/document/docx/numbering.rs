//! Word's automatic numbering: the `一、`, `（一）`, `1.` of a numbered list
//! are not in a paragraph's text but in `word/numbering.xml`, so they are
//! rendered here from the list definitions, as Word draws them.
//!
//! A paragraph is numbered by its `w:numPr` (list `w:numId`, level
//! `w:ilvl`) or by its style's (`word/styles.xml`, through `w:basedOn`). A
//! list (`w:num`) points to an abstract definition (`w:abstractNum`) whose
//! levels (`w:lvl`) give the start value, the format (`w:numFmt`) and the
//! label's pattern (`w:lvlText`, such as `%1、` or `（%1）`); a list may
//! override a level's start (`w:lvlOverride`/`w:startOverride`). Counters
//! run per abstract definition (lists that share one continue each other)
//! or, for a list that overrides a start, per list; a level advancing
//! restarts the levels below it.

use std::collections::HashMap;

use crate::error::Error;

use super::xml::{Ev, Xml, attr, local, num, on};

/// Levels a list has.
const LEVELS: usize = 9;
/// The largest start value taken (a larger one is clamped).
const MAX_START: u32 = 1_000_000;
/// The longest chain of styles followed through `w:basedOn`.
const MAX_BASED_ON: usize = 16;

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    start: Option<u32>,
    format: Option<String>,
    text: Option<String>,
    /// `w:lvlRestart`: 0 when the level never restarts.
    restart: Option<u32>,
    /// `w:isLgl`: the levels' numbers in this label are decimal.
    legal: bool,
    /// The paragraph style tied to this level.
    style: Option<String>,
}

/// An abstract list definition.
#[derive(Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the definition is the one of this numbering style.
    style_link: Option<String>,
}

/// A list (`w:num`): its definition and its overrides.
#[derive(Debug, Default)]
struct List {
    abstract_id: Option<u32>,
    starts: [Option<u32>; LEVELS],
    levels: [Option<Level>; LEVELS],
}

impl List {
    fn overrides(&self) -> bool {
        self.starts.iter().any(Option::is_some) || self.levels.iter().flatten().any(|l| l.start.is_some())
    }
}

/// A paragraph style's numbering and parent.
#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

/// Where a counter runs: an abstract definition or a list of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    Abstract(u32),
    List(u32),
}

/// The list definitions of a Word file and the counters of its lists as
/// its paragraphs are read in order.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    lists: HashMap<u32, List>,
    styles: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none.
    default_style: Option<String>,
    counters: HashMap<Key, [Option<u32>; LEVELS]>,
}

/// What a level is read into while `numbering.xml` is walked.
enum Into {
    Abstract(u32),
    List(u32),
}

impl Numbering {
    /// The definitions of `numbering.xml` and `styles.xml` (either may be
    /// missing).
    pub(super) fn new(numbering: Option<&[u8]>, styles: Option<&[u8]>) -> Result<Numbering, Error> {
        let mut n = Numbering::default();
        if let Some(b) = numbering {
            n.read_numbering(b)?;
        }
        if let Some(b) = styles {
            n.read_styles(b)?;
        }
        Ok(n)
    }

    /// Reads the abstract definitions and lists of `numbering.xml`.
    fn read_numbering(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let mut x = Xml::new(bytes);
        let mut into: Option<Into> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let (e, open) = match x.next()? {
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End(e) => {
                    match local(e.name().as_ref()) {
                        b"lvl" => self.store(&into, level.take()),
                        b"abstractNum" | b"num" => into = None,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ev::Text(_) => continue,
                Ev::Eof => return Ok(()),
            };
            match local(e.name().as_ref()) {
                b"abstractNum" if open => {
                    into = num(&e, b"abstractNumId").map(Into::Abstract);
                    if let Some(Into::Abstract(id)) = into {
                        self.abstracts.insert(id, Abstract::default());
                    }
                }
                b"num" if open => {
                    into = num(&e, b"numId").map(Into::List);
                    if let Some(Into::List(id)) = into {
                        self.lists.insert(id, List::default());
                    }
                }
                b"abstractNumId" => {
                    if let (Some(Into::List(id)), Some(a)) = (&into, num(&e, b"val")) {
                        self.lists.entry(*id).or_default().abstract_id = Some(a);
                    }
                }
                b"lvlOverride" => override_level = num(&e, b"ilvl").map(|l| l as usize).filter(|&l| l < LEVELS),
                b"startOverride" => {
                    if let (Some(Into::List(id)), Some(l), Some(v)) = (&into, override_level, num(&e, b"val")) {
                        self.lists.entry(*id).or_default().starts[l] = Some(v.min(MAX_START));
                    }
                }
                b"numStyleLink" => {
                    if let Some(Into::Abstract(id)) = &into {
                        self.abstracts.entry(*id).or_default().style_link = attr(&e, b"val");
                    }
                }
                b"lvl" if open => {
                    let ilvl = num(&e, b"ilvl").map(|l| l as usize).or(override_level).unwrap_or(0);
                    level = (ilvl < LEVELS).then(|| (ilvl, Level::default()));
                }
                name => {
                    if let Some((_, l)) = level.as_mut() {
                        read_level(l, name, &e);
                    }
                }
            }
        }
    }

    /// Stores a level read into its definition or list.
    fn store(&mut self, into: &Option<Into>, level: Option<(usize, Level)>) {
        let Some((k, level)) = level else { return };
        match into {
            Some(Into::Abstract(id)) => self.abstracts.entry(*id).or_default().levels[k] = Some(level),
            Some(Into::List(id)) => self.lists.entry(*id).or_default().levels[k] = Some(level),
            None => {}
        }
    }

    /// Reads the numbering and parent of each paragraph style of
    /// `styles.xml`.
    fn read_styles(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let mut x = Xml::new(bytes);
        let mut current: Option<(String, Style)> = None;
        loop {
            let e = match x.next()? {
                Ev::Start(e) | Ev::Empty(e) => e,
                Ev::End(e) => {
                    if local(e.name().as_ref()) == b"style"
                        && let Some((id, s)) = current.take()
                    {
                        self.styles.insert(id, s);
                    }
                    continue;
                }
                Ev::Text(_) => continue,
                Ev::Eof => return Ok(()),
            };
            match local(e.name().as_ref()) {
                b"style" => {
                    let paragraph = attr(&e, b"type").is_none_or(|t| t == "paragraph" || t == "numbering");
                    current = attr(&e, b"styleId").filter(|_| paragraph).map(|id| (id, Style::default()));
                    if let Some((id, _)) = &current
                        && attr(&e, b"default").is_some_and(|d| d == "1" || d == "true")
                        && attr(&e, b"type").as_deref() == Some("paragraph")
                    {
                        self.default_style = Some(id.clone());
                    }
                }
                b"basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, b"val");
                    }
                }
                b"numId" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.num_id = num(&e, b"val");
                    }
                }
                b"ilvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.ilvl = num(&e, b"val");
                    }
                }
                _ => {}
            }
        }
    }

    /// The list and level a paragraph of style `style` with its own
    /// `num_id`/`ilvl` (each `None` when it names none) is numbered in.
    fn resolve(&self, style: Option<&str>, num_id: Option<u32>, ilvl: Option<u32>) -> Option<(u32, usize)> {
        let style = style.or(self.default_style.as_deref());
        let mut from_style = None;
        let mut style_ilvl = None;
        let mut s = style;
        for _ in 0..MAX_BASED_ON {
            let Some(st) = s.and_then(|id| self.styles.get(id)) else { break };
            from_style = from_style.or(st.num_id);
            style_ilvl = style_ilvl.or(st.ilvl);
            s = st.based_on.as_deref();
        }
        let id = num_id.or(from_style)?;
        if id == 0 {
            return None;
        }
        let mut level = ilvl.or(style_ilvl);
        if level.is_none()
            && let (Some(st), Some(a)) = (style, self.definition(id))
        {
            level =
                a.levels.iter().position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(st)).map(|k| k as u32);
        }
        let level = level.unwrap_or(0) as usize;
        (level < LEVELS).then_some((id, level))
    }

    /// The abstract definition of list `id` and its key, following one
    /// `w:numStyleLink`.
    fn abstract_of(&self, id: u32) -> Option<(u32, &Abstract)> {
        let a_id = self.lists.get(&id)?.abstract_id?;
        let a = self.abstracts.get(&a_id)?;
        if let Some(link) = &a.style_link
            && let Some(linked) = self.styles.get(link).and_then(|s| s.num_id)
            && let Some(b_id) = self.lists.get(&linked).and_then(|l| l.abstract_id)
            && let Some(b) = self.abstracts.get(&b_id)
        {
            return Some((b_id, b));
        }
        Some((a_id, a))
    }

    fn definition(&self, id: u32) -> Option<&Abstract> {
        self.abstract_of(id).map(|(_, a)| a)
    }

    /// The level `k` of list `id`: the list's own override, else its
    /// definition's.
    fn level(&self, id: u32, k: usize) -> Option<&Level> {
        let own =
            self.lists.get(&id).and_then(|l| l.levels[k].as_ref()).filter(|l| l.format.is_some() || l.text.is_some());
        own.or_else(|| self.definition(id).and_then(|a| a.levels[k].as_ref()))
    }

    /// The start value of level `k` of list `id`.
    fn start(&self, id: u32, k: usize) -> u32 {
        let list = self.lists.get(&id);
        let over = list.and_then(|l| l.starts[k].or_else(|| l.levels[k].as_ref().and_then(|l| l.start)));
        over.or_else(|| self.level(id, k).and_then(|l| l.start)).unwrap_or(0).min(MAX_START)
    }

    /// The label Word draws before the next paragraph of style `style`
    /// with its own list `num_id` and level `ilvl` (`None` when the
    /// paragraph names none), advancing the list's counters; `None` for a
    /// paragraph that is not numbered or is bulleted.
    pub(super) fn label(&mut self, style: Option<&str>, num_id: Option<u32>, ilvl: Option<u32>) -> Option<String> {
        let (id, k) = self.resolve(style, num_id, ilvl)?;
        let (a_id, _) = self.abstract_of(id)?;
        let level = self.level(id, k)?.clone();
        let key = if self.lists.get(&id).is_some_and(List::overrides) { Key::List(id) } else { Key::Abstract(a_id) };
        let starts: [u32; LEVELS] = std::array::from_fn(|d| self.start(id, d));
        let restarts: [bool; LEVELS] = std::array::from_fn(|d| self.level(id, d).is_none_or(|l| l.restart != Some(0)));
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        counters[k] = Some(counters[k].map_or(starts[k], |v| v.saturating_add(1)));
        for d in k + 1..LEVELS {
            if restarts[d] {
                counters[d] = None;
            }
        }
        let values: [u32; LEVELS] = std::array::from_fn(|d| counters[d].unwrap_or(starts[d]));
        let format = level.format.as_deref().unwrap_or("decimal");
        if format == "bullet" {
            return None;
        }
        let text = level.text.as_deref().unwrap_or("");
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=LEVELS as u32).contains(d));
            match (c, digit) {
                ('%', Some(d)) => {
                    chars.next();
                    let d = d as usize - 1;
                    let f = if level.legal {
                        "decimal".to_string()
                    } else {
                        self.level(id, d).and_then(|l| l.format.clone()).unwrap_or_else(|| "decimal".into())
                    };
                    out.push_str(&render(values[d], &f));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// Reads a property of a level (`w:start`, `w:numFmt`, `w:lvlText`, …).
fn read_level(l: &mut Level, name: &[u8], e: &quick_xml::events::BytesStart<'_>) {
    match name {
        b"start" => l.start = num(e, b"val").map(|v| v.min(MAX_START)),
        b"numFmt" => {
            // A `custom` format (Word 2010's `001, 002, …`) stands in a
            // `mc:Choice` whose `mc:Fallback` names a standard one.
            if let Some(f) = attr(e, b"val").filter(|f| f != "custom") {
                l.format = Some(f);
            }
        }
        b"lvlText" => l.text = attr(e, b"val"),
        b"lvlRestart" => l.restart = num(e, b"val"),
        b"isLgl" => l.legal = on(e),
        b"pStyle" => l.style = attr(e, b"val"),
        _ => {}
    }
}

/// `n` written in Word's number format `format`.
pub(super) fn render(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => chinese(n, &COUNTING, true),
        "chineseLegalSimplified" | "japaneseLegal" => chinese(n, &LEGAL, false),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "ideographDigital" | "taiwaneseDigital" => n.to_string().chars().map(|c| digit(c, &COUNTING.digits)).collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => enclosed(n, 0x2460),
        "decimalEnclosedParen" => enclosed(n, 0x2474),
        "decimalEnclosedFullstop" => enclosed(n, 0x2488),
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10)).collect()
        }
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// The digits and units of a way of writing numbers in Chinese.
struct Numerals {
    digits: [char; 10],
    /// 十, 百, 千.
    units: [char; 3],
    /// 万.
    wan: char,
    /// The 零 written for a run of zeros inside a number.
    zero: char,
}

/// Chinese counting numerals (一百零一).
const COUNTING: Numerals = Numerals {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    units: ['十', '百', '千'],
    wan: '万',
    zero: '零',
};
/// Chinese financial numerals (壹佰零壹).
const LEGAL: Numerals = Numerals {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    units: ['拾', '佰', '仟'],
    wan: '万',
    zero: '零',
};

/// The numeral of an ASCII digit `c`.
fn digit(c: char, digits: &[char; 10]) -> char {
    c.to_digit(10).map_or(c, |d| digits[d as usize])
}

/// `n` in Chinese numerals (十一, 一百零一, 一万零二十); `short` writes
/// 10 to 19 without the leading 一 (十, 十一), as `chineseCounting` does.
fn chinese(n: u32, num: &Numerals, short: bool) -> String {
    if n == 0 {
        return num.digits[0].to_string();
    }
    if n >= 100_000_000 {
        return n.to_string();
    }
    let (high, low) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if high > 0 {
        out.push_str(&below_wan(high, num));
        out.push(num.wan);
        if low > 0 && low < 1000 {
            out.push(num.zero);
        }
    }
    if low > 0 {
        out.push_str(&below_wan(low, num));
    }
    if short && (10..20).contains(&n) {
        out = out.chars().skip(1).collect();
    }
    out
}

/// `n` (1 to 9,999) in Chinese numerals, a 零 for each run of zeros
/// between digits.
fn below_wan(n: u32, num: &Numerals) -> String {
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (k, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(num.zero);
            zero = false;
        }
        out.push(num.digits[d as usize]);
        if k < 3 {
            out.push(num.units[2 - k]);
        }
    }
    out
}

/// `n` as the `n`th of `signs`, round again past the last.
fn cycle(n: u32, signs: &str) -> String {
    let signs: Vec<char> = signs.chars().collect();
    if n == 0 {
        return "0".into();
    }
    signs[(n as usize - 1) % signs.len()].to_string()
}

/// `n` as an enclosed number from `first` (① for 1) up to 20, decimal past.
fn enclosed(n: u32, first: u32) -> String {
    match n {
        1..=20 => char::from_u32(first + n - 1).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    }
}

/// `n` as Word's letters: A to Z, then AA, BB, …
fn letters(n: u32, a: u8) -> String {
    if n == 0 || n > 26 * 50 {
        return n.to_string();
    }
    let letter = char::from(a + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, (n as usize - 1) / 26 + 1).collect()
}

/// `n` in Roman numerals (decimal past 3,999).
fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let cases = [
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (11, "chineseCounting", "十一"),
            (20, "chineseCountingThousand", "二十"),
            (101, "chineseCounting", "一百零一"),
            (110, "chineseCounting", "一百一十"),
            (1005, "chineseCounting", "一千零五"),
            (10_020, "chineseCounting", "一万零二十"),
            (3, "ideographTraditional", "丙"),
            (11, "ideographTraditional", "甲"),
            (2, "decimalEnclosedCircle", "②"),
            (21, "decimalEnclosedCircle", "21"),
            (12, "chineseLegalSimplified", "壹拾贰"),
            (3, "upperLetter", "C"),
            (28, "lowerLetter", "bb"),
            (14, "upperRoman", "XIV"),
            (9, "lowerRoman", "ix"),
            (7, "decimal", "7"),
            (7, "decimalZero", "07"),
            (7, "decimalFullWidth", "７"),
            (u32::MAX, "upperLetter", "4294967295"),
        ];
        for (n, f, want) in cases {
            assert_eq!(render(n, f), want, "{n} {f}");
        }
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    #[test]
    fn counters_run_per_list_and_restart_below() {
        let mut n = Numbering::new(Some(NUMBERING.as_bytes()), Some(STYLES.as_bytes())).unwrap();
        let mut got = Vec::new();
        let paras = [
            (Some("H1"), None, None),
            (Some("H2"), None, None),
            (None, Some(1), Some(2)),
            (None, Some(1), Some(2)),
            (Some("H2"), None, None),
            (Some("H1"), None, None),
            (Some("H2"), None, None),
            (None, Some(1), Some(2)),
            (None, Some(2), Some(2)),
            (None, Some(3), Some(0)),
            (None, Some(0), Some(0)),
            (None, Some(9), Some(0)),
        ];
        for (style, id, lvl) in paras {
            got.push(n.label(style, id, lvl).unwrap_or_default());
        }
        assert_eq!(got, ["一、", "（一）", "1.", "2.", "（二）", "二、", "（一）", "1.", "5.", "", "", ""]);
    }
}
