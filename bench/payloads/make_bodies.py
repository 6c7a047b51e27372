#!/usr/bin/env python3
"""Writes the request bodies of bench/payloads.sh into a folder: small.json (the echo callback),
figure.json (40,000 points asked for) and store.json (a ~1 MB dcc.Store posted as State), and
figure-tree.json / store-tree.json for the same callbacks written with JsonCpp trees."""
import json
import sys

out = sys.argv[1]


def body(output, outputs, inputs, state=None):
    b = {"output": output, "outputs": outputs, "inputs": inputs,
         "changedPropIds": [inputs[0]["id"] + "." + inputs[0]["property"]]}
    if state is not None:
        b["state"] = state
    return json.dumps(b, separators=(",", ":"))


records, size = [], 0
while size < 1_000_000:
    i = len(records)
    record = {"id": i, "label": "row %d" % i, "value": i * 1.25 + 0.1, "ok": i % 3 == 0}
    records.append(record)
    size += len(json.dumps(record, separators=(",", ":"))) + 1

cases = {
    "small": body("out.children", {"id": "out", "property": "children"},
                  [{"id": "in", "property": "value", "value": "hello"}]),
    "figure": body("graph.figure", {"id": "graph", "property": "figure"},
                   [{"id": "points", "property": "value", "value": 40000}]),
    "store": body("store-size.children", {"id": "store-size", "property": "children"},
                  [{"id": "measure", "property": "n_clicks", "value": 1}],
                  [{"id": "store", "property": "data", "value": records}]),
    "figure-tree": body("graph-tree.figure", {"id": "graph-tree", "property": "figure"},
                        [{"id": "points", "property": "value", "value": 40000}]),
    "store-tree": body("store-size-tree.children", {"id": "store-size-tree", "property": "children"},
                       [{"id": "measure", "property": "n_clicks", "value": 1}],
                       [{"id": "store", "property": "data", "value": records}]),
}
for name, text in cases.items():
    with open("%s/%s.json" % (out, name), "w") as f:
        f.write(text)
print(len(records))
