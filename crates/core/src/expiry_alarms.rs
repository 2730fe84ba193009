//! What the running app says about an environment's expiry, and when: a warning two hours and
//! thirty minutes before (a desktop notification, and a toast in the window that keeps it an
//! hour more), then the teardown at the expiry itself. No clock here: the shell owns the timer
//! and asks what is due between its last look and now.

use jiff::{SignedDuration, Timestamp};

/// The moments around an expiry the app acts on, least urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Alarm {
    TwoHoursLeft,
    HalfAnHourLeft,
    Expired,
}

impl Alarm {
    pub const ALL: [Self; 3] = [Self::TwoHoursLeft, Self::HalfAnHourLeft, Self::Expired];

    /// How long before the expiry it rings.
    pub fn lead(self) -> SignedDuration {
        match self {
            Self::TwoHoursLeft => SignedDuration::from_hours(2),
            Self::HalfAnHourLeft => SignedDuration::from_mins(30),
            Self::Expired => SignedDuration::ZERO,
        }
    }

    pub fn rings_at(self, expires_at: Timestamp) -> Timestamp {
        expires_at.saturating_sub(self.lead()).unwrap_or(expires_at)
    }
}

/// The most urgent alarm of `expires_at` that rang after `since` and by `now`. A look that
/// passed two of them at once (the app was closed, the machine asleep) speaks once, of the
/// later. `since = None` is the app's first look: every alarm up to now counts, so opening the
/// app 20 minutes before an expiry warns of it.
pub fn rang(expires_at: Timestamp, since: Option<Timestamp>, now: Timestamp) -> Option<Alarm> {
    Alarm::ALL.into_iter().rev().find(|alarm| {
        let at = alarm.rings_at(expires_at);
        at <= now && since.is_none_or(|since| at > since)
    })
}

/// The first alarm of any of `expiries` still to ring after `now`.
pub fn next_ring(
    expiries: impl IntoIterator<Item = Timestamp>,
    now: Timestamp,
) -> Option<Timestamp> {
    expiries
        .into_iter()
        .flat_map(|expires_at| Alarm::ALL.map(|alarm| alarm.rings_at(expires_at)))
        .filter(|at| *at > now)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    const EXPIRY: &str = "2026-11-30T18:00:00Z";

    #[test]
    fn each_alarm_rings_once_between_two_looks() {
        let expiry = at(EXPIRY);
        let look = |since: &str, now: &str| rang(expiry, Some(at(since)), at(now));
        assert_eq!(look("2026-11-30T15:00:00Z", "2026-11-30T15:59:59Z"), None);
        assert_eq!(
            look("2026-11-30T15:59:59Z", "2026-11-30T16:00:00Z"),
            Some(Alarm::TwoHoursLeft)
        );
        assert_eq!(look("2026-11-30T16:00:00Z", "2026-11-30T17:00:00Z"), None);
        assert_eq!(
            look("2026-11-30T17:00:00Z", "2026-11-30T17:30:00Z"),
            Some(Alarm::HalfAnHourLeft)
        );
        assert_eq!(
            look("2026-11-30T17:59:00Z", "2026-11-30T18:00:01Z"),
            Some(Alarm::Expired)
        );
        assert_eq!(look("2026-11-30T18:00:01Z", "2026-11-30T19:00:00Z"), None);
    }

    #[test]
    fn a_long_gap_speaks_once_of_the_latest_and_a_first_look_of_what_is_due() {
        let expiry = at(EXPIRY);
        assert_eq!(
            rang(
                expiry,
                Some(at("2026-11-30T12:00:00Z")),
                at("2026-11-30T17:45:00Z")
            ),
            Some(Alarm::HalfAnHourLeft)
        );
        assert_eq!(
            rang(expiry, None, at("2026-11-30T16:30:00Z")),
            Some(Alarm::TwoHoursLeft)
        );
        assert_eq!(
            rang(expiry, None, at("2026-12-03T00:00:00Z")),
            Some(Alarm::Expired)
        );
        assert_eq!(rang(expiry, None, at("2026-11-30T15:00:00Z")), None);
    }

    /// An environment made with an hour to live was never two hours from its end while
    /// watched: the look after its creation does not warn of it.
    #[test]
    fn an_alarm_before_the_expiry_was_set_does_not_ring() {
        let made = at("2026-11-30T17:00:00Z");
        let expiry = at("2026-11-30T18:00:00Z");
        let previous_look = at("2026-11-30T16:59:30Z");
        assert_eq!(rang(expiry, Some(previous_look), made), None);
    }

    #[test]
    fn the_next_ring_is_the_earliest_alarm_still_ahead() {
        let now = at("2026-11-30T16:30:00Z");
        let expiries = [at(EXPIRY), at("2026-11-30T16:45:00Z")];
        assert_eq!(next_ring(expiries, now), Some(at("2026-11-30T16:45:00Z")));
        assert_eq!(
            next_ring([at(EXPIRY)], now),
            Some(at("2026-11-30T17:30:00Z"))
        );
        assert_eq!(next_ring([at("2026-11-30T16:00:00Z")], now), None);
        assert_eq!(next_ring([], now), None);
    }
}
