//! Organisation names the gazetteer does not know, found by their shape:
//! legal forms ("Kiddo Connect GmbH"), institution heads ("Landgericht
//! München I", "Competition and Markets Authority"), role nouns before a
//! name ("der Chipkonzern Micron", "drone maker DJI"), hyphenated role
//! compounds ("Huawei-Sprecher") and acronyms introduced in parentheses.


use regex::Regex;

use super::{Candidate, Origin};
use crate::extract::OrgKind;
use crate::extract::lexicon::{PlaceIndex, PlaceWord, Stopwords};

/// A capitalised word, possibly hyphenated ("Twerskoi-Bezirksgericht"), or
/// a lower-case-first brand ("iPhone").
const WORD: &str = r"(?:\p{Lu}[\p{L}\p{N}]*(?:[-'’][\p{L}\p{N}]+)*|\p{Ll}\p{Lu}[\p{L}\p{N}]*)";

const LEGAL: &str = r"GmbH & Co\. KGaA|GmbH & Co\. KG|GmbH & Co\. OHG|Co\., ?Ltd\.?|Co\. Ltd\.?|Pte\.? Ltd\.?|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|Sdn\.? Bhd\.?|Private Limited|Corporation|Incorporated|Limited|gGmbH|GmbH|KGaA|AG|SE|KG|OHG|UG|Inc\.?|Ltd\.?|LLC|LLP|L\.P\.|LP|Corp\.?|Co\.|plc|PLC|S\.A\.S\.|SAS|S\.A\.|SA|S\.L\.|N\.V\.|NV|B\.V\.|BV|A/S|ApS|ASA|AB|Oyj|Oy|S\.p\.A\.|SpA|S\.r\.l\.|Srl|s\.r\.o\.|Sp\. z o\.o\.|Kft\.|Ltda\.|PJSC|JSC|A\.Ş\.|A\.S\.";

/// English institution heads.
const HEADS_EN: &str = "Alliance|Coalition|Confederation|Forum|Society|Partnership|Group|Department|Ministry|Commission|Authority|Agency|Administration|Bureau|Office|Court|Tribunal|Council|Senate|House|Parliament|Congress|Assembly|Centre|Center|Task Force|Association|Institute|Exchange|Board|Committee|Federation|Union|Organisation|Organization|Foundation|Breweries|Brewery|Airlines|Circuit|Directorate|Inspectorate|Service|Police|Reserve|Bank|Chamber|Prosecutor's Office|Commissioner";

/// German heads that make a compound an institution's name.
const HEADS_DE: &str = "ministerium|ministeriums|kartellamt|kartellamts|netzagentur|agentur|amt|amts|amtes|gerichtshof|gerichtshofs|gericht|gerichts|staatsanwaltschaft|verwaltung|kommission|anstalt|beauftragte|beauftragten|beauftragter|bundesbank|kabinett|kanzleramt|rechnungshof|bundestag|bundesrat|verfassungsschutz";

/// German role nouns (as compound heads) that introduce a name: "der
/// Chipkonzern Micron", "Großhändler SolarKontor".
const ROLES_DE: &[&str] = &[
    "konzern", "hersteller", "anbieter", "unternehmen", "firma", "händler", "betreiber",
    "dienst", "spezialist", "riese", "bauer", "produzent", "entwickler", "reederei",
    "tochter", "konkurrent", "rivale", "zulieferer", "lieferant", "versorger", "verband",
    "gewerkschaft", "startup", "start-up", "bank", "versicherer", "plattform", "app",
    "messenger", "marktforscher", "chatbot", "blog", "sender", "portal", "netzwerk",
    "investor", "kette", "discounter", "gesellschaft", "gruppe", "holding", "mutter",
    "dienstleister", "ausrüster", "zeitung", "magazin", "agentur", "broker", "börse",
    "behörde", "aufsicht", "regulierer", "medienaufsicht", "datenschutzbehörde", "fertiger",
    "lieferant", "vertreiber", "vermarkter", "importeur", "exporteur", "großhändler", "verkäufer",
];

