//! The template reader on any text: never a panic; JSON read as serde_json reads it; a template
//! that reads writes back the value read, and that JSON reads back into the same template.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use vsm_dsl::cfn::source::{parse_json, parse_yaml, Node};
use vsm_dsl::cfn::{Document, Template};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let json = parse_json(text);
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match (&json, serde_json::from_str::<Value>(body)) {
        (Ok(node), Ok(value)) => assert_eq!(node.to_value(), value, "JSON read differently"),
        (Err(_), Err(_)) => {}
        (ours, theirs) => panic!("JSON readers disagree: {ours:?} / {theirs:?}"),
    }
    for node in [json.ok(), parse_yaml(text).ok()].into_iter().flatten() {
        check(&node);
    }
    if let Ok(doc) = Document::parse(text) {
        check(&doc.source);
    }
});

/// A tree that reads as a template writes back unchanged.
fn check(node: &Node) {
    let Ok(template) = Template::from_node(node) else {
        return;
    };
    assert_eq!(
        template.to_value(),
        node.to_value(),
        "written value differs"
    );
    let again: Template = template
        .to_json_compact()
        .parse()
        .expect("written JSON reads");
    assert_eq!(again, template, "written JSON reads differently");
}
