//! How long an environment may live: a lifetime written as people write it (`8h`, `90m`, `2d`,
//! `1h30m`), the expiry it gives, and how much of it is left. Forgotten environments cost money
//! every hour; the reaper ends the ones whose expiry has passed.

use std::fmt;
use std::str::FromStr;

use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp};

/// The longest lifetime one extension may add: beyond that an environment is not temporary.
pub const MAX_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 90);

/// A positive span of time, at most [`MAX_LIFETIME`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetime(SignedDuration);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifetimeError {
    #[error("`{0}` is not a lifetime: write it as 8h, 90m, 2d or 1h30m")]
    Unreadable(String),
    #[error("`{0}` is not a lifetime: it must be longer than zero")]
    NotPositive(String),
    #[error("`{0}` is longer than the 90 days an environment may be given at once")]
    TooLong(String),
}

impl Lifetime {
    pub fn duration(self) -> SignedDuration {
        self.0
    }

    /// A lifetime of whole seconds, the form the history keeps a profile's default in.
    pub fn from_secs(secs: i64) -> Result<Self, LifetimeError> {
        check(SignedDuration::from_secs(secs), &format!("{secs}s"))
    }

    /// When an environment given this lifetime now expires.
    pub fn expiry_from(self, now: Timestamp) -> Timestamp {
        now.saturating_add(self.0)
            .expect("a lifetime of at most 90 days stays within jiff's range")
    }

    /// The new expiry when this much is added: to the current expiry while it is ahead, else
    /// to now (an environment past its expiry that is kept gets the whole lifetime from now).
    pub fn extend(self, current: Option<Timestamp>, now: Timestamp) -> Timestamp {
        let from = current.filter(|at| *at > now).unwrap_or(now);
        self.expiry_from(from)
    }
}

fn check(duration: SignedDuration, text: &str) -> Result<Lifetime, LifetimeError> {
    if duration <= SignedDuration::ZERO {
        return Err(LifetimeError::NotPositive(text.to_string()));
    }
    if duration > MAX_LIFETIME {
        return Err(LifetimeError::TooLong(text.to_string()));
    }
    Ok(Lifetime(duration))
}

impl FromStr for Lifetime {
    type Err = LifetimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let unreadable = || LifetimeError::Unreadable(trimmed.to_string());
        // A bare number has no unit to read it by.
        if trimmed.is_empty() || trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unreadable());
        }
        let span: Span = trimmed.parse().map_err(|_| unreadable())?;
        // Calendar units (months, years) have no fixed length; days here are 24 hours.
        let duration = span
            .to_duration(SpanRelativeTo::days_are_24_hours())
            .map_err(|_| unreadable())?;
        check(duration, trimmed)
    }
}

/// The lifetime asked for a new environment: its profile's default unless one is given, and
/// `never` said out loud rather than by leaving the field out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LifetimeChoice {
    #[default]
    ProfileDefault,
    For(Lifetime),
    Never,
}

impl LifetimeChoice {
    /// The lifetime the environment gets, given its profile's default.
    pub fn resolve(self, profile_default: Option<Lifetime>) -> Option<Lifetime> {
        match self {
            Self::ProfileDefault => profile_default,
            Self::For(lifetime) => Some(lifetime),
            Self::Never => None,
        }
    }
}

impl FromStr for LifetimeChoice {
    type Err = LifetimeError;

    /// `never`, `default` (the profile's), or a lifetime such as `8h`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "never" => Ok(Self::Never),
            "default" => Ok(Self::ProfileDefault),
            other => other.parse().map(Self::For),
        }
    }
}

impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", short(self.0))
    }
}

/// What is left before `expires_at`, as a list shows it: `3h 12m left`, `expired 5m ago`.
pub fn time_left(expires_at: Timestamp, now: Timestamp) -> String {
    let left = expires_at.duration_since(now);
    if left > SignedDuration::ZERO {
        format!("{} left", short(left))
    } else {
        format!("expired {} ago", short(-left))
    }
}

