//! Expanding command-line paths into inputs, lazily and in a stable order.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Format, Input, ReadError};

/// Expands command-line paths: files as given, directories recursively in
/// sorted order (skipping hidden entries and files of unknown format), and
/// `-` as stdin. A path that cannot be read is an error naming it; the walk
/// goes on with the rest.
pub fn discover(
    paths: &[PathBuf],
) -> impl Iterator<Item = Result<Input, ReadError>> + Send + use<> {
    // Owned, so the walk does not borrow the caller's arguments.
    let args: Vec<PathBuf> = paths.to_vec();
    Walk {
        args: args.into_iter(),
        stack: Vec::new(),
        seen: HashSet::new(),
    }
}

struct Walk {
    args: std::vec::IntoIter<PathBuf>,
    /// Directories being listed, innermost last.
    stack: Vec<std::vec::IntoIter<Result<PathBuf, ReadError>>>,
    /// Canonical directories already entered, so symlink loops end and a
    /// directory reached twice is read once.
    seen: HashSet<PathBuf>,
}

impl Iterator for Walk {
    type Item = Result<Input, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(entries) = self.stack.last_mut() {
                match entries.next() {
                    None => {
                        self.stack.pop();
                    }
                    Some(Err(e)) => return Some(Err(e)),
                    Some(Ok(path)) => {
                        if let Some(found) = self.entry(path) {
                            return Some(found);
                        }
                    }
                }
                continue;
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                return Some(Ok(Input {
                    path: None,
                    source: "-".to_string(),
                    format: None,
                }));
            }
            match fs::metadata(&arg) {
                Err(e) => return Some(Err(access_error(&arg, &e))),
                Ok(meta) if meta.is_dir() => {
                    if let Some(e) = self.enter(&arg) {
                        return Some(Err(e));
                    }
                }
                // Given by name, so read whatever it is (a fifo from `<(...)`,
                // a file without extension) and let the format be sniffed.
                Ok(_) => return Some(Ok(input(arg))),
            }
        }
    }
}

impl Walk {
    /// Queues a directory's entries, sorted by name; an error if it cannot be
    /// listed, nothing if it was seen before.
    fn enter(&mut self, dir: &Path) -> Option<ReadError> {
        let canonical = match fs::canonicalize(dir) {
            Ok(canonical) => canonical,
            Err(e) => return Some(access_error(dir, &e)),
        };
        if !self.seen.insert(canonical) {
            return None;
        }
        let listing = match fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(e) => return Some(error(dir, format!("cannot list directory: {e}"))),
        };
        let mut names = Vec::new();
        let mut errors = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => names.push(entry.file_name()),
                Err(e) => errors.push(Err(error(dir, format!("cannot list directory: {e}")))),
            }
        }
        names.retain(|name| !name.as_encoded_bytes().starts_with(b"."));
        names.sort();
        errors.extend(names.into_iter().map(|name| Ok(dir.join(name))));
        self.stack.push(errors.into_iter());
        None
    }

    fn entry(&mut self, path: PathBuf) -> Option<Result<Input, ReadError>> {
        let known = Format::of_path(&path).is_some();
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => self.enter(&path).map(Err),
            Ok(meta) if meta.is_file() && known => Some(Ok(input(path))),
            Ok(_) => None,
            // A dangling link named like an article is worth reporting; other
            // debris in a directory is not.
            Err(e) => known.then(|| Err(access_error(&path, &e))),
        }
    }
}

fn input(path: PathBuf) -> Input {
    Input {
        source: source_of(&path),
        format: Format::of_path(&path),
        path: Some(path),
    }
}

