//! The command line: one call turns a stream binary into a tool.
//!
//! ```no_run
//! use vsm::ValueStream;
//! # fn my_stream() -> ValueStream { unimplemented!() }
//!
//! fn main() -> std::process::ExitCode {
//!     vsm::cli::run(my_stream())
//! }
//! ```
//!
//! The binary then answers `synth`, `validate`, `diff`, `render`, `report`, `measure`,
//! `forecast`, `lint`, `import` and, built with the `deploy` feature, `deploy`, `status`,
//! `list` and `destroy`; with no arguments it prints the template as pretty JSON. The
//! standalone `vsm` binary ([`main`](crate::cli::main)) offers the same subcommands on a
//! stream given as a JSON file (`--stream FILE`).
//!
//! Exit codes: 0 success; 1 when the answer is "no" (a stream or template that breaks rules,
//! templates that differ, a deployment that failed or was not confirmed); 2 when the command could
//! not run (bad arguments, unreadable or invalid input, AWS errors).

#[cfg(feature = "deploy")]
mod aws;
mod before_after;
mod forecast;
mod import;
mod input;
mod lint;
mod measure;
mod outputs;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::ValueStream;

/// Runs the command line of a stream binary on the process's arguments; see the
/// [module](self) documentation.
pub fn run(stream: ValueStream) -> ExitCode {
    Cli::new(stream).run()
}

/// The standalone `vsm` binary: the same subcommands on a stream read from `--stream FILE`.
pub fn main() -> ExitCode {
    execute(Source::File, std::env::args_os().collect(), &[])
}

/// A stream binary's command line, with options beyond [`run`].
///
/// ```no_run
/// # use vsm::ValueStream;
/// # fn current() -> ValueStream { unimplemented!() }
/// # fn future() -> ValueStream { unimplemented!() }
/// // `report` compares with the future state; no arguments means `report`.
/// let code = vsm::cli::Cli::new(current())
///     .future(future())
///     .default_args(["report"])
///     .run();
/// ```
#[derive(Debug, Clone)]
pub struct Cli {
    stream: ValueStream,
    future: Option<ValueStream>,
    default_args: Vec<OsString>,
    emit_options: crate::emit::EmitOptions,
}

impl Cli {
    /// The command line of `stream`.
    pub fn new(stream: ValueStream) -> Self {
        Self {
            stream,
            future: None,
            default_args: Vec::new(),
            emit_options: crate::emit::EmitOptions::default(),
        }
    }

    /// The options `synth`, `validate`, `diff` and `deploy` emit the template with (an existing
    /// bucket, key or role, a logical-id prefix, the day of the date-dependent rules). Without
    /// a day, they run on the day `SOURCE_DATE_EPOCH` names, or today.
    pub fn emit_options(mut self, options: crate::emit::EmitOptions) -> Self {
        self.emit_options = options;
        self
    }

    /// A future state: `report` compares the stream with it unless `--compare` names another.
    pub fn future(mut self, future: ValueStream) -> Self {
        self.future = Some(future);
        self
    }

    /// The arguments used when the binary is run with none (by default `synth`: the template
    /// as pretty JSON).
    pub fn default_args<I, T>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString>,
    {
        self.default_args = args.into_iter().map(Into::into).collect();
        self
    }

    /// Runs on the process's arguments.
    pub fn run(self) -> ExitCode {
        self.run_with(std::env::args_os())
    }

    /// Runs on the given arguments; the first is the program name.
    pub fn run_with<I, T>(self, args: I) -> ExitCode
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString>,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let defaults = self.default_args.clone();
        execute(Source::Embedded(Box::new(self)), args, &defaults)
    }
}

/// Where the stream comes from.
enum Source {
    /// Built into the binary.
    Embedded(Box<Cli>),
    /// Read from `--stream FILE`.
    File,
}

/// Why a command did not succeed: a message and an exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    /// One line (or, for rule violations, a list).
    pub message: String,
    /// 1: the answer is no; 2: could not run.
    pub code: u8,
}

impl Failure {
    /// The command could not run (exit code 2).
    pub fn trouble(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }

