//! `import --pipeline NAME`: a deployed pipeline read with GetPipeline and imported as a stream.

use aws_sdk_codepipeline::types::{
    ActionDeclaration, PipelineDeclaration, PipelineTriggerDeclaration,
};
use serde_json::{json, Map, Value};

use super::block_on;
use super::history::client;
use crate::cfn::{Expr, Properties, Resource};
use crate::cli::{Failure, Global, Result};
use crate::import::{self, Import, PIPELINE_TYPE};

/// Attempts per request.
const ATTEMPTS: u32 = 5;

/// The stream of a deployed pipeline.
pub(crate) fn import_pipeline(global: &Global, name: &str) -> Result<Import> {
    let declaration = block_on(async {
        let (client, _) = client(global, ATTEMPTS).await?;
        let out = client
            .get_pipeline()
            .name(name)
            .send()
            .await
            .map_err(|e| super::aws_error(&format!("cannot read pipeline {name}"), e))?;
        out.pipeline().cloned().ok_or_else(|| {
            Failure::trouble(format!("AWS returned no declaration of pipeline {name}"))
        })
    })??;
    let properties = properties(&declaration);
    let resource = Resource::new(Properties::Other {
        type_name: PIPELINE_TYPE.to_owned(),
        properties: Some(Expr::from_value(&properties)),
    });
    Ok(import::pipeline(name, &resource, None))
}

/// The declaration as a pipeline resource's properties.
fn properties(p: &PipelineDeclaration) -> Value {
    let mut m = Map::new();
    m.insert("Name".into(), json!(p.name()));
    m.insert("RoleArn".into(), json!(p.role_arn()));
    if let Some(t) = p.pipeline_type() {
        m.insert("PipelineType".into(), json!(t.as_str()));
    }
    if let Some(e) = p.execution_mode() {
        m.insert("ExecutionMode".into(), json!(e.as_str()));
    }
    let variables: Vec<Value> = p
        .variables()
        .iter()
        .map(|v| {
            let mut o = json!({"Name": v.name()});
            if let Some(d) = v.default_value() {
                o["DefaultValue"] = json!(d);
            }
            if let Some(d) = v.description() {
                o["Description"] = json!(d);
            }
            o
        })
        .collect();
    if !variables.is_empty() {
        m.insert("Variables".into(), Value::Array(variables));
    }
    let triggers: Vec<Value> = p.triggers().iter().map(trigger).collect();
    if !triggers.is_empty() {
        m.insert("Triggers".into(), Value::Array(triggers));
    }
    let stages: Vec<Value> = p
        .stages()
        .iter()
        .map(|s| json!({"Name": s.name(), "Actions": s.actions().iter().map(action).collect::<Vec<_>>()}))
        .collect();
    m.insert("Stages".into(), Value::Array(stages));
    Value::Object(m)
}

fn action(a: &ActionDeclaration) -> Value {
    let mut o = json!({"Name": a.name(), "RunOrder": a.run_order().unwrap_or(1)});
    if let Some(t) = a.action_type_id() {
        o["ActionTypeId"] = json!({
            "Category": t.category().as_str(),
            "Owner": t.owner().as_str(),
            "Provider": t.provider(),
            "Version": t.version(),
        });
    }
    if let Some(c) = a.configuration().filter(|c| !c.is_empty()) {
        let sorted: std::collections::BTreeMap<_, _> = c.iter().collect();
        o["Configuration"] = json!(sorted);
    }
    if !a.input_artifacts().is_empty() {
        o["InputArtifacts"] = a
            .input_artifacts()
            .iter()
            .map(|i| json!({"Name": i.name()}))
            .collect();
    }
    if !a.output_artifacts().is_empty() {
        o["OutputArtifacts"] = a
            .output_artifacts()
            .iter()
            .map(|i| {
                let mut v = json!({"Name": i.name()});
                if !i.files().is_empty() {
                    v["Files"] = json!(i.files());
                }
                v
            })
            .collect();
    }
    if let Some(n) = a.namespace() {
        o["Namespace"] = json!(n);
    }
    if !a.commands().is_empty() {
        o["Commands"] = json!(a.commands());
    }
    if !a.output_variables().is_empty() {
        o["OutputVariables"] = json!(a.output_variables());
    }
    if let Some(t) = a.timeout_in_minutes() {
        o["TimeoutInMinutes"] = json!(t);
    }
    if !a.environment_variables().is_empty() {
        o["EnvironmentVariables"] = a
            .environment_variables()
            .iter()
            .map(|e| {
                json!({"Name": e.name(), "Value": e.value(), "Type": e.r#type().map_or("PLAINTEXT", |t| t.as_str())})
            })
            .collect();
    }
    o
}

fn trigger(t: &PipelineTriggerDeclaration) -> Value {
    let criteria = |inc: &[String], exc: &[String]| {
        let mut o = Map::new();
        if !exc.is_empty() {
            o.insert("Excludes".into(), json!(exc));
        }
        if !inc.is_empty() {
            o.insert("Includes".into(), json!(inc));
        }
        Value::Object(o)
    };
    let git = t.git_configuration();
    let push: Vec<Value> = git
        .map(|g| g.push())
        .unwrap_or_default()
        .iter()
        .map(|f| {
            let mut o = Map::new();
            if let Some(b) = f.branches() {
                o.insert("Branches".into(), criteria(b.includes(), b.excludes()));
            }
            if let Some(p) = f.file_paths() {
                o.insert("FilePaths".into(), criteria(p.includes(), p.excludes()));
            }
            if let Some(x) = f.tags() {
                o.insert("Tags".into(), criteria(x.includes(), x.excludes()));
            }
            Value::Object(o)
        })
        .collect();
    let pull: Vec<Value> = git
        .map(|g| g.pull_request())
        .unwrap_or_default()
        .iter()
        .map(|f| {
            let mut o = Map::new();
            if !f.events().is_empty() {
                o.insert(
                    "Events".into(),
                    json!(f.events().iter().map(|e| e.as_str()).collect::<Vec<_>>()),
                );
            }
            if let Some(b) = f.branches() {
                o.insert("Branches".into(), criteria(b.includes(), b.excludes()));
            }
            if let Some(p) = f.file_paths() {
                o.insert("FilePaths".into(), criteria(p.includes(), p.excludes()));
            }
            Value::Object(o)
        })
        .collect();
    json!({
        "ProviderType": t.provider_type().as_str(),
        "GitConfiguration": {
            "SourceActionName": git.map(|g| g.source_action_name()),
            "Push": push,
            "PullRequest": pull,
        }
    })
}
