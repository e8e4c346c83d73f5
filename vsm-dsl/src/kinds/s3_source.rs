//! `s3_source`: a source from an object in a versioned S3 bucket.

use crate::cfn::Expr;
use crate::kit::arn::{self, Part};
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::model::Text;
use crate::model::{ActionType, Category};

kind! {
    /// Source from a zip object in a versioned S3 bucket.
    #[kind(s3_source, source)]
    pub struct S3Source {
        required {
            /// The bucket's name.
            bucket: Text,
            /// The object key of the zip file.
            key: Text,
        }
        optional {
            /// Whether CodePipeline polls the object for changes; it does when unset. `false` when
            /// an EventBridge rule starts the pipeline instead (CP-CONF-7), or it would run twice
            /// for one upload.
            poll: Option<bool>,
            /// Whether a run may be started with another object key (a source revision override
            /// of type `S3_OBJECT_KEY`); CodePipeline refuses one when unset.
            allow_key_override: Option<bool>,
        }
    }
}

impl Kind for S3Source {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Source, "S3")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-01",
        inputs: (0, 0),
        outputs: (1, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("S3Bucket"),
        required("S3ObjectKey"),
        optional("PollForSourceChanges"),
        optional("AllowOverrideForS3ObjectKey"),
    ];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::of("S3Bucket", "bucket", &self.bucket),
            Entry::of("S3ObjectKey", "key", &self.key),
        ];
        out.extend(Entry::flag("PollForSourceChanges", "poll", self.poll));
        out.extend(Entry::flag(
            "AllowOverrideForS3ObjectKey",
            "allow_key_override",
            self.allow_key_override,
        ));
        out
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let g = cx.grants();
        g.allow(
            "ReadSourceBuckets",
            &["s3:GetBucketVersioning"],
            arn::s3_text(&self.bucket, &[]),
        );
        // A run may read another key of the bucket when overrides are allowed.
        let objects = match self.allow_key_override {
            Some(true) => arn::s3_text(&self.bucket, &[Part::Lit("*")]),
            _ => arn::s3_text(&self.bucket, &[Part::Val(&self.key)]),
        };
        g.allow(
            "ReadSourceObjects",
            &["s3:GetObject", "s3:GetObjectVersion"],
            objects,
        );
    }
}
