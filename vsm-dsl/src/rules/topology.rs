//! CP-XREG, CP-TYPE-8, VSM-XACCT-1 and VSM-REACH-1: actions in other accounts and Regions,
//! and the artifact stores they need.

use crate::catalogue::{
    CP_TYPE_8, CP_XREG_1, CP_XREG_2, CP_XREG_3, CP_XREG_4, CP_XREG_5, VSM_REACH_1, VSM_XACCT_1,
};
use crate::diagnostic::{quote, Field, Location, Violation};
use crate::kit::topology::{
    is_account_id, is_region_code, other_account, other_region, role_account, role_created,
};
use crate::kit::{actions, is_role_arn, At};
use crate::model::settings::key;
use crate::model::{Owner, Stream, Text};

const REGION_HINT: &str = "write a Region code such as eu-west-1";

/// Runs every rule of this group.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    settings(stream, out);
    for at in actions(stream) {
        action(stream, &at, out);
    }
}

/// The pipeline's account and Region, and the given stores.
fn settings(stream: &Stream, out: &mut Vec<Violation>) {
    let s = &stream.settings;
    if let Some(account) = s.account.as_deref().filter(|a| !is_account_id(a)) {
        out.push(Violation::error(
            VSM_XACCT_1,
            Location::pipeline(Field::Setting(key::account)),
            format!("account {} is not 12 digits", quote(account)),
            "write the account id, such as 123456789012",
        ));
    }
    if let Some(region) = s.region.as_deref().filter(|r| !is_region_code(r)) {
        out.push(Violation::error(
            CP_XREG_1,
            Location::pipeline(Field::Setting(key::region)),
            format!("Region {} is not a Region code", quote(region)),
            REGION_HINT,
        ));
    }
    for (i, store) in s.artifact_stores.iter().enumerate() {
        let at = Location::pipeline(Field::SettingItem(key::artifact_stores, i));
        if !is_region_code(&store.region) {
            out.push(Violation::error(
                CP_XREG_1,
                at.clone(),
                format!(
                    "artifact store Region {} is not a Region code",
                    quote(&store.region)
                ),
                REGION_HINT,
            ));
        }
        if s.artifact_stores[..i]
            .iter()
            .any(|o| o.region == store.region)
        {
            out.push(Violation::error(
                CP_XREG_3,
                at,
                format!(
                    "Region {} has a second artifact store",
                    quote(&store.region)
                ),
                "give each Region one artifact store",
            ));
        }
    }
}

