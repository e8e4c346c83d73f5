//! The model's JSON form, the typed builder's run orders, and all violations at once.

use crate::support::streams;

use vsm::builder::{approval, cloudformation, connection, mock};
use vsm::kinds::{CfnActionMode, GitProvider};
use vsm::model::Stream;
use vsm::time::mins;
use vsm::{ValidationErrors, ValueStream};

#[test]
fn json_round_trip_keeps_the_stream() {
    for stream in [
        streams::mock_pipeline(),
        streams::delivery_pipeline(),
        streams::largest(),
    ] {
        let json = serde_json::to_string_pretty(&stream).unwrap();
        let back: ValueStream = serde_json::from_str(&json).unwrap();
        assert_eq!(back, stream);
    }
}

#[test]
fn documented_json_example_is_a_valid_stream() {
    let doc = include_str!("../../docs/json-form.md");
    let start = doc.rfind("```json\n").expect("a json block") + 8;
    let end = start + doc[start..].find("```").unwrap();
    let stream: ValueStream = serde_json::from_str(&doc[start..end]).unwrap();
    assert_eq!(stream.stages[1].actions[2].run_order, 2);
    assert_eq!(
        stream.stages[0].actions[0].annotations.wait_time,
        Some(std::time::Duration::from_secs(4 * 3600))
    );
    // Every example in the page is a valid stream.
    for block in doc.split("```json\n").skip(1) {
        let json = &block[..block.find("```").unwrap()];
        if let Err(e) = serde_json::from_str::<ValueStream>(json) {
            panic!("a JSON example in docs/json-form.md is not a valid stream: {e}\n{json}");
        }
    }
}

#[test]
fn invalid_json_stream_is_refused_with_every_violation() {
    let json = r#"{"name": "bad name", "stages": [{"name": "Only", "actions": [{"name": "M", "kind": {"type": "mock"}}]}]}"#;
    let err = serde_json::from_str::<ValueStream>(json)
        .unwrap_err()
        .to_string();
    for rule in ["CP-STRUCT-5", "CP-STRUCT-7", "CP-NAME-1"] {
        assert!(err.contains(rule), "{rule} missing from {err}");
    }
    let unknown = r#"{"name": "p", "stages": [], "colour": "red"}"#;
    assert!(serde_json::from_str::<Stream>(unknown)
        .unwrap_err()
        .to_string()
        .contains("colour"));
    let bad_time = r#"{"name":"p","stages":[{"name":"S","actions":[{"name":"A","kind":{"type":"mock"},"annotations":{"wait":"3 weeks"}}]}]}"#;
    assert!(serde_json::from_str::<Stream>(bad_time)
        .unwrap_err()
        .to_string()
        .contains("invalid duration"));
}

fn ten_mistakes() -> ValidationErrors {
    ValueStream::builder("shop")
        .source("Source", |s| {
            s.action(
                connection("App", GitProvider::GitHub, "acme/shop", "main").outputs(["Src.zip"]),
            )
        })
        .stage("Build stage", |s| {
            s.action(mock("Compile").inputs(["Nothing"]))
                .action(mock("Compile"))
                .action(mock("Package").inputs(["Later"]))
                .then()
                .action(mock("Publish").outputs(["Later"]).namespace("codepipeline"))
                .action(mock("Scan").run_order(1000).ca(120.0))
        })
        .stage("Release", |s| {
            s.action(approval("QA").timeout(mins(1))).action(
                cloudformation("Plan", "shop")
                    .mode(CfnActionMode::ChangeSetReplace)
                    .template("Later::t.yaml"),
            )
        })
        .build()
        .unwrap_err()
}

#[test]
fn ten_mistakes_give_ten_violations_in_one_build() {
    let err = ten_mistakes();
    let mut rules = err.rule_ids();
    assert_eq!(err.len(), 10, "{err}");
    rules.sort_unstable();
    assert_eq!(
        rules,
        [
            "CP-CONF-4",
            "CP-NAME-10",
            "CP-NAME-13",
            "CP-NAME-2",
            "CP-NAME-4",
            "CP-ORDER-1",
            "CP-ORDER-3",
            "CP-ORDER-4",
            "CP-QUOTA-7",
            "VSM-ANN-1"
        ]
    );
    assert!(err.errors().all(|v| !v.hint.is_empty()));
}

#[test]
fn violations_read_as_rule_place_message_and_hint() {
    let text = ten_mistakes().to_string();
    assert!(text.starts_with("the value stream is invalid: 10 error(s), 0 warning(s)"));
    assert!(text.contains(
        "error[CP-NAME-10] stage \"Build stage\" / action \"Compile\": action name \"Compile\" is used twice in this stage\n  note: stage \"Build stage\" / action \"Compile\": first defined here\n  hint: "
    ), "{text}");
    assert!(text.contains("error[CP-ORDER-3] stage \"Build stage\" / action \"Package\" / input #1: input artifact \"Later\" is consumed before it is produced"));
    let e: Box<dyn std::error::Error> = Box::new(ten_mistakes());
    assert!(e.to_string().contains("CP-QUOTA-7"));
}

#[test]
fn enforced_rules_table_is_up_to_date() {
    let mut table = String::from(
        "# Enforced rules\n\nGenerated from `vsm_dsl::rules::enforced()` by `tests/model.rs` (run with `VSM_BLESS=1` to\nrewrite). Ids are those of the rule catalogue. `C`: checked from literals, so the `stream!`\nmacro reports it at compile time too; `B`: needs the emitted template, emit options or today's date.\n\n| id | when | rule |\n|---|---|---|\n",
    );
    for r in vsm::rules::enforced() {
        table.push_str(&format!(
            "| {} | {} | {} |\n",
            r.id(),
            r.when().letter(),
            r.summary().replace('|', "\\|")
        ));
    }
    // The cfn-lint differential after this table is generated by `scripts/prove`
    // (tests/rules.rs) and kept as it is.
    let marker = "<!-- cfn-lint differential";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let doc = std::fs::read_to_string(path).unwrap_or_default();
    let (head, differential) = match doc.find(marker) {
        Some(at) => doc.split_at(at),
        None => (doc.as_str(), ""),
    };
    if std::env::var_os("VSM_BLESS").is_some() {
        let rest = if differential.is_empty() {
            String::new()
        } else {
            format!("\n{differential}")
        };
        std::fs::write(path, format!("{table}{rest}")).unwrap();
    } else {
        assert_eq!(
            head.trim_end(),
            table.trim_end(),
            "docs/rules.md is stale: rerun with VSM_BLESS=1"
        );
    }
}
