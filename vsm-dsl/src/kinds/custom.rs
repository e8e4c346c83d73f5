//! `custom`: any action type, written out in full — the escape hatch.

use crate::catalogue::{CP_SEC_1, CP_SEC_4, CP_TYPE_3, CP_TYPE_4};
use std::collections::BTreeMap;

use crate::catalogue::RuleId;
use crate::cfn::{Expr, Statement};
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::pascal;
use crate::kit::{kind, record, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{name_problem, At};
use crate::model::Text;
use crate::model::{ActionType, Category, Owner, Stream};

/// Custom-owned types without a row of their own: 0–5 each way (CP-TYPE-M-30).
pub const CUSTOM_ARTIFACTS: Artifacts = Artifacts {
    row: "CP-TYPE-M-30",
    inputs: (0, 5),
    outputs: (0, 5),
};

/// Configuration keys whose values are secrets (CP-SEC-1).
pub const SECRET_KEYS: &[&str] = &["OAuthToken", "SecretToken", "ClientSecret", "RefreshToken"];

record! {
    /// An IAM statement the pipeline role needs for a custom action.
    pub struct PolicyStatement {
        /// IAM actions, such as `states:StartExecution`.
        actions: Vec<String>,
        /// Resource ARNs.
        resources: Vec<String>,
    }
}

kind! {
    /// Any other action type, written out in full; checked against the catalogue where the
    /// type is known.
    #[kind(custom, any)]
    pub struct Custom {
        required {
            /// The category.
            category: Category,
            /// The owner.
            owner: Owner,
            /// The provider, such as `DeviceFarm`.
            provider: String,
        }
        optional {
            /// The action type's version; `1` (every built-in type's) when unset.
            version: Option<String>,
            /// Configuration keys and values.
            config: BTreeMap<String, Text>,
            /// Statements added to the pipeline role so the action can run.
            permissions: Vec<PolicyStatement>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_SEC_19 = compile("CP-SEC-19", "custom permissions: IAM actions as `service:Action` without wildcards, on ARNs; `*` only for actions without resource-level permissions");
}

impl Kind for Custom {
    const TYPES: &'static [ActionType<'static>] = &[];
    const ARTIFACTS: Option<Artifacts> = None;
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[];

    fn action_type(&self) -> ActionType<'_> {
        ActionType {
            category: self.category,
            owner: self.owner,
            provider: &self.provider,
            version: self.version.as_deref().unwrap_or("1"),
        }
    }

    /// Custom-owned types' counts; the rules read the counts of a known type from the
    /// catalogue first (`rules::type_facts`).
    fn artifacts(&self) -> Option<Artifacts> {
        (self.owner == Owner::Custom).then_some(CUSTOM_ARTIFACTS)
    }

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        Vec::new()
    }

    fn custom_configuration(&self) -> Vec<(&str, &Text)> {
        self.config.iter().map(|(k, v)| (k.as_str(), v)).collect()
    }

    const RULES: &'static [RuleId] = RULES;

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        self.check_type(at, out);
        self.check_config(at, out);
        for (i, p) in self.permissions.iter().enumerate() {
            check_permission(at, i, p, out);
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let (stage, action) = (pascal(&cx.stage.name), pascal(&cx.action.name));
        for (i, p) in self.permissions.iter().enumerate() {
            let sid = format!("Custom{stage}{action}{}", i + 1);
            let actions: Vec<&str> = p.actions.iter().map(String::as_str).collect();
            if actions.is_empty() {
                // CP-SEC-19 refuses it; a stream emitted without the rules (the cfn-lint
                // differential) shows it as written, a statement without actions.
                let resources = p.resources.iter().map(Expr::str).collect();
                let statement = Statement::allow(actions, resources).sid(sid);
                cx.grants().extend(vec![statement]);
                continue;
            }
            for r in &p.resources {
                cx.grants().allow(&sid, &actions, Expr::str(r));
            }
        }
    }
}

