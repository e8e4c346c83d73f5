//! `vsm import`: vsm's own templates come back as their streams, mu's mock pipeline comes back
//! with the shape of `examples/mock_pipeline.rs`, the checked-in imported examples are what the
//! command writes (and compile), and the shared third-party templates import and re-emit.

use crate::support::streams;
use crate::support::Emit;
use crate::support::{fixture as shared, ok, Run};

use crate::support::imported_macro;

use crate::support::imported_builder;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use vsm::cfn::{Document, Template};
use vsm::diff::diff_templates;
use vsm::model::{ConditionPlace, Stream};
use vsm::ValueStream;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const MU: &str = "../shared/fixtures/mock-pipeline.mu.yml";

/// A stage's name and its parallel groups: run order and action names.
type StageShape = (String, Vec<(u32, Vec<String>)>);

/// Stages, each with its parallel groups.
fn shape(stream: &Stream) -> Vec<StageShape> {
    stream
        .stages
        .iter()
        .map(|s| {
            let groups = s
                .groups()
                .into_iter()
                .map(|(order, actions)| (order, actions.iter().map(|a| a.name.clone()).collect()))
                .collect();
            (s.name.clone(), groups)
        })
        .collect()
}

#[test]
fn vsm_templates_import_back_to_their_streams() {
    for stream in [
        streams::mock_pipeline(),
        streams::delivery_pipeline(),
        streams::largest(),
    ] {
        let template = stream.template();
        let import = vsm::import::template(&template, None).unwrap();
        assert_eq!(
            canonical(&import.stream),
            canonical(&stream),
            "{}",
            import.notes_text()
        );
        assert!(import.is_exact(), "{}", import.notes_text());
        // Through the JSON form and back to a template: the same template.
        let json = serde_json::to_string(&import.stream).unwrap();
        let back: Stream = serde_json::from_str(&json).unwrap();
        let again = ValueStream::new(back).unwrap().template();
        let diff = diff_templates(&template, &again);
        assert!(diff.is_empty(), "{}", diff.to_text());
    }
}

#[test]
fn mu_pipeline_imports_with_the_shape_of_mock_pipeline() {
    if shared("mock-pipeline.mu.yml").is_none() {
        return;
    }
    let Run {
        stdout: json,
        stderr: notes,
        ..
    } = ok(&["import", MU, "--to", "json"]);
    let stream: Stream = serde_json::from_str(&json).unwrap();
    assert_eq!(shape(&stream), shape(&streams::mock_pipeline()));
    let kinds: Vec<&str> = stream.actions().map(|(_, a)| a.kind.keyword()).collect();
    assert_eq!(kinds[..3], ["connection", "codebuild", "codebuild"]);
    assert!(
        kinds[3..].iter().all(|k| ["mock", "approval"].contains(k)),
        "{kinds:?}"
    );
    assert!(
        notes.contains("GitHub version 1 source keeps an OAuth token in the template"),
        "{notes}"
    );
    // The stream is valid, and its template lints clean.
    let template = ValueStream::new(stream).unwrap().template();
    let findings = vsm::lint::lint_text(&template.to_json_pretty()).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
}

/// The imported examples are what `vsm import` writes from mu's mock pipeline (`VSM_BLESS=1`
/// rewrites them); cargo compiles them, and here they run.
#[test]
fn imported_examples_are_current_and_build_the_stream() {
    if shared("mock-pipeline.mu.yml").is_none() {
        return;
    }
    for (to, file) in [
        ("macro", "examples/imported_mock_pipeline.rs"),
        ("builder", "examples/imported_mock_pipeline_builder.rs"),
    ] {
        let Run { stdout: code, .. } = ok(&["import", MU, "--to", to]);
        let path = Path::new(ROOT).join(file);
        if std::env::var("VSM_BLESS").as_deref() == Ok("1") {
            std::fs::write(&path, &code).unwrap();
        }
        let checked_in = std::fs::read_to_string(&path).unwrap();
        assert_eq!(checked_in, code, "{file} is stale: run with VSM_BLESS=1");
    }
    let Run { stdout: json, .. } = ok(&["import", MU, "--to", "json"]);
    let stream: Stream = serde_json::from_str(&json).unwrap();
    assert_eq!(*imported_macro::stream(), stream);
    assert_eq!(*imported_builder::stream(), stream);
    assert_eq!(shape(&stream), shape(&streams::mock_pipeline()));
}

