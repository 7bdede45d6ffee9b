extension ConsoleTemplates {
    static let event = """
        {{<layout}}{{$content}}
        <section class="actions">
          <form method="post" action="{{replayAction}}">
            <input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}">
            <button type="submit">Replay through the rules in force</button>
            <label><input type="checkbox" name="force" value="true"> even if it was delivered (opens a new ticket)</label>
          </form>
        </section>
        <section>
        <h2>Event</h2>
        <dl class="facts">{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        {{#text}}<h3>Message</h3><pre class="body">{{.}}</pre>{{/text}}
        {{#hasFields}}<h3>Fields</h3><dl class="facts">{{#fields}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/fields}}</dl>{{/hasFields}}
        {{#hasTranscript}}<h3>Transcript</h3><ol class="transcript">{{#transcript}}<li><span class="who">{{author}}</span> {{#at}}<time datetime="{{iso}}">{{text}}</time>{{/at}}<pre>{{text}}</pre></li>{{/transcript}}</ol>{{/hasTranscript}}
        {{#hasThread}}<h3>Thread keys</h3><dl class="facts">{{#thread}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/thread}}</dl>{{/hasThread}}
        {{#hasAttachments}}<h3>Attachments</h3><ul>{{#attachments}}<li>{{name}} ({{contentType}}, {{size}})</li>{{/attachments}}</ul>{{/hasAttachments}}
        </section>
        <section>
        <h2>Decision</h2>
        {{#decision}}
        <p>Outcome: <span class="badge {{outcomeClass}}">{{outcome}}</span> {{#detail}}— {{.}}{{/detail}}</p>
        <p>Decided by rules version <code>{{decidedVersion}}</code>; rules that matched then: {{matched}}.</p>
        <h3>Rule trace</h3>
        <p class="hint">{{traceNote}}</p>
        <table class="trace">
        <thead><tr><th>Rule</th><th>Result</th><th>First condition that failed</th></tr></thead>
        <tbody>{{#trace}}<tr><td>{{rule}}</td><td class="{{resultClass}}">{{result}}</td><td><code>{{failed}}</code></td></tr>{{/trace}}</tbody>
        </table>
        {{/decision}}
        </section>
        <section>
        <h2>Deliveries</h2>
        {{#deliveries}}
        <article class="delivery" id="delivery-{{id}}">
        <h3>#{{id}} to {{destination}} <span class="badge {{statusClass}}">{{status}}</span></h3>
        <dl class="facts"><dt>Attempts</dt><dd>{{attempts}}</dd>{{#nextAttempt}}<dt>Next attempt</dt><dd><time datetime="{{iso}}">{{text}}</time></dd>{{/nextAttempt}}{{#ticket}}<dt>Vendor ticket</dt><dd>{{.}}</dd>{{/ticket}}{{#lastFailure}}<dt>Last failure</dt><dd>{{.}}</dd>{{/lastFailure}}</dl>
        {{#retryable}}<form method="post" action="{{retryAction}}"><input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}"><button type="submit">Retry this delivery</button></form>{{/retryable}}
        {{#hasCalls}}<table class="calls"><thead><tr><th>Time</th><th>Request</th><th>Vendor status</th><th>Vendor request id</th><th>Duration</th><th>Failure</th></tr></thead>
        <tbody>{{#calls}}<tr><td><time datetime="{{at.iso}}">{{at.text}}</time></td><td><code>{{request}}</code></td><td>{{status}}</td><td>{{requestID}}</td><td>{{duration}}</td><td>{{failure}}</td></tr>
        {{#hasBodies}}<tr class="bodies"><td></td><td colspan="5"><details><summary>What was sent and answered</summary>{{#requestBody}}<h4>Request body</h4><pre class="request-body">{{.}}</pre>{{/requestBody}}{{#responseBody}}<h4>Response body</h4><pre class="response-body">{{.}}</pre>{{/responseBody}}</details></td></tr>{{/hasBodies}}{{/calls}}</tbody></table>{{/hasCalls}}
        {{#hasDryRun}}<h4>Requests of the dry run</h4>{{#dryRun}}<details open><summary><code>{{line}}</code></summary><pre>{{headers}}</pre>{{#body}}<pre class="body">{{.}}</pre>{{/body}}</details>{{/dryRun}}{{/hasDryRun}}
        </article>
        {{/deliveries}}
        {{^deliveries}}<p>No deliveries.</p>{{/deliveries}}
        </section>
        <section>
        <h2>Audit</h2>
        <ol class="audit">{{#audit}}<li><time datetime="{{at.iso}}">{{at.text}}</time> <span class="stage">{{stage}}</span>{{#delivery}} <a href="#delivery-{{.}}">#{{.}}</a>{{/delivery}} {{summary}}</li>{{/audit}}</ol>
        </section>
        {{/content}}{{/layout}}
        """
}