/// CP-SEC-19: one permission statement grants named actions on named resources.
fn check_permission(at: &At<'_>, i: usize, p: &PolicyStatement, out: &mut Vec<Violation>) {
    let mut problem = |message: String, hint: &str| {
        out.push(Violation::error(
            CP_SEC_19,
            at.loc(Field::Prop("permissions")),
            format!("permission #{}: {message}", i + 1),
            hint,
        ));
    };
    if p.actions.is_empty() || p.resources.is_empty() {
        problem(
            "a statement needs at least one action and one resource".to_owned(),
            "list the IAM actions the custom action needs and the ARNs they act on",
        );
    }
    for a in &p.actions {
        if !is_iam_action(a) {
            problem(
                format!(
                    "{} is not one IAM action (`service:Action`, no wildcards)",
                    quote(a)
                ),
                "name each action the custom action needs, such as `devicefarm:ScheduleRun`",
            );
        }
    }
    for r in &p.resources {
        if r == "*" {
            if let Some(a) = p.actions.iter().find(|a| !crate::kit::is_unscoped(a)) {
                problem(
                    format!("{} is granted on every resource (`*`), but it has resource-level permissions", quote(a)),
                    "give the ARNs it acts on; `*` is only for actions without resource types (such as `codepipeline:PutJobSuccessResult`)",
                );
            }
        } else if !r.starts_with("arn:") || r.split(':').count() < 6 {
            problem(
                format!("resource {} is not an ARN", quote(r)),
                "write the resource's full ARN, such as arn:aws:states:eu-west-1:123456789012:stateMachine:release",
            );
        }
    }
}

/// `service:Action`: a lowercase service prefix, then letters and digits.
fn is_iam_action(action: &str) -> bool {
    action.split_once(':').is_some_and(|(service, name)| {
        !service.is_empty()
            && service
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

fn type_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-')
}

impl Custom {
    /// CP-TYPE-3, 4: the provider and version as written (CP-TYPE-5, whether the type
    /// exists, is checked for every action, `rules::types`).
    fn check_type(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        let charset = "letters, digits, '_' and '-'";
        if let Some(p) = name_problem(&self.provider, 35, type_char, charset) {
            out.push(Violation::error(
                CP_TYPE_3,
                at.loc(Field::Kind),
                format!("provider {} {p}", quote(&self.provider)),
                "use the provider's exact name, such as StepFunctions",
            ));
        }
        let version = self.version.as_deref().unwrap_or("1");
        if let Some(p) = name_problem(version, 9, type_char, charset) {
            out.push(Violation::error(
                CP_TYPE_4,
                at.loc(Field::Kind),
                format!("version {} {p}", quote(version)),
                "every built-in action type uses version \"1\"",
            ));
        }
    }

    /// CP-SEC: secrets in the configuration and GitHub version 1 (the configuration keys a
    /// known type needs are checked for every action, `rules::types`).
    fn check_config(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        for key in SECRET_KEYS {
            if self
                .config
                .get(*key)
                .and_then(Text::as_str)
                .is_some_and(|v| !v.starts_with("{{resolve:secretsmanager:"))
            {
                out.push(Violation::error(
                    CP_SEC_1,
                    at.loc(Field::Prop("config")),
                    format!("configuration key {key} holds a literal secret, which would be stored in the template"),
                    "store the secret in Secrets Manager and write `{{resolve:secretsmanager:NAME:SecretString:KEY}}`",
                ));
            }
        }
        if self.owner == Owner::ThirdParty
            && self.category == Category::Source
            && self.provider == "GitHub"
        {
            out.push(Violation::warning(
                CP_SEC_4,
                at.loc(Field::Kind),
                "the GitHub version 1 source uses an OAuth token, which AWS no longer recommends",
                "use a connection source (`connection(...)`) instead",
            ));
        }
    }
}
