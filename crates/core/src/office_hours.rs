//! Office hours: the days and the hours of the day an environment runs (`mon-fri 08:00-19:00
//! Europe/Paris`). Outside them its instances are stopped, which halves a dev environment's
//! compute bill (seed 003). The zone is named so a schedule means the same wall-clock hours in
//! summer and winter; the time-zone database is bundled in the binary, so reading one is no IO.
//!
//! The reaper asks [`due`] what to do, and only the last edge of the window counts: a person who
//! wakes an environment at 21:00 keeps it awake until the next closing, as they meant to.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan, Zoned};

/// RDS starts a stopped instance again after seven days; a pause older than this is made again.
pub const RDS_RESTARTS_AFTER: SignedDuration = SignedDuration::from_hours(24 * 7);
/// How long before RDS's restart the reaper stops it again (its timer runs every 15 minutes).
pub const RESTOP_MARGIN: SignedDuration = SignedDuration::from_hours(6);

/// Weekdays, Monday first, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Days(u8);

const WEEK: [(&str, Weekday); 7] = [
    ("mon", Weekday::Monday),
    ("tue", Weekday::Tuesday),
    ("wed", Weekday::Wednesday),
    ("thu", Weekday::Thursday),
    ("fri", Weekday::Friday),
    ("sat", Weekday::Saturday),
    ("sun", Weekday::Sunday),
];

impl Days {
    fn bit(day: Weekday) -> u8 {
        1 << (day.to_monday_zero_offset() as u8)
    }

    fn has(self, day: Weekday) -> bool {
        self.0 & Self::bit(day) != 0
    }
}

#[derive(Debug, Clone)]
pub struct OfficeHours {
    days: Days,
    opens: Time,
    closes: Time,
    zone: TimeZone,
    zone_name: String,
}

/// Equal when written the same: the zone by its name.
impl PartialEq for OfficeHours {
    fn eq(&self, other: &Self) -> bool {
        (self.days, self.opens, self.closes, &self.zone_name)
            == (other.days, other.opens, other.closes, &other.zone_name)
    }
}

impl Eq for OfficeHours {}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficeHoursError {
    #[error(
        "`{0}` is not office hours: write the days, the hours and a time zone, as `mon-fri 08:00-19:00 Europe/Paris`"
    )]
    Shape(String),
    #[error("`{0}` is not a set of days: write `mon-fri`, `mon,wed,fri`, `weekdays` or `daily`")]
    Days(String),
    #[error("`{0}` is not a range of hours: write `08:00-19:00` (24-hour clock)")]
    Hours(String),
    #[error("`{0}` closes before it opens: overnight office hours are not supported")]
    Backwards(String),
    #[error("`{0}` is not a time zone Hangar knows: write an IANA name such as `Europe/Paris`")]
    Zone(String),
}

/// Which way the window last turned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Opens,
    Closes,
}

impl OfficeHours {
    pub fn zone_name(&self) -> &str {
        &self.zone_name
    }

    pub fn is_open(&self, now: Timestamp) -> bool {
        let local = now.to_zoned(self.zone.clone());
        self.days.has(local.weekday()) && local.time() >= self.opens && local.time() < self.closes
    }

    /// The most recent opening or closing at or before `now` (none for a week without a day).
    pub fn last_edge(&self, now: Timestamp) -> Option<(Timestamp, Edge)> {
        let today = now.to_zoned(self.zone.clone()).date();
        (0..=7)
            .filter_map(|back| today.checked_sub(back.days()).ok())
            .flat_map(|day| [(day, Edge::Closes), (day, Edge::Opens)])
            .filter_map(|(day, edge)| Some((self.edge_on(day, edge)?, edge)))
            .find(|(at, _)| *at <= now)
    }

    /// The next opening or closing after `now`.
    pub fn next_edge(&self, now: Timestamp) -> Option<(Timestamp, Edge)> {
        let today = now.to_zoned(self.zone.clone()).date();
        (0..=7)
            .filter_map(|ahead| today.checked_add(ahead.days()).ok())
            .flat_map(|day| [(day, Edge::Opens), (day, Edge::Closes)])
            .filter_map(|(day, edge)| Some((self.edge_on(day, edge)?, edge)))
            .find(|(at, _)| *at > now)
    }

    fn edge_on(&self, day: Date, edge: Edge) -> Option<Timestamp> {
        if !self.days.has(day.weekday()) {
            return None;
        }
        let time = match edge {
            Edge::Opens => self.opens,
            Edge::Closes => self.closes,
        };
        // A wall-clock time a DST change skips is taken as the instant after the gap.
        day.to_datetime(time)
            .to_zoned(self.zone.clone())
            .ok()
            .map(|z: Zoned| z.timestamp())
    }
}

