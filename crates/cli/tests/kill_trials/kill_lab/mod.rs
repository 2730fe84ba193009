//! One blueprint's kill trials: the emulator, the verifying proxy in front of it, a data
//! directory, a keychain profile pointed at the proxy, and what to ask the emulator directly
//! (past the proxy) once the binary is dead.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_ec2::types::Filter;
use hangar_core::graph::ResourceKind;
use hangar_core::{Overrides, load_builtin, plan};
use hangar_resources::{Clients, Ctx, find_tagged};
use hangar_store::{EnvironmentStatus, Store};
use hangar_testkit::faults::{FaultProxy, FaultStats};
use hangar_testkit::state::{Snapshot, difference};
use hangar_testkit::{MotoServer, REGION, sdk_config};

use crate::common::signed;

pub struct Lab {
    blueprint: &'static str,
    moto: MotoServer,
    proxy: FaultProxy,
    dir: tempfile::TempDir,
    runtime: tokio::runtime::Runtime,
    profile: String,
    /// The emulator before anything was made: what every teardown must return it to, judged
    /// by listings that share no code with Hangar.
    baseline: Snapshot,
}

/// What an unkilled run of the blueprint did, in AWS calls.
pub struct Dry {
    pub up_calls: usize,
    pub down_calls: usize,
    /// Position (0-based) of the first create among the up's calls.
    pub first_create: usize,
}

pub struct Killed {
    pub status: ExitStatus,
    /// The actions of the calls made before the one that killed it.
    pub before: Vec<String>,
    stderr: String,
}

impl Killed {
    pub fn assert_killed(&self, what: &str) {
        assert_eq!(
            self.status.signal(),
            Some(9),
            "{what}: the process must die by SIGKILL, not {:?}; it said: {}",
            self.status,
            self.stderr
        );
    }
}

/// Creates the calls a resource comes from (S3's CreateBucket is a bare PUT).
pub fn is_create(action: &str) -> bool {
    action.starts_with("Create") || action == "RunInstances" || action == "AllocateAddress"
}

/// `count` kill points in `lo..=hi`, one in each of `count` equal stretches, placed inside it
/// by a seeded splitmix64: every part of the job is hit, and the same way every run.
pub fn kill_points(seed: u64, lo: usize, hi: usize, count: usize) -> Vec<usize> {
    assert!(lo <= hi, "no room for kill points in {lo}..={hi}");
    let span = (hi - lo + 1) as u64;
    let mut state = seed;
    (0..count as u64)
        .map(|i| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let start = i * span / count as u64;
            let end = ((i + 1) * span / count as u64).max(start + 1);
            lo + usize::try_from(start + z % (end - start)).expect("small")
        })
        .collect()
}

impl Lab {
    pub fn new(blueprint: &'static str) -> Self {
        let moto = MotoServer::start().expect("moto");
        let proxy = signed::verifying_proxy(&moto);
        let dir = tempfile::tempdir().expect("tempdir");
        let profile = format!("kill-{blueprint}-{}", std::process::id());
        signed::add_keys_profile(
            dir.path(),
            &profile,
            signed::SECRET,
            &proxy.endpoint(),
            true,
        );
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let baseline = runtime.block_on(Snapshot::take(&moto.endpoint()));
        Self {
            blueprint,
            moto,
            proxy,
            dir,
            runtime,
            profile,
            baseline,
        }
    }

    /// An unkilled up and down, counted; they must succeed and be exact too.
    pub fn dry_run(&self) -> Dry {
        let mark = self.proxy.mark();
        self.must(
            &["up", self.blueprint, "--name", "dry"],
            &format!("{} dry up", self.blueprint),
        );
        let up = self.proxy.actions_since(mark);
        self.assert_exactly_the_plan("dry", &format!("{} dry run", self.blueprint));
        let mark = self.proxy.mark();
        self.must(&["down", "dry"], &format!("{} dry down", self.blueprint));
        let down_calls = self.proxy.actions_since(mark).len();
        self.assert_nothing_left(&format!("{} dry run", self.blueprint));
        Dry {
            up_calls: up.len(),
            down_calls,
            first_create: up
                .iter()
                .position(|a| is_create(a))
                .expect("an up creates something"),
        }
    }

    pub fn must(&self, args: &[&str], what: &str) {
        let out = signed::run(self.dir.path(), args);
        assert!(
            out.status.success(),
            "{what} failed: {}",
            crate::common::text(&out.stderr)
        );
    }

    pub fn up_killed_at(&self, env: &str, n: usize) -> Killed {
        self.killed_at(n, &["up", self.blueprint, "--name", env])
    }

    pub fn down_killed_at(&self, env: &str, n: usize) -> Killed {
        self.killed_at(n, &["down", env])
    }

