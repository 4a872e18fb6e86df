//! `briefing` turns a folder of annotated Markdown notes into a cross-linked static site.
//!
//! The pipeline is a chain of stages over plain data, each a module:
//! [`load`] (files -> typed front matter) -> [`annotate`] (Markdown -> nodes and
//! annotations) -> [`resolve`] (the cross-reference graph) -> [`render`] (pages) ->
//! [`write`] (the output folder, replaced atomically).

pub mod annotate;
pub mod date;
pub mod diagnostics;
pub mod frontmatter;
pub mod load;
mod yaml;
