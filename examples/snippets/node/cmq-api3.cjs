const tencentcloud = require("tencentcloud-sdk-nodejs");

async function main() {
  const tdmq = new tencentcloud.tdmq.v20200217.Client({
    credential: { secretId: "AKIDmqmock00000000000000000000000001", secretKey: "mqmock-secret-key" },
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: "127.0.0.1:9102", protocol: "http://" } },
  });
  await tdmq.CreateCmqQueue({ QueueName: "orders", PollingWaitSeconds: 0, VisibilityTimeout: 30 });
  await tdmq.CreateCmqTopic({ TopicName: "news", FilterType: 1 });
  await tdmq.CreateCmqSubscribe({ TopicName: "news", SubscriptionName: "to_orders", Protocol: "queue",
                                  Endpoint: "orders", FilterTag: ["red"] });
  await tdmq.PublishCmqMsg({ TopicName: "news", MsgContent: "hello", MsgTag: ["red"] });
  const { TotalCount, QueueList } = await tdmq.DescribeCmqQueues({ Offset: 0, Limit: 10 });
  console.log(TotalCount, QueueList);
  // "orders" now holds "hello" for a legacy ReceiveMessage on port 9101.
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
