//! The rule vocabulary: every catalogue rule as a typed [`RuleId`], with when it can run and
//! what it checks. Rules every kind shares are declared here; a kind declares its own in its
//! file. `docs/rules.md` is generated from these declarations by a test.

use serde::{Serialize, Serializer};
use std::fmt;

/// When a rule can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum When {
    /// From the stream alone (literals), so also in the `stream!` macro: `C` in the catalogue.
    Compile,
    /// Only on the emitted template or on today's date: `B` in the catalogue.
    Emission,
}

impl When {
    /// The catalogue's letter: `C` or `B`.
    pub fn letter(self) -> char {
        match self {
            Self::Compile => 'C',
            Self::Emission => 'B',
        }
    }
}

/// A catalogue rule: its id (`CP-NAME-10`), when it can run and what it checks.
///
/// Only vsm declares rules, so a misspelt id does not compile; compare a violation's rule
/// with a constant (`v.rule == CP_NAME_10`) or with its id (`v.rule == "CP-NAME-10"`).
#[derive(Clone, Copy, Eq)]
pub struct RuleId {
    id: &'static str,
    when: When,
    summary: &'static str,
    advice: Option<&'static str>,
}

impl RuleId {
    /// A rule checked from the stream alone.
    pub(crate) const fn compile(id: &'static str, summary: &'static str) -> Self {
        Self {
            id,
            when: When::Compile,
            summary,
            advice: None,
        }
    }

    /// A rule checked on the emitted template or today's date.
    pub(crate) const fn emission(id: &'static str, summary: &'static str) -> Self {
        Self {
            id,
            when: When::Emission,
            summary,
            advice: None,
        }
    }

    /// The same rule as advice: AWS accepts what it reports, for the reason given.
    pub(crate) const fn advised(self, why: &'static str) -> Self {
        Self {
            advice: Some(why),
            ..self
        }
    }

    /// The catalogue id, such as `CP-NAME-10`.
    pub const fn id(self) -> &'static str {
        self.id
    }

    /// When it can run.
    pub const fn when(self) -> When {
        self.when
    }

    /// What it checks, in one line.
    pub const fn summary(self) -> &'static str {
        self.summary
    }

    /// Why the rule is vsm's advice rather than a refusal of AWS, when it is: CloudFormation
    /// and CodePipeline accept what it reports. A stream vsm builds keeps to it; `vsm lint`
    /// reports it on a template as a warning, since the template deploys.
    pub const fn advice(self) -> Option<&'static str> {
        self.advice
    }
}

