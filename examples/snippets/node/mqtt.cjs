const RPCClient = require("@alicloud/pop-core").RPCClient;

async function main() {
  const mqtt = new RPCClient({
    accessKeyId: "LTAImqmock0000000000001", accessKeySecret: "mqmock-secret-key",
    endpoint: "http://127.0.0.1:9104", apiVersion: "2020-04-20",
  });
  console.log(await mqtt.request("ListGroupId", { InstanceId: "post-cn-mqmock00001" }, { method: "POST" }));
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
