//! Reading templates: every template of the test suite (vsm's own, the large fixture and the
//! third-party pipelines) reads and writes back the same JSON value.

use crate::support::fixture as shared;
use crate::support::streams;
use crate::support::Emit;

use serde_json::Value;
use std::path::{Path, PathBuf};
use vsm::cfn::{Document, Format, Properties, Template};
use vsm::emit::EmitOptions;
use vsm::ValueStream;

/// Reads a template and checks that writing it gives the value read, and that the written
/// JSON reads back into the same template.
fn round_trip(name: &str, text: &str) -> Document {
    let doc = Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let read = doc.source.to_value();
    assert_eq!(
        doc.template.to_value(),
        read,
        "{name}: written value differs"
    );
    if doc.format == Format::Json {
        let oracle: Value = serde_json::from_str(text).unwrap();
        assert_eq!(read, oracle, "{name}: not the value serde_json reads");
    }
    let again: Template = doc.template.to_json_pretty().parse().unwrap();
    assert_eq!(
        again, doc.template,
        "{name}: written JSON reads differently"
    );
    doc
}

fn vsm_templates() -> Vec<(String, Template)> {
    let mock = streams::mock_pipeline();
    let prefixed = EmitOptions {
        logical_id_prefix: "Checkout".into(),
        today: Some(crate::support::TEST_DAY),
        ..EmitOptions::default()
    };
    let streams: [(&str, ValueStream); 3] = [
        ("delivery_pipeline", streams::delivery_pipeline()),
        ("largest", streams::largest()),
        ("mock_pipeline", mock.clone()),
    ];
    let mut out: Vec<(String, Template)> = streams
        .into_iter()
        .map(|(n, s)| (n.to_owned(), s.template()))
        .collect();
    out.push((
        "mock_pipeline prefixed".into(),
        mock.to_cloudformation_with(&prefixed).unwrap(),
    ));
    out
}

#[test]
fn vsm_templates_read_back_typed_and_unchanged() {
    for (name, t) in vsm_templates() {
        for text in [t.to_json_pretty(), t.to_json_compact()] {
            let doc = round_trip(&name, &text);
            assert_eq!(doc.template, t, "{name}: reads back a different template");
            for (id, r) in &doc.template.resources {
                assert!(
                    !matches!(r.properties, Properties::Other { .. }),
                    "{name}: {id} is not typed"
                );
            }
        }
    }
}

/// The YAML `synth --format yaml` writes reads back as the JSON template.
#[test]
fn vsm_yaml_templates_read_back_unchanged() {
    for (name, t) in vsm_templates() {
        let yaml = serde_saphyr::to_string(&t).unwrap();
        let doc = round_trip(&name, &yaml);
        assert_eq!(doc.format, Format::Yaml);
        assert_eq!(
            doc.template, t,
            "{name}: YAML reads back a different template"
        );
    }
}

#[test]
fn snapshot_templates_read_back_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("it__emit__") || !name.ends_with("_template.snap") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // An insta snapshot: a `---` header, then the template.
        let body = text.splitn(3, "---\n").nth(2).unwrap();
        round_trip(&name, body);
        read += 1;
    }
    assert!(read >= 2, "found {read} template snapshots");
}

#[test]
fn shared_templates_read_back_unchanged() {
    let Some(large) = shared("large-190.template.json") else {
        return;
    };
    let doc = round_trip("large-190", &std::fs::read_to_string(large).unwrap());
    assert!(doc.template.resources.contains_key("Pipeline"));
    let Some(dir) = shared("third-party") else {
        return;
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = round_trip(&name, &std::fs::read_to_string(&path).unwrap());
        let pipelines = doc
            .template
            .resources
            .values()
            .filter(|r| r.type_name() == "AWS::CodePipeline::Pipeline")
            .count();
        assert!(pipelines >= 1, "{name}: no pipeline read");
    }
}
