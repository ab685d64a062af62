//! Deterministic generator of German and English news articles for the
//! benchmarks (`examples/gen-corpus.rs`, `examples/bench-load.rs`,
//! `benches/extract.rs` include this file with `#[path]`).
//!
//! Article `i` depends only on the seed and `i`, so the first 10,000
//! articles of a 100,000-article corpus are the 10,000-article corpus.
//! Every template here is invented for the benchmark; organisations recur
//! across articles with a skewed (Zipf-like) frequency, like real news.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, good enough for text generation.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next_u64();
        r
    }

    /// An independent stream for item `index` of stream `kind`.
    pub fn derive(seed: u64, kind: u64, index: u64) -> Self {
        let mut r = Rng::new(seed.wrapping_mul(0x100_0000_01B3) ^ kind.rotate_left(40) ^ index);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    pub fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    De,
    En,
}

// ---------------------------------------------------------------------------
// Organisations

const STEM_A: &[&str] = &[
    "Vol", "Kes", "Brenn", "Nor", "Hal", "Mer", "Pell", "Arc", "Lum", "Quin", "Sel", "Tor", "Var",
    "Zen", "Ost", "Wes", "Gra", "Fal", "Dor", "Kal", "Ber", "Sil", "Tam", "Ven", "Rho", "Cal",
    "Mar", "Ilm", "Trev", "Bel", "Hav", "Lin", "Sto", "Eck", "Fur", "Ald", "Bran", "Cor", "Dun",
    "Elb", "Fen", "Gol", "Hel", "Iso", "Jan", "Kor", "Lev", "Mor", "Nex", "Orb", "Pra", "Quar",
    "Ros", "Sav", "Tel", "Ul", "Vek", "Wal", "Xan", "Yor", "Zir", "Ast", "Bor", "Cyr", "Del",
];
const STEM_B: &[&str] = &[
    "a", "e", "i", "o", "en", "ar", "or", "el", "in", "an", "", "", "", "u", "is",
];
const STEM_C: &[&str] = &[
    "ro", "tal", "werk", "dex", "lin", "ton", "vix", "nor", "sen", "rix", "mar", "ford", "gard",
    "via", "tec", "lux", "bach", "heim", "vent", "wave", "tron", "nova", "stein", "feld", "lith",
    "quist", "mont", "dal", "berg", "core", "sys", "gen", "nik", "ora", "ium", "ex",
];
const SECTOR_DE: &[&str] = &[
    "Mobility",
    "Datentechnik",
    "Solar",
    "Logistik",
    "Pharma",
    "Robotik",
    "Halbleiter",
    "Energie",
    "Software",
    "Sensorik",
    "Medizintechnik",
    "Kabelwerke",
    "Antriebstechnik",
    "Chemie",
    "Analytics",
    "Drohnentechnik",
    "Netzwerke",
    "Maschinenbau",
    "Elektronik",
    "Verpackung",
];
const SECTOR_EN: &[&str] = &[
    "Instruments",
    "Semiconductor",
    "Systems",
    "Analytics",
    "Networks",
    "Robotics",
    "Biotech",
    "Logistics",
    "Payments",
    "Energy",
    "Devices",
    "Holdings",
    "Aerospace",
    "Telecom",
    "Microsystems",
    "Pharmaceuticals",
    "Software",
    "Labs",
    "Technologies",
    "Materials",
];

/// Country profile of an invented company: legal forms, home towns.
struct Country {
    code: &'static str,
    forms: &'static [&'static str],
    /// (town, German adjective, English "X-based" form)
    towns: &'static [(&'static str, &'static str, &'static str)],
    de_name: &'static str,
    en_name: &'static str,
    /// Chinese companies carry the town in their name.
    town_prefix: bool,
}

const COUNTRIES: &[Country] = &[
    Country {
        code: "DE",
        forms: &["GmbH", "AG", "SE", "GmbH & Co. KG", "KGaA", "GmbH", "AG"],
        towns: &[
            ("Regensburg", "Regensburger", "Regensburg"),
            ("München", "Münchner", "Munich"),
            ("Hamburg", "Hamburger", "Hamburg"),
            ("Stuttgart", "Stuttgarter", "Stuttgart"),
            ("Dresden", "Dresdner", "Dresden"),
            ("Bielefeld", "Bielefelder", "Bielefeld"),
            ("Köln", "Kölner", "Cologne"),
            ("Leipzig", "Leipziger", "Leipzig"),
            ("Karlsruhe", "Karlsruher", "Karlsruhe"),
            ("Bremen", "Bremer", "Bremen"),
        ],
        de_name: "Deutschland",
        en_name: "Germany",
        town_prefix: false,
    },
    Country {
        code: "US",
        forms: &["Inc.", "Corp.", "LLC", "Inc.", "Corporation"],
        towns: &[
            ("Austin", "texanischen", "Austin, Texas"),
            ("San Jose", "kalifornischen", "San Jose, California"),
            ("Boston", "Bostoner", "Boston"),
            ("Seattle", "Seattler", "Seattle"),
            ("Denver", "amerikanischen", "Denver"),
        ],
        de_name: "den USA",
        en_name: "the United States",
        town_prefix: false,
    },
    Country {
        code: "GB",
        forms: &["Ltd", "plc", "Limited", "Ltd."],
        towns: &[
            ("London", "Londoner", "London"),
            ("Manchester", "britischen", "Manchester"),
            ("Cambridge", "britischen", "Cambridge"),
        ],
        de_name: "Großbritannien",
        en_name: "Britain",
        town_prefix: false,
    },
    Country {
        code: "CN",
        forms: &["Co., Ltd.", "Co., Ltd.", "Group Co., Ltd."],
        towns: &[
            ("Shenzhen", "chinesischen", "Shenzhen"),
            ("Hangzhou", "chinesischen", "Hangzhou"),
            ("Ningbo", "chinesischen", "Ningbo"),
            ("Wuhan", "chinesischen", "Wuhan"),
            ("Chengdu", "chinesischen", "Chengdu"),
        ],
        de_name: "China",
        en_name: "China",
        town_prefix: true,
    },
    Country {
        code: "NL",
        forms: &["N.V.", "B.V."],
        towns: &[
            ("Eindhoven", "niederländischen", "Eindhoven"),
            ("Rotterdam", "Rotterdamer", "Rotterdam"),
        ],
        de_name: "den Niederlanden",
        en_name: "the Netherlands",
        town_prefix: false,
    },
    Country {
        code: "SE",
        forms: &["AB", "A/S", "ASA", "Oyj"],
        towns: &[
            ("Göteborg", "schwedischen", "Gothenburg"),
            ("Aarhus", "dänischen", "Aarhus"),
            ("Espoo", "finnischen", "Espoo"),
        ],
        de_name: "Skandinavien",
        en_name: "Scandinavia",
        town_prefix: false,
    },
    Country {
        code: "IT",
        forms: &["S.p.A.", "SpA"],
        towns: &[
            ("Mailand", "Mailänder", "Milan"),
            ("Turin", "Turiner", "Turin"),
        ],
        de_name: "Italien",
        en_name: "Italy",
        town_prefix: false,
    },
];

/// Role nouns the organisation extractor knows ("der Hersteller X").
const ROLE_DE: &[(&str, &str, &str)] = &[
    // (nominative with article, genitive with article, plain noun)
    ("der Hersteller", "des Herstellers", "Hersteller"),
    ("der Konzern", "des Konzerns", "Konzern"),
    ("der Anbieter", "des Anbieters", "Anbieter"),
    ("der Zulieferer", "des Zulieferers", "Zulieferer"),
    ("der Chipkonzern", "des Chipkonzerns", "Chipkonzern"),
    (
        "der Softwareanbieter",
        "des Softwareanbieters",
        "Softwareanbieter",
    ),
    ("der Dienstleister", "des Dienstleisters", "Dienstleister"),
    (
        "der Netzwerkausrüster",
        "des Netzwerkausrüsters",
        "Netzwerkausrüster",
    ),
    (
        "der Medizintechnikhersteller",
        "des Medizintechnikherstellers",
        "Medizintechnikhersteller",
    ),
];
const ROLE_EN: &[&str] = &[
    "maker",
    "manufacturer",
    "chipmaker",
    "supplier",
    "provider",
    "developer",
    "group",
    "vendor",
    "operator",
    "company",
    "firm",
    "specialist",
];

