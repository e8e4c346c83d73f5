//! `appconfig_deploy`: configuration data from the input artifact deployed to an AWS
//! AppConfig environment with a deployment strategy.

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// An AWS AppConfig deployment: the configuration data at a path of the input artifact
    /// becomes a new version of the configuration profile, deployed to the environment as
    /// the deployment strategy paces it.
    #[kind(appconfig_deploy, step)]
    pub struct AppConfigDeploy {
        required {
            /// The AppConfig application's id.
            application: Text,
            /// The id of the application's environment to deploy to.
            environment: Text,
            /// The id of the application's configuration profile to deploy.
            configuration_profile: Text,
            /// The path of the configuration data in the input artifact.
            path: Text,
        }
        optional {
            /// The deployment strategy's id, or a predefined one such as
            /// `AppConfig.AllAtOnce`.
            deployment_strategy: Option<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_38 = compile("CP-CONF-38", "AppConfig deploy: application, environment and configuration profile ids of 4–7 lowercase letters and digits; a deployment strategy id, or AppConfig. and 9–40 letters and digits");
}

/// An AppConfig id: 4–7 lowercase letters and digits.
fn is_id(id: &str) -> bool {
    (4..=7).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A deployment strategy: an id, or `AppConfig.` and 9–40 letters and digits.
fn is_strategy(id: &str) -> bool {
    is_id(id)
        || id.strip_prefix("AppConfig.").is_some_and(|name| {
            (9..=40).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

const fn id_shape(what: &'static str) -> Shape {
    Shape {
        rule: CP_CONF_38,
        what,
        min: 4,
        max: 7,
        chars: Some(Chars {
            allowed: |c| c.is_ascii_lowercase() || c.is_ascii_digit(),
            class: "a-z0-9",
            words: "lowercase letters and digits",
        }),
        form: Some(Form {
            pattern: "[a-z0-9]{4,7}",
            accepts: is_id,
            computed_only: false,
        }),
    }
}

/// The ids the configuration names (CP-CONF-38).
const SHAPES: &[(&str, Shape)] = &[
    ("application", id_shape("application id")),
    ("environment", id_shape("environment id")),
    (
        "configuration_profile",
        id_shape("configuration profile id"),
    ),
    (
        "deployment_strategy",
        Shape {
            rule: CP_CONF_38,
            what: "deployment strategy",
            min: 4,
            max: 50,
            chars: Some(Chars {
                allowed: |c| c.is_ascii_alphanumeric() || c == '.',
                class: "A-Za-z0-9.",
                words: "letters, digits and '.'",
            }),
            form: Some(Form {
                pattern: r"[a-z0-9]{4,7}|AppConfig\.[A-Za-z0-9]{9,40}",
                accepts: is_strategy,
                computed_only: false,
            }),
        },
    ),
];

impl Kind for AppConfigDeploy {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Deploy, "AppConfig")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-21",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("Application"),
        required("Environment"),
        required("ConfigurationProfile"),
        required("InputArtifactConfigurationPath"),
        optional("DeploymentStrategy"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::of("Application", "application", &self.application),
            Entry::of("Environment", "environment", &self.environment),
            Entry::of(
                "ConfigurationProfile",
                "configuration_profile",
                &self.configuration_profile,
            ),
            Entry::of("InputArtifactConfigurationPath", "path", &self.path),
        ];
        out.extend(Entry::of_opt(
            "DeploymentStrategy",
            "deployment_strategy",
            &self.deployment_strategy,
        ));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        for (prop, shape) in SHAPES {
            let value = match *prop {
                "application" => Some(&self.application),
                "environment" => Some(&self.environment),
                "configuration_profile" => Some(&self.configuration_profile),
                _ => self.deployment_strategy.as_ref(),
            };
            let Some(v) = value.and_then(Text::as_str) else {
                continue;
            };
            if let Some(problem) = shape.problem(v) {
                out.push(Violation::error(
                    CP_CONF_38,
                    at.loc(Field::Prop(prop)),
                    format!("{} {} {problem}", shape.what, quote(v)),
                    if *prop == "deployment_strategy" {
                        "give the strategy's id (4–7 lowercase letters and digits) or a predefined one such as AppConfig.AllAtOnce".to_owned()
                    } else {
                        format!("{}; the id, not the name", shape.hint())
                    },
                ));
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        // An ARN under the application: `application/<id>` and what follows.
        let under = |rest: &[Part<'_>]| {
            let mut parts = vec![Part::Lit("application/"), Part::Val(&self.application)];
            parts.extend_from_slice(rest);
            arn::regional_of("appconfig", &parts)
        };
        let environment = [Part::Lit("/environment/"), Part::Val(&self.environment)];
        let g = cx.grants();
        let mut targets = vec![
            under(&[]),
            under(&environment),
            under(&[
                Part::Lit("/configurationprofile/"),
                Part::Val(&self.configuration_profile),
            ]),
        ];
        // A predefined strategy (`AppConfig.AllAtOnce`) is AWS's own: its ARN is matched in
        // any account, by its name.
        targets.push(match &self.deployment_strategy {
            Some(strategy)
                if strategy
                    .as_str()
                    .is_some_and(|s| s.starts_with("AppConfig.")) =>
            {
                Expr::sub(format!(
                    "arn:${{AWS::Partition}}:appconfig:${{AWS::Region}}:*:deploymentstrategy/{}",
                    strategy.as_str().unwrap_or_default()
                ))
            }
            Some(strategy) => arn::regional_of(
                "appconfig",
                &[Part::Lit("deploymentstrategy/"), Part::Val(strategy)],
            ),
            None => arn::regional("appconfig", "deploymentstrategy/*"),
        });
        for target in targets {
            g.allow(
                "StartConfigurationDeployments",
                &["appconfig:StartDeployment"],
                target,
            );
        }
        g.allow(
            "WatchConfigurationDeployments",
            &["appconfig:GetDeployment", "appconfig:StopDeployment"],
            under(&[environment[0], environment[1], Part::Lit("/deployment/*")]),
        );
    }
}
