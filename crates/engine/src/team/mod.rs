//! Team mode around a job (`hangar_core::team`): before the job, the lease on the environment
//! in the account's state bucket, so no other machine runs one on it at the same time; while it
//! runs, the lease renewed and the environment's record rewritten, so a machine that adopts it
//! after a crash starts from what was made; after, the record as it ended and the lease freed.

mod record;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use hangar_core::team::{LEASE_TTL, Lease, StateLocation, renew_every};
use hangar_resources::team_state::{self, Taken};
use hangar_resources::{Clients, Ctx, ResourceError, caller_identity};
use hangar_store::{EnvironmentRecord, JobKind, Store};
use jiff::{SignedDuration, Timestamp};
use tokio::sync::Notify;

pub use record::{EnvironmentState, StateResource};

use crate::{EngineError, Event, Sink};

/// A job's hold on its environment in team mode; dropping it stops the renewals (the lease then
/// expires by itself).
pub(crate) struct TeamJob {
    clients: Clients,
    loc: StateLocation,
    env_uid: String,
    env_name: String,
    owner: String,
    holder: String,
    /// The lease a holder that stopped renewing left, broken to start this job.
    pub broke: Option<Lease>,
    lost: Arc<AtomicBool>,
    /// Rung when a resource changes, so the record follows the job, not only its renewals.
    changed: Arc<Notify>,
    renewal: tokio::task::JoinHandle<()>,
}

impl Drop for TeamJob {
    fn drop(&mut self) {
        self.renewal.abort();
    }
}

/// `HANGAR_LEASE_TTL` (seconds): a test knob, not a setting for users, so a test of a killed
/// holder need not wait two minutes. Unset or not a positive number: [`LEASE_TTL`].
fn lease_ttl() -> SignedDuration {
    std::env::var("HANGAR_LEASE_TTL")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|secs| *secs > 0)
        .map_or(LEASE_TTL, SignedDuration::from_secs)
}

/// This machine and process, as a lease names them.
pub(crate) fn this_host() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "an unnamed host".to_string());
    format!("{name} (pid {})", std::process::id())
}

impl TeamJob {
    /// Takes the lease for a `kind` job on `env`, or refuses with who holds it. `None` when the
    /// environment's profile is not in team mode.
    pub(crate) async fn begin(
        store: &Arc<Store>,
        env: &EnvironmentRecord,
        ctx: &Ctx,
        kind: JobKind,
    ) -> Result<Option<Self>, EngineError> {
        // A profile not in team mode costs no AWS call: its jobs make exactly the calls they
        // made before team mode existed.
        let Some(team) = store.team_state(&env.profile)? else {
            return Ok(None);
        };
        let (account, holder) = caller_identity(&ctx.clients).await.map_err(aws)?;
        let loc = team.location(&account, &ctx.region);
        let clients = ctx.clients.clone();
        let s3 = &clients.s3;
        team_state::ensure_bucket(s3, &loc, &ctx.region)
            .await
            .map_err(aws)?;
        let now = Timestamp::now();
        let ttl = lease_ttl();
        let lease = Lease::new(&holder, &this_host(), kind.as_str(), &env.name, now, ttl);
        let (etag, broke) = match team_state::take_lease(s3, &loc, &env.uid, &lease)
            .await
            .map_err(aws)?
        {
            Taken::Ours(etag) => (etag, None),
            Taken::Held(held, etag) if held.is_expired(now) => {
                // If-Match: of two machines breaking it at once, one wins.
                match team_state::replace_lease(s3, &loc, &env.uid, &lease, &etag)
                    .await
                    .map_err(aws)?
                {
                    Some(etag) => (etag, Some(held)),
                    None => return Err(held_by(env, &held)),
                }
            }
            Taken::Held(held, _) => return Err(held_by(env, &held)),
        };
        // The owner is whoever's job first wrote the record, kept by every later writer.
        let owner = team_state::get_record(s3, &loc, &env.uid)
            .await
            .map_err(aws)?
            .and_then(|body| EnvironmentState::parse(&body).ok())
            .map_or_else(|| holder.clone(), |state| state.owner);
        let lost = Arc::new(AtomicBool::new(false));
        let changed = Arc::new(Notify::new());
        let renewal = tokio::spawn(renew(
            clients.clone(),
            loc.clone(),
            env.uid.clone(),
            (lease, etag, ttl),
            Arc::clone(&lost),
            Arc::clone(&changed),
            RecordWriter {
                store: Arc::clone(store),
                env_name: env.name.clone(),
                owner: owner.clone(),
                holder: holder.clone(),
            },
        ));
        let job = Self {
            clients,
            loc,
            env_uid: env.uid.clone(),
            env_name: env.name.clone(),
            owner,
            holder,
            broke,
            lost,
            changed,
            renewal,
        };
        job.write_record(store).await?;
        Ok(Some(job))
    }

