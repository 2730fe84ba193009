//! What the emulator itself says of an environment's instances and databases (by their
//! `hangar:env` tag): the truth a pause or wake is judged by, not Hangar's own history.

use aws_sdk_ec2::types::Filter;
use hangar_testkit::sdk_config;

/// The states of `env`'s EC2 instances and RDS instances at the emulator's `endpoint`.
pub fn states(endpoint: &str, env: &str) -> (Vec<String>, Vec<String>) {
    let config = sdk_config(endpoint);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let instances = aws_sdk_ec2::Client::new(&config)
            .describe_instances()
            .filters(Filter::builder().name("tag:hangar:env").values(env).build())
            .send()
            .await
            .expect("describe instances");
        let hosts = instances
            .reservations()
            .iter()
            .flat_map(|r| r.instances())
            .filter_map(|i| i.state()?.name().map(|n| n.as_str().to_string()))
            .collect();
        let databases = databases(&config, env)
            .await
            .into_iter()
            .map(|(_, status)| status)
            .collect();
        (hosts, databases)
    })
}

/// Starts `env`'s databases behind Hangar's back, as RDS does by itself after seven days.
pub fn start_databases(endpoint: &str, env: &str) {
    let config = sdk_config(endpoint);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let rds = aws_sdk_rds::Client::new(&config);
        for (id, _) in databases(&config, env).await {
            rds.start_db_instance()
                .db_instance_identifier(id)
                .send()
                .await
                .expect("start the database");
        }
    });
}

async fn databases(config: &aws_config::SdkConfig, env: &str) -> Vec<(String, String)> {
    aws_sdk_rds::Client::new(config)
        .describe_db_instances()
        .send()
        .await
        .expect("describe databases")
        .db_instances()
        .iter()
        .filter(|db| {
            db.tag_list()
                .iter()
                .any(|t| t.key() == Some("hangar:env") && t.value() == Some(env))
        })
        .map(|db| {
            (
                db.db_instance_identifier().unwrap_or_default().to_string(),
                db.db_instance_status().unwrap_or_default().to_string(),
            )
        })
        .collect()
}
