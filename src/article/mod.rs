//! Reading news articles from plain text, HTML and JSON Lines into [`Article`]s.
//!
//! Everything here is tolerant of messy input: problems with one article become
//! a [`ReadError`] or a warning on that article and never stop the others.

mod decode;
mod html;
mod jsonl;
mod parsed;
mod text;
mod walk;

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use crate::date::PartialDate;
use crate::lang::Lang;
use parsed::Parsed;
pub(crate) use parsed::{date_part, parse_date, parse_lang};

pub use walk::discover;

/// One article with the metadata its input declared.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// Identity of the article: its URL when it names one, else where it came from.
    pub source: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    /// Declared language; `None` leaves detection to the caller.
    pub lang: Option<Lang>,
    /// The article text without header lines; fact offsets count from its start.
    pub text: String,
    /// Non-fatal problems, e.g. "not UTF-8, decoded as Windows-1252".
    pub warnings: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
}

impl Format {
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// Guesses from the first non-blank character, looking past byte order marks.
    pub fn sniff(bytes: &[u8]) -> Format {
        let first = match bytes {
            [0xFF, 0xFE, rest @ ..] => first_utf16_unit(rest, u16::from_le_bytes),
            [0xFE, 0xFF, rest @ ..] => first_utf16_unit(rest, u16::from_be_bytes),
            _ => {
                let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                rest.iter().copied().find(|b| !b.is_ascii_whitespace())
            }
        };
        match first {
            Some(b'{') => Format::JsonLines,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::JsonLines => "jsonl",
        }
    }
}

