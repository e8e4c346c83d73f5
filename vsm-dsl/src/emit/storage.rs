//! The artifact store: a KMS key and an S3 bucket (or existing ones).

use serde_json::json;

use super::Emitter;
use crate::cfn::{Bucket, BucketPolicy, Effect, Expr, KmsKey, PolicyDocument, Resource, Statement};
use crate::kit::{arn, checkov_skip, Store};

/// Days after which old artifacts expire.
const ARTIFACT_DAYS: u32 = 90;

pub(crate) fn artifact_store(e: &mut Emitter<'_>) -> Store {
    let key_arn = match &e.options.kms_key_arn {
        Some(arn) => arn.clone(),
        None => artifact_key(e),
    };
    let (bucket, bucket_arn, objects_arn) = match &e.options.artifact_bucket {
        Some(Expr::Str(name)) => (
            Expr::str(name),
            arn::s3(name, None),
            arn::s3(name, Some("*")),
        ),
        Some(computed) => (
            computed.clone(),
            arn::s3_of(computed, ""),
            arn::s3_of(computed, "/*"),
        ),
        None => artifact_bucket(e, &key_arn),
    };
    Store {
        bucket,
        bucket_arn,
        objects_arn,
        key_arn,
    }
}

/// The artifact key (retained, rotated), administered by the account and usable by CloudWatch
/// Logs for this account's log groups; its ARN.
fn artifact_key(e: &mut Emitter<'_>) -> Expr {
    let root = json!({"AWS": Expr::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")});
    let mut admin = Statement::allow(["kms:*"], vec![Expr::str("*")]).sid("AccountAdministersKey");
    admin.principal = Some(root);
    let mut logs = Statement::allow(
        [
            "kms:Decrypt",
            "kms:DescribeKey",
            "kms:Encrypt",
            "kms:GenerateDataKey*",
            "kms:ReEncrypt*",
        ],
        vec![Expr::str("*")],
    )
    .sid("LogsEncryptLogGroups");
    logs.principal = Some(json!({"Service": Expr::sub("logs.${AWS::Region}.amazonaws.com")}));
    logs.condition = Some(json!({"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
        Expr::sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*")}}));
    let key = KmsKey {
        description: format!(
            "Encrypts the artifacts and logs of pipeline {}",
            e.stream.name.label()
        ),
        enable_key_rotation: true,
        key_policy: PolicyDocument::new(vec![admin, logs]),
    };
    let resource = Resource::new(key).retained();
    let id = e.resource(super::ARTIFACT_KEY, resource);
    Expr::get_att(id, "Arn")
}

/// The artifact bucket (encrypted with the key, versioned, private, TLS only, old artifacts
/// expire) and its policy: the bucket's name, ARN and objects' ARN.
fn artifact_bucket(e: &mut Emitter<'_>, key_arn: &Expr) -> (Expr, Expr, Expr) {
    let bucket = Bucket {
        bucket_encryption: json!({"ServerSideEncryptionConfiguration": [{
            "BucketKeyEnabled": true,
            "ServerSideEncryptionByDefault": {"KMSMasterKeyID": key_arn, "SSEAlgorithm": "aws:kms"}
        }]}),
        lifecycle_configuration: json!({"Rules": [{
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
            "ExpirationInDays": ARTIFACT_DAYS,
            "Id": "ExpireOldArtifacts",
            "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
            "Status": "Enabled"
        }]}),
        ownership_controls: json!({"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}),
        public_access_block_configuration: json!({
            "BlockPublicAcls": true, "BlockPublicPolicy": true,
            "IgnorePublicAcls": true, "RestrictPublicBuckets": true
        }),
        versioning_configuration: json!({"Status": "Enabled"}),
    };
    let resource = Resource::new(bucket).retained().with_metadata(checkov_skip(&[
        ("CKV_AWS_18", "access logs of a pipeline's artifact bucket would need a second bucket; CloudTrail records pipeline access"),
    ]));
    let id = e.resource(super::ARTIFACT_BUCKET, resource);
    let bucket_arn = Expr::get_att(&id, "Arn");
    let objects_arn = Expr::sub(format!("${{{id}.Arn}}/*"));
    let mut deny = Statement::allow(["s3:*"], vec![bucket_arn.clone(), objects_arn.clone()])
        .sid("DenyInsecureTransport");
    deny.effect = Effect::Deny;
    deny.principal = Some(json!("*"));
    deny.condition = Some(json!({"Bool": {"aws:SecureTransport": "false"}}));
    e.resource(
        super::ARTIFACT_BUCKET_POLICY,
        Resource::new(BucketPolicy {
            bucket: Expr::reference(&id),
            policy_document: PolicyDocument::new(vec![deny]),
        }),
    );
    (Expr::reference(&id), bucket_arn, objects_arn)
}
