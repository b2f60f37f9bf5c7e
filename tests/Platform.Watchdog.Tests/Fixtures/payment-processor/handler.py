# The project's own fixture in the shape of the article's payment processor: the classic handle(req)
# signature, answering with a dict that carries statusCode and a JSON string body.
import json
import os


def handle(req):
    try:
        payload = json.loads(req)
        transaction_id = payload.get("tx_id")
        if not transaction_id or not transaction_id.startswith("NO"):
            return {
                "statusCode": 400,
                "body": json.dumps({"error": "Invalid Norwegian Transaction ID"}),
            }
        return {
            "statusCode": 200,
            "body": json.dumps({"status": "processed", "region": "Oslo-DC1", "node": os.getenv("HOSTNAME")}),
        }
    except Exception as e:
        return {"statusCode": 500, "body": str(e)}