fn first_utf16_unit(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<u8> {
    bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .find(|&u| !matches!(u, 0x09 | 0x0A | 0x0C | 0x0D | 0x20))
        .and_then(|u| u8::try_from(u).ok())
}

#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Larger articles (whole files for text and HTML, single lines for JSON
    /// Lines) are rejected before they are read into memory.
    pub max_article_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_article_bytes: 16 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl ReadError {
    pub(crate) fn new(source: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        ReadError {
            source: source.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names and serde messages may carry newlines; error output stays
        // one line per error so it can be grepped and counted.
        let source = one_line(&self.source);
        let message = one_line(&self.message);
        match self.line {
            Some(line) => write!(f, "{source}:{line}: {message}"),
            None => write!(f, "{source}: {message}"),
        }
    }
}

impl std::error::Error for ReadError {}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// One input file or stdin, found by [`discover`].
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// `None` reads stdin.
    pub path: Option<PathBuf>,
    pub source: String,
    /// `None` sniffs the format from the first bytes.
    pub format: Option<Format>,
}

type Articles = Box<dyn Iterator<Item = Result<Article, ReadError>> + Send>;

/// Reads one input; a text or HTML file yields one article, a JSON Lines file
/// one per non-blank line, streamed.
pub fn read(
    input: &Input,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<Article, ReadError>> + Send> {
    match open(input, options) {
        Ok(Opened::Lines(lines)) => lines,
        Ok(Opened::Whole(bytes, format)) => Box::new(std::iter::once(whole(
            &input.source,
            &bytes,
            format,
            options,
        ))),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

/// Same as [`read`] for bytes already in memory.
pub fn read_bytes(
    source: &str,
    bytes: &[u8],
    format: Format,
    options: &ReadOptions,
) -> Vec<Result<Article, ReadError>> {
    match format {
        Format::JsonLines => jsonl::Lines::new(bytes, source, options.max_article_bytes).collect(),
        Format::Text | Format::Html => vec![whole(source, bytes, format, options)],
    }
}

enum Opened {
    Lines(Articles),
    Whole(Vec<u8>, Format),
}

/// Enough to sniff the format and to see a NUL byte of a binary file.
const HEAD_BYTES: usize = 8 * 1024;

fn open(input: &Input, options: &ReadOptions) -> Result<Opened, ReadError> {
    let source = input.source.as_str();
    let max = options.max_article_bytes;
    let limit = u64::try_from(max).unwrap_or(u64::MAX);
    let io_error = |what: &str, e: io::Error| ReadError::new(source, None, format!("{what}: {e}"));
    let (mut reader, file_len): (Box<dyn Read + Send>, Option<u64>) = match &input.path {
        None => (Box::new(io::stdin()), None),
        Some(path) => {
            let file = File::open(path).map_err(|e| io_error("cannot open", e))?;
            // Pipes and devices report 0; only regular files have a size.
            let meta = file.metadata().ok().filter(|m| m.is_file());
            (Box::new(file), meta.map(|m| m.len()))
        }
    };
    let mut head = Vec::new();
    let format = match input.format {
        Some(format) => format,
        None => {
            (&mut reader)
                .take(HEAD_BYTES as u64)
                .read_to_end(&mut head)
                .map_err(|e| io_error("cannot read", e))?;
            Format::sniff(&head)
        }
    };
    if format == Format::JsonLines {
        let reader = BufReader::new(Cursor::new(head).chain(reader));
        return Ok(Opened::Lines(Box::new(jsonl::Lines::new(
            reader, source, max,
        ))));
    }
    if let Some(len) = file_len.filter(|&len| len > limit) {
        return Err(too_large(source, "file", len, max));
    }
    // One byte past the limit tells a file that grew, or stdin, apart from one
    // exactly at the limit, without ever holding more than that.
    let budget = limit.saturating_add(1).saturating_sub(head.len() as u64);
    reader
        .take(budget)
        .read_to_end(&mut head)
        .map_err(|e| io_error("cannot read", e))?;
    if head.len() > max {
        let message = format!("input is larger than {}", limit_text(max));
        return Err(ReadError::new(source, None, message));
    }
    Ok(Opened::Whole(head, format))
}

fn too_large(source: &str, what: &str, len: u64, max: usize) -> ReadError {
    let message = format!("{what} is {len} bytes, larger than {}", limit_text(max));
    ReadError::new(source, None, message)
}

/// Names the limit as the user set it: `--max-article-size` takes MiB.
pub(crate) fn limit_text(max: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if max >= MIB && max.is_multiple_of(MIB) {
        format!("the limit of {} MiB (--max-article-size)", max / MIB)
    } else {
        format!("the limit of {max} bytes (--max-article-size)")
    }
}

fn whole(
    source: &str,
    bytes: &[u8],
    format: Format,
    options: &ReadOptions,
) -> Result<Article, ReadError> {
    let max = options.max_article_bytes;
    if bytes.len() > max {
        return Err(too_large(source, "article", bytes.len() as u64, max));
    }
    let decoded = decode::decode(bytes).map_err(|m| ReadError::new(source, None, m))?;
    let mut parsed = match format {
        Format::Html => html::parse(&decoded.text),
        Format::Text | Format::JsonLines => text::parse(&decoded.text),
    };
    let mut warnings = decoded.warnings;
    warnings.append(&mut parsed.warnings);
    parsed.warnings = warnings;
    parsed.into_article(source, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    #[test]
    fn formats_from_extension_and_content() {
        assert_eq!(Format::of_path(Path::new("a/B.TXT")), Some(Format::Text));
        assert_eq!(Format::of_path(Path::new("x.md")), Some(Format::Text));
        assert_eq!(Format::of_path(Path::new("x.Htm")), Some(Format::Html));
        assert_eq!(
            Format::of_path(Path::new("x.ndjson")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::of_path(Path::new("x.pdf")), None);
        assert_eq!(Format::of_path(Path::new("README")), None);
        assert_eq!(
            Format::sniff(b"\xEF\xBB\xBF  {\"text\":1}"),
            Format::JsonLines
        );
        assert_eq!(Format::sniff(b"\n<!doctype html>"), Format::Html);
        assert_eq!(Format::sniff(b"\xFF\xFE<\0h\0"), Format::Html);
        assert_eq!(Format::sniff(b"Der Text"), Format::Text);
        assert_eq!(Format::sniff(b""), Format::Text);
        assert_eq!(Format::JsonLines.name(), "jsonl");
    }

    #[test]
    fn error_display_is_one_line() {
        let e = ReadError::new("a\nb.jsonl", Some(3), "not valid JSON:\nbad");
        assert_eq!(e.to_string(), "a b.jsonl:3: not valid JSON: bad");
        let e = ReadError::new("x.txt", None, "empty article");
        assert_eq!(e.to_string(), "x.txt: empty article");
    }

    #[test]
    fn text_article_takes_source_from_url_header() {
        let bytes = b"url https://example.org/a1 Die Bahn streikt.\r\nMehr folgt.";
        let got = read_bytes("in.txt", bytes, Format::Text, &opts());
        let article = got[0].as_ref().expect("article");
        assert_eq!(article.source, "https://example.org/a1");
        assert_eq!(article.text, "Die Bahn streikt.\nMehr folgt.");
    }

    #[test]
    fn empty_and_oversized_articles_are_errors() {
        let got = read_bytes("e.txt", b" \n\t\n", Format::Text, &opts());
        assert_eq!(got[0].as_ref().unwrap_err().message, "empty article");
        let small = ReadOptions {
            max_article_bytes: 4,
        };
        let got = read_bytes("big.txt", b"Hello world", Format::Text, &small);
        let err = got[0].as_ref().unwrap_err();
        assert_eq!(
            err.message,
            "article is 11 bytes, larger than the limit of 4 bytes (--max-article-size)"
        );
        assert_eq!(
            limit_text(16 * 1024 * 1024),
            "the limit of 16 MiB (--max-article-size)"
        );
    }

    #[test]
    fn reads_files_and_checks_size_before_reading() {
        let dir = std::env::temp_dir().join(format!("ng-article-mod-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("a.txt");
        std::fs::write(&path, "title Wetter\nEs regnet in Köln.").expect("write");
        let input = Input {
            path: Some(path.clone()),
            source: "a.txt".into(),
            format: None,
        };
        let got: Vec<_> = read(&input, &opts()).collect();
        let article = got[0].as_ref().expect("article");
        assert_eq!(article.title.as_deref(), Some("Wetter"));
        assert_eq!(article.source, "a.txt");

        let small = ReadOptions {
            max_article_bytes: 5,
        };
        let got: Vec<_> = read(&input, &small).collect();
        let message = &got[0].as_ref().unwrap_err().message;
        assert!(message.starts_with("file is 32 bytes"), "{message}");

        let jsonl = dir.join("b.jsonl");
        std::fs::write(
            &jsonl,
            "{\"text\":\"One.\"}\n\n{\"text\":\"Two.\",\"id\":7}\n",
        )
        .expect("write");
        let input = Input {
            path: Some(jsonl),
            source: "b.jsonl".into(),
            format: Some(Format::JsonLines),
        };
        let sources: Vec<_> = read(&input, &opts()).map(|r| r.map(|a| a.source)).collect();
        assert_eq!(
            sources,
            vec![Ok("b.jsonl#L1".to_string()), Ok("b.jsonl#7".to_string())]
        );

        let missing = Input {
            path: Some(dir.join("missing.txt")),
            source: "missing.txt".into(),
            format: Some(Format::Text),
        };
        let got: Vec<_> = read(&missing, &opts()).collect();
        assert!(
            got[0]
                .as_ref()
                .unwrap_err()
                .message
                .starts_with("cannot open")
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
