//! Through the real part: moto's server from the repo's virtualenv.

use std::net::TcpStream;

use hangar_sandbox::MotoServer;

#[test]
fn starts_answers_resets_and_stops() {
    let server = MotoServer::start().expect("moto_server starts (run `make setup`)");
    let addr = server.addr();
    assert!(server.endpoint().starts_with("http://127.0.0.1:"));
    server.reset().expect("reset answers 200");
    drop(server);
    assert!(
        TcpStream::connect(addr).is_err(),
        "the port is closed once the server is dropped"
    );
}

#[test]
fn two_servers_get_their_own_ports() {
    let a = MotoServer::start().expect("first server");
    let b = MotoServer::start().expect("second server");
    assert_ne!(a.addr(), b.addr());
}

/// Tests start their servers at the same moment (nextest runs them as separate processes). Each
/// server binds a port the kernel picks and reports it, so no two can end up sharing one
/// emulator, which a port probed first and handed over allowed.
#[test]
fn servers_started_at_once_each_answer_on_their_own_port() {
    let mut servers: Vec<MotoServer> = std::thread::scope(|scope| {
        let starts: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| MotoServer::start().expect("server")))
            .collect();
        starts
            .into_iter()
            .map(|s| s.join().expect("thread"))
            .collect()
    });
    let mut addrs: Vec<_> = servers.iter().map(MotoServer::addr).collect();
    addrs.sort();
    addrs.dedup();
    assert_eq!(addrs.len(), servers.len(), "{addrs:?}");
    // Each answers after the others are gone: it is its own process on its own port.
    let last = servers.pop().expect("four");
    drop(servers);
    last.reset().expect("the last server still answers");
}

#[test]
fn missing_binary_is_a_clear_error() {
    let err = MotoServer::start_with(
        std::path::Path::new("/nonexistent/moto_server"),
        hangar_sandbox::Flavour::Sandbox,
    )
    .expect_err("cannot start a missing binary");
    assert!(
        err.to_string().contains("/nonexistent/moto_server"),
        "{err}"
    );
}

/// The emulator must not outlive whoever started it, even when that process is killed with no
/// chance to clean up (a crashed app, a killed `hangar up`, a test runner timing out).
#[test]
fn the_server_dies_with_the_process_that_started_it() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};

    if std::env::var_os("HANGAR_SANDBOX_CHILD").is_some() {
        let server = MotoServer::start().expect("start in child");
        println!("{}", server.addr());
        // Stay alive until the parent kills us; the parent reads the address first.
        std::io::stdin().lines().for_each(drop);
        return;
    }
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "the_server_dies_with_the_process_that_started_it",
            "--nocapture",
        ])
        .env("HANGAR_SANDBOX_CHILD", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn child test");
    let stdout = child.stdout.take().expect("stdout");
    let addr: std::net::SocketAddr = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.trim().parse().ok())
        .expect("the child prints the server's address");
    assert!(TcpStream::connect(addr).is_ok(), "the server is up");

    child.kill().expect("SIGKILL the child");
    child.wait().expect("reap");

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while TcpStream::connect(addr).is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "the server outlived its parent"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
