"""An independent Open Inference Protocol client: Debian's grpcio with stubs generated from KServe's proto.

Usage: python3 kserve_grpc_client.py TARGET PROTO_DIR OUT_DIR
Calls every RPC of GRPCInferenceService on LiftWing and prints one JSON object of what came back; the C# test
(GrpcPythonClientTests) asserts on it.
"""
import json
import struct
import sys

from grpc_tools import protoc

target, proto_dir, out_dir = sys.argv[1:4]
if protoc.main(["protoc", "-I" + proto_dir, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
                proto_dir + "/grpc_predict_v2.proto"]) != 0:
    raise SystemExit("protoc failed")
sys.path.insert(0, out_dir)

import grpc  # noqa: E402
import grpc_predict_v2_pb2 as pb  # noqa: E402
import grpc_predict_v2_pb2_grpc as pbg  # noqa: E402

channel = grpc.insecure_channel(target)
stub = pbg.GRPCInferenceServiceStub(channel)
out = {}


def code_of(call):
    try:
        call()
        return "OK"
    except grpc.RpcError as e:
        return e.code().name + ": " + e.details()


out["live"] = stub.ServerLive(pb.ServerLiveRequest()).live
out["ready"] = stub.ServerReady(pb.ServerReadyRequest()).ready
meta = stub.ServerMetadata(pb.ServerMetadataRequest())
out["server"] = {"name": meta.name, "extensions": list(meta.extensions)}
out["model_ready"] = stub.ModelReady(pb.ModelReadyRequest(name="example-linear")).ready
out["broken_ready"] = stub.ModelReady(pb.ModelReadyRequest(name="broken")).ready
m = stub.ModelMetadata(pb.ModelMetadataRequest(name="example-linear"))
out["metadata"] = {"name": m.name, "platform": m.platform, "versions": list(m.versions),
                   "inputs": [[t.name, t.datatype, list(t.shape)] for t in m.inputs],
                   "outputs": [[t.name, t.datatype, list(t.shape)] for t in m.outputs]}

features = [0.5, -1.0, 2.0, 0.25, 1.0, 1.0, -0.5, 3.0]
req = pb.ModelInferRequest(model_name="example-linear", id="py-1")
inp = req.inputs.add(name="input", datatype="FP32", shape=[2, 4])
inp.contents.fp32_contents.extend(features)
r = stub.ModelInfer(req, metadata=[("x-request-id", "py-req-1"), ("user-agent-extra", "python")])
out["infer_contents"] = {"id": r.id, "model_name": r.model_name, "model_version": r.model_version,
                         "outputs": {o.name: {"datatype": o.datatype, "shape": list(o.shape),
                                              "fp32": list(o.contents.fp32_contents),
                                              "int64": list(o.contents.int64_contents)} for o in r.outputs},
                         "raw_count": len(r.raw_output_contents)}

