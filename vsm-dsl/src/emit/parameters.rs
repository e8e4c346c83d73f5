//! The parameters, conditions and mappings the stream declares, as the template writes
//! them. Each `String` parameter carries the constraints of every value it feeds (see
//! `kit::shape`): CloudFormation refuses a value there that the value's rule would refuse.

use serde_json::Value;

use super::Emitter;
use crate::cfn::{Expr, Parameter as CfnParameter};
use crate::diagnostic::{Field, Location};
use crate::kinds::behaviour;
use crate::kit::shape::{
    allowed_pattern, feeds, Constraint, Reach, CONFIG_VALUE, PIPELINE_NAME, TAG_VALUE,
    VARIABLE_DEFAULT,
};
use crate::kit::{actions, ConfigCx, ConfigValue, Shape};
use crate::model::settings::key;
use crate::model::{Parameter, Stream, Text};

/// A parameter feeding a value the rules shape.
#[derive(Debug, Clone)]
pub(crate) struct Fed {
    /// The parameter.
    pub param: String,
    /// How it reaches the value.
    pub reach: Reach,
    /// The value's shape.
    pub shape: Shape,
    /// Where the value is.
    pub at: Location,
    /// The whole value.
    pub value: Expr,
    /// When the value is in the pipeline, if template conditions decide it: then it does
    /// not constrain the parameter (a constraint cannot hold in one case only).
    pub presence: Option<String>,
}

/// Every value of the stream computed from parameters, with the shape each has.
pub(crate) fn fed(stream: &Stream) -> Vec<Fed> {
    let mut out = Vec::new();
    let mut add = |value: &Text, shapes: &[Shape], at: Location, presence: &Option<String>| {
        let Some(e) = value.expr() else { return };
        for (param, reach) in feeds(e) {
            for shape in shapes {
                out.push(Fed {
                    param: param.clone(),
                    reach,
                    shape: *shape,
                    at: at.clone(),
                    value: e.clone(),
                    presence: presence.clone(),
                });
            }
        }
    };
    add(
        &stream.name,
        &[PIPELINE_NAME],
        Location::pipeline(Field::Name),
        &None,
    );
    let s = &stream.settings;
    for (i, t) in s.tags.iter().enumerate() {
        let at = Location::pipeline(Field::SettingItem(key::tags, i));
        add(&t.value, &[TAG_VALUE], at, &None);
    }
    for (i, v) in s.variables.iter().enumerate() {
        if let Some(d) = &v.default {
            let at = Location::pipeline(Field::SettingItem(key::variables, i));
            add(d, &[VARIABLE_DEFAULT], at, &None);
        }
    }
    for at in actions(stream) {
        let presence = at.presence().stated();
        let cx = ConfigCx {
            stream,
            stage: at.stage,
            action: at.action,
        };
        let kind = behaviour(&at.action.kind);
        let own = kind.shapes();
        for entry in kind.configuration(&cx) {
            let ConfigValue::Expr(e) = entry.value else {
                continue;
            };
            let mut shapes = vec![CONFIG_VALUE];
            shapes.extend(
                own.iter()
                    .filter(|(prop, _)| Some(*prop) == entry.prop)
                    .map(|(_, s)| *s),
            );
            let field = entry.prop.map_or(Field::Config(entry.key), Field::Prop);
            add(&Text::Expr(e), &shapes, at.loc(field), &presence);
        }
        for (_, value) in kind.custom_configuration() {
            add(
                value,
                &[CONFIG_VALUE],
                at.loc(Field::Prop("config")),
                &presence,
            );
        }
    }
    out
}

/// What a `String` parameter's values must be: its declared constraints, tightened by what
/// it feeds.
#[derive(Debug, Clone)]
pub(crate) struct Bounds {
    /// Fewest characters, when bounded.
    pub min: Option<usize>,
    /// Most characters, when bounded.
    pub max: Option<usize>,
    /// The pattern, when any.
    pub pattern: Option<String>,
    /// The shapes that tightened it, each once, in order.
    pub shapes: Vec<Shape>,
}

