//! CP-TYPE-3: a custom provider with a space.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Invoke" {
            custom "Flow" { category: Invoke, owner: AWS, provider: "Step Functions" }
        }
    };
}
