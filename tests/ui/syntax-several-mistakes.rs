//! Syntax mistakes are collected: every one is reported in one build.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit" { process: 10 minutes }
            mokc "Lint"
            mock "Docs" { wiat: 5m, ca: 95 }
        }
    };
}
