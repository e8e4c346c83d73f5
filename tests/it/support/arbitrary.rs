//! Streams of any shape and content, over every kind, property and setting: for round trips
//! that do not need a valid stream (printing and reading back).

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use std::time::Duration;
use vsm::cfn::Expr;

use vsm::kinds::{ActionKind, Choice, KindInfo, PropType, PropValue, Record, KINDS};
use vsm::model::{
    Action, Annotations, ExecutionMode, PipelineType, PullRequestEvent, PullRequestFilter,
    PushFilter, Settings, Stage, Stream, Tag, TimeScale, Trigger, Variable,
};

/// Text: mostly names a person writes, sometimes anything at all.
pub fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[A-Za-z][A-Za-z0-9_-]{0,12}",
        1 => "[ -~]{0,20}",
        1 => any::<String>().prop_map(|s| s.chars().take(30).collect()),
    ]
    .boxed()
}

fn durations() -> BoxedStrategy<Duration> {
    prop_oneof![
        (0u64..100).prop_map(|m| Duration::from_secs(m * 60)),
        (0u64..10_000_000).prop_map(Duration::from_secs),
    ]
    .boxed()
}

fn word(c: &'static Choice) -> BoxedStrategy<PropValue> {
    select(c.options.iter().map(|o| o.0).collect::<Vec<_>>())
        .prop_map(PropValue::Word)
        .boxed()
}

fn record(r: &'static Record) -> BoxedStrategy<PropValue> {
    let fields: Vec<BoxedStrategy<Option<(String, PropValue)>>> = r
        .fields
        .iter()
        .map(|f| {
            let key = f.key.to_owned();
            let v = value(f.ty).prop_map(move |v| (key.clone(), v));
            if f.required {
                v.prop_map(Some).boxed()
            } else {
                option::of(v).boxed()
            }
        })
        .collect();
    fields
        .prop_map(|fs| PropValue::Map(fs.into_iter().flatten().collect()))
        .boxed()
}

/// A value of a property type.
pub fn value(ty: PropType) -> BoxedStrategy<PropValue> {
    match ty {
        PropType::Text => text().prop_map(PropValue::Text).boxed(),
        PropType::Bool => any::<bool>().prop_map(PropValue::Bool).boxed(),
        PropType::Count => any::<u32>().prop_map(PropValue::Count).boxed(),
        PropType::Duration => durations().prop_map(PropValue::Duration).boxed(),
        PropType::Choice(c) => word(c),
        PropType::TextList => vec(text().prop_map(PropValue::Text), 1..4)
            .prop_map(PropValue::List)
            .boxed(),
        PropType::ChoiceList(c) => vec(word(c), 1..4).prop_map(PropValue::List).boxed(),
        PropType::TextMap => btree_map(text(), text(), 1..4)
            .prop_map(|m| {
                PropValue::Map(
                    m.into_iter()
                        .map(|(k, v)| (k, PropValue::Text(v)))
                        .collect(),
                )
            })
            .boxed(),
        PropType::Records(r) => vec(record(r), 1..3).prop_map(PropValue::List).boxed(),
        PropType::Record(r) => record(r),
        // The notation's own example: a value the type reads.
        PropType::Parsed(p) => Just(PropValue::Text(p.example.to_owned())).boxed(),
        PropType::Template => prop_oneof![
            text().prop_map(|t| PropValue::Expr(Expr::Str(t))),
            Just(PropValue::Expr(Expr::Ref("AWS::Region".to_owned()))),
            text().prop_map(|t| PropValue::Expr(Expr::Sub(format!("${{AWS::StackName}}-{t}")))),
        ]
        .boxed(),
    }
}

/// A kind with its required properties and some of the others.
pub fn kind(info: &'static KindInfo) -> BoxedStrategy<ActionKind> {
    let props: Vec<BoxedStrategy<Option<(String, PropValue)>>> = info
        .props
        .iter()
        .map(|p| {
            let key = p.key.to_owned();
            let v = value(p.ty).prop_map(move |v| (key.clone(), v));
            if p.required {
                v.prop_map(Some).boxed()
            } else {
                option::weighted(0.6, v).boxed()
            }
        })
        .collect();
    props
        .prop_map(move |values| {
            (info.from_values)(values.into_iter().flatten().collect())
                .expect("values of the declared types make the kind")
        })
        .boxed()
}

/// Any kind.
pub fn any_kind() -> BoxedStrategy<ActionKind> {
    select(KINDS.to_vec()).prop_flat_map(kind).boxed()
}

