//! What a kind sees while its action is emitted: the template being made ([`Sink`]), the
//! artifact store, and the pipeline role's grants.

use std::collections::BTreeMap;

use serde_json::json;

use super::config::ParamSpec;
use crate::catalogue::CFN_TPL_2;
use crate::cfn::{Expr, Parameter, Resource, Statement, Template};
use crate::diagnostic::{Field, Location, Violation};
use crate::model::{Action, Stage, Stream};

/// Log retention of the functions and projects the template creates.
pub(crate) const LOG_DAYS: u32 = 365;

/// The artifact store as the rest of the template refers to it.
pub(crate) struct Store {
    /// The bucket's name.
    pub bucket: Expr,
    /// The bucket's ARN.
    pub bucket_arn: Expr,
    /// The ARN of every object in the bucket.
    pub objects_arn: Expr,
    /// The artifact key's ARN.
    pub key_arn: Expr,
}

/// The template being made, and what the emission saw besides it: the parts kinds add to.
pub(crate) struct Sink {
    /// The logical-id prefix.
    prefix: String,
    /// The template so far.
    pub template: Template,
    /// The pipeline role's grants.
    pub grants: Grants,
    /// Resources kinds share, by name (the mock function, the CodeBuild role).
    shared: BTreeMap<&'static str, String>,
    /// Every resource made, by the name vsm gave it before the prefix.
    pub resources: BTreeMap<String, String>,
    /// Every parameter declared, by name before the prefix.
    pub parameters: BTreeMap<String, String>,
    /// Lambda runtimes of the functions it created (checked at emission: LMB).
    pub runtimes: Vec<&'static str>,
    /// Logical ids claimed twice (CFN-TPL-2).
    pub collisions: Vec<Violation>,
}

impl Sink {
    /// An empty template whose logical ids get this prefix.
    pub fn new(prefix: &str, template: Template) -> Self {
        Self {
            prefix: prefix.to_owned(),
            template,
            grants: Grants::default(),
            shared: BTreeMap::new(),
            resources: BTreeMap::new(),
            parameters: BTreeMap::new(),
            runtimes: Vec::new(),
            collisions: Vec::new(),
        }
    }

    /// The logical id of a name.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    fn claim(&mut self, id: &str, what: &str) {
        if self.template.resources.contains_key(id) || self.template.parameters.contains_key(id) {
            self.collisions.push(Violation::error(
                CFN_TPL_2,
                Location::pipeline(Field::Template),
                format!("the template needs the logical id {id:?} for {what}, but it is taken"),
                "rename the parameter the stream names, or set a logical-id prefix",
            ));
        }
    }

    /// Adds a resource; returns its logical id.
    pub fn resource(&mut self, name: &str, resource: Resource) -> String {
        let id = self.id(name);
        self.claim(&id, &format!("a {}", resource.properties.type_name()));
        self.template.resources.insert(id.clone(), resource);
        self.resources.insert(name.to_owned(), id.clone());
        id
    }

    /// Adds a parameter the stream declares, under the name its values use.
    pub fn stream_parameter(&mut self, name: &str, parameter: Parameter) {
        self.claim(name, "a parameter the stream declares");
        self.template.parameters.insert(name.to_owned(), parameter);
    }

    /// Adds a parameter (two actions may share one); returns its logical id.
    pub fn parameter(&mut self, name: &str, parameter: Parameter) -> String {
        let id = self.id(name);
        match self.template.parameters.get(&id) {
            Some(existing) if existing.allowed_pattern == parameter.allowed_pattern => {}
            _ => {
                self.claim(&id, "a parameter");
                self.template.parameters.insert(id.clone(), parameter);
            }
        }
        self.parameters.insert(name.to_owned(), id.clone());
        id
    }
}

/// The emitter, seen from one action: the kind adds resources, parameters and grants here.
pub(crate) struct ActionEmit<'e, 'a> {
    sink: &'e mut Sink,
    store: &'e Store,
    stream: &'a Stream,
    /// The action's stage.
    pub stage: &'a Stage,
    /// The action.
    pub action: &'a Action,
}

