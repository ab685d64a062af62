//! Deterministic IRIs: the same article, organisation or fact gets the same
//! IRI in every run, on every machine.

use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};

use super::ns;
use crate::extract::OrgIdentity;

/// Hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The article's IRI, which is also the name of its graph: derived from its
/// source so that loading the same source again finds and replaces it.
pub fn article(source: &str) -> NamedNode {
    let hash = sha256_hex(source.as_bytes());
    NamedNode::new_unchecked(format!("{}article/{}", ns::ID, &hash[..20]))
}

/// A node that belongs to one article: `<article>#<local>`.
pub fn in_article(article: &NamedNode, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#{}", article.as_str(), local))
}

/// A span of the article text, named as RFC 5147 / NIF do: `#char=begin,end`.
pub fn span(article: &NamedNode, begin: usize, end: usize) -> NamedNode {
    in_article(article, &format!("char={begin},{end}"))
}

pub fn organisation(id: &OrgIdentity) -> NamedNode {
    match id {
        OrgIdentity::Known(iri) => NamedNode::new_unchecked(iri.clone()),
        OrgIdentity::Named(key) => NamedNode::new_unchecked(format!("{}org/{}", ns::ID, slug(key))),
    }
}

pub fn ban_kind(notation: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", ns::BAN_KIND, slug(notation)))
}

pub fn place(code: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", ns::PLACE, slug_keep_case(code)))
}

pub fn ng(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{}", ns::NG, local))
}

/// A readable, IRI-safe path segment: lower-case ASCII letters and digits
/// joined by hyphens, German letters spelt out; anything else is hashed so
/// distinct keys never share a slug.
pub fn slug(key: &str) -> String {
    slug_keep_case(&key.to_lowercase())
}

fn slug_keep_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut lossy = false;
    for c in key.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => out.push(c),
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => {
                lossy |= !(c.is_whitespace() || c == '-' || c == '.' || c == '\'');
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() || lossy {
        let hash = sha256_hex(key.as_bytes());
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&hash[..8]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_are_deterministic_and_readable() {
        assert_eq!(article("a.txt"), article("a.txt"));
        assert_ne!(article("a.txt"), article("b.txt"));
        assert_eq!(
            slug("Bundesamt für Sicherheit"),
            "bundesamt-fuer-sicherheit"
        );
        assert_eq!(slug("kaspersky lab"), "kaspersky-lab");
    }

    #[test]
    fn unusual_characters_never_collide_or_break_iris() {
        let a = slug("<a> \"b\" #c");
        let b = slug("<a> \"b\" $c");
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert!(NamedNode::new(format!("{}org/{}", ns::ID, slug("北京 电信"))).is_ok());
    }
}
