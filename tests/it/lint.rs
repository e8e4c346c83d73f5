//! `vsm lint`: findings placed at `file:line:column`, three formats, exit codes, several files;
//! nothing on vsm's own templates and no false finding on the shared third-party templates.

use crate::support::streams;
use crate::support::Emit;
use crate::support::{fixture as shared, run as vsm};

use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

const BROKEN: &str = "\
Parameters:
  Env: {Type: String}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    DependsOn: Topic
    Properties:
      BucketName: !Sub '${Envv}-bucket'
Outputs:
  Name:
    Value: !Ref Bucket
";

const BROKEN_JSON: &str = r#"{
  "Resources": {
    "Topic": {"Type": "AWS::SNS::Topic", "Condition": "IsProd"}
  }
}"#;

struct Files(TempDir);

impl Files {
    fn new() -> Self {
        Self(TempDir::new().unwrap())
    }

    fn write(&self, name: &str, content: &str) -> String {
        let path = self.0.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }
}

#[test]
fn text_findings_exit_codes_and_several_files() {
    let files = Files::new();
    let yaml = files.write("broken.yaml", BROKEN);
    let json = files.write("broken.json", BROKEN_JSON);
    let clean = files.write(
        "clean.json",
        &streams::mock_pipeline().template().to_json_pretty(),
    );
    let out = vsm(&["lint", &yaml, &json, &clean]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{yaml}:6:16: CFN-TPL-11 DependsOn Topic: no resource Topic (name a resource of this template)"),
            format!("{yaml}:8:24: CFN-TPL-10 Fn::Sub ${{Envv}}: no parameter or resource Envv (did you mean Env? otherwise declare it, or write ${{!Literal}} for literal text)"),
            format!("{json}:3:55: CFN-TPL-10 no condition IsProd (declare it under Conditions)"),
        ]
    );
    assert_eq!(out.stderr, "3 findings in 3 templates\n");

    let out = vsm(&["lint", &clean]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);

    // An unreadable template: the others are still reported, and the exit code is 2.
    let bad = files.write("bad.yaml", "Resources:\n  A: [\n");
    let out = vsm(&["lint", &bad, &json]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(
        out.stderr.contains(&format!(
            "error: {bad}:2:6: not valid YAML: unclosed bracket"
        )),
        "{}",
        out.stderr
    );
    let out = vsm(&["lint"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn json_report() {
    let files = Files::new();
    let yaml = files.write("broken.yaml", BROKEN);
    let out = vsm(&["lint", "--format", "json", &yaml]);
    assert_eq!(out.code, 1);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["errors"], 2);
    assert_eq!(report["warnings"], 0);
    let first = &report["findings"][0];
    assert_eq!(first["file"], yaml.as_str());
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(6), Some(16))
    );
    assert_eq!(first["rule"], "CFN-TPL-11");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["path"], "Resources/Bucket/DependsOn");
}

