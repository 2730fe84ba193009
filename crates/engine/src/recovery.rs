use hangar_store::{EnvironmentStatus, JobFailure, JobRecord, JobStatus};

use crate::{Engine, EngineError, EnvLock};

impl Engine {
    /// Jobs the history says are running but whose process is gone (their environment's lock
    /// is free): marked `interrupted`, with their environment, and returned so the caller can
    /// offer Resume or Tear down.
    pub fn recover_interrupted(&self) -> Result<Vec<JobRecord>, EngineError> {
        let mut interrupted = Vec::new();
        for job in self.store.running_jobs()? {
            let Some(lock) = EnvLock::try_acquire(&self.locks_dir, job.environment_id)? else {
                continue;
            };
            self.store.finish_job(
                job.id,
                JobStatus::Interrupted,
                &[JobFailure::job(
                    "the process running this job stopped before it finished",
                )],
            )?;
            self.store
                .set_environment_status(job.environment_id, EnvironmentStatus::Interrupted)?;
            drop(lock);
            if let Some(job) = self.store.job(job.id)? {
                interrupted.push(job);
            }
        }
        Ok(interrupted)
    }
}
