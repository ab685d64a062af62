//! Institutions named by their head noun: "Federal Communications
//! Commission", "Court of Appeals for the Federal Circuit", "Bundesamt für
//! Sicherheit in der Informationstechnik", "Landgericht München I".

use super::Candidate;
use super::patterns::{Scan, after_last_determiner, sentence_start};
use crate::extract::Finder;
use crate::extract::OrgKind;
use crate::extract::lexicon::PlaceWord;
use crate::text::wordpattern::whole_words;

/// English institution heads.
pub(super) const HEADS_EN: &str = "Alliance|Coalition|Confederation|Forum|Society|Partnership|Group|Department|Ministry|Commission|Authority|Agency|Administration|Bureau|Office|Court|Tribunal|Council|Senate|House|Parliament|Congress|Assembly|Centre|Center|Task Force|Association|Institute|Exchange|Board|Committee|Federation|Union|Organisation|Organization|Foundation|Breweries|Brewery|Airlines|Circuit|Directorate|Inspectorate|Service|Police|Reserve|Bank|Chamber|Prosecutor's Office|Commissioner";

/// German heads that make a compound an institution's name.
pub(super) const HEADS_DE: &str = "ministerium|ministeriums|behörde|kartellamt|kartellamts|netzagentur|agentur|amt|amts|amtes|gerichtshof|gerichtshofs|gericht|gerichts|staatsanwaltschaft|verwaltung|kommission|anstalt|beauftragte|beauftragten|beauftragter|bundesbank|kabinett|kanzleramt|rechnungshof|bundestag|bundesrat|verfassungsschutz";

impl Scan<'_> {
    /// Institutions named by an English head ("Federal Communications
    /// Commission", "Court of Appeals for the Federal Circuit").
    pub fn institutions_en(&self, out: &mut Vec<Candidate>) {
        for m in self.patterns.institution_en.find_iter(self.text) {
            let end = m.end();
            let mut start = after_last_determiner(self.text, m.start(), end);
            // "Britain's Gambling Commission", "the Commerce Department's
            // Bureau of Industry and Security": the name follows the
            // possessive.
            let mut at = start;
            for word in self.text[start..end].split(' ') {
                let next = at + word.len() + 1;
                if next < end && (word.ends_with("'s") || word.ends_with("’s")) {
                    start = next;
                }
                at = next;
            }
            start = self.split_list(start, end, out);
            while let Some(word) = self.text[start..end].split([' ', '\t']).next() {
                if word.len() == end - start || !self.stop.is_function_word(word) {
                    break;
                }
                start += word.len() + 1;
            }
            let name = &self.text[start..end];
            let words = name.split_whitespace().count();
            if words < 2 || !name.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            out.push(Candidate::new(
                start..end,
                Finder::Institution,
                kind_of_head(name),
            ));
        }
    }

    /// German institutions: compounds with an institution head, named by a
    /// prefix ("Bundesnetzagentur", "US-Handelsministerium"), a place
    /// ("Landgericht München I"), or a `für` phrase ("Bundesamt für
    /// Sicherheit in der Informationstechnik").
    pub fn institutions_de(&self, out: &mut Vec<Candidate>) {
        for m in whole_words(&self.patterns.institution_de, self.text) {
            let word = &self.text[m.clone()];
            let lower = word.to_lowercase();
            if !HEADS_DE.split('|').any(|h| lower.ends_with(h)) {
                continue;
            }
            let mut end = m.end;
            let mut named = is_named_compound(word);
            if let Some(f) = self.patterns.fuer_phrase.find(&self.text[end..]) {
                end += f.end();
                named = true;
            } else if let Some(place_end) = self.place_after(end) {
                // "Twerskoi-Bezirksgericht" is named already; "in Moskau"
                // after it is where it sits, not part of the name.
                if !(named && word.contains('-') && self.text[end..].starts_with(" in ")) {
                    end = place_end;
                }
                named = true;
            }
            if !named {
                continue;
            }
            let start = self.adjective_before(m.start);
            out.push(Candidate::new(
                start..end,
                Finder::Institution,
                kind_of_head(word),
            ));
        }
    }

    /// A city or country right after an institution ("Landgericht
    /// Mannheim", "Bezirksgericht in Moskau", "Landgericht München I").
    fn place_after(&self, at: usize) -> Option<usize> {
        let rest = &self.text[at..];
        let court = self.text[..at].ends_with("gericht") || self.text[..at].ends_with("Gericht");
        let (skip, after) = if let Some(r) = rest.strip_prefix(" in ") {
            (4, r)
        } else {
            (1, rest.strip_prefix(' ')?)
        };
        let word_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(after.len());
        let word = &after[..word_len];
        match self.places.word(word) {
            Some((_, PlaceWord::City | PlaceWord::Capital | PlaceWord::Name)) => {}
            // "Volksgericht in Fuzhou", "Verwaltungsgericht Schleswig": after
            // "in", or after a court, an unknown capitalised word is a town.
            None if (skip == 4 || court)
                && word.starts_with(|c: char| c.is_uppercase())
                && word.chars().count() > 2
                && !self.stop.is_not_a_name(word) => {}
            _ => return None,
        }
        let mut end = at + skip + word_len;
        for numeral in [" III", " II", " I"] {
            if self.text[end..].starts_with(numeral)
                && crate::extract::lexicon::ends_word(self.text, end + numeral.len())
            {
                end += numeral.len();
                break;
            }
        }
        Some(end)
    }

    /// Includes a capitalised adjective before an institution ("Auswärtiges
    /// Amt", "Mittlere Volksgericht").
    fn adjective_before(&self, start: usize) -> usize {
        let before = self.text[..start].trim_end_matches([' ', '\t']);
        if before.len() + 1 != start {
            return start;
        }
        let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &before[word_start..];
        let adjective_like = ["e", "es", "er", "en"].iter().any(|e| word.ends_with(e));
        // "das russische Verteidigungsministerium": a ministry is named by
        // its country; the reader (and the annotator) reads them as one.
        let head = self.text[start..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let national = [
            "ministerium",
            "ministeriums",
            "regierung",
            "botschaft",
            "kabinett",
        ]
        .iter()
        .any(|h| head.ends_with(h))
            && matches!(self.places.word(word), Some((_, PlaceWord::Adjective)));
        if national {
            // "US-amerikanische": the whole hyphenated adjective.
            let hyphen_start = before[..word_start]
                .strip_suffix('-')
                .and_then(|b| {
                    b.rfind(|c: char| !c.is_alphanumeric())
                        .map(|i| i + 1)
                        .or(Some(0))
                })
                .unwrap_or(word_start);
            return hyphen_start;
        }
        if word.starts_with(|c: char| c.is_uppercase())
            && adjective_like
            && !self.stop.is_not_a_name(word)
            && self.places.word(word).is_none()
            && !sentence_start(self.text, word_start)
        {
            word_start
        } else {
            start
        }
    }
}

