//! Annotations from the `Metadata.ValueStream` vsm writes on the pipeline resource: each
//! action's, and each stage condition's under its metadata key (`(before_entry)`).

use serde_json::Value;

use super::value::Reader;
use crate::diagnostic::{Field, Location};
use crate::model::{duration, Annotations, ConditionPlace, Stream};

/// Sets each action's annotations from the metadata; notes the actions left to annotate.
pub(super) fn read(r: &mut Reader, metadata: Option<&Value>, stream: &mut Stream) {
    let meta = metadata.and_then(|m| m.get("ValueStream"));
    let mut unannotated = 0;
    for (si, stage) in stream.stages.iter_mut().enumerate() {
        for (ai, action) in stage.actions.iter_mut().enumerate() {
            let step = meta
                .and_then(|m| m.get(&stage.name))
                .and_then(|s| s.get(&action.name));
            let Some(step) = step else {
                unannotated += 1;
                continue;
            };
            let loc = |f| Location::action((si, &stage.name), (ai, &action.name), f);
            step_annotations(r, step, &mut action.annotations, loc);
        }
        let name = stage.name.clone();
        for place in ConditionPlace::ALL.iter().copied() {
            let step = meta
                .and_then(|m| m.get(&name))
                .and_then(|s| s.get(place.metadata_key()));
            if let (Some(step), Some(c)) = (step, stage.settings.slot(place).as_mut()) {
                let loc = |_| Location::stage(si, &name, Field::Condition(place.key()));
                step_annotations(r, step, &mut c.annotations, loc);
            }
        }
    }
    if unannotated > 0 {
        r.note(
            Location::pipeline(Field::Node),
            format!(
                "{unannotated} action(s) have no process time, wait time or %C&A: fill them in (`.process(..)`, `.wait(..)`, `.ca(..)`)"
            ),
        );
    }
}

/// One step's process time, wait time and %C&A from its metadata.
fn step_annotations(
    r: &mut Reader,
    step: &Value,
    n: &mut Annotations,
    loc: impl Fn(Field) -> Location,
) {
    for (key, slot, field) in [
        ("ProcessTime", &mut n.process_time, Field::ProcessTime),
        ("WaitTime", &mut n.wait_time, Field::WaitTime),
    ] {
        match step.get(key).map(|v| v.as_str().map(duration::parse)) {
            Some(Some(Ok(d))) => *slot = Some(d),
            Some(_) => r.note(
                loc(field),
                format!("{key} in the metadata is not a duration; left unset"),
            ),
            None => {}
        }
    }
    n.complete_accurate = step.get("CompleteAccurate").and_then(Value::as_f64);
}
