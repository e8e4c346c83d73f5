//! `stream!`: a value stream written as a compact block that the compiler checks.
//!
//! Use it through the `vsm` crate (`use vsm::stream;`). The macro reads the stream, lowers it
//! to the `vsm` model and runs the very same CodePipeline rules as the builder's `build()`
//! (`vsm::rules`), at compile time. Every mistake becomes a compile error on the token it is
//! about, with the rule id, all of them in one build. A stream that compiles evaluates to a
//! `vsm::ValueStream`, not a `Result`: it was proven valid.
//!
//! # A complete example
//!
//! ```
//! use vsm::stream;
//!
//! let stream = stream! {
//!     // The pipeline's name, then its settings (all optional).
//!     pipeline "checkout-service" {
//!         type: V2,                                   // V1 | V2 (default V2)
//!         execution_mode: QUEUED,                     // SUPERSEDED | QUEUED | PARALLEL
//!         variable: Env = "prod",                     // name = default
//!         variable: Color { default: "blue", description: "the colour to deploy" },
//!         tag: team = "payments",
//!         tag: "cost-center" = "42",
//!         trigger: App {                              // the connection source it watches
//!             push: { branches: ["main"], file_paths: ["src/**"] },
//!             pull_request: { events: [OPEN, UPDATED], branches: ["main"] },
//!         },
//!     }
//!
//!     // The source stage comes first and holds only source actions.
//!     source "Source" {
//!         connection "App" {
//!             provider: GitHub, repository: "acme/checkout-service", branch: "main",
//!             out: Src,
//!             wait: 4h, process: 30m,                 // value-stream annotations
//!         }
//!       | codecommit "Tools" { repository: "tools", branch: "main", out: Tools }
//!     }
//!
//!     // One line, one step: steps run one after the other.
//!     // `|` puts an action beside the one above it: they run in parallel.
//!     stage "Build" {
//!         codebuild "Compile" {
//!             in: [Src, Tools], primary_source: Src, out: App,
//!             buildspec: "ci/build.yml", namespace: BuildVars,
//!             process: 12m, wait: 3m, ca: 96%,
//!         }
//!         codebuild "UnitTests" { category: Test, in: Src, buildspec: "ci/unit.yml", ca: 94% }
//!       | codebuild "Lint"      { category: Test, in: Src, buildspec: "ci/lint.yml", ca: 99% }
//!       | mock "Docs"           { process: 2m }
//!     }
//!
//!     stage "Release" {
//!         approval "Go" {
//!             custom_data: "Release #{BuildVars.Version}?",
//!             timeout: 2d, wait: 18h, process: 15m, ca: 90%,
//!         }
//!         cloudformation "Production" {
//!             stack: "checkout-service-prod",
//!             template: "App::packaged.yaml",
//!             capabilities: [CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND],
//!             process: 8m, ca: 98%,
//!         }
//!         lambda "Announce" { function: "announce", user_parameters: "#{variables.Env}" }
//!     }
//! };
//!
//! assert_eq!(stream.stages.len(), 3);
//! assert_eq!(stream.stages[1].actions[1].run_order, 2); // UnitTests, Lint and Docs side by side
//! let template = stream.to_cloudformation().to_json_pretty();
//! # assert!(template.contains("checkout-service-prod"));
//! ```
//!
//! # Grammar
//!
//! ```text
//! stream   := pipeline stage*
//! pipeline := "pipeline" NAME ( "{" setting,* "}" )?
//! stage    := ( "source" | "stage" ) NAME "{" step* "}"
//! step     := action ( "|" action )*          -- one step; `|` = in parallel
//! action   := KIND NAME ( "{" property,* "}" )?
//! property := KEY ":" value
//! value    := STRING | WORD | NUMBER+ "%"? | "[" value,* "]" | "{" property,* "}"
//!           | NAME "=" value | NAME "{" property,* "}"
//! NAME     := STRING | WORD                   -- "Unit-Tests" or UnitTests
//! ```
//!
//! Steps are sequential, one per line by convention; an action written after `|` joins the
//! step above it, so parallel actions line up in a column, the way value-stream maps draw
//! them. Run orders are numbered from 1 in step order (`run_order: N` sets one explicitly).
//! Commas between properties are required; a trailing comma is fine.
//!
//! ## Values
//!
//! | written | meaning |
//! |---|---|
//! | `30m`, `4h`, `2d`, `90s`, `2d 4h`, `0`, `"1h 30m"` | a duration, read by `vsm::model::duration::parse` |
//! | `95%`, `97.5%` | a percentage (%C&A) |
//! | `Src`, `"my-artifact"` | a name: a word, or a string when it has characters a word cannot |
//! | `[Src, Tools]` | a list; one item may be written without brackets |
//! | `QUEUED`, `CreateUpdate`, `CREATE_UPDATE` | a choice; case and underscores do not matter |
//!
//! ## Pipeline settings
//!
//! | key | value | builder |
//! |---|---|---|
//! | `type` | `V1` \| `V2` | `.pipeline_type(..)` |
//! | `execution_mode` | `SUPERSEDED` \| `QUEUED` \| `PARALLEL` | `.execution_mode(..)` |
//! | `variable` (repeatable) | `Name`, `Name = "default"`, `Name { default: "..", description: ".." }` | `.variable(..)` |
//! | `tag` (repeatable) | `key = "value"` | `.tag(..)` |
//! | `trigger` (repeatable) | `Source { push: { .. }, pull_request: { .. } }`; push keys `branches`, `branches_excluded`, `tags`, `tags_excluded`, `file_paths`, `file_paths_excluded`; pull-request keys `events` (`OPEN`, `UPDATED`, `CLOSED`), `branches`, `branches_excluded`, `file_paths`, `file_paths_excluded` (each may repeat, 1–3 times) | `.trigger(..)` |
//!
//! ## Actions
//!
//! Every action takes `in` (inputs), `out` (outputs), `namespace`, `process`, `wait`, `ca`
//! and `run_order`. Besides those:
//!
//! | kind | properties (**required**) | builder |
//! |---|---|---|
//! | `connection` | **`provider`** (`GitHub`, `GitHubEnterprise`, `GitLab`, `Bitbucket`), **`repository`**, **`branch`**, `connection_parameter`, `full_clone: true` | `connection(..)` |
//! | `s3_source` | **`bucket`**, **`key`** | `s3_source(..)` |
//! | `codecommit` | **`repository`**, **`branch`** | `codecommit(..)` |
//! | `ecr` | **`repository`**, `tag` | `ecr(..)` |
//! | `mock` | — | `mock(..)` |
//! | `approval` | `custom_data`, `review_url`, `notify` (SNS topic ARN), `timeout` | `approval(..)` |
//! | `codebuild` | `category` (`Build`, `Test`), `buildspec` (path), `buildspec_inline` (text), `image`, `compute` (`Small`, `Medium`, `Large`), `primary_source` | `codebuild(..)` |
//! | `lambda` | **`function`**, `user_parameters` | `lambda(..)` |
//! | `cloudformation` | **`stack`**, `mode` (`CREATE_UPDATE`, `DELETE_ONLY`, `REPLACE_ON_FAILURE`, `CHANGE_SET_REPLACE`, `CHANGE_SET_EXECUTE`), `template: "Artifact::path"` (also makes `Artifact` an input, like the builder), `capabilities`, `role_arn` or `role_parameter`, `change_set`, `parameter_overrides` | `cloudformation(..)` |
//! | `custom` | **`category`**, **`owner`** (`AWS`, `ThirdParty`, `Custom`), **`provider`**, `version`, `config: { Key: "value", .. }`, `permission: { actions: [..], resources: [..] }` (repeatable) | `custom(..)` |
//!
//! # What is checked, and when
//!
//! At compile time, every rule the rule catalogue marks as decidable from literals (`when`
//! `C` in `vsm::rules::ENFORCED`), by the same functions the builder's `build()` runs. Each
//! error names its rule and points at its token; where the rule knows a related place (the
//! first definition of a duplicate, the producer of an artifact) the message says where it is:
//!
//! ```text
//! error: CP-NAME-10: action name "QA" is used twice in this stage
//!        = note: first defined here: line 12, column 22
//!        = help: give every action in a stage a distinct name (other stages may reuse it)
//!   --> src/main.rs:13:22
//!    |
//! 13 |           | approval "QA"
//!    |                      ^^^^
//! ```
//!
//! Two shape checks belong to the syntax itself, as in the typed builder: the `source` block
//! must come first (CP-STRUCT-7) and there is only one (CP-STRUCT-8). A misplaced source block
//! is reported once and then read where it belongs, so its artifacts do not cause more errors.
//!
//! Not at compile time:
//! - rules that depend on the day (the Lambda runtime lifecycle, `LMB-*`) or on the emitted
//!   template: they run when the stream is built (`ValueStream::from_proven` runs the rules
//!   again), and their findings are in `ValueStream::warnings()`;
//! - warnings (an unknown custom action type, the GitHub version 1 source): stable Rust gives
//!   a macro no way to print a warning, so they too are in `ValueStream::warnings()`;
//! - anything not written as a literal. The macro takes literals only; a name computed at run
//!   time (`format!`, a constant, configuration) needs the typed builder, whose `build()`
//!   runs the same rules at run time and returns every violation.
//!
//! When there is any error, the macro expands to the errors and a placeholder `ValueStream`,
//! so the code around it still type-checks and no follow-on errors appear.
//!
//! # Crates
//!
//! This crate is the proc-macro entry point only. The phases (`ast`, `lower`, `diag`,
//! `expand`, `fallback`) live in `vsm-macros-core`, an ordinary library, so that tests, the
//! fuzz harness and the benchmark can call `vsm_macros_core::expand` directly.

#![warn(missing_docs)]

extern crate proc_macro;

use proc_macro::TokenStream;

/// Writes a value stream that is checked at compile time; evaluates to a `vsm::ValueStream`.
///
/// See the [crate documentation](crate) for the grammar and a complete example.
#[proc_macro]
pub fn stream(input: TokenStream) -> TokenStream {
    vsm_macros_core::expand(input.into()).into()
}
