//! The canned queries of `queries/`, built into the binary.

include!(concat!(env!("OUT_DIR"), "/canned_queries.rs"));

/// A canned query by name (`bans` or `bans.rq`).
pub fn canned(name: &str) -> Option<&'static str> {
    let name = name.strip_suffix(".rq").unwrap_or(name);
    CANNED.iter().find(|(n, _)| *n == name).map(|(_, q)| *q)
}

/// The one-line description a query starts with (its first `#` line).
pub fn description(query: &str) -> &str {
    query
        .lines()
        .find_map(|l| l.trim().strip_prefix('#'))
        .map_or("", str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_queries_are_embedded_with_descriptions() {
        for name in [
            "organisations",
            "regulators",
            "bans",
            "employee-counts",
            "dates",
            "evidence",
        ] {
            let query = canned(name).unwrap_or_else(|| panic!("{name} missing"));
            assert!(!description(query).is_empty(), "{name} has no description");
        }
        assert_eq!(canned("bans.rq"), canned("bans"));
        assert_eq!(canned("nope"), None);
    }
}
