use std::sync::Arc;

use hangar_store::{LogLevel, Store};

use crate::{Event, NodeState, Sink};

/// Writes what happens to the history first and then tells the sink, so a watcher never sees
/// something the history does not hold.
#[derive(Clone)]
pub(crate) struct Recorder {
    pub store: Arc<Store>,
    pub env_id: i64,
    pub job_id: i64,
    pub sink: Sink,
}

impl Recorder {
    pub fn log(&self, level: LogLevel, source: &str, message: impl Into<String>) {
        let message = message.into();
        // The history is the record; if SQLite itself fails there is nowhere better to write,
        // so the watcher still gets the line.
        let _ = self.store.append_log(self.job_id, level, source, &message);
        (self.sink)(Event::Log {
            level,
            source: source.to_string(),
            message,
        });
    }

    pub fn node(
        &self,
        logical: &str,
        kind: &str,
        state: NodeState,
        aws_id: Option<&str>,
        error: Option<&str>,
    ) {
        (self.sink)(Event::Node {
            logical: logical.to_string(),
            kind: kind.to_string(),
            state,
            aws_id: aws_id.map(str::to_string),
            error: error.map(str::to_string),
        });
    }

    pub fn progress(&self, done: usize, total: usize) {
        (self.sink)(Event::Progress { done, total });
    }
}
