//! CP-CONF-39: a Service Catalog deploy from a template without the new version's name.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Publish" {
            service_catalog_deploy "Product" { product: "prod-abcdefghijklm", template: "template.yaml", inputs: Src }
        }
    };
}
