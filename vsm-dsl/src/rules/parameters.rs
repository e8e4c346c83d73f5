//! CFN-TPL-1, 14, 17, 19: the template parameters a stream declares, and what they feed.
//!
//! A parameter that feeds a value a rule checks gets the rule as its constraints when
//! emitted (`emit::parameters`); here, its declared bounds must leave room for a value the
//! rule accepts, and its default and allowed values are put in the stream in its place and
//! run through every rule.

use std::collections::BTreeMap;

use crate::catalogue::{CFN_TPL_1, CFN_TPL_14, CFN_TPL_17, CFN_TPL_19};
use crate::cfn::{is_logical_id, sub_variables, Expr, Intrinsic};
use crate::diagnostic::{Field, Location, Violation};
use crate::emit::parameters::{bounds, constrainable, fed, Fed};
use crate::emit::resource_ids;
use crate::kit::shape::Reach;
use crate::model::presence::present_with;
use crate::model::props::{PropType, PropValue};
use crate::model::settings::key;
use crate::model::{Parameter, Stream, Text};

/// Parameter types CloudFormation knows besides the AWS-specific ones.
const TYPES: [&str; 4] = ["String", "Number", "List<Number>", "CommaDelimitedList"];

/// Runs the rules.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    let params = &stream.settings.parameters;
    if params.is_empty() {
        return;
    }
    let resources = resource_ids(stream);
    let fed = fed(stream);
    let defaults = defaults(stream);
    for (i, p) in params.iter().enumerate() {
        let at = Location::pipeline(Field::SettingItem(key::parameters, i));
        declaration(p, i, params, &at, out);
        if let Some((_, what)) = resources.iter().find(|(id, _)| *id == p.name) {
            out.push(Violation::error(
                CFN_TPL_14,
                at.clone(),
                format!(
                    "parameter {:?} has the logical id of {what}, which the template creates",
                    p.name
                ),
                format!(
                    "rename the parameter, such as {:?}",
                    format!("{}Parameter", p.name)
                ),
            ));
        }
        feeding(p, &fed, &defaults, &at, out);
    }
}

/// Every rule on the parameters' values, put in place (see [`substituted_values`]).
pub(crate) fn check_values(stream: &Stream, out: &mut Vec<Violation>) {
    let defaults = defaults(stream);
    for (i, p) in stream.settings.parameters.iter().enumerate() {
        substituted_values(stream, &defaults, i, p, out);
    }
}

/// Each parameter's default, by name.
fn defaults(stream: &Stream) -> BTreeMap<&str, &str> {
    stream
        .settings
        .parameters
        .iter()
        .filter_map(|q| Some((q.name.as_str(), q.default.as_deref()?)))
        .collect()
}

/// CFN-TPL-1, CFN-TPL-19: the declaration itself.
fn declaration(
    p: &Parameter,
    i: usize,
    all: &[Parameter],
    at: &Location,
    out: &mut Vec<Violation>,
) {
    let mut error = |rule, message: String, hint: &str| {
        out.push(Violation::error(rule, at.clone(), message, hint));
    };
    let name = &p.name;
    if !is_logical_id(name) {
        error(
            CFN_TPL_1,
            format!("parameter name {name:?} is not a CloudFormation logical id"),
            "use 1 to 255 ASCII letters and digits",
        );
    }
    if all[..i].iter().any(|q| q.name == *name) {
        error(
            CFN_TPL_19,
            format!("parameter {name:?} is declared twice"),
            "declare each parameter once",
        );
    }
    let ty = p.type_name();
    let known = TYPES.contains(&ty)
        || ty.starts_with("AWS::")
        || ty.starts_with("List<AWS::") && ty.ends_with('>');
    if !known {
        error(
            CFN_TPL_19,
            format!("parameter {name:?} has type {ty:?}, which CloudFormation does not know"),
            "use String, Number, List<Number>, CommaDelimitedList, an AWS-specific type or an SSM parameter type",
        );
    }
    if p.description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 4000)
    {
        error(
            CFN_TPL_19,
            format!("the description of parameter {name:?} is over 4,000 characters"),
            "shorten it",
        );
    }
    let allowed_bytes: usize = p.allowed_values.iter().map(String::len).sum();
    if p.default.as_ref().is_some_and(|d| d.len() > 4096) || allowed_bytes > 4096 {
        error(
            CFN_TPL_19,
            format!("the default or allowed values of parameter {name:?} are over 4,096 bytes"),
            "shorten them",
        );
    }
    if let (Some(min), Some(max)) = (p.min_length, p.max_length) {
        if min > max {
            error(
                CFN_TPL_19,
                format!("parameter {name:?} has MinLength {min} over MaxLength {max}"),
                "swap or fix the bounds",
            );
        }
    }
    if let (Some(min), Some(max)) = (p.min_value, p.max_value) {
        if min > max {
            error(
                CFN_TPL_19,
                format!("parameter {name:?} has MinValue {min} over MaxValue {max}"),
                "swap or fix the bounds",
            );
        }
    }
    let values = p
        .default
        .iter()
        .map(|d| ("its default", d))
        .chain(p.allowed_values.iter().map(|v| ("an allowed value", v)));
    for (which, v) in values {
        if let Some(problem) = own_bounds(p, v) {
            error(
                CFN_TPL_19,
                format!("{which} of parameter {name:?}, {v:?}, {problem}"),
                "change the value or the parameter's bounds",
            );
        }
    }
}

