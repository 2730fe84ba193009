//! When each resource existed and ran (migration 0011's triggers keep the spans, 0013's close
//! them while a pause has it stopped): what the cost so far
//! is computed from.

use std::collections::HashMap;

use hangar_core::cost::ResourceSpan;
use jiff::Timestamp;
use rusqlite::types::Type;

use crate::{Store, StoreError};

fn timestamp(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<Timestamp>> {
    row.get::<_, Option<String>>(i)?
        .map(|text| {
            text.parse::<Timestamp>().map_err(|err| {
                rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(err))
            })
        })
        .transpose()
}

fn span_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, ResourceSpan)> {
    let started_at = timestamp(row, 2)?.ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(2, Type::Null, "no start".into())
    })?;
    Ok((
        row.get(0)?,
        ResourceSpan {
            logical: row.get(1)?,
            started_at,
            ended_at: timestamp(row, 3)?,
        },
    ))
}

impl Store {
    /// Every environment's resource spans, by environment id, oldest first.
    pub fn resource_spans(&self) -> Result<HashMap<i64, Vec<ResourceSpan>>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT environment_id, logical_name, started_at, ended_at FROM resource_spans
             ORDER BY id",
        )?;
        let mut spans: HashMap<i64, Vec<ResourceSpan>> = HashMap::new();
        for row in stmt.query_map([], span_row)? {
            let (env, span) = row?;
            spans.entry(env).or_default().push(span);
        }
        Ok(spans)
    }

    /// One environment's resource spans, oldest first.
    pub fn resource_spans_of(&self, environment_id: i64) -> Result<Vec<ResourceSpan>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT environment_id, logical_name, started_at, ended_at FROM resource_spans
             WHERE environment_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([environment_id], span_row)?;
        Ok(rows
            .map(|row| row.map(|(_, span)| span))
            .collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use hangar_core::graph::ResourceKind;

    use crate::{NewEnvironment, OnFailure, ResourceState, Store};

    /// A new history holding one environment named `name`.
    fn with_environment(name: &str) -> (tempfile::TempDir, Store, crate::EnvironmentRecord) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_in(dir.path()).expect("store");
        let env = store
            .create_environment(&NewEnvironment {
                name,
                blueprint: "single-host-dev",
                blueprint_source: "",
                parameters: "{}",
                profile: "",
                region: "us-east-1",
                on_failure: OnFailure::Keep,
                expires_at: None,
            })
            .expect("env");
        (dir, store, env)
    }

    /// Ready opens a span, deleting keeps it open, deleted closes it; a resource made again
    /// after it went missing gets a second span; one that never became ready has none.
    #[test]
    fn spans_follow_the_resource_states() {
        let (_dir, store, env) = with_environment("spans");
        let made = |logical: &str, kind| {
            store.record_intent(env.id, logical, kind).expect("intent");
            store
                .record_created(env.id, logical, "id-1", &BTreeMap::new())
                .expect("created");
        };
        made("instance.app", ResourceKind::Instance);
        made("nat_gateway.a", ResourceKind::NatGateway);
        store
            .record_intent(env.id, "vpc.main", ResourceKind::Vpc)
            .expect("intent only");
        let set = |logical: &str, state| {
            store
                .set_resource_state(env.id, logical, state)
                .expect("state");
        };
        set("instance.app", ResourceState::Deleting);
        set("instance.app", ResourceState::Deleted);
        set("nat_gateway.a", ResourceState::Missing);
        made("nat_gateway.a", ResourceKind::NatGateway);

        let spans = store.resource_spans_of(env.id).expect("spans");
        assert_eq!(store.resource_spans().expect("all")[&env.id], spans);
        let shape: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.logical.as_str(), s.ended_at.is_some()))
            .collect();
        assert_eq!(
            shape,
            [
                ("instance.app", true),
                ("nat_gateway.a", true),
                ("nat_gateway.a", false)
            ]
        );
        assert!(
            spans
                .iter()
                .all(|s| s.ended_at.is_none_or(|end| end >= s.started_at))
        );
    }

    /// A pause stops an instance: its span closes; a wake makes it ready: a new one opens.
    #[test]
    fn a_stopped_resource_has_no_open_span_until_it_runs_again() {
        let (_dir, store, env) = with_environment("paused");
        store
            .record_intent(env.id, "instance.app", ResourceKind::Instance)
            .expect("intent");
        store
            .record_created(env.id, "instance.app", "i-1", &BTreeMap::new())
            .expect("created");
        let open = |store: &Store| {
            let spans = store.resource_spans_of(env.id).expect("spans");
            (
                spans.len(),
                spans.iter().filter(|s| s.ended_at.is_none()).count(),
            )
        };
        assert_eq!(open(&store), (1, 1));
        store
            .set_resource_state(env.id, "instance.app", ResourceState::Stopped)
            .expect("stopped");
        assert_eq!(open(&store), (1, 0), "stopping closes the span");
        store
            .set_resource_state(env.id, "instance.app", ResourceState::Stopped)
            .expect("stopped again");
        assert_eq!(open(&store), (1, 0), "a second pause opens nothing");
        store
            .set_resource_state(env.id, "instance.app", ResourceState::Ready)
            .expect("woken");
        assert_eq!(open(&store), (2, 1), "waking opens a new span");
    }
}
