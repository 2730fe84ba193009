use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aws_config::SdkConfig;
use hangar_core::{Overrides, parse_blueprint, plan};
use hangar_resources::{Clients, Ctx};
use hangar_store::{EnvironmentRecord, JobRecord, NewEnvironment, Store};

use crate::recorder::Recorder;
use crate::{
    EngineError, EnvLock, Event, JobKind, Sink, names, outputs, provision, refresh, teardown,
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
    /// `keep` (the default, as CloudFormation's "preserve successfully provisioned resources")
    /// or `rollback`.
    pub on_failure: String,
}

pub struct Engine {
    pub(crate) store: Arc<Store>,
    pub(crate) locks_dir: PathBuf,
    pub(crate) concurrency: usize,
}

impl Engine {
    pub fn new(store: Arc<Store>, data_dir: &Path) -> Self {
        Self {
            store,
            locks_dir: data_dir.join("locks"),
            concurrency: 8,
        }
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
        if !matches!(request.on_failure.as_str(), "keep" | "rollback") {
            return Err(EngineError::Invalid(format!(
                "on_failure must be keep or rollback, not '{}'",
                request.on_failure
            )));
        }
        let blueprint =
            parse_blueprint(&request.blueprint_source).map_err(EngineError::Blueprint)?;
        let plan = plan(&blueprint, &Overrides(request.overrides.clone()))
            .map_err(EngineError::Blueprint)?;
        if let Some(clash) = names::clash(&self.store, &plan, &request.profile)? {
            return Err(EngineError::Invalid(clash));
        }
        let parameters = serde_json::to_string(&request.overrides)
            .map_err(|e| EngineError::Invalid(e.to_string()))?;
        let env = self.store.create_environment(&NewEnvironment {
            name: &request.name,
            blueprint: &request.blueprint_name,
            blueprint_source: &request.blueprint_source,
            parameters: &parameters,
            profile: &request.profile,
            region: &plan.region,
            on_failure: &request.on_failure,
        })?;
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

    pub async fn teardown(
        &self,
        env_name: &str,
        sdk: &SdkConfig,
        sink: Sink,
    ) -> Result<JobRecord, EngineError> {
        self.run(env_name, sdk, sink, JobKind::Teardown).await
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
        let env = self
            .store
            .environment(env_name)?
            .ok_or_else(|| EngineError::UnknownEnvironment(env_name.to_string()))?;
        let _lock = EnvLock::try_acquire(&self.locks_dir, env.id)?
            .ok_or_else(|| EngineError::Busy(env.name.clone()))?;
        // The users go in before the job starts: a list that no longer fits fails here, before
        // any AWS call. Teardown needs no user data.
        let plan = match kind {
            JobKind::Provision | JobKind::Resume => crate::plan_with_users(&self.store, &env)?,
            JobKind::Teardown | JobKind::Refresh => crate::plan_for(&env)?,
        };
        let job = self.store.start_job(env.id, kind.as_str())?;
        let rec = Recorder {
            store: self.store.clone(),
            env_id: env.id,
            job_id: job.id,
            sink: sink.clone(),
        };
        sink(Event::JobStarted {
            job_id: job.id,
            kind,
            total: plan.graph.nodes.len(),
        });
        let ctx = Ctx::new(Clients::new(sdk), &env.name, &env.region);
        let outcome = match kind {
            JobKind::Provision | JobKind::Resume => {
                self.store.set_environment_status(env.id, "creating")?;
                rec.log(
                    "info",
                    "engine",
                    format!("{} {} from {}", kind.as_str(), env.name, env.blueprint),
                );
                match provision::run(&rec, &ctx, &plan, self.concurrency).await {
                    Ok(refs) => {
                        let outputs = outputs::resolve(&plan, &refs);
                        let json = serde_json::to_string(&outputs).unwrap_or_else(|_| "{}".into());
                        self.store.set_environment_outputs(env.id, &json)?;
                        self.store.set_environment_status(env.id, "ready")?;
                        Ok(())
                    }
                    Err(failure) => {
                        self.store.set_environment_status(env.id, "failed")?;
                        if env.on_failure == "rollback" {
                            rec.log(
                                "warn",
                                "engine",
                                "rolling back: this environment is set to roll back on failure",
                            );
                            if let Err(e) = teardown::run(&rec, &ctx, &plan, self.concurrency).await
                            {
                                rec.log("error", "engine", format!("rollback did not finish: {e}"));
                            } else {
                                self.store.set_environment_status(env.id, "destroyed")?;
                            }
                        }
                        Err(failure)
                    }
                }
            }
            JobKind::Refresh => {
                rec.log(
                    "info",
                    "engine",
                    format!("refreshing {} from AWS", env.name),
                );
                let outcome = refresh::run(&rec, &ctx, &plan).await;
                if let Ok(drift) = &outcome {
                    rec.log(
                        "info",
                        "engine",
                        format!(
                            "{} missing from AWS, {} tagged but unknown to the history",
                            drift.missing.len(),
                            drift.unknown.len()
                        ),
                    );
                    // Only a standing environment can drift; a failed or destroyed one keeps
                    // its status.
                    if matches!(env.status.as_str(), "ready" | "drifted") {
                        let status = if drift.missing.is_empty() {
                            "ready"
                        } else {
                            "drifted"
                        };
                        self.store.set_environment_status(env.id, status)?;
                    }
                }
                outcome.map(drop)
            }
            JobKind::Teardown => {
                self.store.set_environment_status(env.id, "destroying")?;
                rec.log("info", "engine", format!("tearing down {}", env.name));
                match teardown::run(&rec, &ctx, &plan, self.concurrency).await {
                    Ok(()) => {
                        self.store.set_environment_status(env.id, "destroyed")?;
                        Ok(())
                    }
                    Err(failure) => {
                        self.store.set_environment_status(env.id, "failed")?;
                        Err(failure)
                    }
                }
            }
        };
        let (status, error) = match &outcome {
            Ok(()) => ("succeeded", None),
            Err(message) => ("failed", Some(message.as_str())),
        };
        self.store.finish_job(job.id, status, error)?;
        rec.log(
            if error.is_some() { "error" } else { "info" },
            "engine",
            match error {
                Some(e) => format!("{} failed: {e}", kind.as_str()),
                None => format!("{} succeeded", kind.as_str()),
            },
        );
        sink(Event::JobFinished {
            job_id: job.id,
            status: status.to_string(),
            error: error.map(str::to_string),
        });
        let finished = self.store.job(job.id)?.unwrap_or(job);
        match outcome {
            Ok(()) => Ok(finished),
            Err(message) => Err(EngineError::Failed(message)),
        }
    }
}

/// Environment names become tag values and parts of AWS names (`Name` = `env-logical`).
fn valid_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::valid_env_name;

    #[test]
    fn environment_names() {
        for ok in ["demo", "class-7", "a"] {
            assert!(valid_env_name(ok), "{ok}");
        }
        for bad in ["", "7up", "Demo", "demo-", "has space", &"x".repeat(33)] {
            assert!(!valid_env_name(bad), "{bad}");
        }
    }
}
