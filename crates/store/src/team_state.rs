use hangar_core::team::StateLocation;
use rusqlite::{OptionalExtension, params};

use crate::{Store, StoreError};

/// A profile in team mode: where its state bucket is, when not the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamState {
    pub bucket: Option<String>,
    pub prefix: Option<String>,
}

impl TeamState {
    /// Where these settings keep the state of `account`'s environments in `region`.
    pub fn location(&self, account: &str, region: &str) -> StateLocation {
        StateLocation::new(
            account,
            region,
            self.bucket.as_deref(),
            self.prefix.as_deref(),
        )
    }
}

impl Store {
    /// Turns team mode on for `profile` (`Some`), with these settings, or off (`None`).
    pub fn set_team_state(
        &self,
        profile: &str,
        team: Option<&TeamState>,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        match team {
            Some(team) => {
                let known: Option<i64> = conn
                    .query_row("SELECT 1 FROM profiles WHERE name = ?1", [profile], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if known.is_none() {
                    return Err(StoreError::Invalid(format!("no profile named '{profile}'")));
                }
                conn.execute(
                    "INSERT INTO profile_team_state (profile, bucket, prefix) VALUES (?1, ?2, ?3)
                     ON CONFLICT(profile) DO UPDATE SET bucket = excluded.bucket, prefix = excluded.prefix",
                    params![profile, team.bucket, team.prefix],
                )?;
            }
            None => {
                conn.execute(
                    "DELETE FROM profile_team_state WHERE profile = ?1",
                    [profile],
                )?;
            }
        }
        Ok(())
    }

    /// The profile's team settings; `None` when it is not in team mode.
    pub fn team_state(&self, profile: &str) -> Result<Option<TeamState>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT bucket, prefix FROM profile_team_state WHERE profile = ?1",
                [profile],
                |row| {
                    Ok(TeamState {
                        bucket: row.get(0)?,
                        prefix: row.get(1)?,
                    })
                },
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ProfileKind, ProfileRecord};

    #[test]
    fn on_off_and_gone_with_its_profile() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_in(dir.path()).expect("store");
        let refused = store.set_team_state("nobody", Some(&TeamState::default()));
        assert!(matches!(refused, Err(StoreError::Invalid(m)) if m.contains("nobody")));
        store
            .save_profile(&ProfileRecord::new(
                "work",
                ProfileKind::AccessKeys,
                "eu-west-1",
            ))
            .expect("profile");
        assert_eq!(store.team_state("work").expect("read"), None);
        let named = TeamState {
            bucket: Some("team-bucket".into()),
            prefix: None,
        };
        store.set_team_state("work", Some(&named)).expect("on");
        assert_eq!(store.team_state("work").expect("read"), Some(named));
        store.set_team_state("work", None).expect("off");
        assert_eq!(store.team_state("work").expect("read"), None);
        store
            .set_team_state("work", Some(&TeamState::default()))
            .expect("on");
        assert!(store.delete_profile("work").expect("delete"));
        assert_eq!(store.team_state("work").expect("read"), None);
    }
}
