//! `ecr`: a source from an image in an ECR repository.

use crate::cfn::Expr;
use crate::kit::arn::{self, Part};
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::model::Text;
use crate::model::{ActionType, Category};

kind! {
    /// Source from an image pushed to an ECR repository.
    #[kind(ecr, source)]
    pub struct Ecr {
        required {
            /// The repository's name.
            repository: Text,
        }
        optional {
            /// The image tag; `latest` when unset.
            tag: Option<Text>,
        }
    }
}

impl Kind for Ecr {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Source, "ECR")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-03",
        inputs: (0, 0),
        outputs: (1, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] =
        &[required("RepositoryName"), optional("ImageTag")];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of("RepositoryName", "repository", &self.repository)];
        out.extend(Entry::of_opt("ImageTag", "tag", &self.tag));
        out
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        cx.grants().allow(
            "ReadImages",
            &["ecr:DescribeImages"],
            arn::regional_of(
                "ecr",
                &[Part::Lit("repository/"), Part::Val(&self.repository)],
            ),
        );
    }
}
