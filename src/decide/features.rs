//! Features: named facts about a candidate ("the word before it is
//! `by`"), hashed as they are made so scoring allocates nothing. Training
//! keeps the names too, for the model file.
//!
//! A feature's name is `template=value` (or just `template` for a flag).
//! The templates a binary can make are listed in [`TEMPLATES`]; a model
//! that names another template was made for another feature set.

/// Bump when what a template means changes, so old model files are refused.
pub const FEATURE_VERSION: u32 = 2;

/// Every template, by fact type. Feature names start with one of these.
pub const TEMPLATES: &[&str] = &[
    // organisations
    "org.origin",
    "org.kind",
    "org.known",
    "org.words",
    "org.shape",
    "org.head",
    "org.first",
    "org.legal",
    "org.acronym",
    "org.mentions",
    "org.before",
    "org.after",
    "org.outlet",
    "org.place",
    "org.person",
    "org.lowercase-elsewhere",
    "org.sentence-start",
    "org.headline",
    "org.suffix",
    "org.inside",
    "org.overlap",
    "org.list",
    "org.noun",
    "org.common",
    "org.prefix",
    "org.before2",
    "org.after2",
    // regulators
    "reg.kind",
    "reg.known",
    "reg.rule",
    "reg.ban",
    "reg.subject",
    "reg.agent",
    "reg.action",
    "reg.head",
    "reg.mentions",
    "reg.outlet",
    "reg.before",
    "reg.certainty",
    // bans
    "ban.rule",
    "ban.rule-kind",
    "ban.kinds",
    "ban.trigger",
    "ban.reg-kind",
    "ban.target-kind",
    "ban.reg-known",
    "ban.target-known",
    "ban.target-outlet",
    "ban.reg-outlet",
    "ban.order",
    "ban.distance",
    "ban.before-target",
    "ban.before-reg",
    "ban.after-target",
    "ban.between",
    "ban.voice",
    "ban.status",
    "ban.sentences",
    "ban.headline",
    "ban.reg-subject",
    "ban.reg-role",
    "ban.target-role",
    "ban.pair-kind",
    "ban.neighbour",
    "ban.list",
    "ban.certainty",
    "ban.words",
    "ban.shape",
    // ban kinds
    "kind.trigger",
    "kind.cue",
    "kind.rule",
    "kind.word",
    "kind.target-kind",
    // employee counts
    "emp.rule",
    "emp.relation",
    "emp.org-kind",
    "emp.org-distance",
    "emp.word",
    "emp.before",
    "emp.after",
    "emp.value",
    "emp.orgs",
    "emp.place",
    "emp.certainty",
    // the name tagger
    "tag.bias",
    "tag.w",
    "tag.s",
    "tag.p3",
    "tag.s3",
    "tag.s4",
    "tag.cap",
    "tag.start",
    "tag.w-1",
    "tag.w+1",
    "tag.s-1",
    "tag.s+1",
    "tag.rule",
    "tag.common",
    "tag.given",
    "tag.place",
    "tag.legal",
    "tag.lang",
];

/// Templates whose values are words of the text: they need no language
/// twin.
const WORD_TEMPLATES: &[&str] = &[
    "org.first",
    "org.head",
    "org.suffix",
    "org.prefix",
    "org.inside",
    "org.before",
    "org.after",
    "org.before2",
    "org.after2",
    "reg.head",
    "reg.before",
    "reg.action",
    "ban.trigger",
    "ban.before-target",
    "ban.before-reg",
    "ban.after-target",
    "ban.between",
    "ban.words",
    "emp.word",
    "emp.before",
    "emp.after",
];

/// The template part of a feature name (without a language mark:
/// `org.origin@de=run` is of `org.origin`).
pub fn template_of(name: &str) -> &str {
    let template = name.split_once('=').map_or(name, |(t, _)| t);
    template.split_once('@').map_or(template, |(t, _)| t)
}

/// A feature's hash: stable across machines and Rust versions (unlike
/// `std`'s hasher), which is what a model file needs.
pub fn hash(template: &str, value: Option<&str>) -> u64 {
    hash_parts(&[template], value)
}

