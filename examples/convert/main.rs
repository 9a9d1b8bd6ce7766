//! `convert`: turns task-division plans (分工方案) into JSON, JSON Lines, CSV
//! or an Excel workbook, and checks them for flaws.
//!
//! ```text
//! cargo run --release --example convert -- INPUT
//!     [--format json|jsonl|rows|csv|tasks-csv|units-csv|matrix-csv|xlsx]
//!     [--output FILE|DIR] [--headers zh|en] [--check] [--no-bom]
//! ```
//!
//! - `INPUT` is a plan file, `-` for standard input, or a folder. A file is
//!   text (UTF-8 with or without a byte-order mark, UTF-16 with one, or
//!   GB18030), a saved web page, a Word file (`.docx`; `.doc`, `.wps`,
//!   `.odt`, `.rtf` through LibreOffice), a workbook (`.xlsx`, `.xls`,
//!   `.ods`: a plan per sheet that holds one, named `FILE#SHEET`, where the
//!   output holds several: `jsonl`, `rows`, `csv`, or `--output DIR/`, which
//!   gets `FILE.SHEET.EXT` for each; else the sheet with the most tasks) or a
//!   PDF (through poppler's `pdftotext`), told by its content, not its
//!   name. A folder: every file
//!   named `.txt`, `.md`, `.html`, `.htm`, `.shtml`, `.docx`, `.doc`,
//!   `.wps`, `.odt`, `.rtf`, `.xlsx`, `.xls`, `.ods` or `.pdf` below it is
//!   converted (recursively, in
//!   sorted order, in parallel), with a progress bar when standard error is a
//!   terminal and a summary line at the end (`3 files, 81 tasks, 0 with no
//!   tasks, 6 warnings, 0 failed`). A file of a folder that cannot be read
//!   or decoded is reported on one line and skipped; the others are still
//!   converted.
//! - `--format` picks the output:
//!   - `json` (the default): the whole [`fengong::Plan`], pretty-printed;
//!   - `jsonl`: one compact line per plan, with the path it was read from as
//!     `source`;
//!   - `rows` and `csv`: flat rows, one per (plan, task, unit), with the
//!     plan's `source` and title and the whole section path, as JSON Lines
//!     and as CSV: the shapes to query;
//!   - `tasks-csv`: one row per task; `units-csv`: one row per (unit, task),
//!     sorted by unit; `matrix-csv`: units × tasks, cells 牵头 / 配合 / 负责:
//!     the ledgers, with Chinese headers unless `--headers en`;
//!   - `xlsx`: the Excel ledger; needs `--output`.
//!
//!   CSV starts with a UTF-8 byte-order mark (unless `--no-bom`) and ends its
//!   records with CRLF.
//! - `--output FILE` writes to `FILE` instead of standard output; for a
//!   single input, an existing folder or a path ending in `/` gets the
//!   plan as `NAME.EXT` inside it. For a folder, an existing folder or a path ending in `/` gets one file per
//!   plan at the same relative path, with the extension of the format; a
//!   file of the format (`all.csv`, `all.jsonl`) gets every plan in one file
//!   for `csv`, `rows` and `jsonl` (which also go to standard output without
//!   `--output`). Every file goes to a temporary file in the same folder
//!   first and is renamed only when complete, so a failure never leaves a
//!   half-written file.
//! - `--headers zh|en` sets the language of CSV headers and role names
//!   (牵头 or lead); by default the ledgers are in Chinese and the rows in
//!   English.
//! - `--check` prints every diagnostic to standard error the way rustc does
//!   (`warning[code]: message`, ` --> path:line:column`, the source line,
//!   carets, the suggested fix), then a summary line such as
//!   `2 warnings, 1 info`. Plans are then written only when `--output` is
//!   given. A text with no task gets a `no-tasks` warning.
//!
//! Exit status: 0 on success; 1 when `--check` found a warning or an error,
//! or when a file of a folder failed; 2 for bad arguments, a single input
//! that cannot be read or decoded, or output that cannot be written (one line
//! on standard error says which).

#![forbid(unsafe_code)]

mod args;
mod folder;
mod open;

use args::{Args, Command, Format, Input, Style, parse_args, usage, validate};

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fengong::export::csv::RowsWriter;
use fengong::{LineIndex, Options, Plan, Severity};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// The program name used in messages.
const NAME: &str = "convert";

/// Shown by `--help` on standard output and after a bad argument on standard error.
const USAGE: &str = "\
usage: convert INPUT [--format FORMAT] [--output FILE|DIR] [--headers zh|en]
               [--check] [--no-bom]

