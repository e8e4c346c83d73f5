//! CP-QUOTA-1: 51 stages.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "S0" { mock "Step" }
        stage "S1" { mock "Step" }
        stage "S2" { mock "Step" }
        stage "S3" { mock "Step" }
        stage "S4" { mock "Step" }
        stage "S5" { mock "Step" }
        stage "S6" { mock "Step" }
        stage "S7" { mock "Step" }
        stage "S8" { mock "Step" }
        stage "S9" { mock "Step" }
        stage "S10" { mock "Step" }
        stage "S11" { mock "Step" }
        stage "S12" { mock "Step" }
        stage "S13" { mock "Step" }
        stage "S14" { mock "Step" }
        stage "S15" { mock "Step" }
        stage "S16" { mock "Step" }
        stage "S17" { mock "Step" }
        stage "S18" { mock "Step" }
        stage "S19" { mock "Step" }
        stage "S20" { mock "Step" }
        stage "S21" { mock "Step" }
        stage "S22" { mock "Step" }
        stage "S23" { mock "Step" }
        stage "S24" { mock "Step" }
        stage "S25" { mock "Step" }
        stage "S26" { mock "Step" }
        stage "S27" { mock "Step" }
        stage "S28" { mock "Step" }
        stage "S29" { mock "Step" }
        stage "S30" { mock "Step" }
        stage "S31" { mock "Step" }
        stage "S32" { mock "Step" }
        stage "S33" { mock "Step" }
        stage "S34" { mock "Step" }
        stage "S35" { mock "Step" }
        stage "S36" { mock "Step" }
        stage "S37" { mock "Step" }
        stage "S38" { mock "Step" }
        stage "S39" { mock "Step" }
        stage "S40" { mock "Step" }
        stage "S41" { mock "Step" }
        stage "S42" { mock "Step" }
        stage "S43" { mock "Step" }
        stage "S44" { mock "Step" }
        stage "S45" { mock "Step" }
        stage "S46" { mock "Step" }
        stage "S47" { mock "Step" }
        stage "S48" { mock "Step" }
        stage "S49" { mock "Step" }
    };
}
