use std::path::PathBuf;

use clap::Args;
use hangar_core::lifetime::{Lifetime, LifetimeChoice, LifetimeError};
use hangar_store::OnFailure;

#[derive(Debug, Args)]
pub struct UpArgs {
    /// A built-in blueprint's name, or the path to a blueprint TOML file.
    pub blueprint: String,
    /// The environment's name: it tags every resource (`hangar:env`).
    #[arg(long)]
    pub name: String,
    /// Set a blueprint parameter (repeatable): `--set environment=prod`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// The profile whose credentials to use; without it, the default profile. Never the SDK's
    /// default chain (the shell's variables, ~/.aws): import those with `hangar profile import`.
    #[arg(long)]
    pub profile: Option<String>,
    /// What a failed provision does: keep what was made (retry with `hangar resume`) or roll
    /// back.
    #[arg(long, default_value = "keep", value_parser = on_failure)]
    pub on_failure: OnFailure,
    /// A users CSV to bake into the servers' user data.
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,
    /// The roles the users CSV may hold, comma-separated, in place of the blueprint's
    /// (`[users] roles`; admin, developer, viewer when it has none).
    #[arg(long, value_name = "A,B,C", requires = "users")]
    pub roles: Option<String>,
    /// How many resources may be created at once.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Create it even though its plan has warnings that need a yes (any warning in prod, a
    /// broad IAM policy anywhere); without it `up` lists them and creates nothing.
    #[arg(long)]
    pub accept_risk: bool,
    /// Tear it down by itself after this long (`8h`, `90m`, `2d`), or `never`: `hangar reap`
    /// and the app do it once the time has passed, and `hangar extend` gives it more. Without
    /// it, the profile's default lifetime (`profile add --default-lifetime`).
    #[arg(long, value_name = "LIFETIME", value_parser = lifetime_choice, default_value = "default")]
    pub expires_in: LifetimeChoice,
}

#[derive(Debug, Args)]
pub struct EnvArgs {
    pub env: String,
    /// Use this profile instead of the one the environment was created with.
    #[arg(long)]
    pub profile: Option<String>,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub env: EnvArgs,
    /// Go on although the plan has warnings that need a yes (see `up --accept-risk`).
    #[arg(long)]
    pub accept_risk: bool,
}

#[derive(Debug, Args)]
pub struct DownArgs {
    #[command(flatten)]
    pub env: EnvArgs,
    /// Confirms tearing down a prod environment without a prompt: repeat its name. Without it
    /// `down` asks for the name on a terminal, and refuses a prod environment elsewhere.
    #[arg(long, value_name = "ENV")]
    pub yes_destroy_prod: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    pub env: String,
    /// A job id (default: the newest job).
    #[arg(long)]
    pub job: Option<i64>,
    /// Keep printing new lines until the job ends.
    #[arg(long)]
    pub follow: bool,
}

fn on_failure(value: &str) -> Result<OnFailure, String> {
    value
        .parse()
        .map_err(|_| format!("'{value}' is not keep or rollback"))
}

#[derive(Debug, Args)]
pub struct ExtendArgs {
    pub env: String,
    /// How much longer it may live (`4h`, `90m`, `2d`), added to its expiry while that is
    /// ahead, else to now; or `never`.
    #[arg(value_parser = new_expiry)]
    pub by: NewExpiry,
}

#[derive(Debug, Args)]
pub struct HoursArgs {
    pub env: String,
    /// The days and hours it runs (`mon-fri 08:00-19:00`, `weekdays 7:30-18:00`,
    /// `mon,wed 09:00-17:00`), optionally followed by an IANA time zone; or `off`.
    #[arg(num_args = 1.., required = true)]
    pub hours: Vec<String>,
}

/// What `hangar extend` does to an expiry.
#[derive(Debug, Clone, Copy)]
pub enum NewExpiry {
    By(Lifetime),
    Never,
}

fn new_expiry(text: &str) -> Result<NewExpiry, String> {
    match text.trim() {
        "never" => Ok(NewExpiry::Never),
        other => other
            .parse()
            .map(NewExpiry::By)
            .map_err(|e: LifetimeError| e.to_string()),
    }
}

fn lifetime_choice(text: &str) -> Result<LifetimeChoice, String> {
    text.parse().map_err(|e: LifetimeError| e.to_string())
}

pub fn lifetime(text: &str) -> Result<Lifetime, String> {
    text.parse().map_err(|e: LifetimeError| e.to_string())
}

#[derive(Debug, Args)]
pub struct ReapArgs {
    /// Name what would be torn down, paused or woken, and do nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Judge office hours (and, with `--dry-run`, expiries) as at this instant (RFC 3339)
    /// instead of now: what tonight's run will do. Nothing is torn down before it expires.
    #[arg(long, conflicts_with = "install_timer")]
    pub at: Option<jiff::Timestamp>,
    /// Write and enable a systemd user timer that runs `hangar reap` every 15 minutes, for
    /// when the app is closed.
    #[arg(long, conflicts_with = "dry_run")]
    pub install_timer: bool,
}