/// The SARIF log has what GitHub code scanning requires; with `VSM_SARIF_SCHEMA` (set by
/// `scripts/test`) it is also validated against the SARIF 2.1.0 JSON schema.
#[test]
fn sarif_report_for_code_scanning() {
    let files = Files::new();
    let yaml = files.write("broken.yaml", BROKEN);
    let json = files.write("broken.json", BROKEN_JSON);
    let sarif = files.0.path().join("vsm.sarif");
    let out = vsm(&[
        "lint",
        "--format",
        "sarif",
        "-o",
        sarif.to_str().unwrap(),
        &yaml,
        &json,
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = std::fs::read_to_string(&sarif).unwrap();
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "vsm");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        let location = &r["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with(".yaml")
                || location["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .ends_with(".json")
        );
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    if let Ok(schema) = std::env::var("VSM_SARIF_SCHEMA") {
        validate(Path::new(&schema), &sarif);
    }
}

/// Validates a SARIF file with the Python `jsonschema` package of the lint venv.
fn validate(schema: &Path, sarif: &Path) {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/lint-venv/bin/python");
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  jsonschema.validate(json.load(open(sys.argv[2])), schema, \
                  cls=jsonschema.validators.validator_for(schema))\n";
    let out = std::process::Command::new(&python)
        .args(["-c", script])
        .arg(schema)
        .arg(sarif)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", python.display()));
    assert!(
        out.status.success(),
        "not valid SARIF 2.1.0: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn vsm_templates_have_no_findings() {
    let files = Files::new();
    let mut args = vec!["lint".to_owned()];
    for (name, stream) in [
        ("mock", streams::mock_pipeline()),
        ("delivery", streams::delivery_pipeline()),
        ("largest", streams::largest()),
    ] {
        let t = stream.template();
        args.push(files.write(&format!("{name}.json"), &t.to_json_pretty()));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vsm(&args);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
}

/// Every finding on the shared templates, checked by hand: the ECS blue/green sample refers to
/// `AWS::REGION` twice; pseudo parameters are case-sensitive (`AWS::Region`), and cfn-lint
/// reports the same two references (E1020). Two templates take their source from GitHub
/// through the version 1 action and its OAuth token, which AWS no longer recommends (CP-SEC-4,
/// a warning).
#[test]
fn shared_templates_have_only_true_findings() {
    let (Some(large), Some(dir)) = (shared("large-190.template.json"), shared("third-party"))
    else {
        return;
    };
    let mut paths = vec![large.display().to_string()];
    let mut third: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .map(|p| p.display().to_string())
        .collect();
    third.sort();
    paths.extend(third);
    let mut args = vec!["lint", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let out = vsm(&args);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), paths.len());
    let found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_string_lossy();
            (
                name.into_owned(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let blue_green = "aws-samples__ecs-blue-green-deployment-with-codedeploy__code-pipeline.yaml";
    let region = "Ref AWS::REGION: no parameter or resource AWS::REGION".to_owned();
    let github_v1 = |action: &str| {
        format!("stage \"Source\" / action \"{action}\": the GitHub version 1 source uses an OAuth token, which AWS no longer recommends")
    };
    assert_eq!(
        found,
        [
            (blue_green.to_owned(), 294, region.clone()),
            (blue_green.to_owned(), 344, region),
            (
                "awslabs__ecs-refarch-continuous-deployment__deployment-pipeline.yaml".to_owned(),
                160,
                github_v1("App")
            ),
            (
                "symphoniacloud__multi-region-codepipeline__pipeline.yaml".to_owned(),
                84,
                github_v1("Source")
            ),
        ]
    );
    assert_eq!(out.code, 1);
}

/// A valid pipeline written by hand, and the mistakes cfn-lint misses planted in it one at a
/// time: each is reported with its rule id at the place it is written.
#[test]
fn planted_pipeline_mistakes_are_reported_with_their_rule() {
    let base = include_str!("../fixtures/lint-pipeline.yaml");
    let files = Files::new();
    let mut gates = base.to_owned();
    for i in 0..49 {
        gates.push_str(&format!(
            "        - Name: Gate{i}\n          Actions: [{{Name: Ok, ActionTypeId: {{Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}}}}]\n"
        ));
    }
    type Case<'a> = (&'a str, String, &'a [(&'a str, u64)]);
    let cases: [Case; 7] = [
        ("valid", base.to_owned(), &[]),
        ("dot", base.replace("Name: Out}", "Name: Out.zip}"), &[("CP-NAME-4", 27), ("CP-NAME-4", 32)]),
        ("stages", gates, &[("CP-QUOTA-1", 130)]),
        ("parallel", base.replace("RunOrder: 2", "RunOrder: 1"), &[("CP-ORDER-3", 32)]),
        ("order", base.replace("RunOrder: 2", "RunOrder: 1000"), &[("CP-ORDER-1", 33)]),
        (
            "triggers",
            base.replace(
                "PipelineType: V2",
                "PipelineType: V1\n      Triggers: [{ProviderType: CodeStarSourceConnection, GitConfiguration: {SourceActionName: App, Push: [{Branches: {Includes: [main]}}]}}]",
            ),
            &[("CP-V2-4", 12)],
        ),
        ("space", base.replace("- Name: Build\n", "- Name: Build It\n"), &[("CP-NAME-2", 21)]),
    ];
    for (name, text, expected) in cases {
        let path = files.write(&format!("{name}.yaml"), &text);
        let out = vsm(&["lint", "--format", "json", &path]);
        let report: Value = serde_json::from_str(&out.stdout).unwrap();
        let found: Vec<(String, u64)> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let expected: Vec<(String, u64)> = expected
            .iter()
            .map(|(r, l)| ((*r).to_owned(), *l))
            .collect();
        assert_eq!(found, expected, "{name}: {}", out.stdout);
        assert_eq!(out.code, i32::from(!expected.is_empty()), "{name}");
    }
}

/// Values computed by intrinsic functions are unknown, not wrong: a run order, a repository
/// and a stage name given as parameters make no finding.
#[test]
fn unknown_values_make_no_finding() {
    let text = include_str!("../fixtures/lint-pipeline.yaml")
        .replace("RunOrder: 2", "RunOrder: !Ref Order")
        .replace("FullRepositoryId: acme/app", "FullRepositoryId: !Ref Repo")
        .replace("- Name: Build\n", "- Name: !Ref StageName\n")
        .replace(
            "  Conn: {Type: String}\n",
            "  Conn: {Type: String}\n  Order: {Type: Number}\n  Repo: {Type: String}\n  StageName: {Type: String}\n",
        );
    let files = Files::new();
    let path = files.write("unknown.yaml", &text);
    let out = vsm(&["lint", &path]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
}

/// What AWS accepts gets no error: a pull-request filter without branches (CP-TRIG-8) is a
/// warning that says it is vsm's advice (a finding: exit code 1, no error).
#[test]
fn advice_rules_are_warnings_on_a_template() {
    let text = include_str!("../fixtures/lint-pipeline.yaml").replace(
        "PipelineType: V2\n",
        "PipelineType: V2\n      Triggers: [{ProviderType: CodeStarSourceConnection, GitConfiguration: {SourceActionName: App, PullRequest: [{Events: [OPEN]}]}}]\n",
    );
    let files = Files::new();
    let path = files.write("advice.yaml", &text);
    let out = vsm(&["lint", "--format", "json", &path]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{}", out.stdout);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{}", out.stdout);
    assert_eq!(findings[0]["rule"], "CP-TRIG-8");
    assert_eq!(findings[0]["severity"], "warning");
    assert!(
        findings[0]["hint"]
            .as_str()
            .unwrap()
            .contains("vsm's advice"),
        "{}",
        out.stdout
    );
    // The same filter in a stream vsm builds is still an error.
    assert!(vsm::catalogue::CP_TRIG_8.advice().is_some());
    assert!(vsm::catalogue::CP_ORDER_3.advice().is_none());
}
