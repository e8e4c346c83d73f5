//! Every enforced rule: the shared ones and each kind's own (`docs/rules.md` is generated
//! from this list by a test).

use crate::catalogue::{RuleId, SHARED};
use crate::kinds::KINDS;

/// Every enforced rule: the shared ones ([`SHARED`]), then each kind's own rules not listed
/// there, in registration order.
pub fn enforced() -> Vec<RuleId> {
    let mut out = SHARED.to_vec();
    for k in KINDS {
        for r in k.rules {
            if !out.contains(r) {
                out.push(*r);
            }
        }
    }
    out
}
