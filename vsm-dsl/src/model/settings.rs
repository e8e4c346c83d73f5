//! Pipeline-level settings, declared once.
//!
//! `settings_list!` holds the one declaration of every setting: its key (the field of
//! [`Settings`], the builder's method, the `stream!` macro's key in the `pipeline` header, the
//! JSON key), its type and its doc line. The model's struct, its JSON form, the builder's
//! methods, the macro's reading of the header and the docs table are generated from it or
//! read it through [`Settings::PROPS`]. A new setting is one line here plus the code that
//! emits it and the rules that check it.

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::props::{choice, from_json, record, to_json, PropInfo, PropKind, PropValue};
use super::{Targets, Text, TimeScale};
use crate::cfn::Expr;

/// Calls `$then! { .. }` with every setting: `doc, key: type`, in declaration order.
macro_rules! settings_list {
    ($then:ident) => {
        $then! {
            /// Pipeline type; V2 unless set (CP-V2-1).
            pipeline_type: PipelineType,
            /// Execution mode; CodePipeline's default (SUPERSEDED) when unset (CP-V2-2).
            execution_mode: Option<ExecutionMode>,
            /// Pipeline-level variables (V2 only), read as `#{variables.NAME}`.
            variables: Vec<Variable>,
            /// Git triggers on connection sources (V2 only).
            triggers: Vec<Trigger>,
            /// Tags on the pipeline.
            tags: Vec<Tag>,
            /// Template parameters: values given when the stack is deployed, read with
            /// `!Ref Name` or `${Name}` in `!Sub` (CFN-TPL-4).
            parameters: Vec<Parameter>,
            /// Template conditions, for `!If` between values (CFN-TPL-16).
            conditions: Vec<Condition>,
            /// Template mappings, for `!FindInMap` (CFN-TPL-6).
            mappings: Vec<Mapping>,
            /// A live view of the pipeline's executions: an EventBridge rule delivering its
            /// state changes to a log group, and a CloudWatch dashboard of Logs Insights queries
            /// on them.
            dashboard: bool,
            /// Mock steps take their modelled wait plus process time at this scale (`1h=1s`),
            /// as Step Functions Wait states.
            simulate: Option<TimeScale>,
            /// The account the pipeline runs in (12 digits), which steps in other accounts
            /// trust; needed when a step runs in another account with the role vsm creates
            /// there (CP-XREG-5).
            account: Option<String>,
            /// The Region the pipeline runs in; needed when a step runs in another account with
            /// the role vsm creates there, or in another Region without a given artifact store
            /// there (CP-XREG-5).
            region: Option<String>,
            /// Existing artifact stores in the Regions steps run in (CP-XREG-3); a Region
            /// without one gets the bucket and key that Region's template creates.
            artifact_stores: Vec<RegionStore>,
            /// Targets on the measured flow (`lead_time_p85`, `change_lead_time_p85`,
            /// `deployment_frequency_per_day`, `change_failure_rate_percent`,
            /// `time_to_restore_median`, `first_pass_yield`): `vsm measure --check` fails when
            /// one is missed.
            targets: Option<Targets>,
        }
    };
}
pub(crate) use settings_list;

