//! The pipeline resource: stages, actions, settings and value-stream metadata.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::topology::in_region;
use super::Emitter;
use crate::cfn::{
    ActionTypeId, ArtifactName, ArtifactStore, ArtifactStoreMap, Element, EncryptionKey, Expr,
    GitConfiguration, KeyValue, OrderedMap, Pipeline, PipelineAction, PipelineStage,
    PipelineTrigger, PipelineVariable, Resource,
};
use crate::kinds::behaviour;
use crate::kit::topology as topo;
use crate::kit::{ActionEmit, ConfigCx, ConfigValue, Store};
use crate::model::{duration, Action, ActionType, Stage, Text};

pub(crate) fn stages(e: &mut Emitter<'_>, store: &Store) -> Vec<Element<PipelineStage>> {
    let stream = e.stream;
    let stages = stream
        .stages
        .iter()
        .map(|stage| {
            let actions = stage
                .actions
                .iter()
                .map(|a| (a.presence().terms, action(e, store, stage, a)))
                .collect();
            let mut roles = super::conditions::Roles {
                pipeline: &mut e.sink.grants,
                topology: &mut e.topology,
            };
            let c = super::conditions::stage(&mut roles, stream, stage);
            let declaration = PipelineStage {
                name: stage.name.clone(),
                actions: super::presence::elements(actions),
                before_entry: c.before_entry,
                on_success: c.on_success,
                on_failure: c.on_failure,
            };
            (stage.presence().terms, declaration)
        })
        .collect();
    super::presence::elements(stages)
}

/// One action's declaration; its kind adds resources, parameters and grants on the way.
fn action<'a>(
    e: &mut Emitter<'a>,
    store: &Store,
    stage: &'a Stage,
    action: &'a Action,
) -> PipelineAction {
    let stream = e.stream;
    let kind = behaviour(&action.kind);
    // The kind grants what the action needs to whoever runs it: the pipeline role, or the
    // role of another account; a role the stream gives is its own.
    let pipeline_grants = std::mem::take(&mut e.sink.grants);
    let mut cx = ActionEmit::new(&mut e.sink, store, stream, stage, action);
    let config_cx = ConfigCx {
        stream,
        stage,
        action,
    };
    let mut configuration = Vec::new();
    for entry in kind.configuration(&config_cx) {
        let expr = match entry.value {
            ConfigValue::Literal(text) => Expr::str(text.into_owned()),
            ConfigValue::Expr(e) => e,
            ConfigValue::Parameter(spec) => cx.parameter(&spec),
            ConfigValue::Generated(generate) => generate(&mut cx),
        };
        configuration.push((entry.key.to_owned(), expr));
    }
    for (key, value) in kind.custom_configuration() {
        configuration.push((key.to_owned(), value.to_expr()));
    }
    kind.grant(&mut cx, &configuration);
    let deploy_role = topo::deploy_role(stream, action)
        .filter(|r| configuration.iter().any(|(k, v)| k == "RoleArn" && v == r));
    let mut action_grants = std::mem::replace(&mut e.sink.grants, pipeline_grants);
    let mut granted = action_grants.take();
    let skips = action_grants.take_skips();
    match e.topology.side_of(stream, action) {
        Some(i) => {
            let region = action
                .region
                .clone()
                .or_else(|| stream.settings.region.clone().map(Text::Lit));
            if let Some(r) = &region {
                in_region(&mut granted, r);
            }
            let side = &mut e.topology.accounts[i];
            side.grants.extend(granted);
            side.grants.skip_checks(skips);
            side.deploy_role |= deploy_role.is_some();
        }
        None if action.action_role.is_some() || topo::other_account(stream, action).is_some() => {}
        None => {
            if let Some(r) = topo::other_region(stream, action) {
                in_region(&mut granted, r);
            }
            e.sink.grants.extend(granted);
            e.sink.grants.skip_checks(skips);
        }
    }
    let mut declaration = declaration(action, kind.emitted_type(stream), configuration);
    declaration.region = action.region.as_ref().map(Text::to_expr);
    declaration.role_arn = topo::assumed_role(stream, action);
    kind.declare(&mut declaration);
    declaration
}