impl FromStr for OfficeHours {
    type Err = OfficeHoursError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let words: Vec<&str> = text.split_whitespace().collect();
        let [days, hours, zone] = words[..] else {
            return Err(OfficeHoursError::Shape(clip(text)));
        };
        let days = parse_days(days)?;
        let (opens, closes) = hours
            .split_once('-')
            .and_then(|(a, b)| Some((parse_time(a)?, parse_time(b)?)))
            .ok_or_else(|| OfficeHoursError::Hours(clip(hours)))?;
        if closes <= opens {
            return Err(OfficeHoursError::Backwards(clip(hours)));
        }
        let tz = TimeZone::get(zone).map_err(|_| OfficeHoursError::Zone(clip(zone)))?;
        Ok(Self {
            days,
            opens,
            closes,
            zone: tz,
            zone_name: zone.to_string(),
        })
    }
}

/// What an error quotes back: enough to find the mistake, not a pasted page.
fn clip(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn parse_time(text: &str) -> Option<Time> {
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    // 24:00 is the end of the day, the last instant an office can close.
    if (h, m) == (24, 0) {
        return Some(Time::MAX);
    }
    Time::new(h, m, 0, 0).ok()
}

fn parse_days(text: &str) -> Result<Days, OfficeHoursError> {
    let bad = || OfficeHoursError::Days(clip(text));
    let index = |name: &str| WEEK.iter().position(|(n, _)| *n == name).ok_or_else(bad);
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "weekdays" => return Ok(Days(0b001_1111)),
        "daily" => return Ok(Days(0b111_1111)),
        _ => {}
    }
    let mut bits = 0u8;
    for part in lower.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (index(from)?, index(to)?);
                if to < from {
                    return Err(bad());
                }
                (from..=to).for_each(|i| bits |= 1 << i);
            }
            None => bits |= 1 << index(part)?,
        }
    }
    Ok(Days(bits))
}

impl fmt::Display for OfficeHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days: Vec<&str> = WEEK
            .iter()
            .filter(|(_, day)| self.days.has(*day))
            .map(|(name, _)| *name)
            .collect();
        let days = match self.days.0 {
            0b001_1111 => "mon-fri".to_string(),
            0b111_1111 => "daily".to_string(),
            _ => days.join(","),
        };
        let closes = if self.closes == Time::MAX {
            "24:00".to_string()
        } else {
            self.closes.strftime("%H:%M").to_string()
        };
        write!(
            f,
            "{days} {}-{closes} {}",
            self.opens.strftime("%H:%M"),
            self.zone_name
        )
    }
}

/// What office hours ask of an environment now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PowerDue {
    /// The window closed since anyone last started or stopped it by hand: stop it.
    Pause,
    /// The window opened since: start it.
    Wake,
    /// Paused long enough that RDS is about to start it by itself: stop it again.
    PauseAgain,
}

/// Where an environment stands for its office hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub paused: bool,
    /// When someone or something last provisioned, paused or woke it.
    pub last_power_change: Option<Timestamp>,
}

