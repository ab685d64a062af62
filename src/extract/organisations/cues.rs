//! Names found by the words around them: role nouns ("der Chipkonzern
//! Micron", "drone maker DJI"), appositions ("Brunnhuber, the German maker
//! of ..."), role compounds ("Huawei-Sprecher") and CamelCase brands.

use super::Candidate;
use super::patterns::Scan;
use crate::extract::Finder;
use crate::extract::OrgKind;
use crate::text::wordpattern::whole_words;

/// German role nouns (as compound heads) that introduce a name: "der
/// Chipkonzern Micron", "Großhändler SolarKontor".
const ROLES_DE: &[&str] = &[
    "konzern",
    "hersteller",
    "anbieter",
    "unternehmen",
    "firma",
    "händler",
    "betreiber",
    "dienst",
    "spezialist",
    "riese",
    "bauer",
    "produzent",
    "entwickler",
    "reederei",
    "tochter",
    "konkurrent",
    "rivale",
    "zulieferer",
    "lieferant",
    "versorger",
    "verband",
    "gewerkschaft",
    "startup",
    "start-up",
    "bank",
    "versicherer",
    "plattform",
    "app",
    "messenger",
    "marktforscher",
    "chatbot",
    "blog",
    "sender",
    "portal",
    "netzwerk",
    "investor",
    "kette",
    "discounter",
    "gesellschaft",
    "gruppe",
    "holding",
    "mutter",
    "dienstleister",
    "ausrüster",
    "zeitung",
    "magazin",
    "agentur",
    "broker",
    "börse",
    "behörde",
    "aufsicht",
    "regulierer",
    "medienaufsicht",
    "datenschutzbehörde",
    "fertiger",
    "lieferant",
    "vertreiber",
    "vermarkter",
    "importeur",
    "exporteur",
    "großhändler",
    "verkäufer",
];

/// English role nouns that introduce a name: "drone maker DJI".
const ROLES_EN: &[&str] = &[
    "company",
    "firm",
    "maker",
    "manufacturer",
    "chipmaker",
    "carmaker",
    "automaker",
    "group",
    "brewer",
    "exchange",
    "operator",
    "carrier",
    "giant",
    "platform",
    "startup",
    "start-up",
    "retailer",
    "supplier",
    "distributor",
    "developer",
    "provider",
    "producer",
    "lender",
    "bank",
    "insurer",
    "broadcaster",
    "broadcasters",
    "utility",
    "subsidiary",
    "unit",
    "arm",
    "rival",
    "conglomerate",
    "outlet",
    "airline",
    "miner",
    "app",
    "network",
    "regulator",
    "watchdog",
    "fund",
    "investor",
    "owner",
    "parent",
    "partner",
    "shipper",
    "specialist",
    "vendor",
    "brand",
    "service",
    "messenger",
    "chatbot",
    "publisher",
    "newspaper",
];

/// Second parts of hyphenated compounds that make the first part an
/// organisation: "Huawei-Sprecher", "FCC-Chefin", "HHLA-Aktie".
const COMPOUND_ROLES: &[&str] = &[
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "chefs",
    "präsident",
    "präsidentin",
    "chefjurist",
    "chefjuristin",
    "manager",
    "managerin",
    "aktie",
    "aktien",
    "tochter",
    "konzern",
    "zentrale",
    "gründer",
    "gründerin",
    "vorstand",
    "vorstandschef",
    "mitarbeiter",
    "mitarbeitern",
    "mitarbeiters",
    "beschäftigte",
    "angestellte",
    "geschäft",
    "niederlassung",
];

/// German nouns that end like role words but are not names.
const NOT_NAMES: &[&str] = &[
    "ende",
    "anfang",
    "mitte",
    "jahr",
    "jahre",
    "monat",
    "woche",
    "zeit",
    "geld",
    "prozent",
    "euro",
    "dollar",
    "umsatz",
    "gewinn",
    "sitz",
    "kunden",
    "nutzer",
    "daten",
    "produkte",
    "geräte",
    "bereits",
    "selbst",
    "weltweit",
    "zuletzt",
    "insgesamt",
    "rund",
    "etwa",
];

