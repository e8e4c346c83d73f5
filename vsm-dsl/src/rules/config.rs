//! CP-CONF and CP-SEC: action configuration values.

use super::{actions, At};
use crate::diagnostic::{Field, Violation};
use crate::model::{ActionKind, Category, ConfigValue, Owner, RoleSource, Stream};

/// Required configuration keys of action types written through the escape hatch (CP-CONF-3).
const REQUIRED: &[(Category, &str, &[&str])] = &[
    (Category::Build, "CodeBuild", &["ProjectName"]),
    (Category::Test, "CodeBuild", &["ProjectName"]),
    (
        Category::Source,
        "CodeCommit",
        &["RepositoryName", "BranchName"],
    ),
    (Category::Source, "S3", &["S3Bucket", "S3ObjectKey"]),
    (Category::Source, "ECR", &["RepositoryName"]),
    (
        Category::Source,
        "CodeStarSourceConnection",
        &["ConnectionArn", "FullRepositoryId", "BranchName"],
    ),
    (Category::Deploy, "S3", &["BucketName", "Extract"]),
    (
        Category::Deploy,
        "CloudFormation",
        &["ActionMode", "StackName"],
    ),
    (Category::Invoke, "Lambda", &["FunctionName"]),
    (Category::Deploy, "ECS", &["ClusterName", "ServiceName"]),
    (
        Category::Deploy,
        "CodeDeploy",
        &["ApplicationName", "DeploymentGroupName"],
    ),
    (Category::Invoke, "StepFunctions", &["StateMachineArn"]),
];

/// Configuration keys whose values are secrets (CP-SEC-1).
const SECRET_KEYS: &[&str] = &["OAuthToken", "SecretToken", "ClientSecret", "RefreshToken"];

/// True for `arn:<partition>:iam::<12 digits>:role/<path and name>`.
pub(crate) fn is_role_arn(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    partition.starts_with("aws")
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && resource
            .strip_prefix("role/")
            .is_some_and(|r| !r.is_empty())
        && arn.len() <= 1024
}

