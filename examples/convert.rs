//! `convert`: turns a task-division plan (分工方案) into JSON or CSV, and
//! checks it for flaws.
//!
//! ```text
//! cargo run --release --example convert -- INPUT [--format json|csv|tasks-csv] [--output FILE] [--check]
//! ```
//!
//! - `INPUT` is a UTF-8 text file (a byte-order mark is allowed), or `-` for
//!   standard input.
//! - `--format json` (the default) writes the whole [`fengong::Plan`] as
//!   pretty-printed JSON, Chinese unescaped, with a final newline.
//!   `--format csv` writes one row per (task, unit), `--format tasks-csv` one
//!   row per task; both start with a UTF-8 byte-order mark for Excel.
//! - `--output FILE` writes to `FILE` instead of standard output. The output
//!   goes to a temporary file in the same directory first and is renamed over
//!   `FILE` only when complete, so a failure never leaves a half-written file.
//! - `--check` prints every diagnostic to standard error as
//!   `path:line:column: severity[code]: message` with the source line and a
//!   caret, then a summary line such as `2 warnings, 1 info`. The converted
//!   plan is then written only when `--output` is given.
//!
//! Exit status: 0 on success; 1 when `--check` found a warning or an error;
//! 2 for bad arguments, input that cannot be read or decoded, or output that
//! cannot be written (one line on standard error says which).

#![forbid(unsafe_code)]

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fengong::{LineIndex, Plan, Severity};

/// The program name used in messages.
const NAME: &str = "convert";

/// Shown by `--help` on standard output and after a bad argument on standard error.
const USAGE: &str = "\
usage: convert INPUT [--format json|csv|tasks-csv] [--output FILE] [--check]

Converts a task-division plan (分工方案) into JSON or CSV.

arguments:
  INPUT            the plan as UTF-8 text, or - to read standard input

options:
  --format FORMAT  json       the whole plan, pretty-printed (default)
                   csv        one row per (task, unit), with a UTF-8 BOM
                   tasks-csv  one row per task, with a UTF-8 BOM
  --output FILE    write to FILE (atomically) instead of standard output
  --check          print diagnostics to standard error; write the plan only
                   when --output is given
  -h, --help       print this help

exit status: 0 ok, 1 --check found warnings or errors, 2 failure";

/// The output shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// The whole plan as pretty-printed JSON.
    Json,
    /// One row per (task, unit).
    Csv,
    /// One row per task.
    TasksCsv,
}

impl Format {
    fn from_name(name: &str) -> Option<Format> {
        match name {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "tasks-csv" => Some(Format::TasksCsv),
            _ => None,
        }
    }
}

/// Where the plan is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file, as given on the command line.
    File(PathBuf),
}

impl Input {
    /// The name shown in messages and diagnostics.
    fn display_name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => path.to_string_lossy().into_owned(),
        }
    }
}

/// A conversion to run, as read from the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Args {
    input: Input,
    format: Format,
    output: Option<PathBuf>,
    check: bool,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Command {
    /// `--help`.
    Help,
    /// A conversion.
    Convert(Args),
}

/// Why the program stops early. Both are exit status 2.
#[derive(Debug)]
enum Failure {
    /// The command line is wrong: the message, then the usage.
    Usage(String),
    /// Input or output failed: one line.
    Fatal(String),
}

