//! A duplicate action, the source stage in second place and an artifact consumed one
//! stage before it is produced: exactly three errors, one on each token.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "three-mistakes"

        stage "Build" {
            codebuild "Compile" { inputs: Src, outputs: App }
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Test" {
            mock "Smoke"
          | mock "Smoke"
            codebuild "Package" { inputs: Bundle }
        }

        stage "Release" {
            codebuild "Bundle" { inputs: App, outputs: Bundle }
        }
    };
}
