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
