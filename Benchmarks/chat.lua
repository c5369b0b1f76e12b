-- wrk: non-streamed chat completions against BlueprintServer (key from Benchmarks/run.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token-0123456789"
wrk.body = '{"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Hello there, how are you today?"}]}'