Converts task-division plans (分工方案) into JSON, CSV or Excel.

arguments:
  INPUT            a plan file (text, web page, Word, Excel or PDF), - to
                   read standard input, or a folder: every such file below
                   it is converted (.txt .md .html .htm .shtml .docx .doc
                   .wps .odt .rtf .xlsx .xls .ods .pdf)

options:
  --format FORMAT  json        the whole plan, pretty-printed (default)
                   jsonl       one line per plan, with its source path
                   rows        flat JSON Lines: one per (plan, task, unit)
                   csv         flat rows: one per (plan, task, unit)
                   tasks-csv   ledger: one row per task
                   units-csv   ledger: one row per (unit, task), by unit
                   matrix-csv  ledger: units x tasks, cells 牵头/配合/负责
                   xlsx        the Excel ledger (needs --output)
  --output PATH    write to this file (atomically) instead of standard output;
                   for a folder INPUT: a folder (existing, or ending in /)
                   gets one file per plan; a .csv or .jsonl file gets every
                   plan (formats csv, rows, jsonl)
  --headers LANG   zh or en: CSV headers and role names in Chinese or
                   English (default: zh for the ledgers, en for csv rows)
  --check          print diagnostics to standard error; write plans only
                   when --output is given
  --no-bom         start CSV files without a UTF-8 byte-order mark
  -h, --help       print this help

exit status: 0 ok, 1 --check found warnings or errors, or a file of a
folder failed, 2 failure";

/// Why the program stops early. Both are exit status 2.
#[derive(Debug)]
enum Failure {
    /// The command line is wrong: the message, then the usage.
    Usage(String),
    /// Input or output failed: one line.
    Fatal(String),
}

fn main() -> ExitCode {
    let command = parse_args(std::env::args_os().skip(1)).and_then(|c| validate(&c).map(|()| c));
    match command {
        Ok(Command::Help) => {
            // A closed standard output is no reason to fail `--help`.
            let _ = writeln!(io::stdout(), "{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Convert(args)) => match run(&args) {
            Ok(code) => code,
            Err(failure) => report(&failure),
        },
        Err(failure) => report(&failure),
    }
}

/// Prints a failure to standard error and gives the exit status for it.
fn report(failure: &Failure) -> ExitCode {
    match failure {
        Failure::Usage(message) => eprintln!("{NAME}: {message}\n\n{USAGE}"),
        Failure::Fatal(message) => eprintln!("{NAME}: {message}"),
    }
    ExitCode::from(2)
}

/// Runs the conversion: a folder, or a single file or standard input.
fn run(args: &Args) -> Result<ExitCode, Failure> {
    match &args.input {
        Input::Path(path) if path.is_dir() => folder::run_folder(args, path),
        _ => run_single(args),
    }
}

/// Converts one input. A plan that cannot be read or decoded is fatal. A
/// workbook with several sheets that hold plans gives every one of them
/// where the output holds several (`jsonl`, `rows`, `csv`, `--output DIR/`),
/// else the one with the most tasks.
fn run_single(args: &Args) -> Result<ExitCode, Failure> {
    let name = args.input.display_name();
    let bytes = read_input(&args.input, &name).map_err(Failure::Fatal)?;
    let folder = args.output.as_deref().filter(|p| is_folder_path(p));
    let every = args.style.format.joins() || folder.is_some();
    with_plans(&bytes, &name, every, |plans| write_single(args, plans, folder)).map_err(Failure::Fatal)?
}

/// Checks and writes the plans of one input: to the output file or
/// standard output, or a file each below `folder`.
fn write_single(args: &Args, plans: &[Named<'_>], folder: Option<&Path>) -> Result<ExitCode, Failure> {
    let mut status = ExitCode::SUCCESS;
    if args.check {
        let mut counts = Counts::default();
        let mut text = String::new();
        for p in plans {
            counts.add(Counts::of(p.plan));
            text.push_str(&diagnostics(p.plan, &p.name, p.text));
        }
        // Diagnostics are best effort: a closed standard error must not stop the conversion.
        let _ = writeln!(io::stderr().lock(), "{text}{counts}");
        if counts.has_problems() {
            status = ExitCode::from(1);
        }
    }
    // The source of a JSON line or row: the input's path (none for standard
    // input), or the sheet's name when a workbook gives several plans.
    let source = |p: &Named<'_>| if plans.len() > 1 { Some(p.name.clone()) } else { args.input.source() };
    if let Some(dir) = folder {
        let stem = match &args.input {
            Input::Path(path) => path.file_stem().map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned()),
            Input::Stdin => "stdin".to_string(),
        };
        for p in plans {
            let ext = args.style.format.extension();
            let path = dir.join(match &p.sheet {
                Some(sheet) if plans.len() > 1 => format!("{stem}.{}.{ext}", file_safe(sheet)),
                _ => format!("{stem}.{ext}"),
            });
            create_parent(&path).map_err(|e| Failure::Fatal(write_error(&path, &e)))?;
            write_atomically(&path, |out| render_to(p.plan, source(p).as_deref(), args.style, out))
                .map_err(|e| Failure::Fatal(e.message(&path)))?;
        }
        return Ok(status);
    }
    let write = |out: &mut dyn Write| match plans {
        [p] => render_to(p.plan, source(p).as_deref(), args.style, out),
        _ => {
            let records: Vec<Vec<u8>> = (plans.iter())
                .map(|p| joined_records(p.plan, &p.name, args.style))
                .collect::<Result<_, String>>()
                .map_err(Output::Format)?;
            write_joined(args.style, records.iter().map(Vec::as_slice), out)
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, write).map_err(|e| Failure::Fatal(e.message(path)))?,
        None if args.check => {}
        None => stream_stdout(write)?,
    }
    Ok(status)
}

/// True for an `--output` that names a folder: one that exists, or a path
/// ending in `/`.
fn is_folder_path(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with(['/', std::path::MAIN_SEPARATOR])
}

/// A sheet's name as part of a file name: path separators and control
/// characters made `_`.
fn file_safe(name: &str) -> String {
    name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() || c == ':' { '_' } else { c }).collect()
}

