//! The Secret Service spoken to over D-Bus directly, not through keyring: what a test checks
//! our code against, and how it locks and unlocks a collection as the desktop would.
#![allow(dead_code)]

use std::time::Duration;

use dbus::arg::Variant;
use dbus::blocking::{Connection, Proxy};

const DEST: &str = "org.freedesktop.secrets";
const SERVICE_PATH: &str = "/org/freedesktop/secrets";
const SERVICE: &str = "org.freedesktop.Secret.Service";
/// The collection keyring writes to: the `default` alias, which gnome-keyring points at login.
pub const LOGIN: &str = "/org/freedesktop/secrets/collection/login";
/// The password `scripts/with-keyring.sh` created the login keyring with.
pub const PASSWORD: &str = "hangar-test-only";

pub struct Bus {
    conn: Connection,
}

impl Bus {
    pub fn session() -> Self {
        Self {
            conn: Connection::new_session().expect("the D-Bus session of with-keyring.sh"),
        }
    }

    fn proxy<'a>(&'a self, path: &'a str) -> Proxy<'a, &'a Connection> {
        self.conn.with_proxy(DEST, path, Duration::from_secs(10))
    }

    /// The unlocked and the locked items whose attributes are exactly these.
    pub fn search(&self, attributes: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
        let map: std::collections::HashMap<&str, &str> = attributes.iter().copied().collect();
        let (unlocked, locked): (Vec<dbus::Path>, Vec<dbus::Path>) = self
            .proxy(SERVICE_PATH)
            .method_call(SERVICE, "SearchItems", (map,))
            .expect("SearchItems");
        let text = |paths: Vec<dbus::Path>| paths.into_iter().map(|p| p.to_string()).collect();
        (text(unlocked), text(locked))
    }

    /// Locks `collection` as the desktop does on screen lock; no prompt is involved.
    pub fn lock(&self, collection: &str) {
        let (locked, _prompt): (Vec<dbus::Path>, dbus::Path) = self
            .proxy(SERVICE_PATH)
            .method_call(SERVICE, "Lock", (vec![dbus::Path::from(collection)],))
            .expect("Lock");
        assert_eq!(
            locked.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            vec![collection.to_string()],
            "locked without a prompt"
        );
    }

    /// Unlocks `collection` with its password, the way gnome-keyring's PAM module does: a
    /// plain session on this connection carries the password, since Unlock itself would ask
    /// a prompter this headless session does not have.
    pub fn unlock(&self, collection: &str, password: &str) {
        let service = self.proxy(SERVICE_PATH);
        let (_, session): (Variant<Box<dyn dbus::arg::RefArg>>, dbus::Path) = service
            .method_call(SERVICE, "OpenSession", ("plain", Variant("")))
            .expect("OpenSession");
        let secret = (
            session,
            Vec::<u8>::new(),
            password.as_bytes().to_vec(),
            "text/plain",
        );
        service
            .method_call::<(), _, _, _>(
                "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                "UnlockWithMasterPassword",
                (dbus::Path::from(collection), secret),
            )
            .expect("UnlockWithMasterPassword");
    }

    pub fn is_locked(&self, collection: &str) -> bool {
        use dbus::blocking::stdintf::org_freedesktop_dbus::Properties;
        self.proxy(collection)
            .get("org.freedesktop.Secret.Collection", "Locked")
            .expect("Locked")
    }
}