/// The template with each stand-in parameter back as the resource reference it replaced
/// (the normalisation docs/import.md lists), in `Ref`s and in `Fn::Sub` text.
fn restored(template: &Template, stand_ins: &[(String, vsm::cfn::Expr)]) -> Template {
    fn walk(v: &mut serde_json::Value, stand_ins: &[(String, serde_json::Value, String)]) {
        use serde_json::Value;
        match v {
            Value::Object(m) if m.len() == 1 => {
                if let Some(Value::String(name)) = m.get("Ref") {
                    if let Some((_, original, _)) = stand_ins.iter().find(|(p, _, _)| p == name) {
                        *v = original.clone();
                        return;
                    }
                }
                let sub = match m.get_mut("Fn::Sub") {
                    Some(Value::String(text)) => Some(text),
                    Some(Value::Array(parts)) => match parts.first_mut() {
                        Some(Value::String(text)) => Some(text),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(text) = sub {
                    for (param, _, written) in stand_ins {
                        *text = text.replace(&format!("${{{param}}}"), &format!("${{{written}}}"));
                    }
                }
                m.values_mut().for_each(|i| walk(i, stand_ins));
            }
            Value::Object(m) => m.values_mut().for_each(|i| walk(i, stand_ins)),
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, stand_ins)),
            _ => {}
        }
    }
    let stand_ins: Vec<(String, serde_json::Value, String)> = stand_ins
        .iter()
        .map(|(p, e)| {
            let v = e.to_value();
            let written = match (&v["Ref"], &v["Fn::GetAtt"]) {
                (serde_json::Value::String(r), _) => r.clone(),
                (_, serde_json::Value::Array(parts)) => format!(
                    "{}.{}",
                    parts[0].as_str().unwrap_or_default(),
                    parts[1].as_str().unwrap_or_default()
                ),
                _ => String::new(),
            };
            (p.clone(), v, written)
        })
        .collect();
    let mut value = template.to_value();
    walk(&mut value, &stand_ins);
    Document::parse(&value.to_string()).unwrap().template
}

/// The template as CloudFormation makes it in one case: each `Fn::If` on a condition of
/// `case` replaced by its branch, and list elements that are `AWS::NoValue` dropped.
fn resolved(template: &Template, case: &BTreeMap<&str, bool>) -> Template {
    use serde_json::Value;
    fn walk(v: &mut Value, case: &BTreeMap<&str, bool>) {
        loop {
            let chosen = v
                .get("Fn::If")
                .and_then(Value::as_array)
                .filter(|_| v.as_object().is_some_and(|m| m.len() == 1))
                .and_then(|args| {
                    let holds = case.get(args.first()?.as_str()?)?;
                    args.get(if *holds { 1 } else { 2 }).cloned()
                });
            match chosen {
                Some(branch) => *v = branch,
                None => break,
            }
        }
        match v {
            Value::Array(items) => {
                items.iter_mut().for_each(|i| walk(i, case));
                items.retain(|i| i.get("Ref").and_then(Value::as_str) != Some("AWS::NoValue"));
            }
            Value::Object(m) => m.values_mut().for_each(|i| walk(i, case)),
            _ => {}
        }
    }
    let mut value = template.to_value();
    walk(&mut value, case);
    Document::parse(&value.to_string()).unwrap().template
}

/// The pipeline resource of a template alone, under the logical id `Pipeline`.
fn pipeline_only(template: &Template, id: &str) -> Template {
    let mut t = Template::default();
    t.resources
        .insert("Pipeline".to_owned(), template.resources[id].clone());
    t
}

