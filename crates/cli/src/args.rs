use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hangar",
    version,
    about = "Stand up and tear down AWS environments from blueprints"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where the history database lives (default: the platform's data directory).
    #[arg(long, global = true, env = "HANGAR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print machine-readable JSON instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an environment from a blueprint and provision it.
    Up(Box<crate::env_args::UpArgs>),
    /// Tear an environment down, and prove nothing tagged with it is left.
    Down(crate::env_args::DownArgs),
    /// Continue an environment whose provisioning failed or was interrupted.
    Resume(crate::env_args::ResumeArgs),
    /// Hold the history against what AWS holds now: report resources gone from AWS (exit 1)
    /// and resources tagged with the environment that the history does not name.
    Refresh(crate::env_args::EnvArgs),
    /// Stop an environment's EC2 and RDS instances until `wake`. They keep their disks (which
    /// still bill, as NAT gateways and load balancers do); an instance without an Elastic IP
    /// comes back with a new public address.
    Pause(crate::env_args::EnvArgs),
    /// Start what `pause` stopped, and wait until it runs.
    Wake(crate::env_args::EnvArgs),
    /// List environments, with the time each has left; with --account, every environment
    /// the profile's account records in its team state bucket.
    List(crate::team::ListArgs),
    /// Bring an environment the account's team state bucket records into this history, so
    /// every job works on it here (`hangar list --account` shows what there is).
    Adopt(crate::team::AdoptArgs),
    /// Give an environment more time before it is torn down by itself, or `never`.
    Extend(crate::env_args::ExtendArgs),
    /// Set the hours an environment runs (`mon-fri 08:00-19:00`, in this machine's time zone
    /// unless one is named); outside them `reap` pauses it, and wakes it at the opening. `off`
    /// runs it always.
    Hours(crate::env_args::HoursArgs),
    /// Tear down every environment whose expiry has passed (prod ones are only named: their
    /// teardown needs a person), and pause or wake those whose office hours closed or opened.
    /// For a timer when the app is closed.
    Reap(crate::env_args::ReapArgs),
    /// An environment's resources (kind, logical name, AWS id, state) and outputs.
    Show { env: String },
    /// An environment's job log.
    Logs(crate::env_args::LogsArgs),
    /// The password Hangar generated for an environment's user data (a database password),
    /// read from the OS keychain. `up` prints it once; this shows it again.
    Secret { env: String },
    /// AWS profiles: credentials live in the OS keychain, the rest in the history.
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Blueprints: the built-ins and your own copies.
    Blueprint {
        #[command(subcommand)]
        command: crate::blueprint::BlueprintCommand,
    },
    /// Validate a blueprint with its parameters: the steps, the monthly cost, the outputs.
    Plan(crate::plan::PlanArgs),
    /// Users CSV: check a file, give an environment its users, export them.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Check every row of a users CSV. Exits 0 when every row is valid, 1 when some are not
    /// (each problem listed), 2 when the file cannot be read as a users CSV at all.
    Check {
        /// The CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or Latin-1; `,` `;` or tab.
        file: PathBuf,
        /// The allowed roles, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "admin,developer,viewer")]
        roles: Vec<String>,
    },
    /// Give an environment a new users list. Invalid rows are listed and nothing is recorded
    /// unless --accept-valid; prints the instances that must be replaced to take the list.
    Import {
        env: String,
        file: PathBuf,
        /// Keep the valid rows and leave the invalid ones out.
        #[arg(long)]
        accept_valid: bool,
        /// The roles the file may hold, comma-separated, in place of those of the
        /// environment's blueprint (`[users] roles`; admin, developer, viewer when it has none).
        #[arg(long, value_name = "A,B,C")]
        roles: Option<String>,
    },
    /// Write an environment's users as CSV, formula-like cells neutralised for spreadsheets.
    Export {
        env: String,
        /// The file to write (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List the profiles, the default first.
    List,
    /// Add a profile, or change one. The secret access key is never an argument: it is read
    /// from standard input (--secret-stdin) or asked for without echo.
    Add(Box<AddArgs>),
    /// Check a profile with STS GetCallerIdentity, walking its role chain.
    Test {
        name: String,
        /// The current code of the role's MFA device (asked for when needed and not given).
        #[arg(long, value_name = "CODE")]
        mfa_code: Option<String>,
    },
    /// Remove a profile and its keychain entry.
    Remove { name: String },
    /// Make a profile the default.
    Default { name: String },
    /// Team mode: keep the records of this profile's environments, and the lease that lets
    /// one machine at a time run a job on each, in an S3 bucket of its account
    /// (hangar-state-<account>-<region>, made on first use), so a team shares them.
    Team(crate::team::TeamArgs),
    /// Import profiles of ~/.aws/config and ~/.aws/credentials (AWS_CONFIG_FILE and
    /// AWS_SHARED_CREDENTIALS_FILE are honoured). Without names, lists what can be imported.
    Import {
        /// List the profiles found, import nothing.
        #[arg(long)]
        list: bool,
        names: Vec<String>,
    },
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("how").required(true).args(["access_key_id", "role_arn", "aws_profile"]))]
pub struct AddArgs {
    pub name: String,
    #[arg(long, value_name = "REGION")]
    pub region: String,
    /// Access keys: the key id; the secret comes from stdin or a prompt.
    #[arg(long, value_name = "ID")]
    pub access_key_id: Option<String>,
    /// Read the secret access key from the first line of standard input (and, with
    /// --session-token, a session token from the second).
    #[arg(long, requires = "access_key_id")]
    pub secret_stdin: bool,
    /// The keys come with a long-lived session token, read like the secret.
    #[arg(long, requires = "access_key_id")]
    pub session_token: bool,
    /// A role assumed through STS from --source-profile.
    #[arg(long, value_name = "ARN", requires = "source_profile")]
    pub role_arn: Option<String>,
    #[arg(long, value_name = "PROFILE", requires = "role_arn")]
    pub source_profile: Option<String>,
    #[arg(long, value_name = "ID", requires = "role_arn")]
    pub external_id: Option<String>,
    #[arg(long, value_name = "SERIAL", requires = "role_arn")]
    pub mfa_serial: Option<String>,
    /// Session length in seconds, 900 to 43200 (one hour at most for a role from a role).
    #[arg(long, value_name = "SECS", requires = "role_arn")]
    pub duration: Option<u32>,
    #[arg(long, value_name = "NAME", requires = "role_arn")]
    pub session_name: Option<String>,
    /// A profile of ~/.aws/config, used through the SDK's own chain (SSO included).
    #[arg(long, value_name = "NAME")]
    pub aws_profile: Option<String>,
    /// Another endpoint for every AWS call (the Sandbox, LocalStack).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// What environments made with this profile live unless `up --expires-in` says otherwise
    /// (`8h`, `2d`); without it they live until torn down.
    #[arg(long, value_name = "LIFETIME", value_parser = crate::env_args::lifetime)]
    pub default_lifetime: Option<hangar_core::lifetime::Lifetime>,
    /// Make it the default profile.
    #[arg(long)]
    pub default: bool,
}
