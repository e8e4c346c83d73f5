//! `eks_deploy`: Kubernetes manifests or a Helm chart from the input artifact applied to an
//! Amazon EKS cluster, on CodePipeline's managed compute (V2 only).

use std::collections::BTreeMap;

use crate::catalogue::RuleId;
use crate::cfn::{Expr, PipelineAction};
use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::commands::{declared_variable_checks, declared_variables};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{compute, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry};
use crate::kit::{At, Kind, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// A deploy to an Amazon EKS cluster: kubectl applies manifest files from the input
    /// artifact, or Helm installs a chart from it, on CodePipeline's managed compute. The
    /// pipeline's role must be given access to the cluster (an EKS access entry). V2
    /// pipelines only.
    #[kind(eks_deploy, step)]
    pub struct EksDeploy {
        required {
            /// The cluster's name.
            cluster: Text,
        }
        optional {
            /// kubectl: the manifest files in the input artifact.
            manifest_files: Vec<Text>,
            /// Helm: the release's name.
            helm_release: Option<Text>,
            /// Helm: where the chart is in the input artifact.
            helm_chart: Option<Text>,
            /// Helm: values files in the chart's location that override its values.
            helm_values_files: Vec<Text>,
            /// The Kubernetes namespace the commands act in.
            kubernetes_namespace: Option<Text>,
            /// Subnets of the cluster's VPC to run in (to reach a private cluster's
            /// endpoint), with `security_groups`.
            subnets: Vec<Text>,
            /// The security groups of the action's network interfaces in those subnets.
            security_groups: Vec<Text>,
            /// Environment variables, by name, that the manifests or values files name (an
            /// image tag, say).
            environment: BTreeMap<String, Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_37 = compile("CP-CONF-37", "EKS deploy: a cluster name; kubectl manifest files or a Helm release and chart, one of the two; values files only with Helm; release and namespace names as Helm and Kubernetes take them; subnets and security groups together");
}

/// An EKS cluster's name: a letter or digit, then letters, digits, `-` and `_` (1–100).
fn is_cluster_name(n: &str) -> bool {
    n.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
}

/// A DNS label as Kubernetes takes one: lowercase letters, digits and `-`, a letter or digit
/// at each end.
fn is_dns_label(n: &str) -> bool {
    !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !n.starts_with('-')
        && !n.ends_with('-')
}

/// A Helm release name: DNS labels joined by `.`.
fn is_release_name(n: &str) -> bool {
    n.split('.').all(is_dns_label)
}

const LOWER_CHARS: Chars = Chars {
    allowed: |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
    class: "a-z0-9-",
    words: "lowercase letters, digits and '-'",
};

/// The names the action's configuration holds to (CP-CONF-37).
const SHAPES: &[(&str, Shape)] = &[
    (
        "cluster",
        Shape {
            rule: CP_CONF_37,
            what: "cluster name",
            min: 1,
            max: 100,
            chars: Some(Chars {
                allowed: |c| c.is_ascii_alphanumeric() || c == '-' || c == '_',
                class: "A-Za-z0-9_-",
                words: "letters, digits, '-' and '_'",
            }),
            form: Some(Form {
                pattern: "[A-Za-z0-9][A-Za-z0-9_-]*",
                accepts: is_cluster_name,
                computed_only: false,
            }),
        },
    ),
    (
        "helm_release",
        Shape {
            rule: CP_CONF_37,
            what: "Helm release name",
            min: 1,
            max: 53,
            chars: Some(Chars {
                allowed: |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.',
                class: "a-z0-9.-",
                words: "lowercase letters, digits, '-' and '.'",
            }),
            form: Some(Form {
                pattern: r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
                accepts: is_release_name,
                computed_only: false,
            }),
        },
    ),
    (
        "kubernetes_namespace",
        Shape {
            rule: CP_CONF_37,
            what: "Kubernetes namespace",
            min: 1,
            max: 63,
            chars: Some(LOWER_CHARS),
            form: Some(Form {
                pattern: "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
                accepts: is_dns_label,
                computed_only: false,
            }),
        },
    ),
];

impl Kind for EksDeploy {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Deploy, "EKS")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-33",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("ClusterName"),
        optional("HelmReleaseName"),
        optional("HelmChartLocation"),
        optional("HelmValuesFiles"),
        optional("ManifestFiles"),
        optional("Namespace"),
        optional("SubnetIds"),
        optional("SecurityGroupIds"),
    ];
    const V2_ONLY: bool = true;

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of("ClusterName", "cluster", &self.cluster)];
        out.extend(Entry::of_opt(
            "HelmReleaseName",
            "helm_release",
            &self.helm_release,
        ));
        out.extend(Entry::of_opt(
            "HelmChartLocation",
            "helm_chart",
            &self.helm_chart,
        ));
        out.extend(Entry::list(
            "HelmValuesFiles",
            "helm_values_files",
            &self.helm_values_files,
        ));
        out.extend(Entry::list(
            "ManifestFiles",
            "manifest_files",
            &self.manifest_files,
        ));
        out.extend(Entry::of_opt(
            "Namespace",
            "kubernetes_namespace",
            &self.kubernetes_namespace,
        ));
        out.extend(Entry::list("SubnetIds", "subnets", &self.subnets));
        out.extend(Entry::list(
            "SecurityGroupIds",
            "security_groups",
            &self.security_groups,
        ));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let mut report = |prop: &'static str, message: String, hint: String| {
            out.push(Violation::error(
                CP_CONF_37,
                at.loc(Field::Prop(prop)),
                message,
                hint,
            ));
        };
        for (prop, shape) in SHAPES {
            let value = match *prop {
                "cluster" => Some(&self.cluster),
                "helm_release" => self.helm_release.as_ref(),
                _ => self.kubernetes_namespace.as_ref(),
            };
            if let Some(v) = value.and_then(Text::as_str) {
                if let Some(problem) = shape.problem(v) {
                    report(
                        prop,
                        format!("{} {} {problem}", shape.what, quote(v)),
                        shape.hint(),
                    );
                }
            }
        }
        let kubectl = !self.manifest_files.is_empty();
        let helm = [
            ("helm_release", self.helm_release.is_some()),
            ("helm_chart", self.helm_chart.is_some()),
        ];
        let any_helm = helm.iter().any(|(_, set)| *set) || !self.helm_values_files.is_empty();
        if kubectl && any_helm {
            report(
                "manifest_files",
                "an EKS deploy uses kubectl (manifest files) or Helm (a chart), not both"
                    .to_owned(),
                "drop `manifest_files`, or the Helm properties".to_owned(),
            );
        } else if !kubectl && !any_helm {
            report(
                "manifest_files",
                "an EKS deploy needs manifest files (kubectl) or a Helm release and chart"
                    .to_owned(),
                "set `manifest_files`, or `helm_release` and `helm_chart`".to_owned(),
            );
        } else if any_helm {
            for (prop, set) in helm {
                if !set {
                    report(
                        prop,
                        format!("a Helm deploy needs `{prop}`"),
                        "give the release's name and the chart's location".to_owned(),
                    );
                }
            }
        }
        if self.subnets.is_empty() != self.security_groups.is_empty() {
            let (prop, missing) = if self.subnets.is_empty() {
                ("security_groups", "subnets")
            } else {
                ("subnets", "security_groups")
            };
            report(
                prop,
                format!("running in the cluster's VPC needs subnets and security groups; `{missing}` is missing"),
                format!("set `{missing}`, or neither"),
            );
        }
        declared_variable_checks(at, &[("environment", &self.environment)], out);
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        compute::pipeline_logs(cx);
        cx.grants().allow(
            "DescribeClusters",
            &["eks:DescribeCluster"],
            arn::regional_of("eks", &[Part::Lit("cluster/"), Part::Val(&self.cluster)]),
        );
        if !self.subnets.is_empty() {
            compute::vpc_access(cx, &self.subnets, &self.security_groups);
        }
    }

    fn declare(&self, decl: &mut PipelineAction) {
        decl.environment_variables = declared_variables(&[("PLAINTEXT", &self.environment)]);
    }
}
