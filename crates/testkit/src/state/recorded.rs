//! moto's own record of every object it has made: `GET /moto-api/data.json` lists, per service
//! and model class, each instance moto ever created since its last reset. Deleting an object
//! does not remove it from this record, so it cannot say what is alive; it says which kinds of
//! thing were made at all, including those no describe call below would think to ask about.
//!
//! moto 5.2 cannot always produce it: once any RDS DB instance has been made, data.json answers
//! 500 (`DBInstance.db_subnet_group_name` is a write-only property that raises
//! `NotImplementedError`, which the endpoint does not catch). The record is then `Err`, and the
//! check rests on the listings alone.

use std::collections::BTreeMap;

use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// How many objects of each `service/Class` moto has made.
pub type Made = BTreeMap<String, usize>;

pub async fn made(endpoint: &str) -> Result<Made, String> {
    let url = format!("{}/moto-api/data.json", endpoint.trim_end_matches('/'));
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<bytes::Bytes>>();
    let response = client
        .get(url.parse().expect("the endpoint is a URL"))
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    if !response.status().is_success() {
        return Err(format!("GET {url}: {}", response.status()));
    }
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
        .to_bytes();
    let state: BTreeMap<String, BTreeMap<String, Vec<serde_json::Value>>> =
        serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{url} is not moto's state: {e}"));
    Ok(state
        .into_iter()
        .flat_map(|(service, classes)| {
            classes
                .into_iter()
                .map(move |(class, objects)| (format!("{service}/{class}"), objects.len()))
        })
        .collect())
}
