//! Embedding: adding to a template, overriding properties by path, handles to every logical
//! id, emit options given as references, and the typed merge.

use crate::support::embedded_service;

use serde_json::{json, Value};
use vsm::builder::{codebuild, connection, mock};
use vsm::cfn::{EditError, Entry, Expr, Intrinsic, Output, Parameter, Resource, Template};
use vsm::emit::{Emission, EmitOptions};
use vsm::kinds::GitProvider;
use vsm::ValueStream;

fn stream() -> ValueStream {
    ValueStream::builder("small")
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitLab, "acme/app", "main").outputs(["Src"]))
        })
        .stage("Build", |s| {
            s.action(codebuild("Compile").inputs(["Src"]).buildspec("b.yml"))
                .action(mock("Step"))
        })
        .build()
        .unwrap()
}

fn emit(options: &EmitOptions) -> Emission {
    let mut options = options.clone();
    options.today.get_or_insert(crate::support::TEST_DAY);
    stream().emit(&options).unwrap()
}

fn queue() -> Resource {
    Resource::of_type("AWS::SQS::Queue", json!({"SqsManagedSseEnabled": true}))
}

fn entry(section: &'static str, id: &str) -> Entry {
    Entry {
        section,
        id: id.to_owned(),
    }
}

#[test]
fn adds_entries_under_free_ids_and_refuses_taken_ones() {
    let mut t = emit(&EmitOptions::default()).template;
    let before = t.clone();
    let err = t.add_resource("Pipeline", queue()).unwrap_err();
    assert_eq!(
        err,
        EditError::Taken {
            wanted: entry("Resources", "Pipeline"),
            taken: entry("Resources", "Pipeline")
        }
    );
    assert!(err
        .to_string()
        .starts_with("CFN-TPL-2: cannot add Resources.Pipeline"));
    // Resources and parameters share one namespace.
    let err = t.add_resource("ConnectionArn", queue()).unwrap_err();
    assert!(
        matches!(err, EditError::Taken { taken, .. } if taken == entry("Parameters", "ConnectionArn"))
    );
    let err = t
        .add_parameter(
            "PipelineRole",
            Parameter {
                kind: "String".into(),
                ..Parameter::default()
            },
        )
        .unwrap_err();
    assert!(
        matches!(err, EditError::Taken { taken, .. } if taken == entry("Resources", "PipelineRole"))
    );
    assert_eq!(
        t.add_output("PipelineName", Output::default())
            .unwrap_err()
            .to_string()
            .split(':')
            .next(),
        Some("CFN-TPL-2")
    );
    assert_eq!(
        t.add_resource("my-queue", queue()),
        Err(EditError::BadId("my-queue".into()))
    );
    assert_eq!(t, before, "refused additions change nothing");

    // An identical parameter is shared; a different one under the same id is refused.
    let same = t.parameters["ConnectionArn"].clone();
    t.add_parameter("ConnectionArn", same.clone()).unwrap();
    let other = Parameter {
        description: Some("else".into()),
        ..same
    };
    assert!(t.add_parameter("ConnectionArn", other).is_err());

    t.add_resource("Queue", queue().with_condition("IsProd"))
        .unwrap();
    t.add_condition(
        "IsProd",
        Intrinsic::Equals(Expr::reference("AWS::Region"), Expr::str("eu-west-1")).into(),
    )
    .unwrap();
    t.add_output(
        "QueueUrl",
        Output {
            value: Expr::reference("Queue"),
            condition: Some("IsProd".into()),
            ..Output::default()
        },
    )
    .unwrap();
    assert!(t.add_condition("IsProd", Expr::Bool(true)).is_err());
    let v = t.to_value();
    assert_eq!(
        v["Resources"]["Queue"],
        json!({"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": true}, "Condition": "IsProd"})
    );
    assert_eq!(
        v["Conditions"]["IsProd"],
        json!({"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]})
    );
    assert_eq!(v["Outputs"]["QueueUrl"]["Value"], json!({"Ref": "Queue"}));
}

#[test]
fn overrides_properties_by_path() {
    let Emission {
        mut template,
        handles,
        ..
    } = emit(&EmitOptions::default());
    let role = handles.role.clone().unwrap();
    template
        .override_property(&role, "Policies.0.PolicyName", json!("Run"))
        .unwrap();
    template
        .override_property(&role, "MaxSessionDuration", json!(7200))
        .unwrap();
    template
        .override_property(&role, "Tags.Team\\.Name", json!("orders"))
        .unwrap();
    template
        .override_property(
            &handles.pipeline,
            "Stages.1.Actions.1.Namespace",
            json!("StepVars"),
        )
        .unwrap();
    template
        .override_resource(&handles.pipeline, "DependsOn", json!(["PipelineRole"]))
        .unwrap();
    let project = &handles.projects()[0];
    template
        .remove_property(project, "TimeoutInMinutes")
        .unwrap();
    let v = template.to_value();
    let props = &v["Resources"][&role]["Properties"];
    assert_eq!(props["Policies"][0]["PolicyName"], "Run");
    assert_eq!(props["MaxSessionDuration"], 7200);
    assert_eq!(props["Tags"], json!({"Team.Name": "orders"}));
    let pipeline = &v["Resources"][&handles.pipeline];
    assert_eq!(
        pipeline["Properties"]["Stages"][1]["Actions"][1]["Namespace"],
        "StepVars"
    );
    assert_eq!(pipeline["DependsOn"], json!(["PipelineRole"]));
    assert!(v["Resources"][project]["Properties"]
        .get("TimeoutInMinutes")
        .is_none());
    // The result reads back as the same template, and is written deterministically.
    let again: Template = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(again.to_json_pretty(), template.to_json_pretty());
}

#[test]
fn bad_overrides_say_what_is_in_the_way() {
    let Emission {
        mut template,
        handles,
        ..
    } = emit(&EmitOptions::default());
    let before = template.clone();
    let err = template
        .override_property("Role", "Description", json!("x"))
        .unwrap_err();
    let EditError::NoSuchResource { id, known } = &err else {
        panic!("{err}")
    };
    assert_eq!(id, "Role");
    assert!(known.contains(&"PipelineRole".to_owned()));
    assert!(err.to_string().contains("PipelineRole"), "{err}");
    let role = handles.role.clone().unwrap();
    for (path, says) in [
        (
            "Description.Text",
            "Description is a string, not an object or a list",
        ),
        (
            "Policies.5.PolicyName",
            "Policies.5: index 5 is past the end of a list of 1",
        ),
        ("Policies.first", "\"first\" is not an index"),
        ("AssumeRolePolicyDocument..Version", "empty segment"),
    ] {
        let err = template
            .override_property(&role, path, json!("x"))
            .unwrap_err();
        assert!(
            matches!(&err, EditError::BadPath { id, .. } if id == &role),
            "{err}"
        );
        assert!(err.to_string().contains(says), "{path}: {err}");
    }
    // A path into an intrinsic function would corrupt it.
    let err = template
        .override_property(&handles.pipeline, "RoleArn.Fn::GetAtt", json!("x"))
        .unwrap_err();
    assert!(
        err.to_string().contains("RoleArn is an intrinsic function"),
        "{err}"
    );
    let err = template.remove_property(&role, "Nothing").unwrap_err();
    assert!(
        err.to_string().contains("nothing at Properties.Nothing"),
        "{err}"
    );
    assert_eq!(template, before, "refused overrides change nothing");
}

#[test]
fn handles_name_every_logical_id_the_emission_made() {
    for prefix in ["", "Shop"] {
        let options = EmitOptions {
            logical_id_prefix: prefix.into(),
            ..fixed()
        };
        let Emission {
            template, handles, ..
        } = emit(&options);
        let mut made: Vec<&String> = handles.resources.values().collect();
        made.sort();
        assert_eq!(made, template.resources.keys().collect::<Vec<_>>());
        let typed: usize = handles.by_type.values().map(Vec::len).sum();
        assert_eq!(typed, template.resources.len());
        for (type_name, ids) in &handles.by_type {
            assert!(ids
                .iter()
                .all(|id| template.resources[id].type_name() == type_name));
        }
        assert_eq!(
            handles.parameters.values().collect::<Vec<_>>(),
            template.parameters.keys().collect::<Vec<_>>()
        );
        assert_eq!(handles.outputs.len(), template.outputs.len());
        let p = |n: &str| format!("{prefix}{n}");
        assert_eq!(handles.pipeline, p("Pipeline"));
        assert_eq!(handles.pipeline_name(), Expr::reference(p("Pipeline")));
        assert_eq!(
            handles.bucket_name(),
            Some(Expr::reference(p("ArtifactBucket")))
        );
        assert_eq!(
            handles.bucket_arn(),
            Some(Expr::get_att(p("ArtifactBucket"), "Arn"))
        );
        assert_eq!(
            handles.key_arn(),
            Some(Expr::get_att(p("ArtifactKey"), "Arn"))
        );
        assert_eq!(
            handles.role_arn(),
            Some(Expr::get_att(p("PipelineRole"), "Arn"))
        );
        assert_eq!(handles.projects(), [p("BuildCompileProject")]);
        assert_eq!(handles.functions().len(), 1);
        assert!(
            handles.roles().len() >= 3,
            "pipeline, project and function roles"
        );
        assert_eq!(handles.log_groups().len(), 2);
        assert_eq!(handles.resource("Pipeline"), Some(p("Pipeline").as_str()));
    }
}

/// The role policy statement with this Sid.
fn statement<'a>(t: &'a Value, role: &str, sid: &str) -> &'a Value {
    t["Resources"][role]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Sid"] == sid)
        .unwrap()
}

