const tencentcloud = require("tencentcloud-sdk-nodejs");

async function main() {
  const client = new tencentcloud.trocket.v20230308.Client({
    credential: { secretId: "AKIDmqmock00000000000000000000000001", secretKey: "mqmock-secret-key" },
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: "127.0.0.1:9102", protocol: "http://" } },
  });
  console.log(await client.DescribeInstanceList({ Offset: 0, Limit: 10 }));
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
