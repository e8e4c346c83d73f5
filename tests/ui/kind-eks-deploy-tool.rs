//! CP-CONF-37: an EKS deploy with manifest files and a Helm chart.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            eks_deploy "Shop" { cluster: "shop", manifest_files: ["k8s/app.yaml"], helm_release: "shop", helm_chart: "charts/shop", inputs: Src }
        }
    };
}