/// True for a CloudFormation logical id: 1–255 ASCII letters and digits (CFN-TPL-1).
pub(crate) fn is_logical_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 255 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// True for an S3 bucket name: 3–63 lowercase letters, digits, `.` and `-` (CP-STRUCT-13).
pub(crate) fn is_bucket_name(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && name
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// Runs every CP-CONF and CP-SEC rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        lengths(&at, out);
        match &at.action.kind {
            ActionKind::Custom(c) => {
                let missing: Vec<&str> = REQUIRED
                    .iter()
                    .filter(|(cat, p, _)| {
                        *cat == c.category && *p == c.provider && c.owner == Owner::Aws
                    })
                    .flat_map(|(_, _, keys)| keys.iter().copied())
                    .filter(|k| !c.configuration.contains_key(*k))
                    .collect();
                if !missing.is_empty() {
                    out.push(Violation::error(
                        "CP-CONF-3",
                        at.loc(Field::Config("Configuration")),
                        format!(
                            "a {} action needs configuration key(s) {}",
                            c.provider,
                            missing.join(", ")
                        ),
                        format!("add {}", missing.join(", ")),
                    ));
                }
                for key in SECRET_KEYS {
                    if c.configuration
                        .get(*key)
                        .is_some_and(|v| !v.starts_with("{{resolve:secretsmanager:"))
                    {
                        out.push(Violation::error(
                            "CP-SEC-1",
                            at.loc(Field::Config("Configuration")),
                            format!("configuration key {key} holds a literal secret, which would be stored in the template"),
                            "store the secret in Secrets Manager and write `{{resolve:secretsmanager:NAME:SecretString:KEY}}`",
                        ));
                    }
                }
                if c.owner == Owner::ThirdParty
                    && c.category == Category::Source
                    && c.provider == "GitHub"
                {
                    out.push(Violation::warning(
                        "CP-SEC-4",
                        at.loc(Field::Kind),
                        "the GitHub version 1 source uses an OAuth token, which AWS no longer recommends",
                        "use a connection source (`connection(...)`) instead",
                    ));
                }
            }
            ActionKind::Connection(c) => {
                if !c.repository.contains('/') {
                    out.push(Violation::error(
                        "CP-CONF-3",
                        at.loc(Field::Config("FullRepositoryId")),
                        format!(
                            "repository {:?} is not of the form owner/name",
                            c.repository
                        ),
                        "write the full repository id, such as `my-org/my-service`",
                    ));
                }
                parameter_name(&at, c.parameter(), "ConnectionArn", out);
            }
            ActionKind::CloudFormation(c) => {
                if c.mode.needs_template() && c.template.is_none() {
                    out.push(Violation::error(
                        "CP-CONF-4",
                        at.loc(Field::Config("TemplatePath")),
                        format!("action mode {} needs a template path", c.mode.as_str()),
                        "give the template as `Artifact::path/to/template.yaml`",
                    ));
                }
                if c.mode.needs_change_set() && c.change_set_name.is_none() {
                    out.push(Violation::error(
                        "CP-CONF-4",
                        at.loc(Field::Config("ChangeSetName")),
                        format!("action mode {} needs a change set name", c.mode.as_str()),
                        "set the change set name",
                    ));
                }
                match &c.role {
                    Some(RoleSource::Arn(arn)) if !is_role_arn(arn) => out.push(Violation::error(
                        "CP-CONF-6",
                        at.loc(Field::Config("RoleArn")),
                        format!("{arn:?} is not an IAM role ARN"),
                        "write arn:aws:iam::123456789012:role/NAME, or take the role from a template parameter",
                    )),
                    Some(RoleSource::Parameter(p)) => parameter_name(&at, p, "RoleArn", out),
                    _ => {}
                }
                if let Some(p) = &c.parameter_overrides {
                    let problem = if p.len() > 1024 {
                        Some(format!(
                            "parameter overrides are {} bytes long; the limit is 1 KB",
                            p.len()
                        ))
                    } else {
                        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(p)
                        {
                            Err(e) => {
                                Some(format!("parameter overrides are not a JSON object: {e}"))
                            }
                            Ok(_) => None,
                        }
                    };
                    if let Some(message) = problem {
                        out.push(Violation::error(
                            "CP-CONF-5",
                            at.loc(Field::Config("ParameterOverrides")),
                            message,
                            "write a JSON object of at most 1024 bytes, such as {\"Stage\":\"prod\"}",
                        ));
                    }
                }
            }
            _ => {}
        }
    }
}

/// CP-CONF-1: configuration keys 1–50 characters, literal values 1–1000.
fn lengths(at: &At<'_>, out: &mut Vec<Violation>) {
    for (config_key, value) in at.action.kind.configuration(String::new) {
        let key = config_key.as_str();
        let klen = key.chars().count();
        if klen == 0 || klen > 50 {
            out.push(Violation::error(
                "CP-CONF-1",
                at.loc(Field::Config("Configuration")),
                format!("configuration key {key:?} is {klen} characters long"),
                "configuration keys have 1 to 50 characters",
            ));
        }
        if let ConfigValue::Literal(v) = value {
            let vlen = v.chars().count();
            if vlen == 0 || vlen > 1000 {
                out.push(Violation::error(
                    "CP-CONF-1",
                    at.loc(config_key.field()),
                    format!("configuration value {key} is {vlen} characters long"),
                    "configuration values have 1 to 1000 characters",
                ));
            }
        }
    }
}

/// CFN-TPL-1: a parameter a stream names must be a valid logical id.
fn parameter_name(at: &At<'_>, name: &str, key: &'static str, out: &mut Vec<Violation>) {
    if !is_logical_id(name) {
        out.push(Violation::error(
            "CFN-TPL-1",
            at.loc(Field::Config(key)),
            format!("parameter name {name:?} is not a CloudFormation logical id"),
            "use 1 to 255 ASCII letters and digits",
        ));
    }
}
