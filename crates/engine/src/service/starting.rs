//! The Sandbox's emulator, started beside the window rather than before it: Python importing
//! moto takes a second or two, which a person would otherwise spend looking at no window
//! (BENCHMARKS.md, "The app"). Until it answers, whatever would reach AWS waits here; the rest
//! of the app (profiles, blueprints, plans, history) does not need it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use crate::EngineError;

/// The emulator's endpoint, once the thread starting it knows how that went.
#[derive(Debug, Default)]
pub struct StartingEmulator {
    outcome: Mutex<Option<Result<String, String>>>,
    done: Condvar,
    waiting: AtomicUsize,
}

impl StartingEmulator {
    /// Records how the start went (the endpoint, or why there is none) and wakes the waiters.
    pub fn finish(&self, outcome: Result<String, String>) {
        *self.outcome.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
        self.done.notify_all();
    }

    /// Whether a caller is blocked in [`StartingEmulator::wait`] now: how a test knows a call
    /// it made is held here rather than on its way to AWS.
    pub fn is_waited_on(&self) -> bool {
        self.waiting.load(Ordering::SeqCst) > 0
    }

    /// Blocks until the start is over: the endpoint, or why the Sandbox cannot be used.
    pub fn wait(&self) -> Result<String, EngineError> {
        let guard = self.outcome.lock().unwrap_or_else(PoisonError::into_inner);
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let guard = self
            .done
            .wait_while(guard, |outcome| outcome.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        match &*guard {
            Some(Ok(endpoint)) => Ok(endpoint.clone()),
            Some(Err(why)) => Err(EngineError::Invalid(format!(
                "the Sandbox's emulator did not start: {why}"
            ))),
            None => unreachable!("wait_while returns once an outcome is set"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::mpsc;

    use super::*;

    #[test]
    fn a_waiter_gets_the_endpoint_only_once_the_start_is_over() {
        let starting = Arc::new(StartingEmulator::default());
        let (tx, rx) = mpsc::channel();
        let waiter = std::thread::spawn({
            let starting = starting.clone();
            move || tx.send(starting.wait().map_err(|e| e.to_string()))
        });
        // Nothing can arrive before `finish`: the waiter is blocked on the condvar.
        assert!(rx.try_recv().is_err());
        starting.finish(Ok("http://127.0.0.1:5123".into()));
        let got = rx.recv().expect("the waiter answers");
        waiter.join().expect("joined").expect("sent");
        assert_eq!(got, Ok("http://127.0.0.1:5123".to_string()));
        // Later waiters do not wait.
        assert_eq!(
            starting.wait().map_err(|e| e.to_string()),
            Ok("http://127.0.0.1:5123".to_string())
        );
    }

    #[test]
    fn a_failed_start_is_an_error_that_says_so() {
        let starting = StartingEmulator::default();
        starting.finish(Err("moto_server was not found".into()));
        let err = starting.wait().expect_err("no endpoint").to_string();
        assert!(
            err.contains("did not start: moto_server was not found"),
            "{err}"
        );
    }
}
