//! Numbers as German and English news write them: digits with either
//! language's separators, decimal commas, scale words and number words.

/// A number found in text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Byte length of the expression, scale word included.
    pub len: usize,
    /// Written with digits (as opposed to words like "zwölf").
    pub digits: bool,
}

/// Reads the number expression at the start of `s`: `1.200`, `1,500`,
/// `2,5 Millionen`, `3.2 million`, `zwölf`, `a dozen`. `None` when `s`
/// does not start with one.
pub fn parse_at(s: &str) -> Option<Number> {
    let (value, len) = digits(s).or_else(|| word(s))?;
    let is_digits = s.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let (scale, scale_len) = scale_after(&s[len..]);
    Some(Number {
        value: value * scale,
        len: len + scale_len,
        digits: is_digits,
    })
}

/// Digits with thousands separators (`.`, `,`, thin or normal space before
/// three digits) and at most one decimal separator.
fn digits(s: &str) -> Option<(f64, usize)> {
    let bytes = s.as_bytes();
    let mut end = 0;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    if end == 0 || end > 15 {
        return None;
    }
    let mut integer: String = s[..end].to_owned();
    let mut fraction = String::new();
    let lead = end;
    loop {
        let rest = &s[end..];
        let Some(sep) = rest.chars().next() else {
            break;
        };
        // A plain space groups thousands too ("33 000"), but only after a
        // first group of one to three digits: "2019 300" is two numbers.
        let spaced = sep == ' ' && lead <= 3 && fraction.is_empty();
        if !matches!(sep, '.' | ',' | '\u{202f}' | '\u{a0}' | '\'') && !spaced {
            break;
        }
        let after = &rest[sep.len_utf8()..];
        let run = after.bytes().take_while(u8::is_ascii_digit).count();
        if run == 0 || !fraction.is_empty() {
            break;
        }
        let next = after[run..].chars().next();
        let group_of_three = run == 3 && !next.is_some_and(|c| c.is_ascii_digit());
        if sep == ' ' && !group_of_three {
            break;
        }
        if group_of_three && integer.len() <= 3 + 4 * 4 {
            integer.push_str(&after[..3]);
        } else if matches!(sep, '.' | ',') && run <= 3 {
            fraction.push_str(&after[..run]);
        } else {
            break;
        }
        end += sep.len_utf8() + run;
    }
    let text = if fraction.is_empty() {
        integer
    } else {
        format!("{integer}.{fraction}")
    };
    Some((text.parse().ok()?, end))
}