/// The hash of the name `parts.concat()` (`=value`), without building it.
fn hash_parts(parts: &[&str], value: Option<&str>) -> u64 {
    let mut h = Stream::default();
    for part in parts {
        h.eat(part.as_bytes());
    }
    if let Some(v) = value {
        h.eat(b"=");
        h.eat(v.as_bytes());
    }
    h.finish()
}

/// A hash of a byte stream that does not depend on how the stream is cut
/// into parts: bytes are gathered eight at a time (little-endian, so the
/// same on every machine) and mixed as FxHash mixes words, then the total
/// length. Cheaper than a byte-at-a-time hash: feature hashing is a good
/// part of every decision's time.
#[derive(Default)]
struct Stream {
    h: u64,
    word: u64,
    filled: u32,
    len: u64,
}

impl Stream {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn mix(&mut self, word: u64) {
        self.h = (self.h.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }

    fn eat(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        // Finish a partly filled word first.
        while self.filled != 0 && !rest.is_empty() {
            self.word |= u64::from(rest[0]) << (8 * self.filled);
            self.filled = (self.filled + 1) % 8;
            rest = &rest[1..];
            if self.filled == 0 {
                let w = self.word;
                self.mix(w);
                self.word = 0;
            }
        }
        let mut chunks = rest.chunks_exact(8);
        for c in &mut chunks {
            self.mix(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        for b in chunks.remainder() {
            self.word |= u64::from(*b) << (8 * self.filled);
            self.filled += 1;
        }
        self.len += bytes.len() as u64;
    }

    fn finish(mut self) -> u64 {
        if self.filled != 0 {
            let w = self.word;
            self.mix(w);
        }
        let len = self.len;
        self.mix(len);
        self.h
    }
}

/// The hash of `template=` followed by the concatenated value parts,
/// without building the string.
pub fn hash_value(template: &str, value: &[&str]) -> u64 {
    let mut h = Stream::default();
    h.eat(template.as_bytes());
    h.eat(b"=");
    for part in value {
        h.eat(part.as_bytes());
    }
    h.finish()
}

/// The hash of a full feature name (`template=value` or `template`).
pub fn hash_name(name: &str) -> u64 {
    match name.split_once('=') {
        Some((t, v)) => hash(t, Some(v)),
        None => hash(name, None),
    }
}

/// The identity of this binary's feature set: its version and templates.
pub fn fingerprint() -> String {
    let mut h = hash("feature-version", Some(&FEATURE_VERSION.to_string()));
    for t in TEMPLATES {
        h ^= hash(t, None);
        h = h.rotate_left(7);
    }
    format!("{FEATURE_VERSION}-{h:016x}")
}

/// The features of one candidate.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub hashes: Vec<u64>,
    /// The names, kept only while training.
    pub names: Option<Vec<String>>,
    /// With a language mark, every feature is also added as
    /// `template@LANG=value`, so a weight can differ by language (a
    /// capitalised word means more in English than in German).
    lang: Option<&'static str>,
}

impl Features {
    pub fn new(keep_names: bool) -> Self {
        Self {
            hashes: Vec::with_capacity(32),
            names: keep_names.then(Vec::new),
            lang: None,
        }
    }

    /// Features that also count per language (see [`Features::lang`]).
    pub fn per_language(keep_names: bool, lang: &'static str) -> Self {
        Self {
            lang: Some(lang),
            ..Self::new(keep_names)
        }
    }

    /// Adds the feature, and its language-marked twin unless the template
    /// is one of words (a word already belongs to its language).
    fn push(&mut self, template: &str, value: Option<&str>) {
        let lang = self.lang.filter(|_| !WORD_TEMPLATES.contains(&template));
        let marks: &[&[&str]] = match &lang {
            Some(lang) => &[&[template], &[template, "@", lang]],
            None => &[&[template]],
        };
        for parts in marks {
            self.hashes.push(hash_parts(parts, value));
            if let Some(names) = &mut self.names {
                let name = parts.concat();
                names.push(match value {
                    Some(v) => format!("{name}={v}"),
                    None => name,
                });
            }
        }
    }