/// The path as text, and as the article's identity: as given when it is
/// printable UTF-8. Otherwise bytes that are not UTF-8 and control
/// characters (a newline in a file name) are written `%XX`, and `%` itself
/// as `%25`, so that two such names never share a source (and an article):
/// a lossy conversion would turn `a\xFF.txt` and `a\xFE.txt` both into
/// `a\u{FFFD}.txt` and let one replace the other.
pub(crate) fn source_of(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.chars().any(char::is_control) => return s.to_owned(),
        _ => {}
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    let escape = |out: &mut String, bytes: &[u8]| {
        for b in bytes {
            out.push_str(&format!("%{b:02X}"));
        }
    };
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() || c == '%' {
                escape(&mut out, c.encode_utf8(&mut [0; 4]).as_bytes());
            } else {
                out.push(c);
            }
        }
        escape(&mut out, chunk.invalid());
    }
    out
}

fn access_error(path: &Path, e: &io::Error) -> ReadError {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ => format!("cannot access: {e}"),
    };
    error(path, message)
}

fn error(path: &Path, message: String) -> ReadError {
    ReadError::new(&source_of(path), None, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ng-walk-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    fn sources(paths: &[PathBuf]) -> Vec<Result<String, String>> {
        discover(paths)
            .map(|r| r.map(|i| i.source).map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn walks_directories_sorted_and_filtered() {
        let dir = scratch("sorted");
        for file in [
            "b.txt",
            "a.HTML",
            "notes.pdf",
            ".hidden.txt",
            "sub/c.jsonl",
            ".git/x.txt",
            "sub/z/d.md",
        ] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, "Text").expect("write");
        }
        let d = dir.display();
        assert_eq!(
            sources(std::slice::from_ref(&dir)),
            vec![
                Ok(format!("{d}/a.HTML")),
                Ok(format!("{d}/b.txt")),
                Ok(format!("{d}/sub/c.jsonl")),
                Ok(format!("{d}/sub/z/d.md")),
            ]
        );
        let explicit: Vec<_> = discover(&[dir.join("notes.pdf"), PathBuf::from("-")]).collect();
        let explicit: Vec<Input> = explicit.into_iter().map(|r| r.expect("input")).collect();
        assert_eq!(explicit[0].format, None);
        assert_eq!(explicit[0].source, format!("{d}/notes.pdf"));
        assert_eq!(explicit[1].path, None);
        assert_eq!(explicit[1].source, "-");
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn missing_path_is_an_error_and_the_rest_continues() {
        let dir = scratch("missing");
        fs::write(dir.join("a.txt"), "Text").expect("write");
        let missing = dir.join("nope.txt");
        let got = sources(&[missing.clone(), dir.join("a.txt")]);
        assert_eq!(
            got[0],
            Err(format!("{}: no such file or directory", missing.display()))
        );
        assert!(got[1].is_ok());
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn sources_are_the_path_or_an_unambiguous_escape() {
        assert_eq!(source_of(Path::new("in/a b/Ü #1.txt")), "in/a b/Ü #1.txt");
        assert_eq!(source_of(Path::new("50%.txt")), "50%.txt");
        assert_eq!(source_of(Path::new("a\nb%.txt")), "a%0Ab%25.txt");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        let dir = scratch("bytes");
        for name in [&b"a\xff.txt"[..], b"a\xfe.txt", b"b\xc3.txt"] {
            fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), "Text").expect("write");
        }
        let got = sources(std::slice::from_ref(&dir));
        let d = dir.display();
        assert_eq!(
            got,
            vec![
                Ok(format!("{d}/a%FE.txt")),
                Ok(format!("{d}/a%FF.txt")),
                Ok(format!("{d}/b%C3.txt")),
            ]
        );
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn survives_symlink_loops() {
        let dir = scratch("loop");
        fs::create_dir_all(dir.join("a")).expect("mkdir");
        fs::write(dir.join("a/x.txt"), "Text").expect("write");
        std::os::unix::fs::symlink(&dir, dir.join("a/up")).expect("symlink");
        std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("a/dangling.txt"))
            .expect("symlink");
        let got = sources(std::slice::from_ref(&dir));
        let d = dir.display();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].as_ref().is_err_and(|e| e.contains("dangling.txt")));
        assert_eq!(got[1], Ok(format!("{d}/a/x.txt")));
        fs::remove_dir_all(&dir).ok();
    }
}
