use hangar_core::ValidationErrors;
use hangar_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("no environment named '{0}'")]
    UnknownEnvironment(String),
    #[error("{0}")]
    Invalid(String),
    #[error("the blueprint is not valid:\n{0}")]
    Blueprint(ValidationErrors),
    /// The credentials are for another account than the one the environment lives in.
    #[error(
        "environment '{env}' lives in AWS account {recorded}, but these credentials are for account {actual}; use a profile for account {recorded}"
    )]
    WrongAccount {
        env: String,
        recorded: String,
        actual: String,
    },
    /// The environment's name is live in the account under another history's id.
    #[error("{0}")]
    NameLive(String),
    #[error("another job is running on '{0}'; wait for it or stop it first")]
    Busy(String),
    /// Team mode: another machine holds the lease on the environment's jobs.
    #[error(
        "'{env}' is busy on another machine: {holder}; wait for it, or, if that machine stopped, the lease can be broken after it expires at {expires_at}"
    )]
    LeaseHeld {
        env: String,
        holder: String,
        expires_at: String,
    },
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("cannot use the lock directory {path}: {source}")]
    Lock {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// A users list that cannot fit an instance's user data; says how many users would.
    #[error("the users do not fit: {0}")]
    UsersTooLarge(hangar_core::users::BakeError),
    /// A prod teardown without the environment's name typed to confirm it (or with another
    /// name): refused before anything is sent to AWS.
    #[error(
        "'{env}' is a prod environment: its teardown keeps a final snapshot of each database \
         and its backup buckets, and needs the environment's name typed to confirm{}",
        match given { Some(g) => format!(" ('{g}' is not '{env}')"), None => String::new() }
    )]
    ConfirmationRequired { env: String, given: Option<String> },
    /// A create whose plan carries warnings that need the person's yes, without it: refused
    /// before anything is sent to AWS. Each warning names its blueprint path.
    #[error(
        "'{env}' needs the risk accepted before anything is created: {}",
        warnings.iter().map(|w| format!("{} ({})", w.message, w.path)).collect::<Vec<_>>().join("; ")
    )]
    RiskNotAccepted {
        env: String,
        warnings: Vec<hangar_core::PlanWarning>,
    },
    /// The account's quotas cannot hold what the plan would make: refused before any create.
    #[error("{}", .0.join("; "))]
    QuotaShortfall(Vec<String>),
    /// The environment's generated password could not be read or kept.
    #[error("the environment's password: {0}")]
    Keychain(#[from] hangar_keychain::KeychainError),
    /// The job ran and failed; the history holds the details.
    #[error("{0}")]
    Failed(String),
}
