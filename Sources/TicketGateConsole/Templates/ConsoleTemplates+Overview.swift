extension ConsoleTemplates {
    static let overview = """
        {{<layout}}{{$content}}
        <section>
        <h2>Last 24 hours</h2>
        <p class="legend"><span class="key events"></span> events <span class="key ok"></span> delivered <span class="key dry"></span> dry runs
        <span class="key waiting"></span> pending <span class="key bad"></span> failed or dead <span class="hint">· hours in UTC</span></p>
        {{#chart}}
        <svg class="chart" viewBox="0 0 {{width}} {{height}}" role="img" aria-label="{{caption}}">
        {{#gridlines}}<line class="grid" x1="{{x1}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}"></line><text class="axis" x="0" y="{{labelY}}">{{label}}</text>{{/gridlines}}
        {{#bars}}<rect class="{{kind}}" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{label}}</title></rect>{{/bars}}
        {{#hours}}<text class="axis" x="{{x}}" y="{{y}}">{{text}}</text>{{/hours}}
        </svg>
        {{/chart}}
        <dl class="facts">{{#totals}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/totals}}</dl>
        </section>
        <section>
        <h2>Outcomes by destination</h2>
        <table>
        <thead><tr><th>Destination</th><th>Pending</th><th>Delivered</th><th>Dry run</th><th>Failed</th><th>Dead</th></tr></thead>
        <tbody>
        {{#destinations}}<tr><td><a href="{{href}}">{{name}}</a></td><td>{{pending}}</td><td>{{delivered}}</td><td>{{dryRun}}</td><td>{{failed}}</td><td>{{dead}}</td></tr>{{/destinations}}
        </tbody>
        </table>
        </section>
        <section>
        <h2>Outbox</h2>
        <dl class="facts"><dt>Due now</dt><dd>{{outbox.due}}</dd><dt>Oldest due since</dt><dd>{{#outbox.oldest}}<time datetime="{{iso}}">{{text}}</time>{{/outbox.oldest}}{{^outbox.oldest}}nothing waiting{{/outbox.oldest}}</dd></dl>
        </section>
        <section>
        <h2>Paused destinations</h2>
        {{#paused}}<p class="paused"><a href="/console/destinations">{{name}}</a>: {{reason}} since <time datetime="{{since.iso}}">{{since.text}}</time></p>{{/paused}}
        {{^paused}}<p>None.</p>{{/paused}}
        </section>
        <section>
        <h2>Instances</h2>
        <table>
        <thead><tr><th>Name</th><th>Started</th><th>Last heartbeat</th><th>Running attempts</th><th>State</th></tr></thead>
        <tbody>
        {{#instances}}<tr><td>{{name}}{{#answering}} (this one){{/answering}}</td><td><time datetime="{{started.iso}}">{{started.text}}</time></td><td><time datetime="{{heartbeat.iso}}">{{heartbeat.text}}</time></td><td>{{runningAttempts}}</td><td class="{{stateClass}}">{{state}}</td></tr>{{/instances}}
        </tbody>
        </table>
        </section>
        {{/content}}{{/layout}}
        """
}