    /// Runs `hangar args`, SIGKILLed by the proxy as the n-th call arrives.
    fn killed_at(&self, n: usize, args: &[&str]) -> Killed {
        let slot: Arc<Mutex<Option<Child>>> = Arc::default();
        // Held while the child starts, so the hook cannot look for it before it is there.
        let mut held = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let mark = self.proxy.mark();
        let hook_slot = slot.clone();
        self.proxy.trip_at(n, move || {
            if let Some(child) = hook_slot
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .as_mut()
            {
                child.kill().expect("SIGKILL hangar");
            }
        });
        let mut child = signed::hangar(self.dir.path())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start hangar");
        let mut stderr_pipe = child.stderr.take().expect("stderr");
        *held = Some(child);
        drop(held);

        // The pipe closes when the process is gone, killed or not: no polling, no timer.
        let mut stderr = String::new();
        stderr_pipe.read_to_string(&mut stderr).expect("stderr");
        let status = slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
            .expect("the child")
            .wait()
            .expect("reap hangar");
        self.proxy.quiet();
        self.proxy.reopen();
        let mut before = self.proxy.actions_since(mark);
        before.truncate(n.saturating_sub(1));
        Killed {
            status,
            before,
            stderr,
        }
    }

    fn ctx(&self, env: &str) -> Ctx {
        let store = Store::open_in(self.dir.path()).expect("the history opens");
        let record = store.environment(env).expect("read").expect("recorded");
        Ctx::new(
            Clients::new(&sdk_config(&self.moto.endpoint())),
            env,
            &record.uid,
            REGION,
        )
    }

    /// What the emulator holds now that it did not before anything was made, by the
    /// independent listings: empty when nothing is left.
    pub fn made_since_baseline(&self) -> String {
        let now = self.runtime.block_on(Snapshot::take(&self.moto.endpoint()));
        difference(&self.baseline, &now)
    }

    pub fn assert_nothing_left(&self, what: &str) {
        let diff = self.made_since_baseline();
        assert!(
            diff.is_empty(),
            "{what}: the emulator differs from before anything was made:\n{diff}"
        );
    }

    /// Exactly the plan's count of each kind, no duplicates; VPCs, instances and DB instances
    /// counted with plain SDK calls too, not only through the code under test.
    pub fn assert_exactly_the_plan(&self, env: &str, what: &str) {
        let plan = plan(
            &load_builtin(self.blueprint).expect("built-in"),
            &Overrides::new(),
        )
        .expect("plan");
        let ctx = self.ctx(env);
        let sdk = sdk_config(&self.moto.endpoint());
        let ec2 = aws_sdk_ec2::Client::new(&sdk);
        let rds = aws_sdk_rds::Client::new(&sdk);
        let env_id = Filter::builder()
            .name("tag:hangar:env-id")
            .values(ctx.env_id.clone())
            .build();
        self.runtime.block_on(async {
            for kind in ResourceKind::all().filter(|k| k.found_by_tag()) {
                let found = find_tagged(&ctx, kind).await.expect("look").len();
                assert_eq!(found, plan.graph.count(kind), "{what}: {kind:?}");
            }
            let vpcs = ec2
                .describe_vpcs()
                .filters(env_id.clone())
                .send()
                .await
                .expect("DescribeVpcs");
            assert_eq!(vpcs.vpcs().len(), 1, "{what}: one VPC");
            let live = Filter::builder()
                .name("instance-state-name")
                .values("pending")
                .values("running")
                .build();
            let reservations = ec2
                .describe_instances()
                .filters(env_id.clone())
                .filters(live)
                .send()
                .await
                .expect("DescribeInstances");
            let instances: usize = reservations
                .reservations()
                .iter()
                .map(|r| r.instances().len())
                .sum();
            assert_eq!(
                instances,
                plan.graph.count(ResourceKind::Instance),
                "{what}: instances"
            );
            // Every earlier trial tore its environment down, so every DB instance is this one's.
            let databases = rds
                .describe_db_instances()
                .send()
                .await
                .expect("DescribeDBInstances");
            assert_eq!(
                databases.db_instances().len(),
                plan.graph.count(ResourceKind::RdsInstance),
                "{what}: DB instances"
            );
        });
    }

    /// The environment is gone, and every job, the killed ones too, is in the history and
    /// no longer `running`.
    pub fn assert_history(&self, env: &str, resumed: bool, what: &str) {
        let store = Store::open_in(self.dir.path()).expect("the history opens");
        let record = store.environment(env).expect("read").expect("recorded");
        assert_eq!(record.status, EnvironmentStatus::Destroyed, "{what}");
        let jobs: Vec<(String, String)> = store
            .jobs(record.id)
            .expect("jobs")
            .iter()
            .map(|j| (j.kind.as_str().to_string(), j.status.as_str().to_string()))
            .collect();
        let expected: &[(&str, &str)] = if resumed {
            &[
                ("teardown", "succeeded"),
                ("teardown", "interrupted"),
                ("resume", "succeeded"),
                ("provision", "interrupted"),
            ]
        } else {
            &[("teardown", "succeeded"), ("provision", "interrupted")]
        };
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, s)| ((*k).to_string(), (*s).to_string()))
            .collect();
        assert_eq!(jobs, expected, "{what}: newest job first");
    }

    pub fn assert_every_call_signed_with_the_stored_secret(&self) {
        let stats = &self.proxy.stats;
        let requests = FaultStats::get(&stats.requests);
        assert!(requests > 0);
        assert_eq!(
            FaultStats::get(&stats.signatures_rejected),
            0,
            "{}: calls not signed with the stored secret",
            self.blueprint
        );
        assert_eq!(
            FaultStats::get(&stats.signed_with_expected),
            requests,
            "{}: every call, held ones too, was signed with the stored secret",
            self.blueprint
        );
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            signed::remove_profile(self.dir.path(), &self.profile);
        }
    }
}
