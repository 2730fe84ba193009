//! Shared by the cloud tests: a history in a temp dir, keyring's mock keychain, moto, and a
//! one-reply fake STS for the errors moto never gives (it accepts any credentials).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use hangar_cloud::{AwsFiles, StoreSource};
use hangar_keychain::{Keychain, ProfileSecret, Secret};
use hangar_store::{ProfileKind, ProfileRecord, Store};

pub const REGION: &str = "us-east-1";
pub const KNOWN_SECRET: &str = "hangar-test-secret-9f3c1e";

pub struct World {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub keychain: Keychain,
}

impl World {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_in(dir.path()).expect("store");
        Self {
            dir,
            store,
            keychain: Keychain::mock(),
        }
    }

    pub fn source(&self) -> StoreSource<'_> {
        StoreSource {
            store: &self.store,
            keychain: &self.keychain,
            aws_files: AwsFiles::in_dir(self.dir.path()),
        }
    }

    pub fn keys(&self, name: &str, endpoint: &str) {
        let mut p = ProfileRecord::new(name, ProfileKind::AccessKeys, REGION);
        p.endpoint = Some(endpoint.into());
        self.store.save_profile(&p).expect("save keys profile");
        let secret = ProfileSecret::new("AKIAHANGARTEST", Secret::new(KNOWN_SECRET));
        self.keychain.set(name, &secret).expect("keychain");
    }

    pub fn role(&self, name: &str, source: &str, edit: impl FnOnce(&mut ProfileRecord)) {
        let mut p = ProfileRecord::new(name, ProfileKind::AssumeRole, REGION);
        p.source_profile = Some(source.into());
        p.role_arn = Some(format!("arn:aws:iam::123456789012:role/{name}"));
        edit(&mut p);
        self.store.save_profile(&p).expect("save role profile");
    }
}

/// Answers every request with one canned STS error, for a bounded number of connections.
pub fn fake_sts(status: u16, code: &str, message: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let body = format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fake</RequestId></ErrorResponse>"
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut request_body = vec![0; length];
            let _ = reader.read_exact(&mut request_body);
            let _ = write!(
                stream,
                "HTTP/1.1 {status} Error\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{addr}")
}

/// A loopback port with nothing listening on it.
pub fn closed_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    format!("http://{addr}")
}
