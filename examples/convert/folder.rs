//! A folder of plans: every file below it with a name the conversion
//! takes, converted in parallel, reported in sorted order, written to a
//! file per plan or joined into one.

use super::*;

/// Where the plans of a folder go.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// Nowhere: `--check` without `--output`.
    Nowhere,
    /// Every plan's records into one file, or to standard output: JSON
    /// Lines (a line per plan, or flat rows) or the flat rows' CSV.
    Joined(Option<PathBuf>),
    /// One file per plan, below this folder.
    Folder(PathBuf),
}

/// One entry of a folder: a plan file and where its output goes, or why it is skipped.
#[derive(Debug)]
struct Job {
    input: PathBuf,
    /// The file to write for [`Target::Folder`] (else none), or the line
    /// that says why the entry is skipped.
    output: Result<Option<PathBuf>, String>,
}

/// What converting one plan of a folder gave.
#[derive(Debug, Default)]
struct Done {
    tasks: usize,
    /// The plan got a `no-tasks` warning: no task, or none with a unit.
    no_tasks: bool,
    counts: Counts,
    /// The rendered diagnostics, when checking.
    diagnostics: String,
    /// The plan's records, for [`Target::Joined`].
    records: Vec<u8>,
}

/// Totals over a folder, printed as the last line.
#[derive(Debug, Default)]
struct Totals {
    files: usize,
    tasks: usize,
    /// Plans read without a failure that hold no task (none that names a unit).
    empty: usize,
    counts: Counts,
    failed: usize,
}

/// `3 files, 81 tasks, 0 with no tasks, 6 warnings, 0 failed`; errors are
/// named before the warnings when there are any.
impl fmt::Display for Totals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}, {} with no tasks, ", count(self.files, "file"), count(self.tasks, "task"), self.empty)?;
        if self.counts.errors > 0 {
            write!(f, "{}, ", count(self.counts.errors, "error"))?;
        }
        write!(f, "{}, {} failed", count(self.counts.warnings, "warning"), self.failed)
    }
}

