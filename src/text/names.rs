//! Organisation names: legal forms, normalised keys, and telling names of
//! people apart.

/// Legal forms, longest first, as they end company names.
pub const LEGAL_FORMS: &[&str] = &[
    "GmbH & Co. KGaA",
    "GmbH & Co. KG",
    "Co., Ltd.",
    "Co. Ltd.",
    "Co., Ltd",
    "Corporation",
    "Incorporated",
    "Limited",
    "S.p.A.",
    "S.A.S.",
    "GmbH",
    "gGmbH",
    "KGaA",
    "Inc.",
    "Inc",
    "Ltd.",
    "Ltd",
    "LLC",
    "L.L.C.",
    "LLP",
    "Corp.",
    "Corp",
    "Co.",
    "PLC",
    "plc",
    "S.A.",
    "N.V.",
    "B.V.",
    "A/S",
    "ASA",
    "Oyj",
    "SE",
    "AG",
    "KG",
    "UG",
    "SA",
    "NV",
    "BV",
    "AB",
    "SpA",
    "S.r.l.",
    "Srl",
    "SAS",
    "e.V.",
    "eG",
    "mbH",
];

/// Words that end company names without distinguishing them: "Huawei
/// Technologies" and "Huawei" are one company.
const DESIGNATORS: &[&str] = &[
    "group",
    "gruppe",
    "holding",
    "holdings",
    "technology",
    "technologies",
    "lab",
    "labs",
    "international",
    "global",
    "company",
    "corporation",
    "incorporated",
    "limited",
    "konzern",
    "systems",
    "communications",
    "platforms",
    "electronics",
    "digital",
];