    /// The command ran and the answer is no (exit code 1).
    pub fn no(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub(crate) type Result<T, E = Failure> = std::result::Result<T, E>;

/// Options every subcommand takes.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct Global {
    /// AWS region (default: AWS_REGION, then the profile's region).
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// AWS profile from ~/.aws/config (default: AWS_PROFILE, then `default`).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Send AWS requests to this endpoint instead, such as a local moto or LocalStack server.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

/// A stream binary's arguments.
#[derive(Debug, Parser)]
#[command(
    about = "Value stream as a CodePipeline: synthesize, check, compare, draw, deploy, measure and forecast it",
    long_about = "Value stream as a CodePipeline: synthesize, check, compare, draw, deploy, measure and \
                  forecast it.\n\n\
                  With no subcommand, prints the CloudFormation template as pretty JSON."
)]
struct EmbeddedArgs {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The standalone binary's arguments.
#[derive(Debug, Parser)]
#[command(
    name = "vsm",
    version,
    about = "Value stream maps as CodePipelines: synthesize, check, compare, draw, deploy, measure and forecast a stream given as JSON",
    long_about = "Value stream maps as CodePipelines: synthesize, check, compare, draw, deploy, measure \
                  and forecast \
                  a stream given in its JSON form (docs/json-form.md), or compare two templates."
)]
struct StandaloneArgs {
    /// The stream in its JSON form (docs/json-form.md).
    #[arg(long, global = true, value_name = "FILE")]
    stream: Option<PathBuf>,
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print the CloudFormation template (JSON or YAML).
    Synth(SynthArgs),
    /// Check the stream and its template: every rule violation and template-size warning.
    Validate,
    /// Compare a template with this stream's (or two template files): stages, actions, resources.
    Diff(DiffArgs),
    /// Draw the value stream map: Mermaid, Graphviz DOT, SVG or an HTML page.
    Render(RenderArgs),
    /// Value-stream figures: lead time, flow efficiency, %C&A, the constraint.
    Report(ReportArgs),
    /// Create or update the stack through a change set, after showing it.
    Deploy(DeployArgs),
    /// A stack's status, outputs and latest events.
    Status(StackArgs),
    /// Stacks deployed by vsm (found by their `vsm:stream` tag).
    List,
    /// Delete a stack deployed by vsm (the artifact bucket and key are retained).
    Destroy(DestroyArgs),
    /// Measure the real value stream from the pipeline's execution history: the four key
    /// metrics, each step's process and wait time and first-pass yield, beside the model.
    Measure(measure::MeasureArgs),
    /// Forecast lead time and deployments per week by Monte Carlo simulation from the
    /// measured distributions, for the stream and a future state; --backtest checks it.
    Forecast(forecast::ForecastArgs),
    /// Check CloudFormation templates (JSON or YAML): findings as text, JSON or SARIF.
    Lint(lint::LintArgs),
    /// Turn a pipeline (a template, a mu.yml or, with `deploy`, a deployed one) into a stream:
    /// `stream!` source, builder code or the JSON form.
    Import(import::ImportArgs),
}

impl Command {
    /// The subcommand's name.
    fn name(&self) -> &'static str {
        match self {
            Self::Synth(_) => "synth",
            Self::Validate => "validate",
            Self::Diff(_) => "diff",
            Self::Render(_) => "render",
            Self::Report(_) => "report",
            Self::Deploy(_) => "deploy",
            Self::Status(_) => "status",
            Self::List => "list",
            Self::Destroy(_) => "destroy",
            Self::Measure(_) => "measure",
            Self::Forecast(_) => "forecast",
            Self::Lint(_) => "lint",
            Self::Import(_) => "import",
        }
    }
}

/// Template formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum TemplateFormat {
    /// JSON (pretty unless --compact).
    #[default]
    Json,
    /// YAML, intrinsic functions in their long form.
    Yaml,
}

