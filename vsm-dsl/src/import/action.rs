//! One action declaration read back as an [`Action`] of some kind.

use crate::catalogue::{CP_TYPE_1, CP_TYPE_2};
use std::collections::BTreeMap;

use super::decode::{self, Role, Written};
use super::value::{field, literal, short, target, Place, Reader, INEXACT};
use super::UnknownField;
use crate::cfn::{Expr, PipelineAction};
use crate::diagnostic::{Field, Location, Violation};
use crate::kinds::{Custom, KINDS};
use crate::kit::{ConfigCx, Generated, ReadBack};
use crate::model::kind::KindInfo;
use crate::model::props::{PropType, PropValue};
use crate::model::ActionKind;
use crate::model::Text;
use crate::model::{Action, ActionType, Category, Owner, Stage};

/// An action's configuration as written: key, value.
type Config<'a> = Vec<(&'a str, &'a Expr)>;

/// Reads action `ai` of stage `si`.
pub(super) fn read(r: &mut Reader, (si, stage): (usize, &Stage), ai: usize, node: &Expr) -> Action {
    let at = |f: Field| Place::action(si, ai, UnknownField::Field(f));
    let name = match field(node, "Name") {
        Some(e) => r.text(e, at(Field::Name)),
        None => r.missing(at(Field::Name), "Name"),
    };
    let mut action = Action::new(name, Custom::default());
    action.run_order = match field(node, "RunOrder") {
        None => 1,
        Some(e) => match literal(e).map(|t| t.parse::<u32>()) {
            Some(Ok(n)) => n,
            _ => {
                r.mark(at(Field::RunOrder), short(e));
                1
            }
        },
    };
    action.inputs = artifacts(r, node, "InputArtifacts", |i| at(Field::Input(i)));
    action.outputs = artifacts(r, node, "OutputArtifacts", |i| at(Field::Output(i)));
    action.namespace = field(node, "Namespace").map(|e| r.text(e, at(Field::Namespace)));
    // Where the action runs: typed, literal or computed, as written.
    action.region = field(node, "Region").map(|e| Text::from(e.clone()));
    action.action_role = field(node, "RoleArn").map(|e| Text::from(e.clone()));
    let loc = Location::action((si, &stage.name), (ai, &action.name), Field::Kind);
    let t = action_type(r, node, &loc, si, ai);
    let configuration = field(node, "Configuration");
    let config: Config<'_> = match configuration {
        Some(Expr::Map(m)) => m.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        Some(other) => {
            r.mark(at(Field::Prop("config")), short(other));
            Vec::new()
        }
        None => Vec::new(),
    };
    unmodelled(r, node, &loc);
    let declaration = declaration(node);
    let listed = action.inputs.clone();
    action.kind = match t {
        Some(t) => kind(
            r,
            (si, stage),
            ai,
            &action,
            &t,
            &config,
            declaration.as_ref(),
        )
        .unwrap_or_else(|| custom(r, &loc, &t, &config, declaration.is_some())),
        None => Custom::default().into(),
    };
    // The inputs the kind implies are not listed again, when they are emitted the same.
    let implied: Vec<String> = action
        .kind
        .implied_inputs()
        .iter()
        .map(|(_, a)| (*a).to_owned())
        .collect();
    let mut fewer = action.clone();
    fewer.inputs.retain(|i| !implied.contains(i));
    if fewer.all_inputs() == listed.iter().map(String::as_str).collect::<Vec<_>>() {
        action.inputs = fewer.inputs;
    }
    action
}

/// The declaration fields an action reads.
const READ: [&str; 13] = [
    "Name",
    "ActionTypeId",
    "RunOrder",
    "Configuration",
    "InputArtifacts",
    "OutputArtifacts",
    "Namespace",
    "Commands",
    "OutputVariables",
    "EnvironmentVariables",
    "TimeoutInMinutes",
    "Region",
    "RoleArn",
];

