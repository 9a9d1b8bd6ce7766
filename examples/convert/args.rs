//! The command line: what it asks for, read and checked before any input is.

use std::ffi::OsString;
use std::path::PathBuf;

use fengong::export::csv::{CsvOptions, Lang};

use crate::{Failure, display};

/// The output shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// The whole plan as pretty-printed JSON.
    Json,
    /// One compact line per plan, with its source.
    Jsonl,
    /// Flat rows as JSON Lines: one line per (plan, task, unit).
    Rows,
    /// Flat rows as CSV: one row per (plan, task, unit).
    Csv,
    /// One row per task.
    TasksCsv,
    /// One row per (unit, task), sorted by unit.
    UnitsCsv,
    /// Units × tasks.
    MatrixCsv,
    /// The Excel workbook.
    Xlsx,
}

impl Format {
    const ALL: [Format; 8] = [
        Format::Json,
        Format::Jsonl,
        Format::Rows,
        Format::Csv,
        Format::TasksCsv,
        Format::UnitsCsv,
        Format::MatrixCsv,
        Format::Xlsx,
    ];

    const NAMES: &str = "json, jsonl, rows, csv, tasks-csv, units-csv, matrix-csv or xlsx";

    /// The name `--format` takes.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Rows => "rows",
            Format::Csv => "csv",
            Format::TasksCsv => "tasks-csv",
            Format::UnitsCsv => "units-csv",
            Format::MatrixCsv => "matrix-csv",
            Format::Xlsx => "xlsx",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The extension of the files a folder's plans are written to.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl | Format::Rows => "jsonl",
            Format::Csv | Format::TasksCsv | Format::UnitsCsv | Format::MatrixCsv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether a folder's plans can go to one file (or one stream): the
    /// formats whose records say which plan they come from.
    pub(crate) fn joins(self) -> bool {
        matches!(self, Format::Jsonl | Format::Rows | Format::Csv)
    }
}

/// Where the plan is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file or a folder, as given on the command line.
    Path(PathBuf),
}

impl Input {
    /// The name shown in messages and diagnostics.
    pub(crate) fn display_name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::Path(path) => display(path),
        }
    }

    /// The `source` of a JSON line: the path, none for standard input.
    pub(crate) fn source(&self) -> Option<String> {
        match self {
            Input::Stdin => None,
            Input::Path(path) => Some(display(path)),
        }
    }
}

/// How each plan is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Style {
    pub(crate) format: Format,
    /// Start CSV files with a byte-order mark.
    pub(crate) bom: bool,
    /// The language of CSV headers and role names; none: each shape's own.
    pub(crate) lang: Option<Lang>,
}

impl Style {
    pub(crate) fn csv_options(self) -> CsvOptions {
        let opts = CsvOptions::default().with_bom(self.bom);
        match self.lang {
            Some(lang) => opts.with_lang(lang),
            None => opts,
        }
    }
}

/// A conversion to run, as read from the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Args {
    pub(crate) input: Input,
    pub(crate) style: Style,
    pub(crate) output: Option<PathBuf>,
    pub(crate) check: bool,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// `--help`.
    Help,
    /// A conversion.
    Convert(Args),
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

