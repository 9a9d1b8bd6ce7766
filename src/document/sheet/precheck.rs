//! The size of a workbook that calamine builds whole when it opens it,
//! checked from the file's own records before calamine sees it.
//!
//! An `.xls` sheet reserves the rows × columns its `DIMENSIONS` record
//! claims and fills the box around its cells; its compound file reserves
//! what its header claims. A read of the compound file's directory and of
//! the workbook stream's records (no cell is decoded) finds those numbers
//! first, and a file past [`MAX_SLOTS`] slots is refused. An `.ods` sheet
//! repeats rows and cells as many times as its attributes say: the
//! repeats are added up from `content.xml` the same way.

use calamine::Dimensions;
use quick_xml::events::Event;

use super::{MAX_CELLS, MAX_SHEETS, MAX_SLOTS};
use crate::DocumentKind;
use crate::document::archive::{Archive, malformed};
use crate::error::Error;

/// Entries the compound file's header may make calamine reserve.
const MAX_RESERVE: u64 = 1 << 24;

/// Checks an `.xls` file's header, its workbook's sheets' claimed sizes
/// and the box around each sheet's cells.
pub(crate) fn xls(bytes: &[u8]) -> Result<(), Error> {
    let bad = |why: &str| malformed(DocumentKind::Xls, why.to_string());
    let stream = Cfb::open(bytes).and_then(|c| c.workbook()).ok_or_else(|| bad("not a readable compound file"))?;
    let mut positions = Vec::new();
    for (typ, data) in Records(&stream) {
        match typ {
            0x0085 if data.len() >= 4 => positions.push(u32_at(data, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    positions.sort_unstable();
    positions.dedup();
    if positions.len() > MAX_SHEETS {
        return Err(bad("more sheets than read"));
    }
    for pos in positions {
        let Some(sheet) = stream.get(pos..) else { continue };
        sheet_box(sheet).map_err(|why| bad(&why))?;
    }
    Ok(())
}

/// Checks one sheet's records up to its end: its claimed dimensions and
/// the box around its cells, as calamine will build them.
fn sheet_box(sheet: &[u8]) -> Result<(), String> {
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    let mut cells: usize = 0;
    for (typ, d) in Records(sheet) {
        let at = |k: usize| u32::from(u16_at(d, k));
        let (row, first, last) = match typ {
            0x000A => break,
            0x0200 => {
                check_dimensions(d)?;
                continue;
            }
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 if d.len() >= 4 => (at(0), at(2), at(2)),
            0x00BD if d.len() >= 6 => (at(0), at(2), at(d.len() - 2)),
            _ => continue,
        };
        cells += (last.saturating_sub(first) as usize) + 1;
        (r0, r1, c0, c1) = (r0.min(row), r1.max(row), c0.min(first), c1.max(last.max(first)));
        if cells > MAX_CELLS {
            return Err(format!("a sheet holds more than {MAX_CELLS} cells"));
        }
        let slots = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
        if slots > MAX_SLOTS {
            return Err(format!("a sheet's cells span more than {MAX_SLOTS} slots"));
        }
    }
    Ok(())
}

/// Checks a `DIMENSIONS` record as calamine reads it (the rows × columns
/// it reserves).
pub(super) fn check_dimensions(d: &[u8]) -> Result<(), String> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (u32::from(u16_at(d, 0)), u32::from(u16_at(d, 2)), u32::from(u16_at(d, 4)), u32::from(u16_at(d, 6))),
        14 => (u32_at(d, 0), u32_at(d, 4), u32::from(u16_at(d, 8)), u32::from(u16_at(d, 10))),
        _ => return Ok(()),
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (end_r, end_c) = if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
    if end_r < rf || end_c < cf {
        return Err("a sheet's dimensions end before they start".into());
    }
    if u64::from(end_r - rf + 1) * u64::from(end_c - cf + 1) > MAX_SLOTS {
        return Err(format!("a sheet claims more than {MAX_SLOTS} cells"));
    }
    Ok(())
}

/// The records of a BIFF stream: type and data, up to the first that runs
/// past the end.
struct Records<'a>(&'a [u8]);

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<(u16, &'a [u8])> {
        let typ = u16_at(self.0.get(..4)?, 0);
        let len = usize::from(u16_at(self.0, 2));
        let data = self.0.get(4..4 + len)?;
        self.0 = &self.0[4 + len..];
        Some((typ, data))
    }
}

/// The little-endian `u16` at `k` (0 past the end).
fn u16_at(b: &[u8], k: usize) -> u16 {
    b.get(k..k + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

/// The little-endian `u32` at `k` (0 past the end).
fn u32_at(b: &[u8], k: usize) -> u32 {
    b.get(k..k + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A compound file's sectors and allocation table, read within the file.
struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
}

/// The last sector numbers that are not sectors.
const MAX_SECTOR: u32 = 0xFFFF_FFFA;

impl<'a> Cfb<'a> {
    /// Reads the header and the allocation table, `None` when they are
    /// not sound or claim more than the file holds.
    fn open(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        let head = bytes.get(..512)?;
        let shift = u32::from(u16_at(head, 0x1E));
        if !(7..=16).contains(&shift) {
            return None;
        }
        let sectors = (bytes.len() >> shift) as u64 + 1;
        // What calamine reserves from the header: the FAT's length, and
        // the DIFAT's as it reads it (bytes 62 to 66).
        if u64::from(u32_at(head, 0x2C)) > sectors || u64::from(u32_at(head, 62)) > MAX_RESERVE {
            return None;
        }
        let mut cfb = Cfb { bytes, shift, fat: Vec::new() };
        let mut fat_sectors: Vec<u32> = (0..109).map(|k| u32_at(head, 0x4C + 4 * k)).collect();
        let mut next = u32_at(head, 0x44);
        let mut guard = 0u64;
        while next < MAX_SECTOR && guard <= sectors {
            let s = cfb.sector(next)?;
            let n = s.len() / 4;
            fat_sectors.extend((0..n - 1).map(|k| u32_at(s, 4 * k)));
            next = u32_at(s, 4 * (n - 1));
            guard += 1;
        }
        for id in fat_sectors.into_iter().filter(|&id| id < MAX_SECTOR) {
            let s = cfb.sector(id)?;
            let entries: Vec<u32> = (0..s.len() / 4).map(|k| u32_at(s, 4 * k)).collect();
            cfb.fat.extend(entries);
            if cfb.fat.len() as u64 > sectors * 1024 {
                return None;
            }
        }
        Some(cfb)
    }

    /// The bytes of sector `id`, `None` past the file.
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The bytes of the chain of sectors from `start` (a cycle ends it).
    fn chain(&self, start: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id < MAX_SECTOR && steps <= self.fat.len() && out.len() < self.bytes.len() {
            let Some(s) = self.sector(id) else { break };
            out.extend_from_slice(s);
            id = self.fat.get(id as usize).copied().unwrap_or(u32::MAX);
            steps += 1;
        }
        out
    }

    /// The workbook stream (`Workbook` or `Book`), `None` when there is
    /// none. A small stream lives in the mini stream, read the same way.
    fn workbook(&self) -> Option<Vec<u8>> {
        let head = &self.bytes[..512];
        let dir = self.chain(u32_at(head, 0x30));
        let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
        let name = |e: &[u8]| -> String {
            let len = usize::from(u16_at(e, 0x40)).min(64) / 2;
            let units: Vec<u16> = (0..len).map(|k| u16_at(e, 2 * k)).take_while(|&u| u != 0).collect();
            String::from_utf16_lossy(&units).to_ascii_lowercase()
        };
        let entry = entries.iter().find(|e| e[0x42] == 2 && matches!(name(e).as_str(), "workbook" | "book"))?;
        let (start, size) = (u32_at(entry, 0x74), u32_at(entry, 0x78) as usize);
        let mut data = if (size as u64) < u64::from(u32_at(head, 0x38)) {
            let root = entries.first()?;
            let mini = self.chain(u32_at(root, 0x74));
            let minifat = self.chain(u32_at(head, 0x3C));
            let mut out = Vec::new();
            let (mut id, mut steps) = (start, 0);
            while id < MAX_SECTOR && steps <= minifat.len() / 4 && out.len() < size.min(self.bytes.len()) {
                let at = (id as usize) * 64;
                out.extend_from_slice(mini.get(at..at + 64)?);
                id = u32_at(&minifat, 4 * id as usize);
                steps += 1;
            }
            out
        } else {
            self.chain(start)
        };
        data.truncate(size);
        Some(data)
    }
}

/// Most merged regions read from an `.ods` file, over all its sheets.
const MAX_MERGES: usize = 100_000;

/// Checks an `.ods` file's `content.xml`: the rows and cells its repeats
/// make, as calamine expands them, against [`MAX_SLOTS`]. Gives each
/// sheet's merged regions, by the sheet's name, which calamine does not
/// read (a cell's `table:number-rows-spanned` and
/// `table:number-columns-spanned`; the cells it covers are written as
/// `table:covered-table-cell`).
pub(crate) fn ods(bytes: &[u8]) -> Result<Vec<(String, Vec<Dimensions>)>, Error> {
    let kind = DocumentKind::Ods;
    let mut zip = Archive::open(bytes, kind)?;
    let Some(xml) = zip.read("content.xml")? else { return Ok(Vec::new()) };
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let too_big = || malformed(kind, format!("a sheet repeats its cells past {MAX_SLOTS} slots"));
    let mut merges: Vec<(String, Vec<Dimensions>)> = Vec::new();
    let mut count = 0;
    // Per table: rows from its first row with a value, up to its last;
    // the widest such row. Per row: its repeats and width; the row's index.
    let (mut span, mut pending, mut width) = (0u64, 0u64, 0u64);
    let (mut row_rep, mut row_w, mut row_cols) = (1u64, 0u64, 0u64);
    let mut row = 0u64;
    loop {
        buf.clear();
        let ev = reader.read_event_into(&mut buf).map_err(|e| malformed(kind, format!("content.xml: {e}")))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table" => {
                    (span, pending, width, row) = (0, 0, 0, 0);
                    let name = e.attributes().flatten().find(|a| a.key.as_ref() == b"table:name");
                    let name = name.map(|a| String::from_utf8_lossy(&a.value).into_owned()).unwrap_or_default();
                    merges.push((name, Vec::new()));
                }
                b"table:table-row" => (row_rep, row_w, row_cols) = (repeat(e, b"table:number-rows-repeated"), 0, 0),
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let rows = repeat(e, b"table:number-rows-spanned");
                    let cols = repeat(e, b"table:number-columns-spanned");
                    if (rows > 1 || cols > 1) && count < MAX_MERGES {
                        let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                        let start = (at(row), at(row_cols));
                        let end = (at(row.saturating_add(rows - 1)), at(row_cols.saturating_add(cols - 1)));
                        if let Some((_, m)) = merges.last_mut() {
                            m.push(Dimensions { start, end });
                            count += 1;
                        }
                    }
                    row_cols = row_cols.saturating_add(repeat(e, b"table:number-columns-repeated"));
                    if matches!(ev, Event::Start(_))
                        || e.attributes().flatten().any(|a| a.key.as_ref() == b"office:value-type")
                    {
                        row_w = row_cols;
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                row = row.saturating_add(row_rep);
                if row_w > 0 {
                    span = span.saturating_add(pending).saturating_add(row_rep);
                    pending = 0;
                    width = width.max(row_w);
                } else if span > 0 {
                    pending = pending.saturating_add(row_rep);
                }
                if span.saturating_mul(width) > MAX_SLOTS {
                    return Err(too_big());
                }
            }
            Event::Eof => return Ok(merges),
            _ => {}
        }
    }
}

/// The repeat count an element's attribute `name` gives (1 without it).
fn repeat(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
        .unwrap_or(1)
}
