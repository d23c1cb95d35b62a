//! Reading the files a user controls: regular files only.
//!
//! Opening a named pipe for reading blocks until something writes to it, and a device
//! can be read without end, so a FIFO named `dateline.toml` would hang a build and
//! stall `serve` for good. Every file dateline reads from a site — its configuration,
//! content, templates and static files — goes through [`read_regular`], which looks
//! at the file's type before opening it. Listing and reporting are left to callers.

use std::fmt;
use std::fs::FileType;
use std::io::Read as _;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing is there.
    NotFound,
    /// Something is there, but not a regular file: what it is, in words
    /// (`a named pipe (FIFO)`), from [`describe`].
    NotRegular(&'static str),
    /// A regular file that could not be read.
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("the file does not exist"),
            ReadError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// The help for a [`ReadError::NotRegular`]: what dateline reads, and what to do.
pub const NOT_REGULAR_HELP: &str =
    "dateline reads only regular files; replace it with a regular file, or remove it";

/// What a file of type `file_type` is, in words, when it is not a regular file:
/// `a named pipe (FIFO)`, `a device`, `a socket`, `a folder`. `None` for a regular
/// file. (Symbolic links are followed before this is asked.)
pub fn describe(file_type: &FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    if file_type.is_symlink() {
        return Some("a symbolic link that leads nowhere");
    }
    Some("not a regular file")
}

/// Reads the whole of the regular file at `path` (following symbolic links). Its type
/// is checked before it is opened, and again once open, so a named pipe or a device
/// is refused instead of blocking or reading without end.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let not_found = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    };
    let meta = std::fs::metadata(path).map_err(not_found)?;
    if let Some(what) = describe(&meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    let mut file = std::fs::File::open(path).map_err(not_found)?;
    // Replaced between the two looks: the open file is what counts.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(what) = describe(&meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(ReadError::Io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_and_refuses_folders() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "text").unwrap();
        assert_eq!(read_regular(&file).unwrap(), b"text");
        assert!(matches!(
            read_regular(dir.path()),
            Err(ReadError::NotRegular("a folder"))
        ));
        assert!(matches!(
            read_regular(&dir.path().join("missing")),
            Err(ReadError::NotFound)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_named_pipe_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("dateline.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        assert!(matches!(
            read_regular(&fifo),
            Err(ReadError::NotRegular("a named pipe (FIFO)"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/null")),
            Err(ReadError::NotRegular("a device"))
        ));
    }
}