    /// `template=value`; the value is lower-cased by the caller where case
    /// should not matter.
    pub fn add(&mut self, template: &'static str, value: &str) {
        debug_assert!(TEMPLATES.contains(&template), "{template}");
        // A model file line is `WEIGHT NAME`: names hold no white space.
        if value.contains(char::is_whitespace) {
            let joined: String = value
                .chars()
                .map(|c| if c.is_whitespace() { '_' } else { c })
                .collect();
            return self.add(template, &joined);
        }
        self.push(template, Some(value));
    }

    /// A feature without a value.
    pub fn flag(&mut self, template: &'static str) {
        debug_assert!(TEMPLATES.contains(&template), "{template}");
        self.push(template, None);
    }

    /// Every feature of `other` too (a pair's features from each place
    /// it is reported).
    pub fn extend(&mut self, other: &Features) {
        self.hashes.extend_from_slice(&other.hashes);
        if let (Some(names), Some(more)) = (&mut self.names, &other.names) {
            names.extend(more.iter().cloned());
        }
    }

    /// Each feature once (binary features: present or not).
    pub fn dedup(&mut self) {
        match &mut self.names {
            Some(names) => {
                let mut pairs: Vec<(u64, String)> =
                    self.hashes.drain(..).zip(names.drain(..)).collect();
                pairs.sort();
                pairs.dedup_by(|a, b| a.0 == b.0);
                for (h, n) in pairs {
                    self.hashes.push(h);
                    names.push(n);
                }
            }
            None => {
                self.hashes.sort_unstable();
                self.hashes.dedup();
            }
        }
    }
}

/// A count as a small bucket, so "3 mentions" and "4 mentions" share
/// evidence while 1 and 10 do not.
pub fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        _ => "9+",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_of_value_parts_and_names_agree() {
        assert_eq!(
            hash_value("tag.lang", &["de", ":", "Xx"]),
            hash_name("tag.lang=de:Xx")
        );
    }

    #[test]
    fn hashes_of_parts_and_names_agree() {
        assert_eq!(hash("org.kind", Some("court")), hash_name("org.kind=court"));
        assert_eq!(hash("org.known", None), hash_name("org.known"));
        assert_ne!(
            hash("org.kind", Some("court")),
            hash_name("org.kind=company")
        );
        // Stable across builds and machines: a model file depends on it.
        assert_eq!(hash("", None), 0);
        assert_eq!(
            hash_parts(&["org.", "kind"], Some("court")),
            hash_name("org.kind=court")
        );
    }

    #[test]
    fn language_twins_hash_like_their_names() {
        let mut f = Features::per_language(true, "de");
        f.add("org.kind", "court");
        f.flag("org.known");
        f.add("org.before", "laut");
        let names = f.names.clone().unwrap();
        assert_eq!(
            names,
            [
                "org.kind=court",
                "org.kind@de=court",
                "org.known",
                "org.known@de",
                "org.before=laut"
            ]
        );
        for (h, n) in f.hashes.iter().zip(&names) {
            assert_eq!(*h, hash_name(n));
        }
        assert_eq!(template_of("org.kind@de=court"), "org.kind");
    }

    #[test]
    fn dedup_keeps_names_with_their_hashes() {
        let mut f = Features::new(true);
        f.add("org.kind", "court");
        f.flag("org.known");
        f.add("org.kind", "court");
        f.dedup();
        assert_eq!(f.hashes.len(), 2);
        let names = f.names.unwrap();
        for (h, n) in f.hashes.iter().zip(&names) {
            assert_eq!(*h, hash_name(n));
        }
    }

    #[test]
    fn every_template_is_unique() {
        let mut t = TEMPLATES.to_vec();
        t.sort_unstable();
        t.dedup();
        assert_eq!(t.len(), TEMPLATES.len());
    }
}
