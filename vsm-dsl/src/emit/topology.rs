//! Actions in other accounts and Regions: which role each assumes, whose grants go where,
//! which Regions' artifact stores vsm creates, and which roles of other accounts each store
//! lets in.

use std::collections::BTreeMap;

use serde_json::json;

use crate::cfn::{Expr, Intrinsic, Statement};
use crate::kit::topology::{
    assumed_role, other_account, other_region, role_created, rule_account, rule_role, Account,
};
use crate::kit::{rules, Grants, Store};
use crate::model::{Action, Stream, Text};

/// The artifact store an action's artifacts go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StoreAt {
    /// The pipeline's own store, in its Region.
    Home,
    /// A store the stream gives (`artifact_stores`), by index.
    Given(usize),
    /// A store vsm creates in this Region.
    Created(String),
    /// A Region known only when the stack is deployed.
    Unknown,
}

/// One account whose template creates the role its actions assume.
pub(crate) struct AccountSide {
    /// The account id.
    pub id: String,
    /// What its actions need, as the kinds grant it.
    pub grants: Grants,
    /// A deploy needs CloudFormation's role there.
    pub deploy_role: bool,
    /// The stores its actions use, in first-use order.
    pub stores: Vec<StoreAt>,
}

/// Where the stream's actions run, as the emitter needs it.
pub(crate) struct Topology {
    /// Accounts whose templates create roles, in first-use order.
    pub accounts: Vec<AccountSide>,
    /// Regions whose artifact stores vsm creates, in first-use order.
    pub created: Vec<String>,
    /// Other accounts' templates name the pipeline's bucket, key and role.
    pub named: bool,
    /// The pipeline gets `ArtifactStores` (one per Region) instead of one store.
    pub regional: bool,
}

/// Roles of other accounts a store or key lets in: their accounts' roots, and the roles.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Principals {
    /// `arn:...:iam::ACCOUNT:root`, each once.
    pub roots: Vec<Expr>,
    /// The role ARNs, each once.
    pub roles: Vec<Expr>,
}

impl Topology {
    pub(crate) fn of(stream: &Stream) -> Self {
        let mut t = Self {
            accounts: Vec::new(),
            created: Vec::new(),
            named: false,
            regional: !stream.settings.artifact_stores.is_empty(),
        };
        for (_, action) in stream.actions() {
            // An action in the pipeline's Region by `!Ref AWS::Region` keeps one store.
            t.regional |= action.region.is_some() && !same_region(action);
            if let StoreAt::Created(r) = store_at(stream, action) {
                if !t.created.contains(&r) {
                    t.created.push(r);
                }
            }
            if !role_created(stream, action) {
                continue;
            }
            let Some(Account::Id(id)) = other_account(stream, action) else {
                continue;
            };
            let at = store_at(stream, action);
            let side = t.side(id);
            if !side.stores.contains(&at) {
                side.stores.push(at);
            }
        }
        // A rule in another account runs as the same role; one with inputs reads them from
        // the pipeline's store.
        for at in rules(stream) {
            if let Some(id) = rule_account(stream, at.rule) {
                let side = t.side(id);
                if !at.rule.inputs.is_empty() && !side.stores.contains(&StoreAt::Home) {
                    side.stores.push(StoreAt::Home);
                }
            }
        }
        t.named = !t.accounts.is_empty();
        t
    }

    /// The side of account `id`, added when it has none yet.
    pub(crate) fn side(&mut self, id: &str) -> &mut AccountSide {
        let i = match self.accounts.iter().position(|a| a.id == id) {
            Some(i) => i,
            None => {
                self.accounts.push(AccountSide {
                    id: id.to_owned(),
                    grants: Grants::default(),
                    deploy_role: false,
                    stores: Vec::new(),
                });
                self.accounts.len() - 1
            }
        };
        &mut self.accounts[i]
    }