/// Each third-party template imports; its re-emitted pipeline differs only in the actions the
/// import says it could not keep (custom actions, unknown values, replaced resources).
#[test]
fn third_party_templates_import_and_re_emit() {
    let Some(dir) = shared("third-party") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 12);
    let mut unbuilt = Vec::new();
    let mut rebuilt = Vec::new();
    let mut with_conditions = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = Document::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let pipelines = vsm::import::pipelines(&doc.template);
        assert!(!pipelines.is_empty(), "{name}");
        let file = name.clone();
        for (id, import) in pipelines {
            // Every pipeline of the template, each to its own stream.
            let name = format!("{file}#{id}");
            assert!(!import.stream.stages.is_empty(), "{name}");
            // Computed values stay expressions: no placeholder is left to fill in.
            assert_eq!(import.unknown_lines(), Vec::<String>::new(), "{name}");
            let stream = match ValueStream::new(import.stream.clone()) {
                Ok(s) => s,
                Err(e) => {
                    unbuilt.push(format!("{name}: {e}"));
                    continue;
                }
            };
            rebuilt.push((
                format!(
                    "{}-{id}",
                    file.trim_end_matches(|c| c != '.').trim_end_matches('.')
                ),
                stream.template().to_json_pretty(),
            ));
            let emitted = restored(&stream.template(), &import.stand_ins);
            // Stages and actions under conditions: the pipelines are the same in every case.
            let chosen = import.stream.presence_conditions();
            assert!(chosen.len() <= 8, "{name}: {chosen:?}");
            with_conditions += usize::from(!chosen.is_empty());
            let mut changes = Vec::new();
            for bits in 0u32..1 << chosen.len() {
                let case: BTreeMap<&str, bool> = chosen
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (*c, bits & (1 << i) != 0))
                    .collect();
                let diff = diff_templates(
                    &resolved(&pipeline_only(&doc.template, &id), &case),
                    &resolved(&pipeline_only(&emitted, "Pipeline"), &case),
                );
                changes.extend(diff.sections.into_iter().flat_map(|s| s.changes));
            }
            let said = |stage: &str, action: &str| {
                let place = format!("stage {stage:?} / action {action:?}");
                import.notes_text().contains(&place)
                    || import.unknown_lines().iter().any(|l| l.starts_with(&place))
            };
            {
                for change in &changes {
                    let Some(rest) = change.subject.strip_prefix("action ") else {
                        continue;
                    };
                    // A number written as text (`Version: 1`) reads the same to CloudFormation.
                    let same_text = |d: &String| {
                        d.split_once(" → ").is_some_and(|(a, b)| {
                            a.ends_with(b.trim_matches('"')) || a.trim_matches('"').ends_with(b)
                        })
                    };
                    if change.details.iter().all(same_text) && !change.details.is_empty() {
                        continue;
                    }
                    let (stage, action) = rest.split_once('/').unwrap();
                    assert!(
                        said(stage, action),
                        "{name}: {} {:?} is not explained by the import notes:\n{}",
                        change.subject,
                        change.details,
                        import.notes_text()
                    );
                    assert!(
                        !import.is_exact(),
                        "{name}: {} {:?} differs, yet the import says it is exact",
                        change.subject,
                        change.details
                    );
                }
            }
        }
    }
    assert!(
        unbuilt.is_empty(),
        "imports that do not build:\n{}",
        unbuilt.join("\n")
    );
    // Stages and actions chosen by conditions come back as such (identity center's sources,
    // control tower's source and approval stage).
    assert!(with_conditions >= 2, "{with_conditions}");
    // What the imported streams emit is as clean as any other stream's template.
    use crate::support::lint;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/imported-templates");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = lint::write(&dir, &rebuilt);
    let found = lint::cfn_lint(&files);
    assert!(found.values().all(Vec::is_empty), "cfn-lint: {found:?}");
    let (failed, passed) = lint::checkov(&dir);
    assert!(failed.is_empty() && passed > 0, "checkov: {failed:?}");
}

use crate::support::valid;

/// A stream as the JSON form, with what a template does not carry made canonical: a
/// connection's Git host (the connection decides it), CodeBuild's default category written or
/// not, the inputs a kind implies listed or not, the order of CloudFormation capabilities
/// (written sorted), and a custom action's permissions (in the pipeline role, not the pipeline).
fn canonical(stream: &Stream) -> serde_json::Value {
    let mut value = serde_json::to_value(stream).unwrap();
    let all_inputs: Vec<Vec<String>> = stream
        .actions()
        .map(|(_, a)| a.all_inputs().iter().map(|s| (*s).to_owned()).collect())
        .collect();
    let mut i = 0;
    for stage in value["stages"].as_array_mut().unwrap() {
        for action in stage["actions"].as_array_mut().unwrap() {
            let kind = action["kind"].as_object_mut().unwrap();
            match kind["type"].as_str().unwrap() {
                "connection" => {
                    kind.remove("provider");
                }
                "custom" => {
                    kind.remove("permissions");
                }
                "codebuild" if kind.get("category").is_some_and(|c| c == "Build") => {
                    kind.remove("category");
                }
                _ => {}
            }
            if let Some(caps) = kind.get_mut("capabilities").and_then(|c| c.as_array_mut()) {
                caps.sort_by_key(|c| c.to_string());
            }
            action["inputs"] = serde_json::json!(all_inputs[i]);
            i += 1;
        }
    }
    value
}

