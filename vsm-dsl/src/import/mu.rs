//! A mu.yml pipeline: mu's Source and Build stages, then the stages its `templates:`
//! section appends to the pipeline.
//!
//! mu generates a GitHub (version 1) source named `Source` with output `SourceOutput`, then a
//! Build stage running two CodeBuild projects, `Artifact` and then `Image`. The GitHub version 1
//! source keeps an OAuth token in the template and AWS no longer recommends it: the import
//! turns it into a connection source, and says so. mu's Acceptance and Production stages
//! deploy with mu itself; they are left out (and said so) unless disabled.

use serde_json::{json, Value};

use super::{pipeline, Import, ImportError, Note};
use crate::cfn::source::Node;
use crate::cfn::{Expr, Resource, Template};
use crate::diagnostic::{Field, Location};
use crate::kinds::mock::stand_in;

/// True when the source is a mu.yml (a `service` or `templates` section, no `Resources`).
pub fn is_mu(source: &Node) -> bool {
    let has = |k: &str| source.field(k).is_some();
    !has("Resources") && (has("service") || has("templates") || has("environments"))
}

/// The pipeline a mu.yml describes.
pub fn import(source: &Node) -> Result<Import, ImportError> {
    let mu = source.to_value();
    let templates = mu.get("templates").and_then(Value::as_object);
    let (service, fragment) = templates
        .and_then(|t| {
            t.iter().find_map(|(k, v)| {
                k.strip_prefix("mu-pipeline-")
                    .map(|s| (s.to_owned(), v.clone()))
            })
        })
        .unwrap_or_else(|| ("service".to_owned(), json!({})));
    let service = mu
        .pointer("/service/name")
        .and_then(Value::as_str)
        .map_or(service, str::to_owned);
    let settings = mu
        .pointer("/service/pipeline")
        .cloned()
        .unwrap_or(json!({}));
    let mut notes = Vec::new();
    let mut template = fragment_template(&fragment)?;
    let mut stages = vec![
        source_stage(&settings, &service, &mut notes),
        build_stage(&mut notes),
    ];
    let appended = fragment
        .pointer("/Resources/Pipeline/Properties/Stages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for stage in appended {
        stages.push(strip_stand_in_parameters(&template, stage, &mut notes));
    }
    for (key, name) in [("acceptance", "Acceptance"), ("production", "Production")] {
        let disabled = settings
            .pointer(&format!("/{key}/disabled"))
            .and_then(Value::as_bool);
        if disabled != Some(true) {
            notes.push(note(
                Location::pipeline(Field::Node),
                format!("mu's {name} stage deploys with mu itself and is not imported; add its steps to the stream"),
            ));
        }
    }
    let properties = json!({"Name": service, "Stages": stages});
    let resource = Resource::new(crate::cfn::Properties::Other {
        type_name: super::PIPELINE_TYPE.to_owned(),
        properties: Some(Expr::from_value(&properties)),
    });
    template
        .resources
        .insert("Pipeline".to_owned(), resource.clone());
    let mut import = pipeline("Pipeline", &resource, Some(&template));
    notes.append(&mut import.notes);
    import.notes = notes;
    Ok(import)
}

fn note(location: Location, message: String) -> Note {
    Note { location, message }
}

/// The resources of the `mu-pipeline-*` template (the functions actions refer to).
fn fragment_template(fragment: &Value) -> Result<Template, ImportError> {
    let mut resources = serde_json::Map::new();
    for (id, r) in fragment
        .get("Resources")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if r.get("Type").is_some() {
            resources.insert(id.clone(), r.clone());
        }
    }
    serde_json::from_value(json!({"Resources": resources}))
        .map_err(|e| ImportError(format!("the mu-pipeline template cannot be read: {e}")))
}

/// mu's Source stage, its GitHub version 1 source as a connection.
fn source_stage(settings: &Value, service: &str, notes: &mut Vec<Note>) -> Value {
    let text = |p: &str| {
        settings
            .pointer(p)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let provider = text("/source/provider").unwrap_or_else(|| "GitHub".to_owned());
    let branch = text("/source/branch").unwrap_or_else(|| "master".to_owned());
    let loc = Location::action((0, "Source"), (0, "Source"), Field::Kind);
    let repo = text("/source/repo").unwrap_or_else(|| {
        notes.push(note(
            loc.clone(),
            format!("mu takes the repository from the checkout's git remote; OWNER/{service} stands in: set the real one"),
        ));
        format!("OWNER/{service}")
    });
    let (type_id, config) = match provider.as_str() {
        "CodeCommit" => (
            json!({"Category": "Source", "Owner": "AWS", "Provider": "CodeCommit", "Version": "1"}),
            json!({"RepositoryName": repo, "BranchName": branch}),
        ),
        "S3" => (
            json!({"Category": "Source", "Owner": "AWS", "Provider": "S3", "Version": "1"}),
            json!({"S3Bucket": text("/source/bucket").unwrap_or_default(), "S3ObjectKey": repo}),
        ),
        _ => {
            notes.push(note(
                loc,
                "mu's GitHub version 1 source keeps an OAuth token in the template, which AWS no longer recommends: imported as a connection source (create the connection and pass its ARN as ConnectionArn)".to_owned(),
            ));
            (
                json!({"Category": "Source", "Owner": "AWS", "Provider": "CodeStarSourceConnection", "Version": "1"}),
                json!({"ConnectionArn": {"Ref": "ConnectionArn"}, "FullRepositoryId": repo, "BranchName": branch}),
            )
        }
    };
    json!({"Name": "Source", "Actions": [{
        "Name": "Source", "ActionTypeId": type_id, "Configuration": config,
        "OutputArtifacts": [{"Name": "SourceOutput"}], "RunOrder": 1
    }]})
}

/// mu's Build stage: CodeBuild `Artifact`, then CodeBuild `Image`.
fn build_stage(notes: &mut Vec<Note>) -> Value {
    notes.push(note(
        Location::stage(1, "Build", Field::Node),
        "mu's CodeBuild projects become the projects vsm generates: set `image` and `compute` as in mu's build settings".to_owned(),
    ));
    let action = |name: &str, order: u32, input: &str, output: &str| {
        json!({
            "Name": name,
            "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"},
            "Configuration": {"ProjectName": {"Ref": format!("Build{name}Project")}},
            "InputArtifacts": [{"Name": input}],
            "OutputArtifacts": [{"Name": output}],
            "RunOrder": order,
        })
    };
    json!({"Name": "Build", "Actions": [
        action("Artifact", 1, "SourceOutput", "ArtifactOutput"),
        action("Image", 2, "ArtifactOutput", "ImageOutput"),
    ]})
}

/// Drops `UserParameters` from invokes of a function that only reports success (mu's dummy
/// function ignores them), so they import as mock steps.
fn strip_stand_in_parameters(
    template: &Template,
    mut stage: Value,
    notes: &mut Vec<Note>,
) -> Value {
    let name = stage
        .get("Name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    for a in stage
        .get_mut("Actions")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        let function = a
            .pointer("/Configuration/FunctionName/Ref")
            .and_then(Value::as_str);
        let dummy = function
            .and_then(|f| template.resources.get(f))
            .is_some_and(stand_in);
        if !dummy {
            continue;
        }
        let action = a
            .get("Name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        if let Some(config) = a.get_mut("Configuration").and_then(Value::as_object_mut) {
            if config.remove("UserParameters").is_some() {
                notes.push(note(
                    Location::action((0, &name), (0, &action), Field::Kind),
                    "invokes a function that only reports success: imported as a mock step (its UserParameters are not kept)".to_owned(),
                ));
            }
        }
    }
    stage
}