impl Scan<'_> {
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
        for lead in [
            "wie ",
            "etwa ",
            "such as ",
            "like ",
            "including ",
            "namely ",
            "darunter ",
        ] {
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
            let cut_short = ["Co", "Inc", "Corp", "Ltd"].contains(&last)
                || self.text[span.end..].starts_with(['+', '&', '.'])
                    && !self.text[span.end..].starts_with(". ");
            if !self.plausible_name(name) || cut_short {
                return;
            }
            out.push(Candidate::new(span.clone(), Finder::Cue, OrgKind::Company));
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
        // Within the next word only: a search to the end of the text for
        // every role noun would make long articles quadratic.
        let word = rest.split(char::is_whitespace).next().unwrap_or_default();
        let word_len = word.find(['\'', '’'])?;
        let word = &rest[..word_len];
        let after = rest[word_len..]
            .strip_prefix("'s ")
            .or_else(|| rest[word_len..].strip_prefix("’s "))?;
        (!word.contains(' ') && self.places.word(word).is_some())
            .then(|| at + rest.len() - after.len())
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
            let adjective = ["e", "er", "es", "en"].iter().any(|e| pair[0].ends_with(e))
                && pair[0].chars().next().is_some_and(char::is_uppercase);
            let camel = second.chars().skip(1).any(char::is_uppercase)
                || second.chars().any(|c| c.is_ascii_digit());
            let designator = crate::text::names::key(&format!("{} {}", pair[0], second))
                .is_some_and(|k| !k.contains(' '));
            let english = second.is_ascii() && !second.ends_with("en") && !second.ends_with("ung");
            let recurs = || self.pair_count(pair[0], second) > 1;
            if !(adjective || camel || designator || english || recurs()) {
                break;
            }
            len = run.find(second).map_or(len, |i| i + second.len());
        }
        len
    }

    pub(super) fn plausible_name(&self, name: &str) -> bool {
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
        for m in whole_words(&self.patterns.camel, self.text) {
            let word = &self.text[m.clone()];
            // "KiddoWatch 3": a model number makes it a product.
            let model = self.text[m.end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
            if !model
                && !self.stop.is_not_a_name(word)
                && self.places.word(word).is_none()
                && !word.starts_with("Mc")
            {
                out.push(Candidate::new(m, Finder::Cue, OrgKind::Company));
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
            // The role is the head of the phrase, before any attribute:
            // "Sanktionsliste, die Vermögenswerte des Unternehmens" names
            // no company.
            let is_role = role
                .as_str()
                .split_whitespace()
                .take_while(|w| !ATTRIBUTE_LINKS.contains(w))
                .any(|w| {
                    if w.starts_with(|c: char| c.is_uppercase()) {
                        is_role_word(w)
                    } else {
                        is_english_role(w)
                    }
                });
            let start = self.trim_leading(name.start(), name.end());
            let name_text = &self.text[start..name.end()];
            // Not "aus Husum, einer der größten ..." (a town) nor
            // "Separately, the Reserve Bank ..." (an adverb).
            let from = self.text.floor_char_boundary(start.saturating_sub(40));
            let lead = self.text[from..start].trim_end().to_lowercase();
            let after_preposition = ["aus", "in", "from", "at", "near", "von", "bei", "im"]
                .iter()
                .any(|p| lead.ends_with(&format!(" {p}")));
            let adverb = !name_text.contains(' ') && name_text.ends_with("ly");
            if is_role
                && start < name.end()
                && !after_preposition
                && !adverb
                && self.plausible_name(name_text)
                && !name_text
                    .split_whitespace()
                    .any(crate::text::names::is_first_name)
            {
                out.push(Candidate::new(
                    start..name.end(),
                    Finder::Cue,
                    OrgKind::Company,
                ));
            }
        }
    }

    /// "Huawei-Sprecher", "FCC-Chefin": the first part is an organisation.
    pub fn role_compounds(&self, out: &mut Vec<Candidate>) {
        let compounds = whole_words(&self.patterns.compound, self.text);
        for caps in compounds
            .iter()
            .filter_map(|m| self.patterns.compound.captures_at(self.text, m.start))
        {
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
            out.push(Candidate::new(name.range(), Finder::Cue, OrgKind::Company));
        }
    }
}

/// Words that start an attribute of a noun phrase (a genitive, a
/// preposition): what follows them is not the phrase's head.
const ATTRIBUTE_LINKS: &[&str] = &[
    "des", "der", "von", "vom", "für", "mit", "aus", "of", "for", "with", "from",
];

/// German role nouns declined like "der Konkurrent, den Konkurrenten":
/// their -en form is still one.
const WEAK_ROLES: &[&str] = &["konkurrent", "spezialist", "produzent", "rivale", "riese"];

/// Whether `word` is a singular German role noun ("Chipkonzern",
/// "Kühlanlagenbauers", "Konkurrenten"); plurals ("Plattformen") introduce
/// no single name.
pub(super) fn is_role_word(word: &str) -> bool {
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

pub(super) fn is_english_role(word: &str) -> bool {
    let lower = word.to_lowercase();
    let head = lower.rsplit('-').next().unwrap_or(&lower);
    let singular = head
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| head.strip_suffix('s').map(str::to_owned));
    let is_role = |h: &str| ROLES_EN.contains(&h) || (h.ends_with("maker") && h.len() > 5);
    is_role(head) || singular.is_some_and(|s| is_role(&s))
}

/// German abstract nouns and feminine agent nouns ("Eigentümerin"): never
/// names on their own.
pub(super) fn common_noun_shape(word: &str) -> bool {
    let lower = word.to_lowercase();
    [
        "ung", "heit", "keit", "schaft", "tion", "ität", "ismus", "nis", "tum", "erin", "ürin",
    ]
    .iter()
    .any(|s| lower.ends_with(s) && lower.len() > s.len() + 3)
}