/// An action's declaration of type `t` with this configuration.
fn declaration(
    action: &Action,
    t: ActionType<'_>,
    configuration: Vec<(String, Expr)>,
) -> PipelineAction {
    PipelineAction {
        name: action.name.clone(),
        action_type_id: ActionTypeId {
            category: t.category.as_str().into(),
            owner: t.owner.as_str().into(),
            provider: t.provider.to_owned().into(),
            version: t.version.to_owned().into(),
        },
        configuration: OrderedMap(configuration),
        input_artifacts: names(action.all_inputs()),
        output_artifacts: names(action.outputs.iter().map(String::as_str)),
        namespace: action.namespace.clone(),
        region: None,
        role_arn: None,
        run_order: action.run_order,
        timeout_in_minutes: None,
        commands: Vec::new(),
        output_variables: Vec::new(),
        environment_variables: Vec::new(),
    }
}

fn names<'a>(list: impl IntoIterator<Item = &'a str>) -> Vec<ArtifactName> {
    list.into_iter()
        .map(|n| ArtifactName {
            name: n.to_owned(),
            files: Vec::new(),
        })
        .collect()
}

pub(crate) fn pipeline(
    e: &mut Emitter<'_>,
    stages: Vec<Element<PipelineStage>>,
    role: Expr,
    store: &Store,
) -> String {
    let s = &e.stream.settings;
    let pipeline = Pipeline {
        name: e.stream.name.to_expr(),
        pipeline_type: s.pipeline_type.as_str().to_owned(),
        execution_mode: s.execution_mode.map(|m| m.as_str().to_owned()),
        role_arn: role,
        artifact_store: (!e.topology.regional).then(|| ArtifactStore {
            kind: "S3".to_owned(),
            location: store.bucket.clone(),
            encryption_key: Some(EncryptionKey {
                id: store.key_arn.clone(),
                kind: "KMS".to_owned(),
            }),
        }),
        artifact_stores: if e.topology.regional {
            artifact_stores(e, store)
        } else {
            Vec::new()
        },
        variables: s
            .variables
            .iter()
            .map(|v| PipelineVariable {
                name: v.name.clone(),
                default_value: v.default.as_ref().map(Text::to_expr),
                description: v.description.clone(),
            })
            .collect(),
        triggers: s
            .triggers
            .iter()
            .map(|t| PipelineTrigger {
                provider_type: "CodeStarSourceConnection".to_owned(),
                git_configuration: GitConfiguration {
                    source_action_name: t.source_action.clone(),
                    push: t
                        .push
                        .iter()
                        .map(|p| {
                            filter(&[
                                ("Branches", &p.branches, &p.branches_excluded),
                                ("FilePaths", &p.file_paths, &p.file_paths_excluded),
                                ("Tags", &p.tags, &p.tags_excluded),
                            ])
                        })
                        .collect(),
                    pull_request: t
                        .pull_request
                        .iter()
                        .map(|p| {
                            let mut f = filter(&[
                                ("Branches", &p.branches, &p.branches_excluded),
                                ("FilePaths", &p.file_paths, &p.file_paths_excluded),
                            ]);
                            if !p.events.is_empty() {
                                f["Events"] =
                                    json!(p.events.iter().map(|e| e.as_str()).collect::<Vec<_>>());
                            }
                            f
                        })
                        .collect(),
                },
            })
            .collect(),
        stages,
        tags: s
            .tags
            .iter()
            .map(|t| KeyValue {
                key: t.key.clone(),
                value: t.value.to_expr(),
            })
            .collect(),
    };
    let mut resource = Resource::new(pipeline);
    if let Some(meta) = value_stream_metadata(e) {
        resource = resource.with_metadata(json!({ "ValueStream": meta }));
    }
    e.resource(super::PIPELINE, resource)
}

