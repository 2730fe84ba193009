//! The headless service both shells stand on: find a blueprint, build the SDK config of an
//! environment, create, list and run jobs on environments. The window's commands and the CLI's
//! subcommands are a few lines over it, so the two cannot drift apart (they did: four lookups
//! of a blueprint with different precedence, and only one of two SDK configs in the
//! environment's region).

mod blueprints;
mod credentials;
mod environments;
mod error;
mod expiry;
mod files;
mod jobs;
mod offerings;
mod office_hours;
mod password;
mod starting;
mod team;
mod users;

use std::sync::Arc;

use hangar_cloud::credentials::{MfaPrompt, SessionExpiry};
use hangar_cloud::{AwsFiles, CredentialsCache, Profiles};
use hangar_keychain::{Keychain, KeychainError};
use hangar_resources::ClientHooks;
use hangar_store::{EnvironmentRecord, Store};

use crate::Engine;

pub use blueprints::{BlueprintSource, Lookup, Origin, blueprint_or_given, resolve_blueprint};
pub use environments::{CreateEnvironment, EnvironmentListing, require_profile};
pub use error::ServiceError;
pub use expiry::{ReapOutcome, Reaped};
pub use files::{FileAccessError, FileGrants, read_capped, read_users_file, write_file};
pub use office_hours::{HoursKept, HoursOutcome};
pub use starting::StartingEmulator;
pub use team::{AccountEnvironment, AccountListing, TeamSettings, not_in_team_mode};
pub use users::users_policy;

/// The engine with the keychain and the in-memory credentials cache. Cheap to clone (all
/// shared), so blocking work can be moved to a thread of its own with [`Service::blocking`].
#[derive(Clone)]
pub struct Service {
    engine: Arc<Engine>,
    keychain: Arc<Result<Keychain, KeychainError>>,
    credentials: Arc<CredentialsCache>,
    /// Asked for a new code when a job's role needs MFA and its session has ended.
    mfa: Option<Arc<dyn MfaPrompt>>,
    /// The Sandbox's emulator while the app starts it: AWS calls wait for it.
    sandbox: Option<Arc<StartingEmulator>>,
}

impl Service {
    /// `keychain` is an error when this build has no store for the platform; only what needs
    /// a secret reports it.
    pub fn new(engine: Engine, keychain: Result<Keychain, KeychainError>) -> Self {
        let keychain = Arc::new(keychain);
        let credentials = Arc::new(CredentialsCache::new());
        // A session AWS calls expired mid-job is forgotten here and the call sent again, so
        // a job longer than its role's session goes on with a new one.
        let expiry = SessionExpiry::new(credentials.clone());
        let engine = engine.with_client_hooks(ClientHooks {
            interceptors: vec![expiry.interceptor()],
            retry_classifiers: vec![expiry.classifier()],
        });
        Self {
            engine: Arc::new(engine.with_keychain(keychain.clone())),
            keychain,
            credentials,
            mfa: None,
            sandbox: None,
        }
    }

    /// Whatever reaches AWS first waits for `sandbox` to be up (or known not to start): the
    /// Sandbox profile's endpoint is recorded only then.
    pub fn with_starting_sandbox(mut self, sandbox: Arc<StartingEmulator>) -> Self {
        self.sandbox = Some(sandbox);
        self
    }

    /// Blocks until the Sandbox's emulator, if the app is starting one, is up. Every profile
    /// waits, not only the Sandbox: a role may be assumed from it. Only the first seconds of
    /// the app can wait at all; a Sandbox that did not start is an error for its profile alone
    /// (its record has no endpoint), so here it is not one.
    pub fn await_sandbox(&self) {
        if let Some(sandbox) = &self.sandbox {
            let _ = sandbox.wait();
        }
    }

    /// Jobs ask `prompt` for an MFA code whenever their role must be assumed again.
    pub fn with_mfa_prompt(mut self, prompt: Arc<dyn MfaPrompt>) -> Self {
        self.mfa = Some(prompt);
        self
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn store(&self) -> &Arc<Store> {
        self.engine.store()
    }

    /// The profile operations over this history, keychain and credentials cache.
    pub fn profiles(&self) -> Result<Profiles<'_>, ServiceError> {
        let keychain = self.keychain.as_ref().as_ref().map_err(Clone::clone)?;
        Ok(Profiles {
            store: self.store(),
            keychain,
            cache: &self.credentials,
            aws_files: AwsFiles::from_env(),
        })
    }

    /// `name` in the history, or an error that names it.
    pub fn environment(&self, name: &str) -> Result<EnvironmentRecord, ServiceError> {
        self.store()
            .environment(name)?
            .ok_or_else(|| ServiceError::NotFound(format!("no environment named '{name}'")))
    }

    /// Finds a blueprint by name (see [`resolve_blueprint`]), the user's own copies included:
    /// the window's lookup, which never reads a file.
    pub fn blueprint(&self, arg: &str) -> Result<BlueprintSource, ServiceError> {
        resolve_blueprint(arg, Some(self.store()), Lookup::NamesOnly)
    }

    /// A blueprint by name, else the TOML file `arg` names: what a person types on the
    /// command line. The window never reads a file this way.
    pub fn blueprint_or_file(&self, arg: &str) -> Result<BlueprintSource, ServiceError> {
        resolve_blueprint(arg, Some(self.store()), Lookup::NamesOrFile)
    }

    /// The caller's own text for `name` (an unsaved edit) when it has one, else `name` found.
    pub fn blueprint_or_given(
        &self,
        name: &str,
        given: Option<String>,
    ) -> Result<BlueprintSource, ServiceError> {
        blueprint_or_given(name, given, Some(self.store()))
    }

    /// Runs `work` on a thread meant for blocking (SQLite, the keychain's D-Bus calls,
    /// planning), so an async caller's runtime threads stay free.
    pub async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Service) -> Result<T, ServiceError> + Send + 'static,
    ) -> Result<T, ServiceError> {
        let service = self.clone();
        tokio::task::spawn_blocking(move || work(&service))
            .await
            .map_err(|e| ServiceError::Internal(format!("a background task stopped: {e}")))?
    }
}
