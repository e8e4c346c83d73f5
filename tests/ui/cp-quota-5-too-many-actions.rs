//! CP-QUOTA-5: 501 actions in the pipeline.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "S0" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S1" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S2" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S3" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S4" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S5" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S6" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S7" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S8" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S9" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S10" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S11" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S12" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S13" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S14" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S15" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S16" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S17" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S18" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S19" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S20" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S21" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S22" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S23" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S24" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S25" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S26" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S27" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S28" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S29" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S30" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S31" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S32" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S33" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S34" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S35" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S36" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S37" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S38" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S39" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S40" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S41" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S42" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S43" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S44" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S45" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S46" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "S47" { mock "A0" | mock "A1" | mock "A2" | mock "A3" | mock "A4" | mock "A5" | mock "A6" | mock "A7" | mock "A8" | mock "A9" }
        stage "Last" {
            mock "A0"
              | mock "A1"
              | mock "A2"
              | mock "A3"
              | mock "A4"
              | mock "A5"
              | mock "A6"
              | mock "A7"
              | mock "A8"
              | mock "A9"
              | mock "A10"
              | mock "A11"
              | mock "A12"
              | mock "A13"
              | mock "A14"
              | mock "A15"
              | mock "A16"
              | mock "A17"
              | mock "A18"
              | mock "A19"
        }
    };
}
