//! Governments named through their country: "die US-Regierung", "Belgiens
//! Regierung", "die Regierung in Neu-Delhi", "the British government".

use std::ops::Range;

use regex::Regex;

use crate::extract::lexicon::{PlaceIndex, PlaceWord};

/// A government mention: its span and the index of its country in
/// `Places::entries`.
pub struct GovernmentHit {
    pub span: Range<usize>,
    pub place: usize,
}

pub struct Governments {
    after_place: Regex,
    before_place: Regex,
}

impl Governments {
    pub fn new() -> Self {
        Self {
            // "britische Regierung", "Belgiens Regierung", "British government",
            // "Germany's government", "US administration".
            after_place: Regex::new(
                r"^(?:['’]s)?(?:[ \t]+|-)(?:Regierung|Bundesregierung|Staatsregierung|Zentralregierung|government|administration)\b",
            )
            .unwrap_or_else(|e| panic!("government pattern: {e}")),
            // "Regierung in Neu-Delhi", "government in Beijing".
            before_place: Regex::new(r"\b(?:Regierung|government)[ \t]+(?:in|von|of)[ \t]+$")
                .unwrap_or_else(|e| panic!("government pattern: {e}")),
        }
    }

    /// Government mentions among the place names `places` found in `text`.
    pub fn find(
        &self,
        text: &str,
        places: &[crate::extract::lexicon::PlaceHit],
        index: &PlaceIndex,
    ) -> Vec<GovernmentHit> {
        let _ = index;
        let mut out = Vec::new();
        for hit in places {
            let country_word = matches!(hit.word, PlaceWord::Name | PlaceWord::Adjective);
            let after = &text[hit.span.end..];
            if country_word && let Some(m) = self.after_place.find(after) {
                out.push(GovernmentHit {
                    span: hit.span.start..hit.span.end + m.end(),
                    place: hit.place,
                });
                continue;
            }
            if matches!(hit.word, PlaceWord::Capital | PlaceWord::Name) {
                let window_start = hit.span.start.saturating_sub(40);
                let window_start = (window_start..=hit.span.start)
                    .find(|i| text.is_char_boundary(*i))
                    .unwrap_or(hit.span.start);
                if let Some(m) = self.before_place.find(&text[window_start..hit.span.start]) {
                    out.push(GovernmentHit {
                        span: window_start + m.start()..hit.span.end,
                        place: hit.place,
                    });
                }
            }
        }
        out
    }
}
