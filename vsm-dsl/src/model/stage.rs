//! A stage: its actions grouped by run order, and its settings, declared once.
//!
//! `stage_settings_list!` holds the one declaration of every stage setting: its key (the
//! field of [`StageSettings`], the builder's method on a stage, the `stream!` macro's key in a
//! stage block, the JSON key of a stage), where in the stage it applies, the
//! `StageDeclaration` property it is emitted as, and its doc line. The builder's methods, the
//! JSON form, the macro's reading of a stage block and the docs table are generated from it
//! or read it through [`StageSettings::PROPS`].

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::presence::Presence;
use super::{Action, StageCondition};

/// Calls `$then! { .. }` with every stage setting: `doc, key: Place = "CloudFormation key"`.
macro_rules! stage_settings_list {
    ($then:ident) => {
        $then! {
            /// Checked before the stage is entered: when a rule is not met, `FAIL` stops the
            /// execution there and `SKIP` skips the stage (V2 only).
            before_entry: BeforeEntry = "BeforeEntry",
            /// Checked once every action of the stage succeeded: when a rule is not met, the
            /// stage rolls back (`ROLLBACK`) or fails (`FAIL`) (V2 only).
            on_success: OnSuccess = "OnSuccess",
            /// What a failure of the stage does: `ROLLBACK` to the last execution that
            /// succeeded in it, `RETRY` it once (`retry_mode`), or `FAIL` (the default); with
            /// rules, it rolls back only when one is not met (V2 only).
            on_failure: OnFailure = "OnFailure",
        }
    };
}
pub(crate) use stage_settings_list;

/// One stage setting as the docs and the front ends see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageSettingInfo {
    /// The key: the field name everywhere.
    pub key: &'static str,
    /// Where in the stage it applies.
    pub place: ConditionPlace,
    /// Its doc comment.
    pub doc: &'static str,
}

impl StageSettingInfo {
    /// The first line of the doc comment.
    pub fn summary(&self) -> &'static str {
        self.doc.trim().lines().next().unwrap_or("").trim()
    }
}

