//! `make bench`: how long the pure model takes on the work a user waits for. Plain timing loops
//! (median of several runs) rather than a benchmark framework, so `cargo bench` stays quick to
//! build; each line is `name: median per iteration (iterations)`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use hangar_core::blueprint::builtin_names;
use hangar_core::{Overrides, load_builtin, plan};

fn median_of<F: FnMut()>(runs: usize, iterations: u32, mut f: F) -> Duration {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed() / iterations
        })
        .collect();
    samples.sort();
    samples[runs / 2]
}

fn main() {
    for name in builtin_names() {
        let blueprint = load_builtin(name).expect("built-in");
        let per = median_of(7, 50, || {
            black_box(plan(&blueprint, &Overrides::new()).expect("valid"));
        });
        println!("plan {name}: {per:?} (50 iterations x 7)");
    }
}
