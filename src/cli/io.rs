//! Reading inputs and writing outputs: stdin/stdout, directories, compressed
//! files (.gz, .zst), atomic writes (temp file + rename in the same folder).
//!
//! Safety rules kept here: reads are bounded ([`max_document_bytes`]);
//! directory walks skip binary files and go on past unreadable folders
//! (each a warning, the latter an error at exit); an output file is replaced
//! only when it is a writable regular file with one link, keeping its mode
//! and owner; temp files are removed on SIGINT/SIGTERM.

use anyhow::{bail, Context as _, Result};
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The default maximum size of one document (a file, or one JSONL line),
/// after decompression: `--max-size` changes it.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 512 << 20;

static MAX_DOCUMENT_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_DOCUMENT_BYTES);

/// Set the maximum document size (`--max-size`).
pub fn set_max_document_bytes(n: u64) {
    MAX_DOCUMENT_BYTES.store(n, Ordering::Relaxed);
}

/// The maximum size of one document in bytes.
pub fn max_document_bytes() -> u64 {
    MAX_DOCUMENT_BYTES.load(Ordering::Relaxed)
}

fn too_big(name: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{name}: larger than the maximum document size ({}; --max-size raises it)",
        show_size(max_document_bytes())
    )
}

/// `1234`, `64K`, `512M`, `2G` (binary units; a trailing `B`/`iB` is allowed).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let t = t.strip_suffix("iB").or_else(|| t.strip_suffix('B')).unwrap_or(t);
    let (num, shift) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let shift = match c.to_ascii_uppercase() {
                'K' => 10,
                'M' => 20,
                'G' => 30,
                'T' => 40,
                _ => return Err(format!("unknown size unit in `{s}` (use K, M, G or T)")),
            };
            (&t[..i], shift)
        }
        _ => (t, 0),
    };
    let n: u64 = num.trim().parse().map_err(|_| format!("`{s}` is not a size (e.g. 512M, 2G)"))?;
    n.checked_mul(1u64 << shift).filter(|&n| n > 0).ok_or_else(|| format!("`{s}`: size out of range"))
}

fn show_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

static SILENT: AtomicBool = AtomicBool::new(false);
static PROBLEMS: AtomicUsize = AtomicUsize::new(0);

/// `--silent` / `-qq`: hide data warnings too.
pub fn set_silent(yes: bool) {
    SILENT.store(yes, Ordering::Relaxed);
}

/// A warning about the data (a skipped binary file, a bad record, unsettled
/// text): printed even under `-q`, hidden only by `--silent`. Never panics
/// (stderr may be a closed pipe).
pub fn warn(msg: impl std::fmt::Display) {
    if !SILENT.load(Ordering::Relaxed) {
        let _ = writeln!(io::stderr(), "rinse: warning: {msg}");
    }
}

/// A problem that does not stop the run but makes it exit 2 at the end (an
/// unreadable sub-folder, a folder with no files, a truncated JSONL file).
/// Always printed.
pub fn problem(msg: impl std::fmt::Display) {
    PROBLEMS.fetch_add(1, Ordering::Relaxed);
    let _ = writeln!(io::stderr(), "rinse: error: {msg}");
}

/// How many [`problem`]s were reported.
pub fn problems() -> usize {
    PROBLEMS.load(Ordering::Relaxed)
}

/// One input: a file or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) => Some(p),
        }
    }
}

