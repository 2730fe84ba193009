//! `make bench`: the history's log. How many lines a job writes per second (one INSERT per
//! line, as the engine's recorder does), and how long the last 200 lines of a job of a
//! million take to read: the tail a log view shows first (`Store::log_tail`), against paging
//! through every line from the start as the window did before (5,000 a page).
//! Arguments: `--lines=N` (default 1,000,000), `--runs=N` (default 5).

use std::time::{Duration, Instant};

use hangar_store::{JobKind, LogLevel, NewEnvironment, OnFailure, Store};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str, default: u64| {
        args.iter()
            .find_map(|a| a.strip_prefix(&format!("--{name}=")))
            .map_or(default, |n| n.parse().expect("a number"))
    };
    let (total, runs) = (arg("lines", 1_000_000), arg("runs", 5));
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("store");
    let env = store
        .create_environment(&NewEnvironment {
            name: "bench",
            blueprint: "web-and-postgres",
            blueprint_source: "",
            parameters: "{}",
            profile: "Sandbox",
            region: "us-east-1",
            on_failure: OnFailure::Keep,
            expires_at: None,
        })
        .expect("environment");
    let job = store.start_job(env.id, JobKind::Provision).expect("job");

    let started = Instant::now();
    for i in 0..total {
        store
            .append_log(
                job.id,
                LogLevel::Info,
                "instance.web",
                &format!("creating EC2 instance, attempt {i} of a long and chatty job"),
            )
            .expect("log");
    }
    let wrote = started.elapsed();
    println!(
        "wrote {total} lines in {:.1} s: {:.0} lines/s",
        wrote.as_secs_f64(),
        total as f64 / wrote.as_secs_f64()
    );

    let tail = times(runs, || {
        let (lines, earlier) = store.log_tail(job.id, None, 200).expect("tail");
        assert_eq!((lines.len(), earlier), (200, true));
    });
    println!("last 200 lines (log_tail): {}", tail.describe());
    let paged = times(runs, || {
        let mut after = 0;
        let mut read = 0;
        loop {
            let page = store.logs(job.id, after, 5000).expect("page");
            read += page.len();
            match page.last() {
                Some(last) if page.len() == 5000 => after = last.id,
                Some(_) | None => break,
            }
        }
        assert_eq!(read as u64, total);
    });
    println!("every line, 5,000 a page (before): {}", paged.describe());
}

struct Timings(Vec<Duration>);

fn times(runs: u64, mut work: impl FnMut()) -> Timings {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect();
    all.sort();
    Timings(all)
}

impl Timings {
    fn describe(&self) -> String {
        let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
        format!(
            "median {:.2} ms ({:.2} - {:.2} ms, {} runs)",
            ms(&self.0[self.0.len() / 2]),
            ms(&self.0[0]),
            ms(&self.0[self.0.len() - 1]),
            self.0.len()
        )
    }
}
