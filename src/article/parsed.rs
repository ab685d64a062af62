//! What a format reader found, and the shared parsing of declared metadata.

use super::{Article, ReadError};
use crate::date::PartialDate;
use crate::lang::Lang;

/// What a format reader found, before it becomes an [`Article`].
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub lang: Option<Lang>,
    pub text: String,
    pub warnings: Vec<String>,
}

impl Parsed {
    /// `fallback` names the article when it has no URL; errors always name
    /// `origin` (the file) so the user can find the input.
    pub(crate) fn into_article(
        self,
        origin: &str,
        fallback: Option<String>,
    ) -> Result<Article, ReadError> {
        if self.text.trim().is_empty() {
            return Err(ReadError::new(origin, None, "empty article"));
        }
        let url = self.url.filter(|u| !u.trim().is_empty());
        let source = match (&url, fallback) {
            (Some(url), _) => url.clone(),
            (None, Some(fallback)) => fallback,
            (None, None) => origin.to_string(),
        };
        Ok(Article {
            source,
            title: self.title.filter(|t| !t.trim().is_empty()),
            url,
            published: self.published,
            lang: self.lang,
            text: self.text,
            warnings: self.warnings,
        })
    }
}

/// The date part of an ISO date or datetime (`2024-07-20T10:00:00+02:00`).
pub(crate) fn date_part(raw: &str) -> &str {
    let raw = raw.trim();
    raw.split(['T', 't', ' ']).next().unwrap_or(raw)
}

/// Parses a declared date, turning an impossible one into a warning so that a
/// typo in metadata never costs the article.
pub(crate) fn parse_date(
    raw: &str,
    origin: &str,
    warnings: &mut Vec<String>,
) -> Option<PartialDate> {
    let date = PartialDate::parse_iso(date_part(raw));
    if date.is_none() {
        warnings.push(format!(
            "impossible date `{}` in {origin}, ignored",
            raw.trim()
        ));
    }
    date
}

pub(crate) fn parse_lang(raw: &str, origin: &str, warnings: &mut Vec<String>) -> Option<Lang> {
    match raw.trim().parse::<Lang>() {
        Ok(lang) => Some(lang),
        Err(e) => {
            warnings.push(format!("{e} in {origin}, ignored"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_values_keep_their_date_part() {
        let mut warnings = Vec::new();
        let d = parse_date("2024-07-20T10:00:00+02:00", "meta", &mut warnings);
        assert_eq!(d.map(|d| d.to_string()).as_deref(), Some("2024-07-20"));
        assert_eq!(parse_date("2024-13-45", "header", &mut warnings), None);
        assert_eq!(
            warnings,
            vec!["impossible date `2024-13-45` in header, ignored"]
        );
    }

    #[test]
    fn source_is_url_then_fallback_then_origin() {
        let parsed = |url: Option<&str>| Parsed {
            url: url.map(str::to_string),
            text: "Text.".into(),
            ..Parsed::default()
        };
        let source = |p: Parsed, fallback: Option<&str>| {
            p.into_article("f.jsonl", fallback.map(str::to_string))
                .map(|a| a.source)
        };
        assert_eq!(
            source(parsed(Some("https://x.de/1")), Some("f#L1")),
            Ok("https://x.de/1".into())
        );
        assert_eq!(source(parsed(Some(" ")), Some("f#L1")), Ok("f#L1".into()));
        assert_eq!(source(parsed(None), None), Ok("f.jsonl".into()));
        let empty = Parsed {
            text: " \n".into(),
            ..Parsed::default()
        };
        assert_eq!(
            empty.into_article("f.txt", None).unwrap_err().to_string(),
            "f.txt: empty article"
        );
    }
}
