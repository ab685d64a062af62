//! Plain text articles with optional header lines or Markdown front matter.
//!
//! Scraped articles put the header and the first sentence on one line
//! (` date 2024-07 Der Konzern ...`), so a header line ends after its value
//! token and whatever follows is already article text.

use super::{Parsed, parse_date, parse_lang};

const KEYS: [&str; 4] = ["date", "title", "url", "lang"];

/// Front matter longer than this is more likely a text between two rules.
const FRONT_MATTER_MAX_LINES: usize = 100;

pub(crate) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut start = front_matter(text, &mut parsed).unwrap_or(0);
    loop {
        let rest = &text[start..];
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, text.len()),
        };
        if line.trim().is_empty() {
            if rest.is_empty() {
                break;
            }
            start = next;
            if header_seen(&parsed) {
                break;
            }
            continue;
        }
        match header_line(line, &mut parsed) {
            None => break,
            Some(text_at) if text_at < line.len() => {
                // The article has begun on this line; later lines are text
                // even if they happen to start with a key.
                start += text_at;
                break;
            }
            Some(_) => start = next,
        }
    }
    parsed.text = text[start..].trim().to_string();
    parsed
}

fn header_seen(p: &Parsed) -> bool {
    p.title.is_some()
        || p.url.is_some()
        || p.published.is_some()
        || p.lang.is_some()
        || !p.warnings.is_empty()
}

/// Applies a header line and returns where the article text on it starts
/// (the line's length if none), or `None` when the line is not a header.
fn header_line(line: &str, parsed: &mut Parsed) -> Option<usize> {
    let key_at = line.len() - line.trim_start().len();
    let key_len = line[key_at..]
        .find(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or(line.len() - key_at);
    let written = &line[key_at..key_at + key_len];
    let key = written.to_ascii_lowercase();
    if !KEYS.contains(&key.as_str()) {
        return None;
    }
    let mut value_at = skip_blank(line, key_at + key_len);
    let colon = line[value_at..].starts_with(':');
    if colon {
        value_at = skip_blank(line, value_at + 1);
    }
    if key == "title" {
        let title = line[value_at..].trim();
        if title.is_empty() {
            return None;
        }
        parsed.title = Some(title.to_string());
        return Some(line.len());
    }
    let value_len = line[value_at..]
        .find(char::is_whitespace)
        .unwrap_or(line.len() - value_at);
    let value = &line[value_at..value_at + value_len];
    match key.as_str() {
        "date" if date_shaped(value) => {
            parsed.published = parse_date(value, "header", &mut parsed.warnings)
        }
        "url" if url_shaped(value) => parsed.url = Some(value.to_string()),
        "lang"
            if value.parse::<crate::lang::Lang>().is_ok()
                || lang_tag_shaped(value, colon, written) =>
        {
            parsed.lang = parse_lang(value, "header", &mut parsed.warnings)
        }
        _ => return None,
    }
    Some(skip_blank(line, value_at + value_len))
}

fn skip_blank(line: &str, from: usize) -> usize {
    line[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(line.len(), |i| from + i)
}

/// Digits in date order (`2024`, `2024-13-45`, `2024-07-20T10:00`), possibly
/// impossible, which `Date of the meeting` or `Date: 20. Juli` are not.
fn date_shaped(value: &str) -> bool {
    let date = super::date_part(value);
    date.len() >= 4
        && date.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && date
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.'))
}

fn url_shaped(value: &str) -> bool {
    value.contains("://")
        || value
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
}

/// An unsupported language tag (`fr`, `es-MX`) still makes a header line, with
/// a warning; but the German adjective in `Lang ist die Liste` must not, so
/// without a colon only a lower-case key and a two-letter tag qualify.
fn lang_tag_shaped(value: &str, colon: bool, written_key: &str) -> bool {
    let mut parts = value.split(['-', '_']);
    let primary = parts.next().unwrap_or_default();
    let letters = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let region_ok =
        parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if colon {
        letters(primary, 2..=3) && region_ok
    } else {
        written_key == "lang" && letters(primary, 2..=2) && region_ok
    }
}

/// YAML-style `---` front matter, as Markdown tools write it; returns where the
/// body starts, or `None` when the text does not open with front matter.
fn front_matter(text: &str, parsed: &mut Parsed) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let mut end = lines.next()?.len();
    if text[..end].trim() != "---" {
        return None;
    }
    let mut fields = Vec::new();
    for line in lines.take(FRONT_MATTER_MAX_LINES) {
        end += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            apply_front_matter(&fields, parsed);
            return Some(end);
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with([' ', '\t', '-']) {
            continue;
        }
        let (key, value) = trimmed.split_once(':')?;
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return None;
        }
        fields.push((key.to_ascii_lowercase(), unquote(value.trim())));
    }
    None
}

