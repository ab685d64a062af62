use crate::extract::testing::{facts, organisation_names};
use crate::extract::{OrgIdentity, OrgKind};
use crate::lang::Lang;

fn names(text: &str, lang: Lang) -> Vec<String> {
    organisation_names(&facts(text, lang, "2024-05-10"), text)
}

#[test]
fn legal_forms_name_companies() {
    let text = "Die Brunnhuber Sensorik GmbH liefert an die Talvo Systems Inc. und an die Nanjing Qiyu Optics Co., Ltd. in China.";
    assert_eq!(
        names(text, Lang::De),
        vec![
            "Brunnhuber Sensorik GmbH",
            "Nanjing Qiyu Optics Co., Ltd.",
            "Talvo Systems Inc."
        ]
    );
}

#[test]
fn descriptions_before_a_legal_name_are_not_part_of_it() {
    let text = "Der Regensburger Hersteller Veltrona Antriebe GmbH hat Klage eingereicht. Veltrona will sich wehren.";
    let f = facts(text, Lang::De, "2024-05-10");
    assert_eq!(organisation_names(&f, text), vec!["Veltrona Antriebe GmbH"]);
    assert_eq!(
        f.organisations.len(),
        1,
        "the short form is the same company"
    );
    assert_eq!(f.mentions.len(), 2);
}

#[test]
fn institutions_by_their_heads() {
    let text = "Das Landgericht München I und das Verwaltungsgericht Schleswig entschieden. \
                Auch das Bundesamt für Sicherheit in der Informationstechnik (BSI) äußerte sich.";
    let found = names(text, Lang::De);
    assert!(
        found.contains(&"Landgericht München I".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"Verwaltungsgericht Schleswig".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"Bundesamt für Sicherheit in der Informationstechnik".to_owned()),
        "{found:?}"
    );
    let english = "The Office of the Data Commissioner and the Garnet Valley Water Authority said on Monday that they agreed.";
    let found = names(english, Lang::En);
    assert!(
        found.contains(&"Office of the Data Commissioner".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"Garnet Valley Water Authority".to_owned()),
        "{found:?}"
    );
}

#[test]
fn role_nouns_introduce_names() {
    let text = "Der Chipkonzern Qorvana und der Konkurrent Heliotek verhandeln. Qorvana-Chef Lars Moll schwieg.";
    let f = facts(text, Lang::De, "2024-05-10");
    let found = organisation_names(&f, text);
    assert_eq!(found, vec!["Heliotek", "Qorvana"]);
    let english = "The drone maker Skyvane and Danish brewer Holmgaard said they would comply.";
    assert_eq!(names(english, Lang::En), vec!["Holmgaard", "Skyvane"]);
}

#[test]
fn short_forms_genitives_and_compounds_are_one_organisation() {
    let text = "Kaspersky Lab verliert den US-Markt. Kasperskys Software ist betroffen, und ein Kaspersky-Sprecher schwieg.";
    let f = facts(text, Lang::De, "2024-07-01");
    let kaspersky: Vec<_> = f
        .organisations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.label.starts_with("Kaspersky"))
        .collect();
    assert_eq!(kaspersky.len(), 1);
    assert_eq!(f.mentions_of(kaspersky[0].0).count(), 3);
    assert!(
        matches!(&kaspersky[0].1.id, OrgIdentity::Known(iri) if iri.ends_with("kaspersky-lab"))
    );
}

#[test]
fn german_and_english_names_of_one_authority_share_an_identity() {
    let german = facts(
        "Das US-Handelsministerium verhängte eine Strafe.",
        Lang::De,
        "2024-05-10",
    );
    let english = facts(
        "The US Department of Commerce imposed a penalty.",
        Lang::En,
        "2024-05-10",
    );
    assert_eq!(german.organisations[0].id, english.organisations[0].id);
    assert_eq!(german.organisations[0].kind, OrgKind::Authority);
}

#[test]
fn acronyms_introduced_in_parentheses_join_their_names() {
    let text = "Die Nordmark Speichertechnik (NMS) expandiert. NMS baut ein Werk.";
    let f = facts(text, Lang::De, "2024-05-10");
    assert_eq!(f.organisations.len(), 1, "{:?}", f.organisations);
    assert_eq!(f.mentions.len(), 3);
}

#[test]
fn governments_named_through_their_country() {
    let text = "Belgiens Regierung und die Regierung in Neu-Delhi reagierten.";
    let f = facts(text, Lang::De, "2024-05-10");
    assert!(
        f.organisations
            .iter()
            .all(|o| o.kind == OrgKind::Government),
        "{:?}",
        f.organisations
    );
    assert_eq!(f.organisations.len(), 2);
    let english = facts("The British government said so.", Lang::En, "2024-05-10");
    assert!(
        matches!(&english.organisations[0].id, OrgIdentity::Known(iri) if iri.ends_with("uk-government"))
    );
}

#[test]
fn people_places_and_ordinary_nouns_are_not_organisations() {
    let text = "In Deutschland sagte Gary Gensler am Montag, die Entscheidung sei richtig. Die Kunden in Washington warten.";
    assert!(
        names(text, Lang::De).is_empty(),
        "{:?}",
        names(text, Lang::De)
    );
    let english = "Analysts in Berlin said the decision would hurt customers across the EU.";
    assert!(
        names(english, Lang::En).is_empty(),
        "{:?}",
        names(english, Lang::En)
    );
}

