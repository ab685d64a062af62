//! Unit tests; every sentence here was written for these tests.

use super::*;

fn date(s: &str) -> PartialDate {
    PartialDate::parse_iso(s).expect("test date")
}

/// `(value, anchor text)` of every mention.
fn found(text: &str, lang: Lang, published: Option<&str>) -> Vec<(String, String)> {
    let ex = DateExtractor::new();
    ex.find_dates(text, lang, published.map(date))
        .into_iter()
        .map(|m| (m.value.to_string(), text[m.evidence.span].to_string()))
        .collect()
}

fn values(text: &str, lang: Lang, published: Option<&str>) -> Vec<String> {
    found(text, lang, published)
        .into_iter()
        .map(|(v, _)| v)
        .collect()
}

fn de(text: &str, published: &str) -> Vec<String> {
    values(text, Lang::De, Some(published))
}

fn en(text: &str, published: &str) -> Vec<String> {
    values(text, Lang::En, Some(published))
}

fn none_de(text: &str) {
    assert_eq!(found(text, Lang::De, Some("2023-02-10")), vec![], "{text}");
}

fn none_en(text: &str) {
    assert_eq!(found(text, Lang::En, Some("2023-02-10")), vec![], "{text}");
}

// ------------------------------------------------------------------ full dates

#[test]
fn german_full_dates() {
    assert_eq!(
        found(
            "Die Regel gilt ab dem 20. Juli 2024 bundesweit.",
            Lang::De,
            None
        ),
        vec![("2024-07-20".to_string(), "20. Juli 2024".to_string())]
    );
    assert_eq!(
        de("Der Bescheid kam am 20.07.2024 per Post.", "2024-08-01"),
        ["2024-07-20"]
    );
    assert_eq!(
        de("Er wurde am 3.5.2023 zugestellt.", "2024-08-01"),
        ["2023-05-03"]
    );
    assert_eq!(
        de("Stichtag ist der 31.12.24.", "2024-08-01"),
        ["2024-12-31"]
    );
    assert_eq!(
        de("Die Frist endete am 3. Jan. 2022.", "2024-08-01"),
        ["2022-01-03"]
    );
}

#[test]
fn english_full_dates() {
    assert_eq!(
        found(
            "The rule applies from July 20, 2024, the agency said.",
            Lang::En,
            None
        ),
        vec![("2024-07-20".to_string(), "July 20, 2024".to_string())]
    );
    assert_eq!(
        en("It was signed on 20 July 2024 in Geneva.", "2024-08-01"),
        ["2024-07-20"]
    );
    assert_eq!(
        en("The filing is dated 2024-07-20.", "2024-08-01"),
        ["2024-07-20"]
    );
    assert_eq!(
        en("It began on the 4th of March 2021.", "2024-08-01"),
        ["2021-03-04"]
    );
    assert_eq!(
        en("The memo is dated Sept. 30, 2019.", "2024-08-01"),
        ["2019-09-30"]
    );
    assert_eq!(
        en("The form showed 07/04/2022 as the date.", "2024-08-01"),
        ["2022-07-04"]
    );
}

#[test]
fn day_and_month_without_year_take_the_nearest_year() {
    assert_eq!(
        de("Die Anhörung war am 3. Mai.", "2023-05-20"),
        ["2023-05-03"]
    );
    assert_eq!(
        de(
            "Das Gericht hatte am 20. Dezember entschieden.",
            "2019-01-04"
        ),
        ["2018-12-20"]
    );
    assert_eq!(
        en("Shares fell on Jan. 12 after the report.", "2023-02-10"),
        ["2023-01-12"]
    );
    assert_eq!(
        en("The ban began on June 9 and stays.", "2023-06-12"),
        ["2023-06-09"]
    );
    assert_eq!(
        en("A ruling is due on January 12.", "2023-12-28"),
        ["2024-01-12"]
    );
    assert_eq!(
        de("Ab dem 1. Januar gilt die Pflicht.", "2024-11-05"),
        ["2025-01-01"]
    );
    // A month-only publication date places the day in that month's year.
    assert_eq!(
        de("Bis zum 15. März muss sie weg.", "2023-03"),
        ["2023-03-15"]
    );
    // Without a publication date the year is unknown.
    assert_eq!(
        values("Die Anhörung war am 3. Mai.", Lang::De, None),
        Vec::<String>::new()
    );
}