/// Whether a compound names an institution on its own: "Bundes-" and
/// "Landes-" bodies, hyphen-prefixed ones ("US-Handelsministerium",
/// "Twerskoi-Bezirksgericht") and specific ministries ("Innenministerium").
fn is_named_compound(word: &str) -> bool {
    let lower = word.to_lowercase();
    const GENERIC: &[&str] = &[
        "ministerium",
        "ministeriums",
        "amt",
        "amts",
        "amtes",
        "gericht",
        "gerichts",
        "landgericht",
        "amtsgericht",
        "oberlandesgericht",
        "verwaltungsgericht",
        "bezirksgericht",
        "arbeitsgericht",
        "landgerichts",
        "amtsgerichts",
        "verwaltung",
        "kommission",
        "anstalt",
        "agentur",
        "beauftragte",
        "beauftragten",
        "beauftragter",
        "staatsanwaltschaft",
        "kabinett",
        "finanzamt",
        "gerichtshof",
        "bundesamt",
        "landesamt",
        "bundesministerium",
        "landesministerium",
        "ordnungsamt",
        "jugendamt",
        "arbeitsamt",
        "landratsamt",
    ];
    if GENERIC.contains(&lower.as_str()) {
        return false;
    }
    word.contains('-')
        || lower.starts_with("bundes")
        || lower.starts_with("landes")
        || lower.starts_with("general")
        || lower.ends_with("ministerium")
        || lower.ends_with("ministeriums")
        || lower.ends_with("kartellamt")
        || lower.ends_with("kartellamts")
}

fn kind_of_head(name: &str) -> OrgKind {
    let lower = name.to_lowercase();
    let has = |heads: &[&str]| heads.iter().any(|h| lower.contains(h));
    if has(&["gericht", "court", "tribunal", "circuit"]) {
        OrgKind::Court
    } else if has(&[
        "senate",
        "house of",
        "parliament",
        "congress",
        "assembly",
        "bundestag",
        "bundesrat",
    ]) {
        OrgKind::Parliament
    } else if has(&[
        "ministerium",
        "amt",
        "agentur",
        "kommission",
        "anstalt",
        "behörde",
        "aufsicht",
        "staatsanwaltschaft",
        "verwaltung",
        "beauftragte",
        "kabinett",
        "department",
        "ministry",
        "commission",
        "authority",
        "agency",
        "administration",
        "bureau",
        "office",
        "directorate",
        "inspectorate",
        "commissioner",
        "police",
        "prosecutor",
        "task force",
        "service",
        "centre",
        "center",
        "council",
        "board",
        "committee",
    ]) {
        OrgKind::Authority
    } else {
        OrgKind::Other
    }
}
