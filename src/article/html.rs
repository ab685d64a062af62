//! A tolerant, non-recursive HTML scanner that keeps an article's visible text.
//!
//! Real pages are broken in every way, so the scanner never fails: it tracks
//! open elements on an explicit stack (deep nesting cannot overflow the call
//! stack) and treats anything it does not understand as text or skips it.

use std::collections::HashMap;

use super::Parsed;

mod elements;
mod entities;
mod meta;
mod scan;

use elements::*;
use entities::decode_entities;
use meta::{Meta, Zone, attr};
use scan::{Tag, find_ci, parse_tag};

pub(crate) fn parse(html: &str) -> Parsed {
    let mut page = Page::default();
    let bytes = html.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(lt) = bytes[pos..]
            .iter()
            .position(|&b| b == b'<')
            .map(|i| pos + i)
        else {
            page.text(&html[pos..]);
            break;
        };
        if lt > pos {
            page.text(&html[pos..lt]);
        }
        pos = match parse_tag(html, lt) {
            Tag::Text(end) => {
                page.text(&html[lt..end]);
                end
            }
            Tag::Skip(end) => end,
            Tag::End { name, end } => {
                page.end_tag(&name);
                end
            }
            Tag::Start(start) if is_raw(&start.name) => {
                page.raw_element(html, &start.name, start.end)
            }
            Tag::Start(start) => {
                page.start_tag(start.name, &start.attrs, start.self_closing);
                start.end
            }
        };
    }
    page.finish()
}

#[derive(Default)]
struct Sink {
    out: String,
    space: bool,
    /// 1 = line break, 2 = paragraph break, applied before the next text.
    brk: u8,
}

impl Sink {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                // Invisible, and they would split words for the extractors.
                '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
                c if c.is_whitespace() => self.space = true,
                c => {
                    if !self.out.is_empty() {
                        match self.brk {
                            2 => self.out.push_str("\n\n"),
                            1 => self.out.push('\n'),
                            _ if self.space => self.out.push(' '),
                            _ => {}
                        }
                    }
                    self.brk = 0;
                    self.space = false;
                    self.out.push(c);
                }
            }
        }
    }

    fn brk(&mut self, level: u8) {
        self.brk = self.brk.max(level);
    }
}

struct Open {
    name: String,
    hidden: bool,
}

#[derive(Default)]
struct Page {
    stack: Vec<Open>,
    /// Open elements per name, so a stray end tag costs nothing and a matching
    /// one pops only what it closes.
    open: HashMap<String, usize>,
    /// Open elements that hide their content.
    hidden: usize,
    all: Sink,
    main: Sink,
    /// One per outermost `<article>`.
    articles: Vec<Sink>,
    meta: Meta,
}

