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

#[test]
fn missing_binary_is_a_clear_error() {
    let err = MotoServer::start_with(std::path::Path::new("/nonexistent/moto_server"))
        .expect_err("cannot start a missing binary");
    assert!(err.to_string().contains("/nonexistent/moto_server"), "{err}");
}