/// Reads the command line (without the program name).
///
/// Options may come before or after `INPUT`, as `--name VALUE` or
/// `--name=VALUE`; `--` ends the options, so that a file whose name starts
/// with `-` can be given.
pub(crate) fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Command, Failure> {
    let mut args = args.into_iter();
    let mut input: Option<Input> = None;
    let mut format: Option<Format> = None;
    let mut output: Option<PathBuf> = None;
    let (mut check, mut bom) = (false, true);
    let mut lang: Option<Lang> = None;
    let mut options_done = false;

    while let Some(arg) = args.next() {
        let option = if options_done { None } else { arg.to_str().filter(|t| t.starts_with('-') && *t != "-") };
        let Some(text) = option else {
            let given = if arg == "-" { Input::Stdin } else { Input::Path(PathBuf::from(&arg)) };
            if input.replace(given).is_some() {
                return Err(usage(format!(
                    "unexpected argument `{}`: only one INPUT is allowed",
                    arg.to_string_lossy()
                )));
            }
            continue;
        };
        let (name, inline) = match text.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(OsString::from(value))),
            _ => (text, None),
        };
        match name {
            "--" => options_done = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--check" => check = flag(name, inline.as_ref())?,
            "--no-bom" => bom = !flag(name, inline.as_ref())?,
            "--format" => {
                let value = value_of(name, inline, &mut args)?;
                let parsed = value.to_str().and_then(Format::from_name).ok_or_else(|| {
                    usage(format!("unknown format `{}`: expected {}", value.to_string_lossy(), Format::NAMES))
                })?;
                if format.replace(parsed).is_some() {
                    return Err(usage("option `--format` given twice".to_string()));
                }
            }
            "--headers" => {
                let value = value_of(name, inline, &mut args)?;
                let parsed = match value.to_str() {
                    Some("zh") => Lang::Chinese,
                    Some("en") => Lang::English,
                    _ => {
                        return Err(usage(format!(
                            "unknown headers `{}`: expected zh (Chinese) or en (English)",
                            value.to_string_lossy()
                        )));
                    }
                };
                if lang.replace(parsed).is_some() {
                    return Err(usage("option `--headers` given twice".to_string()));
                }
            }
            "--output" => {
                let value = value_of(name, inline, &mut args)?;
                if value.is_empty() {
                    return Err(usage("option `--output` needs a file or folder name".to_string()));
                }
                if output.replace(PathBuf::from(value)).is_some() {
                    return Err(usage("option `--output` given twice".to_string()));
                }
            }
            _ => return Err(usage(format!("unknown option `{name}`"))),
        }
    }

    let input = input.ok_or_else(|| usage("missing INPUT (a file, a folder, or - for standard input)".to_string()))?;
    let csv = matches!(format, Some(Format::Csv | Format::TasksCsv | Format::UnitsCsv | Format::MatrixCsv));
    if lang.is_some() && !csv {
        return Err(usage(
            "option `--headers` sets the headers of the CSV formats (csv, tasks-csv, units-csv, matrix-csv); \
             JSON and the workbook have their own"
                .to_string(),
        ));
    }
    let style = Style { format: format.unwrap_or(Format::Json), bom, lang };
    Ok(Command::Convert(Args { input, style, output, check }))
}

/// A flag such as `--check`: true, unless it was given a value (an error).
pub(crate) fn flag(name: &str, inline: Option<&OsString>) -> Result<bool, Failure> {
    match inline {
        None => Ok(true),
        Some(_) => Err(usage(format!("option `{name}` takes no value"))),
    }
}

/// The value of option `name`: the inline `=VALUE`, else the next argument.
pub(crate) fn value_of(
    name: &str,
    inline: Option<OsString>,
    rest: &mut impl Iterator<Item = OsString>,
) -> Result<OsString, Failure> {
    inline.or_else(|| rest.next()).ok_or_else(|| usage(format!("option `{name}` needs a value")))
}

pub(crate) fn usage(message: String) -> Failure {
    Failure::Usage(message)
}

/// Rules that hold between options, checked before any input is read.
pub(crate) fn validate(command: &Command) -> Result<(), Failure> {
    let Command::Convert(args) = command else { return Ok(()) };
    if args.style.format == Format::Xlsx {
        if !cfg!(feature = "xlsx") {
            return Err(Failure::Fatal(
                "format `xlsx` needs the `xlsx` feature: cargo run --release --features xlsx --example convert -- …"
                    .to_string(),
            ));
        }
        if args.output.is_none() {
            return Err(usage("format `xlsx` needs `--output`: a workbook is not written to standard output".into()));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// One plan
// ---------------------------------------------------------------------------
