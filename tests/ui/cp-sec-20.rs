//! CP-SEC-20: parameters and secrets a build reads are named in the stream, not by run-time variables, so grants name them.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            codebuild "Step" { parameters: { HOST: "/app/#{variables.env}/host" }, inputs: [Src] }
        }
    };
}
