//! `step_functions`: a Step Functions state machine started by the pipeline.

use std::collections::BTreeMap;

use crate::catalogue::RuleId;
use crate::cfn::{Expr, Intrinsic};
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{
    choice, kind, optional, required, sub_escape, ActionEmit, Artifacts, ConfigCx, Entry, Kind,
};
use crate::kit::{At, Shape};
use crate::model::{ActionType, Category, Stream};
use crate::model::{Text, Value};

choice! {
    /// How a Step Functions invoke reads `input`.
    pub enum InputType {
        /// `input` is the execution's input itself.
        #[default]
        Literal = "Literal",
        /// `input` is a file in the action's input artifact.
        FilePath = "FilePath",
    }
}

kind! {
    /// A Step Functions execution: the action waits for a standard state machine to finish
    /// (an express one succeeds once started).
    #[kind(step_functions, step)]
    pub struct StepFunctions {
        required {
            /// The state machine's ARN.
            state_machine: Text,
        }
        optional {
            /// Executions are named `<prefix>-<action execution id>`; at most 43 characters.
            execution_name_prefix: Option<Text>,
            /// How `input` is read; `Literal` when unset.
            input_type: Option<InputType>,
            /// The execution's input (JSON text), or with `FilePath` a file in the input artifact.
            input: Option<Text>,
        }
    }
}

/// `arn:<partition>:states:<region>:<account>:stateMachine:<name>[:<version or alias>]`: the
/// parts the grants need.
struct MachineArn<'a> {
    partition: &'a str,
    region: &'a str,
    account: &'a str,
    name: &'a str,
}

fn machine_arn(arn: &str) -> Option<MachineArn<'_>> {
    let mut parts = arn.split(':');
    let (
        Some("arn"),
        Some(partition),
        Some("states"),
        Some(region),
        Some(account),
        Some("stateMachine"),
        Some(name),
    ) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    )
    else {
        return None;
    };
    let valid = partition.starts_with("aws")
        && !region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && !name.is_empty()
        && arn.len() <= 256;
    valid.then_some(MachineArn {
        partition,
        region,
        account,
        name,
    })
}

/// Characters an execution name may not hold (StartExecution `name`).
fn bad_name_char(c: char) -> bool {
    c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^~$&,;:/|`".contains(c)
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_16 = compile("CP-CONF-16", "Step Functions: a state machine ARN; FilePath input names the file");
    CP_CONF_17 = compile("CP-CONF-17", "Step Functions execution name prefix: 1–43 characters an execution name may hold");
    CP_ART_10 = compile("CP-ART-10", "Step Functions FilePath input reads exactly one input artifact");
}

/// The shapes of the state machine's ARN (CP-CONF-16, as `machine_arn` reads one) and of the
/// execution name prefix (CP-CONF-17).
const SHAPES: &[(&str, Shape)] = &[
    (
        "state_machine",
        Shape {
            rule: CP_CONF_16,
            what: "state machine ARN",
            min: 1,
            max: 256,
            chars: None,
            form: Some(Form {
                pattern: r"arn:aws[^:]*:states:[^:]+:[0-9]{12}:stateMachine:[^:]+(:[\s\S]*)?",
                accepts: |a| machine_arn(a).is_some(),
                computed_only: false,
            }),
        },
    ),
    (
        "execution_name_prefix",
        Shape {
            rule: CP_CONF_17,
            what: "execution name prefix",
            min: 1,
            max: 43,
            chars: Some(Chars {
                allowed: |c| !bad_name_char(c),
                class: r##"^\s\x00-\x1f\x7f-\x9f<>{}\[\]?*"#%\\^~$&,;:/|`"##,
                words: "no spaces, brackets, wildcards or any of \"#%\\^~$&,;:/|`",
            }),
            form: None,
        },
    ),
];