/// Generated valid streams over every kind and setting: importing the template each emits
/// gives every action back as the same kind with the same annotations, every stage condition
/// back with its rules and annotations, and a stream that emits
/// the same template (properties that write nothing, such as a custom action's permissions,
/// which go to the role, are what `docs/import.md` lists as not carried back).
#[test]
fn generated_streams_survive_emit_and_import() {
    let streams: Vec<Stream> = valid::sample(60, 11)
        .into_iter()
        .map(|c| c.stream)
        .filter(|s| ValueStream::new(s.clone()).is_ok())
        .take(30)
        .collect();
    assert!(streams.len() >= 20, "too few valid streams generated");
    for stream in streams {
        let template = ValueStream::new(stream.clone()).unwrap().template();
        let import = vsm::import::template(&template, None).unwrap();
        // Every action comes back as the same kind with the same annotations...
        let summary = |s: &Stream| -> Vec<(String, String, &'static str, String)> {
            s.actions()
                .map(|(st, a)| {
                    (
                        st.name.clone(),
                        a.name.clone(),
                        a.kind.keyword(),
                        format!("{:?}", a.annotations),
                    )
                })
                .collect()
        };
        // (an ECS blue/green deploy with images comes back as `custom`, its configuration
        // unchanged: the images' numbered keys are not read back into records; a custom
        // action a kind writes the same way comes back as that kind).
        for (got, want) in summary(&import.stream).into_iter().zip(summary(&stream)) {
            let custom_images = got.2 == "custom" && want.2 == "ecs_blue_green";
            let kind_for_custom =
                want.2 == "custom" && (&got.0, &got.1, &got.3) == (&want.0, &want.1, &want.3);
            assert!(
                got == want || custom_images || kind_for_custom,
                "{got:?} != {want:?}\n{}",
                import.notes_text()
            );
        }
        // ...every stage with the same conditions, rules and their annotations (a rule in
        // another account with the role vsm creates there comes back with that role, which
        // names the account)...
        for (got, want) in import.stream.stages.iter().zip(&stream.stages) {
            let mut want = want.settings.clone();
            let mut got_settings = got.settings.clone();
            for place in ConditionPlace::ALL.iter().copied() {
                let (Some(w), Some(g)) = (want.slot(place), got_settings.slot(place)) else {
                    continue;
                };
                for (w, g) in w.rules.iter_mut().zip(&g.rules) {
                    if let (Some(account), None) = (w.account.take(), &w.role_arn) {
                        let role = g.role_arn.as_ref().map(|r| format!("{:?}", r.to_expr()));
                        assert!(
                            role.as_deref()
                                .is_some_and(|r| r.contains(&format!("::{account}:role/"))),
                            "rule {} in account {account} came back as {role:?}",
                            w.name
                        );
                        w.role_arn = g.role_arn.clone();
                    }
                }
            }
            assert_eq!(got.settings, want, "{}", import.notes_text());
        }
        // ...and the stream emits the same pipeline.
        // The template does not say where the pipeline runs (that is where its stack is
        // deployed): the stream's account and Region are given back.
        let mut imported = import.stream.clone();
        imported.settings.account = stream.settings.account.clone();
        imported.settings.region = stream.settings.region.clone();
        let again = ValueStream::new(imported)
            .unwrap_or_else(|e| panic!("{e}\n{}", import.notes_text()))
            .template();
        let diff = diff_templates(
            &pipeline_only(&template, "Pipeline"),
            &pipeline_only(&again, "Pipeline"),
        );
        assert!(
            diff.is_empty(),
            "{}\n{}",
            diff.to_text(),
            import.notes_text()
        );
    }
}

