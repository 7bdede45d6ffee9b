extension ConsoleTemplates {
    static let deadLetters = """
        {{<layout}}{{$content}}
        {{#groups}}
        <section class="dead-group">
        <h2>{{destination}} <span class="badge bad">{{count}} failed or dead</span></h2>
        <form method="post" action="{{retryAllAction}}"><input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}"><button type="submit">Retry all of {{destination}}…</button></form>
        <table>
        <thead><tr><th>Delivery</th><th>Event received</th><th>Subject</th><th>Status</th><th>Attempts</th><th>Last attempt</th><th>Failure</th><th></th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>#{{id}}</td><td><a href="{{eventHref}}"><time datetime="{{received.iso}}">{{received.text}}</time></a></td><td>{{subject}}</td><td class="bad">{{status}}</td><td>{{attempts}}</td><td class="last-attempt">{{#lastAttempt}}<time datetime="{{iso}}">{{text}}</time>{{/lastAttempt}}</td><td class="failure">{{reason}}</td>
        <td><form method="post" action="{{retryAction}}"><input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}"><button type="submit">Retry</button></form></td></tr>{{/rows}}
        </tbody>
        </table>
        {{#more}}<p>More than shown: <a href="{{.}}">all events with a dead delivery to {{destination}}</a></p>{{/more}}
        </section>
        {{/groups}}
        {{^groups}}<p>No failed or dead deliveries.</p>{{/groups}}
        {{/content}}{{/layout}}
        """

    static let destinations = """
        {{<layout}}{{$content}}
        <table class="destinations">
        <thead><tr><th>Destination</th><th>Vendor</th><th>URL</th><th>Mode</th><th>Rate limit</th><th>State</th><th>Deliveries</th><th></th></tr></thead>
        <tbody>
        {{#rows}}<tr>
        <td>{{name}}</td><td>{{vendor}}</td><td class="url"><code>{{url}}</code></td><td>{{mode}}</td><td>{{rateLimit}}</td>
        <td class="{{stateClass}}">{{state}}</td>
        <td>{{#counts}}<a class="badge {{statusClass}}" href="{{href}}">{{status}}: {{count}}</a> {{/counts}}</td>
        <td>{{#paused}}<form method="post" action="{{resumeAction}}"><input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}"><button type="submit">Resume</button></form>{{/paused}}{{^paused}}<form method="post" action="{{pauseAction}}"><input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}"><button type="submit">Pause</button></form>{{/paused}}</td>
        </tr>{{/rows}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """

    static let rules = """
        {{<layout}}{{$content}}
        <p>Version in force: <code>{{version}}</code></p>
        <section>
        <h2>Sources</h2>
        <table>
        <thead><tr><th>Source</th><th>Endpoint</th><th>Kind</th><th>Format</th><th>Signature scheme</th></tr></thead>
        <tbody>{{#sources}}<tr><td>{{name}}</td><td><code>{{endpoint}}</code></td><td>{{kind}}</td><td>{{format}}</td><td>{{scheme}}</td></tr>{{/sources}}</tbody>
        </table>
        </section>
        <section class="defaults">
        <h2>Defaults</h2>
        <p class="hint">Every event starts from these; the rules that match change them.</p>
        {{#hasDefaults}}<dl class="facts">{{#defaults}}<dt><code>{{label}}</code></dt><dd>{{value}}</dd>{{/defaults}}</dl>{{/hasDefaults}}
        {{^hasDefaults}}<p>None: the rules choose everything.</p>{{/hasDefaults}}
        </section>
        <section>
        <h2>Rules, in order</h2>
        <ol class="rules">{{#rules}}<li><strong>{{name}}</strong>{{#condition}}: when <code>{{.}}</code>{{/condition}}{{^condition}}: every event{{/condition}} → {{action}}{{#continues}} (then continues){{/continues}}</li>{{/rules}}</ol>
        </section>
        <section id="playground">
        <h2>Playground</h2>
        <p class="hint">Runs a payload through a source's normalization and the rules, without its signature check. Nothing is stored or sent.</p>
        <form method="post" action="/console/rules/playground" class="playground">
          <input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}">
          <label>Source <select name="source">{{#playground.sources}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/playground.sources}}</select></label>
          <label>Content type <input name="content_type" value="{{playground.contentType}}" maxlength="200"></label>
          <label class="wide">Payload <textarea name="payload" rows="12" spellcheck="false">{{playground.payload}}</textarea></label>
          <button type="submit">Explain</button>
        </form>
        {{#playground.output}}<h3>Explanation</h3><pre class="explain" id="explanation">{{.}}</pre>{{/playground.output}}
        </section>
        <section id="preview">
        <h2>Preview a rules change</h2>
        <p class="hint">Paste the changed rules (one file, all sections). They are checked first; then the newest {{preview.eventLimit}} stored events are decided again under them, and every event whose destination, brand, assignee, tags, visibility or drop would change is listed. Nothing is stored or sent; <code>ticketgate preview</code> reads any number of events.</p>
        <form method="post" action="/console/rules/preview" class="playground">
          <input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="back" value="{{frame.here}}">
          <label class="wide">Rules <textarea name="rules" rows="14" spellcheck="false">{{preview.rules}}</textarea></label>
          <button type="submit">Preview</button>
        </form>
        {{#preview.output}}<h3>What would change</h3><pre class="preview" id="preview-output">{{.}}</pre>{{/preview.output}}
        </section>
        {{/content}}{{/layout}}
        """
}
