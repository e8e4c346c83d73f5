//! Every enforced rule: the shared ones and each kind's own (`docs/rules.md` is generated
//! from this list by a test).

use crate::catalogue::{RuleId, SHARED};
use crate::conditions::{RULES as CONDITIONS, RULE_TYPES};
use crate::kinds::KINDS;

/// Every enforced rule: the shared ones ([`SHARED`]), then each kind's own rules not listed
/// there, in registration order, then the rules of stage conditions and of each rule type.
pub fn enforced() -> Vec<RuleId> {
    let mut out = SHARED.to_vec();
    let own = KINDS
        .iter()
        .flat_map(|k| k.rules)
        .chain(CONDITIONS)
        .chain(RULE_TYPES.iter().flat_map(|r| r.rules));
    for r in own {
        if !out.contains(r) {
            out.push(*r);
        }
    }
    out
}
