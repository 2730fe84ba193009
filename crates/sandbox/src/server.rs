use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{catalogue, http, locate};

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "moto_server was not found: set {} (make sets it to .venv/bin/moto_server after \
         `make setup`), or install Hangar's package, which builds it in /usr/lib/hangar/emulator",
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
    #[error("moto_server did not say which port it bound: {0}")]
    PortUnreported(String),
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

/// Writes the port the server bound (asked for as port 0) on stdout, and tells moto, which
/// builds some URLs from `MOTO_PORT`.
const REPORT_PORT: &str = "\
import werkzeug.serving as _serving
_activate = _serving.BaseWSGIServer.server_activate
def _report_port(self):
    _activate(self)
    port = self.socket.getsockname()[1]
    os.environ['MOTO_PORT'] = str(port)
    sys.stdout.write(f'{port}\\n')
    sys.stdout.flush()
_serving.BaseWSGIServer.server_activate = _report_port
";

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
        let result = match locate::python_of(moto_server) {
            Some(python) => Self::spawn_reporting_port(&python, flavour, images),
            None => Self::try_ports(moto_server, images),
        };
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

    /// Through our Python prologue the server binds port 0 and writes the port the kernel gave
    /// it on its first stdout line. A port probed here and handed over could be taken by
    /// another test's server in between, and that server would answer our readiness check:
    /// two tests would then share one emulator (CI saw exactly that).
    fn spawn_reporting_port(
        python: &Path,
        flavour: Flavour,
        images: &Path,
    ) -> Result<Self, SandboxError> {
        let patches = match flavour {
            Flavour::Sandbox => AWS_LIKE,
            Flavour::Released => "",
        };
        let mut command = Command::new(python);
        command
            .args(["-c", &[WATCHDOG, REPORT_PORT, patches, RUN_SERVER].concat()])
            .args(["-H", "127.0.0.1", "-p", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        let mut child = Self::spawn_child(command, python, images)?;
        let lifeline = child.stdin.take();
        let stdout = child.stdout.take();
        let port = match stdout.map(read_port) {
            Some(Ok(port)) => port,
            Some(Err(err)) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(err);
            }
            None => unreachable!("stdout is piped above"),
        };
        let mut server = Self {
            child,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            _lifeline: lifeline,
            scratch: None,
        };
        server.wait_ready()?;
        Ok(server)
    }

    /// A `moto_server` that is not a Python script cannot report its port: probe one, and try
    /// again when moto cannot bind it.
    fn try_ports(moto_server: &Path, images: &Path) -> Result<Self, SandboxError> {
        let mut last = None;
        for _ in 0..5 {
            let port = free_port()?;
            let mut command = Command::new(moto_server);
            command
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null());
            let child = Self::spawn_child(command, moto_server, images)?;
            let mut server = Self {
                child,
                addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
                _lifeline: None,
                scratch: None,
            };
            match server.wait_ready() {
                Err(SandboxError::Exited(status)) => last = Some(SandboxError::Exited(status)),
                Ok(()) => return Ok(server),
                Err(other) => return Err(other),
            }
        }
        Err(last.unwrap_or(SandboxError::NotInstalled))
    }

    fn spawn_child(
        mut command: Command,
        program: &Path,
        images: &Path,
    ) -> Result<Child, SandboxError> {
        command
            .env_clear()
            .envs(catalogue::server_env(std::env::vars_os()))
            .env(IMAGES_ENV, images)
            // AWS's managed policies (AmazonSSMManagedInstanceCore, ...) exist in every
            // account; moto loads them only when asked.
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| SandboxError::Spawn {
                path: program.to_path_buf(),
                source,
            })
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

/// The port on the child's first stdout line. The child's later output (there should be none)
/// is drained so that it can never block on a full pipe.
fn read_port(stdout: ChildStdout) -> Result<u16, SandboxError> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let read = reader.read_line(&mut line).map(|_| line);
        let _ = tx.send(read);
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    let line = match rx.recv_timeout(READY_DEADLINE) {
        Ok(Ok(line)) => line,
        Ok(Err(err)) => return Err(SandboxError::PortUnreported(err.to_string())),
        Err(_) => {
            return Err(SandboxError::PortUnreported(format!(
                "nothing within {} s",
                READY_DEADLINE.as_secs()
            )));
        }
    };
    line.trim().parse().map_err(|_| {
        SandboxError::PortUnreported(if line.is_empty() {
            "it exited first".to_string()
        } else {
            format!("it wrote {:?}", line.trim())
        })
    })
}

fn free_port() -> Result<u16, SandboxError> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(SandboxError::NoPort)
}
