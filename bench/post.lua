-- wrk script for bench/run.sh: the POST the browser sends when the hello app's input changes
-- (Dash renderer 4.x body for the `in.value -> out.children` callback).
wrk.method = "POST"
wrk.path = "/_dash-update-component"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"output":"out.children","outputs":{"id":"out","property":"children"},'
  .. '"inputs":[{"id":"in","property":"value","value":"hello"}],'
  .. '"changedPropIds":["in.value"],"parsedChangedPropsIds":["in.value"]}'