impl<'e, 'a> ActionEmit<'e, 'a> {
    /// The emitter, at this action of this stream.
    pub fn new(
        sink: &'e mut Sink,
        store: &'e Store,
        stream: &'a Stream,
        stage: &'a Stage,
        action: &'a Action,
    ) -> Self {
        Self {
            sink,
            store,
            stream,
            stage,
            action,
        }
    }

    /// The pipeline role's grants.
    pub fn grants(&mut self) -> &mut Grants {
        &mut self.sink.grants
    }

    /// The artifact store.
    pub fn store(&self) -> &Store {
        self.store
    }

    /// The stream being emitted.
    pub fn stream(&self) -> &'a Stream {
        self.stream
    }

    /// Adds a resource; returns its logical id.
    pub fn resource(&mut self, name: &str, resource: Resource) -> String {
        self.sink.resource(name, resource)
    }

    /// The logical id of a name.
    pub fn id(&self, name: &str) -> String {
        self.sink.id(name)
    }

    /// Adds (or reuses) a `String` parameter; returns a `Ref` to it.
    pub fn parameter(&mut self, spec: &ParamSpec) -> Expr {
        let id = self.sink.parameter(
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
        self.sink.shared.get(name).cloned()
    }

    /// Records a shared resource.
    pub fn remember(&mut self, name: &'static str, id: &str) {
        self.sink.shared.insert(name, id.to_owned());
    }

    /// Records a Lambda runtime the template creates a function with (checked by LMB).
    pub fn uses_runtime(&mut self, runtime: &'static str) {
        if !self.sink.runtimes.contains(&runtime) {
            self.sink.runtimes.push(runtime);
        }
    }
}

/// Permissions collected while emitting actions, in first-use order, without duplicates,
/// with the checkov checks the role that gets them skips and why.
#[derive(Default)]
pub(crate) struct Grants {
    statements: Vec<Statement>,
    skips: Vec<(&'static str, &'static str)>,
}

impl Grants {
    /// Allows `actions` on `resource` under statement `sid`, merging with earlier grants.
    pub fn allow(&mut self, sid: &str, actions: &[&str], resource: Expr) {
        self.allow_if(sid, actions, resource, None);
    }

    /// Allows `actions`, which have no resource-level permissions, on `Resource: "*"`.
    pub fn allow_unscoped(&mut self, sid: &str, actions: &[&str]) {
        let statement = unscoped(sid, actions);
        self.allow(sid, actions, statement.resource[0].clone());
    }

    /// Like [`allow`](Self::allow), with a condition.
    ///
    /// A grant joins the earlier statement of its `sid` only where the union grants nothing
    /// more than the two did: the same actions (and condition) on one more resource, or more
    /// actions on the same resources. Any other grant under a taken `sid` (two actions
    /// whose names give the same id) becomes a statement of its own, under the first free
    /// `sid` with a number appended.
    pub fn allow_if(
        &mut self,
        sid: &str,
        actions: &[&str],
        resource: Expr,
        condition: Option<serde_json::Value>,
    ) {
        debug_assert!(!actions.is_empty(), "a grant under {sid} allows no action");
        let mut s = Statement::allow(actions.iter().copied(), vec![resource]).sid(sid);
        s.condition = condition;
        self.add(s);
    }

    /// Adds statements another collection made, each by the rule of
    /// [`allow_if`](Self::allow_if).
    pub fn extend(&mut self, statements: Vec<Statement>) {
        for s in statements {
            self.add(s);
        }
    }

    /// Adds one statement: joined to the earlier statement of its sid where the union grants
    /// nothing more than the two did, else under the first free sid.
    fn add(&mut self, mut statement: Statement) {
        let sid = statement.sid.clone().unwrap_or_default();
        let mut free = sid.clone();
        let mut n = 1;
        while let Some(s) = self
            .statements
            .iter_mut()
            .find(|s| s.sid.as_deref() == Some(free.as_str()))
        {
            if s.condition == statement.condition {
                if same_set(&s.action, &statement.action) {
                    for r in statement.resource {
                        if !s.resource.contains(&r) {
                            s.resource.push(r);
                        }
                    }
                    return;
                }
                if same_set(&s.resource, &statement.resource) {
                    for a in statement.action {
                        if !s.action.contains(&a) {
                            s.action.push(a);
                        }
                    }
                    return;
                }
            }
            n += 1;
            free = format!("{sid}{n}");
        }
        statement.sid = Some(free);
        self.statements.push(statement);
    }

