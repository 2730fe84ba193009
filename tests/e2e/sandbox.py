"""What the Sandbox (moto) holds, read with plain boto3, so the desktop tests judge AWS's state
with none of Hangar's code. Called by tests/e2e/sandbox.mjs; prints JSON on stdout.

    sandbox.py ENDPOINT REGION tagged ENV        everything tagged hangar:env=ENV, by kind
    sandbox.py ENDPOINT REGION user-data ID      an instance's user data, decoded, and its files
    sandbox.py ENDPOINT REGION terminate ID      terminates an instance behind Hangar's back
"""

import base64
import gzip
import json
import shlex
import sys

import boto3

TAG = "hangar:env"


def client(endpoint, region, service):
    # The Sandbox checks no signature; any key is accepted, as the app's own Sandbox profile does.
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def tag_value(tags, key):
    return next((t["Value"] for t in tags or [] if t["Key"] == key), None)


def tagged(endpoint, region, env):
    ec2 = client(endpoint, region, "ec2")
    by_tag = [{"Name": f"tag:{TAG}", "Values": [env]}]
    out = {}
    out["instances"] = [
        {
            "id": i["InstanceId"],
            "state": i["State"]["Name"],
            "type": i["InstanceType"],
            "name": tag_value(i.get("Tags"), "Name"),
            "public_ip": i.get("PublicIpAddress"),
        }
        for r in ec2.describe_instances(Filters=by_tag)["Reservations"]
        for i in r["Instances"]
    ]
    out["vpcs"] = [v["VpcId"] for v in ec2.describe_vpcs(Filters=by_tag)["Vpcs"]]
    out["subnets"] = [s["SubnetId"] for s in ec2.describe_subnets(Filters=by_tag)["Subnets"]]
    out["security_groups"] = [
        g["GroupId"] for g in ec2.describe_security_groups(Filters=by_tag)["SecurityGroups"]
    ]
    out["internet_gateways"] = [
        g["InternetGatewayId"]
        for g in ec2.describe_internet_gateways(Filters=by_tag)["InternetGateways"]
    ]
    out["route_tables"] = [
        t["RouteTableId"] for t in ec2.describe_route_tables(Filters=by_tag)["RouteTables"]
    ]
    out["addresses"] = [a["AllocationId"] for a in ec2.describe_addresses(Filters=by_tag)["Addresses"]]
    out["volumes"] = [v["VolumeId"] for v in ec2.describe_volumes(Filters=by_tag)["Volumes"]]
    # moto ignores tag: filters on NAT gateways, so they are filtered here.
    out["nat_gateways"] = [
        {"id": n["NatGatewayId"], "state": n["State"]}
        for n in ec2.describe_nat_gateways()["NatGateways"]
        if tag_value(n.get("Tags"), TAG) == env
    ]

    rds = client(endpoint, region, "rds")
    out["db_instances"] = [
        {"id": d["DBInstanceIdentifier"], "status": d["DBInstanceStatus"]}
        for d in rds.describe_db_instances()["DBInstances"]
        if tag_value(rds.list_tags_for_resource(ResourceName=d["DBInstanceArn"])["TagList"], TAG) == env
    ]
    out["db_subnet_groups"] = [
        g["DBSubnetGroupName"]
        for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]
        if tag_value(rds.list_tags_for_resource(ResourceName=g["DBSubnetGroupArn"])["TagList"], TAG) == env
    ]

    iam = client(endpoint, region, "iam")
    out["iam_roles"] = [
        r["RoleName"]
        for r in iam.list_roles()["Roles"]
        if tag_value(iam.list_role_tags(RoleName=r["RoleName"])["Tags"], TAG) == env
    ]
    # moto answers ListInstanceProfileTags with a 500; GetInstanceProfile carries the tags.
    out["instance_profiles"] = [
        p["InstanceProfileName"]
        for p in iam.list_instance_profiles()["InstanceProfiles"]
        if tag_value(
            iam.get_instance_profile(InstanceProfileName=p["InstanceProfileName"])["InstanceProfile"].get("Tags"),
            TAG,
        )
        == env
    ]
    return out


def user_data(endpoint, region, instance_id):
    ec2 = client(endpoint, region, "ec2")
    attr = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="userData")
    raw = base64.b64decode(attr.get("UserData", {}).get("Value", ""))
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    script = raw.decode("utf-8")
    # Files travel as `put_file PATH MODE BASE64` lines (see the script's own header); they are
    # decoded here the way the host's `base64 -d` would.
    files = {}
    for line in script.splitlines():
        if line.startswith("put_file "):
            _, path, _mode, payload = shlex.split(line)
            files[path] = base64.b64decode(payload).decode("utf-8")
    return {"script": script, "files": files}


def terminate(endpoint, region, instance_id):
    ec2 = client(endpoint, region, "ec2")
    ec2.terminate_instances(InstanceIds=[instance_id])
    state = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]["State"]
    return {"id": instance_id, "state": state["Name"]}


def main(argv):
    endpoint, region, command, arg = argv[1:5]
    commands = {"tagged": tagged, "user-data": user_data, "terminate": terminate}
    json.dump(commands[command](endpoint, region, arg), sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
