//! `codecommit`: a source from a CodeCommit repository.

use super::{optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::builder::ActionBuilder;
use crate::cfn::Expr;
use crate::emit::arn;
use crate::model::{ActionType, Category};

kind! {
    /// Source from a CodeCommit repository.
    #[place(source)]
    pub struct CodeCommit {
        /// The repository's name.
        repository: String,
        /// The branch to build.
        branch: String,
    }
}

/// A CodeCommit source.
pub fn codecommit(
    name: impl Into<String>,
    repository: impl Into<String>,
    branch: impl Into<String>,
) -> ActionBuilder<CodeCommit> {
    ActionBuilder::new(
        name,
        CodeCommit {
            repository: repository.into(),
            branch: branch.into(),
        },
    )
}

impl Kind for CodeCommit {
    const KEYWORD: &'static str = "codecommit";
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Source, "CodeCommit")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-02",
        inputs: (0, 0),
        outputs: (1, 1),
    });
    const CONFIG_KEYS: &'static [super::ConfigKeySpec] = &[
        required("RepositoryName"),
        required("BranchName"),
        optional("PollForSourceChanges"),
        optional("OutputArtifactFormat"),
    ];

    fn configuration(&self, _cx: &ConfigCx<'_>) -> Vec<Entry<'_>> {
        vec![
            Entry::text("RepositoryName", "repository", &self.repository),
            Entry::text("BranchName", "branch", &self.branch),
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
            arn::regional("codecommit", &self.repository),
        );
    }
}