#[test]
fn a_date_without_year_takes_the_year_of_its_sentence() {
    assert_eq!(
        de(
            "Der Bundestag hatte es am 7. Juli 2022 beschlossen, der Bundesrat stimmte am 8. Juli zu.",
            "2023-03-15"
        ),
        ["2022-07-07", "2022-07-08"]
    );
    assert_eq!(
        en(
            "It opened in May 2015 and closed in September.",
            "2023-03-15"
        ),
        ["2015-05", "2015-09"]
    );
    // In the next sentence the publication date decides again.
    assert_eq!(
        de(
            "Am 7. Juli 2022 fiel der Beschluss. Am 8. Juli kam die Klage.",
            "2023-03-15"
        ),
        ["2022-07-07", "2023-07-08"]
    );
}

#[test]
fn weekday_before_a_date_is_part_of_it() {
    assert_eq!(
        found(
            "The law applies from Wednesday, March 2, onwards.",
            Lang::En,
            Some("2022-03-01")
        ),
        vec![("2022-03-02".to_string(), "Wednesday, March 2".to_string())]
    );
    assert_eq!(
        de(
            "Es geschah am Freitag, 2. Juni 2017, gegen Mittag.",
            "2024-01-01"
        ),
        ["2017-06-02"]
    );
}

#[test]
fn day_ranges_share_month_and_year() {
    assert_eq!(
        de("Die Messe läuft vom 3. bis 5. Mai 2023.", "2024-01-01"),
        ["2023-05-03", "2023-05-05"]
    );
    assert_eq!(
        de("Am 1. und 2. Juli wird gestreikt.", "2024-06-20"),
        ["2024-07-01", "2024-07-02"]
    );
}

// ---------------------------------------------------------------------- months

#[test]
fn months_with_year() {
    assert_eq!(
        found(
            "Die Firma hatte im Oktober 2023 Insolvenz angemeldet.",
            Lang::De,
            None
        ),
        vec![("2023-10".to_string(), "im Oktober 2023".to_string())]
    );
    assert_eq!(
        de("Juni 2024: Die Behörde greift ein.", "2024-08-01"),
        ["2024-06"]
    );
    assert_eq!(
        en(
            "It has operated since April 2017 in the region.",
            "2024-08-01"
        ),
        ["2017-04"]
    );
    assert_eq!(
        de("Das Verfahren lief bis Ende Juni 2021.", "2024-08-01"),
        ["2021-06"]
    );
    assert_eq!(
        en("The report from 2024-07 was revised.", "2024-08-01"),
        ["2024-07"]
    );
}

#[test]
fn months_without_year() {
    assert_eq!(
        found(
            "Die Behörde hatte im Juni entschieden.",
            Lang::De,
            Some("2024-07")
        ),
        vec![("2024-06".to_string(), "im Juni".to_string())]
    );
    assert_eq!(de("Die Prüfung begann Mitte März.", "2024-04"), ["2024-03"]);
    assert_eq!(
        de("Anfang Februar kam die Warnung.", "2023-04-01"),
        ["2023-02"]
    );
    assert_eq!(
        de("Das Gesetz passierte Ende Dezember den Senat.", "2023-03"),
        ["2022-12"]
    );
    assert_eq!(
        en("The vote took place in June.", "2018-07-14"),
        ["2018-06"]
    );
    assert_eq!(
        en("Sales slowed in early March.", "2023-04-02"),
        ["2023-03"]
    );
    assert_eq!(
        en("Output peaked in mid-September.", "2023-10-02"),
        ["2023-09"]
    );
    assert_eq!(
        en("Prices rose until the end of May.", "2023-07-01"),
        ["2023-05"]
    );
}

