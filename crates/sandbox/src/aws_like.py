# Where moto 5 parts from AWS in a way that would leave a Sandbox environment impossible to
# tear down, the Sandbox behaves as AWS documents instead. Run inside the moto_server process,
# before the server starts; each patch names the AWS behaviour it restores.
#
# - DeleteReplicationGroup: AWS lists the group as `deleting` for a few minutes, then it is gone
#   (ReplicationGroupNotFoundFault). moto leaves it `deleting` forever. Here it is listed as
#   `deleting` by the first describe after the delete, and gone from the next one, the same
#   shape moto itself uses for ElastiCache users.
# - DeleteCacheSubnetGroup: moto does not implement it (HTTP 500). Here it deletes the group,
#   answering CacheSubnetGroupInUse while a replication group (even one still `deleting`) or a
#   cache cluster uses it, and CacheSubnetGroupNotFoundFault for an unknown name, as AWS does.
# - SSM's public image parameters: AWS publishes /aws/service/ami-amazon-linux-latest/... and
#   /aws/service/canonical/ubuntu/... in every region, each naming that region's newest image of
#   its family. moto ships only Amazon Linux's, naming images of its own catalogue, which the
#   Sandbox replaces (MOTO_AMIS_PATH, images.json), and no Canonical ones. Here both families
#   name the newest image of images.json, so GetParameter then RunInstances works as on AWS;
#   any other /aws/service/ image parameter is ParameterNotFound, as an unknown name is on AWS.

import json as _json
import os as _os

from moto.core.responses import EmptyResult as _EmptyResult
from moto.elasticache import models as _models
from moto.elasticache import responses as _responses
from moto.elasticache.exceptions import CacheSubnetGroupNotFound as _SubnetGroupNotFound
from moto.elasticache.exceptions import ElastiCacheException as _ElastiCacheException


class _CacheSubnetGroupInUse(_ElastiCacheException):
    code = "CacheSubnetGroupInUse"

    def __init__(self, name):
        super().__init__(f"Cache subnet group {name} is currently in use by a cache cluster.")


_describe_replication_groups = _models.ElastiCacheBackend.describe_replication_groups


def _describe_replication_groups_then_forget_deleted(self, replication_group_id=None):
    groups = _describe_replication_groups(self, replication_group_id)
    for group in groups:
        if group.status == "deleting":
            self.replication_groups.pop(group.replication_group_id, None)
            self.tagging_service.delete_all_tags_for_resource(group.arn)
    return groups


def _delete_cache_subnet_group(self, cache_subnet_group_name):
    if cache_subnet_group_name not in self.cache_subnet_groups:
        raise _SubnetGroupNotFound(cache_subnet_group_name)
    users = list(self.replication_groups.values()) + list(self.cache_clusters.values())
    if any(getattr(u, "cache_subnet_group_name", None) == cache_subnet_group_name for u in users):
        raise _CacheSubnetGroupInUse(cache_subnet_group_name)
    group = self.cache_subnet_groups.pop(cache_subnet_group_name)
    self.tagging_service.delete_all_tags_for_resource(group.arn)
    return group


def _delete_cache_subnet_group_action(self):
    self.elasticache_backend.delete_cache_subnet_group(self._get_param("CacheSubnetGroupName"))
    return _EmptyResult()


_models.ElastiCacheBackend.describe_replication_groups = (
    _describe_replication_groups_then_forget_deleted
)
_models.ElastiCacheBackend.delete_cache_subnet_group = _delete_cache_subnet_group
_responses.ElastiCacheResponse.delete_cache_subnet_group = _delete_cache_subnet_group_action


from moto.ssm import models as _ssm_models

_IMAGE_PARAMETERS = {
    "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id":
        "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-",
    "/aws/service/canonical/ubuntu/server/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id":
        "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-",
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64": "al2023-ami-2023.|-x86_64",
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64": "al2023-ami-2023.|-arm64",
    "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2": "amzn2-ami-hvm-|-x86_64-gp2",
    "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2": "amzn2-ami-hvm-|-arm64-gp2",
}


def _newest_image_id(pattern):
    prefix, _, suffix = pattern.partition("|")
    path = _os.environ.get("MOTO_AMIS_PATH")
    if not path:
        return None
    with open(path, encoding="utf-8") as f:
        images = _json.load(f)
    named = [i for i in images if i["name"].startswith(prefix) and i["name"].endswith(suffix)]
    # Names carry the build date, so the greatest name is the newest image.
    return max(named, key=lambda i: i["name"])["ami_id"] if named else None


_check_loading_status = _ssm_models.ParameterDict._check_loading_status


def _check_loading_status_with_catalogue(self, key):
    key = str(key or "")
    image_family = key.startswith("/aws/service/ami-amazon-linux-latest") or key.startswith(
        "/aws/service/canonical/"
    )
    if not image_family:
        return _check_loading_status(self, key)
    if getattr(self, "_sandbox_images_loaded", False):
        return None
    self._sandbox_images_loaded = True
    # moto's own Amazon Linux list names images the Sandbox catalogue does not hold.
    self.latest_amis_loaded = True
    for name, pattern in _IMAGE_PARAMETERS.items():
        image_id = _newest_image_id(pattern)
        if image_id is None:
            continue
        super(_ssm_models.ParameterDict, self).__getitem__(name).append(
            _ssm_models.Parameter(
                account_id=self.account_id,
                name=name,
                value=image_id,
                parameter_type="String",
                description=None,
                allowed_pattern=None,
                keyid=None,
                last_modified_date=0,
                version=1,
                data_type="aws:ec2:image",
            )
        )
    return None


_ssm_models.ParameterDict._check_loading_status = _check_loading_status_with_catalogue