    /// The roles of other accounts whose actions (or rules with inputs) use the store `at`.
    pub(crate) fn principals(&self, stream: &Stream, at: &StoreAt) -> Principals {
        let mut p = Principals::default();
        let mut add = |root: Expr, role: Expr| {
            if !p.roots.contains(&root) {
                p.roots.push(root);
            }
            if !p.roles.contains(&role) {
                p.roles.push(role);
            }
        };
        for (_, action) in stream.actions() {
            let Some(account) = other_account(stream, action) else {
                continue;
            };
            if store_at(stream, action) != *at {
                continue;
            }
            let role =
                assumed_role(stream, action).expect("an action in another account assumes a role");
            add(account_root(account), role);
        }
        if *at == StoreAt::Home {
            for r in rules(stream).filter(|r| !r.rule.inputs.is_empty()) {
                let Some(id) = rule_account(stream, r.rule) else {
                    continue;
                };
                let role = rule_role(stream, r.rule).expect("a rule in another account has a role");
                add(account_root(Account::Id(id)), role);
            }
        }
        p
    }

    /// The index of the side of the account whose template creates `action`'s role.
    pub(crate) fn side_of(&self, stream: &Stream, action: &Action) -> Option<usize> {
        if !role_created(stream, action) {
            return None;
        }
        match other_account(stream, action)? {
            Account::Id(id) => self.accounts.iter().position(|a| a.id == id),
            Account::OfRole(_) => None,
        }
    }
}

/// True for an action placed in the pipeline's Region by `!Ref AWS::Region`.
fn same_region(action: &Action) -> bool {
    matches!(action.region.as_ref().and_then(Text::expr), Some(Expr::Ref(r)) if r == "AWS::Region")
}

/// The store `action`'s artifacts go through.
pub(crate) fn store_at(stream: &Stream, action: &Action) -> StoreAt {
    let given = |r: &str| {
        stream
            .settings
            .artifact_stores
            .iter()
            .position(|s| s.region == r)
    };
    match other_region(stream, action) {
        None => match stream.settings.region.as_deref().and_then(given) {
            Some(i) => StoreAt::Given(i),
            None => StoreAt::Home,
        },
        Some(Text::Lit(r)) => match given(r) {
            Some(i) => StoreAt::Given(i),
            None => StoreAt::Created(r.clone()),
        },
        Some(_) => StoreAt::Unknown,
    }
}

/// `arn:${AWS::Partition}:iam::ACCOUNT:root` of an account, literal or the account of a role
/// given as an expression (the fifth field of its ARN).
fn account_root(account: Account<'_>) -> Expr {
    match account {
        Account::Id(id) => Expr::sub(format!("arn:${{AWS::Partition}}:iam::{id}:root")),
        Account::OfRole(role) => Expr::call(Intrinsic::SubWith(
            "arn:${AWS::Partition}:iam::${Account}:root".to_owned(),
            BTreeMap::from([(
                "Account".to_owned(),
                Expr::call(Intrinsic::Select(
                    Expr::Number(4.into()),
                    Expr::call(Intrinsic::Split(":".to_owned(), role.to_expr())),
                )),
            )]),
        )),
    }
}

/// A resource-policy statement that lets exactly these roles of other accounts do `actions`
/// on `resources`: their accounts as principals, the roles as a condition. None when there
/// are no such roles.
pub(crate) fn cross_statement(
    p: &Principals,
    actions: &[&str],
    resources: Vec<Expr>,
) -> Option<Statement> {
    if p.roles.is_empty() {
        return None;
    }
    let mut s = Statement::allow(actions.iter().copied(), resources).sid("OtherAccountActions");
    s.principal = Some(json!({"AWS": p.roots}));
    s.condition = Some(json!({"ArnEquals": {"aws:PrincipalArn": p.roles}}));
    Some(s)
}

/// The statements with `${AWS::Region}` in their resources read as `region`: grants a kind
/// wrote for the pipeline's Region, for an action that runs in another.
pub(crate) fn in_region(statements: &mut [Statement], region: &Text) {
    for s in statements {
        for r in &mut s.resource {
            *r = expr_in_region(r, region);
        }
    }
}

