use rusqlite::{OptionalExtension, Row, params};

use crate::{JobFailure, JobKind, JobStatus, LogLevel, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRecord {
    pub id: i64,
    pub environment_id: i64,
    pub kind: JobKind,
    pub status: JobStatus,
    pub pid: Option<i64>,
    /// The failures in one line, for a person (and the CLI).
    pub error: Option<String>,
    /// The same failures node by node, with AWS's code: what the UI shows.
    pub failures: Vec<JobFailure>,
    pub started_at: String,
    pub finished_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    pub id: i64,
    pub job_id: i64,
    pub at: String,
    pub level: LogLevel,
    pub source: String,
    pub message: String,
}

const JOB_COLUMNS: &str =
    "id, environment_id, kind, status, pid, error, started_at, finished_at, failures";

fn job_from_row(row: &Row<'_>) -> rusqlite::Result<JobRecord> {
    Ok(JobRecord {
        id: row.get(0)?,
        environment_id: row.get(1)?,
        kind: row.get(2)?,
        status: row.get(3)?,
        pid: row.get(4)?,
        error: row.get(5)?,
        started_at: row.get(6)?,
        finished_at: row.get(7)?,
        failures: failures_from(&row.get::<_, String>(8)?)?,
    })
}

/// `jobs.failures` is written only by `finish_job`; an unreadable one is an error that says so
/// rather than a job that silently lost its failures.
fn failures_from(json: &str) -> rusqlite::Result<Vec<JobFailure>> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            8,
            rusqlite::types::Type::Text,
            format!("jobs.failures is not a list of failures: {e}").into(),
        )
    })
}

impl Store {
    pub fn start_job(&self, environment_id: i64, kind: JobKind) -> Result<JobRecord, StoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO jobs (environment_id, kind, status, pid) VALUES (?1, ?2, ?3, ?4)",
            params![environment_id, kind, JobStatus::Running, std::process::id()],
        )?;
        let id = conn.last_insert_rowid();
        Ok(conn.query_row(
            &format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1"),
            [id],
            job_from_row,
        )?)
    }

    /// Ends a job; `error` is the failures' one-line summary, or none when there are none.
    pub fn finish_job(
        &self,
        id: i64,
        status: JobStatus,
        failures: &[JobFailure],
    ) -> Result<(), StoreError> {
        let error = (!failures.is_empty()).then(|| JobFailure::summary(failures));
        let json = serde_json::to_string(failures)
            .map_err(|e| StoreError::Invalid(format!("cannot record the job's failures: {e}")))?;
        self.conn().execute(
            "UPDATE jobs SET status = ?2, error = ?3, failures = ?4, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
            params![id, status, error, json],
        )?;
        Ok(())
    }

    pub fn job(&self, id: i64) -> Result<Option<JobRecord>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1"),
                [id],
                job_from_row,
            )
            .optional()?)
    }

    /// An environment's jobs, the newest first.
    pub fn jobs(&self, environment_id: i64) -> Result<Vec<JobRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE environment_id = ?1 ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([environment_id], job_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Jobs the history says are running, in any environment.
    pub fn running_jobs(&self) -> Result<Vec<JobRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE status = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([JobStatus::Running], job_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn append_log(
        &self,
        job_id: i64,
        level: LogLevel,
        source: &str,
        message: &str,
    ) -> Result<i64, StoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO job_logs (job_id, level, source, message) VALUES (?1, ?2, ?3, ?4)",
            params![job_id, level, source, message],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// The last `limit` lines of a job's log before `before_id` (`None`: its end), oldest
    /// first, and whether earlier lines remain: what a log view shows first, read backwards
    /// along the (job, id) index, so a job of a million lines costs what one of `limit` does.
    pub fn log_tail(
        &self,
        job_id: i64,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<LogRecord>, bool), StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, job_id, at, level, source, message FROM job_logs
             WHERE job_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(
            params![job_id, before_id.unwrap_or(i64::MAX), i64::from(limit) + 1],
            log_from_row,
        )?;
        let mut lines: Vec<LogRecord> = rows.collect::<Result<_, _>>()?;
        let earlier = lines.len() > limit as usize;
        lines.truncate(limit as usize);
        lines.reverse();
        Ok((lines, earlier))
    }

    /// A job's log lines after `after_id` (0 for all), oldest first, at most `limit`.
    pub fn logs(
        &self,
        job_id: i64,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<LogRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, job_id, at, level, source, message FROM job_logs
             WHERE job_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![job_id, after_id, limit], log_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn log_from_row(row: &Row<'_>) -> rusqlite::Result<LogRecord> {
    Ok(LogRecord {
        id: row.get(0)?,
        job_id: row.get(1)?,
        at: row.get(2)?,
        level: row.get(3)?,
        source: row.get(4)?,
        message: row.get(5)?,
    })
}