#[test]
fn month_without_year_follows_tense_and_distance() {
    // Nearest: December before a January publication.
    assert_eq!(de("Im Dezember wurde gewählt.", "2024-01-10"), ["2023-12"]);
    // Nearest on a tie goes back.
    assert_eq!(
        en("In January the plan changed.", "2020-07-15"),
        ["2020-01"]
    );
    // "had" points back although October 2023 would be nearer.
    assert_eq!(
        en(
            "The group had said in October that it would leave.",
            "2023-07-17"
        ),
        ["2022-10"]
    );
    // "will" points ahead although October 2022 is as near.
    assert_eq!(
        en("The plant will close in January.", "2023-07-17"),
        ["2024-01"]
    );
}

#[test]
fn months_with_a_relative_year() {
    assert_eq!(
        found(
            "The brewer announced in March last year that it would leave.",
            Lang::En,
            Some("2023-07-17")
        ),
        vec![("2022-03".to_string(), "in March last year".to_string())]
    );
    assert_eq!(
        de("Im März vergangenen Jahres kam die Wende.", "2023-07-17"),
        ["2022-03"]
    );
    assert_eq!(
        de("Im Juli des Vorjahres sank der Absatz.", "2023-07-17"),
        ["2022-07"]
    );
    assert_eq!(
        de("Im Mai nächsten Jahres soll es starten.", "2023-07-17"),
        ["2024-05"]
    );
    assert_eq!(
        de(
            "Im Februar 2017 fiel die Puppe auf, im November desselben Jahres die Uhren.",
            "2023-05"
        ),
        ["2017-02", "2017-11"]
    );
    assert_eq!(
        en(
            "It opened in May 2015 and closed in June of that year.",
            "2023-05"
        ),
        ["2015-05", "2015-06"]
    );
}

#[test]
fn month_names_need_a_cue() {
    none_en("Theresa May spoke and April Ryan asked.");
    none_en("Troops march in formation; staff may leave.");
    none_de("Der Schauspieler August Diehl lachte.");
    none_en("The Ides of March is a play.");
}

// ----------------------------------------------------------------------- years

#[test]
fn years_with_a_cue() {
    assert_eq!(
        found("Die Frist läuft bis Ende 2026.", Lang::De, None),
        vec![("2026".to_string(), "bis Ende 2026".to_string())]
    );
    assert_eq!(
        values("Sie gehört seit 2005 zum Konzern.", Lang::De, None),
        ["2005"]
    );
    assert_eq!(
        values("Die Telekom hatte Ende 2023 umgestellt.", Lang::De, None),
        ["2023"]
    );
    assert_eq!(
        values("The shop opened in 2017 downtown.", Lang::En, None),
        ["2017"]
    );
    assert_eq!(
        values("Der Umsatz stieg im Jahr 2023 kräftig.", Lang::De, None),
        ["2023"]
    );
    assert_eq!(
        values("Bis Mitte 2023 wurde geprüft.", Lang::De, None),
        ["2023"]
    );
    assert_eq!(
        values("Ein Entwurf soll Anfang 2025 vorliegen.", Lang::De, None),
        ["2025"]
    );
    assert_eq!(
        values("Die Uhr wird seit Herbst 2021 verkauft.", Lang::De, None),
        ["2021"]
    );
    assert_eq!(
        values("Im vierten Quartal 2023 sank der Gewinn.", Lang::De, None),
        ["2023"]
    );
    assert_eq!(
        values("Growth resumed by mid-2022 in Asia.", Lang::En, None),
        ["2022"]
    );
    assert_eq!(
        values("Seit Mitte 2023 Geräte prüfen ist teuer.", Lang::De, None),
        ["2023"]
    );
    assert_eq!(
        values("Revenue in Q3 2023 beat estimates.", Lang::En, None),
        ["2023"]
    );
}

