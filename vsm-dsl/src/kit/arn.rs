//! Partition-aware ARNs for the resources actions touch.

use std::collections::BTreeMap;

use super::sub_escape;
use crate::cfn::{Expr, Intrinsic};
use crate::model::value::{Text, Value};

/// A piece of an ARN: fixed text, or a property's value.
#[derive(Clone, Copy)]
pub(crate) enum Part<'a> {
    /// Text as it is.
    Lit(&'a str),
    /// A property's value, literal or computed.
    Val(&'a Text),
}

/// `Fn::Sub` text of these parts after `head` (which may use pseudo parameters): literal text
/// escaped, a `Ref` or `GetAtt` as its `${..}`, other expressions as `Fn::Sub` variables.
pub(crate) fn sub_of(head: &str, parts: &[Part<'_>]) -> Expr {
    let mut text = head.to_owned();
    let mut vars: BTreeMap<String, Expr> = BTreeMap::new();
    for part in parts {
        match part {
            Part::Lit(s) => text.push_str(&sub_escape(s)),
            Part::Val(Value::Lit(s)) => text.push_str(&sub_escape(s)),
            Part::Val(Value::Expr(Expr::Ref(p))) => text.push_str(&format!("${{{p}}}")),
            Part::Val(Value::Expr(Expr::GetAtt(r, a))) => text.push_str(&format!("${{{r}.{a}}}")),
            Part::Val(Value::Expr(Expr::Sub(inner))) => text.push_str(inner),
            Part::Val(Value::Expr(other)) => {
                let name = format!("Value{}", vars.len() + 1);
                text.push_str(&format!("${{{name}}}"));
                vars.insert(name, other.clone());
            }
        }
    }
    if vars.is_empty() && !text.replace("${!", "").contains("${") {
        // Nothing to substitute: the plain string (cfn-lint W1020).
        Expr::str(text.replace("${!", "${"))
    } else if vars.is_empty() {
        Expr::sub(text)
    } else {
        Expr::call(Intrinsic::SubWith(text, vars))
    }
}

/// `arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:` and the parts.
pub(crate) fn regional_of(service: &str, parts: &[Part<'_>]) -> Expr {
    sub_of(
        &format!("arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:"),
        parts,
    )
}

/// An S3 bucket given as a property, or objects in it (`path` may end in `*`).
pub(crate) fn s3_text(bucket: &Text, path: &[Part<'_>]) -> Expr {
    let mut parts = vec![Part::Val(bucket)];
    if !path.is_empty() {
        parts.push(Part::Lit("/"));
        parts.extend_from_slice(path);
    }
    sub_of("arn:${AWS::Partition}:s3:::", &parts)
}

/// A Lambda function given as a property: a literal ARN as it is, a literal name or any
/// expression as a function name (a parameter that feeds it is held to names).
pub(crate) fn lambda_function_of(function: &Text) -> Expr {
    match function {
        Value::Lit(f) => lambda_function(f),
        computed => regional_of("lambda", &[Part::Lit("function:"), Part::Val(computed)]),
    }
}

/// An IAM role given as a property: a literal name or ARN as [`role`] reads it, a computed
/// value as the ARN it is.
pub(crate) fn role_of(role_text: &Text) -> Expr {
    match role_text {
        Value::Lit(r) => role(r),
        Value::Expr(e) => e.clone(),
    }
}

/// `arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:RESOURCE`.
pub(crate) fn regional(service: &str, resource: &str) -> Expr {
    Expr::sub(format!(
        "arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:{}",
        sub_escape(resource)
    ))
}

/// An S3 bucket, or objects in it (`path` may end in `*`).
pub(crate) fn s3(bucket: &str, path: Option<&str>) -> Expr {
    let path = path
        .map(|p| format!("/{}", sub_escape(p)))
        .unwrap_or_default();
    Expr::sub(format!(
        "arn:${{AWS::Partition}}:s3:::{}{path}",
        sub_escape(bucket)
    ))
}

/// An S3 bucket whose name is computed (a `Ref`, `Fn::ImportValue`, ...), followed by `rest`
/// (`""` or `"/*"`).
pub(crate) fn s3_of(bucket: &Expr, rest: &str) -> Expr {
    let rest = sub_escape(rest);
    match bucket {
        Expr::Ref(id) => Expr::sub(format!("arn:${{AWS::Partition}}:s3:::${{{id}}}{rest}")),
        _ => Expr::call(Intrinsic::SubWith(
            format!("arn:${{AWS::Partition}}:s3:::${{ArtifactBucketName}}{rest}"),
            [("ArtifactBucketName".to_owned(), bucket.clone())].into(),
        )),
    }
}

/// A Lambda function given by name or ARN.
pub(crate) fn lambda_function(function: &str) -> Expr {
    if function.starts_with("arn:") {
        Expr::str(function)
    } else {
        regional("lambda", &format!("function:{function}"))
    }
}

/// `arn:${AWS::Partition}:SERVICE::${AWS::AccountId}:RESOURCE` (global services such as IAM).
pub(crate) fn global(service: &str, resource: &str) -> Expr {
    Expr::sub(format!(
        "arn:${{AWS::Partition}}:{service}::${{AWS::AccountId}}:{}",
        sub_escape(resource)
    ))
}

/// An IAM role given by name (or path and name) or ARN.
pub(crate) fn role(role: &str) -> Expr {
    if role.starts_with("arn:") {
        Expr::str(role)
    } else {
        global("iam", &format!("role/{}", role.trim_start_matches('/')))
    }
}

/// A Systems Manager parameter given by name (`/team/app/key` or `key`, a `:version` or
/// `:label` selector after it) or ARN; a computed value as a name without its leading `/`,
/// or as `Fn::Sub` text that starts with one.
pub(crate) fn parameter_of(parameter: &Text) -> Expr {
    match parameter {
        Value::Lit(p) if p.starts_with("arn:") => Expr::str(p.clone()),
        Value::Lit(p) => {
            let name = p.split(':').next().unwrap_or(p);
            regional(
                "ssm",
                &format!("parameter/{}", name.trim_start_matches('/')),
            )
        }
        Value::Expr(Expr::Sub(text)) if text.starts_with('/') => {
            let e = Value::Expr(Expr::Sub(text[1..].to_owned()));
            regional_of("ssm", &[Part::Lit("parameter/"), Part::Val(&e)])
        }
        computed => regional_of("ssm", &[Part::Lit("parameter/"), Part::Val(computed)]),
    }
}

/// A Secrets Manager secret given by ARN or by name, either with `:json-key:stage:version`
/// after it: the secret itself (a name matches the secret's ARN, which ends in six random
/// characters). A computed value is taken as the secret's name.
pub(crate) fn secret_of(secret: &Text) -> Expr {
    match secret {
        Value::Lit(s) if s.starts_with("arn:") => {
            // `arn:...:secret:name-AbCdEf:json-key:...` → the secret itself.
            let parts: Vec<&str> = s.splitn(8, ':').collect();
            Expr::str(parts[..parts.len().min(7)].join(":"))
        }
        Value::Lit(s) => {
            let name = s.split(':').next().unwrap_or(s);
            regional("secretsmanager", &format!("secret:{name}-??????"))
        }
        computed => regional_of(
            "secretsmanager",
            &[
                Part::Lit("secret:"),
                Part::Val(computed),
                Part::Lit("-??????"),
            ],
        ),
    }
}

/// `arn:${AWS::Partition}:SERVICE:REGION:${AWS::AccountId}:` and the parts, in `region` when
/// given (a rule that runs in another Region), else in the stack's.
pub(crate) fn regional_in(service: &str, region: Option<&Text>, parts: &[Part<'_>]) -> Expr {
    let Some(region) = region else {
        return regional_of(service, parts);
    };
    let account = Text::Expr(Expr::Ref("AWS::AccountId".to_owned()));
    let mut all = vec![
        Part::Val(region),
        Part::Lit(":"),
        Part::Val(&account),
        Part::Lit(":"),
    ];
    all.extend_from_slice(parts);
    sub_of(&format!("arn:${{AWS::Partition}}:{service}:"), &all)
}
