//! CP-TRIG-1: 51 triggers. A source stage holds at most 50 actions and a source takes one
//! trigger, so the 51st trigger also names a source that does not exist (CP-TRIG-3).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            trigger: App0 { push: { branches: ["main"] } },
            trigger: App1 { push: { branches: ["main"] } },
            trigger: App2 { push: { branches: ["main"] } },
            trigger: App3 { push: { branches: ["main"] } },
            trigger: App4 { push: { branches: ["main"] } },
            trigger: App5 { push: { branches: ["main"] } },
            trigger: App6 { push: { branches: ["main"] } },
            trigger: App7 { push: { branches: ["main"] } },
            trigger: App8 { push: { branches: ["main"] } },
            trigger: App9 { push: { branches: ["main"] } },
            trigger: App10 { push: { branches: ["main"] } },
            trigger: App11 { push: { branches: ["main"] } },
            trigger: App12 { push: { branches: ["main"] } },
            trigger: App13 { push: { branches: ["main"] } },
            trigger: App14 { push: { branches: ["main"] } },
            trigger: App15 { push: { branches: ["main"] } },
            trigger: App16 { push: { branches: ["main"] } },
            trigger: App17 { push: { branches: ["main"] } },
            trigger: App18 { push: { branches: ["main"] } },
            trigger: App19 { push: { branches: ["main"] } },
            trigger: App20 { push: { branches: ["main"] } },
            trigger: App21 { push: { branches: ["main"] } },
            trigger: App22 { push: { branches: ["main"] } },
            trigger: App23 { push: { branches: ["main"] } },
            trigger: App24 { push: { branches: ["main"] } },
            trigger: App25 { push: { branches: ["main"] } },
            trigger: App26 { push: { branches: ["main"] } },
            trigger: App27 { push: { branches: ["main"] } },
            trigger: App28 { push: { branches: ["main"] } },
            trigger: App29 { push: { branches: ["main"] } },
            trigger: App30 { push: { branches: ["main"] } },
            trigger: App31 { push: { branches: ["main"] } },
            trigger: App32 { push: { branches: ["main"] } },
            trigger: App33 { push: { branches: ["main"] } },
            trigger: App34 { push: { branches: ["main"] } },
            trigger: App35 { push: { branches: ["main"] } },
            trigger: App36 { push: { branches: ["main"] } },
            trigger: App37 { push: { branches: ["main"] } },
            trigger: App38 { push: { branches: ["main"] } },
            trigger: App39 { push: { branches: ["main"] } },
            trigger: App40 { push: { branches: ["main"] } },
            trigger: App41 { push: { branches: ["main"] } },
            trigger: App42 { push: { branches: ["main"] } },
            trigger: App43 { push: { branches: ["main"] } },
            trigger: App44 { push: { branches: ["main"] } },
            trigger: App45 { push: { branches: ["main"] } },
            trigger: App46 { push: { branches: ["main"] } },
            trigger: App47 { push: { branches: ["main"] } },
            trigger: App48 { push: { branches: ["main"] } },
            trigger: App49 { push: { branches: ["main"] } },
            trigger: App50 { push: { branches: ["main"] } },
        }

        source "Source" {
            connection "App0" { provider: GitHub, repository: "acme/app0", branch: "main", out: Src0 }
              | connection "App1" { provider: GitHub, repository: "acme/app1", branch: "main", out: Src1 }
              | connection "App2" { provider: GitHub, repository: "acme/app2", branch: "main", out: Src2 }
              | connection "App3" { provider: GitHub, repository: "acme/app3", branch: "main", out: Src3 }
              | connection "App4" { provider: GitHub, repository: "acme/app4", branch: "main", out: Src4 }
              | connection "App5" { provider: GitHub, repository: "acme/app5", branch: "main", out: Src5 }
              | connection "App6" { provider: GitHub, repository: "acme/app6", branch: "main", out: Src6 }
              | connection "App7" { provider: GitHub, repository: "acme/app7", branch: "main", out: Src7 }
              | connection "App8" { provider: GitHub, repository: "acme/app8", branch: "main", out: Src8 }
              | connection "App9" { provider: GitHub, repository: "acme/app9", branch: "main", out: Src9 }
              | connection "App10" { provider: GitHub, repository: "acme/app10", branch: "main", out: Src10 }
              | connection "App11" { provider: GitHub, repository: "acme/app11", branch: "main", out: Src11 }
              | connection "App12" { provider: GitHub, repository: "acme/app12", branch: "main", out: Src12 }
              | connection "App13" { provider: GitHub, repository: "acme/app13", branch: "main", out: Src13 }
              | connection "App14" { provider: GitHub, repository: "acme/app14", branch: "main", out: Src14 }
              | connection "App15" { provider: GitHub, repository: "acme/app15", branch: "main", out: Src15 }
              | connection "App16" { provider: GitHub, repository: "acme/app16", branch: "main", out: Src16 }
              | connection "App17" { provider: GitHub, repository: "acme/app17", branch: "main", out: Src17 }
              | connection "App18" { provider: GitHub, repository: "acme/app18", branch: "main", out: Src18 }
              | connection "App19" { provider: GitHub, repository: "acme/app19", branch: "main", out: Src19 }
              | connection "App20" { provider: GitHub, repository: "acme/app20", branch: "main", out: Src20 }
              | connection "App21" { provider: GitHub, repository: "acme/app21", branch: "main", out: Src21 }
              | connection "App22" { provider: GitHub, repository: "acme/app22", branch: "main", out: Src22 }
              | connection "App23" { provider: GitHub, repository: "acme/app23", branch: "main", out: Src23 }
              | connection "App24" { provider: GitHub, repository: "acme/app24", branch: "main", out: Src24 }
              | connection "App25" { provider: GitHub, repository: "acme/app25", branch: "main", out: Src25 }
              | connection "App26" { provider: GitHub, repository: "acme/app26", branch: "main", out: Src26 }
              | connection "App27" { provider: GitHub, repository: "acme/app27", branch: "main", out: Src27 }
              | connection "App28" { provider: GitHub, repository: "acme/app28", branch: "main", out: Src28 }
              | connection "App29" { provider: GitHub, repository: "acme/app29", branch: "main", out: Src29 }
              | connection "App30" { provider: GitHub, repository: "acme/app30", branch: "main", out: Src30 }
              | connection "App31" { provider: GitHub, repository: "acme/app31", branch: "main", out: Src31 }
              | connection "App32" { provider: GitHub, repository: "acme/app32", branch: "main", out: Src32 }
              | connection "App33" { provider: GitHub, repository: "acme/app33", branch: "main", out: Src33 }
              | connection "App34" { provider: GitHub, repository: "acme/app34", branch: "main", out: Src34 }
              | connection "App35" { provider: GitHub, repository: "acme/app35", branch: "main", out: Src35 }
              | connection "App36" { provider: GitHub, repository: "acme/app36", branch: "main", out: Src36 }
              | connection "App37" { provider: GitHub, repository: "acme/app37", branch: "main", out: Src37 }
              | connection "App38" { provider: GitHub, repository: "acme/app38", branch: "main", out: Src38 }
              | connection "App39" { provider: GitHub, repository: "acme/app39", branch: "main", out: Src39 }
              | connection "App40" { provider: GitHub, repository: "acme/app40", branch: "main", out: Src40 }
              | connection "App41" { provider: GitHub, repository: "acme/app41", branch: "main", out: Src41 }
              | connection "App42" { provider: GitHub, repository: "acme/app42", branch: "main", out: Src42 }
              | connection "App43" { provider: GitHub, repository: "acme/app43", branch: "main", out: Src43 }
              | connection "App44" { provider: GitHub, repository: "acme/app44", branch: "main", out: Src44 }
              | connection "App45" { provider: GitHub, repository: "acme/app45", branch: "main", out: Src45 }
              | connection "App46" { provider: GitHub, repository: "acme/app46", branch: "main", out: Src46 }
              | connection "App47" { provider: GitHub, repository: "acme/app47", branch: "main", out: Src47 }
              | connection "App48" { provider: GitHub, repository: "acme/app48", branch: "main", out: Src48 }
              | connection "App49" { provider: GitHub, repository: "acme/app49", branch: "main", out: Src49 }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