/// Notes each declaration field the model does not hold (one AWS adds after this version).
fn unmodelled(r: &mut Reader, node: &Expr, loc: &Location) {
    let Expr::Map(m) = node else { return };
    for (key, value) in m.iter().filter(|(k, _)| !READ.contains(&k.as_str())) {
        r.note(
            loc.clone(),
            format!(
                "{INEXACT}{key} {} (the action runs with the pipeline's)",
                short(value)
            ),
        );
    }
}

/// The input or output artifact names.
fn artifacts(r: &mut Reader, node: &Expr, key: &str, at: impl Fn(usize) -> Place) -> Vec<String> {
    match field(node, key) {
        Some(Expr::List(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match field(item, "Name") {
                Some(e) => r.text(e, at(i)),
                None => r.text(item, at(i)),
            })
            .collect(),
        Some(other) => {
            r.mark(at(0), short(other));
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// An action type as written (texts owned).
pub(super) struct TypeId {
    category: Category,
    owner: Owner,
    provider: String,
    version: String,
}

impl TypeId {
    fn as_type(&self) -> ActionType<'_> {
        ActionType {
            category: self.category,
            owner: self.owner,
            provider: &self.provider,
            version: &self.version,
        }
    }
}

/// The `ActionTypeId`; `None` (the place marked) when any part is computed or invalid.
fn action_type(
    r: &mut Reader,
    node: &Expr,
    loc: &Location,
    si: usize,
    ai: usize,
) -> Option<TypeId> {
    let id = field(node, "ActionTypeId");
    let part = |k: &str| literal(id.and_then(|i| field(i, k))?);
    let (Some(category), Some(owner), Some(provider), Some(version)) = (
        part("Category"),
        part("Owner"),
        part("Provider"),
        part("Version"),
    ) else {
        r.mark(
            Place::action(si, ai, UnknownField::Field(Field::Kind)),
            id.map_or("no ActionTypeId".to_owned(), short),
        );
        return None;
    };
    let c = Category::from_word(&category);
    let o = Owner::from_word(&owner);
    if c.is_none() {
        r.problems.push(Violation::error(
            CP_TYPE_2,
            loc.clone(),
            format!("action category {category:?} does not exist"),
            format!("use one of {}", Category::CHOICE.words().join(", ")),
        ));
    }
    if o.is_none() {
        r.problems.push(Violation::error(
            CP_TYPE_1,
            loc.clone(),
            format!("action owner {owner:?} does not exist"),
            format!("use one of {}", Owner::CHOICE.words().join(", ")),
        ));
    }
    if c.is_none() || o.is_none() {
        r.mark(
            Place::action(si, ai, UnknownField::Field(Field::Kind)),
            category,
        );
        return None;
    }
    Some(TypeId {
        category: c?,
        owner: o?,
        provider,
        version,
    })
}

/// The declaration fields beyond the configuration (Commands actions, approval timeouts), as
/// vsm's declaration type reads them; `None` when there are none.
fn declaration(node: &Expr) -> Option<PipelineAction> {
    let keys = [
        "Commands",
        "OutputVariables",
        "EnvironmentVariables",
        "TimeoutInMinutes",
    ];
    let has_files = field(node, "OutputArtifacts").is_some_and(|o| match o {
        Expr::List(items) => items.iter().any(|i| field(i, "Files").is_some()),
        _ => false,
    });
    if !has_files && !keys.iter().any(|k| field(node, k).is_some()) {
        return None;
    }
    let mut value = node.to_value();
    if let Some(m) = value.as_object_mut() {
        m.entry("RunOrder").or_insert(1.into());
        m.entry("ActionTypeId").or_insert(serde_json::json!({
            "Category": "", "Owner": "", "Provider": "", "Version": ""
        }));
        m.entry("Name").or_insert("".into());
    }
    Some(
        serde_json::from_value(value).unwrap_or_else(|_| PipelineAction {
            name: String::new(),
            action_type_id: crate::cfn::ActionTypeId {
                category: "".into(),
                owner: "".into(),
                provider: "".into(),
                version: "".into(),
            },
            configuration: crate::cfn::OrderedMap(Vec::new()),
            input_artifacts: Vec::new(),
            output_artifacts: Vec::new(),
            namespace: None,
            region: None,
            role_arn: None,
            run_order: 0,
            timeout_in_minutes: None,
            commands: vec!["<not readable>".to_owned()],
            output_variables: Vec::new(),
            environment_variables: Vec::new(),
        }),
    )
}

/// One way to read the action as a kind, and what it costs.
struct Candidate {
    kind: ActionKind,
    notes: Vec<String>,
    unknown: Vec<(Field, String)>,
    /// Generated configuration values, by key, for the kind to read back.
    generated: Vec<(&'static str, Expr)>,
}

/// The kind that writes the action's type and configuration back unchanged, preferring one
/// that replaces nothing, then one with the fewest unknown values.
fn kind(
    r: &mut Reader,
    (si, stage): (usize, &Stage),
    ai: usize,
    action: &Action,
    t: &TypeId,
    config: &Config<'_>,
    declaration: Option<&PipelineAction>,
) -> Option<ActionKind> {
    let this = t.as_type();
    let mut best: Option<Candidate> = None;
    for info in KINDS
        .iter()
        .filter(|k| k.types.iter().any(|kt| kt.same_type(&this)))
    {
        let Some(c) = candidate(r, info, stage, action, t, config, declaration) else {
            continue;
        };
        let cost = |c: &Candidate| c.notes.len() * 2 + c.unknown.len();
        if best.as_ref().is_none_or(|b| cost(&c) < cost(b)) {
            best = Some(c);
        }
    }
    let best = best?;
    let loc = |f: Field| Location::action((si, &stage.name), (ai, &action.name), f);
    for n in best.notes {
        r.note(loc(Field::Node), n);
    }
    for (f, written) in best.unknown {
        r.mark(Place::action(si, ai, UnknownField::Field(f)), written);
    }
    Some(best.kind)
}

/// The action read as kind `info`, if that kind writes it back unchanged.
fn candidate(
    r: &Reader,
    info: &'static KindInfo,
    stage: &Stage,
    action: &Action,
    t: &TypeId,
    config: &Config<'_>,
    declaration: Option<&PipelineAction>,
) -> Option<Candidate> {
    let roles = decode::roles(info);
    let mut c = Candidate {
        kind: Custom::default().into(),
        notes: Vec::new(),
        unknown: Vec::new(),
        generated: Vec::new(),
    };
    let mut values = config_values(info, config, &mut c)?;
    if let Some(d) = declaration {
        values.extend(declared(info, d)?);
    }
    // A required property the configuration does not carry (a connection's Git host).
    for p in info.props.iter().filter(|p| p.required) {
        let written = roles.iter().any(
            |(_, r)| matches!(r, Role::Prop(x) | Role::Parameter { prop: x, .. } if *x == p.key),
        );
        if let (false, PropType::Choice(choice)) = (written, p.ty) {
            let word = choice.options[0].0;
            values.push((p.key.to_owned(), PropValue::Word(word)));
            c.notes.push(format!(
                "`{}` is not in the template: {word} assumed, set the right one",
                p.key
            ));
        }
    }
    // What the kind generates (a project, a function), read back by the kind itself.
    let first = (info.from_values)(values.clone()).ok()?;
    for (key, value) in std::mem::take(&mut c.generated) {
        let back = read_generated(r, &first, (stage, action), &value);
        let what = back.as_ref().map_or("resource", |b| b.what);
        if !back.as_ref().is_some_and(|b| b.ours) {
            c.notes.push(format!(
                "{INEXACT}{key} {}: it is replaced by the {what} the template generates for a {} action",
                short(&value),
                info.keyword
            ));
        }
        for (k, v) in back.map(|b| b.props).unwrap_or_default() {
            if !values.iter().any(|(set, _)| *set == k) {
                values.push((k, v));
            }
        }
    }
    let mut kind = (info.from_values)(values.clone()).ok()?;
    if kind.action_type() != t.as_type() {
        // A choice that decides the action type (CodeBuild's Build or Test).
        let p = info.props.iter().find(|p| {
            matches!(p.ty, PropType::Choice(c) if c.options.iter().any(|(w, _)| *w == t.category.as_str()))
                && !values.iter().any(|(k, _)| k == p.key)
        })?;
        values.push((
            p.key.to_owned(),
            PropValue::Text(t.category.as_str().to_owned()),
        ));
        kind = (info.from_values)(values).ok()?;
    }
    for key in verify(&kind, stage, action, t, config, declaration)? {
        c.notes.push(format!(
            "{INEXACT}configuration {key} is written the way vsm writes it: the same values, in vsm's order and spacing"
        ));
    }
    c.kind = minimal(info, kind, |k| {
        verify(k, stage, action, t, config, declaration).is_some()
    });
    Some(c)
}

/// The properties the configuration gives kind `info`, noting what becomes a parameter, what
/// is unknown and what vsm generates; `None` when a key is not one the kind writes.
fn config_values(
    info: &'static KindInfo,
    config: &Config<'_>,
    c: &mut Candidate,
) -> Option<Vec<(String, PropValue)>> {
    let roles = decode::roles(info);
    let mut parts: BTreeMap<&'static str, Vec<(&'static str, &Expr)>> = BTreeMap::new();
    let mut values: Vec<(String, PropValue)> = Vec::new();
    for (key, value) in config {
        // A value the kind reads itself (a JSON list of variables).
        if let Some(props) = literal(value).and_then(|text| (info.read_config)(key, &text)) {
            values.extend(props);
            continue;
        }
        let mine: Vec<&Role> = roles
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, r)| r)
            .collect();
        let static_key = roles.iter().find(|(k, _)| k == key)?.0;
        let param = mine.iter().find_map(|r| match r {
            Role::Parameter { prop, default } => Some((*prop, default)),
            _ => None,
        });
        let prop = mine.iter().find_map(|r| match r {
            Role::Prop(p) => Some(*p),
            _ => None,
        });
        match (value, param, prop) {
            (Expr::Ref(name), Some((p, default)), _) => {
                if name != default {
                    values.push((p.to_owned(), PropValue::Text(name.clone())));
                }
            }
            (_, Some((_, default)), None) => c.notes.push(format!(
                "{INEXACT}{key} {} becomes template parameter {default} (vsm takes it as a parameter; pass that value)",
                short(value)
            )),
            (_, _, Some(p)) => parts.entry(p).or_default().push((static_key, *value)),
            (_, None, None) if mine.contains(&&Role::Generated) => {
                c.generated.push((static_key, (*value).clone()));
            }
            _ => return None,
        }
    }
    for (p, written) in parts {
        let prop = info.prop(p)?;
        values.push((p.to_owned(), prop_value(prop.ty, &written, p, c)?));
    }
    Some(values)
}

/// A property's value from the configuration values it writes: literal text parsed as the
/// property's type, or one template expression kept as it is. What the property cannot hold
/// (an expression in a flag, or beside text in one value) stands as a placeholder.
fn prop_value(
    ty: PropType,
    written: &[(&'static str, &Expr)],
    p: &'static str,
    c: &mut Candidate,
) -> Option<PropValue> {
    let computed = written.iter().find(|(_, v)| literal(v).is_none());
    if let (Some((_, e)), [_]) = (computed, written) {
        if matches!(ty, PropType::Text | PropType::Count | PropType::TextList) {
            return Some(PropValue::Expr((*e).clone()));
        }
    }
    let text: Vec<String> = written
        .iter()
        .map(|(key, v)| {
            literal(v).unwrap_or_else(|| {
                c.unknown.push((Field::Prop(p), short(v)));
                c.unknown.push((Field::Config(key), short(v)));
                super::value::placeholder(&short(v))
            })
        })
        .collect();
    decode::parse(ty, &text.join("::"))
}

/// The kind with every property that writes nothing of its own left unset (a default
/// written out, a parameter named as by default), while `same` still holds.
fn minimal(info: &KindInfo, kind: ActionKind, same: impl Fn(&ActionKind) -> bool) -> ActionKind {
    let mut kind = kind;
    let roles = decode::roles(info);
    let configured = |key: &str| {
        roles
            .iter()
            .any(|(_, r)| matches!(r, Role::Prop(p) | Role::Parameter { prop: p, .. } if *p == key))
    };
    for p in info
        .props
        .iter()
        .filter(|p| !p.required && configured(p.key))
    {
        let values: Vec<(String, PropValue)> = kind
            .values()
            .into_iter()
            .filter(|(i, _)| i.key != p.key)
            .map(|(i, v)| (i.key.to_owned(), v))
            .collect();
        if let Ok(smaller) = (info.from_values)(values) {
            if smaller != kind && same(&smaller) {
                kind = smaller;
            }
        }
    }
    kind
}

/// What `kind` makes of the resource its generated value `key` names.
fn read_generated(
    r: &Reader,
    kind: &ActionKind,
    (stage, action): (&Stage, &Action),
    value: &Expr,
) -> Option<ReadBack> {
    let id = target(value);
    let stream = decode::lone(stage.clone());
    let generated = Generated {
        id,
        resource: id.and_then(|id| r.resource(id)),
        cx: ConfigCx {
            stream: &stream,
            stage,
            action,
        },
    };
    crate::kinds::behaviour(kind).read_generated(&generated)
}

/// The properties a kind declares outside the configuration, read from the declaration.
fn declared(info: &KindInfo, d: &PipelineAction) -> Option<Vec<(String, PropValue)>> {
    let mut out = Vec::new();
    let list =
        |items: &[String]| PropValue::List(items.iter().cloned().map(PropValue::Text).collect());
    let mut put = |key: &str, value: PropValue| -> Option<()> {
        info.prop(key)?;
        out.push((key.to_owned(), value));
        Some(())
    };
    if !d.commands.is_empty() {
        put("commands", list(&d.commands))?;
    }
    if !d.output_variables.is_empty() {
        put("output_variables", list(&d.output_variables))?;
    }
    if let Some(files) = d
        .output_artifacts
        .first()
        .map(|o| &o.files)
        .filter(|f| !f.is_empty())
    {
        put("files", list(files))?;
    }
    if let Some(m) = d.timeout_in_minutes {
        put(
            "timeout",
            PropValue::Duration(std::time::Duration::from_secs(m * 60)),
        )?;
    }
    let (mut plain, mut secrets) = (Vec::new(), Vec::new());
    for v in &d.environment_variables {
        let name = v.get("Name")?.as_str()?.to_owned();
        let value = PropValue::Text(v.get("Value")?.as_str()?.to_owned());
        match v
            .get("Type")
            .and_then(|t| t.as_str())
            .unwrap_or("PLAINTEXT")
        {
            "PLAINTEXT" => plain.push((name, value)),
            "SECRETS_MANAGER" => secrets.push((name, value)),
            _ => return None,
        }
    }
    if !plain.is_empty() {
        put("environment", PropValue::Map(plain))?;
    }
    if !secrets.is_empty() {
        put("secrets", PropValue::Map(secrets))?;
    }
    Some(out)
}

/// `Some` when the kind writes the action type, configuration and declaration as written,
/// with the keys whose value it writes in its own form (the same properties, other text).
fn verify(
    kind: &ActionKind,
    stage: &Stage,
    action: &Action,
    t: &TypeId,
    config: &Config<'_>,
    declaration: Option<&PipelineAction>,
) -> Option<Vec<&'static str>> {
    let mut rewritten: Vec<&'static str> = Vec::new();
    if kind.action_type() != t.as_type() {
        return None;
    }
    let mut probe = action.clone();
    probe.kind = kind.clone();
    let written = decode::written(stage, &probe);
    if written.len() != config.len() {
        return None;
    }
    for (key, value) in &written {
        let (_, original) = config.iter().find(|(k, _)| k == key)?;
        match (value, original) {
            (Written::Text(v), original) => {
                let original = literal(original)
                    .unwrap_or_else(|| super::value::placeholder(&short(original)));
                if *v != original {
                    let read = kind.info().read_config;
                    let same = read(key, v).is_some() && read(key, v) == read(key, &original);
                    if !same {
                        return None;
                    }
                    rewritten.extend(
                        kind.info()
                            .config_keys
                            .iter()
                            .map(|k| k.key)
                            .find(|k| k == key),
                    );
                }
            }
            (Written::Expr(e), original) if e != *original => return None,
            (Written::Parameter(name), Expr::Ref(used)) if name != used => return None,
            // A literal where the kind could write one: it must.
            (Written::Parameter(_), other) if !matches!(other, Expr::Ref(_)) => {
                let roles = decode::roles(kind.info());
                if roles
                    .iter()
                    .any(|(k, r)| k == key && matches!(r, Role::Prop(_)))
                {
                    return None;
                }
            }
            _ => {}
        }
    }
    let mut decl = blank(&probe);
    crate::kinds::behaviour(kind).declare(&mut decl);
    let d = declaration.map_or_else(|| blank(&probe), Clone::clone);
    let files = |d: &PipelineAction| {
        d.output_artifacts
            .first()
            .map(|o| o.files.clone())
            .unwrap_or_default()
    };
    (decl.commands == d.commands
        && decl.output_variables == d.output_variables
        && decl.environment_variables == d.environment_variables
        && decl.timeout_in_minutes == d.timeout_in_minutes
        && files(&decl) == files(&d))
    .then_some(rewritten)
}

fn blank(action: &Action) -> PipelineAction {
    PipelineAction {
        name: String::new(),
        action_type_id: crate::cfn::ActionTypeId {
            category: "".into(),
            owner: "".into(),
            provider: "".into(),
            version: "".into(),
        },
        configuration: crate::cfn::OrderedMap(Vec::new()),
        input_artifacts: Vec::new(),
        output_artifacts: action
            .outputs
            .iter()
            .map(|n| crate::cfn::ArtifactName {
                name: n.clone(),
                files: Vec::new(),
            })
            .collect(),
        namespace: None,
        region: None,
        role_arn: None,
        run_order: 0,
        timeout_in_minutes: None,
        commands: Vec::new(),
        output_variables: Vec::new(),
        environment_variables: Vec::new(),
    }
}

/// The escape hatch: the type and configuration as written.
fn custom(
    r: &mut Reader,
    loc: &Location,
    t: &TypeId,
    config: &Config<'_>,
    declared: bool,
) -> ActionKind {
    let mut kind = Custom {
        category: t.category,
        owner: t.owner,
        provider: t.provider.clone(),
        version: (t.version != "1").then(|| t.version.clone()),
        ..Custom::default()
    };
    for (key, value) in config {
        let text = match (literal(value), value) {
            (Some(t), _) => t,
            (None, Expr::List(_) | Expr::Map(_)) => {
                r.note(
                    loc.clone(),
                    format!("{INEXACT}configuration {key} is not text; kept as JSON text"),
                );
                value.to_value().to_string()
            }
            (None, _) => {
                kind.config.insert((*key).to_owned(), r.value(value));
                continue;
            }
        };
        kind.config.insert((*key).to_owned(), Text::Lit(text));
    }
    let known = KINDS
        .iter()
        .any(|k| k.types.iter().any(|kt| kt.same_type(&t.as_type())));
    let why = if known {
        "no kind writes this configuration"
    } else {
        "vsm has no kind for this action type"
    };
    r.note(loc.clone(), format!("imported as custom: {why}"));
    if declared {
        r.note(
            loc.clone(),
            format!("{INEXACT}the declaration's commands, variables or timeout (a custom action has configuration only)"),
        );
    }
    kind.into()
}
