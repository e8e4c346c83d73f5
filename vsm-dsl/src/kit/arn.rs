//! Partition-aware ARNs for the resources actions touch.

use super::sub_escape;
use crate::cfn::{Expr, Intrinsic};

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
