//! `lambda_deploy`: a deploy of new code to a Lambda function, shifting an alias's traffic to
//! the new version (V2 only).

use std::time::Duration;

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{choice, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::props::PropValue;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// How a Lambda deploy shifts the alias's traffic to the new version.
    pub enum LambdaTraffic {
        /// All traffic at once.
        #[default]
        AllAtOnce = "AllAtOnce",
        /// `percent` of the traffic first, the rest after `interval`.
        Canary = "Canary",
        /// `percent` more of the traffic every `interval` until all of it.
        Linear = "Linear",
    }
}

kind! {
    /// A Lambda deploy: publishes the input artifact's code as a new version of the function
    /// (or takes a published version) and points the alias at it, all at once or shifting
    /// traffic step by step, rolled back when an alarm fires. V2 pipelines only.
    #[kind(lambda_deploy, step)]
    pub struct LambdaDeploy {
        required {
            /// The function's name.
            function: Text,
        }
        optional {
            /// The alias that gets the new version (it must exist, with a version behind it);
            /// without one, the code goes to `$LATEST` as a new version.
            alias: Option<Text>,
            /// A published version to deploy to the alias, such as `#{variables.version}`;
            /// needed when the action has no input artifact.
            target_version: Option<Text>,
            /// How the alias's traffic moves to the new version; all at once when unset.
            traffic: Option<LambdaTraffic>,
            /// Canary and linear (needed there): the percentage shifted in each step, 1–99.
            percent: Option<u32>,
            /// Canary and linear (needed there): whole minutes between steps.
            interval: Option<Duration>,
            /// CloudWatch alarms that stop and roll back the deploy, at most 10.
            alarms: Vec<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_31 = compile("CP-CONF-31", "Lambda deploy: an alias name; traffic shifting and a target version only with an alias; canary and linear steps of 1–99 percent, whole minutes apart, at most 2 days in all");
    CP_CONF_32 = compile("CP-CONF-32", "Lambda deploy alarms: at most 10 names of 1–255 characters, each once");
    CP_ART_11 = compile("CP-ART-11", "Lambda deploy without an input artifact deploys a published target version");
}

/// A Lambda alias name (CP-CONF-31): 1–128 letters, digits, `-` and `_`, not only digits.
const ALIAS: Shape = Shape {
    rule: CP_CONF_31,
    what: "Lambda alias name",
    min: 1,
    max: 128,
    chars: Some(Chars {
        allowed: |c| c.is_ascii_alphanumeric() || c == '-' || c == '_',
        class: "A-Za-z0-9_-",
        words: "letters, digits, '-' and '_', not only digits",
    }),
    form: Some(Form {
        pattern: "[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*",
        accepts: alias_name,
        computed_only: false,
    }),
};

/// True for an alias name: 1–128 letters, digits, `-` and `_`, not only digits (a version).
fn alias_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !name.bytes().all(|b| b.is_ascii_digit())
}

/// The longest a canary or linear deploy may wait in all: two days, in minutes.
const MOST_MINUTES: u64 = 2 * 24 * 60;

impl Kind for LambdaDeploy {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Deploy, "Lambda")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-31",
        inputs: (0, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("FunctionName"),
        optional("FunctionAlias"),
        optional("PublishedTargetVersion"),
        optional("DeployStrategy"),
        optional("Alarms"),
    ];
    const V2_ONLY: bool = true;

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = &[("alias", ALIAS)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of("FunctionName", "function", &self.function)];
        out.extend(Entry::of_opt("FunctionAlias", "alias", &self.alias));
        out.extend(Entry::of_opt(
            "PublishedTargetVersion",
            "target_version",
            &self.target_version,
        ));
        if let Some(strategy) = self.strategy() {
            out.push(Entry::owned("DeployStrategy", Some("traffic"), strategy));
        }
        out.extend(Entry::list("Alarms", "alarms", &self.alarms));
        out
    }

    fn read_config(key: &str, text: &str) -> Option<Vec<(String, PropValue)>> {
        (key == "DeployStrategy").then(|| read_strategy(text))?
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        self.check_alias(at, out);
        self.check_traffic(at, out);
        self.check_alarms(at, out);
        if at.action.all_inputs().is_empty() && self.target_version.is_none() {
            out.push(Violation::error(
                CP_ART_11,
                at.loc(Field::Prop("target_version")),
                "a Lambda deploy without an input artifact has no code to deploy",
                "give the action the artifact with the function's code, or set `alias` and `target_version`",
            ));
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let function = Part::Val(&self.function);
        let resources = [
            arn::regional_of("lambda", &[Part::Lit("function:"), function]),
            arn::regional_of(
                "lambda",
                &[Part::Lit("function:"), function, Part::Lit(":*")],
            ),
        ];
        let code = !cx.action.all_inputs().is_empty();
        let alias = self.alias.is_some();
        let g = cx.grants();
        for resource in resources {
            g.allow(
                "ReadDeployedFunctions",
                &["lambda:GetFunction", "lambda:GetFunctionConfiguration"],
                resource.clone(),
            );
            if code {
                g.allow(
                    "DeployFunctionCode",
                    &["lambda:PublishVersion", "lambda:UpdateFunctionCode"],
                    resource.clone(),
                );
            }
            if alias {
                g.allow(
                    "ShiftFunctionAliases",
                    &["lambda:GetAlias", "lambda:UpdateAlias"],
                    resource,
                );
            }
        }
        for alarm in &self.alarms {
            g.allow(
                "WatchDeployAlarms",
                &["cloudwatch:DescribeAlarms"],
                arn::regional_of("cloudwatch", &[Part::Lit("alarm:"), Part::Val(alarm)]),
            );
        }
    }
}

