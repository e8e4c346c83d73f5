//! `service_catalog_deploy`: a CloudFormation template from the input artifact published as a
//! new version of an AWS Service Catalog product.

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::Chars;
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// A new version of an AWS Service Catalog product, which must already exist, made from a
    /// CloudFormation template in the input artifact: named here (`template` and
    /// `version_name`), or described by a configuration file in the artifact.
    #[kind(service_catalog_deploy, step)]
    pub struct ServiceCatalogDeploy {
        required {
            /// The product's id, such as `prod-abcdefghijklm`.
            product: Text,
        }
        optional {
            /// The template's path in the input artifact.
            template: Option<Text>,
            /// The new version's name (with `template`).
            version_name: Option<Text>,
            /// The new version's description (with `template`).
            version_description: Option<Text>,
            /// Instead of the three above: the path of a configuration file in the input
            /// artifact that names the template and the version.
            configuration_file: Option<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_39 = compile("CP-CONF-39", "Service Catalog deploy: a product id of 1–100 of [A-Za-z0-9_-]; a template with a version name, or a configuration file, one of the two; a version description only with a template");
}

/// The product's id (CP-CONF-39).
const PRODUCT: Shape = Shape {
    rule: CP_CONF_39,
    what: "product id",
    min: 1,
    max: 100,
    chars: Some(Chars {
        allowed: |c| c.is_ascii_alphanumeric() || c == '_' || c == '-',
        class: "A-Za-z0-9_-",
        words: "letters, digits, '_' and '-'",
    }),
    form: None,
};

/// The only product type the action publishes.
const PRODUCT_TYPE: &str = "CLOUD_FORMATION_TEMPLATE";

impl Kind for ServiceCatalogDeploy {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Deploy, "ServiceCatalog")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-20",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        optional("TemplateFilePath"),
        optional("ProductVersionName"),
        optional("ProductVersionDescription"),
        optional("ProductType"),
        optional("ConfigurationFilePath"),
        required("ProductId"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = &[("product", PRODUCT)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = Vec::new();
        out.extend(Entry::of_opt(
            "TemplateFilePath",
            "template",
            &self.template,
        ));
        out.extend(Entry::of_opt(
            "ProductVersionName",
            "version_name",
            &self.version_name,
        ));
        out.extend(Entry::of_opt(
            "ProductVersionDescription",
            "version_description",
            &self.version_description,
        ));
        if self.template.is_some() {
            out.push(Entry::owned("ProductType", None, PRODUCT_TYPE.to_owned()));
        }
        out.extend(Entry::of_opt(
            "ConfigurationFilePath",
            "configuration_file",
            &self.configuration_file,
        ));
        out.push(Entry::of("ProductId", "product", &self.product));
        out
    }

    fn read_config(key: &str, text: &str) -> Option<Vec<(String, crate::model::props::PropValue)>> {
        // The product type is implied by the template: the only one the action publishes.
        (key == "ProductType" && text == PRODUCT_TYPE).then(Vec::new)
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let mut report = |prop: &'static str, message: String, hint: &str| {
            out.push(Violation::error(
                CP_CONF_39,
                at.loc(Field::Prop(prop)),
                message,
                hint,
            ));
        };
        if let Some(id) = self.product.as_str() {
            if let Some(problem) = PRODUCT.problem(id) {
                report(
                    "product",
                    format!("product id {} {problem}", quote(id)),
                    "give the product's id, such as prod-abcdefghijklm",
                );
            }
        }
        let template = [
            ("template", self.template.is_some()),
            ("version_name", self.version_name.is_some()),
        ];
        let by_template = template.iter().any(|(_, set)| *set);
        if self.configuration_file.is_some() {
            for (prop, set) in template
                .into_iter()
                .chain([("version_description", self.version_description.is_some())])
            {
                if set {
                    report(
                        prop,
                        format!("a deploy from a configuration file takes no `{prop}`"),
                        "name the template and the version in the configuration file, or drop `configuration_file`",
                    );
                }
            }
        } else if by_template || self.version_description.is_some() {
            for (prop, set) in template {
                if !set {
                    report(
                        prop,
                        format!("a deploy from a template needs `{prop}`"),
                        "give the template's path and the new version's name",
                    );
                }
            }
        } else {
            report(
                "template",
                "a Service Catalog deploy needs a template and a version name, or a configuration file"
                    .to_owned(),
                "set `template` and `version_name`, or `configuration_file`",
            );
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let g = cx.grants();
        g.allow(
            "PublishProductVersions",
            &[
                "servicecatalog:CreateProvisioningArtifact",
                "servicecatalog:DeleteProvisioningArtifact",
                "servicecatalog:DescribeProvisioningArtifact",
                "servicecatalog:ListProvisioningArtifacts",
                "servicecatalog:UpdateProduct",
            ],
            arn::regional_of(
                "catalog",
                &[Part::Lit("product/"), Part::Val(&self.product)],
            ),
        );
        g.allow_unscoped("ValidateTemplates", &["cloudformation:ValidateTemplate"]);
    }
}