/// Expand the command line's paths: `-`/none is stdin, a directory is walked
/// recursively for files matching `glob` (default: every file), sorted.
/// Binary files found in a walk are skipped with a warning; a folder that
/// yields no file is a [`problem`] (exit 2, like a search matching nothing).
pub fn expand(paths: &[PathBuf], glob: Option<&str>) -> Result<Vec<Input>> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let entries = fs::read_dir(p).with_context(|| format!("{}: cannot read directory", p.display()))?;
            let mut found = Vec::new();
            walk_entries(p, entries, glob, &mut found);
            found.sort();
            let before = out.len();
            for f in found {
                match sniff_binary(&f) {
                    Some(why) => warn(format_args!("{}: skipped: {why}", f.display())),
                    None => out.push(Input::File(f)),
                }
            }
            if out.len() == before {
                match glob {
                    Some(g) => problem(format_args!("{}: no files matching `{g}`", p.display())),
                    None => problem(format_args!("{}: no text files", p.display())),
                }
            }
        } else if p.exists() {
            out.push(Input::File(p.clone()));
        } else {
            bail!("{}: no such file or directory", p.display());
        }
    }
    Ok(out)
}

/// Walk a folder: an unreadable sub-folder or entry is a [`problem`], and
/// the walk goes on.
fn walk_entries(dir: &Path, entries: fs::ReadDir, glob: Option<&str>, out: &mut Vec<PathBuf>) {
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problem(format_args!("{}: cannot read directory: {e}", dir.display()));
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Hidden files and folders (.git, .cache) are never cleaned.
        if name.starts_with('.') {
            continue;
        }
        let ft = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                problem(format_args!("{}: cannot read: {e} (skipped)", path.display()));
                continue;
            }
        };
        if ft.is_dir() {
            match fs::read_dir(&path) {
                Ok(sub) => walk_entries(&path, sub, glob, out),
                Err(e) => problem(format_args!("{}: cannot read directory: {e} (skipped)", path.display())),
            }
        } else if ft.is_file() && glob.is_none_or(|g| glob_match(g, &name)) {
            out.push(path);
        }
    }
}

/// Why the file at `path` looks binary (from its first 8 KB, decompressed),
/// or `None` for text. Unreadable files are left to the real read to report.
pub fn sniff_binary(path: &Path) -> Option<&'static str> {
    let mut reader = open_reader(&Input::File(path.to_path_buf())).ok()?;
    let mut head = Vec::with_capacity(8192);
    reader.by_ref().take(8192).read_to_end(&mut head).ok()?;
    binary_reason(&head)
}

/// Known binary signatures, then NUL bytes (unless UTF-16), then a high
/// share of control characters.
pub fn binary_reason(head: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\x7fELF", "an ELF executable"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"\x00asm", "WebAssembly"),
        (b"SQLite format 3\x00", "an SQLite database"),
        (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
        (b"\xcf\xfa\xed\xfe", "a Mach-O binary"),
        (b"\xce\xfa\xed\xfe", "a Mach-O binary"),
        (b"OggS", "Ogg media"),
        (b"wOFF", "a web font"),
        (b"wOF2", "a web font"),
    ];
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) || head.starts_with(&[0xef, 0xbb, 0xbf]) {
        return None; // a byte order mark: text
    }
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| head.starts_with(sig)) {
        return Some(what);
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        // UTF-16 without a byte order mark: the NULs all sit on one side of
        // each pair (ASCII text), and there are many.
        let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
        let one_side = even == nul || even == 0;
        if !(one_side && nul * 4 >= head.len()) {
            return Some("binary data (NUL bytes)");
        }
        return None;
    }
    let control = head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f).count();
    if head.len() >= 32 && control * 10 > head.len() {
        return Some("binary data (control characters)");
    }
    None
}

/// Minimal glob on a file name: `*` any run, `?` one character.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

pub fn compression_of(path: &Path) -> Compression {
    match path.extension().and_then(|e| e.to_str()) {
        Some("gz") => Compression::Gzip,
        Some("zst") => Compression::Zstd,
        _ => Compression::None,
    }
}

/// A buffered reader over the input, decompressing by extension.
pub fn open_reader(input: &Input) -> Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = match input {
        Input::Stdin => Box::new(io::stdin()),
        Input::File(p) => Box::new(fs::File::open(p).with_context(|| format!("{}: cannot open", p.display()))?),
    };
    let comp = input.path().map(compression_of).unwrap_or(Compression::None);
    Ok(match comp {
        Compression::None => Box::new(BufReader::with_capacity(1 << 20, raw)),
        Compression::Gzip => Box::new(BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(raw))),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            1 << 20,
            zstd::stream::read::Decoder::new(raw).with_context(|| format!("{}: not a zstd stream", input.name()))?,
        )),
    })
}