/// What is wrong with a value under the parameter's own declared bounds.
fn own_bounds(p: &Parameter, v: &str) -> Option<String> {
    let len = v.chars().count() as u32;
    if p.min_length.is_some_and(|m| len < m) || p.max_length.is_some_and(|m| len > m) {
        return Some(format!(
            "is {len} characters long, outside the declared length bounds"
        ));
    }
    if !p.allowed_values.is_empty() && !p.allowed_values.iter().any(|a| a == v) {
        return Some("is not among its allowed values".to_owned());
    }
    if p.type_name() == "Number" {
        let Ok(n) = v.trim().parse::<f64>() else {
            return Some("is not a number".to_owned());
        };
        if p.min_value.is_some_and(|m| n < f64::from(m))
            || p.max_value.is_some_and(|m| n > f64::from(m))
        {
            return Some("is outside the declared value bounds".to_owned());
        }
    }
    None
}

/// A CFN-TPL-17 error at parameter `at`, pointing at the value `f` it feeds.
fn fed_error(f: &Fed, at: &Location, message: String, hint: &str) -> Violation {
    Violation::error(CFN_TPL_17, at.clone(), message, hint)
        .with_related(f.at.clone(), format!("the {} is here", f.shape.what))
}

/// True when the value's form is asked of computed values only.
fn computed_only(f: &Fed) -> bool {
    f.shape.form.is_some_and(|form| form.computed_only)
}

/// CFN-TPL-17: bounds that leave no value the fed rules accept, fixed text that already
/// breaks them, and parameters whose type cannot carry them.
fn feeding(
    p: &Parameter,
    fed: &[Fed],
    defaults: &BTreeMap<&str, &str>,
    at: &Location,
    out: &mut Vec<Violation>,
) {
    let (mine, conditional): (Vec<&Fed>, Vec<&Fed>) = fed
        .iter()
        .filter(|f| f.param == p.name)
        .partition(|f| f.presence.is_none());
    // Only a rule on the value's form is worth saying; lengths are rarely near the limit.
    if let Some(f) = conditional.iter().find(|f| f.shape.form.is_some()) {
        out.push(
            Violation::warning(
                CFN_TPL_17,
                at.clone(),
                format!(
                    "parameter {:?} feeds a {} ({}) of an action present only {}: CloudFormation cannot constrain a parameter for one case, so a value that breaks the rule fails when the stack deploys with that action",
                    p.name,
                    f.shape.what,
                    f.shape.rule.id(),
                    f.presence.as_deref().unwrap_or_default()
                ),
                "check its values yourself, or feed the value from a parameter of its own",
            )
            .with_related(f.at.clone(), format!("the {} is here", f.shape.what)),
        );
    }
    if mine.is_empty() {
        return;
    }
    if !constrainable(p) {
        let f = mine[0];
        out.push(Violation::warning(
            CFN_TPL_17,
            at.clone(),
            format!(
                "parameter {:?} of type {} feeds a {} ({}), but only String parameters take constraints: CodePipeline checks the value when the stack deploys",
                p.name,
                p.type_name(),
                f.shape.what,
                f.shape.rule.id()
            ),
            "make it a String parameter, or check its values yourself",
        ));
        return;
    }
    let b = bounds(p, fed);
    if let (Some(min), Some(max)) = (b.min, b.max) {
        if min > max {
            let tightest = mine
                .iter()
                .min_by_key(|f| f.shape.constraint(f.reach).max)
                .expect("one fed value");
            out.push(fed_error(
                tightest,
                at,
                format!(
                    "parameter {:?} needs at least {min} characters, but the {} it feeds takes at most {max} ({})",
                    p.name,
                    tightest.shape.what,
                    tightest.shape.rule.id()
                ),
                "lower the parameter's MinLength, or feed another value",
            ));
        }
    }
    // A value the parameter's constraints refuse would fail the deploy: its default and
    // allowed values keep to the form of every value it is the whole of.
    let declared = p.default.iter().chain(&p.allowed_values);
    for value in declared {
        for f in mine
            .iter()
            .filter(|f| f.reach == Reach::Whole && computed_only(f))
        {
            if let Some(problem) = f.shape.problem(value) {
                out.push(fed_error(
                    f,
                    at,
                    format!(
                        "parameter {:?} feeds a {} ({}), but its value {value:?} {problem}",
                        p.name,
                        f.shape.what,
                        f.shape.rule.id()
                    ),
                    "give the parameter a value of that form",
                ));
            }
        }
    }
    for f in &mine {
        if let (Reach::Part { .. }, Some(_)) = (f.reach, f.shape.form) {
            // With the defaults in place, the whole value must already have the form
            // (the literal rules check the others).
            let whole = resolve(&f.value, defaults).filter(|_| computed_only(f));
            if let Some((whole, problem)) =
                whole.and_then(|w| Some((w.clone(), f.shape.problem(&w)?)))
            {
                out.push(fed_error(
                    f,
                    at,
                    format!(
                        "with the parameters' defaults, the {} ({}) that {:?} feeds part of is {whole:?}, which {problem}",
                        f.shape.what,
                        f.shape.rule.id(),
                        p.name
                    ),
                    "give the parameters defaults that make a value of that form",
                ));
            }
            out.push(
                Violation::warning(
                    CFN_TPL_17,
                    at.clone(),
                    format!(
                        "parameter {:?} feeds part of a {} ({}): CloudFormation can hold it to the {}'s characters and length, not to its form, so a value that breaks the form fails when the stack deploys",
                        p.name,
                        f.shape.what,
                        f.shape.rule.id(),
                        f.shape.what
                    ),
                    "feed the whole value from one parameter (a `Ref`), or check its values yourself",
                )
                .with_related(f.at.clone(), format!("the {} is here", f.shape.what)),
            );
        }
        if let Reach::Part { literal } = f.reach {
            if literal > f.shape.max {
                out.push(Violation::error(
                    f.shape.rule,
                    f.at.clone(),
                    format!(
                        "the {}'s fixed text is {literal} characters, over the limit of {} whatever {:?} is",
                        f.shape.what, f.shape.max, p.name
                    ),
                    "shorten the fixed text around the parameter",
                ));
            }
        }
    }
}