#[derive(Clone, Debug)]
pub struct Company {
    /// Full name with legal form: "Voltaro Mobility GmbH".
    pub full: String,
    /// Short form used after the first mention: "Voltaro".
    pub short: String,
    pub country: usize,
    pub town: usize,
    pub founded: u32,
    pub employees: u64,
    pub sector: usize,
}

/// Number of distinct invented companies.
pub const COMPANY_POOL: usize = 50_000;

pub fn company(seed: u64, index: usize) -> Company {
    let mut r = Rng::derive(seed, 1, index as u64);
    let mut stem = String::new();
    stem.extend([*r.pick(STEM_A), *r.pick(STEM_B), *r.pick(STEM_C)]);
    if r.chance(0.15) {
        // Camel-case brands: "VoltaroNet", "KesTec".
        stem.extend([*r.pick(&["Net", "Tec", "Soft", "Med", "Tronic"][..])]);
    }
    let country = match r.below(20) {
        0..=7 => 0,
        8..=11 => 1,
        12..=13 => 2,
        14..=16 => 3,
        17 => 4,
        18 => 5,
        _ => 6,
    };
    let c = &COUNTRIES[country];
    let town = r.below(c.towns.len());
    let sector = r.below(SECTOR_DE.len());
    let sector_word = if country == 0 {
        SECTOR_DE[sector]
    } else {
        SECTOR_EN[sector]
    };
    let form = *r.pick(c.forms);
    let full = if c.town_prefix {
        format!("{} {} {} {}", c.towns[town].0, stem, sector_word, form)
    } else if r.chance(0.25) {
        format!("{stem} {form}")
    } else {
        format!("{stem} {sector_word} {form}")
    };
    // Head counts: mostly small and mid-sized firms, a few giants.
    let employees = match r.below(10) {
        0..=3 => r.range(12, 950) as u64,
        4..=7 => r.range(1_000, 24_000) as u64,
        _ => r.range(25_000, 320_000) as u64,
    };
    let employees = round_nicely(employees);
    Company {
        full,
        short: stem,
        country,
        town,
        founded: r.range(1880, 2021) as u32,
        employees,
        sector,
    }
}

fn round_nicely(n: u64) -> u64 {
    match n {
        0..=99 => n,
        100..=999 => n / 10 * 10,
        1_000..=9_999 => n / 100 * 100,
        _ => n / 1000 * 1000,
    }
}

/// A company index, skewed so a few companies make the news often.
fn company_index(r: &mut Rng) -> usize {
    let u = r.unit();
    ((u * u * u) * COMPANY_POOL as f64) as usize % COMPANY_POOL
}

// ---------------------------------------------------------------------------
// Regulators

/// (nominative, genitive, short nominative, dative, what it may impose)
struct RegulatorDe {
    nom: &'static str,
    genitive: &'static str,
    short: &'static str,
    dat: &'static str,
    kinds: &'static [Kind],
}

struct RegulatorEn {
    full: &'static str,
    short: &'static str,
    kinds: &'static [Kind],
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Sales,
    Usage,
    Import,
    Export,
    EntityList,
    Service,
    Operating,
    Takeover,
    Sanction,
    Licence,
}

use Kind::*;

const REG_DE: &[RegulatorDe] = &[
    RegulatorDe {
        nom: "die Bundesnetzagentur",
        genitive: "der Bundesnetzagentur",
        short: "die Netzagentur",
        dat: "der Bundesnetzagentur",
        kinds: &[Sales, Usage, Service, Operating],
    },
    RegulatorDe {
        nom: "das Bundeskartellamt",
        genitive: "des Bundeskartellamts",
        short: "das Kartellamt",
        dat: "dem Bundeskartellamt",
        kinds: &[Takeover, Operating],
    },
    RegulatorDe {
        nom: "das Kraftfahrt-Bundesamt (KBA)",
        genitive: "des Kraftfahrt-Bundesamts",
        short: "das KBA",
        dat: "dem KBA",
        kinds: &[Sales, Usage],
    },
    RegulatorDe {
        nom: "das Bundesamt für Sicherheit in der Informationstechnik (BSI)",
        genitive: "des BSI",
        short: "das BSI",
        dat: "dem BSI",
        kinds: &[Usage],
    },
    RegulatorDe {
        nom: "die Bundesanstalt für Finanzdienstleistungsaufsicht (BaFin)",
        genitive: "der BaFin",
        short: "die BaFin",
        dat: "der BaFin",
        kinds: &[Operating, Service],
    },
    RegulatorDe {
        nom: "die EU-Kommission",
        genitive: "der EU-Kommission",
        short: "die Kommission",
        dat: "der EU-Kommission",
        kinds: &[Takeover, Sanction, Import, Sales],
    },
    RegulatorDe {
        nom: "das Bundeswirtschaftsministerium",
        genitive: "des Bundeswirtschaftsministeriums",
        short: "das Ministerium",
        dat: "dem Bundeswirtschaftsministerium",
        kinds: &[Takeover, Export, Import],
    },
    RegulatorDe {
        nom: "das Bundesinnenministerium (BMI)",
        genitive: "des Bundesinnenministeriums",
        short: "das BMI",
        dat: "dem BMI",
        kinds: &[Usage, Operating],
    },
    RegulatorDe {
        nom: "die Bundesregierung",
        genitive: "der Bundesregierung",
        short: "die Regierung",
        dat: "der Bundesregierung",
        kinds: &[Takeover, Usage, Export],
    },
    RegulatorDe {
        nom: "das US-Handelsministerium",
        genitive: "des US-Handelsministeriums",
        short: "das Ministerium",
        dat: "dem US-Handelsministerium",
        kinds: &[EntityList, Export],
    },
    RegulatorDe {
        nom: "das Bundesinstitut für Arzneimittel und Medizinprodukte (BfArM)",
        genitive: "des BfArM",
        short: "das BfArM",
        dat: "dem BfArM",
        kinds: &[Sales, Licence],
    },
    RegulatorDe {
        nom: "der Rat der Europäischen Union",
        genitive: "des Rats der EU",
        short: "der Rat",
        dat: "dem Rat der EU",
        kinds: &[Sanction],
    },
    RegulatorDe {
        nom: "die Kommission für Jugendmedienschutz (KJM)",
        genitive: "der KJM",
        short: "die KJM",
        dat: "der KJM",
        kinds: &[Service, Operating],
    },
    RegulatorDe {
        nom: "das Landgericht München I",
        genitive: "des Landgerichts München I",
        short: "das Gericht",
        dat: "dem Landgericht München I",
        kinds: &[Sales, Usage],
    },
    RegulatorDe {
        nom: "die Hamburgische Datenschutzbehörde",
        genitive: "der Hamburger Datenschutzbehörde",
        short: "die Behörde",
        dat: "der Datenschutzbehörde",
        kinds: &[Usage, Service],
    },
    RegulatorDe {
        nom: "das Bundesamt für Wirtschaft und Ausfuhrkontrolle (BAFA)",
        genitive: "des BAFA",
        short: "das BAFA",
        dat: "dem BAFA",
        kinds: &[Export],
    },
];