/// Declares [`Settings`] from the list.
macro_rules! declare_settings {
    ($( $(#[doc = $doc:literal])* $field:ident : $ty:ty ),* $(,)?) => {
        /// Pipeline-level settings (declared once, by `settings_list!`).
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct Settings {
            $( $(#[doc = $doc])* pub $field: $ty, )*
        }

        impl Settings {
            /// Every setting, in declaration order.
            pub const PROPS: &'static [PropInfo] = &[
                $( PropInfo {
                    key: stringify!($field),
                    ty: <$ty as PropKind>::TYPE,
                    required: false,
                    doc: concat!($($doc, "\n"),*),
                }, )*
            ];

            /// The settings that are set, in declaration order, each with whether it differs
            /// from its default (the pipeline type is always set, V2 by default).
            pub fn values(&self) -> Vec<(&'static PropInfo, PropValue, bool)> {
                let defaults = Self::default();
                let mut out = Vec::new();
                let mut props = Self::PROPS.iter();
                $(
                    let info = props.next().expect("one PropInfo per setting");
                    let changed = self.$field != defaults.$field;
                    out.extend(PropKind::to_prop(&self.$field).map(|v| (info, v, changed)));
                )*
                out
            }

            /// The settings that differ from their defaults, in declaration order.
            pub fn changed(&self) -> Vec<(&'static PropInfo, PropValue)> {
                self.values()
                    .into_iter()
                    .filter_map(|(info, value, changed)| changed.then_some((info, value)))
                    .collect()
            }

            /// Sets one setting from a property value; the error says what was expected.
            pub fn set(&mut self, key: &str, value: PropValue) -> Result<(), String> {
                match key {
                    $( stringify!($field) => {
                        self.$field = PropKind::from_prop(value)?;
                        Ok(())
                    } )*
                    _ => Err(unknown_setting(key)),
                }
            }
        }

        /// The keys of the settings, as constants (`key::variables`), for rule locations.
        #[allow(non_upper_case_globals)]
        pub mod key {
            $( #[doc = concat!("`", stringify!($field), "`")] pub const $field: &str = stringify!($field); )*
        }
    };
}

settings_list!(declare_settings);

/// "unknown pipeline setting `x`; expected one of ...".
pub fn unknown_setting(key: &str) -> String {
    let keys: Vec<String> = Settings::PROPS
        .iter()
        .map(|p| format!("`{}`", p.key))
        .collect();
    format!(
        "unknown pipeline setting `{key}`; expected one of {}",
        keys.join(", ")
    )
}

impl Settings {
    /// True when every setting has its default value.
    pub fn is_default(&self) -> bool {
        self == &Self::default()
    }

    /// A setting's declaration by key.
    pub fn prop(key: &str) -> Option<&'static PropInfo> {
        Self::PROPS.iter().find(|p| p.key == key)
    }
}

impl Serialize for Settings {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let values = self.values();
        let mut m = s.serialize_map(Some(values.len()))?;
        for (info, value, _) in values {
            m.serialize_entry(info.key, &to_json(&value))?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Settings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let mut settings = Self::default();
        let mut problems = Vec::new();
        for (key, json) in &map {
            let Some(info) = Self::prop(key) else {
                problems.push(unknown_setting(key));
                continue;
            };
            let set = from_json(info.ty, json).and_then(|v| settings.set(key, v));
            if let Err(e) = set {
                problems.push(format!("`{key}`: {e}"));
            }
        }
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(D::Error::custom(problems.join("; ")))
        }
    }
}

choice! {
    /// CodePipeline pipeline type (CP-V2-1).
    pub enum PipelineType {
        /// The original pipeline type.
        V1 = "V1",
        /// The current type: triggers, variables, execution modes.
        #[default]
        V2 = "V2",
    }
}

choice! {
    /// How executions share the pipeline (CP-V2-2).
    pub enum ExecutionMode {
        /// A newer execution overtakes an older one (the default).
        #[default]
        Superseded = "SUPERSEDED",
        /// Executions wait for each other (V2 only).
        Queued = "QUEUED",
        /// Executions run independently (V2 only).
        Parallel = "PARALLEL",
    }
}

record! {
    /// A pipeline-level variable.
    #[short(name = default)]
    #[own_new]
    pub struct Variable {
        /// Name (CP-NAME-6).
        name: String,
        /// Default value, 1–1000 characters (CP-VAR-2).
        default: Option<Text>,
        /// Description, at most 200 characters (CP-VAR-3).
        description: Option<String>,
    }
}

record! {
    /// An existing artifact store in one Region: its bucket and the KMS key that encrypts it.
    pub struct RegionStore {
        /// The Region code (CP-XREG-1).
        region: String,
        /// The bucket's name.
        bucket: Text,
        /// The KMS key's ARN (or alias ARN); S3's default key when unset, which no other
        /// account can use (CP-XREG-4).
        key: Option<Text>,
    }
}

record! {
    /// A tag on the pipeline.
    #[short(key = value)]
    pub struct Tag {
        /// Key, 1–128 characters.
        key: String,
        /// Value, at most 256 characters.
        value: Text,
    }
}

record! {
    /// A template parameter the stream declares. A property it feeds adds its own rule to the
    /// parameter's constraints, so that CloudFormation refuses a value the rule would refuse.
    #[short(name = default)]
    #[own_new]
    pub struct Parameter {
        /// Logical id (CFN-TPL-1).
        name: String,
        /// CloudFormation type; `String` when unset (CFN-TPL-4).
        param_type: Option<String>,
        /// Default value.
        default: Option<String>,
        /// Description, at most 4000 characters (CFN-TPL-4).
        description: Option<String>,
        /// The values allowed.
        allowed_values: Vec<String>,
        /// A regular expression a value must match as a whole.
        allowed_pattern: Option<String>,
        /// Shortest value, in characters.
        min_length: Option<u32>,
        /// Longest value, in characters.
        max_length: Option<u32>,
        /// Smallest number (a `Number` parameter).
        min_value: Option<u32>,
        /// Largest number (a `Number` parameter).
        max_value: Option<u32>,
        /// Hides the value in the console and API (for secrets).
        no_echo: Option<bool>,
        /// What CloudFormation says when a value breaks a constraint.
        constraint_description: Option<String>,
    }
}

record! {
    /// A template condition the stream declares, named by `!If` and conditional stages.
    #[short(name = test)]
    #[own_new]
    pub struct Condition {
        /// Logical id (CFN-TPL-1).
        name: String,
        /// The condition function: `!Equals`, `!And`, `!Or`, `!Not` or `!Condition`.
        test: Expr,
    }
}

record! {
    /// A template mapping the stream declares: top-level keys to second-level keys to values.
    #[short(name = values)]
    #[own_new]
    pub struct Mapping {
        /// Logical id (CFN-TPL-1).
        name: String,
        /// `{ TopKey: { SecondKey: value, .. }, .. }`.
        values: Expr,
    }
}

record! {
    /// A Git trigger on a connection source action (CP-TRIG).
    #[short(source_action)]
    #[own_new]
    pub struct Trigger {
        /// Name of the connection source action the trigger watches.
        source_action: String,
        /// Push filters, 1–3 when present.
        push: Vec<PushFilter>,
        /// Pull-request filters, 1–3 when present.
        pull_request: Vec<PullRequestFilter>,
    }
}

record! {
    /// Which pushes start the pipeline. Each list holds 1–8 glob patterns when present.
    pub struct PushFilter {
        /// Branch patterns to include.
        branches: Vec<String>,
        /// Branch patterns to exclude.
        branches_excluded: Vec<String>,
        /// Tag patterns to include.
        tags: Vec<String>,
        /// Tag patterns to exclude.
        tags_excluded: Vec<String>,
        /// File path patterns to include.
        file_paths: Vec<String>,
        /// File path patterns to exclude.
        file_paths_excluded: Vec<String>,
    }
}

record! {
    /// Which pull-request events start the pipeline.
    pub struct PullRequestFilter {
        /// Events, 1–3 of open, updated, closed; all three when empty.
        events: Vec<PullRequestEvent>,
        /// Branch patterns to include (CP-TRIG-8 asks for at least one).
        branches: Vec<String>,
        /// Branch patterns to exclude.
        branches_excluded: Vec<String>,
        /// File path patterns to include.
        file_paths: Vec<String>,
        /// File path patterns to exclude.
        file_paths_excluded: Vec<String>,
    }
}

choice! {
    /// A pull-request event type.
    pub enum PullRequestEvent {
        /// A pull request is opened.
        #[default]
        Open = "OPEN",
        /// A pull request gets new commits.
        Updated = "UPDATED",
        /// A pull request is closed.
        Closed = "CLOSED",
    }
}

impl Variable {
    /// A variable without a default or description.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            default: None,
            description: None,
        }
    }

    /// Sets the default value.
    pub fn default_value(mut self, value: impl Into<Text>) -> Self {
        self.default = Some(value.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }
}

impl From<&str> for Variable {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

impl<K: Into<String>, V: Into<Text>> From<(K, V)> for Tag {
    fn from((key, value): (K, V)) -> Self {
        Self::new(key, value)
    }
}

impl Parameter {
    /// A `String` parameter without a default or constraints.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Sets the CloudFormation type (`Number`, `CommaDelimitedList`,
    /// `AWS::SSM::Parameter::Value<String>`, ...).
    pub fn of_type(mut self, param_type: impl Into<String>) -> Self {
        self.param_type = Some(param_type.into());
        self
    }

    /// Sets the default value.
    pub fn default_value(mut self, value: impl Into<String>) -> Self {
        self.default = Some(value.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Allows only these values.
    pub fn allowed_values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.allowed_values = values.into_iter().map(Into::into).collect();
        self
    }

    /// Allows only values matching this regular expression as a whole.
    pub fn allowed_pattern(mut self, pattern: impl Into<String>) -> Self {
        self.allowed_pattern = Some(pattern.into());
        self
    }

    /// Bounds the value's length in characters.
    pub fn length(mut self, min: Option<u32>, max: Option<u32>) -> Self {
        self.min_length = min;
        self.max_length = max;
        self
    }

    /// Bounds a `Number` parameter's value.
    pub fn value_range(mut self, min: Option<u32>, max: Option<u32>) -> Self {
        self.min_value = min;
        self.max_value = max;
        self
    }

    /// Hides the value (`NoEcho`): for secrets.
    pub fn no_echo(mut self) -> Self {
        self.no_echo = Some(true);
        self
    }

    /// What CloudFormation says when a value breaks a constraint.
    pub fn constraint_description(mut self, text: impl Into<String>) -> Self {
        self.constraint_description = Some(text.into());
        self
    }

    /// The CloudFormation type, `String` when unset.
    pub fn type_name(&self) -> &str {
        self.param_type.as_deref().unwrap_or("String")
    }
}

impl Condition {
    /// A condition of this name: `test` is a condition function (`Fn::Equals`, ...), such as
    /// `equals(param("Env"), "prod")`.
    pub fn new(name: impl Into<String>, test: impl Into<Expr>) -> Self {
        Self {
            name: name.into(),
            test: test.into(),
        }
    }
}

impl Mapping {
    /// A mapping of this name from its top-level keys to second-level keys to values.
    pub fn new<K, I, S, V>(
        name: impl Into<String>,
        values: impl IntoIterator<Item = (K, I)>,
    ) -> Self
    where
        K: Into<String>,
        I: IntoIterator<Item = (S, V)>,
        S: Into<String>,
        V: Into<Expr>,
    {
        let top = values
            .into_iter()
            .map(|(k, inner)| {
                let second = inner
                    .into_iter()
                    .map(|(s, v)| (s.into(), v.into()))
                    .collect();
                (k.into(), Expr::Map(second))
            })
            .collect();
        Self {
            name: name.into(),
            values: Expr::Map(top),
        }
    }
}

impl Trigger {
    /// A trigger on the connection source action of this name, with no filters yet.
    pub fn new(source_action: impl Into<String>) -> Self {
        Self {
            source_action: source_action.into(),
            ..Self::default()
        }
    }

    /// Adds a push filter.
    pub fn push(mut self, filter: PushFilter) -> Self {
        self.push.push(filter);
        self
    }

    /// Adds a pull-request filter.
    pub fn pull_request(mut self, filter: PullRequestFilter) -> Self {
        self.pull_request.push(filter);
        self
    }
}

impl PushFilter {
    /// The pattern lists by key, in the order every front end writes them.
    pub fn patterns(&self) -> [(&'static str, &Vec<String>); 6] {
        [
            ("branches", &self.branches),
            ("branches_excluded", &self.branches_excluded),
            ("tags", &self.tags),
            ("tags_excluded", &self.tags_excluded),
            ("file_paths", &self.file_paths),
            ("file_paths_excluded", &self.file_paths_excluded),
        ]
    }
}

impl PullRequestFilter {
    /// The pattern lists by key (events aside), in the order every front end writes them.
    pub fn patterns(&self) -> [(&'static str, &Vec<String>); 4] {
        [
            ("branches", &self.branches),
            ("branches_excluded", &self.branches_excluded),
            ("file_paths", &self.file_paths),
            ("file_paths_excluded", &self.file_paths_excluded),
        ]
    }
}