/// Every rule, run on the stream with the parameter's default and each allowed value put in
/// its place (the other parameters at their defaults): what breaks is the value's fault.
fn substituted_values(
    stream: &Stream,
    defaults: &BTreeMap<&str, &str>,
    i: usize,
    p: &Parameter,
    out: &mut Vec<Violation>,
) {
    let at = Location::pipeline(Field::SettingItem(key::parameters, i));
    let mut base: Option<Vec<(&'static str, Location)>> = None;
    let tries = p
        .default
        .iter()
        .map(|d| ("its default", d))
        .chain(p.allowed_values.iter().map(|v| ("its allowed value", v)));
    for (which, value) in tries {
        let mut values = defaults.clone();
        values.insert(&p.name, value);
        // Only this parameter's value is new: the others are tried on their own.
        let Some(with) = substitute(stream, &values, &p.name) else {
            continue;
        };
        let found = super::literal_rules(&with);
        let base = base.get_or_insert_with(|| baseline(stream, defaults, &p.name));
        for v in found
            .into_iter()
            .filter(|v| v.is_error() && !v.rule.id().starts_with("CFN-TPL"))
            .filter(|v| present(stream, &values, &v.location))
        {
            if base.iter().any(|b| b.0 == v.rule.id() && b.1 == v.location) {
                continue;
            }
            out.push(Violation::error(
                v.rule,
                at.clone(),
                format!(
                    "{which} {value:?} breaks a rule where parameter {:?} is used ({}): {}",
                    p.name, v.location, v.message
                ),
                "change the value, or where the parameter is used",
            ));
        }
    }
}

/// The violations of the stream with every other parameter at its default and this one
/// left as it is: what this parameter's values are not to blame for.
fn baseline(
    stream: &Stream,
    defaults: &BTreeMap<&str, &str>,
    name: &str,
) -> Vec<(&'static str, Location)> {
    let mut others = defaults.clone();
    others.remove(name);
    let with = substitute(stream, &others, "").unwrap_or_else(|| stream.clone());
    super::literal_rules(&with)
        .into_iter()
        .filter(|v| present(stream, &others, &v.location))
        .map(|v| (v.rule.id(), v.location))
        .collect()
}

/// False when the stage or action a violation is in is absent for these parameter values
/// (a condition it is present under tests them the other way): nothing there is deployed.
fn present(stream: &Stream, values: &BTreeMap<&str, &str>, at: &Location) -> bool {
    let Some(stage) = at.stage.as_ref().and_then(|(si, _)| stream.stages.get(*si)) else {
        return true;
    };
    let presence = match at
        .action
        .as_ref()
        .and_then(|(ai, _)| stage.actions.get(*ai))
    {
        Some(action) => stage.presence_of(action),
        None => stage.presence(),
    };
    present_with(&stream.settings, &presence, values)
}

/// The stream with parameter values put in place of every expression they decide (a
/// `Ref`, or a `Sub`/`Join` made of them and literal text); `None` when `name` (unless
/// empty) decides none.
fn substitute(stream: &Stream, values: &BTreeMap<&str, &str>, name: &str) -> Option<Stream> {
    let mut changed = name.is_empty();
    let mut touch = |e: &Expr| -> Option<String> {
        let v = resolve(e, values)?;
        if !name.is_empty() && crate::model::value::references(e).iter().any(|r| r == name) {
            changed = true;
        }
        Some(v)
    };
    let mut out = stream.clone();
    if let Text::Expr(e) = &stream.name {
        if let Some(v) = touch(e) {
            out.name = Text::Lit(v);
        }
    }
    let mut settings = stream.settings.clone();
    for (info, value, _) in stream.settings.values() {
        if matches!(info.key, "parameters" | "conditions" | "mappings") {
            continue;
        }
        let new = replace(info.ty, value, &mut touch);
        let _ = settings.set(info.key, new);
    }
    out.settings = settings;
    for stage in &mut out.stages {
        for action in &mut stage.actions {
            let info = action.kind.info();
            let props: Vec<(String, PropValue)> = action
                .kind
                .values()
                .into_iter()
                .map(|(p, v)| (p.key.to_owned(), replace(p.ty, v, &mut touch)))
                .collect();
            if let Ok(kind) = (info.from_values)(props) {
                action.kind = kind;
            }
        }
    }
    changed.then_some(out)
}

/// A property value with the expressions the parameters decide replaced by their value.
fn replace(
    ty: PropType,
    v: PropValue,
    touch: &mut impl FnMut(&Expr) -> Option<String>,
) -> PropValue {
    match v {
        PropValue::Expr(e) => match touch(&e) {
            Some(text) if ty == PropType::Count => {
                text.parse().map_or(PropValue::Expr(e), PropValue::Count)
            }
            Some(_) if ty == PropType::Template => PropValue::Expr(e),
            Some(text) => PropValue::Text(text),
            None => PropValue::Expr(e),
        },
        PropValue::List(items) => {
            let item_ty = match ty {
                PropType::Records(r) => PropType::Record(r),
                PropType::TextList => PropType::Text,
                other => other,
            };
            PropValue::List(
                items
                    .into_iter()
                    .map(|i| replace(item_ty, i, touch))
                    .collect(),
            )
        }
        PropValue::Map(entries) => PropValue::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let field_ty = match ty {
                        PropType::Record(r) | PropType::Records(r) => r
                            .fields
                            .iter()
                            .find(|f| f.key == k)
                            .map_or(PropType::Text, |f| f.ty),
                        _ => PropType::Text,
                    };
                    let v = replace(field_ty, v, touch);
                    (k, v)
                })
                .collect(),
        ),
        other => other,
    }
}