impl LambdaDeploy {
    /// `DeployStrategy`: `AllAtOnce`, `Canary<p>Percent<m>Minutes`,
    /// `Linear<p>PercentEvery<m>Minutes` (`Minute` for one). A step without its percentage
    /// or interval (CP-CONF-31) writes 0 there.
    fn strategy(&self) -> Option<String> {
        let traffic = self.traffic?;
        let percent = self.percent.unwrap_or(0);
        let minutes = self.interval.map_or(0, |d| d.as_secs() / 60);
        let unit = if minutes == 1 { "Minute" } else { "Minutes" };
        Some(match traffic {
            LambdaTraffic::AllAtOnce => "AllAtOnce".to_owned(),
            LambdaTraffic::Canary => format!("Canary{percent}Percent{minutes}{unit}"),
            LambdaTraffic::Linear => format!("Linear{percent}PercentEvery{minutes}{unit}"),
        })
    }

    /// CP-CONF-31: the alias's name.
    fn check_alias(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        let Some(alias) = self.alias.as_ref().and_then(Text::as_str) else {
            return;
        };
        let problem = ALIAS.problem(alias).map(|p| {
            if p.starts_with("is not") {
                "is only digits, which names a version".to_owned()
            } else {
                p
            }
        });
        if let Some(problem) = problem {
            out.push(Violation::error(
                CP_CONF_31,
                at.loc(Field::Prop("alias")),
                format!("Lambda alias name {} {problem}", quote(alias)),
                ALIAS.hint(),
            ));
        }
    }

