//! Where an action runs: the pipeline's account and Region, or another one (`account`,
//! `region` and `action_role` of an action). The rules and the emitter read it the same way.

use crate::cfn::Expr;
use crate::model::{Action, Rule, Stream, Text};

/// The account an action runs in, when it is not the pipeline's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Account<'a> {
    /// A literal account id (the action's `account`, or the account of its literal role ARN).
    Id(&'a str),
    /// The account of a role given as an expression: known when the stack is deployed.
    OfRole(&'a Text),
}

/// True for 12 digits.
pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// True for a Region code such as `eu-west-1` or `us-gov-west-1`, 4–30 characters (CP-XREG-1).
pub(crate) fn is_region_code(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    (4..=30).contains(&text.len())
        && parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

/// The account of a literal role ARN (`arn:aws:iam::123456789012:role/x` → the digits).
pub(crate) fn role_account(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| is_account_id(a))
}

/// The account `action` runs in when it is not the pipeline's; `None` for the pipeline's own
/// (no account, or the pipeline's, and a role in it or none).
pub(crate) fn other_account<'a>(stream: &Stream, action: &'a Action) -> Option<Account<'a>> {
    let home = stream.settings.account.as_deref();
    if let Some(id) = action.account.as_deref() {
        return (Some(id) != home).then_some(Account::Id(id));
    }
    match action.action_role.as_ref()? {
        Text::Lit(arn) => role_account(arn)
            .filter(|a| Some(*a) != home)
            .map(Account::Id),
        computed => Some(Account::OfRole(computed)),
    }
}

/// The Region `action` runs in when it is not the pipeline's (an expression counts as
/// another: it is known only when the stack is deployed; `!Ref AWS::Region`, the Region of the
/// pipeline's stack, is the pipeline's).
pub(crate) fn other_region<'a>(stream: &Stream, action: &'a Action) -> Option<&'a Text> {
    let region = action.region.as_ref()?;
    if matches!(region.expr(), Some(Expr::Ref(r)) if r == "AWS::Region") {
        return None;
    }
    match (region.as_str(), stream.settings.region.as_deref()) {
        (Some(r), Some(home)) if r == home => None,
        _ => Some(region),
    }
}

/// True when vsm creates the role `action` assumes: in another account, with no role given.
pub(crate) fn role_created(stream: &Stream, action: &Action) -> bool {
    action.action_role.is_none() && matches!(other_account(stream, action), Some(Account::Id(_)))
}

/// The account whose template creates the role `rule` runs as: the rule's `account`, when it
/// is not the pipeline's and no `role_arn` is given.
pub(crate) fn rule_account<'a>(stream: &Stream, rule: &'a Rule) -> Option<&'a str> {
    let id = rule.account.as_deref()?;
    (rule.role_arn.is_none() && Some(id) != stream.settings.account.as_deref()).then_some(id)
}

/// The role `rule` runs as: the one given, or the one its account's template creates; `None`
/// when it runs as the pipeline.
pub(crate) fn rule_role(stream: &Stream, rule: &Rule) -> Option<Expr> {
    if let Some(role) = &rule.role_arn {
        return Some(role.to_expr());
    }
    rule_account(stream, rule).map(|id| role_in(id, &action_role_name(stream)))
}

/// The name of the role the template of account `account` creates for the pipeline's actions
/// there: `<pipeline>-actions`, the pipeline name shortened to fit IAM's 64 characters.
pub(crate) fn action_role_name(stream: &Stream) -> String {
    format!("{}-actions", stem(literal_name(stream), 56))
}

/// The name of the role CloudFormation assumes for the pipeline's deploys in another account.
pub(crate) fn deploy_role_name(stream: &Stream) -> String {
    format!("{}-deploy", stem(literal_name(stream), 57))
}

/// The name of the pipeline role when actions in other accounts trust it by name.
pub(crate) fn pipeline_role_name(stream: &Stream) -> String {
    format!("{}-pipeline", stem(literal_name(stream), 55))
}

/// The pipeline's name, which the templates of other accounts and Regions name their roles and
/// stores after: a literal wherever they exist (CP-XREG-5), `pipeline` for a computed name.
fn literal_name(stream: &Stream) -> &str {
    stream.name.as_str().unwrap_or("pipeline")
}

/// `name` cut to `max` characters; a cut name ends in 8 hex digits of a hash of the whole,
/// so two long names that share their start stay apart.
pub(crate) fn stem(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    // FNV-1a: stable across builds and platforms.
    let mut hash: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{}-{hash:08x}", &name[..max - 9])
}

/// `arn:${AWS::Partition}:iam::ACCOUNT:role/NAME`.
pub(crate) fn role_in(account: &str, name: &str) -> Expr {
    Expr::sub(format!(
        "arn:${{AWS::Partition}}:iam::{account}:role/{name}"
    ))
}

/// The role `action` assumes: the one given, or the one its account's template creates;
/// `None` when it runs as the pipeline.
pub(crate) fn assumed_role(stream: &Stream, action: &Action) -> Option<Expr> {
    if let Some(role) = &action.action_role {
        return Some(role.to_expr());
    }
    match other_account(stream, action)? {
        Account::Id(id) => Some(role_in(id, &action_role_name(stream))),
        Account::OfRole(role) => Some(role.to_expr()),
    }
}

/// The role CloudFormation assumes for a deploy that runs in another account with the role
/// vsm creates there; `None` for any other action.
pub(crate) fn deploy_role(stream: &Stream, action: &Action) -> Option<Expr> {
    match other_account(stream, action) {
        Some(Account::Id(id)) if role_created(stream, action) => {
            Some(role_in(id, &deploy_role_name(stream)))
        }
        _ => None,
    }
}

/// The start of the names of the buckets and key aliases vsm names: the pipeline name in
/// lower case, other characters as `-`, at most 30 characters.
pub(crate) fn bucket_stem(stream: &Stream) -> String {
    let mut s: String = literal_name(stream)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    let s = s.trim_matches('-');
    let s = if s.is_empty() { "vsm" } else { s };
    stem(s, 30).to_ascii_lowercase()
}

/// The artifact bucket of the pipeline in `region` when other accounts name it:
/// `<stem>-<account>-<region>`.
pub(crate) fn bucket_name(stream: &Stream, account: &str, region: &str) -> String {
    format!("{}-{account}-{region}", bucket_stem(stream))
}

/// The alias of the artifact key in each Region when other accounts name it.
pub(crate) fn key_alias(stream: &Stream) -> String {
    format!("alias/{}-artifacts", bucket_stem(stream))
}