/// A whole input's bytes: a memory map for plain files (no copy), a buffer
/// otherwise (stdin, compressed files, maps that fail).
pub enum InputBytes {
    Buffer(Vec<u8>),
    Map(memmap2::Mmap),
}

impl std::ops::Deref for InputBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            InputBytes::Buffer(v) => v,
            InputBytes::Map(m) => m,
        }
    }
}

/// Files smaller than this are read, not mapped (a map costs more to set up).
const MAP_MIN_BYTES: u64 = 1 << 20;

/// Read a whole input (decompressed), at most [`max_document_bytes`].
pub fn read_all(input: &Input) -> Result<InputBytes> {
    let max = max_document_bytes();
    let mut buf = Vec::new();
    match input {
        Input::File(p) if compression_of(p) == Compression::None => {
            let file = fs::File::open(p).with_context(|| format!("{}: cannot read", p.display()))?;
            let meta = file.metadata().ok();
            let len = meta.as_ref().map(|m| m.len()).unwrap_or(0);
            let regular = meta.as_ref().is_some_and(|m| m.is_file());
            if regular && len > max {
                return Err(too_big(&input.name()));
            }
            if regular && len >= MAP_MIN_BYTES {
                // The binary's only unsafe code (main.rs denies it elsewhere;
                // the library forbids it).
                #[allow(unsafe_code)]
                // SAFETY: the map is read-only and dropped before rinse writes
                // anything; in-place output goes to a new file renamed over the
                // old one, so the mapped pages never change under us. Another
                // process truncating the file meanwhile is the usual mmap risk
                // (ripgrep takes it too).
                let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) };
                if let Ok(map) = map {
                    return Ok(InputBytes::Map(map));
                }
            }
            // `/dev/zero`, a FIFO: bounded like everything else.
            file.take(max.saturating_add(1)).read_to_end(&mut buf).with_context(|| format!("{}: cannot read", p.display()))?;
        }
        _ => {
            open_reader(input)?
                .take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .with_context(|| format!("{}: cannot read", input.name()))?;
        }
    }
    if buf.len() as u64 > max {
        return Err(too_big(&input.name()));
    }
    Ok(InputBytes::Buffer(buf))
}

/// Read one line (with its ending) into `buf`, cleared first; at most
/// [`max_document_bytes`]. `Ok(false)` at the end of the input.
pub fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, name: &str, line: usize) -> Result<bool> {
    buf.clear();
    let max = max_document_bytes();
    let n = reader.take(max.saturating_add(1)).read_until(b'\n', buf).with_context(|| format!("{name}: cannot read"))?;
    if buf.len() as u64 > max {
        return Err(too_big(&format!("{name}:{line}")));
    }
    Ok(n > 0)
}

// ------------------------------------------------------------ temp files

/// Temp files being written: removed by the SIGINT/SIGTERM handler.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temps() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

fn register_temp(p: &Path) {
    temps().push(p.to_path_buf());
}

fn unregister_temp(p: &Path) {
    let mut t = temps();
    if let Some(i) = t.iter().rposition(|x| x == p) {
        t.swap_remove(i);
    }
}

/// On SIGINT or SIGTERM: remove every temp file being written, then exit
/// 130. Targets are untouched (they are replaced only by a rename).
pub fn install_signal_cleanup() {
    let _ = ctrlc::set_handler(|| {
        for p in temps().iter() {
            let _ = fs::remove_file(p);
        }
        let _ = writeln!(io::stderr(), "rinse: interrupted; no file was changed by the unfinished write");
        std::process::exit(130);
    });
}