impl Kind for StepFunctions {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Invoke, "StepFunctions")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-25",
        inputs: (0, 1),
        outputs: (0, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("StateMachineArn"),
        optional("ExecutionNamePrefix"),
        optional("InputType"),
        optional("Input"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of(
            "StateMachineArn",
            "state_machine",
            &self.state_machine,
        )];
        out.extend(Entry::of_opt(
            "ExecutionNamePrefix",
            "execution_name_prefix",
            &self.execution_name_prefix,
        ));
        if let Some(t) = self.input_type {
            out.push(Entry::owned(
                "InputType",
                Some("input_type"),
                t.as_str().to_owned(),
            ));
        }
        out.extend(Entry::of_opt("Input", "input", &self.input));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        if let Some(arn) = self
            .state_machine
            .as_str()
            .filter(|a| machine_arn(a).is_none())
        {
            out.push(Violation::error(
                CP_CONF_16,
                at.loc(Field::Prop("state_machine")),
                format!("{} is not a state machine ARN", quote(arn)),
                "write arn:aws:states:REGION:ACCOUNT:stateMachine:NAME",
            ));
        }
        let file = self.input_type == Some(InputType::FilePath);
        if file && self.input.is_none() {
            out.push(Violation::error(
                CP_CONF_16,
                at.loc(Field::Prop("input")),
                "a Step Functions invoke with input type FilePath needs the file's path as `input`",
                "set `input` to the path of the file in the input artifact",
            ));
        }
        let inputs = at.action.all_inputs().len();
        if file && inputs != 1 {
            out.push(Violation::error(
                CP_ART_10,
                at.loc(Field::Prop("input_type")),
                format!("input type FilePath reads a file from exactly one input artifact, not {inputs}"),
                "give the action the artifact that holds the input file",
            ));
        }
        if let Some(p) = self.execution_name_prefix.as_ref().and_then(Text::as_str) {
            if p.is_empty() || p.chars().count() > 43 || p.chars().any(bad_name_char) {
                out.push(Violation::error(
                    CP_CONF_17,
                    at.loc(Field::Prop("execution_name_prefix")),
                    format!("execution name prefix {} cannot start an execution name", quote(p)),
                    "use 1–43 characters without spaces, brackets, wildcards or any of \"#%\\^~$&,;:/|`",
                ));
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let Some((machine, executions)) =
            machine_grants(&self.state_machine, self.execution_name_prefix.as_ref())
        else {
            return;
        };
        let g = cx.grants();
        g.allow(
            "StartStateMachines",
            &["states:DescribeStateMachine", "states:StartExecution"],
            machine,
        );
        g.allow("WatchExecutions", &["states:DescribeExecution"], executions);
    }
}

/// The state machine's ARN and the ARN of its executions (named with the prefix): from a
/// literal ARN directly, from a computed one through `Fn::Split` of its parts.
fn machine_grants(machine: &Text, prefix: Option<&Text>) -> Option<(Expr, Expr)> {
    let prefix = prefix.map_or(Part::Lit(""), Part::Val);
    match machine {
        Value::Lit(arn) => {
            let m = machine_arn(arn)?;
            let head = format!(
                "arn:{}:states:{}:{}:execution:{}:",
                m.partition, m.region, m.account, m.name
            );
            let executions = arn::sub_of(&sub_escape(&head), &[prefix, Part::Lit("*")]);
            let machine = format!(
                "arn:{}:states:{}:{}:stateMachine:{}",
                m.partition, m.region, m.account, m.name
            );
            Some((Expr::str(machine), executions))
        }
        Value::Expr(e) => {
            // arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME
            let part = |i: u32| {
                Expr::call(Intrinsic::Select(
                    Expr::Str(i.to_string()),
                    Expr::call(Intrinsic::Split(":".to_owned(), e.clone())),
                ))
            };
            let vars: BTreeMap<String, Expr> = [
                ("Partition", part(1)),
                ("MachineRegion", part(3)),
                ("MachineAccount", part(4)),
                ("MachineName", part(6)),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
            let mut text = "arn:${Partition}:states:${MachineRegion}:${MachineAccount}:execution:${MachineName}:".to_owned();
            match prefix {
                Part::Lit(p) => text.push_str(&sub_escape(p)),
                Part::Val(Value::Lit(p)) => text.push_str(&sub_escape(p)),
                Part::Val(Value::Expr(p)) => {
                    text.push_str("${ExecutionNamePrefix}");
                    let mut vars = vars.clone();
                    vars.insert("ExecutionNamePrefix".to_owned(), p.clone());
                    text.push('*');
                    return Some((e.clone(), Expr::call(Intrinsic::SubWith(text, vars))));
                }
            }
            text.push('*');
            Some((e.clone(), Expr::call(Intrinsic::SubWith(text, vars))))
        }
    }
}
