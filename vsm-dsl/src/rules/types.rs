//! What the catalogue knows about an action's type, checked for every action whatever its
//! kind: a finding depends on the action type, not on how the action was written.

use crate::catalogue::{CP_CONF_3, CP_TYPE_5};
use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::{behaviour, KINDS};
use crate::kit::{At, ConfigCx, ConfigKeySpec};
use crate::model::kind::Artifacts;
use crate::model::{ActionType, Owner, Stream};

/// The artifact counts and configuration keys of an action type: from the kind that emits
/// it, else from the catalogue's rows for types vsm has no kind for.
pub fn type_facts(t: &ActionType<'_>) -> Option<(Artifacts, &'static [ConfigKeySpec])> {
    KINDS
        .iter()
        .find(|k| k.types.iter().any(|kt| kt.same_type(t)))
        .and_then(|k| k.artifacts.map(|a| (a, k.config_keys)))
        .or_else(|| super::other_type(t).map(|a| (a, &[][..])))
}

/// Where a provider exists: `Owner/Category` of every known type with that provider.
pub(crate) fn homes(provider: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let types = KINDS
        .iter()
        .flat_map(|k| k.types.iter().copied())
        .chain(super::other_types());
    for t in types.filter(|t| t.provider == provider) {
        let home = format!("{}/{}", t.owner, t.category);
        if !out.contains(&home) {
            out.push(home);
        }
    }
    out
}

/// CP-TYPE-5 and CP-CONF-3 for one action, of the type it is emitted with.
pub(super) fn check(stream: &Stream, at: &At<'_>, out: &mut Vec<Violation>) {
    let t = behaviour(&at.action.kind).emitted_type(stream);
    match type_facts(&t) {
        Some((_, keys)) => required_keys(stream, at, &t, keys, out),
        None if t.owner == Owner::Custom => {}
        None => unknown_type(at, &t, out),
    }
}

/// CP-TYPE-5: a type vsm does not know, or a provider under the wrong owner or category.
fn unknown_type(at: &At<'_>, t: &ActionType<'_>, out: &mut Vec<Violation>) {
    let homes = homes(t.provider);
    if homes.is_empty() {
        out.push(Violation::warning(
            CP_TYPE_5,
            at.loc(Field::Kind),
            format!("action type {t} is not one vsm knows, so its artifacts and configuration are not checked"),
            "check the provider name against the CodePipeline action reference",
        ));
    } else {
        out.push(Violation::error(
            CP_TYPE_5,
            at.loc(Field::Kind),
            format!("provider {} does not exist as {t}", quote(t.provider)),
            format!("{} is valid only as {}", t.provider, homes.join(" or ")),
        ));
    }
}

/// CP-CONF-3: the configuration holds every key the action type requires.
fn required_keys(
    stream: &Stream,
    at: &At<'_>,
    t: &ActionType<'_>,
    keys: &[ConfigKeySpec],
    out: &mut Vec<Violation>,
) {
    let kind = behaviour(&at.action.kind);
    let cx = ConfigCx {
        stream,
        stage: at.stage,
        action: at.action,
    };
    let mut present: Vec<&str> = kind.configuration(&cx).iter().map(|e| e.key).collect();
    present.extend(kind.custom_configuration().into_iter().map(|(k, _)| k));
    let missing: Vec<&str> = keys
        .iter()
        .filter(|k| k.required && !present.contains(&k.key))
        .map(|k| k.key)
        .collect();
    if missing.is_empty() {
        return;
    }
    let field = match at.action.kind.info().prop("config") {
        Some(_) => Field::Prop("config"),
        None => Field::Kind,
    };
    out.push(Violation::error(
        CP_CONF_3,
        at.loc(field),
        format!(
            "a {} action needs configuration key(s) {}",
            t.provider,
            missing.join(", ")
        ),
        format!("add {}", missing.join(", ")),
    ));
}
