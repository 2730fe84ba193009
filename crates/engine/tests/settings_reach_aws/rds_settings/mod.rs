//! app-and-database's RDS specs (the instance and its parameter group), field by field, in the
//! form requests the proxy saw. Each spec is destructured without `..`.

use std::collections::BTreeMap;

use hangar_core::graph::spec::{DbParameterGroupSpec, RdsInstanceSpec};
use hangar_testkit::faults;

use super::{expect, only};

pub(crate) fn database_settings(
    proxy: &faults::FaultProxy,
    spec: &RdsInstanceSpec,
    ids: &BTreeMap<String, String>,
) {
    let RdsInstanceSpec {
        db_instance_identifier,
        engine,
        engine_version,
        db_instance_class,
        allocated_storage_gb,
        max_allocated_storage_gb,
        storage_type,
        storage_encrypted,
        multi_az,
        backup_retention_days,
        backup_window,
        publicly_accessible,
        db_name,
        master_username,
        port,
        db_subnet_group,
        db_parameter_group,
        security_groups,
        deletion_protection,
        final_snapshot,
    } = spec;
    let create = only(proxy, "CreateDBInstance");
    let text = |v: &dyn ToString| v.to_string();
    for (name, want) in [
        ("DBInstanceIdentifier", Some(db_instance_identifier.clone())),
        ("Engine", Some(engine.clone())),
        ("EngineVersion", Some(engine_version.clone())),
        ("DBInstanceClass", Some(db_instance_class.clone())),
        ("AllocatedStorage", Some(text(allocated_storage_gb))),
        (
            "MaxAllocatedStorage",
            max_allocated_storage_gb.map(|m| text(&m)),
        ),
        ("StorageType", Some(storage_type.clone())),
        ("StorageEncrypted", Some(text(storage_encrypted))),
        ("MultiAZ", Some(text(multi_az))),
        ("BackupRetentionPeriod", Some(text(backup_retention_days))),
        ("PreferredBackupWindow", backup_window.clone()),
        ("PubliclyAccessible", Some(text(publicly_accessible))),
        ("DBName", Some(db_name.clone())),
        ("MasterUsername", Some(master_username.clone())),
        ("Port", Some(text(port))),
        ("DBSubnetGroupName", Some(ids[db_subnet_group].clone())),
        (
            "DBParameterGroupName",
            db_parameter_group.as_ref().map(|g| ids[g].clone()),
        ),
        ("DeletionProtection", Some(text(deletion_protection))),
        // The password is AWS's to make and keep in Secrets Manager, never Hangar's.
        ("ManageMasterUserPassword", Some("true".to_string())),
    ] {
        expect(&create, name, want.as_deref());
    }
    for (i, group) in security_groups.iter().enumerate() {
        let key = format!("VpcSecurityGroupIds.VpcSecurityGroupId.{}", i + 1);
        expect(&create, &key, Some(&ids[group]));
    }
    // The wish for a final snapshot travels as a tag, so a sweep that finds the database only
    // by its tags still honours it.
    let tagged = create
        .params
        .iter()
        .any(|(_, v)| v == "hangar:final-snapshot");
    assert_eq!(tagged, *final_snapshot, "{:#?}", create.params);
}

/// Seed 003's "SSL: Required": the group is made for the engine's family and holds
/// `rds.force_ssl = 1`, and the database above was created naming it.
pub(crate) fn parameter_group_settings(proxy: &faults::FaultProxy, spec: &DbParameterGroupSpec) {
    let DbParameterGroupSpec {
        db_parameter_group_name,
        family,
        description,
        parameters,
    } = spec;
    let create = only(proxy, "CreateDBParameterGroup");
    expect(
        &create,
        "DBParameterGroupName",
        Some(db_parameter_group_name),
    );
    expect(&create, "DBParameterGroupFamily", Some(family));
    expect(&create, "Description", Some(description));
    let modify = only(proxy, "ModifyDBParameterGroup");
    expect(
        &modify,
        "DBParameterGroupName",
        Some(db_parameter_group_name),
    );
    for (i, (name, value)) in parameters.iter().enumerate() {
        let key = |field: &str| format!("Parameters.Parameter.{}.{field}", i + 1);
        expect(&modify, &key("ParameterName"), Some(name));
        expect(&modify, &key("ParameterValue"), Some(value));
    }
    assert_eq!(
        parameters.get("rds.force_ssl").map(String::as_str),
        Some("1")
    );
}
