//! CP-QUOTA-8: 51 tags.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            tag: t0 = "v",
            tag: t1 = "v",
            tag: t2 = "v",
            tag: t3 = "v",
            tag: t4 = "v",
            tag: t5 = "v",
            tag: t6 = "v",
            tag: t7 = "v",
            tag: t8 = "v",
            tag: t9 = "v",
            tag: t10 = "v",
            tag: t11 = "v",
            tag: t12 = "v",
            tag: t13 = "v",
            tag: t14 = "v",
            tag: t15 = "v",
            tag: t16 = "v",
            tag: t17 = "v",
            tag: t18 = "v",
            tag: t19 = "v",
            tag: t20 = "v",
            tag: t21 = "v",
            tag: t22 = "v",
            tag: t23 = "v",
            tag: t24 = "v",
            tag: t25 = "v",
            tag: t26 = "v",
            tag: t27 = "v",
            tag: t28 = "v",
            tag: t29 = "v",
            tag: t30 = "v",
            tag: t31 = "v",
            tag: t32 = "v",
            tag: t33 = "v",
            tag: t34 = "v",
            tag: t35 = "v",
            tag: t36 = "v",
            tag: t37 = "v",
            tag: t38 = "v",
            tag: t39 = "v",
            tag: t40 = "v",
            tag: t41 = "v",
            tag: t42 = "v",
            tag: t43 = "v",
            tag: t44 = "v",
            tag: t45 = "v",
            tag: t46 = "v",
            tag: t47 = "v",
            tag: t48 = "v",
            tag: t49 = "v",
            tag: t50 = "v",
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