/// Declares [`StageSettings`] and [`ConditionPlace`] from the list.
macro_rules! declare_stage_settings {
    ($( $(#[doc = $doc:literal])* $field:ident : $place:ident = $cfn:literal ),* $(,)?) => {
        /// Where in a stage a condition applies.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ConditionPlace {
            $( $(#[doc = $doc])* $place, )*
        }

        impl ConditionPlace {
            /// Every place, in declaration order.
            pub const ALL: &'static [ConditionPlace] = &[ $( ConditionPlace::$place ),* ];

            /// The key of its stage setting.
            pub fn key(self) -> &'static str {
                match self { $( Self::$place => stringify!($field), )* }
            }

            /// The `StageDeclaration` property it is emitted as.
            pub fn cfn(self) -> &'static str {
                match self { $( Self::$place => $cfn, )* }
            }

            /// The place of a stage setting's key.
            pub fn of_key(key: &str) -> Option<Self> {
                match key { $( stringify!($field) => Some(Self::$place), )* _ => None }
            }
        }

        /// A stage's settings (see `stage_settings_list!` in this module for the declaration).
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct StageSettings {
            $( $(#[doc = $doc])* pub $field: Option<StageCondition>, )*
        }

        impl StageSettings {
            /// Every stage setting, in declaration order.
            pub const PROPS: &'static [StageSettingInfo] = &[
                $( StageSettingInfo {
                    key: stringify!($field),
                    place: ConditionPlace::$place,
                    doc: concat!($($doc, "\n"),*),
                }, )*
            ];

            /// The condition at a place, if set.
            pub fn get(&self, place: ConditionPlace) -> Option<&StageCondition> {
                match place { $( ConditionPlace::$place => self.$field.as_ref(), )* }
            }

            /// The slot of the condition at a place.
            pub fn slot(&mut self, place: ConditionPlace) -> &mut Option<StageCondition> {
                match place { $( ConditionPlace::$place => &mut self.$field, )* }
            }
        }

        /// The keys of the stage settings, as constants, for rule locations.
        #[allow(non_upper_case_globals)]
        pub mod stage_key {
            $( #[doc = concat!("`", stringify!($field), "`")] pub const $field: &str = stringify!($field); )*
        }
    };
}

stage_settings_list!(declare_stage_settings);

impl ConditionPlace {
    /// The key of its condition's annotations in the template's `Metadata.ValueStream`: the
    /// setting's key in parentheses, which no action name can be (`(before_entry)`).
    pub fn metadata_key(self) -> String {
        format!("({})", self.key())
    }
}

impl StageSettings {
    /// The conditions that are set, in declaration order.
    pub fn conditions(&self) -> impl Iterator<Item = (ConditionPlace, &StageCondition)> {
        ConditionPlace::ALL
            .iter()
            .filter_map(|p| self.get(*p).map(|c| (*p, c)))
    }

    /// True when no setting is set.
    pub fn is_empty(&self) -> bool {
        self.conditions().next().is_none()
    }

    /// A setting's declaration by key.
    pub fn prop(key: &str) -> Option<&'static StageSettingInfo> {
        Self::PROPS.iter().find(|p| p.key == key)
    }
}

/// "unknown stage setting `x`; expected one of ...".
pub fn unknown_stage_setting(key: &str) -> String {
    let keys: Vec<String> = StageSettings::PROPS
        .iter()
        .map(|p| format!("`{}`", p.key))
        .collect();
    format!(
        "unknown stage setting `{key}`; expected one of {}, `when`, `unless` or `actions`",
        keys.join(", ")
    )
}

/// One stage: actions grouped by run order, and its settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// Stage name (CP-NAME-2), unique in the stream.
    pub name: String,
    /// Actions in declaration order; [`Action::run_order`] decides what runs in parallel.
    pub actions: Vec<Action>,
    /// Its conditions: before entry, on success, on failure.
    pub settings: StageSettings,
    /// Template conditions that must hold for the stage to be in the pipeline.
    pub when: Vec<String>,
    /// Template conditions that must not hold for the stage to be in the pipeline.
    pub unless: Vec<String>,
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("name", &self.name)?;
        for (key, list) in [("when", &self.when), ("unless", &self.unless)] {
            if !list.is_empty() {
                m.serialize_entry(key, list)?;
            }
        }
        for (place, condition) in self.settings.conditions() {
            m.serialize_entry(place.key(), condition)?;
        }
        m.serialize_entry("actions", &self.actions)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for Stage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let mut name = None;
        let mut actions = None;
        let mut settings = StageSettings::default();
        let (mut when, mut unless) = (Vec::new(), Vec::new());
        let mut problems = Vec::new();
        for (key, value) in map {
            let read = match key.as_str() {
                "name" => serde_json::from_value(value)
                    .map(|n| name = Some(n))
                    .map_err(|e| e.to_string()),
                "actions" => serde_json::from_value(value)
                    .map(|a| actions = Some(a))
                    .map_err(|e| e.to_string()),
                "when" | "unless" => super::presence::one_or_many(value)
                    .map(|list| {
                        *if key == "when" {
                            &mut when
                        } else {
                            &mut unless
                        } = list;
                    })
                    .map_err(|e| format!("`{key}`: {e}")),
                other => match ConditionPlace::of_key(other) {
                    Some(place) => serde_json::from_value(value)
                        .map(|c| *settings.slot(place) = Some(c))
                        .map_err(|e| format!("`{other}`: {e}")),
                    None => Err(unknown_stage_setting(other)),
                },
            };
            if let Err(e) = read {
                problems.push(e);
            }
        }
        if name.is_none() {
            problems.push("a stage needs a `name`".to_owned());
        }
        if actions.is_none() {
            problems.push("a stage needs its `actions`".to_owned());
        }
        match (name, actions) {
            (Some(name), Some(actions)) if problems.is_empty() => Ok(Self {
                name,
                actions,
                settings,
                when,
                unless,
            }),
            _ => Err(D::Error::custom(problems.join("; "))),
        }
    }
}

impl Stage {
    /// A stage with no actions.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            actions: Vec::new(),
            settings: StageSettings::default(),
            when: Vec::new(),
            unless: Vec::new(),
        }
    }

    /// When the stage is in the pipeline.
    pub fn presence(&self) -> Presence<'_> {
        Presence::of(&self.when, &self.unless)
    }

    /// When an action of this stage is in the pipeline: the stage's terms and its own.
    pub fn presence_of<'a>(&'a self, action: &'a Action) -> Presence<'a> {
        self.presence().and(&action.presence())
    }

    /// The run order of the next step: one past every run order so far, and past `current`.
    /// The builder's `then()` and the `stream!` macro's next line both step this way.
    pub fn next_run_order(&self, current: u32) -> u32 {
        let max = self.actions.iter().map(|a| a.run_order).max().unwrap_or(0);
        max.max(current).saturating_add(1)
    }

    /// The distinct run orders of this stage, ascending.
    pub fn run_orders(&self) -> Vec<u32> {
        let mut orders: Vec<u32> = self.actions.iter().map(|a| a.run_order).collect();
        orders.sort_unstable();
        orders.dedup();
        orders
    }

    /// The actions of this stage grouped by run order (parallel groups), in run order.
    pub fn groups(&self) -> Vec<(u32, Vec<&Action>)> {
        self.run_orders()
            .into_iter()
            .map(|order| {
                (
                    order,
                    self.actions
                        .iter()
                        .filter(|a| a.run_order == order)
                        .collect(),
                )
            })
            .collect()
    }
}
