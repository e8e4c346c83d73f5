//! `ecr_build_and_publish`: an image built from the input's Dockerfile on CodePipeline's
//! managed compute and pushed to an ECR repository (V2 only).

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::Form;
use crate::kit::{choice, compute, kind, optional, required, ActionEmit, Artifacts, ConfigCx};
use crate::kit::{At, Entry, Kind, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// Where an image is pushed: a private ECR repository or one in ECR Public.
    pub enum RegistryType {
        /// A private repository of the account, in the action's Region.
        #[default]
        Private = "private",
        /// A repository in the ECR Public gallery.
        Public = "public",
    }
}

kind! {
    /// An image built with Docker from the input artifact (its `Dockerfile`) on CodePipeline's
    /// managed compute, tagged and pushed to an ECR repository that already exists. V2
    /// pipelines only.
    #[kind(ecr_build_and_publish, step)]
    pub struct EcrBuildAndPublish {
        required {
            /// The repository the image is pushed to.
            repository: Text,
        }
        optional {
            /// The directory of the `Dockerfile` in the input artifact; its root when unset.
            dockerfile_path: Option<Text>,
            /// The image's tags; `latest` when empty.
            tags: Vec<Text>,
            /// A private repository or one in ECR Public; private when unset.
            registry: Option<RegistryType>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_33 = compile("CP-CONF-33", "ECR build and publish: a repository name (2–256 characters, 2–205 in ECR Public) and image tags of 1–128 characters an image tag may hold, each once");
}

/// An ECR repository name (CP-CONF-33), as [`repository_name`] reads one. A template
/// parameter that feeds one is held to 205 characters, the ECR Public limit, so that its value
/// fits either registry.
pub(crate) const REPOSITORY: Shape = Shape {
    rule: CP_CONF_33,
    what: "ECR repository name",
    min: 2,
    max: 205,
    chars: None,
    form: Some(Form {
        pattern: "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
        accepts: repository_name,
        computed_only: false,
    }),
};

/// True for an ECR repository name: lower-case parts joined by `.`, `_` or `-` within a
/// path segment, segments joined by `/`.
pub(crate) fn repository_name(name: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    (2..=256).contains(&name.len())
        && name
            .split('/')
            .all(|segment| segment.split(['.', '_', '-']).all(word))
}

/// True for an image tag: 1–128 letters, digits, `_`, `.` and `-`, not starting with `.` or
/// `-`.
pub(crate) fn image_tag(tag: &str) -> bool {
    (1..=128).contains(&tag.len())
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        && !tag.starts_with(['.', '-'])
}

impl Kind for EcrBuildAndPublish {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Build, "ECRBuildAndPublish")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-08",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("ECRRepositoryName"),
        optional("DockerFilePath"),
        optional("ImageTags"),
        optional("RegistryType"),
    ];
    const V2_ONLY: bool = true;

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = &[("repository", REPOSITORY)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of(
            "ECRRepositoryName",
            "repository",
            &self.repository,
        )];
        out.extend(Entry::of_opt(
            "DockerFilePath",
            "dockerfile_path",
            &self.dockerfile_path,
        ));
        out.extend(Entry::list("ImageTags", "tags", &self.tags));
        out.extend(Entry::word(
            "RegistryType",
            "registry",
            self.registry.map(|r| r.as_str()),
        ));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        if let Some(name) = self.repository.as_str() {
            let public = self.registry == Some(RegistryType::Public);
            let problem = if !repository_name(name) {
                Some("is not an ECR repository name".to_owned())
            } else if public && name.len() > 205 {
                Some(format!(
                    "is {} characters long; ECR Public allows 205",
                    name.len()
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                out.push(Violation::error(
                    CP_CONF_33,
                    at.loc(Field::Prop("repository")),
                    format!("repository {} {problem}", quote(name)),
                    "use 2 to 256 lower-case letters and digits, joined by '.', '_', '-' or '/'",
                ));
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for tag in self.tags.iter().filter_map(Text::as_str) {
            let problem = if !image_tag(tag) {
                Some(format!("image tag {} is not a tag", quote(tag)))
            } else if seen.contains(&tag) {
                Some(format!("image tag {} is listed twice", quote(tag)))
            } else {
                None
            };
            seen.push(tag);
            if let Some(problem) = problem {
                out.push(Violation::error(
                    CP_CONF_33,
                    at.loc(Field::Prop("tags")),
                    problem,
                    "use 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-', each tag once",
                ));
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        compute::pipeline_logs(cx);
        let repository = Part::Val(&self.repository);
        let g = cx.grants();
        if self.registry == Some(RegistryType::Public) {
            g.allow(
                "PushPublicImages",
                &[
                    "ecr-public:BatchCheckLayerAvailability",
                    "ecr-public:CompleteLayerUpload",
                    "ecr-public:DescribeRepositories",
                    "ecr-public:InitiateLayerUpload",
                    "ecr-public:PutImage",
                    "ecr-public:UploadLayerPart",
                ],
                arn::sub_of(
                    "arn:${AWS::Partition}:ecr-public::${AWS::AccountId}:",
                    &[Part::Lit("repository/"), repository],
                ),
            );
            g.allow_unscoped(
                "LogInToPublicRegistries",
                &[
                    "ecr-public:GetAuthorizationToken",
                    "sts:GetServiceBearerToken",
                ],
            );
            g.skip_check(
                "CKV_AWS_107",
                "ecr-public:GetAuthorizationToken returns the registry login Docker pushes with; it has no resource type (checkov exempts ecr:GetAuthorizationToken for the same reason)",
            );
        } else {
            g.allow(
                "PushImages",
                &[
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:CompleteLayerUpload",
                    "ecr:DescribeRepositories",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:InitiateLayerUpload",
                    "ecr:PutImage",
                    "ecr:UploadLayerPart",
                ],
                arn::regional_of("ecr", &[Part::Lit("repository/"), repository]),
            );
            g.allow_unscoped("LogInToRegistries", &["ecr:GetAuthorizationToken"]);
        }
    }
}
