//! 50 stages, the CodePipeline limit: the source stage and 49 more.
use vsm::stream;

fn main() {
    let s = stream! {
        pipeline "fifty-stages"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Stage1" { mock "Step" }
        stage "Stage2" { mock "Step" }
        stage "Stage3" { mock "Step" }
        stage "Stage4" { mock "Step" }
        stage "Stage5" { mock "Step" }
        stage "Stage6" { mock "Step" }
        stage "Stage7" { mock "Step" }
        stage "Stage8" { mock "Step" }
        stage "Stage9" { mock "Step" }
        stage "Stage10" { mock "Step" }
        stage "Stage11" { mock "Step" }
        stage "Stage12" { mock "Step" }
        stage "Stage13" { mock "Step" }
        stage "Stage14" { mock "Step" }
        stage "Stage15" { mock "Step" }
        stage "Stage16" { mock "Step" }
        stage "Stage17" { mock "Step" }
        stage "Stage18" { mock "Step" }
        stage "Stage19" { mock "Step" }
        stage "Stage20" { mock "Step" }
        stage "Stage21" { mock "Step" }
        stage "Stage22" { mock "Step" }
        stage "Stage23" { mock "Step" }
        stage "Stage24" { mock "Step" }
        stage "Stage25" { mock "Step" }
        stage "Stage26" { mock "Step" }
        stage "Stage27" { mock "Step" }
        stage "Stage28" { mock "Step" }
        stage "Stage29" { mock "Step" }
        stage "Stage30" { mock "Step" }
        stage "Stage31" { mock "Step" }
        stage "Stage32" { mock "Step" }
        stage "Stage33" { mock "Step" }
        stage "Stage34" { mock "Step" }
        stage "Stage35" { mock "Step" }
        stage "Stage36" { mock "Step" }
        stage "Stage37" { mock "Step" }
        stage "Stage38" { mock "Step" }
        stage "Stage39" { mock "Step" }
        stage "Stage40" { mock "Step" }
        stage "Stage41" { mock "Step" }
        stage "Stage42" { mock "Step" }
        stage "Stage43" { mock "Step" }
        stage "Stage44" { mock "Step" }
        stage "Stage45" { mock "Step" }
        stage "Stage46" { mock "Step" }
        stage "Stage47" { mock "Step" }
        stage "Stage48" { mock "Step" }
        stage "Stage49" { mock "Step" }
    };
    assert_eq!(s.stages.len(), 50);
}
