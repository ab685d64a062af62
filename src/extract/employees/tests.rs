use crate::extract::testing::{counts, facts};
use crate::lang::Lang;

fn de(text: &str) -> Vec<String> {
    counts(&facts(text, Lang::De, "2024-05-10"))
}

fn en(text: &str) -> Vec<String> {
    counts(&facts(text, Lang::En, "2024-05-10"))
}

#[test]
fn german_relations_and_number_forms() {
    assert_eq!(
        de("Die Brunnhuber Sensorik GmbH hat weniger als 50 Mitarbeiter."),
        vec!["Brunnhuber Sensorik 50 less-than -"]
    );
    assert_eq!(
        de("Die Brunnhuber Sensorik GmbH zählt rund 1.200 Beschäftigte."),
        vec!["Brunnhuber Sensorik 1200 approximately -"]
    );
    assert_eq!(
        de("Die Brunnhuber Sensorik GmbH beschäftigt mehr als 3000 Angestellte."),
        vec!["Brunnhuber Sensorik 3000 more-than -"]
    );
    assert_eq!(
        de("Die Brunnhuber Sensorik GmbH hat knapp 400 Mitarbeitende."),
        vec!["Brunnhuber Sensorik 400 approximately -"]
    );
    assert_eq!(
        de("Die Brunnhuber Sensorik GmbH hat 2,5 Millionen Beschäftigte."),
        vec!["Brunnhuber Sensorik 2500000 exact -"]
    );
    assert_eq!(
        de("Die Brunnhuber Sensorik GmbH beschäftigt zwölf Mitarbeiter."),
        vec!["Brunnhuber Sensorik 12 exact -"]
    );
    assert_eq!(
        de("Die Brunnhuber Sensorik GmbH hat mindestens 500 Beschäftigte."),
        vec!["Brunnhuber Sensorik 500 at-least -"]
    );
}

#[test]
fn english_relations_and_number_forms() {
    assert_eq!(
        en("Talvo Systems Inc. has a workforce of 1,500."),
        vec!["Talvo Systems 1500 exact -"]
    );
    assert_eq!(
        en("Talvo Systems Inc. has about 40,000 employees."),
        vec!["Talvo Systems 40000 approximately -"]
    );
    assert_eq!(
        en("Talvo Systems Inc. has fewer than 100 staff."),
        vec!["Talvo Systems 100 less-than -"]
    );
    assert_eq!(
        en("Talvo Systems Inc. employs 3.2 million people."),
        vec!["Talvo Systems 3200000 exact -"]
    );
    assert_eq!(
        en("Talvo Systems Inc. employs no more than 90 people."),
        vec!["Talvo Systems 90 at-most -"]
    );
    assert_eq!(
        en("Talvo Systems Inc. employs a dozen engineers."),
        Vec::<String>::new()
    );
}

#[test]
fn places_of_a_count() {
    assert_eq!(
        de(
            "Die Brunnhuber Sensorik GmbH hat weltweit rund 9.000 Mitarbeiter, davon mehr als 800 in Deutschland."
        ),
        vec![
            "Brunnhuber Sensorik 9000 approximately -",
            "Brunnhuber Sensorik 800 more-than DE"
        ]
    );
    assert_eq!(
        en("Talvo Systems Inc., which employs about 1,600 people in Britain, objected."),
        vec!["Talvo Systems 1600 approximately GB"]
    );
}

#[test]
fn the_company_referred_to() {
    let text = "Die Brunnhuber Sensorik GmbH baut Sensoren. Das Unternehmen beschäftigt rund 700 Menschen.";
    assert_eq!(de(text), vec!["Brunnhuber Sensorik 700 approximately -"]);
    let text = "Talvo Systems Inc. and Ardent Corp. compete. Ardent Corp., which has about 2,000 employees, declined to comment.";
    assert_eq!(en(text), vec!["Ardent 2000 approximately -"]);
}

#[test]
fn layoffs_users_money_and_percentages_are_not_head_counts() {
    assert!(
        de("Die Brunnhuber Sensorik GmbH streicht 500 Stellen und entlässt 300 Mitarbeiter.")
            .is_empty()
    );
    assert!(
        en("Talvo Systems Inc. lays off 1,000 workers after cutting 20% of its staff.").is_empty()
    );
    assert!(
        de("Die Brunnhuber Sensorik GmbH hat 20 Millionen Nutzer und 5.000 Kunden.").is_empty()
    );
    assert!(en("Talvo Systems Inc. paid $2,000 to 300 customers in 2017.").is_empty());
}

#[test]
fn spaced_thousands_start_at_their_first_group() {
    use super::spaced_start;
    let t = "mit 33 000 Mitarbeitern";
    assert_eq!(
        spaced_start(t, t.find("000").unwrap()),
        t.find("33").unwrap()
    );
    let t = "rund 1 200 000 Kunden";
    assert_eq!(
        spaced_start(t, t.rfind("000").unwrap()),
        t.find("1 ").unwrap()
    );
    let t = "im Jahr 2019 300 Mitarbeiter";
    assert_eq!(
        spaced_start(t, t.find("300").unwrap()),
        t.find("300").unwrap()
    );
}

#[test]
fn thousands_grouped_by_spaces() {
    assert_eq!(
        de("Der Entsorger Remondis mit mehr als 33 000 Mitarbeitern kauft zu."),
        vec!["Remondis 33000 more-than -"]
    );
}
