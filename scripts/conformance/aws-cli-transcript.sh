#!/usr/bin/env bash
# Runs the AWS CLI v1 against the local cloud (`stp local`) the way a user would: `cloudformation
# deploy` twice (create, then an update that replaces the topic), describe-stack-events, the
# waiters, delete-stack. Prints the transcript. Needs `aws` on PATH and a built dist/ (npm run build).
#   bash scripts/conformance/aws-cli-transcript.sh [port]
set -u
port="${1:-4599}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
cat > demo.yaml <<'YAML'
AWSTemplateFormatVersion: '2010-09-09'
Description: stp local cloud, AWS CLI v1 transcript
Parameters:
  TopicName:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref TopicName
  Setting:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !GetAtt Topic.TopicName
Outputs:
  TopicArn:
    Value: !Ref Topic
YAML
STP_LOCAL_TIME_SCALE=20 node "$repo/dist/stp.mjs" local --port "$port" > server.log 2>&1 &
server=$!
for _ in $(seq 1 50); do grep -q listening server.log 2>/dev/null && break; sleep 0.2; done
export AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
endpoint="--endpoint-url http://127.0.0.1:$port"
run() { echo "\$ $*"; "$@" 2>&1; echo "[exit $?]"; }
run aws cloudformation deploy $endpoint --template-file demo.yaml --stack-name demo --parameter-overrides TopicName=orders-v1
run aws cloudformation deploy $endpoint --template-file demo.yaml --stack-name demo --parameter-overrides TopicName=orders-v2
run aws cloudformation wait stack-update-complete $endpoint --stack-name demo
run aws cloudformation describe-stack-events $endpoint --stack-name demo --query 'StackEvents[].[LogicalResourceId,ResourceStatus,ResourceStatusReason]' --output text
run aws cloudformation describe-stack-events $endpoint --stack-name demo --query 'StackEvents[0]'
run aws cloudformation delete-stack $endpoint --stack-name demo
run aws cloudformation wait stack-delete-complete $endpoint --stack-name demo
run aws cloudformation describe-stacks $endpoint --stack-name demo
