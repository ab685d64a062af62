use crate::extract::BanStatus;
use crate::extract::testing::{bans, facts, regulators};
use crate::lang::Lang;

fn de(text: &str) -> Vec<String> {
    bans(&facts(text, Lang::De, "2024-05-10"))
}

fn en(text: &str) -> Vec<String> {
    bans(&facts(text, Lang::En, "2024-05-10"))
}

#[test]
fn german_kinds_from_nouns_and_verbs() {
    assert_eq!(
        de(
            "Die Bundesnetzagentur hat am 3. Mai 2024 den Verkauf der Uhren der Brunnhuber Sensorik GmbH untersagt."
        ),
        vec!["Bundesnetzagentur -> Brunnhuber Sensorik: sales-ban 2024-05-03/-"]
    );
    assert_eq!(
        de(
            "Das Bundeskartellamt hat die Übernahme der Talvo AG durch die Brunnhuber Sensorik GmbH untersagt."
        ),
        vec!["Bundeskartellamt -> Brunnhuber Sensorik: investment-ban -/-"]
    );
    assert_eq!(
        de(
            "Seit März 2023 steht die Qorvana Microtech Co., Ltd. auf der Entity List des US-Handelsministeriums."
        ),
        vec!["US Department of Commerce -> Qorvana Microtech: entity-listing -/2023-03"]
    );
}

#[test]
fn english_kinds_regulators_in_passive_and_dates_by_role() {
    assert_eq!(
        en(
            "Talvo Systems Inc. was barred from importing its routers by the US International Trade Commission on Monday."
        ),
        vec![
            "United States International Trade Commission -> Talvo Systems: import-ban 2024-05-06/-"
        ]
    );
    assert_eq!(
        en("The FCC revoked the operating licence of Skyline Telecom LLC, effective June 1, 2024."),
        vec!["Federal Communications Commission -> Skyline Telecom: operating-ban -/2024-06-01"]
    );
}

#[test]
fn one_measure_reported_twice_is_one_ban() {
    let text = "Die Bundesnetzagentur verbietet den Vertrieb der Brunnhuber Sensorik GmbH.\n\n\
                Die Behörde hatte das Verkaufsverbot am Dienstag verhängt. Das Verbot gilt ab sofort.";
    assert_eq!(
        de(text),
        vec!["Bundesnetzagentur -> Brunnhuber Sensorik: sales-ban 2024-05-07/2024-05-07"]
    );
}

#[test]
fn every_listed_target_gets_its_measure() {
    let text = "The Commerce Department added Qorvana Microtech Ltd. and the drone maker Skyvane to the Entity List.";
    assert_eq!(
        en(text),
        vec![
            "US Department of Commerce -> Qorvana Microtech: entity-listing -/-",
            "US Department of Commerce -> Skyvane: entity-listing -/-",
        ]
    );
}

#[test]
fn a_named_authority_beats_the_government() {
    let text = "Die Bundesregierung verbietet Bauteile der Talvo AG in den Kernnetzen. \
                Das Bundesinnenministerium ordnete die Maßnahme am Donnerstag an.";
    assert_eq!(
        de(text),
        vec!["Federal Ministry of the Interior -> Talvo: usage-ban 2024-05-09/-"]
    );
}

#[test]
fn proposals_demands_denials_and_fines_are_no_bans() {
    assert!(de("Mehrere Abgeordnete fordern ein Verkaufsverbot für die Talvo AG.").is_empty());
    assert!(
        de("Ein Verbot der Talvo AG ist derzeit nicht geplant, sagte die Bundesnetzagentur.")
            .is_empty()
    );
    assert!(
        de("Die Bundesnetzagentur sieht keinen Anlass für ein Verbot der Talvo AG.").is_empty()
    );
    assert!(en("Lawmakers urged the FCC to ban Skyline Telecom LLC.").is_empty());
    assert!(en("The FTC is considering a ban on Skyline Telecom LLC.").is_empty());
    assert!(en("The SEC fined Skyline Telecom LLC $5 million.").is_empty());
}

#[test]
fn a_lifted_ban_keeps_its_history() {
    let text = "The Commerce Department had barred US firms from selling to Skyline Telecom LLC in April. \
                In July the department lifted the ban.";
    let f = facts(text, Lang::En, "2024-08-01");
    assert_eq!(
        bans(&f),
        vec!["US Department of Commerce -> Skyline Telecom: export-ban 2024-04/-"]
    );
    assert_eq!(f.bans[0].status, BanStatus::Lifted);
}

#[test]
fn regulators_act_commenters_do_not() {
    let text = "Die Bundesnetzagentur untersagte den Verkauf der Uhren der Talvo AG. \
                Das Bundesamt für Sicherheit in der Informationstechnik erklärte, es begrüße den Schritt.";
    let f = facts(text, Lang::De, "2024-05-10");
    assert_eq!(regulators(&f), vec!["Bundesnetzagentur"]);
}

#[test]
fn counted_targets_come_from_a_list_of_that_many() {
    let text = "The European Commission imposed sanctions on three companies and banned two firms from public tenders.\n\n\
                Affected are Talvo Systems Inc., Qorvana Microtech Ltd. and Skyline Telecom LLC.";
    let found = en(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found.iter().all(|b| b.contains(": sanction")),
        "the list of three is not the two firms: {found:?}"
    );
}

#[test]
fn the_same_step_against_other_companies_is_the_same_kind_of_measure() {
    let text = "The FCC revoked the operating licence of Skyline Telecom LLC on Monday.\n\n\
                The commission took the same step in October 2022 against Talvo Systems Inc.";
    let found = en(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|b| b
                .starts_with("Federal Communications Commission -> Talvo Systems: operating-ban")),
        "{found:?}"
    );
}
