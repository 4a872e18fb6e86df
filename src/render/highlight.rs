//! Syntax highlighting of fenced code blocks with syntect, emitted as `hl-` CSS classes
//! so the theme's stylesheet sets the colours (light and dark alike). The syntax set is
//! loaded once, and only when a block names a language.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `code` highlighted as `lang`, as a complete `<pre>` element; `None` when syntect does
/// not know the language (the block is then rendered as plain Markdown would).
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    let lang = super::html::escape(lang);
    Some(format!(
        "<pre class=\"highlight\"><code class=\"language-{lang}\">{}</code></pre>\n",
        generator.finalize()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.starts_with("<pre class=\"highlight\"><code class=\"language-rust\">"));
        assert!(
            html.contains("hl-keyword") || html.contains("hl-storage"),
            "{html}"
        );
    }

    #[test]
    fn unknown_language_is_left_to_markdown() {
        assert!(highlight("x", "no-such-language").is_none());
    }
}
