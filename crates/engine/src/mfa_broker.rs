//! A window's MFA prompt, without the window: a job that needs a code announces a request (which
//! profile, which device, why) and waits for the answer the window sends back by the request's
//! id, or for the person to cancel, or for the time limit. The desktop shell only turns the
//! announcements into events and the answers into calls of [`MfaBroker::answer`]; what a request
//! is, how long it waits and what an unknown answer means live here, testable without Tauri.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hangar_cloud::credentials::{MfaAnswer, MfaAsk, MfaPrompt};
use hangar_keychain::Secret;
use serde::Serialize;
use tokio::sync::oneshot;

/// How long a job waits for a code before it stops: long enough to find the device, short
/// enough that an unattended job does not hold its environment's lock for ever.
pub const MFA_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// What the window shows the person: no secret, only what to ask for and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MfaRequest {
    /// The id the answer must carry.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: u64,
    pub profile: String,
    pub role_arn: String,
    /// The MFA device, as the profile names it.
    pub serial: String,
    pub reason: String,
    /// How long the job waits before it stops.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub timeout_secs: u64,
}

/// A request that is over: answered, cancelled, or timed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MfaClosed {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: u64,
    pub timed_out: bool,
}

/// What the window hears: a request to show, or that one is over (answered, cancelled, or
/// timed out) and its dialog should close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MfaNotice {
    Asked(MfaRequest),
    Closed(MfaClosed),
}

/// The answer named a request that is not waiting (already answered, timed out, or never made).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no job is waiting for MFA code request {0}: it was answered, cancelled or timed out")]
pub struct UnknownMfaRequest(pub u64);

pub type MfaNotify = Arc<dyn Fn(MfaNotice) + Send + Sync>;

/// The requests waiting for an answer, by id.
pub struct MfaBroker {
    pending: Mutex<HashMap<u64, oneshot::Sender<Option<Secret>>>>,
    next: AtomicU64,
    timeout: Duration,
    notify: MfaNotify,
}

impl MfaBroker {
    pub fn new(notify: MfaNotify) -> Self {
        Self::with_timeout(notify, MFA_TIMEOUT)
    }

    pub fn with_timeout(notify: MfaNotify, timeout: Duration) -> Self {
        Self {
            pending: Mutex::default(),
            next: AtomicU64::new(1),
            timeout,
            notify,
        }
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<u64, oneshot::Sender<Option<Secret>>>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Delivers the person's code to the request `id`, or their cancel (`None`).
    pub fn answer(&self, id: u64, code: Option<Secret>) -> Result<(), UnknownMfaRequest> {
        let sender = self.pending().remove(&id).ok_or(UnknownMfaRequest(id))?;
        // The job may have stopped waiting in between: the code is then dropped (and wiped).
        let _ = sender.send(code);
        Ok(())
    }

    /// The ids still waiting, oldest first.
    pub fn waiting(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self.pending().keys().copied().collect();
        ids.sort_unstable();
        ids
    }
}

impl MfaPrompt for MfaBroker {
    fn code(&self, ask: MfaAsk) -> MfaAnswer<'_> {
        Box::pin(async move {
            let id = self.next.fetch_add(1, Ordering::SeqCst);
            let (sender, receiver) = oneshot::channel();
            self.pending().insert(id, sender);
            (self.notify)(MfaNotice::Asked(MfaRequest {
                id,
                reason: format!(
                    "A running job needs a new session of {} (the last one ended or there was none), and AWS asks for a code from the MFA device to start it.",
                    ask.role_arn
                ),
                profile: ask.profile,
                role_arn: ask.role_arn,
                serial: ask.serial,
                timeout_secs: self.timeout.as_secs(),
            }));
            let (code, timed_out) = match tokio::time::timeout(self.timeout, receiver).await {
                Ok(answer) => (answer.ok().flatten(), false),
                Err(_) => (None, true),
            };
            self.pending().remove(&id);
            (self.notify)(MfaNotice::Closed(MfaClosed { id, timed_out }));
            code
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask() -> MfaAsk {
        MfaAsk {
            profile: "admin".into(),
            role_arn: "arn:aws:iam::123456789012:role/Admin".into(),
            serial: "arn:aws:iam::123456789012:mfa/alice".into(),
        }
    }

    fn broker(timeout: Duration) -> (Arc<MfaBroker>, Arc<Mutex<Vec<MfaNotice>>>) {
        let heard: Arc<Mutex<Vec<MfaNotice>>> = Arc::default();
        let log = heard.clone();
        let notify: MfaNotify = Arc::new(move |n| log.lock().expect("log").push(n));
        (Arc::new(MfaBroker::with_timeout(notify, timeout)), heard)
    }

    async fn asked(broker: &MfaBroker) -> u64 {
        loop {
            if let Some(id) = broker.waiting().first() {
                return *id;
            }
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test]
    async fn the_answer_reaches_the_job_that_asked_and_only_once() {
        let (broker, heard) = broker(MFA_TIMEOUT);
        let job = tokio::spawn({
            let broker = broker.clone();
            async move { broker.code(ask()).await }
        });
        let id = asked(&broker).await;
        broker
            .answer(id, Some(Secret::new("123456")))
            .expect("waiting");
        let code = job.await.expect("job").expect("a code");
        assert_eq!(code.expose(), "123456");
        assert_eq!(
            broker.answer(id, Some(Secret::new("654321"))),
            Err(UnknownMfaRequest(id))
        );
        let heard = heard.lock().expect("log").clone();
        let MfaNotice::Asked(request) = &heard[0] else {
            panic!("{heard:?}")
        };
        assert_eq!(request.profile, "admin");
        assert_eq!(request.serial, "arn:aws:iam::123456789012:mfa/alice");
        assert!(request.reason.contains("role/Admin"), "{}", request.reason);
        assert_eq!(request.timeout_secs, 300);
        assert_eq!(
            heard[1],
            MfaNotice::Closed(MfaClosed {
                id,
                timed_out: false
            })
        );
        assert!(broker.waiting().is_empty());
    }

    #[tokio::test]
    async fn a_cancel_gives_the_job_no_code() {
        let (broker, _) = broker(MFA_TIMEOUT);
        let job = tokio::spawn({
            let broker = broker.clone();
            async move { broker.code(ask()).await }
        });
        let id = asked(&broker).await;
        broker.answer(id, None).expect("waiting");
        assert!(job.await.expect("job").is_none());
        assert_eq!(broker.answer(99, None), Err(UnknownMfaRequest(99)));
    }

    #[tokio::test(start_paused = true)]
    async fn no_answer_in_time_gives_no_code_and_closes_the_request() {
        let (broker, heard) = broker(Duration::from_secs(300));
        let job = tokio::spawn({
            let broker = broker.clone();
            async move { broker.code(ask()).await }
        });
        let id = asked(&broker).await;
        // Paused time: the runtime jumps to the deadline once every task waits.
        assert!(job.await.expect("job").is_none());
        assert!(broker.waiting().is_empty());
        assert_eq!(
            heard.lock().expect("log").last(),
            Some(&MfaNotice::Closed(MfaClosed {
                id,
                timed_out: true
            }))
        );
        assert_eq!(
            broker.answer(id, Some(Secret::new("1"))),
            Err(UnknownMfaRequest(id))
        );
    }
}
