//! Outputs: checked before a run starts, written atomically, and never
//! allowed to destroy what they point at.
//!
//! - `-` is standard output, written through as the run goes.
//! - Any other output is written to a temporary file beside its target and
//!   renamed over it on completion, so an interrupted run never leaves a
//!   half-written report under the final name. The new file keeps the mode
//!   of the file it replaces, and otherwise gets `0666` less the umask (as
//!   any file the user writes).
//! - A target that exists must be a regular file, or a symbolic link to
//!   one (the file it points at is replaced and the link kept): a device,
//!   a FIFO, a socket or a folder is never replaced ([`OutputError::NotRegular`]).
//! - [`plan`] checks a set of outputs against each other and against the
//!   run's inputs by file identity (device and inode on Unix, so `./a.csv`,
//!   `a.csv` and a hard link are one file), before any work is done: no
//!   output may be an input or another output, and each must be creatable
//!   (its folder exists).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output cannot be written; every message names the output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{path}: is {what}, not a regular file; mtcheck does not replace it{}",
        hint(what)
    )]
    NotRegular { path: String, what: &'static str },
    #[error("{path}: cannot write: the folder {folder} does not exist")]
    NoFolder { path: String, folder: String },
    #[error("{path}: is the same file as the {input} ({other}); refusing to overwrite an input")]
    IsInput {
        path: String,
        input: String,
        other: String,
    },
    #[error("{path}: is given for both {first} and {second}; each output needs its own file")]
    Twice {
        path: String,
        first: String,
        second: String,
    },
    #[error("{path}: cannot write: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn hint(what: &str) -> &'static str {
    if what == "a folder" {
        ""
    } else {
        " (use `-` for standard output)"
    }
}

/// What a file is ("a folder", "a FIFO (named pipe)"), for messages.
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// A file's identity: the same file under any name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    /// An existing file (device and inode on Unix, its canonical path elsewhere).
    #[cfg(unix)]
    Existing(u64, u64),
    #[cfg(not(unix))]
    Existing(PathBuf),
    /// A file still to be created: its folder's canonical path and its name.
    New(PathBuf),
}

/// The identity of an existing file, following symbolic links; `None` for
/// `-` and for a path that does not exist.
pub fn identity(path: &Path) -> Option<Identity> {
    if path.as_os_str() == "-" {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Identity::Existing(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        std::fs::canonicalize(path).ok().map(Identity::Existing)
    }
}

/// Where an output really goes once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    /// The file to replace (symbolic links resolved), and the mode of the
    /// file it replaces, if any.
    File {
        path: PathBuf,
        mode: Option<u32>,
    },
}

/// Checks one output path: `-`, an existing regular file (through any
/// symbolic links) or a new name in an existing folder.
pub fn check_target(path: &Path) -> Result<Target, OutputError> {
    let shown = || path.display().to_string();
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    match std::fs::metadata(path) {
        Ok(meta) => {
            if !meta.is_file() {
                return Err(OutputError::NotRegular {
                    path: shown(),
                    what: file_kind(&meta),
                });
            }
            // A symbolic link is kept: the file it points at is replaced.
            let real = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
            {
                std::fs::canonicalize(path).map_err(|source| OutputError::Io {
                    path: shown(),
                    source,
                })?
            } else {
                path.to_path_buf()
            };
            #[cfg(unix)]
            let mode = {
                use std::os::unix::fs::PermissionsExt;
                Some(meta.permissions().mode() & 0o777)
            };
            #[cfg(not(unix))]
            let mode = None;
            Ok(Target::File { path: real, mode })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                return Err(OutputError::Io {
                    path: shown(),
                    source: std::io::Error::other("is a symbolic link to a missing file"),
                });
            }
            let folder = parent(path);
            match std::fs::metadata(folder) {
                Ok(m) if m.is_dir() => Ok(Target::File {
                    path: path.to_path_buf(),
                    mode: None,
                }),
                _ => Err(OutputError::NoFolder {
                    path: shown(),
                    folder: folder.display().to_string(),
                }),
            }
        }
        Err(source) => Err(OutputError::Io {
            path: shown(),
            source,
        }),
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The identity an output will have: the existing file's, or its folder and name.
fn target_identity(target: &Target) -> Option<Identity> {
    match target {
        Target::Stdout => None,
        Target::File { path, mode } => {
            if mode.is_some() || path.exists() {
                identity(path)
            } else {
                let folder = std::fs::canonicalize(parent(path)).ok()?;
                Some(Identity::New(folder.join(path.file_name()?)))
            }
        }
    }
}

/// Checks every output of a run before it starts: each is writable
/// ([`check_target`]), none is the same file as an input or as another
/// output (two `-` are one output too). `outputs` and `inputs` are
/// `(role, path)` pairs, the role naming the option in messages
/// (`--output`, `the candidate`).
pub fn plan(outputs: &[(&str, &Path)], inputs: &[(&str, &Path)]) -> Result<(), OutputError> {
    let input_ids: Vec<(&str, &Path, Identity)> = inputs
        .iter()
        .filter_map(|&(role, p)| identity(p).map(|id| (role, p, id)))
        .collect();
    let mut seen: Vec<(&str, Option<Identity>, bool)> = Vec::new();
    for &(role, path) in outputs {
        let target = check_target(path)?;
        let id = target_identity(&target);
        if let Some(id) = &id {
            if let Some((input, other, _)) = input_ids.iter().find(|(_, _, i)| i == id) {
                return Err(OutputError::IsInput {
                    path: path.display().to_string(),
                    input: input.to_string(),
                    other: other.display().to_string(),
                });
            }
        }
        let stdout = target == Target::Stdout;
        if let Some((first, _, _)) = seen
            .iter()
            .find(|(_, i, s)| (stdout && *s) || (id.is_some() && *i == id))
        {
            return Err(OutputError::Twice {
                path: if stdout {
                    "standard output (-)".to_string()
                } else {
                    path.display().to_string()
                },
                first: first.to_string(),
                second: role.to_string(),
            });
        }
        seen.push((role, id, stdout));
    }
    Ok(())
}

/// A file being written; it appears under its final name only on [`commit`](AtomicFile::commit).
pub struct AtomicFile {
    target: PathBuf,
    temp: tempfile::NamedTempFile,
}

impl AtomicFile {
    /// Starts writing `target`, which must pass [`check_target`] (and not
    /// be `-`): an existing folder, device or FIFO is refused here, before
    /// anything is written.
    pub fn create(target: &Path) -> std::io::Result<AtomicFile> {
        let (real, mode) = match check_target(target) {
            Ok(Target::File { path, mode }) => (path, mode),
            Ok(Target::Stdout) => (target.to_path_buf(), None),
            Err(OutputError::Io { source, .. }) => return Err(source),
            Err(e) => return Err(std::io::Error::other(strip_path(&e, target))),
        };
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{name}.");
        builder.prefix(&prefix).suffix(".tmp");
        // tempfile creates 0600 files; a report is meant to be shared like
        // any file the user writes: 0666 less the umask (applied by open).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(parent(&real))?;
        // The file it replaces keeps its mode.
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = mode;
        Ok(AtomicFile { target: real, temp })
    }

    pub fn writer(&mut self) -> &mut std::fs::File {
        self.temp.as_file_mut()
    }

    /// Flushes and renames the file into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.temp.as_file_mut().flush()?;
        self.temp
            .persist(&self.target)
            .map(|_| ())
            .map_err(|e| e.error)
    }
}