#[test]
fn years_in_apposition_and_sentence_start() {
    assert_eq!(
        values(
            "The exchange, founded in 2011, is based in Ohio.",
            Lang::En,
            None
        ),
        ["2011"]
    );
    assert_eq!(
        values("Die Firma, gegründet 2005, sitzt in Bonn.", Lang::De, None),
        ["2005"]
    );
    assert_eq!(
        values("2017 wurde die Software verboten.", Lang::De, None),
        ["2017"]
    );
    assert_eq!(
        values(
            "Die Behörde hatte schon 2017 ein Verbot erlassen.",
            Lang::De,
            None
        ),
        ["2017"]
    );
    assert_eq!(
        values("Dennoch gab es 2017 einen Fall.", Lang::De, None),
        ["2017"]
    );
    assert_eq!(
        values("The 2016 merger created a giant.", Lang::En, None),
        ["2016"]
    );
    assert_eq!(
        values("The agency's 2023 agenda is out.", Lang::En, None),
        ["2023"]
    );
    assert_eq!(
        values("2019 was a difficult year.", Lang::En, None),
        ["2019"]
    );
    assert_eq!(
        values("Die 2017 eingeführte Regel gilt weiter.", Lang::De, None),
        ["2017"]
    );
}

#[test]
fn lists_and_ranges_of_years() {
    assert_eq!(
        values("Zwischen 2015 und 2019 stieg der Anteil.", Lang::De, None),
        ["2015", "2019"]
    );
    assert_eq!(
        values("From 2017 to 2019 it grew.", Lang::En, None),
        ["2017", "2019"]
    );
    assert_eq!(
        values("In 2018, 2019 and 2020 it lost money.", Lang::En, None),
        ["2018", "2019", "2020"]
    );
    assert_eq!(
        values("Sie war von 2010-2014 Ministerin.", Lang::De, None),
        ["2010", "2014"]
    );
}

// --------------------------------------------------------------------- relative

#[test]
fn weekdays_resolve_to_the_latest_such_day() {
    // 2023-02-10 is a Friday.
    assert_eq!(
        found(
            "The SEC announced on Thursday that it settled.",
            Lang::En,
            Some("2023-02-10")
        ),
        vec![("2023-02-09".to_string(), "on Thursday".to_string())]
    );
    assert_eq!(
        de(
            "Die Behörde gab die Entscheidung am Montagabend bekannt.",
            "2020-06-30"
        ),
        ["2020-06-29"]
    );
    assert_eq!(
        en("The firm said Tuesday it would appeal.", "2023-02-10"),
        ["2023-02-07"]
    );
    assert_eq!(
        en("The letter was sent last Tuesday.", "2024-09-23"),
        ["2024-09-17"]
    );
    assert_eq!(
        en(
            "It adopted the rule on Tuesday, two days after it was announced on Sunday.",
            "2022-03-02"
        ),
        ["2022-03-01", "2022-02-27"]
    );
    // The publication weekday itself is that day.
    assert_eq!(
        de("Die Aktie stieg am Montag leicht.", "2023-05-22"),
        ["2023-05-22"]
    );
    assert_eq!(
        en("The stores reopen from Thursday.", "2023-12-28"),
        ["2023-12-28"]
    );
}

#[test]
fn weekdays_of_last_and_next_week() {
    // 2023-02-10 is a Friday.
    assert_eq!(
        de(
            "Am Mittwoch vergangener Woche kam der Bescheid.",
            "2023-02-10"
        ),
        ["2023-02-01"]
    );
    assert_eq!(
        en("The hearing is on Tuesday next week.", "2023-02-10"),
        ["2023-02-14"]
    );
}

#[test]
fn forward_looking_weekdays_resolve_ahead() {
    assert_eq!(
        en("The watch returns to stores from Tuesday.", "2023-12-28"),
        ["2024-01-02"]
    );
    assert_eq!(
        de("Ab Donnerstag gilt die neue Regel.", "2023-02-10"),
        ["2023-02-16"]
    );
    assert_eq!(
        en("The board meets next Friday.", "2023-02-10"),
        ["2023-02-17"]
    );
    assert_eq!(
        en("The court will rule on Monday.", "2023-02-10"),
        ["2023-02-13"]
    );
}

