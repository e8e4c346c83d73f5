//! CP-TYPE-8: an action role only on AWS-owned actions.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            custom "Custom" { category: Invoke, owner: Custom, provider: "Notifier", action_role: "arn:aws:iam::111111111111:role/x" }
        }
    };
}
