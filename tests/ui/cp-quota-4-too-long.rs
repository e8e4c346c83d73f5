//! CP-QUOTA-4: 51 sequential steps in one stage.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "A0"
            mock "A1"
            mock "A2"
            mock "A3"
            mock "A4"
            mock "A5"
            mock "A6"
            mock "A7"
            mock "A8"
            mock "A9"
            mock "A10"
            mock "A11"
            mock "A12"
            mock "A13"
            mock "A14"
            mock "A15"
            mock "A16"
            mock "A17"
            mock "A18"
            mock "A19"
            mock "A20"
            mock "A21"
            mock "A22"
            mock "A23"
            mock "A24"
            mock "A25"
            mock "A26"
            mock "A27"
            mock "A28"
            mock "A29"
            mock "A30"
            mock "A31"
            mock "A32"
            mock "A33"
            mock "A34"
            mock "A35"
            mock "A36"
            mock "A37"
            mock "A38"
            mock "A39"
            mock "A40"
            mock "A41"
            mock "A42"
            mock "A43"
            mock "A44"
            mock "A45"
            mock "A46"
            mock "A47"
            mock "A48"
            mock "A49"
            mock "A50"
        }
    };
}