/// A template with two pipelines: each imports to its own stream with `-o DIR`; without it
/// the user is told how to choose.
#[test]
fn every_pipeline_of_a_template_imports_to_its_own_stream() {
    let stream = streams::delivery_pipeline();
    let mut value = stream.template().to_value();
    let mut second = value["Resources"]["Pipeline"].clone();
    second["Properties"]["Name"] = "second-pipeline".into();
    value["Resources"]["Second"] = second;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.json");
    std::fs::write(&file, value.to_string()).unwrap();
    let file = file.to_str().unwrap();

    let one = crate::support::run(&["import", file, "--to", "json"]);
    assert_ne!(one.code, 0);
    assert!(
        one.stderr.contains("Pipeline, Second") && one.stderr.contains("--resource"),
        "{}",
        one.stderr
    );
    let out = dir.path().join("streams");
    ok(&["import", file, "--to", "json", "-o", out.to_str().unwrap()]);
    for (id, name) in [
        ("Pipeline", stream.name.display()),
        ("Second", "second-pipeline".into()),
    ] {
        let json = std::fs::read_to_string(out.join(format!("{id}.json"))).unwrap();
        let imported: Stream = serde_json::from_str(&json).unwrap();
        assert_eq!(imported.name.display(), name, "{id}");
        assert_eq!(imported.stages.len(), stream.stages.len(), "{id}");
        ValueStream::new(imported).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    let picked = ok(&["import", file, "--to", "json", "--resource", "Second"]);
    let picked: Stream = serde_json::from_str(&picked.stdout).unwrap();
    assert_eq!(picked.name.display(), "second-pipeline");
}

/// Stage conditions written by hand, in forms vsm does not write itself: each rule comes back
/// as its rule type (a number where vsm writes text, a rule without a `Result`), and what the
/// model cannot hold (a rule type vsm does not know, a second condition) is noted, not lost
/// silently.
#[test]
fn hand_written_stage_conditions_import_as_typed_rules() {
    let yaml = r#"
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: gated
      PipelineType: V2
      RoleArn: arn:aws:iam::111111111111:role/pipeline
      ArtifactStore: {Type: S3, Location: artifacts}
      Stages:
        - Name: Source
          Actions:
            - Name: App
              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: "1"}
              Configuration: {S3Bucket: src, S3ObjectKey: app.zip, PollForSourceChanges: false}
              OutputArtifacts: [{Name: Src}]
        - Name: Prod
          BeforeEntry:
            Conditions:
              - Result: FAIL
                Rules:
                  - Name: Hours
                    RuleTypeId: {Category: Rule, Owner: AWS, Provider: DeploymentWindow, Version: "1"}
                    Configuration: {Cron: "* * 9-16 ? * MON-FRI *", TimeZone: !Ref Zone}
          OnSuccess:
            Conditions:
              - Result: ROLLBACK
                Rules:
                  - Name: Alarm
                    RuleTypeId: {Category: Rule, Owner: AWS, Provider: CloudWatchAlarm, Version: "1"}
                    Configuration: {AlarmName: errors, WaitTime: 5}
                  - Name: Future
                    RuleTypeId: {Category: Rule, Owner: AWS, Provider: SomethingNew, Version: "1"}
              - Result: FAIL
                Rules:
                  - Name: Second
                    RuleTypeId: {Category: Rule, Owner: AWS, Provider: LambdaInvoke, Version: "1"}
                    Configuration: {FunctionName: check}
          OnFailure:
            Result: RETRY
            RetryConfiguration: {RetryMode: ALL_ACTIONS}
          Actions:
            - Name: Deploy
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: S3, Version: "1"}
              Configuration: {BucketName: site, Extract: true}
              InputArtifacts: [{Name: Src}]
Parameters:
  Zone: {Type: String, Default: Europe/Berlin}
"#;
    let template = Document::parse(yaml).unwrap().template;
    let import = vsm::import::template(&template, None).unwrap();
    let prod = &import.stream.stages[1].settings;
    let gate = prod.before_entry.as_ref().expect("the entry gate");
    assert_eq!(gate.result, vsm::model::ConditionResult::Fail);
    let window = serde_json::to_value(&gate.rules[0].kind).unwrap();
    assert_eq!(
        window,
        serde_json::json!({"type": "deployment_window", "cron": "* * 9-16 ? * MON-FRI *", "time_zone": {"Ref": "Zone"}})
    );
    let check = prod.on_success.as_ref().expect("the success check");
    assert_eq!(check.result, vsm::model::ConditionResult::Rollback);
    let names: Vec<&str> = check.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Alarm"]);
    assert_eq!(
        serde_json::to_value(&check.rules[0].kind).unwrap(),
        serde_json::json!({"type": "cloudwatch_alarm", "alarm_name": "errors", "wait_time": "5m"})
    );
    let retry = prod.on_failure.as_ref().expect("the retry");
    assert_eq!(retry.result, vsm::model::ConditionResult::Retry);
    assert_eq!(retry.retry_mode, Some(vsm::model::RetryMode::AllActions));
    let notes = import.notes_text();
    assert!(!import.is_exact(), "{notes}");
    assert!(
        notes.contains("SomethingNew") && notes.contains("not one vsm models"),
        "{notes}"
    );
    assert!(notes.contains("every condition after the first"), "{notes}");
    // The stream builds, and its pipeline keeps the typed conditions.
    let again = ValueStream::new(import.stream.clone())
        .unwrap_or_else(|e| panic!("{e}\n{notes}"))
        .template()
        .to_value();
    let stage = &again["Resources"]["Pipeline"]["Properties"]["Stages"][1];
    assert_eq!(
        stage["BeforeEntry"]["Conditions"][0]["Rules"][0]["Configuration"]["TimeZone"],
        serde_json::json!({"Ref": "Zone"})
    );
    assert_eq!(
        stage["OnFailure"],
        serde_json::json!({"Result": "RETRY", "RetryConfiguration": {"RetryMode": "ALL_ACTIONS"}})
    );
}
