//! Every value a lifecycle column may hold, as an enum: the environment's status, a resource's
//! state in the journal, a job's kind and status, a log line's level and what a failed provision
//! does. Each spells itself one way (snake_case) in SQLite, over IPC and on the CLI, and the
//! schema's CHECK constraints (migrations 0004, 0009 and 0013) hold the columns to the same values, so a typo
//! is a compile error here and a refused write there.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

/// Derives, for a unit enum: the strum spellings, serde in the same spelling, the TypeScript
/// union when `ts` is on, and SQLite's conversions (an unknown value read back names the column
/// and the values it may hold).
macro_rules! lifecycle_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            EnumString, IntoStaticStr, AsRefStr, EnumIter, Display,
        )]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// What this value is called, for messages: "job status".
            pub const WHAT: &'static str = $what;

            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.as_str().as_bytes())))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                text.parse().map_err(|_| {
                    FromSqlError::Other(Box::new(UnknownValue::new::<Self>($what, text)))
                })
            }
        }
    };
}

/// A value in the database that no variant spells: a newer Hangar's, or a hand edit.
#[derive(Debug, thiserror::Error)]
#[error("unknown {what} '{value}': expected one of {allowed}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub allowed: String,
}

impl UnknownValue {
    fn new<E>(what: &'static str, value: &str) -> Self
    where
        E: strum::IntoEnumIterator + Into<&'static str>,
    {
        let allowed: Vec<&'static str> = E::iter().map(Into::into).collect();
        Self {
            what,
            value: value.to_string(),
            allowed: allowed.join(", "),
        }
    }
}

lifecycle_enum! {
    /// Where an environment is in its life.
    EnvironmentStatus, "environment status" {
        /// Recorded, nothing sent to AWS yet.
        New,
        /// A provision or resume is running.
        Creating,
        Ready,
        /// The last job failed; what it made is kept (or was rolled back: then `destroyed`).
        Failed,
        /// A teardown is running.
        Destroying,
        /// A teardown proved nothing is left.
        Destroyed,
        /// A job's process stopped before the job finished.
        Interrupted,
        /// A refresh found resources gone from AWS.
        Drifted,
        /// A pause stopped its instances and databases; a wake starts them again.
        Paused,
    }
}

lifecycle_enum! {
    /// A resource's line in the write-ahead journal.
    ResourceState, "resource state" {
        /// The intent is recorded; the create may or may not have reached AWS.
        Creating,
        Ready,
        Failed,
        Deleting,
        Deleted,
        /// Made once, and a refresh found it gone from AWS.
        Missing,
        /// Left standing by a teardown on purpose (a prod backup bucket): it outlives the
        /// environment, and no sweep or leak check counts it.
        Retained,
        /// Stopped by a pause (an EC2 or RDS instance): it exists and keeps its storage, but
        /// bills no compute hours, so its span is closed until a wake makes it ready again.
        Stopped,
    }
}

lifecycle_enum! {
    /// What a job does.
    JobKind, "job kind" {
        Provision,
        Teardown,
        Refresh,
        /// Provisioning again after a failure or an interruption.
        Resume,
        /// Stopping the environment's instances and databases (office hours, or by hand).
        Pause,
        /// Starting what a pause stopped.
        Wake,
    }
}

lifecycle_enum! {
    JobStatus, "job status" {
        Running,
        Succeeded,
        Failed,
        /// Its process stopped before it finished (found at the next start).
        Interrupted,
        Cancelled,
    }
}

lifecycle_enum! {
    LogLevel, "log level" {
        Trace,
        Debug,
        Info,
        Warn,
        Error,
    }
}

lifecycle_enum! {
    /// What a failed provision does with what it made.
    #[derive(Default)]
    OnFailure, "on-failure setting" {
        #[default]
        /// Keep it, as CloudFormation's "preserve successfully provisioned resources": a retry
        /// continues from the failed node.
        Keep,
        /// Tear it down: the environment ends destroyed.
        Rollback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn spellings_agree_across_strum_and_serde() {
        for status in EnvironmentStatus::iter() {
            let json = serde_json::to_string(&status).expect("json");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(status.to_string(), status.as_str());
            assert_eq!(status.as_ref(), status.as_str());
        }
        assert_eq!(JobStatus::Succeeded.as_str(), "succeeded");
        assert_eq!(OnFailure::Rollback.as_str(), "rollback");
        assert_eq!("missing".parse(), Ok(ResourceState::Missing));
    }

    #[test]
    fn an_unknown_value_names_what_it_should_be() {
        let err = UnknownValue::new::<JobStatus>(JobStatus::WHAT, "exploded");
        assert_eq!(
            err.to_string(),
            "unknown job status 'exploded': expected one of running, succeeded, failed, \
             interrupted, cancelled"
        );
    }
}
