//! Where each action of a stage stands in written code: in a new step, beside the one above
//! it, or at an explicit run order.

use crate::model::{Action, Stage};

/// One action as written.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    /// The action.
    pub action: &'a Action,
    /// It starts a new step: `.then()` before it in the builder, a new line in `stream!`.
    pub new_step: bool,
    /// Its run order is written out (`.run_order(n)`, `run_order: n`): stepping does not
    /// reach it.
    pub explicit: bool,
}

/// The actions of a stage as the builder and `stream!` write them: each front end numbers
/// steps the same way ([`Stage::next_run_order`]), so the same layout reads back as the same
/// run orders in both.
pub fn layout(stage: &Stage) -> Vec<Placed<'_>> {
    let mut so_far = Stage::new(stage.name.clone());
    let mut current = 1;
    let mut out = Vec::with_capacity(stage.actions.len());
    for (i, action) in stage.actions.iter().enumerate() {
        let next = so_far.next_run_order(current);
        let (new_step, explicit) = if action.run_order == current {
            (false, false)
        } else if i > 0 && action.run_order == next {
            current = next;
            (true, false)
        } else {
            (false, true)
        };
        out.push(Placed {
            action,
            new_step,
            explicit,
        });
        so_far.actions.push(action.clone());
    }
    out
}
