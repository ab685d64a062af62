//! Metadata a page declares in its markup: title, URL, language and date.

use super::entities::decode_entities;
use crate::article::{Parsed, parse_date, parse_lang};

/// Meta names and properties for the publication date, most specific first.
const META_DATES: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dcterms.date",
    "dc.date.issued",
    "datepublished",
];

/// Where on the page a `<time>` element stands; earlier zones are trusted more.
#[derive(Clone, Copy)]
pub(super) enum Zone {
    Article = 0,
    Main = 1,
    Page = 2,
}

#[derive(Default)]
pub(super) struct Meta {
    title: Option<String>,
    og_title: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    /// `<html lang>`, `og:locale`, `content-language`, in that order of trust.
    langs: [Option<String>; 3],
    dates: Vec<(usize, String)>,
    times: [Option<String>; 3],
    json_ld_date: Option<String>,
}

impl Meta {
    /// Collects what a start tag declares; `visible` says whether its text
    /// would be shown, which only matters for dates outside the article.
    pub(super) fn start_tag(
        &mut self,
        name: &str,
        attrs: &[(String, String)],
        zone: Zone,
        visible: bool,
    ) {
        let attr = |key: &str| attr(attrs, key);
        match name {
            "html" => {
                if let Some(lang) = attr("lang") {
                    set_once(&mut self.langs[0], lang);
                }
            }
            "meta" => self.meta(attrs),
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                if let Some(href) = attr("href").filter(|h| is_absolute(h))
                    && rel.split_whitespace().any(|r| r == "canonical")
                {
                    set_once(&mut self.canonical, href);
                }
            }
            "time" => {
                if let Some(datetime) = attr("datetime").filter(|d| !d.trim().is_empty())
                    && (visible || !matches!(zone, Zone::Page))
                {
                    set_once(&mut self.times[zone as usize], datetime);
                }
            }
            _ => {}
        }
    }

    fn meta(&mut self, attrs: &[(String, String)]) {
        let attr = |key: &str| attr(attrs, key);
        let Some(content) = attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            return;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            let Some(key) = attr(key).map(|k| k.trim().to_ascii_lowercase()) else {
                continue;
            };
            if let Some(rank) = META_DATES.iter().position(|d| *d == key) {
                self.dates.push((rank, content.to_string()));
            }
            match key.as_str() {
                "og:title" => set_once(&mut self.og_title, content),
                "og:url" if is_absolute(content) => set_once(&mut self.og_url, content),
                "og:locale" => set_once(&mut self.langs[1], content),
                "content-language" => set_once(
                    &mut self.langs[2],
                    content.split(',').next().unwrap_or_default(),
                ),
                _ => {}
            }
        }
    }

    /// Content of `<title>` and `<script>`, which is not markup.
    pub(super) fn raw_element(&mut self, name: &str, content: &str) {
        match name {
            "title" if self.title.is_none() => {
                let decoded = decode_entities(content);
                let title = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
                self.title = Some(title).filter(|t| !t.is_empty());
            }
            "script" if self.json_ld_date.is_none() => {
                self.json_ld_date = json_date_published(content)
            }
            _ => {}
        }
    }

    /// Picks the most trusted usable value of each kind; values that do not
    /// parse are warned about and the next candidate is tried.
    pub(super) fn finish(mut self, parsed: &mut Parsed) {
        parsed.title = self.title.or(self.og_title);
        parsed.url = self.canonical.or(self.og_url);
        for lang in self.langs.iter().flatten() {
            parsed.lang = parse_lang(lang, "HTML metadata", &mut parsed.warnings);
            if parsed.lang.is_some() {
                break;
            }
        }
        self.dates.sort_by_key(|(rank, _)| *rank);
        let dates = self.dates.into_iter().map(|(_, date)| date);
        for raw in dates
            .chain(self.times.into_iter().flatten())
            .chain(self.json_ld_date)
        {
            parsed.published = parse_date(&raw, "HTML metadata", &mut parsed.warnings);
            if parsed.published.is_some() {
                break;
            }
        }
    }
}

pub(super) fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = Some(value.trim().to_string());
    }
}

