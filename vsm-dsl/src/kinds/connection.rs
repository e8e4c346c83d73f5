//! `connection`: a source from a Git host through a CodeConnections connection.

use crate::catalogue::{CP_ART_4, CP_CONF_3};
use crate::cfn::Expr;
use crate::diagnostic::{Field, Violation};
use crate::kit::shape::Form;
use crate::kit::{actions, parameter_name, At, Shape};
use crate::kit::{
    choice, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind, ParamSpec,
};
use crate::model::props::PropValue;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

/// Allowed pattern of the connection ARN parameter.
const CONNECTION_PATTERN: &str =
    "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/[0-9a-f-]+";

choice! {
    /// Git hosts reachable through a connection.
    pub enum GitProvider {
        /// GitHub (github.com).
        #[default]
        GitHub = "GitHub",
        /// GitHub Enterprise Server.
        GitHubEnterprise = "GitHubEnterprise",
        /// GitLab (gitlab.com or self-managed).
        GitLab = "GitLab",
        /// Bitbucket Cloud.
        Bitbucket = "Bitbucket",
    }
}

kind! {
    /// Source from a Git host through a CodeConnections connection; the template takes the
    /// connection's ARN as a parameter, never a token.
    #[kind(connection, source)]
    pub struct Connection {
        required {
            /// The Git host (documents the stream; the connection decides).
            provider: GitProvider,
            /// The repository, as `owner/name`.
            repository: Text,
            /// The branch to build.
            branch: Text,
        }
        optional {
            /// The template parameter holding the connection ARN; `ConnectionArn` when unset.
            connection_parameter: Option<String>,
            /// `true`: output a full clone reference, readable only by CodeBuild (CP-ART-4);
            /// `false`: a zip of the commit (`CODE_ZIP`, the default when unset).
            full_clone: Option<bool>,
            /// Whether a push to the branch starts the pipeline; `true` (CodePipeline's default)
            /// when unset. `false` when only triggers or manual runs should start it.
            detect_changes: Option<bool>,
        }
    }
}

impl Connection {
    /// Parameter name used when none is set.
    pub const DEFAULT_PARAMETER: &'static str = "ConnectionArn";

    /// The template parameter holding the connection ARN.
    pub fn parameter(&self) -> &str {
        self.connection_parameter
            .as_deref()
            .unwrap_or(Self::DEFAULT_PARAMETER)
    }
}

/// The repository, `owner/name` (CP-CONF-3), as the check reads it.
const REPOSITORY: Shape = Shape {
    rule: CP_CONF_3,
    what: "repository",
    min: 1,
    max: 1000,
    chars: None,
    form: Some(Form {
        pattern: r"[\s\S]*/[\s\S]*",
        accepts: |r| r.contains('/'),
        computed_only: false,
    }),
};

impl Kind for Connection {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(
        Category::Source,
        "CodeStarSourceConnection",
    )];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-04",
        inputs: (0, 0),
        outputs: (1, 1),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("ConnectionArn"),
        required("FullRepositoryId"),
        required("BranchName"),
        optional("OutputArtifactFormat"),
        optional("DetectChanges"),
    ];
    const SHAPES: &'static [(&'static str, Shape)] = &[("repository", REPOSITORY)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::param(
                "ConnectionArn",
                Some("connection_parameter"),
                ParamSpec {
                    name: self.parameter().to_owned(),
                    description: "ARN of the CodeConnections connection to the Git host (its handshake completed in the console)".to_owned(),
                    pattern: CONNECTION_PATTERN,
                    takes: "a connection ARN",
                    named_by: "connection_parameter",
                },
            ),
            Entry::of("FullRepositoryId", "repository", &self.repository),
            Entry::of("BranchName", "branch", &self.branch),
        ];
        out.extend(clone_format(self.full_clone));
        out.extend(Entry::flag(
            "DetectChanges",
            "detect_changes",
            self.detect_changes,
        ));
        out
    }

    fn read_config(key: &str, text: &str) -> Option<Vec<(String, PropValue)>> {
        read_clone_format(key, text)
    }

    fn check(&self, at: &At<'_>, stream: &Stream, out: &mut Vec<Violation>) {
        if let Some(repository) = self.repository.as_str().filter(|r| !r.contains('/')) {
            out.push(Violation::error(
                CP_CONF_3,
                at.loc(Field::Prop("repository")),
                format!(
                    "repository {} is not of the form owner/name",
                    crate::diagnostic::quote(repository)
                ),
                "write the full repository id, such as `my-org/my-service`",
            ));
        }
        parameter_name(at, self.parameter(), "connection_parameter", out);
        if self.full_clone == Some(true) {
            clone_readers(at, stream, out);
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]) {
        if let Some(arn) = crate::kit::emitted(config, "ConnectionArn") {
            cx.grants().allow(
                "UseConnections",
                &[
                    "codeconnections:UseConnection",
                    "codestar-connections:UseConnection",
                ],
                arn,
            );
        }
    }
}

/// `OutputArtifactFormat` of a source that can hand CodeBuild a full clone (connections,
/// CodeCommit): `CODEBUILD_CLONE_REF` or `CODE_ZIP` when set.
pub(crate) fn clone_format(full_clone: Option<bool>) -> Option<Entry<'static>> {
    full_clone.map(|full| {
        let format = if full {
            "CODEBUILD_CLONE_REF"
        } else {
            "CODE_ZIP"
        };
        Entry::owned(
            "OutputArtifactFormat",
            Some("full_clone"),
            format.to_owned(),
        )
    })
}

/// `OutputArtifactFormat` read back into `full_clone`.
pub(crate) fn read_clone_format(key: &str, text: &str) -> Option<Vec<(String, PropValue)>> {
    let full = match (key, text) {
        ("OutputArtifactFormat", "CODEBUILD_CLONE_REF") => true,
        ("OutputArtifactFormat", "CODE_ZIP") => false,
        _ => return None,
    };
    Some(vec![("full_clone".to_owned(), PropValue::Bool(full))])
}

/// CP-ART-4: a full-clone output feeds only CodeBuild actions.
pub(crate) fn clone_readers(producer: &At<'_>, stream: &Stream, out: &mut Vec<Violation>) {
    let outputs = &producer.action.outputs;
    for at in actions(stream) {
        if at.action.kind.action_type().provider == "CodeBuild" {
            continue;
        }
        for (i, name) in at.action.inputs.iter().enumerate() {
            if outputs.contains(name) {
                out.push(
                    Violation::error(
                        CP_ART_4,
                        at.loc(Field::Input(i)),
                        format!("artifact {name:?} is a full clone reference, which only CodeBuild actions can read"),
                        "consume it in a CodeBuild action, or turn off full_clone on the source",
                    )
                    .with_related(producer.loc(Field::Output(0)), "produced as a full clone here"),
                );
            }
        }
    }
}
