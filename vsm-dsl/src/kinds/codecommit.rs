//! `codecommit`: a source from a CodeCommit repository.

use super::connection::{clone_format, clone_readers, read_clone_format};
use crate::cfn::Expr;
use crate::diagnostic::Violation;
use crate::kit::arn::{self, Part};
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, At, ConfigCx, Entry, Kind};
use crate::model::props::PropValue;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

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
        optional {
            /// Whether CodePipeline polls the repository for changes; it does when unset. `false`
            /// when an EventBridge rule starts the pipeline instead (CP-CONF-7), or it would run
            /// twice for one commit.
            poll: Option<bool>,
            /// `true`: output a full clone reference, readable only by CodeBuild (CP-ART-4), whose
            /// projects may then `git pull` the repository; `false`: a zip of the commit
            /// (`CODE_ZIP`, the default when unset).
            full_clone: Option<bool>,
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
        let mut out = vec![
            Entry::of("RepositoryName", "repository", &self.repository),
            Entry::of("BranchName", "branch", &self.branch),
        ];
        out.extend(Entry::flag("PollForSourceChanges", "poll", self.poll));
        out.extend(clone_format(self.full_clone));
        out
    }

    fn read_config(key: &str, text: &str) -> Option<Vec<(String, PropValue)>> {
        read_clone_format(key, text)
    }

    fn check(&self, at: &At<'_>, stream: &Stream, out: &mut Vec<Violation>) {
        if self.full_clone == Some(true) {
            clone_readers(at, stream, out);
        }
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