/// One action's account, role and Region.
fn action(stream: &Stream, at: &At<'_>, out: &mut Vec<Violation>) {
    let a = at.action;
    if let Some(account) = a.account.as_deref().filter(|x| !is_account_id(x)) {
        out.push(Violation::error(
            VSM_XACCT_1,
            at.loc(Field::Account),
            format!("account {} is not 12 digits", quote(account)),
            "write the account id, such as 123456789012",
        ));
    }
    if let Some(Text::Lit(arn)) = &a.action_role {
        if !is_role_arn(arn) {
            out.push(Violation::error(
                VSM_XACCT_1,
                at.loc(Field::ActionRole),
                format!("{} is not an IAM role ARN", quote(arn)),
                "write arn:aws:iam::123456789012:role/NAME, or take it from a template parameter",
            ));
        } else if let (Some(account), Some(of_role)) = (a.account.as_deref(), role_account(arn)) {
            if account != of_role {
                out.push(Violation::error(
                    VSM_XACCT_1,
                    at.loc(Field::ActionRole),
                    format!("the action runs in account {account}, but its role is in account {of_role}"),
                    "give a role of the action's account, or leave the role out for the one vsm creates there",
                ));
            }
        }
    }
    let t = a.kind.action_type();
    if a.action_role.is_some() && t.owner != Owner::Aws {
        out.push(Violation::error(
            CP_TYPE_8,
            at.loc(Field::ActionRole),
            format!(
                "a {} action cannot assume a role: only AWS-owned actions do",
                t.owner
            ),
            "leave out the action role",
        ));
    }
    if let Some(Text::Lit(region)) = &a.region {
        if !is_region_code(region) {
            out.push(Violation::error(
                CP_XREG_1,
                at.loc(Field::Region),
                format!("Region {} is not a Region code", quote(region)),
                REGION_HINT,
            ));
        }
    }
    let region = other_region(stream, a);
    let account = other_account(stream, a);
    if region.is_some() && (t.category == crate::model::Category::Source || t.owner != Owner::Aws) {
        let what = if t.category == crate::model::Category::Source {
            "a source action".to_owned()
        } else {
            format!("a {} action", t.owner)
        };
        out.push(Violation::error(
            CP_XREG_2,
            at.loc(Field::Region),
            format!("{what} runs in the pipeline's Region"),
            "leave out the Region",
        ));
    }
    reach(at, region.is_some(), account.is_some(), out);
    let s = &stream.settings;
    // Only the role vsm creates needs them: its account's template is deployed there and
    // trusts the pipeline's role by account. A role given by ARN needs neither.
    if role_created(stream, a) && (s.region.is_none() || s.account.is_none()) {
        let missing = match (s.account.is_none(), s.region.is_none()) {
            (true, true) => "account and Region",
            (true, false) => "account",
            _ => "Region",
        };
        out.push(Violation::error(
            CP_XREG_5,
            at.loc(Field::Account),
            format!(
                "the action runs in another account, so the pipeline's {missing} must be known"
            ),
            format!("set the pipeline's {missing} (settings `account` and `region`)"),
        ));
    }
    let store = |r: &str| s.artifact_stores.iter().find(|st| st.region == r);
    let new_store = matches!(region, Some(Text::Lit(r)) if store(r).is_none());
    if (role_created(stream, a) || new_store) && stream.name.as_str().is_none() {
        out.push(Violation::error(
            CP_XREG_5,
            at.loc(if new_store { Field::Region } else { Field::Account }),
            format!(
                "the template vsm writes for this action's {} names its resources after the pipeline, so the pipeline's name must be a literal, not {}",
                if new_store { "Region" } else { "account" },
                stream.name.display()
            ),
            "name the pipeline with a literal, or give the role (`action_role`) and the Region's artifact store",
        ));
    }
    if let Some(Text::Lit(r)) = region {
        if store(r).is_none() && s.region.is_none() {
            out.push(Violation::error(
                CP_XREG_5,
                at.loc(Field::Region),
                format!("the action runs in Region {r}, which has no artifact store given, so the pipeline's Region must be known to create one"),
                format!("set the pipeline's `region`, or give the artifact store of {r}"),
            ));
        }
    }
    if account.is_some() {
        let r = match region {
            Some(Text::Lit(r)) => Some(r.as_str()),
            Some(_) => None,
            None => s.region.as_deref(),
        };
        if let Some(given) = r.and_then(store).filter(|st| st.key.is_none()) {
            out.push(Violation::error(
                CP_XREG_4,
                at.loc(Field::Account),
                format!(
                    "the action runs in another account, but the artifact store of {} has no KMS key to grant it",
                    given.region
                ),
                "give the store's `key` (a customer-managed KMS key)",
            ));
        }
    }
}

/// VSM-REACH-1: the kind may run there.
fn reach(at: &At<'_>, other_region: bool, other_account: bool, out: &mut Vec<Violation>) {
    let info = at.action.kind.info();
    let (field, what) = if other_account && !info.reach.account {
        (Field::Account, "another account")
    } else if other_region && !info.reach.region {
        (Field::Region, "another Region")
    } else {
        return;
    };
    out.push(Violation::error(
        VSM_REACH_1,
        at.loc(field),
        format!(
            "a {} action cannot run in {what}: the pipeline's template creates what it runs",
            info.keyword
        ),
        "run it in the pipeline's account and Region, or write it as `custom` with resources of that account",
    ));
}
