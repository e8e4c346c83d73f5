//! `inspector_scan`: an Amazon Inspector scan of the input's source code or of an ECR image,
//! on CodePipeline's managed compute.

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::ecr_build_and_publish::{image_tag, repository_name, REPOSITORY};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{choice, compute, kind, optional, required, ActionEmit, Artifacts, ConfigCx};
use crate::kit::{At, Entry, Kind, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// What an Inspector scan looks at.
    pub enum InspectorRunMode {
        /// The source code in the input artifact.
        #[default]
        SourceCodeScan = "SourceCodeScan",
        /// An image in an ECR repository.
        EcrImageScan = "ECRImageScan",
    }
}

kind! {
    /// An Amazon Inspector vulnerability scan of the input's source code or of an ECR image:
    /// the action fails when a severity has more findings than its threshold, and writes the
    /// findings as a software bill of materials (SBOM) to its output artifact.
    #[kind(inspector_scan, step)]
    pub struct InspectorScan {
        required {
            /// Source code (the input artifact) or an ECR image.
            mode: InspectorRunMode,
        }
        optional {
            /// ECRImageScan: the repository of the image.
            repository: Option<Text>,
            /// ECRImageScan: the image's tag; `latest` when unset.
            tag: Option<Text>,
            /// The action fails with more critical findings than this.
            critical_threshold: Option<u32>,
            /// The action fails with more high-severity findings than this.
            high_threshold: Option<u32>,
            /// The action fails with more medium-severity findings than this.
            medium_threshold: Option<u32>,
            /// The action fails with more low-severity findings than this.
            low_threshold: Option<u32>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_34 = compile("CP-CONF-34", "Inspector scan: an ECR image scan names its repository (and may name a tag); a source code scan names neither");
    CP_ART_12 = compile("CP-ART-12", "Inspector source code scan reads the code from exactly one input artifact");
}

/// An image tag (CP-CONF-34), as [`image_tag`] reads one.
const IMAGE_TAG: Shape = Shape {
    rule: CP_CONF_34,
    what: "image tag",
    min: 1,
    max: 128,
    chars: Some(Chars {
        allowed: |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'),
        class: "A-Za-z0-9_.-",
        words: "letters, digits, '_', '.' and '-'",
    }),
    form: Some(Form {
        pattern: "[A-Za-z0-9_][A-Za-z0-9_.-]*",
        accepts: image_tag,
        computed_only: false,
    }),
};

impl Kind for InspectorScan {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Invoke, "InspectorScan")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-26",
        inputs: (0, 1),
        outputs: (1, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("InspectorRunMode"),
        optional("ECRRepositoryName"),
        optional("ImageTag"),
        optional("CriticalThreshold"),
        optional("HighThreshold"),
        optional("MediumThreshold"),
        optional("LowThreshold"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] =
        &[("repository", REPOSITORY), ("tag", IMAGE_TAG)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::owned(
            "InspectorRunMode",
            Some("mode"),
            self.mode.as_str().to_owned(),
        )];
        out.extend(Entry::of_opt(
            "ECRRepositoryName",
            "repository",
            &self.repository,
        ));
        out.extend(Entry::of_opt("ImageTag", "tag", &self.tag));
        for (key, prop, threshold) in [
            (
                "CriticalThreshold",
                "critical_threshold",
                self.critical_threshold,
            ),
            ("HighThreshold", "high_threshold", self.high_threshold),
            ("MediumThreshold", "medium_threshold", self.medium_threshold),
            ("LowThreshold", "low_threshold", self.low_threshold),
        ] {
            if let Some(n) = threshold {
                out.push(Entry::owned(key, Some(prop), n.to_string()));
            }
        }
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        match self.mode {
            InspectorRunMode::EcrImageScan => {
                match self.repository.as_ref().map(Text::as_str) {
                    None => out.push(Violation::error(
                        CP_CONF_34,
                        at.loc(Field::Prop("repository")),
                        "an ECR image scan needs the image's repository",
                        "set `repository` to the ECR repository of the image",
                    )),
                    Some(Some(name)) if !repository_name(name) => out.push(Violation::error(
                        CP_CONF_34,
                        at.loc(Field::Prop("repository")),
                        format!("repository {} is not an ECR repository name", quote(name)),
                        "use 2 to 256 lower-case letters and digits, joined by '.', '_', '-' or '/'",
                    )),
                    _ => {}
                }
                if let Some(tag) = self.tag.as_ref().and_then(Text::as_str) {
                    if !image_tag(tag) {
                        out.push(Violation::error(
                            CP_CONF_34,
                            at.loc(Field::Prop("tag")),
                            format!("image tag {} is not a tag", quote(tag)),
                            "use 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'",
                        ));
                    }
                }
            }
            InspectorRunMode::SourceCodeScan => {
                for (prop, set) in [
                    ("repository", self.repository.is_some()),
                    ("tag", self.tag.is_some()),
                ] {
                    if set {
                        out.push(Violation::error(
                            CP_CONF_34,
                            at.loc(Field::Prop(prop)),
                            format!("a source code scan reads no `{prop}`"),
                            "set `mode` to ECRImageScan to scan an image, or drop it",
                        ));
                    }
                }
                let inputs = at.action.all_inputs().len();
                if inputs != 1 {
                    out.push(Violation::error(
                        CP_ART_12,
                        at.loc(Field::Prop("mode")),
                        format!(
                            "a source code scan reads the code from exactly one input artifact, not {inputs}"
                        ),
                        "give the action the artifact that holds the source code",
                    ));
                }
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        compute::pipeline_logs(cx);
        let g = cx.grants();
        g.allow_unscoped("ScanSboms", &["inspector-scan:ScanSbom"]);
        if let (InspectorRunMode::EcrImageScan, Some(repository)) = (self.mode, &self.repository) {
            g.allow(
                "PullScannedImages",
                &[
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:BatchGetImage",
                    "ecr:GetDownloadUrlForLayer",
                ],
                arn::regional_of("ecr", &[Part::Lit("repository/"), Part::Val(repository)]),
            );
            g.allow_unscoped("LogInToRegistries", &["ecr:GetAuthorizationToken"]);
        }
    }
}
