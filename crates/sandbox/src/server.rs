use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{catalogue, http, locate};

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "moto_server was not found: set {} (make sets it to .venv/bin/moto_server after \
         `make setup`) or install it beside the app",
        locate::MOTO_SERVER_ENV
    )]
    NotInstalled,
    #[error("could not start {path}: {source}")]
    Spawn {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("moto_server exited before it was ready ({0})")]
    Exited(std::process::ExitStatus),
    #[error("moto_server did not answer on {addr} within {secs} s")]
    NotReady { addr: SocketAddr, secs: u64 },
    #[error("moto_server control call {path} failed: {reason}")]
    Control { path: String, reason: String },
    #[error("no free loopback port: {0}")]
    NoPort(std::io::Error),
}

/// A running moto server, killed when dropped.
#[derive(Debug)]
pub struct MotoServer {
    child: Child,
    addr: SocketAddr,
    /// Held open for the server's lifetime: the watchdog in the child exits when it closes,
    /// which the kernel does for us even when this process is killed outright.
    _lifeline: Option<ChildStdin>,
    /// A private directory made for this server's image catalogue, removed with it.
    scratch: Option<PathBuf>,
}

/// A thread that ends the process when stdin reaches EOF, i.e. when the process that started it
/// is gone. Without it a killed app or test leaves the emulator behind.
const WATCHDOG: &str = "\
import os, sys, threading
def _watch():
    sys.stdin.buffer.read()
    os._exit(0)
threading.Thread(target=_watch, daemon=True).start()
";

/// Where moto parts from AWS so that an environment could never be torn down, the Sandbox
/// behaves as AWS does (the file names each case).
const AWS_LIKE: &str = include_str!("aws_like.py");

const RUN_SERVER: &str = "\
from moto.server import main
sys.argv[0] = 'moto_server'
sys.exit(main(sys.argv[1:]))
";

/// Which moto a server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// The Sandbox: moto with the corrections in `aws_like.py`. What the app and most tests use.
    Sandbox,
    /// moto exactly as released, for the tests that name its limits.
    Released,
}

const READY_DEADLINE: Duration = Duration::from_secs(60);

impl MotoServer {
    /// Starts the `moto_server` that [`locate::find_moto_server`] finds.
    pub fn start() -> Result<Self, SandboxError> {
        Self::start_flavour(Flavour::Sandbox)
    }

    pub fn start_flavour(flavour: Flavour) -> Result<Self, SandboxError> {
        let path = locate::find_moto_server().ok_or(SandboxError::NotInstalled)?;
        Self::start_with(&path, flavour)
    }

    /// The app's Sandbox: its image catalogue kept in the app's (private) data directory.
    pub fn start_in(data_dir: &Path) -> Result<Self, SandboxError> {
        let path = locate::find_moto_server().ok_or(SandboxError::NotInstalled)?;
        let images = catalogue::write_in(data_dir).map_err(|source| SandboxError::Spawn {
            path: data_dir.to_path_buf(),
            source,
        })?;
        Self::start_on_free_port(&path, Flavour::Sandbox, &images, None)
    }

