//! Names that become parts of URLs and paths: actor ids, note and page slugs, source
//! keys and tags. Owns what a valid one looks like and how free text becomes one.

/// True for `a-z`, `0-9` and inner `-`: the form of actor ids (and, with `_`, of slugs
/// and keys). Such a name can never leave its folder: no `.`, `/`, `\` or drive letter.
pub fn is_id(s: &str) -> bool {
    valid(s, false)
}

/// Like [`is_id`], also allowing `_` (note and page slugs, source keys).
pub fn is_slug(s: &str) -> bool {
    valid(s, true)
}

/// Names Windows reserves for devices, whatever the extension: a file or folder with such
/// a name cannot be created there, so no page may be given one.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// True for the names Windows reserves (`con`, `nul`, `com1`, ...).
pub fn is_reserved(s: &str) -> bool {
    RESERVED.contains(&s)
}

fn valid(s: &str, underscore: bool) -> bool {
    !is_reserved(s)
        && !s.is_empty()
        && s.len() <= 120
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || (underscore && b == b'_')
        })
}

/// Turns free text into an id: lowercase ASCII letters and digits joined by `-`, with
/// common Latin diacritics folded (`Erdoğan` -> `erdogan`).
pub fn slugify(text: &str) -> String {
    let mut slug = Slug::with_capacity(text.len());
    slug.push(text);
    slug.finish()
}

/// A slug written a piece at a time: [`slugify`] of the pieces written one after the
/// other, with [`Slug::space`] standing for text that parts words.
pub struct Slug {
    out: Vec<u8>,
    /// A `-` is owed before the next letter or digit.
    dash: bool,
}

impl Slug {
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            out: Vec::with_capacity(bytes),
            dash: false,
        }
    }

    /// Folds `text` onto the slug; a word that ends it goes on with the next piece.
    pub fn push(&mut self, text: &str) {
        // Runs of ASCII letters and digits are copied whole; any other character parts
        // words, unless `fold` makes letters of it.
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                self.word(&bytes[i..i + run]);
                i += run;
            } else if b.is_ascii() {
                self.dash = true;
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("a character starts here");
                match fold(c) {
                    "" => self.dash = true,
                    folded => self.word(folded.as_bytes()),
                }
                i += c.len_utf8();
            }
        }
    }

    /// Adds letters and digits to the word being written, lowercased.
    fn word(&mut self, run: &[u8]) {
        if self.dash && !self.out.is_empty() {
            self.out.push(b'-');
        }
        self.dash = false;
        self.out.extend(run.iter().map(u8::to_ascii_lowercase));
    }

    /// Ends the word being written, as a space would.
    pub fn space(&mut self) {
        self.dash = true;
    }

    pub fn finish(self) -> String {
        String::from_utf8(self.out).expect("only ASCII is kept")
    }
}

/// The ASCII letters a Latin letter with a diacritic folds to; empty for any other
/// character.
fn fold(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            "a"
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
            "o"
        }
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_path_parts() {
        assert!(is_id("erdogan"));
        assert!(is_id("coalition-of-the-willing"));
        for bad in [
            "", "..", "../x", "a/b", "C:", "Erdogan", "a b", "-a", "a_b", "erdoğan", "con", "lpt1",
        ] {
            assert!(!is_id(bad), "{bad}");
        }
        assert!(is_slug("a_b"));
    }

    #[test]
    fn slugify_folds_and_joins() {
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slugify("  Black Sea / grain "), "black-sea-grain");
        assert_eq!(slugify("Türkiye"), "turkiye");
        assert_eq!(slugify("!!!"), "");
        // Other characters separate words, as punctuation does.
        assert_eq!(slugify("Kyiv—Moscow talks"), "kyiv-moscow-talks");
        assert_eq!(slugify("«Ankara»"), "ankara");
        assert_eq!(slugify("Straße"), "strasse");
    }

    #[test]
    fn a_slug_written_in_pieces_is_the_slug_of_the_whole() {
        let mut slug = Slug::with_capacity(0);
        // A word split across pieces stays one word; `space` parts words.
        for piece in ["Recep Tay", "yip", " Erdoğan,"] {
            slug.push(piece);
        }
        slug.space();
        slug.push("met");
        slug.space();
        assert_eq!(slug.finish(), slugify("Recep Tayyip Erdoğan, met"));
    }
}
