//! A trap for crash tests: at the n-th request the proxy calls the test's hook (which kills
//! the client) and from then on answers nothing, so the client dies at a known point of its
//! job, counted in AWS calls, not in seconds. Requests already forwarded finish at the
//! emulator (AWS too carries out a call whose caller vanished), and `quiet` waits for them, so
//! what the test then finds is exactly what the first n-1 calls made.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

type Hook = Box<dyn FnOnce() + Send>;

struct Armed {
    /// The journal position (0-based) of the first request held.
    at: usize,
    /// Armed on an action instead: the first request of it sets `at`.
    on: Option<String>,
    hook: Option<Hook>,
}

#[derive(Default)]
pub(crate) struct Trap {
    armed: Mutex<Option<Armed>>,
    in_flight: Mutex<usize>,
    idle: Condvar,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Trap {
    pub fn arm(&self, at: usize, hook: Hook) {
        *lock(&self.armed) = Some(Armed {
            at,
            on: None,
            hook: Some(hook),
        });
    }

    /// Holds from the first request of `action` on (`RunInstances`): a crash at a point of the
    /// job named by what it does rather than counted.
    pub fn arm_on(&self, action: &str, hook: Hook) {
        *lock(&self.armed) = Some(Armed {
            at: usize::MAX,
            on: Some(action.to_string()),
            hook: Some(hook),
        });
    }

    pub fn disarm(&self) {
        *lock(&self.armed) = None;
    }

    /// Whether the request at journal position `index` is held; the first one held fires the
    /// hook.
    pub fn holds(&self, index: usize, action: &str) -> bool {
        let mut armed = lock(&self.armed);
        if let Some(armed) = armed.as_mut()
            && armed.on.as_deref() == Some(action)
        {
            armed.at = armed.at.min(index);
        }
        let Some(armed) = armed.as_mut().filter(|a| index >= a.at) else {
            return false;
        };
        if let Some(hook) = armed.hook.take() {
            hook();
        }
        true
    }

    /// Counts a request as being handled until the guard drops.
    pub fn enter(self: &Arc<Self>) -> InFlight {
        *lock(&self.in_flight) += 1;
        InFlight(self.clone())
    }

    /// Blocks until no request is being handled.
    pub fn quiet(&self) {
        let mut count = lock(&self.in_flight);
        while *count > 0 {
            count = self
                .idle
                .wait(count)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

pub(crate) struct InFlight(Arc<Trap>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut count = lock(&self.0.in_flight);
        *count = count.saturating_sub(1);
        if *count == 0 {
            self.0.idle.notify_all();
        }
    }
}
