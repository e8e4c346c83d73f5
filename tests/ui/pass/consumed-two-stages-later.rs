//! An artifact produced in the source stage and consumed two stages later.
use vsm::stream;

fn main() {
    let s = stream! {
        pipeline "two-stages-later"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Approve" {
            approval "Go" { timeout: 1d }
        }

        stage "Build" {
            codebuild "Compile" { inputs: Src }
        }
    };
    assert_eq!(s.stages[2].actions[0].inputs, ["Src"]);
}