/// One plan's records for output that joins several plans (a folder's, or
/// a workbook's sheets): a JSON line, rows, or CSV rows without the header.
fn joined_records(plan: &Plan, name: &str, style: Style) -> Result<Vec<u8>, String> {
    if style.format == Format::Csv {
        // The header is written once, before every plan's rows.
        let mut rows = RowsWriter::continuing(Vec::new(), style.csv_options());
        rows.write_plan(plan, Some(name)).and_then(|()| rows.finish()).map_err(|e| e.to_string())
    } else {
        render(plan, Some(name), style)
    }
    .map_err(|e| format!("{name}: {e}"))
}

/// Writes the records of several plans as one output: for CSV the byte-
/// order mark and header once, then each plan's records in turn.
fn write_joined<'r>(
    style: Style,
    records: impl IntoIterator<Item = &'r [u8]>,
    out: &mut dyn Write,
) -> Result<(), Output> {
    if style.format == Format::Csv {
        let begun = RowsWriter::new(&mut *out, style.csv_options()).and_then(RowsWriter::finish);
        begun.map_err(|e| Output::Write(e.into()))?;
    }
    records.into_iter().try_for_each(|r| out.write_all(r)).map_err(Output::Write)
}

/// All the bytes of the input.
fn read_input(input: &Input, name: &str) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            // Standard input has no size to check first: read one byte past the limit.
            let limit = Options::default().max_input_bytes_limit();
            io::stdin()
                .lock()
                .take(limit.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| read_error(name, &e))?;
            if bytes.len() as u64 > limit {
                return Err(format!("{name}: input is larger than the limit of {limit} bytes"));
            }
            Ok(bytes)
        }
        Input::Path(path) => read_plan(path, name),
    }
}

/// A plan's bytes; a file over the size limit is refused before it is read.
fn read_plan(path: &Path, name: &str) -> Result<Vec<u8>, String> {
    fengong::read_file(path, &Options::default()).map_err(|e| match e {
        fengong::Error::Io(e) => read_error(name, &e),
        other => format!("{name}: {other}"),
    })
}

/// The plan in the chosen format, in memory (a line of `--format jsonl`
/// for a folder). `source` is the `source` of a JSON line.
fn render(plan: &Plan, source: Option<&str>, style: Style) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    render_to(plan, source, style, &mut out).map_err(|e| match e {
        Output::Format(e) => e,
        // A `Vec` takes every byte.
        Output::Write(e) => e.to_string(),
    })?;
    Ok(out)
}

/// Why writing a plan out failed: it could not be put in the format, or the
/// bytes could not be written.
enum Output {
    Format(String),
    Write(io::Error),
}

impl Output {
    /// The plan could not be put in the format, for reason `e`.
    fn unformattable(e: impl fmt::Display) -> Output {
        Output::Format(format!("cannot format the plan: {e}"))
    }

