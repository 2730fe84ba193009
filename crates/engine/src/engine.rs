use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aws_config::SdkConfig;
use hangar_core::graph::Stage;
use hangar_core::{Overrides, PlanFor, parse_blueprint, plan_in};
use hangar_keychain::{Keychain, KeychainError};
use hangar_resources::{ClientHooks, Clients, Ctx, Protection};
use hangar_store::{
    EnvironmentRecord, EnvironmentStatus, JobFailure, JobRecord, JobStatus, LogLevel,
    NewEnvironment, OnFailure, Store,
};

use crate::Consent;
use crate::drift;
use crate::names::valid_env_name;
use crate::recorder::Recorder;
use crate::{
    EngineError, EnvLock, Event, JobKind, Sink, env_password, identity, names, outputs, power,
    provision, refresh, team, teardown,
};

/// What creating an environment takes: a blueprint's text (a built-in's or the user's own),
/// the overrides, and the profile whose credentials will be used.
#[derive(Debug, Clone)]
pub struct NewEnvironmentRequest {
    pub name: String,
    pub blueprint_name: String,
    pub blueprint_source: String,
    pub overrides: BTreeMap<String, String>,
    pub profile: String,
    /// Keep (the default, as CloudFormation's "preserve successfully provisioned resources")
    /// or roll back.
    pub on_failure: OnFailure,
    /// When the reaper tears it down; `None` for never.
    pub expires_at: Option<jiff::Timestamp>,
}

pub struct Engine {
    pub(crate) store: Arc<Store>,
    pub(crate) locks_dir: PathBuf,
    pub(crate) concurrency: usize,
    /// On every client of a job, e.g. what replaces an expired session mid-job.
    pub(crate) hooks: ClientHooks,
    /// Where environments' generated passwords live; an error when this build has no store
    /// (only a blueprint that generates a password reports it).
    pub(crate) keychain: Arc<Result<Keychain, KeychainError>>,
}

impl Engine {
    pub fn new(store: Arc<Store>, data_dir: &Path) -> Self {
        Self {
            store,
            locks_dir: data_dir.join("locks"),
            concurrency: 8,
            hooks: ClientHooks::default(),
            keychain: Arc::new(Keychain::os()),
        }
    }

    /// Every job's clients carry `hooks` (the credentials' interceptors and retry rules).
    pub fn with_client_hooks(mut self, hooks: ClientHooks) -> Self {
        self.hooks = hooks;
        self
    }

    /// The keychain the [`crate::Service`] shares, instead of the OS's own by default.
    pub fn with_keychain(mut self, keychain: Arc<Result<Keychain, KeychainError>>) -> Self {
        self.keychain = keychain;
        self
    }

    pub(crate) fn keychain(&self) -> Result<&Keychain, EngineError> {
        self.keychain
            .as_ref()
            .as_ref()
            .map_err(|e| e.clone().into())
    }

    pub fn with_concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Validates the blueprint with its overrides and records the environment; nothing is
    /// sent to AWS yet.
    pub fn create_environment(
        &self,
        request: &NewEnvironmentRequest,
    ) -> Result<EnvironmentRecord, EngineError> {
        if !valid_env_name(&request.name) {
            return Err(EngineError::Invalid(format!(
                "'{}' is not a usable environment name: 1-32 lowercase letters, digits and hyphens, starting with a letter",
                request.name
            )));
        }
        let blueprint =
            parse_blueprint(&request.blueprint_source).map_err(EngineError::Blueprint)?;
        // The id is made first, so the plan checked here has the names AWS will get.
        let uid = hangar_store::new_environment_uid();
        let plan = plan_in(
            &blueprint,
            &Overrides(request.overrides.clone()),
            PlanFor::Environment(&uid),
        )
        .map_err(EngineError::Blueprint)?;
        if let Some(clash) = names::clash(&self.store, &plan, &request.profile)? {
            return Err(EngineError::Invalid(clash));
        }
        let parameters = serde_json::to_string(&request.overrides)
            .map_err(|e| EngineError::Invalid(e.to_string()))?;
        let env = self.store.create_environment_with_uid(
            &NewEnvironment {
                name: &request.name,
                blueprint: &request.blueprint_name,
                blueprint_source: &request.blueprint_source,
                parameters: &parameters,
                profile: &request.profile,
                region: &plan.region,
                on_failure: request.on_failure,
                expires_at: request.expires_at,
            },
            &uid,
        )?;
        // The list shows this estimate without planning every environment again.
        self.store
            .set_environment_monthly_cost(env.id, plan.cost.monthly_total)?;
        Ok(env)
    }