/// Relative canonical links do not identify an article on their own.
fn is_absolute(url: &str) -> bool {
    url.contains("://") && !url.trim().contains(char::is_whitespace)
}

/// `"datePublished": "2024-07-20T10:00:00Z"` in JSON-LD, found without parsing
/// the JSON because pages often embed it broken or in several blocks.
fn json_date_published(script: &str) -> Option<String> {
    const KEY: &str = "\"datePublished\"";
    let mut from = 0;
    while let Some(i) = script[from..].find(KEY) {
        from += i + KEY.len();
        let rest = script[from..].trim_start();
        let Some(value) = rest
            .strip_prefix(':')
            .and_then(|r| r.trim_start().strip_prefix('"'))
        else {
            continue;
        };
        if let Some(end) = value.find('"') {
            return Some(value[..end].to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn finish(meta: Meta) -> Parsed {
        let mut parsed = Parsed::default();
        meta.finish(&mut parsed);
        parsed
    }

    #[test]
    fn most_trusted_date_wins_and_bad_ones_warn() {
        let mut meta = Meta::default();
        meta.start_tag(
            "time",
            &attrs(&[("datetime", "2020-01-01")]),
            Zone::Article,
            false,
        );
        meta.start_tag(
            "meta",
            &attrs(&[("name", "DATE"), ("content", "2021-05-06")]),
            Zone::Page,
            true,
        );
        let content = "2024-13-45T08:00:00Z";
        meta.start_tag(
            "meta",
            &attrs(&[("property", "og:published_time"), ("content", content)]),
            Zone::Page,
            true,
        );
        let parsed = finish(meta);
        assert_eq!(
            parsed.published.map(|d| d.to_string()).as_deref(),
            Some("2021-05-06")
        );
        assert_eq!(
            parsed.warnings,
            vec![format!(
                "impossible date `{content}` in HTML metadata, ignored"
            )]
        );
    }

    #[test]
    fn time_outside_the_article_counts_only_when_visible() {
        let mut meta = Meta::default();
        meta.start_tag(
            "time",
            &attrs(&[("datetime", "2020-01-01")]),
            Zone::Page,
            false,
        );
        assert_eq!(finish(meta).published, None);
    }

    #[test]
    fn json_ld_date() {
        let script = r#"{"@type":"NewsArticle","datePublished" : "2022-03-04T05:06:07Z","dateModified":"2023-01-01"}"#;
        assert_eq!(
            json_date_published(script).as_deref(),
            Some("2022-03-04T05:06:07Z")
        );
        assert_eq!(json_date_published(r#"{"datePublished": 5, "x": 1}"#), None);
        let mut meta = Meta::default();
        meta.raw_element("script", script);
        meta.raw_element("title", "  Zwei &amp;\n Drei ");
        let parsed = finish(meta);
        assert_eq!(
            parsed.published.map(|d| d.to_string()).as_deref(),
            Some("2022-03-04")
        );
        assert_eq!(parsed.title.as_deref(), Some("Zwei & Drei"));
    }

    #[test]
    fn language_url_and_title_fallbacks() {
        let mut meta = Meta::default();
        meta.start_tag("html", &attrs(&[("lang", "fr")]), Zone::Page, true);
        meta.start_tag(
            "meta",
            &attrs(&[("property", "og:locale"), ("content", "en_GB")]),
            Zone::Page,
            true,
        );
        meta.start_tag(
            "meta",
            &attrs(&[("property", "og:title"), ("content", "Rates rise")]),
            Zone::Page,
            true,
        );
        meta.start_tag(
            "link",
            &attrs(&[("rel", "Canonical"), ("href", "/relative")]),
            Zone::Page,
            true,
        );
        meta.start_tag(
            "meta",
            &attrs(&[("property", "og:url"), ("content", "https://example.com/r")]),
            Zone::Page,
            true,
        );
        let parsed = finish(meta);
        assert_eq!(parsed.lang, Some(Lang::En));
        assert_eq!(parsed.warnings.len(), 1, "the unsupported `fr` is reported");
        assert_eq!(parsed.title.as_deref(), Some("Rates rise"));
        assert_eq!(parsed.url.as_deref(), Some("https://example.com/r"));
    }
}