#[test]
fn weekdays_in_an_article_dated_by_month() {
    assert_eq!(
        de(
            "Die Behörde teilte am Dienstag mit, dass sie prüft.",
            "2023-05"
        ),
        ["2023-05"]
    );
}

#[test]
fn weekday_names_that_are_not_dates() {
    none_en("Retailers expect record Black Friday sales.");
    none_de("Das sagte er der Welt am Sonntag.");
    none_en("The Sunday Times reported the deal.");
    none_de("Der Montag ist ein Wochentag.");
    none_en("The plane landed on a Tuesday, as every Monday.");
}

#[test]
fn relative_years_and_months() {
    assert_eq!(
        found(
            "Der Umsatz lag im vergangenen Jahr bei vier Millionen.",
            Lang::De,
            Some("2023-05")
        ),
        vec![("2022".to_string(), "im vergangenen Jahr".to_string())]
    );
    assert_eq!(de("Vergangenes Jahr sank der Absatz.", "2023-05"), ["2022"]);
    assert_eq!(de("Im Vorjahr war es anders.", "2023-05"), ["2022"]);
    assert_eq!(en("The company grew last year.", "2023-05-02"), ["2022"]);
    assert_eq!(
        en("Staff left after last year's cuts.", "2023-05-02"),
        ["2022"]
    );
    assert_eq!(
        en("This year the plan is different.", "2023-05-02"),
        ["2023"]
    );
    assert_eq!(
        en("The app launches next month.", "2023-05-02"),
        ["2023-06"]
    );
    assert_eq!(
        en("It found a buyer only last month.", "2023-07-17"),
        ["2023-06"]
    );
    assert_eq!(
        en("Prices fell earlier this month.", "2023-07-17"),
        ["2023-07"]
    );
    assert_eq!(
        en(
            "Operators must stop buying by the end of the year.",
            "2020-07-15"
        ),
        ["2020"]
    );
    assert_eq!(
        de("Bis Ende des Jahres soll alles fertig sein.", "2020-07-15"),
        ["2020"]
    );
    assert_eq!(
        de("Im kommenden Jahr soll der Bau beginnen.", "2020-07-15"),
        ["2021"]
    );
    assert_eq!(
        en("The plant closed two years ago.", "2020-07-15"),
        ["2018"]
    );
    assert_eq!(
        de("Vor drei Monaten kam die Anzeige.", "2020-07-15"),
        ["2020-04"]
    );
    assert_eq!(
        de("Seit Jahresbeginn wächst der Umsatz.", "2020-07-15"),
        ["2020"]
    );
}

#[test]
fn yesterday_and_tomorrow() {
    assert_eq!(
        de("Das Gericht entschied gestern.", "2023-02-10"),
        ["2023-02-09"]
    );
    assert_eq!(
        en("Yesterday morning the shares fell.", "2023-02-10"),
        ["2023-02-09"]
    );
    assert_eq!(
        de("Die Entscheidung fällt morgen.", "2023-02-10"),
        ["2023-02-11"]
    );
    none_de("Am Morgen kam die Nachricht.");
    none_de("Heute morgen kam die Nachricht.");
}

#[test]
fn chained_days_and_years() {
    assert_eq!(
        en(
            "The SEC acted on Thursday. The CEO had warned the day before that it might.",
            "2023-02-10"
        ),
        ["2023-02-09", "2023-02-08"]
    );
    assert_eq!(
        de(
            "Am 3. Mai kam die Anzeige, am Tag darauf die Razzia.",
            "2023-05-20"
        ),
        ["2023-05-03", "2023-05-04"]
    );
    assert_eq!(
        de(
            "2019 kam das Verbot, im Jahr darauf die Klage.",
            "2023-05-20"
        ),
        ["2019", "2020"]
    );
    none_en("The day before the vote was quiet.");
}

