#!/usr/bin/env python3
"""Fails if any workspace crate other than src-tauri (motcua-desk) depends on tauri,
directly or through other crates: the core must stay usable by the CLI and server."""
import json
import subprocess
import sys

meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"]))
names = {p["id"]: p["name"] for p in meta["packages"]}
deps = {n["id"]: [d["pkg"] for d in n["deps"]] for n in meta["resolve"]["nodes"]}
ALLOWED = "motcua-desk"

bad = []
for member in meta["workspace_members"]:
    if names[member] == ALLOWED:
        continue
    seen, stack = set(), [member]
    while stack:
        node = stack.pop()
        for d in deps.get(node, []):
            if d not in seen:
                seen.add(d)
                stack.append(d)
    tauri = sorted({names[d] for d in seen if names[d] == "tauri" or names[d].startswith("tauri-")})
    if tauri:
        bad.append(f"{names[member]} depends on {', '.join(tauri)}")

members = sorted(names[m] for m in meta["workspace_members"])
if ALLOWED not in members:
    bad.append(f"{ALLOWED} is not a workspace member")
if bad:
    print("only src-tauri may depend on tauri:\n  " + "\n  ".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"ok: of {', '.join(members)}, only {ALLOWED} depends on tauri")
