//! Reading inputs and writing outputs: stdin/stdout, directories, compressed
//! files (.gz, .zst), atomic writes (temp file + rename in the same folder).

use anyhow::{bail, Context as _, Result};
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

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
pub fn expand(paths: &[PathBuf], glob: Option<&str>) -> Result<Vec<Input>> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, glob, &mut found).with_context(|| format!("{}: cannot read directory", p.display()))?;
            found.sort();
            out.extend(found.into_iter().map(Input::File));
        } else if p.exists() {
            out.push(Input::File(p.clone()));
        } else {
            bail!("{}: no such file or directory", p.display());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, glob: Option<&str>, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ft = entry.file_type()?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Hidden files and folders (.git, .cache) are never cleaned.
        if name.starts_with('.') {
            continue;
        }
        if ft.is_dir() {
            walk(&path, glob, out)?;
        } else if ft.is_file()
            && glob.is_none_or(|g| glob_match(g, &name)) {
                out.push(path);
            }
    }
    Ok(())
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

/// Read a whole input (decompressed).
pub fn read_all(input: &Input) -> Result<InputBytes> {
    let mut buf = Vec::new();
    match input {
        Input::File(p) if compression_of(p) == Compression::None => {
            let file = fs::File::open(p).with_context(|| format!("{}: cannot read", p.display()))?;
            let len = file.metadata().map(|m| m.len()).unwrap_or(0);
            if len >= MAP_MIN_BYTES {
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
            (&file).read_to_end(&mut buf).with_context(|| format!("{}: cannot read", p.display()))?;
        }
        _ => {
            open_reader(input)?.read_to_end(&mut buf).with_context(|| format!("{}: cannot read", input.name()))?;
        }
    }
    Ok(InputBytes::Buffer(buf))
}

/// A file written atomically: data goes to a temp file in the target's folder,
/// renamed over the target by [`AtomicFile::commit`]. Dropped without commit,
/// the temp file is removed and the target is untouched.
pub struct AtomicFile {
    target: PathBuf,
    writer: Box<dyn FinishWrite>,
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
        let buf = io::BufWriter::with_capacity(1 << 20, tmp);
        let writer: Box<dyn FinishWrite> = match compression_of(target) {
            Compression::None => Box::new(Plain(buf)),
            Compression::Gzip => Box::new(Gz(flate2::write::GzEncoder::new(buf, flate2::Compression::default()))),
            Compression::Zstd => Box::new(Zst(zstd::stream::write::Encoder::new(buf, 3)?)),
        };
        Ok(AtomicFile { target: target.to_path_buf(), writer })
    }

    /// Finish the file and move it over the target (keeping the target's permissions).
    pub fn commit(self) -> Result<()> {
        let target = self.target;
        let tmp = self.writer.finish().with_context(|| format!("{}: cannot write", target.display()))?;
        // Existing files keep their permissions; new ones get the usual 0644
        // (a temp file is created 0600).
        let perms = match fs::metadata(&target) {
            Ok(meta) => Some(meta.permissions()),
            Err(_) => default_permissions(tmp.path()),
        };
        if let Some(perms) = perms {
            let _ = fs::set_permissions(tmp.path(), perms);
        }
        // On disk before the rename: a crash leaves the old file or the new one.
        tmp.as_file().sync_all().with_context(|| format!("{}: cannot write", target.display()))?;
        tmp.persist(&target).with_context(|| format!("{}: cannot replace the file", target.display()))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.writer.write(b)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
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
    Device(io::BufWriter<fs::File>),
}

impl Sink {
    /// `None` or `-` is stdout.
    pub fn open(path: Option<&Path>) -> Result<Self> {
        match path {
            None => Ok(Sink::Stdout(io::BufWriter::with_capacity(1 << 20, io::stdout()))),
            Some(p) if p.as_os_str() == "-" => Ok(Sink::Stdout(io::BufWriter::with_capacity(1 << 20, io::stdout()))),
            Some(p) if p.exists() && !p.is_file() => Ok(Sink::Device(io::BufWriter::new(
                fs::OpenOptions::new().write(true).open(p).with_context(|| format!("{}: cannot open for writing", p.display()))?,
            ))),
            Some(p) => Ok(Sink::File(AtomicFile::create(p)?)),
        }
    }

    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => Ok(w.flush()?),
            Sink::File(f) => f.commit(),
            Sink::Device(mut w) => Ok(w.flush()?),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(b),
            Sink::File(f) => f.write(b),
            Sink::Device(w) => w.write(b),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(f) => f.flush(),
            Sink::Device(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_names() {
        assert!(glob_match("*.txt", "a.txt"));
        assert!(!glob_match("*.txt", "a.txt.gz"));
        assert!(glob_match("0??_*.txt", "004_x.txt"));
    }
}
