//! The catalogue ids the rules enforce, with one line each (`docs/rules.md` is generated from
//! this table by a test).

/// One enforced catalogue rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Catalogue id.
    pub id: &'static str,
    /// When it can run: `C` (from literals, so also in the `stream!` macro) or `B` (needs the
    /// emitted template or today's date).
    pub when: char,
    /// What it checks.
    pub summary: &'static str,
}

/// A rule of the catalogue.
pub const fn r(id: &'static str, when: char, summary: &'static str) -> RuleInfo {
    RuleInfo { id, when, summary }
}

/// Every enforced rule, in catalogue order: these and the kinds' own ([`enforced`]).
pub const ENFORCED: &[RuleInfo] = &[
    r("CP-NAME-1", 'C', "pipeline name: 1–100 of [A-Za-z0-9.@_-]"),
    r("CP-NAME-2", 'C', "stage names: 1–100 of [A-Za-z0-9.@_-]"),
    r("CP-NAME-3", 'C', "action names: 1–100 of [A-Za-z0-9.@_-]"),
    r("CP-NAME-4", 'C', "artifact names: 1–100 of [A-Za-z0-9_-]"),
    r("CP-NAME-5", 'C', "namespaces: 1–100 of [A-Za-z0-9@_-]"),
    r(
        "CP-NAME-6",
        'C',
        "pipeline variable names: 1–128 of [A-Za-z0-9@_-]",
    ),
    r("CP-NAME-9", 'C', "stage names unique"),
    r("CP-NAME-10", 'C', "action names unique within a stage"),
    r(
        "CP-NAME-11",
        'C',
        "output artifact names unique across the pipeline",
    ),
    r(
        "CP-NAME-12",
        'C',
        "namespaces unique and distinct from artifact names",
    ),
    r(
        "CP-NAME-13",
        'C',
        "`codepipeline` and `variables` are reserved namespaces",
    ),
    r("CP-NAME-14", 'C', "pipeline variable names unique"),
    r(
        "CP-NAME-16",
        'C',
        "tag keys 1–128 characters and unique, values at most 256",
    ),
    r("CP-STRUCT-5", 'C', "at least two stages"),
    r("CP-STRUCT-6", 'C', "at least one action per stage"),
    r(
        "CP-STRUCT-7",
        'C',
        "the first stage holds only source actions",
    ),
    r("CP-STRUCT-8", 'C', "source actions only in the first stage"),
    r(
        "CP-STRUCT-12",
        'B',
        "an existing pipeline role given to the emitter is an IAM role ARN",
    ),
    r(
        "CP-STRUCT-13",
        'B',
        "an existing artifact bucket given to the emitter is a bucket name",
    ),
    r(
        "CP-STRUCT-14",
        'B',
        "an existing KMS key given to the emitter is a key ARN",
    ),
    r("CP-ORDER-1", 'C', "run order 1–999"),
    r(
        "CP-ORDER-3",
        'C',
        "an input is produced strictly earlier (earlier stage, or lower run order)",
    ),
    r("CP-ORDER-4", 'C', "every input is produced by some action"),
    r(
        "CP-ORDER-5",
        'C',
        "`#{ns.key}` reads a namespace set strictly earlier; `#{variables.x}` a declared variable",
    ),
    r("CP-ART-1", 'C', "no artifact listed twice in one action"),
    r(
        "CP-ART-2",
        'C',
        "input/output artifact counts fit the action type (matrix CP-TYPE-M-01…30)",
    ),
    r(
        "CP-ART-4",
        'C',
        "a full-clone connection output is read only by CodeBuild",
    ),
    r(
        "CP-ART-5",
        'C',
        "CodeBuild with several inputs names a primary source among them",
    ),
    r(
        "CP-ART-6",
        'C',
        "a CloudFormation template path is `Artifact::path` (the artifact becomes an input)",
    ),
    r("CP-TYPE-3", 'C', "provider: 1–35 of [A-Za-z0-9_-]"),
    r("CP-TYPE-4", 'C', "version: 1–9 of [A-Za-z0-9_-]"),
    r(
        "CP-TYPE-5",
        'C',
        "provider legal for its owner and category (warning for unknown types)",
    ),
    r(
        "CP-CONF-1",
        'C',
        "configuration keys 1–50 characters, values 1–1000",
    ),
    r(
        "CP-CONF-3",
        'C',
        "required configuration keys per provider; repository ids as owner/name",
    ),
    r(
        "CP-CONF-4",
        'C',
        "CloudFormation modes get their template path and change set name",
    ),
    r(
        "CP-CONF-5",
        'C',
        "CloudFormation parameter overrides: a JSON object of at most 1 KB",
    ),
    r(
        "CP-CONF-6",
        'C',
        "role ARNs in configuration are IAM role ARNs",
    ),
    r(
        "CP-SEC-1",
        'C',
        "no literal secrets in configuration (use {{resolve:secretsmanager:…}})",
    ),
    r(
        "CP-SEC-4",
        'C',
        "warn on the GitHub version 1 (OAuth token) source",
    ),
    r(
        "CP-V2-3",
        'C',
        "QUEUED and PARALLEL execution modes need V2",
    ),
    r("CP-V2-4", 'C', "triggers need V2"),
    r("CP-V2-5", 'C', "pipeline variables need V2"),
    r(
        "CP-V2-7",
        'C',
        "Commands and ECRBuildAndPublish actions need V2",
    ),
    r("CP-TRIG-1", 'C', "at most 50 triggers"),
    r(
        "CP-TRIG-3",
        'C',
        "a trigger names a connection source action of the first stage",
    ),
    r("CP-TRIG-4", 'C', "at most one trigger per source action"),
    r(
        "CP-TRIG-5",
        'C',
        "at most 3 push and 3 pull-request filters per trigger",
    ),
    r(
        "CP-TRIG-6",
        'C',
        "filter pattern lists: 1–8 patterns of 1–255 characters",
    ),
    r(
        "CP-TRIG-7",
        'C',
        "pull-request events listed at most once each",
    ),
    r("CP-TRIG-8", 'C', "a pull-request filter names branches"),
    r(
        "CP-TRIG-9",
        'C',
        "empty lists are omitted from the template",
    ),
    r(
        "CP-TRIG-12",
        'C',
        "a filter pattern list holds each pattern once",
    ),
    r("CP-VAR-1", 'C', "at most 50 pipeline variables"),
    r("CP-VAR-2", 'C', "variable default value 1–1000 characters"),
    r(
        "CP-VAR-3",
        'C',
        "variable description at most 200 characters",
    ),
    r("CP-QUOTA-1", 'C', "at most 50 stages"),
    r("CP-QUOTA-2", 'C', "at most 50 actions per stage"),
    r(
        "CP-QUOTA-3",
        'C',
        "at most 50 parallel actions at one run order",
    ),
    r(
        "CP-QUOTA-4",
        'C',
        "at most 50 sequential run orders per stage",
    ),
    r("CP-QUOTA-5", 'C', "at most 500 actions per pipeline"),
    r(
        "CP-QUOTA-7",
        'C',
        "approval timeout 5 minutes to 60 days, in whole minutes",
    ),
    r("CP-QUOTA-8", 'C', "at most 50 tags"),
    r(
        "CFN-TPL-1",
        'C',
        "parameter names and logical ids are 1–255 ASCII letters and digits",
    ),
    r(
        "CFN-TPL-2",
        'B',
        "logical ids unique when merging into an existing template",
    ),
    r("CFN-TPL-3", 'B', "at most 500 resources"),
    r("CFN-TPL-4", 'B', "at most 200 parameters"),
    r("CFN-TPL-5", 'B', "at most 200 outputs"),
    r(
        "CFN-TPL-7",
        'B',
        "template body: warning above 51,200 bytes (S3 upload needed), error above 1 MB",
    ),
    r(
        "CFN-TPL-14",
        'C',
        "a template parameter the stream names is not the logical id of a resource the template creates",
    ),
    r(
        "CFN-TPL-15",
        'C',
        "one template parameter name takes one kind of value (a connection ARN or a role ARN)",
    ),
    r(
        "LMB-1",
        'B',
        "emitted functions' runtimes can still be created (dated table, at emission)",
    ),
    r(
        "LMB-2",
        'B',
        "emitted functions' runtimes can still be updated (dated table, at emission)",
    ),
    r(
        "LMB-3",
        'B',
        "warn when an emitted function's runtime is deprecated (dated table, at emission)",
    ),
    r(
        "LMB-4",
        'B',
        "inline function code uses a python or nodejs runtime",
    ),
    r("VSM-ANN-1", 'C', "%C&A annotations within 0–100"),
    r(
        "VSM-PROP-1",
        'C',
        "properties that exclude each other are not both set (`role_arn`/`role_parameter`, `buildspec`/`buildspec_inline`)",
    ),
];

/// Every enforced rule: [`ENFORCED`], then each kind's own rules (`Kind::RULES`) not listed
/// there, in registration order.
pub fn enforced() -> Vec<RuleInfo> {
    let mut out = ENFORCED.to_vec();
    for k in crate::kinds::KINDS {
        for r in k.rules {
            if !out.iter().any(|o| o.id == r.id) {
                out.push(*r);
            }
        }
    }
    out
}