    /// The message for a plan written to `path`.
    fn message(&self, path: &Path) -> String {
        match self {
            Output::Format(e) => e.clone(),
            Output::Write(e) => write_error(path, e),
        }
    }
}

/// Writes the plan in the chosen format to `out` as it is made, so that
/// memory does not follow the size of the output.
fn render_to(plan: &Plan, source: Option<&str>, style: Style, out: &mut dyn Write) -> Result<(), Output> {
    use fengong::export::{csv, json};

    let csv_options = style.csv_options();
    let csv_error = |e: ::csv::Error| {
        let text = e.to_string();
        match e.into_kind() {
            ::csv::ErrorKind::Io(e) => Output::Write(e),
            _ => Output::unformattable(text),
        }
    };
    let json_error = |e: serde_json::Error| match e.io_error_kind() {
        Some(kind) => Output::Write(io::Error::new(kind, e)),
        None => Output::unformattable(e),
    };
    match style.format {
        Format::Json => json::write_pretty(plan, &mut *out).map_err(json_error)?,
        Format::Jsonl => json::write_line(plan, source, &mut *out).map_err(Output::Write)?,
        Format::Rows => json::write_rows(plan, source, &mut *out).map_err(json_error)?,
        Format::Csv => csv::write_rows(plan, source, csv_options, &mut *out).map_err(csv_error)?,
        Format::TasksCsv => csv::write_tasks(plan, csv_options, &mut *out).map_err(csv_error)?,
        Format::UnitsCsv => csv::write_by_unit(plan, csv_options, &mut *out).map_err(csv_error)?,
        Format::MatrixCsv => csv::write_matrix(plan, csv_options, &mut *out).map_err(csv_error)?,
        Format::Xlsx => {
            let bytes = workbook(plan).map_err(Output::unformattable)?;
            out.write_all(&bytes).map_err(Output::Write)?;
        }
    }
    if style.format == Format::Json {
        out.write_all(b"\n").map_err(Output::Write)?;
    }
    Ok(())
}

/// The Excel workbook, made in memory (`rust_xlsxwriter` builds it whole before saving).
#[cfg(feature = "xlsx")]
fn workbook(plan: &Plan) -> Result<Vec<u8>, String> {
    fengong::export::xlsx::write_buffer(plan).map_err(|e| e.to_string())
}

/// Without the feature, `validate` refuses `--format xlsx` before anything is read.
#[cfg(not(feature = "xlsx"))]
fn workbook(_plan: &Plan) -> Result<Vec<u8>, String> {
    Err("this build has no `xlsx` feature".to_string())
}

// ---------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------

/// Every diagnostic rendered with its source line and carets, each followed
/// by a blank line; empty for a clean plan.
fn diagnostics(plan: &Plan, name: &str, text: &str) -> String {
    let index = LineIndex::new(text);
    let one = |d: &fengong::Diagnostic| {
        // A plan read from a file says where in the file, then shows the
        // text its reader extracted.
        let at = plan.origin(d.span).map(|o| format!("{name}: {o}: {}[{}]\n", d.severity.as_str(), d.code.as_str()));
        at.unwrap_or_default() + &d.render_with(name, text, &index) + "\n"
    };
    plan.diagnostics.iter().map(one).collect()
}

/// A plan of an input, with the text its spans index, the name it goes by
/// in messages and `source` (the file's, or `FILE#SHEET` for one of several
/// sheets of a workbook) and its sheet.
struct Named<'p> {
    plan: &'p Plan<'p>,
    text: &'p str,
    name: String,
    sheet: Option<String>,
}