/// Whether vsm may constrain a parameter of this type: `String` ones only (a typed or SSM
/// parameter's pattern would apply to something else).
pub(crate) fn constrainable(p: &Parameter) -> bool {
    p.type_name() == "String"
}

/// The bounds of a parameter given what it feeds.
pub(crate) fn bounds(p: &Parameter, fed: &[Fed]) -> Bounds {
    let mut min = p.min_length.map(|n| n as usize);
    let mut max = p.max_length.map(|n| n as usize);
    let mut classes: Vec<&str> = Vec::new();
    let mut forms: Vec<&str> = Vec::new();
    let mut shapes: Vec<Shape> = Vec::new();
    if constrainable(p) {
        for f in fed
            .iter()
            .filter(|f| f.param == p.name && f.presence.is_none())
        {
            let Constraint {
                min: fmin,
                max: fmax,
                class,
                pattern,
            } = f.shape.constraint(f.reach);
            if fmin > 0 {
                min = Some(min.map_or(fmin, |m| m.max(fmin)));
            }
            max = Some(max.map_or(fmax, |m| m.min(fmax)));
            if let Some(c) = class.filter(|c| !classes.contains(c)) {
                classes.push(c);
            }
            if let Some(f) = pattern.filter(|f| !forms.contains(f)) {
                forms.push(f);
            }
            if !shapes.iter().any(|s| s.rule == f.shape.rule) {
                shapes.push(f.shape);
            }
        }
    }
    Bounds {
        min,
        max,
        pattern: allowed_pattern(p.allowed_pattern.as_deref(), &classes, &forms),
        shapes,
    }
}

/// A declared parameter as the template writes it.
fn parameter(p: &Parameter, b: &Bounds) -> CfnParameter {
    let number = |n: usize| Value::from(n as u64);
    let constraint_description = p.constraint_description.clone().or_else(|| {
        let what: Vec<String> = b
            .shapes
            .iter()
            .map(|s| format!("a {} ({}): {}", s.what, s.rule.id(), s.hint()))
            .collect();
        (!what.is_empty()).then(|| format!("the value makes {}", what.join("; ")))
    });
    CfnParameter {
        kind: p.type_name().to_owned(),
        description: p.description.clone(),
        allowed_pattern: b.pattern.clone(),
        constraint_description,
        default: p.default.clone().map(Value::String),
        allowed_values: (!p.allowed_values.is_empty())
            .then(|| Value::from(p.allowed_values.clone())),
        no_echo: p.no_echo.filter(|n| *n).map(Value::Bool),
        min_length: b.min.filter(|n| *n > 0).map(number),
        max_length: b.max.map(number),
        min_value: p.min_value.map(Value::from),
        max_value: p.max_value.map(Value::from),
        ..CfnParameter::default()
    }
}

/// Declares the stream's parameters, conditions and mappings in the template (their names
/// as the stream writes them: values refer to them).
pub(super) fn declare(e: &mut Emitter<'_>) {
    let s = &e.stream.settings;
    if s.parameters.is_empty() && s.conditions.is_empty() && s.mappings.is_empty() {
        return;
    }
    let fed = fed(e.stream);
    for p in &s.parameters {
        e.sink
            .stream_parameter(&p.name, parameter(p, &bounds(p, &fed)));
    }
    let template = &mut e.sink.template;
    for c in &s.conditions {
        template.conditions.insert(c.name.clone(), c.test.clone());
    }
    for m in &s.mappings {
        let Expr::Map(top) = &m.values else { continue };
        let mapping = top
            .iter()
            .filter_map(|(k, second)| match second {
                Expr::Map(values) => Some((k.clone(), values.clone())),
                _ => None,
            })
            .collect();
        template.mappings.insert(m.name.clone(), mapping);
    }
}