impl PartialEq for RuleId {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl std::hash::Hash for RuleId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.id == *other
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.id
    }
}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl AsRef<str> for RuleId {
    fn as_ref(&self) -> &str {
        self.id
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}

/// Declares rule constants and the list of them: `NAME = compile("ID", "summary");`, with
/// `, advice: "why AWS accepts it"` before the `;` for a rule that is vsm's advice.
macro_rules! rules {
    ($vis:vis $list:ident: $(
        $name:ident = $when:ident($id:literal, $summary:literal) $(, advice: $why:literal)?;
    )+) => {
        $(
            #[doc = concat!("`", $id, "`: ", $summary, ".")]
            #[allow(rustdoc::broken_intra_doc_links)] // summaries quote character classes
            pub const $name: $crate::catalogue::RuleId =
                $crate::catalogue::RuleId::$when($id, $summary) $(.advised($why))?;
        )+
        /// The rules of this list, in catalogue order.
        $vis const $list: &[$crate::catalogue::RuleId] = &[ $($name),+ ];
    };
}

pub(crate) use rules;

// The rules the shared rule groups (`crate::rules`) and the emitter enforce.
rules! {
    pub SHARED:
    CP_NAME_1 = compile("CP-NAME-1", "pipeline name: 1–100 of [A-Za-z0-9.@_-]");
    CP_NAME_2 = compile("CP-NAME-2", "stage names: 1–100 of [A-Za-z0-9.@_-]");
    CP_NAME_3 = compile("CP-NAME-3", "action names: 1–100 of [A-Za-z0-9.@_-]");
    CP_NAME_4 = compile("CP-NAME-4", "artifact names: 1–100 of [A-Za-z0-9_-]");
    CP_NAME_5 = compile("CP-NAME-5", "namespaces: 1–100 of [A-Za-z0-9@_-]");
    CP_NAME_6 = compile("CP-NAME-6", "pipeline variable names: 1–128 of [A-Za-z0-9@_-]");
    CP_NAME_9 = compile("CP-NAME-9", "stage names unique");
    CP_NAME_10 = compile("CP-NAME-10", "action names unique within a stage");
    CP_NAME_11 = compile("CP-NAME-11", "output artifact names unique across the pipeline");
    CP_NAME_12 = compile("CP-NAME-12", "namespaces unique and distinct from artifact names");
    CP_NAME_13 = compile("CP-NAME-13", "`codepipeline` and `variables` are reserved namespaces");
    CP_NAME_14 = compile("CP-NAME-14", "pipeline variable names unique");
    CP_NAME_16 = compile("CP-NAME-16", "tag keys 1–128 characters and unique, values at most 256");
    CP_STRUCT_5 = compile("CP-STRUCT-5", "at least two stages");
    CP_STRUCT_6 = compile("CP-STRUCT-6", "at least one action per stage");
    CP_STRUCT_7 = compile("CP-STRUCT-7", "the first stage holds only source actions");
    CP_STRUCT_8 = compile("CP-STRUCT-8", "source actions only in the first stage");
    CP_STRUCT_12 = emission("CP-STRUCT-12", "an existing pipeline role given to the emitter is an IAM role ARN");
    CP_STRUCT_13 = emission("CP-STRUCT-13", "an existing artifact bucket given to the emitter is a bucket name");
    CP_STRUCT_14 = emission("CP-STRUCT-14", "an existing KMS key given to the emitter is a key ARN");
    CP_ORDER_1 = compile("CP-ORDER-1", "run order 1–999");
    CP_ORDER_3 = compile("CP-ORDER-3", "an input is produced strictly earlier (earlier stage, or lower run order)");
    CP_ORDER_4 = compile("CP-ORDER-4", "every input is produced by some action");
    CP_ORDER_5 = compile("CP-ORDER-5", "`#{ns.key}` reads a namespace set strictly earlier; `#{variables.x}` a declared variable");
    CP_ART_1 = compile("CP-ART-1", "no artifact listed twice in one action");
    CP_ART_2 = compile("CP-ART-2", "input/output artifact counts fit the action type (matrix CP-TYPE-M-01…30)");
    CP_ART_4 = compile("CP-ART-4", "a full-clone source output (connection or CodeCommit) is read only by CodeBuild");
    CP_ART_5 = compile("CP-ART-5", "CodeBuild with several inputs names a primary source among them");
    CP_ART_6 = compile("CP-ART-6", "a CloudFormation template path is `Artifact::path` (the artifact becomes an input)");
    CP_TYPE_3 = compile("CP-TYPE-3", "provider: 1–35 of [A-Za-z0-9_-]");
    CP_TYPE_4 = compile("CP-TYPE-4", "version: 1–9 of [A-Za-z0-9_-]");
    CP_TYPE_5 = compile("CP-TYPE-5", "provider legal for its owner and category (warning for unknown types)");
    CP_CONF_1 = compile("CP-CONF-1", "configuration keys 1–50 characters, values 1–1000");
    CP_CONF_3 = compile("CP-CONF-3", "required configuration keys per provider; repository ids as owner/name");
    CP_CONF_4 = compile("CP-CONF-4", "CloudFormation modes get their template path and change set name");
    CP_CONF_5 = compile("CP-CONF-5", "CloudFormation parameter overrides: a JSON object of at most 1 KB");
    CP_CONF_6 = compile("CP-CONF-6", "role ARNs in configuration are IAM role ARNs");
    CP_SEC_1 = compile("CP-SEC-1", "no literal secrets in configuration (use {{resolve:secretsmanager:…}})"),
        advice: "CloudFormation stores a literal secret as written; anyone who can read the template or the pipeline reads it";
    CP_SEC_4 = compile("CP-SEC-4", "warn on the GitHub version 1 (OAuth token) source");
    CP_V2_3 = compile("CP-V2-3", "QUEUED and PARALLEL execution modes need V2");
    CP_V2_4 = compile("CP-V2-4", "triggers need V2");
    CP_V2_5 = compile("CP-V2-5", "pipeline variables need V2");
    CP_V2_7 = compile("CP-V2-7", "the action types only V2 pipelines run (Commands, ECRBuildAndPublish, Lambda deploy) need V2");
    CP_TRIG_1 = compile("CP-TRIG-1", "at most 50 triggers");
    CP_TRIG_3 = compile("CP-TRIG-3", "a trigger names a connection source action of the first stage");
    CP_TRIG_4 = compile("CP-TRIG-4", "at most one trigger per source action");
    CP_TRIG_5 = compile("CP-TRIG-5", "at most 3 push and 3 pull-request filters per trigger");
    CP_TRIG_6 = compile("CP-TRIG-6", "filter pattern lists: 1–8 patterns of 1–255 characters");
    CP_TRIG_7 = compile("CP-TRIG-7", "pull-request events listed at most once each");
    CP_TRIG_8 = compile("CP-TRIG-8", "a pull-request filter names branches"),
        advice: "the API's GitPullRequestFilter makes branches optional; vsm, like the CDK, asks a filter to say which branches it watches";
    CP_TRIG_9 = compile("CP-TRIG-9", "empty lists are omitted from the template");
    CP_TRIG_12 = compile("CP-TRIG-12", "a filter pattern list holds each pattern once");
    CP_VAR_1 = compile("CP-VAR-1", "at most 50 pipeline variables");
    CP_VAR_2 = compile("CP-VAR-2", "variable default value 1–1000 characters");
    CP_VAR_3 = compile("CP-VAR-3", "variable description at most 200 characters");
    CP_QUOTA_1 = compile("CP-QUOTA-1", "at most 50 stages");
    CP_QUOTA_2 = compile("CP-QUOTA-2", "at most 50 actions per stage");
    CP_QUOTA_3 = compile("CP-QUOTA-3", "at most 50 parallel actions at one run order");
    CP_QUOTA_4 = compile("CP-QUOTA-4", "at most 50 sequential run orders per stage");
    CP_QUOTA_5 = compile("CP-QUOTA-5", "at most 500 actions per pipeline");
    CP_QUOTA_7 = compile("CP-QUOTA-7", "approval timeout 5 minutes to 60 days, in whole minutes");
    CP_QUOTA_8 = compile("CP-QUOTA-8", "at most 50 tags");
    CFN_TPL_1 = compile("CFN-TPL-1", "parameter names and logical ids are 1–255 ASCII letters and digits");
    CFN_TPL_2 = emission("CFN-TPL-2", "logical ids unique when merging into an existing template");
    CFN_TPL_3 = emission("CFN-TPL-3", "at most 500 resources");
    CFN_TPL_4 = emission("CFN-TPL-4", "at most 200 parameters");
    CFN_TPL_5 = emission("CFN-TPL-5", "at most 200 outputs");
    CFN_TPL_7 = emission("CFN-TPL-7", "template body: warning above 51,200 bytes (S3 upload needed), error above 1 MB");
    CFN_TPL_6 = compile("CFN-TPL-6", "declared mappings: at most 200, each with 1–200 top-level keys mapping second-level keys to literal values");
    CFN_TPL_10 = compile("CFN-TPL-10", "every Ref, GetAtt, Sub variable, Condition, Fn::If and FindInMap names a parameter, resource, condition or mapping that exists");
    CFN_TPL_14 = compile("CFN-TPL-14", "a template parameter the stream names is not the logical id of a resource the template creates");
    CFN_TPL_15 = compile("CFN-TPL-15", "one template parameter name takes one kind of value (a connection ARN or a role ARN)");
    CFN_TPL_16 = compile("CFN-TPL-16", "a declared condition is a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition) that names no condition in a cycle");
    CFN_TPL_17 = compile("CFN-TPL-17", "a parameter that feeds a checked value keeps to the value's rule: its bounds leave a value the rule accepts, its default and allowed values pass the rule (the rule becomes the parameter's constraints)");
    CFN_TPL_18 = compile("CFN-TPL-18", "every parameter, condition and mapping the stream declares is used");
    CFN_TPL_19 = compile("CFN-TPL-19", "declared parameters: unique names, a known Type, Default and AllowedValues within 4,096 bytes and the parameter's own bounds, Description within 4,000 characters");
    LMB_1 = emission("LMB-1", "emitted functions' runtimes can still be created (dated table, at emission)");
    LMB_2 = emission("LMB-2", "emitted functions' runtimes can still be updated (dated table, at emission)");
    LMB_3 = emission("LMB-3", "warn when an emitted function's runtime is deprecated (dated table, at emission)");
    LMB_4 = emission("LMB-4", "inline function code uses a python or nodejs runtime");
    VSM_ANN_1 = compile("VSM-ANN-1", "%C&A annotations within 0–100");
    CP_TYPE_8 = compile("CP-TYPE-8", "an action role only on AWS-owned actions");
    CP_XREG_1 = compile("CP-XREG-1", "Regions (of actions, the pipeline and artifact stores) are Region codes of 4–30 characters");
    CP_XREG_2 = compile("CP-XREG-2", "source actions and actions not owned by AWS run in the pipeline's Region");
    CP_XREG_3 = compile("CP-XREG-3", "one artifact store per Region, and one for every Region an action runs in: given, or created by that Region's template");
    CP_XREG_4 = compile("CP-XREG-4", "an action in another account uses artifact stores encrypted with a KMS key it can be granted");
    CP_XREG_5 = compile("CP-XREG-5", "an action in another account with the role vsm creates there needs the pipeline's account and Region; in another Region without a given store, the pipeline's Region; either, a literal pipeline name");
    VSM_XACCT_1 = compile("VSM-XACCT-1", "accounts are 12 digits; an action's or a condition rule's role is an IAM role ARN in its account");
    VSM_REACH_1 = compile("VSM-REACH-1", "an action runs in another account or Region only if its kind can (its resources are in the pipeline's template)");
    VSM_WHEN_1 = compile("VSM-WHEN-1", "a stage or an action under template conditions is present in some case they allow: no condition in both `when` and `unless` (its stage's included), none that exclude each other");
    VSM_PROP_1 = compile("VSM-PROP-1", "properties that exclude each other are not both set (`role_arn`/`role_parameter`, `buildspec`/`buildspec_inline`)");
}

// Rules about templates as written, which the template reader and `vsm lint` report (a
// stream cannot break them).
rules! {
    pub TEMPLATE:
    CP_TYPE_1 = compile("CP-TYPE-1", "action owner: AWS, ThirdParty or Custom");
    CP_TYPE_2 = compile("CP-TYPE-2", "action category: Source, Build, Test, Deploy, Invoke, Approval or Compute");
    CFN_TPL_11 = compile("CFN-TPL-11", "every DependsOn target is a resource of the template");
}
