//! Fuzzes the annotation adapters: any text must annotate without a panic, and every
//! annotation must point inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let ann = briefing::annotate::annotate(&std::sync::Arc::new(text.to_string()), 0);
    for m in &ann.mentions {
        assert!(m.span.range().end <= text.len());
    }
    for c in &ann.citations {
        assert!(c.span.range().end <= text.len());
    }
    for e in &ann.events {
        assert!(e.span.end <= text.len() && e.text.end <= ann.nodes.len());
    }
});
