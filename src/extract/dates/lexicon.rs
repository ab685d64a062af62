//! The words date expressions are built from, German and English together.
//!
//! Every word has one role; the few words with two roles ("vor" is both a
//! preposition and the German "ago", "a" both article and number) are told
//! apart by the rules that read them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What a word can do in a date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lex {
    /// A month name (1 to 12); `abbr` for "Jan", "Sept", "Okt" and the like.
    Month {
        month: u8,
        abbr: bool,
    },
    /// A weekday (0 = Monday); `part` for German compounds ("Montagabend").
    Weekday {
        day: u8,
        part: bool,
    },
    /// A part of the day after a weekday ("Abend", "night").
    DayPart,
    Prep(Prep),
    /// Where in a period: "Anfang", "Mitte", "Ende", "early", "end", "mid".
    Mod,
    Rel(Rel),
    /// "Jahr", "month", "Tag" and their plurals.
    Unit {
        unit: Unit,
        plural: bool,
    },
    /// "Vorjahr", "Vorjahres".
    PrevYear,
    /// "Folgejahr": the year after the last one mentioned.
    FollowingYear,
    /// "Vormonat".
    PrevMonth,
    /// "Jahresende", "Jahresbeginn": a point in the current year.
    YearEdge,
    /// "gestern" (-1), "morgen" (+1), "yesterday", "vorgestern" (-2).
    DayShift(i8),
    /// "Vortag" (-1), "Folgetag" (+1): relative to the last day mentioned.
    DayChain(i8),
    /// "earlier"/"zuvor" (-1), "later"/"darauf" (+1).
    Chain(i8),
    /// "tags" as in "tags zuvor".
    Tags,
    Ago,
    /// A season, by the month it starts in.
    Season(u8),
    /// "Quartal", "quarter", "Halbjahr", "fiscal", "Geschäftsjahr".
    Period,
    Ordinal,
    /// Small numbers written as words; "a", "ein" count as one.
    NumWord(u8),
    Article,
    /// Function words that may stand next to a year ("es", "and", "also").
    Func,
    /// Auxiliaries and tense cues.
    Aux(Tense),
    /// Words before a number that make it an amount ("rund", "about").
    QtyCue,
    /// Words after a number that make it an amount ("Mitarbeiter", "euros").
    Qty,
    Holiday(Holiday),
    /// "und", "and", "oder", "or": continues a list of dates.
    And,
    /// Newspaper names before "am Sonntag" ("Welt am Sonntag").
    Paper,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Prep {
    /// in, im, during, while
    In,
    /// am, on
    On,
    /// seit, since
    Since,
    /// ab, from, starting, effective
    From,
    /// bis, until, by, zum
    Until,
    /// vor, nach, before, after
    Around,
    /// von, vom, of
    Of,
    /// to, for, um, between: cues too weak to make a number a year alone
    Weak,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rel {
    /// last, vergangenen, letzten, vorigen, gestrigen
    Last,
    /// next, nächsten, kommenden, morgigen
    Next,
    /// this, diesem, laufenden, heutigen
    This,
    /// that, same, desselben, gleichen
    Same,
    /// previous (only "the previous day")
    Previous,
    /// following (only "the following day")
    Following,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Year,
    Month,
    Day,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Neutral,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holiday {
    /// "Heiligabend" (a whole date in one word)
    ChristmasEve,
    /// "Neujahr", "Neujahrstag"
    NewYear,
    /// "Christmas" (a date only with "Eve")
    Christmas,
    /// "Eve", "Day" after "New Year's"
    Eve,
    /// "Silvester": a date only after a preposition
    Silvester,
}

/// FNV-1a: the lexicon is looked up once per word, SipHash is overkill.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(super) type Lexicon = HashMap<String, Lex, BuildHasherDefault<Fnv>>;

const MONTHS: [&str; 12] = [
    "januar jänner january",
    "februar feber february",
    "märz maerz march",
    "april",
    "mai may",
    "juni june",
    "juli july",
    "august",
    "september",
    "oktober october",
    "november",
    "dezember december",
];

const MONTH_ABBRS: [&str; 12] = [
    "jan",
    "feb",
    "mär mrz mar",
    "apr",
    "",
    "jun",
    "jul",
    "aug",
    "sep sept",
    "okt oct",
    "nov",
    "dez dec",
];

const WEEKDAYS: [&str; 7] = [
    "montag monday",
    "dienstag tuesday",
    "mittwoch wednesday",
    "donnerstag thursday",
    "freitag friday",
    "samstag sonnabend saturday",
    "sonntag sunday",
];

const DAY_PARTS: &str = "abend morgen nachmittag vormittag mittag nacht früh";

/// German adjective stems, each taking the endings -e, -en, -er, -es, -em.
const REL_STEMS: &[(&str, Rel)] = &[
    ("vergangen", Rel::Last),
    ("letzt", Rel::Last),
    ("vorig", Rel::Last),
    ("abgelaufen", Rel::Last),
    ("gestrig", Rel::Last),
    ("nächst", Rel::Next),
    ("naechst", Rel::Next),
    ("kommend", Rel::Next),
    ("morgig", Rel::Next),
    ("dies", Rel::This),
    ("laufend", Rel::This),
    ("heutig", Rel::This),
    ("folgend", Rel::Following),
    ("gleich", Rel::Same),
    ("selb", Rel::Same),
];

const YEAR: Lex = Lex::Unit {
    unit: Unit::Year,
    plural: false,
};
const YEARS: Lex = Lex::Unit {
    unit: Unit::Year,
    plural: true,
};
const MONTH: Lex = Lex::Unit {
    unit: Unit::Month,
    plural: false,
};
const MONTHS_: Lex = Lex::Unit {
    unit: Unit::Month,
    plural: true,
};
const DAY: Lex = Lex::Unit {
    unit: Unit::Day,
    plural: false,
};
const DAYS: Lex = Lex::Unit {
    unit: Unit::Day,
    plural: true,
};

/// Roles and their words, space-separated; a word keeps its first role.
const WORDS: &[(Lex, &str)] = &[
    (
        Lex::DayPart,
        "night morning evening afternoon abends morgens",
    ),
    (Lex::Prep(Prep::In), "in im during während throughout"),
    (Lex::Prep(Prep::On), "am on"),
    (Lex::Prep(Prep::Since), "seit since"),
    (Lex::Prep(Prep::From), "ab from starting effective"),
    (Lex::Prep(Prep::Until), "bis until till by zum spätestens"),
    (Lex::Prep(Prep::Around), "vor nach before after prior"),
    (Lex::Prep(Prep::Of), "von vom of"),
    (
        Lex::Prep(Prep::Weak),
        "to for für um between zwischen through",
    ),
    (
        Lex::Mod,
        "anfang mitte ende beginn beginning early late mid end start middle laufe rest",
    ),
    (Lex::Rel(Rel::Last), "last"),
    (Lex::Rel(Rel::Next), "next coming"),
    (Lex::Rel(Rel::This), "this current"),
    (
        Lex::Rel(Rel::Same),
        "that same desselben derselben demselben",
    ),
    (Lex::Rel(Rel::Previous), "previous"),
    (Lex::Rel(Rel::Following), "following"),
    (YEAR, "jahr jahres jahrs year"),
    (YEARS, "jahre jahren years"),
    (MONTH, "monat monats month"),
    (MONTHS_, "monate monaten months"),
    (DAY, "tag tage tages day"),
    (DAYS, "tagen days"),
    (Lex::PrevYear, "vorjahr vorjahres vorjahrs"),
    (Lex::PrevMonth, "vormonat vormonats"),
    (Lex::FollowingYear, "folgejahr folgejahres folgejahrs"),
    (
        Lex::YearEdge,
        "jahresende jahresanfang jahresbeginn jahresmitte jahreswechsel heuer",
    ),
    (Lex::DayShift(-1), "gestern yesterday"),
    (Lex::DayShift(-2), "vorgestern"),
    (Lex::DayShift(1), "tomorrow"),
    (Lex::DayShift(2), "übermorgen"),
    (Lex::DayChain(-1), "vortag vortages vortags"),
    (Lex::DayChain(1), "folgetag folgetages folgetags"),
    (Lex::Chain(-1), "earlier zuvor vorher früher"),
    (Lex::Chain(1), "later darauf danach später"),
    (Lex::Tags, "tags"),
    (Lex::Ago, "ago"),
    (Lex::Season(3), "frühjahr frühjahrs frühling spring"),
    (Lex::Season(6), "sommer sommers summer"),
    (Lex::Season(9), "herbst herbstes autumn fall"),
    (Lex::Season(12), "winter winters"),
    (
        Lex::Period,
        "quartal quartals quarter halbjahr halbjahres half jahreshälfte fiscal \
         geschäftsjahr geschäftsjahres financial",
    ),
    (
        Lex::Ordinal,
        "ersten zweiten dritten vierten first second third fourth",
    ),
    (Lex::And, "und and oder or sowie"),
    (Lex::NumWord(1), "a an one ein eine einem einen einer eines"),
    (Lex::NumWord(2), "two zwei zwo"),
    (Lex::NumWord(3), "three drei"),
    (Lex::NumWord(4), "four vier"),
    (Lex::NumWord(5), "five fünf"),
    (Lex::NumWord(6), "six sechs"),
    (Lex::NumWord(7), "seven sieben"),
    (Lex::NumWord(8), "eight acht"),
    (Lex::NumWord(9), "nine neun"),
    (Lex::NumWord(10), "ten zehn"),
    (Lex::NumWord(11), "eleven elf"),
    (Lex::NumWord(12), "twelve zwölf"),
    (
        Lex::Article,
        "the der die das den dem des its their his her",
    ),
    (
        Lex::Func,
        "es er sie man wir ich it he she they we aber but als as when wenn wo where which \
         who welche auf bei mit with at into zu zur schon bereits erst erstmals erneut \
         noch auch also again already then dann da so nicht not nur only just wieder nun \
         jedoch however while whereas gab kam ging trat begann fiel brachte lag stand sei \
         gegründet founded established launched gestartet eingeführt",
    ),
    (
        Lex::Aux(Tense::Past),
        "had hatte hatten war waren wurde wurden was were did",
    ),
    (
        Lex::Aux(Tense::Future),
        "will shall due expected erwartet scheduled upcoming soll sollen künftig \
         voraussichtlich plans planned",
    ),
    (
        Lex::Aux(Tense::Neutral),
        "is are has have ist sind hat haben wird werden would could can kann könnte dürfte \
         muss must does",
    ),
    (
        Lex::QtyCue,
        "rund etwa ca circa knapp fast beinahe nahezu über mehr weniger unter mindestens \
         höchstens insgesamt about around roughly nearly almost approximately over more \
         than fewer less least most some total plus minus number nummer nr no page seite \
         flight flug model modell version type typ paragraf paragraph artikel article \
         section abschnitt kapitel chapter route linie line bus gate zimmer room weitere \
         weiteren additional another usd eur chf gbp",
    ),
    (
        Lex::Qty,
        "mitarbeiter mitarbeitern mitarbeiterinnen mitarbeitende mitarbeitenden \
         beschäftigte beschäftigten angestellte angestellten arbeitsplätze arbeitsplätzen \
         stellen jobs menschen personen leute einwohner nutzer nutzern kunden exemplare \
         exemplaren stück geräte geräten einheiten fahrzeuge autos fälle fällen filialen \
         läden standorte standorten unternehmen firmen apps produkte produkten euro dollar \
         franken pfund yen yuan rubel prozent punkte punkten tonnen kilometer meter \
         stunden minuten sekunden wochen mal seiten soldaten stimmen aktien employees \
         people staff workers users customers copies units devices vehicles cars cases \
         stores shops sites companies firms products dollars euros pounds percent per \
         points tons tonnes miles kilometres kilometers meters metres hours minutes seconds \
         weeks times pages documents members votes shares troops soldiers residents \
         patients students accounts million billion millionen milliarden mio mrd tausend \
         thousand hundred uhr km kg mb gb tb mw kw gw ghz mhz nm mm cm pct bn m",
    ),
    (Lex::Holiday(Holiday::ChristmasEve), "heiligabend"),
    (Lex::Holiday(Holiday::NewYear), "neujahr neujahrstag"),
    (Lex::Holiday(Holiday::Christmas), "christmas"),
    (Lex::Holiday(Holiday::Eve), "eve"),
    (Lex::Holiday(Holiday::Silvester), "silvester"),
    (Lex::Paper, "welt bild mail observer times"),
];

/// Builds the lexicon; a word listed twice keeps its first role.
pub(super) fn build() -> Lexicon {
    let mut map = Lexicon::default();
    let mut add = |word: String, lex: Lex| {
        map.entry(word).or_insert(lex);
    };
    for (i, names) in MONTHS.iter().enumerate() {
        for name in names.split_whitespace() {
            add(
                name.to_string(),
                Lex::Month {
                    month: i as u8 + 1,
                    abbr: false,
                },
            );
        }
    }
    for (i, names) in MONTH_ABBRS.iter().enumerate() {
        for name in names.split_whitespace() {
            add(
                name.to_string(),
                Lex::Month {
                    month: i as u8 + 1,
                    abbr: true,
                },
            );
        }
    }
    for (i, names) in WEEKDAYS.iter().enumerate() {
        for name in names.split_whitespace() {
            add(
                name.to_string(),
                Lex::Weekday {
                    day: i as u8,
                    part: false,
                },
            );
            if !name.ends_with('y') {
                for part in DAY_PARTS.split_whitespace() {
                    add(
                        format!("{name}{part}"),
                        Lex::Weekday {
                            day: i as u8,
                            part: true,
                        },
                    );
                }
            }
        }
    }
    // "morgen" is "tomorrow"; "Morgen" after a weekday is told apart by case.
    add("morgen".to_string(), Lex::DayShift(1));
    for part in DAY_PARTS.split_whitespace() {
        add(part.to_string(), Lex::DayPart);
    }
    for (stem, rel) in REL_STEMS {
        for ending in ["e", "en", "er", "es", "em"] {
            add(format!("{stem}{ending}"), Lex::Rel(*rel));
        }
    }
    for (lex, words) in WORDS {
        for word in words.split_whitespace() {
            add(word.to_string(), *lex);
        }
    }
    map
}