raw = pb.ModelInferRequest(model_name="example-linear")
raw.inputs.add(name="input", datatype="FP32", shape=[2, 4])
raw.raw_input_contents.append(struct.pack("<8f", *features))
raw.outputs.add(name="probabilities")
r = stub.ModelInfer(raw)
o = r.outputs[0]
out["infer_raw"] = {"names": [x.name for x in r.outputs], "datatype": o.datatype, "shape": list(o.shape),
                    "values": list(struct.unpack("<%df" % (len(r.raw_output_contents[0]) // 4), r.raw_output_contents[0])),
                    "contents_empty": len(o.contents.fp32_contents) == 0}

v1 = pb.ModelInferRequest(model_name="echo")
v1.inputs.add(name="input", datatype="BYTES", shape=[1]).contents.bytes_contents.append(
    json.dumps({"page_id": 5355, "lang": "en"}).encode())
r = stub.ModelInfer(v1)
out["v1_contents"] = {"name": r.outputs[0].name, "datatype": r.outputs[0].datatype,
                      "json": json.loads(r.outputs[0].contents.bytes_contents[0])}

body = json.dumps({"lang": "ünï"}).encode()
v1raw = pb.ModelInferRequest(model_name="echo")
v1raw.inputs.add(name="input", datatype="BYTES", shape=[1])
v1raw.raw_input_contents.append(struct.pack("<I", len(body)) + body)
r = stub.ModelInfer(v1raw)
blob = r.raw_output_contents[0]
(n,) = struct.unpack("<I", blob[:4])
out["v1_raw"] = {"length_ok": n == len(blob) - 4, "json": json.loads(blob[4:4 + n])}

# Request metadata reaches the model as headers (and x-request-id as the request id), on both paths.
probe = [("x-request-id", "py-meta-1"), ("x-liftwing-probe", "from-python")]
hdr = pb.ModelInferRequest(model_name="echo")
hdr.inputs.add(name="input", datatype="BYTES", shape=[1]).contents.bytes_contents.append(
    json.dumps({"echo_headers": ["x-liftwing-probe"]}).encode())
r = stub.ModelInfer(hdr, metadata=probe)
out["metadata_v1"] = json.loads(r.outputs[0].contents.bytes_contents[0])
st = pb.ModelInferRequest(model_name="spec-vector")
st.parameters["echo_header"].string_param = "x-liftwing-probe"
st.inputs.add(name="input0", datatype="UINT32", shape=[2, 2]).contents.uint_contents.extend([1, 2, 3, 4])
st.inputs.add(name="input1", datatype="BOOL", shape=[3]).contents.bool_contents.extend([True, False, True])
r = stub.ModelInfer(st, metadata=probe)
out["metadata_tensor"] = {"header": r.parameters["header"].string_param,
                          "request_id": r.parameters["request_id"].string_param}

# FP16 and BF16 raw contents: through a float16/bfloat16 graph unchanged, and widened for an FP32 model.
half = pb.ModelInferRequest(model_name="half-identity")
half.inputs.add(name="h", datatype="FP16", shape=[1])
half.inputs.add(name="b", datatype="BF16", shape=[2])
half.raw_input_contents.extend([struct.pack("<e", 1.5), bytes([0xC0, 0x3F, 0x49, 0x40])])
r = stub.ModelInfer(half)
out["half"] = {o.name: [o.datatype, r.raw_output_contents[i].hex()] for i, o in enumerate(r.outputs)}
widened = pb.ModelInferRequest(model_name="example-linear")
widened.inputs.add(name="input", datatype="BF16", shape=[2, 4])
widened.raw_input_contents.append(b"".join(struct.pack("<f", f)[2:] for f in features))
widened.outputs.add(name="probabilities")
r = stub.ModelInfer(widened)
out["bf16_widened"] = list(struct.unpack("<6f", r.raw_output_contents[0]))

bad_type = pb.ModelInferRequest(model_name="example-linear")
bad_type.inputs.add(name="input", datatype="INT32", shape=[1, 4]).contents.int_contents.extend([1, 2, 3, 4])
bad_raw = pb.ModelInferRequest(model_name="example-linear")
bad_raw.inputs.add(name="input", datatype="FP32", shape=[1, 4])
bad_raw.raw_input_contents.extend([b"\0" * 16, b"\0" * 16])
short_raw = pb.ModelInferRequest(model_name="example-linear")
short_raw.inputs.add(name="input", datatype="FP32", shape=[1, 4])
short_raw.raw_input_contents.append(b"\0" * 15)
crash = pb.ModelInferRequest(model_name="echo")
crash.inputs.add(name="input", datatype="BYTES", shape=[1]).contents.bytes_contents.append(b'{"fail": 1}')
not_json = pb.ModelInferRequest(model_name="echo")
not_json.inputs.add(name="input", datatype="BYTES", shape=[1]).contents.bytes_contents.append(b'{"fail"')
out["errors"] = {
    "datatype": code_of(lambda: stub.ModelInfer(bad_type)),
    "raw_count": code_of(lambda: stub.ModelInfer(bad_raw)),
    "raw_size": code_of(lambda: stub.ModelInfer(short_raw)),
    "not_json": code_of(lambda: stub.ModelInfer(not_json)),
    "unknown_model": code_of(lambda: stub.ModelInfer(pb.ModelInferRequest(model_name="nope"))),
    "unknown_ready": code_of(lambda: stub.ModelReady(pb.ModelReadyRequest(name="nope"))),
    "not_ready": code_of(lambda: stub.ModelInfer(pb.ModelInferRequest(model_name="broken"))),
    "internal": code_of(lambda: stub.ModelInfer(crash)),
    "unimplemented": code_of(lambda: channel.unary_unary("/inference.GRPCInferenceService/ModelStreamInfer")(b"")),
}

out["unload"] = stub.RepositoryModelUnload(pb.RepositoryModelUnloadRequest(model_name="echo")).isUnloaded
out["after_unload"] = code_of(lambda: stub.ModelInfer(v1))
out["load"] = stub.RepositoryModelLoad(pb.RepositoryModelLoadRequest(model_name="echo")).isLoaded
out["after_load"] = json.loads(stub.ModelInfer(v1).outputs[0].contents.bytes_contents[0])
print(json.dumps(out))
