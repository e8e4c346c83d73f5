//! `ecr`: a source from an image in an ECR repository.

use super::{optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::builder::ActionBuilder;
use crate::cfn::Expr;
use crate::emit::arn;
use crate::model::{ActionType, Category};

kind! {
    /// Source from an image pushed to an ECR repository.
    #[place(source)]
    pub struct Ecr {
        /// The repository's name.
        repository: String,
        /// The image tag; `latest` when unset.
        tag: Option<String>,
    }
}

/// An ECR source (tag `latest` unless set).
pub fn ecr(name: impl Into<String>, repository: impl Into<String>) -> ActionBuilder<Ecr> {
    ActionBuilder::new(
        name,
        Ecr {
            repository: repository.into(),
            tag: None,
        },
    )
}

impl Kind for Ecr {
    const KEYWORD: &'static str = "ecr";
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Source, "ECR")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-03",
        inputs: (0, 0),
        outputs: (1, 1),
    });
    const CONFIG_KEYS: &'static [super::ConfigKeySpec] =
        &[required("RepositoryName"), optional("ImageTag")];

    fn configuration(&self, _cx: &ConfigCx<'_>) -> Vec<Entry<'_>> {
        let mut out = vec![Entry::text("RepositoryName", "repository", &self.repository)];
        out.extend(Entry::opt("ImageTag", "tag", &self.tag));
        out
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        cx.grants().allow(
            "ReadImages",
            &["ecr:DescribeImages"],
            arn::regional("ecr", &format!("repository/{}", self.repository)),
        );
    }
}
