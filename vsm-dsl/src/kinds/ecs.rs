//! `ecs`: an Amazon ECS standard deploy (a rolling update of one service).

use serde_json::json;
use std::time::Duration;

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::Chars;
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::duration::Human;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// A rolling deploy of an ECS service: registers a new revision of the service's task
    /// definition with the images named in the input's image definitions file, then updates
    /// the service.
    #[kind(ecs, step)]
    pub struct Ecs {
        required {
            /// The cluster's name.
            cluster: Text,
            /// The service's name.
            service: Text,
        }
        optional {
            /// The image definitions file in the input artifact; `imagedefinitions.json` when unset.
            file: Option<String>,
            /// How long the deploy may take, 1 to 60 minutes; 60 when unset.
            timeout: Option<Duration>,
            /// The roles the service's tasks run as (task role, execution role), as names or ARNs:
            /// the deploy passes them to ECS. Any role of the account, passed to ECS only, when empty.
            task_roles: Vec<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_10 = compile("CP-CONF-10", "ECS deployment timeout: whole minutes, 1–60");
    CP_CONF_11 = compile("CP-CONF-11", "ECS cluster and service names: 1–255 of [A-Za-z0-9_-]");
}

/// An ECS cluster or service name (CP-CONF-11), as [`ecs_name`] checks it.
const ECS_NAME: Shape = Shape {
    rule: CP_CONF_11,
    what: "ECS name",
    min: 1,
    max: 255,
    chars: Some(Chars {
        allowed: |c| c.is_ascii_alphanumeric() || c == '_' || c == '-',
        class: "A-Za-z0-9_-",
        words: "letters, digits, '_' and '-'",
    }),
    form: None,
};

impl Kind for Ecs {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Deploy, "ECS")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-17",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("ClusterName"),
        required("ServiceName"),
        optional("FileName"),
        optional("DeploymentTimeout"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] =
        &[("cluster", ECS_NAME), ("service", ECS_NAME)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::of("ClusterName", "cluster", &self.cluster),
            Entry::of("ServiceName", "service", &self.service),
        ];
        out.extend(Entry::opt("FileName", "file", &self.file));
        if let Some(t) = self.timeout {
            let minutes = t.as_secs() / 60;
            out.push(Entry::owned(
                "DeploymentTimeout",
                Some("timeout"),
                minutes.to_string(),
            ));
        }
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        for (prop, name) in [("cluster", &self.cluster), ("service", &self.service)] {
            if let Some(name) = name.as_str() {
                ecs_name(at, prop, name, out);
            }
        }
        if let Some(t) = self.timeout {
            let secs = t.as_secs();
            if !(60..=3600).contains(&secs) || secs % 60 != 0 || t.subsec_nanos() != 0 {
                out.push(Violation::error(
                    CP_CONF_10,
                    at.loc(Field::Prop("timeout")),
                    format!(
                        "ECS deployment timeout {} is not 1 to 60 whole minutes",
                        Human(t)
                    ),
                    "give a timeout from 1m to 60m (the action times out after an hour anyway)",
                ));
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let service = arn::regional_of(
            "ecs",
            &[
                Part::Lit("service/"),
                Part::Val(&self.cluster),
                Part::Lit("/"),
                Part::Val(&self.service),
            ],
        );
        let g = cx.grants();
        g.allow(
            "DeployEcsServices",
            &["ecs:DescribeServices", "ecs:UpdateService"],
            service,
        );
        task_definition_grants(cx, &self.task_roles);
    }
}

/// CP-CONF-11: ECS cluster and service names.
fn ecs_name(at: &At<'_>, prop: &'static str, name: &str, out: &mut Vec<Violation>) {
    let ok = (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !ok {
        out.push(Violation::error(
            CP_CONF_11,
            at.loc(Field::Prop(prop)),
            format!(
                "ECS {prop} name {} is not 1–255 letters, digits, '_' and '-'",
                quote(name)
            ),
            format!("give the {prop}'s name as ECS shows it"),
        ));
    }
}

/// What registering a task definition for a service needs (CP-SEC-9, CP-SEC-16): describe
/// (no resource-level permission), register and tag task definitions, and pass the tasks'
/// roles to ECS only.
pub(crate) fn task_definition_grants(cx: &mut ActionEmit<'_, '_>, roles: &[Text]) {
    let g = cx.grants();
    g.allow_unscoped("DescribeTaskDefinitions", &["ecs:DescribeTaskDefinition"]);
    g.allow(
        "RegisterTaskDefinitions",
        &["ecs:RegisterTaskDefinition"],
        arn::regional("ecs", "task-definition/*"),
    );
    g.allow_if(
        "TagNewTaskDefinitions",
        &["ecs:TagResource"],
        arn::regional("ecs", "task-definition/*"),
        Some(json!({"StringEquals": {"ecs:CreateAction": "RegisterTaskDefinition"}})),
    );
    let targets: Vec<Expr> = if roles.is_empty() {
        vec![arn::global("iam", "role/*")]
    } else {
        roles.iter().map(arn::role_of).collect()
    };
    for role in targets {
        g.allow_if(
            "PassTaskRoles",
            &["iam:PassRole"],
            role,
            Some(json!({"StringEquals": {"iam:PassedToService": ["ecs-tasks.amazonaws.com", "ecs.amazonaws.com"]}})),
        );
    }
}