const REG_EN: &[RegulatorEn] = &[
    RegulatorEn {
        full: "the Federal Communications Commission (FCC)",
        short: "the FCC",
        kinds: &[Sales, Usage, Licence, Import],
    },
    RegulatorEn {
        full: "the Commerce Department's Bureau of Industry and Security (BIS)",
        short: "the bureau",
        kinds: &[EntityList, Export],
    },
    RegulatorEn {
        full: "the European Commission",
        short: "the Commission",
        kinds: &[Takeover, Sanction, Import, Sales],
    },
    RegulatorEn {
        full: "Britain's Competition and Markets Authority (CMA)",
        short: "the CMA",
        kinds: &[Takeover],
    },
    RegulatorEn {
        full: "the Treasury's Office of Foreign Assets Control (OFAC)",
        short: "OFAC",
        kinds: &[Sanction],
    },
    RegulatorEn {
        full: "the Federal Trade Commission (FTC)",
        short: "the FTC",
        kinds: &[Takeover, Service],
    },
    RegulatorEn {
        full: "Ofcom",
        short: "the regulator",
        kinds: &[Licence, Operating, Service],
    },
    RegulatorEn {
        full: "the Financial Conduct Authority (FCA)",
        short: "the FCA",
        kinds: &[Operating, Service],
    },
    RegulatorEn {
        full: "the Securities and Exchange Commission (SEC)",
        short: "the SEC",
        kinds: &[Operating],
    },
    RegulatorEn {
        full: "the Committee on Foreign Investment in the United States (CFIUS)",
        short: "CFIUS",
        kinds: &[Takeover],
    },
    RegulatorEn {
        full: "Germany's Federal Network Agency, the Bundesnetzagentur,",
        short: "the Bundesnetzagentur",
        kinds: &[Sales, Usage],
    },
    RegulatorEn {
        full: "Germany's Federal Cartel Office (Bundeskartellamt)",
        short: "the Bundeskartellamt",
        kinds: &[Takeover],
    },
    RegulatorEn {
        full: "the Food and Drug Administration (FDA)",
        short: "the FDA",
        kinds: &[Sales, Import],
    },
    RegulatorEn {
        full: "the Reserve Bank of India (RBI)",
        short: "the RBI",
        kinds: &[Operating, Service],
    },
    RegulatorEn {
        full: "the Council of the European Union",
        short: "the Council",
        kinds: &[Sanction],
    },
    RegulatorEn {
        full: "the Department of Homeland Security",
        short: "the department",
        kinds: &[Usage, Import],
    },
];

// ---------------------------------------------------------------------------
// Dates

