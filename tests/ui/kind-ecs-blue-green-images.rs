//! CP-ART-7: a blue/green deploy with five images.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            ecs_blue_green "BlueGreen" {
                application: "shop", deployment_group: "web",
                task_definition: "Src::taskdef.json", app_spec: "Src",
                images: [
                    { artifact: Src, container: IMAGE1_NAME },
                    { artifact: Src, container: IMAGE2_NAME },
                    { artifact: Src, container: IMAGE3_NAME },
                    { artifact: Src, container: IMAGE4_NAME },
                    { artifact: Src, container: IMAGE5_NAME },
                ],
            }
        }
    };
}