/// The message of `e` without its leading `path: ` (an io::Error's caller
/// names the path itself).
fn strip_path(e: &OutputError, path: &Path) -> String {
    let full = e.to_string();
    let prefix = format!("{}: ", path.display());
    full.strip_prefix(&prefix)
        .map(str::to_string)
        .unwrap_or(full)
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.as_file_mut().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.as_file_mut().flush()
    }
}

/// An output being written: standard output (for `-`), or an [`AtomicFile`].
pub enum Sink {
    Stdout(std::io::Stdout),
    File(AtomicFile),
}

impl Sink {
    /// Opens `path` for writing (`-` is standard output).
    pub fn create(path: &Path) -> std::io::Result<Sink> {
        if path.as_os_str() == "-" {
            Ok(Sink::Stdout(std::io::stdout()))
        } else {
            AtomicFile::create(path).map(Sink::File)
        }
    }

    /// Flushes, and renames a file into place.
    pub fn commit(self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(mut s) => s.flush(),
            Sink::File(f) => f.commit(),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}

/// Writes `bytes` to `target` atomically (`-`: standard output).
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = Sink::create(target)?;
    f.write_all(bytes)?;
    f.commit()
}

/// `s` with control characters (C0 but tab, DEL, C1) and bidirectional
/// overrides escaped as `\u{..}`, for messages on a terminal: a file name
/// or a manifest id cannot ring the bell, move the cursor or recolour it.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_under_the_final_name_until_commit() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.csv");
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"id\n").unwrap();
        assert!(!target.exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"id\n");
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.csv");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&target, b"new").unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_kept_and_its_file_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn folders_and_missing_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            check_target(dir.path()),
            Err(OutputError::NotRegular { .. })
        ));
        assert!(matches!(
            check_target(&dir.path().join("no/such/x.csv")),
            Err(OutputError::NoFolder { .. })
        ));
        assert!(AtomicFile::create(dir.path()).is_err());
        assert_eq!(check_target(Path::new("-")).unwrap(), Target::Stdout);
    }

    #[test]
    fn plan_compares_by_identity() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        std::fs::write(&input, "x").unwrap();
        let dotted = dir.path().join(".").join("in.txt");
        let err = plan(&[("--output", &dotted)], &[("candidate", &input)]).unwrap_err();
        assert!(matches!(err, OutputError::IsInput { .. }), "{err}");
        let new = dir.path().join("r.csv");
        let new2 = dir.path().join(".").join("r.csv");
        let err = plan(&[("--output", &new), ("--json", &new2)], &[]).unwrap_err();
        assert!(matches!(err, OutputError::Twice { .. }), "{err}");
        let dash = Path::new("-");
        assert!(plan(&[("--output", dash), ("--json", dash)], &[]).is_err());
        assert!(plan(&[("--output", &new), ("--json", dash)], &[("c", &input)]).is_ok());
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(printable("plain\ttab é"), "plain\ttab é");
        assert_eq!(printable("x\u{9b}y\u{202e}"), "x\\u{9b}y\\u{202e}");
    }

    #[test]
    fn dropped_file_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.write_all(b"partial").unwrap();
        }
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
