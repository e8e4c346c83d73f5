//! CP-SEC-19: custom permissions: IAM actions as `service:Action` without wildcards, on ARNs; `*` only for actions without resource-level permissions.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            custom "Custom" { category: Invoke, owner: Custom, provider: "Notifier", permissions: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::acme/*"] }] }
        }
    };
}