/// English role nouns that introduce a name: "drone maker DJI".
const ROLES_EN: &[&str] = &[
    "company", "firm", "maker", "manufacturer", "chipmaker", "carmaker", "automaker", "group",
    "brewer", "exchange", "operator", "carrier", "giant", "platform", "startup", "start-up",
    "retailer", "supplier", "distributor", "developer", "provider", "producer", "lender",
    "bank", "insurer", "broadcaster", "broadcasters", "utility", "subsidiary", "unit", "arm",
    "rival", "conglomerate", "outlet", "airline", "miner", "app", "network", "regulator",
    "watchdog", "fund", "investor", "owner", "parent", "partner", "shipper", "specialist",
    "vendor", "brand", "service", "messenger", "chatbot", "publisher", "newspaper",
];

/// Second parts of hyphenated compounds that make the first part an
/// organisation: "Huawei-Sprecher", "FCC-Chefin", "HHLA-Aktie".
const COMPOUND_ROLES: &[&str] = &[
    "sprecher", "sprecherin", "chef", "chefin", "chefs", "präsident", "präsidentin",
    "chefjurist", "chefjuristin", "manager", "managerin", "aktie", "aktien", "tochter",
    "konzern", "zentrale", "gründer", "gründerin", "vorstand", "vorstandschef", "mitarbeiter",
    "mitarbeitern", "mitarbeiters", "beschäftigte", "angestellte", "geschäft", "niederlassung",
];

/// German nouns that end like role words but are not names.
const NOT_NAMES: &[&str] = &[
    "ende", "anfang", "mitte", "jahr", "jahre", "monat", "woche", "zeit", "geld", "prozent",
    "euro", "dollar", "umsatz", "gewinn", "sitz", "kunden", "nutzer", "daten", "produkte",
    "geräte", "bereits", "selbst", "weltweit", "zuletzt", "insgesamt", "rund", "etwa",
];

pub struct Patterns {
    legal: Regex,
    institution_en: Regex,
    institution_de: Regex,
    fuer_phrase: Regex,
    name_run: Regex,
    acronym_intro: Regex,
    compound: Regex,
    camel: Regex,
    apposition: Regex,
}

impl Patterns {
    pub fn new() -> Self {
        let connector = r"(?:&|und|and|of|for|für|de|du|la|per|e|y|van)";
        let legal = format!(
            r"(?P<name>{WORD}(?:[ \t]+(?:{connector}[ \t]+)?(?:{WORD}|\({WORD}\)|\p{{N}}+))*),?[ \t]+(?P<legal>{LEGAL})"
        );
        let en_word = WORD;
        let institution_en = format!(
            r"(?P<name>(?:{en_word}[ \t]+(?:(?:and|&|of|for|the)[ \t]+)*)*(?:{HEADS_EN})(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{en_word}(?:[ \t]+(?:(?:and|&|of|for|the)[ \t]+)*{en_word})*)?)"
        );
        let institution_de = r"\b(?P<name>(?:\p{Lu}[\p{L}]*-)*\p{Lu}[\p{L}]*)\b".to_owned();
        Self {
            legal: compile(&legal),
            institution_en: compile(&institution_en),
            institution_de: compile(&institution_de),
            fuer_phrase: compile(&format!(
                r"^[ \t]+für[ \t]+{WORD}(?:[ \t]+(?:(?:und|in der|im|für|des|der)[ \t]+)?{WORD})*"
            )),
            name_run: compile(&format!(r"^{WORD}(?:[ \t]+(?:&[ \t]+)?{WORD})*")),
            acronym_intro: compile(r"\(([\p{Lu}][\p{Lu}\p{Ll}&]{1,7})\)"),
            compound: compile(&format!(r"\b(?P<name>{WORD}?)-(?P<role>\p{{Lu}}\p{{Ll}}+)\b")),
            camel: compile(r"\b\p{Lu}\p{Ll}+\p{Lu}\p{Ll}[\p{L}\p{N}]*(?: \d{1,3}\b)?\b"),
            apposition: compile(&format!(
                r"(?P<name>{WORD}(?:[ \t]+{WORD}){{0,3}}),[ \t]+(?:the|a|an|der|die|das|ein|eine|einem|einer)[ \t]+(?P<role>[\p{{L}}-]+(?:[ \t]+[\p{{L}}-]+){{0,3}})"
            )),
        }
    }
}

