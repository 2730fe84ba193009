//! Every kind answers a look by the environment's tag against the emulator, and finds nothing
//! of a new environment: a teardown's final proof asks all of them, so a kind whose look fails
//! would fail every teardown. (Creating and deleting every kind is five_blueprints' and
//! outputs_parameter's, in the engine; core's `every_kind_is_made_by_some_built_in` keeps a
//! new kind from escaping them.)

use crate::support;

use hangar_core::graph::ResourceKind;
use hangar_resources::find_tagged;
use hangar_testkit::MotoServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_can_be_looked_for_by_tag() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "every-kind");
    for kind in ResourceKind::all() {
        let found = find_tagged(&ctx, kind)
            .await
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(found.is_empty(), "{kind}: {found:?}");
    }
}
