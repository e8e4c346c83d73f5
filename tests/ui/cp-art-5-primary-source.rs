//! CP-ART-5: CodeBuild with two inputs and no primary source.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
          | codecommit "Tools" { repository: "tools", branch: "main", outputs: Tools }
        }

        stage "Build" {
            codebuild "Compile" { inputs: [Src, Tools] }
        }
    };
}