/// Converts every plan below `root` in parallel, then reports in sorted order.
pub(super) fn run_folder(args: &Args, root: &Path) -> Result<ExitCode, Failure> {
    let target = folder_target(args)?;
    let found = find_plans(root).map_err(|e| Failure::Fatal(format!("cannot read folder {}: {e}", root.display())))?;
    let jobs = plan_jobs(root, found, &target, args.style.format);
    if let Target::Folder(dir) = &target {
        fs::create_dir_all(dir).map_err(|e| Failure::Fatal(format!("cannot create folder {}: {e}", dir.display())))?;
    }

    let bar = progress_bar(jobs.len());
    // An indexed parallel iterator collects in input order, whatever order the plans finish in.
    let results: Vec<Result<Done, String>> = jobs
        .par_iter()
        .map(|job| {
            let result = convert_job(job, args, &target);
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();

    if let Target::Joined(output) = &target {
        // The CSV's byte-order mark and header once, then each plan's
        // records in turn, not one copy of them all.
        let write =
            |out: &mut dyn Write| write_joined(args.style, results.iter().flatten().map(|d| &d.records[..]), out);
        match output {
            Some(path) => write_atomically(path, write).map_err(|e| Failure::Fatal(e.message(path)))?,
            None => stream_stdout(write)?,
        }
    }

    let totals = report_folder(&results);
    let failed = totals.failed > 0 || (args.check && totals.counts.has_problems());
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Where a folder's plans go, from `--format`, `--output` and `--check`.
///
/// An existing folder, or a path ending in `/`, gets one file per plan. A
/// path with an extension names one file: the whole folder goes into it for
/// the formats whose records say which plan they come from, when the
/// extension is the format's (`all.csv` for `csv`, `all.jsonl` for `jsonl`
/// and `rows`); any other file name is refused, rather than made a folder
/// of that name or filled with another format. A path with no extension is
/// a folder, but for `jsonl` and `rows`, whose output is one file.
fn folder_target(args: &Args) -> Result<Target, Failure> {
    let format = args.style.format;
    let Some(path) = &args.output else {
        return if args.check {
            Ok(Target::Nowhere)
        } else if format.joins() {
            Ok(Target::Joined(None))
        } else {
            Err(usage(
                "a folder INPUT needs `--output DIR`, unless the format is csv, rows or jsonl (one file of every plan)"
                    .to_string(),
            ))
        };
    };
    let folder = is_folder_path(path);
    let extension = path.extension().and_then(OsStr::to_str);
    let own = extension.is_some_and(|e| e.eq_ignore_ascii_case(format.extension()));
    match extension {
        _ if folder => Ok(Target::Folder(path.clone())),
        Some(_) if own && format.joins() => Ok(Target::Joined(Some(path.clone()))),
        Some(e) => Err(usage(format!(
            "`--output {}` names a .{e} file, but format {} of a folder writes {}: give a folder (`--output DIR/`){}",
            path.display(),
            format.name(),
            if format.joins() { format!("one .{} file", format.extension()) } else { "a file per plan".to_string() },
            if format.joins() {
                format!(" or a .{} file", format.extension())
            } else {
                ", or use csv, rows or jsonl for one file of every plan".to_string()
            }
        ))),
        None if matches!(format, Format::Jsonl | Format::Rows) => Ok(Target::Joined(Some(path.clone()))),
        None => Ok(Target::Folder(path.clone())),
    }
}

/// An entry found below a folder.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    /// A file with a name the conversion takes (`.txt`, `.docx`, …).
    Plan(PathBuf),
    /// A subfolder that could not be listed, and why.
    Unreadable(PathBuf, String),
}

impl Found {
    fn path(&self) -> &Path {
        match self {
            Found::Plan(path) | Found::Unreadable(path, _) => path,
        }
    }
}

/// Every file below `root` with a name the conversion takes (extensions
/// in any case, see [`open::EXTENSIONS`]),
/// recursively, sorted by path. Symbolic links to files are followed, those
/// to folders are not (no cycles). Only an unreadable `root` is an error.
fn find_plans(root: &Path) -> io::Result<Vec<Found>> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    let mut first = true;
    while let Some(folder) = folders.pop() {
        let listed = fs::read_dir(&folder).and_then(|entries| entries.collect::<io::Result<Vec<_>>>());
        let entries = match listed {
            Ok(entries) => entries,
            Err(e) if first => return Err(e),
            Err(e) => {
                found.push(Found::Unreadable(folder, e.to_string()));
                continue;
            }
        };
        first = false;
        for entry in entries {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(path),
                _ if is_plan_name(&path) && path.is_file() => found.push(Found::Plan(path)),
                _ => {}
            }
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(found)
}

fn is_plan_name(path: &Path) -> bool {
    open::is_document_name(path)
}

/// A job per entry found, with its output file for [`Target::Folder`]: the
/// same path relative to the output folder, with the format's extension.
/// When two plans would write the same file (`a.txt` and `a.md`), the second
/// is skipped.
fn plan_jobs(root: &Path, found: Vec<Found>, target: &Target, format: Format) -> Vec<Job> {
    let mut taken: HashMap<PathBuf, PathBuf> = HashMap::new();
    found
        .into_iter()
        .map(|entry| match entry {
            Found::Unreadable(folder, e) => {
                Job { output: Err(format!("cannot read folder {}: {e}", folder.display())), input: folder }
            }
            Found::Plan(input) => {
                let Target::Folder(dir) = target else { return Job { input, output: Ok(None) } };
                let relative = input.strip_prefix(root).unwrap_or(&input);
                let output = dir.join(relative).with_extension(format.extension());
                if let Some(first) = taken.get(&output) {
                    let why = format!(
                        "{}: skipped: its output {} is already the output of {}",
                        input.display(),
                        output.display(),
                        first.display()
                    );
                    return Job { input, output: Err(why) };
                }
                taken.insert(output.clone(), input.clone());
                Job { input, output: Ok(Some(output)) }
            }
        })
        .collect()
}

/// Reads, parses, checks and writes one file of a folder: its plan, or
/// each sheet of a workbook that holds one. The error is the line that
/// reports it.
fn convert_job(job: &Job, args: &Args, target: &Target) -> Result<Done, String> {
    let output = job.output.clone()?;
    let name = display(&job.input);
    let bytes = read_plan(&job.input, &name)?;
    with_plans(&bytes, &name, true, |plans| {
        let mut done = Done::default();
        for p in plans {
            // Several sheets: a file each, `book.Sheet2.json` beside `book.json`.
            let output = output.as_ref().map(|o| match &p.sheet {
                Some(sheet) if plans.len() > 1 => {
                    let stem = o.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    o.with_file_name(format!("{stem}.{}.{}", file_safe(sheet), args.style.format.extension()))
                }
                _ => o.clone(),
            });
            let one = write_job(args, target, output, &p.name, p.plan, p.text)?;
            done.tasks += one.tasks;
            done.no_tasks |= one.no_tasks;
            done.counts.add(one.counts);
            done.diagnostics.push_str(&one.diagnostics);
            done.records.extend(one.records);
        }
        Ok(done)
    })?
}

/// Checks and writes one plan of a folder, whose spans index `text`, to
/// `output`.
fn write_job(
    args: &Args,
    target: &Target,
    output: Option<PathBuf>,
    name: &str,
    plan: &Plan,
    text: &str,
) -> Result<Done, String> {
    let mut done = Done {
        tasks: plan.tasks().count(),
        no_tasks: plan.diagnostics.iter().any(|d| d.code == fengong::Code::NoTasks),
        counts: Counts::of(plan),
        ..Done::default()
    };
    if args.check {
        done.diagnostics = diagnostics(plan, name, text);
    }
    match (target, output) {
        (Target::Folder(_), Some(path)) => {
            // The workbook, the one format that can fail before a byte is
            // written, is made first: a plan that cannot be put in it leaves
            // no folder behind.
            let fail = |e: Output| match e {
                Output::Format(e) => format!("{name}: {e}"),
                Output::Write(e) => write_error(&path, &e),
            };
            let made = match args.style.format {
                Format::Xlsx => Some(workbook(plan).map_err(|e| fail(Output::unformattable(e)))?),
                _ => None,
            };
            create_parent(&path).map_err(|e| fail(Output::Write(e)))?;
            let write = |out: &mut dyn Write| match &made {
                Some(bytes) => out.write_all(bytes).map_err(Output::Write),
                None => render_to(plan, Some(name), args.style, out),
            };
            write_atomically(&path, write).map_err(fail)?;
        }
        (Target::Joined(_), _) => done.records = joined_records(plan, name, args.style)?,
        _ => {}
    }
    Ok(done)
}

/// Prints failures and diagnostics in sorted order, then the totals; the totals.
fn report_folder(results: &[Result<Done, String>]) -> Totals {
    let mut totals = Totals { files: results.len(), ..Totals::default() };
    let mut stderr = io::stderr().lock();
    for result in results {
        // Reports are best effort: a closed standard error must not change the exit status.
        let _ = match result {
            Ok(done) => {
                totals.tasks += done.tasks;
                totals.empty += usize::from(done.no_tasks);
                totals.counts.add(done.counts);
                stderr.write_all(done.diagnostics.as_bytes())
            }
            Err(line) => {
                totals.failed += 1;
                writeln!(stderr, "{NAME}: {line}")
            }
        };
    }
    let _ = writeln!(stderr, "{totals}");
    totals
}

/// A progress bar on standard error when it is a terminal; a hidden one otherwise.
fn progress_bar(len: usize) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} plans, {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(len as u64).with_style(style)
}