const WORDS: &[(&str, f64)] = &[
    ("ein dutzend", 12.0),
    ("a dozen", 12.0),
    ("zwölf", 12.0),
    ("twelve", 12.0),
    ("elf", 11.0),
    ("eleven", 11.0),
    ("zehn", 10.0),
    ("ten", 10.0),
    ("neun", 9.0),
    ("nine", 9.0),
    ("acht", 8.0),
    ("eight", 8.0),
    ("sieben", 7.0),
    ("seven", 7.0),
    ("sechs", 6.0),
    ("six", 6.0),
    ("fünf", 5.0),
    ("five", 5.0),
    ("vier", 4.0),
    ("four", 4.0),
    ("drei", 3.0),
    ("three", 3.0),
    ("zwei", 2.0),
    ("two", 2.0),
    ("dreizehn", 13.0),
    ("vierzehn", 14.0),
    ("fünfzehn", 15.0),
    ("sechzehn", 16.0),
    ("siebzehn", 17.0),
    ("achtzehn", 18.0),
    ("neunzehn", 19.0),
    ("zwanzig", 20.0),
    ("dreißig", 30.0),
    ("vierzig", 40.0),
    ("fünfzig", 50.0),
    ("sechzig", 60.0),
    ("siebzig", 70.0),
    ("achtzig", 80.0),
    ("neunzig", 90.0),
    ("hundert", 100.0),
    ("einhundert", 100.0),
    ("tausend", 1000.0),
    ("eintausend", 1000.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("a hundred", 100.0),
    ("one hundred", 100.0),
    ("a thousand", 1000.0),
    ("one thousand", 1000.0),
];

fn word(s: &str) -> Option<(f64, usize)> {
    let lower_prefix: String = s.chars().take(16).flat_map(char::to_lowercase).collect();
    WORDS
        .iter()
        .filter(|(w, _)| lower_prefix.starts_with(w))
        .filter(|(w, _)| {
            let rest = &lower_prefix[w.len()..];
            !rest.chars().next().is_some_and(char::is_alphanumeric)
        })
        .max_by_key(|(w, _)| w.len())
        .and_then(|(w, v)| Some((*v, byte_len_of_prefix(s, w.chars().count())?)))
}

fn byte_len_of_prefix(s: &str, chars: usize) -> Option<usize> {
    s.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .or(Some(s.len()))
}

const SCALES: &[(&str, f64)] = &[
    ("milliarden", 1e9),
    ("milliarde", 1e9),
    ("mrd.", 1e9),
    ("billion", 1e9),
    ("bn", 1e9),
    ("millionen", 1e6),
    ("million", 1e6),
    ("mio.", 1e6),
    ("mio", 1e6),
    ("mn", 1e6),
    ("tausend", 1e3),
    ("thousand", 1e3),
];

/// A scale word after a number (`2,5 Millionen`), with its byte length
/// including the space before it.
fn scale_after(rest: &str) -> (f64, usize) {
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let space = rest.len() - trimmed.len();
    if space == 0 && !trimmed.starts_with(['m', 'M']) {
        return (1.0, 0);
    }
    let head: String = trimmed
        .chars()
        .take(12)
        .flat_map(char::to_lowercase)
        .collect();
    for (word, scale) in SCALES {
        if let Some(after) = head.strip_prefix(word)
            && !after.chars().next().is_some_and(char::is_alphabetic)
        {
            return (*scale, space + word.len());
        }
    }
    (1.0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<f64> {
        parse_at(s).map(|n| n.value)
    }

    #[test]
    fn spaces_group_thousands_after_a_short_first_group() {
        assert_eq!(
            parse_at("33 000 Mitarbeiter").map(|n| (n.value, n.len)),
            Some((33000.0, 6))
        );
        assert_eq!(
            parse_at("1 200 000 Kunden").map(|n| n.value),
            Some(1_200_000.0)
        );
        assert_eq!(
            parse_at("2019 300 Mitarbeiter").map(|n| n.value),
            Some(2019.0)
        );
        assert_eq!(parse_at("12 34").map(|n| n.value), Some(12.0));
    }

    #[test]
    fn separators_of_both_languages() {
        assert_eq!(value("1.200 Beschäftigte"), Some(1200.0));
        assert_eq!(value("1,500 staff"), Some(1500.0));
        assert_eq!(value("207.000 Menschen"), Some(207_000.0));
        assert_eq!(value("2,5 Millionen Beschäftigte"), Some(2_500_000.0));
        assert_eq!(value("3.2 million people"), Some(3_200_000.0));
        assert_eq!(value("1.234.567 Euro"), Some(1_234_567.0));
        assert_eq!(value("50 Mitarbeiter"), Some(50.0));
    }

    #[test]
    fn number_words() {
        assert_eq!(value("zwölf Mitarbeiter"), Some(12.0));
        assert_eq!(value("a dozen engineers"), Some(12.0));
        assert_eq!(value("Zwei Millionen"), Some(2_000_000.0));
        assert_eq!(value("elfenbein"), None);
        assert_eq!(value("Staff"), None);
    }

    #[test]
    fn length_covers_the_scale_word() {
        let n = parse_at("2,5 Millionen Beschäftigte").unwrap();
        assert_eq!(&"2,5 Millionen Beschäftigte"[..n.len], "2,5 Millionen");
        assert!(n.digits);
    }
}