/// Reads the plans of a file's bytes (text decoded, any other kind through
/// [`open::document_plans`]) and hands them to `f`: one, or with `every`
/// each sheet of a workbook that holds tasks (the one with the most tasks
/// without). The error is the line that reports it.
fn with_plans<R>(bytes: &[u8], name: &str, every: bool, f: impl FnOnce(&[Named<'_>]) -> R) -> Result<R, String> {
    match open::document_plans(bytes, name)? {
        None => {
            // UTF-8, UTF-16 or GB18030; spans are offsets into the decoded text.
            let decoded = fengong::decode(bytes).map_err(|e| decode_error(name, &e))?;
            let plan = decoded.parse_with(&Options::default());
            Ok(f(&[Named { plan: &plan, text: &decoded.text, name: name.to_string(), sheet: None }]))
        }
        Some(plans) => {
            let holding = plans.iter().filter(|p| p.tasks().next().is_some()).count();
            let plans: Vec<Plan<'static>> = if every && holding > 1 {
                plans.into_iter().filter(|p| p.tasks().next().is_some()).collect()
            } else {
                vec![best_plan(plans, name)]
            };
            let named: Vec<Named<'_>> = (plans.iter())
                .map(|plan| {
                    let text = plan.source.as_deref().map_or("", |s| s.text.as_str());
                    let sheet = open::sheet_of(plan);
                    let name = match &sheet {
                        Some(sheet) if plans.len() > 1 => format!("{name}#{sheet}"),
                        _ => name.to_string(),
                    };
                    Named { plan, text, name, sheet }
                })
                .collect();
            Ok(f(&named))
        }
    }
}

/// Of the plans of one file (a workbook's sheets), the one with the most
/// tasks, the first of equals; when several hold tasks, a line on standard
/// error says which was taken.
fn best_plan(mut plans: Vec<Plan<'static>>, name: &str) -> Plan<'static> {
    let best = (0..plans.len()).rev().max_by_key(|&k| plans[k].tasks().count()).unwrap_or(0);
    if plans.iter().filter(|p| p.tasks().next().is_some()).count() > 1 {
        let sheet = open::sheet_of(&plans[best]).unwrap_or_default();
        let _ = writeln!(
            io::stderr().lock(),
            "{name}: {} sheets hold plans; converting {sheet}, which has the most tasks \
             (`--format jsonl`, `rows`, `csv` or `--output DIR/` give every one)",
            plans.iter().filter(|p| p.tasks().next().is_some()).count()
        );
    }
    if plans.is_empty() { Plan::default() } else { plans.swap_remove(best) }
}

/// How many diagnostics of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn of(plan: &Plan) -> Counts {
        let mut counts = Counts::default();
        for d in &plan.diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    /// A warning or an error: what makes `--check` fail.
    fn has_problems(self) -> bool {
        self.errors + self.warnings > 0
    }
}

/// `2 warnings, 1 info`; errors are named first when there are any.
impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errors > 0 {
            write!(f, "{}, ", count(self.errors, "error"))?;
        }
        write!(f, "{}, {}", count(self.warnings, "warning"), count(self.infos, "info"))
    }
}

/// `1 warning`, `2 warnings`, `0 infos`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

// ---------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------

/// A path as shown in messages, diagnostics and `source`.
pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn read_error(name: &str, e: &io::Error) -> String {
    format!("cannot read {name}: {e}")
}

fn decode_error(name: &str, e: &fengong::Error) -> String {
    format!("{name}: {e}")
}

fn write_error(path: &Path, e: &io::Error) -> String {
    format!("cannot write {}: {e}", path.display())
}

/// Writes to standard output with `write`, through a buffer, as the output is
/// made (the text formats fail only when writing fails). A reader that went
/// away (`convert … | head`) is not an error.
fn stream_stdout(write: impl FnOnce(&mut dyn Write) -> Result<(), Output>) -> Result<(), Failure> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush().map_err(Output::Write)) {
        Err(Output::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(Output::Write(e)) => Err(Failure::Fatal(format!("cannot write <stdout>: {e}"))),
        Err(Output::Format(e)) => Err(Failure::Fatal(e)),
        Ok(()) => Ok(()),
    }
}

/// Creates the folder `path` goes into, when missing.
fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// Writes with `write` into a new temporary file beside `path`, then renames
/// it over `path`. On failure the temporary file is removed and `path` is
/// untouched.
fn write_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<(), Output>) -> Result<(), Output> {
    let file_name = path
        .file_name()
        .ok_or_else(|| Output::Write(io::Error::new(io::ErrorKind::InvalidInput, "not a file name")))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let (tmp, file) = create_temp(dir, file_name).map_err(Output::Write)?;
    let mut out = io::BufWriter::new(file);
    let written =
        write(&mut out).and_then(|()| out.into_inner().map_err(|e| Output::Write(e.into_error()))).and_then(|file| {
            file.sync_all().map_err(Output::Write)?;
            drop(file);
            fs::rename(&tmp, path).map_err(Output::Write)
        });
    // `out` went into the chain above: by now it is closed, whether the
    // chain reached it or not.
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Creates a fresh hidden file `.NAME.PID-N.tmp` in `dir`, never reusing an existing one.
fn create_temp(dir: &Path, file_name: &OsStr) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let mut name = OsString::from(".");
        name.push(file_name);
        name.push(format!(".{pid}-{attempt}.tmp"));
        let tmp = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}