#[test]
fn options_take_references_and_scope_the_role_to_them() {
    let import = |name: &str| Expr::call(Intrinsic::ImportValue(Expr::str(name)));
    let options = EmitOptions {
        artifact_bucket: Some(Expr::reference("SharedBucket")),
        kms_key_arn: Some(import("shared-key-arn")),
        ..fixed()
    };
    assert!(
        options.check().is_empty(),
        "references are unknown, not wrong"
    );
    let Emission {
        template, handles, ..
    } = emit(&options);
    let v = template.to_value();
    let store = &v["Resources"]["Pipeline"]["Properties"]["ArtifactStore"];
    assert_eq!(store["Location"], json!({"Ref": "SharedBucket"}));
    assert_eq!(
        store["EncryptionKey"]["Id"],
        json!({"Fn::ImportValue": "shared-key-arn"})
    );
    assert_eq!(
        (handles.bucket.as_ref(), handles.key.as_ref()),
        (None, None)
    );
    let role = handles.role.clone().unwrap();
    assert_eq!(
        statement(&v, &role, "Artifacts")["Resource"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:s3:::${SharedBucket}"}, {"Fn::Sub": "arn:${AWS::Partition}:s3:::${SharedBucket}/*"}])
    );
    assert_eq!(
        statement(&v, &role, "ArtifactKey")["Resource"],
        json!([{"Fn::ImportValue": "shared-key-arn"}])
    );
    let project = &v["Resources"][&handles.projects()[0]]["Properties"];
    assert_eq!(
        project["EncryptionKey"],
        json!({"Fn::ImportValue": "shared-key-arn"})
    );

    // A bucket name from another stack: its ARN is built with Sub's variable map.
    let options = EmitOptions {
        artifact_bucket: Some(import("shared-bucket")),
        pipeline_role_arn: Some(import("shared-role-arn")),
        ..fixed()
    };
    let Emission {
        template, handles, ..
    } = emit(&options);
    let v = template.to_value();
    assert_eq!(handles.role, None);
    assert_eq!(
        v["Resources"]["Pipeline"]["Properties"]["RoleArn"],
        json!({"Fn::ImportValue": "shared-role-arn"})
    );
    let project_role = &v["Resources"][&handles.projects()[0]]["Properties"]["ServiceRole"];
    let project_role_id = project_role["Fn::GetAtt"][0].as_str().unwrap();
    let artifacts = statement(&v, project_role_id, "ReadWriteArtifacts");
    let text = artifacts.to_string();
    assert!(
        text.contains(r#"{"Fn::Sub":["arn:${AWS::Partition}:s3:::${ArtifactBucketName}/*",{"ArtifactBucketName":{"Fn::ImportValue":"shared-bucket"}}]}"#),
        "{text}"
    );
}

#[test]
fn literal_options_are_still_checked_and_non_strings_refused() {
    let options = EmitOptions {
        artifact_bucket: Some("arn:aws:s3:::bucket".into()),
        kms_key_arn: Some(Expr::get_att("Key", "Arn")),
        pipeline_role_arn: Some(Expr::Bool(true)),
        ..fixed()
    };
    let rules: Vec<&str> = options.check().iter().map(|v| v.rule.id()).collect();
    assert_eq!(rules, ["CFN-TPL-1", "CP-STRUCT-13"]);
    let err = emit_err(&options);
    assert!(
        err.to_string().contains("`pipeline_role_arn` is true"),
        "{err}"
    );
}

fn extra(suffix: &str) -> Template {
    let mut t = Template::default();
    t.add_resource(format!("Queue{suffix}"), queue()).unwrap();
    t
}

#[test]
fn merge_refuses_every_collision_before_changing_anything() {
    let Emission { template, .. } = emit(&EmitOptions::default());
    let mut around = extra("");
    around.add_resource("Pipeline", queue()).unwrap();
    around
        .add_parameter(
            "ConnectionArn",
            Parameter {
                kind: "String".into(),
                ..Parameter::default()
            },
        )
        .unwrap();
    around
        .add_output("PipelineName", Output::default())
        .unwrap();
    around.add_condition("IsProd", Expr::Bool(true)).unwrap();
    around.add_mapping("Regions", Default::default()).unwrap();
    let mut other = template.clone();
    other.add_condition("IsProd", Expr::Bool(false)).unwrap();
    other.add_mapping("Regions", Default::default()).unwrap();
    other.metadata = Some(json!({"Owner": "b"}));
    around.metadata = Some(json!({"Owner": "a", "Team": "x"}));
    let before = around.clone();
    let err = around.merge(other).unwrap_err();
    let EditError::Collisions(found) = &err else {
        panic!("{err}")
    };
    let found: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "Conditions.IsProd",
            "Mappings.Regions",
            "Metadata.Owner",
            "Outputs.PipelineName",
            "Parameters.ConnectionArn",
            "Resources.Pipeline"
        ]
    );
    assert!(
        err.to_string()
            .starts_with("CFN-TPL-2: both templates define Conditions.IsProd, "),
        "{err}"
    );
    assert_eq!(around, before, "a refused merge changes nothing");
}

#[test]
fn merge_shares_identical_parameters_and_keeps_both_sides() {
    let Emission {
        template, handles, ..
    } = emit(&EmitOptions {
        logical_id_prefix: "Ci".into(),
        ..fixed()
    });
    let mut around = extra("");
    let shared = template.parameters["CiConnectionArn"].clone();
    around.add_parameter("CiConnectionArn", shared).unwrap();
    around.metadata = Some(json!({"Team": "x"}));
    let mut other = template.clone();
    other.metadata = Some(json!({"Owner": "b"}));
    around.merge(other).unwrap();
    assert!(
        around.resources.contains_key("Queue") && around.resources.contains_key(&handles.pipeline)
    );
    assert_eq!(around.resources.len(), template.resources.len() + 1);
    assert_eq!(around.metadata, Some(json!({"Owner": "b", "Team": "x"})));
    assert_eq!(around.description, template.description);
    // Merging the same pipeline twice collides on every id it made.
    let err = around.merge(template.clone()).unwrap_err();
    let EditError::Collisions(found) = err else {
        panic!()
    };
    assert_eq!(
        found.len(),
        template.resources.len() + template.outputs.len()
    );
}

#[test]
fn the_embedded_service_example_joins_two_templates() {
    let t = embedded_service::template();
    let v = t.to_value();
    let r = &v["Resources"];
    for id in [
        "ServiceKey",
        "ServiceBucket",
        "ServiceBucketPolicy",
        "OrdersQueue",
        "DeliveryPipeline",
        "DeliveryPipelineRole",
    ] {
        assert!(r[id].is_object(), "{id}");
    }
    assert!(r.get("DeliveryArtifactBucket").is_none() && r.get("DeliveryArtifactKey").is_none());
    let p = &r["DeliveryPipeline"]["Properties"];
    assert_eq!(
        p["ArtifactStore"]["Location"],
        json!({"Ref": "ServiceBucket"})
    );
    assert_eq!(
        p["ArtifactStore"]["EncryptionKey"]["Id"],
        json!({"Fn::GetAtt": ["ServiceKey", "Arn"]})
    );
    assert_eq!(p["RestartExecutionOnUpdate"], true);
    assert_eq!(
        v["Outputs"]["DeliveryRoleArn"]["Value"],
        json!({"Fn::GetAtt": ["DeliveryPipelineRole", "Arn"]})
    );
    // Every reference resolves inside the joined template.
    let ids: Vec<&String> = t.resources.keys().chain(t.parameters.keys()).collect();
    for (id, resource) in &t.resources {
        let props = Expr::from_value(&resource.properties.to_value().unwrap_or(Value::Null));
        for name in props.references() {
            assert!(ids.iter().any(|i| *i == name), "{id} refers to {name}");
        }
    }
    assert_eq!(
        t.to_json_pretty(),
        embedded_service::template().to_json_pretty()
    );
}

/// Emit options on a fixed day: the runtime lifecycle rules must not make a test depend on
/// the day it runs.
fn fixed() -> EmitOptions {
    EmitOptions {
        today: Some(crate::support::TEST_DAY),
        ..EmitOptions::default()
    }
}

fn emit_err(options: &EmitOptions) -> vsm::ValidationErrors {
    stream().emit(options).unwrap_err()
}
