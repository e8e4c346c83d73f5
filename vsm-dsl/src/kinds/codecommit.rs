//! `codecommit`: a source from a CodeCommit repository.

use crate::cfn::Expr;
use crate::kit::arn::{self, Part};
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::model::Text;
use crate::model::{ActionType, Category};

kind! {
    /// Source from a CodeCommit repository.
    #[kind(codecommit, source)]
    pub struct CodeCommit {
        required {
            /// The repository's name.
            repository: Text,
            /// The branch to build.
            branch: Text,
        }
    }
}

impl Kind for CodeCommit {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Source, "CodeCommit")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-02",
        inputs: (0, 0),
        outputs: (1, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("RepositoryName"),
        required("BranchName"),
        optional("PollForSourceChanges"),
        optional("OutputArtifactFormat"),
    ];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        vec![
            Entry::of("RepositoryName", "repository", &self.repository),
            Entry::of("BranchName", "branch", &self.branch),
        ]
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        cx.grants().allow(
            "ReadRepositories",
            &[
                "codecommit:CancelUploadArchive",
                "codecommit:GetBranch",
                "codecommit:GetCommit",
                "codecommit:GetRepository",
                "codecommit:GetUploadArchiveStatus",
                "codecommit:UploadArchive",
            ],
            arn::regional_of("codecommit", &[Part::Val(&self.repository)]),
        );
    }
}