fn apply_front_matter(fields: &[(String, String)], parsed: &mut Parsed) {
    for (key, value) in fields {
        if value.is_empty() {
            continue;
        }
        let warnings = &mut parsed.warnings;
        match key.as_str() {
            "title" => parsed.title = Some(value.clone()),
            "url" => parsed.url = Some(value.clone()),
            "date" => parsed.published = parse_date(value, "front matter", warnings),
            "lang" => parsed.lang = parse_lang(value, "front matter", warnings),
            _ => {}
        }
    }
}

fn unquote(value: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn scraped_header_keeps_first_sentence() {
        let p = parse(
            " date 2024-07 Der Antiviren-Hersteller zieht sich zurück.\nDas Büro schließt.\n",
        );
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2024-07")
        );
        assert_eq!(
            p.text,
            "Der Antiviren-Hersteller zieht sich zurück.\nDas Büro schließt."
        );
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn several_header_lines_then_blank_line() {
        let p = parse(
            "Title: Streik bei der Bahn\nURL: https://example.de/streik\nlang de\ndate: 2024-03-07\n\nDie GDL ruft zum Streik auf.",
        );
        assert_eq!(p.title.as_deref(), Some("Streik bei der Bahn"));
        assert_eq!(p.url.as_deref(), Some("https://example.de/streik"));
        assert_eq!(p.lang, Some(Lang::De));
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2024-03-07")
        );
        assert_eq!(p.text, "Die GDL ruft zum Streik auf.");
    }

    #[test]
    fn impossible_date_is_a_header_with_warning() {
        let p = parse("date 2024-13-45\nThe mill closed in spring.");
        assert_eq!(p.published, None);
        assert_eq!(
            p.warnings,
            vec!["impossible date `2024-13-45` in header, ignored"]
        );
        assert_eq!(p.text, "The mill closed in spring.");
    }

    #[test]
    fn prose_starting_with_a_key_is_text() {
        for text in [
            "Date of the meeting was Monday.",
            "Lang ist die Liste der Vorwürfe.",
            "URL shorteners hide where a link goes.",
            "Date: 20. Juli, Ort: Berlin.",
        ] {
            let p = parse(text);
            assert_eq!(p.text, text);
            assert!(p.warnings.is_empty() && p.published.is_none() && p.lang.is_none());
        }
    }

    #[test]
    fn unknown_language_warns() {
        let p = parse("lang fr Le maire a démissionné.");
        assert_eq!(p.lang, None);
        assert_eq!(p.text, "Le maire a démissionné.");
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].contains("`fr`"));
    }

    #[test]
    fn header_ends_at_first_non_key_line() {
        let p = parse("url www.example.org/x\nDie Stadt wächst.\ndate 2024 steht hier im Text.");
        assert_eq!(p.url.as_deref(), Some("www.example.org/x"));
        assert_eq!(p.published, None);
        assert_eq!(p.text, "Die Stadt wächst.\ndate 2024 steht hier im Text.");
    }

    #[test]
    fn markdown_front_matter() {
        let p = parse(
            "---\ntitle: \"Neue Brücke\"\ndate: 2023-11-02T08:00:00Z\ntags:\n  - verkehr\nlang: 'de'\n---\n\n# Neue Brücke\n\nDie Brücke ist fertig.\n",
        );
        assert_eq!(p.title.as_deref(), Some("Neue Brücke"));
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2023-11-02")
        );
        assert_eq!(p.lang, Some(Lang::De));
        assert_eq!(p.text, "# Neue Brücke\n\nDie Brücke ist fertig.");
    }

    #[test]
    fn a_rule_is_not_front_matter() {
        let text = "---\nThe council met today. It voted no.\n---\nMore text.";
        assert_eq!(parse(text).text, text);
    }

    #[test]
    fn long_single_line() {
        let line = "Wort ".repeat(1_000_000);
        let p = parse(&format!("date 2024-01-02 {line}"));
        assert_eq!(p.text.len(), line.trim_end().len());
    }

    #[test]
    fn header_only_is_empty() {
        assert_eq!(parse("title Nichts\ndate 2024\n").text, "");
    }
}
