//! CP-XREG-3: one artifact store per Region, and one for every Region an action runs in: given, or created by that Region's template.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            account: "111111111111",
            region: "eu-west-1",
            artifact_stores: [{ region: "us-east-1", bucket: "acme-artifacts-us", key: "arn:aws:kms:us-east-1:111111111111:key/abcd" }, { region: "us-east-1", bucket: "acme-artifacts-us", key: "arn:aws:kms:us-east-1:111111111111:key/abcd" }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