fn expr_in_region(e: &Expr, region: &Text) -> Expr {
    const PSEUDO: &str = "${AWS::Region}";
    let (text, mut vars) = match e {
        Expr::Sub(t) => (t.clone(), BTreeMap::new()),
        Expr::Fn(call) => match call.as_ref() {
            Intrinsic::SubWith(t, v) => (t.clone(), v.clone()),
            _ => return e.clone(),
        },
        _ => return e.clone(),
    };
    if !text.contains(PSEUDO) {
        return e.clone();
    }
    match region {
        Text::Lit(r) => {
            let text = text.replace(PSEUDO, r);
            if vars.is_empty() {
                Expr::sub(text)
            } else {
                Expr::call(Intrinsic::SubWith(text, vars))
            }
        }
        Text::Expr(x) => {
            vars.insert("ActionRegion".to_owned(), x.clone());
            Expr::call(Intrinsic::SubWith(
                text.replace(PSEUDO, "${ActionRegion}"),
                vars,
            ))
        }
    }
}

/// What the pipeline role does with an artifact bucket and its objects.
pub(crate) const ARTIFACT_ACTIONS: &[&str] = &[
    "s3:GetBucketVersioning",
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:PutObject",
];

/// The pipeline role's access to a store of another Region: its bucket's objects, and its
/// key (exact when given, by alias when created there).
pub(crate) fn store_grants(stream: &Stream, at: &StoreAt, account: &str, grants: &mut Grants) {
    use crate::kit::arn;
    use crate::kit::topology::{bucket_name, key_alias};
    match at {
        StoreAt::Home | StoreAt::Unknown => {}
        StoreAt::Given(i) => {
            let store = &stream.settings.artifact_stores[*i];
            for objects in [&[][..], &[arn::Part::Lit("*")]] {
                grants.allow(
                    "RegionArtifacts",
                    ARTIFACT_ACTIONS,
                    arn::s3_text(&store.bucket, objects),
                );
            }
            if let Some(key) = &store.key {
                grants.allow(
                    "RegionArtifactKeys",
                    &["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
                    key.to_expr(),
                );
            }
        }
        StoreAt::Created(r) => {
            let name = bucket_name(stream, account, r);
            for objects in ["", "/*"] {
                grants.allow(
                    "RegionArtifacts",
                    ARTIFACT_ACTIONS,
                    Expr::sub(format!("arn:${{AWS::Partition}}:s3:::{name}{objects}")),
                );
            }
            grants.allow_if(
                "RegionArtifactKeysByAlias",
                &["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
                Expr::sub(format!("arn:${{AWS::Partition}}:kms:{r}:{account}:key/*")),
                Some(json!({"ForAnyValue:StringEquals": {"kms:ResourceAliases": [key_alias(stream)]}})),
            );
        }
    }
}

/// The home store as another account's template names it: its bucket's objects and its key.
pub(crate) fn home_store_grants(stream: &Stream, store: &Store, grants: &mut Grants) {
    use crate::kit::topology::{bucket_name, key_alias};
    let account = stream.settings.account.as_deref().unwrap_or("");
    let home = stream.settings.region.as_deref().unwrap_or("");
    let objects = match &store.bucket {
        Expr::Str(name) => crate::kit::arn::s3(name, Some("*")),
        _ => crate::kit::arn::s3(&bucket_name(stream, account, home), Some("*")),
    };
    grants.allow(
        "Artifacts",
        &["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
        objects,
    );
    match &store.key_arn {
        Expr::Str(arn) => grants.allow(
            "ArtifactKey",
            &["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            Expr::str(arn),
        ),
        _ => grants.allow_if(
            "ArtifactKeyByAlias",
            &["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            Expr::sub(format!(
                "arn:${{AWS::Partition}}:kms:{home}:{account}:key/*"
            )),
            Some(json!({"ForAnyValue:StringEquals": {"kms:ResourceAliases": [key_alias(stream)]}})),
        ),
    }
}