/// The existing file a write would replace: refused unless it is a writable
/// regular file with one link (so an interrupted or finished write never
/// breaks a hard link, a FIFO or a read-only file).
fn check_replaceable(target: &Path) -> Result<Option<fs::Metadata>> {
    let meta = match fs::metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(anyhow::Error::new(e).context(format!("{}: cannot inspect", target.display()))),
    };
    if !meta.is_file() {
        bail!("{}: not a regular file; rinse replaces only regular files", target.display());
    }
    if meta.permissions().readonly() {
        bail!("{}: read-only file; rinse does not replace it (make it writable first)", target.display());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            bail!(
                "{}: has {} hard links; replacing it would split them, so rinse refuses (copy it, or write elsewhere with -o)",
                target.display(),
                meta.nlink()
            );
        }
    }
    Ok(Some(meta))
}

/// Under `--output-dir`: `dir/rel`, refused if any part of it below `dir`
/// is a symbolic link (rinse writes through no link it did not create).
pub fn output_dir_target(dir: &Path, rel: &Path) -> Result<PathBuf> {
    let mut cur = dir.to_path_buf();
    for part in rel.components() {
        cur.push(part);
        if fs::symlink_metadata(&cur).is_ok_and(|m| m.file_type().is_symlink()) {
            bail!("{}: a symbolic link inside the output folder; rinse does not write through it", cur.display());
        }
    }
    Ok(cur)
}

// ---------------------------------------------------------- shared files

/// What identifies a file: device and inode when it exists, else its
/// absolute path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    Inode(u64, u64),
    Path(PathBuf),
}

/// The identity of `p`, and whether it is (or will be) a regular file.
fn file_id(p: &Path) -> (FileId, bool) {
    if let Ok(m) = fs::metadata(p) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            return (FileId::Inode(m.dev(), m.ino()), m.is_file());
        }
        #[cfg(not(unix))]
        return (FileId::Path(fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())), m.is_file());
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let abs = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf()).join(p.file_name().unwrap_or_default());
    (FileId::Path(abs), true)
}

/// Refuse a run where two roles name one file: an input and an output, or
/// two outputs (`clean in.txt --report in.txt`, `-o X --report X`). Devices
/// (`/dev/null`) may be named twice. `outputs` are `(option, path)`; stdout
/// (`-`) is left out by the caller.
pub fn ensure_distinct_files(inputs: &[Input], outputs: &[(&str, &Path)]) -> Result<()> {
    let mut seen: std::collections::HashMap<FileId, String> = std::collections::HashMap::new();
    for i in inputs {
        if let Input::File(p) = i {
            let (id, regular) = file_id(p);
            if regular {
                seen.entry(id).or_insert_with(|| format!("input {}", p.display()));
            }
        }
    }
    for (what, p) in outputs {
        let (id, regular) = file_id(p);
        if !regular {
            continue;
        }
        if let Some(other) = seen.get(&id) {
            bail!("{what} {} is the same file as {other}: refusing to overwrite it", p.display());
        }
        seen.insert(id, format!("{what} {}", p.display()));
    }
    Ok(())
}

/// A file written atomically: data goes to a temp file in the target's folder,
/// renamed over the target by [`AtomicFile::commit`]. Dropped without commit,
/// the temp file is removed and the target is untouched.
pub struct AtomicFile {
    target: PathBuf,
    // Declared after `writer`: dropped after it, so the temp file is gone
    // before the signal handler forgets it.
    writer: Box<dyn FinishWrite>,
    _temp: TempGuard,
}

/// A temp file's path in the signal handler's list, while it exists.
struct TempGuard(PathBuf);

impl Drop for TempGuard {
    fn drop(&mut self) {
        unregister_temp(&self.0);
    }
}

/// A writer that can flush its compression trailer and hand back the temp file.
trait FinishWrite: Write + Send {
    fn finish(self: Box<Self>) -> io::Result<tempfile::NamedTempFile>;
}