/// `synth` options.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct SynthArgs {
    /// Write the template to FILE instead of standard output (with --all: into directory
    /// FILE).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Every template the pipeline needs: the templates of the other accounts and Regions its
    /// actions run in, the pipeline's, and manifest.json with the order to deploy them in;
    /// written into the directory given with -o.
    #[arg(long, requires = "output")]
    pub all: bool,
    /// Template format.
    #[arg(long, value_enum, default_value_t)]
    pub format: TemplateFormat,
    /// Compact JSON: the smallest body to deploy.
    #[arg(long)]
    pub compact: bool,
}

/// Diff output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum DiffFormat {
    /// Plain text for a terminal.
    #[default]
    Text,
    /// Markdown for a pull-request comment.
    Markdown,
}

/// `diff` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct DiffArgs {
    /// The old template (JSON or YAML).
    #[arg(value_name = "OLD_TEMPLATE")]
    pub old: PathBuf,
    /// The new template; by default the stream's own.
    #[arg(value_name = "NEW_TEMPLATE")]
    pub new: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiffFormat,
}

/// Picture formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum PictureFormat {
    /// Mermaid flowchart (renders in GitHub Markdown).
    #[default]
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// Standalone SVG value stream map.
    Svg,
    /// One self-contained HTML page: the map to pan, zoom and explore, its figures and steps.
    Html,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Text for a terminal.
    #[default]
    Text,
    /// JSON for tools (the same as --json).
    Json,
    /// One self-contained HTML page: the map (current and future with --compare) and figures.
    Html,
}

/// `render` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct RenderArgs {
    /// Picture format.
    #[arg(long, value_enum, default_value_t)]
    pub format: PictureFormat,
    /// Write the picture to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `report` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct ReportArgs {
    /// JSON instead of text.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// Compare with a future-state stream (JSON form).
    #[arg(long, value_name = "FUTURE.json")]
    pub compare: Option<PathBuf>,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `deploy` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct DeployArgs {
    /// Stack name.
    #[arg(long, value_name = "NAME")]
    pub stack: String,
    /// Apply the change set without asking.
    #[arg(short, long)]
    pub yes: bool,
    /// Show the change set, then delete it without applying it.
    #[arg(long, conflicts_with = "yes")]
    pub preview: bool,
    /// A template parameter (repeatable); parameters not given keep their previous value on
    /// update.
    #[arg(long = "parameter", value_name = "KEY=VALUE", value_parser = parse_parameter)]
    pub parameters: Vec<(String, String)>,
    /// Upload the template to this S3 bucket first (needed above 51,200 bytes).
    #[arg(long, value_name = "BUCKET")]
    pub s3_bucket: Option<String>,
    /// Key prefix for the uploaded template.
    #[arg(
        long,
        value_name = "PREFIX",
        default_value = "vsm/",
        requires = "s3_bucket"
    )]
    pub s3_prefix: String,
    /// Deploy this template file instead of the stream's template.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Seconds between two looks at the stack while it changes.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub poll_interval: u64,
    /// The role to assume in each other account to deploy its template (the role AWS
    /// Organizations creates in member accounts unless set).
    #[arg(
        long,
        value_name = "NAME",
        default_value = "OrganizationAccountAccessRole"
    )]
    pub account_role: String,
    /// Deploy the templates of account ACCOUNT with this profile instead of assuming
    /// --account-role there (repeatable).
    #[arg(long = "account-profile", value_name = "ACCOUNT=PROFILE", value_parser = parse_parameter)]
    pub account_profiles: Vec<(String, String)>,
    /// Deploy the pipeline's template only, not those of the other accounts and Regions its
    /// actions run in (which otherwise deploy first).
    #[arg(long)]
    pub pipeline_only: bool,
}

/// A stack name.
#[derive(Debug, Clone, Args)]
pub(crate) struct StackArgs {
    /// Stack name.
    #[arg(long, value_name = "NAME")]
    pub stack: String,
}

/// `destroy` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct DestroyArgs {
    /// Stack name.
    #[arg(long, value_name = "NAME")]
    pub stack: String,
    /// Delete without asking.
    #[arg(short, long)]
    pub yes: bool,
    /// Delete even if the stack has no `vsm:stream` tag (it was not deployed by vsm).
    #[arg(long)]
    pub force: bool,
    /// Seconds between two looks at the stack while it is deleted.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub poll_interval: u64,
}

