//! The two languages newsgraph reads, and telling them apart.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Guesses German or English from frequent function words; English on a
    /// tie, because scraped boilerplate (menus, bylines) is mostly English.
    pub fn detect(text: &str) -> Lang {
        let (mut de, mut en) = (0usize, 0usize);
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(2000)
        {
            let lower = word.to_lowercase();
            if GERMAN.contains(&lower.as_str()) {
                de += 1;
            } else if ENGLISH.contains(&lower.as_str()) {
                en += 1;
            }
        }
        if de > en { Lang::De } else { Lang::En }
    }
}

const GERMAN: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "sich", "den", "dem", "des", "ein", "eine",
    "einer", "auf", "für", "auch", "wird", "wurde", "hat", "sind", "zu", "von", "im", "nach",
    "bei", "aus", "oder", "über", "dass", "sie", "es", "wie", "noch",
];

const ENGLISH: &[&str] = &[
    "the", "and", "is", "not", "with", "of", "to", "in", "a", "that", "for", "on", "it", "was",
    "has", "have", "are", "by", "from", "or", "as", "its", "be", "this", "which", "said",
];

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        match lower.split(['-', '_']).next().unwrap_or_default() {
            "de" | "ger" | "deu" | "german" | "deutsch" => Ok(Lang::De),
            "en" | "eng" | "english" | "englisch" => Ok(Lang::En),
            _ => Err(format!(
                "unsupported language `{s}` (newsgraph reads de and en)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_german_and_english() {
        assert_eq!(
            Lang::detect("Die Behörde hat den Verkauf der Uhr untersagt."),
            Lang::De
        );
        assert_eq!(
            Lang::detect("The regulator has banned the sale of the watch."),
            Lang::En
        );
    }

    #[test]
    fn parses_language_tags() {
        assert_eq!("de-DE".parse::<Lang>(), Ok(Lang::De));
        assert_eq!("EN_us".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
    }
}
