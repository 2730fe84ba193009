//! Office hours kept: the reaper (the app's timer, and `hangar reap` on a systemd timer when it
//! is closed) pauses an environment when its window closes and wakes it when it opens, with the
//! same pause and wake jobs as `hangar pause`/`wake`. What is due is decided in the core
//! ([`hangar_core::office_hours::due`]) from the window and the environment's last power change.

use hangar_core::office_hours::{OfficeHours, OfficeHoursError, PowerDue, Standing};
use hangar_store::{EnvironmentRecord, EnvironmentStatus, JobKind, JobRecord};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Service, ServiceError};
use crate::{Consent, EngineError, Sink};

/// What the reaper did for one environment's office hours.
#[derive(Debug)]
pub enum HoursOutcome {
    /// A dry run: this job would run.
    Would,
    /// The job ran (its status says how it ended).
    Ran(JobRecord),
    /// The job could not start (credentials, a busy environment); nothing recorded it, so the
    /// next look tries again (the app's after 15 minutes).
    Failed(String),
}

#[derive(Debug)]
pub struct HoursKept {
    pub name: String,
    pub hours: OfficeHours,
    pub due: PowerDue,
    pub outcome: HoursOutcome,
}

impl Service {
    /// Sets the hours `env_name` runs, as written (`mon-fri 08:00-19:00 Europe/Paris`, in this
    /// machine's time zone when none is named), or clears them (`off`); returns what was set.
    /// The reaper acts on them from its next look: at once when the window is closed and
    /// nobody has started the environment since it closed.
    pub fn set_office_hours(
        &self,
        env_name: &str,
        text: &str,
    ) -> Result<Option<OfficeHours>, ServiceError> {
        let hours = match text.trim() {
            "off" => None,
            text => Some(read_hours(text)?),
        };
        let env = self.environment(env_name)?;
        if env.status == EnvironmentStatus::Destroyed {
            return Err(EngineError::Invalid(format!(
                "'{env_name}' is destroyed: it has no hours to keep"
            ))
            .into());
        }
        self.store().set_office_hours(env.id, hours.as_ref())?;
        Ok(hours)
    }

    /// Every environment whose office hours ask for a pause or a wake at `now`, with what.
    pub fn office_hours_due(
        &self,
        now: Timestamp,
    ) -> Result<Vec<(EnvironmentRecord, PowerDue)>, ServiceError> {
        let busy: Vec<i64> = self
            .store()
            .running_jobs()?
            .iter()
            .map(|job| job.environment_id)
            .collect();
        let mut due = Vec::new();
        for env in self.store().list_environments()? {
            let Some(hours) = &env.office_hours else {
                continue;
            };
            let Some(paused) = standing_still(env.status) else {
                continue;
            };
            if busy.contains(&env.id) {
                continue;
            }
            let standing = Standing {
                paused,
                last_power_change: self.last_power_change(env.id)?,
            };
            if let Some(what) = hangar_core::office_hours::due(hours, standing, now) {
                due.push((env, what));
            }
        }
        Ok(due)
    }

    /// Runs every pause and wake office hours ask for at `now` (none when `dry_run`), one at a
    /// time; one that fails does not stop the others.
    pub async fn keep_office_hours(
        &self,
        now: Timestamp,
        dry_run: bool,
        sink: Sink,
    ) -> Result<Vec<HoursKept>, ServiceError> {
        let due = self
            .blocking(move |service| service.office_hours_due(now))
            .await?;
        let mut kept = Vec::new();
        for (env, what) in due {
            let kind = match what {
                PowerDue::Pause | PowerDue::PauseAgain => JobKind::Pause,
                PowerDue::Wake => JobKind::Wake,
            };
            let outcome = if dry_run {
                HoursOutcome::Would
            } else {
                match self
                    .run_job(kind, &env.name, None, &Consent::default(), sink.clone())
                    .await
                {
                    Ok(job) => HoursOutcome::Ran(job),
                    Err(err) => HoursOutcome::Failed(err.to_string()),
                }
            };
            kept.push(HoursKept {
                name: env.name,
                hours: env
                    .office_hours
                    .expect("only environments with hours are due"),
                due: what,
                outcome,
            });
        }
        Ok(kept)
    }

    /// When the environment was last made, paused or woken: a person's wake after closing
    /// time holds until the next closing.
    fn last_power_change(&self, environment_id: i64) -> Result<Option<Timestamp>, ServiceError> {
        let mut last = None;
        for job in self.store().jobs(environment_id)? {
            let counts = match job.kind {
                JobKind::Provision | JobKind::Resume | JobKind::Pause | JobKind::Wake => true,
                JobKind::Refresh | JobKind::Teardown => false,
            };
            if !counts {
                continue;
            }
            let started: Timestamp = job.started_at.parse().map_err(|err| {
                EngineError::Invalid(format!(
                    "job {} has an unreadable start time `{}`: {err}",
                    job.id, job.started_at
                ))
            })?;
            last = last.max(Some(started));
        }
        Ok(last)
    }
}

/// The days and hours as written, in this machine's time zone when none is named.
fn read_hours(text: &str) -> Result<OfficeHours, EngineError> {
    let mut text = text.to_string();
    if text.split_whitespace().count() == 2 {
        let zone = TimeZone::system();
        let name = zone.iana_name().ok_or_else(|| {
            EngineError::Invalid(
                "this machine's time zone has no IANA name: add one after the hours, as \
                 `mon-fri 08:00-19:00 Europe/Paris`"
                    .into(),
            )
        })?;
        text = format!("{text} {name}");
    }
    text.parse()
        .map_err(|e: OfficeHoursError| EngineError::Invalid(e.to_string()))
}

/// `Some(paused)` for an environment standing still, running or paused; `None` for one that is
/// being made, failing or gone, which office hours leave alone.
fn standing_still(status: EnvironmentStatus) -> Option<bool> {
    match status {
        EnvironmentStatus::Ready | EnvironmentStatus::Drifted => Some(false),
        EnvironmentStatus::Paused => Some(true),
        EnvironmentStatus::New
        | EnvironmentStatus::Creating
        | EnvironmentStatus::Failed
        | EnvironmentStatus::Destroying
        | EnvironmentStatus::Interrupted
        | EnvironmentStatus::Destroyed => None,
    }
}
