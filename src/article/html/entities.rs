//! Character references: numeric ones and the named ones German and English
//! news pages actually use. Unknown names stay as written.

use std::borrow::Cow;

use crate::article::decode::cp1252;

/// Longest name looked up; longer runs cannot be a reference we know.
const MAX_NAME: usize = 10;

pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((decoded, used)) => {
                out.extend(decoded);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the reference after a `&`; returns its character (none for soft
/// hyphens and joiners) and how many bytes it used.
fn reference(after: &str) -> Option<(Option<char>, usize)> {
    if let Some(num) = after.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let semicolon = usize::from(digits[len..].starts_with(';'));
        // Beyond eight digits the value is out of range anyway.
        let value = if len > 8 {
            u32::MAX
        } else {
            u32::from_str_radix(&digits[..len], radix).ok()?
        };
        return Some((Some(numeric(value)), skip + len + semicolon));
    }
    let len = after
        .bytes()
        .take(MAX_NAME + 1)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if len == 0 || len > MAX_NAME || !after[len..].starts_with(';') {
        return None;
    }
    named(&after[..len]).map(|d| (d, len + 1))
}

/// Browsers read 128–159 as Windows-1252, which old CMS output relies on
/// (`&#150;` for a dash); NUL, surrogates and out-of-range values are invalid.
fn numeric(value: u32) -> char {
    match value {
        0x80..=0x9F => cp1252(value as u8),
        0 => char::REPLACEMENT_CHARACTER,
        _ => char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

fn named(name: &str) -> Option<Option<char>> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "shy" | "zwnj" | "zwj" | "lrm" | "rlm" => return Some(None),
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "ntilde" => 'ñ',
        "oslash" => 'ø',
        "aring" => 'å',
        "aelig" => 'æ',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "euro" => '€',
        "pound" => '£',
        "cent" => '¢',
        "yen" => '¥',
        "sect" => '§',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "para" => '¶',
        "dagger" => '†',
        "ordm" => 'º',
        "ordf" => 'ª',
        "iexcl" => '¡',
        "iquest" => '¿',
        _ => return None,
    };
    Some(Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_references() {
        assert_eq!(decode_entities("K&#246;ln &#xE4;&#XC4; &#228"), "Köln äÄ ä");
        assert_eq!(
            decode_entities("&#0;&#xD800;&#1114112;&#99999999999;"),
            "\u{FFFD}".repeat(4)
        );
        assert_eq!(decode_entities("a &#150; b &#128;"), "a – b €");
        assert_eq!(decode_entities("&#; &#x;"), "&#; &#x;");
    }

    #[test]
    fn named_references() {
        assert_eq!(
            decode_entities(
                "&bdquo;Gr&uuml;&szlig;e&ldquo; &amp; &lt;b&gt; 5&nbsp;&euro; Bundes&shy;tag"
            ),
            "„Grüße“ & <b> 5 € Bundestag"
        );
        assert_eq!(
            decode_entities("AT&T &unknown; &amp x &Auml;"),
            "AT&T &unknown; &amp x Ä"
        );
        assert!(matches!(decode_entities("kein Verweis"), Cow::Borrowed(_)));
    }

    #[test]
    fn ends_and_multibyte_neighbours() {
        assert_eq!(decode_entities("ü&"), "ü&");
        assert_eq!(decode_entities("&ü;"), "&ü;");
        assert_eq!(decode_entities("&#x1F600;!"), "😀!");
    }
}
