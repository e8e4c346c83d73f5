//! VSM-ANN: value-stream annotations.

use crate::catalogue::VSM_ANN_1;
use crate::diagnostic::{Field, Violation};
use crate::kit::actions;
use crate::model::Stream;

/// Runs every annotation rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        if let Some(ca) = at.action.annotations.complete_accurate {
            if !(0.0..=100.0).contains(&ca) {
                out.push(Violation::error(
                    VSM_ANN_1,
                    at.loc(Field::CompleteAccurate),
                    format!("%C&A {ca} is outside 0–100"),
                    "%C&A is the percentage of output the next step uses as-is: give 0 to 100",
                ));
            }
        }
    }
}