fn compile(pattern: &str) -> Regex {
    // The patterns are constants of this file; a failure is a bug here.
    Regex::new(pattern).unwrap_or_else(|e| panic!("organisation pattern does not compile: {e}"))
}

/// What the pattern finders share.
pub struct Scan<'a> {
    pub text: &'a str,
    pub places: &'a PlaceIndex,
    pub stop: &'a Stopwords,
    pub patterns: &'a Patterns,
}

impl Scan<'_> {
    /// Names ending in a legal form.
    pub fn legal_forms(&self, out: &mut Vec<Candidate>) {
        for caps in self.patterns.legal.captures_iter(self.text) {
            let (Some(name), Some(legal)) = (caps.name("name"), caps.name("legal")) else {
                continue;
            };
            if !crate::extract::lexicon::ends_word(self.text, legal.end())
                && !legal.as_str().ends_with('.')
            {
                continue;
            }
            // "United Co. Rusal": the name goes on after what looked like a
            // legal form.
            let next = self.text[legal.end()..].strip_prefix(' ').unwrap_or_default();
            let continues = (legal.as_str().len() <= 4 && next.starts_with(|c: char| c.is_uppercase()) && !next.starts_with("Ltd"))
                || ["of ", "for "].iter().any(|p| next.starts_with(p) && next[p.len()..].starts_with(|c: char| c.is_uppercase()));
            if continues {
                continue;
            }
            let start = self.trim_leading(name.start(), name.end());
            if start >= name.end() {
                continue;
            }
            let start = self.split_list(start, name.end(), out);
            out.push(Candidate::new(start..legal.end(), Origin::LegalForm, OrgKind::Company));
        }
    }

    /// "Danone Russia and Baltika Breweries", "Genesis Global Capital and
    /// Gemini Trust Co.": two names of two or more words joined by "and"
    /// are a list, not one name. Returns where the last name starts and
    /// adds the ones before it as candidates.
    fn split_list(&self, start: usize, end: usize, out: &mut Vec<Candidate>) -> usize {
        let run = &self.text[start..end];
        let Some((at, sep)) = [" and ", " und "]
            .iter()
            .filter_map(|sep| run.rfind(sep).map(|i| (i, *sep)))
            .max()
        else {
            return start;
        };
        let before = &run[..at];
        let after = &run[at + sep.len()..];
        let capitals = |s: &str| s.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_uppercase())).count();
        let connected = before.split_whitespace().rev().nth(1).is_some_and(|w| ["of", "for", "für"].contains(&w));
        // "the Deposit Insurance and Credit Guarantee Corporation" is one
        // name: lists of names do not start with an article.
        let articles = ["the", "The", "der", "die", "das", "Der", "Die", "Das"];
        let article = self.text[..start].split_whitespace().next_back().is_some_and(|w| articles.contains(&w))
            && !after.split_whitespace().next().is_some_and(|w| articles.contains(&w));
        if capitals(before) >= 2 && capitals(after) >= 2 && !connected && !article {
            let list_start = self.trim_leading(start, start + at);
            if list_start < start + at {
                out.push(Candidate::new(list_start..start + at, Origin::Cue, OrgKind::Company));
            }
            return start + at + sep.len();
        }
        start
    }

    /// Drops descriptors, function words and place words from the front of
    /// a name run ("Die Bremer Frostline Holding" -> "Frostline Holding").
    fn trim_leading(&self, mut start: usize, end: usize) -> usize {
        // A role noun never stands inside a name: "Regensburger Herstellers
        // Voltaro Mobility" starts after it.
        let mut at = start;
        for word in self.text[start..end].split(' ') {
            let next = at + word.len() + 1;
            let designator = ["holding", "holdings", "group", "gruppe", "bank", "gesellschaft", "partners"].contains(&word.to_lowercase().as_str());
            if next < end && ((is_role_word(word) && !designator) || is_possessive_place(self.places, word)) {
                start = next;
            }
            at = next;
        }
        loop {
            let rest = &self.text[start..end];
            let word_len = rest.find([' ', '\t']).unwrap_or(rest.len());
            if word_len == rest.len() {
                return start;
            }
            let word = &rest[..word_len];
            let next_start = start + word_len + (rest[word_len..].len() - rest[word_len..].trim_start().len());
            let drop = self.stop.is_not_a_name(word)
                || is_role_word(word)
                || is_descriptor_adjective(word)
                // "Bremer Frostline", "Regensburger Voltaro": a town's adjective
                // when the name after it stands alone elsewhere.
                || (self.is_place_adjective(word) && word.ends_with("er") && next_start < end)
                || ((self.is_place_adjective(word) || (!self.is_place_word(word) && word.ends_with("er")))
                    && self.appears_alone(next_start, end));
            if !drop {
                return start;
            }
            start = next_start;
        }
    }

    /// "Bremer", "chinesische": a place as an adjective (not "China").
    fn is_place_adjective(&self, word: &str) -> bool {
        matches!(self.places.word(word), Some((_, PlaceWord::Adjective)))
    }

    fn is_place_word(&self, word: &str) -> bool {
        self.places.word(word).is_some_and(|(_, w)| w != PlaceWord::City)
            || self.places.word(word).is_some_and(|(_, w)| w == PlaceWord::City && word.ends_with("er"))
    }

    /// Whether the word starting at `at` occurs elsewhere in the text on its
    /// own (not after the word before it here, and not followed by another
    /// capitalised word), so it is the name and what precedes it a
    /// description: "Bremer Frostline Holding" when "Frostline" stands
    /// alone elsewhere, but not "China Telecom (Americas)".
    fn appears_alone(&self, at: usize, end: usize) -> bool {
        let word_end = self.text[at..end].find([' ', '\t']).map_or(end, |i| at + i);
        let word = &self.text[at..word_end];
        if word.chars().count() < 3 {
            return false;
        }
        let before_here = self.text[..at].split_whitespace().next_back().unwrap_or_default();
        self.text.match_indices(word).any(|(i, _)| {
            if i == at || !crate::extract::lexicon::starts_word(self.text, i) {
                return false;
            }
            let after = &self.text[i + word.len()..];
            let before = self.text[..i].split_whitespace().next_back().unwrap_or_default();
            !after.starts_with(|c: char| c.is_alphanumeric())
                && !after.trim_start().starts_with(|c: char| c.is_uppercase() || c == '(')
                && before != before_here
        })
    }

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
            out.push(Candidate::new(start..end, Origin::Institution, kind_of_head(name)));
        }
    }

    /// German institutions: compounds with an institution head, named by a
    /// prefix ("Bundesnetzagentur", "US-Handelsministerium"), a place
    /// ("Landgericht München I"), or a `für` phrase ("Bundesamt für
    /// Sicherheit in der Informationstechnik").
    pub fn institutions_de(&self, out: &mut Vec<Candidate>) {
        for caps in self.patterns.institution_de.captures_iter(self.text) {
            let Some(m) = caps.name("name") else { continue };
            let word = m.as_str();
            let lower = word.to_lowercase();
            if !HEADS_DE.split('|').any(|h| lower.ends_with(h)) {
                continue;
            }
            let mut end = m.end();
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
            let start = self.adjective_before(m.start());
            out.push(Candidate::new(start..end, Origin::Institution, kind_of_head(word)));
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
        let word_start = before
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let word = &before[word_start..];
        let adjective_like = ["e", "es", "er", "en"].iter().any(|e| word.ends_with(e));
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

    /// Names after a role noun: "der Chipkonzern Micron", "Hersteller
    /// Huawei und ZTE", "drone maker DJI", "Danish brewer Carlsberg".
    pub fn role_cues(&self, out: &mut Vec<Candidate>) {
        let mut at = 0;
        for word in self.text.split_inclusive(|c: char| c.is_whitespace()) {
            let start = at;
            at += word.len();
            let bare = word.trim_end().trim_end_matches([',', ':']);
            if bare.len() != word.trim_end().len() {
                continue;
            }
            let role = if bare.starts_with(|c: char| c.is_uppercase()) {
                is_role_word(bare)
            } else {
                is_english_role(bare)
            };
            if role && start < at {
                self.names_after(at, out);
            }
        }
    }

    /// The name run (and list) starting at `at`.
    fn names_after(&self, mut at: usize, out: &mut Vec<Candidate>) {
        for lead in ["wie ", "etwa ", "such as ", "like ", "including ", "namely ", "darunter "] {
            if self.text[at..].starts_with(lead) {
                at += lead.len();
            }
        }
        for _ in 0..4 {
            if let Some(rest) = self.possessive_place(at) {
                at = rest;
            }
            let Some(m) = self.patterns.name_run.find(&self.text[at..]) else {
                return;
            };
            let mut span = at..at + m.end();
            span.end = at + self.name_words(&self.text[span.clone()]);
            let name = &self.text[span.clone()];
            let last = name.split_whitespace().next_back().unwrap_or_default();
            let cut_short = ["Co", "Inc", "Corp", "Ltd"].contains(&last) || self.text[span.end..].starts_with(['+', '&', '.']) && !self.text[span.end..].starts_with(". ");
            if !self.plausible_name(name) || cut_short {
                return;
            }
            out.push(Candidate::new(span.clone(), Origin::Cue, OrgKind::Company));
            let rest = &self.text[span.end..];
            let next = [", ", " und ", " and ", " sowie ", " oder ", " or "]
                .iter()
                .find(|sep| rest.starts_with(**sep));
            match next {
                Some(sep) => at = span.end + sep.len(),
                None => return,
            }
        }
    }

    /// "Germany's Uniper": skips a possessive place before a name.
    fn possessive_place(&self, at: usize) -> Option<usize> {
        let rest = &self.text[at..];
        let word_len = rest.find(['\'', '’'])?;
        let word = &rest[..word_len];
        let after = rest[word_len..].strip_prefix("'s ").or_else(|| rest[word_len..].strip_prefix("’s "))?;
        (!word.contains(' ') && self.places.word(word).is_some()).then(|| at + rest.len() - after.len())
    }

    /// How much of a run of capitalised words after a role noun is the
    /// name: German capitalises every noun ("Vergleichsportal Zinsmarkt
    /// Einlagen"), so a second word stays only when it looks like part of a
    /// name: after an adjective ("Hanseatische Kältetechnik"), written
    /// CamelCase or with digits, a designator, or the pair recurs.
    fn name_words(&self, run: &str) -> usize {
        let words: Vec<&str> = run.split_whitespace().collect();
        let Some(first) = words.first() else { return 0 };
        let mut len = first.len();
        for pair in words.windows(2) {
            let second = pair[1];
            let adjective = ["e", "er", "es", "en"].iter().any(|e| pair[0].ends_with(e)) && pair[0].chars().next().is_some_and(char::is_uppercase);
            let camel = second.chars().skip(1).any(char::is_uppercase) || second.chars().any(|c| c.is_ascii_digit());
            let designator = crate::text::names::key(&format!("{} {}", pair[0], second)).is_some_and(|k| !k.contains(' '));
            let recurs = self.text.matches(&format!("{} {}", pair[0], second)).count() > 1;
            let english = second.is_ascii() && !second.ends_with("en") && !second.ends_with("ung");
            if !(adjective || camel || designator || recurs || english) {
                break;
            }
            len = run.find(second).map_or(len, |i| i + second.len());
        }
        len
    }

    fn plausible_name(&self, name: &str) -> bool {
        let first = name.split_whitespace().next().unwrap_or_default();
        let lower = first.to_lowercase();
        !self.stop.is_not_a_name(first)
            && !NOT_NAMES.contains(&lower.as_str())
            && self.places.word(first).is_none()
            && !common_noun_shape(first)
            && !crate::text::names::is_first_name(first)
    }

    /// "QuickRupee", "SolarKontor": a word with a capital inside is a brand
    /// or company name.
    pub fn camel_case(&self, out: &mut Vec<Candidate>) {
        for m in self.patterns.camel.find_iter(self.text) {
            let word = m.as_str();
            if !self.stop.is_not_a_name(word) && self.places.word(word).is_none() && !word.starts_with("Mc") {
                out.push(Candidate::new(m.range(), Origin::Cue, OrgKind::Company));
            }
        }
    }

    /// "Brunnhuber Sensorik, the German maker of radio modules": a name in
    /// apposition with a role noun.
    pub fn appositions(&self, out: &mut Vec<Candidate>) {
        for caps in self.patterns.apposition.captures_iter(self.text) {
            let (Some(name), Some(role)) = (caps.name("name"), caps.name("role")) else {
                continue;
            };
            let is_role = role.as_str().split_whitespace().any(|w| {
                if w.starts_with(|c: char| c.is_uppercase()) { is_role_word(w) } else { is_english_role(w) }
            });
            let start = self.trim_leading(name.start(), name.end());
            let name_text = &self.text[start..name.end()];
            // Not "aus Husum, einer der größten ..." (a town) nor
            // "Separately, the Reserve Bank ..." (an adverb).
            let lead = self.text[..start].trim_end().to_lowercase();
            let after_preposition = ["aus", "in", "from", "at", "near", "von", "bei", "im"].iter().any(|p| lead.ends_with(&format!(" {p}")));
            let adverb = !name_text.contains(' ') && name_text.ends_with("ly");
            if is_role && start < name.end() && !after_preposition && !adverb && self.plausible_name(name_text) && !name_text.split_whitespace().any(crate::text::names::is_first_name) {
                out.push(Candidate::new(start..name.end(), Origin::Cue, OrgKind::Company));
            }
        }
    }

    /// "Huawei-Sprecher", "FCC-Chefin": the first part is an organisation.
    pub fn role_compounds(&self, out: &mut Vec<Candidate>) {
        for caps in self.patterns.compound.captures_iter(self.text) {
            let (Some(name), Some(role)) = (caps.name("name"), caps.name("role")) else {
                continue;
            };
            let role = role.as_str().to_lowercase();
            if !COMPOUND_ROLES.contains(&role.as_str()) || !self.plausible_name(name.as_str()) {
                continue;
            }
            if name.as_str().contains('-') {
                continue;
            }
            out.push(Candidate::new(name.range(), Origin::Cue, OrgKind::Company));
        }
    }

    /// "Yangtze Memory Technologies (YMTC)": the acronym and the name before
    /// it are one organisation. Returns (name span, acronym span) pairs.
    pub fn acronym_introductions(&self) -> Vec<super::Introduction> {
        let mut pairs = Vec::new();
        for caps in self.patterns.acronym_intro.captures_iter(self.text) {
            let (Some(all), Some(acronym)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let before = self.text[..all.start()].trim_end_matches([' ', '\t']);
            let Some(name_start) = name_run_before(before) else {
                continue;
            };
            let name = &self.text[name_start..before.len()];
            if initials_match(name, acronym.as_str()) {
                pairs.push((name_start..before.len(), acronym.range()));
            }
        }
        pairs
    }
}

/// Where the run of capitalised words (with connectors) ending at the end
/// of `before` starts.
fn name_run_before(before: &str) -> Option<usize> {
    let mut start = before.len();
    let mut words = 0;
    for word in before.rsplit([' ', '\t']) {
        let capital = word.starts_with(|c: char| c.is_uppercase());
        let connector = ["of", "for", "and", "&", "und", "für", "the", "der", "in", "des"].contains(&word);
        if word.is_empty() || !(capital || (connector && words > 0)) || words > 8 {
            break;
        }
        start -= word.len() + usize::from(start != before.len());
        words += 1;
    }
    let run = &before[start.min(before.len())..];
    let trimmed = run.trim_start_matches(|c: char| !c.is_uppercase());
    (words > 0 && !trimmed.is_empty()).then(|| before.len() - trimmed.len())
}

/// Whether `acronym` can abbreviate `name`: its letters appear in order,
/// the first at the start of the name's first significant word.
fn initials_match(name: &str, acronym: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .map(str::to_lowercase)
        .collect();
    let Some(first) = letters.first() else {
        return false;
    };
    if !words.iter().any(|w| w.starts_with(*first)) {
        return false;
    }
    let name_letters: Vec<char> = name.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    let mut i = 0;
    for c in &name_letters {
        if i < letters.len() && *c == letters[i] {
            i += 1;
        }
    }
    i == letters.len() && letters.len() >= 2
}

/// "Britain's", "China's": a possessive place in front of a name.
fn is_possessive_place(places: &PlaceIndex, word: &str) -> bool {
    let stem = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"));
    stem.is_some_and(|s| places.word(s).is_some())
}

/// German role nouns declined like "der Konkurrent, den Konkurrenten":
/// their -en form is still one.
const WEAK_ROLES: &[&str] = &["konkurrent", "spezialist", "produzent", "rivale", "riese"];

/// Whether `word` is a singular German role noun ("Chipkonzern",
/// "Kühlanlagenbauers", "Konkurrenten"); plurals ("Plattformen") introduce
/// no single name.
pub fn is_role_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ROLES_DE.iter().any(|r| lower.ends_with(r)) {
        return true;
    }
    let genitive = ["s", "es"]
        .iter()
        .filter_map(|e| lower.strip_suffix(e))
        .any(|stem| ROLES_DE.iter().any(|r| stem.ends_with(r)));
    let weak = ["en", "n"]
        .iter()
        .filter_map(|e| lower.strip_suffix(e))
        .any(|stem| WEAK_ROLES.iter().any(|r| stem.ends_with(r)));
    genitive || weak
}

/// Where the name starts after the last determiner before its head: in
/// "Friday the Cyberspace Administration" the name is what follows "the".
fn after_last_determiner(text: &str, start: usize, end: usize) -> usize {
    let run = &text[start..end];
    let head_at = run.find(" of ").unwrap_or(run.len());
    let mut cut = start;
    let mut at = 0;
    for word in run[..head_at].split(' ') {
        let next = at + word.len() + 1;
        if ["the", "The", "die", "Die", "der", "Der", "das", "Das", "den", "dem", "des"].contains(&word) && next < head_at {
            cut = start + next;
        }
        at = next;
    }
    cut
}

fn is_english_role(word: &str) -> bool {
    let lower = word.to_lowercase();
    let head = lower.rsplit('-').next().unwrap_or(&lower);
    let singular = head.strip_suffix("ies").map(|s| format!("{s}y")).or_else(|| head.strip_suffix('s').map(str::to_owned));
    let is_role = |h: &str| ROLES_EN.contains(&h) || (h.ends_with("maker") && h.len() > 5);
    is_role(head) || singular.is_some_and(|s| is_role(&s))
}

/// Compound adjectives that describe rather than name ("Ohio-based",
/// "state-backed", "US-amerikanische").
fn is_descriptor_adjective(word: &str) -> bool {
    let last = word.rsplit('-').next().unwrap_or(word);
    word.contains('-') && last.starts_with(|c: char| c.is_lowercase())
}

/// German abstract nouns and feminine agent nouns ("Eigentümerin"): never
/// names on their own.
fn common_noun_shape(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["ung", "heit", "keit", "schaft", "tion", "ität", "ismus", "nis", "tum", "erin", "ürin"]
        .iter()
        .any(|s| lower.ends_with(s) && lower.len() > s.len() + 3)
}

/// Whether a compound names an institution on its own: "Bundes-" and
/// "Landes-" bodies, hyphen-prefixed ones ("US-Handelsministerium",
/// "Twerskoi-Bezirksgericht") and specific ministries ("Innenministerium").
fn is_named_compound(word: &str) -> bool {
    let lower = word.to_lowercase();
    const GENERIC: &[&str] = &[
        "ministerium", "ministeriums", "amt", "amts", "amtes", "gericht", "gerichts",
        "landgericht", "amtsgericht", "oberlandesgericht", "verwaltungsgericht", "bezirksgericht",
        "arbeitsgericht", "landgerichts", "amtsgerichts", "verwaltung", "kommission", "anstalt",
        "agentur", "beauftragte", "beauftragten", "beauftragter", "staatsanwaltschaft",
        "kabinett", "finanzamt", "gerichtshof", "bundesamt", "landesamt", "bundesministerium",
        "landesministerium", "ordnungsamt", "jugendamt", "arbeitsamt", "landratsamt",
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
    } else if has(&["senate", "house of", "parliament", "congress", "assembly", "bundestag", "bundesrat"]) {
        OrgKind::Parliament
    } else if has(&[
        "ministerium", "amt", "agentur", "kommission", "anstalt", "behörde", "aufsicht",
        "staatsanwaltschaft", "verwaltung", "beauftragte", "kabinett", "department", "ministry",
        "commission", "authority", "agency", "administration", "bureau", "office", "directorate",
        "inspectorate", "commissioner", "police", "prosecutor", "task force", "service", "centre",
        "center", "council", "board", "committee",
    ]) {
        OrgKind::Authority
    } else {
        OrgKind::Other
    }
}

fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '"'])
}