    /// A server whose catalogue lives in a fresh private directory, removed when it stops.
    pub fn start_with(moto_server: &Path, flavour: Flavour) -> Result<Self, SandboxError> {
        let spawn_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SandboxError::Spawn { path, source }
        };
        let tmp = std::env::temp_dir();
        let scratch = catalogue::scratch_dir().map_err(spawn_err(&tmp))?;
        let images = catalogue::write_in(&scratch).map_err(spawn_err(&scratch));
        let images = match images {
            Ok(images) => images,
            Err(err) => {
                let _ = std::fs::remove_dir_all(&scratch);
                return Err(err);
            }
        };
        Self::start_on_free_port(moto_server, flavour, &images, Some(scratch))
    }

    fn start_on_free_port(
        moto_server: &Path,
        flavour: Flavour,
        images: &Path,
        scratch: Option<PathBuf>,
    ) -> Result<Self, SandboxError> {
        let result = Self::try_ports(moto_server, flavour, images);
        match result {
            Ok(mut server) => {
                server.scratch = scratch;
                Ok(server)
            }
            Err(err) => {
                if let Some(dir) = scratch {
                    let _ = std::fs::remove_dir_all(dir);
                }
                Err(err)
            }
        }
    }

    fn try_ports(
        moto_server: &Path,
        flavour: Flavour,
        images: &Path,
    ) -> Result<Self, SandboxError> {
        // Another process can take the port between our probe and moto's bind; moto then exits
        // and we try the next free port, a handful of times.
        let mut last = None;
        for _ in 0..5 {
            let port = free_port()?;
            match Self::spawn_on(moto_server, port, flavour, images) {
                Err(SandboxError::Exited(status)) => last = Some(SandboxError::Exited(status)),
                other => return other,
            }
        }
        Err(last.unwrap_or(SandboxError::NotInstalled))
    }

    fn spawn_on(
        moto_server: &Path,
        port: u16,
        flavour: Flavour,
        images: &Path,
    ) -> Result<Self, SandboxError> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let port_arg = port.to_string();
        let mut command = match locate::python_of(moto_server) {
            Some(python) => {
                let patches = match flavour {
                    Flavour::Sandbox => AWS_LIKE,
                    Flavour::Released => "",
                };
                let mut c = Command::new(python);
                c.args(["-c", &[WATCHDOG, patches, RUN_SERVER].concat()])
                    .stdin(Stdio::piped());
                c
            }
            None => {
                let mut c = Command::new(moto_server);
                c.stdin(Stdio::null());
                c
            }
        };
        let mut child = command
            .args(["-H", "127.0.0.1", "-p", &port_arg])
            .env_clear()
            .envs(catalogue::server_env(std::env::vars_os()))
            .env(IMAGES_ENV, images)
            // AWS's managed policies (AmazonSSMManagedInstanceCore, ...) exist in every
            // account; moto loads them only when asked.
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| SandboxError::Spawn {
                path: moto_server.to_path_buf(),
                source,
            })?;
        let lifeline = child.stdin.take();
        let mut server = Self {
            child,
            addr,
            _lifeline: lifeline,
            scratch: None,
        };
        server.wait_ready()?;
        Ok(server)
    }

    fn wait_ready(&mut self) -> Result<(), SandboxError> {
        let started = Instant::now();
        let mut backoff = Duration::from_millis(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(SandboxError::Exited(status));
            }
            if let Ok(200) = http::request(self.addr, "GET", "/moto-api/") {
                return Ok(());
            }
            if started.elapsed() > READY_DEADLINE {
                return Err(SandboxError::NotReady {
                    addr: self.addr,
                    secs: READY_DEADLINE.as_secs(),
                });
            }
            // Polling a child's readiness, not papering over a race: moto prints nothing we
            // can wait on, so we ask until it answers.
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(Duration::from_millis(250));
        }
    }

    /// `http://127.0.0.1:PORT`, what the SDK's `endpoint_url` takes.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server process's id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Forgets every resource in every region, as if the server had just started.
    pub fn reset(&self) -> Result<(), SandboxError> {
        self.control("POST", "/moto-api/reset")
    }

    fn control(&self, method: &str, path: &str) -> Result<(), SandboxError> {
        match http::request(self.addr, method, path) {
            Ok(200) => Ok(()),
            Ok(code) => Err(SandboxError::Control {
                path: path.into(),
                reason: format!("HTTP {code}"),
            }),
            Err(e) => Err(SandboxError::Control {
                path: path.into(),
                reason: e.to_string(),
            }),
        }
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = &self.scratch {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

const IMAGES_ENV: &str = "MOTO_AMIS_PATH";

fn free_port() -> Result<u16, SandboxError> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(SandboxError::NoPort)
}
