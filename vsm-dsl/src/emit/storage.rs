//! The artifact store: a KMS key and an S3 bucket (or existing ones), and the stores of other
//! Regions.

use serde_json::json;

use super::topology::{cross_statement, Principals, StoreAt};
use super::Emitter;
use crate::cfn::{
    Bucket, BucketPolicy, Effect, Expr, KmsKey, PolicyDocument, Properties, Resource, Statement,
};
use crate::kit::topology::{bucket_name, key_alias};
use crate::kit::{arn, checkov_skip, Sink, Store};
use crate::model::Stream;

/// Days after which old artifacts expire.
const ARTIFACT_DAYS: u32 = 90;

/// Logical id (before the prefix) of the artifact key's alias.
pub(crate) const ARTIFACT_KEY_ALIAS: &str = "ArtifactKeyAlias";

/// What the key and bucket of one Region's store are made with.
pub(crate) struct StoreSpec<'a> {
    /// The stream.
    pub stream: &'a Stream,
    /// The bucket's fixed name, when other templates name it.
    pub bucket_name: Option<Expr>,
    /// The key's alias, when other templates name it.
    pub alias: Option<String>,
    /// The key also encrypts this account's log groups (the pipeline's own Region).
    pub logs: bool,
    /// Roles of other accounts that use the store.
    pub principals: Principals,
}

pub(crate) fn artifact_store(e: &mut Emitter<'_>) -> Store {
    let stream = e.stream;
    let named = e.topology.named;
    let principals = e.topology.principals(stream, &StoreAt::Home);
    let home = stream.settings.region.as_deref().unwrap_or("");
    let account = stream.settings.account.as_deref().unwrap_or("");
    let spec = StoreSpec {
        stream,
        bucket_name: named.then(|| Expr::str(bucket_name(stream, account, home))),
        alias: named.then(|| key_alias(stream)),
        logs: true,
        principals,
    };
    let key_arn = match &e.options.kms_key_arn {
        Some(arn) => arn.clone(),
        None => artifact_key(&mut e.sink, &spec),
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
        None => artifact_bucket(&mut e.sink, &spec, &key_arn),
    };
    Store {
        bucket,
        bucket_arn,
        objects_arn,
        key_arn,
    }
}

/// The artifact key (retained, rotated), administered by the account, usable by the roles of
/// other accounts that use the store and (in the pipeline's Region) by CloudWatch Logs for
/// this account's log groups; its ARN.
pub(crate) fn artifact_key(sink: &mut Sink, spec: &StoreSpec<'_>) -> Expr {
    let root = json!({"AWS": Expr::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")});
    let mut admin = Statement::allow(["kms:*"], vec![Expr::str("*")]).sid("AccountAdministersKey");
    admin.principal = Some(root);
    let mut statements = vec![admin];
    if spec.logs {
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
        statements.push(logs);
    }
    statements.extend(cross_statement(
        &spec.principals,
        &[
            "kms:Decrypt",
            "kms:DescribeKey",
            "kms:Encrypt",
            "kms:GenerateDataKey*",
            "kms:ReEncrypt*",
        ],
        vec![Expr::str("*")],
    ));
    let key = KmsKey {
        description: format!(
            "Encrypts the artifacts and logs of pipeline {}",
            spec.stream.name.label()
        ),
        enable_key_rotation: true,
        key_policy: PolicyDocument::new(statements),
    };
    let resource = Resource::new(key).retained();
    let id = sink.resource(super::ARTIFACT_KEY, resource);
    if let Some(alias) = &spec.alias {
        let properties = Properties::Other {
            type_name: "AWS::KMS::Alias".to_owned(),
            properties: Some(Expr::from_value(&json!({
                "AliasName": alias,
                "TargetKeyId": {"Ref": id},
            }))),
        };
        sink.resource(ARTIFACT_KEY_ALIAS, Resource::new(properties));
    }
    Expr::get_att(id, "Arn")
}

/// The artifact bucket (encrypted with the key, versioned, private, TLS only, old artifacts
/// expire) and its policy: the bucket's name, ARN and objects' ARN.
pub(crate) fn artifact_bucket(
    sink: &mut Sink,
    spec: &StoreSpec<'_>,
    key_arn: &Expr,
) -> (Expr, Expr, Expr) {
    let bucket = Bucket {
        bucket_encryption: json!({"ServerSideEncryptionConfiguration": [{
            "BucketKeyEnabled": true,
            "ServerSideEncryptionByDefault": {"KMSMasterKeyID": key_arn, "SSEAlgorithm": "aws:kms"}
        }]}),
        bucket_name: spec.bucket_name.clone(),
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
    let id = sink.resource(super::ARTIFACT_BUCKET, resource);
    let bucket_arn = Expr::get_att(&id, "Arn");
    let objects_arn = Expr::sub(format!("${{{id}.Arn}}/*"));
    let mut deny = Statement::allow(["s3:*"], vec![bucket_arn.clone(), objects_arn.clone()])
        .sid("DenyInsecureTransport");
    deny.effect = Effect::Deny;
    deny.principal = Some(json!("*"));
    deny.condition = Some(json!({"Bool": {"aws:SecureTransport": "false"}}));
    let mut statements = vec![deny];
    statements.extend(cross_statement(
        &spec.principals,
        &["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
        vec![objects_arn.clone()],
    ));
    sink.resource(
        super::ARTIFACT_BUCKET_POLICY,
        Resource::new(BucketPolicy {
            bucket: Expr::reference(&id),
            policy_document: PolicyDocument::new(statements),
        }),
    );
    (Expr::reference(&id), bucket_arn, objects_arn)
}
