//! CP-TYPE-10: a command of two lines.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Test" {
            commands "Unit" { commands: ["npm ci", "npm test\nnpm run lint"], inputs: Src }
        }
    };
}