#[test]
fn holidays() {
    assert_eq!(
        en("Sales stopped after Christmas Eve.", "2023-12-28"),
        ["2023-12-24"]
    );
    assert_eq!(
        de("An Heiligabend blieb der Laden zu.", "2023-12-28"),
        ["2023-12-24"]
    );
    none_en("Shoppers rushed before Christmas.");
    none_de("Kurz vor Weihnachten kam das Urteil.");
}

#[test]
fn relative_expressions_need_a_publication_date() {
    let text = "Gestern und am Donnerstag, im Juni und im vergangenen Jahr, last month.";
    assert_eq!(found(text, Lang::De, None), vec![]);
}

// ------------------------------------------------------------------- not dates

#[test]
fn durations_are_not_dates() {
    none_de("Das Projekt dauerte 100 Tage.");
    none_de("Sie streiten seit drei Jahren und seit Jahren.");
    none_en("He worked there for ten years.");
    none_en("The carrier has 60 days to comply, within 60 days.");
    none_en("A seven-year ban and a three-month shutdown followed.");
    none_en("It held the licence for nearly two decades.");
}

#[test]
fn ages_are_not_dates() {
    none_de("Er starb im Alter von 45 Jahren.");
    none_en("She retired at the age of 65.");
}

#[test]
fn times_of_day_are_not_dates() {
    none_de("Die Sitzung beginnt um 14.30 Uhr.");
    none_de("Um 20 Uhr war Schluss.");
    none_en("The market opened at 9:30 sharp.");
}

#[test]
fn quantities_and_amounts_are_not_dates() {
    none_de("Die Firma hat 2024 Mitarbeiter.");
    none_de("Das kostet 1.500 Euro.");
    none_en("It costs $2,000 per unit.");
    none_de("Es wurden 2017 Exemplare verkauft.");
    none_de("Rund 20 Millionen Nutzer und 2.100 Beschäftigte.");
    none_en("About 2000 people attended.");
    none_de("Die Zahl stieg auf 2017.");
    none_de("Die Strafe beträgt bis zu 2000 Euro.");
    none_en("The fund raised 2,017.5 million.");
    none_en("About 1,950 workers and 2000 contractors were affected.");
    none_en("The firm has 2100 employees; 1900 of them work in Texas.");
    none_de("Es kamen zwei Millionen 2017 an.");
}

#[test]
fn percentages_are_not_dates() {
    none_de("Der Anteil lag bei 59 Prozent, im Kernnetz bei 20%.");
    none_en("Shares fell 14% and the stake is 2024 percent of nothing.");
}

#[test]
fn numbers_in_names_and_codes_are_not_dates() {
    none_de("Das Ministerium beruft sich auf Paragraf 69A.");
    none_en("The iPhone 2024 edition and the Series 9 watch.");
    none_en("5G, COVID-19, the G20 and an A320 jet.");
    none_en("The protocol follows RFC 2616.");
    none_de("Er nutzt Windows 2000 und Office 2019 noch.");
}

#[test]
fn version_and_phone_numbers_are_not_dates() {
    none_en("Update to version 2.1.2023 now.");
    none_de("Erreichbar unter +49 30 2017 4455.");
    none_de("Telefon 030/2017 44 55.");
}

#[test]
fn scores_are_not_dates() {
    none_en("The FCC voted 4-0 and the team won 2-1.");
}

#[test]
fn years_with_a_unit_are_not_dates() {
    none_de("Die Anlage liefert 2020 Kilowatt.");
    none_en("The truck weighs 2015 kg.");
    none_en("The 1990s were different from the 1980s.");
}

#[test]
fn dates_in_urls_are_not_dates() {
    none_en("Source: https://example.com/2024-07-20/story.html today.");
    none_en("See www.example.org/news/2023/05/01/report for details.");
}

#[test]
fn now_today_and_week_level_are_not_dates() {
    none_de("Heute gilt das Verbot, derzeit wird geprüft.");
    none_en("Today the ban applies, and now it is final.");
    none_en("The bill stalled last week; this week it returns.");
    none_de("Diese Woche und vergangene Woche gab es Streit.");
    none_de("In den vergangenen Jahren wuchs der Markt.");
    none_en("Over the last year the firm grew.");
}

