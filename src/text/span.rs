//! Byte offsets (what Rust strings use) to character offsets (what NIF uses).

/// Converts byte offsets of one text to Unicode scalar (character) offsets
/// in O(log n), so mapping hundreds of facts does not rescan the text.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every multi-byte character and the number of bytes
    /// saved before it (bytes minus characters up to and including it).
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0;
        if !text.is_ascii() {
            for (at, c) in text.char_indices() {
                let width = c.len_utf8();
                if width > 1 {
                    extra += width - 1;
                    wide.push((at, extra));
                }
            }
        }
        Self {
            wide,
            len: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (clamped to the text; a
    /// byte inside a character maps to that character's start).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let before = self.wide.partition_point(|&(at, _)| at < byte);
        let extra = before.checked_sub(1).map_or(0, |i| self.wide[i].1);
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let text = "Größe: 50 Mitarbeiter in München 🙂 ok";
        let index = CharIndex::new(text);
        for (byte, _) in text.char_indices() {
            assert_eq!(index.char_offset(byte), text[..byte].chars().count());
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let index = CharIndex::new("plain text");
        assert_eq!(index.char_offset(5), 5);
        assert_eq!(index.char_offset(99), 10);
    }
}
