//! A kind's required properties.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