fn parse_parameter(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err(format!("{s:?} is not KEY=VALUE")),
    }
}

/// Examples for each subcommand's help: `me` runs the binary on its stream, `plain` without one.
fn examples(sub: &str, me: &str, plain: &str) -> String {
    let lines: &[(&str, &str)] = match sub {
        "synth" => &[
            ("synth > template.json", "the template as pretty JSON"),
            ("synth --format yaml -o template.yaml", "YAML, to a file"),
            ("synth --compact", "the smallest JSON body"),
        ],
        "validate" => &[("validate", "every violation; exit 1 on errors")],
        "diff" => &[
            ("diff old.json", "what deploying this stream changes"),
            (
                "diff old.json --format markdown",
                "the same, for a pull-request comment",
            ),
            ("diff old.json new.json", "two template files"),
        ],
        "render" => &[
            ("render", "Mermaid flowchart"),
            ("render --format svg -o map.svg", "SVG value stream map"),
            ("render --format dot | dot -Tpng > map.png", "Graphviz"),
            (
                "render --format html -o map.html",
                "one offline page: pan, zoom, step details",
            ),
        ],
        "report" => &[
            ("report", "lead time, flow efficiency, %C&A, constraint"),
            ("report --json", "the same as JSON"),
            (
                "report --compare future.json",
                "current versus future state",
            ),
            (
                "report --compare future.json --format html -o map.html",
                "both maps as layers of one page",
            ),
        ],
        "deploy" => &[
            (
                "deploy --stack my-pipeline --parameter ConnectionArn=arn:...",
                "show the change set, ask, apply",
            ),
            (
                "deploy --stack my-pipeline --yes",
                "apply without asking (CI)",
            ),
            (
                "deploy --stack my-pipeline --preview",
                "only show the change set",
            ),
            (
                "deploy --stack big --s3-bucket my-templates",
                "templates over 51,200 bytes",
            ),
        ],
        "status" => &[("status --stack my-pipeline", "status, outputs, events")],
        "list" => &[("list --region eu-west-1", "stacks deployed by vsm")],
        "destroy" => &[("destroy --stack my-pipeline", "asks first; --yes does not")],
        "measure" => measure::EXAMPLES,
        "forecast" => forecast::EXAMPLES,
        "lint" => &[
            ("lint template.yaml", "file:line:column: RULE message"),
            (
                "lint *.json --format sarif -o vsm.sarif",
                "SARIF for GitHub code scanning",
            ),
        ],
        "import" => &[
            ("import template.yaml > src/main.rs", "a stream! program"),
            ("import mu.yml --to builder", "builder code"),
            (
                "import template.json --resource Pipeline --to json",
                "the JSON form",
            ),
        ],
        _ => &[],
    };
    let mut out = String::from("Examples:\n");
    for (cmd, what) in lines {
        let needs_stream = !(cmd.starts_with("status")
            || cmd.starts_with("list")
            || cmd.starts_with("destroy")
            || cmd.starts_with("lint")
            || cmd.starts_with("import")
            || cmd.contains("new.json"));
        let run = if needs_stream { me } else { plain };
        out.push_str(&format!("  # {what}\n  {run} {cmd}\n"));
    }
    out
}

/// The name to show in examples: the program's file name.
fn program_name(args: &[OsString]) -> String {
    args.first()
        .map(PathBuf::from)
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "vsm".to_owned())
}

fn with_examples(mut cmd: clap::Command, me: &str, plain: &str) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let mut overview = String::from("Examples:\n");
    for name in &names {
        let ex = examples(name, me, plain);
        for line in ex.lines().skip(1).take(2) {
            overview.push_str(line);
            overview.push('\n');
        }
        cmd = cmd.mut_subcommand(name, |s| s.after_help(ex));
    }
    cmd.after_help(overview)
}

