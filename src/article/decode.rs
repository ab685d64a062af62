//! Bytes to text: UTF-8, UTF-16 with a byte order mark, or Windows-1252 for
//! the older German sites and Word exports that are not UTF-8.

pub(crate) const NOT_UTF8: &str = "not UTF-8, decoded as Windows-1252";
pub(crate) const BINARY: &str = "binary file, not an article";

/// How far a NUL byte is looked for; text files never contain one, and the
/// first few KiB are enough to recognise images, PDFs and archives.
const NUL_WINDOW: usize = 8 * 1024;

#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Decodes a whole article and normalises line ends to `\n`.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, &mut warnings)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, &mut warnings)?,
        _ => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            if looks_binary(bytes) {
                return Err(BINARY.to_string());
            }
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    warnings.push(NOT_UTF8.to_string());
                    lenient(bytes)
                }
            }
        }
    };
    Ok(Decoded {
        text: normalize_newlines(text),
        warnings,
    })
}

/// A NUL byte early on, or more than 10% control bytes other than the usual
/// white space, means the file is not text in any single-byte encoding.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let window = &bytes[..bytes.len().min(NUL_WINDOW)];
    if window.contains(&0) {
        return true;
    }
    let controls = bytes
        .iter()
        .filter(|&&b| is_odd_control(u32::from(b)))
        .count();
    controls * 10 > bytes.len()
}

fn is_odd_control(c: u32) -> bool {
    (c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D)) || c == 0x7F
}

fn utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    warnings: &mut Vec<String>,
) -> Result<String, String> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut bad = 0usize;
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            bad += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if bytes.len() % 2 == 1 {
        warnings.push("UTF-16 input has an odd number of bytes, last byte dropped".to_string());
    }
    if bad > 0 {
        warnings.push(format!(
            "{bad} invalid UTF-16 sequence(s) replaced with U+FFFD"
        ));
    }
    let head: Vec<u32> = text.chars().take(NUL_WINDOW).map(u32::from).collect();
    let controls = text
        .chars()
        .filter(|&c| is_odd_control(u32::from(c)))
        .count();
    if head.contains(&0) || controls * 10 > text.chars().count() {
        return Err(BINARY.to_string());
    }
    Ok(text)
}

/// Valid UTF-8 runs stay as they are and only the invalid bytes are read as
/// Windows-1252: a Windows-1252 file comes out the same as decoding it whole,
/// and a mostly-UTF-8 file with a few stray bytes keeps its umlauts.
pub(crate) fn lenient(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.extend(chunk.invalid().iter().map(|&b| cp1252(b)));
    }
    out
}

/// One Windows-1252 byte as a character; its 0x80–0x9F range differs from
/// Latin-1, and the five unassigned bytes become U+FFFD.
pub(crate) fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{FFFD}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{FFFD}',
        '\u{017D}', '\u{FFFD}', '\u{FFFD}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{FFFD}', '\u{017E}', '\u{0178}',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes).expect("decodes").text
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("Grüße aus Köln".as_bytes()), "Grüße aus Köln");
        let d = decode(b"\xEF\xBB\xBFHello").expect("decodes");
        assert_eq!(d.text, "Hello");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_both_byte_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Bär\r\nNacht".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(text(&le), "Bär\nNacht");
        assert_eq!(text(&be), "Bär\nNacht");
        le.push(0x41);
        let d = decode(&le).expect("decodes");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn windows_1252_fallback_with_warning() {
        let d = decode(b"\x84Gr\xFC\xDFe\x93 kosten 5 \x80 \x96 sagt er\x85").expect("decodes");
        assert_eq!(d.text, "„Grüße“ kosten 5 € – sagt er…");
        assert_eq!(d.warnings, vec![NOT_UTF8.to_string()]);
        assert_eq!(lenient(b"\x81\x8D\x8F\x90\x9D"), "\u{FFFD}".repeat(5));
        assert_eq!(
            lenient(b"\x8A\x8C\x8E\x9A\x9C\x9E\x9F\x83\x88\x98\x99\x89"),
            "ŠŒŽšœžŸƒˆ˜™‰"
        );
    }

    #[test]
    fn mostly_utf8_keeps_its_umlauts() {
        let mut bytes = "Grüße ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\x96 ok");
        assert_eq!(lenient(&bytes), "Grüße – ok");
    }

    #[test]
    fn binary_is_rejected() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            BINARY
        );
        assert_eq!(decode(&[0x01, 0x02, 0x03, b'a', b'b']).unwrap_err(), BINARY);
        assert!(!looks_binary(b"tab\tform\x0cfeed\r\n"));
        let mut utf16_binary = vec![0xFF, 0xFE];
        utf16_binary.extend_from_slice(&[0, 0, 1, 0]);
        assert_eq!(decode(&utf16_binary).unwrap_err(), BINARY);
    }

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(text(b"a\r\nb\rc\n\rd\r"), "a\nb\nc\n\nd\n");
    }
}
