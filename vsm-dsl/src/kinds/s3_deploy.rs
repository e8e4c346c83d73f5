//! `s3_deploy`: a deploy of the input artifact's files to an S3 bucket.

use serde_json::json;

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{choice, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{is_bucket_name, At, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// A canned ACL for the deployed objects.
    pub enum CannedAcl {
        /// Only the owner.
        #[default]
        Private = "private",
        /// Anyone may read (makes the objects public).
        PublicRead = "public-read",
        /// Anyone may read and write (makes the objects public).
        PublicReadWrite = "public-read-write",
        /// Any authenticated AWS principal may read.
        AuthenticatedRead = "authenticated-read",
        /// EC2 may read AMI bundles.
        AwsExecRead = "aws-exec-read",
        /// The bucket owner may read.
        BucketOwnerRead = "bucket-owner-read",
        /// The bucket owner has full control.
        BucketOwnerFullControl = "bucket-owner-full-control",
    }
}

kind! {
    /// A deploy of the input artifact to an S3 bucket: its files unzipped (`extract`, the
    /// default) or the zip itself as one object (`key`).
    #[kind(s3_deploy, step)]
    pub struct S3Deploy {
        required {
            /// The target bucket's name.
            bucket: Text,
        }
        optional {
            /// Unzip the artifact and upload its files; `true` when unset. `false` uploads the zip
            /// as the object `key`.
            extract: Option<bool>,
            /// The object key: required when `extract` is `false`, a key prefix otherwise.
            key: Option<Text>,
            /// The KMS key (ARN, id or alias ARN) the objects are encrypted with.
            kms_key: Option<Text>,
            /// A canned ACL for the objects.
            acl: Option<CannedAcl>,
            /// `Cache-Control` of the objects, such as `public, max-age=300`.
            cache_control: Option<Text>,
        }
    }
}

impl S3Deploy {
    /// Whether the artifact is unzipped, as emitted.
    pub fn extract(&self) -> bool {
        self.extract.unwrap_or(true)
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_14 = compile("CP-CONF-14", "S3 deploy: a bucket name, an object key when the artifact is not extracted, a computed KMS key as its ARN");
    CP_SEC_18 = compile("CP-SEC-18", "warn when an S3 deploy's ACL makes the objects readable outside the account");
}

/// The bucket's name (CP-CONF-14), as [`is_bucket_name`] reads one.
const BUCKET_NAME: Shape = Shape {
    rule: CP_CONF_14,
    what: "bucket name",
    min: 3,
    max: 63,
    chars: Some(Chars {
        allowed: |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-',
        class: "a-z0-9.-",
        words: "lowercase letters, digits, '.' and '-'",
    }),
    form: Some(Form {
        pattern: "[a-z0-9][a-z0-9.-]*[a-z0-9]",
        accepts: is_bucket_name,
        computed_only: false,
    }),
};

/// A KMS key the template computes (CP-CONF-14): its ARN, which the grant names. A literal
/// key may also be a key id or an alias, which the grant turns into the ARN.
const KMS_KEY_ARN: Shape = Shape {
    rule: CP_CONF_14,
    what: "KMS key ARN",
    min: 1,
    max: 2048,
    chars: None,
    form: Some(Form {
        pattern: r"arn:aws[^:]*:kms:[^:]+:[0-9]{12}:(key|alias)/[\s\S]+",
        accepts: is_kms_key_arn,
        computed_only: true,
    }),
};

/// True for `arn:PARTITION:kms:REGION:ACCOUNT:key/ID` or `…:alias/NAME`.
fn is_kms_key_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", partition, "kms", region, account, resource]
        if partition.starts_with("aws")
            && !region.is_empty()
            && account.len() == 12
            && account.bytes().all(|b| b.is_ascii_digit())
            && ["key/", "alias/"].iter().any(|p| resource.strip_prefix(p).is_some_and(|r| !r.is_empty())))
}

