//! The JSON form reader (`--stream FILE`): any text either reads as a stream or is refused with
//! an error; nothing panics. What reads is checked by every rule and drawn; what passes the
//! rules turns into a template.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vsm::model::Stream;
use vsm::{render, rules, ValueStream, Violation};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = serde_json::from_str::<ValueStream>(text);
    let Ok(stream) = serde_json::from_str::<Stream>(text) else {
        assert!(
            checked.is_err(),
            "a checked stream from text that is not a stream"
        );
        return;
    };
    // Reading the checked form is reading the model, then every rule.
    let violations = rules::check(&stream);
    let valid = !violations.iter().any(Violation::is_error);
    assert_eq!(
        checked.is_ok(),
        valid,
        "the checked form disagrees with the rules"
    );
    for violation in &violations {
        let _ = violation.to_string();
    }
    let _ = render::mermaid(&stream);
    let _ = render::dot(&stream);
    if let Ok(stream) = checked {
        let template = stream.to_cloudformation();
        let _ = template.to_json_compact();
        let _ = render::svg(&stream);
    }
});
