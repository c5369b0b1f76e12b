-- wrk: streamed chat completions of 20 tokens (one SSE event per token) against BlueprintServer.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token-0123456789"
wrk.body = '{"model":"gpt-4o-mini","stream":true,"max_tokens":20,"messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Hello there, how are you today?"}]}'
