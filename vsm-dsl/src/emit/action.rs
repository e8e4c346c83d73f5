//! What a kind sees while its action is emitted.

use super::role::Grants;
use super::storage::Store;
use super::Emitter;
use crate::cfn::{Expr, Parameter, Resource};
use crate::model::{Action, Stage};
use crate::stream::ValueStream;

/// A template parameter a kind asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamSpec {
    /// Its name, before the logical-id prefix.
    pub name: String,
    /// What to pass.
    pub description: String,
    /// The pattern the value must match.
    pub pattern: &'static str,
    /// What the value is, for messages: `a connection ARN`.
    pub takes: &'static str,
    /// The kind's property that names the parameter.
    pub named_by: &'static str,
}

/// The emitter, seen from one action: the kind adds resources, parameters and grants here.
pub(crate) struct ActionEmit<'e, 'a> {
    pub(super) e: &'e mut Emitter<'a>,
    pub(super) store: &'e Store,
    /// The action's stage.
    pub stage: &'a Stage,
    /// The action.
    pub action: &'a Action,
}

impl ActionEmit<'_, '_> {
    /// The pipeline role's grants.
    pub fn grants(&mut self) -> &mut Grants {
        &mut self.e.grants
    }

    /// The artifact store.
    pub fn store(&self) -> &Store {
        self.store
    }

    /// The stream being emitted.
    pub fn stream(&self) -> &ValueStream {
        self.e.stream
    }

    /// Adds a resource; returns its logical id.
    pub fn resource(&mut self, name: &str, resource: Resource) -> String {
        self.e.resource(name, resource)
    }

    /// The logical id of a name.
    pub fn id(&self, name: &str) -> String {
        self.e.ids.id(name)
    }

    /// Adds (or reuses) a `String` parameter; returns a `Ref` to it.
    pub fn parameter(&mut self, spec: &ParamSpec) -> Expr {
        let id = self.e.parameter(
            &spec.name,
            Parameter {
                kind: "String".to_owned(),
                description: Some(spec.description.clone()),
                allowed_pattern: Some(spec.pattern.to_owned()),
                constraint_description: Some("must be a full ARN".to_owned()),
                ..Parameter::default()
            },
        );
        Expr::reference(id)
    }

    /// A resource shared by several actions, made by an earlier one.
    pub fn shared(&self, name: &'static str) -> Option<String> {
        self.e.shared.get(name).cloned()
    }

    /// Records a shared resource.
    pub fn remember(&mut self, name: &'static str, id: &str) {
        self.e.shared.insert(name, id.to_owned());
    }

    /// Records a Lambda runtime the template creates a function with (checked by LMB).
    pub fn uses_runtime(&mut self, runtime: &'static str) {
        if !self.e.emitted.runtimes.contains(&runtime) {
            self.e.emitted.runtimes.push(runtime);
        }
    }
}
