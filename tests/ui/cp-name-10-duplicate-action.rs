//! CP-NAME-10: two actions with one name in a stage.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "ExploratoryTesting" {
            approval "QA"
            approval "QA"
        }
    };
}