/// The two largest units, rounded down: `2d 4h`, `3h 12m`, `45s`.
fn short(duration: SignedDuration) -> String {
    let secs = duration.as_secs().max(0);
    let (days, hours, minutes) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{secs}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    #[test]
    fn a_choice_is_the_profile_default_unless_a_lifetime_or_never_is_given() {
        let eight: Lifetime = "8h".parse().expect("8h");
        let two: Lifetime = "2h".parse().expect("2h");
        let choice = |text: &str| text.parse::<LifetimeChoice>().expect(text);
        assert_eq!(choice("default").resolve(Some(eight)), Some(eight));
        assert_eq!(LifetimeChoice::default().resolve(None), None);
        assert_eq!(choice(" 2h ").resolve(Some(eight)), Some(two));
        assert_eq!(choice("never").resolve(Some(eight)), None);
        assert!("nevermore".parse::<LifetimeChoice>().is_err());
    }

    #[test]
    fn a_lifetime_kept_in_seconds_reads_back_and_is_checked() {
        let eight: Lifetime = "8h".parse().expect("8h");
        assert_eq!(Lifetime::from_secs(eight.duration().as_secs()), Ok(eight));
        assert!(matches!(
            Lifetime::from_secs(0),
            Err(LifetimeError::NotPositive(_))
        ));
        assert!(matches!(
            Lifetime::from_secs(MAX_LIFETIME.as_secs() + 1),
            Err(LifetimeError::TooLong(_))
        ));
    }

    #[test]
    fn reads_what_people_write() {
        let hours = |h| SignedDuration::from_hours(h);
        assert_eq!(
            "8h".parse::<Lifetime>().map(Lifetime::duration),
            Ok(hours(8))
        );
        assert_eq!(
            "2d".parse::<Lifetime>().map(Lifetime::duration),
            Ok(hours(48))
        );
        assert_eq!(
            "1h30m".parse::<Lifetime>().map(Lifetime::duration),
            Ok(SignedDuration::from_mins(90))
        );
        assert_eq!(
            " 45 seconds ".parse::<Lifetime>().map(Lifetime::duration),
            Ok(SignedDuration::from_secs(45))
        );
    }

    #[test]
    fn refuses_what_is_not_a_lifetime_and_says_how_to_write_one() {
        for bad in ["", "8", "soon", "8x"] {
            let err = bad.parse::<Lifetime>().expect_err(bad);
            assert!(err.to_string().contains("8h"), "{bad}: {err}");
        }
        for nothing in ["0h", "-2h"] {
            assert_eq!(
                nothing.parse::<Lifetime>(),
                Err(LifetimeError::NotPositive(nothing.into()))
            );
        }
        assert_eq!(
            "91d".parse::<Lifetime>(),
            Err(LifetimeError::TooLong("91d".into()))
        );
    }

    #[test]
    fn extending_adds_to_an_expiry_ahead_and_to_now_after_one_passed() {
        let now = at("2026-11-30T12:00:00Z");
        let four: Lifetime = "4h".parse().expect("4h");
        assert_eq!(
            four.extend(Some(at("2026-11-30T14:00:00Z")), now),
            at("2026-11-30T18:00:00Z")
        );
        assert_eq!(
            four.extend(Some(at("2026-11-30T09:00:00Z")), now),
            at("2026-11-30T16:00:00Z")
        );
        assert_eq!(four.extend(None, now), at("2026-11-30T16:00:00Z"));
    }

    #[test]
    fn time_left_reads_both_ways() {
        let now = at("2026-11-30T12:00:00Z");
        assert_eq!(time_left(at("2026-11-30T15:12:30Z"), now), "3h 12m left");
        assert_eq!(time_left(at("2026-12-02T16:00:00Z"), now), "2d 4h left");
        assert_eq!(time_left(at("2026-11-30T11:55:00Z"), now), "expired 5m ago");
        assert_eq!(time_left(now, now), "expired 0s ago");
    }
}
