use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use hangar_engine::service::{FileGrants, StartingEmulator};
use hangar_engine::{Engine, MfaBroker, Service};
use hangar_ipc::{ApiError, ErrorCode, FirstPaint};
use hangar_keychain::Keychain;
use hangar_sandbox::{MotoServer, SANDBOX_REGION, SandboxError};
use hangar_store::{JobRecord, ProfileKind, ProfileRecord, Store, StoreError, resolve_data_dir};

use crate::launch::Options;

pub const SANDBOX_PROFILE: &str = "Sandbox";

/// What every command can reach. The emulator is behind a mutex because the thread that starts
/// it puts it there, and the app's exit takes it out to stop it.
pub struct AppState {
    /// The history, the engine's jobs over it, the keychain and the temporary AWS credentials
    /// (in memory only, shared by every command and job): the layer the CLI stands on too.
    pub service: Service,
    /// The jobs a killed process left running, found (and marked) at start; the UI offers
    /// Resume or Tear down for them.
    pub interrupted: Vec<JobRecord>,
    pub data_dir: PathBuf,
    /// The files the person picked in a dialog Rust opened or dropped on the window: the only
    /// ones the users import reads and the export writes.
    pub files: FileGrants,
    /// The MFA codes running jobs wait for, asked in the window.
    pub mfa: Arc<MfaBroker>,
    /// Rung when an environment is created or its expiry changes, so the reaper's timer
    /// looks again instead of sleeping past a new, nearer expiry.
    pub expiry_changed: tokio::sync::Notify,
    sandbox: Arc<Mutex<Option<MotoServer>>>,
    /// The Sandbox's emulator while it starts, beside the window; `None` when this user has
    /// no Sandbox profile.
    pub sandbox_starting: Option<Arc<StartingEmulator>>,
    /// When the shell's `main` began.
    pub started: Instant,
    /// The page's first interactive paint, once reported.
    pub first_paint: OnceLock<FirstPaint>,
}

impl AppState {
    /// `app` is filled in once the window exists; the MFA prompt emits its events through it.
    pub fn start(
        options: Options,
        started: Instant,
        app: Arc<OnceLock<tauri::AppHandle>>,
    ) -> Result<Self, StoreError> {
        let data_dir = resolve_data_dir(options.data_dir)?;
        let store = Arc::new(Store::open_in(&data_dir)?);
        let sandbox = Arc::new(Mutex::new(None));
        let sandbox_starting = start_sandbox_if_wanted(&store, &data_dir, sandbox.clone())?;
        let engine = Engine::new(store.clone(), &data_dir);
        let files = FileGrants::default();
        for path in &options.grant_read {
            files.grant_read(path);
        }
        let interrupted = engine.recover_interrupted().unwrap_or_else(|err| {
            eprintln!("hangar-app: cannot look for interrupted jobs: {err}");
            Vec::new()
        });
        let mfa = crate::commands::mfa_broker(app);
        Ok(Self {
            // The keychain is an error only when this build has no store for the platform,
            // which every command that needs a secret then reports.
            service: with_sandbox(
                Service::new(engine, Keychain::os()).with_mfa_prompt(mfa.clone()),
                sandbox_starting.as_ref(),
            ),
            mfa,
            interrupted,
            data_dir,
            files,
            expiry_changed: tokio::sync::Notify::new(),
            sandbox,
            sandbox_starting,
            started,
            first_paint: OnceLock::new(),
        })
    }

    /// Runs `work` on a thread meant for blocking (SQLite, the keychain's D-Bus calls,
    /// planning), never on the thread that serves the window.
    pub async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Service) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let service = self.service.clone();
        tauri::async_runtime::spawn_blocking(move || work(&service))
            .await
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::Internal,
                    format!("a background task stopped: {e}"),
                )
            })?
    }

    pub fn shutdown(&self) {
        let server = self
            .sandbox
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        drop(server);
    }
}

const SANDBOX_LIFETIME: &str = "8h";

fn with_sandbox(service: Service, starting: Option<&Arc<StartingEmulator>>) -> Service {
    match starting {
        Some(starting) => service.with_starting_sandbox(starting.clone()),
        None => service,
    }
}

/// A new user has no profile: give them the Sandbox so everything can be tried at once. A user
/// who kept the Sandbox profile gets the emulator again, on a new port. The emulator starts on
/// a thread of its own while the window opens; its profile is listed at once and gets its
/// endpoint when the emulator answers (jobs wait for that: `Service::await_sandbox`).
fn start_sandbox_if_wanted(
    store: &Arc<Store>,
    data_dir: &std::path::Path,
    slot: Arc<Mutex<Option<MotoServer>>>,
) -> Result<Option<Arc<StartingEmulator>>, StoreError> {
    let profiles = store.list_profiles()?;
    let existing = profiles.iter().find(|p| p.kind == ProfileKind::Sandbox);
    if !profiles.is_empty() && existing.is_none() {
        return Ok(None);
    }
    // Without an emulator to start, a new user is better served by the form for a profile of
    // their own than by a Sandbox that cannot run.
    if hangar_sandbox::find_moto_server().is_none() {
        eprintln!(
            "hangar-app: the Sandbox is unavailable: {}",
            SandboxError::NotInstalled
        );
        return Ok(None);
    }
    if existing.is_none() {
        let mut profile = ProfileRecord::new(SANDBOX_PROFILE, ProfileKind::Sandbox, SANDBOX_REGION);
        profile.is_default = true;
        // The suggested default for dev: the Sandbox's environments live 8 hours unless kept,
        // as a new profile's do in the form.
        profile.default_lifetime = Some(SANDBOX_LIFETIME.parse().expect("8h is a lifetime"));
        store.save_profile(&profile)?;
    }
    let starting = Arc::new(StartingEmulator::default());
    let (store, data_dir) = (store.clone(), data_dir.to_path_buf());
    let done = starting.clone();
    std::thread::spawn(move || {
        let outcome = match MotoServer::start_in(&data_dir) {
            Ok(server) => {
                let endpoint = server.endpoint();
                *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(server);
                Ok(endpoint)
            }
            Err(err) => {
                eprintln!("hangar-app: the Sandbox is unavailable: {err}");
                Err(err.to_string())
            }
        };
        // A failed start clears the endpoint: last run's port reaches no emulator, or another
        // program. Recorded before the waiters wake, so they read this run's.
        if let Err(err) = record_endpoint(&store, outcome.as_ref().ok().cloned()) {
            eprintln!("hangar-app: cannot record the Sandbox's endpoint: {err}");
        }
        done.finish(outcome);
    });
    Ok(Some(starting))
}

/// The Sandbox profile's endpoint, as this run's emulator has it; a person who removed the
/// profile meanwhile keeps it removed.
fn record_endpoint(store: &Store, endpoint: Option<String>) -> Result<(), StoreError> {
    let Some(mut profile) = store
        .list_profiles()?
        .into_iter()
        .find(|p| p.kind == ProfileKind::Sandbox)
    else {
        return Ok(());
    };
    profile.endpoint = endpoint;
    store.save_profile(&profile)
}
