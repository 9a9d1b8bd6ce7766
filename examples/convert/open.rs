//! Files that are not text: web pages, Word files and workbooks go to
//! [`fengong::parse_document_plans`]; a PDF goes first through poppler's
//! `pdftotext -bbox-layout` (its words with their positions), and an old
//! Word or WPS file (`.doc`, `.wps`), an `.odt` or an `.rtf` through
//! LibreOffice (`soffice --headless --convert-to docx`).
//!
//! The tools are run without a shell, with a time limit, on a temporary
//! copy of the file, and LibreOffice with a profile of its own each run
//! (runs side by side that share one fail). A missing tool is one line that
//! names the Debian package to install.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fengong::{DocumentKind, Options, Plan};

/// How long a tool may run on one file.
const TOOL_TIME: Duration = Duration::from_secs(120);

/// The plans of a file that is not text (a workbook gives one per sheet
/// that holds a plan), or `None` for text, which the caller decodes and
/// parses itself (its plan borrows the text).
pub fn document_plans(bytes: &[u8], name: &str) -> Result<Option<Vec<Plan<'static>>>, String> {
    let kind = DocumentKind::sniff(bytes);
    let opts = Options::default();
    let plans = match kind {
        DocumentKind::Text => return Ok(None),
        DocumentKind::Pdf => {
            let words = run_tool(bytes, name, "pdf", Tool::Pdftotext)?;
            let mut plans = fengong::parse_document_plans(&words, &opts.document_kind(DocumentKind::PdfWords))
                .map_err(|e| format!("{name}: {e}"))?;
            mark(&mut plans, DocumentKind::Pdf, "pdftotext -bbox-layout");
            plans
        }
        DocumentKind::Ole | DocumentKind::Rtf | DocumentKind::Odt => {
            let docx = run_tool(bytes, name, extension(kind), Tool::Soffice)?;
            let mut plans = fengong::parse_document_plans(&docx, &opts.document_kind(DocumentKind::Docx))
                .map_err(|e| format!("{name}: {e}"))?;
            mark(&mut plans, kind, "soffice --convert-to docx");
            plans
        }
        _ => fengong::parse_document_plans(bytes, &opts).map_err(|e| format!("{name}: {e}"))?,
    };
    Ok(Some(plans))
}

/// Records on each plan the file's own kind and the tool that read it.
fn mark(plans: &mut [Plan<'static>], kind: DocumentKind, tool: &str) {
    for p in plans {
        if let Some(s) = p.source.as_deref_mut() {
            s.kind = kind;
            s.tool = Some(tool.to_string());
        }
    }
}

/// The extension LibreOffice wants to see on a file of `kind`.
fn extension(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Rtf => "rtf",
        DocumentKind::Odt => "odt",
        _ => "doc",
    }
}

/// An outside tool.
#[derive(Clone, Copy)]
enum Tool {
    /// poppler's `pdftotext -bbox-layout IN OUT`.
    Pdftotext,
    /// `soffice --headless --convert-to docx`.
    Soffice,
}

impl Tool {
    fn program(self) -> &'static str {
        match self {
            Tool::Pdftotext => "pdftotext",
            Tool::Soffice => "soffice",
        }
    }

    fn package(self) -> &'static str {
        match self {
            Tool::Pdftotext => "poppler-utils",
            Tool::Soffice => "libreoffice-writer-nogui",
        }
    }
}

/// Runs `tool` on a temporary copy of `bytes` (with extension `ext`) and
/// gives the bytes it wrote.
fn run_tool(bytes: &[u8], name: &str, ext: &str, tool: Tool) -> Result<Vec<u8>, String> {
    let dir = TempDir::new().map_err(|e| format!("{name}: cannot make a temporary folder: {e}"))?;
    let input = dir.0.join(format!("in.{ext}"));
    fs::write(&input, bytes).map_err(|e| format!("{name}: cannot write a temporary copy: {e}"))?;
    let (mut cmd, output) = match tool {
        Tool::Pdftotext => {
            let out = dir.0.join("out.html");
            let mut c = Command::new(tool.program());
            c.arg("-bbox-layout").arg("-enc").arg("UTF-8").arg(&input).arg(&out);
            (c, out)
        }
        Tool::Soffice => {
            let profile = dir.0.join("profile");
            let mut c = Command::new(tool.program());
            c.arg(format!("-env:UserInstallation=file://{}", profile.display()))
                .args(["--headless", "--norestore", "--convert-to", "docx", "--outdir"])
                .arg(&dir.0)
                .arg(&input);
            (c, dir.0.join("in.docx"))
        }
    };
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "{name}: a {ext} file is read through {}, which is not installed: install the Debian package {} \
             (apt-get install {})",
            tool.program(),
            tool.package(),
            tool.package()
        ),
        _ => format!("{name}: cannot run {}: {e}", tool.program()),
    })?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TOOL_TIME => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{name}: {} took longer than {} s; stopped", tool.program(), TOOL_TIME.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("{name}: {}: {e}", tool.program())),
        }
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.by_ref().take(4096).read_to_string(&mut err);
    }
    if !status.success() {
        let why = err.lines().next().unwrap_or("no message");
        return Err(format!("{name}: {} could not read the file ({status}: {why})", tool.program()));
    }
    fs::read(&output).map_err(|_| format!("{name}: {} wrote nothing ({})", tool.program(), err.trim()))
}

/// A temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("fengong-{}-{n}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The file names a folder's conversion takes, by extension (any case).
pub const EXTENSIONS: [&str; 14] =
    ["txt", "md", "html", "htm", "shtml", "docx", "doc", "wps", "xlsx", "xls", "ods", "pdf", "odt", "rtf"];

/// True for a file name the folder conversion takes.
pub fn is_document_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The name of the sheet a plan was read from, when it was.
pub fn sheet_of(plan: &Plan<'_>) -> Option<String> {
    plan.source.as_deref()?.origins.iter().find_map(|(_, o)| o.sheet.clone())
}