    /// The statements, in first-use order.
    pub fn take(&mut self) -> Vec<Statement> {
        std::mem::take(&mut self.statements)
    }

    /// Notes that a grant the action cannot do without trips checkov check `id`, and why the
    /// check does not apply: the role that gets the grants skips it (its metadata says why).
    pub fn skip_check(&mut self, id: &'static str, why: &'static str) {
        if !self.skips.iter().any(|(i, _)| *i == id) {
            self.skips.push((id, why));
        }
    }

    /// The checks to skip, noted with [`skip_check`](Self::skip_check).
    pub fn take_skips(&mut self) -> Vec<(&'static str, &'static str)> {
        std::mem::take(&mut self.skips)
    }

    /// Notes the checks another collection skips.
    pub fn skip_checks(&mut self, skips: Vec<(&'static str, &'static str)>) {
        for (id, why) in skips {
            self.skip_check(id, why);
        }
    }
}

/// Whether two lists hold the same items, in any order.
fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

/// CloudWatch Logs writes on the log group CodePipeline creates for the managed compute of
/// Commands actions and rules, `/aws/codepipeline/PIPELINE`, and its streams.
pub(crate) fn grant_command_logs(grants: &mut Grants, pipeline: &crate::model::Text) {
    use super::arn::Part;
    for tail in ["", ":*"] {
        let resource = super::arn::regional_of(
            "logs",
            &[
                Part::Lit("log-group:/aws/codepipeline/"),
                Part::Val(pipeline),
                Part::Lit(tail),
            ],
        );
        grants.allow(
            "WriteCommandLogs",
            &[
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
            ],
            resource,
        );
    }
}

/// A statement allowing `actions` on `Resource: "*"`; each must be one of
/// [`UNSCOPED_ACTIONS`](super::UNSCOPED_ACTIONS), which have no resource-level permissions.
pub(crate) fn unscoped(sid: &str, actions: &[&str]) -> Statement {
    for a in actions {
        assert!(
            super::is_unscoped(a),
            "{a} has resource-level permissions: grant it on the resources it touches"
        );
    }
    Statement::allow(actions.iter().copied(), vec![Expr::str("*")]).sid(sid)
}

/// Resource metadata that skips checkov checks, each `(id, why it does not apply)`.
pub fn checkov_skip(checks: &[(&str, &str)]) -> serde_json::Value {
    json!({"checkov": {"skip": checks.iter().map(|(id, why)| json!({"id": id, "comment": why})).collect::<Vec<_>>()}})
}

/// `[A-Za-z0-9]` only, each separated word capitalised: `unit-tests` → `UnitTests`.
pub(crate) fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Escapes literal text for use inside `Fn::Sub`.
pub(crate) fn sub_escape(text: &str) -> String {
    text.replace("${", "${!")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(g: &mut Grants) -> Vec<(String, Vec<String>, Vec<Expr>)> {
        g.take()
            .into_iter()
            .map(|s| (s.sid.unwrap_or_default(), s.action, s.resource))
            .collect()
    }

    #[test]
    fn a_taken_sid_joins_only_where_the_union_grants_nothing_more() {
        let mut g = Grants::default();
        g.allow("A", &["s3:GetObject"], Expr::str("one"));
        // The same actions on another resource, more actions on the same one resource.
        g.allow("A", &["s3:GetObject"], Expr::str("two"));
        g.allow("B", &["s3:GetObject"], Expr::str("one"));
        g.allow("B", &["s3:PutObject"], Expr::str("one"));
        // Other actions on another resource: a statement of its own.
        g.allow("A", &["states:StartExecution"], Expr::str("machine"));
        g.allow("A", &["states:StartExecution"], Expr::str("other"));
        let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            shape(&mut g),
            vec![
                (
                    "A".to_owned(),
                    strings(&["s3:GetObject"]),
                    vec![Expr::str("one"), Expr::str("two")]
                ),
                (
                    "B".to_owned(),
                    strings(&["s3:GetObject", "s3:PutObject"]),
                    vec![Expr::str("one")]
                ),
                (
                    "A2".to_owned(),
                    strings(&["states:StartExecution"]),
                    vec![Expr::str("machine"), Expr::str("other")]
                ),
            ]
        );
    }
}