impl Kind for S3Deploy {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Deploy, "S3")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-11",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("BucketName"),
        required("Extract"),
        optional("ObjectKey"),
        optional("KMSEncryptionKeyARN"),
        optional("CannedACL"),
        optional("CacheControl"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] =
        &[("bucket", BUCKET_NAME), ("kms_key", KMS_KEY_ARN)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::of("BucketName", "bucket", &self.bucket),
            Entry::owned("Extract", Some("extract"), self.extract().to_string()),
        ];
        out.extend(Entry::of_opt("ObjectKey", "key", &self.key));
        out.extend(Entry::of_opt(
            "KMSEncryptionKeyARN",
            "kms_key",
            &self.kms_key,
        ));
        if let Some(acl) = self.acl {
            out.push(Entry::owned(
                "CannedACL",
                Some("acl"),
                acl.as_str().to_owned(),
            ));
        }
        out.extend(Entry::of_opt(
            "CacheControl",
            "cache_control",
            &self.cache_control,
        ));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        if let Some(bucket) = self.bucket.as_str().filter(|b| !is_bucket_name(b)) {
            out.push(Violation::error(
                CP_CONF_14,
                at.loc(Field::Prop("bucket")),
                format!("{} is not an S3 bucket name", quote(bucket)),
                "give the bucket's name (3–63 lowercase letters, digits, '.' and '-'), not its ARN",
            ));
        }
        if !self.extract() && self.key.is_none() {
            out.push(Violation::error(
                CP_CONF_14,
                at.loc(Field::Prop("extract")),
                "an S3 deploy that does not extract needs the object key of the zip",
                "set `key`, or let the deploy extract the artifact",
            ));
        }
        if let Some(
            acl @ (CannedAcl::PublicRead
            | CannedAcl::PublicReadWrite
            | CannedAcl::AuthenticatedRead),
        ) = self.acl
        {
            out.push(Violation::warning(
                CP_SEC_18,
                at.loc(Field::Prop("acl")),
                format!("ACL {acl} lets principals outside the account read the deployed objects"),
                "serve public content through CloudFront with an origin access control instead",
            ));
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let objects = match (&self.key, self.extract()) {
            (Some(key), false) => arn::s3_text(&self.bucket, &[Part::Val(key)]),
            (Some(prefix), true) => {
                arn::s3_text(&self.bucket, &[Part::Val(prefix), Part::Lit("*")])
            }
            (None, _) => arn::s3_text(&self.bucket, &[Part::Lit("*")]),
        };
        let g = cx.grants();
        g.allow(
            "ReadDeployBuckets",
            &[
                "s3:GetBucketAcl",
                "s3:GetBucketLocation",
                "s3:GetBucketVersioning",
            ],
            arn::s3_text(&self.bucket, &[]),
        );
        let mut actions = vec!["s3:PutObject"];
        if self.acl.is_some() {
            actions.extend(["s3:PutObjectAcl", "s3:PutObjectVersionAcl"]);
        }
        g.allow(
            if self.acl.is_some() {
                "DeployObjectsWithAcl"
            } else {
                "DeployObjects"
            },
            &actions,
            objects,
        );
        if let Some(key) = &self.kms_key {
            g.allow_if(
                "EncryptDeployedObjects",
                &["kms:Encrypt", "kms:GenerateDataKey"],
                kms_key(key),
                Some(json!({"StringEquals": {"kms:ViaService": Expr::sub("s3.${AWS::Region}.amazonaws.com")}})),
            );
        }
    }
}

/// A KMS key given by ARN (key or alias), or by key id in this account and Region; a
/// computed value as the ARN it is.
fn kms_key(key: &Text) -> Expr {
    let Some(key) = key.as_str() else {
        return key.to_expr();
    };
    if key.starts_with("arn:") {
        Expr::str(key)
    } else if let Some(alias) = key.strip_prefix("alias/") {
        arn::regional("kms", &format!("alias/{alias}"))
    } else {
        arn::regional("kms", &format!("key/{key}"))
    }
}