struct Plain(io::BufWriter<tempfile::NamedTempFile>);
impl Write for Plain {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.write(b)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
impl FinishWrite for Plain {
    fn finish(self: Box<Self>) -> io::Result<tempfile::NamedTempFile> {
        self.0.into_inner().map_err(|e| e.into_error())
    }
}

struct Gz(flate2::write::GzEncoder<io::BufWriter<tempfile::NamedTempFile>>);
impl Write for Gz {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.write(b)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
impl FinishWrite for Gz {
    fn finish(self: Box<Self>) -> io::Result<tempfile::NamedTempFile> {
        self.0.finish()?.into_inner().map_err(|e| e.into_error())
    }
}

struct Zst(zstd::stream::write::Encoder<'static, io::BufWriter<tempfile::NamedTempFile>>);
impl Write for Zst {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.write(b)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
impl FinishWrite for Zst {
    fn finish(self: Box<Self>) -> io::Result<tempfile::NamedTempFile> {
        self.0.finish()?.into_inner().map_err(|e| e.into_error())
    }
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<Self> {
        // Write through a symbolic link: replace the file it points to, not the link.
        let resolved;
        let target = match fs::symlink_metadata(target) {
            Ok(m) if m.file_type().is_symlink() => {
                resolved = fs::canonicalize(target).with_context(|| format!("{}: broken link", target.display()))?;
                resolved.as_path()
            }
            _ => target,
        };
        check_replaceable(target)?;
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create directory", dir.display()))?;
        }
        let tmp = tempfile::Builder::new()
            .prefix(".rinse-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
        register_temp(tmp.path());
        let temp = TempGuard(tmp.path().to_path_buf());
        let buf = io::BufWriter::with_capacity(1 << 20, tmp);
        let writer: Box<dyn FinishWrite> = match compression_of(target) {
            Compression::None => Box::new(Plain(buf)),
            Compression::Gzip => Box::new(Gz(flate2::write::GzEncoder::new(buf, flate2::Compression::default()))),
            Compression::Zstd => Box::new(Zst(zstd::stream::write::Encoder::new(buf, 3)?)),
        };
        Ok(AtomicFile { target: target.to_path_buf(), writer, _temp: temp })
    }

    /// Finish the file and move it over the target, keeping the target's
    /// permissions and owner.
    pub fn commit(self) -> Result<()> {
        let AtomicFile { target, writer, _temp } = self;
        {
            let tmp = writer.finish().with_context(|| format!("{}: cannot write", target.display()))?;
            // Existing files keep their permissions and owner; new ones get
            // the usual 0644 (a temp file is created 0600).
            match check_replaceable(&target)? {
                Some(meta) => {
                    keep_owner(tmp.as_file(), &meta, &target)?;
                    let _ = fs::set_permissions(tmp.path(), meta.permissions());
                }
                None => {
                    if let Some(perms) = default_permissions(tmp.path()) {
                        let _ = fs::set_permissions(tmp.path(), perms);
                    }
                }
            }
            // On disk before the rename: a crash leaves the old file or the new one.
            tmp.as_file().sync_all().with_context(|| format!("{}: cannot write", target.display()))?;
            tmp.persist(&target).with_context(|| format!("{}: cannot replace the file", target.display()))?;
            Ok(())
        }
    }
}

/// The new file gets the old one's owner and group; if that is not
/// possible (not root), the old file is not replaced.
#[cfg(unix)]
fn keep_owner(tmp: &fs::File, old: &fs::Metadata, target: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let new = tmp.metadata().with_context(|| format!("{}: cannot write", target.display()))?;
    if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
        std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid())).with_context(|| {
            format!("{}: cannot keep its owner {}:{} (file left unchanged)", target.display(), old.uid(), old.gid())
        })?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn keep_owner(_tmp: &fs::File, _old: &fs::Metadata, _target: &Path) -> Result<()> {
    Ok(())
}

impl Write for AtomicFile {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.writer.write(b).map_err(|e| name_error(e, &self.target))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush().map_err(|e| name_error(e, &self.target))
    }
}

/// An I/O error that names the file (disk full: which output?), same kind.
fn name_error(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Permissions for a new output file (`tmp` is the temp file written).
#[cfg(unix)]
fn default_permissions(_tmp: &Path) -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(tmp: &Path) -> Option<fs::Permissions> {
    fs::metadata(tmp).ok().map(|m| m.permissions())
}

/// Write `data` to `target` atomically.
pub fn write_atomic(target: &Path, data: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(data).with_context(|| format!("{}: cannot write", target.display()))?;
    f.commit()
}

/// Where output goes: stdout or an atomic file.
pub enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    File(AtomicFile),
    /// A device or pipe (`/dev/null`, a FIFO): written directly, never replaced.
    Device(io::BufWriter<fs::File>, PathBuf),
}

impl Sink {
    /// `None` or `-` is stdout.
    pub fn open(path: Option<&Path>) -> Result<Self> {
        match path {
            None => Ok(Sink::Stdout(io::BufWriter::with_capacity(1 << 20, io::stdout()))),
            Some(p) if p.as_os_str() == "-" => Ok(Sink::Stdout(io::BufWriter::with_capacity(1 << 20, io::stdout()))),
            Some(p) if p.exists() && !p.is_file() => Ok(Sink::Device(
                io::BufWriter::new(
                    fs::OpenOptions::new().write(true).open(p).with_context(|| format!("{}: cannot open for writing", p.display()))?,
                ),
                p.to_path_buf(),
            )),
            Some(p) => Ok(Sink::File(AtomicFile::create(p)?)),
        }
    }

    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => Ok(w.flush()?),
            Sink::File(f) => f.commit(),
            Sink::Device(mut w, p) => w.flush().map_err(|e| name_error(e, &p)).map_err(Into::into),
        }
    }

