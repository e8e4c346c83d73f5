//! CP-TRIG-1: 51 triggers. A source stage holds at most 50 actions and a source takes one
//! trigger, so the 51st trigger also names a source that does not exist (CP-TRIG-3).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            triggers: [
                App0 { push: { branches: ["main"] } },
                App1 { push: { branches: ["main"] } },
                App2 { push: { branches: ["main"] } },
                App3 { push: { branches: ["main"] } },
                App4 { push: { branches: ["main"] } },
                App5 { push: { branches: ["main"] } },
                App6 { push: { branches: ["main"] } },
                App7 { push: { branches: ["main"] } },
                App8 { push: { branches: ["main"] } },
                App9 { push: { branches: ["main"] } },
                App10 { push: { branches: ["main"] } },
                App11 { push: { branches: ["main"] } },
                App12 { push: { branches: ["main"] } },
                App13 { push: { branches: ["main"] } },
                App14 { push: { branches: ["main"] } },
                App15 { push: { branches: ["main"] } },
                App16 { push: { branches: ["main"] } },
                App17 { push: { branches: ["main"] } },
                App18 { push: { branches: ["main"] } },
                App19 { push: { branches: ["main"] } },
                App20 { push: { branches: ["main"] } },
                App21 { push: { branches: ["main"] } },
                App22 { push: { branches: ["main"] } },
                App23 { push: { branches: ["main"] } },
                App24 { push: { branches: ["main"] } },
                App25 { push: { branches: ["main"] } },
                App26 { push: { branches: ["main"] } },
                App27 { push: { branches: ["main"] } },
                App28 { push: { branches: ["main"] } },
                App29 { push: { branches: ["main"] } },
                App30 { push: { branches: ["main"] } },
                App31 { push: { branches: ["main"] } },
                App32 { push: { branches: ["main"] } },
                App33 { push: { branches: ["main"] } },
                App34 { push: { branches: ["main"] } },
                App35 { push: { branches: ["main"] } },
                App36 { push: { branches: ["main"] } },
                App37 { push: { branches: ["main"] } },
                App38 { push: { branches: ["main"] } },
                App39 { push: { branches: ["main"] } },
                App40 { push: { branches: ["main"] } },
                App41 { push: { branches: ["main"] } },
                App42 { push: { branches: ["main"] } },
                App43 { push: { branches: ["main"] } },
                App44 { push: { branches: ["main"] } },
                App45 { push: { branches: ["main"] } },
                App46 { push: { branches: ["main"] } },
                App47 { push: { branches: ["main"] } },
                App48 { push: { branches: ["main"] } },
                App49 { push: { branches: ["main"] } },
                App50 { push: { branches: ["main"] } },
            ],
        }

        source "Source" {
            connection "App0" { provider: GitHub, repository: "acme/app0", branch: "main", outputs: Src0 }
              | connection "App1" { provider: GitHub, repository: "acme/app1", branch: "main", outputs: Src1 }
              | connection "App2" { provider: GitHub, repository: "acme/app2", branch: "main", outputs: Src2 }
              | connection "App3" { provider: GitHub, repository: "acme/app3", branch: "main", outputs: Src3 }
              | connection "App4" { provider: GitHub, repository: "acme/app4", branch: "main", outputs: Src4 }
              | connection "App5" { provider: GitHub, repository: "acme/app5", branch: "main", outputs: Src5 }
              | connection "App6" { provider: GitHub, repository: "acme/app6", branch: "main", outputs: Src6 }
              | connection "App7" { provider: GitHub, repository: "acme/app7", branch: "main", outputs: Src7 }
              | connection "App8" { provider: GitHub, repository: "acme/app8", branch: "main", outputs: Src8 }
              | connection "App9" { provider: GitHub, repository: "acme/app9", branch: "main", outputs: Src9 }
              | connection "App10" { provider: GitHub, repository: "acme/app10", branch: "main", outputs: Src10 }
              | connection "App11" { provider: GitHub, repository: "acme/app11", branch: "main", outputs: Src11 }
              | connection "App12" { provider: GitHub, repository: "acme/app12", branch: "main", outputs: Src12 }
              | connection "App13" { provider: GitHub, repository: "acme/app13", branch: "main", outputs: Src13 }
              | connection "App14" { provider: GitHub, repository: "acme/app14", branch: "main", outputs: Src14 }
              | connection "App15" { provider: GitHub, repository: "acme/app15", branch: "main", outputs: Src15 }
              | connection "App16" { provider: GitHub, repository: "acme/app16", branch: "main", outputs: Src16 }
              | connection "App17" { provider: GitHub, repository: "acme/app17", branch: "main", outputs: Src17 }
              | connection "App18" { provider: GitHub, repository: "acme/app18", branch: "main", outputs: Src18 }
              | connection "App19" { provider: GitHub, repository: "acme/app19", branch: "main", outputs: Src19 }
              | connection "App20" { provider: GitHub, repository: "acme/app20", branch: "main", outputs: Src20 }
              | connection "App21" { provider: GitHub, repository: "acme/app21", branch: "main", outputs: Src21 }
              | connection "App22" { provider: GitHub, repository: "acme/app22", branch: "main", outputs: Src22 }
              | connection "App23" { provider: GitHub, repository: "acme/app23", branch: "main", outputs: Src23 }
              | connection "App24" { provider: GitHub, repository: "acme/app24", branch: "main", outputs: Src24 }
              | connection "App25" { provider: GitHub, repository: "acme/app25", branch: "main", outputs: Src25 }
              | connection "App26" { provider: GitHub, repository: "acme/app26", branch: "main", outputs: Src26 }
              | connection "App27" { provider: GitHub, repository: "acme/app27", branch: "main", outputs: Src27 }
              | connection "App28" { provider: GitHub, repository: "acme/app28", branch: "main", outputs: Src28 }
              | connection "App29" { provider: GitHub, repository: "acme/app29", branch: "main", outputs: Src29 }
              | connection "App30" { provider: GitHub, repository: "acme/app30", branch: "main", outputs: Src30 }
              | connection "App31" { provider: GitHub, repository: "acme/app31", branch: "main", outputs: Src31 }
              | connection "App32" { provider: GitHub, repository: "acme/app32", branch: "main", outputs: Src32 }
              | connection "App33" { provider: GitHub, repository: "acme/app33", branch: "main", outputs: Src33 }
              | connection "App34" { provider: GitHub, repository: "acme/app34", branch: "main", outputs: Src34 }
              | connection "App35" { provider: GitHub, repository: "acme/app35", branch: "main", outputs: Src35 }
              | connection "App36" { provider: GitHub, repository: "acme/app36", branch: "main", outputs: Src36 }
              | connection "App37" { provider: GitHub, repository: "acme/app37", branch: "main", outputs: Src37 }
              | connection "App38" { provider: GitHub, repository: "acme/app38", branch: "main", outputs: Src38 }
              | connection "App39" { provider: GitHub, repository: "acme/app39", branch: "main", outputs: Src39 }
              | connection "App40" { provider: GitHub, repository: "acme/app40", branch: "main", outputs: Src40 }
              | connection "App41" { provider: GitHub, repository: "acme/app41", branch: "main", outputs: Src41 }
              | connection "App42" { provider: GitHub, repository: "acme/app42", branch: "main", outputs: Src42 }
              | connection "App43" { provider: GitHub, repository: "acme/app43", branch: "main", outputs: Src43 }
              | connection "App44" { provider: GitHub, repository: "acme/app44", branch: "main", outputs: Src44 }
              | connection "App45" { provider: GitHub, repository: "acme/app45", branch: "main", outputs: Src45 }
              | connection "App46" { provider: GitHub, repository: "acme/app46", branch: "main", outputs: Src46 }
              | connection "App47" { provider: GitHub, repository: "acme/app47", branch: "main", outputs: Src47 }
              | connection "App48" { provider: GitHub, repository: "acme/app48", branch: "main", outputs: Src48 }
              | connection "App49" { provider: GitHub, repository: "acme/app49", branch: "main", outputs: Src49 }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
