//! CP-QUOTA-7: an approval timeout under five minutes.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Approve" {
            approval "Release" { timeout: 1m }
        }
    };
}