/// One store per Region: the pipeline's own (unless given), the given ones, then those the
/// Regions' templates create (CP-XREG-3).
fn artifact_stores(e: &Emitter<'_>, store: &Store) -> Vec<ArtifactStoreMap> {
    let s = &e.stream.settings;
    let map = |region: Expr, location: Expr, key: Option<Expr>| ArtifactStoreMap {
        artifact_store: ArtifactStore {
            kind: "S3".to_owned(),
            location,
            encryption_key: key.map(|id| EncryptionKey {
                id,
                kind: "KMS".to_owned(),
            }),
        },
        region,
    };
    let mut out = Vec::new();
    let home_given = s
        .region
        .as_ref()
        .is_some_and(|r| s.artifact_stores.iter().any(|g| &g.region == r));
    let home = match &s.region {
        Some(r) => (!home_given).then(|| Expr::str(r)),
        None => s
            .artifact_stores
            .is_empty()
            .then(|| Expr::reference("AWS::Region")),
    };
    if let Some(region) = home {
        out.push(map(
            region,
            store.bucket.clone(),
            Some(store.key_arn.clone()),
        ));
    }
    for g in &s.artifact_stores {
        out.push(map(
            Expr::str(&g.region),
            g.bucket.to_expr(),
            g.key.as_ref().map(Text::to_expr),
        ));
    }
    for r in &e.topology.created {
        let name = topo::bucket_name(e.stream, "${AWS::AccountId}", r);
        out.push(map(
            Expr::str(r),
            Expr::sub(name),
            Some(Expr::sub(format!(
                "arn:${{AWS::Partition}}:kms:{r}:${{AWS::AccountId}}:{}",
                topo::key_alias(e.stream)
            ))),
        ));
    }
    out
}

/// `{"Includes": [...], "Excludes": [...]}` per key; empty lists are left out (CP-TRIG-9).
fn filter(groups: &[(&str, &Vec<String>, &Vec<String>)]) -> Value {
    let mut out = Map::new();
    for (key, includes, excludes) in groups {
        let mut m = Map::new();
        if !excludes.is_empty() {
            m.insert("Excludes".to_owned(), json!(excludes));
        }
        if !includes.is_empty() {
            m.insert("Includes".to_owned(), json!(includes));
        }
        if !m.is_empty() {
            out.insert((*key).to_owned(), Value::Object(m));
        }
    }
    Value::Object(out)
}

/// The annotations of one step, as the template's metadata carries them.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StepMetadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    process_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wait_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complete_accurate: Option<f64>,
}

/// Annotated steps by stage and action (and the stages' annotated conditions), in stream
/// order; `None` when nothing is annotated.
fn value_stream_metadata(e: &Emitter<'_>) -> Option<OrderedMap<OrderedMap<StepMetadata>>> {
    let stages: Vec<_> = e
        .stream
        .stages
        .iter()
        .filter_map(|stage| {
            let conditions = stage
                .settings
                .conditions()
                .map(|(place, c)| (place.metadata_key(), &c.annotations));
            let steps: Vec<_> = stage
                .actions
                .iter()
                .map(|a| (a.name.clone(), &a.annotations))
                .chain(conditions)
                .filter(|(_, n)| !n.is_empty())
                .map(|(name, n)| {
                    (
                        name,
                        StepMetadata {
                            process_time: n.process_time.map(duration::format),
                            wait_time: n.wait_time.map(duration::format),
                            complete_accurate: n.complete_accurate,
                        },
                    )
                })
                .collect();
            (!steps.is_empty()).then(|| (stage.name.clone(), OrderedMap(steps)))
        })
        .collect();
    (!stages.is_empty()).then_some(OrderedMap(stages))
}
