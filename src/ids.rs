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
    /// The slug so far. A `-` is written as soon as a word ends (unless one ends it
    /// already), so that each byte is written by the same few steps; one that ends the
    /// slug is dropped by [`Slug::finish`].
    out: Vec<u8>,
}

impl Slug {
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            out: Vec::with_capacity(bytes),
        }
    }

    /// Folds `text` onto the slug; a word that ends it goes on with the next piece.
    pub fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return self.push_ascii(bytes);
        }
        let mut i = 0;
        while i < bytes.len() {
            let ascii = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes.len() - i);
            self.push_ascii(&bytes[i..i + ascii]);
            i += ascii;
            if let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
                match fold(c) {
                    "" => self.space(),
                    folded => self.push_ascii(folded.as_bytes()),
                }
                i += c.len_utf8();
            }
        }
    }

    /// [`Slug::push`] of ASCII text: each byte becomes itself lowercased or a `-`, and
    /// the `-` is kept unless the slug is empty or ends with one. Written without a
    /// branch on the kind of byte, which the mix of letters and spaces makes
    /// unpredictable.
    fn push_ascii(&mut self, bytes: &[u8]) {
        let base = self.out.len();
        self.out.resize(base + bytes.len(), 0);
        let out = &mut self.out[..];
        let mut last = if base == 0 { b'-' } else { out[base - 1] };
        let mut pos = base;
        for &b in bytes {
            let c = FOLD[usize::from(b)];
            out[pos] = c;
            pos += usize::from(c != b'-' || last != b'-');
            last = c;
        }
        self.out.truncate(pos);
    }

    /// Ends the word being written, as a space would.
    pub fn space(&mut self) {
        if self.out.last().is_some_and(|&b| b != b'-') {
            self.out.push(b'-');
        }
    }

    pub fn finish(mut self) -> String {
        if self.out.last() == Some(&b'-') {
            self.out.pop();
        }
        String::from_utf8(self.out).expect("only ASCII is kept")
    }
}

/// What [`Slug::push`] makes of each ASCII byte: letters and digits lowercased, anything
/// else `-`.
const FOLD: [u8; 256] = {
    let mut table = [b'-'; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

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

    /// The slug of `text` character by character: what [`Slug`] does a run at a time.
    fn slug_by_chars(text: &str) -> String {
        let spaced: String = text
            .chars()
            .map(|c| match c {
                c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
                c if c.is_ascii() => " ".to_string(),
                c => match fold(c) {
                    "" => " ".to_string(),
                    folded => folded.to_string(),
                },
            })
            .collect();
        spaced.split_whitespace().collect::<Vec<_>>().join("-")
    }

    proptest::proptest! {
        #[test]
        fn a_slug_of_pieces_is_the_slug_of_their_text_by_characters(
            pieces in proptest::collection::vec(
                ("[a-zA-Z0-9 .,;:!?'\\-]{0,12}|[a-zğßéİÖ—« ]{0,6}", proptest::bool::ANY),
                0..8,
            )
        ) {
            let mut slug = Slug::with_capacity(0);
            let mut text = String::new();
            for (piece, space) in &pieces {
                slug.push(piece);
                text.push_str(piece);
                if *space {
                    slug.space();
                    text.push(' ');
                }
            }
            proptest::prop_assert_eq!(slug.finish(), slug_by_chars(&text));
        }
    }
}