impl Page {
    fn is_open(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    fn visible(&self) -> bool {
        self.hidden == 0
    }

    fn text(&mut self, raw: &str) {
        if self.is_open("head") && !raw.trim().is_empty() {
            self.close("head");
        }
        if self.visible() {
            let text = decode_entities(raw);
            self.each_sink(|sink| sink.text(&text));
        }
    }

    fn brk(&mut self, level: u8) {
        if self.visible() {
            self.each_sink(|sink| sink.brk(level));
        }
    }

    fn each_sink(&mut self, mut f: impl FnMut(&mut Sink)) {
        f(&mut self.all);
        if self.is_open("main") {
            f(&mut self.main);
        }
        if self.is_open("article")
            && let Some(article) = self.articles.last_mut()
        {
            f(article);
        }
    }

    fn start_tag(&mut self, name: String, attrs: &[(String, String)], self_closing: bool) {
        if self.is_open("head") && !in_head(&name) {
            self.close("head");
        }
        let zone = if self.is_open("article") {
            Zone::Article
        } else if self.is_open("main") {
            Zone::Main
        } else {
            Zone::Page
        };
        self.meta.start_tag(&name, attrs, zone, self.visible());
        match name.as_str() {
            "br" => self.brk(1),
            "td" | "th" if self.visible() => self.each_sink(|s| s.space = true),
            "article" if !self.is_open("article") => self.articles.push(Sink::default()),
            _ => {}
        }
        if is_block(&name) {
            self.brk(2);
        }
        if self_closing || is_void(&name) {
            return;
        }
        let boilerplate = |key| attr(attrs, key).is_some_and(is_boilerplate);
        let hidden = self.visible()
            && (is_hidden(&name)
                || (!never_boilerplate(&name) && (boilerplate("class") || boilerplate("id"))));
        self.hidden += usize::from(hidden);
        *self.open.entry(name.clone()).or_default() += 1;
        self.stack.push(Open { name, hidden });
    }

    fn end_tag(&mut self, name: &str) {
        if name == "br" {
            self.brk(1);
        } else if is_block(name) {
            self.brk(2);
        }
        self.close(name);
    }

    /// Pops up to and including the innermost open `name`, if there is one.
    fn close(&mut self, name: &str) {
        if !self.is_open(name) {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(n) = self.open.get_mut(&top.name) {
                *n = n.saturating_sub(1);
            }
            self.hidden -= usize::from(top.hidden);
            if is_block(&top.name) {
                self.brk(2);
            }
            if top.name == name {
                break;
            }
        }
    }

    /// Handles an element whose content runs to its end tag; returns the
    /// position after that.
    fn raw_element(&mut self, html: &str, name: &str, content_start: usize) -> usize {
        let closing = format!("</{name}");
        let bytes = html.as_bytes();
        let (content_end, after) = match find_ci(bytes, content_start, closing.as_bytes()) {
            Some(at) => {
                let gt = bytes[at..].iter().position(|&b| b == b'>');
                (at, gt.map_or(html.len(), |i| at + i + 1))
            }
            None => (html.len(), html.len()),
        };
        // An SVG `<title>` is a tooltip, not the page's title.
        if name != "title" || !self.is_open("svg") {
            self.meta
                .raw_element(name, &html[content_start..content_end]);
        }
        after
    }

    fn finish(self) -> Parsed {
        let mut parsed = Parsed::default();
        // Several outermost articles usually mean a story plus teasers; the
        // longest is the story.
        let article = self
            .articles
            .into_iter()
            .map(|a| a.out)
            .max_by_key(String::len);
        parsed.text = match article {
            Some(article) if !article.is_empty() => article,
            _ if !self.main.out.is_empty() => self.main.out,
            _ => self.all.out,
        };
        self.meta.finish(&mut parsed);
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn date(p: &Parsed) -> Option<String> {
        p.published.map(|d| d.to_string())
    }

    #[test]
    fn article_text_and_metadata() {
        let p = parse(concat!(
            "<!DOCTYPE html><html lang='de-DE'><head><meta charset=utf-8>",
            "<title>Neue Brücke &ndash; Stadtblatt</title>",
            "<meta property=\"article:published_time\" content=\"2024-07-20T10:00:00+02:00\">",
            "<link rel=\"canonical\" href=\"https://example.de/bruecke?a=1&amp;b=2\">",
            "<style>p { color: red }</style><script>var x = '<p>nein</p>';</script></head>",
            "<body><nav><a href=/>Start</a></nav><div class=\"cookie-banner\">Cookies!</div>",
            "<article><header><h1>Überschrift im Kopf</h1></header>",
            "<p>Die   Brücke\n ist <b>fertig</b>.</p><p>Sie kostet 5&nbsp;Mio.&nbsp;&euro;.<br>Zweite Zeile.</p>",
            "<!-- <p>Kommentar</p> --><div class=\"share-buttons\">Teilen</div><aside>Werbung</aside>",
            "</article><footer>Impressum</footer></body></html>",
        ));
        assert_eq!(
            p.text,
            "Die Brücke ist fertig.\n\nSie kostet 5 Mio. €.\nZweite Zeile."
        );
        assert_eq!(p.title.as_deref(), Some("Neue Brücke – Stadtblatt"));
        assert_eq!(p.url.as_deref(), Some("https://example.de/bruecke?a=1&b=2"));
        assert_eq!(p.lang, Some(Lang::De));
        assert_eq!(date(&p).as_deref(), Some("2024-07-20"));
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn main_or_whole_body_without_article() {
        let p = parse(
            "<body><div id=menu>Home</div><main><h2>Rain</h2><ul><li>one<li>two</ul></main><p>Other</p>",
        );
        assert_eq!(p.text, "Rain\n\none\n\ntwo");
        let p = parse("<p>First&#x20;para</p>\n<p>Second</p><template><p>hidden</p></template>");
        assert_eq!(p.text, "First para\n\nSecond");
    }

    #[test]
    fn longest_article_wins_over_teasers() {
        let p = parse(
            "<article>Kurz.</article><article><p>Der eigentliche, längere Artikel.</p></article>",
        );
        assert_eq!(p.text, "Der eigentliche, längere Artikel.");
    }

    #[test]
    fn fallback_metadata() {
        let p = parse(concat!(
            "<HTML><HEAD><META PROPERTY=og:title CONTENT='Rates rise'><meta property=og:locale content=en_GB>",
            "<meta property=og:url content=https://example.com/rates></HEAD>",
            "<BODY><ARTICLE><TIME DATETIME=\"2023-12-01\">1 Dec</TIME> The bank raised rates.</ARTICLE>",
        ));
        assert_eq!(p.title.as_deref(), Some("Rates rise"));
        assert_eq!(p.lang, Some(Lang::En));
        assert_eq!(p.url.as_deref(), Some("https://example.com/rates"));
        assert_eq!(date(&p).as_deref(), Some("2023-12-01"));
        assert_eq!(p.text, "1 Dec The bank raised rates.");
    }

    #[test]
    fn json_ld_date_and_bad_meta_date() {
        let p = parse(concat!(
            "<meta name=date content='2024-13-45'><meta http-equiv=Content-Language content='de, en'>",
            "<script type=application/ld+json>{\"@type\":\"NewsArticle\", \"datePublished\" : \"2022-03-04T05:06:07Z\"}</script>",
            "<p>Text.</p>",
        ));
        assert_eq!(date(&p).as_deref(), Some("2022-03-04"));
        assert_eq!(p.lang, Some(Lang::De));
        assert_eq!(
            p.warnings,
            vec!["impossible date `2024-13-45` in HTML metadata, ignored"]
        );
    }

    #[test]
    fn head_without_end_tag_does_not_hide_the_body() {
        let p = parse("<html><head><title>T</title><p>Sichtbar.</p>");
        assert_eq!(p.text, "Sichtbar.");
        assert_eq!(p.title.as_deref(), Some("T"));
    }

    #[test]
    fn deep_nesting_and_broken_markup() {
        let deep = format!(
            "{}Tief{}",
            "<div><span>".repeat(200_000),
            "</span></div>".repeat(3)
        );
        assert_eq!(parse(&deep).text, "Tief");
        let p = parse("a < b && c <3 </ p> <p class=\"x>y</p> &#99999999; </nav></div>");
        assert_eq!(p.text, "a < b && c <3");
        for broken in [
            "<",
            "<!--",
            "<a href='",
            "<script>",
            "</",
            "<![CDATA[",
            "<p>\u{e4}<",
            "&#x",
        ] {
            let _ = parse(broken);
        }
    }
}