fn main() -> ExitCode {
    match parse_args(std::env::args_os().skip(1)) {
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

/// Reads the command line (without the program name).
///
/// Options may come before or after `INPUT`, as `--name VALUE` or
/// `--name=VALUE`; `--` ends the options, so that a file whose name starts
/// with `-` can be given.
fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Command, Failure> {
    let mut args = args.into_iter();
    let mut input: Option<Input> = None;
    let mut format: Option<Format> = None;
    let mut output: Option<PathBuf> = None;
    let mut check = false;
    let mut options_done = false;

    while let Some(arg) = args.next() {
        let option = if options_done { None } else { arg.to_str().filter(|t| t.starts_with('-') && *t != "-") };
        let Some(text) = option else {
            let given = if arg == "-" { Input::Stdin } else { Input::File(PathBuf::from(&arg)) };
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
            "--check" if inline.is_none() => check = true,
            "--check" => return Err(usage("option `--check` takes no value".to_string())),
            "--format" => {
                let value = value_of(name, inline, &mut args)?;
                let parsed = value.to_str().and_then(Format::from_name).ok_or_else(|| {
                    usage(format!("unknown format `{}`: expected json, csv or tasks-csv", value.to_string_lossy()))
                })?;
                if format.replace(parsed).is_some() {
                    return Err(usage("option `--format` given twice".to_string()));
                }
            }
            "--output" => {
                let value = value_of(name, inline, &mut args)?;
                if value.is_empty() {
                    return Err(usage("option `--output` needs a file name".to_string()));
                }
                if output.replace(PathBuf::from(value)).is_some() {
                    return Err(usage("option `--output` given twice".to_string()));
                }
            }
            _ => return Err(usage(format!("unknown option `{name}`"))),
        }
    }

    let input = input.ok_or_else(|| usage("missing INPUT (a file, or - for standard input)".to_string()))?;
    Ok(Command::Convert(Args { input, format: format.unwrap_or(Format::Json), output, check }))
}

/// The value of option `name`: the inline `=VALUE`, else the next argument.
fn value_of(
    name: &str,
    inline: Option<OsString>,
    rest: &mut impl Iterator<Item = OsString>,
) -> Result<OsString, Failure> {
    inline.or_else(|| rest.next()).ok_or_else(|| usage(format!("option `{name}` needs a value")))
}

fn usage(message: String) -> Failure {
    Failure::Usage(message)
}

/// Runs one conversion; the exit status on success.
fn run(args: &Args) -> Result<ExitCode, Failure> {
    let name = args.input.display_name();
    let bytes = read_input(&args.input).map_err(|e| Failure::Fatal(format!("cannot read {name}: {e}")))?;
    // UTF-8, UTF-16 or GB18030; spans are offsets into the decoded text.
    let decoded = fengong::decode(&bytes).map_err(|e| Failure::Fatal(format!("{name}: {e}")))?;
    let plan = decoded.parse_with(&fengong::Options::default());
    let text: &str = &decoded.text;

    let mut status = ExitCode::SUCCESS;
    if args.check {
        let mut stderr = io::stderr().lock();
        // Diagnostics are best effort: a closed standard error must not stop the conversion.
        let _ = print_diagnostics(&plan, &name, text, &mut stderr);
        if has_problems(&plan) {
            status = ExitCode::from(1);
        }
    }

    let rendered = render(&plan, text, args.format)?;
    match &args.output {
        Some(path) => write_atomically(path, &rendered)
            .map_err(|e| Failure::Fatal(format!("cannot write {}: {e}", path.display())))?,
        None if args.check => {}
        None => write_stdout(&rendered)?,
    }
    Ok(status)
}

/// All the bytes of the input.
fn read_input(input: &Input) -> io::Result<Vec<u8>> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes)?;
            Ok(bytes)
        }
        Input::File(path) => fs::read(path),
    }
}

/// The plan in the chosen format, in memory, so that nothing is written
/// unless all of it could be made.
fn render(plan: &Plan, text: &str, format: Format) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    let result = match format {
        Format::Json => {
            fengong::export::json::write_pretty(plan, &mut out).map(|()| out.push(b'\n')).map_err(|e| e.to_string())
        }
        Format::Csv => fengong::export::csv::write_units(plan, fengong::export::csv::CsvOptions::default(), &mut out)
            .map_err(|e| e.to_string()),
        Format::TasksCsv => {
            fengong::export::csv::write_tasks(plan, fengong::export::csv::CsvOptions::default(), &mut out)
                .map_err(|e| e.to_string())
        }
    };
    result.map_err(|e| Failure::Fatal(format!("cannot format the plan: {e}")))?;
    Ok(out)
}

/// Writes every diagnostic, rendered with its source line, then the summary line.
fn print_diagnostics(plan: &Plan, name: &str, text: &str, out: &mut impl Write) -> io::Result<()> {
    let index = LineIndex::new(text);
    for d in &plan.diagnostics {
        writeln!(out, "{}", d.render_with(name, text, &index))?;
    }
    writeln!(out, "{}", summary(plan))?;
    out.flush()
}

/// `2 warnings, 1 info`; errors are named first when there are any.
fn summary(plan: &Plan) -> String {
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for d in &plan.diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => infos += 1,
        }
    }
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(count(errors, "error"));
    }
    parts.push(count(warnings, "warning"));
    parts.push(count(infos, "info"));
    parts.join(", ")
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// True when a diagnostic is a warning or an error (what makes `--check` fail).
fn has_problems(plan: &Plan) -> bool {
    plan.diagnostics.iter().any(|d| matches!(d.severity, Severity::Error | Severity::Warning))
}

/// Writes to standard output. A reader that went away (`convert … | head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Fatal(format!("cannot write <stdout>: {e}"))),
        _ => Ok(()),
    }
}

/// Writes `bytes` to a new temporary file beside `path`, then renames it over
/// `path`. On failure the temporary file is removed and `path` is untouched.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let file_name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let (tmp, mut file) = create_temp(dir, file_name)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| {
        drop(file);
        fs::rename(&tmp, path)
    });
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
