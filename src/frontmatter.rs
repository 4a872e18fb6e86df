//! Splits a Markdown file into its YAML front matter and its body, by byte ranges of the
//! file's text, so later diagnostics can point into either part.

use std::ops::Range;

/// The two parts of a file, as ranges of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the `---` fences; `None` when the file has no front matter.
    pub yaml: Option<Range<usize>>,
    /// Everything after the closing fence.
    pub body: Range<usize>,
}

/// Why a file's front matter could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// Range of the opening fence.
    pub opening: Range<usize>,
}

/// Splits `text` (LF line endings) at `---` fences. A file that does not start with a
/// fence has no front matter; one that opens a fence and never closes it is an error.
pub fn split(text: &str) -> Result<Split, Unclosed> {
    let Some(first) = text.split_inclusive('\n').next() else {
        return Ok(Split {
            yaml: None,
            body: 0..0,
        });
    };
    if !is_fence(first) {
        return Ok(Split {
            yaml: None,
            body: 0..text.len(),
        });
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if is_fence(line) {
            return Ok(Split {
                yaml: Some(yaml_start..offset),
                body: offset + line.len()..text.len(),
            });
        }
        offset += line.len();
    }
    Err(Unclosed {
        opening: 0..first.trim_end().len(),
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let t = "---\ntitle: A\n---\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.unwrap()], "title: A\n");
        assert_eq!(&t[s.body], "Body\n");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let t = "# Title\n---\n";
        let s = split(t).unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, 0..t.len());
    }

    #[test]
    fn empty_front_matter_and_empty_file() {
        let s = split("---\n---\n").unwrap();
        assert_eq!(s.yaml, Some(4..4));
        assert_eq!(split("").unwrap().body, 0..0);
    }

    #[test]
    fn unclosed_fence_is_an_error() {
        assert_eq!(split("---\ntitle: A\nbody").unwrap_err().opening, 0..3);
    }

    #[test]
    fn a_horizontal_rule_of_more_dashes_is_not_a_fence() {
        assert_eq!(split("----\nx\n").unwrap().yaml, None);
    }
}
