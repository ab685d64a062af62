//! JSON Lines: one article object per line, streamed so that a file of any size
//! needs memory for one line only.

use std::io::{self, BufRead};

use serde_json::{Map, Value};

use super::decode::{self, NOT_UTF8, normalize_newlines};
use super::{Article, Parsed, ReadError, parse_date, parse_lang};

pub(crate) struct Lines<R> {
    reader: R,
    source: String,
    max: usize,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R, source: &str, max: usize) -> Self {
        Lines {
            reader,
            source: source.to_string(),
            max,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(&self.source, Some(self.line_no), message)
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line_no += 1;
            let line = match read_line(&mut self.reader, &mut self.buf, self.max) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(format!("cannot read: {e}"))));
                }
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::TooLong(len)) => {
                    let message = format!(
                        "line is {len} bytes, larger than {}",
                        super::limit_text(self.max)
                    );
                    return Some(Err(self.error(message)));
                }
                Ok(Line::Read) => &self.buf[..],
            };
            let mut line = line.strip_suffix(b"\r").unwrap_or(line);
            if self.line_no == 1 {
                if line.starts_with(b"\xFF\xFE") || line.starts_with(b"\xFE\xFF") {
                    self.done = true;
                    return Some(Err(
                        self.error("UTF-16 JSON Lines are not supported, convert to UTF-8")
                    ));
                }
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                // One error for a binary file, not one per "line" of it.
                if decode::looks_binary(line) {
                    self.done = true;
                    return Some(Err(ReadError::new(&self.source, None, decode::BINARY)));
                }
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_line(line, &self.source, self.line_no).map_err(|m| self.error(m)));
        }
        None
    }
}

enum Line {
    Eof,
    Read,
    TooLong(usize),
}

/// Reads one line without its `\n` into `buf`; a line over `max` bytes is
/// consumed to its end but not kept.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    buf.clear();
    let (mut total, mut any, mut too_long) = (0usize, false, false);
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..newline.unwrap_or(available.len())];
        total = total.saturating_add(chunk.len());
        if !too_long {
            if total > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = chunk.len() + usize::from(newline.is_some());
        reader.consume(used);
        if newline.is_some() {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::Eof,
        (true, true) => Line::TooLong(total),
        (true, false) => Line::Read,
    })
}

fn parse_line(line: &[u8], path: &str, line_no: usize) -> Result<Article, String> {
    let mut parsed = Parsed::default();
    let value: Value = match std::str::from_utf8(line) {
        Ok(s) => {
            serde_json::from_str(s).map_err(|e| format!("not valid JSON: {}", json_error(&e)))?
        }
        Err(bad) => match serde_json::from_str(&decode::lenient(line)) {
            Ok(value) => {
                parsed.warnings.push(NOT_UTF8.to_string());
                value
            }
            Err(e) => {
                return Err(format!(
                    "invalid UTF-8 at byte {}, and not valid JSON as Windows-1252 either: {}",
                    bad.valid_up_to(),
                    json_error(&e)
                ));
            }
        },
    };
    let Value::Object(object) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let text = match object.get("text") {
        None => return Err("missing field `text`".to_string()),
        Some(Value::String(text)) => text,
        Some(_) => return Err("field `text` must be a string".to_string()),
    };
    if text.trim().is_empty() {
        return Err("empty article: field `text` is blank".to_string());
    }
    parsed.text = normalize_newlines(text.clone());
    parsed.title = string_field(&object, "title")?;
    parsed.url = string_field(&object, "url")?;
    let date = string_field(&object, "date")?;
    let published = string_field(&object, "published")?;
    if let Some((field, raw)) = date
        .map(|d| ("date", d))
        .or(published.map(|p| ("published", p)))
    {
        parsed.published = parse_date(&raw, &format!("field `{field}`"), &mut parsed.warnings);
    }
    if let Some(lang) = string_field(&object, "lang")? {
        parsed.lang = parse_lang(&lang, "field `lang`", &mut parsed.warnings);
    }
    let id = match object.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if id.trim().is_empty() => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(id)) => Some(id.to_string()),
        Some(_) => return Err("field `id` must be a string or a number".to_string()),
    };
    let fallback = match id {
        Some(id) => format!("{path}#{id}"),
        None => format!("{path}#L{line_no}"),
    };
    parsed
        .into_article(path, Some(fallback))
        .map_err(|e| e.message)
}

/// An absent or `null` field is missing; a blank string is treated the same.
fn string_field(object: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(format!("field `{key}` must be a string")),
    }
}

