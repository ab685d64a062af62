//! Splits text into words, numbers and punctuation for the date rules.
//!
//! One pass over the bytes; every word is looked up once in the lexicon.
//! Tokens keep their byte offsets, whether white space precedes them, a
//! rough sentence number (for tense cues) and whether they sit inside a URL
//! or e-mail address (never dates).

use super::lexicon::{Lex, Lexicon};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters only.
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits mixed ("5G", "A320", "20th").
    Code,
    /// Any other single character that is not white space.
    Punct(char),
}

/// What separates a token from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    None,
    Space,
    /// A line break: headlines and teaser lines are sentences of their own.
    Break,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub gap: Gap,
    pub lex: Option<Lex>,
    /// A word with a capital letter anywhere ("Juni", "iPhone", "USA").
    pub cap: bool,
    pub sentence: u32,
    pub url: bool,
}

/// Longest word worth looking up (the lexicon's longest entry is shorter).
const MAX_WORD: usize = 24;

pub(super) fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    let mut lower = String::with_capacity(MAX_WORD);
    let mut gap = Gap::Break;
    let mut sentence = 0u32;
    let mut chunk_first = 0usize;
    let mut chunk_start = 0usize;
    let mut chunk_suspect = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_whitespace() {
            if gap == Gap::None {
                finish_chunk(text, &mut toks, chunk_first, chunk_start, i, chunk_suspect);
            }
            gap = if c == '\n' || gap == Gap::Break {
                Gap::Break
            } else {
                Gap::Space
            };
            i += len;
            continue;
        }
        if gap != Gap::None {
            chunk_first = toks.len();
            chunk_start = i;
            chunk_suspect = false;
        }
        let start = i;
        let kind;
        let mut cap = false;
        if is_word_char(c) {
            let (mut digits, mut letters) = (false, false);
            let mut j = i;
            while j < bytes.len() {
                let (d, dl) = if bytes[j] < 0x80 {
                    (bytes[j] as char, 1)
                } else {
                    let d = text[j..].chars().next().unwrap_or(' ');
                    (d, d.len_utf8())
                };
                if !is_word_char(d) {
                    break;
                }
                if d.is_ascii_digit() {
                    digits = true;
                } else {
                    letters = true;
                    cap |= d.is_uppercase();
                }
                j += dl;
            }
            i = j;
            kind = match (digits, letters) {
                (true, false) => Kind::Num,
                (false, true) => Kind::Word,
                _ => Kind::Code,
            };
        } else {
            if matches!(c, '/' | '@' | ':') {
                chunk_suspect = true;
            }
            i += len;
            kind = Kind::Punct(c);
        }
        let lex = if kind == Kind::Word && i - start <= MAX_WORD {
            let word = &text[start..i];
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            lexicon.get(lower.as_str()).copied()
        } else {
            None
        };
        if !toks.is_empty() && (gap == Gap::Break || ends_sentence(text, &toks, kind, cap)) {
            sentence += 1;
        }
        toks.push(Tok {
            start,
            end: i,
            kind,
            gap,
            lex,
            cap,
            sentence,
            url: false,
        });
        gap = Gap::None;
    }
    if gap == Gap::None {
        finish_chunk(
            text,
            &mut toks,
            chunk_first,
            chunk_start,
            bytes.len(),
            chunk_suspect,
        );
    }
    toks
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "mr", "mrs", "ms", "dr", "prof", "st", "jr",
    "sr", "vs", "etc", "no", "nr", "ca", "bzw", "vgl", "dt", "ggf", "inkl", "evtl", "usw", "sog",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec",
    "dez", "gen", "rep", "sen", "gov", "dept", "mio", "mrd", "bn", "tsd", "abs", "art", "vol",
    "approx", "hr", "fr",
];

/// Whether a new sentence starts at a token of `kind` given the tokens so
/// far: after "!" or "?", or after "." before a capitalised word, unless the
/// full stop ends an abbreviation, an initial or an ordinal number.
fn ends_sentence(text: &str, toks: &[Tok], kind: Kind, cap: bool) -> bool {
    let n = toks.len();
    let Some(last) = toks.last() else {
        return false;
    };
    match last.kind {
        Kind::Punct('!' | '?') => true,
        Kind::Punct('.') if kind == Kind::Word && cap => match n.checked_sub(2).map(|k| toks[k]) {
            Some(before) if before.kind == Kind::Word => {
                let word = &text[before.start..before.end];
                word.chars().nth(1).is_some()
                    && !ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
            }
            Some(before) if before.kind == Kind::Num => before.end - before.start > 2,
            Some(before) => before.kind == Kind::Code || before.kind == Kind::Punct(')'),
            None => false,
        },
        _ => false,
    }
}

/// Marks the tokens of a white-space delimited chunk that looks like a URL
/// or an e-mail address.
fn finish_chunk(
    text: &str,
    toks: &mut [Tok],
    first: usize,
    start: usize,
    end: usize,
    suspect: bool,
) {
    if !suspect {
        return;
    }
    let chunk = &text[start..end];
    let url = chunk.contains("://")
        || chunk.contains('@')
        || chunk.starts_with("www.")
        || (chunk.matches('/').count() >= 2
            && chunk
                .as_bytes()
                .windows(2)
                .any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic()));
    if url {
        for tok in toks.iter_mut().skip(first) {
            tok.url = true;
        }
    }
}