fn execute(source: Source, mut args: Vec<OsString>, defaults: &[OsString]) -> ExitCode {
    if args.len() <= 1 && !defaults.is_empty() {
        args.truncate(1);
        args.extend(defaults.iter().cloned());
    }
    let me = program_name(&args);
    let parsed = match &source {
        Source::Embedded(_) => {
            let cmd = with_examples(EmbeddedArgs::command().name(me.clone()), &me, &me);
            cmd.try_get_matches_from(&args)
                .and_then(|m| EmbeddedArgs::from_arg_matches(&m))
                .map(|a| (None, a.global, a.command))
        }
        Source::File => {
            let cmd = with_examples(
                StandaloneArgs::command(),
                &format!("{me} --stream stream.json"),
                &me,
            );
            cmd.try_get_matches_from(&args)
                .and_then(|m| StandaloneArgs::from_arg_matches(&m))
                .map(|a| (a.stream, a.global, Some(a.command)))
        }
    };
    let (stream_file, global, command) = match parsed {
        Ok(p) => p,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let command = command.unwrap_or(Command::Synth(SynthArgs::default()));
    let result = dispatch(source, stream_file, &global, command);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            outputs::flush_stdout();
            eprintln!("error: {failure}");
            ExitCode::from(failure.code)
        }
    }
}

/// The stream a command works on, read or built when first needed.
pub(crate) struct Streams {
    source: Source,
    file: Option<PathBuf>,
    command: &'static str,
}

impl Streams {
    /// The stream: the embedded one, or `--stream FILE` read and validated.
    pub fn stream(&self) -> Result<ValueStream> {
        match &self.source {
            Source::Embedded(cli) => Ok(cli.stream.clone()),
            Source::File => {
                let path = self.file.as_ref().ok_or_else(|| {
                    Failure::trouble(format!(
                        "`{}` needs a stream: pass --stream FILE (the JSON form, see docs/json-form.md)",
                        self.command
                    ))
                })?;
                input::read_stream(path)
            }
        }
    }

    /// The options the template is emitted with: the embedding's, on the day
    /// `SOURCE_DATE_EPOCH` names (seconds since 1970, as reproducible builds set it) unless
    /// they name one, or today.
    pub fn emit_options(&self) -> Result<crate::emit::EmitOptions> {
        let mut options = match &self.source {
            Source::Embedded(cli) => cli.emit_options.clone(),
            Source::File => crate::emit::EmitOptions::default(),
        };
        if options.today.is_none() {
            options.today = outputs::source_date()?;
        }
        Ok(options)
    }

    /// The embedded future state, if any.
    pub fn future(&self) -> Option<ValueStream> {
        match &self.source {
            Source::Embedded(cli) => cli.future.clone(),
            Source::File => None,
        }
    }
}

fn dispatch(
    source: Source,
    file: Option<PathBuf>,
    global: &Global,
    command: Command,
) -> Result<u8> {
    let streams = Streams {
        source,
        file,
        command: command.name(),
    };
    match command {
        Command::Synth(args) => outputs::synth(&streams, &args),
        Command::Validate => outputs::validate(&streams),
        Command::Diff(args) => outputs::diff(&streams, &args),
        Command::Render(args) => outputs::render(&streams.stream()?, &args),
        Command::Report(args) => outputs::report(&streams, &args),
        Command::Measure(args) => measure::run(&streams, global, &args),
        Command::Forecast(args) => forecast::run(&streams, &args),
        Command::Lint(args) => lint::lint(&args),
        Command::Import(args) => import::run(global, &args),
        #[cfg(feature = "deploy")]
        Command::Deploy(args) => aws::deploy(&streams, global, &args),
        #[cfg(feature = "deploy")]
        Command::Status(args) => aws::status(global, &args),
        #[cfg(feature = "deploy")]
        Command::List => aws::list(global),
        #[cfg(feature = "deploy")]
        Command::Destroy(args) => aws::destroy(global, &args),
        #[cfg(not(feature = "deploy"))]
        other @ (Command::Deploy(_) | Command::Status(_) | Command::List | Command::Destroy(_)) => {
            let _ = global;
            Err(Failure::trouble(format!(
                "`{}` needs the `deploy` feature: rebuild with `--features deploy` \
                 (cargo install value-stream-map --features deploy)",
                other.name()
            )))
        }
    }
}
