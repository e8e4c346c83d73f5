//! Pipeline settings: type, execution mode, variables, triggers, tags.

use super::value::{field, literal, short, Place, Reader};
use crate::cfn::Expr;
use crate::diagnostic::{Field, Location};
use crate::model::settings::key;
use crate::model::{
    ExecutionMode, PipelineType, PullRequestEvent, PullRequestFilter, PushFilter, RegionStore,
    Settings, Tag, Text, Trigger, Variable,
};

/// The settings of the pipeline's properties. An absent `PipelineType` is V1, as in
/// CloudFormation.
pub(super) fn read(r: &mut Reader, properties: &Expr) -> Settings {
    let mut s = Settings {
        pipeline_type: PipelineType::V1,
        ..Settings::default()
    };
    if let Some(e) = field(properties, "PipelineType") {
        match literal(e).and_then(|t| PipelineType::from_word(&t)) {
            Some(t) => s.pipeline_type = t,
            None => r.mark(
                Place::pipeline(Field::Setting(key::pipeline_type)),
                short(e),
            ),
        }
    }
    if let Some(e) = field(properties, "ExecutionMode") {
        match literal(e).and_then(|t| ExecutionMode::from_word(&t)) {
            Some(m) => s.execution_mode = Some(m),
            None => r.mark(
                Place::pipeline(Field::Setting(key::execution_mode)),
                short(e),
            ),
        }
    }
    for (i, v) in list(properties, "Variables").iter().enumerate() {
        let at = Place::pipeline(Field::SettingItem(key::variables, i));
        let name = r.required(field(v, "Name"), at, "Name");
        s.variables.push(Variable {
            name,
            default: field(v, "DefaultValue").map(|e| r.value(e)),
            description: field(v, "Description").map(|e| r.text(e, at)),
        });
    }
    for (i, t) in list(properties, "Triggers").iter().enumerate() {
        s.triggers.push(trigger(r, i, t));
    }
    for (i, st) in list(properties, "ArtifactStores").iter().enumerate() {
        let at = Place::pipeline(Field::SettingItem(key::artifact_stores, i));
        let store = field(st, "ArtifactStore");
        // A bucket the template itself creates is in the stack's Region: the pipeline's own
        // store, which vsm generates; its Region is the pipeline's.
        if let Some(bucket) = store
            .and_then(|a| field(a, "Location"))
            .and_then(|l| own_bucket(r, l))
        {
            let region = field(st, "Region").and_then(literal);
            if s.region.is_none() {
                s.region.clone_from(&region);
            }
            let was = if bucket == crate::emit::ARTIFACT_BUCKET {
                ""
            } else {
                super::value::INEXACT
            };
            r.note(
                Location::pipeline(Field::SettingItem(key::artifact_stores, i)),
                format!(
                    "{was}the artifact store of {} in bucket {bucket}, which the template creates: it is the pipeline's own, replaced by the bucket and key vsm generates",
                    region.as_deref().unwrap_or("the pipeline's Region")
                ),
            );
            continue;
        }
        s.artifact_stores.push(RegionStore {
            region: r.required(field(st, "Region"), at, "Region"),
            bucket: store.and_then(|a| field(a, "Location")).map_or_else(
                || Text::Lit(r.missing(at, "Location")),
                |e| Text::from(e.clone()),
            ),
            key: store
                .and_then(|a| field(a, "EncryptionKey"))
                .and_then(|k| field(k, "Id"))
                .map(|e| Text::from(e.clone())),
        });
    }
    for (i, t) in list(properties, "Tags").iter().enumerate() {
        let at = Place::pipeline(Field::SettingItem(key::tags, i));
        let key = r.required(field(t, "Key"), at, "Key");
        let value = field(t, "Value").map_or_else(Text::default, |e| r.value(e));
        s.tags.push(Tag { key, value });
    }
    s
}

/// The logical id of the S3 bucket `location` refers to (`!Ref Bucket`), when the template
/// creates it.
fn own_bucket(r: &Reader, location: &Expr) -> Option<String> {
    let Expr::Ref(id) = location else { return None };
    let resource = r.template?.resources.get(id)?;
    (resource.type_name() == "AWS::S3::Bucket").then(|| id.clone())
}

fn list<'a>(e: &'a Expr, key: &str) -> &'a [Expr] {
    match field(e, key) {
        Some(Expr::List(items)) => items,
        _ => &[],
    }
}

fn trigger(r: &mut Reader, i: usize, t: &Expr) -> Trigger {
    let at = Place::pipeline(Field::SettingItem(key::triggers, i));
    let provider = field(t, "ProviderType").and_then(literal);
    if provider.as_deref() != Some("CodeStarSourceConnection") {
        r.mark(at, provider.unwrap_or_else(|| "no ProviderType".to_owned()));
    }
    let git = field(t, "GitConfiguration").cloned().unwrap_or(Expr::Null);
    let source_action = r.required(field(&git, "SourceActionName"), at, "SourceActionName");
    let mut strings = |f: &Expr, key: &str, which: &str| -> Vec<String> {
        match field(f, key).and_then(|g| field(g, which)) {
            Some(Expr::List(items)) => items.iter().map(|e| r.text(e, at)).collect(),
            Some(other) => {
                r.mark(at, short(other));
                Vec::new()
            }
            None => Vec::new(),
        }
    };
    let push = list(&git, "Push")
        .iter()
        .map(|f| PushFilter {
            branches: strings(f, "Branches", "Includes"),
            branches_excluded: strings(f, "Branches", "Excludes"),
            tags: strings(f, "Tags", "Includes"),
            tags_excluded: strings(f, "Tags", "Excludes"),
            file_paths: strings(f, "FilePaths", "Includes"),
            file_paths_excluded: strings(f, "FilePaths", "Excludes"),
        })
        .collect();
    let pull_request = list(&git, "PullRequest")
        .iter()
        .map(|f| PullRequestFilter {
            events: list(f, "Events")
                .iter()
                .filter_map(|e| literal(e).and_then(|w| PullRequestEvent::from_word(&w)))
                .collect(),
            branches: strings(f, "Branches", "Includes"),
            branches_excluded: strings(f, "Branches", "Excludes"),
            file_paths: strings(f, "FilePaths", "Includes"),
            file_paths_excluded: strings(f, "FilePaths", "Excludes"),
        })
        .collect();
    if provider_note(&git) {
        r.note(
            Location::pipeline(Field::SettingItem(key::triggers, i)),
            "a trigger filter vsm does not model was left out".to_owned(),
        );
    }
    Trigger {
        source_action,
        push,
        pull_request,
    }
}

/// True when a filter holds a key vsm does not model.
fn provider_note(git: &Expr) -> bool {
    let known = ["Branches", "FilePaths", "Tags", "Events"];
    ["Push", "PullRequest"].iter().any(|k| {
        list(git, k).iter().any(|f| match f {
            Expr::Map(m) => m.keys().any(|k| !known.contains(&k.as_str())),
            _ => true,
        })
    })
}