    /// `sink`, and a nudge to rewrite the record whenever a resource changes state.
    pub(crate) fn watching(&self, sink: Sink) -> Sink {
        let changed = Arc::clone(&self.changed);
        Arc::new(move |event: Event| {
            let touches = matches!(event, Event::Node { .. });
            sink(event);
            if touches {
                changed.notify_one();
            }
        })
    }

    async fn write_record(&self, store: &Store) -> Result<(), EngineError> {
        let state = EnvironmentState::of(store, &self.env_name, &self.owner, &self.holder)?;
        team_state::put_record(&self.clients.s3, &self.loc, &self.env_uid, state.to_json())
            .await
            .map_err(aws)
    }

    /// After the job: the record as it ended, then the lease freed. What fails here is for the
    /// job's log; the lease then expires by itself.
    pub(crate) async fn finish(self, store: &Store) -> Result<(), String> {
        self.renewal.abort();
        if self.lost.load(Ordering::SeqCst) {
            return Err(
                "the team lease could not be renewed and may have been taken by another machine; the environment's record was not updated"
                    .to_string(),
            );
        }
        self.write_record(store)
            .await
            .map_err(|e| format!("the environment's record in {}: {e}", self.loc.bucket))?;
        team_state::release_lease(&self.clients.s3, &self.loc, &self.env_uid)
            .await
            .map_err(|e| format!("the team lease was not released (it expires by itself): {e}"))
    }
}

struct RecordWriter {
    store: Arc<Store>,
    env_name: String,
    owner: String,
    holder: String,
}

/// The lease renewed every quarter of its life (If-Match, so a lease another machine broke is
/// never taken back), and the record rewritten from the history then and whenever a resource
/// changed.
async fn renew(
    clients: Clients,
    loc: StateLocation,
    env_uid: String,
    (mut lease, mut etag, ttl): (Lease, String, SignedDuration),
    lost: Arc<AtomicBool>,
    changed: Arc<Notify>,
    writer: RecordWriter,
) {
    let s3 = &clients.s3;
    let every = std::time::Duration::try_from(renew_every(ttl)).unwrap_or_default();
    let mut next_renewal = tokio::time::Instant::now() + every;
    loop {
        tokio::select! {
            () = tokio::time::sleep_until(next_renewal) => {
                next_renewal += every;
                lease = lease.renewed(Timestamp::now(), ttl);
                match team_state::replace_lease(s3, &loc, &env_uid, &lease, &etag).await {
                    Ok(Some(next)) => etag = next,
                    Ok(None) => {
                        lost.store(true, Ordering::SeqCst);
                        return;
                    }
                    // Tried again at the next tick; the lease outlives three failures.
                    Err(_) => continue,
                }
            }
            () = changed.notified() => {}
        }
        if let Ok(state) = EnvironmentState::of(
            &writer.store,
            &writer.env_name,
            &writer.owner,
            &writer.holder,
        ) {
            let _ = team_state::put_record(s3, &loc, &env_uid, state.to_json()).await;
        }
    }
}

fn held_by(env: &EnvironmentRecord, lease: &Lease) -> EngineError {
    EngineError::LeaseHeld {
        env: env.name.clone(),
        holder: lease.describe(),
        expires_at: lease.expires_at.to_string(),
    }
}

pub(crate) fn aws(err: ResourceError) -> EngineError {
    EngineError::Invalid(format!("team state: {err}"))
}
