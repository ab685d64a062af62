//! Splitting HTML into tags and text, one construct at a time.
//!
//! Positions handed back are always just after an ASCII byte or the end of the
//! input, so slicing the `&str` at them is safe whatever the page contains.

use super::entities::decode_entities;

pub(super) enum Tag {
    /// The `<` was literal text; the text runs to this position.
    Text(usize),
    /// Comment, CDATA, doctype or processing instruction, skipped to here.
    Skip(usize),
    End {
        name: String,
        end: usize,
    },
    Start(Start),
}

pub(super) struct Start {
    pub name: String,
    /// Lower-case names, entity-decoded values.
    pub attrs: Vec<(String, String)>,
    pub self_closing: bool,
    /// Position after the tag's `>`.
    pub end: usize,
}

/// Reads the construct that starts with the `<` at `lt`.
pub(super) fn parse_tag(html: &str, lt: usize) -> Tag {
    let b = html.as_bytes();
    let rest = &b[lt..];
    let skip_past = |from: usize, delim: &str| {
        html.get(from..)
            .and_then(|tail| tail.find(delim))
            .map_or(html.len(), |i| from + i + delim.len())
    };
    if rest.starts_with(b"<!--") {
        return Tag::Skip(skip_past(lt + 4, "-->"));
    }
    if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<![CDATA[") {
        return Tag::Skip(skip_past(lt + 9, "]]>"));
    }
    match rest.get(1) {
        Some(b'!' | b'?') => Tag::Skip(skip_past(lt + 2, ">")),
        Some(b'/') => match rest.get(2) {
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = name_end(b, lt + 2);
                let name = html[lt + 2..name_end].to_ascii_lowercase();
                Tag::End {
                    name,
                    end: skip_past(name_end, ">"),
                }
            }
            // `</>` and `</ x>` are bogus comments to a browser.
            Some(_) => Tag::Skip(skip_past(lt + 2, ">")),
            None => Tag::Text(html.len()),
        },
        Some(c) if c.is_ascii_alphabetic() => Tag::Start(start_tag(html, lt)),
        _ => Tag::Text(lt + 1),
    }
}

fn name_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        .map_or(b.len(), |i| from + i)
}

fn start_tag(html: &str, lt: usize) -> Start {
    let b = html.as_bytes();
    let len = b.len();
    let mut i = name_end(b, lt + 1);
    let name = html[lt + 1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    let skip_ws = |mut i: usize| {
        while i < len && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let end = loop {
        i = skip_ws(i);
        match b.get(i) {
            None => break len,
            Some(b'>') => break i + 1,
            Some(b'/') => {
                self_closing = b.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        let name_start = i;
        while i < len && !(b[i].is_ascii_whitespace() || matches!(b[i], b'/' | b'>' | b'=')) {
            i += 1;
        }
        if i == name_start {
            // A stray `=`: step over it so the loop always advances.
            i += 1;
            continue;
        }
        let attr = html[name_start..i].to_ascii_lowercase();
        let mut value = "";
        let after_name = skip_ws(i);
        if b.get(after_name) == Some(&b'=') {
            i = skip_ws(after_name + 1);
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = b[i + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(len, |p| i + 1 + p);
                    value = &html[i + 1..close];
                    i = (close + 1).min(len);
                }
                Some(_) => {
                    let start = i;
                    while i < len && !(b[i].is_ascii_whitespace() || b[i] == b'>') {
                        i += 1;
                    }
                    value = &html[start..i];
                }
                None => {}
            }
        }
        attrs.push((attr, decode_entities(value).into_owned()));
    };
    Start {
        name,
        attrs,
        self_closing,
        end,
    }
}

/// Case-insensitive search for an ASCII `needle` that starts with `<`.
pub(super) fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = hay.get(at..)?.iter().position(|&c| c == b'<') {
        let start = at + i;
        if hay
            .get(start..start + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(html: &str) -> Start {
        match parse_tag(html, 0) {
            Tag::Start(s) => s,
            _ => panic!("not a start tag: {html}"),
        }
    }

    #[test]
    fn attributes_in_all_quotings() {
        let html = r#"<META Name=date CONTENT='2024-07-20' data-x="a &amp; b" hidden>rest"#;
        let s = start(html);
        assert_eq!(s.name, "meta");
        assert_eq!(
            s.attrs,
            vec![
                ("name".into(), "date".into()),
                ("content".into(), "2024-07-20".into()),
                ("data-x".into(), "a & b".into()),
                ("hidden".into(), String::new()),
            ]
        );
        assert_eq!(&html[s.end..], "rest");
        assert!(!s.self_closing);
        assert!(start("<br/>").self_closing);
    }

    #[test]
    fn quoted_gt_does_not_end_the_tag() {
        let html = r#"<a title="1 > 0">x"#;
        assert_eq!(start(html).end, html.len() - 1);
    }

    #[test]
    fn comments_and_other_constructs() {
        assert!(matches!(parse_tag("<!-- a > b -->x", 0), Tag::Skip(14)));
        assert!(matches!(parse_tag("<![CDATA[ <p> ]]>x", 0), Tag::Skip(17)));
        assert!(matches!(parse_tag("<!DOCTYPE html>x", 0), Tag::Skip(15)));
        assert!(matches!(
            parse_tag("<?xml version='1.0'?>", 0),
            Tag::Skip(21)
        ));
        assert!(matches!(parse_tag("< 3", 0), Tag::Text(1)));
        assert!(matches!(parse_tag("</", 0), Tag::Text(2)));
        assert!(matches!(parse_tag("<!-- never closed", 0), Tag::Skip(17)));
        match parse_tag("</DIV >", 0) {
            Tag::End { name, end } => assert_eq!((name.as_str(), end), ("div", 7)),
            _ => panic!("end tag expected"),
        }
    }

    #[test]
    fn broken_tags_end_at_input_end() {
        for html in ["<a href=\"never", "<a b=", "<a ===>", "<p", "<a '\"'>ü"] {
            let s = start(html);
            assert!(s.end <= html.len() && html.is_char_boundary(s.end));
        }
    }

    #[test]
    fn finds_closing_tags_in_any_case() {
        let html = b"var s = '<b>'; </SCRIPT >";
        assert_eq!(find_ci(html, 0, b"</script"), Some(15));
        assert_eq!(find_ci(html, 16, b"</script"), None);
    }
}
