/// The `/docs` page: one self-contained HTML document (no CDN, no external fetch) that lists the endpoints and lets a
/// person type a prompt and watch a chat completion stream in.
enum DocsPage {
    static func html(name: String, version: String) -> [UInt8] {
        Array(
            template.replacingAll("{{NAME}}", with: escape(name)).replacingAll("{{VERSION}}", with: escape(version))
                .utf8)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static let template = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{NAME}} {{VERSION}} · API docs</title>
        <style>
        body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f6f7f9; }
        header { background: #1d232a; color: #fff; padding: 16px 32px; }
        header h1 { margin: 0; font-size: 20px; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 32px; }
        section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
        table { border-collapse: collapse; width: 100%; }
        td { padding: 4px 8px; border-bottom: 1px solid #eef0f3; vertical-align: top; }
        code { background: #eef0f3; padding: 1px 4px; border-radius: 4px; }
        label { display: block; margin: 8px 0 4px; font-weight: 600; }
        input, select, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 6px 8px; }
        button { margin-top: 12px; padding: 8px 18px; font: inherit; cursor: pointer; }
        #output { white-space: pre-wrap; min-height: 80px; background: #0f1419; color: #e6e1cf; padding: 12px;
                  border-radius: 6px; margin-top: 12px; font-family: ui-monospace, monospace; }
        #status { color: #5c6773; margin-top: 8px; }
        </style>
        </head>
        <body>
        <header><h1>{{NAME}} <small>{{VERSION}}</small> — an OpenAI-compatible API</h1></header>
        <main>
        <section>
        <h2>Try a streaming chat completion</h2>
        <label for="key">API key</label>
        <input id="key" type="password" placeholder="the key the server printed, or one from API_AUTH_TOKENS">
        <label for="model">Model</label>
        <select id="model"><option>gpt-4o-mini</option></select>
        <label for="prompt">Prompt</label>
        <textarea id="prompt" rows="3">Tell me about the sea.</textarea>
        <button id="send">Send</button>
        <div id="status"></div>
        <div id="output"></div>
        </section>
        <section>
        <h2>Endpoints</h2>
        <table>
        <tr><td><code>GET /v1/models</code></td><td>List models</td></tr>
        <tr><td><code>GET /v1/models/{id}</code></td><td>One model</td></tr>
        <tr><td><code>POST /v1/chat/completions</code></td><td>Chat completions, streamed with <code>"stream": true</code></td></tr>
        <tr><td><code>POST /v1/completions</code></td><td>Legacy completions</td></tr>
        <tr><td><code>POST /v1/embeddings</code></td><td>Embeddings (float or base64)</td></tr>
        <tr><td><code>POST /v1/responses</code></td><td>Responses API</td></tr>
        <tr><td><code>GET /health</code>, <code>GET /health/ready</code></td><td>Liveness and readiness</td></tr>
        <tr><td><code>GET /metrics</code></td><td>Prometheus metrics</td></tr>
        <tr><td><code>GET /openapi.json</code></td><td>The OpenAPI 3.1 document</td></tr>
        </table>
        <p>Send <code>Authorization: Bearer &lt;key&gt;</code> on every <code>/v1</code> call.
        Contract-testing headers: <code>x-mock-ttft-ms</code>, <code>x-mock-itl-ms</code>, <code>x-mock-jitter-ms</code>,
        <code>x-mock-error</code>, <code>x-mock-truncate-after</code>, <code>x-mock-disconnect-after</code>.</p>
        </section>
        </main>
        <script>
        const $ = (id) => document.getElementById(id);
        $("key").value = sessionStorage.getItem("blueprint-key") || "";
        async function loadModels() {
          const key = $("key").value.trim();
          if (!key) return;
          const response = await fetch("/v1/models", { headers: { Authorization: "Bearer " + key } });
          if (!response.ok) return;
          const body = await response.json();
          const select = $("model");
          const current = select.value;
          select.innerHTML = "";
          for (const model of body.data) {
            const option = document.createElement("option");
            option.textContent = model.id;
            if (model.id === current) option.selected = true;
            select.appendChild(option);
          }
        }
        $("key").addEventListener("change", () => { sessionStorage.setItem("blueprint-key", $("key").value.trim()); loadModels(); });
        loadModels();
        $("send").addEventListener("click", async () => {
          const key = $("key").value.trim();
          $("output").textContent = "";
          $("status").textContent = "Waiting for the first token…";
          const started = performance.now();
          let response;
          try {
            response = await fetch("/v1/chat/completions", {
              method: "POST",
              headers: { "Content-Type": "application/json", Authorization: "Bearer " + key },
              body: JSON.stringify({ model: $("model").value, stream: true, stream_options: { include_usage: true },
                                     messages: [{ role: "user", content: $("prompt").value }] }),
            });
          } catch (error) { $("status").textContent = "Request failed: " + error; return; }
          if (!response.ok) {
            const body = await response.json().catch(() => ({}));
            $("status").textContent = "Error " + response.status + ": " + ((body.error && body.error.message) || "");
            return;
          }
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = "", first = true, usage = null;
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              const event = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              for (const line of event.split("\n")) {
                if (!line.startsWith("data: ")) continue;
                const data = line.slice(6);
                if (data === "[DONE]") continue;
                const chunk = JSON.parse(data);
                if (chunk.usage) usage = chunk.usage;
                for (const choice of chunk.choices || []) {
                  if (choice.delta && choice.delta.content) {
                    if (first) { first = false; $("status").textContent = "First token after " + Math.round(performance.now() - started) + " ms"; }
                    $("output").textContent += choice.delta.content;
                  }
                }
              }
            }
          }
          $("status").textContent += usage ? " · " + usage.completion_tokens + " tokens, done" : " · done";
          document.body.dataset.streamDone = "true";
        });
        </script>
        </body>
        </html>
        """#
}

extension String {
    /// The string with every occurrence of `target` replaced.
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