fn annotations() -> impl Strategy<Value = Annotations> {
    (
        option::of(durations()),
        option::of(durations()),
        option::of(prop_oneof![
            (0u32..=1000).prop_map(|n| f64::from(n) / 10.0),
            (-500i32..5000).prop_map(|n| f64::from(n) / 10.0)
        ]),
    )
        .prop_map(|(process_time, wait_time, complete_accurate)| Annotations {
            process_time,
            wait_time,
            complete_accurate,
        })
}

/// An action before its run order is decided, and how it is placed.
fn placed_action() -> impl Strategy<Value = (Action, bool, Option<u32>)> {
    (
        text(),
        any_kind(),
        vec(text(), 0..3),
        vec(text(), 0..3),
        option::of(text()),
        annotations(),
        any::<bool>(),
        option::weighted(0.15, 1u32..2000),
        presence(),
    )
        .prop_map(
            |(
                name,
                kind,
                inputs,
                outputs,
                namespace,
                annotations,
                new_step,
                explicit,
                (when, unless),
            )| {
                let action = Action {
                    name,
                    run_order: 1,
                    kind,
                    inputs,
                    outputs,
                    namespace,
                    account: None,
                    region: None,
                    action_role: None,
                    when,
                    unless,
                    annotations,
                };
                (action, new_step, explicit)
            },
        )
}

/// A stage whose run orders come from steps, as the front ends number them, with some
/// written out.
/// Template conditions a stage or an action is present under: mostly none.
fn presence() -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    let names = || {
        prop_oneof![
            3 => Just(Vec::new()),
            1 => vec(prop_oneof![4 => "[A-Z][A-Za-z0-9]{0,8}", 1 => text()], 1..3),
        ]
    };
    (names(), names())
}

fn stage() -> impl Strategy<Value = Stage> {
    (text(), vec(placed_action(), 1..6), presence()).prop_map(|(name, actions, (when, unless))| {
        let mut stage = Stage::new(name);
        stage.when = when;
        stage.unless = unless;
        let mut current = 1;
        for (mut action, new_step, explicit) in actions {
            if new_step && !stage.actions.is_empty() {
                current = stage.next_run_order(current);
            }
            action.run_order = explicit.unwrap_or(current);
            stage.actions.push(action);
        }
        stage
    })
}

fn push_filter() -> impl Strategy<Value = PushFilter> {
    let list = || vec(text(), 0..3);
    (list(), list(), list(), list(), list(), list()).prop_map(|(a, b, c, d, e, f)| PushFilter {
        branches: a,
        branches_excluded: b,
        tags: c,
        tags_excluded: d,
        file_paths: e,
        file_paths_excluded: f,
    })
}

fn pull_request_filter() -> impl Strategy<Value = PullRequestFilter> {
    let list = || vec(text(), 0..3);
    (
        vec(select(PullRequestEvent::ALL.to_vec()), 0..3),
        list(),
        list(),
        list(),
        list(),
    )
        .prop_map(|(events, a, b, c, d)| PullRequestFilter {
            events,
            branches: a,
            branches_excluded: b,
            file_paths: c,
            file_paths_excluded: d,
        })
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        select(PipelineType::ALL.to_vec()),
        option::of(select(ExecutionMode::ALL.to_vec())),
        vec(
            (text(), option::of(text()), option::of(text())).prop_map(
                |(name, default, description)| Variable {
                    name,
                    default: default.map(Into::into),
                    description,
                },
            ),
            0..3,
        ),
        vec(
            (
                text(),
                vec(push_filter(), 0..2),
                vec(pull_request_filter(), 0..2),
            )
                .prop_map(|(source_action, push, pull_request)| Trigger {
                    source_action,
                    push,
                    pull_request,
                }),
            0..3,
        ),
        vec(
            (text(), text()).prop_map(|(key, value)| Tag {
                key,
                value: value.into(),
            }),
            0..3,
        ),
        any::<bool>(),
        option::of((1u64..200_000, 1u64..600).prop_map(|(map, run)| TimeScale {
            map: Duration::from_secs(map),
            run: Duration::from_secs(run),
        })),
    )
        .prop_map(
            |(pipeline_type, execution_mode, variables, triggers, tags, dashboard, simulate)| {
                kind!(Settings {
                    pipeline_type: pipeline_type,
                    execution_mode: execution_mode,
                    variables: variables,
                    triggers: triggers,
                    tags: tags,
                    dashboard: dashboard,
                    simulate: simulate,
                })
            },
        )
}

/// A stream of any shape.
pub fn stream() -> impl Strategy<Value = Stream> {
    (text(), settings(), vec(stage(), 0..5)).prop_map(|(name, settings, stages)| Stream {
        name: name.into(),
        settings,
        stages,
    })
}