/// A key that is equal for the spellings of one organisation's name: case,
/// hyphens, punctuation, legal forms, designators and a German genitive
/// `s` do not count. `None` when nothing distinctive is left.
pub fn key(name: &str) -> Option<String> {
    let lower = name.to_lowercase().replace('ß', "ss").replace('&', " and ");
    let mut words: Vec<String> = lower
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    while words
        .first()
        .is_some_and(|w| ["the", "der", "die", "das", "des", "dem", "den"].contains(&w.as_str()))
    {
        words.remove(0);
    }
    loop {
        let before = words.len();
        strip_legal_tail(&mut words);
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| DESIGNATORS.contains(&w.as_str()))
        {
            words.pop();
        }
        if words.len() == before {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// Drops legal-form words from the end ("co ltd", "gmbh and co kg").
fn strip_legal_tail(words: &mut Vec<String>) {
    const LEGAL_WORDS: &[&str] = &[
        "gmbh", "ggmbh", "mbh", "ag", "se", "kg", "kgaa", "ug", "inc", "ltd", "llc", "llp", "corp",
        "co", "plc", "sa", "nv", "bv", "as", "asa", "oyj", "ab", "spa", "srl", "sas", "ev", "eg",
        "l", "c", "p", "s", "a", "n", "v", "b", "r",
    ];
    while words.len() > 1 {
        let last = words.last().map(String::as_str).unwrap_or_default();
        if LEGAL_WORDS.contains(&last) || (last == "and" && words.len() > 2) {
            words.pop();
        } else {
            break;
        }
    }
}

/// The name without a trailing legal form: "Kiddo Connect GmbH" -> "Kiddo
/// Connect". Returns the name unchanged when it has none.
pub fn without_legal_form(name: &str) -> &str {
    let trimmed = name.trim_end();
    for form in LEGAL_FORMS {
        if let Some(stem) = trimmed.strip_suffix(form) {
            let stem = stem.trim_end_matches([' ', ',']);
            if !stem.is_empty() && stem.len() < trimmed.len() && !stem.ends_with('-') {
                let boundary = trimmed
                    .as_bytes()
                    .get(stem.len())
                    .is_some_and(|b| *b == b' ' || *b == b',');
                if boundary {
                    return without_legal_form(stem);
                }
            }
        }
    }
    trimmed
}

/// Whether `name` ends in a legal form.
pub fn has_legal_form(name: &str) -> bool {
    without_legal_form(name).len() < name.trim_end().len()
}

/// Common first names in German and English news; a capitalised word
/// after one of these is a person's surname, not an organisation.
const FIRST_NAMES: &[&str] = &[
    "adam",
    "alan",
    "alex",
    "alexander",
    "alice",
    "amy",
    "andrea",
    "andreas",
    "andrew",
    "angela",
    "anna",
    "anne",
    "annalena",
    "antony",
    "ben",
    "benjamin",
    "bernd",
    "bill",
    "bob",
    "bobby",
    "boris",
    "brad",
    "brendan",
    "brian",
    "carl",
    "carlos",
    "caroline",
    "charles",
    "chris",
    "christian",
    "christine",
    "christoph",
    "claudia",
    "daniel",
    "david",
    "dieter",
    "don",
    "donald",
    "elon",
    "emma",
    "emmanuel",
    "eric",
    "eugene",
    "frank",
    "franz",
    "friedrich",
    "gary",
    "george",
    "gerhard",
    "gina",
    "hans",
    "hauke",
    "heiko",
    "helmut",
    "henry",
    "hubertus",
    "ian",
    "jack",
    "james",
    "jan",
    "jana",
    "jane",
    "jason",
    "jeff",
    "jens",
    "jessica",
    "jim",
    "joe",
    "johann",
    "johannes",
    "john",
    "jonathan",
    "josé",
    "joseph",
    "julia",
    "jürgen",
    "karl",
    "karin",
    "katherine",
    "kevin",
    "klaus",
    "lars",
    "laura",
    "lina",
    "lisa",
    "lukas",
    "marco",
    "maria",
    "marie",
    "mark",
    "markus",
    "martin",
    "mary",
    "matthias",
    "max",
    "michael",
    "mike",
    "nancy",
    "nikhil",
    "nicola",
    "nils",
    "olaf",
    "oliver",
    "paul",
    "peter",
    "philipp",
    "rachel",
    "ralf",
    "richard",
    "robert",
    "ron",
    "sam",
    "sarah",
    "satya",
    "scott",
    "sebastian",
    "sergey",
    "stefan",
    "stephan",
    "steve",
    "steven",
    "susanne",
    "sundar",
    "svenja",
    "thomas",
    "tim",
    "tobias",
    "tom",
    "ursula",
    "uwe",
    "vladimir",
    "volker",
    "walter",
    "werner",
    "wilbur",
    "william",
    "wolfgang",
    "xi",
    "marco",
    "ted",
    "tony",
    "victor",
    "viktor",
    "winfried",
    "lars",
    "margrethe",
    "thierry",
    "olivier",
    "emmanuelle",
    "giorgia",
    "pedro",
    "narendra",
    "shou",
    "tim",
    "jensen",
    "lina",
    "gene",
    "joan",
    "kamala",
    "nancy",
    "mitch",
    "chuck",
    "liz",
    "rishi",
    "keir",
    "friedrich",
    "robert",
    "nikolai",
    "dmitri",
    "dmitry",
    "alexei",
    "yevgeny",
    "ren",
    "jack",
    "pony",
    "zhang",
    "li",
    "wang",
    "andy",
    "sheryl",
    "mark",
    "larry",
    "sergei",
    "claude",
];

/// Whether `word` is a common first name.
pub fn is_first_name(word: &str) -> bool {
    FIRST_NAMES.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_legal_forms_designators_and_case() {
        assert_eq!(key("Kaspersky Lab"), key("Kaspersky Labs"));
        assert_eq!(key("Kaspersky Lab"), key("KASPERSKY"));
        assert_eq!(key("Huawei Technologies Co., Ltd."), key("Huawei"));
        assert_eq!(
            key("SolarKontor Nord GmbH & Co. KG").as_deref(),
            Some("solarkontor nord")
        );
        assert_eq!(
            key("Brenner & Söhne KG").as_deref(),
            Some("brenner and söhne")
        );
        assert_eq!(
            key("Die Bundesnetzagentur").as_deref(),
            Some("bundesnetzagentur")
        );
        assert_ne!(key("China Telecom"), key("China Mobile"));
        assert_eq!(key("GmbH"), Some("gmbh".to_owned()));
    }

    #[test]
    fn legal_forms_come_off_the_end_only() {
        assert_eq!(without_legal_form("Kiddo Connect GmbH"), "Kiddo Connect");
        assert_eq!(
            without_legal_form("Hangzhou Hikvision Digital Technology Co., Ltd."),
            "Hangzhou Hikvision Digital Technology"
        );
        assert_eq!(
            without_legal_form("SolarKontor Nord GmbH & Co. KG"),
            "SolarKontor Nord"
        );
        assert_eq!(without_legal_form("AGCO"), "AGCO");
        assert_eq!(without_legal_form("Volkswagen AG"), "Volkswagen");
        assert!(has_legal_form("Masimo Corp."));
        assert!(!has_legal_form("Masimo"));
    }
}