    /// Creates everything the environment's plan holds that does not exist yet. Run again
    /// after a failure or a crash, it adopts what exists (by tag) and continues.
    pub async fn provision(
        &self,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
    ) -> Result<JobRecord, EngineError> {
        self.run(env_name, sdk, sink, JobKind::Provision).await
    }

    /// Provisioning again after an interruption; recorded as its own kind of job.
    pub async fn resume(
        &self,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
    ) -> Result<JobRecord, EngineError> {
        self.run(env_name, sdk, sink, JobKind::Resume).await
    }

    /// Tears down an environment that is not prod; a prod one is refused (see
    /// [`Engine::teardown_confirmed`]).
    pub async fn teardown(
        &self,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
    ) -> Result<JobRecord, EngineError> {
        self.teardown_confirmed(env_name, sdk, sink, None).await
    }

    /// Tears down an environment. A prod one goes only when `confirm_name` is its name, typed
    /// by the user: only then is its databases' deletion protection turned off, and it keeps
    /// their final snapshots and its backup buckets. Without it nothing reaches AWS.
    pub async fn teardown_confirmed(
        &self,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
        confirm_name: Option<&str>,
    ) -> Result<JobRecord, EngineError> {
        let consent = Consent {
            destroy_name: confirm_name.map(str::to_string),
            ..Consent::default()
        };
        self.run_job(JobKind::Teardown, env_name, sdk, sink, &consent)
            .await
    }

    /// Holds the history against what AWS lists now: resources gone from AWS are marked
    /// `missing` and the environment `drifted` (a resume makes them again); resources tagged
    /// with the environment that the history does not name are reported.
    pub async fn refresh(
        &self,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
    ) -> Result<JobRecord, EngineError> {
        self.run(env_name, sdk, sink, JobKind::Refresh).await
    }

    async fn run(
        &self,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
        kind: JobKind,
    ) -> Result<JobRecord, EngineError> {
        self.run_job(kind, env_name, sdk, sink, &Consent::default())
            .await
    }