#[test]
fn lists_of_names_are_split() {
    let text = "Regulators fined Ardent Global Capital and Pelham Trust Co. on Friday.";
    assert_eq!(
        names(text, Lang::En),
        vec!["Ardent Global Capital", "Pelham Trust Co."]
    );
}

#[test]
fn declined_german_names_are_the_gazetteer_entry() {
    let text = "Ein Sprecher der Deutschen Bundesbank widersprach. Die Deutsche Bundesbank prüft den Fall.";
    let f = facts(text, Lang::De, "2024-05-10");
    assert_eq!(f.organisations.len(), 1, "{:?}", f.organisations);
    assert_eq!(f.organisations[0].label, "Deutsche Bundesbank");
    assert_eq!(organisation_names(&f, text), vec!["Deutschen Bundesbank"]);
    assert_eq!(f.mentions.len(), 2, "{:?}", f.mentions);
}

#[test]
fn a_place_after_a_legal_form_is_where_the_company_sits() {
    let text = "OFAC designated Silverpine Components Ltd. and Hexa Route Trading Ltd. of Hong Kong, Bishkek-based Tengri Electronics LLC and Dubai's Al Noor Supplies LLC.";
    assert_eq!(
        names(text, Lang::En),
        vec![
            "Al Noor Supplies LLC",
            "Hexa Route Trading Ltd.",
            "OFAC",
            "Silverpine Components Ltd.",
            "Tengri Electronics LLC"
        ]
    );
}

#[test]
fn a_role_noun_in_an_attribute_makes_no_apposition() {
    let text = "Die Kommission setzte Dunenheim auf die Sanktionsliste, die Vermögenswerte des Unternehmens werden eingefroren.";
    assert!(!names(text, Lang::De).contains(&"Sanktionsliste".to_owned()));
    let text = "Brunnhuber Sensorik, der Hersteller von Funkmodulen, klagt.";
    assert_eq!(names(text, Lang::De), vec!["Brunnhuber Sensorik"]);
}

/// The candidates of the learned pipeline's organisation finder.
fn with_runs(text: &str, lang: Lang) -> Vec<(String, Vec<crate::extract::Finder>)> {
    use crate::extract::{Document, Extractor, Facts};
    let vocab = crate::vocab::Vocabulary::built_in().expect("vocabulary");
    let extractor = super::OrganisationExtractor::new(&vocab).with_runs();
    let doc = Document::new(text, lang, None);
    let mut facts = Facts::default();
    extractor.extract(&doc, &mut facts);
    let mut out: Vec<(String, Vec<crate::extract::Finder>)> = facts
        .organisations
        .iter()
        .map(|o| (o.name_in_article(), o.found_by.iter().copied().collect()))
        .collect();
    out.sort();
    out
}

#[test]
fn runs_of_capitalised_words_are_candidates_only_with_runs() {
    use crate::extract::Finder;
    let text =
        "Regulators in Pretoria suspended West Wind Aviation and Kelmora Freight after an audit.";
    let found = with_runs(text, Lang::En);
    assert!(
        found.contains(&("West Wind Aviation".to_owned(), vec![Finder::Run])),
        "{found:?}"
    );
    assert!(
        found.contains(&("Kelmora Freight".to_owned(), vec![Finder::Run])),
        "not joined over 'and': {found:?}"
    );
    // The rules alone do not propose them.
    assert!(!names(text, Lang::En).contains(&"Kelmora Freight".to_owned()));
}

#[test]
fn a_name_in_front_of_a_german_compound_is_a_part() {
    use crate::extract::Finder;
    let text = "Die Regierung will die Übernahme der Kestrelmann-Lokomotivsparte verbieten.";
    let found = with_runs(text, Lang::De);
    assert!(
        found.contains(&("Kestrelmann".to_owned(), vec![Finder::Part])),
        "{found:?}"
    );
    // Common words are never proposed on their own.
    assert!(!found.iter().any(|(n, _)| n == "Übernahme"), "{found:?}");
}

#[test]
fn a_ministry_keeps_the_country_that_names_it() {
    assert_eq!(
        names(
            "Das russische Verteidigungsministerium widersprach.",
            Lang::De
        ),
        vec!["russische Verteidigungsministerium"]
    );
    // In English the possessive is no part of it (as annotators read it).
    assert_eq!(
        names("China’s Ministry of Commerce added 12 companies.", Lang::En),
        vec!["Ministry of Commerce"]
    );
    assert_eq!(
        names(
            "Britain's Gambling Commission fined the operator.",
            Lang::En
        ),
        vec!["Gambling Commission"]
    );
}

#[test]
fn a_possessive_is_not_part_of_the_name() {
    let text = "The authority suspended Kestrel Air's air operator certificate. Kestrel Air Ltd. said it would appeal.";
    let found = names(text, Lang::En);
    assert!(!found.iter().any(|n| n.ends_with("'s")), "{found:?}");
}