const MONTHS_DE: &[&str] = &[
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_EN_SHORT: &[&str] = &[
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const WEEKDAYS_DE: &[&str] = &["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"];
const WEEKDAYS_EN: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

#[derive(Clone, Copy, Debug)]
pub struct Ymd {
    pub y: u32,
    pub m: u32,
    pub d: u32,
}

impl Ymd {
    fn days_in_month(y: u32, m: u32) -> u32 {
        match m {
            2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    fn random(r: &mut Rng, from_year: u32, to_year: u32) -> Ymd {
        let y = r.range(from_year as usize, to_year as usize) as u32;
        let m = r.range(1, 12) as u32;
        let d = r.range(1, Self::days_in_month(y, m) as usize) as u32;
        Ymd { y, m, d }
    }

    /// A date `months` months after (or before) this one.
    fn shift(self, r: &mut Rng, months: i32) -> Ymd {
        let total = self.y as i32 * 12 + self.m as i32 - 1 + months;
        let y = (total / 12) as u32;
        let m = (total % 12 + 1) as u32;
        let d = r.range(1, Self::days_in_month(y, m) as usize) as u32;
        Ymd { y, m, d }
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

fn date_on_de(r: &mut Rng, pub_date: Ymd) -> String {
    let months = -(r.below(3) as i32);
    let d = pub_date.shift(r, months);
    match r.below(9) {
        0 => format!("am {}. {} {}", d.d, MONTHS_DE[d.m as usize - 1], d.y),
        1 => format!("am {}. {}", d.d, MONTHS_DE[d.m as usize - 1]),
        2 => format!("am {:02}.{:02}.{}", d.d, d.m, d.y),
        3 | 4 => format!("am {}", r.pick(WEEKDAYS_DE)),
        5 => "vergangene Woche".to_owned(),
        6 => format!("Mitte {}", MONTHS_DE[d.m as usize - 1]),
        7 => format!("Anfang {} {}", MONTHS_DE[d.m as usize - 1], d.y),
        _ => "am Vortag".to_owned(),
    }
}

fn date_from_de(r: &mut Rng, pub_date: Ymd) -> String {
    let months = r.range(0, 14) as i32;
    let d = pub_date.shift(r, months);
    match r.below(7) {
        0 => format!("ab dem {}. {} {}", d.d, MONTHS_DE[d.m as usize - 1], d.y),
        1 => format!("ab dem {}. {}", d.d, MONTHS_DE[d.m as usize - 1]),
        2 => format!("zum {}.{}.{}", d.d, d.m, d.y),
        3 => format!("ab {} {}", MONTHS_DE[d.m as usize - 1], d.y),
        4 => format!(
            "mit Wirkung vom {}. {} {}",
            d.d,
            MONTHS_DE[d.m as usize - 1],
            d.y
        ),
        5 => "ab sofort".to_owned(),
        _ => format!("spätestens ab dem {:02}.{:02}.{}", d.d, d.m, d.y),
    }
}

fn date_until_de(r: &mut Rng, pub_date: Ymd) -> String {
    let months = r.range(6, 48) as i32;
    let d = pub_date.shift(r, months);
    match r.below(5) {
        0 => format!("bis Ende {}", d.y),
        1 => format!("bis zum {}. {} {}", d.d, MONTHS_DE[d.m as usize - 1], d.y),
        2 => format!("bis Mitte {}", d.y),
        3 => format!("bis zum {}. Quartal {}", r.range(1, 4), d.y),
        _ => format!("bis {} {}", MONTHS_DE[d.m as usize - 1], d.y),
    }
}

fn date_past_de(r: &mut Rng, pub_date: Ymd) -> String {
    let months = -(r.range(3, 60) as i32);
    let d = pub_date.shift(r, months);
    match r.below(6) {
        0 => format!("seit {} {}", MONTHS_DE[d.m as usize - 1], d.y),
        1 => format!("im {} {}", MONTHS_DE[d.m as usize - 1], d.y),
        2 => format!("im Jahr {}", d.y),
        3 => format!("im Frühjahr {}", d.y),
        4 => format!("Ende {}", d.y),
        _ => format!("am {}. {} {}", d.d, MONTHS_DE[d.m as usize - 1], d.y),
    }
}

fn date_on_en(r: &mut Rng, pub_date: Ymd) -> String {
    let months = -(r.below(3) as i32);
    let d = pub_date.shift(r, months);
    match r.below(9) {
        0 => format!("on {} {}, {}", MONTHS_EN[d.m as usize - 1], d.d, d.y),
        1 => format!("on {} {} {}", d.d, MONTHS_EN[d.m as usize - 1], d.y),
        2 => format!("on {} {}", MONTHS_EN_SHORT[d.m as usize - 1], d.d),
        3 | 4 => format!("on {}", r.pick(WEEKDAYS_EN)),
        5 => format!("last {}", r.pick(WEEKDAYS_EN)),
        6 => "last week".to_owned(),
        7 => format!("in mid-{}", MONTHS_EN[d.m as usize - 1]),
        _ => format!("on {}", d.iso()),
    }
}

fn date_from_en(r: &mut Rng, pub_date: Ymd) -> String {
    let months = r.range(0, 14) as i32;
    let d = pub_date.shift(r, months);
    match r.below(7) {
        0 => format!("from {} {}", MONTHS_EN[d.m as usize - 1], d.d),
        1 => format!("from {} {}, {}", MONTHS_EN[d.m as usize - 1], d.d, d.y),
        2 => format!("effective {} {}, {}", MONTHS_EN[d.m as usize - 1], d.d, d.y),
        3 => format!("starting in {} {}", MONTHS_EN[d.m as usize - 1], d.y),
        4 => "with immediate effect".to_owned(),
        5 => format!("as of {}/{}/{}", d.m, d.d, d.y),
        _ => format!("from {} {} {}", d.d, MONTHS_EN[d.m as usize - 1], d.y),
    }
}

fn date_until_en(r: &mut Rng, pub_date: Ymd) -> String {
    let months = r.range(6, 48) as i32;
    let d = pub_date.shift(r, months);
    match r.below(5) {
        0 => format!("by the end of {}", d.y),
        1 => format!("by {} {}, {}", MONTHS_EN[d.m as usize - 1], d.d, d.y),
        2 => format!("by mid-{}", d.y),
        3 => format!(
            "by the {} quarter of {}",
            r.pick(&["first", "second", "third", "fourth"][..]),
            d.y
        ),
        _ => format!("until {} {}", MONTHS_EN[d.m as usize - 1], d.y),
    }
}

fn date_past_en(r: &mut Rng, pub_date: Ymd) -> String {
    let months = -(r.range(3, 60) as i32);
    let d = pub_date.shift(r, months);
    match r.below(6) {
        0 => format!("since {} {}", MONTHS_EN[d.m as usize - 1], d.y),
        1 => format!("in {} {}", MONTHS_EN[d.m as usize - 1], d.y),
        2 => format!("in {}", d.y),
        3 => format!("in early {}", d.y),
        4 => format!("at the end of {}", d.y),
        _ => format!("on {} {}, {}", MONTHS_EN[d.m as usize - 1], d.d, d.y),
    }
}

// ---------------------------------------------------------------------------
// Numbers

fn thousands(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn num_de(n: u64) -> String {
    thousands(n, '.')
}

fn num_en(n: u64) -> String {
    thousands(n, ',')
}

// ---------------------------------------------------------------------------
// Products and filler vocabulary

const PRODUCTS_DE: &[(&str, &str)] = &[
    // (singular with article in accusative, plural)
    ("den E-Scooter", "E-Scooter"),
    ("das Überwachungskamerasystem", "Überwachungskameras"),
    (
        "die Gesichtserkennungssoftware",
        "Gesichtserkennungsprogramme",
    ),
    ("das Ladegerät", "Ladegeräte"),
    ("den Router", "Router"),
    ("die Kinder-Smartwatch", "Kinder-Smartwatches"),
    ("das Blutzuckermessgerät", "Blutzuckermessgeräte"),
    ("die Drohne", "Drohnen"),
    ("den Chatbot", "Chatbots"),
    ("das Funkmodul", "Funkmodule"),
    ("die Wärmepumpe", "Wärmepumpen"),
    ("den Wechselrichter", "Wechselrichter"),
];
const PRODUCTS_EN: &[(&str, &str)] = &[
    ("e-scooter", "e-scooters"),
    ("surveillance camera", "surveillance cameras"),
    ("facial recognition software", "facial recognition tools"),
    ("charger", "chargers"),
    ("router", "routers"),
    ("smartwatch for children", "children's smartwatches"),
    ("glucose monitor", "glucose monitors"),
    ("drone", "drones"),
    ("chatbot", "chatbots"),
    ("radio module", "radio modules"),
    ("heat pump", "heat pumps"),
    ("solar inverter", "solar inverters"),
];
const REASONS_DE: &[&str] = &[
    "wegen mangelhafter Bremsen",
    "wegen Sicherheitsbedenken",
    "wegen Verstößen gegen die Datenschutz-Grundverordnung",
    "wegen fehlender Zulassung",
    "wegen unzulässiger Funkfrequenzen",
    "wegen möglicher Spionagegefahr",
    "wegen Brandgefahr der Akkus",
    "wegen irreführender Werbung",
];
const REASONS_EN: &[&str] = &[
    "over faulty brakes",
    "citing national security concerns",
    "for breaching data protection rules",
    "because it lacked the required certification",
    "over unauthorised radio frequencies",
    "over fears of espionage",
    "after reports of battery fires",
    "over misleading advertising",
];
const PEOPLE_DE: &[&str] = &[
    "Eine Sprecherin",
    "Ein Sprecher",
    "Der Vorstandschef",
    "Die Finanzchefin",
    "Ein Anwalt",
    "Die Kommunikationschefin",
    "Ein Vorstandsmitglied",
    "Der Justiziar",
];
const PEOPLE_EN: &[&str] = &[
    "A spokeswoman",
    "A spokesman",
    "The chief executive",
    "The general counsel",
    "A senior adviser",
    "The head of communications",
    "A board member",
    "A lawyer",
];
const FILLER_VARIANTS: usize = 32;

const PERSONS: &[&str] = &[
    "Markus Ebner",
    "Julia Hartmann",
    "Sabine Korte",
    "Thomas Reuter",
    "Claire Whitfield",
    "David Okafor",
    "Priya Raman",
    "Jonas Lindqvist",
    "Elena Marchetti",
    "Michael Brandt",
];

const PLACES_DE: &[&str] = &[
    "Bayern",
    "Baden-Württemberg",
    "Österreich",
    "den Niederlanden",
    "Polen",
    "Frankreich",
    "der Schweiz",
    "Sachsen",
    "Nordrhein-Westfalen",
    "Hessen",
];
const PLACES_EN: &[&str] = &[
    "California",
    "Texas",
    "Ireland",
    "Poland",
    "France",
    "Japan",
    "South Korea",
    "Canada",
    "the Netherlands",
    "Singapore",
];

// ---------------------------------------------------------------------------
// Article assembly

/// What one article is about; kept so the text stays coherent.
struct Story {
    lang: Lang,
    published: Ymd,
    target: Company,
    other: Company,
    third: Company,
    regulator: usize,
    kind: Kind,
    product: usize,
    reason: usize,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

impl Story {
    fn new(seed: u64, index: u64) -> (Story, Rng) {
        let mut r = Rng::derive(seed, 2, index);
        let lang = if r.chance(0.5) { Lang::De } else { Lang::En };
        let published = Ymd::random(&mut r, 2012, 2025);
        let target = company(seed, company_index(&mut r));
        let other = company(seed, company_index(&mut r));
        let third = company(seed, r.below(COMPANY_POOL));
        let (regulator, kind) = match lang {
            Lang::De => {
                let i = r.below(REG_DE.len());
                (i, *r.pick(REG_DE[i].kinds))
            }
            Lang::En => {
                let i = r.below(REG_EN.len());
                (i, *r.pick(REG_EN[i].kinds))
            }
        };
        let product = r.below(PRODUCTS_DE.len());
        let reason = r.below(REASONS_DE.len());
        (
            Story {
                lang,
                published,
                target,
                other,
                third,
                regulator,
                kind,
                product,
                reason,
            },
            r,
        )
    }

    // -- German -------------------------------------------------------------

    fn de_role(&self, r: &mut Rng) -> (&'static str, &'static str, &'static str) {
        *r.pick(ROLE_DE)
    }

    fn de_target_intro(&self, r: &mut Rng) -> String {
        let c = &COUNTRIES[self.target.country];
        let (_, genitive, _) = self.de_role(r);
        let adj = c.towns[self.target.town].1;
        // "des Regensburger Herstellers Voltaro Mobility GmbH"
        let gen_role = genitive.trim_start_matches("des ");
        format!("des {adj} {gen_role} {}", self.target.full)
    }

    fn de_ban_sentence(&self, r: &mut Rng, lead: bool) -> String {
        let reg = &REG_DE[self.regulator];
        let reg_nom = reg.nom;
        let t = &self.target;
        let (prod_sg, prod_pl) = PRODUCTS_DE[self.product];
        let reason = REASONS_DE[self.reason];
        let subject = if lead { cap(reg.nom) } else { cap(reg.short) };
        let name = if lead {
            t.full.clone()
        } else {
            t.short.clone()
        };
        let from = date_from_de(r, self.published);
        let on = date_on_de(r, self.published);
        match self.kind {
            Sales => match r.below(4) {
                0 => format!(
                    "{subject} hat den Verkauf von {prod_pl} {} in Deutschland untersagt.",
                    self.de_target_intro(r)
                ),
                1 => format!(
                    "{subject} verhängte {on} ein Verkaufsverbot für {prod_sg} von {name} {reason}."
                ),
                2 => format!(
                    "Händler dürfen {prod_pl} von {name} {from} nicht mehr anbieten, wie {reg_nom} mitteilte."
                ),
                _ => format!(
                    "{subject} stoppt den Vertrieb der {prod_pl} von {name}: Ein Verkaufsstopp gilt {from}."
                ),
            },
            Usage => match r.below(4) {
                0 => format!(
                    "{subject} hat Bundesbehörden die Nutzung von {prod_pl} der {name} untersagt."
                ),
                1 => format!(
                    "Ein Nutzungsverbot für {prod_sg} von {name} gilt {from}, teilte {reg_nom} {on} mit."
                ),
                2 => format!(
                    "{subject} verbietet den Einsatz von Komponenten {} in kritischen Netzen.",
                    self.de_target_intro(r)
                ),
                _ => format!(
                    "Bauteile von {name} dürfen {from} nicht mehr eingesetzt werden, entschied {reg_nom}."
                ),
            },
            Import => match r.below(3) {
                0 => format!("{subject} hat ein Einfuhrverbot für {prod_pl} von {name} verhängt."),
                1 => format!(
                    "Die Einfuhr von {prod_pl} {} ist {from} verboten, teilte {reg_nom} mit.",
                    self.de_target_intro(r)
                ),
                _ => format!(
                    "{subject} untersagte {on} den Import von {prod_pl} der Firma {name} {reason}."
                ),
            },
            Export => match r.below(3) {
                0 => format!("{subject} hat Ausfuhren an {name} {from} untersagt."),
                1 => format!("{subject} verhängte ein Exportverbot gegen {name} {reason}."),
                _ => format!(
                    "Lieferungen von Hochleistungschips an {name} sind {from} genehmigungspflichtig und faktisch verboten, erklärte {reg_nom}."
                ),
            },
            EntityList => match r.below(2) {
                0 => format!("{subject} hat {name} {on} auf die sogenannte Entity List gesetzt."),
                _ => format!(
                    "{name} steht {from} auf der Entity List {}, US-Firmen dürfen ohne Lizenz nicht mehr liefern.",
                    reg.genitive
                ),
            },
            Service => match r.below(3) {
                0 => format!(
                    "{subject} untersagte {name}, ihre Dienste in Deutschland weiter anzubieten."
                ),
                1 => format!(
                    "{subject} hat {on} ein Dienstverbot gegen den Anbieter {name} verhängt."
                ),
                _ => format!(
                    "Die Plattform von {name} muss ihren Dienst {from} einstellen, ordnete {reg_nom} an."
                ),
            },
            Operating => match r.below(3) {
                0 => format!("{subject} hat {name} den Betrieb {from} untersagt."),
                1 => format!("{subject} verhängte ein Betätigungsverbot gegen {name} {reason}."),
                _ => format!(
                    "{name} darf {from} keine neuen Kunden mehr annehmen, entschied {reg_nom} {on}."
                ),
            },
            Takeover => match r.below(4) {
                0 => format!(
                    "{subject} hat die Übernahme {} durch {} untersagt.",
                    self.de_target_intro(r),
                    self.other.full
                ),
                1 => format!(
                    "{subject} untersagt {} den Kauf von {name}.",
                    self.other.full
                ),
                2 => format!(
                    "Die geplante Übernahme von {name} durch den Konkurrenten {} ist geplatzt: {subject} erließ {on} ein Übernahmeverbot.",
                    self.other.short
                ),
                _ => format!(
                    "{subject} hat einem Investor aus China den Einstieg bei {name} verboten."
                ),
            },
            Sanction => match r.below(3) {
                0 => format!("{subject} hat Sanktionen gegen {name} verhängt."),
                1 => format!(
                    "{subject} setzte {name} {on} auf die Sanktionsliste, die Vermögenswerte des Unternehmens werden eingefroren."
                ),
                _ => format!("Gegen {name} gelten {from} Sanktionen {}.", reg.genitive),
            },
            Licence => match r.below(2) {
                0 => format!("{subject} hat {name} die Zulassung für {prod_sg} entzogen."),
                _ => format!("{subject} widerrief {on} die Lizenz von {name} {reason}."),
            },
        }
    }

    fn de_employee_sentence(&self, r: &mut Rng, c: &Company) -> String {
        let n = num_de(c.employees);
        let home = COUNTRIES[c.country].de_name;
        let part =
            num_de(round_nicely((c.employees as f64 * (0.1 + 0.5 * r.unit())) as u64).max(3));
        match r.below(9) {
            0 => format!(
                "{} beschäftigt nach eigenen Angaben rund {n} Mitarbeiter, davon etwa {part} in {home}.",
                c.short
            ),
            1 => format!(
                "Das Unternehmen mit rund {n} Beschäftigten wurde {} gegründet.",
                c.founded
            ),
            2 => format!("Bei {} arbeiten weltweit mehr als {n} Menschen.", c.short),
            3 => format!(
                "{} zählt knapp {n} Beschäftigte und erwirtschaftete zuletzt einen Umsatz von {},{} Milliarden Euro.",
                c.short,
                r.range(1, 40),
                r.below(10)
            ),
            4 => format!(
                "Der {} mit seinen etwa {n} Angestellten will bis Ende {} rund {} Stellen streichen.",
                ROLE_DE[r.below(ROLE_DE.len())].2,
                self.published.y + 1,
                num_de(round_nicely((c.employees / 10).max(5)))
            ),
            5 => format!(
                "{} hat weniger als {n} Mitarbeiterinnen und Mitarbeiter.",
                c.full
            ),
            6 => format!("Rund {n} Beschäftigte zählt das Unternehmen, {part} davon in {home}."),
            7 => format!("Die Belegschaft von {} umfasst ca. {n} Personen.", c.short),
            _ => format!(
                "Nach Angaben des Konzerns sind es derzeit {n} Beschäftigte, {} mehr als im Vorjahr.",
                r.range(2, 300)
            ),
        }
    }

    fn de_reaction(&self, r: &mut Rng, v: usize) -> String {
        let who = r.pick(PEOPLE_DE);
        let t = &self.target;
        match v {
            0 => format!(
                "{who} von {} nannte den Bescheid unverhältnismäßig und kündigte eine Klage vor dem Verwaltungsgericht an.",
                t.short
            ),
            1 => format!(
                "{}-Sprecherin sagte, man prüfe die Entscheidung und werde {} Stellung nehmen.",
                t.short,
                date_on_de(r, self.published)
            ),
            2 => format!(
                "\"Wir halten die Vorwürfe für haltlos\", sagte {} der Nachrichtenagentur dpa.",
                who.to_lowercase()
            ),
            3 => format!(
                "{who} erklärte, die Mängel beträfen nur eine frühe Charge, die seit Monaten nicht mehr ausgeliefert werde."
            ),
            4 => "Der Verbraucherzentrale Bundesverband (vzbv) begrüßte die Entscheidung, forderte aber ein Verbot in der gesamten Europäischen Union.".to_owned(),
            _ => format!(
                "{} wollte sich zu dem Verfahren zunächst nicht äußern.",
                cap(REG_DE[self.regulator].short)
            ),
        }
    }

    fn de_filler(&self, r: &mut Rng, v: usize) -> String {
        let place = r.pick(PLACES_DE);
        let o = &self.third;
        let t = &self.target.short;
        let reg = &REG_DE[self.regulator];
        let prod = PRODUCTS_DE[self.product].1;
        let town = COUNTRIES[self.target.country].towns[self.target.town].0;
        let y = self.published.y;
        match v % FILLER_VARIANTS {
            0 => format!("Nach Angaben {} gingen allein {} mehr als {} Beschwerden ein, die meisten aus {place}.", reg.genitive, date_past_de(r, self.published), r.range(20, 900)),
            1 => format!("Der Markt für {prod} wächst seit Jahren um rund {} Prozent pro Jahr.", r.range(3, 25)),
            2 => format!("Analysten rechnen damit, dass die Umsätze der Branche {} um {},{} Prozent zurückgehen.", date_until_de(r, self.published), r.range(1, 9), r.below(10)),
            3 => format!("{t} war im Jahr {} an die Börse gegangen und hat seinen Sitz in {town}.", y - r.range(2, 12) as u32),
            4 => format!("Auch der Wettbewerber {} aus {place} beobachtet das Verfahren genau.", o.full),
            5 => "Die Entscheidung ist noch nicht rechtskräftig. Gegen den Bescheid kann innerhalb eines Monats Widerspruch eingelegt werden.".to_owned(),
            6 => format!("Bereits {} hatte die Behörde das Unternehmen abgemahnt.", date_past_de(r, self.published)),
            7 => format!("Die Aktie von {t} verlor am Nachmittag {},{} Prozent.", r.range(1, 14), r.below(10)),
            8 => format!("Verbraucherschützer in {place} fordern seit Langem strengere Regeln für den Onlinehandel."),
            9 => "Ob das Verbot vor Gericht Bestand hat, ist offen. Juristen verweisen auf mehrere ähnliche Verfahren, die in den vergangenen Jahren unterschiedlich ausgegangen sind.".to_owned(),
            10 => format!("Der Verband der Elektrotechnik schätzt, dass in Deutschland derzeit rund {} Millionen Geräte im Einsatz sind.", r.range(2, 40)),
            11 => format!("Kritiker werfen der Politik vor, zu spät reagiert zu haben; erste Hinweise auf Probleme habe es schon {} gegeben.", date_past_de(r, self.published)),
            12 => format!("{t} kooperiert seit {} mit dem Auftragsfertiger {}.", self.target.founded.max(1990) + r.below(10) as u32, o.full),
            13 => format!("Die Kosten für den Austausch tragen die Unternehmen selbst, eine Entschädigung durch den Bund ist nicht vorgesehen. Branchenvertreter beziffern den Aufwand auf einen {} Millionenbetrag.", r.pick(&["zweistelligen", "dreistelligen", "einstelligen"][..])),
            14 => format!("Die Nachfrage nach {prod} war zuletzt deutlich gesunken, vor allem im Geschäft mit Privatkunden."),
            15 => format!("Der Umsatz von {t} stieg im vergangenen Geschäftsjahr um {} Prozent auf {},{} Milliarden Euro.", r.range(2, 30), r.range(1, 20), r.below(10)),
            16 => format!("Der Branchenverband Bitkom rechnet für {} mit einem Marktvolumen von {} Milliarden Euro.", y + 1, r.range(2, 90)),
            17 => format!("In {place} läuft ein ähnliches Verfahren gegen mehrere Hersteller."),
            18 => format!("Die Staatsanwaltschaft {} ermittelt nach Medienberichten wegen des Verdachts auf Betrug.", COUNTRIES[0].towns[r.below(COUNTRIES[0].towns.len())].0),
            19 => format!("Prüfer der Stiftung Warentest hatten {} Mängel an mehreren Geräten festgestellt.", date_past_de(r, self.published)),
            20 => "Im Bundestag forderten Abgeordnete von Grünen und Union eine schnelle Aufklärung.".to_owned(),
            21 => format!("{t} hatte {} ein neues Werk in {place} eröffnet, in dem {} Menschen arbeiten sollen.", date_past_de(r, self.published), r.range(2, 9) * 50),
            22 => format!("Wie viele Geräte betroffen sind, ist unklar; Schätzungen reichen von {}.000 bis {}.000 Stück.", r.range(5, 40), r.range(50, 400)),
            23 => "Die Gewerkschaft IG Metall zeigte sich besorgt über die Folgen für die Beschäftigten an den deutschen Standorten.".to_owned(),
            24 => format!("Der Fall erinnert an das Verfahren gegen {}, das {} mit einem Vergleich endete.", o.full, date_past_de(r, self.published)),
            25 => format!("{t} will nach eigenen Angaben {} rund {} Millionen Euro in neue Prüfverfahren investieren.", date_until_de(r, self.published), r.range(3, 250)),
            26 => "Die Aufsicht verweist auf das Produktsicherheitsgesetz, das bei ernsten Risiken ein sofortiges Eingreifen erlaubt.".to_owned(),
            27 => format!("Auf Nachfrage erklärte {}, man stehe mit dem Unternehmen in Kontakt.", reg.short),
            28 => format!("Der Präsident des Verbands, {}, sprach von einem Signal an die ganze Branche.", r.pick(PERSONS)),
            29 => format!("Händler in {place} haben die Geräte bereits aus den Regalen genommen."),
            30 => format!("Der Fall beschäftigt auch die Europäische Kommission, die {} einen Bericht vorlegen will.", date_until_de(r, self.published)),
            _ => format!("{} von der Universität {} hält die Maßnahme für überfällig: \"Die Risiken sind seit Jahren bekannt.\"", r.pick(PERSONS), r.pick(&["Mannheim", "Bonn", "Kiel", "Passau"][..])),
        }
    }

    fn de_subheads(&self, r: &mut Rng, out: &mut Vec<String>) {
        let reg_short = REG_DE[self.regulator]
            .short
            .split(' ')
            .nth(1)
            .unwrap_or("Behörde");
        let t = &self.target.short;
        let mut heads = vec![
            format!(
                "{reg_short} stoppt Geschäft mit {t} {}",
                REASONS_DE[self.reason]
            ),
            format!("Verbot gilt {}", date_from_de(r, self.published)),
            format!("{t}-Sprecher: \"Keine Belege für die Vorwürfe\""),
            {
                let c = &self.target;
                let part =
                    round_nicely((c.employees as f64 * (0.1 + 0.5 * r.unit())) as u64).max(3);
                format!(
                    "Rund {} Beschäftigte, etwa {} davon in {}",
                    num_de(c.employees),
                    num_de(part),
                    COUNTRIES[c.country].de_name
                )
            },
            "Verbraucherschützer fordern strengere Regeln".to_owned(),
            format!("Wettbewerber {} profitiert", self.other.short),
        ];
        let k = r.range(2, 5);
        for _ in 0..k {
            let i = r.below(heads.len());
            out.push(heads.swap_remove(i));
        }
    }

    // -- English ------------------------------------------------------------

    fn en_target_intro(&self, r: &mut Rng) -> String {
        let c = &COUNTRIES[self.target.country];
        let role = r.pick(ROLE_EN);
        let town = c.towns[self.target.town].2;
        match r.below(3) {
            0 => format!("{town}-based {role} {}", self.target.full),
            1 => format!("{} {role} {}", adjective_en(c.code), self.target.full),
            _ => self.target.full.clone(),
        }
    }

    fn en_ban_sentence(&self, r: &mut Rng, lead: bool) -> String {
        let reg = &REG_EN[self.regulator];
        let t = &self.target;
        let (prod_sg, prod_pl) = PRODUCTS_EN[self.product];
        let reason = REASONS_EN[self.reason];
        let subject = if lead { cap(reg.full) } else { cap(reg.short) };
        let name = if lead {
            self.en_target_intro(r)
        } else {
            t.short.clone()
        };
        let from = date_from_en(r, self.published);
        let on = date_on_en(r, self.published);
        match self.kind {
            Sales => match r.below(3) {
                0 => format!("{subject} has banned sales of {prod_pl} made by {name} {reason}."),
                1 => format!(
                    "{subject} {on} ordered retailers to stop selling {name}'s {prod_pl}, a ban that applies {from}."
                ),
                _ => format!(
                    "Retailers may no longer offer {prod_pl} from {} {from}, {} said.",
                    t.short, reg.short
                ),
            },
            Usage => match r.below(3) {
                0 => format!(
                    "{subject} has barred federal agencies from using {prod_pl} supplied by {name}."
                ),
                1 => format!(
                    "{subject} banned the use of {name}'s {prod_sg} on government devices {from}."
                ),
                _ => format!(
                    "Equipment from {} must be removed from core networks {}, {} ruled.",
                    t.short,
                    date_until_en(r, self.published),
                    reg.short
                ),
            },
            Import => match r.below(2) {
                0 => format!("{subject} has banned imports of {prod_pl} from {name} {reason}."),
                _ => format!(
                    "{subject} {on} blocked shipments of {prod_pl} made by {name} at the border."
                ),
            },
            Export => match r.below(2) {
                0 => format!(
                    "{subject} has imposed export controls that cut {name} off from American chips and software {from}."
                ),
                _ => format!(
                    "Suppliers will need a licence to ship any item to {} {from}, {} said, with applications reviewed under a presumption of denial.",
                    t.short, reg.short
                ),
            },
            EntityList => match r.below(3) {
                0 => format!(
                    "{subject} has added {name} to the Entity List, cutting it off from American tools, software and components."
                ),
                1 => {
                    format!("{subject} {on} placed {name} on its trade blacklist, the Entity List.")
                }
                _ => format!(
                    "The listing of {} takes effect {from}, when the rule is published in the Federal Register.",
                    t.short
                ),
            },
            Service => match r.below(2) {
                0 => format!(
                    "{subject} has ordered {name} to stop offering its payment services {from}."
                ),
                _ => format!(
                    "{subject} {on} barred {name} from providing services to new customers {reason}."
                ),
            },
            Operating => match r.below(3) {
                0 => format!("{subject} has ordered {name} to cease operations {from}."),
                1 => format!("{subject} suspended the operating licence of {name} {reason}."),
                _ => format!(
                    "{} may not onboard new customers {from}, {} said {on}.",
                    t.short, reg.short
                ),
            },
            Takeover => match r.below(4) {
                0 => format!(
                    "{subject} has blocked {}'s proposed takeover of {name}.",
                    self.other.full
                ),
                1 => format!(
                    "{subject} {on} prohibited the acquisition of {name} by {}.",
                    self.other.full
                ),
                2 => format!(
                    "{subject} has blocked the $ {}bn merger of {} and {name} {reason}.",
                    r.range(1, 60),
                    self.other.full
                ),
                _ => format!(
                    "{} abandoned its bid for {} after {} moved to block the deal {on}.",
                    self.other.short, t.short, reg.short
                ),
            },
            Sanction => match r.below(3) {
                0 => format!("{subject} has imposed sanctions on {name}, freezing its assets."),
                1 => format!("{subject} {on} added {name} to its sanctions list."),
                _ => format!(
                    "Sanctions against {} apply {from}, {} said.",
                    t.short, reg.short
                ),
            },
            Licence => match r.below(2) {
                0 => format!("{subject} has revoked the licence of {name} {reason}."),
                _ => format!("{subject} {on} withdrew {name}'s authorisation to sell {prod_pl}."),
            },
        }
    }

    fn en_employee_sentence(&self, r: &mut Rng, c: &Company) -> String {
        let n = num_en(c.employees);
        let home = COUNTRIES[c.country].en_name;
        let part =
            num_en(round_nicely((c.employees as f64 * (0.1 + 0.5 * r.unit())) as u64).max(3));
        match r.below(9) {
            0 => format!(
                "{} employs about {n} people, {part} of them in {home}.",
                c.short
            ),
            1 => format!(
                "The company, which has a workforce of {n}, was founded in {}.",
                c.founded
            ),
            2 => format!("{} has about {n} employees worldwide.", c.full),
            3 => format!(
                "{}, which employs more than {n} staff, reported revenue of ${}.{} billion last year.",
                c.short,
                r.range(1, 40),
                r.below(10)
            ),
            4 => format!(
                "The {} plans to cut {} of its {n} jobs by the end of {}.",
                r.pick(ROLE_EN),
                num_en(round_nicely((c.employees / 10).max(5))),
                self.published.y + 1
            ),
            5 => format!("{} has fewer than {n} staff.", c.full),
            6 => format!("The company employs about {n} people, {part} of them in {home}."),
            7 => format!(
                "Its headcount stood at roughly {n} at the end of {}.",
                self.published.y - 1
            ),
            _ => format!(
                "{} said it had {n} employees, up from {} a year earlier.",
                c.short,
                num_en(round_nicely(c.employees * 9 / 10))
            ),
        }
    }

    fn en_reaction(&self, r: &mut Rng, v: usize) -> String {
        let who = r.pick(PEOPLE_EN);
        let t = &self.target;
        match v {
            0 => format!(
                "{who} for {} called the decision disproportionate and said the company would appeal.",
                t.short
            ),
            1 => format!(
                "\"We have complied with every rule that applies to us,\" {} said in a statement {}.",
                who.to_lowercase(),
                date_on_en(r, self.published)
            ),
            2 => format!(
                "{} said it was reviewing the order and would comment in due course.",
                t.short
            ),
            3 => format!(
                "{who} said the defects affected only an early batch that had not been shipped for months."
            ),
            4 => "Consumer groups welcomed the move but said it came too late.".to_owned(),
            _ => format!(
                "{} declined to comment beyond its statement.",
                cap(REG_EN[self.regulator].short)
            ),
        }
    }

    fn en_filler(&self, r: &mut Rng, v: usize) -> String {
        let place = r.pick(PLACES_EN);
        let o = &self.third;
        let t = &self.target.short;
        let reg = &REG_EN[self.regulator];
        let prod = PRODUCTS_EN[self.product].1;
        let town = COUNTRIES[self.target.country].towns[self.target.town].2;
        let y = self.published.y;
        match v % FILLER_VARIANTS {
            0 => format!("The regulator said it had received more than {} complaints {}, most of them from {place}.", r.range(20, 900), date_past_en(r, self.published)),
            1 => format!("The market for {prod} has grown by about {} percent a year.", r.range(3, 25)),
            2 => format!("Analysts expect industry revenue to fall {}.{}% {}.", r.range(1, 9), r.below(10), date_until_en(r, self.published)),
            3 => format!("{t} went public in {} and is headquartered in {town}.", y - r.range(2, 12) as u32),
            4 => format!("Rival {} of {place} is watching the case closely.", o.full),
            5 => "The decision can be appealed within 30 days. Legal experts said similar cases had ended in different ways in recent years.".to_owned(),
            6 => format!("The agency had already warned the company {}.", date_past_en(r, self.published)),
            7 => format!("Shares of {t} fell {}.{}% in afternoon trading.", r.range(1, 14), r.below(10)),
            8 => format!("Consumer advocates in {place} have long called for stricter rules on online marketplaces."),
            9 => "Whether the measure survives in court is unclear. Lawmakers from both parties have asked for a briefing, and a hearing is expected before the summer recess.".to_owned(),
            10 => format!("An industry group estimates that about {} million such devices are in use in the country.", r.range(2, 40)),
            11 => format!("Critics said officials had been slow to act, noting that the first warnings surfaced {}.", date_past_en(r, self.published)),
            12 => format!("{t} has worked with contract manufacturer {} since {}.", o.full, self.target.founded.max(1990) + r.below(10) as u32),
            13 => "Companies will bear the cost of replacing the equipment themselves, and no compensation is planned. Industry representatives put the bill in the hundreds of millions.".to_owned(),
            14 => format!("Demand for {prod} had already slowed sharply, particularly among consumers."),
            15 => format!("{t}'s revenue rose {}% last year to ${}.{} billion.", r.range(2, 30), r.range(1, 20), r.below(10)),
            16 => format!("Research firm Gartner expects the market to reach ${} billion in {}.", r.range(2, 90), y + 1),
            17 => format!("A similar case against several manufacturers is under way in {place}."),
            18 => format!("Prosecutors in {} have opened an investigation, according to local media.", r.pick(&["New York", "Delaware", "Houston", "Brussels"][..])),
            19 => format!("Testers at Consumer Reports had found defects in several devices {}.", date_past_en(r, self.published)),
            20 => "Members of Congress from both parties demanded a swift explanation.".to_owned(),
            21 => format!("{t} opened a new plant in {place} {}, where {} people are due to work.", date_past_en(r, self.published), r.range(2, 9) * 50),
            22 => format!("It is unclear how many devices are affected; estimates range from {},000 to {},000 units.", r.range(5, 40), r.range(50, 400)),
            23 => "The union representing factory workers said it was concerned about the impact on jobs.".to_owned(),
            24 => format!("The case recalls the proceedings against {}, which ended in a settlement {}.", o.full, date_past_en(r, self.published)),
            25 => format!("{t} said it would invest about ${} million in new testing procedures {}.", r.range(3, 250), date_until_en(r, self.published)),
            26 => "The agency pointed to product safety rules that allow immediate action when risks are serious.".to_owned(),
            27 => format!("Asked for comment, {} said it was in contact with the company.", reg.short),
            28 => format!("{}, who heads the industry association, called the decision a signal to the whole sector.", r.pick(PERSONS)),
            29 => format!("Retailers in {place} have already pulled the devices from their shelves."),
            30 => format!("The case is also being followed by the European Commission, which plans to publish a report {}.", date_until_en(r, self.published)),
            _ => format!("{}, a professor at {}, said the step was overdue: \"The risks have been known for years.\"", r.pick(PERSONS), r.pick(&["Georgetown University", "the London School of Economics", "Stanford", "King's College London"][..])),
        }
    }

    fn en_subheads(&self, r: &mut Rng, out: &mut Vec<String>) {
        let reg_short = REG_EN[self.regulator].short.trim_start_matches("the ");
        let t = &self.target.short;
        let mut heads = vec![
            format!(
                "{} acts against {t} {}",
                cap(reg_short),
                REASONS_EN[self.reason]
            ),
            format!("Measure applies {}", date_from_en(r, self.published)),
            format!("{t} says it will appeal"),
            format!(
                "Company employs about {} people",
                num_en(self.target.employees)
            ),
            "Lawmakers want tougher rules".to_owned(),
            format!("Rival {} stands to gain", self.other.short),
        ];
        let k = r.range(2, 5);
        for _ in 0..k {
            let i = r.below(heads.len());
            out.push(heads.swap_remove(i));
        }
    }

    // -- Shared -------------------------------------------------------------

    fn ban(&self, r: &mut Rng, lead: bool) -> String {
        match self.lang {
            Lang::De => self.de_ban_sentence(r, lead),
            Lang::En => self.en_ban_sentence(r, lead),
        }
    }

    fn employees(&self, r: &mut Rng, c: &Company) -> String {
        match self.lang {
            Lang::De => self.de_employee_sentence(r, c),
            Lang::En => self.en_employee_sentence(r, c),
        }
    }

    fn reaction(&self, r: &mut Rng, used: &mut u64) -> String {
        if *used & (0b11_1111 << 40) == 0b11_1111 << 40 {
            return self.filler(r, used);
        }
        let mut v = r.below(6);
        while *used & (1 << (40 + v)) != 0 {
            v = r.below(6);
        }
        *used |= 1 << (40 + v);
        match self.lang {
            Lang::De => self.de_reaction(r, v),
            Lang::En => self.en_reaction(r, v),
        }
    }

    /// A filler sentence not yet used in this article while there are any.
    fn filler(&self, r: &mut Rng, used: &mut u64) -> String {
        let mut v = r.below(FILLER_VARIANTS);
        for _ in 0..12 {
            if *used & (1 << v) == 0 {
                break;
            }
            v = r.below(FILLER_VARIANTS);
        }
        *used |= 1 << v;
        match self.lang {
            Lang::De => self.de_filler(r, v),
            Lang::En => self.en_filler(r, v),
        }
    }

    fn subheads(&self, r: &mut Rng, out: &mut Vec<String>) {
        match self.lang {
            Lang::De => self.de_subheads(r, out),
            Lang::En => self.en_subheads(r, out),
        }
    }

    fn title(&self, r: &mut Rng) -> String {
        let t = &self.target.short;
        match self.lang {
            Lang::De => format!(
                "{}: {} {}",
                t,
                r.pick(
                    &[
                        "Behörde verhängt Verbot",
                        "Aus für",
                        "Verbot gegen",
                        "Rückschlag für"
                    ][..]
                ),
                t
            ),
            Lang::En => format!(
                "{} {} {}",
                cap(REG_EN[self.regulator].short.trim_start_matches("the ")),
                r.pick(&["moves against", "cracks down on", "bans", "targets"][..]),
                t
            ),
        }
    }
}

fn adjective_en(code: &str) -> &'static str {
    match code {
        "DE" => "German",
        "US" => "US",
        "GB" => "British",
        "CN" => "Chinese",
        "NL" => "Dutch",
        "SE" => "Nordic",
        _ => "Italian",
    }
}

/// Joins sentences into a paragraph; scraped text sometimes loses the
/// space after a full stop ("gefährdet ist.Über einen ..."), so do we.
fn paragraph(r: &mut Rng, sentences: Vec<String>) -> String {
    let glue = r.chance(0.3);
    let mut out = String::new();
    for s in sentences {
        if !out.is_empty() {
            if glue && r.chance(0.5) && out.ends_with('.') {
            } else {
                out.push(' ')
            }
        }
        out.push_str(&s);
    }
    out
}

/// Smallest and largest article, in bytes.
pub const MIN_BYTES: usize = 1000;
pub const MAX_BYTES: usize = 6000;

/// Article `index` of the corpus of `seed`, as the file's full text.
pub fn article(seed: u64, index: u64) -> String {
    let (story, mut r) = Story::new(seed, index);
    let r = &mut r;
    let target_len = r.range(MIN_BYTES + 200, MAX_BYTES - 300);
    let lead = if r.chance(0.85) {
        story.ban(r, true)
    } else {
        story.employees(r, &story.target)
    };

    let mut head = String::new();
    let header_style = r.chance(0.25);
    if header_style {
        let _ = writeln!(head, "title {}", story.title(r));
        if r.chance(0.3) {
            let _ = writeln!(
                head,
                "url https://news.example.org/{}/{:07}",
                story.published.y, index
            );
        }
        let _ = writeln!(head, "date {}", story.published.iso());
        let _ = writeln!(
            head,
            "lang {}",
            if story.lang == Lang::De { "de" } else { "en" }
        );
        head.push('\n');
        head.push_str(&lead);
    } else if r.chance(0.05) {
        let _ = write!(
            head,
            " date {}-{:02} {lead}",
            story.published.y, story.published.m
        );
    } else {
        let _ = write!(head, " date {} {lead}", story.published.iso());
    }

    let mut blocks: Vec<String> = vec![head];
    // Scraped layout: topic word, subheads, then body paragraphs.
    if !header_style || r.chance(0.5) {
        blocks.push(story.target.short.clone());
        story.subheads(r, &mut blocks);
    }
    let mut len: usize = blocks.iter().map(|b| b.len() + 2).sum();

    // The ban in the body, with detail and a reaction.
    let mut used = 0u64;
    let mut first = vec![story.ban(r, false)];
    if r.chance(0.7) {
        first.push(story.employees(r, &story.target));
    }
    first.push(story.filler(r, &mut used));
    let p = paragraph(r, first);
    len += p.len() + 2;
    blocks.push(p);

    let mut extra_ban = r.chance(0.2);
    while len < target_len {
        let mut sentences = Vec::new();
        for _ in 0..r.range(2, 5) {
            let s = match r.below(10) {
                0 | 1 => story.reaction(r, &mut used),
                2 => {
                    let other = if r.chance(0.5) {
                        &story.other
                    } else {
                        &story.third
                    };
                    story.employees(r, other)
                }
                3 if extra_ban => {
                    extra_ban = false;
                    story.ban(r, false)
                }
                _ => story.filler(r, &mut used),
            };
            sentences.push(s);
        }
        let p = paragraph(r, sentences);
        if len + p.len() + 2 > MAX_BYTES - 100 {
            if len >= MIN_BYTES {
                break;
            }
            continue;
        }
        len += p.len() + 2;
        blocks.push(p);
    }
    let mut text = blocks.join("\n\n");
    text.push('\n');
    text
}

/// Where article `index` lives under the corpus directory: 1000 per
/// subdirectory.
pub fn article_path(dir: &Path, index: u64) -> PathBuf {
    dir.join(format!("{:04}", index / 1000))
        .join(format!("a{index:07}.txt"))
}

/// Writes articles `0..count` under `dir` (existing files are rewritten),
/// returns the bytes written.
pub fn write_corpus(dir: &Path, count: u64, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0u64;
    for i in 0..count {
        let path = article_path(dir, i);
        if i % 1000 == 0 {
            std::fs::create_dir_all(path.parent().expect("has a parent"))?;
        }
        let text = article(seed, i);
        bytes += text.len() as u64;
        std::fs::write(&path, text)?;
    }
    Ok(bytes)
}
