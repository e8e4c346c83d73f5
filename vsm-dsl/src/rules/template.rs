//! CFN-TPL: limits on the emitted template.

use crate::catalogue::{CFN_TPL_1, CFN_TPL_3, CFN_TPL_4, CFN_TPL_5, CFN_TPL_7};
use crate::cfn::Template;
use crate::diagnostic::{Field, Location, Violation};

/// Largest template body CloudFormation accepts inline (CFN-TPL-7).
pub const INLINE_TEMPLATE_LIMIT: usize = 51_200;
/// Largest template body CloudFormation accepts from S3 (CFN-TPL-7).
pub const S3_TEMPLATE_LIMIT: usize = 1_000_000;

/// Checks a template against CloudFormation's limits; `body_len` is the size of the body that
/// will be deployed (compact or pretty, whichever is uploaded).
pub fn check_template(template: &Template, body_len: usize) -> Vec<Violation> {
    let loc = || Location::pipeline(Field::Template);
    let mut out = Vec::new();
    for (what, count, limit, rule) in [
        ("resources", template.resources.len(), 500, CFN_TPL_3),
        ("parameters", template.parameters.len(), 200, CFN_TPL_4),
        ("outputs", template.outputs.len(), 200, CFN_TPL_5),
    ] {
        if count > limit {
            out.push(Violation::error(
                rule,
                loc(),
                format!("the template has {count} {what}; CloudFormation allows {limit}"),
                "split the stream into several pipelines",
            ));
        }
    }
    let ids = template
        .resources
        .keys()
        .chain(template.parameters.keys())
        .chain(template.outputs.keys());
    for id in ids {
        if !crate::cfn::is_logical_id(id) {
            out.push(Violation::error(
                CFN_TPL_1,
                loc(),
                format!("logical id {id:?} is not 1–255 ASCII letters and digits"),
                "use a logical-id prefix of letters and digits only",
            ));
        }
    }
    if body_len > S3_TEMPLATE_LIMIT {
        out.push(Violation::error(
            CFN_TPL_7,
            loc(),
            format!("the template body is {body_len} bytes; CloudFormation accepts at most {S3_TEMPLATE_LIMIT}"),
            "split the stream into several pipelines",
        ));
    } else if body_len > INLINE_TEMPLATE_LIMIT {
        out.push(Violation::warning(
            CFN_TPL_7,
            loc(),
            format!("the template body is {body_len} bytes, over the {INLINE_TEMPLATE_LIMIT} bytes CloudFormation takes inline"),
            "upload it to S3 (`aws cloudformation deploy --s3-bucket ...`), or emit compact JSON",
        ));
    }
    out
}
