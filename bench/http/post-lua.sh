# Sourced by lib.sh and model-bodies.sh. post_lua FILE.json: writes FILE.lua, a wrk script that POSTs the file's bytes as JSON.
post_lua() { printf 'local f = io.open("%s", "rb")\nwrk.method = "POST"\nwrk.body = f:read("*a")\nf:close()\nwrk.headers["Content-Type"] = "application/json"\n' "$1" >"${1%.json}.lua"; }