    /// Give up after an error: a file is left as it was (the temp file is
    /// removed); what went to stdout or a device is flushed. The file's
    /// path, when one was left unwritten.
    pub fn abandon(self) -> Option<PathBuf> {
        match self {
            Sink::Stdout(mut w) => {
                let _ = w.flush();
                None
            }
            Sink::File(f) => Some(f.target.clone()),
            Sink::Device(mut w, _) => {
                let _ = w.flush();
                None
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(b),
            Sink::File(f) => f.write(b),
            Sink::Device(w, p) => w.write(b).map_err(|e| name_error(e, p)),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(f) => f.flush(),
            Sink::Device(w, p) => w.flush().map_err(|e| name_error(e, p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_told_from_text() {
        assert_eq!(binary_reason(b"\x89PNG\r\n\x1a\n\0\0"), Some("a PNG image"));
        assert_eq!(binary_reason(b"\x7fELF\x02\x01"), Some("an ELF executable"));
        assert_eq!(binary_reason(b"text\0with a NUL"), Some("binary data (NUL bytes)"));
        assert_eq!(binary_reason(&[1u8, 2, 3, 4, 5, 6, 7, 8].repeat(8)), Some("binary data (control characters)"));
        // Text: plain, GBK bytes, UTF-16 with and without a byte order mark.
        assert_eq!(binary_reason(b"Hello, world.\n"), None);
        assert_eq!(binary_reason(b"\xd6\xd0\xce\xc4 text\n"), None);
        assert_eq!(binary_reason(b"\xff\xfeH\0i\0"), None);
        assert_eq!(binary_reason(b"H\0e\0l\0l\0o\0"), None);
        assert_eq!(binary_reason(b""), None);
    }

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("64KiB"), Ok(64 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5X").is_err());
        assert!(parse_size("99999999999T").is_err());
        assert_eq!(show_size(512 << 20), "512 MiB");
    }

    #[test]
    fn glob_matches_names() {
        assert!(glob_match("*.txt", "a.txt"));
        assert!(!glob_match("*.txt", "a.txt.gz"));
        assert!(glob_match("0??_*.txt", "004_x.txt"));
    }
}