    /// CP-CONF-31: traffic shifting and a target version need an alias; canary and linear
    /// steps.
    fn check_traffic(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        if self.alias.is_none() {
            for (prop, set) in [
                ("traffic", self.traffic.is_some()),
                ("target_version", self.target_version.is_some()),
            ] {
                if set {
                    out.push(Violation::error(
                        CP_CONF_31,
                        at.loc(Field::Prop(prop)),
                        format!("`{prop}` needs an alias: without one the code goes to $LATEST"),
                        "set `alias` to the alias that gets the new version",
                    ));
                }
            }
        }
        let shifting = matches!(
            self.traffic,
            Some(LambdaTraffic::Canary | LambdaTraffic::Linear)
        );
        if !shifting {
            for (prop, set) in [
                ("percent", self.percent.is_some()),
                ("interval", self.interval.is_some()),
            ] {
                if set {
                    out.push(Violation::error(
                        CP_CONF_31,
                        at.loc(Field::Prop(prop)),
                        format!("`{prop}` only applies to canary and linear traffic shifting"),
                        "set `traffic` to Canary or Linear, or drop it",
                    ));
                }
            }
            return;
        }
        let (Some(percent), Some(interval)) = (self.percent, self.interval) else {
            let missing = if self.percent.is_none() {
                "percent"
            } else {
                "interval"
            };
            out.push(Violation::error(
                CP_CONF_31,
                at.loc(Field::Prop("traffic")),
                format!("canary and linear traffic shifting needs `{missing}`"),
                "set `percent` (1–99) and `interval` (whole minutes) with `traffic`",
            ));
            return;
        };
        if !(1..=99).contains(&percent) {
            out.push(Violation::error(
                CP_CONF_31,
                at.loc(Field::Prop("percent")),
                format!("a traffic step of {percent} percent is not 1 to 99 percent"),
                "shift 1 to 99 percent in a step (all at once shifts 100)",
            ));
        }
        let minutes = interval.as_secs() / 60;
        if interval.as_secs() % 60 != 0 || interval.subsec_nanos() != 0 || minutes == 0 {
            out.push(Violation::error(
                CP_CONF_31,
                at.loc(Field::Prop("interval")),
                format!(
                    "a traffic step interval of {}s is not a whole number of minutes",
                    interval.as_secs()
                ),
                "give the interval in whole minutes, at least 1m",
            ));
            return;
        }
        let steps = match self.traffic {
            Some(LambdaTraffic::Linear) if (1..=99).contains(&percent) => {
                u64::from(100u32.div_ceil(percent)) - 1
            }
            _ => 1,
        };
        if steps * minutes > MOST_MINUTES {
            out.push(Violation::error(
                CP_CONF_31,
                at.loc(Field::Prop("interval")),
                format!(
                    "shifting the traffic waits {} minutes in all; the limit is 2 days ({MOST_MINUTES} minutes)",
                    steps * minutes
                ),
                "use a shorter interval or larger steps",
            ));
        }
    }

    /// CP-CONF-32: at most 10 alarms, names of 1–255 characters, each once.
    fn check_alarms(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        if self.alarms.len() > 10 {
            out.push(Violation::error(
                CP_CONF_32,
                at.loc(Field::Prop("alarms")),
                format!(
                    "a Lambda deploy watches at most 10 alarms, not {}",
                    self.alarms.len()
                ),
                "keep the 10 alarms that matter most, or combine them in a composite alarm",
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        for alarm in &self.alarms {
            let Some(name) = alarm.as_str() else { continue };
            let len = name.chars().count();
            let problem = if !(1..=255).contains(&len) {
                Some(format!(
                    "alarm name {} is {len} characters long",
                    quote(name)
                ))
            } else if name.contains(',') {
                Some(format!(
                    "alarm name {} holds a comma, which separates the alarms",
                    quote(name)
                ))
            } else if seen.contains(&name) {
                Some(format!("alarm {} is listed twice", quote(name)))
            } else {
                None
            };
            seen.push(name);
            if let Some(problem) = problem {
                out.push(Violation::error(
                    CP_CONF_32,
                    at.loc(Field::Prop("alarms")),
                    problem,
                    "name each alarm once, 1 to 255 characters without commas",
                ));
            }
        }
    }
}

/// The properties a `DeployStrategy` value gives; `None` for a value vsm does not write.
fn read_strategy(text: &str) -> Option<Vec<(String, PropValue)>> {
    let word = |w: &'static str| ("traffic".to_owned(), PropValue::Word(w));
    if text == "AllAtOnce" {
        return Some(vec![word("AllAtOnce")]);
    }
    let (traffic, rest, every) = if let Some(rest) = text.strip_prefix("Canary") {
        ("Canary", rest, "Percent")
    } else {
        ("Linear", text.strip_prefix("Linear")?, "PercentEvery")
    };
    let (percent, rest) = rest.split_once(every)?;
    let minutes = rest
        .strip_suffix("Minutes")
        .or_else(|| rest.strip_suffix("Minute"))?;
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0'))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (percent, minutes) = (number(percent)?, number(minutes)?);
    // The plural is what vsm writes.
    if (minutes == 1) != rest.ends_with("Minute") {
        return None;
    }
    Some(vec![
        word(traffic),
        ("percent".to_owned(), PropValue::Count(percent)),
        (
            "interval".to_owned(),
            PropValue::Duration(Duration::from_secs(u64::from(minutes) * 60)),
        ),
    ])
}
