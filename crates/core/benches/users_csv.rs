//! `make bench`: checking a users CSV of 100,000 rows (the most Hangar reads: 16 KB of user data
//! carries a few hundred users at best) and refusing one of 1,000,000 rows, which must cost
//! nothing like reading it. Peak memory is the heap's high-water mark during the check, read
//! from `peakmem-alloc`'s counting wrapper around the system allocator, so it is the check's
//! own memory (the CSV's bytes, which the caller holds either way, are reported apart), not the process's RSS, which
//! would also count the allocator's retained pages and the test harness.

use std::hint::black_box;
use std::time::{Duration, Instant};

use hangar_core::users::{MAX_ROWS, check_users_csv};
use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};

#[global_allocator]
static GLOBAL: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

const RUNS: usize = 5;
const MB: f64 = 1024.0 * 1024.0;

fn csv_of(rows: usize) -> String {
    let mut csv = String::from("username,email,name,role\n");
    for i in 0..rows {
        csv.push_str(&format!("user{i},user{i}@example.com,User {i},developer\n"));
    }
    csv
}

/// One check: its wall time and the heap it added at its peak.
fn measure(csv: &str, rows: usize) -> (Duration, usize) {
    GLOBAL.reset_peak_memory();
    let start = Instant::now();
    let report = check_users_csv(csv.as_bytes());
    let took = start.elapsed();
    let peak = GLOBAL.get_peak_memory();
    match &report {
        Ok(_) => assert!(rows <= MAX_ROWS, "{rows} rows were read, past the limit"),
        Err(e) => assert!(rows > MAX_ROWS, "{rows} rows were refused: {e:?}"),
    }
    black_box(report.ok());
    (took, peak)
}

fn main() {
    for rows in [100_000, 1_000_000] {
        let csv = csv_of(rows);
        let mut runs: Vec<(Duration, usize)> = (0..RUNS).map(|_| measure(&csv, rows)).collect();
        runs.sort();
        let (median, peak) = runs[RUNS / 2];
        let (fastest, slowest) = (runs[0].0, runs[RUNS - 1].0);
        let peaks = runs.iter().map(|r| r.1).max().unwrap_or_default();
        let verdict = if rows <= MAX_ROWS {
            format!("read at {:.0} rows/s", rows as f64 / median.as_secs_f64())
        } else {
            "refused".to_string()
        };
        println!(
            "users check {rows} rows ({:.1} MB of CSV), {verdict}: median {median:.2?} (fastest \
             {fastest:.2?}, slowest {slowest:.2?}, {RUNS} runs), peak heap {:.1} MB (most of \
             {RUNS}: {:.1} MB)",
            csv.len() as f64 / MB,
            peak as f64 / MB,
            peaks as f64 / MB,
        );
    }
}