/// The text an expression makes from the parameters' values, when they decide it.
fn resolve(e: &Expr, values: &BTreeMap<&str, &str>) -> Option<String> {
    match e {
        Expr::Str(s) => Some(s.clone()),
        Expr::Ref(name) => values.get(name.as_str()).map(|v| (*v).to_owned()),
        Expr::Sub(text) => sub(text, &BTreeMap::new(), values),
        Expr::Fn(call) => match call.as_ref() {
            Intrinsic::SubWith(text, vars) => sub(text, vars, values),
            Intrinsic::Join(sep, Expr::List(parts)) => {
                let parts: Option<Vec<String>> = parts.iter().map(|p| resolve(p, values)).collect();
                Some(parts?.join(sep))
            }
            _ => None,
        },
        _ => None,
    }
}

fn sub(text: &str, vars: &BTreeMap<String, Expr>, values: &BTreeMap<&str, &str>) -> Option<String> {
    let mut out = String::new();
    let mut rest = 0;
    for v in sub_variables(text) {
        out.push_str(&text[rest..v.offset]);
        let value = match vars.get(v.name) {
            Some(e) => resolve(e, values)?,
            None if v.attribute.is_none() => (*values.get(v.name)?).to_owned(),
            None => return None,
        };
        out.push_str(&value);
        let end = text[v.offset..].find('}')? + v.offset + 1;
        rest = end;
    }
    out.push_str(&text[rest..]);
    Some(out.replace("${!", "${"))
}