/// What the window asks for at `now`, if anything.
pub fn due(hours: &OfficeHours, standing: Standing, now: Timestamp) -> Option<PowerDue> {
    let since_edge = hours
        .last_edge(now)
        .filter(|(at, _)| standing.last_power_change.is_none_or(|last| last < *at));
    match (since_edge, standing.paused) {
        (Some((_, Edge::Closes)), false) => Some(PowerDue::Pause),
        (Some((_, Edge::Opens)), true) => Some(PowerDue::Wake),
        (_, true)
            if !hours.is_open(now)
                && standing.last_power_change.is_some_and(|last| {
                    now.duration_since(last) >= RDS_RESTARTS_AFTER - RESTOP_MARGIN
                }) =>
        {
            Some(PowerDue::PauseAgain)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(text: &str) -> OfficeHours {
        text.parse().expect(text)
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect(text)
    }

    #[test]
    fn reads_and_writes_the_forms_people_use() {
        assert_eq!(
            hours("weekdays 8:00-19:00 Europe/Paris").to_string(),
            "mon-fri 08:00-19:00 Europe/Paris"
        );
        assert_eq!(
            hours("Mon,Wed-Fri 07:30-24:00 UTC").to_string(),
            "mon,wed,thu,fri 07:30-24:00 UTC"
        );
        assert_eq!(
            hours("daily 00:00-12:00 Asia/Tokyo").to_string(),
            "daily 00:00-12:00 Asia/Tokyo"
        );
    }

    #[test]
    fn says_which_part_is_wrong() {
        let err = |t: &str| t.parse::<OfficeHours>().expect_err(t).to_string();
        assert!(err("mon-fri 08:00-19:00").contains("write the days, the hours and a time zone"));
        assert!(err("mon-fry 08:00-19:00 UTC").contains("`mon-fry` is not a set of days"));
        assert!(err("fri-mon 08:00-19:00 UTC").contains("`fri-mon` is not a set of days"));
        assert!(err("mon-fri 8-19 UTC").contains("`8-19` is not a range of hours"));
        assert!(err("mon-fri 08:00-25:00 UTC").contains("`08:00-25:00`"));
        assert!(err("mon-fri 19:00-08:00 UTC").contains("closes before it opens"));
        assert!(
            err("mon-fri 08:00-19:00 Mars/Olympus").contains("`Mars/Olympus` is not a time zone")
        );
    }

    #[test]
    fn is_open_in_the_zone_not_in_utc() {
        let paris = hours("mon-fri 08:00-19:00 Europe/Paris");
        // Monday 2026-11-30: Paris is UTC+1 in winter.
        assert!(!paris.is_open(at("2026-11-30T06:59:00Z")));
        assert!(paris.is_open(at("2026-11-30T07:00:00Z")));
        assert!(paris.is_open(at("2026-11-30T17:59:59Z")));
        assert!(!paris.is_open(at("2026-11-30T18:00:00Z")));
        // Saturday.
        assert!(!paris.is_open(at("2026-12-05T12:00:00Z")));
        // Summer: UTC+2, so 08:00 is 06:00Z.
        assert!(paris.is_open(at("2026-07-01T06:00:00Z")));
    }

    #[test]
    fn the_last_edge_crosses_the_weekend() {
        let paris = hours("mon-fri 08:00-19:00 Europe/Paris");
        assert_eq!(
            paris.last_edge(at("2026-12-06T12:00:00Z")),
            Some((at("2026-12-04T18:00:00Z"), Edge::Closes)),
            "Sunday noon: Friday's closing"
        );
        assert_eq!(
            paris.next_edge(at("2026-12-06T12:00:00Z")),
            Some((at("2026-12-07T07:00:00Z"), Edge::Opens)),
            "then Monday's opening"
        );
        assert_eq!(
            paris.last_edge(at("2026-12-07T07:00:00Z")),
            Some((at("2026-12-07T07:00:00Z"), Edge::Opens)),
            "an edge is its own instant"
        );
    }

    #[test]
    fn a_closing_on_the_night_clocks_go_back_is_at_the_wall_clock_hour() {
        // 2026-10-25: Paris goes from UTC+2 to UTC+1 at 03:00; a Sunday, so use daily hours.
        let paris = hours("daily 08:00-19:00 Europe/Paris");
        assert_eq!(
            paris.last_edge(at("2026-10-25T20:00:00Z")),
            Some((at("2026-10-25T18:00:00Z"), Edge::Closes))
        );
        assert_eq!(
            paris.last_edge(at("2026-10-24T20:00:00Z")),
            Some((at("2026-10-24T17:00:00Z"), Edge::Closes))
        );
    }

    #[test]
    fn a_closing_pauses_what_runs_and_an_opening_wakes_what_is_paused() {
        let h = hours("mon-fri 08:00-19:00 UTC");
        let running = |last: &str| Standing {
            paused: false,
            last_power_change: Some(at(last)),
        };
        let paused = |last: &str| Standing {
            paused: true,
            last_power_change: Some(at(last)),
        };
        let evening = at("2026-11-30T19:05:00Z");
        assert_eq!(
            due(&h, running("2026-11-30T09:00:00Z"), evening),
            Some(PowerDue::Pause)
        );
        assert_eq!(due(&h, paused("2026-11-30T19:01:00Z"), evening), None);
        let morning = at("2026-12-01T08:05:00Z");
        assert_eq!(
            due(&h, paused("2026-11-30T19:01:00Z"), morning),
            Some(PowerDue::Wake)
        );
        assert_eq!(due(&h, running("2026-12-01T08:01:00Z"), morning), None);
    }

    #[test]
    fn a_wake_by_hand_after_closing_lasts_until_the_next_closing() {
        let h = hours("mon-fri 08:00-19:00 UTC");
        let woken = Standing {
            paused: false,
            last_power_change: Some(at("2026-11-30T21:00:00Z")),
        };
        assert_eq!(due(&h, woken, at("2026-11-30T23:00:00Z")), None);
        assert_eq!(
            due(&h, woken, at("2026-12-01T19:00:00Z")),
            Some(PowerDue::Pause)
        );
    }

    #[test]
    fn a_schedule_set_on_an_old_environment_acts_at_once() {
        let h = hours("mon-fri 08:00-19:00 UTC");
        let never = Standing {
            paused: false,
            last_power_change: None,
        };
        assert_eq!(
            due(&h, never, at("2026-11-30T22:00:00Z")),
            Some(PowerDue::Pause)
        );
        assert_eq!(due(&h, never, at("2026-11-30T12:00:00Z")), None);
    }

    #[test]
    fn a_pause_of_nearly_a_week_is_made_again_before_rds_restarts() {
        let saturdays = hours("sat 08:00-09:00 UTC");
        let paused = Standing {
            paused: true,
            last_power_change: Some(at("2026-12-05T09:00:30Z")),
        };
        assert_eq!(
            due(&saturdays, paused, at("2026-12-11T14:00:00Z")),
            None,
            "six days and five hours: RDS is still stopped"
        );
        assert_eq!(
            due(&saturdays, paused, at("2026-12-12T04:00:00Z")),
            Some(PowerDue::PauseAgain),
            "six days and nineteen hours: stop it again before RDS starts it"
        );
        assert_eq!(
            due(&saturdays, paused, at("2026-12-12T08:30:00Z")),
            Some(PowerDue::Wake),
            "inside the window the opening wins"
        );
    }
}
