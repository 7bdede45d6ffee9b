extension ConsoleTemplates {
    static let events = """
        {{<layout}}{{$content}}
        <form method="get" action="/console/events" class="filter" role="search">
          <label>Status <select name="status"><option value="">any</option>{{#filter.statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/filter.statuses}}</select></label>
          <label>Source <select name="source"><option value="">any</option>{{#filter.sources}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/filter.sources}}</select></label>
          <label>Destination <select name="destination"><option value="">any</option>{{#filter.destinations}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/filter.destinations}}</select></label>
          <label>Rule <select name="rule"><option value="">any</option>{{#filter.rules}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/filter.rules}}</select></label>
          <label>From <input type="date" name="since" value="{{filter.since}}"></label>
          <label>Before <input type="date" name="until" value="{{filter.until}}"></label>
          <label class="wide">Sender or subject <input type="search" name="text" value="{{filter.text}}" maxlength="200"></label>
          <button type="submit">Filter</button> <a href="/console/events">Clear</a>
        </form>
        {{#error}}<p class="error" role="alert">{{.}}</p>{{/error}}
        <table class="events">
        <thead><tr><th>Received</th><th>Source</th><th>Sender</th><th>Subject</th><th>Decision</th><th>Rules</th><th>Deliveries</th></tr></thead>
        <tbody>
        {{#rows}}<tr>
        <td><a href="{{href}}"><time datetime="{{received.iso}}">{{received.text}}</time></a></td>
        <td>{{source}}</td><td>{{sender}}</td><td class="subject"><a href="{{href}}">{{subject}}</a></td>
        <td class="{{outcomeClass}}">{{outcome}}</td><td>{{rules}}</td>
        <td>{{#deliveries}}<span class="badge {{statusClass}}">{{destination}}: {{status}}</span> {{/deliveries}}</td>
        </tr>{{/rows}}
        {{^rows}}<tr><td colspan="7">No events match.</td></tr>{{/rows}}
        </tbody>
        </table>
        <p class="pager">{{#first}}<a href="{{.}}">Newest</a>{{/first}} {{#previous}}<a href="{{.}}" rel="prev">Newer</a>{{/previous}} {{#next}}<a href="{{.}}" rel="next">Older</a>{{/next}}{{#total}}<span class="total">{{.}}</span>{{/total}}</p>
        {{/content}}{{/layout}}
        """
}