/// serde_json counts lines within the one line it was given; only the column
/// means anything here.
fn json_error(e: &serde_json::Error) -> String {
    e.to_string().replace(" at line 1 column ", " at column ")
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn read(input: &[u8], max: usize) -> Vec<Result<Article, ReadError>> {
        Lines::new(input, "news.jsonl", max).collect()
    }

    fn errors(input: &[u8]) -> Vec<String> {
        read(input, 1 << 20)
            .into_iter()
            .filter_map(Result::err)
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn reads_fields_and_names_sources() {
        let input = concat!(
            "\u{FEFF}{\"text\":\"Die Stadt Ulm baut.\",\"title\":\"Bau\",\"date\":\"2024-05-02T09:00:00+02:00\",\"lang\":\"de\"}\r\n",
            "\n",
            "{\"text\":\"Rain in Leeds.\",\"url\":\"https://example.com/rain\",\"id\":5}\n",
            "{\"text\":\"Snow.\",\"id\":\"a-1\",\"published\":\"2023\"}",
        );
        let got = read(input.as_bytes(), 1 << 20);
        let a: Vec<&Article> = got.iter().map(|r| r.as_ref().expect("article")).collect();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].source, "news.jsonl#L1");
        assert_eq!(a[0].title.as_deref(), Some("Bau"));
        assert_eq!(a[0].lang, Some(Lang::De));
        assert_eq!(
            a[0].published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-02")
        );
        assert_eq!(a[1].source, "https://example.com/rain");
        assert_eq!(a[2].source, "news.jsonl#a-1");
        assert_eq!(
            a[2].published.map(|d| d.to_string()).as_deref(),
            Some("2023")
        );
    }

    #[test]
    fn bad_lines_are_errors_and_reading_goes_on() {
        let input = concat!(
            "{\"text\":\"Eins.\"}\n",
            "{\"text\": oops}\n",
            "[1,2]\n",
            "{\"title\":\"x\"}\n",
            "{\"text\":42}\n",
            "{\"text\":\"Zwei.\",\"date\":20240101}\n",
            "{\"text\":\"  \"}\n",
            "{\"text\":\"Drei.\",\"id\":[1]}\n",
            "{\"text\":\"Vier.\"}\n",
        );
        let got = read(input.as_bytes(), 1 << 20);
        assert_eq!(got.len(), 9);
        assert!(got[0].is_ok() && got[8].is_ok());
        let e = errors(input.as_bytes());
        assert!(
            e[0].starts_with("news.jsonl:2: not valid JSON: expected value at column"),
            "{}",
            e[0]
        );
        assert_eq!(e[1], "news.jsonl:3: expected a JSON object, found an array");
        assert_eq!(e[2], "news.jsonl:4: missing field `text`");
        assert_eq!(e[3], "news.jsonl:5: field `text` must be a string");
        assert_eq!(e[4], "news.jsonl:6: field `date` must be a string");
        assert_eq!(e[5], "news.jsonl:7: empty article: field `text` is blank");
        assert_eq!(
            e[6],
            "news.jsonl:8: field `id` must be a string or a number"
        );
    }

    #[test]
    fn impossible_date_and_unknown_language_warn() {
        let got = read(
            br#"{"text":"Hallo.","date":"2024-02-30","lang":"fr"}"#,
            1 << 20,
        );
        let a = got[0].as_ref().expect("article");
        assert_eq!(a.published, None);
        assert_eq!(a.warnings.len(), 2);
        assert_eq!(
            a.warnings[0],
            "impossible date `2024-02-30` in field `date`, ignored"
        );
    }

    #[test]
    fn windows_1252_line_with_warning() {
        let got = read(
            b"{\"text\":\"Gr\xFC\xDFe aus M\xFCnchen\"}\n{\"text\":\"ok\"}",
            1 << 20,
        );
        let a = got[0].as_ref().expect("article");
        assert_eq!(a.text, "Grüße aus München");
        assert_eq!(a.warnings, vec![NOT_UTF8.to_string()]);
        assert!(got[1].is_ok());
    }

    #[test]
    fn overlong_line_is_skipped_without_buffering() {
        let long = format!("{{\"text\":\"{}\"}}", "x".repeat(100_000));
        let input = format!("{{\"text\":\"kurz\"}}\n{long}\n{{\"text\":\"danach\"}}\n");
        let mut reader = std::io::BufReader::with_capacity(64, input.as_bytes());
        let mut buf = Vec::new();
        assert!(matches!(
            read_line(&mut reader, &mut buf, 1000),
            Ok(Line::Read)
        ));
        assert!(
            matches!(read_line(&mut reader, &mut buf, 1000), Ok(Line::TooLong(n)) if n == long.len())
        );
        assert!(buf.capacity() < 2000);
        assert!(matches!(
            read_line(&mut reader, &mut buf, 1000),
            Ok(Line::Read)
        ));
        assert_eq!(buf, b"{\"text\":\"danach\"}");
        assert!(matches!(
            read_line(&mut reader, &mut buf, 1000),
            Ok(Line::Eof)
        ));

        let got = read(input.as_bytes(), 1000);
        assert_eq!(got.len(), 3);
        let message = &got[1].as_ref().unwrap_err().message;
        assert_eq!(
            message,
            &format!(
                "line is {} bytes, larger than the limit of 1000 bytes (--max-article-size)",
                long.len()
            )
        );
        assert_eq!(
            got[2].as_ref().map(|a| a.source.as_str()),
            Ok("news.jsonl#L3")
        );
    }

    #[test]
    fn binary_file_is_one_error() {
        let got = read(b"\x7FELF\x02\x01\x01\0\0\0\n\0\0\n\0\0\n", 1 << 20);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].as_ref().unwrap_err().to_string(),
            "news.jsonl: binary file, not an article"
        );
    }
}
