//! Every action kind against the rule catalogue, and with an example stream whose template is
//! snapshotted and written to `target/kind-templates/` for cfn-lint and checkov
//! (`scripts/test` lints them).

use crate::support::kind_examples;

use vsm::emit::EmitOptions;
use vsm::kinds::KINDS;
use vsm::rules::other_type;

#[test]
fn every_kind_has_an_example_whose_template_is_stable() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/kind-templates");
    std::fs::create_dir_all(dir).unwrap();
    for k in KINDS {
        let stream = kind_examples::example(k.keyword).unwrap_or_else(|| {
            panic!(
                "kind {} has no example in tests/it/support/kind_examples.rs",
                k.keyword
            )
        });
        assert!(
            stream.actions().any(|(_, a)| a.kind.keyword() == k.keyword),
            "the example of {} does not use it",
            k.keyword
        );
        // The day is fixed: the runtime lifecycle rules must not make this test depend on it.
        let options = EmitOptions {
            today: Some(crate::support::TEST_DAY),
            ..EmitOptions::default()
        };
        let emitted = stream.emit(&options).unwrap();
        let json = emitted.template.to_json_pretty();
        insta::assert_snapshot!(format!("kind_{}", k.keyword), json);
        std::fs::write(format!("{dir}/{}.json", k.keyword), json).unwrap();
    }
}

#[test]
fn kind_artifact_counts_are_the_catalogue_matrix() {
    for k in KINDS {
        let Some(declared) = k.artifacts else {
            continue;
        };
        for t in k.types {
            let row = other_type(t).unwrap_or_else(|| panic!("{t} has no catalogue row"));
            assert_eq!(
                (row.inputs, row.outputs),
                (declared.inputs, declared.outputs),
                "{} ({t}) disagrees with {}",
                k.keyword,
                row.row
            );
        }
        assert!(k
            .types
            .iter()
            .any(|t| other_type(t).map(|r| r.row) == Some(declared.row)));
    }
}

#[test]
fn kind_properties_do_not_shadow_the_keys_every_action_has() {
    let common = [
        "inputs",
        "outputs",
        "namespace",
        "process",
        "wait",
        "ca",
        "run_order",
        "name",
    ];
    for k in KINDS {
        for p in k.props {
            assert!(
                !common.contains(&p.key),
                "{}.{} shadows a key every action has",
                k.keyword,
                p.key
            );
        }
    }
}
