//! vsm's pipeline inside a larger template: a service with its own KMS key, S3 bucket and
//! SQS queue, whose delivery pipeline keeps its artifacts in the service's bucket, encrypted
//! with the service's key, both passed to the emission by reference.
//!
//! `cargo run --example embedded_service > template.json`
#![allow(dead_code)]

use serde_json::json;
use vsm::builder::{approval, codebuild, connection};
use vsm::cfn::{Expr, Output, Resource, Template};
use vsm::emit::{checkov_skip, Emission, EmitOptions};
use vsm::kinds::GitProvider;
use vsm::time::{hours, mins};
use vsm::ValueStream;

/// The service's delivery stream.
pub fn stream() -> ValueStream {
    ValueStream::builder("orders-service")
        .source("Source", |s| {
            s.action(
                connection("App", GitProvider::GitHub, "acme/orders-service", "main")
                    .outputs(["Src"])
                    .wait(hours(2))
                    .process(mins(10)),
            )
        })
        .stage("Build", |s| {
            s.action(
                codebuild("Compile")
                    .inputs(["Src"])
                    .outputs(["App"])
                    .buildspec("ci/build.yml")
                    .process(mins(12))
                    .ca(96.0),
            )
        })
        .stage("Release", |s| {
            s.action(approval("Approve").wait(hours(1)).ca(97.0))
        })
        .build()
        .expect("the orders-service stream is valid")
}

/// The service's own resources: a key, a bucket (with its policy) and a queue.
pub fn service() -> Template {
    let mut t = Template {
        format_version: Some("2010-09-09".to_owned()),
        description: Some(
            "Orders service: its bucket, its queue and its delivery pipeline".to_owned(),
        ),
        ..Template::default()
    };
    let add = |t: &mut Template, id: &str, r: Resource| {
        t.add_resource(id, r)
            .expect("the service's ids are distinct")
    };
    add(&mut t, "ServiceKey", Resource::of_type("AWS::KMS::Key", json!({
        "Description": "Encrypts the orders service's bucket, queue and pipeline artifacts",
        "EnableKeyRotation": true,
        "KeyPolicy": {"Version": "2012-10-17", "Statement": [
            {"Sid": "AccountAdministersKey", "Effect": "Allow", "Action": "kms:*", "Resource": "*",
             "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}},
            {"Sid": "LogsEncryptLogGroups", "Effect": "Allow", "Resource": "*",
             "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
             "Principal": {"Service": {"Fn::Sub": "logs.${AWS::Region}.amazonaws.com"}},
             "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
                 {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"}}}}
        ]}
    })).retained());
    add(&mut t, "ServiceBucket", Resource::of_type("AWS::S3::Bucket", json!({
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"BucketKeyEnabled": true,
            "ServerSideEncryptionByDefault": {"KMSMasterKeyID": {"Fn::GetAtt": ["ServiceKey", "Arn"]}, "SSEAlgorithm": "aws:kms"}}]},
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true,
            "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
        "VersioningConfiguration": {"Status": "Enabled"},
        "LifecycleConfiguration": {"Rules": [{"Id": "ExpireOldVersions", "Status": "Enabled",
            "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]}
    })).retained().with_metadata(checkov_skip(&[(
        "CKV_AWS_18",
        "access logs would need a second bucket; CloudTrail data events record access to this one",
    )])));
    add(
        &mut t,
        "ServiceBucketPolicy",
        Resource::of_type(
            "AWS::S3::BucketPolicy",
            json!({
                "Bucket": {"Ref": "ServiceBucket"},
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport",
                    "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                    "Resource": [{"Fn::GetAtt": ["ServiceBucket", "Arn"]}, {"Fn::Sub": "${ServiceBucket.Arn}/*"}],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            }),
        ),
    );
    add(
        &mut t,
        "OrdersQueue",
        Resource::of_type(
            "AWS::SQS::Queue",
            json!({
                "KmsMasterKeyId": {"Fn::GetAtt": ["ServiceKey", "Arn"]},
                "MessageRetentionPeriod": 1_209_600
            }),
        ),
    );
    t.add_output(
        "OrdersQueueUrl",
        Output {
            description: Some("URL of the orders queue".to_owned()),
            value: Expr::reference("OrdersQueue"),
            ..Output::default()
        },
    )
    .expect("a new output");
    t
}

/// The pipeline's emission, with the service's bucket and key.
pub fn pipeline() -> Emission {
    let options = EmitOptions {
        logical_id_prefix: "Delivery".to_owned(),
        artifact_bucket: Some(Expr::reference("ServiceBucket")),
        kms_key_arn: Some(Expr::get_att("ServiceKey", "Arn")),
        ..EmitOptions::default()
    };
    stream().emit(&options).expect("the stream emits")
}

/// The service and its pipeline in one template.
pub fn template() -> Template {
    let Emission {
        template: mut pipeline,
        handles,
        ..
    } = pipeline();
    // Properties vsm does not model are set by path.
    pipeline
        .override_property(&handles.pipeline, "RestartExecutionOnUpdate", json!(true))
        .expect("the pipeline is in the emission");
    let role = handles.role_arn().expect("vsm made the pipeline role");
    pipeline
        .add_output(
            "DeliveryRoleArn",
            Output {
                description: Some("ARN of the delivery pipeline's role".to_owned()),
                value: role,
                ..Output::default()
            },
        )
        .expect("a new output");
    let mut t = service();
    t.merge(pipeline).expect("the prefix keeps the ids apart");
    t
}

fn main() {
    print!("{}", template().to_json_pretty());
}