    /// Runs `kind` to its end with what the person said yes to: a prod teardown needs its
    /// name typed ([`Consent::destroy_name`]), and a create whose plan carries warnings that
    /// need consent ([`hangar_core::PlanWarningKind::needs_consent`]) needs
    /// [`Consent::accept_risk`]. A refusal happens before any job row or AWS call.
    pub async fn run_job(
        &self,
        kind: JobKind,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
        consent: &Consent,
    ) -> Result<JobRecord, EngineError> {
        let confirm_name = consent.destroy_name.as_deref();
        let env = self
            .store
            .environment(env_name)?
            .ok_or_else(|| EngineError::UnknownEnvironment(env_name.to_string()))?;
        let _lock = EnvLock::try_acquire(&self.locks_dir, env.id)?
            .ok_or_else(|| EngineError::Busy(env.name.clone()))?;
        let latest = self.store.jobs(env.id)?.first().map(|j| j.kind);
        power::check_allowed(kind, &env, latest)?;
        power::check_teardown_only(kind, &env)?;
        // The users go in before the job starts: a list that no longer fits fails here, before
        // any AWS call. Teardown needs no user data.
        let plan = match kind {
            JobKind::Provision | JobKind::Resume => crate::plan_with_users(&self.store, &env)?,
            JobKind::Teardown | JobKind::Refresh | JobKind::Pause | JobKind::Wake => {
                crate::plan_for(&env)?
            }
        };
        // Only a teardown of prod asks, and it asks before any job or AWS call exists.
        let protection = match (kind, plan.stage) {
            (JobKind::Teardown, Stage::Prod) if confirm_name == Some(env.name.as_str()) => {
                Protection::LiftConfirmed
            }
            (JobKind::Teardown, Stage::Prod) => {
                return Err(EngineError::ConfirmationRequired {
                    env: env.name.clone(),
                    given: confirm_name.map(str::to_string),
                });
            }
            (
                JobKind::Provision
                | JobKind::Resume
                | JobKind::Refresh
                | JobKind::Teardown
                | JobKind::Pause
                | JobKind::Wake,
                _,
            ) => Protection::Keep,
        };
        match kind {
            JobKind::Provision | JobKind::Resume => consent.check_risks(&env.name, &plan)?,
            JobKind::Teardown | JobKind::Refresh | JobKind::Pause | JobKind::Wake => {}
        }
        let ctx = Ctx::new(
            Clients::with_hooks(sdk, &self.hooks),
            &env.name,
            &env.uid,
            &env.region,
        )
        .with_protection(protection);
        identity::check(&self.store, &env, &ctx, kind).await?;
        let quota_warnings = match kind {
            JobKind::Provision | JobKind::Resume => {
                crate::preflight::check_catalogue(&ctx, &plan).await?;
                let made = self
                    .store
                    .resources(env.id)?
                    .into_iter()
                    .filter(|r| r.state == hangar_store::ResourceState::Ready)
                    .map(|r| r.logical_name)
                    .collect();
                crate::preflight::check_quotas(&ctx, &plan, &made).await?
            }
            JobKind::Teardown | JobKind::Refresh | JobKind::Pause | JobKind::Wake => Vec::new(),
        };
        // The team lease after every refusal that needs none (a refused job holding it would
        // refuse its own retry until it expired), before anything is made or kept.
        let team = team::TeamJob::begin(&self.store, &env, &ctx, kind).await?;
        // Only a create reads the password, only when a host's user data asks for it, and only
        // after the preflight: a job refused there must not leave a new keychain entry behind.
        let (password, generated) = match kind {
            JobKind::Provision | JobKind::Resume if env_password::needed(&plan) => {
                let home = match team {
                    Some(_) => env_password::Home::Account(&ctx),
                    None => env_password::Home::ThisMachine,
                };
                let (password, new) =
                    env_password::for_launch(self.keychain()?, &env, home).await?;
                (Some(password), new)
            }
            JobKind::Provision
            | JobKind::Resume
            | JobKind::Teardown
            | JobKind::Refresh
            | JobKind::Pause
            | JobKind::Wake => (None, false),
        };
        let ctx = ctx.with_generated_password(password);
        let in_team = team.is_some();
        let home = |ctx| {
            if in_team {
                env_password::Home::Account(ctx)
            } else {
                env_password::Home::ThisMachine
            }
        };
        let job = self.store.start_job(env.id, kind)?;
        let rec = Recorder {
            store: self.store.clone(),
            env_id: env.id,
            job_id: job.id,
            sink: team
                .as_ref()
                .map_or(sink.clone(), |t| t.watching(sink.clone())),
        };
        sink(Event::JobStarted {
            job_id: job.id,
            kind,
            total: plan.graph.nodes.len(),
        });
        for warning in quota_warnings {
            rec.log(LogLevel::Warn, "quotas", warning);
        }
        if generated {
            sink(Event::PasswordGenerated);
        }
        if let Some(held) = team.as_ref().and_then(|t| t.broke.as_ref()) {
            let broke = format!("broke the expired team lease of {}", held.describe());
            rec.log(LogLevel::Warn, "team", broke);
        }
        let outcome = match kind {
            JobKind::Provision | JobKind::Resume => {
                self.store
                    .set_environment_status(env.id, EnvironmentStatus::Creating)?;
                rec.log(
                    LogLevel::Info,
                    "engine",
                    format!("{} {} from {}", kind.as_str(), env.name, env.blueprint),
                );
                match provision::run(&rec, &ctx, &plan, self.concurrency).await {
                    Ok(refs) => {
                        let outputs = outputs::resolve(&plan, &refs);
                        let json = serde_json::to_string(&outputs).unwrap_or_else(|_| "{}".into());
                        self.store.set_environment_outputs(env.id, &json)?;
                        // A resume of a drifted environment is its repair: settings too.
                        // What could not be put back leaves it drifted, not failed: it stands.
                        let repaired = drift::repair_recorded(&rec, &ctx, &plan.graph.nodes).await;
                        let status = match &repaired {
                            Ok(false) => EnvironmentStatus::Ready,
                            Ok(true) | Err(_) => EnvironmentStatus::Drifted,
                        };
                        self.store.set_environment_status(env.id, status)?;
                        repaired.map(drop)
                    }
                    Err(mut failures) => {
                        self.store
                            .set_environment_status(env.id, EnvironmentStatus::Failed)?;
                        if env.on_failure == OnFailure::Rollback {
                            rec.log(
                                LogLevel::Warn,
                                "engine",
                                "rolling back: this environment is set to roll back on failure",
                            );
                            if let Err(e) = teardown::run(
                                &rec,
                                &ctx,
                                &plan,
                                teardown::Scope::of(&env),
                                self.concurrency,
                            )
                            .await
                            {
                                rec.log(
                                    LogLevel::Error,
                                    "engine",
                                    format!("rollback did not finish: {}", JobFailure::summary(&e)),
                                );
                            } else {
                                self.store
                                    .set_environment_status(env.id, EnvironmentStatus::Destroyed)?;
                                // Rolled back is destroyed: the password goes as a teardown's
                                // would, and a later provision makes a new one.
                                if let Err(mut lost) =
                                    self.forget_password(&env.uid, &plan, home(&ctx)).await
                                {
                                    failures.append(&mut lost);
                                }
                            }
                        }
                        Err(failures)
                    }
                }
            }
            JobKind::Refresh => {
                rec.log(
                    LogLevel::Info,
                    "engine",
                    format!("refreshing {} from AWS", env.name),
                );
                let outcome = refresh::run(&rec, &ctx, &plan).await;
                if let Ok(drift) = &outcome {
                    rec.log(
                        LogLevel::Info,
                        "engine",
                        format!(
                            "{} missing from AWS, {} with settings changed, {} tagged but unknown to the history",
                            drift.missing.len(),
                            drift.changed.len(),
                            drift.unknown.len()
                        ),
                    );
                    // Only a standing environment can drift; a failed or destroyed one keeps
                    // its status.
                    if matches!(
                        env.status,
                        EnvironmentStatus::Ready | EnvironmentStatus::Drifted
                    ) {
                        let status = if drift.any() {
                            EnvironmentStatus::Drifted
                        } else {
                            EnvironmentStatus::Ready
                        };
                        self.store.set_environment_status(env.id, status)?;
                    }
                }
                outcome.map(drop).map_err(|f| vec![f])
            }
            JobKind::Pause | JobKind::Wake => {
                let direction = if kind == JobKind::Pause {
                    power::Power::Pause
                } else {
                    power::Power::Wake
                };
                power::run(&rec, &ctx, &plan, direction, self.concurrency).await
            }
            JobKind::Teardown => {
                self.store
                    .set_environment_status(env.id, EnvironmentStatus::Destroying)?;
                rec.log(
                    LogLevel::Info,
                    "engine",
                    format!("tearing down {}", env.name),
                );
                match teardown::run(
                    &rec,
                    &ctx,
                    &plan,
                    teardown::Scope::of(&env),
                    self.concurrency,
                )
                .await
                {
                    Ok(()) => {
                        self.store
                            .set_environment_status(env.id, EnvironmentStatus::Destroyed)?;
                        self.forget_password(&env.uid, &plan, home(&ctx)).await
                    }
                    Err(failures) => {
                        self.store
                            .set_environment_status(env.id, EnvironmentStatus::Failed)?;
                        Err(failures)
                    }
                }
            }
        };
        let (status, failures) = match outcome {
            Ok(()) => (JobStatus::Succeeded, Vec::new()),
            Err(failures) => (JobStatus::Failed, failures),
        };
        self.store.finish_job(job.id, status, &failures)?;
        if let Some(team) = team
            && let Err(e) = team.finish(&self.store).await
        {
            rec.log(LogLevel::Warn, "team", e);
        }
        let error = (!failures.is_empty()).then(|| JobFailure::summary(&failures));
        match &error {
            Some(e) => rec.log(
                LogLevel::Error,
                "engine",
                format!("{} failed: {e}", kind.as_str()),
            ),
            None => rec.log(
                LogLevel::Info,
                "engine",
                format!("{} succeeded", kind.as_str()),
            ),
        }
        let retained = match kind {
            JobKind::Teardown => self.store.retained(env.id)?,
            JobKind::Provision
            | JobKind::Resume
            | JobKind::Refresh
            | JobKind::Pause
            | JobKind::Wake => Vec::new(),
        };
        sink(Event::JobFinished {
            job_id: job.id,
            status,
            error: error.clone(),
            failures,
            retained,
        });
        let finished = self.store.job(job.id)?.unwrap_or(job);
        if status == JobStatus::Succeeded {
            Ok(finished)
        } else {
            Err(EngineError::Failed(error.unwrap_or_default()))
        }
    }
}
