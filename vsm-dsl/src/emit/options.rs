//! How a template is emitted: stand-alone, or embedded in a larger stack.

use crate::catalogue::{CFN_TPL_1, CP_STRUCT_12, CP_STRUCT_13, CP_STRUCT_14};
use crate::cfn::is_logical_id;
use crate::cfn::Expr;
use crate::diagnostic::{Field, Location, Violation};
use crate::kit::{is_bucket_name, is_role_arn};
use crate::time::Date;

/// Options for [`crate::ValueStream::to_cloudformation_with`].
///
/// The existing bucket, key and role are template values: a literal name or ARN
/// (`"acme-artifacts".into()`), a `Ref` or `Fn::GetAtt` to a resource or parameter of the
/// template the pipeline joins (`Expr::reference("Bucket")`, `Expr::get_att("Key", "Arn")`),
/// or an `Fn::ImportValue` of another stack's export. Literals are checked here; computed
/// values are unknown until deployment and pass. The pipeline role's policy is scoped to
/// them either way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// Prepended to every logical id (letters and digits), so several streams fit one template.
    pub logical_id_prefix: String,
    /// Use this existing artifact bucket (its name) instead of creating one.
    pub artifact_bucket: Option<Expr>,
    /// Use this existing KMS key (its ARN) instead of creating one.
    pub kms_key_arn: Option<Expr>,
    /// Use this existing pipeline role (its ARN) instead of creating one; it must grant what
    /// the actions need.
    pub pipeline_role_arn: Option<Expr>,
    /// The day the date-dependent rules (Lambda runtime lifecycle) compare against; today
    /// (UTC) when unset.
    pub today: Option<Date>,
}

impl EmitOptions {
    /// Checks the options; every problem is reported.
    pub fn check(&self) -> Vec<Violation> {
        let loc = || Location::pipeline(Field::Template);
        let mut out = Vec::new();
        if !self.logical_id_prefix.is_empty() && !is_logical_id(&self.logical_id_prefix) {
            out.push(Violation::error(
                CFN_TPL_1,
                loc(),
                format!(
                    "logical-id prefix {:?} is not ASCII letters and digits",
                    self.logical_id_prefix
                ),
                "use letters and digits only, such as `Checkout`",
            ));
        }
        for (name, value) in [
            ("artifact_bucket", &self.artifact_bucket),
            ("kms_key_arn", &self.kms_key_arn),
            ("pipeline_role_arn", &self.pipeline_role_arn),
        ] {
            if let Some(v) = value
                .as_ref()
                .filter(|v| v.as_str().is_none() && !v.is_intrinsic())
            {
                out.push(Violation::error(
                    CFN_TPL_1,
                    loc(),
                    format!(
                        "`{name}` is {}, neither a literal nor an intrinsic function",
                        v.to_value()
                    ),
                    "give a string, or a Ref, Fn::GetAtt, Fn::Sub or Fn::ImportValue",
                ));
            }
        }
        if let Some(b) = self.artifact_bucket.as_ref().and_then(Expr::as_str) {
            if !is_bucket_name(b) {
                out.push(Violation::error(
                    CP_STRUCT_13,
                    loc(),
                    format!("{b:?} is not an S3 bucket name"),
                    "give the bucket's name (3–63 lowercase letters, digits, '.' and '-'), not its ARN",
                ));
            }
        }
        if let Some(k) = self.kms_key_arn.as_ref().and_then(Expr::as_str) {
            if !(k.starts_with("arn:") && k.contains(":kms:") && k.len() <= 400) {
                out.push(Violation::error(
                    CP_STRUCT_14,
                    loc(),
                    format!("{k:?} is not a KMS key ARN"),
                    "give the key's full ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)",
                ));
            }
        }
        if let Some(r) = self.pipeline_role_arn.as_ref().and_then(Expr::as_str) {
            if !is_role_arn(r) {
                out.push(Violation::error(
                    CP_STRUCT_12,
                    loc(),
                    format!("{r:?} is not an IAM role ARN"),
                    "give the role's full ARN (arn:aws:iam::ACCOUNT:role/NAME)",
                ));
            }
        }
        out
    }
}