// --------------------------------------------------------------------- overlap

#[test]
fn the_longest_expression_wins() {
    let got = found(
        "Am 20. Juli 2024 endet die Frist.",
        Lang::De,
        Some("2024-07-01"),
    );
    assert_eq!(
        got,
        vec![("2024-07-20".to_string(), "20. Juli 2024".to_string())]
    );
}

#[test]
fn each_expression_is_normalised_on_its_own() {
    assert_eq!(
        en(
            "Sold since April 2017, it was banned on 29 April 2017 and again on 29 April 2017.",
            "2024-01-01"
        ),
        ["2017-04", "2017-04-29", "2017-04-29"]
    );
}

#[test]
fn spans_point_into_the_text() {
    let text = "Über das Verbot wird seit Anfang März gestritten.";
    let ex = DateExtractor::new();
    let got = ex.find_dates(text, Lang::De, Some(date("2022-03-22")));
    assert_eq!(got.len(), 1);
    assert_eq!(&text[got[0].evidence.span.clone()], "seit Anfang März");
    assert!(got[0].evidence.confidence > 0.0 && got[0].evidence.confidence < 1.0);
}

#[test]
fn extractor_adds_to_facts() {
    let text = "Der Vertrag wurde im September 2021 unterzeichnet.";
    let doc = Document::new(text, Lang::De, Some(date("2022-10-27")));
    let mut facts = Facts::default();
    let ex = DateExtractor::new();
    ex.extract(&doc, &mut facts);
    assert_eq!(ex.name(), "dates");
    assert_eq!(facts.dates.len(), 1);
    assert_eq!(facts.dates[0].value, date("2021-09"));
    assert_eq!(facts.dates[0].evidence.confidence, 0.95);
}

// ------------------------------------------------------------------- robustness

#[test]
fn odd_input_does_not_panic() {
    let ex = DateExtractor::new();
    let samples = [
        "",
        " ",
        "\n\n\n",
        "2024",
        "20.",
        "20. Juli",
        "Juli",
        "am",
        "99999999999999999999999 Jahre 2024-99-99 31.02.2023 0.0.0000 12/34/5678",
        "2024-07-20T",
        "2024-07-",
        "New Year",
        "the day before",
        "vor Jahren",
        "ä1ö2ü3 ß 😀 2017 😀 Juli 😀",
        "e\u{301}te\u{301} 1.\u{301} Juli",
        "\u{200b}2017\u{200b}",
        "٢٠١٧ 2017 ２０１７",
        "...---///:::",
    ];
    for published in [
        None,
        Some(date("2024")),
        Some(date("2024-02")),
        Some(date("2024-02-29")),
    ] {
        for text in samples {
            for lang in [Lang::De, Lang::En] {
                for m in ex.find_dates(text, lang, published) {
                    assert!(text.get(m.evidence.span.clone()).is_some());
                }
            }
        }
    }
}

#[test]
fn every_prefix_of_a_text_is_safe() {
    let text =
        "Am 20. Juli 2024, 3.5.2023 und seit Mitte März: gestern, last Tuesday, in 2017. Ende.";
    let ex = DateExtractor::new();
    for (i, _) in text.char_indices() {
        for published in [None, Some(date("2024-07-12"))] {
            let _ = ex.find_dates(&text[..i], Lang::De, published);
            let _ = ex.find_dates(&text[i..], Lang::En, published);
        }
    }
}

#[test]
fn random_text_does_not_panic() {
    // A small deterministic generator over characters that matter here.
    let alphabet: Vec<char> = "0123456789 .,-/:'’\nJaMäzrülienovDzTuhsdyQ€$%Tag"
        .chars()
        .collect();
    let ex = DateExtractor::new();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..60 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        for m in ex.find_dates(&s, Lang::De, Some(date("2024-03-31"))) {
            assert!(s.get(m.evidence.span).is_some());
        }
    }
}
