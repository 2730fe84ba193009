#!/usr/bin/env bash
# A real-account smoke test, opt-in and never part of `make test`: provisions the smallest
# blueprint (single-host-dev: one t3.micro, one security group, in the region's default VPC)
# with the named Hangar profile, tears it down, prints how long each took, and then asks AWS
# itself, not Hangar, whether anything tagged with the environment is left.
#
# Cost: a t3.micro and an 8 GB gp3 volume for the few minutes it runs, a cent or two.
# IAM permissions the profile needs: ec2:RunInstances, ec2:TerminateInstances,
# ec2:Describe*, ec2:CreateSecurityGroup, ec2:DeleteSecurityGroup,
# ec2:AuthorizeSecurityGroupIngress, ec2:CreateTags,
# sts:GetCallerIdentity, and tag:GetResources for the final check.
set -euo pipefail

profile="${1:-}"
if [[ -z "$profile" ]]; then
  echo "usage: make smoke-aws PROFILE=name   (a Hangar profile for a real account; this spends money)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
cargo build --quiet --bin hangar
hangar=target/debug/hangar
env="smoke-$(date +%s)"

start=$(date +%s)
"$hangar" up single-host-dev --name "$env" --profile "$profile" --on-failure rollback
up=$(( $(date +%s) - start ))
start=$(date +%s)
"$hangar" down "$env"
down=$(( $(date +%s) - start ))
echo "up: ${up}s, down: ${down}s"

# The proof comes from AWS's tagging API, not from Hangar's own look-ups.
region=$("$hangar" --json show "$env" | python3 -c 'import json,sys; print(json.load(sys.stdin)["region"])')
if command -v aws >/dev/null; then
  left=$(aws resourcegroupstaggingapi get-resources --region "$region" \
    --tag-filters "Key=hangar:env,Values=$env" --query 'ResourceTagMappingList[].ResourceARN' --output text)
  if [[ -n "$left" && "$left" != "None" ]]; then
    echo "left behind: $left" >&2
    exit 1
  fi
  echo "nothing tagged hangar:env=$env is left in $region"
else
  echo "the AWS CLI is not installed: install it (with a profile for the same account) for the independent check" >&2
  exit 1
fi
